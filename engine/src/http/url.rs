//! URLs: reading a request URL in any accepted form, its parts, percent
//! coding, and building query strings.

use super::form::{encode_form_value, parse_form};

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

/// A URL made absolute on the API base
/// (`https://app-academy.make.com/api/v2/...`), read as [`parse_url`] reads
/// it, so what is shown is what is served. A URL naming another host is
/// returned as it is.
pub fn absolute_url(url: &str) -> String {
    if split_url(url).foreign {
        return url.trim().to_string();
    }
    let (path, query) = path_and_query(url);
    let path = if path == "/" { String::new() } else { path };
    match query {
        Some(q) => format!("{}{path}?{q}", crate::BASE_URL),
        None => format!("{}{path}", crate::BASE_URL),
    }
}

/// The request target of a URL as it goes on the wire: its path and query
/// after the host, with the full `/api/v2` path for the API.
pub fn path_of(url: &str) -> String {
    let base = if split_url(url).foreign { "" } else { crate::BASE_PATH };
    match path_and_query(url) {
        (path, Some(q)) => format!("{base}{path}?{q}"),
        (path, None) => format!("{base}{path}"),
    }
}

/// The host a URL is sent to: the one it names when that is another host,
/// the API's otherwise.
pub fn host_of(url: &str) -> String {
    match split_url(url) {
        UrlParts { host: Some(host), foreign: true, .. } => host.to_string(),
        _ => crate::HOST.to_string(),
    }
}

/// Splits `base?query#fragment` into the part before `?` and the decoded
/// query pairs, in order (for a redirect's `Location` or a callback URL).
pub fn split_query(url: &str) -> (String, Vec<(String, String)>) {
    let url = url.split('#').next().unwrap_or("");
    match url.split_once('?') {
        None => (url.to_string(), Vec::new()),
        Some((base, query)) => (base.to_string(), parse_form(query)),
    }
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

/// `uri` with `params` appended as its query: after `?`, or after `&` when
/// it has a query already. Keys and values are percent-encoded (a space is
/// `%20`). A fragment is dropped: a redirect URI has none (RFC 6749 §3.1.2).
pub fn with_query(uri: &str, params: &[(&str, &str)]) -> String {
    with_query_lists(uri, params, &[])
}

/// [`with_query`], except that the values of the `lists` keys, space-separated
/// word lists such as OAuth's `scope`, join their words with `+`, as browsers
/// write them and the docs' examples show (`scope=connect+read`).
pub fn with_query_lists(uri: &str, params: &[(&str, &str)], lists: &[&str]) -> String {
    let base = uri.split('#').next().unwrap_or(uri);
    let query = params
        .iter()
        .map(|(k, v)| {
            let value = if lists.contains(k) { encode_form_value(v) } else { percent_encode(v) };
            format!("{}={value}", percent_encode(k))
        })
        .collect::<Vec<_>>()
        .join("&");
    let sep = if base.contains('?') { '&' } else { '?' };
    format!("{base}{sep}{query}")
}

/// Encodes only what may not appear in a URL as typed (spaces, quotes, angle
/// brackets, non-ASCII), so `/people?q=contains="Rob"` can be sent as typed
/// while existing `%XX` escapes are kept.
pub fn encode_loose(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.trim().chars() {
        match ch {
            ' ' => out.push_str("%20"),
            '"' => out.push_str("%22"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '`' => out.push_str("%60"),
            '{' | '}' | '|' | '\\' | '^' => out.push_str(&format!("%{:02X}", ch as u32)),
            c if c.is_ascii() && !c.is_ascii_control() => out.push(c),
            c => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
        }
    }
    out
}
