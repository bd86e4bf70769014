//! The "Your app" pane: the registration, the six steps, the held tokens.

mod composer;
mod registration;
mod steps;
mod story;
mod tokens;

use leptos::prelude::*;

use super::PaneFrame;
use crate::config::Pane;

#[component]
pub fn ClientPane() -> impl IntoView {
    view! {
        <PaneFrame pane=Pane::App subtitle="The app you are building: its credentials and every request it sends.">
            <story::Story />
            <registration::Registration />
            <steps::StepAuthorize />
            <steps::StepCallback />
            <steps::StepToken />
            <tokens::HeldTokensCard />
            <composer::StepApi />
            <steps::StepRefresh />
            <steps::StepInvalidate />
        </PaneFrame>
    }
}
