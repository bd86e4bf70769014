//! What an exchange meant, in types: the one boundary the app reads.
//!
//! The engine records an [`Outcome`] beside every response: which endpoint
//! the request addressed, whether it got past the token and scope checks,
//! the error (one [`ErrorKind`] variant per SPEC error, with its data), who
//! it was about, and what it changed. The app explains, announces and checks
//! progress from this; it never reads a message or a body to learn it.

use academy_json::{FromJson, Tagged};
use serde::Serialize;

use crate::api::ResourceError;
use crate::{Account, Millis, Scope};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, FromJson)]
#[serde(default)]
pub struct Outcome {
    /// The catalogue route the request addressed (`/movies/{id}`), if any.
    pub route: Option<String>,
    /// The request got past every check before the endpoint's own (client,
    /// token, scope) and the endpoint answered it.
    pub reached: bool,
    pub error: Option<ErrorKind>,
    /// Who the exchange was about: the bearer's connection, the consenting
    /// account, or the connection a token was issued to.
    pub subject: Option<Subject>,
    pub changes: Vec<Change>,
}

impl Outcome {
    pub fn is(&self, route: &str) -> bool {
        self.route.as_deref() == Some(route)
    }

    pub fn changed(&self, what: impl Fn(&Change) -> bool) -> bool {
        self.changes.iter().any(what)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson)]
pub struct Subject {
    pub account: Account,
    pub scopes: Vec<Scope>,
}

/// Which grant a token request asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, FromJson, Tagged)]
#[serde(rename_all = "snake_case")]
pub enum Grant {
    AuthorizationCode,
    RefreshToken,
}

impl Grant {
    /// As `grant_type` names it.
    pub fn name(self) -> &'static str {
        self.tag()
    }
}

/// What an exchange changed on the server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson, Tagged)]
#[serde(rename_all = "kebab-case")]
pub enum Change {
    /// `GET /authorize` opened a consent screen.
    ConsentOpened { expires_at: Millis },
    /// The user allowed: a code went to the redirect URI.
    CodeIssued { account: Account, scopes: Vec<Scope>, expires_at: Millis },
    /// `/token` spent a code.
    CodeUsed,
    /// `/token` or `/refresh` issued a pair (lifetimes in minutes, as answered).
    TokensIssued { account: Account, grant: Grant, expires_in: u32, refresh_expires_in: u32, access_expires_at: Millis, refresh_expires_at: Millis },
    /// `/refresh` rotated the old pair out.
    TokensRotated { account: Account },
    /// A new connection removed the account's earlier one.
    ConnectionReplaced { account: Account },
    /// `/invalidate` removed the connection.
    ConnectionRemoved { account: Account },
}

/// A request parameter or body field an error names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, FromJson, Tagged)]
#[serde(rename_all = "snake_case")]
pub enum Param {
    ClientId,
    RedirectUri,
    ResponseType,
    GrantType,
    Code,
    RefreshToken,
    Ticket,
}

impl Param {
    /// As the request names it.
    pub fn name(self) -> &'static str {
        self.tag()
    }
}

/// Why a bearer token was refused (all answer the same 401).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, FromJson, Tagged)]
#[serde(rename_all = "kebab-case")]
pub enum TokenProblem {
    /// No `Authorization` header.
    Missing,
    /// A header that is not `Bearer TOKEN`.
    NotBearer,
    /// A token no live connection holds: mistyped, rotated out, replaced,
    /// invalidated, or from before a new registration.
    Unknown,
    /// The connection's current access token, past its expiry.
    Expired { expired_at: Millis },
}

/// Every error the server answers, one variant per SPEC error.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson, Tagged)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorKind {
    /// 404: no endpoint at this path.
    NotFound,
    /// 405: the path exists with other methods.
    MethodNotAllowed { allow: Vec<String> },
    /// 400: a body that is neither JSON nor a form.
    MalformedBody,
    /// 413: a body over the limit the server reads.
    BodyTooLarge { limit: usize },
    /// 400: a required parameter or field is missing or empty.
    Missing { param: Param },
    /// 404 (authorize): no app is registered at all.
    NoClientRegistered,
    /// 404 (authorize): the client_id is not the registered one.
    ClientNotFound,
    /// 400 (authorize): redirect_uri is not the registered one (an error page).
    RedirectUriNotRegistered,
    /// Authorize, back to the redirect URI: response_type is not `code`.
    ResponseTypeUnsupported { given: String },
    /// Back to the redirect URI: no `connect` scope asked for, or it was unticked.
    ConnectScopeRequired,
    /// Back to the redirect URI: `state` is longer than the server keeps.
    StateTooLong { limit: usize },
    /// A scope name the API does not know.
    UnknownScope { name: String },
    /// Back to the redirect URI: the user pressed Deny.
    AccessDenied,
    /// 400 (consent form): the pending authorization is unknown or used.
    TicketNotFound,
    /// 400 (consent form): the consent screen outlived the code lifetime.
    TicketExpired { lifetime_minutes: u32 },
    /// 400 (consent form): decision is neither allow nor deny.
    DecisionInvalid,
    /// 400 (consent form): allow without a known account.
    AccountInvalid,
    /// 501: /token takes authorization_code, /refresh takes refresh_token.
    GrantTypeUnsupported { expected: Grant, given: String },
    /// 400: client_id or client_secret missing from the body.
    ClientCredentialsMissing,
    /// 400: credentials sent as HTTP Basic instead of in the body.
    BasicAuthNotSupported,
    /// 400: unknown client or wrong secret.
    InvalidClientCredentials,
    /// 404: a code the server never issued (or forgot).
    CodeNotFound,
    /// 400: the code was already exchanged.
    CodeUsed,
    /// 400: the code outlived its lifetime.
    CodeExpired { lifetime_minutes: u32 },
    /// 400: the code belongs to another client.
    CodeOtherClient,
    /// 400: redirect_uri differs from the authorize request's.
    RedirectUriMismatch,
    /// 404: a refresh token no live connection of this client holds.
    RefreshTokenNotFound,
    /// 400: a refresh token already rotated out.
    RefreshTokenUsed,
    /// 400: the refresh token outlived its lifetime.
    RefreshTokenExpired { lifetime_minutes: u32 },
    /// 401: the bearer token was refused.
    NotAuthorized { problem: TokenProblem },
    /// 403: the connection lacks the scope the method needs.
    MissingScope { needed: Scope, granted: Vec<Scope> },
    /// 400/404/405 from a v1 resource. (Last: [`ErrorKind::NAMES`] is every name before it.)
    Resource { error: ResourceError },
}

impl ErrorKind {
    pub fn status(&self) -> u16 {
        use ErrorKind::*;
        match self {
            NotFound | NoClientRegistered | ClientNotFound | CodeNotFound | RefreshTokenNotFound => 404,
            MethodNotAllowed { .. } => 405,
            BodyTooLarge { .. } => 413,
            GrantTypeUnsupported { .. } => 501,
            NotAuthorized { .. } => 401,
            MissingScope { .. } => 403,
            Resource { error } => error.status(),
            _ => 400,
        }
    }

    /// The kind's name, as saved and as embedding pages hear it:
    /// `missing-scope`, or `resource:RecordNotFound` for a v1 resource.
    /// Never an echo of the request.
    pub fn name(&self) -> String {
        match self {
            ErrorKind::Resource { error } => format!("resource:{}", error.tag()),
            kind => kind.tag().to_string(),
        }
    }

    /// The message in the error body (or in `error.message` of a redirect).
    pub fn message(&self) -> String {
        use ErrorKind::*;
        match self {
            NotFound => "Not Found.".into(),
            MethodNotAllowed { .. } => "Method not allowed; use one of the methods in the Allow header.".into(),
            MalformedBody => "Malformed request body.".into(),
            BodyTooLarge { limit } => format!("Request body too large; send at most {}.", crate::http::bytes_in_words(*limit)),
            Missing { param: Param::Ticket } => "ticket is required; open the authorize URL again.".into(),
            Missing { param } => format!("{} is required.", param.name()),
            NoClientRegistered => "No app is registered; submit the access form first.".into(),
            ClientNotFound => "Client not found; check client_id.".into(),
            RedirectUriNotRegistered => "redirect_uri does not match the registered one.".into(),
            ResponseTypeUnsupported { .. } => "Response type not supported.".into(),
            ConnectScopeRequired => "The connect scope is required.".into(),
            UnknownScope { name } => format!("Unknown scope: {}.", crate::error::echo(name)),
            StateTooLong { limit } => format!("state is too long; send at most {limit} characters."),
            AccessDenied => "Access denied.".into(),
            TicketNotFound => "Consent ticket not found; open the authorize URL again.".into(),
            TicketExpired { .. } => "Consent ticket expired; open the authorize URL again.".into(),
            DecisionInvalid => "decision must be allow or deny.".into(),
            AccountInvalid => "account must be john or jane.".into(),
            GrantTypeUnsupported { .. } => "Grant type not supported.".into(),
            ClientCredentialsMissing => "client_id and client_secret are required.".into(),
            BasicAuthNotSupported => {
                "HTTP Basic client authentication is not supported; send client_id and client_secret in the body.".into()
            }
            InvalidClientCredentials => "Invalid client credentials.".into(),
            CodeNotFound => "Authorization code not found.".into(),
            CodeUsed => "Authorization code already used.".into(),
            CodeExpired { .. } => "Authorization code expired.".into(),
            CodeOtherClient => "Authorization code was issued to another client.".into(),
            RedirectUriMismatch => "redirect_uri does not match the authorization request.".into(),
            RefreshTokenNotFound => "Refresh token not found.".into(),
            RefreshTokenUsed => "Refresh token already used.".into(),
            RefreshTokenExpired { .. } => "Refresh token expired.".into(),
            NotAuthorized { .. } => "Not Authorized.".into(),
            MissingScope { .. } => "Missing Scope.".into(),
            Resource { error } => error.message(),
        }
    }
}

impl From<ResourceError> for ErrorKind {
    fn from(error: ResourceError) -> Self {
        ErrorKind::Resource { error }
    }
}

impl ErrorKind {
    /// Every kind's [`name`](ErrorKind::name) except the v1 resources'
    /// (`resource:…`): what a lesson's check may name.
    pub const NAMES: &'static [&'static str] = match <ErrorKind as Tagged>::TAGS.split_last() {
        Some((_resource, names)) => names,
        None => &[],
    };
}

impl Change {
    pub const NAMES: &'static [&'static str] = <Change as Tagged>::TAGS;

    /// The change's name, as a lesson's check writes it.
    pub fn name(&self) -> &'static str {
        self.tag()
    }

    /// The account the change was about, if it names one.
    pub fn account(&self) -> Option<Account> {
        match self {
            Change::CodeIssued { account, .. }
            | Change::TokensIssued { account, .. }
            | Change::TokensRotated { account }
            | Change::ConnectionReplaced { account }
            | Change::ConnectionRemoved { account } => Some(*account),
            Change::ConsentOpened { .. } | Change::CodeUsed => None,
        }
    }
}

impl TokenProblem {
    pub const NAMES: &'static [&'static str] = <TokenProblem as Tagged>::TAGS;

    pub fn name(self) -> &'static str {
        self.tag()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names lessons may write are the names outcomes carry: one of each
    /// kind (the match makes a new variant fail to compile until listed).
    #[test]
    fn names_are_the_serialized_names() {
        use ErrorKind::*;
        let one_of_each = |k: &ErrorKind| -> ErrorKind {
            match k {
                NotFound | MalformedBody | NoClientRegistered | ClientNotFound | RedirectUriNotRegistered
                | ConnectScopeRequired | AccessDenied | TicketNotFound | DecisionInvalid | AccountInvalid
                | ClientCredentialsMissing | BasicAuthNotSupported | InvalidClientCredentials | CodeNotFound | CodeUsed
                | CodeOtherClient | RedirectUriMismatch | RefreshTokenNotFound | RefreshTokenUsed
                | MethodNotAllowed { .. } | BodyTooLarge { .. } | Missing { .. } | ResponseTypeUnsupported { .. }
                | StateTooLong { .. } | UnknownScope { .. } | TicketExpired { .. } | GrantTypeUnsupported { .. }
                | CodeExpired { .. } | RefreshTokenExpired { .. } | NotAuthorized { .. } | MissingScope { .. }
                | Resource { .. } => k.clone(),
            }
        };
        let kinds = [
            NotFound,
            MethodNotAllowed { allow: vec![] },
            MalformedBody,
            BodyTooLarge { limit: 1 },
            Missing { param: Param::Code },
            NoClientRegistered,
            ClientNotFound,
            RedirectUriNotRegistered,
            ResponseTypeUnsupported { given: "x".into() },
            ConnectScopeRequired,
            StateTooLong { limit: 1 },
            UnknownScope { name: "x".into() },
            AccessDenied,
            TicketNotFound,
            TicketExpired { lifetime_minutes: 1 },
            DecisionInvalid,
            AccountInvalid,
            GrantTypeUnsupported { expected: Grant::RefreshToken, given: "x".into() },
            ClientCredentialsMissing,
            BasicAuthNotSupported,
            InvalidClientCredentials,
            CodeNotFound,
            CodeUsed,
            CodeExpired { lifetime_minutes: 1 },
            CodeOtherClient,
            RedirectUriMismatch,
            RefreshTokenNotFound,
            RefreshTokenUsed,
            RefreshTokenExpired { lifetime_minutes: 1 },
            NotAuthorized { problem: TokenProblem::Unknown },
            MissingScope { needed: Scope::Connect, granted: vec![] },
        ];
        let names: Vec<String> = kinds.iter().map(|k| one_of_each(k).name()).collect();
        assert_eq!(names, ErrorKind::NAMES.to_vec());
        // What the name says is what the save holds.
        let written = |v: serde_json::Value| v.as_str().map(str::to_string).or_else(|| v.as_object().and_then(|o| o.keys().next().cloned()));
        for kind in &kinds {
            assert_eq!(written(serde_json::to_value(kind).unwrap()), Some(kind.name()));
        }
        let resource = Resource { error: crate::api::ResourceError::TooManyCast { max: 1 } };
        assert_eq!(resource.name(), "resource:TooManyCast");
        assert_eq!(written(serde_json::to_value(&resource).unwrap()).as_deref(), Some("resource"));
        for (problem, name) in
            [TokenProblem::Missing, TokenProblem::NotBearer, TokenProblem::Unknown, TokenProblem::Expired { expired_at: 0 }]
                .into_iter()
                .zip(TokenProblem::NAMES.iter().copied())
        {
            let saved = serde_json::to_value(problem).unwrap();
            let tag = saved.as_str().map(str::to_string).or_else(|| saved.as_object().and_then(|o| o.keys().next().cloned()));
            assert_eq!(tag.as_deref(), Some(name));
            assert_eq!(problem.name(), name);
        }
        let account = Account::John;
        let changes = [
            Change::ConsentOpened { expires_at: 0 },
            Change::CodeIssued { account, scopes: vec![], expires_at: 0 },
            Change::CodeUsed,
            Change::TokensIssued { account, grant: Grant::AuthorizationCode, expires_in: 1, refresh_expires_in: 1, access_expires_at: 0, refresh_expires_at: 0 },
            Change::TokensRotated { account },
            Change::ConnectionReplaced { account },
            Change::ConnectionRemoved { account },
        ];
        for change in changes {
            let saved = serde_json::to_value(&change).unwrap();
            let tag = saved.as_str().map(str::to_string).or_else(|| saved.as_object().and_then(|o| o.keys().next().cloned()));
            assert_eq!(tag.as_deref(), Some(change.name()));
        }
    }
}
