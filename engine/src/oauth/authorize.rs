//! `GET /authorize`: the browser navigation that opens the consent screen.
//! Checks in SPEC order; the first two fail with an error page (never send
//! anything to an unverified address), later ones go back to the redirect URI.

use serde_json::json;

use super::ticket::Ticket;
use crate::error::{error, json_response};
use crate::http::Target;
use crate::{entropy, Account, Engine, Entropy, Millis, Response, Scope};

pub(crate) fn answer(engine: &mut Engine, target: &Target, now: Millis, entropy: &mut dyn Entropy) -> Response {
    // 1. The client.
    let client_id = match target.param("client_id") {
        Some(id) if !id.is_empty() => id,
        _ => return error(400, "client_id is required."),
    };
    let Some(client) = engine.client.as_ref() else {
        return error(404, "No app is registered; submit the access form first.");
    };
    if client.client_id != client_id {
        return error(404, "Client not found; check client_id.");
    }
    // 2. The redirect URI, compared exactly.
    let redirect_uri = match target.param("redirect_uri") {
        Some(uri) if !uri.is_empty() => uri,
        _ => return error(400, "redirect_uri is required."),
    };
    if redirect_uri != client.registration.redirect_uri {
        return error(400, "redirect_uri does not match the registered one.");
    }
    // 3. From here on, errors go back to the verified redirect URI.
    let state = target.param("state");
    let back = |message: &str| super::redirect_error(redirect_uri, message, state);
    match target.param("response_type") {
        None | Some("") => return back("response_type is required."),
        Some("code") => {}
        Some(_) => return back("Response type not supported."),
    }
    let scopes = match parse_scopes(target.param("scope").unwrap_or("")) {
        Ok(s) => s,
        Err(name) => return back(&format!("Unknown scope: {name}.")),
    };
    if !scopes.contains(&Scope::Connect) {
        return back("The connect scope is required.");
    }
    // 4. The consent screen, backed by a pending authorization.
    let ticket = Ticket {
        ticket: entropy::hex(entropy, 16),
        client_id: client_id.to_string(),
        redirect_uri: redirect_uri.to_string(),
        scopes,
        state: state.map(str::to_string),
        expires_at: now.saturating_add(super::minutes(engine.settings.code_minutes)),
    };
    let app = app_name(client);
    let body = json!({ "consent": {
        "ticket": ticket.ticket,
        "app": app,
        "client_id": ticket.client_id,
        "redirect_uri": ticket.redirect_uri,
        "scopes": ticket.scopes.iter().map(|s| s.name()).collect::<Vec<_>>(),
        "state": ticket.state,
        "accounts": Account::ALL.iter().map(|a| json!({ "id": a.id(), "name": a.name(), "slug": a.slug() })).collect::<Vec<_>>(),
        "expires_at": ticket.expires_at,
    }});
    engine.tickets.open(ticket);
    json_response(200, &body)
}

/// A scope list separated by spaces (`+`/`%20` in the URL) or commas, in
/// canonical order without repeats. `Err(name)` names the first unknown scope.
pub(crate) fn parse_scopes(list: &str) -> Result<Vec<Scope>, String> {
    let mut scopes = Vec::new();
    for name in list.split(|c: char| c == ',' || c.is_whitespace()).filter(|s| !s.is_empty()) {
        match Scope::parse(name) {
            Some(s) => scopes.push(s),
            None => return Err(name.to_string()),
        }
    }
    scopes.sort();
    scopes.dedup();
    Ok(scopes)
}

/// The name the consent screen shows: the developer's app, by their name.
pub(crate) fn app_name(client: &crate::Client) -> String {
    let owner = format!("{} {}", client.registration.first_name.trim(), client.registration.last_name.trim());
    match owner.trim() {
        "" => "Your app".to_string(),
        owner => format!("{owner}'s app"),
    }
}
