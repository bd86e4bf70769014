//! Share links built from a real flow: nothing the engine issued or the
//! registration holds survives, and the link reads back as it was built.

use academy_engine::http::percent_decode;
use academy_engine::{Account, Settings};

use super::*;
use crate::config::{Config, Pane, Theme};
use crate::flow::driver::{Driver, START};
use crate::flow::machine::Event;

const BASE: &str = "https://example.org/play/";

fn library() -> Library {
    Library::new(&crate::lessons::pack::builtin(), None)
}

/// A learner well into the flow: connected, refreshed (so an old pair
/// exists), with a code still unused, and a composer full of secrets.
fn busy() -> Driver {
    let mut d = Driver::new();
    d.connect("jane");
    d.run(Event::Refresh);
    assert!(!d.data.previous.is_empty(), "the refresh left an old pair");
    // A second authorization whose code is not exchanged yet.
    d.run(Event::OpenAuthorize);
    d.run(Event::Decide { allow: true });
    assert!(!d.engine.view(d.now).codes.is_empty(), "an unused code");
    d
}

/// Every secret of the driver's playground, and every hex value the log
/// holds (tokens of earlier connections included).
fn all_secrets(d: &Driver) -> Vec<String> {
    let client = d.engine.client().unwrap();
    let mut out = vec![client.client_id.clone(), client.client_secret.clone(), client.api_key.clone(), d.data.state_param.clone()];
    let view = d.engine.view(d.now);
    out.extend(view.codes.iter().map(|c| c.code.clone()));
    out.extend(view.connections.iter().flat_map(|c| [c.access_token.clone(), c.refresh_token.clone()]));
    for held in d.data.held.iter().chain(&d.data.previous) {
        out.extend([held.access_token.clone(), held.refresh_token.clone()]);
    }
    for exchange in d.engine.log() {
        let texts = [exchange.request.url.clone(), String::from_utf8_lossy(&exchange.request.body).into_owned(), exchange.response.body_text()];
        let headers = exchange.request.headers.iter().chain(&exchange.response.headers).map(|(_, v)| v.clone());
        for text in texts.into_iter().chain(headers) {
            out.extend(text.split(|c: char| !c.is_ascii_hexdigit()).filter(|w| w.len() >= 32).map(str::to_string));
        }
    }
    out.retain(|s| s.len() >= 8);
    out.sort();
    out.dedup();
    out
}

fn situation(d: &Driver) -> Situation {
    Situation {
        panes: vec![Pane::App, Pane::Traffic],
        theme: Theme::Dark,
        account: d.data.consent_account.clone(),
        settings: Settings { access_minutes: 2, refresh_minutes: 30, code_minutes: 1 },
        pack: None,
        lesson: Some("scopes".into()),
        step: Some("ask-less".into()),
        clock_offset_ms: 65 * 60_000,
        clock_paused: true,
        api_method: d.data.api_method.clone(),
        api_path: d.data.api_path.clone(),
        api_body: d.data.api_body.clone(),
        api_auth: d.data.api_auth.clone(),
    }
}

fn query(url: &str) -> &str {
    url.split_once('?').map_or("", |(_, q)| q)
}

#[test]
fn no_secret_code_or_token_survives_in_the_link() {
    let mut d = busy();
    let held = d.data.held.clone().unwrap();
    let old = d.data.previous[0].clone();
    let client = d.engine.client().cloned().unwrap();
    let code = d.engine.view(d.now).codes[0].code.clone();
    // As the page makes it: 16 hex digits (the driver's is shorter).
    d.data.state_param = "9f8e7d6c5b4a3210".into();
    d.data.api_method = "post".into();
    d.data.api_path = format!("/movies?code={code}&client_id={}&state={}", client.client_id, d.data.state_param);
    d.data.api_body = format!(
        "{{\"client_secret\":\"{}\",\"refresh_token\":\"{}\",\"old\":\"{}\",\"loud\":\"{}\",\"key\":\"{}\"}}",
        client.client_secret,
        held.refresh_token,
        old.access_token,
        held.access_token.to_ascii_uppercase(),
        client.api_key
    );
    d.data.api_auth = Some(format!("Bearer {}", old.refresh_token));
    let secrets = Secrets::of(&d.engine, &d.data, d.now);
    let link = link(BASE, &situation(&d), &secrets);
    assert!(link.left_out.is_empty());
    let decoded = percent_decode(&link.url, true);
    for secret in all_secrets(&d) {
        assert!(!link.url.contains(&secret) && !decoded.contains(&secret), "{secret} is in {decoded}");
        assert!(!decoded.to_ascii_lowercase().contains(&secret.to_ascii_lowercase()), "{secret} (any case) is in {decoded}");
    }
    // The placeholders say what was there.
    let back = Config::from_query(query(&link.url));
    let shared = back.shared;
    assert_eq!(shared.api_method.as_deref(), Some("POST"));
    assert_eq!(shared.api_path.as_deref(), Some("/movies?code={{code}}&client_id={{client_id}}&state={{state}}"));
    let body = shared.api_body.unwrap();
    for placeholder in ["{{client_secret}}", "{{refresh_token}}", "{{access_token}}", "{{secret}}", "{{api_key}}"] {
        assert!(body.contains(placeholder), "{placeholder} in {body}");
    }
    assert_eq!(shared.api_auth.as_deref(), Some("Bearer {{refresh_token}}"));
}

#[test]
fn the_link_reads_back_as_the_situation_it_was_built_from() {
    let mut d = busy();
    d.data.api_method = "PATCH".into();
    d.data.api_path = "/movies/5bfb3056c5e4".into();
    d.data.api_body = "{\n  \"name\": \"Iron Man & co + 100% ✓\"\n}".into();
    let secrets = Secrets::of(&d.engine, &d.data, d.now);
    let link = link(BASE, &situation(&d), &secrets);
    assert!(link.url.starts_with("https://example.org/play/?shared=1&"), "{}", link.url);
    let config = Config::from_query(query(&link.url));
    assert!(config.notes.is_empty(), "{:?}", config.notes);
    assert_eq!(config.panes, vec![Pane::App, Pane::Traffic]);
    assert_eq!(config.theme, Theme::Dark);
    assert_eq!(config.account, Some(Account::Jane));
    assert_eq!(config.settings, Some(Settings { access_minutes: 2, refresh_minutes: 30, code_minutes: 1 }));
    assert_eq!(config.lesson.as_deref(), Some("scopes"));
    assert!(!config.explicit_namespace && !config.embed && config.parent.is_none(), "no storage key or embedding is shared");
    let shared = &config.shared;
    assert!(shared.link);
    assert_eq!(shared.step.as_deref(), Some("ask-less"));
    assert_eq!(shared.clock_offset_ms, Some(65 * 60_000));
    assert!(shared.clock_paused);
    assert_eq!(shared.api_method.as_deref(), Some("PATCH"));
    assert_eq!(shared.api_path.as_deref(), Some("/movies/5bfb3056c5e4"), "a resource id is not a secret");
    assert_eq!(shared.api_body.as_deref(), Some(d.data.api_body.as_str()), "the body comes back to the byte");
    assert_eq!(shared.api_auth, None, "the held token is what the receiver sends anyway");
    let note = describe(&config, &library());
    assert!(note.iter().any(|l| l.contains("access tokens 2 min")), "{note:?}");
    assert!(note.iter().any(|l| l == "Lesson: Scopes, at the step “ask-less”."), "an unknown step is named by its id: {note:?}");
    let mut known = config.clone();
    known.shared.step = Some("missing-scope".into());
    let lines = describe(&known, &library());
    assert!(lines.iter().any(|l| l == "Lesson: Scopes, at the step “Get a 403 Missing Scope”."), "{lines:?}");
    known.lesson = Some("from-a-pack".into());
    assert!(describe(&known, &library()).iter().any(|l| l == "Lesson: from-a-pack, at the step “missing-scope”."));
    assert!(note.iter().any(|l| l == "Clock: 1 h 5 min ahead of real time, paused."), "{note:?}");
    assert!(note.iter().any(|l| l.starts_with("The composer's request: PATCH /movies/5bfb3056c5e4, with its body")), "{note:?}");
    assert!(note.iter().any(|l| l == "Account on the consent screen: Jane Black."), "{note:?}");
}

#[test]
fn a_fresh_playground_shares_a_short_link() {
    let d = Driver::new();
    let mut s = situation(&d);
    s.panes = Pane::ALL.to_vec();
    s.theme = Theme::Auto;
    s.settings = Settings::default();
    s.lesson = None;
    s.clock_offset_ms = 0;
    s.clock_paused = false;
    let link = link(BASE, &s, &Secrets::of(&d.engine, &d.data, START));
    assert_eq!(link.url, "https://example.org/play/?shared=1&api_method=GET&api_path=%2Finfo");
    let config = Config::from_query(query(&link.url));
    assert!(config.notes.is_empty());
    assert_eq!(describe(&config, &library()), vec!["The composer's request: GET /info.".to_string()]);
    assert!(describe(&Config::from_query("theme=dark"), &library()).is_empty(), "settings alone are no share link");
}

#[test]
fn basic_credentials_and_long_hex_runs_are_left_out() {
    let secrets = Secrets::default();
    assert_eq!(secrets.scrub_auth("Basic YWJjOmRlZg=="), "Basic {{client_credentials}}");
    assert_eq!(secrets.scrub_auth("bearer 0123456789abcdef0123456789ABCDEF"), "bearer {{secret}}");
    assert_eq!(secrets.scrub("/movies/5bfb3056c5e4"), "/movies/5bfb3056c5e4");
    assert_eq!(secrets.scrub("x0123456789abcdef01234567y"), "x{{secret}}y");
    assert_eq!(secrets.scrub("ünïcödé ✓ {{access_token}}"), "ünïcödé ✓ {{access_token}}");
}

#[test]
fn a_body_too_long_for_a_url_is_left_out_and_said() {
    let d = Driver::new();
    let mut s = situation(&d);
    s.api_body = "x".repeat(MAX_SHARED_BODY + 1);
    let link = link(BASE, &s, &Secrets::default());
    assert!(!link.url.contains("api_body"));
    assert_eq!(link.left_out.len(), 1);
}

#[test]
fn the_clock_is_shared_in_minutes() {
    assert_eq!(minutes(65 * 60_000), "65");
    assert_eq!(minutes(90_000), "1.5");
    assert_eq!(minutes(61_000), "1.017");
    assert_eq!(minutes(-5_000), "0");
    let back = Config::from_query("clock=1.017").shared.clock_offset_ms.unwrap();
    assert!((back - 61_000).abs() < 100, "{back}");
    assert_eq!(Config::from_query("clock=0.5").shared.clock_offset_ms, Some(30_000));
    assert_eq!(Config::from_query("clock=525600").shared.clock_offset_ms, Some(525_600 * 60_000));
    for bad in ["-1", "NaN", "inf", "1e9", "soon", "525601", ".5", "1.2.3", "1.123456", "%2B1", " "] {
        let config = Config::from_query(&format!("clock={bad}"));
        assert_eq!(config.shared.clock_offset_ms, None, "{bad}");
        assert_eq!(config.notes.len(), 1, "{bad}");
    }
    // A paused clock, with or without a lead.
    assert!(Config::from_query("paused=1").shared.clock_paused);
    let still = Config::from_query("shared=1&paused=1");
    assert_eq!(describe(&still, &library()), vec!["Clock: paused.".to_string()]);
    let odd = Config::from_query("paused=later");
    assert!(!odd.shared.clock_paused);
    assert_eq!(odd.notes.len(), 1);
}

#[test]
fn odd_share_parameters_are_ignored_with_a_note() {
    let config = Config::from_query("shared=maybe&step=../x&api_method=TRACE&api_path=movies&api_auth=a%0Ab");
    assert_eq!(config.shared, crate::config::Shared::default());
    assert_eq!(config.notes.len(), 5, "{:?}", config.notes);
    let long = format!("api_body={}", "x".repeat(MAX_SHARED_BODY + 1));
    assert_eq!(Config::from_query(&long).shared.api_body, None);
}

#[test]
fn the_address_keeps_the_settings_and_drops_what_is_applied_once() {
    assert_eq!(without_shared("?theme=dark&shared=1&clock=5&api_path=%2Finfo&lesson=scopes&step=x"), Some("?theme=dark&lesson=scopes".into()));
    assert_eq!(without_shared("?paused=1&theme=dark"), Some("?theme=dark".into()));
    assert_eq!(without_shared("?shared=1&api_method=GET"), Some(String::new()));
    assert_eq!(without_shared("?theme=dark"), None);
    assert_eq!(without_shared(""), None);
    assert_eq!(without_shared("?%73hared=1&a"), Some("?a".into()), "names are read decoded, as Config reads them");
}
