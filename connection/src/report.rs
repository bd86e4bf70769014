//! What a run shows: its steps (each expression with its value, the request
//! sent, the answer, and `data` and `temp` after it), the stored connection,
//! and the diagnostics. Plain serializable data: the console API returns it
//! as JSON.

use serde::Serialize;
use serde_json::Value as Json;

use crate::diagnostic::{Diagnostic, Severity};

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    /// No diagnostic of severity error.
    pub ok: bool,
    pub steps: Vec<Step>,
    pub connection: Connection,
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn has(&self, code: crate::Code) -> bool {
        self.diagnostics.iter().any(|d| d.code == code)
    }

    pub(crate) fn settle(&mut self) {
        self.ok = !self.diagnostics.iter().any(|d| d.severity == Severity::Error);
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Step {
    pub section: String,
    /// The section's condition was false: nothing was sent.
    pub skipped: bool,
    pub expressions: Vec<Evaluated>,
    pub request: Option<RequestTrace>,
    pub response: Option<ResponseTrace>,
    /// The connection's `data` after the step (what its `data` directive stored).
    pub data: Json,
    /// `temp` after the step (what its `temp` directives set).
    pub temp: Json,
}

/// One string with `{{ }}` and what it gave.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evaluated {
    pub path: String,
    pub source: String,
    pub value: Json,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RequestTrace {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Json,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ResponseTrace {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Json,
}

/// The stored connection: `data` (what `connection.*` reads later), its
/// expiry (`response.expires`, ISO 8601), `uid` and `metadata`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Connection {
    pub data: Json,
    pub expires: Option<String>,
    pub uid: Json,
    pub metadata: Json,
}
