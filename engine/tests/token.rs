//! SPEC "POST /token": checks in order, each with its status and message.

mod common;

use academy_engine::oauth::code::USED_CODE_LIMIT;
use academy_engine::{Account, Request, Scope, Settings};
use common::*;
use serde_json::{json, Value};

fn without(mut v: Value, key: &str) -> Value {
    v.as_object_mut().unwrap().remove(key);
    v
}

fn with(mut v: Value, key: &str, value: &str) -> Value {
    v[key] = json!(value);
    v
}

#[test]
fn success_returns_the_documented_shape_and_no_store() {
    let mut h = Harness::registered();
    let code = h.code(Account::John, &ALL_SCOPES);
    let r = h.token(&code);
    assert_eq!(r.status, 200);
    assert_eq!(r.header_value("Cache-Control"), Some("no-store"));
    assert_eq!(r.header_value("Pragma"), Some("no-cache"));
    assert_eq!(r.header_value("Content-Type"), Some("application/json"));
    // Fields in the documented order.
    assert_eq!(keys_at_depth(&r.body_text(), 1), ["access_token", "expires_in", "refresh_token", "refresh_expires_in"]);
    let b = body(&r);
    assert_eq!(b["expires_in"], 5);
    assert_eq!(b["refresh_expires_in"], 60);
    let t = tokens(&r);
    // 160 random bits each, as hex.
    for token in [&t.access, &t.refresh] {
        assert!(token.len() == 40 && token.bytes().all(|b| b.is_ascii_hexdigit()), "{token}");
    }
    assert_ne!(t.access, t.refresh);
    let view = h.engine.view(h.now);
    assert!(view.codes.is_empty());
    let c = &view.connections[0];
    assert_eq!((c.account, c.created_at), (Account::John, START));
    assert_eq!(c.access_expires_at, START + 5 * MINUTE);
    assert_eq!(c.refresh_expires_at, START + 60 * MINUTE);
    assert_eq!((c.access_token.as_str(), c.refresh_token.as_str()), (t.access.as_str(), t.refresh.as_str()));
}

#[test]
fn lifetimes_follow_the_settings() {
    let mut h = Harness::registered();
    h.engine.set_settings(Settings { access_minutes: 1, refresh_minutes: 2, code_minutes: 3 });
    let code = h.code(Account::John, &ALL_SCOPES);
    assert_eq!(h.engine.view(h.now).codes[0].expires_at, START + 3 * MINUTE);
    let b = body(&h.token(&code));
    assert_eq!((b["expires_in"].as_u64(), b["refresh_expires_in"].as_u64()), (Some(1), Some(2)));
    // New lifetimes apply to what is issued after the change.
    let old = h.connect(Account::John, &ALL_SCOPES);
    let code = h.code(Account::Jane, &ALL_SCOPES);
    h.engine.set_settings(Settings { access_minutes: 30, refresh_minutes: 90, code_minutes: 1 });
    h.advance(MINUTE - 1);
    assert_eq!(h.info_status(&old.access), 200);
    h.advance(1);
    assert_eq!(h.info_status(&old.access), 401, "the token keeps its one minute");
    h.advance(MINUTE);
    let r = h.token(&code);
    assert_eq!(r.status, 200, "the code keeps its three minutes");
    let b = body(&r);
    assert_eq!((b["expires_in"].as_u64(), b["refresh_expires_in"].as_u64()), (Some(30), Some(90)));
    // Huge lifetimes saturate instead of overflowing.
    h.engine.set_settings(Settings { access_minutes: u32::MAX, refresh_minutes: u32::MAX, code_minutes: u32::MAX });
    h.now = i64::MAX - 5;
    let t = h.connect(Account::Jane, &ALL_SCOPES);
    assert_eq!(h.info_status(&t.access), 200);
}

#[test]
fn form_encoded_bodies_are_accepted() {
    let mut h = Harness::registered();
    let code = h.code(Account::John, &ALL_SCOPES);
    let form = format!("code={code}&client_id={}&client_secret={}&grant_type=authorization_code&redirect_uri=https%3A%2F%2Fwww.make.com%2Foauth%2Fcb%2Fapp", h.client.client_id, h.client.client_secret);
    let r = h.handle(Request::new("POST", "/token").header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").body(form));
    assert_eq!(r.status, 200, "{}", r.body_text());
}

#[test]
fn without_content_type_the_body_is_sniffed() {
    let mut h = Harness::registered();
    let code = h.code(Account::John, &ALL_SCOPES);
    let r = h.handle(Request::new("POST", "/token").body(h.token_fields(&code).to_string()));
    assert_eq!(r.status, 200, "{}", r.body_text());
    let code = h.code(Account::Jane, &ALL_SCOPES);
    let form = format!("code={code}&client_id={}&client_secret={}&grant_type=authorization_code&redirect_uri=https://www.make.com/oauth/cb/app", h.client.client_id, h.client.client_secret);
    assert_eq!(h.handle(Request::new("POST", "/token").body(form)).status, 200);
}

#[test]
fn json_bodies_read_every_field_as_text() {
    let mut h = Harness::registered();
    // An `application/*+json` type is JSON.
    let code = h.code(Account::John, &ALL_SCOPES);
    let r = h.handle(Request::new("POST", "/token").header("Content-Type", "application/vnd.api+json").body(h.token_fields(&code).to_string()));
    assert_eq!(r.status, 200, "{}", r.body_text());
    // Numbers and booleans count as their text; null, arrays and objects as absent.
    let mut f = h.token_fields("x");
    f["code"] = json!(12345);
    assert_error(&h.token_with(f), 404, "Authorization code not found.");
    assert_error(&h.token_with(json!({"grant_type": true})), 501, "Grant type not supported.");
    for absent in [json!(null), json!(["authorization_code"]), json!({"grant_type": "authorization_code"})] {
        assert_error(&h.token_with(json!({"grant_type": absent})), 400, "grant_type is required.");
    }
    let mut f = h.token_fields("x");
    f["client_id"] = json!(null);
    assert_error(&h.token_with(f), 400, "client_id and client_secret are required.");
}

#[test]
fn without_content_type_an_empty_body_is_an_empty_form() {
    let mut h = Harness::registered();
    assert_error(&h.handle(Request::new("POST", "/token")), 400, "grant_type is required.");
    assert_error(&h.handle(Request::new("post", "/token").body("  ")), 400, "grant_type is required.");
}

#[test]
fn a_body_that_is_neither_is_malformed() {
    let mut h = Harness::registered();
    let cases: [(Option<&str>, &[u8]); 6] = [
        (Some("text/plain"), b"code=1"),
        (Some("application/json"), b"{not json"),
        (Some("application/json"), b"[1,2]"),
        (Some("application/json"), b"\"text\""),
        (None, b"just words"),
        (Some("application/x-www-form-urlencoded"), b"\xff\xfe=1"),
    ];
    for (ct, bytes) in cases {
        let mut req = Request::new("POST", "/token").body(bytes.to_vec());
        if let Some(ct) = ct {
            req = req.header("Content-Type", ct);
        }
        assert_error(&h.handle(req), 400, "Malformed request body.");
    }
}

#[test]
fn step_1_grant_type() {
    let mut h = Harness::registered();
    let f = h.token_fields("x");
    assert_error(&h.token_with(without(f.clone(), "grant_type")), 400, "grant_type is required.");
    assert_error(&h.token_with(with(f.clone(), "grant_type", "")), 400, "grant_type is required.");
    assert_error(&h.token_with(with(f.clone(), "grant_type", "password")), 501, "Grant type not supported.");
    assert_error(&h.token_with(with(f.clone(), "grant_type", "refresh_token")), 501, "Grant type not supported.");
    // Before the credentials.
    let bad = with(with(f, "grant_type", "client_credentials"), "client_secret", "wrong");
    assert_error(&h.token_with(bad), 501, "Grant type not supported.");
    assert_error(&h.token_with(json!({})), 400, "grant_type is required.");
}

#[test]
fn step_2_client_credentials() {
    let mut h = Harness::registered();
    let code = h.code(Account::John, &ALL_SCOPES);
    let f = h.token_fields(&code);
    assert_error(&h.token_with(without(f.clone(), "client_id")), 400, "client_id and client_secret are required.");
    assert_error(&h.token_with(without(f.clone(), "client_secret")), 400, "client_id and client_secret are required.");
    assert_error(&h.token_with(with(f.clone(), "client_secret", "")), 400, "client_id and client_secret are required.");
    let secret = h.client.client_secret.clone();
    let almost = format!("{}0", &secret[..secret.len() - 1]);
    for (k, v) in [("client_secret", almost.as_str()), ("client_secret", "short"), ("client_id", "nope"), ("client_secret", &secret.to_uppercase())] {
        assert_error(&h.token_with(with(f.clone(), k, v)), 400, "Invalid client credentials.");
    }
    // Before the code: a bad secret does not spend or reveal it.
    assert_error(&h.token_with(with(without(f.clone(), "code"), "client_secret", "x")), 400, "Invalid client credentials.");
    assert_eq!(h.token_with(f).status, 200);
}

#[test]
fn step_3_code() {
    let mut h = Harness::registered();
    let code = h.code(Account::John, &ALL_SCOPES);
    let f = h.token_fields(&code);
    assert_error(&h.token_with(without(f.clone(), "code")), 400, "code is required.");
    assert_error(&h.token_with(with(f.clone(), "code", "")), 400, "code is required.");
    assert_error(&h.token_with(with(f.clone(), "code", "0000")), 404, "Authorization code not found.");
    assert_eq!(h.token_with(f.clone()).status, 200);
    assert_error(&h.token_with(f.clone()), 400, "Authorization code already used.");
    // Used is reported before redirect_uri.
    assert_error(&h.token_with(with(f, "redirect_uri", "x")), 400, "Authorization code already used.");
}

#[test]
fn reusing_a_code_keeps_the_connection_it_made() {
    let mut h = Harness::registered();
    let code = h.code(Account::John, &ALL_SCOPES);
    let t = tokens(&h.token(&code));
    assert_error(&h.token(&code), 400, "Authorization code already used.");
    assert_eq!(h.info_status(&t.access), 200);
    assert_eq!(h.refresh(&t.refresh).status, 200);
}

#[test]
fn used_codes_are_remembered_up_to_a_bound_then_unknown() {
    let mut h = Harness::registered();
    let mut used = Vec::new();
    for _ in 0..USED_CODE_LIMIT + 1 {
        let code = h.code(Account::John, &[Scope::Connect]);
        assert_eq!(h.token(&code).status, 200);
        used.push(code);
    }
    assert_error(&h.token(&used[0]), 404, "Authorization code not found.");
    assert_error(&h.token(&used[1]), 400, "Authorization code already used.");
    assert_error(&h.token(used.last().unwrap()), 400, "Authorization code already used.");
}

#[test]
fn a_code_expires_exactly_at_its_lifetime() {
    let mut h = Harness::registered();
    let code = h.code(Account::John, &ALL_SCOPES);
    h.advance(10 * MINUTE - 1);
    assert_eq!(h.token(&code).status, 200);

    let code = h.code(Account::John, &ALL_SCOPES);
    h.advance(10 * MINUTE);
    assert_error(&h.token(&code), 400, "Authorization code expired.");
    // Expired is checked before redirect_uri.
    let f = with(h.token_fields(&code), "redirect_uri", "x");
    assert_error(&h.token_with(f), 400, "Authorization code expired.");
}

#[test]
fn step_4_redirect_uri_must_match_the_authorization_request() {
    let mut h = Harness::registered();
    let code = h.code(Account::John, &ALL_SCOPES);
    let f = h.token_fields(&code);
    assert_error(&h.token_with(without(f.clone(), "redirect_uri")), 400, "redirect_uri is required.");
    assert_error(&h.token_with(with(f.clone(), "redirect_uri", "https://www.integromat.com/oauth/cb/app")), 400, "redirect_uri does not match the authorization request.");
    assert_error(&h.token_with(with(f.clone(), "redirect_uri", "https://www.make.com/oauth/cb/app/")), 400, "redirect_uri does not match the authorization request.");
    // A failed check does not spend the code.
    assert_eq!(h.token_with(f).status, 200);
}

#[test]
fn a_code_is_bound_to_its_account_and_scopes() {
    let mut h = Harness::registered();
    let code = h.code(Account::Jane, &[Scope::Connect, Scope::Read]);
    let t = tokens(&h.token(&code));
    let info = body(&h.api("GET", "/info", &t.access, None));
    assert_eq!(info["user"], "Jane Black");
    assert_error(&h.api("POST", "/movies", &t.access, Some("{}")), 403, "Missing Scope.");
}

#[test]
fn a_new_connection_removes_the_accounts_earlier_one() {
    let mut h = Harness::registered();
    let john1 = h.connect(Account::John, &ALL_SCOPES);
    let jane = h.connect(Account::Jane, &ALL_SCOPES);
    let john2 = h.connect(Account::John, &[Scope::Connect]);
    assert_error(&h.api("GET", "/info", &john1.access, None), 401, "Not Authorized.");
    assert_error(&h.refresh(&john1.refresh), 404, "Refresh token not found.");
    assert_eq!(h.info_status(&john2.access), 200);
    assert_eq!(h.info_status(&jane.access), 200);
    let view = h.engine.view(h.now);
    assert_eq!(view.connections.len(), 2);
    assert_eq!(view.connections.iter().find(|c| c.account == Account::John).unwrap().scopes, vec![Scope::Connect]);
}

#[test]
fn codes_outstanding_at_once_all_work() {
    let mut h = Harness::registered();
    let a = h.code(Account::John, &ALL_SCOPES);
    let b = h.code(Account::Jane, &ALL_SCOPES);
    assert_eq!(h.engine.view(h.now).codes.len(), 2);
    assert_eq!(h.token(&b).status, 200);
    assert_eq!(h.token(&a).status, 200);
}

#[test]
fn unused_codes_are_bounded_oldest_dropped() {
    let mut h = Harness::registered();
    let first = h.code(Account::John, &ALL_SCOPES);
    for _ in 0..academy_engine::oauth::code::CODE_LIMIT {
        h.code(Account::John, &ALL_SCOPES);
    }
    assert_eq!(h.engine.view(h.now).codes.len(), academy_engine::oauth::code::CODE_LIMIT);
    assert_error(&h.token(&first), 404, "Authorization code not found.");
}

#[test]
fn only_post_is_allowed() {
    let mut h = Harness::registered();
    for m in ["GET", "PUT", "DELETE"] {
        let r = h.handle(Request::new(m, "/token"));
        assert_eq!(r.status, 405);
        assert_eq!(r.header_value("Allow"), Some("POST"));
    }
}
