//! Playground files: the whole playground (server, clock, flow, lessons, Make
//! connection) as a file a learner keeps or a teacher hands out. The file
//! has a format of its own, versioned apart from storage:
//!
//! `{"format":"academy-oauth2-playground","version":1,"saved":"<ISO date>","now":<ms>,"schema":2,"engine":…,…}`
//!
//! After `now` comes the body storage holds (same encoder, same schema,
//! same migrations): a file is read by [`super::decode_value`] once its
//! envelope is checked. `now` is the simulated time when it was saved, so
//! the clock resumes there: a token with three minutes left still has them
//! when the file is opened days later. Pure: the screen and the console
//! call these.

use serde_json::Value;

use super::{decode_value, Decoded, SCHEMA};
use crate::clock::ClockState;

/// What the file says it is.
pub const FORMAT: &str = "academy-oauth2-playground";
/// The file's own version: bump on any incompatible change to the envelope.
pub const VERSION: u64 = 1;
/// The largest file opened (the log keeps at most 200 exchanges, each body
/// cut to 16 KiB, so a real save is far smaller).
pub const FILE_LIMIT: usize = 16 * 1024 * 1024;
/// The latest time a JavaScript date can hold, in ms.
const LATEST_TIME: i64 = 8_640_000_000_000_000;

/// A file read back.
#[derive(Debug)]
pub struct Opened {
    pub state: Decoded,
    /// When it was saved, as the file says (real time, ISO 8601).
    pub saved: Option<String>,
    /// The simulated time when it was saved.
    pub now: Option<i64>,
}

/// The file's text for a saved body (`{"engine":…}`, as storage writes it
/// after its stamp), saved at `saved` (ISO 8601) with the simulated time `now`.
pub fn encode(body: &str, saved: &str, now: i64) -> String {
    let quoted = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
    let fields = format!("\"format\":{},\"version\":{VERSION},\"saved\":{},\"now\":{now},\"schema\":{SCHEMA}", quoted(FORMAT), quoted(saved));
    super::tabs::fields_first(&fields, body)
}

/// Reads a file's text; the error says why it cannot be opened, in words
/// that follow "The file was not opened: ".
pub fn decode(text: &str) -> Result<Opened, String> {
    if text.len() > FILE_LIMIT {
        return Err(format!("it is larger than the {} a playground file may be.", academy_engine::http::bytes_in_words(FILE_LIMIT)));
    }
    let value: Value = serde_json::from_slice(text.as_bytes()).map_err(|e| format!("it is not a playground file (it is not JSON: {e})."))?;
    decode_json(&value)
}

/// [`decode`] for a file already read as JSON. The envelope's fields are
/// left in place: the body's reader passes over fields it does not know.
pub fn decode_json(value: &Value) -> Result<Opened, String> {
    let Some(object) = value.as_object() else { return Err("it is not a playground file (it is not a JSON object).".into()) };
    if object.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(format!("it is not a playground file (it has no \"format\": \"{FORMAT}\")."));
    }
    match object.get("version") {
        Some(v) if v.as_u64() == Some(VERSION) => {}
        Some(v) => {
            return Err(match v.as_u64() {
                Some(n) => format!("it was saved by another version of the playground (file version {n}; this page opens version {VERSION})."),
                None => "its version is not a number.".into(),
            })
        }
        None => return Err("it has no version.".into()),
    }
    let saved = object.get("saved").and_then(|v| v.as_str().map(str::to_string));
    let now = match object.get("now") {
        None | Some(Value::Null) => None,
        Some(v) => Some(v.as_i64().filter(|t| (0..=LATEST_TIME).contains(t)).ok_or("its clock (now) is not a time.")?),
    };
    let state = decode_value(value).map_err(|why| format!("its contents cannot be restored: {why}."))?;
    Ok(Opened { state, saved, now })
}

/// The clock once a file is opened at the real time `real`: at the simulated
/// time it was saved (`now`), never before the log's latest exchange, running
/// or paused as it was. A file without `now` keeps its clock as saved.
pub fn clock_on_open(saved: ClockState, now: Option<i64>, latest_exchange: Option<i64>, real: i64) -> ClockState {
    let Some(now) = now else { return saved };
    let at = now.max(latest_exchange.unwrap_or(now));
    let offset_ms = at.saturating_sub(real);
    ClockState { offset_ms, paused_at: saved.paused_at.map(|_| at) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::FlowData;
    use crate::learning::SavedLessons;
    use crate::make::SavedMake;
    use crate::playground::default_registration;
    use academy_engine::{Engine, Origin, Request, SeededEntropy, Settings};

    const REAL: i64 = 1_700_000_000_000;

    fn sample() -> (Engine, ClockState, FlowData, SavedLessons) {
        let mut entropy = SeededEntropy::new(11);
        let mut engine = Engine::new(Settings { access_minutes: 2, refresh_minutes: 30, code_minutes: 1 });
        let client = engine.register(default_registration(), REAL, &mut entropy);
        engine.handle(Request::new("GET", "/info"), Origin::Console, REAL + 1_000, &mut entropy);
        let mut flow = FlowData::fresh(Some(&client), "0123456789abcdef".into());
        flow.api_method = "POST".into();
        flow.api_path = "/movies".into();
        let lessons = SavedLessons { open: Some("scopes".into()), shown: true, ..Default::default() };
        (engine, ClockState { offset_ms: 65 * 60_000, paused_at: None }, flow, lessons)
    }

    fn file_of(engine: &Engine, clock: ClockState, flow: &FlowData, lessons: &SavedLessons, make: &SavedMake) -> String {
        let body = super::super::encode_body(&engine.saved(), &clock, flow, lessons, make);
        encode(&body, "2026-11-29T18:00:00.000Z", clock.at(REAL))
    }

    #[test]
    fn a_file_comes_back_exactly() {
        let (engine, clock, flow, lessons) = sample();
        let make = SavedMake { text: Some("{ \"token\": {} }".into()), connection: None };
        let text = file_of(&engine, clock, &flow, &lessons, &make);
        assert!(text.starts_with("{\"format\":\"academy-oauth2-playground\",\"version\":1,\"saved\":\"2026-11-29T18:00:00.000Z\""), "{}", &text[..120]);
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["schema"], SCHEMA);
        assert!(value["engine"].is_object() && value["clock"].is_object() && value["flow"].is_object() && value["lessons"].is_object());
        let opened = decode(&text).unwrap();
        assert_eq!(opened.saved.as_deref(), Some("2026-11-29T18:00:00.000Z"));
        assert_eq!(opened.now, Some(REAL + 65 * 60_000));
        let (engine2, clock2, flow2, lessons2, make2) = opened.state;
        assert_eq!((engine2, clock2, flow2, lessons2, make2), (engine, clock, flow, lessons, make));
        // Already read as JSON: the same reading.
        assert!(decode_json(&value).is_ok());
    }

    #[test]
    fn the_file_carries_the_secrets_of_the_situation() {
        let (engine, clock, flow, lessons) = sample();
        let text = file_of(&engine, clock, &flow, &lessons, &SavedMake::default());
        let client = engine.client().unwrap();
        assert!(text.contains(&client.client_secret), "a file restores the whole state, secrets included (the dialog says so)");
    }

    #[test]
    fn broken_files_and_other_versions_are_refused_with_the_reason() {
        let (engine, clock, flow, lessons) = sample();
        let good: Value = serde_json::from_str(&file_of(&engine, clock, &flow, &lessons, &SavedMake::default())).unwrap();
        let with = |key: &str, v: Value| {
            let mut f = good.clone();
            f[key] = v;
            f.to_string()
        };
        let cases: Vec<(String, &str)> = vec![
            ("".into(), "not JSON"),
            ("{\"format\":".into(), "not JSON"),
            ("[1,2]".into(), "not a JSON object"),
            ("{\"schema\":2}".into(), "not a playground file"),
            (with("format", "har".into()), "not a playground file"),
            (with("version", 2.into()), "another version of the playground (file version 2; this page opens version 1)"),
            (with("version", "one".into()), "version is not a number"),
            (with("now", (-5).into()), "not a time"),
            (with("now", "soon".into()), "not a time"),
            (with("schema", 99.into()), "another version of the playground (format 99"),
            (with("engine", Value::from("x")), "cannot be restored"),
            (with("clock", Value::from(3)), "cannot be restored"),
        ];
        for (text, why) in cases {
            let err = decode(&text).expect_err(&text);
            assert!(err.contains(why), "{text:.80}: {err}");
        }
        let mut no_version = good.clone();
        no_version.as_object_mut().unwrap().remove("version");
        assert!(decode(&no_version.to_string()).unwrap_err().contains("no version"));
        let huge = " ".repeat(FILE_LIMIT + 1);
        assert!(decode(&huge).unwrap_err().contains("larger than"));
    }

    #[test]
    fn a_schema_1_body_is_migrated_as_storage_migrates_it() {
        let old: Value = serde_json::from_str(include_str!("../fixtures/saved-schema1.json")).unwrap();
        let mut file = old.clone();
        file["format"] = FORMAT.into();
        file["version"] = VERSION.into();
        let opened = decode(&file.to_string()).expect("a file around the first release's body opens");
        assert_eq!(opened.now, None);
        assert_eq!(opened.state.0.log().len(), 9);
    }

    #[test]
    fn odd_bytes_never_panic() {
        for text in ["\u{0}", "{\"format\":\"academy-oauth2-playground\",\"version\":1}", "{\"format\":\"academy-oauth2-playground\",\"version\":1,\"schema\":2,\"engine\":{},\"clock\":{},\"flow\":[]}", "null", "1e999", "\"x\""] {
            assert!(decode(text).is_err(), "{text}");
        }
    }

    #[test]
    fn the_clock_resumes_at_the_simulated_time_it_was_saved() {
        let running = ClockState { offset_ms: 5 * 60_000, paused_at: None };
        let now = REAL + 5 * 60_000;
        // Opened two days later: the same simulated time, running on.
        let later = REAL + 2 * 86_400_000;
        let clock = clock_on_open(running, Some(now), Some(now - 1_000), later);
        assert_eq!(clock.at(later), now);
        assert_eq!(clock.at(later + 1_000), now + 1_000);
        // Paused stays paused, there.
        let paused = clock_on_open(ClockState { offset_ms: 0, paused_at: Some(now) }, Some(now), None, later);
        assert_eq!(paused.at(later + 60_000), now);
        assert_eq!(paused.offset_ms, now - later, "its lead as of opening, for a share link");
        // Never before the log's latest exchange.
        assert_eq!(clock_on_open(running, Some(now), Some(now + 9_000), later).at(later), now + 9_000);
        // A file without the time keeps its clock.
        assert_eq!(clock_on_open(running, None, None, later), running);
        // Extremes do not overflow.
        let _ = clock_on_open(running, Some(LATEST_TIME), None, i64::MIN + 1);
    }
}
