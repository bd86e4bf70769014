//! What a run shows: its steps (each expression with its value, the request
//! sent, the answer, and `data` and `temp` after it), the stored connection,
//! and the diagnostics. Plain serializable data: the console API returns it
//! as JSON.

use serde::Serialize;
use serde_json::Value as Json;

use crate::diagnostic::{Diagnostic, Severity};
use crate::sanitize::Secrets;

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

    /// Masks each secret wherever it shows: expression values, requests
    /// and answers, `data` and `temp`, the stored connection, messages.
    pub(crate) fn mask(&mut self, secrets: &Secrets) {
        if secrets.is_empty() {
            return;
        }
        for step in &mut self.steps {
            step.expressions.iter_mut().for_each(|e| secrets.mask(&mut e.value));
            if let Some(request) = &mut step.request {
                secrets.mask_text(&mut request.url);
                secrets.mask_headers(&mut request.headers);
                secrets.mask(&mut request.body);
            }
            if let Some(response) = &mut step.response {
                secrets.mask_headers(&mut response.headers);
                secrets.mask(&mut response.body);
            }
            secrets.mask(&mut step.data);
            secrets.mask(&mut step.temp);
        }
        let connection = &mut self.connection;
        for json in [&mut connection.data, &mut connection.uid, &mut connection.metadata] {
            secrets.mask(json);
        }
        self.diagnostics.iter_mut().for_each(|d| secrets.mask_text(&mut d.message));
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
