//! The exchange log: every request and its response, oldest dropped past
//! [`LOG_LIMIT`] so memory and stored state stay flat in a long class.

use serde::{Deserialize, Serialize};

use crate::{Millis, Outcome, Request, Response};

/// How many exchanges the log keeps.
pub const LOG_LIMIT: usize = 200;

/// Who sent a request: which pane, or the console API, or an embedding page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    App,
    Browser,
    Console,
    Host,
}

/// One request and its response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
