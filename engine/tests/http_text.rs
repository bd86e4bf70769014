//! URL forms, query decoding and building, and the text renderings the
//! panes show.

mod common;

use academy_engine::http::{
    absolute_url, encode_loose, first, host_of, parse_url, path_of, percent_decode, pretty_if_json, pretty_json, split_query,
    status_text, with_query, with_query_lists,
};
use academy_engine::{Request, Response};
use common::*;
use proptest::prelude::*;

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

#[test]
fn pretty_if_json_keeps_order_and_escapes_and_refuses_other_text() {
    let p = pretty_if_json(r#"{"b":1,"a":[],"s":"x\"},{","o":{"k":[1,2]}}"#).unwrap();
    assert_eq!(p, "{\n  \"b\": 1,\n  \"a\": [],\n  \"s\": \"x\\\"},{\",\n  \"o\": {\n    \"k\": [\n      1,\n      2\n    ]\n  }\n}");
    assert_eq!(pretty_if_json("  {\"a\":1}\n").as_deref(), Some("{\n  \"a\": 1\n}"));
    assert!(pretty_if_json("not json").is_none());
    assert!(pretty_if_json("  ").is_none());
    assert!(pretty_if_json("{\"a\":").is_none());
}

#[test]
fn status_text_joins_the_reason_phrase() {
    assert_eq!(status_text(200), "200 OK");
    assert_eq!(status_text(404), "404 Not Found");
    assert_eq!(status_text(0), "0");
    assert_eq!(status_text(299), "299");
}

#[test]
fn url_parts_are_read_as_the_server_reads_them() {
    assert_eq!(absolute_url("/info"), "https://app-academy.make.com/api/v2/info");
    assert_eq!(absolute_url("/api/v2/info"), "https://app-academy.make.com/api/v2/info");
    assert_eq!(absolute_url(" https://www.make.com/oauth/cb/app?code=1#x "), "https://www.make.com/oauth/cb/app?code=1#x");
    assert_eq!(path_of("https://app-academy.make.com/api/v2/info?x=1"), "/api/v2/info?x=1");
    assert_eq!(path_of("/movies?page=2#top"), "/api/v2/movies?page=2");
    assert_eq!(path_of("https://example.com"), "/");
    assert_eq!(host_of("/info"), "app-academy.make.com");
    assert_eq!(host_of("https://app-academy.make.com/api/v2/info"), "app-academy.make.com");
    assert_eq!(host_of("https://www.make.com?code=1"), "www.make.com");
    assert_eq!(host_of("HTTPS://www.make.com/oauth/cb/app"), "www.make.com");
}

#[test]
fn a_callback_url_splits_into_base_and_decoded_pairs() {
    let (base, q) = split_query("https://www.make.com/oauth/cb/app?error.message=Access%20denied.&state=x+y#frag");
    assert_eq!(base, "https://www.make.com/oauth/cb/app");
    assert_eq!(first(&q, "error.message"), Some("Access denied."));
    assert_eq!(first(&q, "state"), Some("x y"));
    assert_eq!(split_query("https://x/cb"), ("https://x/cb".to_string(), vec![]));
}

#[test]
fn redirect_queries_percent_encode_and_authorize_urls_join_scope_words_with_plus() {
    // A redirect: every value percent-encoded, appended to any query, fragment dropped.
    assert_eq!(with_query("https://a.example/cb", &[("code", "x y"), ("state", "&=")]), "https://a.example/cb?code=x%20y&state=%26%3D");
    assert_eq!(with_query("https://a.example/cb?app=1", &[("code", "c")]), "https://a.example/cb?app=1&code=c");
    assert_eq!(with_query("https://a.example/cb#frag", &[("code", "c")]), "https://a.example/cb?code=c");
    // An authorize URL: `scope` words joined with `+`, as the docs show; other values as before.
    let url = with_query_lists("https://h/a", &[("scope", "connect read"), ("redirect_uri", "https://x/y"), ("state", "a b+")], &["scope"]);
    assert_eq!(url, "https://h/a?scope=connect+read&redirect_uri=https%3A%2F%2Fx%2Fy&state=a%20b%2B");
    assert_eq!(with_query_lists("https://h/a", &[("scope", "a+b  c")], &["scope"]), "https://h/a?scope=a%2Bb++c");
}

#[test]
fn bad_escapes_survive_and_loose_encoding_keeps_what_was_typed() {
    assert_eq!(percent_decode("100%", true), "100%");
    assert_eq!(percent_decode("%zz%4", true), "%zz%4");
    assert_eq!(encode_loose("/people?q=contains=\"Rob\""), "/people?q=contains=%22Rob%22");
    assert_eq!(encode_loose(" /a b/%20é{} "), "/a%20b/%20%C3%A9%7B%7D");
}

proptest! {
    #[test]
    fn built_queries_read_back_as_the_same_pairs(
        pairs in prop::collection::vec(("[a-z_.]{1,8}", any::<String>()), 0..5),
        scope_words in any::<bool>(),
    ) {
        let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let keys: Vec<&str> = if scope_words { borrowed.iter().map(|(k, _)| *k).collect() } else { vec![] };
        let url = with_query_lists("https://x.example/cb", &borrowed, &keys);
        let (base, read) = split_query(&url);
        prop_assert_eq!(base, "https://x.example/cb");
        prop_assert_eq!(read, pairs);
    }

    #[test]
    fn url_helpers_take_any_text(text in any::<String>()) {
        let _ = (absolute_url(&text), path_of(&text), host_of(&text), split_query(&text), encode_loose(&text), pretty_if_json(&text));
        let _ = (percent_decode(&text, true), with_query(&text, &[("k", &text)]));
    }
}
