//! The connection as a page saves it, to carry on after a reload: what
//! `use_connection` and `invalidate` need (the communication, the inputs,
//! `data`, `expires`, `uid`, `metadata`) and the secrets still to mask. A
//! format of its own, never the runner's fields: new fields come with
//! `#[serde(default)]`, and an incompatible change gets a new `version`.
//! `temp` is left out: Make keeps it for one run only.

use academy_engine::Millis;
use academy_json::FromJson;
use serde::Serialize;
use serde_json::Value as Json;

/// The format this release writes and the only one it restores.
pub const SAVED_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, FromJson)]
pub struct SavedConnection {
    pub version: u32,
    /// The communication the connection was made with (the editor may hold another since).
    pub text: String,
    /// The inputs given to the runner; absent: the defaults (the registered
    /// client's credentials, every scope), read again from the engine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameters: Option<Json>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub common: Option<Json>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Vec<String>>,
    /// What `data` directives stored (`connection.*` later).
    #[serde(default)]
    pub data: Json,
    /// `response.expires`: milliseconds since the epoch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<Millis>,
    #[serde(default)]
    pub uid: Json,
    #[serde(default)]
    pub metadata: Json,
    /// Values `log.sanitize` named that the saved connection still holds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secrets: Vec<String>,
}
