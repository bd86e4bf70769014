//! The registration card: the credentials the access form gave the app,
//! and the form to register again.

use leptos::prelude::*;

use academy_engine::oauth::registration::{LEGACY_REDIRECT_URI, MAKE_REDIRECT_URI};
use academy_engine::Registration as Form;

use crate::actions::{browser::rebuild_authorize_url, tokens};
use crate::playground::use_playground;
use crate::widgets::copy::CopyButton;

#[component]
pub fn Registration() -> impl IntoView {
    let pg = use_playground();
    let client = Memo::new(move |_| pg.client());
    let revealed = pg.ui.secret_revealed;
    let id = move || client.with(|c| c.as_ref().map(|c| c.client_id.clone()).unwrap_or_default());
    let secret = move || client.with(|c| c.as_ref().map(|c| c.client_secret.clone()).unwrap_or_default());
    let redirect = move || client.with(|c| c.as_ref().map(|c| c.registration.redirect_uri.clone()).unwrap_or_default());
    let developer = move || {
        client.with(|c| {
            c.as_ref()
                .map(|c| {
                    format!("{} {} · {}", c.registration.first_name, c.registration.last_name, c.registration.email)
                })
                .unwrap_or_default()
        })
    };
    let api_key = move || client.with(|c| c.as_ref().map(|c| c.api_key.clone()).unwrap_or_default());
    let glance = move || crate::panes::short(&id());
    view! {
        // Done for the learner: one line until asked for; the values stay in
        // the DOM (tests and scripts read them) while it is closed.
        <section class="card registration" aria-labelledby="registration-title">
            <details class="registration-card" data-testid="registration">
                <summary id="registration-summary" data-testid="registration-open">
                    <span id="registration-title" class="registration-title">"Registration"</span>
                    <span class="tag tag-ok">"✓ done for you"</span>
                    <span class="muted registration-glance">"client_id " <code>{glance}</code></span>
                </summary>
                <p class="docs">
                    <span class="docs-lead">"The docs: "</span>
                    "One access form per developer yields the app's client_id and client_secret (and the v1 API key). Submitting it again replaces them."
                </p>
                <dl class="kv">
                    <dt>"client_id"</dt>
                    <dd>
                        <code class="value" data-testid="client-id">{id}</code>
                        <CopyButton text=id label="Copy" what="The client_id" />
                    </dd>
                    <dt><label for="client-secret">"client_secret"</label></dt>
                    <dd>
                        <input
                            id="client-secret"
                            class="value secret"
                            data-testid="client-secret"
                            readonly
                            spellcheck="false"
                            autocomplete="off"
                            type=move || if revealed.get() { "text" } else { "password" }
                            // The attribute, set as the input is built: Leptos sets the
                            // `value` property a moment later, once the page is in the
                            // document, and on a password field Chromium then lays out
                            // the whole new page at once (about 50 ms of the first load).
                            value=secret
                        />
                        <button
                            type="button"
                            class="btn btn-small"
                            data-testid="client-secret-reveal"
                            aria-pressed=move || revealed.get().to_string()
                            on:click=move |_| revealed.update(|r| *r = !*r)
                        >
                            {move || if revealed.get() { "Hide" } else { "Reveal" }}
                        </button>
                        <CopyButton text=secret label="Copy" what="The client_secret" />
                    </dd>
                    <dt>"redirect URI"</dt>
                    <dd><code class="value" data-testid="redirect-uri">{redirect}</code></dd>
                    <dt>"developer"</dt>
                    <dd class="muted">{developer}</dd>
                    <dt>"v1 API key"</dt>
                    <dd><code class="value muted">{api_key}</code><span class="muted">" (v1 only)"</span></dd>
                </dl>
                <p class="muted small" data-testid="simulation-notice">
                    "These credentials exist only in this simulation. Never paste a real client_secret or token into this page."
                </p>
                <RegisterAgain />
            </details>
        </section>
    }
}

/// The access form, to register again (which replaces the credentials).
#[component]
fn RegisterAgain() -> impl IntoView {
    let pg = use_playground();
    let current = pg.client_untracked().map(|c| c.registration);
    let email = RwSignal::new(current.as_ref().map(|r| r.email.clone()).unwrap_or_default());
    let first = RwSignal::new(current.as_ref().map(|r| r.first_name.clone()).unwrap_or_default());
    let last = RwSignal::new(current.as_ref().map(|r| r.last_name.clone()).unwrap_or_default());
    let redirect = RwSignal::new(current.map(|r| r.redirect_uri).unwrap_or_else(|| MAKE_REDIRECT_URI.into()));
    let error = RwSignal::new(None::<String>);
    let open = RwSignal::new(false);
    // Opening the form fills it with what is registered now.
    let fill = move || {
        if let Some(r) = pg.client_untracked().map(|c| c.registration) {
            email.set(r.email);
            first.set(r.first_name);
            last.set(r.last_name);
            redirect.set(r.redirect_uri);
        }
        error.set(None);
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = Form {
            email: email.get_untracked().trim().to_string(),
            first_name: first.get_untracked().trim().to_string(),
            last_name: last.get_untracked().trim().to_string(),
            redirect_uri: redirect.get_untracked().trim().to_string(),
        };
        if form.email.is_empty()
            || form.first_name.is_empty()
            || form.last_name.is_empty()
            || form.redirect_uri.is_empty()
        {
            error.set(Some("Fill in all four fields.".into()));
            return;
        }
        if !form.email.contains('@') {
            error.set(Some("The e-mail address needs an @.".into()));
            return;
        }
        if !(form.redirect_uri.starts_with("https://") || form.redirect_uri.starts_with("http://")) {
            error.set(Some("The redirect URI must be an absolute http(s) URL, like the Make default.".into()));
            return;
        }
        error.set(None);
        pg.register(form);
        rebuild_authorize_url(&pg);
        tokens::restore_token_body(&pg);
        tokens::restore_refresh_body(&pg);
        pg.ui.secret_revealed.set(false);
        open.set(false);
        pg.announce("Registered again: a new client_id and client_secret. The old ones stop working, and every connection made with them is removed (see the Academy server pane).");
        crate::playground::focus_later("registration-summary");
    };
    let preset = move |uri: &'static str, label: &'static str, testid: &'static str| {
        view! {
            <button
                type="button"
                class="btn btn-small"
                data-testid=testid
                aria-pressed=move || (redirect.get() == uri).to_string()
                on:click=move |_| redirect.set(uri.to_string())
            >
                {label}
            </button>
        }
    };
    view! {
        <details
            class="reregister"
            prop:open=move || open.get()
            on:toggle=move |ev| {
                let now_open = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
                if now_open && !open.get_untracked() { fill(); }
                open.set(now_open);
            }
        >
            <summary data-testid="register-open">"Register again…"</summary>
            <form class="form" on:submit=submit novalidate>
                <p class="muted">"Submitting replaces the credentials: the old ones stop working and every connection made with them is removed."</p>
                <label for="register-email">"E-mail"</label>
                <input id="register-email" type="email" data-testid="register-email" autocomplete="email"
                    bind:value=email />
                <div class="row">
                    <div class="field">
                        <label for="register-first">"First name"</label>
                        <input id="register-first" data-testid="register-first-name" autocomplete="given-name"
                            bind:value=first />
                    </div>
                    <div class="field">
                        <label for="register-last">"Last name"</label>
                        <input id="register-last" data-testid="register-last-name" autocomplete="family-name"
                            bind:value=last />
                    </div>
                </div>
                <label for="register-redirect">"OAuth2 redirect URI"</label>
                <input id="register-redirect" type="url" data-testid="register-redirect-uri" spellcheck="false"
                    bind:value=redirect />
                <div class="presets" role="group" aria-label="Redirect URI presets">
                    {preset(MAKE_REDIRECT_URI, "Make (default)", "register-preset-make")}
                    {preset(LEGACY_REDIRECT_URI, "Legacy integromat.com", "register-preset-legacy")}
                </div>
                {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                <div class="actions">
                    <button type="submit" class="btn btn-primary" data-testid="register-submit">"Register again"</button>
                </div>
            </form>
        </details>
    }
}
