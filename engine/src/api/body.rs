//! Reading a request body as the JSON object every write endpoint expects.

use serde_json::{Map, Value};

use super::{error::ResourceError, ApiCall};

/// The body as a JSON object, or why it is not one.
pub(crate) fn parse_json_object(call: &ApiCall) -> Result<Map<String, Value>, ResourceError> {
    if let Some(kind) = call.content_type {
        if !kind.to_ascii_lowercase().contains("json") {
            return Err(ResourceError::NotJsonContentType { content_type: kind.to_string() });
        }
    }
    if call.body.iter().all(u8::is_ascii_whitespace) {
        return Err(ResourceError::EmptyBody);
    }
    match serde_json::from_slice(call.body) {
        Ok(Value::Object(object)) => Ok(object),
        Ok(_) => Err(ResourceError::BodyNotJsonObject),
        Err(e) => Err(ResourceError::InvalidJson { reason: e.to_string() }),
    }
}

/// The first key not in `known`. `within` names the object holding the
/// keys; `None` at the top level.
pub(crate) fn unknown_field(object: &Map<String, Value>, within: Option<&str>, known: &[&str]) -> Result<(), ResourceError> {
    match object.keys().find(|k| !known.contains(&k.as_str())) {
        Some(key) => Err(ResourceError::UnknownField { within: within.map(String::from), field: key.clone() }),
        None => Ok(()),
    }
}

/// A field that must be a non-blank string of at most `max` characters.
pub(crate) fn text(value: &Value, field: &str, max: usize) -> Result<String, ResourceError> {
    match value.as_str() {
        Some(s) if !s.trim().is_empty() && s.chars().count() <= max => Ok(s.to_string()),
        Some(s) if !s.trim().is_empty() => Err(ResourceError::TooLong { field: field.into(), max_chars: max }),
        _ => Err(ResourceError::InvalidField { field: field.into(), expected: super::error::Expected::Text }),
    }
}
