//! The few response shapes every resource uses: JSON, the error body, 204, 405.

use serde_json::{json, Value};

use crate::Response;

/// How long a piece of the request may be when quoted back in a message.
const ECHO_CHARS: usize = 40;

pub(crate) fn json(status: u16, body: &Value) -> Response {
    Response {
        status,
        headers: vec![("Content-Type".into(), "application/json".into())],
        body: serde_json::to_vec(body).unwrap_or_else(|_| b"null".to_vec()),
    }
}

pub(crate) fn ok(body: &Value) -> Response {
    json(200, body)
}

/// `{"error":{"message":"...","code":STATUS}}`, the family's error body.
pub(crate) fn error(status: u16, message: &str) -> Response {
    json(status, &json!({ "error": { "message": message, "code": status } }))
}

pub(crate) fn bad_request(message: &str) -> Response {
    error(400, message)
}

pub(crate) fn not_found(message: &str) -> Response {
    error(404, message)
}

pub(crate) fn no_content() -> Response {
    Response { status: 204, headers: vec![], body: vec![] }
}

/// A known path asked with a method it does not serve.
pub(crate) fn method_not_allowed(method: &str, allowed: &[&str]) -> Response {
    let list = allowed.join(", ");
    let message = format!("{} is not allowed here; use {}.", echo(method), allowed.join(" or "));
    let mut response = error(405, &message);
    response.headers.push(("Allow".into(), list));
    response
}

/// A piece of the request, shortened so messages stay one short sentence.
pub(crate) fn echo(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(ECHO_CHARS).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}
