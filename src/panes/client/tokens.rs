//! The tokens the app holds, with live countdowns to their expiry.

use leptos::prelude::*;

use crate::flow::FlowDataStoreFields;

use crate::clock::time_of_day;
use crate::flow::{HeldTokens, TokenSource};
use crate::playground::use_playground;
use crate::widgets::copy::CopyButton;
use crate::widgets::countdown::Countdown;
use crate::widgets::term::Term;

/// One sentence for screen readers that changes at most once a minute.
fn spoken_state(h: &HeldTokens, now: i64) -> String {
    if h.invalidated_at.is_some() {
        return "The held tokens were invalidated.".into();
    }
    let access = h.access_expires_at - now;
    let refresh = h.refresh_expires_at - now;
    let minutes = |ms: i64| (ms + 59_999) / 60_000;
    match (access > 0, refresh > 0) {
        (true, _) => format!("Access token: about {} min left.", minutes(access)),
        (false, true) => format!("The access token has expired. Refresh token: about {} min left.", minutes(refresh)),
        (false, false) => "Both held tokens have expired.".into(),
    }
}

#[component]
pub fn HeldTokensCard() -> impl IntoView {
    let pg = use_playground();
    let f = pg.flow;
    let spoken = Memo::new(move |_| {
        f.held().with(|h| h.as_ref().map(|h| spoken_state(h, pg.clock.now_tracked())).unwrap_or_default())
    });
    view! {
        <section class="card tokens" aria-labelledby="tokens-title">
            <h3 id="tokens-title">"Tokens your app holds"</h3>
            <p class="sr-only" aria-live="polite" data-testid="token-countdown-live">{move || spoken.get()}</p>
            {move || match f.held().get() {
                None => view! {
                    <p class="empty">"None yet. Exchange a code in step three."</p>
                }.into_any(),
                Some(h) => {
                    let access = h.access_token.clone();
                    let refresh = h.refresh_token.clone();
                    let access_at = h.access_expires_at;
                    let refresh_at = h.refresh_expires_at;
                    let source = match h.source {
                        TokenSource::Exchange => "from POST /token",
                        TokenSource::Refresh => "from POST /refresh",
                    };
                    view! {
                        <p class="muted">
                            {format!("Received at {} {source}: expires_in {} min, refresh_expires_in {} min.",
                                time_of_day(h.received_at), h.expires_in, h.refresh_expires_in)}
                        </p>
                        <p class="trap" role="note">
                            <strong>"Minutes, not seconds: "</strong>
                            "this server gives both lifetimes in minutes, where most OAuth2 servers use seconds."
                        </p>
                        <p class="plain">
                            "With the " <Term term="refresh token">"refresh token"</Term>
                            " your app gets a new access token in step five, without asking John again."
                        </p>
                        {h.invalidated_at.map(|at| view! {
                            <p class="tag tag-bad block" data-testid="tokens-invalidated">
                                {format!("Invalidated at {}: the server refuses these tokens now.", time_of_day(at))}
                            </p>
                        })}
                        <dl class="kv token-list">
                            <dt>"access_token"</dt>
                            <dd>
                                <code class="value token" data-testid="held-access-token">{access.clone()}</code>
                                <div class="token-meta">
                                    <Countdown until=access_at testid=Some("access-countdown") />
                                    <span class="muted">{format!("until {}", time_of_day(access_at))}</span>
                                    <CopyButton text=move || access.clone() label="Copy" what="The access token" />
                                    <button type="button" class="btn btn-small" data-testid="clock-to-access-expiry"
                                        disabled={move || pg.clock.now_tracked() >= access_at}
                                        on:click=move |_| { pg.clock.jump_to(access_at); pg.announce("The clock jumped to the access token's expiry."); }>
                                        "Jump to expiry"
                                    </button>
                                </div>
                            </dd>
                            <dt>"refresh_token"</dt>
                            <dd>
                                <code class="value token" data-testid="held-refresh-token">{refresh.clone()}</code>
                                <div class="token-meta">
                                    <Countdown until=refresh_at testid=Some("refresh-countdown") />
                                    <span class="muted">{format!("until {}", time_of_day(refresh_at))}</span>
                                    <CopyButton text=move || refresh.clone() label="Copy" what="The refresh token" />
                                    <button type="button" class="btn btn-small" data-testid="clock-to-refresh-expiry"
                                        disabled={move || pg.clock.now_tracked() >= refresh_at}
                                        on:click=move |_| { pg.clock.jump_to(refresh_at); pg.announce("The clock jumped to the refresh token's expiry."); }>
                                        "Jump to expiry"
                                    </button>
                                </div>
                            </dd>
                        </dl>
                    }.into_any()
                }
            }}
        </section>
    }
}
