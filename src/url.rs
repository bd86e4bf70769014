//! URL pieces the app and the Browser pane need: building the authorize URL,
//! reading the callback query, and making a typed path safe to send.

/// Percent-encodes a query component (RFC 3986 unreserved characters stay).
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Decodes `%XX` escapes and `+` (a space in a query). Bad escapes stay as typed.
pub fn decode_component(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex_value(bytes[i + 1]), hex_value(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Splits `base?query#fragment` into the part before `?` and the decoded
/// query pairs, in order.
pub fn split_query(url: &str) -> (String, Vec<(String, String)>) {
    let url = url.split('#').next().unwrap_or("");
    match url.split_once('?') {
        None => (url.to_string(), Vec::new()),
        Some((base, query)) => (base.to_string(), parse_query(query)),
    }
}

pub fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((k, v)) => (decode_component(k), decode_component(v)),
            None => (decode_component(pair), String::new()),
        })
        .collect()
}

/// First value of a query parameter.
pub fn query_value<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// Builds `base?k=v&…`, encoding each value; `scope` joins its words with `+`
/// as browsers and the docs' examples do.
pub fn with_query(base: &str, pairs: &[(&str, &str)]) -> String {
    let query: Vec<String> = pairs
        .iter()
        .map(|(k, v)| {
            let value = if *k == "scope" {
                v.split(' ').map(encode_component).collect::<Vec<_>>().join("+")
            } else {
                encode_component(v)
            };
            format!("{}={}", encode_component(k), value)
        })
        .collect();
    format!("{base}?{}", query.join("&"))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_a_callback() {
        let (base, q) = split_query("https://www.make.com/oauth/cb/app?error.message=Access%20denied.&state=x+y");
        assert_eq!(base, "https://www.make.com/oauth/cb/app");
        assert_eq!(query_value(&q, "error.message"), Some("Access denied."));
        assert_eq!(query_value(&q, "state"), Some("x y"));
    }

    #[test]
    fn builds_scope_with_plus() {
        let url = with_query("https://h/a", &[("scope", "connect read"), ("redirect_uri", "https://x/y")]);
        assert_eq!(url, "https://h/a?scope=connect+read&redirect_uri=https%3A%2F%2Fx%2Fy");
    }

    #[test]
    fn bad_escapes_survive() {
        assert_eq!(decode_component("100%"), "100%");
        assert_eq!(decode_component("%zz%4"), "%zz%4");
        assert_eq!(encode_loose("/people?q=contains=\"Rob\""), "/people?q=contains=%22Rob%22");
    }
}
