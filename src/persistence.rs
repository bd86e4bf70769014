//! Saving the whole playground in localStorage, following other tabs, and
//! keeping saved data that cannot be read (never dropping it silently).
//!
//! One key per namespace holds `{schema, engine, clock, flow}`; the engine's
//! snapshot (which carries the traffic log) is embedded as a string.

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;

use academy_engine::Engine;

use crate::clock::{real_now, ClockState};
use crate::flow::FlowData;
use crate::playground::{Playground, Recovery};

/// The shape of what this version saves. Bump on any incompatible change.
pub const SCHEMA: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Saved {
    schema: u32,
    engine: String,
    clock: ClockState,
    flow: FlowData,
}

#[derive(Deserialize)]
struct Probe {
    schema: Option<u32>,
}

/// Where this playground saves.
#[derive(Clone, Debug)]
pub struct SaveSlot {
    pub key: String,
}

/// What was found in storage at start.
pub enum Loaded {
    Nothing,
    State(Box<(Engine, ClockState, FlowData)>),
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
                }
                Loaded::Unreadable(Recovery { storage_key: kept.then_some(copy_key), raw, reason })
            }
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

/// Decodes saved text; the error says why in plain words.
pub fn decode(raw: &str) -> Result<(Engine, ClockState, FlowData), String> {
    let probe: Probe = serde_json::from_str(raw).map_err(|e| format!("it is not valid saved data ({e})"))?;
    match probe.schema {
        Some(SCHEMA) => {}
        Some(other) => {
            return Err(format!(
                "it was saved by another version of the playground (format {other}; this page reads format {SCHEMA})"
            ))
        }
        None => return Err("it has no format version".into()),
    }
    let saved: Saved = serde_json::from_str(raw).map_err(|e| format!("its contents do not fit this version ({e})"))?;
    let engine = Engine::restore(&saved.engine).map_err(|e| e.to_string())?;
    Ok((engine, saved.clock, saved.flow))
}

fn encode(engine_snapshot: String, clock: ClockState, flow: FlowData) -> String {
    serde_json::to_string(&Saved { schema: SCHEMA, engine: engine_snapshot, clock, flow }).unwrap_or_default()
}

fn encode_untracked(pg: &Playground) -> String {
    encode(pg.engine.with_untracked(|e| e.snapshot()), pg.clock.state.get_untracked(), pg.flow.data_untracked())
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
    // The engine's snapshot is recomputed only when the engine changes.
    let engine_snapshot = Memo::new(move |_| pg.engine.with(|e| e.snapshot()));
    let write_slot = slot.clone();
    Effect::new(move |_| {
        let text = encode(engine_snapshot.get(), pg.clock.state.get(), pg.flow.data());
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
            Ok((engine, clock, flow)) => {
                pg.engine.set(engine);
                pg.clock.state.set(clock);
                pg.flow.apply(flow);
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
        let text = encode(engine.snapshot(), clock, flow.clone());
        let (engine2, clock2, flow2) = decode(&text).unwrap();
        assert_eq!(engine2, engine);
        assert_eq!(clock2, clock);
        assert_eq!(flow2, flow);
        assert_eq!(encode(engine2.snapshot(), clock2, flow2), text, "encoding is stable, so tabs do not echo saves");
    }

    #[test]
    fn unreadable_data_and_other_versions_say_why() {
        assert!(decode("not json").unwrap_err().contains("not valid saved data"));
        assert!(decode(r#"{"schema": 99}"#).unwrap_err().contains("another version"));
        assert!(decode(r#"{"engine": ""}"#).unwrap_err().contains("no format version"));
        let (engine, clock, flow) = sample();
        let text =
            encode(engine.snapshot(), clock, flow).replace("\"schema\":1,\"engine\":\"", "\"schema\":1,\"engine\":\"x");
        assert!(decode(&text).is_err());
    }
}
