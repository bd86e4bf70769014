//! Plain-language explanations of every error a learner can meet, and the
//! six steps of the docs in our own words. An explanation is an exhaustive
//! `match` over the engine's error kinds, so a new kind does not compile
//! until it is explained; numbers come from the current settings.

use academy_engine::api::ResourceError;
use academy_engine::http::bytes_in_words as size;
use academy_engine::catalog::scope_description;
use academy_engine::outcome::{Grant, Param};
use academy_engine::{Change, ErrorKind, Outcome, Settings, TokenProblem};

/// What the app knew when the answer arrived: things the server cannot
/// tell (it forgets removed connections), but the app can.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Situation {
    pub step: Step,
    /// The app had invalidated the connection its token belonged to.
    pub invalidated: bool,
    /// The app registered again after getting its tokens.
    pub reregistered: bool,
    /// The token sent is one the app held before a refresh replaced it.
    pub replaced_by_refresh: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Step {
    Authorize,
    Callback,
    Token,
    #[default]
    Api,
    Refresh,
    Invalidate,
}

/// What happened and what to change, for one error.
pub fn explain(kind: &ErrorKind, s: &Situation, settings: &Settings) -> String {
    use ErrorKind::*;
    match kind {
        NotFound => "No endpoint lives at this path. Pick one from the endpoint list, or check for a typo.".into(),
        MethodNotAllowed { allow } => {
            format!("This path exists, but not with this method. It takes {}, as the Allow header of the answer says.", allow.join(", "))
        }
        BodyTooLarge { limit } => format!("The server reads bodies of at most {}, and this one is larger. Send a smaller body.", size(*limit)),
        MalformedBody => "The server could not read the body. Send valid JSON (Content-Type: application/json) or a form-encoded body; \"Restore the body\" puts a correct one back.".into(),
        Missing { param } => missing(*param, s),
        NoClientRegistered => "No app is registered on the server. Register one with \"Register again\" in the registration card.".into(),
        ClientNotFound => "No app is registered with this client_id. Copy the client_id from the registration card into the URL.".into(),
        RedirectUriNotRegistered => "The redirect_uri must equal the registered one, character for character. The server shows this error page instead of redirecting, so it never sends a code to an address it has not verified.".into(),
        ResponseTypeUnsupported { given } => format!("The authorize URL asks for response_type={given}, but this API supports only response_type=code. Fix it in the URL and open it again."),
        ConnectScopeRequired => "Authorization needs the connect scope. Keep connect ticked, both in the app's scopes (step one) and on the consent screen.".into(),
        UnknownScope { name } => format!("The API knows no scope called \"{name}\". Use only connect, read, write and delete, separated by spaces."),
        StateTooLong { limit } => format!("The state parameter is echoed back, so the server keeps only {limit} characters of it. Send a shorter random value: 16 to 32 characters are plenty."),
        AccessDenied => "The user pressed Deny on the consent screen, so no code was issued. Open the authorize URL again (step one) and press Allow.".into(),
        TicketNotFound => "This consent screen is no longer valid: it was already answered, or the server was reset. Open the authorize URL again for a fresh one.".into(),
        TicketExpired { lifetime_minutes } => format!("A consent screen stays valid for {} (as long as a code). This one waited too long; open the authorize URL again.", minutes(*lifetime_minutes)),
        DecisionInvalid => "The consent form's decision must be allow or deny.".into(),
        AccountInvalid => "The consent form must name the account to connect: john or jane.".into(),
        GrantTypeUnsupported { expected, given } => format!(
            "The body says grant_type \"{given}\", but {} takes only \"{}\". Fix grant_type in the body.",
            match expected { Grant::AuthorizationCode => "/token", Grant::RefreshToken => "/refresh" },
            expected.name()
        ),
        ClientCredentialsMissing => "The body must carry both client_id and client_secret, as the registration card shows them.".into(),
        BasicAuthNotSupported => "Many OAuth2 servers take the client's credentials in an HTTP Basic Authorization header; this one does not. Put client_id and client_secret in the body, as the docs show.".into(),
        InvalidClientCredentials if s.reregistered => "client_id or client_secret is wrong. Registering again replaced both, so requests must use the new pair from the registration card.".into(),
        InvalidClientCredentials => "client_id or client_secret is wrong. Copy both exactly from the registration card (reveal the secret to check it).".into(),
        CodeNotFound => "The server never issued this code: it was mistyped, or the server was reset. Copy the code from the callback URL (step two) or authorize again.".into(),
        CodeUsed => "An authorization code works only once, and this one was already exchanged. Get a new code by authorizing again (step one).".into(),
        CodeExpired { lifetime_minutes } => format!("Authorization codes are short-lived ({} here) and the clock has passed this one's expiry. Authorize again for a fresh code.", minutes(*lifetime_minutes)),
        CodeOtherClient => "This code was issued to a different client_id. Exchange it with the credentials of the app that asked for it.".into(),
        RedirectUriMismatch => "The redirect_uri in the token request must be exactly the one the authorize request used. Put the registered redirect URI back in the body.".into(),
        RefreshTokenNotFound => "The server does not know this refresh token: its connection was removed (invalidated, replaced by a newer connection for the account, or the app registered again), or it is an access token. Authorize again.".into(),
        RefreshTokenUsed => "Refreshing replaces both tokens, and this refresh token was already traded for a new pair. Send the newest refresh token.".into(),
        RefreshTokenExpired { lifetime_minutes } => format!("The refresh token has outlived its lifetime ({} here). Nothing can renew it now: the user has to authorize again (step one).", minutes(*lifetime_minutes)),
        NotAuthorized { problem } => not_authorized(*problem, s, settings),
        MissingScope { needed, granted } => {
            let granted: Vec<&str> = granted.iter().map(|g| g.name()).collect();
            format!(
                "This call needs the {} scope ({}), and the connection was granted only {}. Authorize again with {} ticked on both sides.",
                needed.name(),
                scope_description(*needed),
                granted.join(", "),
                needed.name()
            )
        }
        Resource { error } => resource(error),
    }
}

fn missing(param: Param, s: &Situation) -> String {
    match (param, s.step) {
        (Param::ClientId, Step::Authorize) => "The authorize URL has no client_id. Add client_id=… with the value from the registration card.".into(),
        (Param::RedirectUri, Step::Authorize) => "The authorize URL has no redirect_uri. Add the registered redirect URI; without it the server shows an error page and redirects nowhere.".into(),
        (Param::ResponseType, _) => "The authorize URL must ask for response_type=code, the only type this API supports. Add it and open the URL again.".into(),
        (Param::GrantType, _) => "The body has no grant_type. Add \"grant_type\": \"authorization_code\" for /token or \"refresh_token\" for /refresh.".into(),
        (Param::Code, _) => "The body has no usable code. Copy the code from the callback URL (step two) into the body.".into(),
        (Param::RedirectUri, _) => "The token request must carry the same redirect_uri the authorize request used. Put the registered redirect URI back in the body.".into(),
        (Param::RefreshToken, _) => "The body has no refresh_token. Send the refresh token from the last /token or /refresh answer.".into(),
        (Param::Ticket, _) => "The consent form lost its ticket. Open the authorize URL again for a fresh consent screen.".into(),
        (Param::ClientId, _) => "The body has no client_id. Every /token and /refresh request must carry the app's client_id and client_secret.".into(),
    }
}

fn not_authorized(problem: TokenProblem, s: &Situation, settings: &Settings) -> String {
    match problem {
        TokenProblem::Missing => "No access token was sent. Add the header authorization: Bearer ACCESS_TOKEN (the app fills it in once it holds a token).".into(),
        TokenProblem::NotBearer => "The authorization header must read Bearer, a space, then the access token. Anything else counts as no valid token.".into(),
        TokenProblem::Expired { .. } => format!(
            "The access token has expired (it lives {} here). Refresh it (step five), then repeat the call.",
            minutes(settings.access_minutes)
        ),
        TokenProblem::Unknown if s.invalidated => "This connection was invalidated (step six), so its tokens never work again. Authorize again (step one) to get a new pair.".into(),
        TokenProblem::Unknown if s.reregistered => "The app registered again, which removed every connection made with the old credentials. Authorize again (step one).".into(),
        TokenProblem::Unknown if s.replaced_by_refresh => "A refresh replaced this access token: refreshing rotates both tokens, and the old ones stop working at once. Use the newest access token.".into(),
        TokenProblem::Unknown => "The server does not know this access token: a refresh replaced it, a newer connection for the same account removed it, or it was mistyped. Use the newest token or authorize again.".into(),
    }
}

fn resource(error: &ResourceError) -> String {
    use ResourceError::*;
    match error {
        RecordNotFound => "No record with this id exists in this account's data. List the records (GET /movies) and copy an id from there.".into(),
        DefaultRecordReadOnly => "The six default movies are read-only. Create a movie of your own (POST /movies) and change or delete that one.".into(),
        RecordLimit { limit } => format!("Each account can hold at most {limit} records of its own, besides the six defaults. Delete one of your own records first."),
        WebhookExists => "Each account can have only one webhook. Delete the existing one first (its id is in GET /about).".into(),
        WebhookNotFound => "No webhook with this id exists for this account. GET /about shows the id of the account's webhook.".into(),
        FileNotFound => "No file with this id exists. List the files (GET /files) and copy an id from there.".into(),
        MethodNotAllowed { allow } => {
            let names: Vec<&str> = allow.iter().map(|m| m.name()).collect();
            format!("This path exists, but not with this method. It takes {}.", names.join(", "))
        }
        UnknownQueryParameter { name, allowed } => format!("This endpoint takes no query parameter called {name}; it takes {}.", allowed.join(", ")),
        RepeatedQueryParameter { name } => format!("The query gives {name} twice. Send it once; /people joins several conditions with AND inside one q."),
        InvalidQueryParameter { name, expected } => format!("The query parameter {name} must {}.", expected.requirement()),
        SinceWithNameOrder => "since counts from a date, so it only works when the list is sorted by a date field. Drop since or sort by createdAt, updatedAt or a premiere.".into(),
        PeopleQuery { position, .. } => format!(
            "The q parameter of /people is a list of conditions such as contains=\"Rob\", joined by AND. The server stopped reading at character {}.",
            position + 1
        ),
        NotJsonContentType { content_type } => format!("This endpoint reads JSON, and the request said Content-Type: {content_type}. Send the header Content-Type: application/json."),
        EmptyBody => "This endpoint needs a JSON object as the body. Pick the endpoint again to get a sample body.".into(),
        InvalidJson { .. } => "The body is not valid JSON: look for a missing quote, comma or brace. Pick the endpoint again to get a sample body.".into(),
        BodyNotJsonObject => "This endpoint takes a JSON object ({…}) as the body, not an array or a single value.".into(),
        UnknownField { field, .. } => format!("The body has a field, {field}, that this endpoint does not take. Remove it, or start again from the endpoint's sample body."),
        ReadOnlyField { field } => format!("The server sets {field} itself. Leave it out of the body."),
        MissingField { field } => format!("The body must carry {field}. The endpoint's sample body shows every required field."),
        InvalidField { field, expected } => format!("{field} must {}. Ids are strings in this API, as in the docs' examples.", expected.requirement()),
        TooLong { field, max_chars } => format!("{field} may be at most {max_chars} characters long."),
        TooManyCast { max } => format!("topCast may list at most {max} people."),
        UnknownGenre { id, .. } => format!("There is no genre with id \"{id}\". GET /genres lists them."),
        RepeatedGenre { id, .. } => format!("The genre \"{id}\" is listed twice; list each genre once."),
        UnknownPerson { id, .. } => format!("There is no person with id \"{id}\". GET /people lists them, with their ids."),
        ImportDataMissing | ImportEmpty => "An import needs data: the file's content, base64-encoded. The sample body shows one.".into(),
        ImportTooLarge { max_bytes } => format!("The file is larger than the {} the import takes. Send a smaller file.", size(*max_bytes)),
    }
}


/// What an exchange changed on the server, one sentence each, for the traffic pane.
pub fn changes(outcome: &Outcome) -> Vec<String> {
    let scopes = |s: &[academy_engine::Scope]| s.iter().map(|s| s.name()).collect::<Vec<_>>().join(" ");
    outcome
        .changes
        .iter()
        .map(|change| match change {
            Change::ConsentOpened { .. } => "A consent screen opened (a pending authorization).".to_string(),
            Change::CodeIssued { account, scopes: granted, .. } => format!("A code was issued for {} with {}.", account.name(), scopes(granted)),
            Change::CodeUsed => "The code was used up.".into(),
            Change::TokensIssued { account, expires_in, refresh_expires_in, .. } => format!(
                "A token pair was issued for {}: access for {}, refresh for {}.",
                account.name(),
                minutes(*expires_in),
                minutes(*refresh_expires_in)
            ),
            Change::TokensRotated { account } => format!("{}'s old token pair was rotated out.", account.name()),
            Change::ConnectionReplaced { account } => format!("{}'s earlier connection was removed: one connection per user.", account.name()),
            Change::ConnectionRemoved { account } => format!("{}'s connection was removed.", account.name()),
        })
        .collect()
}

/// "5 minutes", "1 minute".
pub fn minutes(n: u32) -> String {
    if n == 1 {
        "1 minute".into()
    } else {
        format!("{n} minutes")
    }
}

/// The six documented steps, each in our own words: (title, what the docs say).
pub const STEPS: [(&str, &str); 6] = [
    (
        "Send the user to the authorize endpoint",
        "Your app sends the user's browser to /authorize with its client_id, its registered redirect_uri, response_type=code and the scopes it wants. The connect scope is required; state is echoed back so the app can tell its own requests from forged ones.",
    ),
    (
        "Handle the callback",
        "After the user allows or denies access, the Academy sends the browser back to your redirect URI. A success carries a code parameter; a failure carries error.message instead.",
    ),
    (
        "Exchange the code for tokens",
        "Your app posts the code to /token with its client_id, client_secret, grant_type authorization_code and the same redirect_uri. The answer holds access_token and refresh_token, and their lifetimes expires_in and refresh_expires_in, in minutes.",
    ),
    (
        "Call the API",
        "Every API request carries the header authorization: Bearer ACCESS_TOKEN. GET needs the read scope (except /info), POST, PUT and PATCH need write, DELETE needs delete. All version 1 endpoints work under /api/v2.",
    ),
    (
        "Refresh the access token",
        "When the access token expires, your app posts the refresh token to /refresh with its credentials and grant_type refresh_token, and gets a new pair. The refresh token itself must not have expired.",
    ),
    (
        "Invalidate the access",
        "When the user withdraws access, your app calls /invalidate with the access token. The connection is removed and its tokens stop working.",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use academy_engine::Scope;

    fn api() -> Situation {
        Situation::default()
    }

    #[test]
    fn names_the_missing_scope_and_what_was_granted() {
        let kind = ErrorKind::MissingScope { needed: Scope::Delete, granted: vec![Scope::Connect, Scope::Read] };
        let text = explain(&kind, &api(), &Settings::default());
        assert!(text.contains("delete scope") && text.contains("connect, read"), "{text}");
    }

    #[test]
    fn numbers_come_from_the_current_settings() {
        let settings = Settings { access_minutes: 30, refresh_minutes: 600, code_minutes: 2 };
        let expired = ErrorKind::NotAuthorized { problem: TokenProblem::Expired { expired_at: 0 } };
        assert!(explain(&expired, &api(), &settings).contains("30 minutes"));
        assert!(explain(&ErrorKind::CodeExpired { lifetime_minutes: 2 }, &api(), &settings).contains("2 minutes"));
        assert!(explain(&ErrorKind::RefreshTokenExpired { lifetime_minutes: 600 }, &api(), &settings).contains("600 minutes"));
    }

    #[test]
    fn an_unknown_token_is_explained_by_what_the_app_knows() {
        let unknown = ErrorKind::NotAuthorized { problem: TokenProblem::Unknown };
        let settings = Settings::default();
        let s = Situation { invalidated: true, ..api() };
        assert!(explain(&unknown, &s, &settings).contains("invalidated"));
        let s = Situation { replaced_by_refresh: true, ..api() };
        assert!(explain(&unknown, &s, &settings).contains("refresh replaced"));
        let missing = ErrorKind::NotAuthorized { problem: TokenProblem::Missing };
        assert!(explain(&missing, &api(), &settings).contains("No access token"));
    }

    #[test]
    fn resource_errors_quote_their_data() {
        let settings = Settings::default();
        let limit = ErrorKind::from(ResourceError::RecordLimit { limit: 14 });
        assert!(explain(&limit, &api(), &settings).contains("14 records"));
        let genre = ErrorKind::from(ResourceError::UnknownGenre { field: "genres[0].id".into(), id: "99".into() });
        assert!(explain(&genre, &api(), &settings).contains("\"99\""));
    }

    #[test]
    fn changes_read_as_sentences() {
        use academy_engine::Account;
        let outcome = Outcome {
            changes: vec![
                Change::ConnectionReplaced { account: Account::John },
                Change::TokensIssued {
                    account: Account::John,
                    grant: Grant::AuthorizationCode,
                    expires_in: 1,
                    refresh_expires_in: 60,
                    access_expires_at: 0,
                    refresh_expires_at: 0,
                },
            ],
            ..Default::default()
        };
        let said = changes(&outcome);
        assert_eq!(said.len(), 2);
        assert!(said[0].contains("John Doe's earlier connection"));
        assert!(said[1].contains("access for 1 minute, refresh for 60 minutes"), "{}", said[1]);
    }

    #[test]
    fn token_errors() {
        let s = Situation { step: Step::Token, ..Default::default() };
        let settings = Settings::default();
        assert!(explain(&ErrorKind::CodeUsed, &s, &settings).contains("only once"));
        assert!(explain(&ErrorKind::RedirectUriMismatch, &s, &settings).contains("exactly"));
        assert!(explain(&ErrorKind::InvalidClientCredentials, &s, &settings).contains("client_secret"));
        assert!(explain(&ErrorKind::BasicAuthNotSupported, &s, &settings).contains("in the body"));
        assert!(explain(&ErrorKind::AccessDenied, &s, &settings).contains("Deny"));
        let page = explain(&ErrorKind::RedirectUriNotRegistered, &Situation { step: Step::Authorize, ..Default::default() }, &settings);
        assert!(page.contains("registered one") && page.contains("error page"), "{page}");
    }
}
