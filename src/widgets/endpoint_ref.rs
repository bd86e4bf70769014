//! What an endpoint takes and answers, from the engine's catalogue: method,
//! who may call it, body content types, required fields, success shape and
//! errors. Shown where a request is composed, folded until asked for.

use leptos::prelude::*;

use academy_engine::catalog::{reference_of, Access, Endpoint};

/// The statuses any call of this kind can also meet.
fn access_errors(access: Access) -> &'static [(u16, &'static str)] {
    match access {
        Access::Bearer => &[(401, "no token, or one that expired or no longer exists")],
        Access::Scoped => &[(401, "no token, or one that expired or no longer exists"), (403, "the connection lacks the method's scope")],
        Access::Browser | Access::Client => &[],
    }
}

fn who(e: &Endpoint) -> String {
    match (e.access, e.scope()) {
        (Access::Browser, _) => "the user's browser; no token".into(),
        (Access::Client, _) => "the app, with client_id and client_secret in the body".into(),
        (_, Some(scope)) => format!("a valid access token whose connection holds the {} scope", scope.name()),
        (_, None) => "any valid access token; no scope beyond it".into(),
    }
}

#[component]
pub fn EndpointReference(endpoint: &'static Endpoint) -> impl IntoView {
    let r = reference_of(endpoint);
    let types = r.body.content_types();
    let errors: Vec<(u16, &str)> = access_errors(endpoint.access).iter().chain(r.errors).copied().collect();
    let success = if r.success.is_empty() { format!("{} (no body)", r.success_status) } else { format!("{} {}", r.success_status, r.success) };
    view! {
        <details class="endpoint-ref" data-testid="endpoint-reference">
            <summary>{format!("What {} {} takes", endpoint.method, endpoint.route)}</summary>
            <dl class="kv small">
                <dt>"Does"</dt><dd>{endpoint.summary}</dd>
                <dt>"Who"</dt><dd>{who(endpoint)}</dd>
                <dt>"Body"</dt>
                <dd>{if types.is_empty() { "none".to_string() } else { types.join(" or ") }}</dd>
                <dt>"Required"</dt>
                <dd>{if r.required.is_empty() { view! { <span>"nothing"</span> }.into_any() } else {
                    r.required.iter().map(|f| view! { <code>{*f}</code>" " }).collect_view().into_any()
                }}</dd>
                <dt>"Success"</dt><dd><code class="wrap">{success}</code></dd>
                <dt>"Errors"</dt>
                <dd>
                    <ul class="plain-list">
                        {errors.into_iter().map(|(status, when)| view! { <li><code>{status}</code>" "{when}</li> }).collect_view()}
                    </ul>
                </dd>
            </dl>
        </details>
    }
}
