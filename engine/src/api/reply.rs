//! The answers resources give, on top of the server's shared builders in
//! `crate::error` (error body, JSON, 204, 405).

use serde::Serialize;

pub(crate) use crate::error::{echo, error, no_content};
use crate::Response;

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
