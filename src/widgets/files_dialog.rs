//! Playground files: save the whole playground to a file, open one (asking
//! before the current playground is replaced). The format is
//! `persistence/file.rs`; this is the dialog around it.

use leptos::html::Dialog;
use leptos::prelude::*;

use crate::persistence::{self, file};
use crate::playground::{focus_later, use_playground, Playground};

/// A file read and understood, waiting for the learner's yes.
struct Pending {
    name: String,
    opened: file::Opened,
}

/// Reads the chosen file; the answer comes back through `done`.
fn read_file(input: &web_sys::HtmlInputElement, done: impl FnOnce(String, Result<file::Opened, String>) + 'static) {
    let Some(chosen) = input.files().and_then(|f| f.get(0)) else { return };
    // The same file may be chosen again after a refusal.
    input.set_value("");
    let name = chosen.name();
    if chosen.size() > file::FILE_LIMIT as f64 {
        let limit = academy_engine::http::bytes_in_words(file::FILE_LIMIT);
        done(name, Err(format!("it is larger than the {limit} a playground file may be.")));
        return;
    }
    let promise = chosen.text();
    leptos::task::spawn_local(async move {
        let result = match wasm_bindgen_futures::JsFuture::from(promise).await.ok().and_then(|t| t.as_string()) {
            Some(text) => file::decode(&text),
            None => Err("the browser could not read it.".into()),
        };
        done(name, result);
    });
}

/// `2026-11-29T18:05:09.123Z` as `2026-11-29 18:05 UTC` (what the file says, cut short).
fn saved_words(iso: &str) -> String {
    let minute: String = iso.chars().take(16).map(|c| if c == 'T' { ' ' } else { c }).collect();
    if iso.ends_with('Z') { format!("{minute} UTC") } else { minute }
}

/// Replaces the playground with the file's and says so.
fn open_now(pg: &Playground, pending: Pending) {
    let when = pending.opened.saved.as_deref().map(|s| format!(" (saved {})", saved_words(s))).unwrap_or_default();
    persistence::open_file(pg, pending.opened);
    pg.announce(format!("The playground from {}{when} is open, with its clock where it stood.", pending.name));
}

#[component]
pub fn FilesDialog() -> impl IntoView {
    let pg = use_playground();
    let dialog = NodeRef::<Dialog>::new();
    let input = NodeRef::<leptos::html::Input>::new();
    let pending: StoredValue<Option<Pending>, LocalStorage> = StoredValue::new_local(None);
    // What the dialog asks or says: the file waiting for a yes, or why one was refused.
    let asking = RwSignal::new(None::<(String, Option<String>)>);
    let refused = RwSignal::new(None::<(String, String)>);
    let forget = move || {
        pending.set_value(None);
        asking.set(None);
    };
    crate::widgets::modal::follow_open(dialog, pg.ui.files_open, move || refused.set(None));
    let close_dialog = crate::widgets::modal::closer(pg.ui.files_open, "files-button");
    let close = move || {
        forget();
        close_dialog();
    };
    let on_chosen = move |_| {
        let Some(el) = input.get() else { return };
        refused.set(None);
        read_file(&el, move |name, result| match result {
            Ok(opened) => {
                asking.set(Some((name.clone(), opened.saved.clone())));
                pending.set_value(Some(Pending { name, opened }));
                focus_later("state-open-cancel");
            }
            Err(reason) => {
                forget();
                pg.announce(format!("The file {name} was not opened: {reason}"));
                refused.set(Some((name, reason)));
            }
        });
    };
    let save = move |_| {
        persistence::download(&persistence::state_file_name(), &persistence::state_file(&pg));
        pg.announce("The playground is saved to a file in your downloads.");
    };
    view! {
        <dialog
            class="dialog dialog-wide"
            node_ref=dialog
            aria-labelledby="files-title"
            aria-describedby="files-text"
            data-testid="state-dialog"
            on:close=move |_| { if pg.ui.files_open.get_untracked() { close() } }
        >
            <h2 id="files-title">"Playground files"</h2>
            <p id="files-text">
                "A file holds the whole playground: the server with its registration, codes and tokens, the clock, your app's steps, the lessons and the Make connection. "
                "Open it here later, or in another browser, to carry on where it was saved; the clock resumes at the time it showed."
            </p>
            <p class="secret-warning" data-testid="state-secrets">
                <strong>"The file carries secrets. "</strong>
                "The client secret, the codes and the tokens are in it, readable by anyone who has the file. "
                "They are simulated, but hand the file only to people you would show your screen to; "
                "to show a situation without them, use Share."
            </p>
            <div class="dialog-buttons">
                <button type="button" class="btn btn-primary" data-testid="state-save" autofocus on:click=save>"Save to file"</button>
                <button type="button" id="state-open" class="btn" data-testid="state-open"
                    on:click=move |_| { if let Some(el) = input.get() { el.click(); } }>
                    "Open a file…"
                </button>
                <input type="file" hidden accept=".json,application/json" node_ref=input data-testid="state-open-input"
                    aria-label="Playground file to open" on:change=on_chosen />
            </div>
            {move || refused.get().map(|(name, reason)| view! {
                <p class="dialog-refusal" role="alert" data-testid="state-open-error">
                    <strong>{format!("{name} was not opened: ")}</strong>
                    {reason}
                    " The playground is as it was."
                </p>
            })}
            {move || asking.get().map(|(name, saved)| view! {
                <div class="dialog-confirm" role="group" aria-labelledby="state-open-question" data-testid="state-open-ask">
                    <p id="state-open-question">
                        <strong>{format!("Replace this playground with {name}?")}</strong>
                        {saved.map(|s| format!(" It was saved {}.", saved_words(&s)))}
                        " Everything here now (registration, tokens, traffic, lessons, Make connection) gives way to the file's; save it to a file first to keep it."
                    </p>
                    <div class="dialog-actions">
                        <button type="button" id="state-open-cancel" class="btn" data-testid="state-open-cancel"
                            on:click=move |_| {
                                forget();
                                pg.announce("Nothing was opened: the playground is as it was.");
                                focus_later("state-open");
                            }>
                            "Keep this playground"
                        </button>
                        <button type="button" class="btn btn-danger" data-testid="state-open-confirm"
                            on:click=move |_| {
                                if let Some(p) = pending.try_update_value(Option::take).flatten() {
                                    asking.set(None);
                                    open_now(&pg, p);
                                    close();
                                }
                            }>
                            "Replace it"
                        </button>
                    </div>
                </div>
            })}
            <div class="dialog-actions">
                <button type="button" class="btn" data-testid="state-close" on:click=move |_| close()>"Close"</button>
            </div>
        </dialog>
    }
}
