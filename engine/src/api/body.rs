//! Reading a request body as the JSON object every write endpoint expects.

use serde_json::{Map, Value};

use super::{reply::echo, ApiCall};

/// The body as a JSON object, or the message saying what to send instead.
pub(crate) fn parse_json_object(call: &ApiCall) -> Result<Map<String, Value>, String> {
    if let Some(kind) = call.content_type {
        if !kind.to_ascii_lowercase().contains("json") {
            return Err("Send the body as JSON with Content-Type: application/json.".into());
        }
    }
    if call.body.iter().all(u8::is_ascii_whitespace) {
        return Err("The body is empty; send a JSON object.".into());
    }
    match serde_json::from_slice(call.body) {
        Ok(Value::Object(object)) => Ok(object),
        Ok(_) => Err("The body must be a JSON object.".into()),
        Err(e) => Err(format!("The body is not valid JSON: {e}.")),
    }
}

/// The first key not in `known`, as the message naming it.
pub(crate) fn unknown_field(object: &Map<String, Value>, prefix: &str, known: &[&str]) -> Result<(), String> {
    match object.keys().find(|k| !known.contains(&k.as_str())) {
        Some(key) => Err(format!("Unknown field: {prefix}{}.", echo(key))),
        None => Ok(()),
    }
}

/// A field that must be a non-blank string of at most `max` characters.
pub(crate) fn text(value: &Value, what: &str, max: usize) -> Result<String, String> {
    match value.as_str() {
        Some(s) if !s.trim().is_empty() && s.chars().count() <= max => Ok(s.to_string()),
        Some(s) if !s.trim().is_empty() => Err(format!("{what} must be at most {max} characters.")),
        _ => Err(format!("{what} must be a non-empty string.")),
    }
}
