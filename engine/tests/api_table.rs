//! SPEC "The version 1 resources": every row of the table needs its scope,
//! and every known path answers another method with 405 and `Allow`.

mod common;

use academy_engine::{Account, Scope};
use common::*;

const IRON_MAN: &str = "4f9a2c71e8b3";
const MOVIES_CSV: &str = "2c7e9a41d0b6";

/// (method, path, scope) for each row of the table.
fn rows() -> Vec<(&'static str, String, Scope)> {
    vec![
        ("GET", "/about".into(), Scope::Read),
        ("GET", "/movies".into(), Scope::Read),
        ("POST", "/movies".into(), Scope::Write),
        ("GET", format!("/movies/{IRON_MAN}"), Scope::Read),
        ("PUT", format!("/movies/{IRON_MAN}"), Scope::Write),
        ("PATCH", format!("/movies/{IRON_MAN}"), Scope::Write),
        ("DELETE", format!("/movies/{IRON_MAN}"), Scope::Delete),
        ("GET", "/people?q=".into(), Scope::Read),
        ("GET", "/organizations".into(), Scope::Read),
        ("GET", "/genres".into(), Scope::Read),
        ("GET", format!("/awards/{IRON_MAN}"), Scope::Read),
        ("POST", "/webhooks".into(), Scope::Write),
        ("DELETE", "/webhooks/000000000000".into(), Scope::Delete),
        ("GET", "/files".into(), Scope::Read),
        ("GET", format!("/files/{MOVIES_CSV}/export"), Scope::Read),
        ("POST", "/files/import".into(), Scope::Write),
        ("GET", "/custom-fields".into(), Scope::Read),
    ]
}

#[test]
fn each_row_needs_its_scope_and_only_that_one() {
    let mut h = Harness::registered();
    for granted in [Scope::Read, Scope::Write, Scope::Delete] {
        let t = h.connect(Account::John, &[Scope::Connect, granted]);
        for (method, path, needed) in rows() {
            let body = (needed == Scope::Write).then_some("{}");
            let r = h.api(method, &path, &t.access, body);
            if needed == granted {
                assert!(r.status != 401 && r.status != 403, "{method} {path} with {granted:?}: {}", r.body_text());
            } else {
                assert_error(&r, 403, "Missing Scope.");
            }
        }
    }
    // connect alone opens no resource, but /info and /invalidate need no more.
    let t = h.connect(Account::John, &[Scope::Connect]);
    for (method, path, _) in rows() {
        assert_error(&h.api(method, &path, &t.access, None), 403, "Missing Scope.");
    }
    assert_eq!(h.info_status(&t.access), 200);
    assert_eq!(h.api("GET", "/invalidate", &t.access, None).status, 204);
}

#[test]
fn every_known_path_answers_other_methods_with_405_and_allow() {
    let (mut h, token) = connected(Account::John);
    let paths = [
        ("/authorize", "GET, POST"),
        ("/token", "POST"),
        ("/refresh", "POST"),
        ("/info", "GET"),
        ("/invalidate", "GET"),
        ("/about", "GET"),
        ("/movies", "GET, POST"),
        ("/movies/4f9a2c71e8b3", "GET, PUT, PATCH, DELETE"),
        ("/people", "GET"),
        ("/organizations", "GET"),
        ("/genres", "GET"),
        ("/awards/4f9a2c71e8b3", "GET"),
        ("/webhooks", "POST"),
        ("/webhooks/000000000000", "DELETE"),
        ("/files", "GET"),
        ("/files/2c7e9a41d0b6/export", "GET"),
        ("/files/import", "POST"),
        ("/custom-fields", "GET"),
    ];
    for (path, allow) in paths {
        for method in ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] {
            if allow.split(", ").any(|m| m == method) {
                continue;
            }
            let r = h.api(method, path, &token, Some("{}"));
            assert_error(&r, 405, "Method not allowed; use one of the methods in the Allow header.");
            assert_eq!(r.header_value("Allow"), Some(allow), "{method} {path}");
        }
    }
}

#[test]
fn unknown_paths_are_404_not_found() {
    let (mut h, token) = connected(Account::John);
    for path in ["/moviez", "/movies/4f9a2c71e8b3/cast", "/files/2c7e9a41d0b6", "/webhooks/a/b", "/awards", "/custom-fields/1"] {
        for method in ["GET", "POST", "DELETE"] {
            assert_error(&h.api(method, path, &token, Some("{}")), 404, "Not Found.");
        }
    }
}
