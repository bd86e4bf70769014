//! URL forms, query decoding, and the raw renderings of the traffic pane.

mod common;

use academy_engine::http::{parse_url, pretty_json};
use academy_engine::{Request, Response};
use common::*;

#[test]
fn urls_are_read_in_every_accepted_form() {
    for url in ["https://app-academy.make.com/api/v2/movies/abc?page=2", "/api/v2/movies/abc?page=2", "/movies/abc?page=2", "movies//abc/?page=2#top"] {
        let t = parse_url(url);
        assert_eq!(t.segments, ["movies", "abc"], "{url}");
        assert_eq!(t.query, [("page".to_string(), "2".to_string())], "{url}");
        assert!(!t.foreign);
    }
    assert!(parse_url("https://example.com/api/v2/info").foreign);
    assert_eq!(parse_url("https://example.com/api/v2/info").segments, ["api", "v2", "info"]);
    assert_eq!(parse_url("/api/v2").segments, Vec::<String>::new());
    assert_eq!(parse_url("/api/v2x/info").segments, ["api", "v2x", "info"]);
}

#[test]
fn queries_decode_plus_and_percent_escapes() {
    let t = parse_url("/people?q=contains%3D%20%22Rob%22+AND+x&empty&a=%zz%4&b=%E2%82%AC&c=%FF");
    assert_eq!(t.param("q"), Some(r#"contains= "Rob" AND x"#));
    assert_eq!(t.param("empty"), Some(""));
    assert_eq!(t.param("a"), Some("%zz%4"));
    assert_eq!(t.param("b"), Some("€"));
    assert_eq!(t.param("c"), Some("\u{FFFD}"));
    // Path segments decode %XX but keep `+`.
    assert_eq!(parse_url("/movies/a%20b+c").segments, ["movies", "a b+c"]);
}

#[test]
fn absolute_url_puts_any_form_on_the_base() {
    assert_eq!(Request::new("GET", "/info").absolute_url(), "https://app-academy.make.com/api/v2/info");
    assert_eq!(Request::new("GET", "/api/v2/movies?page=2").absolute_url(), "https://app-academy.make.com/api/v2/movies?page=2");
    assert_eq!(Request::new("GET", "https://app-academy.make.com/api/v2/info").absolute_url(), "https://app-academy.make.com/api/v2/info");
    assert_eq!(Request::new("GET", "https://example.com/x").absolute_url(), "https://example.com/x");
}

#[test]
fn a_request_renders_as_http_1_1() {
    let r = Request::new("post", "/token").header("Content-Type", "application/json").body(r#"{"a":1}"#);
    assert_eq!(r.to_http(), "POST /api/v2/token HTTP/1.1\nHost: app-academy.make.com\nContent-Type: application/json\nContent-Length: 7\n\n{\"a\":1}");
    let r = Request::new("GET", "https://app-academy.make.com/api/v2/authorize?scope=connect+read&state=x").header("Authorization", "Bearer t");
    assert_eq!(r.to_http(), "GET /api/v2/authorize?scope=connect+read&state=x HTTP/1.1\nHost: app-academy.make.com\nAuthorization: Bearer t\n\n");
    // Another host is drawn as it was addressed.
    assert_eq!(Request::new("GET", "https://example.com/api/v2/info?a=1").to_http(), "GET /api/v2/info?a=1 HTTP/1.1\nHost: example.com\n\n");
    assert_eq!(Request::new("GET", "https://example.com").to_http(), "GET / HTTP/1.1\nHost: example.com\n\n");
}

#[test]
fn a_request_renders_as_curl() {
    let r = Request::new("GET", "/info").header("Authorization", "Bearer abc");
    assert_eq!(r.to_curl(), "curl 'https://app-academy.make.com/api/v2/info' \\\n  -H 'Authorization: Bearer abc'");
    let r = Request::new("POST", "/movies").header("Content-Type", "application/json").body(r#"{"name":"It's"}"#);
    assert_eq!(
        r.to_curl(),
        "curl 'https://app-academy.make.com/api/v2/movies' \\\n  -X 'POST' \\\n  -H 'Content-Type: application/json' \\\n  --data-raw '{\"name\":\"It'\\''s\"}'"
    );
}

#[test]
fn a_response_renders_with_reason_phrase_and_pretty_json() {
    let mut h = Harness::registered();
    let r = h.api("GET", "/info", "", None);
    assert_eq!(
        r.to_http(),
        "HTTP/1.1 401 Unauthorized\nContent-Type: application/json\nWWW-Authenticate: Bearer realm=\"app-academy\"\n\n{\n  \"error\": {\n    \"message\": \"Not Authorized.\",\n    \"code\": 401\n  }\n}"
    );
    let r = Response { status: 204, headers: vec![], body: vec![] };
    assert_eq!(r.to_http(), "HTTP/1.1 204 No Content\n\n");
    let r = Response { status: 200, headers: vec![], body: b"not json".to_vec() };
    assert_eq!(r.to_http(), "HTTP/1.1 200 OK\n\nnot json");
}

#[test]
fn pretty_json_matches_serde_and_keeps_key_order() {
    for text in [r#"{"b":1,"a":[1,2,{}],"c":{"x":"a\"b,c:{"},"d":[]}"#, "[]", r#"[{"k":null}, true]"#, r#""s""#, "3"] {
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        let pretty = pretty_json(text);
        assert_eq!(serde_json::from_str::<serde_json::Value>(&pretty).unwrap(), v, "{pretty}");
    }
    assert_eq!(pretty_json(r#"{"b":1,"a":[]}"#), "{\n  \"b\": 1,\n  \"a\": []\n}");
}
