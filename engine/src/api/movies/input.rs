//! The movie request body: what a client may send, checked field by field in
//! a fixed order, each fault named so the learner knows what to change.

use serde_json::{json, Map, Value};

use super::{CastMember, MovieFields};
use crate::api::{
    body::{text, unknown_field},
    custom_fields,
    error::{Expected, ResourceError},
    fixtures, timestamp,
};

const WRITABLE: [&str; 8] = ["name", "genres", "directorId", "releaseDate", "length", "topCast", "boxOffice", "premieres"];
/// Fields of the response a client might send back by copying it.
const READ_ONLY: [&str; 4] = ["id", "director", "createdAt", "updatedAt"];
const MAX_NAME: usize = 200;
const MAX_ROLE: usize = 100;
const MAX_CAST: usize = 20;

fn invalid(field: &str, expected: Expected) -> ResourceError {
    ResourceError::InvalidField { field: field.into(), expected }
}

/// A full record from a POST or PUT body. Absent or null optional fields are empty.
pub fn fields_from(body: &Map<String, Value>) -> Result<MovieFields, ResourceError> {
    for (key, value) in body {
        if WRITABLE.contains(&key.as_str()) {
            continue;
        }
        if READ_ONLY.contains(&key.as_str()) {
            return Err(ResourceError::ReadOnlyField { field: key.clone() });
        }
        // Custom-field values are checked, then dropped: movies do not store them.
        match custom_fields::check_custom_field(key, value) {
            Some(checked) => checked?,
            None => return Err(ResourceError::UnknownField { within: None, field: key.clone() }),
        }
    }
    let field = |name: &str| body.get(name).filter(|v| !v.is_null());
    let name = match field("name") {
        Some(value) => text(value, "name", MAX_NAME)?,
        None => return Err(ResourceError::MissingField { field: "name".into() }),
    };
    let (budget, gross_profit) = field("boxOffice").map_or(Ok((None, None)), box_office)?;
    let (czech_premiere, original_premiere) = field("premieres").map_or(Ok((None, None)), premieres)?;
    Ok(MovieFields {
        name,
        genres: field("genres").map_or(Ok(vec![]), genres)?,
        director_id: field("directorId").map(|v| person(v, "directorId")).transpose()?,
        release_date: field("releaseDate").map(year).transpose()?,
        length: field("length").map(minutes).transpose()?,
        top_cast: field("topCast").map_or(Ok(vec![]), top_cast)?,
        budget,
        gross_profit,
        czech_premiere,
        original_premiere,
    })
}

/// A PATCH: the body merged into the record (RFC 7396: null removes a
/// field, objects merge), then checked as a whole.
pub fn patched(current: &MovieFields, patch: Map<String, Value>) -> Result<MovieFields, ResourceError> {
    let mut merged = as_request(current);
    merge(&mut merged, Value::Object(patch));
    match merged {
        Value::Object(body) => fields_from(&body),
        _ => Err(ResourceError::BodyNotJsonObject),
    }
}

/// The record in the request's own shape, the base a PATCH applies to.
fn as_request(f: &MovieFields) -> Value {
    let mut body = json!({
        "name": f.name,
        "genres": f.genres.iter().map(|id| json!({ "id": id })).collect::<Vec<_>>(),
        "topCast": f.top_cast.iter().map(|c| json!({ "role": c.role, "castId": c.cast_id })).collect::<Vec<_>>(),
        "boxOffice": {},
        "premieres": {},
    });
    let optional = [
        ("directorId", f.director_id.clone().map(Value::from)),
        ("releaseDate", f.release_date.clone().map(Value::from)),
        ("length", f.length.map(Value::from)),
    ];
    for (key, value) in optional {
        if let Some(value) = value {
            body[key] = value;
        }
    }
    if let Some(x) = f.budget {
        body["boxOffice"]["budget"] = json!(x);
    }
    if let Some(x) = f.gross_profit {
        body["boxOffice"]["grossProfit"] = json!(x);
    }
    if let Some(t) = f.czech_premiere {
        body["premieres"]["czechPremiere"] = json!(timestamp::format(t));
    }
    if let Some(t) = f.original_premiere {
        body["premieres"]["originalPremiere"] = json!(timestamp::format(t));
    }
    body
}

fn merge(target: &mut Value, patch: Value) {
    let Value::Object(patch) = patch else {
        *target = patch;
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    if let Value::Object(target) = target {
        for (key, value) in patch {
            if value.is_null() {
                target.remove(&key);
            } else {
                merge(target.entry(key).or_insert(Value::Null), value);
            }
        }
    }
}

fn whole(value: &Value) -> Option<u32> {
    value.as_u64().and_then(|n| u32::try_from(n).ok())
}

/// A person id. Ids are strings as documented; a number (the other form
/// an id might be guessed in) is refused with the expected form.
fn person(value: &Value, field: &str) -> Result<String, ResourceError> {
    let id = value.as_str().ok_or_else(|| invalid(field, Expected::PersonId))?;
    match fixtures::person(id) {
        Some(p) => Ok(p.id.to_string()),
        None => Err(ResourceError::UnknownPerson { field: field.into(), id: id.into() }),
    }
}

fn genres(value: &Value) -> Result<Vec<String>, ResourceError> {
    let items = value.as_array().ok_or_else(|| invalid("genres", Expected::GenreList))?;
    let mut ids: Vec<String> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if !item.is_object() {
            return Err(invalid(&format!("genres[{i}]"), Expected::GenreObject));
        }
        let field = format!("genres[{i}].id");
        let id = item.get("id").and_then(Value::as_str).ok_or_else(|| invalid(&field, Expected::GenreId))?;
        if fixtures::genre(id).is_none() {
            return Err(ResourceError::UnknownGenre { field, id: id.into() });
        }
        if ids.iter().any(|g| g == id) {
            return Err(ResourceError::RepeatedGenre { field, id: id.into() });
        }
        ids.push(id.to_string());
    }
    Ok(ids)
}

fn year(value: &Value) -> Result<String, ResourceError> {
    match value.as_str() {
        Some(s) if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) => Ok(s.to_string()),
        _ => Err(invalid("releaseDate", Expected::Year)),
    }
}

fn minutes(value: &Value) -> Result<u32, ResourceError> {
    whole(value).filter(|&n| n > 0).ok_or_else(|| invalid("length", Expected::Minutes))
}

fn top_cast(value: &Value) -> Result<Vec<CastMember>, ResourceError> {
    let items = value.as_array().ok_or_else(|| invalid("topCast", Expected::CastList))?;
    if items.len() > MAX_CAST {
        return Err(ResourceError::TooManyCast { max: MAX_CAST });
    }
    let mut cast = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if !item.is_object() {
            return Err(invalid(&format!("topCast[{i}]"), Expected::CastObject));
        }
        let role = text(item.get("role").unwrap_or(&Value::Null), &format!("topCast[{i}].role"), MAX_ROLE)?;
        let cast_id = person(item.get("castId").unwrap_or(&Value::Null), &format!("topCast[{i}].castId"))?;
        cast.push(CastMember { role, cast_id });
    }
    Ok(cast)
}

fn box_office(value: &Value) -> Result<(Option<f64>, Option<f64>), ResourceError> {
    let object = value.as_object().ok_or_else(|| invalid("boxOffice", Expected::BoxOffice))?;
    unknown_field(object, Some("boxOffice"), &["budget", "grossProfit"])?;
    let amount = |key: &str| object.get(key).filter(|v| !v.is_null()).map(|v| v.as_f64().filter(|x| x.is_finite()));
    let budget = match amount("budget") {
        Some(Some(x)) if x >= 0.0 => Some(x),
        Some(_) => return Err(invalid("boxOffice.budget", Expected::Budget)),
        None => None,
    };
    let gross = match amount("grossProfit") {
        Some(Some(x)) => Some(x),
        Some(None) => return Err(invalid("boxOffice.grossProfit", Expected::GrossProfit)),
        None => None,
    };
    Ok((budget, gross))
}

fn premieres(value: &Value) -> Result<(Option<i64>, Option<i64>), ResourceError> {
    let object = value.as_object().ok_or_else(|| invalid("premieres", Expected::Premieres))?;
    unknown_field(object, Some("premieres"), &["czechPremiere", "originalPremiere"])?;
    let date = |key: &str| -> Result<Option<i64>, ResourceError> {
        match object.get(key).filter(|v| !v.is_null()) {
            None => Ok(None),
            Some(v) => v.as_str().and_then(timestamp::parse).map(Some).ok_or_else(|| invalid(&format!("premieres.{key}"), Expected::DateTime)),
        }
    };
    Ok((date("czechPremiere")?, date("originalPremiere")?))
}
