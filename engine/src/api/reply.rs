//! The answers resources give, on top of the server's shared builders in
//! `crate::error` (error body, JSON, 204, 405).

use serde::Serialize;

pub(crate) use crate::error::{error, no_content};
use crate::Response;

/// How long a piece of the request may be when quoted back in a message.
const ECHO_CHARS: usize = 40;

/// 200 with a JSON body. Bodies are structs, so fields keep the documented
/// order (a `serde_json::Value` object would sort them).
pub(crate) fn ok<T: Serialize + ?Sized>(body: &T) -> Response {
    crate::error::json_with(200, body, &[])
}

/// `{"id", "name"}`: a person, a genre.
#[derive(Serialize)]
pub(crate) struct Named {
    pub id: u32,
    pub name: &'static str,
}

pub(crate) fn bad_request(message: &str) -> Response {
    error(400, message)
}

pub(crate) fn not_found(message: &str) -> Response {
    error(404, message)
}

/// A known path asked with a method it does not serve.
pub(crate) fn method_not_allowed(allowed: &[&str]) -> Response {
    crate::error::method_not_allowed(&allowed.join(", "))
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
