//! Reading JSON values into the playground's types.
//!
//! Saved playgrounds, outcomes in the saved log, lesson packs and the Make
//! connection are written with serde's `Serialize` and read back with
//! [`FromJson`]. `#[derive(FromJson)]` reads serde's own attributes (`rename`,
//! `rename_all`, `default`, `deny_unknown_fields`), so each type's shape is
//! written once and both directions agree; the round-trip tests of each
//! format hold them to it.
//!
//! Why not serde's `Deserialize`: its derive builds a visitor per type and per
//! variant, generic over every deserializer, which made up an eighth of the
//! wasm. These readers are plain functions over one [`Value`], and a wrong
//! shape names its path (`lessons[0].steps[2].check`), which pack authors
//! read.

use std::collections::{BTreeMap, VecDeque};
use std::fmt;

pub use academy_json_derive::{FromJson, Tagged};

// The derive names `::academy_json`, also in this crate's own tests.
#[cfg(test)]
extern crate self as academy_json;
pub use serde_json::{Map, Value};

/// Where a value sits in the document being read.
#[derive(Clone, Copy, Debug)]
pub enum At<'a> {
    Root,
    Field(&'a At<'a>, &'a str),
    Index(&'a At<'a>, usize),
}

impl At<'_> {
    /// `lessons[0].steps[2].check`; empty at the root.
    pub fn path(&self) -> String {
        match self {
            At::Root => String::new(),
            At::Field(parent, name) => match parent.path() {
                p if p.is_empty() => name.to_string(),
                p => format!("{p}.{name}"),
            },
            At::Index(parent, i) => format!("{}[{i}]", parent.path()),
        }
    }
}

/// A value of the wrong shape: where, and what was wrong. Boxed, so the
/// `Result` of every reader stays small (the readers' code too).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError(Box<Fault>);

#[derive(Clone, Debug, PartialEq, Eq)]
struct Fault {
    path: String,
    message: String,
}

impl JsonError {
    pub fn new(at: At<'_>, message: impl Into<String>) -> JsonError {
        JsonError(Box::new(Fault { path: at.path(), message: message.into() }))
    }

    /// As [`At::path`]: empty at the root.
    pub fn path(&self) -> &str {
        &self.0.path
    }

    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// serde's wording, which the pack format's documentation quotes.
    pub fn invalid_type(at: At<'_>, found: &Value, expected: &str) -> JsonError {
        let found = match found {
            Value::Null => "null".to_string(),
            Value::Bool(b) => format!("boolean `{b}`"),
            Value::Number(n) if n.is_f64() => format!("floating point `{n}`"),
            Value::Number(n) => format!("integer `{n}`"),
            Value::String(s) => format!("string {s:?}"),
            Value::Array(_) => "sequence".to_string(),
            Value::Object(_) => "map".to_string(),
        };
        JsonError::new(at, format!("invalid type: {found}, expected {expected}"))
    }

    pub fn unknown_variant(at: At<'_>, given: &str, names: &[&str]) -> JsonError {
        JsonError::new(
            at,
            format!("unknown variant `{given}`, expected {}", one_of(names)),
        )
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path().is_empty() {
            f.write_str(self.message())
        } else {
            write!(f, "{}: {}", self.path(), self.message())
        }
    }
}

impl std::error::Error for JsonError {}

fn one_of(names: &[&str]) -> String {
    match names {
        [] => "nothing".to_string(),
        [one] => format!("`{one}`"),
        _ => format!(
            "one of {}",
            names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// A type read from a JSON value.
pub trait FromJson: Sized {
    fn from_json(value: &Value, at: At<'_>) -> Result<Self, JsonError>;

    /// What a field left out of its object reads as: an error, but `None`
    /// for an `Option` (as serde does).
    fn absent(at: At<'_>, name: &str) -> Result<Self, JsonError> {
        Err(JsonError::new(at, format!("missing field `{name}`")))
    }
}

/// An enum whose variants have names as written (`#[derive(Tagged)]`).
pub trait Tagged {
    /// Every variant's name, in the order declared.
    const TAGS: &'static [&'static str];
    /// This value's variant's name.
    fn tag(&self) -> &'static str;
}

/// Reads a whole document.
pub fn from_value<T: FromJson>(value: &Value) -> Result<T, JsonError> {
    T::from_json(value, At::Root)
}

/// Parses text, then reads it.
pub fn from_str<T: FromJson>(text: &str) -> Result<T, JsonError> {
    let value: Value =
        serde_json::from_str(text).map_err(|e| JsonError::new(At::Root, e.to_string()))?;
    from_value(&value)
}

/// An object being read field by field (the derive's helper).
pub struct Object<'v, 'a> {
    pub map: &'v Map<String, Value>,
    pub at: At<'a>,
}

impl<'v, 'a> Object<'v, 'a> {
    pub fn new(value: &'v Value, at: At<'a>, expected: &str) -> Result<Self, JsonError> {
        match value {
            Value::Object(map) => Ok(Object { map, at }),
            other => Err(JsonError::invalid_type(at, other, expected)),
        }
    }

    /// A field; left out, it is whatever the type says ([`FromJson::absent`]).
    pub fn field<T: FromJson>(&self, name: &str) -> Result<T, JsonError> {
        match self.map.get(name) {
            Some(value) => T::from_json(value, At::Field(&self.at, name)),
            None => T::absent(self.at, name),
        }
    }

    /// A field with a default (`#[serde(default)]`).
    pub fn field_or<T: FromJson>(&self, name: &str, default: T) -> Result<T, JsonError> {
        match self.map.get(name) {
            Some(value) => T::from_json(value, At::Field(&self.at, name)),
            None => Ok(default),
        }
    }

    /// `#[serde(deny_unknown_fields)]`: the first field not in `names` is an error.
    pub fn only(&self, names: &[&str]) -> Result<(), JsonError> {
        match self.map.keys().find(|k| !names.contains(&k.as_str())) {
            Some(key) => Err(JsonError::new(
                At::Field(&self.at, key),
                format!("unknown field `{key}`, expected {}", one_of(names)),
            )),
            None => Ok(()),
        }
    }
}

/// An externally tagged enum value: `"unit-variant"` or `{"variant": content}`.
/// Gives the variant's name and its content (null for a unit variant).
pub fn variant<'v>(
    value: &'v Value,
    at: At<'_>,
    expected: &str,
) -> Result<(&'v str, &'v Value), JsonError> {
    const NULL: &Value = &Value::Null;
    match value {
        Value::String(name) => Ok((name, NULL)),
        Value::Object(map) if map.len() == 1 => {
            let (name, content) = map.iter().next().expect("one entry");
            Ok((name, content))
        }
        other => Err(JsonError::invalid_type(at, other, expected)),
    }
}

impl FromJson for Value {
    fn from_json(value: &Value, _: At<'_>) -> Result<Self, JsonError> {
        Ok(value.clone())
    }
}

impl FromJson for String {
    fn from_json(value: &Value, at: At<'_>) -> Result<Self, JsonError> {
        match value {
            Value::String(s) => Ok(s.clone()),
            other => Err(JsonError::invalid_type(at, other, "a string")),
        }
    }
}

impl FromJson for bool {
    fn from_json(value: &Value, at: At<'_>) -> Result<Self, JsonError> {
        value
            .as_bool()
            .ok_or_else(|| JsonError::invalid_type(at, value, "a boolean"))
    }
}

impl FromJson for f64 {
    fn from_json(value: &Value, at: At<'_>) -> Result<Self, JsonError> {
        value
            .as_f64()
            .ok_or_else(|| JsonError::invalid_type(at, value, "f64"))
    }
}

/// Whole numbers: a number that fits the type, as serde reads them.
macro_rules! integers {
    ($($ty:ty: $read:ident),*) => {$(
        impl FromJson for $ty {
            fn from_json(value: &Value, at: At<'_>) -> Result<Self, JsonError> {
                value.$read().and_then(|n| <$ty>::try_from(n).ok()).ok_or_else(|| JsonError::invalid_type(at, value, stringify!($ty)))
            }
        }
    )*};
}
integers!(u16: as_u64, u32: as_u64, u64: as_u64, usize: as_u64, i64: as_i64);

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(value: &Value, at: At<'_>) -> Result<Self, JsonError> {
        match value {
            Value::Null => Ok(None),
            value => T::from_json(value, at).map(Some),
        }
    }

    fn absent(_: At<'_>, _: &str) -> Result<Self, JsonError> {
        Ok(None)
    }
}

impl<T: FromJson> FromJson for Box<T> {
    fn from_json(value: &Value, at: At<'_>) -> Result<Self, JsonError> {
        T::from_json(value, at).map(Box::new)
    }
}

fn items<'v>(value: &'v Value, at: At<'_>) -> Result<&'v [Value], JsonError> {
    match value {
        Value::Array(items) => Ok(items),
        other => Err(JsonError::invalid_type(at, other, "a sequence")),
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: &Value, at: At<'_>) -> Result<Self, JsonError> {
        items(value, at)?
            .iter()
            .enumerate()
            .map(|(i, item)| T::from_json(item, At::Index(&at, i)))
            .collect()
    }
}

impl<T: FromJson> FromJson for VecDeque<T> {
    fn from_json(value: &Value, at: At<'_>) -> Result<Self, JsonError> {
        Vec::from_json(value, at).map(VecDeque::from)
    }
}

/// A pair is an array of two, as serde writes tuples.
impl<A: FromJson, B: FromJson> FromJson for (A, B) {
    fn from_json(value: &Value, at: At<'_>) -> Result<Self, JsonError> {
        match items(value, at)? {
            [a, b] => Ok((
                A::from_json(a, At::Index(&at, 0))?,
                B::from_json(b, At::Index(&at, 1))?,
            )),
            _ => Err(JsonError::new(
                at,
                "invalid length, expected a tuple of size 2",
            )),
        }
    }
}

/// An object's keys read as `K` (a string, or an enum written as one).
impl<K: FromJson + Ord, V: FromJson> FromJson for BTreeMap<K, V> {
    fn from_json(value: &Value, at: At<'_>) -> Result<Self, JsonError> {
        let object = Object::new(value, at, "a map")?;
        let mut out = BTreeMap::new();
        for (key, item) in object.map {
            let here = At::Field(&at, key);
            out.insert(
                K::from_json(&Value::String(key.clone()), here)?,
                V::from_json(item, here)?,
            );
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests;
