//! SPEC "Actors and data": the developer access form and its credentials.

mod common;

use academy_engine::{Account, Engine, Request};
use common::*;
use serde_json::json;

fn is_hex(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| b.is_ascii_hexdigit())
}

#[test]
fn registration_yields_random_credentials_of_at_least_128_bits() {
    let h = Harness::registered();
    let c = h.engine.client().expect("client");
    assert!(is_hex(&c.client_id, 32), "{}", c.client_id);
    assert!(is_hex(&c.client_secret, 64), "{}", c.client_secret);
    assert!(is_hex(&c.api_key, 32), "{}", c.api_key);
    assert_ne!(c.client_id, c.client_secret);
    assert_eq!(c.registration, registration());
    assert_eq!(c.registered_at, START);
    assert_eq!(h.engine.view(h.now).client.as_ref(), Some(c));
}

#[test]
fn a_new_server_has_no_client() {
    let mut h = Harness::new();
    assert!(h.engine.client().is_none());
    let r = h.authorize("client_id=abc&redirect_uri=x&response_type=code&scope=connect");
    assert_error(&r, 404, "No app is registered; submit the access form first.");
    let r = h.token_with(json!({"grant_type": "authorization_code", "client_id": "abc", "client_secret": "def", "code": "x", "redirect_uri": "y"}));
    assert_error(&r, 400, "Invalid client credentials.");
}

#[test]
fn registering_again_replaces_the_credentials() {
    let mut h = Harness::registered();
    let old = h.client.clone();
    let new = h.register();
    assert_ne!(old.client_id, new.client_id);
    assert_ne!(old.client_secret, new.client_secret);
    assert_ne!(old.api_key, new.api_key);
    // The old client_id is unknown to /authorize.
    let r = h.authorize(&format!("client_id={}&redirect_uri={}&response_type=code&scope=connect", old.client_id, encode(&old.registration.redirect_uri)));
    assert_error(&r, 404, "Client not found; check client_id.");
    // The old secret no longer works at /token.
    let code = h.code(Account::John, &ALL_SCOPES);
    let r = h.token_with(json!({"grant_type": "authorization_code", "client_id": old.client_id, "client_secret": old.client_secret, "code": code, "redirect_uri": old.registration.redirect_uri}));
    assert_error(&r, 400, "Invalid client credentials.");
}

#[test]
fn registering_again_removes_every_connection_code_and_pending_authorization() {
    let mut h = Harness::registered();
    let john = h.connect(Account::John, &ALL_SCOPES);
    let jane = h.connect(Account::Jane, &ALL_SCOPES);
    let code = h.code(Account::John, &ALL_SCOPES);
    let ticket = h.ticket(&ALL_SCOPES);
    h.register();

    let view = h.engine.view(h.now);
    assert!(view.connections.is_empty());
    assert!(view.codes.is_empty());
    assert_eq!(view.pending_authorizations, 0);
    for t in [&john, &jane] {
        assert_error(&h.api("GET", "/info", &t.access, None), 401, "Not Authorized.");
        assert_error(&h.refresh(&t.refresh), 404, "Refresh token not found.");
    }
    // The old code, presented with the new credentials, is unknown.
    assert_error(&h.token(&code), 404, "Authorization code not found.");
    assert_error(&h.consent(&ticket, Account::John, &ALL_SCOPES, true), 400, "Consent ticket not found; open the authorize URL again.");
    // The new credentials work.
    let t = h.connect(Account::John, &ALL_SCOPES);
    assert_eq!(h.info_status(&t.access), 200);
}

#[test]
fn registering_again_keeps_each_accounts_resource_data() {
    let (mut h, token) = connected(Account::John);
    let r = h.api("POST", "/movies", &token, Some(r#"{"name":"Kept"}"#));
    let id = body(&r)["id"].as_str().unwrap().to_string();
    assert_eq!(h.api("POST", "/webhooks", &token, Some(r#"{"url":"https://hook.eu1.make.com/abc"}"#)).status, 200);
    h.register();
    let token = h.connect(Account::John, &ALL_SCOPES).access;
    assert_eq!(get(&mut h, &token, &format!("/movies/{id}"))["name"], "Kept");
    assert_eq!(get(&mut h, &token, "/about")[0]["webhook"], "https://hook.eu1.make.com/abc");
}

#[test]
fn registration_is_not_an_http_exchange() {
    let mut h = Harness::new();
    h.register();
    assert!(h.engine.log().is_empty());
    let _ = h.handle(Request::new("GET", "/info"));
    assert_eq!(h.engine.log().len(), 1);
    let _ = Engine::default();
}
