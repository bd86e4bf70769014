//! The engine's whole state, its entry points, and snapshot/restore.
//!
//! Public surface (kept stable for the playground shell):
//! - [`Engine::handle`]: every HTTP request (authorize, consent form, token,
//!   refresh, info, invalidate, v1 resources).
//! - [`Engine::consent`]: the consent screen's decision, as the form post it is.
//! - [`Engine::register`]: the developer access form.
//! - [`Engine::view`], [`Engine::log`], [`Engine::settings`]/[`Engine::set_settings`].
//! - [`Engine::snapshot`] / [`Engine::restore`].

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use crate::{
    log::Exchange, oauth::ConsentDecision, Client, Entropy, Millis, Origin, Registration, Request,
    Response, ServerView, Settings,
};

/// Bumped whenever the serialized shape changes; restore refuses other versions.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Engine {
    schema: u32,
    settings: Settings,
    log: VecDeque<Exchange>,
    next_seq: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RestoreError {
    /// Not JSON, or not the shape of a snapshot.
    Unreadable(String),
    /// A snapshot from another schema version.
    UnknownVersion(u32),
}

impl std::fmt::Display for RestoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RestoreError::Unreadable(why) => write!(f, "the saved state is unreadable: {why}"),
            RestoreError::UnknownVersion(v) => {
                write!(f, "the saved state has schema version {v}; this playground reads version {SCHEMA_VERSION}")
            }
        }
    }
}

impl Default for Engine {
    fn default() -> Self {
        Engine::new(Settings::default())
    }
}

impl Engine {
    /// A server with no registered client.
    pub fn new(settings: Settings) -> Self {
        Engine { schema: SCHEMA_VERSION, settings, log: VecDeque::new(), next_seq: 1 }
    }

    /// Answers one request at time `now`, and logs the exchange.
    pub fn handle(&mut self, request: Request, origin: Origin, now: Millis, entropy: &mut dyn Entropy) -> Response {
        let _ = (&request, origin, now, entropy);
        todo_response()
    }

    /// The user's decision on the consent screen, sent as the form post
    /// `POST /api/v2/authorize` (logged like any exchange). Returns the 302.
    pub fn consent(&mut self, decision: ConsentDecision, now: Millis, entropy: &mut dyn Entropy) -> Response {
        let _ = (decision, now, entropy);
        todo_response()
    }

    /// Submits the developer access form. A second submission replaces the
    /// credentials; every connection and code of the old ones is removed.
    pub fn register(&mut self, registration: Registration, now: Millis, entropy: &mut dyn Entropy) -> Client {
        let _ = (now, entropy);
        Client { client_id: String::new(), client_secret: String::new(), api_key: String::new(), registration, registered_at: now }
    }

    pub fn client(&self) -> Option<&Client> {
        None
    }

    pub fn view(&self, now: Millis) -> ServerView {
        let _ = now;
        ServerView { client: None, codes: vec![], connections: vec![], records: vec![] }
    }

    pub fn log(&self) -> &VecDeque<Exchange> {
        &self.log
    }

    pub fn clear_log(&mut self) {
        self.log.clear();
    }

    pub fn settings(&self) -> Settings {
        self.settings
    }

    /// New lifetimes apply to codes and tokens issued from now on.
    pub fn set_settings(&mut self, settings: Settings) {
        self.settings = settings;
    }

    /// The whole state as JSON, with its schema version.
    pub fn snapshot(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn restore(json: &str) -> Result<Engine, RestoreError> {
        serde_json::from_str(json).map_err(|e| RestoreError::Unreadable(e.to_string()))
    }
}

fn todo_response() -> Response {
    Response { status: 501, headers: vec![], body: br#"{"error":{"message":"Not built yet.","code":501}}"#.to_vec() }
}
