//! Form coding (`application/x-www-form-urlencoded`, which is also how a
//! query string reads) and the fields of a request body.

use super::url::{percent_decode, percent_encode};

/// `a=1&b=x+y` into decoded pairs. A key without `=` has an empty value.
pub fn parse_form(s: &str) -> Vec<(String, String)> {
    s.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (percent_decode(k, true), percent_decode(v, true)),
            None => (percent_decode(p, true), String::new()),
        })
        .collect()
}

/// Pairs into a form body, `a=1&b=x+y`.
pub fn encode_form(pairs: &[(&str, &str)]) -> String {
    pairs.iter().map(|(k, v)| format!("{}={}", encode_form_value(k), encode_form_value(v))).collect::<Vec<_>>().join("&")
}

/// One form key or value, spaces as `+`. A literal `%` is `%25` and a literal
/// `+` is `%2B`, so every `%20` left is a space.
pub(crate) fn encode_form_value(s: &str) -> String {
    percent_encode(s).replace("%20", "+")
}

/// The fields of a `/token`, `/refresh` or consent body: JSON or form-encoded,
/// chosen by `Content-Type`, sniffed when there is none. `None` when the body
/// is neither. In JSON, strings are taken as they are, numbers and booleans as
/// their text, and `null`, arrays and objects as absent.
pub fn body_fields(content_type: Option<&str>, body: &[u8]) -> Option<Vec<(String, String)>> {
    let media = content_type.map(|c| c.split(';').next().unwrap_or("").trim().to_ascii_lowercase());
    let text = std::str::from_utf8(body).ok()?;
    let is_json = match media.as_deref() {
        Some("application/json") => true,
        Some(m) if m.starts_with("application/") && m.ends_with("+json") => true,
        Some("application/x-www-form-urlencoded") => false,
        Some(_) => return None,
        None => text.trim_start().starts_with('{'),
    };
    if is_json {
        let value: serde_json::Value = serde_json::from_slice(text.as_bytes()).ok()?;
        let object = value.as_object()?;
        Some(
            object
                .iter()
                .filter_map(|(k, v)| match v {
                    serde_json::Value::String(s) => Some((k.clone(), s.clone())),
                    serde_json::Value::Number(n) => Some((k.clone(), n.to_string())),
                    serde_json::Value::Bool(b) => Some((k.clone(), b.to_string())),
                    _ => None,
                })
                .collect(),
        )
    } else if media.is_none() && !text.trim().is_empty() && !text.contains('=') {
        // Sniffing: text that is not a form (`key=value`) is not accepted.
        None
    } else {
        Some(parse_form(text.trim()))
    }
}
