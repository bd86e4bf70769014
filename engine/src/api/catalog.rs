//! The read-only lists: genres, organizations, a movie's awards, and the
//! custom fields a movie form may show.

use serde_json::{json, Value};

use super::{fixtures, movies::Movie, reply, ApiCall, LIST_LIMIT};
use crate::Response;

pub fn genres(call: &ApiCall) -> Response {
    only_get(call, || fixtures::GENRES.iter().map(|(id, name)| json!({ "id": id, "name": name })).collect())
}

pub fn organizations(call: &ApiCall) -> Response {
    only_get(call, || {
        fixtures::ORGANIZATIONS.iter().map(|(id, name, country)| json!({ "id": id, "name": name, "country": country })).collect()
    })
}

/// `/awards/{movieId}`: a default movie's awards; own records have none yet.
pub fn awards(own: &[Movie], movie_id: &str, call: &ApiCall) -> Response {
    if call.method != "GET" {
        return reply::method_not_allowed(&["GET"]);
    }
    if let Some(movie) = fixtures::default_movie(movie_id) {
        let awards = movie.awards.iter().map(|a| {
            json!({ "name": a.name, "category": a.category, "year": a.year, "result": if a.won { "won" } else { "nominated" } })
        });
        return reply::ok(&Value::Array(awards.collect()));
    }
    if own.iter().any(|m| m.id == movie_id) {
        return reply::ok(&json!([]));
    }
    reply::not_found("Record not found.")
}

/// A custom field: `(name, label, type, help)`, in Make's parameter style.
const CUSTOM_FIELDS: &[(&str, &str, &str, &str)] = &[
    ("rating", "Rating", "uinteger", "Your rating from 1 to 10."),
    ("watched", "Watched", "boolean", "Whether you have seen it."),
    ("note", "Note", "text", "Up to 500 characters."),
    ("platform", "Platform", "select", "Where you watch it."),
];
const PLATFORMS: &[(&str, &str)] = &[("cinema", "Cinema"), ("streaming", "Streaming"), ("tv", "TV"), ("disc", "Blu-ray or DVD")];

pub fn custom_fields(call: &ApiCall) -> Response {
    only_get(call, || {
        CUSTOM_FIELDS
            .iter()
            .map(|(name, label, kind, help)| {
                let mut field = json!({ "name": name, "label": label, "type": kind, "help": help, "required": false });
                if *kind == "select" {
                    field["options"] = PLATFORMS.iter().map(|(value, label)| json!({ "label": label, "value": value })).collect();
                }
                field
            })
            .collect()
    })
}

/// Checks a custom-field value sent with a movie; `None` when `name` is not
/// a custom field. Null means "not set" and is always fine.
pub fn check_custom_field(name: &str, value: &Value) -> Option<Result<(), String>> {
    let valid = match name {
        "rating" => value.as_u64().is_some_and(|n| (1..=10).contains(&n)),
        "watched" => value.is_boolean(),
        "note" => value.as_str().is_some_and(|s| s.chars().count() <= 500),
        "platform" => value.as_str().is_some_and(|s| PLATFORMS.iter().any(|(v, _)| *v == s)),
        _ => return None,
    };
    let message = match name {
        "rating" => "rating must be a whole number from 1 to 10.",
        "watched" => "watched must be true or false.",
        "note" => "note must be a string of at most 500 characters.",
        _ => "platform must be cinema, streaming, tv or disc.",
    };
    Some(if valid || value.is_null() { Ok(()) } else { Err(message.into()) })
}

fn only_get(call: &ApiCall, records: impl FnOnce() -> Vec<Value>) -> Response {
    if call.method != "GET" {
        return reply::method_not_allowed(&["GET"]);
    }
    let mut records = records();
    records.truncate(LIST_LIMIT);
    reply::ok(&Value::Array(records))
}
