//! The page: header with the clock bar, notices, the four panes.

use leptos::prelude::*;

use crate::clock::{real_now, ClockState};
use crate::config::{Config, Pane, Theme};
use crate::{console, host};
use crate::panes::{browser::BrowserPane, client::ClientPane, lessons::LessonView, server::ServerPane, traffic::TrafficPane};
use crate::panes::make::{toggle_make_pane, MakePane};
use crate::persistence::{keep_saved, Loaded, SaveSlot};
use crate::playground::Playground;
use crate::widgets::{clock_bar::ClockBar, files_dialog::FilesDialog, notices::Notices, reset_dialog::ResetDialog, share_dialog::ShareDialog};

/// Builds the playground from storage (or fresh), and starts its clock,
/// console API and saving.
fn boot(config: Config) -> Playground {
    let slot = SaveSlot::for_page(&config);
    let loaded = slot.load();
    let mut unreadable = None;
    let pg = match loaded {
        Loaded::State(state) => {
            let (mut engine, clock, flow, lessons, make) = *state;
            // Lifetimes the page asks for apply from now on, also to a saved playground.
            if let Some(settings) = config.settings.filter(|s| *s != engine.settings()) {
                engine.set_settings(settings);
            }
            let pg = Playground::new(config, engine, clock, flow);
            pg.learning.adopt(lessons);
            crate::make::adopt(&pg, make);
            pg
        }
        other => {
            if let Loaded::Unreadable(r) = other {
                unreadable = Some(r);
            }
            let (engine, flow) = Playground::fresh_state(&config, real_now());
            Playground::new(config, engine, ClockState::default(), flow)
        }
    };
    let mut recoveries = slot.kept_recoveries();
    if let Some(r) = unreadable.filter(|r| r.storage_key.is_none()) {
        recoveries.push(r);
    }
    pg.ui.recoveries.set(recoveries);
    provide_context(pg);
    provide_context(pg.learning);
    // Narrow contexts for widgets that need one thing: the clock, the live region.
    provide_context(pg.clock);
    provide_context(pg.ui.announcer);
    start_lessons(&pg);
    apply_shared(&pg);
    pg.clock.start();
    console::install(pg);
    keep_saved(pg, slot);
    let panes: Vec<&'static str> = pg.ui.panes.get_untracked().iter().map(|p| p.param()).collect();
    pg.config.with_value(|config| host::listen(config, panes, move |command| carry_out(&pg, command)));
    crate::mark("academy:booted");
    pg
}

/// `lesson=` opens a lesson; `pack=` loads a course author's pack.
fn start_lessons(pg: &Playground) {
    let (lesson, pack) = pg.config.with_value(|c| (c.lesson.clone(), c.pack.clone()));
    if let Some(id) = lesson.filter(|id| !pg.learning.open_lesson(id)) {
        // It may be one of the pack's: open it once the pack is in.
        if pack.is_none() {
            pg.ui.storage_note.set(Some(format!("There is no lesson called {}; the lessons list is open.", academy_engine::http::shorten(&id, 24))));
            pg.learning.shown.set(true);
        } else {
            pg.learning.open.set(Some(id));
            pg.learning.shown.set(true);
        }
    }
    if let Some(url) = pack {
        crate::learning::load_pack(*pg, pg.learning, url);
    }
}

/// What a share link carried beyond the settings: the clock's lead (never
/// back) and whether it stands still, the composer's request, the lesson's step. Applied once: the
/// address loses these parameters, so a reload keeps the learner's changes.
fn apply_shared(pg: &Playground) {
    let shared = pg.config.with_value(|c| c.shared.clone());
    if let Some(ms) = shared.clock_offset_ms {
        pg.clock.run_ahead_by(ms);
    }
    if shared.clock_paused && !pg.clock.is_paused() {
        pg.clock.toggle_pause();
    }
    use crate::flow::FlowDataStoreFields;
    let f = pg.flow;
    if let Some(method) = shared.api_method {
        f.api_method().set(method);
    }
    if let Some(path) = shared.api_path {
        f.api_path().set(path);
    }
    if let Some(body) = shared.api_body {
        f.api_body().set(body);
    }
    if let Some(auth) = shared.api_auth {
        f.api_auth().set(Some(auth));
    }
    pg.learning.shared_step.set(shared.step);
    let Some(window) = web_sys::window() else { return };
    let location = window.location();
    if let Some(kept) = crate::share::without_shared(&location.search().unwrap_or_default()) {
        let url = format!("{}{kept}{}", location.pathname().unwrap_or_default(), location.hash().unwrap_or_default());
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }
}

/// A top-bar button that opens one of the page's dialogs; the dialog gives
/// focus back to it by `id` when it closes.
fn dialog_button(id: &'static str, testid: &'static str, class: &'static str, label: &'static str, open: RwSignal<bool>) -> impl IntoView {
    view! {
        <button type="button" id=id class=class data-testid=testid aria-haspopup="dialog" on:click=move |_| open.set(true)>
            {label}
        </button>
    }
}

/// Carries out a command from the embedding page; `Err` says why not.
fn carry_out(pg: &Playground, command: host::Command) -> Result<(), String> {
    match command {
        host::Command::Reset => pg.reset(),
        host::Command::AdvanceClock { ms } => pg.clock.advance(ms),
        host::Command::OpenStep(step) => {
            let section = document().get_element_by_id(&format!("step-{step}")).ok_or("the app pane is not shown here.")?;
            let _ = section.set_attribute("tabindex", "-1");
            section.scroll_into_view();
            if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(section) {
                let _ = el.focus();
            }
        }
    }
    Ok(())
}

/// The page's theme on `<html>`: the stylesheet follows the system unless told.
fn apply_theme(theme: Theme) {
    let Some(root) = document().document_element() else { return };
    let _ = match theme.name() {
        None => root.remove_attribute("data-theme"),
        Some(name) => root.set_attribute("data-theme", name),
    };
}

#[component]
pub fn App() -> impl IntoView {
    let config = Config::from_page();
    apply_theme(config.theme);
    let embed = config.embed;
    let pg = boot(config);
    let focus = crate::panes::diagram::DiagramFocus::new();
    provide_context(focus);
    // The diagram highlights what the open lesson's steps and the last mistake sent.
    Effect::new(move |_| {
        let seqs = pg.learning.highlighted();
        if focus.0.with_untracked(|f| *f != seqs) {
            focus.0.set(seqs);
        }
    });
    let pane_count = move || pg.ui.panes.with(|p| p.len()).to_string();
    // The first pane is built at once; the others right after the first
    // paint, so the first control is usable before the rest is built (on a
    // cold start, building every pane took ~200 ms).
    let first = pg.ui.panes.with_untracked(|p| p.first().copied());
    let painted = RwSignal::new(false);
    request_animation_frame(move || set_timeout(move || painted.set(true), std::time::Duration::ZERO));
    let shows = move |pane: Pane| pg.shows(pane) && (Some(pane) == first || painted.get());
    let changes = crate::panes::changes::watch(pg);
    view! {
        <div class="app" class:embed=embed>
        <a class="skip-link" href="#pane-app">"Skip to the panes"</a>
        <header class="topbar">
            <div class="brand">
                <h1>"Academy OAuth2 Playground"</h1>
                <p class="tagline">"The Academy API v2, simulated in this page: nothing is sent anywhere."</p>
            </div>
            <ClockBar />
            <div class="topbar-actions">
                <button
                    type="button"
                    class="btn"
                    data-testid="lessons-toggle"
                    aria-controls="lessons"
                    aria-expanded=move || pg.learning.shown.get().to_string()
                    on:click=move |_| pg.learning.shown.update(|s| *s = !*s)
                >
                    "Lessons"
                </button>
                <button
                    type="button"
                    class="btn"
                    data-testid="make-toggle"
                    aria-controls=move || pg.shows(Pane::Make).then_some("pane-make")
                    aria-pressed=move || pg.shows(Pane::Make).to_string()
                    on:click=move |_| toggle_make_pane(&pg)
                >
                    // Short on screen: the top bar keeps its one row at 1366 px.
                    "Make"<span class="sr-only">" connection"</span>
                </button>
                {dialog_button("files-button", "state-files", "btn", "File…", pg.ui.files_open)}
                {dialog_button("share-button", "share-open", "btn", "Share…", pg.ui.share_open)}
                {dialog_button("reset-button", "reset", "btn btn-danger-outline", "Reset…", pg.ui.confirm_reset)}
            </div>
            // Inside the header, so the switcher sticks to the top with the clock.
            <nav class="pane-nav" aria-label="Panes">
                {move || pg.ui.panes.get().into_iter().map(|p| view! { <a href=format!("#{}", p.id())>{p.short()}</a> }).collect_view()}
            </nav>
        </header>
        <Notices />
        <div class="workspace" class:with-lessons=move || pg.learning.shown.get()>
        <main class=move || format!("panes panes-{}", pane_count()) style:--panes=pane_count>
            <Show when=move || shows(Pane::App)><ClientPane /></Show>
            <Show when=move || shows(Pane::Make)><MakePane /></Show>
            <Show when=move || shows(Pane::Browser)><BrowserPane /></Show>
            <Show when=move || shows(Pane::Server)><ServerPane /></Show>
            <Show when=move || shows(Pane::Traffic)><TrafficPane /></Show>
        </main>
        <Show when=move || pg.learning.shown.get() && painted.get()><LessonView /></Show>
        </div>
        <div class="sr-only" role="status" aria-live="polite" data-testid="announcer">{move || pg.ui.announcer.text()}</div>
        <div class="sr-only" role="status" aria-live="polite" data-testid="pane-changes">{move || changes.message.get()}</div>
        <ResetDialog />
        <FilesDialog />
        <ShareDialog />
        </div>
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests {
    use std::time::Duration;

    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::App;

    fn by_testid(id: &str) -> Option<web_sys::HtmlElement> {
        leptos::prelude::document()
            .query_selector(&format!("[data-testid=\"{id}\"]"))
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into().ok())
    }

    async fn settle() {
        gloo_timers::future::sleep(Duration::from_millis(50)).await;
    }

    #[wasm_bindgen_test]
    async fn the_app_mounts_registers_and_walks_to_a_code() {
        let _ = web_sys::window().unwrap().local_storage().unwrap().unwrap().clear();
        let root = leptos::prelude::document().create_element("div").unwrap();
        leptos::prelude::document().body().unwrap().append_child(&root).unwrap();
        let handle = leptos::mount::mount_to(root.unchecked_into(), App);
        settle().await;
        let client_id = by_testid("client-id").and_then(|e| e.text_content()).unwrap_or_default();
        assert!(client_id.len() >= 8, "a default developer is registered: {client_id:?}");
        assert!(js_sys::Reflect::has(&web_sys::window().unwrap(), &"academy".into()).unwrap());

        by_testid("authorize-start").unwrap().click();
        settle().await;
        by_testid("consent-allow").expect("the consent screen shows").click();
        settle().await;
        let address = by_testid("browser-url").unwrap().unchecked_into::<web_sys::HtmlInputElement>().value();
        assert!(address.starts_with("https://www.make.com/oauth/cb/app?code="), "{address}");
        drop(handle);
    }
}
