//! The HTTP traffic pane: every exchange in order, raw, filterable, each
//! with "copy as curl".

use std::collections::HashMap;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use academy_engine::http::{path_of, status_text};
use academy_engine::{Exchange, Origin};

use crate::clock::time_of_day;
use crate::config::Pane;
use crate::http_text::status_class;
use crate::panes::diagram::SequenceDiagram;
use crate::panes::PaneFrame;
use crate::playground::use_playground;
use crate::widgets::answer::{Explanation, StatusBadge};
use crate::widgets::copy::CopyButton;

pub fn origin_name(origin: Origin) -> &'static str {
    match origin {
        Origin::App => "app",
        Origin::Browser => "browser",
        Origin::Console => "console",
        Origin::Host => "host page",
    }
}

/// How the pane shows the log.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    List,
    Diagram,
}

/// Text the free-text filter searches.
fn haystack(e: &Exchange) -> String {
    format!(
        "#{} {} {} {} {} {}",
        e.seq,
        origin_name(e.origin),
        e.request.to_http(),
        e.response.to_http(),
        e.response.status,
        status_text(e.response.status)
    )
    .to_lowercase()
}

#[component]
pub fn TrafficPane() -> impl IntoView {
    let pg = use_playground();
    let text = RwSignal::new(String::new());
    let origin = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let log = Memo::new(move |_| pg.engine.with(|e| e.log().iter().cloned().collect::<Vec<_>>()));
    let latest = Memo::new(move |_| log.with(|l| l.last().map(|e| e.seq).unwrap_or(0)));
    // Whether an entry is open is its own signal, so opening one or a new
    // exchange arriving notifies the entries it concerns, never all of them
    // (with a full log that was hundreds of updates per action). `chosen`
    // remembers choices made on entries a filter hides for a while.
    let chosen = StoredValue::new(HashMap::<u64, bool>::new());
    let choices = StoredValue::new(HashMap::<u64, RwSignal<Option<bool>>>::new());
    let is_latest = StoredValue::new(Selector::new(move || latest.get()));
    let shown = Memo::new(move |_| {
        let needle = text.get().trim().to_lowercase();
        let origin = origin.get();
        let status = status.get();
        log.with(|l| {
            l.iter()
                .filter(|e| origin.is_empty() || origin_name(e.origin) == origin)
                .filter(|e| status.is_empty() || status_class(e.response.status) == status)
                .filter(|e| needle.is_empty() || haystack(e).contains(&needle))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let list = NodeRef::<leptos::html::Ol>::new();
    // A new exchange shows from its header line (method, path, status), in
    // this pane's own scroller only: the page never jumps.
    Effect::new(move |prev: Option<u64>| {
        let seq = latest.get();
        if prev.is_some_and(|p| p != seq) {
            request_animation_frame(move || {
                let entry = list
                    .get_untracked()
                    .and_then(|l| l.query_selector(&format!("[data-seq=\"{seq}\"]")).ok().flatten());
                if let Some(entry) = entry {
                    crate::widgets::reveal::within_pane(&entry, false);
                }
            });
        }
        seq
    });
    let filtering = move || !text.get().is_empty() || !origin.get().is_empty() || !status.get().is_empty();
    let shape = RwSignal::new(Shape::List);
    // An exchange chosen in the diagram opens in the list, at the top of the
    // pane, its header focused; filters that hide it are cleared.
    let open_in_list = Callback::new(move |seq: u64| {
        if !shown.with_untracked(|s| s.iter().any(|e| e.seq == seq)) {
            text.set(String::new());
            origin.set(String::new());
            status.set(String::new());
        }
        chosen.update_value(|c| {
            c.insert(seq, true);
        });
        if let Some(choice) = choices.with_value(|c| c.get(&seq).copied()) {
            choice.set(Some(true));
        }
        shape.set(Shape::List);
        request_animation_frame(move || {
            let entry = list
                .get_untracked()
                .and_then(|l| l.query_selector(&format!("[data-seq=\"{seq}\"]")).ok().flatten());
            if let Some(entry) = entry {
                crate::widgets::reveal::within_pane(&entry, true);
                let button = entry.query_selector(".exchange-summary").ok().flatten();
                if let Some(button) = button.and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok()) {
                    let _ = button.focus();
                }
            }
        });
    });
    let switch = move |to: Shape, label: &'static str, testid: &'static str| view! {
        <button type="button" class="btn btn-small" data-testid=testid aria-pressed=move || (shape.get() == to).to_string() on:click=move |_| shape.set(to)>
            {label}
        </button>
    };
    // The API's description ships beside the page; a page opened from a file has none.
    let served = window().location().protocol().is_ok_and(|p| p.starts_with("http"));
    let tools = move || view! {
        {served.then(|| view! {
            <a class="btn btn-small openapi-link" href="openapi.json" download="academy-api-v2.openapi.json" data-testid="openapi-link"
                title="The Academy API v2 as an OpenAPI 3.1 description, for Swagger UI or Postman">
                "OpenAPI"
            </a>
        })}
        <div class="segmented" role="group" aria-label="Show the traffic as">
            {switch(Shape::List, "List", "traffic-view-list")}
            {switch(Shape::Diagram, "Diagram", "traffic-view-diagram")}
        </div>
    };
    view! {
        <PaneFrame pane=Pane::Traffic subtitle="Every request and answer, raw, in order. Console calls show here too." tools=Box::new(move || tools().into_any())>
            <Show when=move || shape.get() == Shape::List fallback=move || view! { <SequenceDiagram log on_select=open_in_list /> }>
                <div class="traffic-filters" role="search" aria-label="Filter the traffic">
                    <div class="field field-grow">
                        <label for="traffic-text">"Filter"</label>
                        <input id="traffic-text" type="search" data-testid="traffic-filter" placeholder="text, path, token…"
                            bind:value=text />
                    </div>
                    <div class="field">
                        <label for="traffic-origin">"From"</label>
                        <select id="traffic-origin" data-testid="traffic-origin" on:change=move |ev| origin.set(event_target_value(&ev))>
                            <option value="" selected=move || origin.get().is_empty()>"all"</option>
                            {["app", "browser", "console", "host page"].into_iter().map(|o| view! {
                                <option value=o selected=move || origin.get() == o>{o}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="traffic-status">"Status"</label>
                        <select id="traffic-status" data-testid="traffic-status" on:change=move |ev| status.set(event_target_value(&ev))>
                            <option value="" selected=move || status.get().is_empty()>"all"</option>
                            {["2xx", "3xx", "4xx", "5xx"].into_iter().map(|s| view! {
                                <option value=s selected=move || status.get() == s>{s}</option>
                            }).collect_view()}
                        </select>
                    </div>
                </div>
                <p class="muted small traffic-count" data-testid="traffic-count">
                    {move || {
                        let total = log.with(|l| l.len());
                        let n = shown.with(|s| s.len());
                        let noun = |k: usize| if k == 1 { "exchange" } else { "exchanges" };
                        if filtering() { format!("{n} of {total} {} shown", noun(total)) } else { format!("{total} {}", noun(total)) }
                    }}
                    {move || (!filtering() && log.with(|l| !l.is_empty())).then(|| view! {
                        " "
                        <button type="button" class="btn btn-link" data-testid="traffic-clear" on:click=move |_| {
                            pg.engine.update(|e| e.clear_log());
                            pg.announce("The traffic log was cleared. The server's state is unchanged.");
                        }>
                            "Clear the log"
                        </button>
                    })}
                    {move || filtering().then(|| view! {
                        " "
                        <button type="button" class="btn btn-link" on:click=move |_| { text.set(String::new()); origin.set(String::new()); status.set(String::new()); }>
                            "Clear filters"
                        </button>
                    })}
                    {move || shown.with(|s| !s.is_empty()).then(|| view! {
                        " "
                        <button type="button" class="btn btn-link" data-testid="traffic-har"
                            title="The exchanges shown, as a HAR file for the browser's DevTools, Postman or Insomnia"
                            on:click=move |_| {
                                let text = shown.with_untracked(|s| crate::console::har_text(s.iter()));
                                crate::persistence::download("academy-traffic.har", &text);
                            }>
                            "Download HAR"
                        </button>
                    })}
                </p>
                <details class="console-help">
                    <summary>"Send requests from the browser console"</summary>
                    <p>"Open the developer tools (F12) and try:"</p>
                    <pre class="code">"await academy.request({ url: '/info',
        headers: { authorization: 'Bearer ' + academy.tokens().access_token } })"</pre>
                    <p class="muted small">"It goes through the same simulated server, changes the same state, and shows up here as console traffic. academy.help() lists the options."</p>
                </details>
                <Show when=move || log.with(|l| l.is_empty())>
                    <p class="empty">"No traffic yet. Every request any pane or the console sends appears here."</p>
                </Show>
                <ol class="traffic-list" node_ref=list>
                    <For
                        each=move || shown.get()
                        // With `at`: another tab's or a reset server's log reuses numbers.
                        key=|e| (e.seq, e.at)
                        children=move |e| {
                            let seq = e.seq;
                            let choice = RwSignal::new(chosen.with_value(|c| c.get(&seq).copied()));
                            choices.update_value(|c| { c.insert(seq, choice); });
                            on_cleanup(move || choices.update_value(|c| { c.remove(&seq); }));
                            let open = Memo::new(move |_| choice.get().unwrap_or_else(|| is_latest.with_value(|l| l.selected(&seq))));
                            view! { <ExchangeEntry exchange=e open=open.into() on_toggle=Callback::new(move |_: ()| {
                                let now_open = !open.get_untracked();
                                choice.set(Some(now_open));
                                chosen.update_value(|c| { c.insert(seq, now_open); });
                            }) /> }
                        }
                    />
                </ol>
            </Show>
        </PaneFrame>
    }
}

#[component]
fn ExchangeEntry(exchange: Exchange, open: Signal<bool>, on_toggle: Callback<()>) -> impl IntoView {
    let e = exchange;
    let body_id = format!("exchange-{}", e.seq);
    // The raw renderings are built when shown or copied, not for every entry.
    let raw = StoredValue::new((e.request.clone(), e.response.clone()));
    let origin = origin_name(e.origin);
    let summary_path = path_of(&e.request.url);
    let summary_path = summary_path.strip_prefix(academy_engine::BASE_PATH).map(str::to_string).unwrap_or(summary_path);
    let route = e.outcome.route.clone();
    let changes = crate::explain::changes(&e.outcome);
    let explanation = e.outcome.error.as_ref().map(|kind| {
        let settings = use_playground().engine.with_untracked(|en| en.settings());
        crate::explain::explain(kind, &Default::default(), &settings)
    });
    // The path stays whole; a long query goes on its own muted line.
    let (summary_path, query) = match summary_path.split_once('?') {
        Some((p, q)) => (p.to_string(), Some(format!("?{q}"))),
        None => (summary_path, None),
    };
    view! {
        <li
            class="exchange"
            class:open=move || open.get()
            data-testid="traffic-entry"
            data-origin=origin
            data-status=e.response.status.to_string()
            data-seq=e.seq.to_string()
        >
            <button
                type="button"
                class="exchange-summary"
                aria-expanded=move || open.get().to_string()
                aria-controls=body_id.clone()
                on:click=move |_| on_toggle.run(())
            >
                <span class="seq">{format!("#{}", e.seq)}</span>
                <span class=format!("origin origin-{}", origin.replace(' ', "-"))>{origin}</span>
                <span class="exchange-line">
                    <span class="method">{e.request.method.clone()}</span>" "<span class="path">{summary_path}</span>
                    {query.map(|q| view! { <span class="query">{q}</span> })}
                </span>
                <StatusBadge status=e.response.status />
            </button>
            <div class="exchange-body" id=body_id hidden=move || !open.get()>
                <p class="muted small exchange-at">
                    {format!("Sent at {} (simulated time)", time_of_day(e.at))}
                    {route.map(|r| view! { ", endpoint " <code data-testid="traffic-route">{format!("{} {r}", e.request.method.trim().to_ascii_uppercase())}</code> })}
                </p>
                {(!changes.is_empty()).then(|| view! {
                    <ul class="exchange-changes" data-testid="traffic-changes">
                        {changes.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
                    </ul>
                })}
                {explanation.map(|text| view! { <Explanation text=text /> })}
                <p class="raw-label">"Request"</p>
                <pre class="code raw" data-testid="traffic-request">{move || open.get().then(|| raw.with_value(|(q, _)| q.to_http()))}</pre>
                <p class="raw-label">"Response"</p>
                <pre class="code raw" data-testid="traffic-response">{move || open.get().then(|| raw.with_value(|(_, a)| a.to_http()))}</pre>
                <div class="actions">
                    <CopyButton text=move || raw.with_value(|(q, _)| q.to_curl()) label="Copy as curl" what="The curl command" testid=Some("traffic-copy-curl") />
                </div>
            </div>
        </li>
    }
}
