//! The two app users and the four scopes.

use academy_json::{FromJson, Tagged};
use serde::Serialize;

/// An app user who can connect on the consent screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, FromJson, Tagged)]
#[serde(rename_all = "lowercase")]
pub enum Account {
    John,
    Jane,
}

impl Account {
    pub const ALL: [Account; 2] = [Account::John, Account::Jane];

    /// Stable 40-hex-digit id (John's is the docs' example id).
    pub fn id(self) -> &'static str {
        match self {
            Account::John => "d1b03e513fbc5881651d6c149fd259506f975ae1",
            Account::Jane => "7e2c4a9f1b3d5e6f8a0b2c4d6e8f0a1b3c5d7e9f",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Account::John => "John Doe",
            Account::Jane => "Jane Black",
        }
    }

    /// Short form used in forms, URLs and saves: `john`, `jane`.
    pub fn slug(self) -> &'static str {
        self.tag()
    }

    pub fn from_slug(s: &str) -> Option<Account> {
        Account::ALL.into_iter().find(|a| a.slug() == s || a.id() == s)
    }
}

/// A scope an app can ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, FromJson, Tagged)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Connect,
    Read,
    Write,
    Delete,
}

impl Scope {
    pub const ALL: [Scope; 4] = [Scope::Connect, Scope::Read, Scope::Write, Scope::Delete];

    /// As the API writes it (`scope=connect read`) and saves hold it.
    pub fn name(self) -> &'static str {
        self.tag()
    }

    pub fn parse(s: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|x| x.name() == s)
    }

    /// The scope an API method needs (SPEC: read for GET, write for POST/PUT/PATCH,
    /// delete for DELETE). `None` for methods no endpoint serves.
    pub fn for_method(method: &str) -> Option<Scope> {
        match method {
            "GET" => Some(Scope::Read),
            "POST" | "PUT" | "PATCH" => Some(Scope::Write),
            "DELETE" => Some(Scope::Delete),
            _ => None,
        }
    }
}
