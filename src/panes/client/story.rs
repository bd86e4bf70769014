//! The first thing a newcomer reads: the whole flow in three plain lines.

use leptos::prelude::*;

use crate::playground::use_playground;
use crate::widgets::term::Term;

#[component]
pub fn Story() -> impl IntoView {
    let pg = use_playground();
    // The lifetime the server will give, so the story matches the answer.
    let minutes = move || crate::explain::minutes(pg.engine.with(|e| e.settings().access_minutes));
    // The account the page preselects (`account=jane`), John otherwise.
    let user = pg.config.with_value(|c| c.account.unwrap_or(academy_engine::Account::John).name().split(' ').next().unwrap_or("John").to_string());
    let (asks, allows) = (format!(") asks {user} for access."), format!("{user} allows it; {} browser brings your app a ", if user == "Jane" { "her" } else { "his" }));
    view! {
        <section class="card story" aria-labelledby="story-title">
            <h3 id="story-title" class="sr-only">"What happens here"</h3>
            <ol class="story-lines" data-testid="story">
                <li>"Your app (the " <Term term="client">"client"</Term> {asks}</li>
                <li>{allows} <Term term="code">"code"</Term> "."</li>
                <li>
                    "Your app trades the code for a key, the " <Term term="access token">"access token"</Term>
                    ", that lasts " <span data-testid="story-lifetime">{minutes}</span> "."
                </li>
            </ol>
        </section>
    }
}
