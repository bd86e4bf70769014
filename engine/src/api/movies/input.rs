//! The movie request body: what a client may send, checked field by field in
//! a fixed order, each fault named so the learner knows what to change.

use serde_json::{json, Map, Value};

use super::{CastMember, MovieFields};
use crate::api::{
    body::{text, unknown_field},
    catalog, fixtures,
    reply::echo,
    timestamp,
};

const WRITABLE: [&str; 8] = ["name", "genres", "directorId", "releaseDate", "length", "topCast", "boxOffice", "premieres"];
/// Fields of the response a client might send back by copying it.
const READ_ONLY: [&str; 4] = ["id", "director", "createdAt", "updatedAt"];
const MAX_NAME: usize = 200;
const MAX_ROLE: usize = 100;
const MAX_CAST: usize = 20;
const PREMIERE_EXAMPLE: &str = "2008-05-01T00:00:00Z";

/// A full record from a POST or PUT body. Absent or null optional fields are empty.
pub fn fields_from(body: &Map<String, Value>) -> Result<MovieFields, String> {
    for (key, value) in body {
        if WRITABLE.contains(&key.as_str()) {
            continue;
        }
        if READ_ONLY.contains(&key.as_str()) {
            return Err(format!("{key} is read-only; leave it out."));
        }
        // Custom-field values are checked, then dropped: movies do not store them.
        match catalog::check_custom_field(key, value) {
            Some(checked) => checked?,
            None => return Err(format!("Unknown field: {}.", echo(key))),
        }
    }
    let field = |name: &str| body.get(name).filter(|v| !v.is_null());
    let name = match field("name") {
        Some(value) => text(value, "name", MAX_NAME)?,
        None => return Err("name is required.".into()),
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
pub fn patched(current: &MovieFields, patch: Map<String, Value>) -> Result<MovieFields, String> {
    let mut merged = as_request(current);
    merge(&mut merged, Value::Object(patch));
    match merged {
        Value::Object(body) => fields_from(&body),
        _ => Err("The body must be a JSON object.".into()),
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
        ("directorId", f.director_id.map(Value::from)),
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

fn person(value: &Value, what: &str) -> Result<u32, String> {
    let id = whole(value).ok_or_else(|| format!("{what} must be a whole number (a person id)."))?;
    match fixtures::person_name(id) {
        Some(_) => Ok(id),
        None => Err(format!("{what} {id} is not a known person; see GET /people.")),
    }
}

fn genres(value: &Value) -> Result<Vec<u32>, String> {
    let items = value.as_array().ok_or("genres must be an array of objects such as {\"id\": 1}.")?;
    let mut ids = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let id = item.get("id").and_then(whole).ok_or_else(|| format!("genres[{i}] must be an object with a whole-number id."))?;
        if fixtures::genre_name(id).is_none() {
            return Err(format!("genres[{i}].id {id} is not a known genre; see GET /genres."));
        }
        if ids.contains(&id) {
            return Err(format!("genres[{i}].id {id} is listed twice."));
        }
        ids.push(id);
    }
    Ok(ids)
}

fn year(value: &Value) -> Result<String, String> {
    match value.as_str() {
        Some(s) if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) => Ok(s.to_string()),
        _ => Err("releaseDate must be a year as a string, such as \"2008\".".into()),
    }
}

fn minutes(value: &Value) -> Result<u32, String> {
    whole(value).filter(|&n| n > 0).ok_or_else(|| "length must be a positive whole number of minutes.".into())
}

fn top_cast(value: &Value) -> Result<Vec<CastMember>, String> {
    let items = value.as_array().ok_or("topCast must be an array of objects such as {\"role\": \"Tony Stark\", \"castId\": 1}.")?;
    if items.len() > MAX_CAST {
        return Err(format!("topCast may list at most {MAX_CAST} people."));
    }
    let mut cast = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if !item.is_object() {
            return Err(format!("topCast[{i}] must be an object with role and castId."));
        }
        let role = text(item.get("role").unwrap_or(&Value::Null), &format!("topCast[{i}].role"), MAX_ROLE)?;
        let cast_id = person(item.get("castId").unwrap_or(&Value::Null), &format!("topCast[{i}].castId"))?;
        cast.push(CastMember { role, cast_id });
    }
    Ok(cast)
}

fn box_office(value: &Value) -> Result<(Option<f64>, Option<f64>), String> {
    let object = value.as_object().ok_or("boxOffice must be an object with budget and grossProfit.")?;
    unknown_field(object, "boxOffice.", &["budget", "grossProfit"])?;
    let amount = |key: &str| object.get(key).filter(|v| !v.is_null()).map(|v| v.as_f64().filter(|x| x.is_finite()));
    let budget = match amount("budget") {
        Some(Some(x)) if x >= 0.0 => Some(x),
        Some(_) => return Err("boxOffice.budget must be a number of millions, 0 or more.".into()),
        None => None,
    };
    let gross = match amount("grossProfit") {
        Some(Some(x)) => Some(x),
        Some(None) => return Err("boxOffice.grossProfit must be a number of millions.".into()),
        None => None,
    };
    Ok((budget, gross))
}

fn premieres(value: &Value) -> Result<(Option<i64>, Option<i64>), String> {
    let object = value.as_object().ok_or("premieres must be an object with czechPremiere and originalPremiere.")?;
    unknown_field(object, "premieres.", &["czechPremiere", "originalPremiere"])?;
    let date = |key: &str| -> Result<Option<i64>, String> {
        match object.get(key).filter(|v| !v.is_null()) {
            None => Ok(None),
            Some(v) => v
                .as_str()
                .and_then(timestamp::parse)
                .map(Some)
                .ok_or_else(|| format!("premieres.{key} must be an RFC 3339 date-time such as {PREMIERE_EXAMPLE}.")),
        }
    };
    Ok((date("czechPremiere")?, date("originalPremiere")?))
}
