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

use academy_engine::settings::LIFETIME_MINUTES;
use academy_engine::{Change, Exchange, Scope};

use crate::config::Config;
use crate::lessons::News;

fn names(scopes: &[Scope]) -> Vec<&'static str> {
    scopes.iter().map(|s| s.name()).collect()
}

/// The events one exchange makes, as `(event, detail)`, read from its
/// outcome: what changed, who it was about, and the error kind.
pub fn events_for(exchange: &Exchange) -> Vec<(&'static str, Value)> {
    let outcome = &exchange.outcome;
    let method = exchange.request.method.trim().to_ascii_uppercase();
    // The route template, never the path typed: a learner may have pasted a
    // token into it. A path no endpoint serves is null.
    let path = outcome.route.clone();
    let scopes = outcome.subject.as_ref().map(|s| names(&s.scopes)).unwrap_or_default();
    let mut events = Vec::new();
    for change in &outcome.changes {
        match change {
            Change::CodeIssued { account, .. } => events.push(("code-received", json!({ "account": account.slug() }))),
            Change::TokensIssued { account, grant: academy_engine::outcome::Grant::AuthorizationCode, expires_in, refresh_expires_in, .. } => events.push((
                "token-issued",
                json!({ "account": account.slug(), "scopes": scopes, "expires_in": expires_in, "refresh_expires_in": refresh_expires_in }),
            )),
            Change::TokensRotated { account } => events.push(("token-refreshed", json!({ "account": account.slug() }))),
            Change::ConnectionRemoved { account } => events.push(("invalidated", json!({ "account": account.slug() }))),
            _ => {}
        }
    }
    let oauth_step = matches!(outcome.route.as_deref(), Some("/authorize" | "/token" | "/refresh" | "/invalidate"));
    if !oauth_step {
        events.push(("api-call", json!({ "method": method, "path": path, "status": exchange.response.status })));
    }
    if let Some(error) = &outcome.error {
        events.push(("error", json!({ "method": method, "path": path, "status": exchange.response.status, "kind": error.name() })));
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

/// Events go to the `parent=` origin, or to any page with `parent=*`; with
/// neither, nobody hears them.
fn post_event(config: &Config, event: &str, detail: Value) {
    let target = match (&config.parent, config.broadcast) {
        (Some(origin), _) => origin.as_str(),
        (None, true) => "*",
        (None, false) => return,
    };
    let message = json!({ "type": "academy:event", "ns": config.namespace, "event": event, "detail": detail });
    post(target, &message);
}

/// Tells an embedding page what an exchange did (nothing outside a frame).
/// `news` is what the exchange did to the open lesson.
pub fn announce(config: &Config, exchange: &Exchange, news: &[News]) {
    if parent_window().is_none() {
        return;
    }
    for (event, detail) in events_for(exchange).into_iter().chain(lesson_events(news)) {
        post_event(config, event, detail);
    }
}

/// The events lesson news makes, as `(event, detail)`.
pub fn lesson_events(news: &[News]) -> Vec<(&'static str, Value)> {
    news.iter()
        .map(|n| match n {
            News::StepDone { lesson, step, done, total } => {
                ("lesson-progress", json!({ "lesson": lesson, "step": step, "done": done, "total": total }))
            }
            News::LessonComplete { lesson } => ("lesson-complete", json!({ "lesson": lesson })),
        })
        .collect()
}

/// A command an embedding page may send.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Command {
    Reset,
    AdvanceClock { ms: i64 },
    OpenStep(u8),
}

/// Reads a command message; `Err` says why it is refused.
pub fn parse_command(data: &Value) -> Result<Command, String> {
    match data["command"].as_str() {
        Some("reset") => Ok(Command::Reset),
        Some("advance-clock") => {
            let (least, most) = (f64::from(*LIFETIME_MINUTES.start()), f64::from(*LIFETIME_MINUTES.end()));
            let minutes = data["minutes"].as_f64().filter(|m| m.is_finite() && (least..=most).contains(m));
            let minutes = minutes.ok_or_else(|| format!("advance-clock needs minutes from {least} to {most}."))?;
            Ok(Command::AdvanceClock { ms: (minutes * 60_000.0) as i64 })
        }
        Some("open-step") => {
            let step = data["step"].as_u64().filter(|s| (1..=6).contains(s)).ok_or("open-step needs a step from 1 to 6.")?;
            Ok(Command::OpenStep(step as u8))
        }
        Some(other) => Err(format!("unknown command {other}.")),
        None => Err("a command needs a command field.".into()),
    }
}

/// Says `ready`, then listens for commands from the `parent=` origin and
/// answers each with an ack; `carry_out` does the work.
pub fn listen(config: &Config, panes: Vec<&'static str>, carry_out: impl Fn(Command) -> Result<(), String> + 'static) {
    post_event(config, "ready", json!({ "panes": panes }));
    let Some(parent) = config.parent.clone() else { return };
    let handle = window_event_listener(leptos::ev::message, move |event: web_sys::MessageEvent| {
        // The parent window itself, not only a page of its origin (another frame could share it).
        let from_parent = match (event.source(), parent_window()) {
            (Some(source), Some(window)) => js_sys::Object::is(&source, &window),
            _ => false,
        };
        if event.origin() != parent || !from_parent {
            return;
        }
        let text = js_sys::JSON::stringify(&event.data()).ok().and_then(|s| s.as_string()).unwrap_or_default();
        let Ok(data) = serde_json::from_slice::<Value>(text.as_bytes()) else { return };
        if data["type"] != "academy:command" {
            return;
        }
        let command = data["command"].clone();
        let ack = match parse_command(&data).and_then(&carry_out) {
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
    use academy_engine::oauth::registration::{Registration, MAKE_REDIRECT_URI};
    use academy_engine::oauth::ConsentDecision;
    use academy_engine::{Account, Engine, Origin, Request, SeededEntropy};

    const NOW: i64 = 1_700_000_000_000;

    fn engine() -> (Engine, SeededEntropy) {
        let mut engine = Engine::default();
        let mut entropy = SeededEntropy::new(5);
        let registration = Registration { email: "a@example.com".into(), first_name: "A".into(), last_name: "B".into(), redirect_uri: MAKE_REDIRECT_URI.into() };
        engine.register(registration, NOW, &mut entropy);
        (engine, entropy)
    }

    fn last(engine: &Engine) -> Exchange {
        engine.log().back().cloned().expect("logged")
    }

    /// Authorize, consent and exchange through the engine; the events of each.
    fn connect(engine: &mut Engine, entropy: &mut SeededEntropy, scopes: &str, granted: &[Scope]) -> (Vec<Vec<(&'static str, Value)>>, String) {
        let client = engine.client().cloned().unwrap();
        let url = format!("/authorize?scope={scopes}&client_id={}&redirect_uri={MAKE_REDIRECT_URI}&response_type=code", client.client_id);
        engine.handle(Request::new("GET", &url), Origin::Browser, NOW, entropy);
        let opened = events_for(&last(engine));
        let ticket = last(engine).response.json().unwrap()["consent"]["ticket"].as_str().unwrap().to_string();
        engine.consent(ConsentDecision { ticket, account: Account::John, scopes: granted.to_vec(), allow: true }, NOW, entropy);
        let consented = last(engine);
        let code = consented.response.header_value("Location").unwrap().split("code=").nth(1).unwrap().split('&').next().unwrap().to_string();
        let body = json!({ "code": code, "client_id": client.client_id, "client_secret": client.client_secret, "grant_type": "authorization_code", "redirect_uri": MAKE_REDIRECT_URI });
        engine.handle(Request::new("POST", "/token").json(&body), Origin::App, NOW, entropy);
        let token = last(engine);
        let access = token.response.json().unwrap()["access_token"].as_str().unwrap().to_string();
        (vec![opened, events_for(&consented), events_for(&token)], access)
    }

    #[test]
    fn lesson_news_become_progress_and_complete_events_without_secrets() {
        let news = [
            News::StepDone { lesson: "code-flow".into(), step: "call-info".into(), done: 3, total: 3 },
            News::LessonComplete { lesson: "code-flow".into() },
        ];
        let events = lesson_events(&news);
        assert_eq!(events[0], ("lesson-progress", json!({"lesson": "code-flow", "step": "call-info", "done": 3, "total": 3})));
        assert_eq!(events[1], ("lesson-complete", json!({"lesson": "code-flow"})));
    }

    #[test]
    fn the_flow_makes_its_events_without_secrets() {
        let (mut engine, mut entropy) = engine();
        let (events, access) = connect(&mut engine, &mut entropy, "connect+read", &[Scope::Connect, Scope::Read]);
        assert!(events[0].is_empty(), "opening the consent screen is no event");
        assert_eq!(events[1], vec![("code-received", json!({ "account": "john" }))]);
        assert_eq!(
            events[2],
            vec![("token-issued", json!({ "account": "john", "scopes": ["connect", "read"], "expires_in": 5, "refresh_expires_in": 60 }))]
        );
        let text = format!("{events:?}");
        assert!(!text.contains(&access), "no token in events");

        let call = Request::new("GET", "https://app-academy.make.com/api/v2/movies?page=2").header("Authorization", &format!("Bearer {access}"));
        engine.handle(call, Origin::App, NOW, &mut entropy);
        assert_eq!(events_for(&last(&engine)), vec![("api-call", json!({ "method": "GET", "path": "/movies", "status": 200 }))]);
        // A path with a token typed into it is reported as its route template only.
        let typed = Request::new("GET", &format!("/movies/{access}")).header("Authorization", &format!("Bearer {access}"));
        engine.handle(typed, Origin::Console, NOW, &mut entropy);
        let text = format!("{:?}", events_for(&last(&engine)));
        assert!(text.contains("/movies/{id}") && !text.contains(&access), "{text}");

        let invalidate = Request::new("GET", "/invalidate").header("Authorization", &format!("Bearer {access}"));
        engine.handle(invalidate, Origin::App, NOW, &mut entropy);
        assert_eq!(events_for(&last(&engine)), vec![("invalidated", json!({ "account": "john" }))]);
    }

    #[test]
    fn commands_are_read_with_the_engine_s_lifetime_range() {
        assert_eq!(parse_command(&json!({ "command": "reset" })), Ok(Command::Reset));
        assert_eq!(parse_command(&json!({ "command": "advance-clock", "minutes": 10080 })), Ok(Command::AdvanceClock { ms: 10_080 * 60_000 }));
        assert!(parse_command(&json!({ "command": "advance-clock", "minutes": 10081 })).unwrap_err().contains("1 to 10080"));
        assert_eq!(parse_command(&json!({ "command": "open-step", "step": 3 })), Ok(Command::OpenStep(3)));
        assert!(parse_command(&json!({ "command": "open-step", "step": 7 })).is_err());
        assert!(parse_command(&json!({ "command": "dance" })).unwrap_err().contains("dance"));
    }

    #[test]
    fn errors_say_where_and_why_from_the_error_kind() {
        let (mut engine, mut entropy) = engine();
        let (_, access) = connect(&mut engine, &mut entropy, "connect", &[Scope::Connect]);
        let call = Request::new("DELETE", "/movies/abc").header("Authorization", &format!("Bearer {access}"));
        engine.handle(call, Origin::Console, NOW, &mut entropy);
        let events = events_for(&last(&engine));
        assert_eq!(events[0], ("api-call", json!({ "method": "DELETE", "path": "/movies/{id}", "status": 403 })));
        assert_eq!(events[1], ("error", json!({ "method": "DELETE", "path": "/movies/{id}", "status": 403, "kind": "missing-scope" })));

        let client = engine.client().cloned().unwrap();
        let url = format!("/authorize?scope=connect&client_id={}&redirect_uri={MAKE_REDIRECT_URI}&response_type=code&state=s", client.client_id);
        engine.handle(Request::new("GET", &url), Origin::Browser, NOW, &mut entropy);
        let ticket = last(&engine).response.json().unwrap()["consent"]["ticket"].as_str().unwrap().to_string();
        engine.consent(ConsentDecision { ticket, account: Account::John, scopes: vec![Scope::Connect], allow: false }, NOW, &mut entropy);
        assert_eq!(
            events_for(&last(&engine)),
            vec![("error", json!({ "method": "POST", "path": "/authorize", "status": 302, "kind": "access-denied" }))]
        );
        let wrong = json!({ "grant_type": "authorization_code", "client_id": "x", "client_secret": "y", "code": "z", "redirect_uri": MAKE_REDIRECT_URI });
        engine.handle(Request::new("POST", "/token").json(&wrong), Origin::App, NOW, &mut entropy);
        assert_eq!(events_for(&last(&engine)), vec![("error", json!({ "method": "POST", "path": "/token", "status": 400, "kind": "invalid-client-credentials" }))]);
        // An unknown scope is named by kind, never by the text the learner typed.
        let url = format!("/authorize?scope=connect+sEcReT&client_id={}&redirect_uri={MAKE_REDIRECT_URI}&response_type=code", client.client_id);
        engine.handle(Request::new("GET", &url), Origin::Browser, NOW, &mut entropy);
        let text = format!("{:?}", events_for(&last(&engine)));
        assert!(text.contains("unknown-scope") && !text.contains("sEcReT"), "{text}");
        // Resource errors name their kind too.
        let (_, reader) = connect(&mut engine, &mut entropy, "connect+read", &[Scope::Connect, Scope::Read]);
        let missing = Request::new("GET", "/movies/000000000000").header("Authorization", &format!("Bearer {reader}"));
        engine.handle(missing, Origin::App, NOW, &mut entropy);
        assert_eq!(events_for(&last(&engine))[1].1["kind"], "resource:RecordNotFound");
    }
}
