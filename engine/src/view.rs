//! A read-only picture of the server's state for the Academy server pane.

use serde::Serialize;

use crate::api::AccountData;
use crate::{Account, Client, Engine, Millis, Scope};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ServerView {
    pub client: Option<Client>,
    /// Codes issued and not yet used, oldest first (expired ones included
    /// until dropped, with `expires_at` not after `now`).
    pub codes: Vec<CodeView>,
    /// At most one per account.
    pub connections: Vec<ConnectionView>,
    /// One per account, John first.
    pub records: Vec<RecordCounts>,
    /// Consent screens opened and not decided yet.
    #[serde(default)]
    pub pending_authorizations: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CodeView {
    pub code: String,
    pub account: Account,
    pub scopes: Vec<Scope>,
    pub redirect_uri: String,
    pub expires_at: Millis,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ConnectionView {
    pub account: Account,
    pub scopes: Vec<Scope>,
    pub access_token: String,
    pub refresh_token: String,
    pub created_at: Millis,
    pub access_expires_at: Millis,
    pub refresh_expires_at: Millis,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RecordCounts {
    pub account: Account,
    /// Default movies (6) plus own ones.
    pub movies: usize,
    /// Own movies (at most 14).
    pub own_movies: usize,
    pub webhooks: usize,
}

impl Engine {
    /// The state at `now` (`now` is for the caller's countdowns; the view
    /// lists expired codes and tokens too, as the server still holds them).
    pub fn view(&self, now: Millis) -> ServerView {
        let _ = now;
        let codes = self
            .codes
            .unused()
            .map(|c| CodeView { code: c.code.clone(), account: c.account, scopes: c.scopes.clone(), redirect_uri: c.redirect_uri.clone(), expires_at: c.expires_at })
            .collect();
        let connections = self
            .connections
            .iter()
            .map(|c| ConnectionView {
                account: c.account,
                scopes: c.scopes.clone(),
                access_token: c.access_token.clone(),
                refresh_token: c.refresh_token.clone(),
                created_at: c.created_at,
                access_expires_at: c.access_expires_at,
                refresh_expires_at: c.refresh_expires_at,
            })
            .collect();
        let records = Account::ALL
            .iter()
            .map(|&account| {
                let (movies, own_movies, webhooks) = match self.accounts.get(&account) {
                    Some(data) => data.counts(),
                    None => AccountData::new(account).counts(),
                };
                RecordCounts { account, movies, own_movies, webhooks }
            })
            .collect();
        ServerView { client: self.client.clone(), codes, connections, records, pending_authorizations: self.tickets.len() }
    }
}
