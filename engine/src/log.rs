//! The exchange log: every request and its response, oldest dropped past
//! [`LOG_LIMIT`] so memory and stored state stay flat in a long class.

use academy_json::FromJson;
use serde::Serialize;

use crate::{Millis, Outcome, Request, Response};

/// How many exchanges the log keeps.
pub const LOG_LIMIT: usize = 200;
/// How much of a body or URL the log keeps; the rest is cut, with a marker,
/// so a huge request cannot fill memory or the learner's storage.
pub const LOGGED_BYTES: usize = 16 * 1024;

/// `bytes` cut to [`LOGGED_BYTES`], saying how much was left out.
pub(crate) fn kept(bytes: &mut Vec<u8>) {
    if bytes.len() <= LOGGED_BYTES {
        return;
    }
    let dropped = bytes.len() - LOGGED_BYTES;
    bytes.truncate(LOGGED_BYTES);
    // Cut at a character boundary so the kept text stays readable.
    while !bytes.is_empty() && std::str::from_utf8(bytes).is_err_and(|e| e.error_len().is_none()) {
        bytes.pop();
    }
    bytes.extend_from_slice(format!("\n… [{dropped} more bytes not kept in the log]").as_bytes());
}

/// Who sent a request: which pane, or the console API, or an embedding page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, FromJson)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    App,
    Browser,
    Console,
    Host,
}

/// One request and its response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Exchange {
    /// Increases by one per exchange, never reused (even after old ones drop).
    pub seq: u64,
    pub at: Millis,
    pub origin: Origin,
    pub request: Request,
    pub response: Response,
    /// What the exchange meant (older saves have none: the default).
    #[serde(default)]
    pub outcome: Outcome,
}
