//! `academy-iml`: Make's IML, the `{{ }}` expressions inside custom-app JSON,
//! read and evaluated. Pure: the time and the random source come in with a
//! [`Context`], so evaluation is deterministic in tests; no web crate.
//!
//! `IML.md` in this crate states the subset and every choice made where the
//! reference is silent or its sources disagree.
//!
//! Dependencies, each for one job (the crate is compiled to wasm for a page
//! whose size matters, so each is small and has no default features):
//! - `serde`, `serde_json`: values to and from JSON, errors as JSON (both are
//!   in the page already through the engine).
//! - `sha2`: `sha256` (PKCE's `code_challenge`, HMAC); `md-5`: `md5`.
//! - `base64`: `base64`, and hashes in base64/base64url.
//!
//! Dates need no crate: `date.rs` converts civil dates in a few lines and
//! reads and writes moment.js patterns, which a date crate's own format
//! language would not spare us.

mod date;
mod error;
mod eval;
mod functions;
mod syntax;
mod template;
mod value;

pub use error::{Error, ErrorKind, Expected};
pub use eval::{Context, Random};
pub use functions::Function;
pub use syntax::MAX_DEPTH;
pub use template::Template;
pub use value::{number_text, object, Object, Value};

/// Reads and evaluates a template in one go.
pub fn evaluate(text: &str, context: &mut Context) -> Result<Value, Error> {
    Template::parse(text)?.evaluate(context)
}

/// Formats a date as `formatDate` does without a pattern (ISO 8601, UTC).
pub fn iso_date(ms: i64) -> String {
    date::iso(ms)
}

/// Reads ISO 8601 text as `parseDate` does without a pattern.
pub fn parse_iso_date(text: &str) -> Option<i64> {
    date::parse_iso(text)
}
