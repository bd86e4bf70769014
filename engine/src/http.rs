//! Plain HTTP-shaped values, URL/query/form parsing, and raw rendering
//! (HTTP/1.1 text and curl) for the traffic pane.

use serde::{Deserialize, Serialize};

/// A request as a client would send it. `url` may be absolute
/// (`https://app-academy.make.com/api/v2/info`), a full path (`/api/v2/info`)
/// or a path relative to the base (`/info`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Request {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    #[serde(with = "body_text")]
    pub body: Vec<u8>,
}

/// A response as the server sends it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    #[serde(with = "body_text")]
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

/// Bodies are stored as text (lossy UTF-8) so snapshots stay readable JSON.
mod body_text {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(body: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&String::from_utf8_lossy(body))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        Ok(String::deserialize(d)?.into_bytes())
    }
}

/// Where a request goes, once its URL is read.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Target {
    /// Path segments after `/api/v2`, percent-decoded, empty segments dropped.
    pub segments: Vec<String>,
    /// Decoded query pairs, in order (`+` is a space).
    pub query: Vec<(String, String)>,
    /// The URL names another host than the API's, so nothing here serves it.
    pub foreign: bool,
}

impl Target {
    /// First value of a query parameter.
    pub fn param(&self, name: &str) -> Option<&str> {
        first(&self.query, name)
    }

    /// True when the path is exactly these segments.
    pub fn is(&self, path: &[&str]) -> bool {
        self.segments.len() == path.len() && self.segments.iter().zip(path).all(|(a, b)| a == b)
    }
}

/// First value of `name` in decoded pairs.
pub fn first<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// A request URL cut into its parts, still encoded.
struct UrlParts<'a> {
    /// The host of an absolute URL.
    host: Option<&'a str>,
    /// The path relative to the API base (for a foreign host: its whole path).
    path: &'a str,
    query: Option<&'a str>,
    /// The URL names another host than the API's, so nothing here serves it.
    foreign: bool,
}

/// Splits any accepted URL form (absolute, `/api/v2/...`, base-relative).
fn split_url(url: &str) -> UrlParts<'_> {
    let url = url.trim();
    let url = url.split('#').next().unwrap_or("");
    let (mut path, query) = match url.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (url, None),
    };
    let mut host = None;
    let lower = path.to_ascii_lowercase();
    let after_scheme = ["https://", "http://"].iter().find(|s| lower.starts_with(**s)).map(|s| s.len());
    if let Some(n) = after_scheme {
        // The scheme is ASCII, so this offset is a char boundary (and `get`
        // would refuse it otherwise).
        let rest = path.get(n..).unwrap_or("");
        let (h, p) = match rest.find('/') {
            Some(i) => (rest.get(..i).unwrap_or(""), rest.get(i..).unwrap_or("")),
            None => (rest, ""),
        };
        host = Some(h);
        path = p;
    }
    let foreign = host.is_some_and(|h| !h.eq_ignore_ascii_case(crate::HOST));
    if !foreign {
        path = path.strip_prefix(crate::BASE_PATH).filter(|p| p.is_empty() || p.starts_with('/')).unwrap_or(path);
    }
    UrlParts { host, path, query, foreign }
}

/// Reads a request URL (absolute, `/api/v2/...` or base-relative).
pub fn parse_url(url: &str) -> Target {
    let UrlParts { path, query, foreign, .. } = split_url(url);
    let segments = path.split('/').filter(|s| !s.is_empty()).map(|s| percent_decode(s, false)).collect();
    Target { segments, query: query.map(parse_form).unwrap_or_default(), foreign }
}

/// The path relative to the base, starting with `/`, and the raw query.
fn path_and_query(url: &str) -> (String, Option<String>) {
    let UrlParts { path, query, .. } = split_url(url);
    let path = if path.starts_with('/') { path.to_string() } else { format!("/{path}") };
    (path, query.map(str::to_string))
}

/// Decodes `%XX` escapes (and `+` as a space in forms). Invalid escapes stay
/// as they are; invalid UTF-8 becomes U+FFFD.
pub fn percent_decode(s: &str, plus_is_space: bool) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hi = bytes.get(i + 1).and_then(|b| (*b as char).to_digit(16));
                let lo = bytes.get(i + 2).and_then(|b| (*b as char).to_digit(16));
                if let (Some(hi), Some(lo)) = (hi, lo) {
                    out.push((hi * 16 + lo) as u8);
                    i += 3;
                    continue;
                }
                out.push(b'%');
            }
            b'+' if plus_is_space => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Encodes everything but RFC 3986 unreserved characters (spaces as `%20`).
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `a=1&b=x+y` into decoded pairs. A key without `=` has an empty value.
pub fn parse_form(s: &str) -> Vec<(String, String)> {
    s.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (percent_decode(k, true), percent_decode(v, true)),
            None => (percent_decode(p, true), String::new()),
        })
        .collect()
}

/// Pairs into a form body, `a=1&b=x+y` (a literal `%` is `%25`, so every
/// `%20` left is a space).
pub fn encode_form(pairs: &[(&str, &str)]) -> String {
    let form = |s: &str| percent_encode(s).replace("%20", "+");
    pairs.iter().map(|(k, v)| format!("{}={}", form(k), form(v))).collect::<Vec<_>>().join("&")
}

/// The fields of a `/token`, `/refresh` or consent body: JSON or form-encoded,
/// chosen by `Content-Type`, sniffed when there is none. `None` when the body
/// is neither. In JSON, strings are taken as they are, numbers and booleans as
/// their text, and `null`, arrays and objects as absent.
pub fn body_fields(content_type: Option<&str>, body: &[u8]) -> Option<Vec<(String, String)>> {
    let media = content_type.map(|c| c.split(';').next().unwrap_or("").trim().to_ascii_lowercase());
    let text = std::str::from_utf8(body).ok()?;
    let is_json = match media.as_deref() {
        Some("application/json") => true,
        Some(m) if m.starts_with("application/") && m.ends_with("+json") => true,
        Some("application/x-www-form-urlencoded") => false,
        Some(_) => return None,
        None => text.trim_start().starts_with('{'),
    };
    if is_json {
        let value: serde_json::Value = serde_json::from_str(text).ok()?;
        let object = value.as_object()?;
        Some(
            object
                .iter()
                .filter_map(|(k, v)| match v {
                    serde_json::Value::String(s) => Some((k.clone(), s.clone())),
                    serde_json::Value::Number(n) => Some((k.clone(), n.to_string())),
                    serde_json::Value::Bool(b) => Some((k.clone(), b.to_string())),
                    _ => None,
                })
                .collect(),
        )
    } else if media.is_none() && !text.trim().is_empty() && !text.contains('=') {
        // Sniffing: text that is not a form (`key=value`) is not accepted.
        None
    } else {
        Some(parse_form(text.trim()))
    }
}

impl Request {
    /// The request's URL made absolute on the API base
    /// (`https://app-academy.make.com/api/v2/...`). A URL naming another host
    /// is returned as it is.
    pub fn absolute_url(&self) -> String {
        if split_url(&self.url).foreign {
            return self.url.trim().to_string();
        }
        let (path, query) = path_and_query(&self.url);
        let path = if path == "/" { String::new() } else { path };
        match query {
            Some(q) => format!("{}{path}?{q}", crate::BASE_URL),
            None => format!("{}{path}", crate::BASE_URL),
        }
    }

    /// The request as HTTP/1.1 text for the traffic pane: request line with
    /// the full `/api/v2` path and query, `Host`, the headers, a
    /// `Content-Length` when there is a body, a blank line and the body.
    /// Lines end with `\n` (for display).
    pub fn to_http(&self) -> String {
        let parts = split_url(&self.url);
        // A URL on another host is drawn as sent there.
        let (base, host) = match parts.host {
            Some(h) if parts.foreign => ("", h),
            _ => (crate::BASE_PATH, crate::HOST),
        };
        let (path, query) = path_and_query(&self.url);
        let target = match query {
            Some(q) => format!("{base}{path}?{q}"),
            None => format!("{base}{path}"),
        };
        let mut out = format!("{} {target} HTTP/1.1\n", display_method(&self.method));
        if self.header_value("Host").is_none() {
            out.push_str(&format!("Host: {host}\n"));
        }
        for (k, v) in &self.headers {
            out.push_str(&format!("{k}: {v}\n"));
        }
        if !self.body.is_empty() && self.header_value("Content-Length").is_none() {
            out.push_str(&format!("Content-Length: {}\n", self.body.len()));
        }
        out.push('\n');
        out.push_str(&String::from_utf8_lossy(&self.body));
        out
    }

    /// A copy-pasteable curl command (POSIX shell quoting), one option a line.
    pub fn to_curl(&self) -> String {
        let method = display_method(&self.method);
        let mut parts = vec![format!("curl {}", shell_quote(&self.absolute_url()))];
        if method != "GET" || !self.body.is_empty() {
            parts.push(format!("-X {}", shell_quote(&method)));
        }
        for (k, v) in &self.headers {
            parts.push(format!("-H {}", shell_quote(&format!("{k}: {v}"))));
        }
        if !self.body.is_empty() {
            parts.push(format!("--data-raw {}", shell_quote(&String::from_utf8_lossy(&self.body))));
        }
        parts.join(" \\\n  ")
    }
}

fn display_method(method: &str) -> String {
    let m = method.trim();
    if m.is_empty() {
        "GET".to_string()
    } else {
        m.to_ascii_uppercase()
    }
}

/// Single-quotes for a POSIX shell: `'` becomes `'\''`.
pub fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

impl Response {
    /// The response as HTTP/1.1 text: status line with reason phrase, the
    /// headers, a blank line, the body (JSON pretty-printed). `\n` line ends.
    pub fn to_http(&self) -> String {
        let mut out = format!("HTTP/1.1 {} {}\n", self.status, reason_phrase(self.status));
        for (k, v) in &self.headers {
            out.push_str(&format!("{k}: {v}\n"));
        }
        out.push('\n');
        let text = self.body_text();
        match self.json() {
            Some(_) => out.push_str(&pretty_json(&text)),
            None => out.push_str(&text),
        }
        out
    }
}

/// Re-indents JSON text (two spaces, as `serde_json` pretty-prints) without
/// re-parsing it into maps, so keys keep the order the server wrote them in.
/// Meant for text already known to be JSON.
pub fn pretty_json(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut depth = 0usize;
    let mut chars = text.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                out.push('"');
                let mut escaped = false;
                for c in chars.by_ref() {
                    out.push(c);
                    match c {
                        '\\' if !escaped => escaped = true,
                        '"' if !escaped => break,
                        _ => escaped = false,
                    }
                }
            }
            '{' | '[' => {
                out.push(c);
                while chars.peek().is_some_and(|c| c.is_whitespace()) {
                    chars.next();
                }
                if matches!(chars.peek(), Some('}' | ']')) {
                    out.extend(chars.next());
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(',');
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

/// The standard reason phrase of a status.
pub fn reason_phrase(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        302 => "Found",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Content",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        _ => "",
    }
}
