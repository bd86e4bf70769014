//! An answer under a step: status as text and colour, headers, the body as
//! pretty JSON, and the explanation when it is an error.

use leptos::prelude::*;

use academy_engine::http::{pretty_if_json, status_text};

use crate::flow::Answer;
use crate::http_text::status_class;

/// The status code as a labelled pill: the text carries the meaning, the colour repeats it.
#[component]
pub fn StatusBadge(status: u16, #[prop(default = None)] testid: Option<&'static str>) -> impl IntoView {
    let class = format!("status status-{}", status_class(status));
    let word = match status {
        200..=299 => "success",
        300..=399 => "redirect",
        400..=499 => "client error",
        _ => "server error",
    };
    // The test id sits on the number alone, so it reads as "200" while the
    // badge says "200 OK".
    let reason = status_text(status).trim_start_matches(&status.to_string()).to_string();
    view! {
        <span class=class title=word>
            <span data-testid=testid>{status}</span>
            {reason}
        </span>
    }
}

/// Explains an error in one or two sentences, next to it.
#[component]
pub fn Explanation(text: String) -> impl IntoView {
    view! {
        <div class="explain" role="note">
            <span class="explain-mark" aria-hidden="true">"?"</span>
            <p><span class="explain-lead">"Why: "</span>{text}</p>
        </div>
    }
}

#[component]
pub fn AnswerView(
    answer: Answer,
    #[prop(default = None)] status_testid: Option<&'static str>,
    #[prop(default = None)] body_testid: Option<&'static str>,
) -> impl IntoView {
    let body = if answer.body.is_empty() {
        String::new()
    } else {
        pretty_if_json(&answer.body).unwrap_or_else(|| answer.body.clone())
    };
    let empty = body.is_empty();
    let headers: String = answer.headers.iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
    let has_headers = !headers.is_empty();
    view! {
        <div class="answer">
            <div class="answer-head">
                <span class="answer-label">"Answer"</span>
                <StatusBadge status=answer.status testid=status_testid />
                <span class="muted answer-at">{crate::clock::time_of_day(answer.at)}</span>
            </div>
            {answer.explanation.map(|text| view! { <Explanation text=text /> })}
            {has_headers.then(|| view! {
                <details class="answer-headers">
                    <summary>"Headers"</summary>
                    <pre class="code">{headers}</pre>
                </details>
            })}
            <pre class="code answer-body" data-testid=body_testid tabindex="0" aria-label="Response body">
                {if empty { "(no body)".to_string() } else { body }}
            </pre>
        </div>
    }
}

/// The trap beside a token answer: minutes here, seconds on most servers.
#[component]
pub fn ExpiresInMinutes(minutes: u32) -> impl IntoView {
    view! {
        <p class="trap" role="note" data-testid="expires-in-note">
            <strong>"Minutes, not seconds: "</strong>
            {format!("expires_in: {minutes} means {minutes} minutes on this server. Most OAuth2 servers count seconds (RFC 6749), so an app that assumes seconds thinks this token dies after {minutes} s.")}
        </p>
    }
}
