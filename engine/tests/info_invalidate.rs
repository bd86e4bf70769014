//! SPEC "GET /info" and "GET /invalidate".

mod common;

use academy_engine::{Account, Request};
use common::*;
use serde_json::json;

#[test]
fn info_names_the_connected_account() {
    let mut h = Harness::registered();
    let john = h.connect(Account::John, &ALL_SCOPES);
    let jane = h.connect(Account::Jane, &ALL_SCOPES);
    let r = h.api("GET", "/info", &john.access, None);
    assert_eq!(r.status, 200);
    assert_eq!(r.header_value("Content-Type"), Some("application/json"));
    assert_eq!(body(&r), json!({"id": "d1b03e513fbc5881651d6c149fd259506f975ae1", "user": "John Doe"}));
    assert_eq!(keys_at_depth(&r.body_text(), 1), ["id", "user"]);
    assert_eq!(body(&h.api("GET", "/info", &jane.access, None)), json!({"id": Account::Jane.id(), "user": "Jane Black"}));
    let id = Account::Jane.id();
    assert!(id.len() == 40 && id.bytes().all(|b| b.is_ascii_hexdigit()));
}

#[test]
fn info_at_every_url_form() {
    let mut h = Harness::registered();
    let t = h.connect(Account::John, &ALL_SCOPES);
    for url in ["https://app-academy.make.com/api/v2/info", "/api/v2/info", "/info", "/info?x=1", "/api/v2/info/", "info", "HTTPS://APP-ACADEMY.MAKE.COM/api/v2/info"] {
        assert_eq!(h.api("GET", url, &t.access, None).status, 200, "{url}");
    }
}

#[test]
fn other_methods_are_405_before_the_token() {
    let mut h = Harness::registered();
    for (path, m) in [("/info", "POST"), ("/info", "DELETE"), ("/invalidate", "POST"), ("/invalidate", "DELETE")] {
        let r = h.handle(Request::new(m, path));
        assert_error(&r, 405, "Method not allowed; use one of the methods in the Allow header.");
        assert_eq!(r.header_value("Allow"), Some("GET"));
    }
}

#[test]
fn invalidate_removes_the_connection() {
    let mut h = Harness::registered();
    let john = h.connect(Account::John, &ALL_SCOPES);
    let jane = h.connect(Account::Jane, &ALL_SCOPES);
    let r = h.api("GET", "/invalidate", &john.access, None);
    assert_eq!(r.status, 204);
    assert!(r.body.is_empty());
    assert!(r.header_value("Content-Type").is_none());
    assert_error(&h.api("GET", "/info", &john.access, None), 401, "Not Authorized.");
    assert_error(&h.api("GET", "/invalidate", &john.access, None), 401, "Not Authorized.");
    assert_error(&h.refresh(&john.refresh), 404, "Refresh token not found.");
    // Jane's connection is untouched.
    assert_eq!(h.info_status(&jane.access), 200);
    let view = h.engine.view(h.now);
    assert_eq!(view.connections.iter().map(|c| c.account).collect::<Vec<_>>(), vec![Account::Jane]);
    // John can connect again.
    let again = h.connect(Account::John, &ALL_SCOPES);
    assert_eq!(h.info_status(&again.access), 200);
}

#[test]
fn invalidate_needs_a_live_token() {
    let mut h = Harness::registered();
    let t = h.connect(Account::John, &ALL_SCOPES);
    h.advance(5 * MINUTE);
    assert_error(&h.api("GET", "/invalidate", &t.access, None), 401, "Not Authorized.");
    assert_eq!(h.engine.view(h.now).connections.len(), 1);
}
