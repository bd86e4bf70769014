//! IML values: what an expression yields. JSON's six kinds plus dates, which
//! IML keeps apart from text (comparisons between dates compare time).

use std::collections::BTreeMap;

use crate::date;

/// An object's fields, in key order.
pub type Object = BTreeMap<String, Value>;

/// An object from its fields, inserted one by one (the last of a repeated
/// name wins). `collect()` into a `BTreeMap` sorts a buffer first, which puts
/// one more sort routine in the wasm for every kind of entry.
pub fn object(fields: impl IntoIterator<Item = (String, Value)>) -> Object {
    let mut object = Object::new();
    object.extend(fields);
    object
}

#[derive(Clone, Debug, Default, PartialEq)]
pub enum Value {
    /// `null`, and whatever a path does not reach (IML's undefined).
    #[default]
    Null,
    Bool(bool),
    /// Always finite: operations that would give NaN or an infinity give `Null`.
    Number(f64),
    Text(String),
    /// Milliseconds since the Unix epoch, UTC.
    Date(i64),
    Array(Vec<Value>),
    Object(Object),
}

impl Value {
    /// A number, or `Null` when it is not finite.
    pub fn number(n: f64) -> Value {
        if n.is_finite() {
            Value::Number(n)
        } else {
            Value::Null
        }
    }

    /// A date, or `Null` outside the range dates can be written in.
    pub fn date(ms: i64) -> Value {
        if date::in_range(ms) {
            Value::Date(ms)
        } else {
            Value::Null
        }
    }

    /// JavaScript truthiness: null, false, 0 and "" are false; arrays,
    /// objects and dates are true even when empty.
    pub fn truthy(&self) -> bool {
        match self {
            Value::Null => false,
            Value::Bool(b) => *b,
            Value::Number(n) => *n != 0.0,
            Value::Text(s) => !s.is_empty(),
            Value::Date(_) | Value::Array(_) | Value::Object(_) => true,
        }
    }

    /// What `ifempty` replaces: null/undefined or empty text.
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Null => true,
            Value::Text(s) => s.is_empty(),
            _ => false,
        }
    }

    /// The value as text, as mixed templates and text functions see it.
    pub fn to_text(&self) -> String {
        match self {
            Value::Null => String::new(),
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => number_text(*n),
            Value::Text(s) => s.clone(),
            Value::Date(ms) => date::iso(*ms),
            Value::Array(items) => items.iter().map(Value::to_text).collect::<Vec<_>>().join(", "),
            Value::Object(_) => self.to_json().to_string(),
        }
    }

    /// The value as a number, as JavaScript's `Number()` reads it, if it is one.
    pub fn to_number(&self) -> Option<f64> {
        match self {
            Value::Null => Some(0.0),
            Value::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
            Value::Number(n) => Some(*n),
            Value::Text(s) => {
                let t = s.trim();
                if t.is_empty() {
                    Some(0.0)
                } else {
                    t.parse::<f64>().ok().filter(|n| n.is_finite() && !t.contains(|c: char| c.is_ascii_alphabetic() && c != 'e' && c != 'E'))
                }
            }
            Value::Date(ms) => Some(*ms as f64),
            Value::Array(_) | Value::Object(_) => None,
        }
    }

    /// The time this value stands for: a date, or text in ISO 8601 form.
    pub fn to_time(&self) -> Option<i64> {
        match self {
            Value::Date(ms) => Some(*ms),
            Value::Text(s) => date::parse_iso(s),
            _ => None,
        }
    }

    /// The kind's name, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::Text(_) => "text",
            Value::Date(_) => "date",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }

    /// To JSON: dates become ISO 8601 text, whole numbers JSON integers.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match self {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Number(n) => {
                if n.fract() == 0.0 && n.abs() < 9.0e15 {
                    J::from(*n as i64)
                } else {
                    serde_json::Number::from_f64(*n).map(J::Number).unwrap_or(J::Null)
                }
            }
            Value::Text(s) => J::String(s.clone()),
            Value::Date(ms) => J::String(date::iso(*ms)),
            Value::Array(items) => J::Array(items.iter().map(Value::to_json).collect()),
            Value::Object(fields) => {
                let mut object = serde_json::Map::new();
                object.extend(fields.iter().map(|(k, v)| (k.clone(), v.to_json())));
                J::Object(object)
            }
        }
    }
}

impl From<&serde_json::Value> for Value {
    /// From JSON: text stays text (a date in a string is compared as a date
    /// where it matters, but keeps its spelling).
    fn from(json: &serde_json::Value) -> Self {
        use serde_json::Value as J;
        match json {
            J::Null => Value::Null,
            J::Bool(b) => Value::Bool(*b),
            J::Number(n) => n.as_f64().map(Value::number).unwrap_or(Value::Null),
            J::String(s) => Value::Text(s.clone()),
            J::Array(items) => Value::Array(items.iter().map(Value::from).collect()),
            J::Object(fields) => Value::Object(object(fields.iter().map(|(k, v)| (k.clone(), Value::from(v))))),
        }
    }
}

impl From<serde_json::Value> for Value {
    fn from(json: serde_json::Value) -> Self {
        Value::from(&json)
    }
}

impl From<&Value> for serde_json::Value {
    fn from(value: &Value) -> Self {
        value.to_json()
    }
}

impl From<Value> for serde_json::Value {
    fn from(value: Value) -> Self {
        value.to_json()
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Text(s.to_string())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Text(s)
    }
}

impl From<f64> for Value {
    fn from(n: f64) -> Self {
        Value::number(n)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

/// A number as JavaScript writes it: whole numbers without a fraction.
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e21 {
        format!("{}", n as i128)
    } else {
        format!("{n}")
    }
}
