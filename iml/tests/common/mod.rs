#![allow(dead_code)]
//! Evaluation with a fixed time, counting random bytes, and Make-like variables.

use academy_iml::{Context, Error, Object, Random, Value};
use serde_json::{json, Value as Json};

/// 2023-11-14T22:13:20Z.
pub const NOW: i64 = 1_700_000_000_000;

pub struct Counter(pub u8);

impl Random for Counter {
    fn fill(&mut self, bytes: &mut [u8]) {
        for b in bytes {
            self.0 = self.0.wrapping_add(1);
            *b = self.0;
        }
    }
}

pub fn variables() -> Object {
    let json = json!({
        "body": {
            "access_token": "at1",
            "expires_in": 5,
            "refresh_expires_in": 60,
            "data": [{"name": "a", "id": 1}, {"name": "b", "id": 2}, {"name": "c", "id": 3}],
            "X-HOOK-TYPE": "create",
            "empty": "",
            "zero": 0,
            "nested": {"deep": {"list": [10, 20]}}
        },
        "data": {"expires": "2023-11-14T22:14:00.000Z", "refreshToken": "rt1"},
        "oauth": {"scope": ["connect", "read"]},
        "temp": {"n": "42"},
    });
    match Value::from(json) {
        Value::Object(o) => o,
        _ => Object::new(),
    }
}

pub fn try_eval(text: &str) -> Result<Value, Error> {
    let vars = variables();
    let mut random = Counter(0);
    let mut context = Context { now: NOW, random: &mut random, variables: &vars };
    academy_iml::evaluate(text, &mut context)
}

pub fn eval(text: &str) -> Json {
    match try_eval(text) {
        Ok(v) => v.to_json(),
        Err(e) => panic!("{text}: {e}"),
    }
}

pub fn value(text: &str) -> Value {
    try_eval(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

pub fn error(text: &str) -> Error {
    match try_eval(text) {
        Ok(v) => panic!("{text} gave {v:?}, expected an error"),
        Err(e) => e,
    }
}
