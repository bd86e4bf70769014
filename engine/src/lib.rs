//! `academy-engine`: the Make Custom App Academy API v2 (OAuth2), simulated.
//!
//! A pure library: it never reads a clock or a random source (both come in as
//! arguments) and depends on no web crate. Every request, from any pane or the
//! console, goes through [`Engine::handle`] and lands in the exchange log.
//! `SPEC.md` in this crate is the behaviour, section by section.

pub mod account;
pub mod api;
pub mod catalog;
pub mod entropy;
pub mod http;
pub mod log;
pub mod oauth;
pub mod openapi;
pub mod outcome;
pub mod settings;
pub mod small_sort;
pub mod snapshot;
pub mod store;
pub mod view;
mod error;

pub use account::{Account, Scope};
pub use entropy::{Entropy, SeededEntropy};
pub use http::{Request, Response};
pub use log::{Exchange, Origin};
pub use outcome::{Change, ErrorKind, Outcome, Subject, TokenProblem};
pub use oauth::registration::{Client, Registration};
pub use settings::Settings;
pub use snapshot::{RestoreError, SavedEngine, SCHEMA_VERSION};
pub use store::Engine;
pub use view::ServerView;

/// Milliseconds since the Unix epoch, as given by the caller's clock.
pub type Millis = i64;

/// The public base URL every drawn request shows.
pub const BASE_URL: &str = "https://app-academy.make.com/api/v2";
/// The host of [`BASE_URL`].
pub const HOST: &str = "app-academy.make.com";
/// The path prefix of [`BASE_URL`].
pub const BASE_PATH: &str = "/api/v2";
