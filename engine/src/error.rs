//! Building the server's answers: the documented error body
//! `{"error":{"message":"...","code":STATUS}}`, JSON successes and redirects.
//! Every body is JSON except the 204.

use serde::Serialize;
use serde_json::{json, Value};

use crate::outcome::{ErrorKind, TokenProblem};
use crate::Response;

const JSON: (&str, &str) = ("Content-Type", "application/json");

fn headers(extra: &[(&str, &str)]) -> Vec<(String, String)> {
    std::iter::once(JSON).chain(extra.iter().copied()).map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// A JSON answer.
pub(crate) fn json_response(status: u16, body: &Value) -> Response {
    json_with(status, body, &[])
}

/// A JSON answer with extra headers. Structs keep their field order in the
/// body (a `Value` object sorts its keys), so documented shapes read as in
/// the docs.
pub(crate) fn json_with<T: Serialize + ?Sized>(status: u16, body: &T, extra: &[(&str, &str)]) -> Response {
    Response { status, headers: headers(extra), body: serde_json::to_vec(body).unwrap_or_else(|_| b"{}".to_vec()) }
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: ErrorDetail<'a>,
}

#[derive(Serialize)]
struct ErrorDetail<'a> {
    message: &'a str,
    code: u16,
}

/// How long a piece of the request may be when quoted back in a message.
const ECHO_CHARS: usize = 40;

/// A piece of the request, shortened so messages stay one short sentence.
pub(crate) fn echo(text: &str) -> String {
    crate::http::shorten(text, ECHO_CHARS)
}

/// An error in the documented shape; `code` equals the status.
pub(crate) fn error(status: u16, message: &str) -> Response {
    error_with(status, message, &[])
}

pub(crate) fn error_with(status: u16, message: &str, extra: &[(&str, &str)]) -> Response {
    json_with(status, &ErrorBody { error: ErrorDetail { message, code: status } }, extra)
}

pub(crate) const METHOD_NOT_ALLOWED: &str = "Method not allowed; use one of the methods in the Allow header.";

/// 405 naming the methods the path serves.
pub(crate) fn method_not_allowed(allow: &str) -> Response {
    error_with(405, METHOD_NOT_ALLOWED, &[("Allow", allow)])
}

const REALM: &str = r#"Bearer realm="app-academy""#;
const REALM_INVALID: &str = r#"Bearer realm="app-academy", error="invalid_token""#;

/// The error body for a kind, with the headers it needs: `WWW-Authenticate`
/// on a 401 (naming the token as invalid when one was sent, RFC 6750 §3),
/// `Allow` on a 405.
pub(crate) fn for_kind(kind: &ErrorKind) -> Response {
    match kind {
        ErrorKind::NotAuthorized { problem } => {
            let challenge = if *problem == TokenProblem::Missing { REALM } else { REALM_INVALID };
            error_with(401, &kind.message(), &[("WWW-Authenticate", challenge)])
        }
        ErrorKind::MethodNotAllowed { allow } => method_not_allowed(&allow.join(", ")),
        ErrorKind::Resource { error } => error.response(),
        _ => error(kind.status(), &kind.message()),
    }
}

/// A browser redirect. The body repeats the location so it stays JSON.
pub(crate) fn redirect(location: &str) -> Response {
    json_with(302, &json!({ "location": location }), &[("Location", location)])
}

/// 204, no body, no content type.
pub(crate) fn no_content() -> Response {
    Response { status: 204, headers: Vec::new(), body: Vec::new() }
}
