//! `/files`: CSV exports of the account's data; an import that checks and
//! stores nothing.

mod common;

use academy_engine::Account;
use common::*;
use serde_json::json;

/// Decodes standard base64 for the checks below.
fn unbase64(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let digits: Vec<u32> = text.bytes().filter(|&b| b != b'=').map(|b| ALPHABET.iter().position(|&a| a == b).unwrap() as u32).collect();
    let mut out = Vec::new();
    for chunk in digits.chunks(4) {
        let n = chunk.iter().enumerate().fold(0, |n, (i, d)| n | d << (18 - 6 * i));
        out.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
    }
    out
}

#[test]
fn files_list_and_export_the_accounts_movies() {
    let (mut h, token) = connected(Account::John);
    h.api("POST", "/movies", &token, Some(r#"{"name":"Pelíšky, 1999","directorId":"765307dba6f0"}"#));
    let r = h.api("GET", "/files", &token, None);
    assert_eq!(keys_at_depth(&r.body_text(), 2), ["id", "fileName", "contentType", "size"].repeat(2));
    let files = get(&mut h, &token, "/files");
    let movies = files.as_array().unwrap().iter().find(|f| f["fileName"] == "movies.csv").unwrap().clone();
    let id = movies["id"].as_str().unwrap();
    let r = h.api("GET", &format!("/files/{id}/export"), &token, None);
    assert_eq!(keys_at_depth(&r.body_text(), 1), ["id", "fileName", "contentType", "size", "data"]);
    let export = get(&mut h, &token, &format!("/files/{id}/export"));
    assert_eq!(export["contentType"], "text/csv");
    assert_eq!(export["size"], movies["size"]);
    let csv = String::from_utf8(unbase64(export["data"].as_str().unwrap())).unwrap();
    assert_eq!(csv.len() as u64, export["size"].as_u64().unwrap());
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "id,name,releaseDate,length,director");
    assert_eq!(lines[1], "4f9a2c71e8b3,Iron Man,2008,126,Jon Favreau");
    assert!(lines[7].ends_with(",\"Pelíšky, 1999\",,,Miloš Forman"), "{}", lines[7]);
    assert_error(&h.api("GET", "/files/nope/export", &token, None), 404, "File not found.");
    assert_error(&h.api("GET", &format!("/files/{id}"), &token, None), 404, "Not Found.");
}

#[test]
fn import_checks_the_file_and_stores_nothing() {
    let (mut h, token) = connected(Account::John);
    let before = get(&mut h, &token, "/files");
    let r = h.api("POST", "/files/import", &token, Some(&json!({ "fileName": "movies.csv", "data": "aWQsbmFtZQ==" }).to_string()));
    assert_eq!(r.status, 200, "{}", r.body_text());
    assert_eq!(body(&r), json!({ "fileName": "movies.csv", "size": 7, "stored": false }));
    assert_eq!(keys_at_depth(&r.body_text(), 1), ["fileName", "size", "stored"]);
    assert_eq!(get(&mut h, &token, "/files"), before);
    assert_eq!(get(&mut h, &token, "/movies?page=2")["totalRecordsReturned"], 1);
}

#[test]
fn invalid_imports_are_named() {
    let (mut h, token) = connected(Account::John);
    let big = "A".repeat((1 << 20) / 3 * 4 + 8);
    let cases = [
        (json!({ "data": "aGk=" }), "fileName is required."),
        (json!({ "fileName": "", "data": "aGk=" }), "fileName must be a non-empty string."),
        (json!({ "fileName": "../etc/passwd", "data": "aGk=" }), "fileName must be a file name without folders, such as movies.csv."),
        (json!({ "fileName": "a.csv" }), "data is required: the file's content in base64."),
        (json!({ "fileName": "a.csv", "data": "not base64!" }), "data must be the file's content in base64."),
        (json!({ "fileName": "a.csv", "data": "" }), "data is empty; send the file's content in base64."),
        (json!({ "fileName": "a.csv", "data": big }), "The file is larger than 1 MB; send a smaller one."),
        (json!({ "fileName": "a.csv", "data": "aGk=", "contentType": 3 }), "contentType must be a non-empty string."),
        (json!({ "fileName": "a.csv", "data": "aGk=", "folder": "x" }), "Unknown field: folder."),
    ];
    for (body, message) in cases {
        assert_error(&h.api("POST", "/files/import", &token, Some(&body.to_string())), 400, message);
    }
    let r = h.api("GET", "/files/import", &token, None);
    assert_eq!((r.status, r.header_value("Allow")), (405, Some("POST")));
}
