//! The exchange log, the server view, and snapshot/restore.

mod common;

use academy_engine::api::AccountData;
use academy_engine::log::LOG_LIMIT;
use academy_engine::{Account, Engine, Origin, Request, RestoreError, SCHEMA_VERSION};
use common::*;

#[test]
fn every_exchange_is_logged_with_increasing_seq() {
    let mut h = Harness::registered();
    h.connect(Account::John, &ALL_SCOPES);
    let log = h.engine.log();
    assert_eq!(log.len(), 3);
    assert_eq!(log.iter().map(|e| e.seq).collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!(log.iter().map(|e| e.origin).collect::<Vec<_>>(), [Origin::Browser, Origin::Browser, Origin::App]);
    assert_eq!(log[2].request.url, "/token");
    assert_eq!(log[2].response.status, 200);
    assert_eq!(log[2].at, START);
    let _ = h.engine.handle(Request::new("GET", "/info"), Origin::Console, h.now, &mut h.entropy);
    assert_eq!(h.engine.log().back().unwrap().origin, Origin::Console);
}

#[test]
fn the_log_is_bounded_and_seq_is_never_reused() {
    let mut h = Harness::registered();
    for _ in 0..LOG_LIMIT + 10 {
        h.handle(Request::new("GET", "/info"));
    }
    let log = h.engine.log();
    assert_eq!(log.len(), LOG_LIMIT);
    assert_eq!(log.front().unwrap().seq, 11);
    assert_eq!(log.back().unwrap().seq, LOG_LIMIT as u64 + 10);
    h.engine.clear_log();
    assert!(h.engine.log().is_empty());
    h.handle(Request::new("GET", "/info"));
    assert_eq!(h.engine.log().back().unwrap().seq, LOG_LIMIT as u64 + 11);
}

#[test]
fn the_view_shows_client_codes_connections_and_records() {
    let mut h = Harness::registered();
    let view = h.engine.view(h.now);
    assert_eq!(view.client.as_ref().map(|c| c.client_id.as_str()), Some(h.client.client_id.as_str()));
    assert!(view.codes.is_empty() && view.connections.is_empty());
    assert_eq!(view.records.iter().map(|r| r.account).collect::<Vec<_>>(), Account::ALL);
    for r in &view.records {
        let (movies, own, hooks) = AccountData::new(r.account).counts();
        assert_eq!((r.movies, r.own_movies, r.webhooks), (movies, own, hooks));
    }
    h.code(Account::Jane, &ALL_SCOPES);
    h.connect(Account::John, &ALL_SCOPES);
    let view = h.engine.view(h.now);
    assert_eq!(view.codes.len(), 1);
    assert_eq!(view.connections.len(), 1);
}

#[test]
fn a_restored_engine_answers_as_the_original() {
    let mut h = Harness::registered();
    let john = h.connect(Account::John, &ALL_SCOPES);
    let jane = h.connect(Account::Jane, &ALL_SCOPES);
    let jane2 = tokens(&h.refresh(&jane.refresh));
    let code = h.code(Account::John, &ALL_SCOPES);
    let ticket = h.ticket(&ALL_SCOPES);
    let snapshot = h.engine.snapshot();
    let restored = Engine::restore(&snapshot).expect("restore");
    assert_eq!(restored, h.engine);
    assert_eq!(restored.snapshot(), snapshot);

    let mut twin = Harness { engine: restored, entropy: h.entropy.clone(), now: h.now, client: h.client.clone() };
    for hh in [&mut h, &mut twin] {
        assert_eq!(hh.info_status(&john.access), 200);
        assert_eq!(hh.info_status(&jane.access), 401);
        assert_error(&hh.refresh(&jane.refresh), 400, "Refresh token already used.");
    }
    let mut answers = Vec::new();
    for hh in [&mut h, &mut twin] {
        let a = vec![hh.token(&code), hh.refresh(&jane2.refresh), hh.consent(&ticket, Account::Jane, &ALL_SCOPES, true)];
        answers.push(a);
    }
    assert_eq!(answers[0], answers[1]);
    assert_eq!(h.engine, twin.engine);
}

#[test]
fn restore_refuses_unreadable_json_and_other_versions() {
    assert!(matches!(Engine::restore("not json"), Err(RestoreError::Unreadable(_))));
    assert!(matches!(Engine::restore("{}"), Err(RestoreError::Unreadable(_))));
    assert!(matches!(Engine::restore(r#"{"schema": 1}"#), Err(RestoreError::Unreadable(_))));
    // The version is read before the rest, whatever the rest looks like.
    assert_eq!(Engine::restore(r#"{"schema": 99, "anything": [1]}"#), Err(RestoreError::UnknownVersion(99)));
    let mut snapshot: serde_json::Value = serde_json::from_str(&Engine::default().snapshot()).unwrap();
    assert_eq!(snapshot["schema"], SCHEMA_VERSION);
    snapshot["schema"] = serde_json::json!(SCHEMA_VERSION + 1);
    assert_eq!(Engine::restore(&snapshot.to_string()), Err(RestoreError::UnknownVersion(SCHEMA_VERSION + 1)));
    assert!(Engine::restore(&Engine::default().snapshot()).is_ok());
}
