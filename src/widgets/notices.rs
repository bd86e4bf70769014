//! Page-level notices: a new version ready to load, saved data that could
//! not be read (with download), and storage trouble.

use leptos::prelude::*;

use crate::persistence::{download, save_now, SaveSlot};
use crate::playground::{use_playground, Recovery};

#[component]
pub fn Notices() -> impl IntoView {
    let pg = use_playground();
    let slot = StoredValue::new(pg.config.with_value(SaveSlot::for_page));
    let notes = pg.config.with_value(|c| c.notes.clone());
    // What a share link carried (nothing when the page was not opened from one).
    let shared = StoredValue::new(pg.learning.library.with_untracked(|l| pg.config.with_value(|c| crate::share::describe(c, l))));
    let share_shown = RwSignal::new(shared.with_value(|s| !s.is_empty()));
    let update_ready = update_ready();
    view! {
        <Show when=move || update_ready.get()>
            <div class="notice notice-update" role="status" data-testid="update-ready">
                <p>
                    <strong>"A new version is ready: reload. "</strong>
                    "Your progress is saved in this browser and comes back after the reload."
                </p>
                <button
                    type="button"
                    class="btn btn-small btn-primary"
                    data-testid="update-reload"
                    on:click=move |_| {
                        save_now();
                        if let Some(w) = web_sys::window() {
                            let _ = w.location().reload();
                        }
                    }
                >
                    "Reload"
                </button>
            </div>
        </Show>
        <For
            each={move || pg.ui.recoveries.get().into_iter().enumerate().collect::<Vec<_>>()}
            key={|item: &(usize, Recovery)| (item.0, item.1.storage_key.clone(), item.1.raw.len())}
            children={move |item: (usize, Recovery)| {
                let (index, recovery) = item;
                let raw = recovery.raw.clone();
                let discard_one = recovery.clone();
                let file = format!("academy-playground-saved-{}.json", recovery.storage_key.as_deref().and_then(|k| k.rsplit(':').next()).unwrap_or("data"));
                view! {
                    <div class="notice notice-warning" role="alert" data-testid="storage-recovery">
                        <p>
                            <strong>"Saved data could not be read. "</strong>
                            {format!("The playground found data from an earlier session, but {}. It started clean; the old data is kept", recovery.reason)}
                            {if recovery.storage_key.is_some() { " in this browser until you discard it." } else { " only until you leave this page." }}
                        </p>
                        <div class="notice-actions">
                            <button type="button" class="btn btn-small btn-primary" data-testid="storage-download" on:click=move |_| download(&file, &raw)>
                                "Download saved data"
                            </button>
                            <button
                                type="button"
                                class="btn btn-small"
                                data-testid="storage-discard"
                                on:click=move |_| {
                                    slot.with_value(|s| s.discard(&discard_one));
                                    pg.ui.recoveries.update(|r| { if index < r.len() { r.remove(index); } });
                                    pg.announce("The unreadable saved data was discarded.");
                                }
                            >
                                "Discard it"
                            </button>
                        </div>
                    </div>
                }
            }}
        />
        {(!notes.is_empty()).then(|| view! {
            <div class="notice notice-stack" role="status" data-testid="param-notes">
                <p><strong>"Some page parameters were ignored. "</strong>"The playground started with its defaults for them:"</p>
                <ul>{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
            </div>
        })}
        <Show when=move || share_shown.get()>
            <div class="notice notice-stack notice-update" role="status" data-testid="share-note">
                <p>
                    <strong>"Shared with you. "</strong>
                    "This playground was set up from a share link. It carried no secret: this page registered an app of its own, and placeholders such as "
                    <code>"{{access_token}}"</code>
                    " stand where the sender's tokens were; put yours in their place. The link carried:"
                </p>
                <ul>{shared.get_value().into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                <button type="button" class="btn btn-small" data-testid="share-note-dismiss" on:click=move |_| share_shown.set(false)>"Dismiss"</button>
            </div>
        </Show>
        {(!crate::entropy::crypto_available()).then(|| view! {
            <div class="notice notice-warning" role="status" data-testid="crypto-note">
                <p>
                    <strong>"No cryptographic random source. "</strong>
                    "This browser offers no crypto.getRandomValues, so codes and tokens here come from Math.random: fine for learning, never for real secrets."
                </p>
            </div>
        })}
        {move || pg.ui.storage_note.get().map(|note| view! {
            <div class="notice" role="status" data-testid="storage-note">
                <p>{note}</p>
                <button type="button" class="btn btn-small" on:click=move |_| pg.ui.storage_note.set(None)>"Dismiss"</button>
            </div>
        })}
    }
}

/// Whether a new version of the page is ready: the service worker of a new
/// deploy took over (the page's registration script sets
/// `academyUpdateReady` and sends `academy-update-ready`).
fn update_ready() -> RwSignal<bool> {
    let flag = || {
        web_sys::window()
            .and_then(|w| js_sys::Reflect::get(&w, &"academyUpdateReady".into()).ok())
            .is_some_and(|v| v.is_truthy())
    };
    let ready = RwSignal::new(flag());
    let handle = window_event_listener_untyped("academy-update-ready", move |_| ready.set(true));
    on_cleanup(move || handle.remove());
    ready
}
