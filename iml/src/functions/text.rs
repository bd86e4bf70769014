//! `lower upper trim replace substring indexOf contains`. Positions in text
//! count characters from 0, as in JavaScript (only array paths count from 1).

use crate::value::Value;

fn text_or_null(value: Value, f: impl Fn(&str) -> String) -> Value {
    match value {
        Value::Null => Value::Null,
        other => Value::Text(f(&other.to_text())),
    }
}

pub fn lower(value: Value) -> Value {
    text_or_null(value, str::to_lowercase)
}

pub fn upper(value: Value) -> Value {
    text_or_null(value, str::to_uppercase)
}

pub fn trim(value: Value) -> Value {
    text_or_null(value, |s| s.trim().to_string())
}

/// Every occurrence of `search` (read literally) becomes `replacement`.
pub fn replace(value: Value, search: Value, replacement: Value) -> Value {
    let search = search.to_text();
    let replacement = replacement.to_text();
    text_or_null(value, |s| if search.is_empty() { s.to_string() } else { s.replace(&search, &replacement) })
}

/// A whole character position in `0..=len`, as JavaScript's `substring` clamps it.
fn position(value: &Value, len: usize, default: usize) -> usize {
    match value {
        Value::Null => default,
        other => match other.to_number() {
            Some(n) if n > 0.0 => (n.floor().min(len as f64)) as usize,
            _ => 0,
        },
    }
}

/// `substring(text, start, [end])`: characters `start..end`, clamped, and
/// swapped when `end < start`, as JavaScript does. Never allocates more than the text.
pub fn substring(value: Value, start: Value, end: Value) -> Value {
    let text = value.to_text();
    let len = text.chars().count();
    let a = position(&start, len, 0);
    let b = position(&end, len, len);
    let (from, to) = if a <= b { (a, b) } else { (b, a) };
    Value::Text(text.chars().skip(from).take(to - from).collect())
}

/// Character position of `search` in text (from `start`), or -1; for an
/// array, the 0-based position of an equal item.
pub fn index_of(value: Value, search: Value, start: Value) -> Value {
    if let Value::Array(items) = &value {
        let found = items.iter().position(|item| crate::eval::loosely_equal(item, &search));
        return Value::Number(found.map(|i| i as f64).unwrap_or(-1.0));
    }
    let text = value.to_text();
    let needle = search.to_text();
    let len = text.chars().count();
    let from = position(&start, len, 0);
    let byte_from = text.char_indices().nth(from).map(|(b, _)| b).unwrap_or(text.len());
    let found = text[byte_from..].find(&needle).map(|b| from + text[byte_from..byte_from + b].chars().count());
    Value::Number(found.map(|i| i as f64).unwrap_or(-1.0))
}

/// Text contains text, or an array contains an equal item.
pub fn contains(value: Value, search: Value) -> Value {
    Value::Bool(match &value {
        Value::Array(items) => items.iter().any(|item| crate::eval::loosely_equal(item, &search)),
        Value::Null => false,
        other => other.to_text().contains(&search.to_text()),
    })
}
