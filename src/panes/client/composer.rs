//! Step four: the API call composer, with every endpoint to pick from.

use leptos::prelude::*;

use crate::flow::FlowDataStoreFields;

use academy_engine::catalog::{self, Resolved};
use academy_engine::http::{absolute_url, encode_loose, parse_url};

use crate::actions::composer::{self as api, METHODS};
use crate::flow::api::ENDPOINTS;
use crate::playground::use_playground;
use crate::widgets::answer::AnswerView;
use crate::widgets::endpoint_ref::EndpointReference;
use crate::widgets::step_card::StepCard;

#[component]
pub fn StepApi() -> impl IntoView {
    let pg = use_playground();
    let f = pg.flow;
    let picked = RwSignal::new(String::new());
    let full_url = move || format!("{} {}", f.api_method().get(), absolute_url(&encode_loose(&f.api_path().get())));
    // The catalogue entry the composed method and path address (only a change
    // of endpoint re-renders its reference).
    let endpoint = Memo::new(move |_| {
        let method = f.api_method().get().trim().to_ascii_uppercase();
        match catalog::resolve(&method, &parse_url(&f.api_path().get()).segments) {
            Resolved::Found(e) => Some(e),
            _ => None,
        }
    });
    let sends_body = move || api::sends_body(&f.api_method().get());
    crate::widgets::reveal::reveal_on_change(move || f.api_answer().track(), "#step-4 .answer");
    view! {
        <StepCard number=4>
            <div class="field">
                <label for="api-endpoint">"Endpoint " <span class="muted">"(fills method, path and a sample body)"</span></label>
                <select
                    id="api-endpoint"
                    data-testid="api-endpoint"
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        if let Ok(i) = value.parse::<usize>() { api::pick(&pg, i); }
                        picked.set(value);
                    }
                >
                    <option value="" selected=move || picked.get().is_empty()>"Pick an endpoint…"</option>
                    {ENDPOINTS.iter().enumerate().map(|(i, e)| view! {
                        <option value=i.to_string() selected=move || picked.get() == i.to_string()>
                            {format!("{} {} — {} ({})", e.method, e.path, e.summary().trim_end_matches('.'), e.scope())}
                        </option>
                    }).collect_view()}
                </select>
            </div>
            <div class="row">
                <div class="field field-method">
                    <label for="api-method">"Method"</label>
                    <select
                        id="api-method"
                        data-testid="api-method"
                        on:change=move |ev| f.api_method().set(event_target_value(&ev))
                    >
                        {METHODS.iter().map(|m| view! {
                            <option value=*m selected=move || f.api_method().get() == *m>{*m}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field field-grow">
                    <label for="api-path">"Path " <span class="muted">"(after /api/v2)"</span></label>
                    <input
                        id="api-path"
                        class="code-input"
                        data-testid="api-path"
                        spellcheck="false"
                        bind:value=f.api_path()
                        on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" { ev.prevent_default(); api::call(&pg); }
                    />
                </div>
            </div>
            <p class="request-preview muted"><code>{full_url}</code></p>
            {move || f.api_path().with(|p| p.contains('{')).then(|| view! {
                <p class="hint" role="note">"Replace the part in braces with a real id: list the records first (for movies, GET /movies) and copy one."</p>
            })}
            <p class="plain">
                "Each call carries the access token after the word "
                <crate::widgets::term::Term term="Bearer">"Bearer"</crate::widgets::term::Term>
                " in its authorization header."
            </p>
            <div class="field">
                <label for="api-auth">"authorization header"</label>
                <div class="inline">
                    <input
                        id="api-auth"
                        class="code-input"
                        data-testid="api-auth"
                        spellcheck="false"
                        placeholder="Bearer ACCESS_TOKEN"
                        prop:value=move || api::auth_header(&pg)
                        on:input=move |ev| f.api_auth().set(Some(event_target_value(&ev)))
                    />
                    <button
                        type="button"
                        class="btn btn-small"
                        data-testid="api-auth-held"
                        disabled=move || f.api_auth().with(|a| a.is_none())
                        on:click=move |_| f.api_auth().set(None)
                    >
                        "Use the held token"
                    </button>
                </div>
            </div>
            <div class="field">
                <label for="api-body">
                    "Body "
                    <span class="muted">{move || if sends_body() { "(JSON)" } else { "(not sent with GET or DELETE)" }}</span>
                </label>
                <textarea
                    id="api-body"
                    class="code-input"
                    data-testid="api-body"
                    rows="5"
                    spellcheck="false"
                    class:unused=move || !sends_body()
                    bind:value=f.api_body()
                ></textarea>
            </div>
            <div class="actions">
                <button type="button" class="btn btn-primary" data-testid="api-send" on:click=move |_| api::call(&pg)>
                    {move || format!("Send {}", f.api_method().get())}
                </button>
                <button
                    type="button"
                    class="btn"
                    data-testid="api-info"
                    on:click=move |_| {
                        f.api_method().set("GET".into());
                        f.api_path().set("/info".into());
                        picked.set("0".into());
                        api::call(&pg);
                    }
                >
                    "GET /info"
                </button>
            </div>
            {move || f.api_answer().get().map(|a| view! {
                <AnswerView answer=a status_testid=Some("api-status") body_testid=Some("api-response") />
            })}
            {move || endpoint.get().map(|e| view! { <EndpointReference endpoint=e /> })}
        </StepCard>
    }
}
