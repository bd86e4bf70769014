//! Saving the whole playground in localStorage, following other tabs, and
//! keeping saved data that cannot be read (never dropping it silently).
//!
//! One key per deployment (or per `ns=`) holds `{schema, revision, engine,
//! clock, flow, lessons}`, and the Make connection's `make` (its text) and
//! `make_connection` when there are any; `engine` is the engine's saved
//! format (which carries the traffic log) as a JSON object. Format 1 held it
//! as a string of JSON; it is still read. How tabs take turns is in [`tabs`].

pub mod file;
mod tabs;

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use academy_json::{At, FromJson, JsonError};
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use academy_connection::SavedConnection;
use academy_engine::{Engine, SavedEngine};

use crate::clock::{real_now, ClockState};
use crate::config::Config;
use crate::flow::Apply;
use crate::flow::FlowData;
use crate::learning::SavedLessons;
use crate::make::SavedMake;
use crate::playground::{Playground, Recovery};
use tabs::Found;

/// The shape of what this version saves. Bump on any incompatible change.
/// (`revision` was added within format 2: earlier releases ignore it.)
pub const SCHEMA: u32 = 2;
/// The first format: the engine's snapshot as a string inside the JSON.
const SCHEMA_ENGINE_AS_TEXT: u32 = 1;

/// What is read back beside the engine. The engine checks and migrates its
/// own part, so it is read on its own (see [`SCHEMA`]). The revision is read
/// from the text's stamp ([`tabs::unstamped`]).
#[derive(FromJson)]
struct Saved {
    clock: ClockState,
    flow: FlowData,
    /// Lesson progress (absent in saves from before lessons: none yet).
    #[serde(default)]
    lessons: SavedLessons,
    /// The Make connection's text (absent in saves from before it: the template).
    make: Option<String>,
    /// The Make connection itself, once connected (absent before it, or when
    /// nothing is connected). Read on its own: one this release cannot read
    /// is left out, and Connect makes a new one.
    make_connection: Option<Value>,
}

/// What is written after the stamp.
#[derive(Serialize)]
struct Body<'a> {
    engine: &'a SavedEngine,
    clock: &'a ClockState,
    flow: &'a FlowData,
    lessons: &'a SavedLessons,
    #[serde(skip_serializing_if = "Option::is_none")]
    make: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    make_connection: &'a Option<SavedConnection>,
}

/// How many copies of unreadable saved data are kept for download.
pub const MAX_RECOVERIES: usize = 3;

/// Where this playground saves.
#[derive(Clone, Debug)]
pub struct SaveSlot {
    pub key: String,
    /// The key releases before path-derived keys used, taken over once.
    legacy: Option<String>,
}

#[wasm_bindgen]
extern "C" {
    /// `Storage.getItem` without copying the text into wasm: checking that
    /// storage holds what this tab last saved (before every click) compares
    /// two JS strings instead of copying hundreds of KB.
    #[wasm_bindgen(catch, js_namespace = localStorage, js_name = getItem)]
    fn get_item_raw(key: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = localStorage, js_name = setItem)]
    fn set_item_raw(key: &str, value: &JsValue) -> Result<(), JsValue>;
}

/// What was found in storage at start.
pub enum Loaded {
    Nothing,
    State(Box<Decoded>),
    Unreadable(Recovery),
}

impl SaveSlot {
    /// The slot of this page: `ns=` if given, else the deployment's path.
    pub fn for_page(config: &Config) -> Self {
        let path = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
        Self::at(config.explicit_namespace.then_some(config.namespace.as_str()), &path)
    }

    pub fn at(namespace: Option<&str>, pathname: &str) -> Self {
        SaveSlot { key: tabs::key_for(namespace, pathname), legacy: namespace.is_none().then(tabs::legacy_key) }
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
        self.write_js(&JsValue::from_str(text))
    }

    /// Writes a JS string as it is (a save is passed to JS once, and kept there).
    fn write_js(&self, text: &JsValue) -> Result<(), String> {
        Self::storage().ok_or("storage is blocked")?;
        set_item_raw(&self.key, text).map_err(|e| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_else(|| "the browser refused to save".into())
        })
    }

    /// What the key holds, left in JS: a string, or null.
    fn read_js(&self) -> JsValue {
        Self::storage().and_then(|_| get_item_raw(&self.key).ok()).unwrap_or(JsValue::NULL)
    }

    /// Reads and decodes the saved playground. Unreadable data is copied to a
    /// recovery key first, so starting clean loses nothing. A deployment
    /// with nothing saved yet takes over what the shared key of earlier
    /// releases holds, when it can read it.
    pub fn load(&self) -> Loaded {
        let Some(raw) = self.read() else { return self.take_over_legacy() };
        match decode(&raw) {
            Ok(state) => Loaded::State(Box::new(state)),
            Err(reason) => {
                let recovery = self.rescue(raw, reason);
                if recovery.storage_key.is_some() {
                    if let Some(s) = Self::storage() {
                        let _ = s.remove_item(&self.key);
                    }
                }
                Loaded::Unreadable(recovery)
            }
        }
    }

    /// The earlier releases' shared key, copied to this slot's own key. It
    /// stays where it is: an older deployment on the same origin still uses it.
    fn take_over_legacy(&self) -> Loaded {
        let Some(raw) = self.legacy.as_ref().and_then(|k| Self::storage()?.get_item(k).ok()?) else { return Loaded::Nothing };
        // What this release cannot read belongs to whichever release wrote it.
        let Ok(state) = decode(&raw) else { return Loaded::Nothing };
        let _ = self.write(&raw);
        Loaded::State(Box::new(state))
    }

    /// Copies unreadable text to a new recovery key (keeping the newest few).
    fn rescue(&self, raw: String, reason: String) -> Recovery {
        let storage = Self::storage();
        let key = tabs::recovery_key(&self.recovery_prefix(), real_now(), |k| {
            storage.as_ref().is_some_and(|s| s.get_item(k).ok().flatten().is_some())
        });
        let kept = storage.is_some_and(|s| s.set_item(&key, &raw).is_ok());
        if kept {
            self.keep_newest_recoveries();
        }
        Recovery { storage_key: kept.then_some(key), raw, reason }
    }

    fn recovery_keys(&self) -> Vec<String> {
        let Some(storage) = Self::storage() else { return Vec::new() };
        let prefix = self.recovery_prefix();
        (0..storage.length().unwrap_or(0))
            .filter_map(|i| storage.key(i).ok().flatten())
            .filter(|k| k.starts_with(&prefix))
            .collect()
    }

    /// Recovery copies pile up over many releases and loads: keep the newest few.
    fn keep_newest_recoveries(&self) {
        let Some(storage) = Self::storage() else { return };
        for key in tabs::recoveries_to_drop(self.recovery_keys(), MAX_RECOVERIES) {
            let _ = storage.remove_item(&key);
        }
    }

    /// Copies kept from earlier loads that the learner has not discarded yet
    /// (the newest few; older ones are removed), oldest first.
    pub fn kept_recoveries(&self) -> Vec<Recovery> {
        self.keep_newest_recoveries();
        let Some(storage) = Self::storage() else { return Vec::new() };
        let mut keys = self.recovery_keys();
        tabs::oldest_first(&mut keys);
        let extra = keys.len().saturating_sub(MAX_RECOVERIES);
        keys.drain(..extra);
        keys.into_iter()
            .filter_map(|key| {
                let raw = storage.get_item(&key).ok().flatten()?;
                let reason = decode(&raw).err().unwrap_or_else(|| "kept from an earlier session".into());
                Some(Recovery { storage_key: Some(key), raw, reason })
            })
            .collect()
    }

    pub fn discard(&self, recovery: &Recovery) {
        if let (Some(storage), Some(key)) = (Self::storage(), recovery.storage_key.as_ref()) {
            let _ = storage.remove_item(key);
        }
    }
}

/// What a save holds, read back.
pub type Decoded = (Engine, ClockState, FlowData, SavedLessons, SavedMake);

/// Decodes saved text; the error says why in plain words.
pub fn decode(raw: &str) -> Result<Decoded, String> {
    // Everything is read through one `Value`, so serde's readers exist once in the wasm.
    let value: Value = serde_json::from_slice(raw.as_bytes()).map_err(|e| format!("it is not valid saved data ({e})"))?;
    decode_value(&value)
}

/// Decodes saved data already read as JSON (a playground file's body, say).
pub fn decode_value(value: &Value) -> Result<Decoded, String> {
    // The version first (without copying the rest), so another version is named as such.
    let schema = match value.get("schema") {
        None | Some(Value::Null) => None,
        Some(v) => Some(v.as_u64().and_then(|n| u32::try_from(n).ok()).ok_or("it is not valid saved data (schema is not a version number)")?),
    };
    let fitting = |e: JsonError| format!("its contents do not fit this version ({e})");
    let engine = || value.get("engine").ok_or_else(|| fitting(JsonError::new(At::Root, "missing field `engine`")));
    let engine = match schema {
        Some(SCHEMA) => Engine::restore_value(engine()?),
        Some(SCHEMA_ENGINE_AS_TEXT) => match engine()? {
            Value::String(text) => Engine::restore(text),
            other => return Err(fitting(JsonError::invalid_type(At::Field(&At::Root, "engine"), other, "a string"))),
        },
        Some(other) => {
            return Err(format!(
                "it was saved by another version of the playground (format {other}; this page reads formats 1 to {SCHEMA})"
            ))
        }
        None => return Err("it has no format version".into()),
    };
    let saved: Saved = academy_json::from_value(value).map_err(fitting)?;
    let connection = saved.make_connection.and_then(|c| academy_json::from_value(&c).ok());
    let make = SavedMake { text: saved.make, connection };
    Ok((engine.map_err(|e| e.to_string())?, saved.clock, saved.flow, saved.lessons, make))
}

/// What follows the stamp: `{"engine":…,"clock":…,"flow":…,"lessons":…,"make"?:…,"make_connection"?:…}`.
fn encode_body(engine: &SavedEngine, clock: &ClockState, flow: &FlowData, lessons: &SavedLessons, make: &SavedMake) -> String {
    let body = Body { engine, clock, flow, lessons, make: &make.text, make_connection: &make.connection };
    serde_json::to_string(&body).unwrap_or_default()
}

#[cfg(test)]
fn encode(engine: &SavedEngine, clock: ClockState, flow: FlowData, lessons: SavedLessons) -> String {
    encode_with_make(engine, clock, flow, lessons, SavedMake::default())
}

#[cfg(test)]
fn encode_with_make(engine: &SavedEngine, clock: ClockState, flow: FlowData, lessons: SavedLessons, make: SavedMake) -> String {
    tabs::stamped(SCHEMA, 1, &encode_body(engine, &clock, &flow, &lessons, &make))
}

/// The Make connection's text, saved only once it differs from the template.
fn make_text(text: String) -> Option<String> {
    (text != crate::make::default_text()).then_some(text)
}

fn encode_body_untracked(pg: &Playground) -> String {
    let (clock, flow, lessons) = (pg.clock.state.get_untracked(), pg.flow.get_untracked(), pg.learning.saved_untracked());
    let make = SavedMake { text: make_text(pg.make.text.get_untracked()), connection: pg.make.saved.get_untracked() };
    encode_body(&pg.engine.with_untracked(Engine::saved), &clock, &flow, &lessons, &make)
}

/// This tab's saving: what it last wrote or took, and at which revision.
#[derive(Clone, Copy)]
pub struct Saver {
    pg: Playground,
    slot: StoredValue<SaveSlot>,
    /// The stored text this tab wrote or took last, kept as a JS string: the
    /// check before each save and click compares it there, without a copy.
    seen_js: StoredValue<JsValue, leptos::reactive::owner::LocalStorage>,
    /// The newest revision this tab has written or taken.
    known: StoredValue<u64>,
    /// The body of the state this tab holds, as last saved or taken.
    body: StoredValue<String>,
    /// A change waits to be saved (see [`Saver::soon`]).
    pending: StoredValue<bool>,
}

impl Saver {
    /// Saves the state whose body is `body`, unless it is saved already, or
    /// storage holds a save this tab has not seen: then that is taken.
    fn save(&self, body: String) {
        if self.body.with_value(|b| *b == body) {
            return;
        }
        if self.storage_unchanged() {
            return self.write(body);
        }
        let stored = self.slot.with_value(SaveSlot::read);
        match self.judge(stored.as_deref()) {
            (Found::Ours, _) => self.write(body),
            (Found::Newer { revision }, Some(state)) => {
                self.take(stored.unwrap_or_default(), state, revision);
                self.pg.ui.storage_note.set(Some(
                    "Another tab saved newer progress, so this tab now shows it; the change just made here was not saved.".into(),
                ));
            }
            (Found::Newer { .. }, None) => self.write(body),
            (Found::Unreadable { reason }, _) => {
                self.rescue(stored.unwrap_or_default(), reason);
                self.write(body);
            }
        }
    }

    /// Saves now what this tab holds (before a reload, when the page hides).
    pub fn save_now(&self) {
        self.pending.set_value(false);
        self.save(encode_body_untracked(&self.pg));
    }

    /// Saves at the browser's next idle moment: encoding and writing a
    /// playground with a full traffic log takes several milliseconds, which
    /// an action's own frame should not pay; a burst of changes (a script
    /// sending hundreds of requests) is saved once. Hiding or leaving the
    /// page saves at once, and so does another tab's save arriving.
    fn soon(&self) {
        if self.pending.get_value() {
            return;
        }
        self.pending.set_value(true);
        let saver = *self;
        let flush = move || {
            if saver.pending.get_value() {
                saver.save_now();
            }
        };
        // At most half a second later even when the page is never idle (or
        // in the background); browsers without requestIdleCallback (Safari)
        // wait a moment instead.
        let options = web_sys::IdleRequestOptions::new();
        options.set_timeout(500);
        let callback = wasm_bindgen::closure::Closure::once_into_js(flush);
        if window().request_idle_callback_with_options(callback.unchecked_ref(), &options).is_err() {
            set_timeout(flush, std::time::Duration::from_millis(100));
        }
    }

    /// Reads storage again and takes a save made since this tab last looked
    /// (another tab's, or one made while this tab was hidden or in the
    /// back/forward cache, when it heard no storage events).
    pub fn catch_up(&self) {
        // A change not saved yet goes first, so another tab's newer save is
        // noticed (and said) rather than quietly taken over it.
        if self.pending.get_value() {
            self.save_now();
        }
        if self.storage_unchanged() {
            return;
        }
        let stored = self.slot.with_value(SaveSlot::read);
        match self.judge(stored.as_deref()) {
            (Found::Ours, _) | (Found::Newer { .. }, None) => {}
            (Found::Newer { revision }, Some(state)) => self.take(stored.unwrap_or_default(), state, revision),
            (Found::Unreadable { reason }, _) => {
                let raw = stored.unwrap_or_default();
                self.seen_js.set_value(JsValue::from_str(&raw));
                self.rescue(raw, reason.clone());
                self.pg.ui.storage_note.set(Some(format!(
                    "Another tab saved a playground this page cannot read ({reason}); a copy is kept below. Reload this tab to follow it."
                )));
            }
        }
    }

    /// Storage holds what this tab wrote or took last (or nothing): the
    /// common case, told without copying the save into wasm.
    fn storage_unchanged(&self) -> bool {
        let stored = self.slot.with_value(SaveSlot::read_js);
        stored.is_null() || self.seen_js.with_value(|seen| *seen == stored)
    }

    fn judge(&self, stored: Option<&str>) -> (Found, Option<Decoded>) {
        let mut state = None;
        // Only when storage changed: the one copy of what this tab saw into wasm.
        let seen = self.seen_js.with_value(|s| s.as_string().unwrap_or_default());
        let found = tabs::judge(stored, &seen, |text| decode(text).map(|s| state = Some(s)));
        (found, state)
    }

    fn write(&self, body: String) {
        let pg = self.pg;
        let revision = tabs::next_revision(self.known.get_value());
        let text = tabs::stamped(SCHEMA, revision, &body);
        let js = JsValue::from_str(&text);
        match self.slot.with_value(|s| s.write_js(&js)) {
            Ok(()) => {
                self.seen_js.set_value(js);
                self.known.set_value(revision);
                self.body.set_value(body);
                if pg.ui.storage_note.with_untracked(|n| n.as_deref().is_some_and(|n| n.starts_with("Saving failed"))) {
                    pg.ui.storage_note.set(None);
                }
            }
            Err(why) => pg.ui.storage_note.set(Some(format!(
                "Saving failed ({why}). The playground keeps working, but a reload would lose the latest changes."
            ))),
        }
    }

    fn take(&self, text: String, state: Decoded, revision: u64) {
        let pg = self.pg;
        restore(&pg, state);
        self.body.set_value(encode_body_untracked(&pg));
        self.seen_js.set_value(JsValue::from_str(&text));
        self.known.update_value(|k| *k = tabs::after_taking(*k, revision));
    }

    fn rescue(&self, raw: String, reason: String) {
        let recovery = self.slot.with_value(|s| s.rescue(raw, reason));
        let mut shown = self.slot.with_value(SaveSlot::kept_recoveries);
        if recovery.storage_key.is_none() {
            shown.push(recovery);
        }
        self.pg.ui.recoveries.set(shown);
    }
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
    let seen = slot.read().unwrap_or_default();
    let (known, body) = match tabs::unstamped(&seen) {
        Some((SCHEMA, revision, body)) => (revision.unwrap_or(0), body),
        _ => (0, String::new()),
    };
    let key = slot.key.clone();
    let saver = Saver {
        pg,
        slot: StoredValue::new(slot),
        seen_js: StoredValue::new_local(JsValue::from_str(&seen)),
        known: StoredValue::new(known),
        body: StoredValue::new(body),
        pending: StoredValue::new(false),
    };
    provide_context(saver);
    // Any change to what is saved schedules a save; the first run saves at
    // once (what was restored or started, measured as start-up's last phase).
    Effect::new(move |previous: Option<()>| {
        pg.engine.track();
        pg.clock.state.track();
        pg.flow.track();
        pg.learning.track_saved();
        pg.make.text.track();
        pg.make.saved.track();
        if previous.is_none() {
            let _first = crate::Span::new("academy:save", "academy:saved");
            saver.save_now();
        } else {
            saver.soon();
        }
    });
    let storage = window_event_listener(leptos::ev::storage, move |ev: web_sys::StorageEvent| {
        // `None` is storage cleared.
        if ev.key().is_none_or(|k| k == key) {
            saver.catch_up();
        }
    });
    // Back from the back/forward cache, or shown again: storage events may have been missed.
    let shown = window_event_listener_untyped("pageshow", move |_| saver.catch_up());
    let visible = window_event_listener_untyped("visibilitychange", move |_| {
        if document().hidden() {
            saver.save_now();
        } else {
            saver.catch_up();
        }
    });
    let focus = window_event_listener_untyped("focus", move |_| saver.catch_up());
    // Before any action, so it lands on the newest progress rather than over it.
    let pointer = window_event_listener_untyped("pointerdown", move |_| saver.catch_up());
    let last_key_check = StoredValue::new(0.0);
    let keys = window_event_listener_untyped("keydown", move |_| {
        let now = js_sys::Date::now();
        if now - last_key_check.get_value() > 500.0 {
            last_key_check.set_value(now);
            saver.catch_up();
        }
    });
    let hide = window_event_listener_untyped("pagehide", move |_| saver.save_now());
    // Leaving for another tab or window: this tab's state is saved before the
    // learner can act there (even a change whose save is not scheduled yet).
    let blur = window_event_listener_untyped("blur", move |_| saver.save_now());
    on_cleanup(move || {
        for handle in [storage, shown, visible, focus, pointer, keys, hide, blur] {
            handle.remove();
        }
    });
}

/// Puts a decoded save in place of what the playground holds: another
/// tab's save, or an opened file.
fn restore(pg: &Playground, (engine, clock, flow, lessons, make): Decoded) {
    pg.engine.set(engine);
    pg.clock.state.set(clock);
    pg.flow.apply(flow);
    pg.learning.adopt(lessons);
    crate::make::adopt(pg, make);
}

/// The whole playground as a playground file (`file.rs`), saved now.
pub fn state_file(pg: &Playground) -> String {
    let saved = String::from(js_sys::Date::new_0().to_iso_string());
    file::encode(&encode_body_untracked(pg), &saved, pg.clock.now())
}

/// The name a saved file gets: `academy-playground-2026-11-29-1805.json`.
pub fn state_file_name() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "academy-playground-{}-{:02}-{:02}-{:02}{:02}.json",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// Replaces the playground with an opened file's, the clock where it stood
/// when saved, and saves it (so it survives a reload).
pub fn open_file(pg: &Playground, opened: file::Opened) {
    let file::Opened { state: (engine, clock, flow, lessons, make), now, .. } = opened;
    let latest = engine.log().back().map(|x| x.at);
    let clock = file::clock_on_open(clock, now, latest, real_now());
    restore(pg, (engine, clock, flow, lessons, make));
    pg.ui.secret_revealed.set(false);
    pg.learning.mistake.set(None);
    save_now();
}

/// Saves now, if saving runs (before the page reloads itself).
pub fn save_now() {
    if let Some(saver) = use_context::<Saver>() {
        saver.save_now();
    }
}

/// Offers `text` as a file download.
pub fn download(file_name: &str, text: &str) {
    download_as(file_name, "application/json", text);
}

/// Offers `text` as a file download of the media type `mime`.
pub fn download_as(file_name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
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
        assert_eq!(make, SavedMake::default());
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
        assert_eq!(make, SavedMake::default(), "no Make connection yet");
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
        assert_eq!(decode(&text).unwrap(), (engine, clock, flow, lessons, SavedMake::default()));
    }

    #[test]
    fn the_make_connection_text_is_saved_once_edited() {
        let (engine, clock, flow) = sample();
        assert_eq!(make_text(crate::make::default_text()), None, "the template is not copied into every save");
        let edited = SavedMake { text: make_text("{ \"token\": {} }".into()), connection: None };
        let text = encode_with_make(&engine.saved(), clock, flow, SavedLessons::default(), edited.clone());
        assert_eq!(decode(&text).unwrap().4, edited);
        assert!(!text.contains("make_connection"), "nothing connected: nothing written");
    }

    /// A connection as the runner saves it (the fields beyond `version` and `text` have defaults).
    fn saved_connection() -> SavedConnection {
        academy_json::from_value(&serde_json::json!({
            "version": 1,
            "text": crate::make::default_text(),
            "data": { "accessToken": "a".repeat(40), "refreshToken": "r".repeat(40), "expires": "2023-11-14T22:18:20.000Z" },
            "expires": 1_699_003_600_000_i64,
            "uid": "d1b03e513fbc5881651d6c149fd259506f975ae1",
            "metadata": { "type": "text", "value": "John Doe" },
            "secrets": ["a".repeat(40), "r".repeat(40)]
        }))
        .unwrap()
    }

    #[test]
    fn the_make_connection_is_saved_beside_its_text_and_comes_back() {
        let (engine, clock, flow) = sample();
        let make = SavedMake { text: None, connection: Some(saved_connection()) };
        let text = encode_with_make(&engine.saved(), clock, flow.clone(), SavedLessons::default(), make.clone());
        let saved: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(saved["make_connection"]["version"], 1);
        assert_eq!(saved.get("make"), None, "the template's text is not copied");
        let (engine2, clock2, flow2, lessons2, make2) = decode(&text).unwrap();
        assert_eq!(make2, make);
        assert_eq!(encode_with_make(&engine2.saved(), clock2, flow2, lessons2, make2), text, "encoding is stable");
        // A connection this release cannot read is left out; the rest of the save loads.
        let mut odd: Value = serde_json::from_str(&encode_with_make(&engine.saved(), clock, flow, SavedLessons::default(), make)).unwrap();
        odd["make_connection"] = serde_json::json!({ "version": "two", "text": 5 });
        let (_, _, _, _, make3) = decode(&odd.to_string()).expect("the save still loads");
        assert_eq!(make3, SavedMake::default());
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
