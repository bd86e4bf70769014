//! The custom fields a movie form may show (`GET /custom-fields`), and the
//! check of their values when a movie is sent with them. Their own module,
//! so the movie input reads them without depending on the other lists.

use serde::Serialize;
use serde_json::Value;

use super::catalog::only_get;
use super::error::{Expected, ResourceError};
use super::ApiCall;
use crate::Response;

/// A custom field in Make's parameter style.
#[derive(Serialize)]
struct CustomField {
    name: &'static str,
    label: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    help: &'static str,
    required: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    options: Vec<Choice>,
}

#[derive(Serialize)]
struct Choice {
    label: &'static str,
    value: &'static str,
}

/// `(name, label, type, help)`.
const CUSTOM_FIELDS: &[(&str, &str, &str, &str)] = &[
    ("rating", "Rating", "uinteger", "Your rating from 1 to 10."),
    ("watched", "Watched", "boolean", "Whether you have seen it."),
    ("note", "Note", "text", "Up to 500 characters."),
    ("platform", "Platform", "select", "Where you watch it."),
];
const PLATFORMS: &[(&str, &str)] = &[("cinema", "Cinema"), ("streaming", "Streaming"), ("tv", "TV"), ("disc", "Blu-ray or DVD")];

pub fn custom_fields(call: &ApiCall) -> Result<Response, ResourceError> {
    only_get(call, || {
        CUSTOM_FIELDS
            .iter()
            .map(|&(name, label, kind, help)| CustomField {
                name,
                label,
                kind,
                help,
                required: false,
                options: match kind {
                    "select" => PLATFORMS.iter().map(|&(value, label)| Choice { label, value }).collect(),
                    _ => Vec::new(),
                },
            })
            .collect()
    })
}

/// Checks a custom-field value sent with a movie; `None` when `name` is not
/// a custom field. Null means "not set" and is always fine.
pub fn check_custom_field(name: &str, value: &Value) -> Option<Result<(), ResourceError>> {
    let (valid, expected) = match name {
        "rating" => (value.as_u64().is_some_and(|n| (1..=10).contains(&n)), Expected::Rating),
        "watched" => (value.is_boolean(), Expected::Boolean),
        "note" => (value.as_str().is_some_and(|s| s.chars().count() <= 500), Expected::Note),
        "platform" => (value.as_str().is_some_and(|s| PLATFORMS.iter().any(|(v, _)| *v == s)), Expected::Platform),
        _ => return None,
    };
    Some(if valid || value.is_null() { Ok(()) } else { Err(ResourceError::InvalidField { field: name.into(), expected }) })
}

