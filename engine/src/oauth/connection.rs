//! Connections: one live connection per app user, found by either of its
//! tokens through an index keyed by token, so a lookup costs the same however
//! many connections came and went. A removed connection leaves nothing
//! behind; a live one remembers its last rotated refresh tokens so
//! `/refresh` can tell "already used" from "never issued".

use std::collections::{BTreeMap, VecDeque};

use serde::Serialize;

use crate::{Account, Millis, Scope};

/// How many rotated refresh tokens a live connection remembers.
pub const ROTATED_LIMIT: usize = 16;

/// One app user's grant to the registered client.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Connection {
    pub account: Account,
    pub client_id: String,
    pub scopes: Vec<Scope>,
    pub access_token: String,
    pub refresh_token: String,
    pub created_at: Millis,
    pub access_expires_at: Millis,
    pub refresh_expires_at: Millis,
    /// Refresh tokens this connection rotated out, newest last.
    pub rotated: VecDeque<String>,
}

/// What a token is to the connection it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenRole {
    Access,
    Refresh,
    /// A refresh token replaced by a refresh.
    Rotated,
}

/// The live connections and their token index. Saved as the list of
/// connections; the index is rebuilt from it on restore.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Connections {
    live: BTreeMap<Account, Connection>,
    index: BTreeMap<String, (Account, TokenRole)>,
}

impl From<Vec<Connection>> for Connections {
    fn from(list: Vec<Connection>) -> Self {
        let mut c = Connections::default();
        for conn in list {
            c.insert(conn);
        }
        c
    }
}

impl From<Connections> for Vec<Connection> {
    fn from(c: Connections) -> Self {
        c.live.into_values().collect()
    }
}

impl Connections {
    pub fn get(&self, account: Account) -> Option<&Connection> {
        self.live.get(&account)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Connection> {
        self.live.values()
    }

    /// The connection a token belongs to, and the token's role in it.
    pub fn find(&self, token: &str) -> Option<(&Connection, TokenRole)> {
        let (account, role) = self.index.get(token)?;
        Some((self.live.get(account)?, *role))
    }

    /// Adds a connection, removing the account's earlier one (SPEC: one live
    /// connection per app user).
    pub fn insert(&mut self, conn: Connection) {
        self.remove(conn.account);
        let account = conn.account;
        self.index.insert(conn.access_token.clone(), (account, TokenRole::Access));
        self.index.insert(conn.refresh_token.clone(), (account, TokenRole::Refresh));
        for old in &conn.rotated {
            self.index.insert(old.clone(), (account, TokenRole::Rotated));
        }
        self.live.insert(account, conn);
    }

    /// Removes the account's connection and every token it knew.
    pub fn remove(&mut self, account: Account) -> Option<Connection> {
        let conn = self.live.remove(&account)?;
        self.index.remove(&conn.access_token);
        self.index.remove(&conn.refresh_token);
        for old in &conn.rotated {
            self.index.remove(old);
        }
        Some(conn)
    }

    /// Removes every connection.
    pub fn clear(&mut self) {
        self.live.clear();
        self.index.clear();
    }

    /// Replaces the account's token pair: the old access token is forgotten,
    /// the old refresh token is remembered as rotated (the oldest forgotten
    /// past [`ROTATED_LIMIT`]).
    pub fn rotate(&mut self, account: Account, access_token: String, refresh_token: String, access_expires_at: Millis, refresh_expires_at: Millis) {
        let Some(conn) = self.live.get_mut(&account) else { return };
        self.index.remove(&conn.access_token);
        let old_refresh = std::mem::replace(&mut conn.refresh_token, refresh_token.clone());
        self.index.insert(old_refresh.clone(), (account, TokenRole::Rotated));
        conn.rotated.push_back(old_refresh);
        while conn.rotated.len() > ROTATED_LIMIT {
            if let Some(gone) = conn.rotated.pop_front() {
                self.index.remove(&gone);
            }
        }
        conn.access_token = access_token.clone();
        conn.access_expires_at = access_expires_at;
        conn.refresh_expires_at = refresh_expires_at;
        self.index.insert(access_token, (account, TokenRole::Access));
        self.index.insert(refresh_token, (account, TokenRole::Refresh));
    }

    /// Number of tokens indexed (for tests of boundedness).
    pub fn indexed(&self) -> usize {
        self.index.len()
    }
}
