//! The read-only lists: genres, organizations and a movie's awards.

use serde::Serialize;

use super::{
    error::{Method, ResourceError},
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

pub(super) fn only_get<T: Serialize>(call: &ApiCall, records: impl FnOnce() -> Vec<T>) -> Result<Response, ResourceError> {
    Method::among(call.method, &[Method::Get])?;
    let mut records = records();
    records.truncate(LIST_LIMIT);
    Ok(reply::ok(&records))
}
