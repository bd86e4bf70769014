//! What the page's modal dialogs share: a `<dialog>` shown as a modal while
//! a signal holds, and closed when it stops (Escape closes it too, through
//! the dialog's own `close` event, which each dialog handles).

use leptos::html::Dialog;
use leptos::prelude::*;

/// Shows `dialog` as a modal while `open` holds; `on_open` runs just before
/// it shows (to fill in what the dialog says now).
pub fn follow_open(dialog: NodeRef<Dialog>, open: RwSignal<bool>, on_open: impl Fn() + 'static) {
    Effect::new(move |_| {
        let open = open.get();
        if let Some(d) = dialog.get() {
            if open && !d.open() {
                on_open();
                let _ = d.show_modal();
            } else if !open && d.open() {
                d.close();
            }
        }
    });
}

/// Closing: `open` stops holding, and focus goes back to the button with id
/// `opener` (the one that opened the dialog).
pub fn closer(open: RwSignal<bool>, opener: &'static str) -> impl Fn() + Copy {
    move || {
        open.set(false);
        crate::playground::focus_later(opener);
    }
}
