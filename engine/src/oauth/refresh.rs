//! `POST /refresh`: a new token pair for a live connection. Both old tokens
//! stop working at once (rotation); the connection keeps its account and
//! scopes, and both lifetimes restart.

use super::connection::TokenRole;
use super::credentials::Grant;
use super::Answer;
use crate::outcome::{Change, ErrorKind, Grant as GrantType, Outcome, Param, Subject};
use crate::{Engine, Entropy, Millis, Request};

/// The new pair, or the first check that failed.
pub(crate) fn answer(engine: &mut Engine, request: &Request, now: Millis, entropy: &mut dyn Entropy, outcome: &mut Outcome) -> Answer {
    // 1, 2. The grant type and the client.
    let grant = Grant::read(engine, request, GrantType::RefreshToken)?;
    outcome.reached = true;
    // 3. The token.
    let presented = grant.required(Param::RefreshToken)?;
    let found = engine.connections.find(presented).filter(|(conn, _)| conn.client_id == grant.client_id);
    if let Some((conn, _)) = found {
        outcome.subject = Some(Subject { account: conn.account, scopes: conn.scopes.clone() });
    }
    let account = match found {
        // An access token is not a refresh token: as good as unknown.
        None | Some((_, TokenRole::Access)) => return Err(ErrorKind::RefreshTokenNotFound.into()),
        Some((_, TokenRole::Rotated)) => return Err(ErrorKind::RefreshTokenUsed.into()),
        Some((conn, TokenRole::Refresh)) => {
            if now >= conn.refresh_expires_at {
                return Err(ErrorKind::RefreshTokenExpired { lifetime_minutes: engine.settings.refresh_minutes }.into());
            }
            conn.account
        }
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
    outcome.changes.push(Change::TokensRotated { account });
    if let Some(conn) = engine.connections.get(account) {
        outcome.changes.push(super::tokens_issued(conn, GrantType::RefreshToken, settings));
    }
    Ok(answer)
}
