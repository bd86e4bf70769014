//! Share: a link that rebuilds this situation elsewhere without a secret
//! (`share.rs` builds it). Copied to the clipboard where the browser allows
//! it, and always shown in a field to copy by hand.

use leptos::html::Dialog;
use leptos::prelude::*;

use crate::config::Config;
use crate::playground::{use_playground, Playground};
use crate::share::{self, Link, Secrets, Situation};
use crate::widgets::copy::copy_text_then;

/// The share link of the playground as it is now.
pub fn current_link(pg: &Playground) -> Link {
    let now = pg.clock.now();
    let flow = pg.flow.get_untracked();
    let learning = pg.learning;
    let lesson = learning.open.get_untracked().filter(|id| learning.library.with_untracked(|l| l.get(id).is_some()));
    let step = lesson.as_ref().and_then(|id| {
        learning.library.with_untracked(|l| {
            let lesson = l.get(id)?;
            learning.book.with_untracked(|b| b.of(id).current(lesson).map(|s| s.id.clone()))
        })
    });
    let (theme, pack) = pg.config.with_value(|c| (c.theme, c.pack.clone()));
    // The lead as the clock keeps it: a paused clock's does not shrink while
    // the dialog is open, so the link stays the same.
    let clock = pg.clock.state.get_untracked();
    let situation = Situation {
        panes: pg.ui.panes.get_untracked(),
        theme,
        account: flow.consent_account.clone(),
        settings: pg.settings(),
        pack,
        lesson,
        step,
        clock_offset_ms: clock.offset_ms,
        clock_paused: clock.paused_at.is_some(),
        api_method: flow.api_method.clone(),
        api_path: flow.api_path.clone(),
        api_body: flow.api_body.clone(),
        api_auth: flow.api_auth.clone(),
    };
    let secrets = pg.engine.with_untracked(|e| Secrets::of(e, &flow, now));
    share::link(&page_address(), &situation, &secrets)
}

/// This page's address without its query or fragment (also for the
/// one-file build opened from disk, whose origin is "null").
fn page_address() -> String {
    let href = window().location().href().unwrap_or_default();
    href.split(['?', '#']).next().unwrap_or_default().to_string()
}

#[component]
pub fn ShareDialog() -> impl IntoView {
    let pg = use_playground();
    let dialog = NodeRef::<Dialog>::new();
    let link = RwSignal::new(None::<Link>);
    // Whether the last copy worked: `None` before any.
    let copied = RwSignal::new(None::<bool>);
    crate::widgets::modal::follow_open(dialog, pg.ui.share_open, move || {
        link.set(Some(current_link(&pg)));
        copied.set(None);
    });
    let close = crate::widgets::modal::closer(pg.ui.share_open, "share-button");
    let url = move || link.with(|l| l.as_ref().map(|l| l.url.clone()).unwrap_or_default());
    let carries = move || {
        let url = url();
        let config = Config::from_query(url.split_once('?').map_or("", |(_, q)| q));
        pg.learning.library.with_untracked(|l| share::describe(&config, l))
    };
    let copy = move |_| {
        copy_text_then(&url(), move |ok| {
            copied.set(Some(ok));
            pg.announce(if ok { "The link is on the clipboard." } else { "The browser did not allow copying here: copy the link from the field." });
        });
    };
    view! {
        <dialog
            class="dialog dialog-wide"
            node_ref=dialog
            aria-labelledby="share-title"
            aria-describedby="share-text"
            data-testid="share-dialog"
            on:close=move |_| { if pg.ui.share_open.get_untracked() { close() } }
        >
            <h2 id="share-title">"Share this situation"</h2>
            <p id="share-text">
                "This link sets up the playground elsewhere as it is here. It carries no secret: whoever opens it gets a registration of their own, "
                "and any token, code or client secret in the composer's request becomes a placeholder such as "
                <code>"{{access_token}}"</code>"."
            </p>
            <div class="field">
                <label for="share-link">"Link"</label>
                <input id="share-link" class="code-input" data-testid="share-link" readonly spellcheck="false"
                    prop:value=url on:focus=move |ev| {
                        if let Some(el) = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok()) {
                            el.select();
                        }
                    } />
            </div>
            <div class="dialog-buttons">
                <button type="button" class="btn btn-primary" data-testid="share-copy" autofocus on:click=copy>"Copy link"</button>
                <span class="small" role="status" data-testid="share-copied">
                    {move || match copied.get() {
                        Some(true) => "Copied to the clipboard.",
                        Some(false) => "The browser did not allow copying here: select the link above and copy it.",
                        None => "",
                    }}
                </span>
            </div>
            <h3 class="dialog-subtitle">"What the link carries"</h3>
            <ul class="share-carries small" data-testid="share-carries">
                {move || carries().into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                {move || link.with(|l| l.as_ref().map(|l| l.left_out.clone()).unwrap_or_default()).into_iter().map(|what| view! { <li>{format!("Left out: {what}.")}</li> }).collect_view()}
            </ul>
            <div class="dialog-actions">
                <button type="button" class="btn" data-testid="share-close" on:click=move |_| close()>"Close"</button>
            </div>
        </dialog>
    }
}
