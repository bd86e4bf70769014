//! The engine's whole state, its entry points, and snapshot/restore.
//!
//! Public surface (kept stable for the playground shell):
//! - [`Engine::handle`]: every HTTP request (authorize, consent form, token,
//!   refresh, info, invalidate, v1 resources).
//! - [`Engine::consent`]: the consent screen's decision, as the form post it is.
//! - [`Engine::register`]: the developer access form.
//! - [`Engine::view`], [`Engine::log`], [`Engine::settings`]/[`Engine::set_settings`].
//! - [`Engine::snapshot`] / [`Engine::restore`] (in `snapshot`, the saved format).
//!
//! Everything kept is bounded (codes, pending authorizations, rotated
//! refresh tokens, the log), so the state and the time of a request stay
//! flat however long a class uses the playground.

use std::collections::{BTreeMap, VecDeque};

use crate::api::AccountData;
use crate::log::{Exchange, LOG_LIMIT};
use crate::oauth::{code::Codes, connection::Connections, ticket::Tickets, ConsentDecision};
use crate::{Account, Client, Entropy, Millis, Origin, Request, Response, Settings};

/// The engine's state. Not serialized as it is: `snapshot` converts it to
/// the saved format, so its fields may change freely.
#[derive(Clone, Debug, PartialEq)]
pub struct Engine {
    pub(crate) settings: Settings,
    pub(crate) client: Option<Client>,
    pub(crate) tickets: Tickets,
    pub(crate) codes: Codes,
    pub(crate) connections: Connections,
    /// Each account's resource data, made on first use.
    pub(crate) accounts: BTreeMap<Account, AccountData>,
    pub(crate) log: VecDeque<Exchange>,
    pub(crate) next_seq: u64,
}

impl Default for Engine {
    fn default() -> Self {
        Engine::new(Settings::default())
    }
}

impl Engine {
    /// A server with no registered client.
    pub fn new(settings: Settings) -> Self {
        Engine {
            settings,
            client: None,
            tickets: Tickets::default(),
            codes: Codes::default(),
            connections: Connections::default(),
            accounts: BTreeMap::new(),
            log: VecDeque::new(),
            next_seq: 1,
        }
    }

    /// Answers one request at time `now`, and logs the exchange.
    pub fn handle(&mut self, request: Request, origin: Origin, now: Millis, entropy: &mut dyn Entropy) -> Response {
        let (response, outcome) = crate::oauth::answer(self, &request, now, entropy);
        self.record(Exchange { seq: self.next_seq, at: now, origin, request, response: response.clone(), outcome });
        response
    }

    fn record(&mut self, mut exchange: Exchange) {
        crate::log::kept(&mut exchange.request.body);
        crate::log::kept(&mut exchange.response.body);
        if exchange.request.url.len() > crate::log::LOGGED_BYTES {
            let mut url = std::mem::take(&mut exchange.request.url).into_bytes();
            crate::log::kept(&mut url);
            exchange.request.url = String::from_utf8_lossy(&url).into_owned();
        }
        self.next_seq = self.next_seq.saturating_add(1);
        self.log.push_back(exchange);
        while self.log.len() > LOG_LIMIT {
            self.log.pop_front();
        }
    }

    /// The user's decision on the consent screen, sent as the form post
    /// `POST /api/v2/authorize` (logged like any exchange). Returns the 302
    /// (or a 400 when the ticket is unknown or expired).
    pub fn consent(&mut self, decision: ConsentDecision, now: Millis, entropy: &mut dyn Entropy) -> Response {
        let request = Request::new("POST", "/authorize")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(crate::oauth::consent::form(&decision));
        self.handle(request, Origin::Browser, now, entropy)
    }

    pub fn client(&self) -> Option<&Client> {
        self.client.as_ref()
    }

    pub fn log(&self) -> &VecDeque<Exchange> {
        &self.log
    }

    /// Empties the log; sequence numbers go on from where they were.
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
}
