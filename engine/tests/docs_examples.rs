//! The Academy API documentation's own examples, sent verbatim through
//! `Engine::handle`: each must answer with the documented status and shape
//! (and key order, where the docs show one). Also the composer's sample
//! bodies, which must succeed as shown.

mod common;

use academy_engine::api::samples;
use academy_engine::oauth::registration::LEGACY_REDIRECT_URI;
use academy_engine::{Account, Request, Scope};
use common::*;
use serde_json::{json, Value};

/// The docs' `POST /movies` request body, character for character.
const POST_MOVIES_BODY: &str = r#"{
  "name": "Iron Man",
  "genres": [{ "id": "1" }],
  "directorId": "f841a38b77be",
  "releaseDate": "2008",
  "length": 126,
  "topCast": [{ "role": "Tony Stark", "castId": "5bfb3056c5e4" }],
  "boxOffice": { "budget": 140, "grossProfit": 585.8 },
  "premieres": {
    "czechPremiere": "2008-04-30T22:00:00+00:00",
    "originalPremiere": "2008-05-01T22:00:00+00:00"
  }
}"#;

/// The keys of the docs' `POST /movies` answer, in order (their copy stops
/// at `updatedAt`).
const DOCUMENTED_MOVIE_KEYS: [&str; 10] =
    ["id", "name", "genres", "length", "topCast", "director", "boxOffice", "createdAt", "premieres", "updatedAt"];

/// The docs' `GET /people` example.
const PEOPLE_QUERY: &str = r#"contains= "Rob" AND startsWith = "Rob" AND endsWith = "Jr." AND equals = "Robert Downey Jr.""#;

fn is_hex12(value: &Value) -> bool {
    value.as_str().is_some_and(|s| s.len() == 12 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
}

/// `keys` appear in `text`'s objects at `depth` in this relative order.
#[track_caller]
fn assert_in_order(text: &str, depth: usize, keys: &[&str]) {
    let written = keys_at_depth(text, depth);
    let positions: Vec<usize> = keys
        .iter()
        .map(|k| written.iter().position(|w| w == k).unwrap_or_else(|| panic!("{k} missing from {written:?}")))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{keys:?} out of order in {written:?}");
}

#[test]
fn post_movies_example_answers_200_in_the_documented_shape() {
    let (mut h, token) = connected(Account::John);
    let r = h.api("POST", "/movies", &token, Some(POST_MOVIES_BODY));
    assert_eq!(r.status, 200, "{}", r.body_text());
    let text = r.body_text();
    assert_eq!(keys_at_depth(&text, 1)[..10], DOCUMENTED_MOVIE_KEYS);
    let movie = body(&r);
    assert!(is_hex12(&movie["id"]), "{}", movie["id"]);
    assert_eq!(movie["name"], "Iron Man");
    assert_eq!(movie["genres"], json!([{ "id": "1", "name": "action" }]));
    assert_eq!(movie["length"], 126);
    assert_eq!(movie["topCast"], json!([{ "role": "Tony Stark", "castId": "5bfb3056c5e4", "castName": "Robert Downey Jr." }]));
    assert_eq!(movie["director"], json!({ "directorId": "f841a38b77be", "directorName": "Jon Favreau" }));
    assert_eq!(movie["boxOffice"], json!({ "budget": 140, "grossProfit": 585.8 }));
    assert_eq!(movie["releaseDate"], "2008");
    // As sent: UTC in the documented form.
    assert_eq!(movie["premieres"], json!({ "czechPremiere": "2008-04-30T22:00:00+00:00", "originalPremiere": "2008-05-01T22:00:00+00:00" }));
    assert_eq!(movie["createdAt"], "2023-11-14T22:13:20+00:00", "the documented timestamp form");
    assert_eq!(movie["updatedAt"], movie["createdAt"]);
    // Nested keys in the documented order too.
    assert_eq!(keys_at_depth(&text, 3), ["id", "name", "role", "castId", "castName"]);
    assert_eq!(keys_at_depth(&text, 2), ["directorId", "directorName", "budget", "grossProfit", "czechPremiere", "originalPremiere"]);
}

#[test]
fn get_put_and_patch_answer_the_same_shape_as_post() {
    let (mut h, token) = connected(Account::John);
    let posted = h.api("POST", "/movies", &token, Some(POST_MOVIES_BODY));
    let id = body(&posted)["id"].as_str().unwrap().to_string();
    let path = format!("/movies/{id}");
    let got = h.api("GET", &path, &token, None);
    assert_eq!(got.body_text(), posted.body_text());
    h.advance(MINUTE);
    // "PUT takes the same body."
    let put = h.api("PUT", &path, &token, Some(POST_MOVIES_BODY));
    assert_eq!(put.status, 200, "{}", put.body_text());
    let patched = h.api("PATCH", &path, &token, Some(r#"{ "genres": [{ "id": "11" }] }"#));
    assert_eq!(patched.status, 200, "{}", patched.body_text());
    for r in [&put, &patched] {
        for depth in 1..=3 {
            assert_eq!(keys_at_depth(&r.body_text(), depth)[..], keys_at_depth(&posted.body_text(), depth)[..], "depth {depth}");
        }
    }
    assert_eq!(body(&patched)["genres"], json!([{ "id": "11", "name": "science fiction" }]));
    // Record not found, as the docs list for all three.
    for method in ["GET", "PUT", "PATCH"] {
        assert_error(&h.api(method, "/movies/0c841ade9610", &token, Some(POST_MOVIES_BODY)), 404, "Record not found.");
    }
}

#[test]
fn the_number_form_of_an_id_is_refused_naming_the_field_and_type() {
    let (mut h, token) = connected(Account::John);
    let numeric = POST_MOVIES_BODY.replace(r#"{ "id": "1" }"#, r#"{ "id": 1 }"#);
    assert_error(&h.api("POST", "/movies", &token, Some(&numeric)), 400, "genres[0].id must be a genre id as a string, such as \"1\".");
    let numeric = POST_MOVIES_BODY.replace(r#""directorId": "f841a38b77be""#, r#""directorId": 3"#);
    assert_error(&h.api("POST", "/movies", &token, Some(&numeric)), 400, "directorId must be a person id as a string, such as \"f841a38b77be\".");
}

#[test]
fn about_example_keeps_the_hyphenated_keys() {
    let (mut h, token) = connected(Account::John);
    let hook = h.api("POST", "/webhooks", &token, Some(r#"{"url": "https://hook.eu1.make.com/abcdef123", "watchedItems": ["create", "update"]}"#));
    assert_eq!(hook.status, 200, "{}", hook.body_text());
    let r = h.api("GET", "/about", &token, None);
    assert_eq!(r.status, 200);
    let text = r.body_text();
    assert_in_order(&text, 2, &["name", "email", "webhook", "webhook-watched-items", "redirect-URI"]);
    let about = body(&r);
    let profile = &about.as_array().expect("an array")[..];
    assert_eq!(profile.len(), 1);
    assert_eq!(profile[0]["name"], "John Doe");
    assert!(profile[0]["email"].as_str().unwrap().contains('@'));
    assert_eq!(profile[0]["webhook"], "https://hook.eu1.make.com/abcdef123");
    assert_eq!(profile[0]["webhook-watched-items"], "create, update");
    assert_eq!(profile[0]["redirect-URI"], "https://www.make.com/oauth/cb/app");
}

#[test]
fn people_query_example_runs_as_written() {
    let (mut h, token) = connected(Account::John);
    // Encoded as a browser or Make would send it, and with `+` for spaces.
    let plus = PEOPLE_QUERY.replace(' ', "+").replace('"', "%22");
    for q in [encode(PEOPLE_QUERY), plus] {
        let found = get(&mut h, &token, &format!("/people?q={q}"));
        assert_eq!(found, json!([{ "id": "5bfb3056c5e4", "name": "Robert Downey Jr." }]), "{q}");
    }
}

#[test]
fn get_movies_parameters_as_described() {
    let (mut h, token) = connected(Account::John);
    for query in ["page=2", "since=2008-01-01T00:00:00Z&orderBy=originalPremiere", "order=desc", "orderBy=czechPremiere"] {
        let page = get(&mut h, &token, &format!("/movies?{query}"));
        assert!(page["records"].is_array(), "{query}");
        assert!(page["totalRecordsReturned"].is_u64(), "{query}");
    }
    for order_by in ["createdAt", "updatedAt", "name", "originalPremiere", "czechPremiere"] {
        get(&mut h, &token, &format!("/movies?orderBy={order_by}"));
    }
}

#[test]
fn version_2_authorize_example_with_the_legacy_redirect_uri() {
    let mut h = Harness::new();
    let mut form = registration();
    form.redirect_uri = LEGACY_REDIRECT_URI.to_string();
    h.client = h.engine.register(form, h.now, &mut h.entropy);
    // The documented URL, with the app's client_id in place of `…`.
    let url = format!(
        "/api/v2/authorize?scope=connect&client_id={}&redirect_uri=https://www.integromat.com/oauth/cb/app&response_type=code",
        h.client.client_id
    );
    let r = h.engine.handle(Request::new("GET", &url), academy_engine::Origin::Browser, h.now, &mut h.entropy);
    assert_eq!(r.status, 200, "{}", r.body_text());
    let consent = body(&r)["consent"].clone();
    assert_eq!(consent["redirect_uri"], LEGACY_REDIRECT_URI);
    let ticket = consent["ticket"].as_str().unwrap().to_string();
    let r = h.consent(&ticket, Account::John, &[Scope::Connect], true);
    assert_eq!(r.status, 302, "{}", r.body_text());
    let location = r.header_value("Location").unwrap().to_string();
    assert!(location.starts_with("https://www.integromat.com/oauth/cb/app?code="), "{location}");
    let code = query_param(&location, "code").unwrap();
    let r = h.token(&code);
    assert_eq!(r.status, 200, "{}", r.body_text());
    assert_eq!(keys_at_depth(&r.body_text(), 1), ["access_token", "expires_in", "refresh_token", "refresh_expires_in"]);
    let access = tokens(&r).access;
    assert_eq!(get(&mut h, &access, "/info")["user"], "John Doe");
    // Make's own callback is not the registered one here.
    let mut fields = h.token_fields(&code);
    fields["redirect_uri"] = json!("https://www.make.com/oauth/cb/app");
    assert_eq!(h.token_with(fields).status, 400);
}

#[test]
fn every_composer_sample_succeeds_as_shown() {
    let (mut h, token) = connected(Account::John);
    let r = h.api("POST", "/movies", &token, Some(samples::MOVIE));
    assert_eq!(r.status, 200, "POST /movies: {}", r.body_text());
    let path = format!("/movies/{}", body(&r)["id"].as_str().unwrap());
    let r = h.api("PUT", &path, &token, Some(samples::MOVIE));
    assert_eq!(r.status, 200, "PUT: {}", r.body_text());
    let r = h.api("PATCH", &path, &token, Some(samples::MOVIE_PATCH));
    assert_eq!(r.status, 200, "PATCH: {}", r.body_text());
    assert_eq!(body(&r)["length"], 127);
    let r = h.api("POST", "/webhooks", &token, Some(samples::WEBHOOK));
    assert_eq!(r.status, 200, "POST /webhooks: {}", r.body_text());
    let r = h.api("POST", "/files/import", &token, Some(samples::IMPORT));
    assert_eq!(r.status, 200, "POST /files/import: {}", r.body_text());
    assert_eq!(body(&r), json!({ "fileName": "movies.csv", "size": 31, "stored": false }));
    // The movie sample is the docs' example.
    assert_eq!(serde_json::from_str::<Value>(samples::MOVIE).unwrap(), serde_json::from_str::<Value>(POST_MOVIES_BODY).unwrap());
}

#[test]
fn ids_in_answers_have_the_documented_types() {
    let (mut h, token) = connected(Account::Jane);
    let genres = get(&mut h, &token, "/genres");
    assert_eq!(genres[0], json!({ "id": "1", "name": "action" }));
    assert!(genres.as_array().unwrap().iter().all(|g| g["id"].is_string()));
    let people = get(&mut h, &token, "/people");
    assert!(people.as_array().unwrap().iter().all(|p| is_hex12(&p["id"])));
    let organizations = get(&mut h, &token, "/organizations");
    assert!(organizations.as_array().unwrap().iter().all(|o| is_hex12(&o["id"])));
    let movie = get(&mut h, &token, "/movies/4f9a2c71e8b3");
    assert_eq!(movie["director"]["directorId"], "f841a38b77be");
    assert!(movie["topCast"].as_array().unwrap().iter().all(|c| is_hex12(&c["castId"])));
    assert!(get(&mut h, &token, "/awards/4f9a2c71e8b3").is_array());
}

#[test]
fn version_3_error_shape_for_comparison() {
    let (mut h, _) = connected(Account::John);
    let mut fields = h.token_fields("x");
    fields["grant_type"] = json!("password");
    let r = h.token_with(fields);
    assert_error(&r, 501, "Grant type not supported.");
    assert_eq!(r.body_text(), r#"{"error":{"message":"Grant type not supported.","code":501}}"#);
}
