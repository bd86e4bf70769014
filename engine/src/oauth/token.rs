//! `POST /token`: an authorization code exchanged for a connection.
//! Checks in SPEC order: grant type, client credentials, code, redirect URI.

use std::collections::VecDeque;

use super::code::Lookup;
use super::connection::Connection;
use super::credentials::{check_client, check_grant};
use crate::error::{error, malformed_body};
use crate::http::{body_fields, first};
use crate::{Engine, Entropy, Millis, Request, Response};

pub(crate) fn answer(engine: &mut Engine, request: &Request, now: Millis, entropy: &mut dyn Entropy) -> Response {
    let Some(fields) = body_fields(request.header_value("Content-Type"), &request.body) else {
        return malformed_body();
    };
    if let Err(e) = check_grant(&fields, "authorization_code") {
        return e;
    }
    let client_id = match check_client(engine, &fields) {
        Ok(client) => client.client_id.clone(),
        Err(e) => return e,
    };
    // 3. The code.
    let presented = match first(&fields, "code") {
        Some(c) if !c.is_empty() => c,
        _ => return error(400, "code is required."),
    };
    let code = match engine.codes.lookup(presented) {
        Lookup::Unknown => return error(404, "Authorization code not found."),
        Lookup::Used => return error(400, "Authorization code already used."),
        Lookup::Unused(code) => code,
    };
    if now >= code.expires_at {
        return error(400, "Authorization code expired.");
    }
    if code.client_id != client_id {
        return error(400, "Authorization code was issued to another client.");
    }
    // 4. The redirect URI the code was issued with.
    match first(&fields, "redirect_uri") {
        None | Some("") => return error(400, "redirect_uri is required."),
        Some(uri) if uri != code.redirect_uri => return error(400, "redirect_uri does not match the authorization request."),
        Some(_) => {}
    }
    let (account, scopes) = (code.account, code.scopes.clone());
    engine.codes.spend(presented);
    let settings = engine.settings;
    let conn = Connection {
        account,
        client_id,
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
    answer
}
