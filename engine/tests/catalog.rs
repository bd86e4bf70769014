//! The catalogue's reference of each endpoint is true: its success status
//! and top-level keys are what a real call answers, and each field it calls
//! required is refused when left out.

mod common;

use academy_engine::api::samples;
use academy_engine::catalog::{reference_of, shape_keys, Body, ENDPOINTS};
use academy_engine::{Account, ErrorKind, Request};
use common::*;
use serde_json::{json, Value};

const DEFAULT_MOVIE: &str = "4f9a2c71e8b3";
const MOVIES_CSV: &str = "2c7e9a41d0b6";

/// The first object's keys in the order the body gives them.
fn first_keys(text: &str, list: bool) -> Vec<String> {
    let depth = if list { 2 } else { 1 };
    let mut keys = Vec::new();
    for k in keys_at_depth(text, depth) {
        if keys.contains(&k) {
            break;
        }
        keys.push(k);
    }
    keys
}

#[test]
fn every_api_answer_has_the_status_and_keys_its_reference_names() {
    let (mut h, token) = connected(Account::John);
    let created = h.api("POST", "/movies", &token, Some(samples::MOVIE));
    let own = body(&created)["id"].as_str().unwrap().to_string();
    for e in ENDPOINTS.iter().filter(|e| e.is_api() && e.route != "/invalidate") {
        let r = reference_of(e);
        let hook = if e.route == "/webhooks/{id}" {
            // The webhook POST /webhooks made above; /about names its id.
            get(&mut h, &token, "/about")[0]["webhook-id"].as_str().expect("a webhook").to_string()
        } else {
            String::new()
        };
        let path = match e.route {
            "/movies/{id}" => format!("/movies/{own}"),
            "/awards/{movieId}" => format!("/awards/{DEFAULT_MOVIE}"),
            "/files/{id}/export" => format!("/files/{MOVIES_CSV}/export"),
            "/webhooks/{id}" => format!("/webhooks/{hook}"),
            route => route.to_string(),
        };
        let sample = match (e.method, e.route) {
            ("POST", "/movies") | ("PUT", _) => Some(samples::MOVIE),
            ("PATCH", _) => Some(samples::MOVIE_PATCH),
            ("POST", "/webhooks") => Some(samples::WEBHOOK),
            ("POST", "/files/import") => Some(samples::IMPORT),
            _ => None,
        };
        assert_eq!(sample.is_some(), r.body == Body::Json, "{} {}", e.method, e.route);
        let answer = h.api(e.method, &path, &token, sample);
        assert_eq!(answer.status, r.success_status, "{} {}: {}", e.method, e.route, answer.body_text());
        let keys = first_keys(&answer.body_text(), r.success.starts_with('['));
        assert_eq!(keys, shape_keys(r.success), "{} {}", e.method, e.route);
        if e.method == "DELETE" && e.route == "/movies/{id}" {
            // Put the record back for the routes after it.
            let again = h.api("POST", "/movies", &token, Some(samples::MOVIE));
            assert_eq!(again.status, 200);
        }
    }
}

#[test]
fn every_required_body_field_is_refused_when_left_out() {
    let (mut h, token) = connected(Account::John);
    for e in ENDPOINTS.iter().filter(|e| reference_of(e).body == Body::Json) {
        let sample: Value = serde_json::from_str(match e.route {
            "/webhooks" => samples::WEBHOOK,
            "/files/import" => samples::IMPORT,
            _ => samples::MOVIE,
        })
        .unwrap();
        let path = e.route.replace("{id}", "000000000000");
        for field in reference_of(e).required {
            let mut without = sample.clone();
            without.as_object_mut().unwrap().remove(*field);
            let r = h.api(e.method, &path, &token, Some(&without.to_string()));
            if e.method == "PUT" {
                // No own record with that id: the field is checked on a real one below.
                continue;
            }
            assert_eq!(r.status, 400, "{} {} without {field}: {}", e.method, e.route, r.body_text());
            assert!(r.body_text().contains(field), "{} {} without {field}: {}", e.method, e.route, r.body_text());
        }
    }
}

#[test]
fn the_grant_endpoints_refuse_each_required_field_left_out() {
    let mut h = Harness::registered();
    let code = h.code(Account::John, &ALL_SCOPES);
    for e in ENDPOINTS.iter().filter(|e| e.route == "/token" || e.route == "/refresh") {
        let r = reference_of(e);
        assert_eq!(r.body, Body::JsonOrForm);
        let full = if e.route == "/token" { h.token_fields(&code) } else { h.refresh_fields("whatever") };
        for field in r.required {
            let mut without = full.clone();
            without.as_object_mut().unwrap().remove(*field);
            h.handle(Request::new("POST", e.route).json(&without));
            let kind = h.engine.log().back().unwrap().outcome.error.clone().expect("refused");
            let names_it = match &kind {
                ErrorKind::Missing { param } => param.name() == *field,
                ErrorKind::ClientCredentialsMissing => field.starts_with("client_"),
                _ => false,
            };
            assert!(names_it, "{} without {field}: {kind:?}", e.route);
        }
    }
    // Every reference names its content types, and the answer of a form is the same as of JSON.
    let code = h.code(Account::Jane, &ALL_SCOPES);
    let fields = h.token_fields(&code);
    let form: Vec<(String, String)> = fields.as_object().unwrap().iter().map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string())).collect();
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let r = h.handle(Request::new("POST", "/token").header("Content-Type", Body::JsonOrForm.content_types()[1]).body(academy_engine::http::encode_form(&pairs)));
    assert_eq!(r.status, 200);
    assert_eq!(json!(Body::JsonOrForm.content_types()), json!(["application/json", "application/x-www-form-urlencoded"]));
}
