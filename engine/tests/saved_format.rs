//! The saved format: a snapshot written by the first release (schema 1)
//! still loads and answers as it did; schema 2 round-trips exactly; other
//! versions and broken text are refused with a reason.
//!
//! `fixtures/schema1.json` was written by the first release: register,
//! connect John with every scope, two own movies (`POST /movies`), one
//! refresh, connect Jane; one minute between steps from `START`.

mod common;

use academy_engine::{Account, Engine, Outcome, RestoreError, SavedEngine, SCHEMA_VERSION};
use common::*;
use serde_json::{json, Value};

const SCHEMA1: &str = include_str!("fixtures/schema1.json");
/// The time of the fixture's last exchange (Jane's `/token`).
const SAVED_AT: i64 = START + 4 * MINUTE;

fn fixture() -> Value {
    serde_json::from_str(SCHEMA1).expect("fixture is JSON")
}

fn text<'a>(v: &'a Value, pointer: &str) -> &'a str {
    v.pointer(pointer).and_then(Value::as_str).unwrap_or_else(|| panic!("{pointer} in the fixture"))
}

/// A harness around the engine restored from the fixture, at the time it was saved.
fn loaded() -> Harness {
    let engine = Engine::restore(SCHEMA1).expect("the first release's snapshot loads");
    let client = engine.client().expect("a registered client").clone();
    let mut h = Harness::new();
    h.engine = engine;
    h.client = client;
    h.now = SAVED_AT;
    h
}

#[test]
fn the_first_release_snapshot_loads_and_tokens_still_work() {
    let saved = fixture();
    let mut h = loaded();
    assert_eq!(h.client.client_id, text(&saved, "/client/client_id"));
    let john_access = text(&saved, "/connections/0/access_token");
    let jane_access = text(&saved, "/connections/1/access_token");

    let info = get(&mut h, john_access, "/info");
    assert_eq!(info["user"], "John Doe");
    let info = get(&mut h, jane_access, "/info");
    assert_eq!(info["user"], "Jane Black");
}

#[test]
fn own_movies_come_back_with_their_fields() {
    let saved = fixture();
    let mut h = loaded();
    let john = text(&saved, "/connections/0/access_token").to_string();
    let mut names = Vec::new();
    for page in 1..=2 {
        let page = get(&mut h, &john, &format!("/movies?page={page}"));
        names.extend(page["records"].as_array().into_iter().flatten().map(|m| m["name"].clone()));
    }
    assert_eq!(names.len(), 8, "six default movies and two own: {names:?}");
    assert!(names.contains(&json!("Iron Man 2")) && names.contains(&json!("Oppenheimer")), "{names:?}");

    let iron_man_2 = get(&mut h, &john, &format!("/movies/{}", text(&saved, "/accounts/john/movies/0/id")));
    assert_eq!(iron_man_2["genres"], json!([{ "id": "1", "name": "action" }, { "id": "11", "name": "science fiction" }]));
    assert_eq!(iron_man_2["director"], json!({ "directorId": "f841a38b77be", "directorName": "Jon Favreau" }));
    assert_eq!(
        iron_man_2["topCast"],
        json!([
            { "role": "Tony Stark", "castId": "5bfb3056c5e4", "castName": "Robert Downey Jr." },
            { "role": "Pepper Potts", "castId": "d28452011c72", "castName": "Gwyneth Paltrow" },
        ])
    );
    assert_eq!(iron_man_2["boxOffice"], json!({ "budget": 200, "grossProfit": 623.9 }));
    assert_eq!(iron_man_2["premieres"], json!({ "czechPremiere": "2010-04-29T00:00:00+00:00", "originalPremiere": "2010-04-25T22:00:00+00:00" }));
    assert_eq!(iron_man_2["createdAt"], "2023-11-14T22:14:20+00:00");

    let oppenheimer = get(&mut h, &john, &format!("/movies/{}", text(&saved, "/accounts/john/movies/1/id")));
    assert_eq!(oppenheimer["director"], json!({ "directorId": "0edc9fea9431", "directorName": "Christopher Nolan" }));
    assert_eq!(oppenheimer["length"], 180);
    assert_eq!(oppenheimer["boxOffice"], json!({ "budget": null, "grossProfit": null }));

    // Jane's data was never touched: only the default records.
    let jane = text(&saved, "/connections/1/access_token").to_string();
    assert_eq!(get(&mut h, &jane, "/movies?page=2")["records"].as_array().map(Vec::len), Some(1));
}

#[test]
fn refresh_rotation_and_used_codes_are_kept() {
    let saved = fixture();
    let mut h = loaded();
    let rotated = text(&saved, "/connections/0/rotated/0").to_string();
    let current = text(&saved, "/connections/0/refresh_token").to_string();
    assert_error(&h.refresh(&rotated), 400, "Refresh token already used.");
    let used_code = text(&saved, "/codes/used/0").to_string();
    assert_error(&h.token(&used_code), 400, "Authorization code already used.");

    let fresh = tokens(&h.refresh(&current));
    assert_eq!(h.info_status(&fresh.access), 200);
    assert_error(&h.refresh(&current), 400, "Refresh token already used.");
}

#[test]
fn the_first_release_log_is_kept_and_seq_goes_on() {
    let saved = fixture();
    let mut h = loaded();
    let log = h.engine.log();
    assert_eq!(log.len(), saved["log"].as_array().map(Vec::len).unwrap_or_default());
    assert_eq!(log.iter().map(|e| e.seq).collect::<Vec<_>>(), (1..=9).collect::<Vec<_>>());
    assert_eq!(log[3].request.url, "/movies");
    assert_eq!(log[3].response.status, 200);
    // That release recorded no outcome: an empty one stands in.
    assert!(log.iter().all(|e| e.outcome == Outcome::default()));

    h.handle(academy_engine::Request::new("GET", "/info"));
    assert_eq!(h.engine.log().back().map(|e| e.seq), saved["next_seq"].as_u64());
}

#[test]
fn a_migrated_snapshot_is_saved_as_schema_2_and_restores_exactly() {
    let engine = Engine::restore(SCHEMA1).expect("restore");
    let v2: Value = serde_json::from_str(&engine.snapshot()).expect("JSON");
    assert_eq!(v2["schema"], SCHEMA_VERSION);
    assert_eq!(SCHEMA_VERSION, 2);
    assert!(v2["accounts"]["john"].get("account").is_none(), "the map key names the account");
    assert_eq!(Engine::restore(&engine.snapshot()), Ok(engine.clone()));
}

#[test]
fn a_schema_1_outcome_is_kept_when_present() {
    // Saves between the outcome's introduction and schema 2 carry one.
    let mut saved = fixture();
    let outcome = json!({ "route": "/info", "reached": true, "error": null, "subject": null, "changes": [] });
    saved["log"][0]["outcome"] = outcome;
    let engine = Engine::restore_value(&saved).expect("restore");
    assert_eq!(engine.log()[0].outcome.route.as_deref(), Some("/info"));
    assert!(engine.log()[0].outcome.reached);
}

/// A server with something in every part of the state.
fn busy() -> Harness {
    let mut h = Harness::registered();
    let john = h.connect(Account::John, &ALL_SCOPES);
    let jane = h.connect(Account::Jane, &ALL_SCOPES);
    let body = json!({ "name": "Kolja", "genres": [{ "id": "7" }], "directorId": "765307dba6f0", "boxOffice": { "budget": 1.5 } });
    assert_eq!(h.api("POST", "/movies", &john.access, Some(&body.to_string())).status, 200);
    let hook = json!({ "url": "https://hook.eu1.make.com/abc123", "watchedItems": ["create"] });
    assert_eq!(h.api("POST", "/webhooks", &jane.access, Some(&hook.to_string())).status, 200);
    h.advance(MINUTE);
    let _ = tokens(&h.refresh(&john.refresh));
    let _ = h.code(Account::Jane, &ALL_SCOPES);
    let _ = h.ticket(&ALL_SCOPES);
    h.handle(academy_engine::Request::new("POST", "/token").body("{\"code\": "));
    h
}

#[test]
fn schema_2_round_trips_exactly() {
    let h = busy();
    let text = h.engine.snapshot();
    let restored = Engine::restore(&text).expect("restore");
    assert_eq!(restored, h.engine);
    assert_eq!(restored.snapshot(), text);
    assert_eq!(Engine::restore_value(&h.engine.snapshot_value()), Ok(h.engine.clone()));
    assert_eq!(Engine::from_saved(h.engine.saved()), h.engine);

    let saved: SavedEngine = academy_json::from_str(&text).expect("the typed saved format reads it");
    assert_eq!(saved.accounts[&Account::Jane].webhook.as_ref().map(|w| w.watched_items.clone()), Some(vec!["create".to_string()]));
    assert_eq!(saved.accounts[&Account::John].movies[0].fields.genres, ["7"]);
    assert_eq!(saved.connections[0].rotated.len(), 1);
    assert_eq!((saved.codes.unused.len(), saved.tickets.len()), (1, 1));
}

#[test]
fn restored_state_keeps_its_bounds() {
    // A hand-edited snapshot with an over-long log keeps the newest entries.
    let h = busy();
    let mut saved = h.engine.saved();
    let one = saved.log[0].clone();
    saved.log = (1..=500).map(|seq| academy_engine::snapshot::SavedExchange { seq, ..one.clone() }).collect();
    saved.next_seq = 501;
    let engine = Engine::from_saved(saved);
    assert_eq!(engine.log().len(), academy_engine::log::LOG_LIMIT);
    assert_eq!(engine.log().front().map(|e| e.seq), Some(301));
}

#[test]
fn other_versions_and_broken_text_are_refused_with_a_reason() {
    let mut future = Engine::default().snapshot_value();
    future["schema"] = json!(3);
    assert_eq!(Engine::restore_value(&future), Err(RestoreError::UnknownVersion(3)));
    assert_eq!(Engine::restore(&future.to_string()), Err(RestoreError::UnknownVersion(3)));
    assert_eq!(Engine::restore(r#"{"schema": 0}"#), Err(RestoreError::UnknownVersion(0)));

    for broken in ["", "not json", "[1, 2]", "\"schema\"", "{\"schema\": 2", &SCHEMA1[..SCHEMA1.len() / 2]] {
        assert!(matches!(Engine::restore(broken), Err(RestoreError::Unreadable(_))), "{broken:?}");
    }
    for odd in [json!({}), json!({ "schema": null }), json!({ "schema": "2" }), json!({ "schema": -1 }), json!({ "schema": 2.5 })] {
        assert!(matches!(Engine::restore_value(&odd), Err(RestoreError::Unreadable(_))), "{odd}");
    }
    // Known versions whose contents do not fit.
    let mut wrong = fixture();
    wrong["connections"] = json!("none");
    assert!(matches!(Engine::restore_value(&wrong), Err(RestoreError::Unreadable(_))));
    let mut wrong = Engine::default().snapshot_value();
    wrong["log"] = json!([{ "seq": 1 }]);
    assert!(matches!(Engine::restore_value(&wrong), Err(RestoreError::Unreadable(_))));
    assert!(RestoreError::UnknownVersion(3).to_string().contains("schema version 3"));
}
