//! SPEC "POST /refresh": grant type, client credentials, then the token;
//! rotation of both tokens.

mod common;

use academy_engine::oauth::connection::ROTATED_LIMIT;
use academy_engine::{Account, Request, Scope};
use common::*;
use serde_json::json;

#[test]
fn success_rotates_both_tokens() {
    let mut h = Harness::registered();
    let old = h.connect(Account::John, &[Scope::Connect, Scope::Read]);
    h.advance(MINUTE);
    let r = h.refresh(&old.refresh);
    assert_eq!(r.status, 200, "{}", r.body_text());
    assert_eq!(r.header_value("Cache-Control"), Some("no-store"));
    assert_eq!(r.header_value("Pragma"), Some("no-cache"));
    assert_eq!(keys_at_depth(&r.body_text(), 1), ["access_token", "expires_in", "refresh_token", "refresh_expires_in"]);
    let b = body(&r);
    assert_eq!((b["expires_in"].as_u64(), b["refresh_expires_in"].as_u64()), (Some(5), Some(60)));
    let new = tokens(&r);
    assert_ne!(new.access, old.access);
    assert_ne!(new.refresh, old.refresh);
    // The old pair is dead at once; the new one works.
    assert_error(&h.api("GET", "/info", &old.access, None), 401, "Not Authorized.");
    assert_error(&h.refresh(&old.refresh), 400, "Refresh token already used.");
    assert_eq!(h.info_status(&new.access), 200);
    // Same account and scopes; both lifetimes restart.
    let view = h.engine.view(h.now);
    let c = &view.connections[0];
    assert_eq!((c.account, c.scopes.clone()), (Account::John, vec![Scope::Connect, Scope::Read]));
    assert_eq!((c.created_at, c.access_expires_at, c.refresh_expires_at), (START, START + 6 * MINUTE, START + 61 * MINUTE));
    assert_error(&h.api("POST", "/movies", &new.access, Some("{}")), 403, "Missing Scope.");
}

#[test]
fn an_expired_access_token_is_refreshed() {
    let mut h = Harness::registered();
    let t = h.connect(Account::Jane, &ALL_SCOPES);
    h.advance(30 * MINUTE);
    assert_eq!(h.info_status(&t.access), 401);
    let new = tokens(&h.refresh(&t.refresh));
    assert_eq!(h.info_status(&new.access), 200);
}

#[test]
fn the_refresh_token_expires_exactly_at_its_lifetime() {
    let mut h = Harness::registered();
    let t = h.connect(Account::John, &ALL_SCOPES);
    h.advance(60 * MINUTE - 1);
    let t2 = tokens(&h.refresh(&t.refresh));
    // The lifetime restarted with the rotation.
    h.advance(60 * MINUTE - 1);
    assert_eq!(h.refresh(&t2.refresh).status, 200);

    let t = h.connect(Account::Jane, &ALL_SCOPES);
    h.advance(60 * MINUTE);
    assert_error(&h.refresh(&t.refresh), 400, "Refresh token expired.");
}

#[test]
fn step_1_grant_type() {
    let mut h = Harness::registered();
    let t = h.connect(Account::John, &ALL_SCOPES);
    let base = json!({"client_id": h.client.client_id, "client_secret": h.client.client_secret, "refresh_token": t.refresh});
    assert_error(&h.refresh_with(base.clone()), 400, "grant_type is required.");
    let mut f = base.clone();
    f["grant_type"] = json!("authorization_code");
    assert_error(&h.refresh_with(f.clone()), 501, "Grant type not supported.");
    f["client_secret"] = json!("wrong");
    assert_error(&h.refresh_with(f), 501, "Grant type not supported.");
}

#[test]
fn step_2_client_credentials() {
    let mut h = Harness::registered();
    let t = h.connect(Account::John, &ALL_SCOPES);
    let f = json!({"grant_type": "refresh_token", "client_id": h.client.client_id, "refresh_token": t.refresh});
    assert_error(&h.refresh_with(f.clone()), 400, "client_id and client_secret are required.");
    let mut wrong = f.clone();
    wrong["client_secret"] = json!("0123");
    assert_error(&h.refresh_with(wrong), 400, "Invalid client credentials.");
    // Nothing rotated.
    assert_eq!(h.info_status(&t.access), 200);
}

#[test]
fn the_client_is_checked_before_the_token() {
    let mut h = Harness::registered();
    let t = h.connect(Account::John, &ALL_SCOPES);
    let rotated = t.refresh.clone();
    let t = tokens(&h.refresh(&t.refresh));
    let expiring = h.connect(Account::Jane, &ALL_SCOPES);
    h.advance(60 * MINUTE);
    for token in ["", "0000", t.access.as_str(), rotated.as_str(), expiring.refresh.as_str()] {
        let mut f = h.refresh_fields(token);
        f["client_secret"] = json!("wrong");
        assert_error(&h.refresh_with(f.clone()), 400, "Invalid client credentials.");
        f.as_object_mut().unwrap().remove("client_id");
        assert_error(&h.refresh_with(f), 400, "client_id and client_secret are required.");
    }
}

#[test]
fn step_3_the_token() {
    let mut h = Harness::registered();
    let t = h.connect(Account::John, &ALL_SCOPES);
    let f = json!({"grant_type": "refresh_token", "client_id": h.client.client_id, "client_secret": h.client.client_secret});
    assert_error(&h.refresh_with(f.clone()), 400, "refresh_token is required.");
    assert_error(&h.refresh(""), 400, "refresh_token is required.");
    assert_error(&h.refresh("0000"), 404, "Refresh token not found.");
    // An access token is not a refresh token.
    assert_error(&h.refresh(&t.access), 404, "Refresh token not found.");
}

#[test]
fn form_encoded_bodies_are_accepted() {
    let mut h = Harness::registered();
    let t = h.connect(Account::John, &ALL_SCOPES);
    let form = format!("grant_type=refresh_token&client_id={}&client_secret={}&refresh_token={}", h.client.client_id, h.client.client_secret, t.refresh);
    let r = h.handle(Request::new("POST", "/refresh").header("Content-Type", "application/x-www-form-urlencoded").body(form));
    assert_eq!(r.status, 200, "{}", r.body_text());
    assert_error(&h.handle(Request::new("POST", "/refresh").header("Content-Type", "text/xml").body("<x/>")), 400, "Malformed request body.");
}

#[test]
fn a_removed_connection_cannot_be_refreshed() {
    let mut h = Harness::registered();
    let t = h.connect(Account::John, &ALL_SCOPES);
    let r = h.refresh(&t.refresh);
    let t2 = tokens(&r);
    assert_eq!(h.api("GET", "/invalidate", &t2.access, None).status, 204);
    assert_error(&h.refresh(&t2.refresh), 404, "Refresh token not found.");
    // The connection is gone with its memory: a rotated token is just unknown now.
    assert_error(&h.refresh(&t.refresh), 404, "Refresh token not found.");
}

#[test]
fn every_rotated_token_stays_dead() {
    let mut h = Harness::registered();
    let mut t = h.connect(Account::Jane, &ALL_SCOPES);
    let mut old = Vec::new();
    for _ in 0..ROTATED_LIMIT + 3 {
        old.push(t.clone());
        t = tokens(&h.refresh(&t.refresh));
    }
    for (i, o) in old.iter().enumerate() {
        assert_eq!(h.info_status(&o.access), 401);
        let r = h.refresh(&o.refresh);
        // The last ROTATED_LIMIT are remembered as used; older ones are unknown.
        if i >= old.len() - ROTATED_LIMIT {
            assert_error(&r, 400, "Refresh token already used.");
        } else {
            assert_error(&r, 404, "Refresh token not found.");
        }
    }
    assert_eq!(h.info_status(&t.access), 200);
}

#[test]
fn only_post_is_allowed() {
    let mut h = Harness::registered();
    let r = h.handle(Request::new("GET", "/refresh"));
    assert_error(&r, 405, "Method not allowed; use one of the methods in the Allow header.");
    assert_eq!(r.header_value("Allow"), Some("POST"));
}
