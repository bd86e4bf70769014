//! `join split merge distinct first last length get keys`.

use crate::eval::step;
use crate::syntax::Segment;
use crate::value::Value;

pub fn join(list: Value, separator: Value) -> Value {
    let separator = match separator {
        Value::Null => ",".to_string(),
        other => other.to_text(),
    };
    match list {
        Value::Array(items) => Value::Text(items.iter().map(Value::to_text).collect::<Vec<_>>().join(&separator)),
        Value::Null => Value::Null,
        other => Value::Text(other.to_text()),
    }
}

pub fn split(value: Value, separator: Value) -> Value {
    let text = match value {
        Value::Null => return Value::Array(Vec::new()),
        other => other.to_text(),
    };
    let parts: Vec<Value> = match separator {
        Value::Null => vec![Value::Text(text)],
        separator => {
            let separator = separator.to_text();
            if separator.is_empty() {
                text.chars().map(|c| Value::Text(c.to_string())).collect()
            } else {
                text.split(separator.as_str()).map(Value::from).collect()
            }
        }
    };
    Value::Array(parts)
}

/// Arrays joined in order; other arguments become items, nulls are skipped.
pub fn merge(args: Vec<Value>) -> Value {
    let mut out = Vec::new();
    for arg in args {
        match arg {
            Value::Array(items) => out.extend(items),
            Value::Null => {}
            other => out.push(other),
        }
    }
    Value::Array(out)
}

/// Items without repeats (first kept); with a key path, items whose value
/// at that path repeats are dropped.
pub fn distinct(list: Value, key: Value) -> Value {
    let Value::Array(items) = list else {
        return list;
    };
    let path = match key {
        Value::Null => Vec::new(),
        key => match path_segments(&key.to_text()) {
            Some(path) => path,
            None => return Value::Array(items),
        },
    };
    let mut seen: Vec<Value> = Vec::new();
    let mut out = Vec::new();
    for item in items {
        let marker = path.iter().fold(item.clone(), |v, s| step(&v, s));
        if !seen.contains(&marker) {
            seen.push(marker);
            out.push(item);
        }
    }
    Value::Array(out)
}

pub fn first(list: Value) -> Value {
    match list {
        Value::Array(mut items) if !items.is_empty() => items.swap_remove(0),
        _ => Value::Null,
    }
}

pub fn last(list: Value) -> Value {
    match list {
        Value::Array(mut items) => items.pop().unwrap_or(Value::Null),
        _ => Value::Null,
    }
}

/// Characters of text, items of an array, keys of an object; 0 for null.
pub fn length(value: Value) -> Value {
    Value::Number(match value {
        Value::Null => 0.0,
        Value::Text(s) => s.chars().count() as f64,
        Value::Array(items) => items.len() as f64,
        Value::Object(fields) => fields.len() as f64,
        other => other.to_text().chars().count() as f64,
    })
}

/// `get(value, 'a.b[2].c')`: the same path rules as in an expression.
pub fn get(value: Value, path: Value) -> Value {
    match path_segments(&path.to_text()) {
        Some(path) => path.iter().fold(value, |v, s| step(&v, s)),
        None => Value::Null,
    }
}

pub fn keys(value: Value) -> Value {
    match value {
        Value::Object(fields) => Value::Array(fields.into_keys().map(Value::Text).collect()),
        Value::Array(items) => Value::Array((1..=items.len()).map(|i| Value::Number(i as f64)).collect()),
        _ => Value::Array(Vec::new()),
    }
}

/// `a.b[2].c` as segments: keys split at dots, `[n]` (1-based), `[]`, `[-1]`.
/// `None` for `[0]` or an index that is not a whole number: it reaches nothing.
fn path_segments(path: &str) -> Option<Vec<Segment>> {
    let mut segments = Vec::new();
    for part in path.split('.') {
        let (key, mut rest) = part.split_once('[').map(|(k, r)| (k, Some(r))).unwrap_or((part, None));
        if !key.is_empty() {
            segments.push(Segment::Key(key.to_string()));
        }
        while let Some(r) = rest {
            let (index, after) = r.split_once(']').unwrap_or((r, ""));
            segments.push(match index.trim() {
                "" => Segment::First,
                n => match n.parse::<i64>() {
                    Ok(i) if i != 0 => Segment::Index(i),
                    _ => return None,
                },
            });
            rest = after.strip_prefix('[');
        }
    }
    Some(segments)
}
