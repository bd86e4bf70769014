//! The four panes: Your app, Browser, Academy server, HTTP traffic.

pub mod browser;
pub mod changes;
pub mod client;
pub mod diagram;
pub mod lessons;
pub mod make;
pub mod server;
pub mod traffic;

use leptos::prelude::*;

use crate::config::Pane;

/// A pane's frame: heading, one line on what it is, and its scrolling body;
/// `tools` sit beside the heading, outside the scroller.
#[component]
pub fn PaneFrame(
    pane: Pane,
    #[prop(into)] subtitle: String,
    #[prop(optional)] tools: Option<Children>,
    children: Children,
) -> impl IntoView {
    let heading = format!("{}-title", pane.id());
    let class = format!("pane {}", pane.id());
    let labelled_by = heading.clone();
    let changes = use_context::<changes::PaneChanges>();
    let flash = move || changes.and_then(|c| c.flash_of(pane));
    view! {
        <section class=class id=pane.id() aria-labelledby=labelled_by>
            <header class="pane-head" data-flash=flash>
                <h2 id=heading>{pane.title()}</h2>
                {tools.map(|tools| view! { <div class="pane-tools">{tools()}</div> })}
                <p class="pane-sub">{subtitle}</p>
            </header>
            <div class="pane-body">{children()}</div>
        </section>
    }
}

/// What a scope lets an app do, in the consent screen's words.
pub fn scope_description(scope: &str) -> &'static str {
    match scope {
        "connect" => "Connect to your account (required)",
        "read" => "Read your data: any GET except /info",
        "write" => "Create and change data: POST, PUT, PATCH",
        "delete" => "Delete data: DELETE",
        _ => "A scope this API does not know",
    }
}

/// The first and last characters of a long token, for tight spaces.
pub fn short(token: &str) -> String {
    let chars: Vec<char> = token.chars().collect();
    if chars.len() <= 14 {
        token.to_string()
    } else {
        format!("{}…{}", chars[..8].iter().collect::<String>(), chars[chars.len() - 4..].iter().collect::<String>())
    }
}
