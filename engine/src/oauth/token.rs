//! `POST /token`: an authorization code exchanged for a connection.
//! Checks in SPEC order: grant type, client credentials, code, redirect URI.

use std::collections::VecDeque;

use super::code::Lookup;
use super::connection::Connection;
use super::credentials::Grant;
use crate::error::error;
use crate::{Engine, Entropy, Millis, Request, Response};

/// The token answer, or the first check that failed.
pub(crate) fn answer(engine: &mut Engine, request: &Request, now: Millis, entropy: &mut dyn Entropy) -> Result<Response, Response> {
    // 1, 2. The grant type and the client.
    let grant = Grant::read(engine, request, "authorization_code")?;
    // 3. The code.
    let presented = grant.required("code")?;
    let code = match engine.codes.lookup(presented) {
        Lookup::Unknown => return Err(error(404, "Authorization code not found.")),
        Lookup::Used => return Err(error(400, "Authorization code already used.")),
        Lookup::Unused(code) => code,
    };
    if now >= code.expires_at {
        return Err(error(400, "Authorization code expired."));
    }
    if code.client_id != grant.client_id {
        return Err(error(400, "Authorization code was issued to another client."));
    }
    // 4. The redirect URI the code was issued with.
    if grant.required("redirect_uri")? != code.redirect_uri {
        return Err(error(400, "redirect_uri does not match the authorization request."));
    }
    let (account, scopes) = (code.account, code.scopes.clone());
    engine.codes.spend(presented);
    let settings = engine.settings;
    let conn = Connection {
        account,
        client_id: grant.client_id.clone(),
        scopes,
        access_token: super::new_token(entropy),
        refresh_token: super::new_token(entropy),
        created_at: now,
        access_expires_at: now.saturating_add(super::minutes(settings.access_minutes)),
        refresh_expires_at: now.saturating_add(super::minutes(settings.refresh_minutes)),
        rotated: VecDeque::new(),
    };
    let answer = super::token_answer(&conn.access_token, &conn.refresh_token, settings);
    // One live connection per account: this replaces the earlier one.
    engine.connections.insert(conn);
    Ok(answer)
}
