//! Step four: the API call composer and the list of every endpoint.

use leptos::prelude::*;

use academy_engine::http::{absolute_url, encode_loose, path_of};
use academy_engine::{Origin, Request};

use super::Answer;
use crate::explain::Step;
use crate::playground::Playground;

/// One documented endpoint, with a sample path and body to start from.
pub struct Endpoint {
    pub method: &'static str,
    pub path: &'static str,
    pub scope: &'static str,
    pub summary: &'static str,
    pub body: &'static str,
}

const MOVIE: &str = r#"{
  "name": "Iron Man",
  "genres": [{"id": 1}],
  "directorId": 1,
  "releaseDate": "2008",
  "length": 126,
  "topCast": [{"role": "Tony Stark", "castId": 1}],
  "boxOffice": {"budget": 140, "grossProfit": 585},
  "premieres": {"czechPremiere": "2008-05-01T00:00:00Z", "originalPremiere": "2008-04-14T00:00:00Z"}
}"#;

const MOVIE_PATCH: &str = r#"{
  "length": 127
}"#;

const WEBHOOK: &str = r#"{
  "url": "https://hook.eu1.make.com/example"
}"#;

const IMPORT: &str = r#"{
  "name": "movies.csv",
  "data": "name,releaseDate\nIron Man,2008"
}"#;

pub const ENDPOINTS: &[Endpoint] = &[
    Endpoint { method: "GET", path: "/info", scope: "any valid token", summary: "Who is connected", body: "" },
    Endpoint { method: "GET", path: "/about", scope: "read", summary: "The account's profile", body: "" },
    Endpoint { method: "GET", path: "/movies", scope: "read", summary: "List movies, 5 a page", body: "" },
    Endpoint {
        method: "GET",
        path: "/movies?page=2&order=desc&orderBy=name",
        scope: "read",
        summary: "List movies: page, order, sort field",
        body: "",
    },
    Endpoint { method: "POST", path: "/movies", scope: "write", summary: "Create a movie", body: MOVIE },
    Endpoint { method: "GET", path: "/movies/{id}", scope: "read", summary: "One movie", body: "" },
    Endpoint { method: "PUT", path: "/movies/{id}", scope: "write", summary: "Replace a movie", body: MOVIE },
    Endpoint {
        method: "PATCH",
        path: "/movies/{id}",
        scope: "write",
        summary: "Change some fields of a movie",
        body: MOVIE_PATCH,
    },
    Endpoint {
        method: "DELETE",
        path: "/movies/{id}",
        scope: "delete",
        summary: "Delete a movie of your own",
        body: "",
    },
    Endpoint {
        method: "GET",
        path: "/people?q=contains=\"Rob\" AND endsWith=\"Jr.\"",
        scope: "read",
        summary: "Search people",
        body: "",
    },
    Endpoint { method: "GET", path: "/organizations", scope: "read", summary: "List organizations", body: "" },
    Endpoint { method: "GET", path: "/genres", scope: "read", summary: "List genres", body: "" },
    Endpoint { method: "GET", path: "/awards/{movieId}", scope: "read", summary: "A movie's awards", body: "" },
    Endpoint {
        method: "POST",
        path: "/webhooks",
        scope: "write",
        summary: "Attach the account's webhook",
        body: WEBHOOK,
    },
    Endpoint { method: "DELETE", path: "/webhooks/{id}", scope: "delete", summary: "Remove the webhook", body: "" },
    Endpoint { method: "GET", path: "/files", scope: "read", summary: "List files", body: "" },
    Endpoint { method: "GET", path: "/files/{id}/export", scope: "read", summary: "Export a file", body: "" },
    Endpoint {
        method: "POST",
        path: "/files/import",
        scope: "write",
        summary: "Import a file (nothing is stored)",
        body: IMPORT,
    },
    Endpoint { method: "GET", path: "/custom-fields", scope: "read", summary: "List custom fields", body: "" },
    Endpoint {
        method: "GET",
        path: "/invalidate",
        scope: "any valid token",
        summary: "Invalidate the connection (step six)",
        body: "",
    },
];

pub const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/// Methods that carry a body.
pub fn sends_body(method: &str) -> bool {
    matches!(method, "POST" | "PUT" | "PATCH")
}

/// Fills the composer from an endpoint of the list.
pub fn pick(pg: &Playground, index: usize) {
    if let Some(e) = ENDPOINTS.get(index) {
        pg.flow.api_method.set(e.method.to_string());
        pg.flow.api_path.set(e.path.to_string());
        pg.flow.api_body.set(e.body.to_string());
    }
}

/// The authorization header the composer will send (subscribing).
pub fn auth_header(pg: &Playground) -> String {
    match pg.flow.api_auth.get() {
        Some(custom) => custom,
        None => pg.flow.held.with(|h| h.as_ref().map(|h| format!("Bearer {}", h.access_token)).unwrap_or_default()),
    }
}

fn auth_header_untracked(pg: &Playground) -> String {
    untrack(|| auth_header(pg))
}

/// The request the composer will send.
pub fn request(pg: &Playground) -> Request {
    let f = pg.flow;
    let method = f.api_method.get_untracked().trim().to_ascii_uppercase();
    let path = f.api_path.get_untracked();
    let mut request = Request::new(&method, &absolute_url(&encode_loose(&path)));
    let auth = auth_header_untracked(pg);
    if !auth.trim().is_empty() {
        request = request.header("authorization", auth.trim());
    }
    let body = f.api_body.get_untracked();
    if sends_body(&method) && !body.trim().is_empty() {
        request = request.header("Content-Type", "application/json").body(body);
    }
    request
}

/// Step four's button.
pub fn call(pg: &Playground) {
    let request = request(pg);
    let token = request.header_value("authorization").map(|a| a.trim_start_matches("Bearer").trim().to_string());
    let situation = super::tokens::situation(pg, Step::Api, &request.method, token.as_deref());
    let response = pg.send(request.clone(), Origin::App);
    let answer = Answer::new(&request, &response, pg.clock.now(), &situation);
    if request.url.ends_with("/invalidate") && answer.ok() {
        let at = answer.at;
        pg.flow.held.update(|h| {
            if let Some(h) = h.as_mut().filter(|h| token.as_deref() == Some(h.access_token.as_str())) {
                h.invalidated_at = Some(at);
            }
        });
    }
    pg.announce(format!(
        "{} {} answered {}. {}",
        request.method,
        path_of(&request.url),
        answer.status_line(),
        answer.explanation.clone().unwrap_or_default()
    ));
    pg.flow.api_answer.set(Some(answer));
}
