//! The app side of the flow. `state` is what the learner's app holds and has
//! seen (plain, saved), `machine` decides what each event does (pure), and
//! this module is the shell: the same fields as signals, and `dispatch`,
//! which runs the machine and carries out its effects.

pub mod api;
pub mod browser;
pub mod machine;
pub mod state;
pub mod tokens;

use leptos::prelude::{Get, GetUntracked, RwSignal, Set, WithUntracked};

use crate::playground::{focus_later, Playground};
use machine::{Ctx, Effect, Event};
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

/// Runs one event through the machine and carries out its effects; a sent
/// request's answer comes back to the machine as `Event::Answered`.
pub fn dispatch(pg: &Playground, event: Event) {
    let ctx = Ctx { client: pg.client_untracked(), now: pg.clock.now(), settings: pg.engine.with_untracked(|e| e.settings()) };
    let mut data = pg.flow.data_untracked();
    let effects = machine::update(&mut data, event, &ctx);
    pg.flow.apply(data);
    for effect in effects {
        match effect {
            Effect::Send { request, purpose } => {
                let exchange = pg.send_exchange(request, purpose.origin());
                if let Some(ex) = exchange {
                    dispatch(pg, Event::Answered { purpose, request: ex.request, response: ex.response, outcome: ex.outcome });
                }
            }
            Effect::Consent(decision) => {
                if let Some(ex) = pg.consent_exchange(decision) {
                    dispatch(pg, Event::Answered { purpose: machine::Purpose::Consent, request: ex.request, response: ex.response, outcome: ex.outcome });
                }
            }
            Effect::Announce(text) => pg.announce(text),
            Effect::Focus(id) => focus_later(id),
        }
    }
}
