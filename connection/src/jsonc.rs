//! JSON with comments, as Make's docs write connections: `//` and `/* */`
//! are blanked out (strings left alone, line breaks kept, so serde_json's
//! line and column are the learner's).

/// Where the text stopped being JSON (1-based line and column) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

pub fn parse(text: &str) -> Result<serde_json::Value, SyntaxError> {
    serde_json::from_str(&without_comments(text)).map_err(|e| SyntaxError { line: e.line(), column: e.column(), message: e.to_string() })
}

/// Comments become spaces of the same length in bytes; line breaks stay.
pub fn without_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match c {
                '\\' => out.extend(chars.next()),
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match (c, chars.peek()) {
            ('"', _) => {
                in_string = true;
                out.push(c);
            }
            ('/', Some('/')) => {
                while let Some(&n) = chars.peek() {
                    if n == '\n' {
                        break;
                    }
                    blank(&mut out, n);
                    chars.next();
                }
                out.push(' ');
            }
            ('/', Some('*')) => {
                chars.next();
                out.push_str("  ");
                let mut last = ' ';
                for n in chars.by_ref() {
                    blank(&mut out, n);
                    if last == '*' && n == '/' {
                        break;
                    }
                    last = n;
                }
            }
            _ => out.push(c),
        }
    }
    out
}

fn blank(out: &mut String, c: char) {
    if c == '\n' {
        out.push('\n');
    } else {
        out.extend(std::iter::repeat_n(' ', c.len_utf8()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_go_strings_stay_and_places_are_kept() {
        let text = "{\n  // a comment\n  \"url\": \"https://x/y\", /* b */ \"s\": \"/* no */ // no\"\n}";
        let value = parse(text).unwrap_or_default();
        assert_eq!(value["url"], "https://x/y");
        assert_eq!(value["s"], "/* no */ // no");
        let e = parse("{\n  // c\n  \"a\": ,\n}").err().unwrap_or(SyntaxError { line: 0, column: 0, message: String::new() });
        assert_eq!((e.line, e.column), (3, 8));
        assert_eq!(without_comments("\"\\\"//\" // x").trim_end(), "\"\\\"//\"");
    }
}
