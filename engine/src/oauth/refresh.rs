//! `POST /refresh`: a new token pair for a live connection. Both old tokens
//! stop working at once (rotation); the connection keeps its account and
//! scopes, and both lifetimes restart.

use super::connection::TokenRole;
use super::credentials::{check_client, check_grant};
use crate::error::{error, malformed_body};
use crate::http::{body_fields, first};
use crate::{Engine, Entropy, Millis, Request, Response};

pub(crate) fn answer(engine: &mut Engine, request: &Request, now: Millis, entropy: &mut dyn Entropy) -> Response {
    let Some(fields) = body_fields(request.header_value("Content-Type"), &request.body) else {
        return malformed_body();
    };
    if let Err(e) = check_grant(&fields, "refresh_token") {
        return e;
    }
    let client_id = match check_client(engine, &fields) {
        Ok(client) => client.client_id.clone(),
        Err(e) => return e,
    };
    let presented = match first(&fields, "refresh_token") {
        Some(t) if !t.is_empty() => t,
        _ => return error(400, "refresh_token is required."),
    };
    let account = match engine.connections.find(presented) {
        // An access token is not a refresh token: as good as unknown.
        None | Some((_, TokenRole::Access)) => return error(404, "Refresh token not found."),
        Some((conn, TokenRole::Rotated)) if conn.client_id == client_id => return error(400, "Refresh token already used."),
        Some((conn, TokenRole::Refresh)) if conn.client_id == client_id => {
            if now >= conn.refresh_expires_at {
                return error(400, "Refresh token expired.");
            }
            conn.account
        }
        Some(_) => return error(404, "Refresh token not found."),
    };
    let settings = engine.settings;
    let access = super::new_token(entropy);
    let refresh = super::new_token(entropy);
    let answer = super::token_answer(&access, &refresh, settings);
    engine.connections.rotate(
        account,
        access,
        refresh,
        now.saturating_add(super::minutes(settings.access_minutes)),
        now.saturating_add(super::minutes(settings.refresh_minutes)),
    );
    answer
}
