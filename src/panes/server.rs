//! The Academy server pane: the engine's state, live with the clock.

use leptos::prelude::*;

use crate::flow::FlowDataStoreFields;

use academy_engine::settings::{clamp_minutes, LIFETIME_MINUTES};
use academy_engine::{Account, Settings};

use crate::clock::time_of_day;
use crate::config::Pane;
use crate::panes::{short, PaneFrame};
use crate::playground::use_playground;
use crate::widgets::countdown::Countdown;

fn scope_chips(scopes: Vec<academy_engine::Scope>) -> impl IntoView {
    view! {
        <span class="chips">
            {scopes.into_iter().map(|s| view! { <span class="chip">{s.name()}</span> }).collect_view()}
        </span>
    }
}

#[component]
pub fn ServerPane() -> impl IntoView {
    let pg = use_playground();
    let view_now = Memo::new(move |_| pg.server_view());
    view! {
        <PaneFrame pane=Pane::Server subtitle="What the Academy knows, live: the client, codes, connections, records.">
            <section class="card" aria-labelledby="server-client-title">
                <h3 id="server-client-title">"Registered client"</h3>
                {move || match view_now.with(|v| v.client.clone()) {
                    None => view! { <p class="empty">"No client is registered."</p> }.into_any(),
                    Some(c) => view! {
                        <dl class="kv">
                            <dt>"client_id"</dt><dd><code class="value" data-testid="server-client-id">{c.client_id.clone()}</code></dd>
                            <dt>"client_secret"</dt><dd><code class="value">{format!("{}…", c.client_secret.chars().take(4).collect::<String>())}</code><span class="muted">" (hidden)"</span></dd>
                            <dt>"redirect URI"</dt><dd><code class="value wrap">{c.registration.redirect_uri.clone()}</code></dd>
                            <dt>"developer"</dt><dd>{format!("{} {}", c.registration.first_name, c.registration.last_name)}</dd>
                            <dt>"registered"</dt><dd>{time_of_day(c.registered_at)}</dd>
                        </dl>
                    }.into_any(),
                }}
            </section>
            <section class="card" aria-labelledby="server-codes-title">
                <h3 id="server-codes-title">"Outstanding codes"</h3>
                {move || {
                    let codes = view_now.with(|v| v.codes.clone());
                    if codes.is_empty() {
                        view! { <p class="empty">"None. A code appears when the user allows access, and goes when it is used or expires."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="plain-list" data-testid="server-codes">
                                {codes.into_iter().map(|c| view! {
                                    <li class="row-item">
                                        <code class="value">{short(&c.code)}</code>
                                        <span>{c.account.name()}</span>
                                        {scope_chips(c.scopes)}
                                        <Countdown until=c.expires_at />
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                }}
            </section>
            <section class="card" aria-labelledby="server-connections-title">
                <h3 id="server-connections-title">"Connections"</h3>
                <p class="muted small">"One per account. A newer connection for the same account, re-registering, or /invalidate removes it."</p>
                <div class="connections">
                    {Account::ALL.into_iter().map(|account| view! { <ConnectionCard account=account view_now=view_now /> }).collect_view()}
                </div>
            </section>
            <HeldAsSeen view_now=view_now />
            <section class="card" aria-labelledby="server-records-title">
                <h3 id="server-records-title">"Records"</h3>
                {move || {
                    let records = view_now.with(|v| v.records.clone());
                    view! {
                        <table class="records" data-testid="server-records">
                            <caption>{format!("Own: movies the account created itself, of the {limit} it may create (then POST /movies answers 400). Movies: the shared records plus the own ones.", limit = academy_engine::api::movies::OWN_LIMIT)}</caption>
                            <thead><tr><th scope="col">"Account"</th><th scope="col">"Movies"</th><th scope="col">"Own"</th><th scope="col">"Webhooks"</th></tr></thead>
                            <tbody>
                                {records.into_iter().map(|r| view! {
                                    <tr><th scope="row">{r.account.name()}</th><td>{r.movies}</td><td>{format!("{}/{}", r.own_movies, academy_engine::api::movies::OWN_LIMIT)}</td><td>{r.webhooks}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }
                }}
            </section>
            <Lifetimes />
        </PaneFrame>
    }
}

#[component]
fn ConnectionCard(account: Account, view_now: Memo<academy_engine::ServerView>) -> impl IntoView {
    let connection =
        Memo::new(move |_| view_now.with(|v| v.connections.iter().find(|c| c.account == account).cloned()));
    let card = NodeRef::<leptos::html::Article>::new();
    // A new or renewed connection shows in this pane (never scrolling the page).
    Effect::new(move |prev: Option<Option<String>>| {
        let token = connection.with(|c| c.as_ref().map(|c| c.access_token.clone()));
        if prev.is_some_and(|p| p != token) && token.is_some() {
            request_animation_frame(move || {
                if let Some(el) = card.get_untracked() {
                    crate::widgets::reveal::within_pane(&el, false);
                }
            });
        }
        token
    });
    view! {
        <article class="connection" node_ref=card data-testid=format!("server-connection-{}", account.slug()) aria-label=format!("Connection of {}", account.name())>
            <h4>{account.name()}<span class="muted account-id">{format!(" {}", short(account.id()))}</span></h4>
            {move || match connection.get() {
                None => view! { <p class="empty" data-state="none">"No connection."</p> }.into_any(),
                Some(c) => view! {
                    <dl class="kv" data-state="connected">
                        <dt>"scopes"</dt><dd>{scope_chips(c.scopes.clone())}</dd>
                        <dt>"access"</dt><dd><code class="value">{short(&c.access_token)}</code>" "<Countdown until=c.access_expires_at /></dd>
                        <dt>"refresh"</dt><dd><code class="value">{short(&c.refresh_token)}</code>" "<Countdown until=c.refresh_expires_at /></dd>
                        <dt>"since"</dt><dd>{time_of_day(c.created_at)}</dd>
                    </dl>
                }.into_any(),
            }}
        </article>
    }
}

/// The app's tokens, as the server sees them: live, expired, or unknown.
#[component]
fn HeldAsSeen(view_now: Memo<academy_engine::ServerView>) -> impl IntoView {
    let pg = use_playground();
    let f = pg.flow;
    let verdict = move |token: &str, access: bool| -> (&'static str, String) {
        let now = pg.clock.now_tracked();
        view_now.with(|v| {
            let found =
                v.connections.iter().find(|c| if access { c.access_token == token } else { c.refresh_token == token });
            match found {
                Some(c) => {
                    let until = if access { c.access_expires_at } else { c.refresh_expires_at };
                    if now < until {
                        ("ok", format!("live: {}'s connection", c.account.name()))
                    } else {
                        ("warn", format!("expired ({}'s connection still exists)", c.account.name()))
                    }
                }
                None => ("bad", "unknown to the server: rotated out, replaced or removed".to_string()),
            }
        })
    };
    view! {
        <section class="card" aria-labelledby="server-held-title">
            <h3 id="server-held-title">"Your app's tokens, as the server sees them"</h3>
            {move || match f.held().get() {
                None => view! { <p class="empty">"The app holds no tokens."</p> }.into_any(),
                Some(h) => {
                    let rows = vec![
                        ("access_token", h.access_token.clone(), true, "server-held-access"),
                        ("refresh_token", h.refresh_token.clone(), false, "server-held-refresh"),
                    ];
                    let previous = f.previous().get();
                    view! {
                        <dl class="kv">
                            {rows.into_iter().map(|(label, token, access, testid)| {
                                let t = token.clone();
                                view! {
                                    <dt>{label}</dt>
                                    <dd>
                                        <code class="value">{short(&token)}</code>" "
                                        {move || { let (kind, text) = verdict(&t, access); view! { <span class=format!("tag tag-{kind}") data-testid=testid>{text}</span> } }}
                                    </dd>
                                }
                            }).collect_view()}
                        </dl>
                        {(!previous.is_empty()).then(|| view! {
                            <p class="muted small">"Tokens the app held before:"</p>
                            <ul class="plain-list">
                                {previous.into_iter().map(|p| {
                                    let t = p.access_token.clone();
                                    view! {
                                        <li class="row-item">
                                            <code class="value">{short(&p.access_token)}</code>
                                            {move || { let (kind, text) = verdict(&t, true); view! { <span class=format!("tag tag-{kind}")>{text}</span> } }}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        })}
                    }.into_any()
                }
            }}
        </section>
    }
}

/// The three lifetimes, in minutes; new values apply to what is issued next.
#[component]
fn Lifetimes() -> impl IntoView {
    let pg = use_playground();
    let settings = Memo::new(move |_| pg.engine.with(|e| e.settings()));
    let field = move |label: &'static str, id: &'static str, get: fn(&Settings) -> u32, set: fn(&mut Settings, u32)| {
        view! {
            <div class="field field-number">
                <label for=id>{label}</label>
                <input
                    id=id
                    data-testid=id
                    type="number"
                    min=LIFETIME_MINUTES.start().to_string()
                    max=LIFETIME_MINUTES.end().to_string()
                    prop:value=move || get(&settings.get()).to_string()
                    on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).trim().parse::<u32>() {
                            let v = clamp_minutes(v);
                            let mut s = settings.get_untracked();
                            set(&mut s, v);
                            pg.engine.update(|e| e.set_settings(s));
                            pg.announce(format!("{label}: {v} minutes for what is issued from now on."));
                        }
                    }
                />
            </div>
        }
    };
    view! {
        <section class="card" aria-labelledby="server-lifetimes-title">
            <h3 id="server-lifetimes-title">"Lifetimes (minutes)"</h3>
            <div class="lifetimes">
                {field("Access token", "setting-access-minutes", |s| s.access_minutes, |s, v| s.access_minutes = v)}
                {field("Refresh token", "setting-refresh-minutes", |s| s.refresh_minutes, |s, v| s.refresh_minutes = v)}
                {field("Code", "setting-code-minutes", |s| s.code_minutes, |s, v| s.code_minutes = v)}
            </div>
            <p class="muted small">"Changes apply to codes and tokens issued from now on."</p>
        </section>
    }
}
