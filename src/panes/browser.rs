//! The Browser pane: an address bar, the consent screen, error pages and the
//! callback the browser lands on.

use leptos::prelude::*;

use crate::flow::FlowDataStoreFields;

use academy_engine::http::{host_of, pretty_if_json, status_text};

use crate::config::Pane;
use crate::actions::browser;
use crate::flow::{BrowserPage, Callback, ConsentScreen, ErrorPage};
use crate::panes::{scope_description, PaneFrame};
use crate::playground::use_playground;
use crate::widgets::answer::{Explanation, StatusBadge};
use crate::widgets::countdown::Countdown;

#[component]
pub fn BrowserPane() -> impl IntoView {
    let pg = use_playground();
    let f = pg.flow;
    let typed = RwSignal::new(None::<String>);
    let visit = move || {
        let url = typed.get_untracked().unwrap_or_else(|| f.browser_url().get_untracked());
        typed.set(None);
        browser::navigate(&pg, &url);
    };
    let go = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        visit();
    };
    let address = move || typed.get().unwrap_or_else(|| f.browser_url().get());
    // Each new page lands in view, its heading and the next control first.
    crate::widgets::reveal::reveal_on_change(move || f.browser_page().track(), "#pane-browser .browser");
    view! {
        <PaneFrame pane=Pane::Browser subtitle="The user's browser: where the consent screen appears and the redirect lands.">
            <div class="browser">
                <form class="addressbar" on:submit=go aria-label="Address bar">
                    <span class="lock" aria-hidden="true">"https"</span>
                    <label for="browser-url" class="sr-only">"Address"</label>
                    // A one-line textarea: its value and its text both read as the address.
                    <textarea
                        id="browser-url"
                        class="address"
                        data-testid="browser-url"
                        rows="1"
                        wrap="off"
                        spellcheck="false"
                        autocomplete="off"
                        aria-multiline="false"
                        placeholder="about:blank"
                        prop:value=address
                        on:input=move |ev| typed.set(Some(event_target_value(&ev).replace('\n', "")))
                        on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                            if ev.key() == "Enter" {
                                ev.prevent_default();
                                visit();
                            }
                        }
                    >
                        {address}
                    </textarea>
                    <button type="submit" class="btn btn-small" data-testid="browser-go">"Go"</button>
                </form>
                <div class="browser-page" data-testid="browser-page">
                    {move || match f.browser_page().get() {
                        BrowserPage::Blank => view! { <BlankPage /> }.into_any(),
                        BrowserPage::Consent(screen) => view! { <ConsentPage screen=screen /> }.into_any(),
                        BrowserPage::Error(page) => view! { <ErrorPageView page=page /> }.into_any(),
                        BrowserPage::Callback(cb) => view! { <CallbackPage callback=cb /> }.into_any(),
                    }}
                </div>
            </div>
        </PaneFrame>
    }
}

#[component]
fn BlankPage() -> impl IntoView {
    view! {
        <div class="page page-blank">
            <h3 id="browser-page-heading" tabindex="-1">"No page yet"</h3>
            <p class="muted">"Your app opens its authorize URL here (step one). You can also type a URL in the address bar."</p>
        </div>
    }
}

#[component]
fn ConsentPage(screen: ConsentScreen) -> impl IntoView {
    let pg = use_playground();
    let f = pg.flow;
    let app = browser::display_app(&screen);
    let accounts = screen.accounts.clone();
    let scopes = screen.scopes.clone();
    let expires_at = screen.expires_at;
    let account_option = move |slug: String, name: String, id: String| {
        let testid = format!("consent-account-{slug}");
        let input_id = format!("consent-account-{slug}-input");
        let label_for = input_id.clone();
        let value = slug.clone();
        let checked_slug = slug.clone();
        view! {
            <label class="account" for=label_for>
                <input
                    type="radio"
                    name="consent-account"
                    id=input_id
                    data-testid=testid
                    value=value
                    prop:checked=move || f.consent_account().get() == checked_slug
                    on:change=move |_| f.consent_account().set(slug.clone())
                />
                <span class="account-avatar" aria-hidden="true">{name.split_whitespace().filter_map(|w| w.chars().next()).take(2).collect::<String>()}</span>
                <span class="account-text">
                    <span class="account-name">{name}</span>
                    <span class="account-id muted">{id}</span>
                </span>
            </label>
        }
    };
    let scope_option = move |name: String| {
        let testid = format!("consent-scope-{name}");
        let input_id = format!("consent-scope-{name}-input");
        let label_for = input_id.clone();
        let checked_name = name.clone();
        let change_name = name.clone();
        let description = scope_description(&name);
        view! {
            <label class="check" for=label_for>
                <input
                    type="checkbox"
                    id=input_id
                    data-testid=testid
                    prop:checked=move || f.consent_scopes().with(|s| s.contains(&checked_name))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        let name = change_name.clone();
                        f.consent_scopes().update(|s| {
                            s.retain(|x| *x != name);
                            if on { s.push(name); }
                        });
                    }
                />
                <span><code>{name.clone()}</code><span class="muted">{format!(" — {description}")}</span></span>
            </label>
        }
    };
    let connect_missing = move || f.consent_scopes().with(|s| !s.iter().any(|x| x == "connect"));
    view! {
        <div class="page consent">
            <p class="consent-brand">"Make App Academy · sign-in"</p>
            <h3 id="browser-page-heading" tabindex="-1">
                <span class="consent-app">{app.clone()}</span>" wants to access your Academy account"
            </h3>
            <p class="muted consent-detail">
                "After your decision you go back to " <code>{screen.redirect_uri.clone()}</code>
            </p>
            <fieldset class="accounts">
                <legend>"Choose the account to connect"</legend>
                {accounts.into_iter().map(|a| account_option(a.slug, a.name, a.id)).collect_view()}
            </fieldset>
            <fieldset class="scopes">
                <legend>{format!("Allow {app} to")}</legend>
                {scopes.into_iter().map(scope_option).collect_view()}
            </fieldset>
            {move || connect_missing().then(|| view! {
                <p class="hint" role="note">"Without connect, Allow sends the browser back with an error: the connect scope is required."</p>
            })}
            <p class="muted consent-expiry">"This consent screen expires in " <Countdown until=expires_at bare=true /> "."</p>
            <div class="actions consent-actions">
                <button type="button" class="btn" data-testid="consent-deny" on:click=move |_| browser::decide(&pg, false)>"Deny"</button>
                <button type="button" class="btn btn-primary" data-testid="consent-allow" on:click=move |_| browser::decide(&pg, true)>"Allow"</button>
            </div>
        </div>
    }
}

#[component]
fn ErrorPageView(page: ErrorPage) -> impl IntoView {
    let body = pretty_if_json(&page.body).unwrap_or(page.body.clone());
    // Status 0: the browser's own page (an address outside the simulation).
    let from_server = page.status != 0;
    view! {
        <div class="page page-error">
            <p class="consent-brand">{if from_server { "Make App Academy" } else { "Browser" }}</p>
            <h3 id="browser-page-heading" tabindex="-1">
                {from_server.then(|| view! { <StatusBadge status=page.status testid=Some("browser-error-status") />" " })}
                <span data-testid="browser-error">{if page.message.is_empty() { status_text(page.status) } else { page.message.clone() }}</span>
            </h3>
            {from_server.then(|| view! {
                <p class="muted">"The server answered with an error page. No redirect happened, so nothing reached the redirect URI."</p>
            })}
            {page.explanation.map(|text| view! { <Explanation text=text /> })}
            {(!body.is_empty()).then(|| view! {
                <details class="raw">
                    <summary>"Page source"</summary>
                    <pre class="code">{body}</pre>
                </details>
            })}
        </div>
    }
}

#[component]
fn CallbackPage(callback: Callback) -> impl IntoView {
    let pg = use_playground();
    let f = pg.flow;
    let received_at = callback.received_at;
    // Step three is done once a /token answer succeeded after this callback.
    let exchanged = move || f.token_answer().with(|a| a.as_ref().is_some_and(|a| a.ok() && a.at >= received_at));
    let host = host_of(&callback.base);
    let code = callback.code();
    let error = callback.error();
    let explanation = browser::callback_explanation(&crate::playground::use_playground(), &callback);
    let params = callback.params.clone();
    // The Make connection's callback: the connection read it, not the app.
    let by_make = pg.make.callback.with_untracked(|c| c.as_deref() == Some(callback.url.as_str()));
    let step_three = code.clone().filter(|_| !by_make);
    view! {
        <div class="page page-callback">
            <p class="consent-brand">{host}</p>
            <h3 id="browser-page-heading" tabindex="-1">
                {if code.is_some() { "Back at the redirect URI, with a code" } else if error.is_some() { "Back at the redirect URI, with an error" } else { "Back at the redirect URI" }}
            </h3>
            {if by_make {
                view! { <p class="muted" data-testid="browser-make-callback">"Make's callback: the Make connection read the query and went on to token and info (see the Make connection pane):"</p> }.into_any()
            } else {
                view! { <p class="muted">"This is your app's callback. In Make, this page finishes the connection; here, your app (step two) reads the query:"</p> }.into_any()
            }}
            <dl class="kv">
                {params.into_iter().map(|(k, v)| view! { <dt><code>{k}</code></dt><dd><code class="value wrap">{v}</code></dd> }).collect_view()}
            </dl>
            {explanation.map(|text| view! { <Explanation text=text /> })}
            {step_three.map(|_| view! {
                {move || if exchanged() {
                    view! { <p class="tag tag-ok block">"✓ Your app exchanged this code for tokens in step three."</p> }.into_any()
                } else {
                    view! {
                        <div class="actions">
                            <button type="button" class="btn btn-primary" data-testid="browser-to-step-3"
                                on:click=move |_| crate::widgets::reveal::jump_to("step-3", "token-exchange-button")>
                                "Go to step three"
                            </button>
                        </div>
                    }.into_any()
                }}
            })}
        </div>
    }
}
