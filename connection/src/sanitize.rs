//! `log.sanitize`: the paths it names are masked in their own request and
//! answer, and the values found there are remembered as secrets, masked
//! wherever else they show in the report (an expression's value, `data` and
//! `temp`, the stored connection, a later request). The runner keeps the
//! real values: only what it reports is masked.

use serde_json::Value as Json;

pub const MASK: &str = "********";

/// Shorter secrets are masked only where a whole value equals them: inside
/// longer text they would hide unrelated characters.
const SHORTEST_INSIDE_TEXT: usize = 6;

/// The secret values seen so far, longest first (so a header holding
/// `Bearer <token>` is masked whole when it is itself named).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Secrets(Vec<String>);

impl Secrets {
    pub fn from_values(values: impl IntoIterator<Item = String>) -> Secrets {
        let mut secrets = Secrets::default();
        values.into_iter().for_each(|v| secrets.remember(v));
        secrets
    }

    pub fn remember(&mut self, value: String) {
        if value.is_empty() || self.0.contains(&value) {
            return;
        }
        let at = self.0.iter().position(|s| s.len() < value.len()).unwrap_or(self.0.len());
        self.0.insert(at, value);
    }

    pub fn values(&self) -> &[String] {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Masks a text that is a secret, or each secret inside it.
    pub fn mask_text(&self, text: &mut String) {
        if self.0.iter().any(|s| s == text) {
            *text = MASK.into();
            return;
        }
        for secret in self.0.iter().filter(|s| s.len() >= SHORTEST_INSIDE_TEXT) {
            if text.contains(secret.as_str()) {
                *text = text.replace(secret.as_str(), MASK);
            }
        }
    }

    /// Masks every text in a JSON value.
    pub fn mask(&self, json: &mut Json) {
        match json {
            Json::String(text) => self.mask_text(text),
            Json::Array(items) => items.iter_mut().for_each(|v| self.mask(v)),
            Json::Object(fields) => fields.values_mut().for_each(|v| self.mask(v)),
            _ => {}
        }
    }

    pub fn mask_headers(&self, headers: &mut [(String, String)]) {
        headers.iter_mut().for_each(|(_, v)| self.mask_text(v));
    }
}

/// The texts `log.sanitize` names on one side (`request` or `response`):
/// a header's value, a query parameter, or every text under a body path.
pub fn named(sanitize: &[String], side: &str, headers: &[(String, String)], query: &[(String, String)], body: &Json) -> Vec<String> {
    let mut found = Vec::new();
    for path in sanitize {
        let Some(rest) = path.strip_prefix(side).and_then(|r| r.strip_prefix('.')) else { continue };
        let (part, key) = rest.split_once('.').unwrap_or((rest, ""));
        match part {
            "headers" => found.extend(headers.iter().filter(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v.clone())),
            "qs" => found.extend(query.iter().filter(|(k, _)| k == key).map(|(_, v)| v.clone())),
            "body" => {
                let at = if key.is_empty() { Some(body) } else { key.split('.').try_fold(body, |at, k| at.get(k)) };
                found.extend(at.map(texts).unwrap_or_default());
            }
            _ => {}
        }
    }
    found
}

/// Every text in a JSON value.
pub fn texts(json: &Json) -> Vec<String> {
    match json {
        Json::String(text) => vec![text.clone()],
        Json::Array(items) => items.iter().flat_map(texts).collect(),
        Json::Object(fields) => fields.values().flat_map(texts).collect(),
        _ => Vec::new(),
    }
}

/// A body with the keys `log.sanitize` names masked: `request.body.client_secret`.
pub fn masked(mut json: Json, sanitize: &[String], prefix: &str) -> Json {
    for path in sanitize {
        let Some(rest) = path.strip_prefix(prefix).and_then(|r| r.strip_prefix('.')) else { continue };
        let mut at = &mut json;
        let keys: Vec<&str> = rest.split('.').collect();
        for (i, key) in keys.iter().enumerate() {
            let Some(next) = at.get_mut(*key) else { break };
            if i + 1 == keys.len() {
                *next = Json::String(MASK.into());
                break;
            }
            at = next;
        }
    }
    json
}

/// Headers with the ones `log.sanitize` names masked: `request.headers.authorization`.
pub fn masked_headers(headers: &[(String, String)], sanitize: &[String], prefix: &str) -> Vec<(String, String)> {
    let hidden = |name: &str| sanitize.iter().any(|p| p.strip_prefix(prefix).and_then(|r| r.strip_prefix(".headers.")).is_some_and(|h| h.eq_ignore_ascii_case(name)));
    headers.iter().map(|(k, v)| (k.clone(), if hidden(k) { MASK.to_string() } else { v.clone() })).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn named_values_come_from_headers_query_and_body_paths() {
        let sanitize: Vec<String> = ["request.headers.Authorization", "request.qs.key", "request.body.auth.secret", "response.body.token"].map(String::from).into();
        let headers = [("authorization".to_string(), "Bearer abcdefgh".to_string())];
        let query = [("key".to_string(), "k-123456".to_string())];
        let body = json!({ "auth": { "secret": "s3cr3t-value" }, "token": "not the request's" });
        assert_eq!(named(&sanitize, "request", &headers, &query, &body), ["Bearer abcdefgh", "k-123456", "s3cr3t-value"]);
        assert_eq!(named(&sanitize, "response", &[], &[], &body), ["not the request's"]);
        assert!(named(&sanitize, "request", &[], &[], &json!([1, 2])).is_empty(), "a path into nothing names nothing");
    }

    #[test]
    fn secrets_are_masked_whole_or_inside_text_but_short_ones_only_whole() {
        let secrets = Secrets::from_values(["abcdefgh".to_string(), "Bearer abcdefgh".to_string(), "42".to_string(), String::new()]);
        assert_eq!(secrets.values(), ["Bearer abcdefgh", "abcdefgh", "42"]);
        let mut value = json!({ "a": "Bearer abcdefgh", "b": ["x abcdefgh y"], "c": "42", "d": "1042", "e": 42 });
        secrets.mask(&mut value);
        assert_eq!(value, json!({ "a": MASK, "b": [format!("x {MASK} y")], "c": MASK, "d": "1042", "e": 42 }));
    }
}
