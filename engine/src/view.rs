//! A read-only picture of the server's state for the Academy server pane.

use serde::{Deserialize, Serialize};

use crate::{Account, Client, Millis, Scope};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServerView {
    pub client: Option<Client>,
    /// Codes issued and not yet used (expired ones included until swept, with
    /// `expires_at` in the past).
    pub codes: Vec<CodeView>,
    /// At most one per account.
    pub connections: Vec<ConnectionView>,
    pub records: Vec<RecordCounts>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CodeView {
    pub code: String,
    pub account: Account,
    pub scopes: Vec<Scope>,
    pub redirect_uri: String,
    pub expires_at: Millis,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConnectionView {
    pub account: Account,
    pub scopes: Vec<Scope>,
    pub access_token: String,
    pub refresh_token: String,
    pub created_at: Millis,
    pub access_expires_at: Millis,
    pub refresh_expires_at: Millis,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordCounts {
    pub account: Account,
    /// Default movies (6) plus own ones.
    pub movies: usize,
    /// Own movies (at most 14).
    pub own_movies: usize,
    pub webhooks: usize,
}
