//! The bridge to a page that embeds the playground in an iframe.
//!
//! Events: after each exchange the learner makes here, the playground posts
//! what happened (`code-received`, `token-issued`, `api-call`, …) to the parent
//! window, so a course page can tick off progress. Events never carry a
//! secret, a code or a token. Commands (`reset`, `advance-clock`,
//! `open-step`) are accepted only from the `parent=` origin; without it the
//! playground accepts none and only announces.

use leptos::prelude::*;
use serde_json::{json, Value};
use wasm_bindgen::JsCast;

use academy_engine::http::{first, parse_url, split_query};
use academy_engine::{Account, Engine, Exchange, Millis, Request, Scope};

use crate::playground::Playground;

/// Who an exchange was about, found before and after it ran.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Subject {
    pub account: Option<Account>,
    pub scopes: Vec<Scope>,
}

/// The account whose access token a request carries, if it is live (only
/// looked up inside a frame, where someone listens).
pub fn bearer_subject(engine: &Engine, request: &Request, now: Millis) -> Subject {
    if parent_window().is_none() {
        return Subject::default();
    }
    let token = request.header_value("authorization").and_then(|h| h.strip_prefix("Bearer ")).map(str::trim);
    token.map(|t| token_subject(engine, t, now)).unwrap_or_default()
}

/// The connection an access token belongs to.
fn token_subject(engine: &Engine, access_token: &str, now: Millis) -> Subject {
    engine
        .view(now)
        .connections
        .into_iter()
        .find(|c| c.access_token == access_token)
        .map(|c| Subject { account: Some(c.account), scopes: c.scopes })
        .unwrap_or_default()
}

fn names(scopes: &[Scope]) -> Vec<&'static str> {
    scopes.iter().map(|s| s.name()).collect()
}

fn error_message(body: &Value) -> Option<String> {
    body.pointer("/error/message").and_then(Value::as_str).map(str::to_string)
}

/// The events one exchange makes, as `(event, detail)`. `subject` is who the
/// exchange was about (the bearer's account, the consenting account, or the
/// connection a new token belongs to).
pub fn events_for(exchange: &Exchange, subject: &Subject) -> Vec<(&'static str, Value)> {
    let request = &exchange.request;
    let response = &exchange.response;
    let method = request.method.to_ascii_uppercase();
    let target = parse_url(&request.url);
    let path = format!("/{}", target.segments.join("/"));
    let body = response.json().unwrap_or(Value::Null);
    let account = subject.account.map(|a| a.slug());
    let location_error = response
        .header_value("location")
        .map(|l| split_query(l).1)
        .and_then(|params| first(&params, "error.message").map(str::to_string));
    let mut events = Vec::new();
    match (method.as_str(), path.as_str(), response.status) {
        ("POST", "/authorize", 302) if location_error.is_none() => {
            events.push(("code-received", json!({ "account": account })));
        }
        ("POST", "/token", 200) => events.push((
            "token-issued",
            json!({
                "account": account,
                "scopes": names(&subject.scopes),
                "expires_in": body["expires_in"],
                "refresh_expires_in": body["refresh_expires_in"],
            }),
        )),
        ("POST", "/refresh", 200) => events.push(("token-refreshed", json!({ "account": account }))),
        ("GET", "/invalidate", 204) => events.push(("invalidated", json!({ "account": account }))),
        (_, "/authorize" | "/token" | "/refresh" | "/invalidate", _) => {}
        (_, _, status) => events.push(("api-call", json!({ "method": method, "path": path, "status": status }))),
    }
    let message = location_error.or_else(|| (response.status >= 400).then(|| error_message(&body)).flatten());
    if let Some(message) = message {
        events.push(("error", json!({ "method": method, "path": path, "status": response.status, "message": message })));
    }
    events
}

/// The parent window, when this page is inside a frame.
fn parent_window() -> Option<web_sys::Window> {
    let window = web_sys::window()?;
    let parent = window.parent().ok()??;
    (!js_sys::Object::is(&parent, &window)).then_some(parent)
}

fn post(target: &str, message: &Value) {
    let Some(parent) = parent_window() else { return };
    let Ok(value) = js_sys::JSON::parse(&message.to_string()) else { return };
    let _ = parent.post_message(&value, target);
}

fn post_event(pg: &Playground, event: &str, detail: Value) {
    let (ns, parent) = pg.config.with_value(|c| (c.namespace.clone(), c.parent.clone()));
    let message = json!({ "type": "academy:event", "ns": ns, "event": event, "detail": detail });
    post(parent.as_deref().unwrap_or("*"), &message);
}

/// Announces the exchange just logged (the newest in the engine's log).
pub fn announce_last(pg: &Playground, mut subject: Subject, now: Millis) {
    if parent_window().is_none() {
        return;
    }
    let Some(exchange) = pg.engine.with_untracked(|e| e.log().back().cloned()) else { return };
    if exchange.response.status == 200 && matches!(parse_url(&exchange.request.url).segments.as_slice(), [p] if p == "token" || p == "refresh") {
        // A new pair: the connection it belongs to says who and which scopes.
        if let Some(access) = exchange.response.json().and_then(|b| b["access_token"].as_str().map(str::to_string)) {
            subject = pg.engine.with_untracked(|e| token_subject(e, &access, now));
        }
    }
    for (event, detail) in events_for(&exchange, &subject) {
        post_event(pg, event, detail);
    }
}

/// Carries out a command from the embedding page; `Err` says why not.
fn run_command(pg: &Playground, data: &Value) -> Result<(), String> {
    match data["command"].as_str() {
        Some("reset") => {
            pg.reset();
            Ok(())
        }
        Some("advance-clock") => {
            let minutes = data["minutes"].as_f64().filter(|m| m.is_finite() && *m > 0.0 && *m <= 10_080.0);
            let minutes = minutes.ok_or("advance-clock needs minutes from 1 to 10080.")?;
            pg.clock.advance((minutes * 60_000.0) as i64);
            Ok(())
        }
        Some("open-step") => {
            let step = data["step"].as_u64().filter(|s| (1..=6).contains(s)).ok_or("open-step needs a step from 1 to 6.")?;
            let section = document().get_element_by_id(&format!("step-{step}")).ok_or("the app pane is not shown here.")?;
            let _ = section.set_attribute("tabindex", "-1");
            section.scroll_into_view();
            if let Ok(el) = section.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
            Ok(())
        }
        Some(other) => Err(format!("unknown command {other}.")),
        None => Err("a command needs a command field.".into()),
    }
}

/// Listens for commands from the `parent=` origin, and says `ready`.
pub fn install(pg: Playground) {
    let panes: Vec<&str> = pg.ui.panes.get_untracked().iter().map(|p| p.param()).collect();
    post_event(&pg, "ready", json!({ "panes": panes }));
    let Some(parent) = pg.config.with_value(|c| c.parent.clone()) else { return };
    let handle = window_event_listener(leptos::ev::message, move |event: web_sys::MessageEvent| {
        if event.origin() != parent {
            return;
        }
        let text = js_sys::JSON::stringify(&event.data()).ok().and_then(|s| s.as_string()).unwrap_or_default();
        let Ok(data) = serde_json::from_str::<Value>(&text) else { return };
        if data["type"] != "academy:command" {
            return;
        }
        let command = data["command"].clone();
        let ack = match run_command(&pg, &data) {
            Ok(()) => json!({ "type": "academy:ack", "command": command, "ok": true }),
            Err(error) => json!({ "type": "academy:ack", "command": command, "ok": false, "error": error }),
        };
        post(&parent, &ack);
    });
    on_cleanup(move || handle.remove());
}

#[cfg(test)]
mod tests {
    use super::*;
    use academy_engine::{Origin, Response};

    fn exchange(method: &str, url: &str, status: u16, headers: &[(&str, &str)], body: &str) -> Exchange {
        Exchange {
            seq: 1,
            at: 0,
            origin: Origin::App,
            request: Request::new(method, url),
            response: Response {
                status,
                headers: headers.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
                body: body.as_bytes().to_vec(),
            },
        }
    }

    fn john(scopes: &[Scope]) -> Subject {
        Subject { account: Some(Account::John), scopes: scopes.to_vec() }
    }

    #[test]
    fn the_flow_makes_its_events_without_secrets() {
        let consent = exchange("POST", "/api/v2/authorize", 302, &[("Location", "https://www.make.com/oauth/cb/app?code=SECRETCODE&state=s")], "{}");
        assert_eq!(events_for(&consent, &john(&[])), vec![("code-received", json!({ "account": "john" }))]);

        let token = exchange("POST", "/token", 200, &[], r#"{"access_token":"AT","expires_in":5,"refresh_token":"RT","refresh_expires_in":60}"#);
        let events = events_for(&token, &john(&[Scope::Connect, Scope::Read]));
        assert_eq!(
            events,
            vec![("token-issued", json!({ "account": "john", "scopes": ["connect", "read"], "expires_in": 5, "refresh_expires_in": 60 }))]
        );
        let text = format!("{events:?}");
        assert!(!text.contains("AT\"") && !text.contains("RT") && !text.contains("SECRETCODE"));

        let call = exchange("GET", "https://app-academy.make.com/api/v2/movies?page=2&token=x", 200, &[], "{}");
        assert_eq!(events_for(&call, &john(&[])), vec![("api-call", json!({ "method": "GET", "path": "/movies", "status": 200 }))]);
        let refresh = exchange("POST", "/refresh", 200, &[], "{}");
        assert_eq!(events_for(&refresh, &john(&[]))[0].0, "token-refreshed");
        let invalidate = exchange("GET", "/invalidate", 204, &[], "");
        assert_eq!(events_for(&invalidate, &john(&[])), vec![("invalidated", json!({ "account": "john" }))]);
    }

    #[test]
    fn errors_say_where_and_why() {
        let denied = exchange("POST", "/authorize", 302, &[("Location", "https://x/cb?error.message=Access%20denied.&state=s")], "{}");
        assert_eq!(
            events_for(&denied, &Subject::default()),
            vec![("error", json!({ "method": "POST", "path": "/authorize", "status": 302, "message": "Access denied." }))]
        );
        let missing = exchange("GET", "/movies", 403, &[], r#"{"error":{"message":"Missing Scope.","code":403}}"#);
        let events = events_for(&missing, &Subject::default());
        assert_eq!(events[0], ("api-call", json!({ "method": "GET", "path": "/movies", "status": 403 })));
        assert_eq!(events[1], ("error", json!({ "method": "GET", "path": "/movies", "status": 403, "message": "Missing Scope." })));
        let wrong = exchange("POST", "/token", 400, &[], r#"{"error":{"message":"Invalid client credentials.","code":400}}"#);
        assert_eq!(events_for(&wrong, &Subject::default()).len(), 1);
        let consent_page = exchange("GET", "/authorize?client_id=x", 200, &[], "{}");
        assert!(events_for(&consent_page, &Subject::default()).is_empty());
    }
}
