//! Bearer-protected endpoints: the access token (401), then the method's
//! scope (403), then the request itself.

use crate::outcome::{ErrorKind, TokenProblem};
use crate::{Account, Engine, Millis, Request, Scope};

use super::connection::TokenRole;

/// The account whose live, unexpired access token the request carries.
pub(crate) fn authenticate(engine: &Engine, request: &Request, now: Millis) -> Result<Account, ErrorKind> {
    let refused = |problem| ErrorKind::NotAuthorized { problem };
    let header = request.header_value("Authorization").map(str::trim).unwrap_or("");
    if header.is_empty() {
        return Err(refused(TokenProblem::Missing));
    }
    // A token was sent (well-formed or not): say it is the token that failed.
    let token = match header.split_once(char::is_whitespace) {
        Some((scheme, token)) if scheme.eq_ignore_ascii_case("Bearer") => token.trim(),
        _ => return Err(refused(TokenProblem::NotBearer)),
    };
    match engine.connections.find(token) {
        Some((conn, TokenRole::Access)) if now < conn.access_expires_at => Ok(conn.account),
        Some((conn, TokenRole::Access)) => Err(refused(TokenProblem::Expired { expired_at: conn.access_expires_at })),
        _ => Err(refused(TokenProblem::Unknown)),
    }
}

/// 403 unless the account's connection holds the scope the method needs.
/// Methods no scope covers pass on (the resource answers 405).
pub(crate) fn check_scope(engine: &Engine, account: Account, method: &str) -> Result<(), ErrorKind> {
    let Some(needed) = Scope::for_method(method) else { return Ok(()) };
    match engine.connections.get(account) {
        Some(conn) if conn.scopes.contains(&needed) => Ok(()),
        conn => Err(ErrorKind::MissingScope { needed, granted: conn.map(|c| c.scopes.clone()).unwrap_or_default() }),
    }
}
