//! Messages as text for people: HTTP/1.1 and curl renderings for the traffic
//! pane, pretty JSON, and status lines.

use super::message::{Request, Response};
use super::url::{host_of, path_of};

impl Request {
    /// The request as HTTP/1.1 text for the traffic pane: request line with
    /// the full `/api/v2` path and query, `Host`, the headers, a
    /// `Content-Length` when there is a body, a blank line and the body.
    /// Lines end with `\n` (for display). A URL on another host is drawn as
    /// sent there.
    pub fn to_http(&self) -> String {
        let mut out = format!("{} {} HTTP/1.1\n", display_method(&self.method), path_of(&self.url));
        if self.header_value("Host").is_none() {
            out.push_str(&format!("Host: {}\n", host_of(&self.url)));
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

/// The method as sent on the wire: trimmed, upper case, `GET` when empty.
pub(crate) fn display_method(method: &str) -> String {
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
/// Meant for text already known to be JSON; see [`pretty_if_json`] otherwise.
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

/// [`pretty_json`] of any text: `Some` when the text is JSON, `None`
/// otherwise (so a page body can fall back to showing the text as it is).
pub fn pretty_if_json(text: &str) -> Option<String> {
    let trimmed = text.trim();
    // Read as a `Value` from bytes, like every other JSON the engine reads, so
    // serde_json's parser is in the wasm once.
    if trimmed.is_empty() || serde_json::from_slice::<serde_json::Value>(trimmed.as_bytes()).is_err() {
        return None;
    }
    Some(pretty_json(trimmed))
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

/// A status with its reason phrase, `200 OK`; the bare number when the
/// status has no phrase here.
pub fn status_text(status: u16) -> String {
    format!("{status} {}", reason_phrase(status)).trim_end().to_string()
}

/// `text` cut to `max` characters, with `…` when it was longer: for quoting
/// what a request or a URL held back in one short sentence.
pub fn shorten(text: &str, max: usize) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(max).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

/// `2 MB` for whole megabytes, else bytes.
pub fn bytes_in_words(bytes: usize) -> String {
    const MB: usize = 1 << 20;
    if bytes.is_multiple_of(MB) {
        format!("{} MB", bytes / MB)
    } else {
        format!("{bytes} bytes")
    }
}
