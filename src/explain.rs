//! Plain-language explanations of every error a learner can meet, and the
//! six steps of the docs in our own words. One place maps a status and the
//! server's message to what happened and what to change.

/// Where the answer came from, and what the app knew when it arrived.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Situation {
    pub step: Step,
    /// The request's method (the scope a call needs follows from it).
    pub method: String,
    /// A bearer token was sent.
    pub token_sent: bool,
    /// By the app's own clock, the access token it holds had expired.
    pub access_expired: bool,
    /// The app had invalidated its connection (step six).
    pub invalidated: bool,
    /// The app registered again after getting its tokens.
    pub reregistered: bool,
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

/// The explanation of an answer, or `None` when it is a success.
pub fn explain(status: u16, message: &str, s: &Situation) -> Option<String> {
    if status < 400 {
        return None;
    }
    let m = message.to_ascii_lowercase();
    let has = |needle: &str| m.contains(needle);
    let text = if has("not built yet") {
        "This part of the simulated server is not finished yet. Reload the page after the next update.".to_string()
    } else if has("grant type not supported") {
        match s.step {
            Step::Refresh => "The /refresh endpoint only takes grant_type \"refresh_token\". Put that value back in the body.".into(),
            _ => "The /token endpoint only takes grant_type \"authorization_code\" (and /refresh takes \"refresh_token\"). Fix grant_type in the body.".into(),
        }
    } else if has("grant_type") {
        "The body has no grant_type. Add \"grant_type\": \"authorization_code\" for /token or \"refresh_token\" for /refresh.".into()
    } else if has("malformed") {
        "The server could not read the body. Send valid JSON (Content-Type: application/json) or a form-encoded body; \"Restore the body\" puts a correct one back.".into()
    } else if has("invalid client credentials") {
        if s.reregistered {
            "client_id or client_secret is wrong. Registering again replaced both, so requests must use the new pair from the registration card.".into()
        } else {
            "client_id or client_secret is wrong. Copy both exactly from the registration card (reveal the secret to check it).".into()
        }
    } else if has("client_secret") {
        "The body must carry both client_id and client_secret, as the registration card shows them.".into()
    } else if has("no app is registered") {
        "No app is registered on the server. Register one with \"Register again\" in the registration card.".into()
    } else if status == 404 && has("client") {
        "No app is registered with this client_id. Copy the client_id from the registration card into the URL.".into()
    } else if has("client_id") {
        match s.step {
            Step::Authorize => "The authorize URL has no client_id. Add client_id=… with the value from the registration card.".into(),
            _ => "The body has no client_id. Every /token and /refresh request must carry the app's client_id and client_secret.".into(),
        }
    } else if has("redirect_uri does not match the authorization") {
        "The redirect_uri in the token request must be exactly the one the authorize request used. Put the registered redirect URI back in the body.".into()
    } else if (has("redirect_uri") || has("redirect uri")) && matches!(s.step, Step::Token) {
        "The token request must carry the same redirect_uri the authorize request used. Put the registered redirect URI back in the body.".into()
    } else if has("redirect_uri") || has("redirect uri") {
        "The redirect_uri must equal the registered one, character for character. The server shows this error page instead of redirecting, so it never sends a code to an address it has not verified.".into()
    } else if has("response_type") || has("response type") {
        "The authorize URL must ask for response_type=code, the only type this API supports. Fix it in the URL and open it again.".into()
    } else if has("connect scope") {
        "Authorization needs the connect scope. Keep connect ticked, both in the app's scopes (step one) and on the consent screen.".into()
    } else if has("unknown scope") {
        "The authorize URL asks for a scope the API does not know. Use only connect, read, write and delete, separated by spaces.".into()
    } else if has("access denied") {
        "The user pressed Deny on the consent screen, so no code was issued. Open the authorize URL again (step one) and press Allow.".into()
    } else if has("consent") || has("ticket") {
        "This consent screen is no longer valid (it expired or was already answered). Open the authorize URL again for a fresh one.".into()
    } else if has("code") && has("already used") {
        "An authorization code works only once, and this one was already exchanged. Get a new code by authorizing again (step one).".into()
    } else if has("code") && has("expired") {
        "Authorization codes are short-lived (10 minutes by default) and the clock has passed this one's expiry. Authorize again for a fresh code.".into()
    } else if has("code") && has("not found") {
        "The server never issued this code: it was mistyped, or the server was reset. Copy the code from the callback URL (step two) or authorize again.".into()
    } else if has("code") && (has("another client") || has("other client") || has("different client")) {
        "This code was issued to a different client_id. Exchange it with the credentials of the app that asked for it."
            .into()
    } else if has("code") {
        "The body has no usable code. Copy the code from the callback URL (step two) into the body.".into()
    } else if has("refresh token expired") {
        "The refresh token has outlived its lifetime (60 minutes by default). Nothing can renew it now: the user has to authorize again (step one).".into()
    } else if has("refresh token already used") {
        "Refreshing replaces both tokens, and this refresh token was already traded for a new pair. Send the newest refresh token.".into()
    } else if has("refresh") && status == 404 || has("refresh token not found") {
        "The server does not know this refresh token: its connection was removed (invalidated, replaced by a newer connection for the account, or the app registered again). Authorize again.".into()
    } else if has("refresh_token") || has("refresh token") {
        "The body has no refresh_token. Send the refresh token from the last /token or /refresh answer.".into()
    } else if status == 401 || has("not authorized") {
        explain_401(s)
    } else if status == 403 || has("missing scope") {
        let scope = match s.method.as_str() {
            "GET" => Some("read"),
            "POST" | "PUT" | "PATCH" => Some("write"),
            "DELETE" => Some("delete"),
            _ => None,
        };
        match scope {
            Some(scope) => format!("A {} request needs the {scope} scope, and this connection was not granted it. Authorize again with {scope} ticked on both sides.", s.method),
            None => "The token lacks the scope this call needs. Authorize again with the scope ticked.".into(),
        }
    } else if has("record not found") {
        "No record with this id exists in this account's data. List the records (GET /movies) and copy an id from there.".into()
    } else if has("limit") {
        "Each account can hold at most 14 records of its own (20 with the defaults). Delete one of your own records first.".into()
    } else if has("default record") {
        "The six default movies are read-only. Create a movie of your own (POST /movies) and change or delete that one."
            .into()
    } else if has("webhook not found") {
        "No webhook with this id exists for this account. GET /about shows the id of the account's webhook.".into()
    } else if has("file not found") {
        "No file with this id exists. List the files (GET /files) and copy an id from there.".into()
    } else if has("webhook") {
        "Each account can have only one webhook. Delete the existing one first (its id is in GET /about).".into()
    } else if has("unknown field") {
        "The body has a field this endpoint does not take. Remove it, or start again from the endpoint's sample body."
            .into()
    } else if has("json") || has("body") {
        "This endpoint takes a JSON object as the body (Content-Type: application/json). Pick the endpoint again to get a sample body.".into()
    } else if has("condition") || has("expected") || has("quote") {
        format!("The q parameter of /people is a list of conditions such as contains=\"Rob\", joined by AND. The server stopped at: {message}")
    } else if has("query parameter") {
        format!("This endpoint does not take that query parameter. {message}")
    } else if status == 405 {
        "This path exists, but not with this method. The Allow header of the answer lists the methods it takes.".into()
    } else if status == 404 && (has("not found.") || m.is_empty()) {
        "No endpoint lives at this path. Pick one from the endpoint list, or check for a typo.".into()
    } else if status >= 500 {
        format!("The server could not handle this request ({message}). Try a documented endpoint and body.")
    } else if !message.is_empty() {
        format!("The server could not accept this request: {message}")
    } else {
        "The server rejected the request. Compare it with the documented one.".into()
    };
    Some(text)
}

fn explain_401(s: &Situation) -> String {
    if !s.token_sent {
        "No access token was sent. Add the header authorization: Bearer ACCESS_TOKEN (the app fills it in once it holds a token).".into()
    } else if s.invalidated {
        "This connection was invalidated (step six), so its tokens never work again. Authorize again (step one) to get a new pair.".into()
    } else if s.access_expired {
        "The access token has expired (it lives 5 minutes by default). Refresh it (step five), then repeat the call."
            .into()
    } else if s.reregistered {
        "The app registered again, which removed every connection made with the old credentials. Authorize again (step one).".into()
    } else {
        "The server does not accept this access token: a refresh replaced it, a newer connection for the same account removed it, or it was mistyped. Use the newest token or authorize again.".into()
    }
}

/// Explanation of an `error.message` that came back to the redirect URI.
pub fn explain_callback(message: &str) -> String {
    let s = Situation { step: Step::Callback, ..Default::default() };
    explain(400, message, &s).unwrap_or_default()
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

    fn api(method: &str) -> Situation {
        Situation { step: Step::Api, method: method.into(), token_sent: true, ..Default::default() }
    }

    #[test]
    fn successes_need_no_explanation() {
        assert!(explain(200, "", &api("GET")).is_none());
        assert!(explain(302, "", &api("GET")).is_none());
    }

    #[test]
    fn names_the_missing_scope() {
        assert!(explain(403, "Missing Scope.", &api("DELETE")).unwrap().contains("delete scope"));
    }

    #[test]
    fn a_401_depends_on_what_the_app_knows() {
        let mut s = api("GET");
        s.access_expired = true;
        assert!(explain(401, "Not Authorized.", &s).unwrap().contains("expired"));
        s.invalidated = true;
        assert!(explain(401, "Not Authorized.", &s).unwrap().contains("invalidated"));
        assert!(explain(401, "Not Authorized.", &Situation::default()).unwrap().contains("No access token"));
    }

    #[test]
    fn token_errors() {
        let s = Situation { step: Step::Token, ..Default::default() };
        assert!(explain(400, "Authorization code already used.", &s).unwrap().contains("only once"));
        assert!(explain(400, "redirect_uri does not match the authorization request.", &s)
            .unwrap()
            .contains("exactly"));
        assert!(explain(400, "Invalid client credentials.", &s).unwrap().contains("client_secret"));
        assert!(explain_callback("Access denied.").contains("Deny"));
        let at_authorize = Situation { step: Step::Authorize, ..Default::default() };
        let page = explain(400, "redirect_uri does not match the registered one.", &at_authorize).unwrap();
        assert!(page.contains("registered one") && page.contains("error page"), "{page}");
    }
}
