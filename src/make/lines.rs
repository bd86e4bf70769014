//! Where things sit in the learner's text: the line of each JSON path (the
//! runner reports paths such as `token.response.data.expires`, the editor
//! marks lines), and the textarea offset where a line starts.

/// One container being read: an object (with the key whose value comes
/// next) or an array (with the index of the element being read).
enum Frame {
    Object { key: Option<String> },
    Array { index: usize },
}

/// The path of the value read next, in the runner's form: `token`,
/// `token.response.data`, `refresh[0].url`.
fn current_path(stack: &[Frame]) -> String {
    let mut path = String::new();
    for frame in stack {
        match frame {
            Frame::Object { key: Some(key) } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object { key: None } => {}
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

/// Every path in `text` (JSON with comments) and the 1-based line where it
/// starts: an object's member at its key, an array's element where it begins.
/// Reads what it can of broken text and never fails.
pub fn path_lines(text: &str) -> Vec<(String, usize)> {
    let mut found: Vec<(String, usize)> = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut line = 1;
    let mut chars = text.chars().peekable();
    let note = |stack: &[Frame], line: usize, found: &mut Vec<(String, usize)>| {
        let path = current_path(stack);
        if !path.is_empty() && !found.iter().any(|(p, _)| *p == path) {
            found.push((path, line));
        }
    };
    // An array's element starts here: note where.
    let element_starts = |stack: &[Frame]| matches!(stack.last(), Some(Frame::Array { .. }));
    while let Some(c) = chars.next() {
        match c {
            '\n' => line += 1,
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        line += 1;
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut star = false;
                for c in chars.by_ref() {
                    if c == '\n' {
                        line += 1;
                    }
                    if star && c == '/' {
                        break;
                    }
                    star = c == '*';
                }
            }
            '"' => {
                let start = line;
                let mut value = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => {
                            if let Some(escaped) = chars.next() {
                                value.push(escaped);
                            }
                        }
                        '\n' => {
                            line += 1;
                            value.push(c);
                        }
                        c => value.push(c),
                    }
                }
                if let Some(Frame::Object { key: key @ None }) = stack.last_mut() {
                    *key = Some(value);
                    note(&stack, start, &mut found);
                } else if element_starts(&stack) {
                    note(&stack, start, &mut found);
                }
            }
            '{' | '[' => {
                if element_starts(&stack) {
                    note(&stack, line, &mut found);
                }
                stack.push(if c == '{' { Frame::Object { key: None } } else { Frame::Array { index: 0 } });
            }
            '}' | ']' => {
                stack.pop();
            }
            ',' => match stack.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { key }) => *key = None,
                None => {}
            },
            c if !c.is_whitespace() && c != ':' && element_starts(&stack) => note(&stack, line, &mut found),
            _ => {}
        }
    }
    found
}

/// The path one level up: `a.b[2]` → `a.b` → `a`; `None` at the top.
fn parent(path: &str) -> Option<&str> {
    let cut = path.rfind(['.', '['])?;
    Some(&path[..cut])
}

/// The line of `path`, or of its nearest ancestor the text has.
pub fn line_of(lines: &[(String, usize)], path: &str) -> Option<usize> {
    let mut at = Some(path);
    while let Some(p) = at {
        if let Some((_, line)) = lines.iter().find(|(known, _)| known == p) {
            return Some(*line);
        }
        at = parent(p);
    }
    None
}

/// Where line `line` (1-based) starts, in UTF-16 units as a textarea counts
/// them; past the end, the end.
pub fn line_start_utf16(text: &str, line: usize) -> u32 {
    let mut offset = 0u32;
    let mut current = 1;
    for c in text.chars() {
        if current >= line {
            break;
        }
        offset += c.len_utf16() as u32;
        if c == '\n' {
            current += 1;
        }
    }
    offset
}

/// How many lines the editor's gutter numbers.
pub fn line_count(text: &str) -> usize {
    text.split('\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"// A comment with "quotes" and { braces
{
    "authorize": {
        "url": "https://x/{{a}}", /* a block
        comment */
        "qs": { "scope": "{{join(oauth.scope, ' ')}}" }
    },
    "refresh": [
        { "url": "a\"b" },
        {
            "body": { "x": [1, "two"] }
        }
    ]
}"#;

    #[test]
    fn members_are_found_at_their_keys_and_elements_where_they_start() {
        let lines = path_lines(TEXT);
        let at = |p: &str| line_of(&lines, p);
        assert_eq!(at("authorize"), Some(3));
        assert_eq!(at("authorize.url"), Some(4));
        assert_eq!(at("authorize.qs"), Some(6));
        assert_eq!(at("authorize.qs.scope"), Some(6));
        assert_eq!(at("refresh"), Some(8));
        assert_eq!(at("refresh[0]"), Some(9));
        assert_eq!(at("refresh[0].url"), Some(9));
        assert_eq!(at("refresh[1]"), Some(10));
        assert_eq!(at("refresh[1].body.x"), Some(11));
        assert_eq!(at("refresh[1].body.x[1]"), Some(11));
    }

    #[test]
    fn a_path_the_text_lacks_falls_back_to_its_nearest_ancestor() {
        let lines = path_lines(TEXT);
        assert_eq!(line_of(&lines, "authorize.response.temp.code"), Some(3));
        assert_eq!(line_of(&lines, "token.url"), None);
        assert_eq!(parent("a.b[2]"), Some("a.b"));
        assert_eq!(parent("a"), None);
    }

    #[test]
    fn every_template_maps_its_sections() {
        for template in academy_connection::TEMPLATES {
            let lines = path_lines(template.text);
            assert!(line_of(&lines, "token").is_some(), "{}", template.id);
        }
    }

    #[test]
    fn broken_text_reads_as_far_as_it_goes_without_failing() {
        for text in ["", "{", "}", "]]]", "{\"a\": [", "\"unterminated", "/* open", "{\"a\":{\"b\"", "[,,,]", "{,:}"] {
            let _ = path_lines(text);
        }
        assert_eq!(line_of(&path_lines("{\n\"a\": {\n\"b\""), "a.b"), Some(3));
    }

    #[test]
    fn line_starts_count_utf16_units() {
        let text = "ab\né😀\nz";
        assert_eq!(line_start_utf16(text, 1), 0);
        assert_eq!(line_start_utf16(text, 2), 3);
        assert_eq!(line_start_utf16(text, 3), 3 + 1 + 2 + 1);
        assert_eq!(line_start_utf16(text, 99), text.encode_utf16().count() as u32);
        assert_eq!(line_count(text), 3);
        assert_eq!(line_count(""), 1);
    }
}
