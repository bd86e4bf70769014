//! Every endpoint once: method, route template, who may call it, and what it
//! does. The router resolves paths with it (404 and 405 with `Allow` come
//! from here), and the app's endpoint list, explanations and tests read it.

use crate::Scope;

/// How a caller gets past the checks before the endpoint's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// A browser navigation or form post: no token.
    Browser,
    /// The client authenticates with client_id and client_secret in the body.
    Client,
    /// A live access token; no scope beyond it.
    Bearer,
    /// A live access token whose connection holds the method's scope.
    Scoped,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Endpoint {
    pub method: &'static str,
    /// Relative to the base URL; `{name}` stands for one path segment.
    pub route: &'static str,
    pub access: Access,
    pub summary: &'static str,
}

impl Endpoint {
    /// The scope a call needs beyond a live token, if any.
    pub fn scope(&self) -> Option<Scope> {
        match self.access {
            Access::Scoped => Scope::for_method(self.method),
            _ => None,
        }
    }

    /// An API call (sent with a bearer token), as opposed to an OAuth step.
    pub fn is_api(&self) -> bool {
        matches!(self.access, Access::Bearer | Access::Scoped)
    }

    /// Does the route template match these path segments?
    pub fn matches(&self, segments: &[String]) -> bool {
        let mut parts = self.route.split('/').filter(|s| !s.is_empty());
        let mut given = segments.iter();
        loop {
            match (parts.next(), given.next()) {
                (None, None) => return true,
                (Some(p), Some(s)) if (p.starts_with('{') && p.ends_with('}')) || p == s => {}
                _ => return false,
            }
        }
    }
}

const fn ep(method: &'static str, route: &'static str, access: Access, summary: &'static str) -> Endpoint {
    Endpoint { method, route, access, summary }
}

use Access::*;

/// The whole API, in the order the docs present it.
pub const ENDPOINTS: &[Endpoint] = &[
    ep("GET", "/authorize", Browser, "Opens the consent screen (a browser navigation)."),
    ep("POST", "/authorize", Browser, "The user's decision on the consent screen (a form post)."),
    ep("POST", "/token", Client, "Exchanges an authorization code for an access and a refresh token."),
    ep("POST", "/refresh", Client, "Trades the refresh token for a new pair."),
    ep("GET", "/info", Bearer, "Who the access token belongs to."),
    ep("GET", "/invalidate", Bearer, "Removes the connection; both tokens stop working."),
    ep("GET", "/about", Scoped, "The account's profile."),
    ep("GET", "/movies", Scoped, "Lists movies, 5 a page."),
    ep("POST", "/movies", Scoped, "Creates a movie."),
    ep("GET", "/movies/{id}", Scoped, "One movie."),
    ep("PUT", "/movies/{id}", Scoped, "Replaces a movie (own records only)."),
    ep("PATCH", "/movies/{id}", Scoped, "Changes some fields of a movie (own records only)."),
    ep("DELETE", "/movies/{id}", Scoped, "Deletes a movie (own records only)."),
    ep("GET", "/people", Scoped, "Searches people with the q query language."),
    ep("GET", "/organizations", Scoped, "Lists organizations."),
    ep("GET", "/genres", Scoped, "Lists genres."),
    ep("GET", "/awards/{movieId}", Scoped, "A movie's awards."),
    ep("GET", "/custom-fields", Scoped, "The custom fields movies can carry."),
    ep("POST", "/webhooks", Scoped, "Attaches the account's webhook (one per account)."),
    ep("DELETE", "/webhooks/{id}", Scoped, "Detaches the webhook."),
    ep("GET", "/files", Scoped, "Lists files."),
    ep("POST", "/files/import", Scoped, "Imports a file (stores nothing)."),
    ep("GET", "/files/{id}/export", Scoped, "Exports a file."),
];

/// What a method and path resolve to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolved {
    Found(&'static Endpoint),
    /// The path exists with these endpoints only (other methods).
    MethodNotAllowed(Vec<&'static Endpoint>),
    NotFound,
}

/// The endpoint for `method` (upper case) at `segments`. A literal route
/// wins over a template (`/files/import` is not `/files/{id}`).
pub fn resolve(method: &str, segments: &[String]) -> Resolved {
    let at_path = || ENDPOINTS.iter().filter(|e| e.matches(segments));
    let literal = at_path().any(|e| !e.route.contains('{'));
    let candidates = || at_path().filter(move |e| !literal || !e.route.contains('{'));
    // Every request passes here: the usual case allocates nothing.
    if let Some(e) = candidates().find(|e| e.method == method) {
        return Resolved::Found(e);
    }
    let allow: Vec<&'static Endpoint> = candidates().collect();
    if allow.is_empty() {
        Resolved::NotFound
    } else {
        Resolved::MethodNotAllowed(allow)
    }
}

/// The endpoint with this method and route template.
pub fn endpoint(method: &str, route: &str) -> Option<&'static Endpoint> {
    ENDPOINTS.iter().find(|e| e.method == method && e.route == route)
}

/// What a request body may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Body {
    /// No body is read.
    None,
    /// `application/json` or `application/x-www-form-urlencoded`.
    JsonOrForm,
    /// A form post (`application/x-www-form-urlencoded`).
    Form,
    /// `application/json`.
    Json,
}

impl Body {
    /// The content types, as a learner writes them in a header.
    pub fn content_types(self) -> &'static [&'static str] {
        match self {
            Body::None => &[],
            Body::JsonOrForm => &["application/json", "application/x-www-form-urlencoded"],
            Body::Form => &["application/x-www-form-urlencoded"],
            Body::Json => &["application/json"],
        }
    }
}

/// A compact reference of one endpoint: what it takes and what it answers.
/// `success` lists the answer's top-level keys (a test checks them against
/// real answers); `errors` the statuses it can answer beyond 401/403, each
/// with when.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reference {
    pub body: Body,
    /// Required query parameters or body fields.
    pub required: &'static [&'static str],
    pub success_status: u16,
    /// `{key, …}` for an object, `[{key, …}]` for a list; empty for no body.
    pub success: &'static str,
    pub errors: &'static [(u16, &'static str)],
}

const fn reference(body: Body, required: &'static [&'static str], success_status: u16, success: &'static str, errors: &'static [(u16, &'static str)]) -> Reference {
    Reference { body, required, success_status, success, errors }
}

const MOVIE: &str = "{id, name, genres, length, topCast, director, boxOffice, createdAt, premieres, updatedAt, releaseDate}";
const GRANT_ERRORS: &[(u16, &str)] = &[(400, "a field is missing, the credentials are wrong, or the token or code was refused"), (404, "the code or refresh token was never issued"), (501, "another grant_type")];
const MOVIE_ITEM_ERRORS: &[(u16, &str)] = &[(400, "a default record, or a field of the wrong form"), (404, "no record with this id")];

/// The reference of an endpoint of [`ENDPOINTS`].
pub fn reference_of(e: &Endpoint) -> Reference {
    use Body::*;
    match (e.method, e.route) {
        ("GET", "/authorize") => reference(None, &["client_id", "redirect_uri", "response_type", "scope"], 200, "{consent}", &[(302, "errors after the redirect URI is verified go back to it as error.message"), (400, "redirect_uri is missing or not the registered one (an error page)"), (404, "client_id is unknown (an error page)")]),
        ("POST", "/authorize") => reference(Form, &["ticket", "decision", "account"], 302, "", &[(400, "the consent ticket is missing, used or expired")]),
        ("POST", "/token") => reference(JsonOrForm, &["grant_type", "client_id", "client_secret", "code", "redirect_uri"], 200, "{access_token, expires_in, refresh_token, refresh_expires_in}", GRANT_ERRORS),
        ("POST", "/refresh") => reference(JsonOrForm, &["grant_type", "client_id", "client_secret", "refresh_token"], 200, "{access_token, expires_in, refresh_token, refresh_expires_in}", GRANT_ERRORS),
        ("GET", "/info") => reference(None, &[], 200, "{id, user}", &[]),
        ("GET", "/invalidate") => reference(None, &[], 204, "", &[]),
        ("GET", "/about") => reference(None, &[], 200, "[{id, name, email, webhook, webhook-id, webhook-watched-items, redirect-URI}]", &[]),
        ("GET", "/movies") => reference(None, &[], 200, "{totalRecordsReturned, page, hasMore, records}", &[(400, "page, since, order or orderBy of the wrong form")]),
        ("POST", "/movies") => reference(Json, &["name"], 200, MOVIE, &[(400, "a field of the wrong form, an unknown id, or 14 own records already")]),
        ("GET", "/movies/{id}") => reference(None, &[], 200, MOVIE, &[(404, "no record with this id")]),
        ("PUT", "/movies/{id}") => reference(Json, &["name"], 200, MOVIE, MOVIE_ITEM_ERRORS),
        ("PATCH", "/movies/{id}") => reference(Json, &[], 200, MOVIE, MOVIE_ITEM_ERRORS),
        ("DELETE", "/movies/{id}") => reference(None, &[], 204, "", MOVIE_ITEM_ERRORS),
        ("GET", "/people") => reference(None, &[], 200, "[{id, name}]", &[(400, "q is malformed; the message says where")]),
        ("GET", "/organizations") => reference(None, &[], 200, "[{id, name, country}]", &[]),
        ("GET", "/genres") => reference(None, &[], 200, "[{id, name}]", &[]),
        ("GET", "/awards/{movieId}") => reference(None, &[], 200, "[{name, category, year, result}]", &[(404, "no movie with this id")]),
        ("GET", "/custom-fields") => reference(None, &[], 200, "[{name, label, type, help, required}]", &[]),
        ("POST", "/webhooks") => reference(Json, &["url"], 200, "{id, url, watchedItems, createdAt}", &[(400, "a webhook exists already, or url is not a URL")]),
        ("DELETE", "/webhooks/{id}") => reference(None, &[], 204, "", &[(404, "no webhook with this id")]),
        ("GET", "/files") => reference(None, &[], 200, "[{id, fileName, contentType, size}]", &[]),
        ("POST", "/files/import") => reference(Json, &["fileName", "data"], 200, "{fileName, size, stored}", &[(400, "a field is missing or not base64, or the file is too large")]),
        ("GET", "/files/{id}/export") => reference(None, &[], 200, "{id, fileName, contentType, size, data}", &[(404, "no file with this id")]),
        _ => reference(None, &[], 200, "", &[]),
    }
}

/// The optional query parameters an endpoint reads, each with what it does
/// (the required ones are in [`Reference::required`]).
pub fn optional_query(e: &Endpoint) -> &'static [(&'static str, &'static str)] {
    match (e.method, e.route) {
        ("GET", "/authorize") => &[("state", "Any text; sent back unchanged with the code or the error.")],
        ("GET", "/movies") => &[
            ("page", "The page, from 1 (5 records a page)."),
            ("since", "Keeps records whose orderBy date is at or after this RFC 3339 time."),
            ("order", "asc (the default) or desc."),
            ("orderBy", "createdAt (the default), updatedAt, name, originalPremiere or czechPremiere."),
        ],
        ("GET", "/people") => &[("q", "Conditions on the name: contains, startsWith, endsWith, equals = \"value\", joined with AND.")],
        _ => &[],
    }
}

/// The top-level keys a `success` shape names, in order.
pub fn shape_keys(shape: &str) -> Vec<&str> {
    shape.trim_start_matches('[').trim_end_matches(']').trim_start_matches('{').trim_end_matches('}').split(", ").filter(|k| !k.is_empty()).collect()
}

/// The scope descriptions the consent screen and the explanations show.
pub fn scope_description(scope: Scope) -> &'static str {
    match scope {
        Scope::Connect => "connect the app to the account (required to authorize)",
        Scope::Read => "read the account's data (any GET except /info)",
        Scope::Write => "create and change data (POST, PUT, PATCH)",
        Scope::Delete => "delete data (DELETE)",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segs(path: &str) -> Vec<String> {
        path.split('/').filter(|s| !s.is_empty()).map(str::to_string).collect()
    }

    #[test]
    fn literal_routes_win_over_templates() {
        assert_eq!(resolve("POST", &segs("/files/import")), Resolved::Found(endpoint("POST", "/files/import").unwrap()));
        assert_eq!(resolve("GET", &segs("/files/import")), Resolved::MethodNotAllowed(vec![endpoint("POST", "/files/import").unwrap()]));
        assert_eq!(resolve("GET", &segs("/files/abc/export")), Resolved::Found(endpoint("GET", "/files/{id}/export").unwrap()));
        assert_eq!(resolve("GET", &segs("/files/abc")), Resolved::NotFound);
    }

    #[test]
    fn every_endpoint_has_a_reference_of_its_own() {
        let fallback = reference(Body::None, &[], 200, "", &[]);
        for e in ENDPOINTS {
            assert_ne!(reference_of(e), fallback, "{e:?}");
        }
        assert_eq!(shape_keys("[{id, name}]"), ["id", "name"]);
        assert!(shape_keys("").is_empty());
    }

    #[test]
    fn the_movie_list_documents_the_parameters_it_reads() {
        let names: Vec<&str> = optional_query(endpoint("GET", "/movies").unwrap()).iter().map(|(n, _)| *n).collect();
        assert_eq!(names, crate::api::movies::listing::PARAMETERS);
    }

    #[test]
    fn each_method_and_route_appears_once() {
        for (i, a) in ENDPOINTS.iter().enumerate() {
            assert!(ENDPOINTS[i + 1..].iter().all(|b| (a.method, a.route) != (b.method, b.route)), "{a:?}");
        }
    }
}
