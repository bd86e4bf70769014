//! `POST /token`: an authorization code exchanged for a connection.
//! Checks in SPEC order: grant type, client credentials, code, redirect URI.

use std::collections::VecDeque;

use super::code::Lookup;
use super::connection::Connection;
use super::credentials::Grant;
use super::Answer;
use crate::outcome::{Change, ErrorKind, Grant as GrantType, Outcome, Param, Subject};
use crate::{Engine, Entropy, Millis, Request};

/// The token answer, or the first check that failed.
pub(crate) fn answer(engine: &mut Engine, request: &Request, now: Millis, entropy: &mut dyn Entropy, outcome: &mut Outcome) -> Answer {
    // 1, 2. The grant type and the client.
    let grant = Grant::read(engine, request, GrantType::AuthorizationCode)?;
    outcome.reached = true;
    // 3. The code.
    let presented = grant.required(Param::Code)?;
    let code = match engine.codes.lookup(presented) {
        Lookup::Unknown => return Err(ErrorKind::CodeNotFound.into()),
        Lookup::Used => return Err(ErrorKind::CodeUsed.into()),
        Lookup::Unused(code) => code,
    };
    outcome.subject = Some(Subject { account: code.account, scopes: code.scopes.clone() });
    if now >= code.expires_at {
        let lifetime_minutes = u32::try_from((code.expires_at - code.issued_at) / 60_000).unwrap_or(u32::MAX);
        return Err(ErrorKind::CodeExpired { lifetime_minutes }.into());
    }
    if code.client_id != grant.client_id {
        return Err(ErrorKind::CodeOtherClient.into());
    }
    // 4. The redirect URI the code was issued with.
    if grant.required(Param::RedirectUri)? != code.redirect_uri {
        return Err(ErrorKind::RedirectUriMismatch.into());
    }
    let (account, scopes) = (code.account, code.scopes.clone());
    engine.codes.spend(presented);
    outcome.changes.push(Change::CodeUsed);
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
    if engine.connections.get(account).is_some() {
        outcome.changes.push(Change::ConnectionReplaced { account });
    }
    outcome.changes.push(super::tokens_issued(&conn, GrantType::AuthorizationCode, settings));
    engine.connections.insert(conn);
    Ok(answer)
}
