//! What the app side of the flow holds and has seen, step by step, as plain
//! data: all of it is saved, so a reload shows the same screen. No Leptos
//! here; `flow::Flow` holds the same fields as signals.

use academy_json::FromJson;
use serde::Serialize;

use academy_engine::{Client, ErrorKind, Scope};

use academy_engine::http::{first as query_value, split_query, status_text};

/// One answer the app or the browser received, as shown under its step.
#[derive(Clone, Debug, Default, PartialEq, Serialize, FromJson)]
#[serde(default)]
pub struct Answer {
    pub at: i64,
    pub method: String,
    pub url: String,
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// The server's error, as the engine typed it.
    pub error: Option<ErrorKind>,
    /// What happened and what to change, for errors.
    pub explanation: Option<String>,
    /// The access token lifetime a token answer issued, in minutes (from the outcome).
    pub expires_in: Option<u32>,
}

impl Answer {
    pub fn status_line(&self) -> String {
        status_text(self.status)
    }

    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// How the held tokens were obtained.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, FromJson)]
pub enum TokenSource {
    #[default]
    Exchange,
    Refresh,
}

/// The tokens the app holds, with expiries computed from the answer, as a
/// real app (or Make's `addMinutes(now, expires_in)`) would.
#[derive(Clone, Debug, Default, PartialEq, Serialize, FromJson)]
#[serde(default)]
pub struct HeldTokens {
    pub access_token: String,
    pub refresh_token: String,
    pub expires_in: i64,
    pub refresh_expires_in: i64,
    pub received_at: i64,
    pub access_expires_at: i64,
    pub refresh_expires_at: i64,
    pub source: TokenSource,
    /// The client they were issued to.
    pub client_id: String,
    /// When the app invalidated them (step six).
    pub invalidated_at: Option<i64>,
}

/// The consent screen, as `GET /authorize` answered it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, FromJson)]
#[serde(default)]
pub struct ConsentScreen {
    pub ticket: String,
    pub app: String,
    pub client_id: String,
    pub redirect_uri: String,
    pub scopes: Vec<String>,
    pub state: Option<String>,
    pub accounts: Vec<ConsentAccount>,
    pub expires_at: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, FromJson)]
#[serde(default)]
pub struct ConsentAccount {
    pub id: String,
    pub name: String,
    pub slug: String,
}

/// An error page the browser shows (no redirect happened).
#[derive(Clone, Debug, Default, PartialEq, Serialize, FromJson)]
#[serde(default)]
pub struct ErrorPage {
    pub status: u16,
    pub error: Option<ErrorKind>,
    pub message: String,
    pub body: String,
    pub explanation: Option<String>,
}

/// The browser arrived at the redirect URI.
#[derive(Clone, Debug, Default, PartialEq, Serialize, FromJson)]
#[serde(default)]
pub struct Callback {
    pub url: String,
    pub base: String,
    pub params: Vec<(String, String)>,
    pub received_at: i64,
    /// The error the server sent back here, as it typed it (none when the
    /// address was typed by hand).
    pub error_kind: Option<ErrorKind>,
}

impl Callback {
    pub fn parse(url: &str, at: i64, error_kind: Option<ErrorKind>) -> Self {
        let (base, params) = split_query(url);
        Callback { url: url.to_string(), base, params, received_at: at, error_kind }
    }

    fn param(&self, name: &str) -> Option<String> {
        query_value(&self.params, name).map(str::to_string)
    }

    pub fn code(&self) -> Option<String> {
        self.param("code")
    }

    /// `error.message` as the URL carries it (what a Make connection reads).
    pub fn error(&self) -> Option<String> {
        self.param("error.message").or_else(|| self.param("error"))
    }

    pub fn state(&self) -> Option<String> {
        self.param("state")
    }
}

/// What the Browser pane shows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, FromJson)]
pub enum BrowserPage {
    #[default]
    Blank,
    Consent(ConsentScreen),
    Error(ErrorPage),
    Callback(Callback),
}

/// Which step's answer holds the last token response.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, FromJson)]
pub enum TokenAnswer {
    #[default]
    Exchange,
    Refresh,
}

/// Every field of the flow, once: `FlowData` (plain, saved) and `Flow`
/// (one signal per field) are both made from this list.
#[macro_export]
macro_rules! with_flow_fields {
    ($make:ident) => {
        $make! {
    /// Step one: the scopes the app asks for.
    scopes: Vec<String>,
    /// Step one: the `state` value the app sends and expects back.
    state_param: String,
    /// Step one: the URL the app will open (editable).
    authorize_url: String,
    /// The Browser pane's address bar.
    browser_url: String,
    browser_page: BrowserPage,
    /// The account picked on the consent screen (`john`, `jane`).
    consent_account: String,
    /// The scopes left ticked on the consent screen.
    consent_scopes: Vec<String>,
    /// Step two: the last callback the app received.
    callback: Option<Callback>,
    /// Step three: the /token body (editable).
    token_body: String,
    token_answer: Option<Answer>,
    /// The tokens the app holds now, and the ones they replaced.
    held: Option<HeldTokens>,
    previous: Vec<HeldTokens>,
    /// Step four: the composer.
    api_method: String,
    api_path: String,
    api_body: String,
    /// A hand-edited authorization header; `None` sends the held token.
    api_auth: Option<String>,
    api_answer: Option<Answer>,
    /// Step five.
    refresh_body: String,
    refresh_answer: Option<Answer>,
    /// Step six.
    invalidate_answer: Option<Answer>,
    last_token_answer: Option<TokenAnswer>,

        }
    };
}

macro_rules! flow_data {
    ($($(#[$doc:meta])* $field:ident : $ty:ty),* $(,)?) => {
        /// Everything the flow shows, as saved.
        #[derive(Clone, Debug, Default, PartialEq, Serialize, FromJson, reactive_stores::Store)]
        #[serde(default)]
        pub struct FlowData { $($(#[$doc])* pub $field: $ty,)* }
    };
}

with_flow_fields!(flow_data);

impl FlowData {
    /// A fresh flow for a newly registered client: all four scopes asked for.
    pub fn fresh(client: Option<&Client>, state_param: String) -> Self {
        let mut data = FlowData {
            scopes: Scope::ALL.iter().map(|s| s.name().to_string()).collect(),
            state_param,
            consent_account: "john".into(),
            api_method: "GET".into(),
            api_path: "/info".into(),
            ..Default::default()
        };
        data.authorize_url = super::machine::authorize_url(client, &data.scopes, &data.state_param);
        data
    }
}
