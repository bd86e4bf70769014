//! `/webhooks`: one per account, visible in `/about`, removable by id.

mod common;

use academy_engine::Account;
use common::*;
use serde_json::{json, Value};

const HOOK: &str = "https://hook.eu1.make.com/abc123";

fn add(h: &mut Harness, token: &str, body: &Value) -> academy_engine::Response {
    h.api("POST", "/webhooks", token, Some(&body.to_string()))
}

#[test]
fn add_read_back_from_about_and_delete() {
    let (mut h, token) = connected(Account::John);
    let r = add(&mut h, &token, &json!({ "url": HOOK, "watchedItems": ["update", "create"] }));
    assert_eq!(r.status, 200, "{}", r.body_text());
    let hook = body(&r);
    let id = hook["id"].as_str().unwrap().to_string();
    assert_eq!(id.len(), 12);
    assert_eq!(hook["url"], HOOK);
    assert_eq!(hook["watchedItems"], json!(["create", "update"]));
    assert_eq!(hook["createdAt"], "2023-11-14T22:13:20+00:00");
    assert_eq!(keys_at_depth(&r.body_text(), 1), ["id", "url", "watchedItems", "createdAt"]);

    let about = body(&h.api("GET", "/about", &token, None));
    assert_eq!(about[0]["webhook"], HOOK);
    assert_eq!(about[0]["webhook-id"], id.as_str());
    assert_eq!(about[0]["webhook-watched-items"], "create, update");

    let r = h.api("DELETE", &format!("/webhooks/{id}"), &token, None);
    assert_eq!(r.status, 204);
    assert!(r.body.is_empty());
    assert_eq!(body(&h.api("GET", "/about", &token, None))[0]["webhook"], Value::Null);
    assert_error(&h.api("DELETE", &format!("/webhooks/{id}"), &token, None), 404, "Webhook not found.");
}

#[test]
fn one_per_account() {
    let (mut h, token) = connected(Account::John);
    assert_eq!(add(&mut h, &token, &json!({ "url": HOOK })).status, 200);
    let r = add(&mut h, &token, &json!({ "url": "https://hook.eu1.make.com/other" }));
    assert_error(&r, 400, "A webhook already exists; delete it before adding another.");
    // Jane's slot is her own.
    let jane = h.connect(Account::Jane, &ALL_SCOPES).access;
    assert_eq!(add(&mut h, &jane, &json!({ "url": HOOK })).status, 200);
    let view = h.engine.view(h.now);
    assert!(view.records.iter().all(|r| r.webhooks == 1), "{:?}", view.records);
}

#[test]
fn watched_items_default_to_all_and_accept_the_about_form() {
    let (mut h, token) = connected(Account::John);
    let hook = body(&add(&mut h, &token, &json!({ "url": HOOK })));
    assert_eq!(hook["watchedItems"], json!(["create", "update", "delete"]));
    let id = hook["id"].as_str().unwrap().to_string();
    h.api("DELETE", &format!("/webhooks/{id}"), &token, None);
    let hook = body(&add(&mut h, &token, &json!({ "url": HOOK, "watchedItems": "delete, create" })));
    assert_eq!(hook["watchedItems"], json!(["create", "delete"]));
}

#[test]
fn invalid_bodies_are_named() {
    let (mut h, token) = connected(Account::John);
    let url_message = "url must be an http or https URL, such as https://hook.eu1.make.com/abc123.";
    let items_message = "watchedItems must list create, update or delete, such as [\"create\", \"update\"].";
    let cases = [
        (json!({}), "url is required."),
        (json!({ "url": null }), "url is required."),
        (json!({ "url": 5 }), url_message),
        (json!({ "url": "ftp://example.com" }), url_message),
        (json!({ "url": "https://" }), url_message),
        (json!({ "url": "https://exa mple.com" }), url_message),
        (json!({ "url": format!("https://a.com/{}", "x".repeat(3000)) }), "url must be at most 2048 characters."),
        (json!({ "url": HOOK, "events": ["create"] }), "Unknown field: events."),
        (json!({ "url": HOOK, "watchedItems": [] }), items_message),
        (json!({ "url": HOOK, "watchedItems": ["read"] }), items_message),
        (json!({ "url": HOOK, "watchedItems": [1] }), items_message),
        (json!({ "url": HOOK, "watchedItems": true }), items_message),
    ];
    for (body, message) in cases {
        assert_error(&add(&mut h, &token, &body), 400, message);
    }
    assert_error(&h.api("POST", "/webhooks", &token, Some("not json")), 400, "The body is not valid JSON: expected ident at line 1 column 2.");
    assert_eq!(body(&h.api("GET", "/about", &token, None))[0]["webhook"], Value::Null);
}

#[test]
fn unknown_ids_and_other_methods() {
    let (mut h, token) = connected(Account::John);
    assert_error(&h.api("DELETE", "/webhooks/000000000000", &token, None), 404, "Webhook not found.");
    let r = h.api("GET", "/webhooks", &token, None);
    assert_eq!((r.status, r.header_value("Allow")), (405, Some("POST")));
    let r = h.api("GET", "/webhooks/000000000000", &token, None);
    assert_eq!((r.status, r.header_value("Allow")), (405, Some("DELETE")));
}
