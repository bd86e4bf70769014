//! `GET /people?q=`: the query language through `Engine::handle`.

mod common;

use academy_engine::Account;
use common::*;
use serde_json::Value;

fn people(h: &mut Harness, token: &str, q: &str) -> Vec<String> {
    let r = h.api("GET", &format!("/people?q={}", encode(q)), token, None);
    assert_eq!(r.status, 200, "{q}: {}", r.body_text());
    body(&r).as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap().to_string()).collect()
}

#[test]
fn the_docs_example() {
    let (mut h, token) = connected(Account::Jane);
    let found = people(&mut h, &token, r#"contains= "Rob" AND startsWith = "Rob" AND endsWith = "Jr.""#);
    assert_eq!(found, ["Robert Downey Jr."]);
}

#[test]
fn each_condition() {
    let (mut h, token) = connected(Account::Jane);
    assert_eq!(people(&mut h, &token, r#"startsWith="Rob""#), ["Robert Downey Jr.", "Robert Zemeckis"]);
    assert_eq!(people(&mut h, &token, r#"endsWith = "Nolan""#), ["Christopher Nolan"]);
    assert_eq!(people(&mut h, &token, r#"equal = "Laura Dern""#), ["Laura Dern"]);
    assert_eq!(people(&mut h, &token, r#"equals = "Laura Dern""#), ["Laura Dern"]);
    assert_eq!(people(&mut h, &token, r#"contains = "š""#), ["Miloš Forman"]);
    assert!(people(&mut h, &token, r#"equal = "Laura""#).is_empty());
    assert!(people(&mut h, &token, r#"contains = "rob""#).is_empty(), "values are case-sensitive");
    // Condition names and AND are not.
    assert_eq!(people(&mut h, &token, r#"EQUALS="Laura Dern" and STARTSWITH="Laura""#), ["Laura Dern"]);
    assert_eq!(people(&mut h, &token, r#"endswith = "Jr.""#), ["Robert Downey Jr."]);
    // Inside a value a backslash escapes the next character, a quote too.
    assert_eq!(people(&mut h, &token, r#"endsWith = "Jr\.""#), ["Robert Downey Jr."]);
    let r = h.api("GET", &format!("/people?q={}", encode(r#"contains = "Rob\""#)), &token, None);
    assert_error(&r, 400, "The value after contains is missing its closing quote.");
}

#[test]
fn a_condition_may_repeat() {
    let (mut h, token) = connected(Account::Jane);
    let found = people(&mut h, &token, r#"contains = "e" AND contains = "a" AND contains = "H""#);
    assert_eq!(found, ["Heath Ledger"]);
}

#[test]
fn no_q_lists_everyone_with_ids() {
    let (mut h, token) = connected(Account::Jane);
    let all = body(&h.api("GET", "/people", &token, None));
    let list = all.as_array().unwrap();
    assert!(list.len() >= 15 && list.len() <= 20, "{}", list.len());
    assert_eq!(list[0], serde_json::json!({ "id": "5bfb3056c5e4", "name": "Robert Downey Jr." }));
    assert_eq!(body(&h.api("GET", "/people?q=", &token, None)), all);
    assert_eq!(body(&h.api("GET", "/people?q=%20%20", &token, None)), all);
}

#[test]
fn a_malformed_q_is_named() {
    let (mut h, token) = connected(Account::Jane);
    let cases = [
        (r#"foo = "x""#, "Unknown condition: foo."),
        ("startsWith = Rob", "Expected a quoted value after startsWith."),
        (r#"startsWith "Rob""#, "Expected = after startsWith."),
        (r#"contains = "Rob"#, "The value after contains is missing its closing quote."),
        (r#"contains = "a" contains = "b""#, r#"Expected AND before "contains = "b""."#),
        (r#"contains = "a" OR contains = "b""#, "Only AND can join conditions."),
        (r#"contains = "a" AND "#, "Expected a condition after AND."),
        ("Rob", "Unknown condition: Rob."),
    ];
    for (q, message) in cases {
        let r = h.api("GET", &format!("/people?q={}", encode(q)), &token, None);
        assert_error(&r, 400, message);
    }
    assert_error(&h.api("GET", "/people?name=Rob", &token, None), 400, "Unknown query parameter: name; use q.");
    let r = h.api("GET", "/people?q=contains%3D%22a%22&q=contains%3D%22b%22", &token, None);
    assert_error(&r, 400, "q is given twice; join the conditions with AND instead.");
}

#[test]
fn odd_queries_get_answers() {
    let (mut h, token) = connected(Account::Jane);
    let long = format!(r#"contains = "{}""#, "é".repeat(10_000));
    for q in [long.as_str(), "\u{0}", "contains=\"\u{202e}\"", "AND AND", "=\"\"", "contains = \"\\"] {
        let r = h.api("GET", &format!("/people?q={}", encode(q)), &token, None);
        assert!(r.status == 200 || r.status == 400, "{q:?}: {}", r.status);
        let _: Value = body(&r);
    }
}
