//! Bytes, not only counts: a body over the limit is refused with 413, the log
//! keeps at most a slice of any body or URL, and an import's size is known
//! before it is decoded. A long class cannot fill memory or storage.

mod common;

use academy_engine::api::ResourceError;
use academy_engine::http::BODY_LIMIT;
use academy_engine::log::{LOGGED_BYTES, LOG_LIMIT};
use academy_engine::{Account, ErrorKind};
use common::*;

fn last_kind(h: &Harness) -> Option<ErrorKind> {
    h.engine.log().back().unwrap().outcome.error.clone()
}

#[test]
fn a_body_over_the_limit_is_413_and_the_log_keeps_a_slice() {
    let (mut h, token) = connected(Account::John);
    let huge = "x".repeat(BODY_LIMIT + 1);
    let r = h.api("POST", "/files/import", &token, Some(&huge));
    assert_error(&r, 413, "Request body too large; send at most 2 MB.");
    assert_eq!(last_kind(&h), Some(ErrorKind::BodyTooLarge { limit: BODY_LIMIT }));
    let logged = &h.engine.log().back().unwrap().request.body;
    assert!(logged.len() < LOGGED_BYTES + 100, "{}", logged.len());
    assert!(String::from_utf8_lossy(logged).ends_with(&format!("[{} more bytes not kept in the log]", BODY_LIMIT + 1 - LOGGED_BYTES)));
    // At the limit, the body is read (and answered on its merits).
    let at_limit = "y".repeat(BODY_LIMIT);
    assert_eq!(h.api("POST", "/files/import", &token, Some(&at_limit)).status, 400);
}

#[test]
fn a_cut_keeps_whole_characters() {
    let (mut h, token) = connected(Account::John);
    let text = format!("{{\"name\": \"{}\"}}", "é".repeat(LOGGED_BYTES));
    h.api("POST", "/movies", &token, Some(&text));
    let logged = h.engine.log().back().unwrap().request.body.clone();
    let kept = String::from_utf8(logged).expect("still UTF-8, cut between characters");
    assert!(kept.contains("more bytes not kept"));
}

#[test]
fn a_huge_url_is_cut_in_the_log() {
    let (mut h, token) = connected(Account::John);
    let path = format!("/movies?page={}", "9".repeat(3 * LOGGED_BYTES));
    assert_eq!(h.api("GET", &path, &token, None).status, 400);
    assert!(h.engine.log().back().unwrap().request.url.len() < LOGGED_BYTES + 100);
}

#[test]
fn an_import_too_large_is_refused_before_decoding() {
    let (mut h, token) = connected(Account::John);
    // 1.5 MB of base64 stands for about 1.1 MB of file: over the 1 MB import limit.
    let data = "QUFB".repeat(400_000);
    let body = format!("{{\"fileName\": \"big.csv\", \"data\": \"{data}\"}}");
    assert_eq!(h.api("POST", "/files/import", &token, Some(&body)).status, 400);
    assert_eq!(last_kind(&h), Some(ErrorKind::Resource { error: ResourceError::ImportTooLarge { max_bytes: 1 << 20 } }));
}

#[test]
fn the_saved_state_stays_bounded_however_large_the_requests() {
    let (mut h, token) = connected(Account::John);
    let big = "z".repeat(200_000);
    for _ in 0..(LOG_LIMIT + 20) {
        h.api("POST", "/movies", &token, Some(&big));
    }
    let saved = h.engine.snapshot().len();
    // Each exchange keeps at most a slice of its request and of its answer.
    assert!(saved < LOG_LIMIT * (2 * LOGGED_BYTES + 4_096), "{saved} bytes");
}

#[test]
fn an_overlong_state_goes_back_to_the_redirect_uri_without_being_echoed() {
    use academy_engine::oauth::authorize::MAX_STATE;
    let mut h = Harness::registered();
    let query = h.authorize_query(&ALL_SCOPES, Some(&"s".repeat(MAX_STATE + 1)));
    let r = h.authorize(&query);
    assert_redirect_error(&r, &format!("state is too long; send at most {MAX_STATE} characters."));
    assert!(!r.header_value("Location").unwrap().contains("state="));
    assert_eq!(last_kind(&h), Some(ErrorKind::StateTooLong { limit: MAX_STATE }));
    let query = h.authorize_query(&ALL_SCOPES, Some(&"s".repeat(MAX_STATE)));
    assert_eq!(h.authorize(&query).status, 200);
}

#[test]
fn registration_fields_are_kept_bounded() {
    use academy_engine::oauth::registration::MAX_FIELD;
    let mut h = Harness::new();
    let mut form = registration();
    form.first_name = "é".repeat(10 * MAX_FIELD);
    let client = h.engine.register(form, h.now, &mut h.entropy);
    assert_eq!(client.registration.first_name.chars().count(), MAX_FIELD);
}
