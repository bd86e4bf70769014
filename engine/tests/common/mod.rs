//! A test harness that drives the engine only through its public surface:
//! a registered app, a clock the test moves, seeded randomness, and
//! shortcuts for each step of the flow.
#![allow(dead_code)]

use academy_engine::oauth::registration::MAKE_REDIRECT_URI;
use academy_engine::oauth::ConsentDecision;
use academy_engine::{Account, Client, Engine, Millis, Origin, Registration, Request, Response, Scope, SeededEntropy};
use serde_json::{json, Value};

/// 2023-11-14T22:13:20Z: any fixed start works; the engine never reads a clock.
pub const START: Millis = 1_700_000_000_000;
pub const MINUTE: Millis = 60_000;
pub const ALL_SCOPES: [Scope; 4] = [Scope::Connect, Scope::Read, Scope::Write, Scope::Delete];

/// The token pair of a connection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tokens {
    pub access: String,
    pub refresh: String,
}

pub struct Harness {
    pub engine: Engine,
    pub entropy: SeededEntropy,
    pub now: Millis,
    /// The registered app (empty credentials before registration).
    pub client: Client,
}

pub fn registration() -> Registration {
    Registration {
        email: "ada@example.com".to_string(),
        first_name: "Ada".to_string(),
        last_name: "Lovelace".to_string(),
        redirect_uri: MAKE_REDIRECT_URI.to_string(),
    }
}

impl Harness {
    /// A server with no app registered.
    pub fn new() -> Self {
        Harness {
            engine: Engine::default(),
            entropy: SeededEntropy::new(7),
            now: START,
            client: Client { client_id: String::new(), client_secret: String::new(), api_key: String::new(), registration: registration(), registered_at: START },
        }
    }

    /// A server with the default app registered (redirect URI: Make's callback).
    pub fn registered() -> Self {
        let mut h = Harness::new();
        h.register();
        h
    }

    /// Submits the access form (again): new credentials.
    pub fn register(&mut self) -> Client {
        self.client = self.engine.register(registration(), self.now, &mut self.entropy);
        self.client.clone()
    }

    pub fn advance(&mut self, ms: Millis) {
        self.now += ms;
    }

    /// Any request, as the app pane would send it.
    pub fn handle(&mut self, request: Request) -> Response {
        self.engine.handle(request, Origin::App, self.now, &mut self.entropy)
    }

    /// `GET /authorize?{query}`, as the browser would.
    pub fn authorize(&mut self, query: &str) -> Response {
        let request = Request::new("GET", &format!("/authorize?{query}"));
        self.engine.handle(request, Origin::Browser, self.now, &mut self.entropy)
    }

    /// The authorize query a correct app sends for these scopes.
    pub fn authorize_query(&self, scopes: &[Scope], state: Option<&str>) -> String {
        let scope = scopes.iter().map(|s| s.name()).collect::<Vec<_>>().join("+");
        let mut q = format!("client_id={}&redirect_uri={}&response_type=code&scope={scope}", self.client.client_id, encode(&self.client.registration.redirect_uri));
        if let Some(state) = state {
            q.push_str(&format!("&state={}", encode(state)));
        }
        q
    }

    /// Opens the consent screen for these scopes and returns its ticket.
    pub fn ticket(&mut self, scopes: &[Scope]) -> String {
        let query = self.authorize_query(scopes, Some("xyz"));
        let r = self.authorize(&query);
        assert_eq!(r.status, 200, "authorize: {}", r.body_text());
        body(&r)["consent"]["ticket"].as_str().expect("ticket").to_string()
    }

    /// The consent decision through `Engine::consent`.
    pub fn consent(&mut self, ticket: &str, account: Account, scopes: &[Scope], allow: bool) -> Response {
        let decision = ConsentDecision { ticket: ticket.to_string(), account, scopes: scopes.to_vec(), allow };
        self.engine.consent(decision, self.now, &mut self.entropy)
    }

    /// Authorize and allow: the code from the callback URL.
    pub fn code(&mut self, account: Account, scopes: &[Scope]) -> String {
        let ticket = self.ticket(scopes);
        let r = self.consent(&ticket, account, scopes, true);
        assert_eq!(r.status, 302, "consent: {}", r.body_text());
        query_param(r.header_value("Location").expect("Location"), "code").expect("code")
    }

    /// `POST /token` with a JSON body of these fields.
    pub fn token_with(&mut self, fields: Value) -> Response {
        self.handle(Request::new("POST", "/token").json(&fields))
    }

    /// The `/token` fields a correct app sends for a code.
    pub fn token_fields(&self, code: &str) -> Value {
        json!({
            "code": code,
            "client_id": self.client.client_id,
            "client_secret": self.client.client_secret,
            "grant_type": "authorization_code",
            "redirect_uri": self.client.registration.redirect_uri,
        })
    }

    /// `POST /token` for a code, with correct credentials and redirect URI.
    pub fn token(&mut self, code: &str) -> Response {
        self.token_with(self.token_fields(code))
    }

    /// `POST /refresh` with a JSON body of these fields.
    pub fn refresh_with(&mut self, fields: Value) -> Response {
        self.handle(Request::new("POST", "/refresh").json(&fields))
    }

    /// The `/refresh` fields a correct app sends for a refresh token.
    pub fn refresh_fields(&self, refresh_token: &str) -> Value {
        json!({
            "client_id": self.client.client_id,
            "client_secret": self.client.client_secret,
            "grant_type": "refresh_token",
            "refresh_token": refresh_token,
        })
    }

    /// `POST /refresh` with correct credentials.
    pub fn refresh(&mut self, refresh_token: &str) -> Response {
        self.refresh_with(self.refresh_fields(refresh_token))
    }

    /// Authorize → consent (allow) → token: a live connection.
    pub fn connect(&mut self, account: Account, scopes: &[Scope]) -> Tokens {
        let code = self.code(account, scopes);
        let r = self.token(&code);
        assert_eq!(r.status, 200, "token: {}", r.body_text());
        tokens(&r)
    }

    /// A bearer call: `token` empty sends no Authorization header; `body`
    /// goes as JSON.
    pub fn api(&mut self, method: &str, path: &str, token: &str, body: Option<&str>) -> Response {
        let mut request = Request::new(method, path);
        if !token.is_empty() {
            request = request.header("Authorization", &format!("Bearer {token}"));
        }
        if let Some(body) = body {
            request = request.header("Content-Type", "application/json").body(body);
        }
        self.handle(request)
    }

    /// `GET /info` status with this token.
    pub fn info_status(&mut self, access: &str) -> u16 {
        self.api("GET", "/info", access, None).status
    }
}

/// A registered server with `account` connected with every scope, and the
/// connection's access token.
pub fn connected(account: Account) -> (Harness, String) {
    let mut h = Harness::registered();
    let tokens = h.connect(account, &ALL_SCOPES);
    (h, tokens.access)
}

/// A bearer `GET` that must answer 200 with JSON; the body.
#[track_caller]
pub fn get(h: &mut Harness, token: &str, path: &str) -> Value {
    let r = h.api("GET", path, token, None);
    assert_eq!(r.status, 200, "{path}: {}", r.body_text());
    assert_eq!(r.header_value("Content-Type"), Some("application/json"), "{path}");
    body(&r)
}

/// The token pair of a `/token` or `/refresh` answer.
pub fn tokens(r: &Response) -> Tokens {
    let b = body(r);
    Tokens { access: b["access_token"].as_str().expect("access_token").to_string(), refresh: b["refresh_token"].as_str().expect("refresh_token").to_string() }
}

/// The body as JSON (panics with the text if it is not).
pub fn body(r: &Response) -> Value {
    r.json().unwrap_or_else(|| panic!("not JSON: {:?}", r.body_text()))
}

/// Asserts a documented error: status, `{"error":{"message","code"}}`.
#[track_caller]
pub fn assert_error(r: &Response, status: u16, message: &str) {
    assert_eq!(r.status, status, "body: {}", r.body_text());
    let b = body(r);
    assert_eq!(b["error"]["message"], message, "body: {b}");
    assert_eq!(b["error"]["code"], status);
    assert_eq!(r.header_value("Content-Type"), Some("application/json"));
}

/// Asserts a redirect to the registered URI carrying `error.message`.
#[track_caller]
pub fn assert_redirect_error(r: &Response, message: &str) {
    assert_eq!(r.status, 302, "body: {}", r.body_text());
    let location = r.header_value("Location").expect("Location");
    assert_eq!(query_param(location, "error.message").as_deref(), Some(message), "location: {location}");
}

/// SPEC "Error body" and "Every body the server returns is valid JSON except
/// the 204": a 204 is empty; anything else is JSON, and an error carries
/// `{"error":{"message","code"}}` with `code` equal to the status and a
/// message ending with a full stop.
#[track_caller]
pub fn assert_well_formed(r: &Response) {
    assert!((100..600).contains(&r.status), "status {}", r.status);
    if r.status == 204 {
        assert!(r.body.is_empty());
        assert!(r.header_value("Content-Type").is_none());
        return;
    }
    assert_eq!(r.header_value("Content-Type"), Some("application/json"), "status {}", r.status);
    let b: Value = r.json().unwrap_or_else(|| panic!("not JSON: {}", r.body_text()));
    if r.status >= 400 {
        assert_eq!(b["error"]["code"], r.status, "{b}");
        let message = b["error"]["message"].as_str().expect("message");
        assert!(message.ends_with('.'), "{message}");
        assert_eq!(b.as_object().map(|o| o.len()), Some(1), "{b}");
        assert_eq!(keys_at_depth(&r.body_text(), 2), ["message", "code"], "{b}");
    }
}

/// The keys written at nesting `depth` of the JSON `text` (1: the outer
/// object's), in the order they are written (a parsed `Value` sorts them).
pub fn keys_at_depth(text: &str, depth_wanted: usize) -> Vec<String> {
    let mut keys = Vec::new();
    let mut depth = 0usize;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' | '[' => depth += 1,
            '}' | ']' => depth = depth.saturating_sub(1),
            '"' => {
                let mut s = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => s.extend(chars.next()),
                        '"' => break,
                        c => s.push(c),
                    }
                }
                while chars.peek().is_some_and(|c| c.is_whitespace()) {
                    chars.next();
                }
                if depth == depth_wanted && chars.peek() == Some(&':') {
                    keys.push(s);
                }
            }
            _ => {}
        }
    }
    keys
}

/// A decoded query parameter of a URL.
pub fn query_param(url: &str, name: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    academy_engine::http::parse_form(query).into_iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

pub fn encode(s: &str) -> String {
    academy_engine::http::percent_encode(s)
}
