//! The lessons on the page: the library and the learner's progress in
//! signals, following every exchange; a pack loaded by URL (kept for
//! offline use); and the classic mistakes carried out. The decisions are in
//! `lessons/` and `flow::faults`; this only holds and applies them.

use leptos::prelude::*;

use crate::flow::FlowDataStoreFields;
use academy_json::FromJson;
use serde::Serialize;

use academy_engine::{Exchange, Origin};

use crate::flow::faults::{self, Fault, Move, ServerState};
use crate::lessons::{pack, Book, Fault as PackFault, Library, News, Pack};
use crate::playground::Playground;

/// What is saved of the lessons, beside the flow.
#[derive(Clone, Debug, Default, PartialEq, Serialize, FromJson)]
#[serde(default)]
pub struct SavedLessons {
    pub book: Book,
    /// The lesson the view shows.
    pub open: Option<String>,
    /// The lesson view is shown.
    pub shown: bool,
}

/// Where the `pack=` pack stands.
#[derive(Clone, Debug, PartialEq)]
pub enum PackState {
    Loading { url: String },
    Loaded { url: String, title: String, offline: bool },
    Failed { url: String, reason: String, faults: Vec<PackFault> },
}

/// The answer to the last mistake made, for the lesson view.
#[derive(Clone, Debug, PartialEq)]
pub enum MistakeResult {
    Made { fault: Fault, seq: u64, status: u16, explanation: Option<String> },
    Refused { fault: Fault, first: &'static str },
}

#[derive(Clone, Copy)]
pub struct Learning {
    pub library: RwSignal<Library>,
    pub book: RwSignal<Book>,
    pub open: RwSignal<Option<String>>,
    pub shown: RwSignal<bool>,
    pub pack: RwSignal<Option<PackState>>,
    pub mistake: RwSignal<Option<MistakeResult>>,
    /// The step a share link named (where the sender was), marked in the view; not saved.
    pub shared_step: RwSignal<Option<String>>,
}

impl Learning {
    pub fn new(saved: SavedLessons) -> Self {
        Learning {
            library: RwSignal::new(Library::new(&pack::builtin(), None)),
            book: RwSignal::new(saved.book),
            open: RwSignal::new(saved.open),
            shown: RwSignal::new(saved.shown),
            pack: RwSignal::new(None),
            mistake: RwSignal::new(None),
            shared_step: RwSignal::new(None),
        }
    }

    /// Subscribes to what [`Learning::saved_untracked`] reads.
    pub fn track_saved(&self) {
        self.book.track();
        self.open.track();
        self.shown.track();
    }

    pub fn saved_untracked(&self) -> SavedLessons {
        SavedLessons { book: self.book.get_untracked(), open: self.open.get_untracked(), shown: self.shown.get_untracked() }
    }

    /// Says what a lesson's news means, for the live region.
    pub fn news_text(&self, news: &News) -> String {
        self.library.with_untracked(|library| match news {
            News::StepDone { lesson, step, done, total } => {
                let goal = library.get(lesson).and_then(|l| l.steps.iter().find(|s| &s.id == step)).map(|s| s.goal.clone());
                format!("Lesson step done: {} ({done} of {total}).", goal.unwrap_or_default())
            }
            News::LessonComplete { lesson } => {
                let title = library.get(lesson).map(|l| l.title.clone()).unwrap_or_default();
                format!("Lesson complete: {title}.")
            }
        })
    }

    /// What the diagram highlights: the exchanges that did the open
    /// lesson's steps, and the last mistake's (subscribing).
    pub fn highlighted(&self) -> Vec<u64> {
        let mut seqs = match self.open.get() {
            Some(id) => self.library.with(|l| l.get(&id).map(|lesson| self.book.with(|b| b.of(&id).seqs(lesson)))).unwrap_or_default(),
            None => Vec::new(),
        };
        if let Some(MistakeResult::Made { seq, .. }) = self.mistake.get() {
            seqs.push(seq);
        }
        seqs
    }

    pub fn adopt(&self, saved: SavedLessons) {
        self.book.set(saved.book);
        self.open.set(saved.open);
        self.shown.set(saved.shown);
    }

    /// Follows one exchange in every lesson.
    pub fn observe(&self, exchange: &Exchange) -> Vec<News> {
        // Every exchange passes here: the lessons are read in place, not copied.
        let mut news = Vec::new();
        // Most exchanges change no lesson: then nothing re-renders or saves.
        self.library.with_untracked(|library| {
            self.book.maybe_update(|b| {
                let before = b.clone();
                news = b.observe(&library.lessons, exchange);
                *b != before
            })
        });
        news
    }

    /// Opens a lesson in the view; `false` if there is none by that id.
    pub fn open_lesson(&self, id: &str) -> bool {
        let known = self.library.with_untracked(|l| l.get(id).is_some());
        if known {
            self.open.set(Some(id.to_string()));
            self.shown.set(true);
        }
        known
    }

    pub fn reset_lesson(&self, id: &str, last_seq: u64) -> bool {
        let known = self.library.with_untracked(|l| l.get(id).is_some());
        if known {
            self.book.update(|b| b.reset(id, last_seq));
        }
        known
    }
}

pub fn use_learning() -> Learning {
    expect_context::<Learning>()
}

/// Where a pack's last good copy is kept, for offline use.
fn pack_key(url: &str) -> String {
    format!("academy-oauth2-playground:pack:{url}")
}

fn cached(url: &str) -> Option<String> {
    web_sys::window()?.local_storage().ok()??.get_item(&pack_key(url)).ok()?
}

fn keep(url: &str, text: &str) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.set_item(&pack_key(url), text);
    }
}

/// Fetches a pack's text; `Err` says why not, in the learner's words.
async fn fetch(url: &str) -> Result<String, String> {
    let response = gloo_net::http::Request::get(url).send().await.map_err(|_| {
        "it could not be fetched: the network is down, or its host does not let this page read it (the host must send Access-Control-Allow-Origin).".to_string()
    })?;
    if !response.ok() {
        return Err(format!("its host answered {} {}.", response.status(), response.status_text()));
    }
    let declared = response.headers().get("content-length").and_then(|l| l.trim().parse::<usize>().ok());
    if declared.is_some_and(|n| n > pack::PACK_LIMIT) {
        return Err(format!("it is larger than the {} a pack may be.", academy_engine::http::bytes_in_words(pack::PACK_LIMIT)));
    }
    response.text().await.map_err(|_| "its body could not be read.".to_string())
}

/// Loads the `pack=` pack: from the network, else from the copy kept at the
/// last good load. A bad pack leaves the built-in lessons as they are.
pub fn load_pack(pg: Playground, learning: Learning, url: String) {
    learning.pack.set(Some(PackState::Loading { url: url.clone() }));
    // The view shows how the pack fares, loaded or not.
    learning.shown.set(true);
    leptos::task::spawn_local(async move {
        let (text, offline) = match fetch(&url).await {
            Ok(text) => (Ok(text), false),
            Err(why) => match cached(&url) {
                Some(text) => (Ok(text), true),
                None => (Err(why), false),
            },
        };
        let state = match text.map(|t| (pack::parse(&t), t)) {
            Err(reason) => PackState::Failed { url, reason, faults: vec![] },
            Ok((Err(faults), _)) => {
                PackState::Failed { url, reason: "it is not a pack this playground can read.".into(), faults }
            }
            Ok((Ok(pack), text)) => {
                if !offline {
                    keep(&url, &text);
                }
                apply(pg, learning, &pack);
                PackState::Loaded { url, title: pack.title.clone(), offline }
            }
        };
        learning.pack.set(Some(state));
    });
}

/// Takes a pack's lessons and settings (read like URL parameters).
fn apply(pg: Playground, learning: Learning, pack: &Pack) {
    learning.library.set(Library::new(&pack::builtin(), Some(pack)));
    let query = pack.settings.as_query();
    let config = crate::config::Config::from_query(&query);
    if pack.settings.panes.is_some() {
        pg.ui.panes.set(config.panes);
    }
    if let Some(account) = config.account {
        pg.flow.consent_account().set(account.slug().into());
    }
    if let Some(settings) = config.settings {
        pg.engine.update(|e| e.set_settings(settings));
    }
    if let Some(first) = pack.lessons.first() {
        if learning.open.with_untracked(|o| o.as_ref().is_none_or(|id| learning.library.with_untracked(|l| l.get(id).is_none()))) {
            learning.open.set(Some(first.id.clone()));
        }
        learning.shown.set(true);
    }
}

/// Makes a classic mistake from the current state, through the engine.
pub fn make_mistake(pg: Playground, learning: Learning, fault: Fault) {
    let state = server_state(&pg);
    let data = pg.flow.get_untracked();
    let moves = match faults::plan(fault, &data, &state) {
        Ok(moves) => moves,
        Err(first) => {
            learning.mistake.set(Some(MistakeResult::Refused { fault, first }));
            return;
        }
    };
    let mut last = None;
    for step in moves {
        match step {
            Move::Flow(event) => pg.dispatch(event),
            Move::Send(request) => last = pg.send_exchange(request, Origin::App),
            Move::ClockTo(at) => pg.clock.jump_to(at),
        }
    }
    if let Some(exchange) = last {
        let explanation = faults::explanation(fault, &exchange, &pg.settings());
        let status = exchange.response.status;
        pg.announce(format!("{}: the server answered {}.", fault.label(), academy_engine::http::status_text(status)));
        learning.mistake.set(Some(MistakeResult::Made { fault, seq: exchange.seq, status, explanation }));
    }
}

/// What the mistakes' plans read from the server (subscribing, so buttons
/// enable and disable as the state changes).
pub fn server_state(pg: &Playground) -> ServerState {
    let now = pg.clock.now();
    let held = pg.flow.held().get();
    let code = pg.flow.callback().with(|c| c.as_ref().and_then(|c| c.code()));
    pg.engine.with(|e| {
        let view = e.view(now);
        ServerState {
            client: e.client().cloned(),
            now,
            granted: held
                .as_ref()
                .and_then(|h| view.connections.iter().find(|c| c.access_token == h.access_token))
                .map(|c| c.scopes.clone()),
            code_unused: code.is_some_and(|code| view.codes.iter().any(|c| c.code == code)),
        }
    })
}
