//! `POST /refresh`: a new token pair for a live connection. Both old tokens
//! stop working at once (rotation); the connection keeps its account and
//! scopes, and both lifetimes restart.

use super::connection::TokenRole;
use super::credentials::Grant;
use crate::error::error;
use crate::{Engine, Entropy, Millis, Request, Response};

/// The new pair, or the first check that failed.
pub(crate) fn answer(engine: &mut Engine, request: &Request, now: Millis, entropy: &mut dyn Entropy) -> Result<Response, Response> {
    // 1, 2. The grant type and the client.
    let grant = Grant::read(engine, request, "refresh_token")?;
    // 3. The token.
    let presented = grant.required("refresh_token")?;
    let account = match engine.connections.find(presented) {
        // An access token is not a refresh token: as good as unknown.
        None | Some((_, TokenRole::Access)) => return Err(error(404, "Refresh token not found.")),
        Some((conn, TokenRole::Rotated)) if conn.client_id == grant.client_id => return Err(error(400, "Refresh token already used.")),
        Some((conn, TokenRole::Refresh)) if conn.client_id == grant.client_id => {
            if now >= conn.refresh_expires_at {
                return Err(error(400, "Refresh token expired."));
            }
            conn.account
        }
        Some(_) => return Err(error(404, "Refresh token not found.")),
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
    Ok(answer)
}
