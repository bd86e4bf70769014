//! The answers resources give, on top of the server's shared builders in
//! `crate::error` (error body, JSON, 204). Errors are [`super::error::ResourceError`].

use serde::Serialize;

pub(crate) use crate::error::no_content;
use crate::Response;

/// 200 with a JSON body. Bodies are structs, so fields keep the documented
/// order (a `serde_json::Value` object would sort them).
pub(crate) fn ok<T: Serialize + ?Sized>(body: &T) -> Response {
    crate::error::json_with(200, body, &[])
}

/// `{"id", "name"}`: a person, a genre.
#[derive(Serialize)]
pub(crate) struct Named {
    pub id: &'static str,
    pub name: &'static str,
}
