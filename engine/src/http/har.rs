//! Exchanges as a HAR 1.2 archive (the HTTP Archive format browsers' DevTools,
//! Postman and Insomnia import). Times are on the simulated clock; the
//! simulated server answers at once, so every phase takes 0 ms and the
//! phases a simulation has no part of (DNS, connect, TLS) are -1, "not
//! applicable" in the format.

use serde_json::{json, Value};

use super::form::parse_form;
use super::message::{find_header, Request, Response};
use super::render::{display_method, reason_phrase};
use super::url::split_query;
use crate::api::timestamp::format_millis_z;
use crate::Exchange;

/// The name the archive gives as its creator.
pub const CREATOR: &str = "Academy OAuth2 Playground";
const HTTP_VERSION: &str = "HTTP/1.1";

/// The archive of these exchanges, in order, one entry each. `version` is the
/// creator's version (the app's, from Cargo).
pub fn har<'a>(exchanges: impl IntoIterator<Item = &'a Exchange>, version: &str) -> Value {
    let entries: Vec<Value> = exchanges.into_iter().map(entry).collect();
    json!({
        "log": {
            "version": "1.2",
            "creator": { "name": CREATOR, "version": version },
            "entries": entries,
        }
    })
}

fn entry(e: &Exchange) -> Value {
    json!({
        "startedDateTime": format_millis_z(e.at),
        "time": 0,
        "request": request(&e.request),
        "response": response(&e.response),
        "cache": {},
        "timings": { "blocked": -1, "dns": -1, "connect": -1, "ssl": -1, "send": 0, "wait": 0, "receive": 0 },
    })
}

fn pairs(pairs: &[(String, String)]) -> Vec<Value> {
    pairs.iter().map(|(name, value)| json!({ "name": name, "value": value })).collect()
}

fn request(r: &Request) -> Value {
    let url = r.absolute_url();
    let (_, query) = split_query(&url);
    let mut out = json!({
        "method": display_method(&r.method),
        "url": url,
        "httpVersion": HTTP_VERSION,
        "cookies": [],
        "headers": pairs(&r.headers),
        "queryString": pairs(&query),
        "headersSize": -1,
        "bodySize": r.body.len(),
    });
    if !r.body.is_empty() {
        let mime = find_header(&r.headers, "content-type").unwrap_or("application/octet-stream");
        let text = String::from_utf8_lossy(&r.body);
        let mut post = json!({ "mimeType": mime, "text": text });
        // A form's fields as well, as browsers write them, so a tool shows
        // them without parsing the text.
        if mime.trim().to_ascii_lowercase().starts_with("application/x-www-form-urlencoded") {
            post["params"] = Value::Array(pairs(&parse_form(&text)));
        }
        out["postData"] = post;
    }
    out
}

fn response(r: &Response) -> Value {
    json!({
        "status": r.status,
        "statusText": reason_phrase(r.status),
        "httpVersion": HTTP_VERSION,
        "cookies": [],
        "headers": pairs(&r.headers),
        "content": {
            "size": r.body.len(),
            "mimeType": r.header_value("content-type").unwrap_or(""),
            "text": r.body_text(),
        },
        "redirectURL": r.header_value("location").unwrap_or(""),
        "headersSize": -1,
        "bodySize": r.body.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Origin, Outcome};

    fn exchange(seq: u64, at: i64, request: Request, response: Response) -> Exchange {
        Exchange { seq, at, origin: Origin::App, request, response, outcome: Outcome::default() }
    }

    fn sample() -> Vec<Exchange> {
        let authorize = Request::new("get", "/authorize?client_id=abc&redirect_uri=https%3A%2F%2Fx.org%2Fcb&scope=connect+read");
        let redirect = Response {
            status: 302,
            headers: vec![("Location".into(), "https://x.org/cb?code=C1".into())],
            body: Vec::new(),
        };
        let token = Request::new("POST", "https://app-academy.make.com/api/v2/token")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body("grant_type=authorization_code&code=C1&redirect_uri=https%3A%2F%2Fx.org%2Fcb");
        let tokens = Response {
            status: 200,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: br#"{"access_token":"A"}"#.to_vec(),
        };
        let movie = Request::new("POST", "/movies").json(&json!({ "name": "X" }));
        let refused = Response { status: 403, headers: vec![("Content-Type".into(), "application/json".into())], body: b"{}".to_vec() };
        vec![
            exchange(1, 1_681_405_487_120, authorize, redirect),
            exchange(2, 1_681_405_487_120 + 60_000, token, tokens),
            exchange(3, 1_681_405_487_120 + 3_600_000, movie, refused),
        ]
    }

    #[test]
    fn one_entry_per_exchange_with_every_required_field() {
        let log = sample();
        let doc = har(&log, "1.2.3");
        assert_eq!(doc["log"]["version"], "1.2");
        assert_eq!(doc["log"]["creator"], json!({ "name": CREATOR, "version": "1.2.3" }));
        let entries = doc["log"]["entries"].as_array().unwrap();
        assert_eq!(entries.len(), log.len());
        for e in entries {
            for key in ["startedDateTime", "time", "request", "response", "cache", "timings"] {
                assert!(!e[key].is_null(), "entry.{key}");
            }
            for key in ["method", "url", "httpVersion", "cookies", "headers", "queryString", "headersSize", "bodySize"] {
                assert!(!e["request"][key].is_null(), "request.{key}");
            }
            for key in ["status", "statusText", "httpVersion", "cookies", "headers", "content", "redirectURL", "headersSize", "bodySize"] {
                assert!(!e["response"][key].is_null(), "response.{key}");
            }
            for key in ["size", "mimeType", "text"] {
                assert!(!e["response"]["content"][key].is_null(), "content.{key}");
            }
            for key in ["send", "wait", "receive"] {
                assert_eq!(e["timings"][key], 0, "timings.{key}");
            }
            assert_eq!(e["timings"]["dns"], -1);
            assert_eq!(e["time"], 0);
            assert_eq!(e["cache"], json!({}));
            assert_eq!(e["request"]["httpVersion"], "HTTP/1.1");
            assert!(e["request"]["url"].as_str().unwrap().starts_with("https://app-academy.make.com/api/v2/"));
        }
        assert_eq!(har(&[], "0")["log"]["entries"], json!([]));
    }

    #[test]
    fn times_are_the_simulated_clock_in_iso_8601() {
        let doc = har(&sample(), "0");
        let at = |i: usize| doc["log"]["entries"][i]["startedDateTime"].as_str().unwrap().to_string();
        assert_eq!(at(0), "2023-04-13T17:04:47.120Z");
        assert_eq!(at(1), "2023-04-13T17:05:47.120Z");
        assert_eq!(at(2), "2023-04-13T18:04:47.120Z");
    }

    #[test]
    fn query_strings_post_data_and_redirects_are_read() {
        let doc = har(&sample(), "0");
        let entries = &doc["log"]["entries"];
        let authorize = &entries[0];
        assert_eq!(authorize["request"]["method"], "GET");
        assert_eq!(
            authorize["request"]["queryString"],
            json!([
                { "name": "client_id", "value": "abc" },
                { "name": "redirect_uri", "value": "https://x.org/cb" },
                { "name": "scope", "value": "connect read" },
            ])
        );
        assert!(authorize["request"].get("postData").is_none());
        assert_eq!(authorize["response"]["status"], 302);
        assert_eq!(authorize["response"]["statusText"], "Found");
        assert_eq!(authorize["response"]["redirectURL"], "https://x.org/cb?code=C1");
        assert_eq!(authorize["response"]["content"]["size"], 0);

        let token = &entries[1]["request"];
        assert_eq!(token["postData"]["mimeType"], "application/x-www-form-urlencoded");
        assert_eq!(token["postData"]["params"][0], json!({ "name": "grant_type", "value": "authorization_code" }));
        assert_eq!(token["postData"]["params"][2]["value"], "https://x.org/cb");
        assert_eq!(token["bodySize"], token["postData"]["text"].as_str().unwrap().len());
        assert_eq!(entries[1]["response"]["content"]["text"], r#"{"access_token":"A"}"#);
        assert_eq!(entries[1]["response"]["content"]["mimeType"], "application/json");

        let movie = &entries[2]["request"];
        assert_eq!(movie["postData"], json!({ "mimeType": "application/json", "text": r#"{"name":"X"}"# }));
        assert_eq!(movie["queryString"], json!([]));
        assert_eq!(entries[2]["response"]["statusText"], "Forbidden");
    }

    #[test]
    fn odd_requests_still_make_entries() {
        let odd = Request { method: " ".into(), url: "http://other.example/x?a".into(), headers: vec![], body: vec![0xff, b'a'] };
        let log = [exchange(1, i64::MIN, odd, Response::default()), exchange(2, i64::MAX, Request::default(), Response::default())];
        let doc = har(&log, "");
        let first = &doc["log"]["entries"][0]["request"];
        assert_eq!(first["method"], "GET");
        assert_eq!(first["url"], "http://other.example/x?a");
        assert_eq!(first["postData"]["mimeType"], "application/octet-stream");
        assert_eq!(doc["log"]["entries"].as_array().unwrap().len(), 2);
    }
}
