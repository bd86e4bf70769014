//! The read-only lists: genres, organizations, a movie's awards, and the
//! custom fields a movie form may show.

use serde::Serialize;
use serde_json::Value;

use super::{
    fixtures,
    movies::Movie,
    reply::{self, Named},
    ApiCall, LIST_LIMIT,
};
use crate::Response;

#[derive(Serialize)]
struct Organization {
    id: u32,
    name: &'static str,
    country: &'static str,
}

#[derive(Serialize)]
struct AwardView {
    name: &'static str,
    category: &'static str,
    year: &'static str,
    /// `won` or `nominated`.
    result: &'static str,
}

/// A custom field in Make's parameter style.
#[derive(Serialize)]
struct CustomField {
    name: &'static str,
    label: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    help: &'static str,
    required: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    options: Vec<Choice>,
}

#[derive(Serialize)]
struct Choice {
    label: &'static str,
    value: &'static str,
}

pub fn genres(call: &ApiCall) -> Response {
    only_get(call, || fixtures::GENRES.iter().map(|&(id, name)| Named { id, name }).collect())
}

pub fn organizations(call: &ApiCall) -> Response {
    only_get(call, || fixtures::ORGANIZATIONS.iter().map(|&(id, name, country)| Organization { id, name, country }).collect())
}

/// `/awards/{movieId}`: a default movie's awards; own records have none yet.
pub fn awards(own: &[Movie], movie_id: &str, call: &ApiCall) -> Response {
    if call.method != "GET" {
        return reply::method_not_allowed(&["GET"]);
    }
    if let Some(movie) = fixtures::default_movie(movie_id) {
        let awards: Vec<AwardView> = movie
            .awards
            .iter()
            .map(|a| AwardView { name: a.name, category: a.category, year: a.year, result: if a.won { "won" } else { "nominated" } })
            .collect();
        return reply::ok(&awards);
    }
    if own.iter().any(|m| m.id == movie_id) {
        return reply::ok::<[AwardView]>(&[]);
    }
    reply::not_found("Record not found.")
}

/// `(name, label, type, help)`.
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
            .map(|&(name, label, kind, help)| CustomField {
                name,
                label,
                kind,
                help,
                required: false,
                options: match kind {
                    "select" => PLATFORMS.iter().map(|&(value, label)| Choice { label, value }).collect(),
                    _ => Vec::new(),
                },
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

fn only_get<T: Serialize>(call: &ApiCall, records: impl FnOnce() -> Vec<T>) -> Response {
    if call.method != "GET" {
        return reply::method_not_allowed(&["GET"]);
    }
    let mut records = records();
    records.truncate(LIST_LIMIT);
    reply::ok(&records)
}
