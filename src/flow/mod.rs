//! The app side of the flow. `state` is what the learner's app holds and has
//! seen (plain, saved), `machine` decides what each event does (pure), and
//! `Flow` holds the same fields as signals; `Playground::dispatch` runs the
//! machine and carries out its effects.

pub mod api;
pub mod faults;
#[cfg(test)]
pub mod driver;
pub mod machine;
pub mod state;

use leptos::prelude::{Set, WithUntracked};


pub use state::FlowDataStoreFields;
pub use state::{Answer, BrowserPage, Callback, ConsentScreen, ErrorPage, FlowData, HeldTokens, TokenAnswer, TokenSource};

/// The flow's data as a store: every field is its own reactive path
/// (`flow.api_path()`, `bind:value=flow.api_path()`), so each part of the
/// screen updates alone, and reading or tracking the whole follows them all.
pub type Flow = reactive_stores::Store<FlowData>;

/// Replacing the data as a whole (a restore, another tab's save, the
/// machine's next state) without waking what did not change.
pub trait Apply {
    /// Sets only the fields that differ.
    fn apply(&self, data: FlowData);
}

macro_rules! flow_apply {
    ($($(#[$doc:meta])* $field:ident : $ty:ty),* $(,)?) => {
        impl Apply for Flow {
            fn apply(&self, data: FlowData) {
                $(if self.$field().with_untracked(|v| v != &data.$field) { self.$field().set(data.$field); })*
            }
        }
    };
}

crate::with_flow_fields!(flow_apply);
