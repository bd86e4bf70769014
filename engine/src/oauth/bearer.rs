//! Bearer-protected endpoints: the access token (401), then the method's
//! scope (403), then the request itself.

use crate::error::error_with;
use crate::{Account, Engine, Millis, Request, Response, Scope};

use super::connection::TokenRole;

const REALM: &str = r#"Bearer realm="app-academy""#;
const REALM_INVALID: &str = r#"Bearer realm="app-academy", error="invalid_token""#;

/// The account whose live, unexpired access token the request carries.
pub(crate) fn authenticate(engine: &Engine, request: &Request, now: Millis) -> Result<Account, Response> {
    let header = request.header_value("Authorization").map(str::trim).unwrap_or("");
    if header.is_empty() {
        return Err(not_authorized(REALM));
    }
    // A token was sent (well-formed or not): say it is the token that failed.
    let token = match header.split_once(char::is_whitespace) {
        Some((scheme, token)) if scheme.eq_ignore_ascii_case("Bearer") => token.trim(),
        _ => return Err(not_authorized(REALM_INVALID)),
    };
    match engine.connections.find(token) {
        Some((conn, TokenRole::Access)) if now < conn.access_expires_at => Ok(conn.account),
        _ => Err(not_authorized(REALM_INVALID)),
    }
}

/// 403 unless the account's connection holds the scope the method needs.
/// Methods no scope covers pass on (the resource answers 405).
pub(crate) fn check_scope(engine: &Engine, account: Account, method: &str) -> Result<(), Response> {
    let Some(needed) = Scope::for_method(method) else { return Ok(()) };
    match engine.connections.get(account) {
        Some(conn) if conn.scopes.contains(&needed) => Ok(()),
        _ => Err(crate::error::error(403, "Missing Scope.")),
    }
}

fn not_authorized(challenge: &str) -> Response {
    error_with(401, "Not Authorized.", &[("WWW-Authenticate", challenge)])
}
