//! Authorization codes: single-use, short-lived, bound to the client, the
//! exact redirect URI, the chosen account and the granted scopes.

use std::collections::VecDeque;

use serde::Serialize;

use crate::{Account, Millis, Scope};

/// How many unused codes are kept (the oldest is dropped past it).
pub const CODE_LIMIT: usize = 32;
/// How many used codes are remembered, to answer "already used".
pub const USED_CODE_LIMIT: usize = 64;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Code {
    pub code: String,
    pub client_id: String,
    pub redirect_uri: String,
    pub account: Account,
    pub scopes: Vec<Scope>,
    pub issued_at: Millis,
    pub expires_at: Millis,
}

/// What the server knows of a presented code.
pub enum Lookup<'a> {
    Unused(&'a Code),
    Used,
    Unknown,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Codes {
    unused: VecDeque<Code>,
    used: VecDeque<String>,
}

impl Codes {
    /// Codes as saved, within the same bounds as issued ones.
    pub fn restored(unused: impl IntoIterator<Item = Code>, used: impl IntoIterator<Item = String>) -> Codes {
        let mut codes = Codes::default();
        unused.into_iter().for_each(|c| codes.issue(c));
        for code in used {
            codes.remember_used(code);
        }
        codes
    }

    pub fn issue(&mut self, code: Code) {
        self.unused.push_back(code);
        while self.unused.len() > CODE_LIMIT {
            self.unused.pop_front();
        }
    }

    pub fn lookup(&self, code: &str) -> Lookup<'_> {
        if let Some(c) = self.unused.iter().find(|c| c.code == code) {
            Lookup::Unused(c)
        } else if self.used.iter().any(|c| c == code) {
            Lookup::Used
        } else {
            Lookup::Unknown
        }
    }

    /// Marks a code used: it never works again.
    pub fn spend(&mut self, code: &str) {
        self.unused.retain(|c| c.code != code);
        self.remember_used(code.to_string());
    }

    fn remember_used(&mut self, code: String) {
        self.used.push_back(code);
        while self.used.len() > USED_CODE_LIMIT {
            self.used.pop_front();
        }
    }

    /// Codes already exchanged, oldest first.
    pub fn used(&self) -> impl Iterator<Item = &str> {
        self.used.iter().map(String::as_str)
    }

    pub fn unused(&self) -> impl Iterator<Item = &Code> {
        self.unused.iter()
    }

    /// Forgets every code (re-registration).
    pub fn clear(&mut self) {
        self.unused.clear();
        self.used.clear();
    }
}
