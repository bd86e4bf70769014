//! The version 1 resources, served under v2 with each account's own data.
//! The bearer layer has already checked the token and the method's scope;
//! this module answers the request itself (200/204/400/404/405).
//!
//! Shapes and choices are in SPEC.md, "Resource shapes [ours]".

mod about;
mod base64;
mod body;
mod catalog;
mod custom_fields;
pub mod error;
mod files;
pub mod fixtures;
pub mod movies;
mod people;
pub mod timestamp;
pub mod webhooks;

mod reply;
pub mod samples;

use crate::{Account, Entropy, Millis, Response};

pub use self::error::ResourceError;
use self::{movies::Movie, webhooks::Webhook};

/// Records a list page holds.
pub const PAGE_SIZE: usize = 5;
/// A list returns at most this many records, over all its pages.
pub const LIST_LIMIT: usize = 20;

/// One account's resource data. The six default movies are not stored: they
/// are the same for every account and never change.
#[derive(Clone, Debug, PartialEq)]
pub struct AccountData {
    pub account: Account,
    /// The account's own movies, oldest first (at most [`movies::OWN_LIMIT`]).
    pub movies: Vec<Movie>,
    pub webhook: Option<Webhook>,
}

impl AccountData {
    /// The account's data as on a new server: default records only.
    pub fn new(account: Account) -> Self {
        AccountData { account, movies: Vec::new(), webhook: None }
    }

    /// (all movies, own movies, webhooks) for the server view.
    pub fn counts(&self) -> (usize, usize, usize) {
        (fixtures::MOVIES.len() + self.movies.len(), self.movies.len(), usize::from(self.webhook.is_some()))
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
    /// The registered app's redirect URI (the profile shows it).
    pub redirect_uri: &'a str,
    pub now: Millis,
}

/// Answers a resource request. `None` when no resource lives at that path
/// (the caller answers 404 "Not Found."); an error says why the resource
/// refused ([`ResourceError::response`] is its answer).
pub fn route(data: &mut AccountData, call: &ApiCall, entropy: &mut dyn Entropy) -> Option<Result<Response, ResourceError>> {
    // A trailing or doubled slash leaves empty segments; they name nothing.
    let path: Vec<&str> = call.segments.iter().map(String::as_str).filter(|s| !s.is_empty()).collect();
    let response = match path.as_slice() {
        ["about"] => about::profile(data, call),
        ["movies"] => movies::collection(&mut data.movies, call, entropy),
        ["movies", id] => movies::item(&mut data.movies, id, call),
        ["people"] => people::list(call),
        ["organizations"] => catalog::organizations(call),
        ["genres"] => catalog::genres(call),
        ["awards", movie_id] => catalog::awards(&data.movies, movie_id, call),
        ["custom-fields"] => custom_fields::custom_fields(call),
        ["webhooks"] => webhooks::collection(&mut data.webhook, call, entropy),
        ["webhooks", id] => webhooks::item(&mut data.webhook, id, call),
        ["files"] => files::list(data, call),
        ["files", "import"] => files::import(call),
        ["files", id, "export"] => files::export(data, id, call),
        _ => return None,
    };
    Some(response)
}
