//! The happy path end to end through `handle`.

mod common;

use academy_engine::{Account, Scope};
use common::*;

#[test]
fn register_authorize_consent_token_info_invalidate() {
    let mut h = Harness::registered();
    let tokens = h.connect(Account::John, &ALL_SCOPES);
    let r = h.api("GET", "/info", &tokens.access, None);
    assert_eq!(r.status, 200);
    assert_eq!(body(&r), serde_json::json!({"id": Account::John.id(), "user": "John Doe"}));
    let r = h.api("GET", "/invalidate", &tokens.access, None);
    assert_eq!(r.status, 204);
    assert!(r.body.is_empty());
    assert_error(&h.api("GET", "/info", &tokens.access, None), 401, "Not Authorized.");
}

#[test]
fn resource_calls_reach_the_api_module() {
    let mut h = Harness::registered();
    let tokens = h.connect(Account::Jane, &[Scope::Connect, Scope::Read]);
    let r = h.api("GET", "/no-such-thing", &tokens.access, None);
    assert_error(&r, 404, "Not Found.");
}
