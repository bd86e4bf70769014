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

use leptos::prelude::{Get, GetUntracked, RwSignal, Set, Track, WithUntracked};


pub use state::{Answer, BrowserPage, Callback, ConsentScreen, ErrorPage, FlowData, HeldTokens, TokenAnswer, TokenSource};

macro_rules! flow_signals {
    ($($(#[$doc:meta])* $field:ident : $ty:ty),* $(,)?) => {
        /// The flow's data, one signal per field so each part of the screen updates alone.
        #[derive(Clone, Copy)]
        pub struct Flow { $(pub $field: RwSignal<$ty>,)* }

        impl Flow {
            pub fn new(data: FlowData) -> Self {
                Flow { $($field: RwSignal::new(data.$field),)* }
            }

            /// The current data, subscribing to every field.
            pub fn data(&self) -> FlowData {
                FlowData { $($field: self.$field.get(),)* }
            }

            /// Subscribes to every field, without copying them.
            pub fn track(&self) {
                $(self.$field.track();)*
            }

            pub fn data_untracked(&self) -> FlowData {
                FlowData { $($field: self.$field.get_untracked(),)* }
            }

            /// Replaces the data, touching only fields that changed.
            pub fn apply(&self, data: FlowData) {
                $(if self.$field.with_untracked(|v| v != &data.$field) { self.$field.set(data.$field); })*
            }
        }
    };
}

crate::with_flow_fields!(flow_signals);
