//! The consent decision: the form post `POST /authorize` with
//! `ticket`, `account`, `scope` and `decision`. The ticket stands for the
//! redirect URI `GET /authorize` verified, so decisions redirect there.

use super::code::Code;
use super::{Answer, Failure};
use crate::http::{body_fields, first};
use crate::outcome::{Change, ErrorKind, Outcome, Param, Subject};
use crate::{entropy, Account, Engine, Entropy, Millis, Request, Scope};

pub(crate) fn answer(engine: &mut Engine, request: &Request, now: Millis, entropy: &mut dyn Entropy, outcome: &mut Outcome) -> Answer {
    outcome.reached = true;
    let fields = body_fields(request.header_value("Content-Type"), &request.body).ok_or(ErrorKind::MalformedBody)?;
    // The ticket: without a live one there is no verified address to go back to.
    let id = match first(&fields, "ticket") {
        Some(t) if !t.is_empty() => t,
        _ => return Err(ErrorKind::Missing { param: Param::Ticket }.into()),
    };
    let Some(ticket) = engine.tickets.get(id) else {
        return Err(ErrorKind::TicketNotFound.into());
    };
    if now >= ticket.expires_at {
        engine.tickets.close(id);
        return Err(ErrorKind::TicketExpired { lifetime_minutes: engine.settings.code_minutes }.into());
    }
    // A malformed form is answered without using the ticket up, so it can be sent again.
    let allow = match first(&fields, "decision") {
        Some("allow") => true,
        Some("deny") => false,
        _ => return Err(ErrorKind::DecisionInvalid.into()),
    };
    let account = first(&fields, "account").and_then(Account::from_slug);
    if allow && account.is_none() {
        return Err(ErrorKind::AccountInvalid.into());
    }
    let ticked = super::authorize::parse_scopes(first(&fields, "scope").unwrap_or("")).map_err(|name| ErrorKind::UnknownScope { name })?;
    let Some(ticket) = engine.tickets.close(id) else {
        return Err(ErrorKind::TicketNotFound.into());
    };
    let state = ticket.state.as_deref();
    if !allow {
        return Err(Failure::back(ErrorKind::AccessDenied, &ticket.redirect_uri, state));
    }
    // Granted: the ticked subset of what was requested.
    let scopes: Vec<Scope> = ticket.scopes.iter().copied().filter(|s| ticked.contains(s)).collect();
    let Some(account) = account else {
        return Err(ErrorKind::AccountInvalid.into());
    };
    outcome.subject = Some(Subject { account, scopes: scopes.clone() });
    if !scopes.contains(&Scope::Connect) {
        return Err(Failure::back(ErrorKind::ConnectScopeRequired, &ticket.redirect_uri, state));
    }
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
    outcome.changes.push(Change::CodeIssued { account, scopes: code.scopes.clone(), expires_at: code.expires_at });
    engine.codes.issue(code);
    Ok(crate::error::redirect(&location))
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
