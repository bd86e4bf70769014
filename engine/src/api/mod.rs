//! The version 1 resources, served under v2 with each account's own data.
//! The bearer layer has already checked the token and the method's scope;
//! this module answers the request itself (200/201/400/404/405).

use serde::{Deserialize, Serialize};

use crate::{Account, Entropy, Millis, Response};

/// One account's resource data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountData {
    pub account: Account,
}

impl AccountData {
    /// The account's data as on a new server: default records only.
    pub fn new(account: Account) -> Self {
        AccountData { account }
    }

    /// (all movies, own movies, webhooks) for the server view.
    pub fn counts(&self) -> (usize, usize, usize) {
        (0, 0, 0)
    }
}

/// A resource request, already split by the bearer layer.
#[derive(Clone, Debug)]
pub struct ApiCall<'a> {
    /// Upper-case method.
    pub method: &'a str,
    /// Path segments after `/api/v2`, percent-decoded, e.g. `["movies", "a1b2c3d4e5f6"]`.
    pub segments: &'a [String],
    /// Decoded query pairs, in order.
    pub query: &'a [(String, String)],
    pub body: &'a [u8],
    /// The request's `Content-Type`, if any.
    pub content_type: Option<&'a str>,
    pub now: Millis,
}

/// Answers a resource request. `None` when no resource lives at that path
/// (the caller answers 404 "Not Found.").
pub fn route(data: &mut AccountData, call: &ApiCall, entropy: &mut dyn Entropy) -> Option<Response> {
    let _ = (data, call, entropy);
    None
}
