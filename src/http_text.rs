//! Small text helpers for the screen: status lines and classes, URL parts,
//! pretty JSON that keeps key order (the raw HTTP and curl renderings come
//! from the engine).

use academy_engine::http::{pretty_json as reindent, reason_phrase};
use academy_engine::{BASE_PATH, BASE_URL, HOST};

/// `200 OK`.
pub fn status_text(status: u16) -> String {
    format!("{status} {}", reason_phrase(status)).trim_end().to_string()
}

/// The broad class of a status, for styling and filtering: `2xx` … `5xx`.
pub fn status_class(status: u16) -> &'static str {
    match status {
        100..=199 => "1xx",
        200..=299 => "2xx",
        300..=399 => "3xx",
        400..=499 => "4xx",
        _ => "5xx",
    }
}

/// The request's URL as the real service would see it.
pub fn absolute_url(url: &str) -> String {
    let url = url.trim();
    if url.starts_with("http://") || url.starts_with("https://") {
        url.to_string()
    } else if url.starts_with(BASE_PATH) {
        format!("https://{HOST}{url}")
    } else if url.starts_with('/') {
        format!("{BASE_URL}{url}")
    } else {
        format!("{BASE_URL}/{url}")
    }
}

/// Path and query of a URL, the part after the host.
pub fn path_of(url: &str) -> String {
    let abs = absolute_url(url);
    let rest = abs.split_once("://").map(|(_, r)| r).unwrap_or(&abs);
    match rest.find('/') {
        Some(i) => rest[i..].to_string(),
        None => "/".to_string(),
    }
}

/// The host of a URL (the simulated service unless another was typed).
pub fn host_of(url: &str) -> String {
    let abs = absolute_url(url);
    let rest = abs.split_once("://").map(|(_, r)| r).unwrap_or(&abs);
    rest.split(['/', '?', '#']).next().unwrap_or(HOST).to_string()
}

/// Pretty JSON (key order kept) when the text is JSON; `None` otherwise.
pub fn pretty_json(text: &str) -> Option<String> {
    let trimmed = text.trim();
    if trimmed.is_empty() || serde_json::from_str::<serde::de::IgnoredAny>(trimmed).is_err() {
        return None;
    }
    Some(reindent(trimmed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_keeps_order_and_escapes() {
        let p = pretty_json(r#"{"b":1,"a":[],"s":"x\"},{","o":{"k":[1,2]}}"#).unwrap();
        assert_eq!(p, "{\n  \"b\": 1,\n  \"a\": [],\n  \"s\": \"x\\\"},{\",\n  \"o\": {\n    \"k\": [\n      1,\n      2\n    ]\n  }\n}");
        assert!(pretty_json("not json").is_none());
    }

    #[test]
    fn urls() {
        assert_eq!(absolute_url("/info"), "https://app-academy.make.com/api/v2/info");
        assert_eq!(absolute_url("/api/v2/info"), "https://app-academy.make.com/api/v2/info");
        assert_eq!(path_of("https://app-academy.make.com/api/v2/info?x=1"), "/api/v2/info?x=1");
    }
}
