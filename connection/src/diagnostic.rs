//! Diagnostics: what is wrong with a connection, where, and what to change.
//! Codes are an enum inside; their text form is for the edge only.

use academy_engine::ErrorKind;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    JsonSyntax,
    ImlSyntax,
    UnknownFunction,
    SemicolonArgs,
    HyphenPath,
    ZeroIndex,
    ImlEvaluation,
    ExpiresInSeconds,
    ConnectionExpiresInSeconds,
    RefreshAlways,
    RefreshTokenNotStored,
    AccessTokenNotStored,
    RedirectUriMismatch,
    MissingConnectScope,
    HttpError,
    InvalidResponse,
    ReauthorizeNeeded,
    MissingSection,
    UnknownSection,
}

impl Code {
    pub fn code(self) -> &'static str {
        match self {
            Code::JsonSyntax => "json-syntax",
            Code::ImlSyntax => "iml-syntax",
            Code::UnknownFunction => "unknown-function",
            Code::SemicolonArgs => "semicolon-args",
            Code::HyphenPath => "hyphen-path",
            Code::ZeroIndex => "zero-index",
            Code::ImlEvaluation => "iml-evaluation",
            Code::ExpiresInSeconds => "expires-in-seconds",
            Code::ConnectionExpiresInSeconds => "connection-expires-in-seconds",
            Code::RefreshAlways => "refresh-always",
            Code::RefreshTokenNotStored => "refresh-token-not-stored",
            Code::AccessTokenNotStored => "access-token-not-stored",
            Code::RedirectUriMismatch => "redirect-uri-mismatch",
            Code::MissingConnectScope => "missing-connect-scope",
            Code::HttpError => "http-error",
            Code::InvalidResponse => "invalid-response",
            Code::ReauthorizeNeeded => "reauthorize-needed",
            Code::MissingSection => "missing-section",
            Code::UnknownSection => "unknown-section",
        }
    }

    /// The IML error kinds that have a code of their own.
    pub fn for_iml(kind: &academy_iml::ErrorKind) -> Code {
        use academy_iml::ErrorKind as K;
        match kind {
            K::UnknownFunction { .. } => Code::UnknownFunction,
            K::SemicolonArguments { .. } => Code::SemicolonArgs,
            K::ZeroIndex => Code::ZeroIndex,
            K::HyphenPath { .. } => Code::HyphenPath,
            k if k.is_syntax() => Code::ImlSyntax,
            _ => Code::ImlEvaluation,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diagnostic {
    #[serde(serialize_with = "code_text")]
    pub code: Code,
    pub severity: Severity,
    /// The section (`token`), or null for the whole text.
    pub section: Option<String>,
    /// A JSON path in the communication (`token.response.data.expires`), or null.
    pub path: Option<String>,
    pub message: String,
}

fn code_text<S: serde::Serializer>(code: &Code, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(code.code())
}

/// Why the server said no, in words a learner can act on; keyed on the
/// typed outcome, never on the message.
pub fn explain(kind: &ErrorKind) -> String {
    use ErrorKind::*;
    match kind {
        NotFound | MethodNotAllowed { .. } => "Check the section's url and method against the Academy API v2 endpoints.".into(),
        MalformedBody => "The body is neither JSON nor a form: set \"type\" to \"urlencoded\" or \"json\".".into(),
        BodyTooLarge { .. } => "Send a smaller body.".into(),
        Missing { param } => format!("Send {} (check the spelling of its key and that its expression is not empty).", param.name()),
        NoClientRegistered => "Register the app (the access form) before connecting.".into(),
        ClientNotFound | InvalidClientCredentials | ClientCredentialsMissing => {
            "Send the registered client_id and client_secret ({{common.clientId}}, {{common.clientSecret}}).".into()
        }
        BasicAuthNotSupported => "Send client_id and client_secret in the body, not as an Authorization header.".into(),
        RedirectUriNotRegistered | RedirectUriMismatch => {
            "Send the redirect URI the app registered, the same in authorize and token.".into()
        }
        ResponseTypeUnsupported { .. } => "Send response_type=code in the authorize query.".into(),
        ConnectScopeRequired => "Ask for the connect scope in authorize (and keep it ticked on the consent screen).".into(),
        UnknownScope { name } => format!("'{name}' is not an Academy scope; use connect, read, write or delete."),
        StateTooLong { .. } => "Send a shorter state.".into(),
        AccessDenied => "The user pressed Deny: connect again and allow.".into(),
        TicketNotFound | TicketExpired { .. } | DecisionInvalid | AccountInvalid => "Open the authorize URL again and decide on the consent screen.".into(),
        GrantTypeUnsupported { expected, .. } => format!("Send grant_type={} to this endpoint.", expected.name()),
        CodeNotFound | CodeOtherClient => "Send the code the callback brought ({{query.code}} kept in temp by authorize.response).".into(),
        CodeUsed => "A code works once: connect again for a new one.".into(),
        CodeExpired { lifetime_minutes } => format!("Exchange the code within {lifetime_minutes} minutes: connect again."),
        RefreshTokenNotFound => "Send the refresh token the connection holds ({{data.refreshToken}}).".into(),
        RefreshTokenUsed => {
            "The refresh token was rotated: each refresh answers a new one, and refresh.response.data must store it.".into()
        }
        RefreshTokenExpired { lifetime_minutes } => {
            format!("The refresh token outlived its {lifetime_minutes} minutes: the connection must be reauthorized.")
        }
        NotAuthorized { .. } => "Send 'Authorization: Bearer' with the access token the connection stored ({{connection.accessToken}}).".into(),
        MissingScope { needed, .. } => format!("Ask for the {} scope in authorize.", needed.name()),
        Resource { .. } => "Check the request against the endpoint's reference.".into(),
    }
}
