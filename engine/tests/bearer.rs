//! SPEC "Bearer-protected endpoints": token (401), then scope (403), then
//! the request itself.

mod common;

use academy_engine::{Account, Request, Scope};
use common::*;

const REALM: &str = r#"Bearer realm="app-academy""#;
const INVALID: &str = r#"Bearer realm="app-academy", error="invalid_token""#;

fn with_auth(h: &mut Harness, path: &str, auth: &str) -> academy_engine::Response {
    h.handle(Request::new("GET", path).header("Authorization", auth))
}

#[test]
fn no_token_is_401_with_a_bare_challenge() {
    let mut h = Harness::registered();
    for path in ["/info", "/invalidate", "/movies", "/nowhere"] {
        let r = h.api("GET", path, "", None);
        assert_error(&r, 401, "Not Authorized.");
        assert_eq!(r.header_value("WWW-Authenticate"), Some(REALM), "{path}");
    }
    assert_eq!(with_auth(&mut h, "/info", "   ").header_value("WWW-Authenticate"), Some(REALM));
}

#[test]
fn a_bad_token_is_401_invalid_token() {
    let mut h = Harness::registered();
    let t = h.connect(Account::John, &ALL_SCOPES);
    for auth in ["Bearer nope".to_string(), "Bearer".to_string(), format!("Basic {}", t.access), format!("Token {}", t.access), t.access.clone(), format!("Bearer {}", t.refresh), format!("Bearer {}x", t.access)] {
        let r = with_auth(&mut h, "/info", &auth);
        assert_error(&r, 401, "Not Authorized.");
        assert_eq!(r.header_value("WWW-Authenticate"), Some(INVALID), "{auth}");
    }
    // The scheme is case-insensitive and spacing is forgiven.
    assert_eq!(with_auth(&mut h, "/info", &format!("bearer {}", t.access)).status, 200);
    assert_eq!(with_auth(&mut h, "/info", &format!("  BEARER   {}  ", t.access)).status, 200);
    // The header name too.
    assert_eq!(h.handle(Request::new("GET", "/info").header("authorization", &format!("Bearer {}", t.access))).status, 200);
}

#[test]
fn the_access_token_expires_exactly_at_its_lifetime() {
    let mut h = Harness::registered();
    let t = h.connect(Account::John, &ALL_SCOPES);
    h.advance(5 * MINUTE - 1);
    assert_eq!(h.info_status(&t.access), 200);
    h.advance(1);
    let r = h.api("GET", "/info", &t.access, None);
    assert_error(&r, 401, "Not Authorized.");
    assert_eq!(r.header_value("WWW-Authenticate"), Some(INVALID));
    assert_error(&h.api("GET", "/movies", &t.access, None), 401, "Not Authorized.");
}

#[test]
fn rotated_out_invalidated_and_replaced_tokens_are_401_invalid_token() {
    let mut h = Harness::registered();
    let rotated = h.connect(Account::John, &ALL_SCOPES);
    let live = tokens(&h.refresh(&rotated.refresh));
    let replaced = h.connect(Account::Jane, &ALL_SCOPES);
    h.connect(Account::Jane, &ALL_SCOPES);
    assert_eq!(h.api("GET", "/invalidate", &live.access, None).status, 204);
    for token in [&rotated.access, &live.access, &replaced.access] {
        for path in ["/info", "/invalidate", "/movies"] {
            let r = h.api("GET", path, token, None);
            assert_error(&r, 401, "Not Authorized.");
            assert_eq!(r.header_value("WWW-Authenticate"), Some(INVALID), "{path}");
        }
    }
}

#[test]
fn methods_are_read_case_insensitively() {
    let mut h = Harness::registered();
    let t = h.connect(Account::John, &[Scope::Connect, Scope::Read]);
    assert_eq!(h.api("get", "/info", &t.access, None).status, 200);
    assert_eq!(h.api("Get", "/movies", &t.access, None).status, 200);
    assert_error(&h.api("delete", "/movies/abc", &t.access, None), 403, "Missing Scope.");
}

#[test]
fn scope_by_method_is_403() {
    let mut h = Harness::registered();
    let t = h.connect(Account::John, &[Scope::Connect]);
    assert_error(&h.api("GET", "/movies", &t.access, None), 403, "Missing Scope.");
    assert_error(&h.api("POST", "/movies", &t.access, Some("{}")), 403, "Missing Scope.");
    assert_error(&h.api("PUT", "/movies/abc", &t.access, Some("{}")), 403, "Missing Scope.");
    assert_error(&h.api("PATCH", "/movies/abc", &t.access, Some("{}")), 403, "Missing Scope.");
    assert_error(&h.api("DELETE", "/movies/abc", &t.access, None), 403, "Missing Scope.");
    // Scope is checked before the path exists.
    assert_error(&h.api("GET", "/nowhere", &t.access, None), 403, "Missing Scope.");
    // /info and /invalidate need no scope beyond a valid token.
    assert_eq!(h.info_status(&t.access), 200);
    assert_eq!(h.api("GET", "/invalidate", &t.access, None).status, 204);
}

#[test]
fn each_scope_opens_its_methods_only() {
    let mut h = Harness::registered();
    let read = h.connect(Account::John, &[Scope::Connect, Scope::Read]);
    assert_ne!(h.api("GET", "/movies", &read.access, None).status, 403);
    assert_error(&h.api("DELETE", "/movies/abc", &read.access, None), 403, "Missing Scope.");
    let del = h.connect(Account::Jane, &[Scope::Connect, Scope::Delete]);
    assert_ne!(h.api("DELETE", "/movies/abc", &del.access, None).status, 403);
    assert_error(&h.api("GET", "/movies", &del.access, None), 403, "Missing Scope.");
}

#[test]
fn token_is_checked_before_scope_and_path() {
    let mut h = Harness::registered();
    h.connect(Account::John, &[Scope::Connect]);
    assert_error(&h.api("DELETE", "/nowhere", "nope", None), 401, "Not Authorized.");
}

#[test]
fn unknown_paths_are_404_past_the_checks() {
    let mut h = Harness::registered();
    let t = h.connect(Account::John, &ALL_SCOPES);
    for path in ["/nowhere", "/", "/api/v1/about", "/info/extra", "/token/x"] {
        assert_error(&h.api("GET", path, &t.access, None), 404, "Not Found.");
    }
    // A method no scope covers goes on to the resource layer.
    assert_error(&h.api("BREW", "/nowhere", &t.access, None), 404, "Not Found.");
}

#[test]
fn tokens_are_per_account() {
    let mut h = Harness::registered();
    let john = h.connect(Account::John, &[Scope::Connect]);
    let jane = h.connect(Account::Jane, &ALL_SCOPES);
    assert_error(&h.api("GET", "/movies", &john.access, None), 403, "Missing Scope.");
    assert_ne!(h.api("GET", "/movies", &jane.access, None).status, 403);
}
