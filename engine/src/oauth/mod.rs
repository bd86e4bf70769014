//! The OAuth2 half of the server: registration, authorize, consent, token,
//! refresh, bearer checks, info and invalidate; and the router that sends
//! every request to its endpoint (or, past the bearer checks, to the v1
//! resources in `api`).

pub mod authorize;
pub mod bearer;
pub mod code;
pub mod connection;
pub mod consent;
pub mod credentials;
pub mod info;
pub mod invalidate;
pub mod refresh;
pub mod registration;
pub mod ticket;
pub mod token;

use serde::Serialize;

use crate::api::{self, AccountData, ApiCall};
use crate::catalog::{self, Access, Resolved};
use crate::error::{json_with, redirect};
use crate::http::{parse_url, with_query};
use crate::outcome::{ErrorKind, Outcome, Subject};
use crate::{entropy, Account, Engine, Entropy, Millis, Request, Response, Scope, Settings};

/// What the user chose on the consent screen for one pending authorization.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ConsentDecision {
    /// The pending authorization's id, from the consent screen (the 200 answer
    /// of `GET /authorize`, field `consent.ticket`).
    pub ticket: String,
    pub account: Account,
    /// The scopes left ticked.
    pub scopes: Vec<Scope>,
    pub allow: bool,
}

/// Why a request failed, and where the answer goes: an error body, or back
/// to a verified redirect URI as `error.message` (with `state`).
#[derive(Clone, Debug)]
pub(crate) struct Failure {
    pub kind: ErrorKind,
    pub back_to: Option<(String, Option<String>)>,
}

impl From<ErrorKind> for Failure {
    fn from(kind: ErrorKind) -> Self {
        Failure { kind, back_to: None }
    }
}

impl Failure {
    /// An error sent back to the redirect URI.
    pub(crate) fn back(kind: ErrorKind, redirect_uri: &str, state: Option<&str>) -> Self {
        Failure { kind, back_to: Some((redirect_uri.to_string(), state.map(str::to_string))) }
    }

    /// The documented answer for this failure.
    fn response(&self) -> Response {
        if let Some((uri, state)) = &self.back_to {
            return redirect_error(uri, &self.kind.message(), state.as_deref());
        }
        crate::error::for_kind(&self.kind)
    }
}

pub(crate) type Answer = Result<Response, Failure>;

/// Answers one request (the engine logs it), with what it meant.
pub(crate) fn answer(engine: &mut Engine, request: &Request, now: Millis, entropy: &mut dyn Entropy) -> (Response, Outcome) {
    let mut outcome = Outcome::default();
    match route(engine, request, now, entropy, &mut outcome) {
        Ok(response) => (response, outcome),
        Err(failure) => {
            let response = failure.response();
            outcome.error = Some(failure.kind);
            (response, outcome)
        }
    }
}

/// Resolves the endpoint in the catalogue and runs its checks in SPEC order.
fn route(engine: &mut Engine, request: &Request, now: Millis, entropy: &mut dyn Entropy, outcome: &mut Outcome) -> Answer {
    if request.body.len() > crate::http::BODY_LIMIT {
        return Err(ErrorKind::BodyTooLarge { limit: crate::http::BODY_LIMIT }.into());
    }
    let method = request.method.trim().to_ascii_uppercase();
    let target = parse_url(&request.url);
    if target.foreign {
        return Err(ErrorKind::NotFound.into());
    }
    let endpoint = match catalog::resolve(&method, &target.segments) {
        Resolved::Found(endpoint) => endpoint,
        // Resource paths check the token and scope first (SPEC order), so a
        // wrong method or path there is only told to a caller who may call.
        Resolved::MethodNotAllowed(allow) if allow.iter().all(|e| e.access == Access::Scoped) => {
            bearer_checks(engine, request, &method, now, outcome)?;
            return Err(method_not_allowed(&allow));
        }
        Resolved::MethodNotAllowed(allow) => return Err(method_not_allowed(&allow)),
        Resolved::NotFound => {
            bearer_checks(engine, request, &method, now, outcome)?;
            return Err(ErrorKind::NotFound.into());
        }
    };
    outcome.route = Some(endpoint.route.to_string());
    match (endpoint.method, endpoint.route) {
        ("GET", "/authorize") => authorize::answer(engine, &target, now, entropy, outcome),
        ("POST", "/authorize") => consent::answer(engine, request, now, entropy, outcome),
        ("POST", "/token") => token::answer(engine, request, now, entropy, outcome),
        ("POST", "/refresh") => refresh::answer(engine, request, now, entropy, outcome),
        ("GET", "/info") => {
            let account = bearer_checks(engine, request, &method, now, outcome)?;
            outcome.reached = true;
            Ok(info::answer(account))
        }
        ("GET", "/invalidate") => {
            let account = bearer_checks(engine, request, &method, now, outcome)?;
            outcome.reached = true;
            Ok(invalidate::answer(engine, account, outcome))
        }
        _ => {
            let account = bearer_checks(engine, request, &method, now, outcome)?;
            outcome.reached = true;
            resource(engine, request, &method, &target, account, now, entropy)
        }
    }
}

fn method_not_allowed(allow: &[&'static catalog::Endpoint]) -> Failure {
    ErrorKind::MethodNotAllowed { allow: allow.iter().map(|e| e.method.to_string()).collect() }.into()
}

/// The token, then the scope the method needs (none for /info and
/// /invalidate); the subject is the token's connection.
fn bearer_checks(engine: &Engine, request: &Request, method: &str, now: Millis, outcome: &mut Outcome) -> Result<Account, Failure> {
    let account = bearer::authenticate(engine, request, now)?;
    if let Some(conn) = engine.connections.get(account) {
        outcome.subject = Some(Subject { account, scopes: conn.scopes.clone() });
    }
    let needs_scope = !matches!(outcome.route.as_deref(), Some("/info" | "/invalidate"));
    if needs_scope {
        bearer::check_scope(engine, account, method)?;
    }
    Ok(account)
}

/// A v1 resource, past the token and scope checks.
fn resource(engine: &mut Engine, request: &Request, method: &str, target: &crate::http::Target, account: Account, now: Millis, entropy: &mut dyn Entropy) -> Answer {
    let call = ApiCall {
        method,
        segments: &target.segments,
        query: &target.query,
        body: &request.body,
        content_type: request.header_value("Content-Type"),
        redirect_uri: engine.client.as_ref().map_or("", |c| c.registration.redirect_uri.as_str()),
        now,
    };
    let data = engine.accounts.entry(account).or_insert_with(|| AccountData::new(account));
    match api::route(data, &call, entropy) {
        Some(Ok(response)) => Ok(response),
        Some(Err(error)) => Err(ErrorKind::from(error).into()),
        None => Err(ErrorKind::NotFound.into()),
    }
}

/// A lifetime setting in milliseconds.
pub(crate) fn minutes(m: u32) -> Millis {
    Millis::from(m).saturating_mul(60_000)
}

/// A fresh access or refresh token: 160 random bits as 40 hex digits.
pub(crate) fn new_token(entropy: &mut dyn Entropy) -> String {
    entropy::hex(entropy, 20)
}

/// The `/token` and `/refresh` success body (lifetimes in minutes).
pub(crate) fn token_answer(access: &str, refresh: &str, settings: Settings) -> Response {
    #[derive(Serialize)]
    struct TokenBody<'a> {
        access_token: &'a str,
        expires_in: u32,
        refresh_token: &'a str,
        refresh_expires_in: u32,
    }
    let body = TokenBody { access_token: access, expires_in: settings.access_minutes, refresh_token: refresh, refresh_expires_in: settings.refresh_minutes };
    json_with(200, &body, &[("Cache-Control", "no-store"), ("Pragma", "no-cache")])
}

/// What a token answer issued, for the outcome.
pub(crate) fn tokens_issued(conn: &connection::Connection, grant: crate::outcome::Grant, settings: Settings) -> crate::outcome::Change {
    crate::outcome::Change::TokensIssued {
        account: conn.account,
        grant,
        expires_in: settings.access_minutes,
        refresh_expires_in: settings.refresh_minutes,
        access_expires_at: conn.access_expires_at,
        refresh_expires_at: conn.refresh_expires_at,
    }
}

/// A redirect carrying `error.message` (the key the docs name) and `state`.
pub(crate) fn redirect_error(redirect_uri: &str, message: &str, state: Option<&str>) -> Response {
    let mut params = vec![("error.message", message)];
    if let Some(state) = state {
        params.push(("state", state));
    }
    redirect(&with_query(redirect_uri, &params))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_parameters_are_appended_to_any_redirect_uri() {
        assert_eq!(with_query("https://a.example/cb", &[("code", "x y"), ("state", "&=")]), "https://a.example/cb?code=x%20y&state=%26%3D");
        assert_eq!(with_query("https://a.example/cb?app=1", &[("code", "c")]), "https://a.example/cb?app=1&code=c");
        assert_eq!(with_query("https://a.example/cb#frag", &[("code", "c")]), "https://a.example/cb?code=c");
    }

    #[test]
    fn scope_lists_accept_spaces_and_commas() {
        use authorize::parse_scopes;
        assert_eq!(parse_scopes("write connect,read  connect"), Ok(vec![Scope::Connect, Scope::Read, Scope::Write]));
        assert_eq!(parse_scopes(""), Ok(vec![]));
        assert_eq!(parse_scopes("connect READ"), Err("READ".to_string()));
    }

    #[test]
    fn lifetimes_never_overflow() {
        assert_eq!(minutes(5), 300_000);
        assert_eq!(minutes(u32::MAX), i64::from(u32::MAX) * 60_000);
    }
}
