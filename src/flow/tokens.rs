//! Steps three, five and six: exchanging the code, refreshing, invalidating,
//! and the tokens the app holds.

use leptos::prelude::*;

use academy_engine::{Client, Origin, Request, BASE_URL};

use super::{Answer, HeldTokens, TokenAnswer, TokenSource};
use crate::clock::MINUTE;
use crate::explain::{Situation, Step};
use crate::playground::Playground;

fn json_string(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
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

fn credentials(client: Option<&Client>) -> (&str, &str, &str) {
    client
        .map(|c| (c.client_id.as_str(), c.client_secret.as_str(), c.registration.redirect_uri.as_str()))
        .unwrap_or(("", "", ""))
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

/// Puts the correct bodies back (after re-registering or a new code).
pub fn restore_token_body(pg: &Playground) {
    let code = pg.flow.callback.get_untracked().and_then(|c| c.code()).unwrap_or_default();
    pg.flow.token_body.set(token_body(pg.client_untracked().as_ref(), &code));
}

pub fn restore_refresh_body(pg: &Playground) {
    let refresh = pg.flow.held.get_untracked().map(|h| h.refresh_token).unwrap_or_default();
    pg.flow.refresh_body.set(refresh_body(pg.client_untracked().as_ref(), &refresh));
}

/// What the app knew when it sent a request carrying `token`.
pub fn situation(pg: &Playground, step: Step, method: &str, token: Option<&str>) -> Situation {
    let now = pg.clock.now();
    let held = pg.flow.held.get_untracked();
    let client_id = pg.client_untracked().map(|c| c.client_id).unwrap_or_default();
    let mut s = Situation {
        step,
        method: method.to_string(),
        token_sent: token.is_some_and(|t| !t.is_empty()),
        ..Default::default()
    };
    if let Some(h) = held {
        let is_held_access = token.is_some_and(|t| t == h.access_token);
        let mentions_refresh = step == Step::Refresh;
        if is_held_access || mentions_refresh {
            s.access_expired = now >= h.access_expires_at;
            s.invalidated = h.invalidated_at.is_some();
            s.reregistered = h.client_id != client_id;
        }
    }
    s
}

fn post(path: &str, body: &str) -> Request {
    Request::new("POST", &format!("{BASE_URL}{path}")).header("Content-Type", content_type(body)).body(body.to_string())
}

/// Reads a token answer into held tokens.
fn held_from(answer: &Answer, at: i64, source: TokenSource, client_id: String) -> Option<HeldTokens> {
    let v: serde_json::Value = serde_json::from_str(&answer.body).ok()?;
    let access_token = v.get("access_token")?.as_str()?.to_string();
    let refresh_token = v.get("refresh_token").and_then(|t| t.as_str()).unwrap_or_default().to_string();
    let expires_in = v.get("expires_in").and_then(|n| n.as_i64()).unwrap_or(0);
    let refresh_expires_in = v.get("refresh_expires_in").and_then(|n| n.as_i64()).unwrap_or(0);
    Some(HeldTokens {
        access_token,
        refresh_token,
        expires_in,
        refresh_expires_in,
        received_at: at,
        access_expires_at: at + expires_in * MINUTE,
        refresh_expires_at: at + refresh_expires_in * MINUTE,
        source,
        client_id,
        invalidated_at: None,
    })
}

fn hold(pg: &Playground, tokens: HeldTokens) {
    let f = pg.flow;
    if let Some(old) = f.held.get_untracked() {
        f.previous.update(|p| {
            p.insert(0, old);
            p.truncate(3);
        });
    }
    f.held.set(Some(tokens));
    f.api_auth.set(None);
    restore_refresh_body(pg);
}

/// Step three: POST /token with the (possibly edited) body.
pub fn exchange(pg: &Playground) {
    let body = pg.flow.token_body.get_untracked();
    let request = post("/token", &body);
    let situation = situation(pg, Step::Token, "POST", None);
    let response = pg.send(request.clone(), Origin::App);
    let at = pg.clock.now();
    let answer = Answer::new(&request, &response, at, &situation);
    let client_id = pg.client_untracked().map(|c| c.client_id).unwrap_or_default();
    match (answer.ok(), held_from(&answer, at, TokenSource::Exchange, client_id)) {
        (true, Some(tokens)) => {
            pg.announce(format!(
                "POST /token answered {}. Your app now holds an access token for {} minutes and a refresh token for {} minutes.",
                answer.status_line(),
                tokens.expires_in,
                tokens.refresh_expires_in
            ));
            hold(pg, tokens);
        }
        _ => pg.announce(format!(
            "POST /token answered {}. {}",
            answer.status_line(),
            answer.explanation.clone().unwrap_or_default()
        )),
    }
    pg.flow.token_answer.set(Some(answer));
    pg.flow.last_token_answer.set(Some(TokenAnswer::Exchange));
}

/// Step five: POST /refresh.
pub fn refresh(pg: &Playground) {
    let body = pg.flow.refresh_body.get_untracked();
    let request = post("/refresh", &body);
    let situation = situation(pg, Step::Refresh, "POST", None);
    let response = pg.send(request.clone(), Origin::App);
    let at = pg.clock.now();
    let answer = Answer::new(&request, &response, at, &situation);
    let client_id = pg.client_untracked().map(|c| c.client_id).unwrap_or_default();
    match (answer.ok(), held_from(&answer, at, TokenSource::Refresh, client_id)) {
        (true, Some(tokens)) => {
            pg.announce(format!(
                "POST /refresh answered {}. Your app holds a new access token and a new refresh token; the old pair no longer works.",
                answer.status_line()
            ));
            hold(pg, tokens);
        }
        _ => pg.announce(format!(
            "POST /refresh answered {}. {}",
            answer.status_line(),
            answer.explanation.clone().unwrap_or_default()
        )),
    }
    pg.flow.refresh_answer.set(Some(answer));
    pg.flow.last_token_answer.set(Some(TokenAnswer::Refresh));
}

/// Step six: GET /invalidate with the held access token.
pub fn invalidate(pg: &Playground) {
    let token = pg.flow.held.get_untracked().map(|h| h.access_token).unwrap_or_default();
    let mut request = Request::new("GET", &format!("{BASE_URL}/invalidate"));
    if !token.is_empty() {
        request = request.header("authorization", &format!("Bearer {token}"));
    }
    let situation = situation(pg, Step::Invalidate, "GET", Some(&token));
    let response = pg.send(request.clone(), Origin::App);
    let at = pg.clock.now();
    let answer = Answer::new(&request, &response, at, &situation);
    if answer.ok() {
        pg.flow.held.update(|h| {
            if let Some(h) = h {
                h.invalidated_at = Some(at);
            }
        });
        pg.announce(format!(
            "GET /invalidate answered {}. The connection is removed; its tokens will be refused from now on.",
            answer.status_line()
        ));
    } else {
        pg.announce(format!(
            "GET /invalidate answered {}. {}",
            answer.status_line(),
            answer.explanation.clone().unwrap_or_default()
        ));
    }
    pg.flow.invalidate_answer.set(Some(answer));
}
