//! The reset confirmation: an in-page modal dialog, keyboard friendly.

use leptos::html::Dialog;
use leptos::prelude::*;

use crate::playground::use_playground;

#[component]
pub fn ResetDialog() -> impl IntoView {
    let pg = use_playground();
    let dialog = NodeRef::<Dialog>::new();
    crate::widgets::modal::follow_open(dialog, pg.ui.confirm_reset, || {});
    let close = crate::widgets::modal::closer(pg.ui.confirm_reset, "reset-button");
    view! {
        <dialog
            class="dialog"
            node_ref=dialog
            aria-labelledby="reset-title"
            aria-describedby="reset-text"
            data-testid="reset-dialog"
            on:close=move |_| { if pg.ui.confirm_reset.get_untracked() { close() } }
        >
            <h2 id="reset-title">"Start over?"</h2>
            <p id="reset-text">
                "This removes the registration, every code, token and connection, the records you created and the traffic log, and sets the clock back to real time. A new developer is registered."
            </p>
            <div class="dialog-actions">
                <button type="button" class="btn" data-testid="reset-cancel" autofocus on:click=move |_| close()>"Cancel"</button>
                <button
                    type="button"
                    class="btn btn-danger"
                    data-testid="reset-confirm"
                    on:click=move |_| {
                        pg.reset();
                        close();
                    }
                >
                    "Reset everything"
                </button>
            </div>
        </dialog>
    }
}
