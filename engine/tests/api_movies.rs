//! `/movies` and `/movies/{id}` through `Engine::handle`: defaults, the own
//! record limit, paging, sorting, validation, and each account's own data.

mod common;

use academy_engine::{Account, Response};
use common::*;
use serde_json::{json, Value};

const IRON_MAN: &str = "4f9a2c71e8b3";
const JON_FAVREAU: &str = "f841a38b77be";
const ROBERT_DOWNEY_JR: &str = "5bfb3056c5e4";

fn send(h: &mut Harness, token: &str, method: &str, path: &str, body: &Value) -> Response {
    h.api(method, path, token, Some(&body.to_string()))
}

fn full_body(name: &str) -> Value {
    json!({
        "name": name,
        "genres": [{ "id": "1" }, { "id": "11" }],
        "directorId": JON_FAVREAU,
        "releaseDate": "2010",
        "length": 124,
        "topCast": [{ "role": "Tony Stark", "castId": ROBERT_DOWNEY_JR }],
        "boxOffice": { "budget": 200, "grossProfit": 623.9 },
        "premieres": { "czechPremiere": "2010-04-29T00:00:00Z", "originalPremiere": "2010-04-26T00:00:00+02:00" },
    })
}

/// Creates a movie with only a name; returns its id.
fn create(h: &mut Harness, token: &str, name: &str) -> String {
    let r = send(h, token, "POST", "/movies", &json!({ "name": name }));
    assert_eq!(r.status, 200, "{}", r.body_text());
    body(&r)["id"].as_str().unwrap().to_string()
}

fn names(page: &Value) -> Vec<String> {
    page["records"].as_array().unwrap().iter().map(|m| m["name"].as_str().unwrap().to_string()).collect()
}

#[test]
fn the_docs_example_is_a_default_record() {
    let (mut h, token) = connected(Account::John);
    let movie = get(&mut h, &token, &format!("/movies/{IRON_MAN}"));
    assert_eq!(movie["name"], "Iron Man");
    assert_eq!(movie["releaseDate"], "2008");
    assert_eq!(movie["length"], 126);
    assert_eq!(movie["director"], json!({ "directorId": JON_FAVREAU, "directorName": "Jon Favreau" }));
    assert_eq!(movie["topCast"][0], json!({ "role": "Tony Stark", "castId": ROBERT_DOWNEY_JR, "castName": "Robert Downey Jr." }));
    assert_eq!(movie["genres"][0], json!({ "id": "1", "name": "action" }));
    assert_eq!(movie["boxOffice"], json!({ "budget": 140, "grossProfit": 585.8 }));
    assert_eq!(movie["premieres"]["originalPremiere"], "2008-04-14T00:00:00+00:00");
    assert_eq!(movie["createdAt"], "2023-01-02T08:00:00+00:00");
}

#[test]
fn the_first_page_holds_five_of_the_six_defaults() {
    let (mut h, token) = connected(Account::John);
    let page = get(&mut h, &token, "/movies");
    assert_eq!(page["totalRecordsReturned"], 5);
    assert_eq!(page["page"], 1);
    assert_eq!(page["hasMore"], true);
    assert_eq!(names(&page), ["Iron Man", "The Dark Knight", "Inception", "Amadeus", "Spirited Away"]);
    let page = get(&mut h, &token, "/movies?page=2");
    assert_eq!(names(&page), ["Jurassic Park"]);
    assert_eq!(page["hasMore"], false);
    let page = get(&mut h, &token, "/movies?page=3");
    assert_eq!(page["totalRecordsReturned"], 0);
    assert_eq!(page["records"], json!([]));
}

#[test]
fn defaults_are_the_same_in_every_account_an_hour_apart() {
    let mut h = Harness::registered();
    let john = h.connect(Account::John, &ALL_SCOPES).access;
    let jane = h.connect(Account::Jane, &ALL_SCOPES).access;
    let list = |h: &mut Harness, token: &str| -> Vec<Value> {
        let mut records = Vec::new();
        for page in [1, 2] {
            records.extend(get(h, token, &format!("/movies?page={page}"))["records"].as_array().unwrap().iter().cloned());
        }
        records
    };
    let defaults = list(&mut h, &john);
    assert_eq!(defaults, list(&mut h, &jane));
    let created: Vec<&str> = defaults.iter().map(|m| m["createdAt"].as_str().unwrap()).collect();
    assert_eq!(created, ["08", "09", "10", "11", "12", "13"].map(|hour| format!("2023-01-02T{hour}:00:00+00:00")));
    for movie in &defaults {
        assert_eq!(movie["createdAt"], movie["updatedAt"]);
    }
}

#[test]
fn fields_come_in_the_documented_order() {
    let (mut h, token) = connected(Account::John);
    // The docs' order, then releaseDate (the docs' copy stops at updatedAt).
    let movie = ["id", "name", "genres", "length", "topCast", "director", "boxOffice", "createdAt", "premieres", "updatedAt", "releaseDate"];
    let text = h.api("GET", &format!("/movies/{IRON_MAN}"), &token, None).body_text();
    assert_eq!(keys_at_depth(&text, 1), movie);
    assert_eq!(keys_at_depth(&text, 2), ["directorId", "directorName", "budget", "grossProfit", "czechPremiere", "originalPremiere"]);
    let one_of_each = json!({ "name": "x", "genres": [{ "id": "1" }], "topCast": [{ "role": "r", "castId": ROBERT_DOWNEY_JR }] });
    let text = send(&mut h, &token, "POST", "/movies", &one_of_each).body_text();
    assert_eq!(keys_at_depth(&text, 1), movie);
    assert_eq!(keys_at_depth(&text, 3), ["id", "name", "role", "castId", "castName"]);
    let text = h.api("GET", "/movies?page=2", &token, None).body_text();
    assert_eq!(keys_at_depth(&text, 1), ["totalRecordsReturned", "page", "hasMore", "records"]);
    let records = keys_at_depth(&text, 3);
    assert_eq!(records.len(), 2 * movie.len());
    for keys in records.chunks(movie.len()) {
        assert_eq!(keys, movie);
    }
}

#[test]
fn post_returns_the_record_with_names_and_times() {
    let (mut h, token) = connected(Account::John);
    let r = send(&mut h, &token, "POST", "/movies", &full_body("Iron Man 2"));
    assert_eq!(r.status, 200, "{}", r.body_text());
    assert_eq!(r.header_value("Content-Type"), Some("application/json"));
    let movie = body(&r);
    let id = movie["id"].as_str().unwrap();
    assert!(id.len() == 12 && id.bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
    assert_eq!(movie["genres"], json!([{ "id": "1", "name": "action" }, { "id": "11", "name": "science fiction" }]));
    assert_eq!(movie["director"], json!({ "directorId": JON_FAVREAU, "directorName": "Jon Favreau" }));
    assert_eq!(movie["topCast"], json!([{ "role": "Tony Stark", "castId": ROBERT_DOWNEY_JR, "castName": "Robert Downey Jr." }]));
    assert_eq!(movie["boxOffice"], json!({ "budget": 200, "grossProfit": 623.9 }));
    assert_eq!(movie["premieres"]["originalPremiere"], "2010-04-25T22:00:00+00:00");
    assert_eq!(movie["createdAt"], "2023-11-14T22:13:20+00:00");
    assert_eq!(movie["createdAt"], movie["updatedAt"]);
    assert_eq!(get(&mut h, &token, &format!("/movies/{id}")), movie);
}

#[test]
fn only_a_name_is_required() {
    let (mut h, token) = connected(Account::John);
    let r = send(&mut h, &token, "POST", "/movies", &json!({ "name": "Kolja" }));
    let movie = body(&r);
    assert_eq!(movie["genres"], json!([]));
    assert_eq!(movie["director"], Value::Null);
    assert_eq!(movie["boxOffice"], json!({ "budget": null, "grossProfit": null }));
    assert_eq!(movie["premieres"], json!({ "czechPremiere": null, "originalPremiere": null }));
}

#[test]
fn fourteen_own_records_then_the_limit() {
    let (mut h, token) = connected(Account::John);
    for i in 1..=14 {
        create(&mut h, &token, &format!("Own {i}"));
    }
    let r = send(&mut h, &token, "POST", "/movies", &json!({ "name": "One too many" }));
    assert_error(&r, 400, "Record limit reached.");
    // The limit comes before the body: no body can fix a full account.
    assert_error(&h.api("POST", "/movies", &token, Some("not json")), 400, "Record limit reached.");
    assert_error(&send(&mut h, &token, "POST", "/movies", &json!({})), 400, "Record limit reached.");
    // Twenty in all: four pages of five, the last without more.
    let mut seen = Vec::new();
    for page in 1..=4 {
        let list = get(&mut h, &token, &format!("/movies?page={page}"));
        assert_eq!(list["totalRecordsReturned"], 5);
        assert_eq!(list["hasMore"], page < 4);
        seen.extend(names(&list));
    }
    assert_eq!(seen.len(), 20);
    assert_eq!(seen[6], "Own 1");
    assert_eq!(get(&mut h, &token, "/movies?page=5")["records"], json!([]));
    // Deleting one makes room again.
    let id = body(&h.api("GET", "/movies?page=4", &token, None))["records"][4]["id"].as_str().unwrap().to_string();
    assert_eq!(h.api("DELETE", &format!("/movies/{id}"), &token, None).status, 204);
    create(&mut h, &token, "Room again");
}

#[test]
fn order_and_order_by_sort_the_whole_list() {
    let (mut h, token) = connected(Account::John);
    let page = get(&mut h, &token, "/movies?orderBy=name");
    assert_eq!(names(&page), ["Amadeus", "Inception", "Iron Man", "Jurassic Park", "Spirited Away"]);
    let page = get(&mut h, &token, "/movies?orderBy=name&order=desc");
    assert_eq!(names(&page), ["The Dark Knight", "Spirited Away", "Jurassic Park", "Iron Man", "Inception"]);
    let page = get(&mut h, &token, "/movies?orderBy=originalPremiere");
    assert_eq!(names(&page), ["Amadeus", "Jurassic Park", "Spirited Away", "Iron Man", "The Dark Knight"]);
    let page = get(&mut h, &token, "/movies?orderBy=czechPremiere&order=desc");
    assert_eq!(names(&page)[0], "Inception");
    let page = get(&mut h, &token, "/movies?order=desc");
    assert_eq!(names(&page)[0], "Jurassic Park");
}

#[test]
fn order_by_created_at_is_the_default_named_or_not() {
    let (mut h, token) = connected(Account::John);
    for query in ["", "?orderBy=createdAt", "?orderBy=createdAt&order=asc", "?order=asc"] {
        assert_eq!(names(&get(&mut h, &token, &format!("/movies{query}"))), ["Iron Man", "The Dark Knight", "Inception", "Amadeus", "Spirited Away"], "{query}");
    }
    assert_eq!(names(&get(&mut h, &token, "/movies?orderBy=createdAt&order=desc"))[0], "Jurassic Park");
}

#[test]
fn order_by_name_ignores_case() {
    let (mut h, token) = connected(Account::John);
    create(&mut h, &token, "alien");
    create(&mut h, &token, "zorro");
    assert_eq!(names(&get(&mut h, &token, "/movies?orderBy=name"))[..2], ["alien", "Amadeus"]);
    assert_eq!(names(&get(&mut h, &token, "/movies?orderBy=name&order=desc"))[..2], ["zorro", "The Dark Knight"]);
}

#[test]
fn ties_keep_creation_order_in_either_order() {
    let (mut h, token) = connected(Account::John);
    create(&mut h, &token, "Tie A");
    create(&mut h, &token, "Tie B");
    assert_eq!(names(&get(&mut h, &token, "/movies?order=desc"))[..3], ["Tie A", "Tie B", "Jurassic Park"]);
    assert_eq!(names(&get(&mut h, &token, "/movies?page=2"))[1..], ["Tie A", "Tie B"]);
    let page = get(&mut h, &token, "/movies?orderBy=originalPremiere&order=desc&page=2");
    assert_eq!(names(&page)[1..], ["Tie A", "Tie B"], "undated ties too");
}

#[test]
fn records_without_the_sort_date_come_last() {
    let (mut h, token) = connected(Account::John);
    create(&mut h, &token, "Undated");
    for order in ["asc", "desc"] {
        let page = get(&mut h, &token, &format!("/movies?orderBy=czechPremiere&order={order}&page=2"));
        assert_eq!(names(&page).last().unwrap(), "Undated", "{order}");
    }
}

#[test]
fn since_filters_on_the_sort_field() {
    let (mut h, token) = connected(Account::John);
    let page = get(&mut h, &token, "/movies?orderBy=originalPremiere&since=2008-01-01T00:00:00Z");
    assert_eq!(names(&page), ["Iron Man", "The Dark Knight", "Inception"]);
    assert_eq!(page["hasMore"], false);
    // The default sort field is createdAt: only records made after the defaults.
    h.advance(MINUTE);
    create(&mut h, &token, "Fresh");
    let page = get(&mut h, &token, "/movies?since=2023-11-14T22:14:00Z");
    assert_eq!(names(&page), ["Fresh"]);
    let page = get(&mut h, &token, "/movies?since=2023-11-14T22:14:21Z");
    assert_eq!(page["records"], json!([]));
    // At or after: the exact time counts, to the millisecond.
    assert_eq!(names(&get(&mut h, &token, "/movies?since=2023-11-14T22:14:20Z")), ["Fresh"]);
    assert_eq!(get(&mut h, &token, "/movies?since=2023-11-14T22:14:20.001Z")["records"], json!([]));
    // Records without the sort field's date are left out.
    let page = get(&mut h, &token, "/movies?orderBy=czechPremiere&since=1900-01-01T00:00:00Z&page=2");
    assert_eq!((page["totalRecordsReturned"].as_u64(), &page["hasMore"]), (Some(1), &json!(false)));
    assert_ne!(names(&page), ["Fresh"]);
}

#[test]
fn update_moves_a_record_in_updated_at_order() {
    let (mut h, token) = connected(Account::John);
    let first = create(&mut h, &token, "First");
    h.advance(MINUTE);
    create(&mut h, &token, "Second");
    h.advance(MINUTE);
    send(&mut h, &token, "PATCH", &format!("/movies/{first}"), &json!({ "length": 90 }));
    let page = get(&mut h, &token, "/movies?orderBy=updatedAt&order=desc");
    assert_eq!(names(&page)[..2], ["First", "Second"]);
}

#[test]
fn empty_parameters_count_as_absent() {
    let (mut h, token) = connected(Account::John);
    let page = get(&mut h, &token, "/movies?page=&since=&order=&orderBy=");
    assert_eq!(page["page"], 1);
    assert_eq!(names(&page)[0], "Iron Man");
}

#[test]
fn invalid_list_parameters_are_named() {
    let (mut h, token) = connected(Account::John);
    let cases = [
        ("page=0", "page must be a whole number, 1 or more."),
        ("page=-1", "page must be a whole number, 1 or more."),
        ("page=two", "page must be a whole number, 1 or more."),
        ("page=99999999999999999999999999", "page must be a whole number, 1 or more."),
        ("since=yesterday", "since must be a date-time such as 2024-01-31T09:00:00Z."),
        ("since=2024-02-30T00:00:00Z", "since must be a date-time such as 2024-01-31T09:00:00Z."),
        ("order=up", "order must be asc or desc."),
        ("orderBy=length", "orderBy must be createdAt, updatedAt, name, originalPremiere or czechPremiere."),
        ("orderBy=name&since=2024-01-01T00:00:00Z", "since applies to the sort field, so it cannot be used with orderBy=name."),
        ("limit=5", "Unknown query parameter: limit; use page, since, order or orderBy."),
        ("page=1&page=2", "page is given twice; send it once."),
    ];
    for (query, message) in cases {
        assert_error(&h.api("GET", &format!("/movies?{query}"), &token, None), 400, message);
    }
    // A huge page is just past the end.
    assert_eq!(get(&mut h, &token, "/movies?page=18446744073709551615")["records"], json!([]));
}

#[test]
fn unknown_ids_are_not_found() {
    let (mut h, token) = connected(Account::John);
    for method in ["GET", "PUT", "PATCH", "DELETE"] {
        let r = send(&mut h, &token, method, "/movies/000000000000", &json!({ "name": "x" }));
        assert_error(&r, 404, "Record not found.");
        // Before the body is looked at.
        let r = h.api(method, "/movies/000000000000", &token, Some("not json"));
        assert_error(&r, 404, "Record not found.");
    }
    assert_error(&h.api("GET", "/movies/%E2%9C%93%00", &token, None), 404, "Record not found.");
}

#[test]
fn default_records_cannot_be_changed() {
    let (mut h, token) = connected(Account::John);
    let path = format!("/movies/{IRON_MAN}");
    for method in ["PUT", "PATCH", "DELETE"] {
        let r = send(&mut h, &token, method, &path, &json!({ "name": "Iron Woman" }));
        assert_error(&r, 400, "Default records cannot be changed.");
        // Before the body is looked at.
        let r = h.api(method, &path, &token, Some("not json"));
        assert_error(&r, 400, "Default records cannot be changed.");
    }
    assert_eq!(get(&mut h, &token, &path)["name"], "Iron Man");
}

#[test]
fn put_replaces_the_whole_record() {
    let (mut h, token) = connected(Account::John);
    let r = send(&mut h, &token, "POST", "/movies", &full_body("Iron Man 2"));
    let id = body(&r)["id"].as_str().unwrap().to_string();
    h.advance(MINUTE);
    let r = send(&mut h, &token, "PUT", &format!("/movies/{id}"), &json!({ "name": "Iron Man 3", "length": 130 }));
    assert_eq!(r.status, 200, "{}", r.body_text());
    let movie = body(&r);
    assert_eq!(movie["name"], "Iron Man 3");
    assert_eq!(movie["length"], 130);
    assert_eq!(movie["genres"], json!([]));
    assert_eq!(movie["director"], Value::Null);
    assert_eq!(movie["createdAt"], "2023-11-14T22:13:20+00:00");
    assert_eq!(movie["updatedAt"], "2023-11-14T22:14:20+00:00");
    assert_eq!(movie["id"], id.as_str());
}

#[test]
fn patch_changes_only_what_it_sends() {
    let (mut h, token) = connected(Account::John);
    let r = send(&mut h, &token, "POST", "/movies", &full_body("Iron Man 2"));
    let before = body(&r);
    let path = format!("/movies/{}", before["id"].as_str().unwrap());
    let patch = json!({ "length": 125, "boxOffice": { "budget": 170 }, "premieres": { "czechPremiere": null } });
    let after = body(&send(&mut h, &token, "PATCH", &path, &patch));
    assert_eq!(after["length"], 125);
    assert_eq!(after["name"], before["name"]);
    assert_eq!(after["topCast"], before["topCast"]);
    assert_eq!(after["boxOffice"], json!({ "budget": 170, "grossProfit": 623.9 }));
    assert_eq!(after["premieres"]["czechPremiere"], Value::Null);
    assert_eq!(after["premieres"]["originalPremiere"], before["premieres"]["originalPremiere"]);
    // A patch is checked like a whole record.
    assert_error(&send(&mut h, &token, "PATCH", &path, &json!({ "name": null })), 400, "name is required.");
    assert_error(&send(&mut h, &token, "PATCH", &path, &json!({ "directorId": "999" })), 400, "directorId \"999\" is not a known person; see GET /people.");
    assert_eq!(get(&mut h, &token, &path), after);
}

#[test]
fn delete_removes_an_own_record() {
    let (mut h, token) = connected(Account::John);
    let id = create(&mut h, &token, "Short-lived");
    let path = format!("/movies/{id}");
    let r = h.api("DELETE", &path, &token, None);
    assert_eq!(r.status, 204);
    assert!(r.body.is_empty());
    assert_error(&h.api("GET", &path, &token, None), 404, "Record not found.");
    assert_error(&h.api("DELETE", &path, &token, None), 404, "Record not found.");
}

#[test]
fn invalid_bodies_are_named() {
    let (mut h, token) = connected(Account::John);
    let base = full_body("Valid");
    let with = |key: &str, value: Value| {
        let mut body = base.clone();
        body[key] = value;
        body
    };
    let cases = [
        (json!({}), "name is required."),
        (json!({ "name": "" }), "name must be a non-empty string."),
        (json!({ "name": " \t " }), "name must be a non-empty string."),
        (json!({ "name": 42 }), "name must be a non-empty string."),
        (json!({ "name": "x".repeat(201) }), "name must be at most 200 characters."),
        (json!({ "name": "x", "title": "y" }), "Unknown field: title."),
        (json!({ "name": "x", "id": "4f9a2c71e8b3" }), "id is read-only; leave it out."),
        (json!({ "name": "x", "director": null }), "director is read-only; leave it out."),
        (json!({ "name": "x", "updatedAt": "2024-01-01T00:00:00Z" }), "updatedAt is read-only; leave it out."),
        (with("genres", json!({ "id": "1" })), "genres must be an array of objects such as {\"id\": \"1\"}."),
        (with("genres", json!(["1"])), "genres[0] must be an object such as {\"id\": \"1\"}."),
        (with("genres", json!([{ "name": "action" }])), "genres[0].id must be a genre id as a string, such as \"1\"."),
        // The number form of an id is refused, naming the form expected.
        (with("genres", json!([{ "id": 1 }])), "genres[0].id must be a genre id as a string, such as \"1\"."),
        (with("genres", json!([{ "id": "1" }, { "id": "99" }])), "genres[1].id \"99\" is not a known genre; see GET /genres."),
        (with("genres", json!([{ "id": "1" }, { "id": "action" }])), "genres[1].id \"action\" is not a known genre; see GET /genres."),
        (with("genres", json!([{ "id": "1" }, { "id": "1" }])), "genres[1].id \"1\" is listed twice."),
        (with("directorId", json!(3)), "directorId must be a person id as a string, such as \"f841a38b77be\"."),
        (with("directorId", json!(-3)), "directorId must be a person id as a string, such as \"f841a38b77be\"."),
        (with("directorId", json!(1e300)), "directorId must be a person id as a string, such as \"f841a38b77be\"."),
        (with("directorId", json!("3")), "directorId \"3\" is not a known person; see GET /people."),
        (with("directorId", json!("F841A38B77BE")), "directorId \"F841A38B77BE\" is not a known person; see GET /people."),
        (with("directorId", json!("")), "directorId \"\" is not a known person; see GET /people."),
        (with("releaseDate", json!(2008)), "releaseDate must be a year as a string, such as \"2008\"."),
        (with("releaseDate", json!("2008-05-01")), "releaseDate must be a year as a string, such as \"2008\"."),
        (with("length", json!(0)), "length must be a positive whole number of minutes."),
        (with("length", json!(12.5)), "length must be a positive whole number of minutes."),
        (with("topCast", json!("Robert")), "topCast must be an array of objects such as {\"role\": \"Tony Stark\", \"castId\": \"5bfb3056c5e4\"}."),
        (with("topCast", json!([7])), "topCast[0] must be an object with role and castId."),
        (with("topCast", json!([{ "castId": ROBERT_DOWNEY_JR }])), "topCast[0].role must be a non-empty string."),
        (with("topCast", json!([{ "role": "x" }])), "topCast[0].castId must be a person id as a string, such as \"f841a38b77be\"."),
        (with("topCast", json!([{ "role": "x", "castId": 1 }])), "topCast[0].castId must be a person id as a string, such as \"f841a38b77be\"."),
        (with("topCast", json!([{ "role": "x", "castId": "77" }])), "topCast[0].castId \"77\" is not a known person; see GET /people."),
        (with("topCast", json!(vec![json!({ "role": "x", "castId": ROBERT_DOWNEY_JR }); 21])), "topCast may list at most 20 people."),
        (with("boxOffice", json!(100)), "boxOffice must be an object with budget and grossProfit."),
        (with("boxOffice", json!({ "budget": -1 })), "boxOffice.budget must be a number of millions, 0 or more."),
        (with("boxOffice", json!({ "grossProfit": "lots" })), "boxOffice.grossProfit must be a number of millions."),
        (with("boxOffice", json!({ "gross": 1 })), "Unknown field: boxOffice.gross."),
        (with("premieres", json!("2008")), "premieres must be an object with czechPremiere and originalPremiere."),
        (with("premieres", json!({ "czechPremiere": "2008-05-01" })), "premieres.czechPremiere must be an RFC 3339 date-time such as 2008-05-01T00:00:00Z."),
        (with("premieres", json!({ "usPremiere": "2008-05-01T00:00:00Z" })), "Unknown field: premieres.usPremiere."),
        (with("rating", json!(11)), "rating must be a whole number from 1 to 10."),
        (with("platform", json!("vhs")), "platform must be cinema, streaming, tv or disc."),
        (with("rating", json!(0)), "rating must be a whole number from 1 to 10."),
        (with("watched", json!("yes")), "watched must be true or false."),
        (with("note", json!("x".repeat(501))), "note must be a string of at most 500 characters."),
        (with("x".repeat(100).as_str(), json!(1)), "Unknown field: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…."),
    ];
    for (body, message) in cases {
        assert_error(&send(&mut h, &token, "POST", "/movies", &body), 400, message);
    }
    // Nothing was stored by any of them.
    assert_eq!(get(&mut h, &token, "/movies?page=2")["totalRecordsReturned"], 1);
}

#[test]
fn bodies_that_are_not_json_objects_are_named() {
    let (mut h, token) = connected(Account::John);
    assert_error(&h.api("POST", "/movies", &token, None), 400, "The body is empty; send a JSON object.");
    assert_error(&h.api("POST", "/movies", &token, Some("[1, 2]")), 400, "The body must be a JSON object.");
    let r = h.api("POST", "/movies", &token, Some("{\"name\": "));
    assert_eq!(r.status, 400);
    assert!(body(&r)["error"]["message"].as_str().unwrap().starts_with("The body is not valid JSON: "));
    let request = academy_engine::Request::new("POST", "/movies")
        .header("Authorization", &format!("Bearer {token}"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("name=Kolja");
    assert_error(&h.handle(request), 400, "Send the body as JSON with Content-Type: application/json.");
    // Without a Content-Type the body is read as JSON.
    let request = academy_engine::Request::new("POST", "/movies").header("Authorization", &format!("Bearer {token}")).body(r#"{"name":"Kolja"}"#);
    let r = h.handle(request);
    assert_eq!(r.status, 200, "{}", r.body_text());
    assert_eq!(body(&r)["name"], "Kolja");
}

#[test]
fn custom_field_values_are_checked_and_not_stored() {
    let (mut h, token) = connected(Account::John);
    let body_in = json!({ "name": "Kolja", "rating": 9, "watched": true, "note": "Prague, 1988.", "platform": "cinema" });
    let movie = body(&send(&mut h, &token, "POST", "/movies", &body_in));
    assert_eq!(movie["name"], "Kolja");
    assert!(movie.get("rating").is_none() && movie.get("platform").is_none());
}

#[test]
fn a_copied_response_body_says_which_fields_to_leave_out() {
    let (mut h, token) = connected(Account::John);
    let movie = get(&mut h, &token, &format!("/movies/{IRON_MAN}"));
    let mut copy = movie.clone();
    copy.as_object_mut().unwrap().remove("id");
    assert_error(&send(&mut h, &token, "POST", "/movies", &copy), 400, "createdAt is read-only; leave it out.");
    // Array items may keep their names: they are ignored.
    let body_in = json!({ "name": "Copy", "genres": movie["genres"], "topCast": movie["topCast"] });
    let created = body(&send(&mut h, &token, "POST", "/movies", &body_in));
    assert_eq!(created["genres"], movie["genres"]);
    assert_eq!(created["topCast"], movie["topCast"]);
}

#[test]
fn each_account_has_its_own_movies() {
    let mut h = Harness::registered();
    let john = h.connect(Account::John, &ALL_SCOPES).access;
    let jane = h.connect(Account::Jane, &ALL_SCOPES).access;
    let id = create(&mut h, &john, "John's film");
    assert_error(&h.api("GET", &format!("/movies/{id}"), &jane, None), 404, "Record not found.");
    assert_error(&h.api("DELETE", &format!("/movies/{id}"), &jane, None), 404, "Record not found.");
    assert_eq!(get(&mut h, &jane, "/movies?page=2")["totalRecordsReturned"], 1);
    assert_eq!(get(&mut h, &john, "/movies?page=2")["totalRecordsReturned"], 2);
    // Jane's limit is her own.
    for i in 0..14 {
        create(&mut h, &jane, &format!("Jane {i}"));
    }
    create(&mut h, &john, "Still room");
}

#[test]
fn records_survive_a_new_connection_and_a_snapshot() {
    let (mut h, token) = connected(Account::John);
    let id = create(&mut h, &token, "Kept");
    let restored = academy_engine::Engine::restore(&h.engine.snapshot()).unwrap();
    assert_eq!(restored, h.engine);
    let token = h.connect(Account::John, &ALL_SCOPES).access;
    assert_eq!(get(&mut h, &token, &format!("/movies/{id}"))["name"], "Kept");
}

#[test]
fn other_methods_answer_405_with_allow() {
    let (mut h, token) = connected(Account::John);
    let r = h.api("DELETE", "/movies", &token, None);
    assert_eq!(r.status, 405);
    assert_eq!(r.header_value("Allow"), Some("GET, POST"));
    assert_eq!(body(&r)["error"]["code"], 405);
    let r = h.api("POST", &format!("/movies/{IRON_MAN}"), &token, Some("{}"));
    assert_eq!(r.status, 405);
    assert_eq!(r.header_value("Allow"), Some("GET, PUT, PATCH, DELETE"));
}
