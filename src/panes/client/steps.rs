//! Steps one, two, three, five and six of the flow, as the app sees them.

use leptos::prelude::*;

use crate::flow::FlowDataStoreFields;

use academy_engine::{Scope, BASE_URL};

use crate::actions::{browser, tokens};
use crate::flow::TokenAnswer;
use crate::panes::{scope_description, short};
use crate::playground::{random_state, use_playground};
use crate::widgets::answer::{AnswerView, ExpiresInMinutes, Explanation};
use crate::widgets::body_field::BodyField;
use crate::widgets::reveal::{reveal_on_change, show_in_pane_on_change};
use crate::widgets::step_card::StepCard;
use crate::widgets::term::Term;
use crate::widgets::endpoint_ref::EndpointReference;
use academy_engine::catalog;

/// A request line: method and URL, as drawn above an editable body.
#[component]
pub fn RequestLine(
    method: &'static str,
    #[prop(into)] url: String,
    #[prop(optional)] headers: Vec<String>,
) -> impl IntoView {
    view! {
        <div class="request-line">
            <span class="method">{method}</span>
            <code class="url">{url}</code>
        </div>
        {headers.into_iter().map(|h| view! { <div class="request-header"><code>{h}</code></div> }).collect_view()}
    }
}

#[component]
pub fn StepAuthorize() -> impl IntoView {
    let pg = use_playground();
    let f = pg.flow;
    let scope_box = move |scope: Scope| {
        let name = scope.name();
        let id = format!("authorize-scope-{name}");
        let label_for = id.clone();
        view! {
            <label class="check" for=label_for>
                <input
                    type="checkbox"
                    id=id
                    data-testid=format!("authorize-scope-{name}")
                    prop:checked=move || f.scopes().with(|s| s.iter().any(|x| x == name))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        f.scopes().update(|s| {
                            s.retain(|x| x != name);
                            if on { s.push(name.to_string()); }
                        });
                        browser::rebuild_authorize_url(&pg);
                    }
                />
                <span><code>{name}</code><span class="muted">{format!(" — {}", scope_description(name))}</span></span>
            </label>
        }
    };
    view! {
        <StepCard number=1>
            <div class="field">
                <label for="authorize-url">"Authorize URL " <span class="muted">"(from the scopes and state below; editable: try a wrong redirect_uri)"</span></label>
                <textarea
                    id="authorize-url"
                    class="code-input"
                    data-testid="authorize-url"
                    rows="4"
                    spellcheck="false"
                    bind:value=f.authorize_url()
                >
                    {move || f.authorize_url().get()}
                </textarea>
            </div>
            <div class="actions">
                <button
                    type="button"
                    class="btn btn-primary"
                    data-testid="authorize-start"
                    on:click=move |_| browser::open_authorize(&pg)
                >
                    "Open in the Browser pane"
                </button>
                <button type="button" class="btn" on:click=move |_| browser::rebuild_authorize_url(&pg)>"Rebuild the URL"</button>
            </div>
            <p class="plain">
                "Your app lists the " <Term term="scope">"scopes"</Term> " it wants and a random "
                <Term term="state">"state"</Term> "; John's answer comes back to its "
                <Term term="redirect URI">"redirect URI"</Term> "."
            </p>
            <fieldset class="scopes">
                <legend>"Scopes your app asks for"</legend>
                {Scope::ALL.into_iter().map(scope_box).collect_view()}
            </fieldset>
            <div class="field">
                <label for="authorize-state">
                    <code>"state"</code>
                    <span class="muted">" — a random value the app checks when the browser comes back"</span>
                </label>
                <div class="inline">
                    <input
                        id="authorize-state"
                        data-testid="authorize-state"
                        spellcheck="false"
                        prop:value=move || f.state_param().get()
                        on:input=move |ev| {
                            f.state_param().set(event_target_value(&ev));
                            browser::rebuild_authorize_url(&pg);
                        }
                    />
                    <button
                        type="button"
                        class="btn btn-small"
                        on:click=move |_| {
                            f.state_param().set(random_state());
                            browser::rebuild_authorize_url(&pg);
                        }
                    >
                        "New value"
                    </button>
                </div>
            </div>
        </StepCard>
    }
}

#[component]
pub fn StepCallback() -> impl IntoView {
    let pg = use_playground();
    let f = pg.flow;
    let redirect = move || pg.client().map(|c| c.registration.redirect_uri).unwrap_or_default();
    // The code arrives while the learner is in the Browser pane: this pane
    // scrolls by itself to steps two and three, the page stays.
    show_in_pane_on_change(move || f.callback().track(), "#step-2");
    view! {
        <StepCard number=2>
            {move || match f.callback().get() {
                None => view! {
                    <p class="empty">
                        "Waiting for the browser to come back to " <code>{redirect()}</code> "."
                    </p>
                }.into_any(),
                Some(cb) => {
                    let sent_state = f.state_param().get();
                    let state_row = match cb.state() {
                        Some(s) if s == sent_state => view! {
                            <dt>"state"</dt>
                            <dd><code class="value">{s}</code>" "<span class="tag tag-ok">"✓ matches what the app sent"</span></dd>
                        }.into_any(),
                        Some(s) => view! {
                            <dt>"state"</dt>
                            <dd><code class="value">{s}</code>" "<span class="tag tag-bad">"✗ differs from what the app sent: a real app must reject this callback"</span></dd>
                        }.into_any(),
                        None => view! { <dt>"state"</dt><dd class="muted">"none came back"</dd> }.into_any(),
                    };
                    let code = cb.code();
                    let error = cb.error();
                    let explanation = browser::callback_explanation(&pg, &cb);
                    view! {
                        <dl class="kv">
                            <dt>"callback URL"</dt>
                            <dd><code class="value wrap" data-testid="callback-url">{cb.url.clone()}</code></dd>
                            {code.map(|c| view! {
                                <dt>"code"</dt>
                                <dd><code class="value" data-testid="callback-code">{c}</code>" "<span class="tag tag-ok">"received"</span></dd>
                            })}
                            {error.map(|e| view! {
                                <dt>"error.message"</dt>
                                <dd><span class="value" data-testid="callback-error">{e}</span>" "<span class="tag tag-bad">"no code"</span></dd>
                            })}
                            {state_row}
                        </dl>
                        {explanation.map(|text| view! { <Explanation text=text /> })}
                    }.into_any()
                }
            }}
        </StepCard>
    }
}

#[component]
pub fn StepToken() -> impl IntoView {
    let pg = use_playground();
    let f = pg.flow;
    reveal_on_change(move || f.token_answer().track(), "#step-3 .answer");
    view! {
        <StepCard number=3>
            <RequestLine method="POST" url=format!("{BASE_URL}/token") headers=vec!["Content-Type: application/json".into()] />
            <BodyField
                id="token-body"
                hint="(editable: try a wrong redirect_uri or client_secret)"
                rows=7
                placeholder="Filled in when the browser brings back a code (step two)."
                value=f.token_body()
            />
            <div class="actions">
                <button type="button" id="token-exchange-button" class="btn btn-primary" data-testid="token-exchange" on:click=move |_| tokens::exchange(&pg)>
                    "Send POST /token"
                </button>
                <button type="button" class="btn" data-testid="token-body-restore" on:click=move |_| tokens::restore_token_body(&pg)>
                    "Restore the body"
                </button>
            </div>
            {move || f.token_answer().get().map(|a| {
                let latest = f.last_token_answer().get() != Some(TokenAnswer::Refresh);
                let expires_in = a.expires_in;
                view! {
                    <AnswerView answer=a body_testid=latest.then_some("token-response") status_testid=Some("token-status") />
                    {expires_in.map(|m| view! { <ExpiresInMinutes minutes=m /> })}
                }
            })}
            {catalog::endpoint("POST", "/token").map(|e| view! { <EndpointReference endpoint=e /> })}
        </StepCard>
    }
}

#[component]
pub fn StepRefresh() -> impl IntoView {
    let pg = use_playground();
    let f = pg.flow;
    reveal_on_change(move || f.refresh_answer().track(), "#step-5 .answer");
    view! {
        <StepCard number=5>
            <RequestLine method="POST" url=format!("{BASE_URL}/refresh") headers=vec!["Content-Type: application/json".into()] />
            <BodyField
                id="refresh-body"
                hint="(editable)"
                rows=6
                placeholder="Filled in when the app holds a refresh token."
                value=f.refresh_body()
            />
            <div class="actions">
                <button type="button" class="btn btn-primary" data-testid="refresh-send" on:click=move |_| tokens::refresh(&pg)>
                    "Send POST /refresh"
                </button>
                <button type="button" class="btn" data-testid="refresh-body-restore" on:click=move |_| tokens::restore_refresh_body(&pg)>
                    "Restore the body"
                </button>
            </div>
            {move || f.refresh_answer().get().map(|a| {
                let latest = f.last_token_answer().get() == Some(TokenAnswer::Refresh);
                let expires_in = a.expires_in;
                view! {
                    <AnswerView answer=a body_testid=latest.then_some("token-response") status_testid=Some("refresh-status") />
                    {expires_in.map(|m| view! { <ExpiresInMinutes minutes=m /> })}
                }
            })}
            {catalog::endpoint("POST", "/refresh").map(|e| view! { <EndpointReference endpoint=e /> })}
        </StepCard>
    }
}

#[component]
pub fn StepInvalidate() -> impl IntoView {
    let pg = use_playground();
    let f = pg.flow;
    let header = move || {
        f.held().with(|h| match h {
            Some(h) => format!("authorization: Bearer {}", short(&h.access_token)),
            None => "authorization: (no token held yet)".into(),
        })
    };
    reveal_on_change(move || f.invalidate_answer().track(), "#step-6 .answer");
    view! {
        <StepCard number=6>
            <div class="request-line">
                <span class="method">"GET"</span>
                <code class="url">{format!("{BASE_URL}/invalidate")}</code>
            </div>
            <div class="request-header"><code>{header}</code></div>
            <div class="actions">
                <button type="button" class="btn btn-danger" data-testid="invalidate-send" on:click=move |_| tokens::invalidate(&pg)>
                    "Send GET /invalidate"
                </button>
            </div>
            {move || f.invalidate_answer().get().map(|a| view! { <AnswerView answer=a status_testid=Some("invalidate-status") /> })}
        </StepCard>
    }
}
