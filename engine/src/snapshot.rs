//! The saved state: an explicit, versioned format of its own.
//!
//! The types here are the wire format; change them only with a migration.
//! They are plain records, separate from the engine's internal structs, so a
//! refactor inside the engine never changes what a learner has saved.
//! [`Engine::saved`] and [`Engine::from_saved`] convert between the two;
//! [`Engine::restore_value`] reads any known version, migrating older ones
//! (schema 1: [`v1::migrate`]) before reading them as [`SavedEngine`].
//!
//! A few small domain enums are part of the format as they serialize:
//! [`Account`] and [`Scope`] (lower-case names), [`Origin`] (lower-case) and
//! the exchange [`Outcome`] (kebab-case tags).

pub mod v1;

use std::collections::BTreeMap;

use academy_json::FromJson;
use serde::Serialize;
use serde_json::Value;

use crate::api::movies::{CastMember, Movie, MovieFields};
use crate::api::webhooks::Webhook;
use crate::api::AccountData;
use crate::log::{Exchange, LOG_LIMIT};
use crate::oauth::code::{Code, Codes};
use crate::oauth::connection::{Connection, Connections};
use crate::oauth::ticket::{Ticket, Tickets};
use crate::{Account, Client, Engine, Millis, Origin, Outcome, Registration, Request, Response, Scope, Settings};

/// The version [`Engine::snapshot`] writes. Bump it (and add a migration
/// from the previous one) whenever a saved type below changes shape.
pub const SCHEMA_VERSION: u32 = 2;

/// The whole engine as saved.
#[derive(Clone, Debug, PartialEq, Serialize, FromJson)]
pub struct SavedEngine {
    /// Always [`SCHEMA_VERSION`] when written.
    pub schema: u32,
    pub settings: SavedSettings,
    /// The registered app, if any.
    pub client: Option<SavedClient>,
    /// Pending authorizations (consent screens open), oldest first.
    pub tickets: Vec<SavedTicket>,
    pub codes: SavedCodes,
    /// The live connections, at most one per account.
    pub connections: Vec<SavedConnection>,
    /// Each account's resource data, for the accounts that used any.
    pub accounts: BTreeMap<Account, SavedAccountData>,
    /// The exchange log, oldest first.
    pub log: Vec<SavedExchange>,
    /// The `seq` the next exchange gets.
    pub next_seq: u64,
}

/// Lifetimes in minutes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, FromJson)]
pub struct SavedSettings {
    pub access_minutes: u32,
    pub refresh_minutes: u32,
    pub code_minutes: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson)]
pub struct SavedClient {
    pub client_id: String,
    pub client_secret: String,
    pub api_key: String,
    pub registration: SavedRegistration,
    pub registered_at: Millis,
}

/// The developer access form as submitted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson)]
pub struct SavedRegistration {
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub redirect_uri: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson)]
pub struct SavedTicket {
    pub ticket: String,
    pub client_id: String,
    pub redirect_uri: String,
    pub scopes: Vec<Scope>,
    pub state: Option<String>,
    pub expires_at: Millis,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson)]
pub struct SavedCodes {
    /// Issued and not exchanged yet, oldest first.
    pub unused: Vec<SavedCode>,
    /// Codes already exchanged, oldest first (to answer "already used").
    pub used: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson)]
pub struct SavedCode {
    pub code: String,
    pub client_id: String,
    pub redirect_uri: String,
    pub account: Account,
    pub scopes: Vec<Scope>,
    pub issued_at: Millis,
    pub expires_at: Millis,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson)]
pub struct SavedConnection {
    pub account: Account,
    pub client_id: String,
    pub scopes: Vec<Scope>,
    pub access_token: String,
    pub refresh_token: String,
    pub created_at: Millis,
    pub access_expires_at: Millis,
    pub refresh_expires_at: Millis,
    /// Refresh tokens rotated out by `/refresh`, newest last.
    pub rotated: Vec<String>,
}

/// One account's own records (the default ones are not saved: they never change).
#[derive(Clone, Debug, PartialEq, Serialize, FromJson)]
pub struct SavedAccountData {
    /// Own movies, oldest first.
    pub movies: Vec<SavedMovie>,
    pub webhook: Option<SavedWebhook>,
}

#[derive(Clone, Debug, PartialEq, Serialize, FromJson)]
pub struct SavedMovie {
    pub id: String,
    pub fields: SavedMovieFields,
    pub created_at: Millis,
    pub updated_at: Millis,
}

/// What a client wrote. Genre and person ids are the catalogue's ids.
#[derive(Clone, Debug, PartialEq, Serialize, FromJson)]
pub struct SavedMovieFields {
    pub name: String,
    pub genres: Vec<String>,
    pub director_id: Option<String>,
    pub release_date: Option<String>,
    pub length: Option<u32>,
    pub top_cast: Vec<SavedCastMember>,
    /// Millions, as the client sent them.
    pub budget: Option<f64>,
    pub gross_profit: Option<f64>,
    pub czech_premiere: Option<Millis>,
    pub original_premiere: Option<Millis>,
}

#[derive(Clone, Debug, PartialEq, Serialize, FromJson)]
pub struct SavedCastMember {
    pub role: String,
    pub cast_id: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson)]
pub struct SavedWebhook {
    pub id: String,
    pub url: String,
    pub watched_items: Vec<String>,
    pub created_at: Millis,
}

/// One logged request and its answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson)]
pub struct SavedExchange {
    pub seq: u64,
    pub at: Millis,
    pub origin: Origin,
    pub request: SavedRequest,
    pub response: SavedResponse,
    pub outcome: Outcome,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson)]
pub struct SavedRequest {
    pub method: String,
    pub url: String,
    /// `[name, value]` pairs, in order.
    pub headers: Vec<(String, String)>,
    /// The body as text (bytes that are not UTF-8 are saved replaced).
    pub body: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson)]
pub struct SavedResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

/// Why saved state could not be restored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RestoreError {
    /// Not JSON, or not the shape of a snapshot.
    Unreadable(String),
    /// A snapshot from another schema version.
    UnknownVersion(u32),
}

impl std::fmt::Display for RestoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RestoreError::Unreadable(why) => write!(f, "the saved state is unreadable: {why}"),
            RestoreError::UnknownVersion(v) => {
                write!(f, "the saved state has schema version {v}; this playground reads versions 1 to {SCHEMA_VERSION}")
            }
        }
    }
}

impl std::error::Error for RestoreError {}

impl Engine {
    /// The whole state in the saved format.
    pub fn saved(&self) -> SavedEngine {
        SavedEngine::from(self)
    }

    /// The saved format as a JSON value (to embed in a larger saved document).
    pub fn snapshot_value(&self) -> Value {
        serde_json::to_value(self.saved()).unwrap_or_default()
    }

    /// The saved format as JSON text.
    pub fn snapshot(&self) -> String {
        serde_json::to_string(&self.saved()).unwrap_or_default()
    }

    /// Reads a snapshot of any known version from JSON text.
    pub fn restore(json: &str) -> Result<Engine, RestoreError> {
        let value: Value = serde_json::from_slice(json.as_bytes()).map_err(|e| RestoreError::Unreadable(e.to_string()))?;
        Engine::restore_value(&value)
    }

    /// Reads a snapshot of any known version. The version is checked before
    /// the rest, so a snapshot of another version is named as such even if
    /// its shape changed; older versions are migrated step by step.
    pub fn restore_value(value: &Value) -> Result<Engine, RestoreError> {
        let saved = match schema_of(value)? {
            1 => academy_json::from_value(&v1::migrate(value.clone())),
            SCHEMA_VERSION => academy_json::from_value::<SavedEngine>(value),
            other => return Err(RestoreError::UnknownVersion(other)),
        };
        Ok(Engine::from_saved(saved.map_err(|e| RestoreError::Unreadable(e.to_string()))?))
    }

    /// Rebuilds an engine from the saved format: indexes are rebuilt and
    /// every bound applies, as if the state had been reached by requests.
    pub fn from_saved(saved: SavedEngine) -> Engine {
        let mut engine = Engine::new(saved.settings.into());
        engine.client = saved.client.map(Client::from);
        engine.tickets = Tickets::restored(saved.tickets.into_iter().map(Ticket::from));
        engine.codes = Codes::restored(saved.codes.unused.into_iter().map(Code::from), saved.codes.used);
        engine.connections = Connections::from(saved.connections.into_iter().map(Connection::from).collect::<Vec<_>>());
        // Inserted, not collected: collecting sorts first (more code, same map).
        engine.accounts.extend(saved.accounts.into_iter().map(|(account, data)| (account, data.into_account(account))));
        let skip = saved.log.len().saturating_sub(LOG_LIMIT);
        engine.log = saved.log.into_iter().skip(skip).map(Exchange::from).collect();
        engine.next_seq = saved.next_seq;
        engine
    }
}

/// The `schema` of a snapshot, read on its own.
fn schema_of(value: &Value) -> Result<u32, RestoreError> {
    let object = value.as_object().ok_or_else(|| RestoreError::Unreadable("not a JSON object".into()))?;
    match object.get("schema") {
        None | Some(Value::Null) => Err(RestoreError::Unreadable("no schema version".into())),
        Some(v) => v
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| RestoreError::Unreadable(format!("schema {v} is not a version number"))),
    }
}

impl From<&Engine> for SavedEngine {
    fn from(engine: &Engine) -> Self {
        SavedEngine {
            schema: SCHEMA_VERSION,
            settings: engine.settings.into(),
            client: engine.client.clone().map(SavedClient::from),
            tickets: engine.tickets.iter().cloned().map(SavedTicket::from).collect(),
            codes: SavedCodes {
                unused: engine.codes.unused().cloned().map(SavedCode::from).collect(),
                used: engine.codes.used().map(str::to_string).collect(),
            },
            connections: engine.connections.iter().cloned().map(SavedConnection::from).collect(),
            accounts: {
                let mut accounts = BTreeMap::new();
                accounts.extend(engine.accounts.iter().map(|(account, data)| (*account, SavedAccountData::from(data))));
                accounts
            },
            log: engine.log.iter().cloned().map(SavedExchange::from).collect(),
            next_seq: engine.next_seq,
        }
    }
}

impl From<Settings> for SavedSettings {
    fn from(s: Settings) -> Self {
        SavedSettings { access_minutes: s.access_minutes, refresh_minutes: s.refresh_minutes, code_minutes: s.code_minutes }
    }
}

impl From<SavedSettings> for Settings {
    fn from(s: SavedSettings) -> Self {
        Settings { access_minutes: s.access_minutes, refresh_minutes: s.refresh_minutes, code_minutes: s.code_minutes }
    }
}

impl From<Client> for SavedClient {
    fn from(c: Client) -> Self {
        let r = c.registration;
        SavedClient {
            client_id: c.client_id,
            client_secret: c.client_secret,
            api_key: c.api_key,
            registration: SavedRegistration { email: r.email, first_name: r.first_name, last_name: r.last_name, redirect_uri: r.redirect_uri },
            registered_at: c.registered_at,
        }
    }
}

impl From<SavedClient> for Client {
    fn from(c: SavedClient) -> Self {
        let r = c.registration;
        Client {
            client_id: c.client_id,
            client_secret: c.client_secret,
            api_key: c.api_key,
            registration: Registration { email: r.email, first_name: r.first_name, last_name: r.last_name, redirect_uri: r.redirect_uri },
            registered_at: c.registered_at,
        }
    }
}

impl From<Ticket> for SavedTicket {
    fn from(t: Ticket) -> Self {
        SavedTicket { ticket: t.ticket, client_id: t.client_id, redirect_uri: t.redirect_uri, scopes: t.scopes, state: t.state, expires_at: t.expires_at }
    }
}

impl From<SavedTicket> for Ticket {
    fn from(t: SavedTicket) -> Self {
        Ticket { ticket: t.ticket, client_id: t.client_id, redirect_uri: t.redirect_uri, scopes: t.scopes, state: t.state, expires_at: t.expires_at }
    }
}

impl From<Code> for SavedCode {
    fn from(c: Code) -> Self {
        SavedCode {
            code: c.code,
            client_id: c.client_id,
            redirect_uri: c.redirect_uri,
            account: c.account,
            scopes: c.scopes,
            issued_at: c.issued_at,
            expires_at: c.expires_at,
        }
    }
}

impl From<SavedCode> for Code {
    fn from(c: SavedCode) -> Self {
        Code {
            code: c.code,
            client_id: c.client_id,
            redirect_uri: c.redirect_uri,
            account: c.account,
            scopes: c.scopes,
            issued_at: c.issued_at,
            expires_at: c.expires_at,
        }
    }
}

impl From<Connection> for SavedConnection {
    fn from(c: Connection) -> Self {
        SavedConnection {
            account: c.account,
            client_id: c.client_id,
            scopes: c.scopes,
            access_token: c.access_token,
            refresh_token: c.refresh_token,
            created_at: c.created_at,
            access_expires_at: c.access_expires_at,
            refresh_expires_at: c.refresh_expires_at,
            rotated: c.rotated.into(),
        }
    }
}

impl From<SavedConnection> for Connection {
    fn from(c: SavedConnection) -> Self {
        Connection {
            account: c.account,
            client_id: c.client_id,
            scopes: c.scopes,
            access_token: c.access_token,
            refresh_token: c.refresh_token,
            created_at: c.created_at,
            access_expires_at: c.access_expires_at,
            refresh_expires_at: c.refresh_expires_at,
            rotated: c.rotated.into(),
        }
    }
}

impl From<&AccountData> for SavedAccountData {
    fn from(data: &AccountData) -> Self {
        SavedAccountData {
            movies: data.movies.iter().cloned().map(SavedMovie::from).collect(),
            webhook: data.webhook.clone().map(SavedWebhook::from),
        }
    }
}

impl SavedAccountData {
    /// The map key names the account; it is not repeated inside.
    fn into_account(self, account: Account) -> AccountData {
        AccountData { account, movies: self.movies.into_iter().map(Movie::from).collect(), webhook: self.webhook.map(Webhook::from) }
    }
}

impl From<Movie> for SavedMovie {
    fn from(m: Movie) -> Self {
        let f = m.fields;
        SavedMovie {
            id: m.id,
            fields: SavedMovieFields {
                name: f.name,
                genres: f.genres,
                director_id: f.director_id,
                release_date: f.release_date,
                length: f.length,
                top_cast: f.top_cast.into_iter().map(|c| SavedCastMember { role: c.role, cast_id: c.cast_id }).collect(),
                budget: f.budget,
                gross_profit: f.gross_profit,
                czech_premiere: f.czech_premiere,
                original_premiere: f.original_premiere,
            },
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

impl From<SavedMovie> for Movie {
    fn from(m: SavedMovie) -> Self {
        let f = m.fields;
        Movie {
            id: m.id,
            fields: MovieFields {
                name: f.name,
                genres: f.genres,
                director_id: f.director_id,
                release_date: f.release_date,
                length: f.length,
                top_cast: f.top_cast.into_iter().map(|c| CastMember { role: c.role, cast_id: c.cast_id }).collect(),
                budget: f.budget,
                gross_profit: f.gross_profit,
                czech_premiere: f.czech_premiere,
                original_premiere: f.original_premiere,
            },
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

impl From<Webhook> for SavedWebhook {
    fn from(w: Webhook) -> Self {
        SavedWebhook { id: w.id, url: w.url, watched_items: w.watched_items, created_at: w.created_at }
    }
}

impl From<SavedWebhook> for Webhook {
    fn from(w: SavedWebhook) -> Self {
        Webhook { id: w.id, url: w.url, watched_items: w.watched_items, created_at: w.created_at }
    }
}

impl From<Exchange> for SavedExchange {
    fn from(e: Exchange) -> Self {
        SavedExchange {
            seq: e.seq,
            at: e.at,
            origin: e.origin,
            request: SavedRequest {
                method: e.request.method,
                url: e.request.url,
                headers: e.request.headers,
                body: text(e.request.body),
            },
            response: SavedResponse { status: e.response.status, headers: e.response.headers, body: text(e.response.body) },
            outcome: e.outcome,
        }
    }
}

impl From<SavedExchange> for Exchange {
    fn from(e: SavedExchange) -> Self {
        Exchange {
            seq: e.seq,
            at: e.at,
            origin: e.origin,
            request: Request { method: e.request.method, url: e.request.url, headers: e.request.headers, body: e.request.body.into_bytes() },
            response: Response { status: e.response.status, headers: e.response.headers, body: e.response.body.into_bytes() },
            outcome: e.outcome,
        }
    }
}

/// Bodies are saved as text so the saved state stays readable JSON.
fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}
