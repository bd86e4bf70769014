//! The read-only resources: genres, organizations, awards, custom fields, about.

mod common;

use academy_engine::{Account, Registration};
use common::*;
use serde_json::json;

#[test]
fn genres_are_id_and_name() {
    let (mut h, token) = connected(Account::John);
    let genres = get(&mut h, &token, "/genres");
    assert_eq!(genres[0], json!({ "id": "1", "name": "action" }));
    assert!(genres.as_array().unwrap().len() <= 20);
}

#[test]
fn organizations_have_a_country() {
    let (mut h, token) = connected(Account::John);
    let organizations = get(&mut h, &token, "/organizations");
    assert_eq!(organizations[0], json!({ "id": "decd3b4a4c61", "name": "Marvel Studios", "country": "United States" }));
    assert!(organizations.as_array().unwrap().iter().any(|o| o["name"] == "Barrandov Studios"));
}

#[test]
fn awards_of_a_default_an_own_and_an_unknown_movie() {
    let (mut h, token) = connected(Account::John);
    let awards = get(&mut h, &token, "/awards/b3d81f06a5c2");
    assert_eq!(awards[0], json!({ "name": "Academy Award", "category": "Best Supporting Actor", "year": "2009", "result": "won" }));
    let awards = get(&mut h, &token, "/awards/4f9a2c71e8b3");
    assert!(awards.as_array().unwrap().iter().all(|a| a["result"] == "nominated"));
    let r = h.api("POST", "/movies", &token, Some(r#"{"name":"New"}"#));
    let id = body(&r)["id"].as_str().unwrap().to_string();
    assert_eq!(get(&mut h, &token, &format!("/awards/{id}")), json!([]));
    assert_error(&h.api("GET", "/awards/ffffffffffff", &token, None), 404, "Record not found.");
    assert_error(&h.api("GET", "/awards", &token, None), 404, "Not Found.");
}

#[test]
fn custom_fields_use_make_parameter_style() {
    let (mut h, token) = connected(Account::John);
    let fields = get(&mut h, &token, "/custom-fields");
    let list = fields.as_array().unwrap();
    assert!(list.iter().all(|f| f["name"].is_string() && f["label"].is_string() && f["type"].is_string()));
    let platform = list.iter().find(|f| f["name"] == "platform").unwrap();
    assert_eq!(platform["type"], "select");
    assert_eq!(platform["options"][0], json!({ "label": "Cinema", "value": "cinema" }));
}

#[test]
fn about_is_the_connected_account() {
    let (mut h, token) = connected(Account::Jane);
    let about = get(&mut h, &token, "/about");
    assert_eq!(
        about,
        json!([{
            "id": Account::Jane.id(),
            "name": "Jane Black",
            "email": "jane.black@example.com",
            "webhook": null,
            "webhook-id": null,
            "webhook-watched-items": null,
            "redirect-URI": "https://www.make.com/oauth/cb/app",
        }])
    );
    let john = h.connect(Account::John, &ALL_SCOPES).access;
    assert_eq!(get(&mut h, &john, "/about")[0]["name"], "John Doe");
}

#[test]
fn fields_come_in_the_documented_order() {
    let (mut h, token) = connected(Account::John);
    let mut keys = |path: &str| {
        let r = h.api("GET", path, &token, None);
        assert_eq!(r.status, 200, "{path}");
        keys_at_depth(&r.body_text(), 2)
    };
    assert_eq!(keys("/genres")[..2], ["id", "name"]);
    assert_eq!(keys("/people")[..2], ["id", "name"]);
    assert_eq!(keys("/organizations")[..3], ["id", "name", "country"]);
    assert_eq!(keys("/awards/b3d81f06a5c2")[..4], ["name", "category", "year", "result"]);
    assert_eq!(keys("/custom-fields")[..5], ["name", "label", "type", "help", "required"]);
    assert_eq!(keys("/about"), ["id", "name", "email", "webhook", "webhook-id", "webhook-watched-items", "redirect-URI"]);
}

#[test]
fn read_only_resources_answer_405_to_writes() {
    let (mut h, token) = connected(Account::John);
    for path in ["/about", "/genres", "/organizations", "/people", "/custom-fields", "/awards/4f9a2c71e8b3", "/files"] {
        let r = h.api("POST", path, &token, Some("{}"));
        assert_eq!(r.status, 405, "{path}");
        assert_eq!(r.header_value("Allow"), Some("GET"), "{path}");
        assert_eq!(body(&r)["error"]["code"], 405);
    }
}

#[test]
fn a_trailing_slash_names_the_same_resource() {
    let (mut h, token) = connected(Account::John);
    assert_eq!(get(&mut h, &token, "/genres/"), get(&mut h, &token, "/genres"));
}

#[test]
fn about_shows_the_registered_redirect_uri() {
    let mut h = Harness::new();
    let legacy = "https://www.integromat.com/oauth/cb/app";
    let registration = Registration {
        email: "dev@example.com".into(),
        first_name: "Ada".into(),
        last_name: "Lovelace".into(),
        redirect_uri: legacy.into(),
    };
    h.client = h.engine.register(registration, h.now, &mut h.entropy);
    let token = h.connect(Account::John, &ALL_SCOPES).access;
    assert_eq!(get(&mut h, &token, "/about")[0]["redirect-URI"], legacy);
}
