//! The OAuth2 half of the server: registration, authorize, consent, token,
//! refresh, bearer checks, info and invalidate.

pub mod registration;

use serde::{Deserialize, Serialize};

use crate::{Account, Scope};

/// What the user chose on the consent screen for one pending authorization.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentDecision {
    /// The pending authorization's id, from the consent screen (the 200 answer
    /// of `GET /authorize`, field `consent.ticket`).
    pub ticket: String,
    pub account: Account,
    /// The scopes left ticked.
    pub scopes: Vec<Scope>,
    pub allow: bool,
}
