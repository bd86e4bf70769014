//! The consent decision: the form post `POST /authorize` with
//! `ticket`, `account`, `scope` and `decision`. The ticket stands for the
//! redirect URI `GET /authorize` verified, so decisions redirect there.

use super::code::Code;
use crate::error::{error, malformed_body};
use crate::http::{body_fields, first};
use crate::{entropy, Account, Engine, Entropy, Millis, Request, Response, Scope};

pub(crate) fn answer(engine: &mut Engine, request: &Request, now: Millis, entropy: &mut dyn Entropy) -> Response {
    let Some(fields) = body_fields(request.header_value("Content-Type"), &request.body) else {
        return malformed_body();
    };
    // The ticket: without a live one there is no verified address to go back to.
    let id = match first(&fields, "ticket") {
        Some(t) if !t.is_empty() => t,
        _ => return error(400, "ticket is required; open the authorize URL again."),
    };
    let Some(ticket) = engine.tickets.get(id) else {
        return error(400, "Consent ticket not found; open the authorize URL again.");
    };
    if now >= ticket.expires_at {
        engine.tickets.close(id);
        return error(400, "Consent ticket expired; open the authorize URL again.");
    }
    // A malformed form is answered without using the ticket up, so it can be sent again.
    let allow = match first(&fields, "decision") {
        Some("allow") => true,
        Some("deny") => false,
        _ => return error(400, "decision must be allow or deny."),
    };
    let account = first(&fields, "account").and_then(Account::from_slug);
    if allow && account.is_none() {
        return error(400, "account must be john or jane.");
    }
    let ticked = match super::authorize::parse_scopes(first(&fields, "scope").unwrap_or("")) {
        Ok(s) => s,
        Err(message) => return error(400, &message),
    };
    let Some(ticket) = engine.tickets.close(id) else {
        return error(400, "Consent ticket not found; open the authorize URL again.");
    };
    let state = ticket.state.as_deref();
    if !allow {
        return super::redirect_error(&ticket.redirect_uri, "Access denied.", state);
    }
    // Granted: the ticked subset of what was requested.
    let scopes: Vec<Scope> = ticket.scopes.iter().copied().filter(|s| ticked.contains(s)).collect();
    if !scopes.contains(&Scope::Connect) {
        return super::redirect_error(&ticket.redirect_uri, "The connect scope is required.", state);
    }
    let Some(account) = account else {
        return error(400, "account must be john or jane.");
    };
    let code = Code {
        code: entropy::hex(entropy, 20),
        client_id: ticket.client_id.clone(),
        redirect_uri: ticket.redirect_uri.clone(),
        account,
        scopes,
        issued_at: now,
        expires_at: now.saturating_add(super::minutes(engine.settings.code_minutes)),
    };
    let mut params = vec![("code", code.code.as_str())];
    if let Some(state) = state {
        params.push(("state", state));
    }
    let location = super::with_query(&ticket.redirect_uri, &params);
    engine.codes.issue(code);
    crate::error::redirect(&location)
}

/// The form body `Engine::consent` posts.
pub(crate) fn form(decision: &super::ConsentDecision) -> String {
    let scopes = decision.scopes.iter().map(|s| s.name()).collect::<Vec<_>>().join(" ");
    crate::http::encode_form(&[
        ("ticket", &decision.ticket),
        ("account", decision.account.slug()),
        ("scope", &scopes),
        ("decision", if decision.allow { "allow" } else { "deny" }),
    ])
}
