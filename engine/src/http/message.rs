//! Requests and responses as plain values, and their headers.

use serde::Serialize;

/// A request as a client would send it. `url` may be absolute
/// (`https://app-academy.make.com/api/v2/info`), a full path (`/api/v2/info`)
/// or a path relative to the base (`/info`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Default)]
pub struct Request {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    #[serde(serialize_with = "body_text")]
    pub body: Vec<u8>,
}

/// A response as the server sends it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Default)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    #[serde(serialize_with = "body_text")]
    pub body: Vec<u8>,
}

impl Request {
    pub fn new(method: &str, url: &str) -> Self {
        Request { method: method.to_string(), url: url.to_string(), headers: Vec::new(), body: Vec::new() }
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }

    /// A JSON body with its content type.
    pub fn json(self, value: &serde_json::Value) -> Self {
        self.header("Content-Type", "application/json").body(value.to_string())
    }

    /// First header of that name, case-insensitively.
    pub fn header_value(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// The request's URL made absolute on the API base; see
    /// [`absolute_url`](super::absolute_url).
    pub fn absolute_url(&self) -> String {
        super::url::absolute_url(&self.url)
    }
}

impl Response {
    pub fn header_value(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body parsed as JSON, if it is JSON.
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }
}

pub(crate) fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// Bodies are written as text (lossy UTF-8) so they read as JSON.
fn body_text<S: serde::Serializer>(body: &[u8], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&String::from_utf8_lossy(body))
}
