//! The app's flow as a pure state machine: the flow's data plus an event
//! gives the new data and the effects to carry out (send this request,
//! announce this, move focus there). No Leptos and no browser here; the
//! shell in `flow/mod.rs` carries the effects out, and the tests below run
//! the machine natively against a real engine.
//!
//! What happened is read from the engine's typed outcome. The simulated app
//! and browser still read what a real one reads: the token answer's token
//! values, the consent page, the redirect's `Location`.

use academy_engine::http::{absolute_url, encode_loose, host_of, path_of, split_query, status_text, with_query_lists, Request};
use academy_engine::oauth::ConsentDecision;
use academy_engine::outcome::{Change, Grant};
use academy_engine::{Account, Client, Exchange, Millis, Origin, Outcome, Response, Scope, Settings, BASE_URL, HOST};

use super::state::{Answer, BrowserPage, Callback, ConsentScreen, ErrorPage, FlowData, HeldTokens, TokenAnswer, TokenSource};
use crate::explain::{explain, Situation, Step};

const MINUTE: Millis = 60_000;

/// What the app knows of the world when an event happens.
#[derive(Clone, Debug)]
pub struct Ctx {
    pub client: Option<Client>,
    pub now: Millis,
    pub settings: Settings,
}

#[derive(Clone, Debug)]
pub enum Event {
    /// Step one's fields changed: rebuild the authorize URL.
    EditAuthorize,
    /// Step one's button: the app sends the browser to its authorize URL.
    OpenAuthorize,
    /// The browser goes to an address.
    Navigate(String),
    /// Allow or Deny on the consent screen.
    Decide { allow: bool },
    /// Step three.
    ExchangeCode,
    /// Step five.
    Refresh,
    /// Step six.
    Invalidate,
    /// Step four: the composer's request.
    CallApi,
    RestoreTokenBody,
    RestoreRefreshBody,
    /// The shell's report of a request it sent for `purpose`: the exchange as
    /// the engine logged it.
    Answered { purpose: Purpose, exchange: Box<Exchange> },
}

/// Why a request was sent, so its answer lands in the right place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Navigate,
    Consent,
    /// `/token` or `/refresh`: one path for both grants.
    Grant(Grant),
    Api,
    Invalidate,
}

impl Purpose {
    pub fn origin(self) -> Origin {
        match self {
            Purpose::Navigate | Purpose::Consent => Origin::Browser,
            _ => Origin::App,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    Send { request: Request, purpose: Purpose },
    /// The consent decision, posted by the browser (answered as `Purpose::Consent`).
    Consent(ConsentDecision),
    Announce(String),
    /// Move keyboard focus to the element with this id.
    Focus(&'static str),
}

/// The element the browser pane's page heading has.
pub const BROWSER_HEADING: &str = "browser-page-heading";

pub fn update(data: &mut FlowData, event: Event, ctx: &Ctx) -> Vec<Effect> {
    let client = ctx.client.as_ref();
    match event {
        Event::EditAuthorize => {
            data.authorize_url = authorize_url(client, &data.scopes, &data.state_param);
            vec![]
        }
        Event::OpenAuthorize => navigate(data, &data.authorize_url.clone(), ctx),
        Event::Navigate(url) => navigate(data, &url, ctx),
        Event::Decide { allow } => {
            let BrowserPage::Consent(screen) = &data.browser_page else { return vec![] };
            let account = Account::from_slug(&data.consent_account).unwrap_or(Account::John);
            let scopes = data.consent_scopes.iter().filter_map(|s| Scope::parse(s)).collect();
            vec![Effect::Consent(ConsentDecision { ticket: screen.ticket.clone(), account, scopes, allow })]
        }
        Event::ExchangeCode => vec![Effect::Send { request: post("/token", &data.token_body), purpose: Purpose::Grant(Grant::AuthorizationCode) }],
        Event::Refresh => vec![Effect::Send { request: post("/refresh", &data.refresh_body), purpose: Purpose::Grant(Grant::RefreshToken) }],
        Event::Invalidate => {
            let token = data.held.as_ref().map(|h| h.access_token.clone()).unwrap_or_default();
            let mut request = Request::new("GET", &format!("{BASE_URL}/invalidate"));
            if !token.is_empty() {
                request = request.header("authorization", &format!("Bearer {token}"));
            }
            vec![Effect::Send { request, purpose: Purpose::Invalidate }]
        }
        Event::CallApi => vec![Effect::Send { request: composer_request(data), purpose: Purpose::Api }],
        Event::RestoreTokenBody => {
            let code = data.callback.as_ref().and_then(Callback::code).unwrap_or_default();
            data.token_body = token_body(client, &code);
            vec![]
        }
        Event::RestoreRefreshBody => {
            let refresh = data.held.as_ref().map(|h| h.refresh_token.clone()).unwrap_or_default();
            data.refresh_body = refresh_body(client, &refresh);
            vec![]
        }
        Event::Answered { purpose, exchange } => {
            let Exchange { request, response, outcome, .. } = *exchange;
            answered(data, purpose, &request, &response, outcome, ctx)
        }
    }
}

fn answered(data: &mut FlowData, purpose: Purpose, request: &Request, response: &Response, outcome: Outcome, ctx: &Ctx) -> Vec<Effect> {
    match purpose {
        Purpose::Navigate | Purpose::Consent => browser_answer(data, response, outcome, ctx),
        Purpose::Grant(grant) => grant_answer(data, grant, request, response, outcome, ctx),
        Purpose::Invalidate | Purpose::Api => api_answer(data, purpose, request, response, outcome, ctx),
    }
}

/// The authorize URL for these scopes and state, in the docs' parameter order.
pub fn authorize_url(client: Option<&Client>, scopes: &[String], state: &str) -> String {
    let (client_id, redirect_uri) = client.map(|c| (c.client_id.as_str(), c.registration.redirect_uri.as_str())).unwrap_or(("", ""));
    let ordered: Vec<&str> = Scope::ALL.iter().map(|s| s.name()).filter(|name| scopes.iter().any(|s| s == name)).collect();
    let scope = ordered.join(" ");
    let mut pairs = vec![("scope", scope.as_str()), ("client_id", client_id), ("redirect_uri", redirect_uri), ("response_type", "code")];
    if !state.is_empty() {
        pairs.push(("state", state));
    }
    // `scope` joins its words with `+`, as browsers and the docs' examples do.
    with_query_lists(&format!("{BASE_URL}/authorize"), &pairs, &["scope"])
}

fn json_string(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}

fn credentials(client: Option<&Client>) -> (&str, &str, &str) {
    client.map(|c| (c.client_id.as_str(), c.client_secret.as_str(), c.registration.redirect_uri.as_str())).unwrap_or(("", "", ""))
}

/// The /token body, in the order the docs list its fields.
pub fn token_body(client: Option<&Client>, code: &str) -> String {
    let (id, secret, redirect) = credentials(client);
    format!(
        "{{\n  \"code\": {},\n  \"client_id\": {},\n  \"client_secret\": {},\n  \"grant_type\": \"authorization_code\",\n  \"redirect_uri\": {}\n}}",
        json_string(code),
        json_string(id),
        json_string(secret),
        json_string(redirect)
    )
}

/// The /refresh body.
pub fn refresh_body(client: Option<&Client>, refresh_token: &str) -> String {
    let (id, secret, _) = credentials(client);
    format!(
        "{{\n  \"client_id\": {},\n  \"client_secret\": {},\n  \"grant_type\": \"refresh_token\",\n  \"refresh_token\": {}\n}}",
        json_string(id),
        json_string(secret),
        json_string(refresh_token)
    )
}

/// JSON when it looks like JSON, else form-encoded (both are accepted).
fn content_type(body: &str) -> &'static str {
    let t = body.trim_start();
    if t.starts_with('{') || t.starts_with('[') || t.is_empty() {
        "application/json"
    } else {
        "application/x-www-form-urlencoded"
    }
}

/// A POST to the API with a JSON or form body.
pub fn post(path: &str, body: &str) -> Request {
    Request::new("POST", &format!("{BASE_URL}{path}")).header("Content-Type", content_type(body)).body(body.to_string())
}

/// Methods that carry a body.
pub fn sends_body(method: &str) -> bool {
    matches!(method.trim().to_ascii_uppercase().as_str(), "POST" | "PUT" | "PATCH")
}

/// The authorization header the composer sends: a hand-edited one, or the held token.
pub fn composer_auth(data: &FlowData) -> String {
    match &data.api_auth {
        Some(custom) => custom.clone(),
        None => data.held.as_ref().map(|h| format!("Bearer {}", h.access_token)).unwrap_or_default(),
    }
}

/// The request the composer will send.
pub fn composer_request(data: &FlowData) -> Request {
    let method = data.api_method.trim().to_ascii_uppercase();
    let mut request = Request::new(&method, &absolute_url(&encode_loose(&data.api_path)));
    let auth = composer_auth(data);
    if !auth.trim().is_empty() {
        request = request.header("authorization", auth.trim());
    }
    if sends_body(&method) && !data.api_body.trim().is_empty() {
        request = request.header("Content-Type", "application/json").body(data.api_body.clone());
    }
    request
}

/// The browser goes to `url`: the Academy answers, or the page is the callback.
fn navigate(data: &mut FlowData, url: &str, ctx: &Ctx) -> Vec<Effect> {
    let url = url.trim();
    if url.is_empty() {
        return vec![];
    }
    let absolute = absolute_url(url);
    data.browser_url = absolute.clone();
    if host_of(&absolute) == HOST {
        let request = Request::new("GET", &absolute).header("Accept", "text/html,application/json");
        return vec![Effect::Send { request, purpose: Purpose::Navigate }];
    }
    let registered = ctx.client.as_ref().map(|c| c.registration.redirect_uri.clone()).unwrap_or_default();
    if split_query(&absolute).0 == registered {
        return arrive_at_callback(data, &absolute, None, ctx);
    }
    data.browser_page = BrowserPage::Error(ErrorPage {
        status: 0,
        error: None,
        message: "This address is outside the simulation.".into(),
        body: String::new(),
        explanation: Some(format!(
            "Only the Academy ({HOST}) and your app's redirect URI ({registered}) live in this playground. Open an Academy URL, such as the authorize URL from step one."
        )),
    });
    vec![Effect::Announce("That address is outside the simulation.".into()), Effect::Focus(BROWSER_HEADING)]
}

/// What the browser shows after the Academy answered a navigation or the consent form.
fn browser_answer(data: &mut FlowData, response: &Response, outcome: Outcome, ctx: &Ctx) -> Vec<Effect> {
    let opened = outcome.changed(|c| matches!(c, Change::ConsentOpened { .. }));
    if let (true, Some(screen)) = (opened, consent_screen(response)) {
        let keep = screen.accounts.iter().any(|a| a.slug == data.consent_account);
        if !keep {
            data.consent_account = screen.accounts.first().map(|a| a.slug.clone()).unwrap_or_else(|| "john".into());
        }
        data.consent_scopes = screen.scopes.clone();
        let app = display_app(&screen);
        data.browser_page = BrowserPage::Consent(screen);
        return vec![Effect::Announce(format!("The browser shows the consent screen of {app}.")), Effect::Focus(BROWSER_HEADING)];
    }
    match response.header_value("location") {
        Some(location) if (300..400).contains(&response.status) => {
            let location = location.to_string();
            data.browser_url = location.clone();
            arrive_at_callback(data, &location, outcome.error, ctx)
        }
        _ => {
            let message = outcome.error.as_ref().map(|e| e.message()).unwrap_or_default();
            let situation = Situation { step: Step::Authorize, ..Default::default() };
            let explanation = outcome.error.as_ref().map(|e| explain(e, &situation, &ctx.settings));
            let announce = format!("The browser shows an error page: {} {message}", status_text(response.status));
            data.browser_page = BrowserPage::Error(ErrorPage { status: response.status, error: outcome.error, message, body: response.body_text(), explanation });
            vec![Effect::Announce(announce), Effect::Focus(BROWSER_HEADING)]
        }
    }
}

/// The consent page the browser renders from the Academy's answer.
fn consent_screen(response: &Response) -> Option<ConsentScreen> {
    let value = response.json()?;
    academy_json::from_value(value.get("consent")?).ok()
}

pub fn display_app(screen: &ConsentScreen) -> String {
    if screen.app.is_empty() {
        "your app".into()
    } else {
        screen.app.clone()
    }
}

/// The browser lands on the redirect URI; the app reads `code` or `error.message`.
fn arrive_at_callback(data: &mut FlowData, url: &str, error: Option<academy_engine::ErrorKind>, ctx: &Ctx) -> Vec<Effect> {
    let callback = Callback::parse(url, ctx.now, error);
    let mut effects = Vec::new();
    if let Some(code) = callback.code() {
        data.token_body = token_body(ctx.client.as_ref(), &code);
        effects.push(Effect::Announce("The browser came back to the redirect URI with a code. Your app can exchange it in step three.".into()));
    } else if let Some(error) = callback.error() {
        effects.push(Effect::Announce(format!("The browser came back to the redirect URI with an error: {error}")));
    }
    data.callback = Some(callback.clone());
    data.browser_page = BrowserPage::Callback(callback);
    effects.push(Effect::Focus(BROWSER_HEADING));
    effects
}

/// The explanation of a callback's error, when the server typed it.
pub fn callback_explanation(callback: &Callback, settings: &Settings) -> Option<String> {
    let situation = Situation { step: Step::Callback, ..Default::default() };
    match (&callback.error_kind, callback.error()) {
        (Some(kind), _) => Some(explain(kind, &situation, settings)),
        (None, Some(_)) => Some("This error.message was typed into the address bar, not sent by the server, so there is nothing more to explain.".into()),
        (None, None) => None,
    }
}

/// What the app knew about the token a request carried.
fn situation(data: &FlowData, step: Step, token: Option<&str>, ctx: &Ctx) -> Situation {
    let mut s = Situation { step, ..Default::default() };
    let client_id = ctx.client.as_ref().map(|c| c.client_id.as_str()).unwrap_or("");
    if let Some(h) = &data.held {
        let is_held = token.is_some_and(|t| t == h.access_token) || step == Step::Refresh;
        if is_held {
            s.invalidated = h.invalidated_at.is_some();
            s.reregistered = h.client_id != client_id;
        }
    }
    s.replaced_by_refresh = token.is_some_and(|t| data.previous.iter().any(|p| p.access_token == t));
    s
}

fn answer(request: &Request, response: &Response, outcome: &Outcome, situation: &Situation, ctx: &Ctx) -> Answer {
    Answer {
        at: ctx.now,
        method: request.method.clone(),
        url: request.url.clone(),
        status: response.status,
        headers: response.headers.clone(),
        body: response.body_text(),
        error: outcome.error.clone(),
        explanation: outcome.error.as_ref().map(|e| explain(e, situation, &ctx.settings)),
        expires_in: outcome.changes.iter().find_map(|c| match c {
            Change::TokensIssued { expires_in, .. } => Some(*expires_in),
            _ => None,
        }),
    }
}

/// `/token` and `/refresh` answered: one path for both grants.
fn grant_answer(data: &mut FlowData, grant: Grant, request: &Request, response: &Response, outcome: Outcome, ctx: &Ctx) -> Vec<Effect> {
    let (step, path, source, slot) = match grant {
        Grant::AuthorizationCode => (Step::Token, "/token", TokenSource::Exchange, TokenAnswer::Exchange),
        Grant::RefreshToken => (Step::Refresh, "/refresh", TokenSource::Refresh, TokenAnswer::Refresh),
    };
    let answer = answer(request, response, &outcome, &situation(data, step, None, ctx), ctx);
    let issued = outcome.changes.iter().find_map(|c| match c {
        Change::TokensIssued { expires_in, refresh_expires_in, .. } => Some((*expires_in, *refresh_expires_in)),
        _ => None,
    });
    let held = issued.and_then(|(expires_in, refresh_expires_in)| held_from(response, expires_in, refresh_expires_in, source, ctx));
    let announce = match &held {
        Some(tokens) if grant == Grant::AuthorizationCode => format!(
            "POST {path} answered {}. Your app now holds an access token for {} minutes and a refresh token for {} minutes.",
            answer.status_line(),
            tokens.expires_in,
            tokens.refresh_expires_in
        ),
        Some(_) => format!("POST {path} answered {}. Your app holds a new access token and a new refresh token; the old pair no longer works.", answer.status_line()),
        None => format!("POST {path} answered {}. {}", answer.status_line(), answer.explanation.clone().unwrap_or_default()),
    };
    if let Some(tokens) = held {
        hold(data, tokens, ctx);
    }
    match grant {
        Grant::AuthorizationCode => data.token_answer = Some(answer),
        Grant::RefreshToken => data.refresh_answer = Some(answer),
    }
    data.last_token_answer = Some(slot);
    vec![Effect::Announce(announce)]
}

/// The tokens a real client keeps from a token answer: their values from
/// the body, their expiry from the lifetimes (`addMinutes(now, expires_in)`).
fn held_from(response: &Response, expires_in: u32, refresh_expires_in: u32, source: TokenSource, ctx: &Ctx) -> Option<HeldTokens> {
    let body = response.json()?;
    let token = |name: &str| body.get(name).and_then(|t| t.as_str()).map(str::to_string);
    let (expires_in, refresh_expires_in) = (i64::from(expires_in), i64::from(refresh_expires_in));
    Some(HeldTokens {
        access_token: token("access_token")?,
        refresh_token: token("refresh_token").unwrap_or_default(),
        expires_in,
        refresh_expires_in,
        received_at: ctx.now,
        access_expires_at: ctx.now + expires_in * MINUTE,
        refresh_expires_at: ctx.now + refresh_expires_in * MINUTE,
        source,
        client_id: ctx.client.as_ref().map(|c| c.client_id.clone()).unwrap_or_default(),
        invalidated_at: None,
    })
}

fn hold(data: &mut FlowData, tokens: HeldTokens, ctx: &Ctx) {
    if let Some(old) = data.held.take() {
        data.previous.insert(0, old);
        data.previous.truncate(3);
    }
    data.refresh_body = refresh_body(ctx.client.as_ref(), &tokens.refresh_token);
    data.held = Some(tokens);
    data.api_auth = None;
}

/// Step four's and step six's answers.
fn api_answer(data: &mut FlowData, purpose: Purpose, request: &Request, response: &Response, outcome: Outcome, ctx: &Ctx) -> Vec<Effect> {
    let token = request.header_value("authorization").map(|a| a.trim_start_matches("Bearer").trim().to_string());
    let step = if purpose == Purpose::Invalidate { Step::Invalidate } else { Step::Api };
    let answer = answer(request, response, &outcome, &situation(data, step, token.as_deref(), ctx), ctx);
    let removed = outcome.changed(|c| matches!(c, Change::ConnectionRemoved { .. }));
    if removed {
        if let Some(h) = data.held.as_mut().filter(|h| token.as_deref() == Some(h.access_token.as_str())) {
            h.invalidated_at = Some(ctx.now);
        }
    }
    let said = if purpose == Purpose::Invalidate && removed {
        format!("GET /invalidate answered {}. The connection is removed; its tokens will be refused from now on.", answer.status_line())
    } else {
        format!("{} {} answered {}. {}", request.method, path_of(&request.url), answer.status_line(), answer.explanation.clone().unwrap_or_default())
    };
    match purpose {
        Purpose::Invalidate => data.invalidate_answer = Some(answer),
        _ => data.api_answer = Some(answer),
    }
    vec![Effect::Announce(said.trim_end().to_string())]
}

#[cfg(test)]
mod tests;
