//! The page: header with the clock bar, notices, the four panes.

use leptos::prelude::*;

use crate::clock::{real_now, ClockState};
use crate::config::{Config, Pane};
use crate::console;
use crate::panes::{browser::BrowserPane, client::ClientPane, server::ServerPane, traffic::TrafficPane};
use crate::persistence::{keep_saved, Loaded, SaveSlot};
use crate::playground::Playground;
use crate::widgets::{clock_bar::ClockBar, notices::Notices, reset_dialog::ResetDialog};

/// Builds the playground from storage (or fresh), and starts its clock,
/// console API and saving.
fn boot(config: Config) -> Playground {
    let slot = SaveSlot::new(&config.namespace);
    let loaded = slot.load();
    let mut unreadable = None;
    let pg = match loaded {
        Loaded::State(engine, clock, flow) => Playground::new(config, engine, clock, flow),
        other => {
            if let Loaded::Unreadable(r) = other {
                unreadable = Some(r);
            }
            let (engine, flow) = Playground::fresh_state(real_now());
            Playground::new(config, engine, ClockState::default(), flow)
        }
    };
    let mut recoveries = slot.kept_recoveries();
    if let Some(r) = unreadable.filter(|r| r.storage_key.is_none()) {
        recoveries.push(r);
    }
    pg.ui.recoveries.set(recoveries);
    provide_context(pg);
    pg.clock.start();
    console::install(pg);
    keep_saved(pg, slot);
    pg
}

#[component]
pub fn App() -> impl IntoView {
    let pg = boot(Config::from_page());
    let pane_count = move || pg.ui.panes.with(|p| p.len()).to_string();
    view! {
        <div class="app">
        <a class="skip-link" href="#pane-app">"Skip to the panes"</a>
        <header class="topbar">
            <div class="brand">
                <h1>"Academy OAuth2 Playground"</h1>
                <p class="tagline">"The Make Custom App Academy API v2, simulated in this page. Nothing is sent anywhere."</p>
            </div>
            <ClockBar />
            <div class="topbar-actions">
                <button
                    type="button"
                    id="reset-button"
                    class="btn btn-danger-outline"
                    data-testid="reset"
                    aria-haspopup="dialog"
                    on:click=move |_| pg.ui.confirm_reset.set(true)
                >
                    "Reset…"
                </button>
            </div>
        </header>
        <Notices />
        <nav class="pane-nav" aria-label="Panes">
            {move || pg.ui.panes.get().into_iter().map(|p| view! { <a href=format!("#{}", p.id())>{p.title()}</a> }).collect_view()}
        </nav>
        <main class=move || format!("panes panes-{}", pane_count()) style:--panes=pane_count>
            <Show when=move || pg.shows(Pane::App)><ClientPane /></Show>
            <Show when=move || pg.shows(Pane::Browser)><BrowserPane /></Show>
            <Show when=move || pg.shows(Pane::Server)><ServerPane /></Show>
            <Show when=move || pg.shows(Pane::Traffic)><TrafficPane /></Show>
        </main>
        <div class="sr-only" role="status" aria-live="polite" data-testid="announcer">{move || pg.ui.announcement.get()}</div>
        <ResetDialog />
        </div>
    }
}
