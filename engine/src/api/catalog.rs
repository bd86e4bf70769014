//! The read-only lists: genres, organizations, a movie's awards, and the
//! custom fields a movie form may show.

use serde::Serialize;
use serde_json::Value;

use super::{
    error::{Expected, Method, ResourceError},
    fixtures,
    movies::Movie,
    reply::{self, Named},
    ApiCall, LIST_LIMIT,
};
use crate::Response;

#[derive(Serialize)]
struct Organization {
    id: &'static str,
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

pub fn genres(call: &ApiCall) -> Result<Response, ResourceError> {
    only_get(call, || fixtures::GENRES.iter().map(|g| Named { id: g.id, name: g.name }).collect())
}

pub fn organizations(call: &ApiCall) -> Result<Response, ResourceError> {
    only_get(call, || fixtures::ORGANIZATIONS.iter().map(|o| Organization { id: o.id, name: o.name, country: o.country }).collect())
}

/// `/awards/{movieId}`: a default movie's awards; own records have none yet.
pub fn awards(own: &[Movie], movie_id: &str, call: &ApiCall) -> Result<Response, ResourceError> {
    Method::among(call.method, &[Method::Get])?;
    if let Some(movie) = fixtures::default_movie(movie_id) {
        let awards: Vec<AwardView> = movie
            .awards
            .iter()
            .map(|a| AwardView { name: a.name, category: a.category, year: a.year, result: if a.won { "won" } else { "nominated" } })
            .collect();
        return Ok(reply::ok(&awards));
    }
    if own.iter().any(|m| m.id == movie_id) {
        return Ok(reply::ok::<[AwardView]>(&[]));
    }
    Err(ResourceError::RecordNotFound)
}

/// `(name, label, type, help)`.
const CUSTOM_FIELDS: &[(&str, &str, &str, &str)] = &[
    ("rating", "Rating", "uinteger", "Your rating from 1 to 10."),
    ("watched", "Watched", "boolean", "Whether you have seen it."),
    ("note", "Note", "text", "Up to 500 characters."),
    ("platform", "Platform", "select", "Where you watch it."),
];
const PLATFORMS: &[(&str, &str)] = &[("cinema", "Cinema"), ("streaming", "Streaming"), ("tv", "TV"), ("disc", "Blu-ray or DVD")];

pub fn custom_fields(call: &ApiCall) -> Result<Response, ResourceError> {
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
pub fn check_custom_field(name: &str, value: &Value) -> Option<Result<(), ResourceError>> {
    let (valid, expected) = match name {
        "rating" => (value.as_u64().is_some_and(|n| (1..=10).contains(&n)), Expected::Rating),
        "watched" => (value.is_boolean(), Expected::Boolean),
        "note" => (value.as_str().is_some_and(|s| s.chars().count() <= 500), Expected::Note),
        "platform" => (value.as_str().is_some_and(|s| PLATFORMS.iter().any(|(v, _)| *v == s)), Expected::Platform),
        _ => return None,
    };
    Some(if valid || value.is_null() { Ok(()) } else { Err(ResourceError::InvalidField { field: name.into(), expected }) })
}

fn only_get<T: Serialize>(call: &ApiCall, records: impl FnOnce() -> Vec<T>) -> Result<Response, ResourceError> {
    Method::among(call.method, &[Method::Get])?;
    let mut records = records();
    records.truncate(LIST_LIMIT);
    Ok(reply::ok(&records))
}
