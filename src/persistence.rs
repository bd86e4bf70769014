//! Saving the whole playground in localStorage, following other tabs, and
//! keeping saved data that cannot be read (never dropping it silently).
//!
//! One key per namespace holds `{schema, engine, clock, flow}`; `engine` is
//! the engine's saved format (which carries the traffic log) as a JSON
//! object. Format 1 held it as a string of JSON; it is still read.

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use wasm_bindgen::JsCast;

use academy_engine::{Engine, SavedEngine};

use crate::clock::{real_now, ClockState};
use crate::flow::FlowData;
use crate::learning::SavedLessons;
use crate::playground::{Playground, Recovery};

/// The shape of what this version saves. Bump on any incompatible change.
pub const SCHEMA: u32 = 2;
/// The first format: the engine's snapshot as a string inside the JSON.
const SCHEMA_ENGINE_AS_TEXT: u32 = 1;

/// What is saved; `E` is how the engine is held (see [`SCHEMA`]). The engine
/// checks and migrates its own part, so it is read as a plain JSON value.
#[derive(Serialize, Deserialize)]
struct Saved<E> {
    schema: u32,
    engine: E,
    clock: ClockState,
    flow: FlowData,
    /// Lesson progress (absent in saves from before lessons: none yet).
    #[serde(default)]
    lessons: SavedLessons,
    /// The Make connection's text (absent in saves from before it: the template).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    make: Option<String>,
}

/// How many copies of unreadable saved data are kept for download.
pub const MAX_RECOVERIES: usize = 3;

/// Where this playground saves.
#[derive(Clone, Debug)]
pub struct SaveSlot {
    pub key: String,
}

/// What was found in storage at start.
pub enum Loaded {
    Nothing,
    State(Box<Decoded>),
    Unreadable(Recovery),
}

impl SaveSlot {
    pub fn new(namespace: &str) -> Self {
        SaveSlot { key: format!("academy-oauth2-playground:{namespace}") }
    }

    fn recovery_prefix(&self) -> String {
        format!("{}:unreadable:", self.key)
    }

    /// localStorage, when the page may use it (a sandboxed embed may not).
    fn storage() -> Option<web_sys::Storage> {
        let storage = web_sys::window()?.local_storage().ok()??;
        // Past this check, gloo's accessors cannot throw.
        drop(storage);
        Some(LocalStorage::raw())
    }

    pub fn available() -> bool {
        Self::storage().is_some()
    }

    fn read(&self) -> Option<String> {
        Self::storage()?.get_item(&self.key).ok()?
    }

    fn write(&self, text: &str) -> Result<(), String> {
        let storage = Self::storage().ok_or("storage is blocked")?;
        storage.set_item(&self.key, text).map_err(|e| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_else(|| "the browser refused to save".into())
        })
    }

    /// Reads and decodes the saved playground. Unreadable data is copied to a
    /// recovery key first, so starting clean loses nothing.
    pub fn load(&self) -> Loaded {
        let Some(raw) = self.read() else { return Loaded::Nothing };
        match decode(&raw) {
            Ok(state) => Loaded::State(Box::new(state)),
            Err(reason) => {
                let copy_key = format!("{}{}", self.recovery_prefix(), real_now());
                let kept = Self::storage().is_some_and(|s| s.set_item(&copy_key, &raw).is_ok());
                if kept {
                    if let Some(s) = Self::storage() {
                        let _ = s.remove_item(&self.key);
                    }
                    self.keep_newest_recoveries();
                }
                Loaded::Unreadable(Recovery { storage_key: kept.then_some(copy_key), raw, reason })
            }
        }
    }

    /// Recovery copies pile up over many releases and loads: keep the newest few.
    fn keep_newest_recoveries(&self) {
        let Some(storage) = Self::storage() else { return };
        let prefix = self.recovery_prefix();
        let mut keys: Vec<String> = (0..storage.length().unwrap_or(0))
            .filter_map(|i| storage.key(i).ok().flatten())
            .filter(|k| k.starts_with(&prefix))
            .collect();
        // Keys end in the time of the copy, so their order is their age.
        keys.sort();
        let extra = keys.len().saturating_sub(MAX_RECOVERIES);
        for key in &keys[..extra] {
            let _ = storage.remove_item(key);
        }
    }

    /// Copies kept from earlier loads that the learner has not discarded yet.
    pub fn kept_recoveries(&self) -> Vec<Recovery> {
        let Some(storage) = Self::storage() else { return Vec::new() };
        let prefix = self.recovery_prefix();
        let count = storage.length().unwrap_or(0);
        let mut found = Vec::new();
        for i in 0..count {
            let Some(key) = storage.key(i).ok().flatten() else { continue };
            if key.starts_with(&prefix) {
                if let Some(raw) = storage.get_item(&key).ok().flatten() {
                    let reason = decode(&raw).err().unwrap_or_else(|| "kept from an earlier session".into());
                    found.push(Recovery { storage_key: Some(key), raw, reason });
                }
            }
        }
        found.sort_by(|a, b| a.storage_key.cmp(&b.storage_key));
        found
    }

    pub fn discard(&self, recovery: &Recovery) {
        if let (Some(storage), Some(key)) = (Self::storage(), recovery.storage_key.as_ref()) {
            let _ = storage.remove_item(key);
        }
    }
}

/// What a save holds, read back.
pub type Decoded = (Engine, ClockState, FlowData, SavedLessons, Option<String>);

/// Decodes saved text; the error says why in plain words.
pub fn decode(raw: &str) -> Result<Decoded, String> {
    // Everything is read through one `Value`, so serde's readers exist once in the wasm.
    let value: Value = serde_json::from_str(raw).map_err(|e| format!("it is not valid saved data ({e})"))?;
    // The version first (without copying the rest), so another version is named as such.
    let schema = match value.get("schema") {
        None | Some(Value::Null) => None,
        Some(v) => Some(v.as_u64().and_then(|n| u32::try_from(n).ok()).ok_or("it is not valid saved data (schema is not a version number)")?),
    };
    let (engine, clock, flow, lessons, make) = match schema {
        Some(SCHEMA) => {
            let saved: Saved<Value> = fitting(value)?;
            (Engine::restore_value(saved.engine), saved.clock, saved.flow, saved.lessons, saved.make)
        }
        Some(SCHEMA_ENGINE_AS_TEXT) => {
            let saved: Saved<String> = fitting(value)?;
            (Engine::restore(&saved.engine), saved.clock, saved.flow, saved.lessons, saved.make)
        }
        Some(other) => {
            return Err(format!(
                "it was saved by another version of the playground (format {other}; this page reads formats 1 to {SCHEMA})"
            ))
        }
        None => return Err("it has no format version".into()),
    };
    Ok((engine.map_err(|e| e.to_string())?, clock, flow, lessons, make))
}

fn fitting<E: serde::de::DeserializeOwned>(value: Value) -> Result<Saved<E>, String> {
    serde_json::from_value(value).map_err(|e| format!("its contents do not fit this version ({e})"))
}

#[cfg(test)]
fn encode(engine: &SavedEngine, clock: ClockState, flow: FlowData, lessons: SavedLessons) -> String {
    encode_with_make(engine, clock, flow, lessons, None)
}

fn encode_with_make(engine: &SavedEngine, clock: ClockState, flow: FlowData, lessons: SavedLessons, make: Option<String>) -> String {
    serde_json::to_string(&Saved { schema: SCHEMA, engine, clock, flow, lessons, make }).unwrap_or_default()
}

/// The Make connection's text, saved only once it differs from the template.
fn make_text(text: String) -> Option<String> {
    (text != crate::make::default_text()).then_some(text)
}

fn encode_untracked(pg: &Playground) -> String {
    let lessons = pg.learning.saved_untracked();
    let make = make_text(pg.make.text.get_untracked());
    encode_with_make(&pg.engine.with_untracked(Engine::saved), pg.clock.state.get_untracked(), pg.flow.data_untracked(), lessons, make)
}

/// Saves on every change, and follows changes saved by other tabs.
pub fn keep_saved(pg: Playground, slot: SaveSlot) {
    if !SaveSlot::available() {
        pg.ui.storage_note.set(Some(
            "This page may not use the browser's storage here (an embed can block it), so nothing is saved across reloads.".into(),
        ));
        return;
    }
    // What storage holds now; a save happens only when the state differs.
    let last = StoredValue::new(slot.read().unwrap_or_default());
    // The engine's saved form is recomputed only when the engine changes.
    let engine_saved = Memo::new(move |_| pg.engine.with(Engine::saved));
    let write_slot = slot.clone();
    Effect::new(move |_| {
        let (clock, flow, lessons) = (pg.clock.state.get(), pg.flow.data(), pg.learning.saved());
        let make = make_text(pg.make.text.get());
        let text = engine_saved.with(|engine| encode_with_make(engine, clock, flow, lessons, make));
        if last.with_value(|l| *l == text) {
            return;
        }
        match write_slot.write(&text) {
            Ok(()) => {
                last.set_value(text);
                if pg.ui.storage_note.with_untracked(|n| n.as_deref().is_some_and(|n| n.starts_with("Saving failed"))) {
                    pg.ui.storage_note.set(None);
                }
            }
            Err(why) => pg.ui.storage_note.set(Some(format!(
                "Saving failed ({why}). The playground keeps working, but a reload would lose the latest changes."
            ))),
        }
    });
    let key = slot.key.clone();
    let handle = window_event_listener(leptos::ev::storage, move |ev: web_sys::StorageEvent| {
        if ev.key().as_deref() != Some(key.as_str()) {
            return;
        }
        let Some(raw) = ev.new_value() else { return };
        match decode(&raw) {
            Ok((engine, clock, flow, lessons, make)) => {
                pg.engine.set(engine);
                pg.clock.state.set(clock);
                pg.flow.apply(flow);
                pg.learning.adopt(lessons);
                pg.make.adopt(make);
                last.set_value(encode_untracked(&pg));
            }
            Err(reason) => pg.ui.storage_note.set(Some(format!(
                "Another tab saved a playground this page cannot read: {reason}. This tab no longer follows it."
            ))),
        }
    });
    on_cleanup(move || handle.remove());
}

/// Offers `text` as a file download.
pub fn download(file_name: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    let anchor = document().create_element("a").ok().and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok());
    if let Some(a) = anchor {
        a.set_href(&url);
        a.set_download(file_name);
        let _ = document().body().map(|b| b.append_child(&a));
        a.click();
        a.remove();
    }
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::playground::default_registration;
    use academy_engine::{Origin, Request, SeededEntropy, Settings};

    fn sample() -> (Engine, ClockState, FlowData) {
        let mut entropy = SeededEntropy::new(7);
        let mut engine = Engine::new(Settings::default());
        let client = engine.register(default_registration(), 1_000, &mut entropy);
        engine.handle(Request::new("GET", "/info"), Origin::Console, 2_000, &mut entropy);
        let mut flow = FlowData::fresh(Some(&client), "abc".into());
        flow.api_path = "/movies?page=2".into();
        (engine, ClockState { offset_ms: 300_000, paused_at: Some(5) }, flow)
    }

    #[test]
    fn saved_state_comes_back_exactly() {
        let (engine, clock, flow) = sample();
        let mut lessons = SavedLessons { open: Some("scopes".into()), shown: true, ..Default::default() };
        lessons.book.reset("scopes", 3);
        let text = encode(&engine.saved(), clock, flow.clone(), lessons.clone());
        let (engine2, clock2, flow2, lessons2, make) = decode(&text).unwrap();
        assert_eq!(make, None);
        assert_eq!(engine2, engine);
        assert_eq!(clock2, clock);
        assert_eq!(flow2, flow);
        assert_eq!(lessons2, lessons);
        assert_eq!(encode(&engine2.saved(), clock2, flow2, lessons2), text, "encoding is stable, so tabs do not echo saves");
    }

    #[test]
    fn the_engine_is_saved_as_an_object_not_a_string() {
        let (engine, clock, flow) = sample();
        let saved: Value = serde_json::from_str(&encode(&engine.saved(), clock, flow, SavedLessons::default())).unwrap();
        assert_eq!(saved["schema"], SCHEMA);
        assert_eq!(saved["engine"]["schema"], academy_engine::SCHEMA_VERSION);
        assert_eq!(saved["engine"], engine.snapshot_value());
    }

    /// What the first release saved: `engine` is the engine's schema 1
    /// snapshot as a string (`src/fixtures/saved-schema1.json`).
    const SAVED_BY_FIRST_RELEASE: &str = include_str!("fixtures/saved-schema1.json");

    #[test]
    fn the_first_release_save_loads_and_is_saved_again_in_the_new_format() {
        let old: Value = serde_json::from_str(SAVED_BY_FIRST_RELEASE).unwrap();
        assert_eq!(old["schema"], 1);
        let (engine, clock, flow, lessons, make) = decode(SAVED_BY_FIRST_RELEASE).expect("the first release's save loads");
        assert_eq!(make, None, "no Make connection yet");
        assert_eq!(lessons, SavedLessons::default(), "no lessons yet");
        assert_eq!(engine, Engine::restore(old["engine"].as_str().unwrap()).unwrap());
        assert_eq!(engine.client().map(|c| c.client_id.as_str()), old["flow"]["authorize_url"].as_str().and_then(client_id_in));
        assert_eq!(engine.view(0).connections.len(), 2);
        assert_eq!(engine.log().len(), 9);
        assert_eq!(clock, ClockState { offset_ms: 120_000, paused_at: None });
        assert_eq!(flow.api_path, "/movies");
        assert_eq!(flow.state_param, "k3x9q2");

        let text = encode(&engine.saved(), clock, flow.clone(), lessons.clone());
        let again: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(again["schema"], SCHEMA);
        assert!(again["engine"].is_object());
        assert_eq!(decode(&text).unwrap(), (engine, clock, flow, lessons, None));
    }

    #[test]
    fn the_make_connection_text_is_saved_once_edited() {
        let (engine, clock, flow) = sample();
        assert_eq!(make_text(crate::make::default_text()), None, "the template is not copied into every save");
        let edited = make_text("{ \"token\": {} }".into());
        let text = encode_with_make(&engine.saved(), clock, flow, SavedLessons::default(), edited.clone());
        assert_eq!(decode(&text).unwrap().4, edited);
    }

    fn client_id_in(url: &str) -> Option<&str> {
        url.split(['?', '&']).find_map(|pair| pair.strip_prefix("client_id="))
    }

    #[test]
    fn unreadable_data_and_other_versions_say_why() {
        assert!(decode("not json").unwrap_err().contains("not valid saved data"));
        assert!(decode(r#"{"schema": 99}"#).unwrap_err().contains("another version"));
        assert!(decode(r#"{"engine": ""}"#).unwrap_err().contains("no format version"));
        assert!(decode(r#"{"schema": 2, "engine": {}}"#).unwrap_err().contains("do not fit"));
        let (engine, clock, flow) = sample();
        let mut saved: Value = serde_json::from_str(&encode(&engine.saved(), clock, flow, SavedLessons::default())).unwrap();
        saved["engine"]["connections"] = Value::from("x");
        assert!(decode(&saved.to_string()).unwrap_err().contains("unreadable"));
        saved["engine"] = Value::from(engine.snapshot());
        assert!(decode(&saved.to_string()).unwrap_err().contains("unreadable"), "format 2 holds an object");
        let mut future: Value = serde_json::from_str(&encode(&engine.saved(), clock, FlowData::default(), SavedLessons::default())).unwrap();
        future["engine"]["schema"] = Value::from(3);
        assert!(decode(&future.to_string()).unwrap_err().contains("schema version 3"));
        let old = SAVED_BY_FIRST_RELEASE.replace("\"engine\":\"{", "\"engine\":\"x{");
        assert!(decode(&old).unwrap_err().contains("unreadable"));
    }
}
