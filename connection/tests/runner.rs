//! The runner against a real engine: the right connection's whole life, and
//! each diagnostic from a connection made for it (never from the right one).

use academy_connection::templates::template;
use academy_connection::{connect, run, Choice, Code, Inputs, Progress, Report, Runner, SavedConnection, Use};
use academy_engine::oauth::registration::MAKE_REDIRECT_URI;
use academy_engine::{Account, Engine, Millis, Registration, SeededEntropy};

const START: Millis = 1_700_000_000_000;
const MINUTE: Millis = 60_000;

fn registered() -> (Engine, SeededEntropy) {
    let mut engine = Engine::default();
    let mut entropy = SeededEntropy::new(3);
    let registration = Registration {
        email: "ada@example.com".into(),
        first_name: "Ada".into(),
        last_name: "Lovelace".into(),
        redirect_uri: MAKE_REDIRECT_URI.into(),
    };
    engine.register(registration, START, &mut entropy);
    (engine, entropy)
}

fn john() -> Choice {
    Choice { account: Account::John, allow: true, scopes: None }
}

fn text(id: &str) -> &'static str {
    template(id).map(|t| t.text).unwrap_or("")
}

fn codes(report: &Report) -> Vec<&'static str> {
    report.diagnostics.iter().map(|d| d.code.code()).collect()
}

/// Connects, then uses the connection at these times (ms after connecting), then invalidates.
fn life(text: &str, uses: &[Millis]) -> (Report, Vec<Use>) {
    let (mut engine, mut entropy) = registered();
    let mut runner = Runner::new(text, Inputs::default(), &engine);
    connect(&mut runner, &john(), &mut engine, START, &mut entropy);
    let mut results = Vec::new();
    for at in uses {
        results.push(runner.use_connection(&mut engine, START + at, &mut entropy));
    }
    let last = uses.last().copied().unwrap_or(0);
    runner.invalidate(&mut engine, START + last, &mut entropy);
    (runner.report(), results)
}

#[test]
fn the_right_connection_connects() {
    let (mut engine, mut entropy) = registered();
    let report = run(text("academy-v2"), Inputs::default(), &john(), &mut engine, START, &mut entropy);
    assert!(report.ok, "{:?}", report.diagnostics);
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    let sections: Vec<&str> = report.steps.iter().map(|s| s.section.as_str()).collect();
    assert_eq!(sections, ["authorize", "token", "info"]);
    assert_eq!(report.connection.uid, "d1b03e513fbc5881651d6c149fd259506f975ae1");
    assert_eq!(report.connection.metadata["value"], "John Doe");
    assert_eq!(report.connection.expires.as_deref(), Some("2023-11-14T23:13:20.000Z"), "refresh lifetime: 60 minutes");
    assert_eq!(report.connection.data["expires"], "2023-11-14T22:18:20.000Z", "access lifetime: 5 minutes");
    // The authorize URL asked for every scope of the catalogue, with Make's redirect URI.
    let url = report.steps[0].request.as_ref().map(|r| r.url.clone()).unwrap_or_default();
    assert!(url.contains("scope=connect%20read%20write%20delete") || url.contains("scope=connect+read+write+delete"), "{url}");
    // log.sanitize masks the secret and the tokens in the trace, not in the exchange.
    let token = &report.steps[1];
    assert_eq!(token.request.as_ref().map(|r| r.body["client_secret"].clone()), Some("********".into()));
    assert_eq!(token.response.as_ref().map(|r| r.body["access_token"].clone()), Some("********".into()));
    assert!(token.expressions.iter().any(|e| e.path == "token.body.client_secret" && e.value == "********"));
    assert!(token.expressions.iter().any(|e| e.path == "token.body.code" && e.value != "********"));
    // Every request went through the engine and is in its log.
    let routes: Vec<String> = engine.log().iter().filter_map(|e| e.outcome.route.clone()).collect();
    assert_eq!(routes, ["/authorize", "/authorize", "/token", "/info"]);
    // Serializable as the console returns it.
    let json = serde_json::to_value(&report).unwrap_or_default();
    assert_eq!(json["ok"], true);
    assert!(json["steps"][1]["expressions"].is_array());
}

#[test]
fn each_step_shows_data_and_temp_after_it() {
    let (mut engine, mut entropy) = registered();
    let report = run(text("academy-v2"), Inputs::default(), &john(), &mut engine, START, &mut entropy);
    let [authorize, token, info] = &report.steps[..] else { panic!("three steps: {:?}", report.steps) };
    // authorize's response.temp took the code from the callback; data is still empty.
    let code = authorize.temp["code"].as_str().unwrap_or_default();
    assert!(!code.is_empty(), "{:?}", authorize.temp);
    assert_eq!(authorize.data, serde_json::json!({}));
    // token's response.data stored the pair and the access token's expiry; temp carries on.
    assert_eq!(token.temp["code"], code);
    let stored: Vec<&str> = token.data.as_object().map(|d| d.keys().map(String::as_str).collect()).unwrap_or_default();
    assert_eq!(stored, ["accessToken", "expires", "refreshToken"]);
    assert_eq!(token.data["expires"], "2023-11-14T22:18:20.000Z");
    // info stored nothing in data: it is what token left.
    assert_eq!(info.data, token.data);
    // The console's shape: every step has both, as JSON.
    let json = serde_json::to_value(&report).unwrap_or_default();
    for step in json["steps"].as_array().into_iter().flatten() {
        assert!(step["data"].is_object() && step["temp"].is_object(), "{step}");
    }
}

#[test]
fn a_temp_directive_on_the_request_shows_in_its_step() {
    let with_temp = text("academy-v2").replacen("\"condition\": \"{{temp.code}}\",", "\"condition\": \"{{temp.code}}\",\n        \"temp\": { \"grant\": \"authorization_code\" },", 1);
    assert_ne!(with_temp, text("academy-v2"));
    let (mut engine, mut entropy) = registered();
    let report = run(&with_temp, Inputs::default(), &john(), &mut engine, START, &mut entropy);
    assert!(report.ok, "{:?}", report.diagnostics);
    assert_eq!(report.steps[0].temp.get("grant"), None, "set in token, not before");
    assert_eq!(report.steps[1].temp["grant"], "authorization_code");
    assert!(report.steps[1].expressions.iter().all(|e| e.path != "token.temp.grant"), "a plain string is no expression");
}

/// The client secret and the tokens `route` answered with (in the engine's log, unmasked).
fn secrets_answered_by(engine: &Engine, route: &str) -> Vec<String> {
    let mut secrets: Vec<String> = engine.client().map(|c| c.client_secret.clone()).into_iter().collect();
    for exchange in engine.log().iter().filter(|e| e.outcome.is(route)) {
        let body = exchange.response.json().unwrap_or_default();
        secrets.extend(["access_token", "refresh_token"].iter().filter_map(|k| body[k].as_str().map(str::to_string)));
    }
    secrets
}

#[test]
fn no_secret_log_sanitize_names_shows_anywhere_in_the_report() {
    let (mut engine, mut entropy) = registered();
    let mut runner = Runner::new(text("academy-v2"), Inputs::default(), &engine);
    connect(&mut runner, &john(), &mut engine, START, &mut entropy);
    let uses: Vec<Use> = [MINUTE, 4 * MINUTE + 30_000, 9 * MINUTE].iter().map(|at| runner.use_connection(&mut engine, START + at, &mut entropy)).collect();
    assert_eq!(uses, [Use::Fresh, Use::Refreshed, Use::Refreshed], "the runner kept the real tokens");
    let report = runner.report();
    assert!(report.ok, "{:?}", report.diagnostics);
    let mut secrets = secrets_answered_by(&engine, "/token");
    secrets.extend(secrets_answered_by(&engine, "/refresh"));
    assert_eq!(secrets.len(), 1 + 2 + 1 + 2 * 2, "the client secret and three pairs");
    let whole = serde_json::to_string(&report).unwrap_or_default();
    for secret in &secrets {
        assert!(!secret.is_empty() && !whole.contains(secret.as_str()), "{secret} shows in {whole}");
    }
    // Masked where the values went: response.* expressions, data after token, the stored connection.
    let token = &report.steps[1];
    assert!(token.expressions.iter().any(|e| e.path == "token.response.data.accessToken" && e.value == "********"), "{:?}", token.expressions);
    assert_eq!(token.data["refreshToken"], "********");
    assert_eq!(token.data["expires"], "2023-11-14T22:18:20.000Z", "what is not secret stays");
    assert_eq!(report.connection.data["accessToken"], "********");
}

#[test]
fn secrets_are_masked_by_value_where_their_own_request_does_not_name_them() {
    // Only token names its secrets: info's bearer header and refresh's body carry them unnamed.
    let token_only = text("academy-v2").replace("\"log\": { \"sanitize\": [\"request.headers", "\"unnamed\": { \"sanitize\": [\"request.headers").replace(
        "\"log\": { \"sanitize\": [\"request.body.client_secret\", \"request.body.refresh_token\"",
        "\"unnamed\": { \"sanitize\": [\"request.body.client_secret\", \"request.body.refresh_token\"",
    );
    assert_eq!(token_only.matches("\"log\"").count(), 1);
    let (mut engine, mut entropy) = registered();
    let mut runner = Runner::new(&token_only, Inputs::default(), &engine);
    connect(&mut runner, &john(), &mut engine, START, &mut entropy);
    assert_eq!(runner.use_connection(&mut engine, START + 4 * MINUTE + 30_000, &mut entropy), Use::Refreshed);
    let report = runner.report();
    let whole = serde_json::to_string(&report).unwrap_or_default();
    for secret in secrets_answered_by(&engine, "/token") {
        assert!(!whole.contains(secret.as_str()), "{secret} shows in {whole}");
    }
    let info = &report.steps[2];
    let authorization = info.request.as_ref().and_then(|r| r.headers.iter().find(|(k, _)| k == "authorization").map(|(_, v)| v.clone()));
    assert_eq!(authorization.as_deref(), Some("Bearer ********"));
    let refresh = &report.steps[3];
    assert_eq!(refresh.request.as_ref().map(|r| r.body["refresh_token"].clone()), Some("********".into()));
    // refresh named nothing, so the pair it got shows.
    let refreshed = secrets_answered_by(&engine, "/refresh");
    assert!(refreshed.iter().skip(1).all(|s| whole.contains(s.as_str())));
}

#[test]
fn a_saved_connection_carries_on_in_a_new_runner_after_a_reload() {
    let (mut engine, mut entropy) = registered();
    let mut runner = Runner::new(text("academy-v2"), Inputs::default(), &engine);
    assert_eq!(runner.saved(), None, "nothing connected yet");
    connect(&mut runner, &john(), &mut engine, START, &mut entropy);
    let connected = runner.report().connection;
    let saved = runner.saved().expect("connected");
    let json = serde_json::to_value(&saved).unwrap_or_default();
    let mut fields: Vec<&str> = json.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
    fields.sort_unstable();
    assert_eq!(fields, ["data", "expires", "metadata", "secrets", "text", "uid", "version"], "default inputs are not copied");
    let text = json.to_string();
    drop(runner);

    // The page reloads: a new runner from the saved text, against the same engine.
    let back: SavedConnection = academy_json::from_str(&text).expect("reads back");
    assert_eq!(back, saved);
    let mut runner = Runner::restore(&back, &engine).expect("this release's format");
    assert_eq!(runner.report().connection, connected, "the same connection, masked the same");
    assert_eq!(runner.use_connection(&mut engine, START + MINUTE, &mut entropy), Use::Fresh);
    assert_eq!(runner.use_connection(&mut engine, START + 4 * MINUTE + 30_000, &mut entropy), Use::Refreshed, "refreshed with the saved refresh token");
    let report = runner.report();
    assert!(report.ok && report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    let whole = serde_json::to_string(&report).unwrap_or_default();
    for secret in secrets_answered_by(&engine, "/token").iter().chain(&secrets_answered_by(&engine, "/refresh")) {
        assert!(!whole.contains(secret.as_str()), "{secret} shows after the reload");
    }
    // Saved again, it holds the rotated pair and only the secrets it still holds.
    let again = runner.saved().expect("still connected");
    assert_ne!(again.data, saved.data);
    assert_eq!(again.secrets.len(), 3, "client secret, access and refresh token: {:?}", again.secrets);
    assert!(runner.invalidate(&mut engine, START + 5 * MINUTE, &mut entropy));
    assert_eq!(runner.saved(), None, "invalidated: nothing to save");
    assert_eq!(engine.log().back().map(|e| e.response.status), Some(204));

    // Expired while saved: reauthorize, as before the reload.
    let mut runner = Runner::restore(&saved, &engine).expect("restores");
    assert_eq!(runner.use_connection(&mut engine, START + 61 * MINUTE, &mut entropy), Use::ReauthorizeNeeded);
    // Another format is not guessed at; a sparse one of this format fills in.
    assert!(Runner::restore(&SavedConnection { version: 2, ..saved.clone() }, &engine).is_none());
    let sparse: SavedConnection = academy_json::from_str(r#"{"version": 1, "text": "{}"}"#).expect("the rest has defaults");
    assert!(Runner::restore(&sparse, &engine).is_some_and(|r| r.report().connection.data == serde_json::json!({})));
}

#[test]
fn the_right_connection_skips_refresh_while_fresh_then_refreshes_follows_rotation_twice_and_invalidates() {
    let half = MINUTE / 2;
    let (report, uses) = life(text("academy-v2"), &[MINUTE, 3 * MINUTE, 4 * MINUTE + half, 7 * MINUTE, 9 * MINUTE + half]);
    // Minutes 1 and 3: fresh. 4.5: within a minute of expiry (5) → refresh, new expiry 9.5.
    // 7: fresh. 9.5: refresh again, with the rotated token.
    assert_eq!(uses, [Use::Fresh, Use::Fresh, Use::Refreshed, Use::Fresh, Use::Refreshed]);
    assert!(report.ok, "{:?}", report.diagnostics);
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    let refreshes = report.steps.iter().filter(|s| s.section == "refresh" && !s.skipped).count();
    assert_eq!(refreshes, 2);
    let last = report.steps.last().map(|s| (s.section.clone(), s.response.as_ref().map(|r| r.status)));
    assert_eq!(last, Some(("invalidate".to_string(), Some(204))));
    assert_eq!(report.connection.data, serde_json::json!({}), "forgotten after invalidate");
}

#[test]
fn use_after_the_connection_expired_needs_reauthorizing() {
    let (report, uses) = life(text("academy-v2"), &[61 * MINUTE]);
    assert_eq!(uses, [Use::ReauthorizeNeeded]);
    assert!(report.has(Code::ReauthorizeNeeded));
}

#[test]
fn every_template_leads_to_its_diagnostics_and_the_right_one_to_none() {
    for t in academy_connection::TEMPLATES {
        let (report, _) = life(t.text, &[2 * MINUTE, 4 * MINUTE + 30_000, 9 * MINUTE, 13 * MINUTE + 30_000]);
        for code in t.leads_to {
            assert!(report.has(*code), "{}: expected {} in {:?}", t.id, code.code(), codes(&report));
        }
        if t.leads_to.is_empty() {
            assert!(report.diagnostics.is_empty(), "{}: {:?}", t.id, report.diagnostics);
        }
    }
}

#[test]
fn seconds_instead_of_minutes() {
    let (report, _) = life(text("seconds"), &[]);
    assert!(report.has(Code::ExpiresInSeconds) && report.has(Code::ConnectionExpiresInSeconds), "{:?}", codes(&report));
    let d = report.diagnostics.iter().find(|d| d.code == Code::ExpiresInSeconds);
    assert_eq!(d.and_then(|d| d.path.clone()).as_deref(), Some("token.response.data.expires"));
}

#[test]
fn refresh_that_forgets_the_rotated_token_fails_the_second_time() {
    let (report, uses) = life(text("rotation"), &[4 * MINUTE + 30_000, 9 * MINUTE]);
    assert_eq!(uses, [Use::Refreshed, Use::Failed]);
    assert!(report.has(Code::RefreshTokenNotStored));
    assert!(report.has(Code::HttpError), "the second refresh: {:?}", codes(&report));
}

#[test]
fn redirect_uri_and_scope() {
    let (report, _) = life(text("legacy-redirect"), &[]);
    assert!(report.has(Code::RedirectUriMismatch) && report.has(Code::HttpError), "{:?}", codes(&report));
    assert!(!report.ok);
    let (report, _) = life(text("no-connect"), &[]);
    assert!(report.has(Code::MissingConnectScope) && report.has(Code::HttpError), "{:?}", codes(&report));
    // authorize right, token with another redirect URI.
    let mixed = text("academy-v2").replacen("\"redirect_uri\": \"{{oauth.localRedirectUri}}\"\n        }", "\"redirect_uri\": \"{{oauth.redirectUri}}\"\n        }", 1);
    assert_ne!(mixed, text("academy-v2"));
    let (report, _) = life(&mixed, &[]);
    let d = report.diagnostics.iter().find(|d| d.code == Code::RedirectUriMismatch).map(|d| d.path.clone());
    assert_eq!(d, Some(Some("token.body.redirect_uri".to_string())), "{:?}", codes(&report));
}

#[test]
fn iml_mistakes_have_their_codes() {
    for (from, to, code) in [
        ("addMinutes(now, body.expires_in)", "addMinutes(now, body.expires-in)", Code::HyphenPath),
        ("{{body.id}}", "{{body.data[0].id}}", Code::ZeroIndex),
        ("{{body.user}}", "{{capitalize(body.user)}}", Code::UnknownFunction),
        ("{{body.user}}", "{{body.user +}}", Code::ImlSyntax),
        ("addMinutes(now, 1)", "addMinutes(now; 1)", Code::SemicolonArgs),
        ("addMinutes(now, 1)", "addMinutes(now, 15)", Code::RefreshAlways),
    ] {
        let broken = text("academy-v2").replace(from, to);
        assert_ne!(broken, text("academy-v2"), "{from}");
        let (report, _) = life(&broken, &[]);
        assert!(report.has(code), "{}: {:?}", code.code(), codes(&report));
    }
}

#[test]
fn access_token_not_stored() {
    let broken = text("academy-v2").replacen("\"accessToken\": \"{{body.access_token}}\",", "", 1);
    let (report, _) = life(&broken, &[]);
    assert!(report.has(Code::AccessTokenNotStored), "{:?}", codes(&report));
}

#[test]
fn bad_input_is_a_report_not_a_panic() {
    let (mut engine, mut entropy) = registered();
    let report = run("{\n  \"token\": {,\n}", Inputs::default(), &john(), &mut engine, START, &mut entropy);
    assert!(!report.ok);
    let d = &report.diagnostics[0];
    assert_eq!(d.code, Code::JsonSyntax);
    assert!(d.message.contains("line 2, column 13"), "{}", d.message);
    for text in ["", "[]", "null", "{}", "{\"token\": 5}", "{\"token\": [1, \"{{\"]}", "{\"authorize\": {\"url\": \"{{uuid}}\"}, \"token\": {}}"] {
        let report = run(text, Inputs::default(), &john(), &mut engine, START, &mut entropy);
        assert!(!report.ok || report.steps.len() < 3, "{text}");
    }
}

#[test]
fn consent_is_a_pause_the_caller_resumes() {
    let (mut engine, mut entropy) = registered();
    let mut runner = Runner::new(text("academy-v2"), Inputs::default(), &engine);
    let Progress::NeedsConsent { url } = runner.connect(&mut engine, START, &mut entropy) else {
        panic!("expected a pause at the consent screen");
    };
    assert!(url.starts_with("https://app-academy.make.com/api/v2/authorize?"));
    let callback = academy_connection::consent::consent(&mut engine, &url, &john(), START, &mut entropy).unwrap_or_default();
    assert_eq!(runner.resume(&mut engine, &callback, START, &mut entropy), Progress::Connected);
    // Deny: the callback carries error.message, and the outcome says why.
    let mut runner = Runner::new(text("academy-v2"), Inputs::default(), &engine);
    let deny = Choice { allow: false, ..john() };
    assert_eq!(connect(&mut runner, &deny, &mut engine, START, &mut entropy), Progress::Failed);
    assert!(runner.report().has(Code::HttpError));
}
