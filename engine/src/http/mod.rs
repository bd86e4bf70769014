//! The HTTP toolkit: plain request and response values, URLs and their
//! queries, form bodies, and the text renderings the panes show.

pub mod form;
pub mod har;
pub mod message;
pub mod render;
pub mod url;

pub use form::{body_fields, encode_form, parse_form};
pub use message::{Request, Response};
pub use render::{bytes_in_words, pretty_if_json, pretty_json, reason_phrase, shell_quote, shorten, status_text};
pub use url::{
    absolute_url, encode_loose, first, host_of, parse_url, path_of, percent_decode, percent_encode, split_query,
    with_query, with_query_lists, Target,
};

/// The largest request body the server reads (a 1 MiB import, base64 in JSON, fits).
pub const BODY_LIMIT: usize = 2 << 20;
