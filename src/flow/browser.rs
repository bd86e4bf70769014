//! Steps one and two: the authorize URL, the browser visiting it, the
//! consent screen's decision, and the callback the app receives.

use leptos::prelude::*;

use academy_engine::http::{absolute_url, host_of, split_query, status_text, with_query_lists};
use academy_engine::{oauth::ConsentDecision, Account, Client, Origin, Request, Scope, BASE_URL, HOST};

use super::{error_message, BrowserPage, Callback, ConsentScreen, ErrorPage};
use crate::explain::{explain, explain_callback, Situation, Step};
use crate::playground::{focus_later, Playground};

/// The authorize URL for these scopes and state, in the docs' parameter order.
pub fn authorize_url(client: Option<&Client>, scopes: &[String], state: &str) -> String {
    let (client_id, redirect_uri) =
        client.map(|c| (c.client_id.as_str(), c.registration.redirect_uri.as_str())).unwrap_or(("", ""));
    let ordered: Vec<&str> =
        Scope::ALL.iter().map(|s| s.name()).filter(|name| scopes.iter().any(|s| s == name)).collect();
    let scope = ordered.join(" ");
    let mut pairs = vec![
        ("scope", scope.as_str()),
        ("client_id", client_id),
        ("redirect_uri", redirect_uri),
        ("response_type", "code"),
    ];
    if !state.is_empty() {
        pairs.push(("state", state));
    }
    with_query_lists(&format!("{BASE_URL}/authorize"), &pairs, &["scope"])
}

/// Rebuilds the URL from the step's fields (after a field changed).
pub fn rebuild_authorize_url(pg: &Playground) {
    let f = pg.flow;
    let url = authorize_url(pg.client_untracked().as_ref(), &f.scopes.get_untracked(), &f.state_param.get_untracked());
    f.authorize_url.set(url);
}

/// Step one's button: the app sends the browser to its authorize URL.
pub fn open_authorize(pg: &Playground) {
    let url = pg.flow.authorize_url.get_untracked();
    navigate(pg, &url);
}

/// The browser goes to `url`: the Academy answers, or the page is the callback.
pub fn navigate(pg: &Playground, url: &str) {
    let f = pg.flow;
    let url = url.trim().to_string();
    if url.is_empty() {
        return;
    }
    let absolute = absolute_url(&url);
    f.browser_url.set(absolute.clone());
    if host_of(&absolute) != HOST {
        let registered = pg.client_untracked().map(|c| c.registration.redirect_uri).unwrap_or_default();
        let (base, _) = split_query(&absolute);
        if base == registered {
            arrive_at_callback(pg, &absolute);
        } else {
            pg.announce("That address is outside the simulation.");
            f.browser_page.set(BrowserPage::Error(ErrorPage {
                status: 0,
                message: "This address is outside the simulation.".into(),
                body: String::new(),
                explanation: Some(format!(
                    "Only the Academy ({HOST}) and your app's redirect URI ({registered}) live in this playground. Open an Academy URL, such as the authorize URL from step one."
                )),
            }));
            focus_later("browser-page-heading");
        }
        return;
    }
    let request = Request::new("GET", &absolute).header("Accept", "text/html,application/json");
    let response = pg.send(request, Origin::Browser);
    let body = response.body_text();
    match response.status {
        200 => match consent_from(&body) {
            Some(screen) => {
                let first = screen.accounts.first().map(|a| a.slug.clone()).unwrap_or_else(|| "john".into());
                let keep = f.consent_account.get_untracked();
                let account = if screen.accounts.iter().any(|a| a.slug == keep) { keep } else { first };
                f.consent_account.set(account);
                f.consent_scopes.set(screen.scopes.clone());
                pg.announce(format!("The browser shows the consent screen of {}.", display_app(&screen)));
                f.browser_page.set(BrowserPage::Consent(screen));
                focus_later("browser-page-heading");
            }
            None => show_error(pg, 200, &body),
        },
        301 | 302 | 303 | 307 | 308 => match response.header_value("location") {
            Some(location) => {
                let location = location.to_string();
                f.browser_url.set(location.clone());
                arrive_at_callback(pg, &location);
            }
            None => show_error(pg, response.status, &body),
        },
        status => show_error(pg, status, &body),
    }
}

fn show_error(pg: &Playground, status: u16, body: &str) {
    let message = error_message(body).unwrap_or_default();
    let situation = Situation { step: Step::Authorize, method: "GET".into(), ..Default::default() };
    let explanation = explain(status, &message, &situation);
    pg.announce(format!("The browser shows an error page: {} {}", status_text(status), message));
    pg.flow.browser_page.set(BrowserPage::Error(ErrorPage { status, message, body: body.to_string(), explanation }));
    focus_later("browser-page-heading");
}

fn consent_from(body: &str) -> Option<ConsentScreen> {
    let value: serde_json::Value = serde_json::from_str(body).ok()?;
    serde_json::from_value(value.get("consent")?.clone()).ok()
}

pub fn display_app(screen: &ConsentScreen) -> String {
    if screen.app.is_empty() {
        "your app".into()
    } else {
        screen.app.clone()
    }
}

/// The browser lands on the redirect URI; the app reads `code` or `error.message`.
fn arrive_at_callback(pg: &Playground, url: &str) {
    let f = pg.flow;
    let callback = Callback::parse(url, pg.clock.now());
    if let Some(code) = callback.code() {
        f.token_body.set(super::tokens::token_body(pg.client_untracked().as_ref(), &code));
        pg.announce("The browser came back to the redirect URI with a code. Your app can exchange it in step three.");
    } else if let Some(error) = callback.error() {
        pg.announce(format!("The browser came back to the redirect URI with an error: {error}"));
    }
    f.callback.set(Some(callback.clone()));
    f.browser_page.set(BrowserPage::Callback(callback));
    focus_later("browser-page-heading");
}

/// The consent screen's Allow or Deny.
pub fn decide(pg: &Playground, allow: bool) {
    let f = pg.flow;
    let BrowserPage::Consent(screen) = f.browser_page.get_untracked() else {
        return;
    };
    let account = Account::from_slug(&f.consent_account.get_untracked()).unwrap_or(Account::John);
    let scopes: Vec<Scope> = f.consent_scopes.get_untracked().iter().filter_map(|s| Scope::parse(s)).collect();
    let response = pg.consent(ConsentDecision { ticket: screen.ticket.clone(), account, scopes, allow });
    match response.header_value("location") {
        Some(location) if (300..400).contains(&response.status) => {
            let location = location.to_string();
            f.browser_url.set(location.clone());
            arrive_at_callback(pg, &location);
        }
        _ => show_error(pg, response.status, &response.body_text()),
    }
}

/// The explanation of a callback's `error.message`.
pub fn callback_explanation(callback: &Callback) -> Option<String> {
    callback.error().map(|e| explain_callback(&e))
}
