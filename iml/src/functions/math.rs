//! `round floor ceil min max parseNumber`.

use crate::value::Value;

pub fn unary(value: Value, f: fn(f64) -> f64) -> Value {
    value.to_number().filter(|_| !matches!(value, Value::Null)).map(|n| Value::number(f(n))).unwrap_or(Value::Null)
}

/// `min`/`max` of numbers given as arguments or as one array of them;
/// what is not a number is skipped.
pub fn extreme(args: Vec<Value>, pick: fn(f64, f64) -> f64) -> Value {
    let items = match <[Value; 1]>::try_from(args) {
        Ok([Value::Array(items)]) => items,
        Ok([single]) => vec![single],
        Err(args) => args,
    };
    items
        .iter()
        .filter(|v| !matches!(v, Value::Null | Value::Array(_) | Value::Object(_)))
        .filter_map(Value::to_number)
        .reduce(pick)
        .map(Value::number)
        .unwrap_or(Value::Null)
}

/// `parseNumber(text, [decimal separator])`: digits with optional thousands
/// separators (whatever is not the decimal separator, a digit or a sign).
pub fn parse_number(value: Value, separator: Value) -> Value {
    if let Value::Number(n) = value {
        return Value::Number(n);
    }
    let text = value.to_text();
    let decimal = match separator {
        Value::Null => '.',
        other => other.to_text().chars().next().unwrap_or('.'),
    };
    let mut plain = String::new();
    for c in text.trim().chars() {
        match c {
            '0'..='9' | '-' | '+' | 'e' | 'E' => plain.push(c),
            c if c == decimal => plain.push('.'),
            ',' | '.' | ' ' | '\u{a0}' | '\'' | '_' => {}
            _ => return Value::Null,
        }
    }
    plain.parse::<f64>().map(Value::number).unwrap_or(Value::Null)
}
