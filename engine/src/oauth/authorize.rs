//! `GET /authorize`: the browser navigation that opens the consent screen.
//! Checks in SPEC order; the first two fail with an error page (never send
//! anything to an unverified address), later ones go back to the redirect URI.

use serde::Serialize;

use super::credentials::required;
use super::ticket::Ticket;
use super::{Answer, Failure};
use crate::error::json_with;
use crate::http::Target;
use crate::outcome::{Change, ErrorKind, Outcome, Param};
use crate::{entropy, Account, Engine, Entropy, Millis, Scope};

/// The longest `state` the server keeps for the consent screen and sends back.
pub const MAX_STATE: usize = 512;

/// The consent screen, or the first check that failed (an error page or a
/// redirect).
pub(crate) fn answer(engine: &mut Engine, target: &Target, now: Millis, entropy: &mut dyn Entropy, outcome: &mut Outcome) -> Answer {
    outcome.reached = true;
    // 1. The client.
    let client_id = required(target.param("client_id"), Param::ClientId)?;
    let Some(client) = engine.client.as_ref() else {
        return Err(ErrorKind::NoClientRegistered.into());
    };
    if client.client_id != client_id {
        return Err(ErrorKind::ClientNotFound.into());
    }
    // 2. The redirect URI, compared exactly.
    let redirect_uri = required(target.param("redirect_uri"), Param::RedirectUri)?;
    if redirect_uri != client.registration.redirect_uri {
        return Err(ErrorKind::RedirectUriNotRegistered.into());
    }
    // 3. From here on, errors go back to the verified redirect URI.
    let state = target.param("state");
    if state.is_some_and(|s| s.chars().count() > MAX_STATE) {
        // Not echoed back: the server keeps and returns only bounded text.
        return Err(Failure::back(ErrorKind::StateTooLong { limit: MAX_STATE }, redirect_uri, None));
    }
    let back = |kind: ErrorKind| Failure::back(kind, redirect_uri, state);
    match target.param("response_type") {
        None | Some("") => return Err(back(ErrorKind::Missing { param: Param::ResponseType })),
        Some("code") => {}
        Some(given) => return Err(back(ErrorKind::ResponseTypeUnsupported { given: crate::error::echo(given) })),
    }
    let scopes = parse_scopes(target.param("scope").unwrap_or("")).map_err(|name| back(ErrorKind::UnknownScope { name }))?;
    if !scopes.contains(&Scope::Connect) {
        return Err(back(ErrorKind::ConnectScopeRequired));
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
    let body = Screen {
        consent: ConsentView {
            ticket: &ticket.ticket,
            app: app_name(client),
            client_id: &ticket.client_id,
            redirect_uri: &ticket.redirect_uri,
            scopes: ticket.scopes.iter().map(|s| s.name()).collect(),
            state: ticket.state.as_deref(),
            accounts: Account::ALL.iter().map(|&a| AccountView { id: a.id(), name: a.name(), slug: a.slug() }).collect(),
            expires_at: ticket.expires_at,
        },
    };
    let response = json_with(200, &body, &[]);
    outcome.changes.push(Change::ConsentOpened { expires_at: ticket.expires_at });
    engine.tickets.open(ticket);
    Ok(response)
}

/// The consent screen's data, fields in the documented order.
#[derive(Serialize)]
struct Screen<'a> {
    consent: ConsentView<'a>,
}

#[derive(Serialize)]
struct ConsentView<'a> {
    ticket: &'a str,
    app: String,
    client_id: &'a str,
    redirect_uri: &'a str,
    scopes: Vec<&'static str>,
    state: Option<&'a str>,
    accounts: Vec<AccountView>,
    expires_at: Millis,
}

#[derive(Serialize)]
struct AccountView {
    id: &'static str,
    name: &'static str,
    slug: &'static str,
}

/// A scope list separated by spaces (`+`/`%20` in the URL) or commas, in
/// canonical order without repeats. `Err` is the first unknown scope name
/// (shortened for quoting).
pub(crate) fn parse_scopes(list: &str) -> Result<Vec<Scope>, String> {
    let mut scopes = Vec::new();
    for name in list.split(|c: char| c == ',' || c.is_whitespace()).filter(|s| !s.is_empty()) {
        match Scope::parse(name) {
            Some(s) => scopes.push(s),
            None => return Err(crate::error::echo(name)),
        }
    }
    // Each once, in the catalogue's order (no sort: four scopes are known).
    Ok(Scope::ALL.into_iter().filter(|s| scopes.contains(s)).collect())
}

/// The name the consent screen shows: the developer's app, by their name.
pub(crate) fn app_name(client: &crate::Client) -> String {
    let owner = format!("{} {}", client.registration.first_name.trim(), client.registration.last_name.trim());
    match owner.trim() {
        "" => "Your app".to_string(),
        owner => format!("{owner}'s app"),
    }
}
