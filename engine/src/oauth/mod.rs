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

use serde::{Deserialize, Serialize};

use crate::api::{self, AccountData, ApiCall};
use crate::error::{json_with, method_not_allowed, not_found, redirect};
use crate::http::{parse_url, percent_encode};
use crate::{entropy, Account, Engine, Entropy, Millis, Request, Response, Scope, Settings};

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

/// Answers one request (the engine logs it).
pub(crate) fn answer(engine: &mut Engine, request: &Request, now: Millis, entropy: &mut dyn Entropy) -> Response {
    let method = request.method.trim().to_ascii_uppercase();
    let target = parse_url(&request.url);
    if target.foreign {
        return not_found();
    }
    let path: Vec<&str> = target.segments.iter().map(String::as_str).collect();
    match (path.as_slice(), method.as_str()) {
        (["authorize"], "GET") => authorize::answer(engine, &target, now, entropy).unwrap_or_else(|e| e),
        (["authorize"], "POST") => consent::answer(engine, request, now, entropy),
        (["authorize"], _) => method_not_allowed("GET, POST"),
        (["token"], "POST") => token::answer(engine, request, now, entropy).unwrap_or_else(|e| e),
        (["refresh"], "POST") => refresh::answer(engine, request, now, entropy).unwrap_or_else(|e| e),
        (["token"] | ["refresh"], _) => method_not_allowed("POST"),
        (["info"] | ["invalidate"], m) if m != "GET" => method_not_allowed("GET"),
        (["info"], _) => match bearer::authenticate(engine, request, now) {
            Ok(account) => info::answer(account),
            Err(e) => e,
        },
        (["invalidate"], _) => match bearer::authenticate(engine, request, now) {
            Ok(account) => invalidate::answer(engine, account),
            Err(e) => e,
        },
        _ => resource(engine, request, &method, &target, now, entropy),
    }
}

/// A v1 resource: token, scope, then the resource itself.
fn resource(engine: &mut Engine, request: &Request, method: &str, target: &crate::http::Target, now: Millis, entropy: &mut dyn Entropy) -> Response {
    let account = match bearer::authenticate(engine, request, now) {
        Ok(a) => a,
        Err(e) => return e,
    };
    if let Err(e) = bearer::check_scope(engine, account, method) {
        return e;
    }
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
    api::route(data, &call, entropy).map(|r| r.unwrap_or_else(|e| e.response())).unwrap_or_else(not_found)
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

/// `uri` with query parameters appended (after `?`, or `&` when it has a query).
pub(crate) fn with_query(uri: &str, params: &[(&str, &str)]) -> String {
    // A redirect URI has no fragment (RFC 6749 §3.1.2); drop one if given.
    let base = uri.split('#').next().unwrap_or(uri);
    let query = params.iter().map(|(k, v)| format!("{k}={}", percent_encode(v))).collect::<Vec<_>>().join("&");
    let sep = if base.contains('?') { '&' } else { '?' };
    format!("{base}{sep}{query}")
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
        assert_eq!(parse_scopes("connect READ"), Err("Unknown scope: READ.".to_string()));
    }

    #[test]
    fn lifetimes_never_overflow() {
        assert_eq!(minutes(5), 300_000);
        assert_eq!(minutes(u32::MAX), i64::from(u32::MAX) * 60_000);
    }
}
