//! `addSeconds` … `addYears`, `formatDate`, `parseDate`. A date argument may
//! be a date, ISO 8601 text or milliseconds; what is not a date gives null.

use crate::date;
use crate::error::ErrorKind;
use crate::value::Value;

fn time(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) if n.abs() <= date::MAX_MS as f64 => Some(*n as i64),
        other => other.to_time(),
    }
}

fn offset(zone: &Value) -> Result<i64, ErrorKind> {
    match zone {
        Value::Null => Ok(0),
        other => {
            let name = other.to_text();
            date::zone_offset(&name).ok_or(ErrorKind::UnknownTimezone { given: name.chars().take(40).collect() })
        }
    }
}

pub fn add_millis(base: Value, amount: Value, unit: i64) -> Value {
    let (Some(ms), Some(n)) = (time(&base), amount.to_number()) else {
        return Value::Null;
    };
    let delta = (n * unit as f64).round();
    if delta.abs() > 2.0 * date::MAX_MS as f64 {
        return Value::Null;
    }
    Value::date(ms + delta as i64)
}

pub fn add_months(base: Value, amount: Value, factor: i64) -> Value {
    let (Some(ms), Some(n)) = (time(&base), amount.to_number()) else {
        return Value::Null;
    };
    if n.abs() > 1e7 {
        return Value::Null;
    }
    (n.trunc() as i64).checked_mul(factor).and_then(|months| date::add_months(ms, months)).map(Value::date).unwrap_or(Value::Null)
}

pub fn format(value: Value, pattern: Value, zone: Value) -> Result<Value, ErrorKind> {
    let offset = offset(&zone)?;
    let Some(ms) = time(&value).filter(|ms| date::in_range(*ms)) else {
        return Ok(Value::Null);
    };
    Ok(Value::Text(match pattern {
        // Without a pattern, JavaScript's `toISOString` (UTC, `Z`).
        Value::Null => date::iso(ms),
        other => date::format(ms, &other.to_text(), offset),
    }))
}

pub fn parse(value: Value, pattern: Value, zone: Value) -> Result<Value, ErrorKind> {
    let offset = offset(&zone)?;
    let ms = match (&value, &pattern) {
        (Value::Text(text), Value::Null) => date::parse_iso(text).map(|ms| ms - offset * 60_000),
        (Value::Text(text), pattern) => date::parse_with(text, &pattern.to_text(), offset),
        (Value::Number(_), Value::Text(p)) if p == "X" => value.to_number().map(|s| (s * 1000.0) as i64),
        (other, _) => time(other),
    };
    Ok(ms.map(Value::date).unwrap_or(Value::Null))
}
