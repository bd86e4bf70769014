//! `/movies` and `/movies/{id}`: six default records per account that never
//! change, and up to fourteen of the account's own.

mod input;
pub(crate) mod listing;

use serde::Serialize;
use serde_json::{json, Value};

use super::{
    body::parse_json_object,
    error::{Method, ResourceError},
    fixtures, reply, timestamp, ApiCall,
};
use crate::{entropy, Entropy, Millis, Response};

/// Own records an account may add to its six default ones.
pub const OWN_LIMIT: usize = 14;

/// One movie as stored: ids, not names, so renaming nothing goes stale.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Movie {
    pub id: String,
    pub fields: MovieFields,
    pub created_at: Millis,
    pub updated_at: Millis,
}

/// What a client may write. Only `name` is required.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct MovieFields {
    pub name: String,
    /// Genre ids (`"1"`).
    pub genres: Vec<String>,
    /// A person id (12 hex digits).
    pub director_id: Option<String>,
    pub release_date: Option<String>,
    pub length: Option<u32>,
    pub top_cast: Vec<CastMember>,
    pub budget: Option<f64>,
    pub gross_profit: Option<f64>,
    pub czech_premiere: Option<Millis>,
    pub original_premiere: Option<Millis>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CastMember {
    pub role: String,
    /// A person id (12 hex digits).
    pub cast_id: String,
}

impl Movie {
    fn from_fixture(index: usize, m: &fixtures::DefaultMovie) -> Movie {
        let created = fixtures::DEFAULTS_CREATED_AT + index as i64 * 3_600_000;
        Movie {
            id: m.id.into(),
            fields: MovieFields {
                name: m.name.into(),
                genres: m.genres.iter().filter_map(|g| fixtures::genre_id_by_name(g)).map(String::from).collect(),
                director_id: fixtures::person_id_by_name(m.director).map(String::from),
                release_date: Some(m.release_year.into()),
                length: Some(m.length),
                top_cast: m
                    .cast
                    .iter()
                    .map(|(role, person)| CastMember { role: (*role).into(), cast_id: fixtures::person_id_by_name(person).unwrap_or_default().into() })
                    .collect(),
                budget: Some(m.budget),
                gross_profit: Some(m.gross),
                czech_premiere: timestamp::parse(m.czech_premiere),
                original_premiere: timestamp::parse(m.original_premiere),
            },
            created_at: created,
            updated_at: created,
        }
    }

    /// The response shape: the request's fields plus the names they refer to.
    pub fn view(&self) -> MovieView<'_> {
        let f = &self.fields;
        let name_of = |id: &str| fixtures::person_name(id).unwrap_or_default();
        MovieView {
            id: &self.id,
            name: &f.name,
            genres: f.genres.iter().map(|id| GenreView { id, name: fixtures::genre_name(id).unwrap_or_default() }).collect(),
            length: f.length,
            top_cast: f.top_cast.iter().map(|c| CastView { role: &c.role, cast_id: &c.cast_id, cast_name: name_of(&c.cast_id) }).collect(),
            director: f.director_id.as_deref().map(|id| Director { director_id: id, director_name: name_of(id) }),
            box_office: BoxOfficeView { budget: f.budget.map(number), gross_profit: f.gross_profit.map(number) },
            created_at: timestamp::format(self.created_at),
            premieres: PremieresView {
                czech_premiere: f.czech_premiere.map(timestamp::format),
                original_premiere: f.original_premiere.map(timestamp::format),
            },
            updated_at: timestamp::format(self.updated_at),
            release_date: f.release_date.as_deref(),
        }
    }
}

/// A movie as the API answers it, fields in the order of the docs' `POST
/// /movies` example. The docs' copy stops at `updatedAt` without showing
/// `releaseDate`, so it comes last.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MovieView<'a> {
    id: &'a str,
    name: &'a str,
    genres: Vec<GenreView<'a>>,
    length: Option<u32>,
    top_cast: Vec<CastView<'a>>,
    director: Option<Director<'a>>,
    box_office: BoxOfficeView,
    created_at: String,
    premieres: PremieresView,
    updated_at: String,
    release_date: Option<&'a str>,
}

#[derive(Serialize)]
struct GenreView<'a> {
    id: &'a str,
    name: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Director<'a> {
    director_id: &'a str,
    director_name: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CastView<'a> {
    role: &'a str,
    cast_id: &'a str,
    cast_name: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct BoxOfficeView {
    budget: Option<Value>,
    gross_profit: Option<Value>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PremieresView {
    czech_premiere: Option<String>,
    original_premiere: Option<String>,
}

/// Whole numbers of millions print as integers (`140`, not `140.0`).
fn number(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        json!(x as i64)
    } else {
        json!(x)
    }
}

/// The six default movies, as every account has them.
pub fn defaults() -> Vec<Movie> {
    fixtures::MOVIES.iter().enumerate().map(|(i, m)| Movie::from_fixture(i, m)).collect()
}

/// Default records first, then own ones in the order they were added.
pub(crate) fn all(own: &[Movie]) -> Vec<Movie> {
    let mut movies = defaults();
    movies.extend(own.iter().cloned());
    movies
}

/// `/movies`.
pub fn collection(own: &mut Vec<Movie>, call: &ApiCall, entropy: &mut dyn Entropy) -> Result<Response, ResourceError> {
    match Method::among(call.method, &[Method::Get, Method::Post])? {
        Method::Post => create(own, call, entropy),
        _ => Ok(listing::ListQuery::parse(call.query)?.answer(all(own))),
    }
}

/// `/movies/{id}`.
pub fn item(own: &mut Vec<Movie>, id: &str, call: &ApiCall) -> Result<Response, ResourceError> {
    let method = Method::among(call.method, &[Method::Get, Method::Put, Method::Patch, Method::Delete])?;
    if method == Method::Get {
        return all(own).iter().find(|m| m.id == id).map(|m| reply::ok(&m.view())).ok_or(ResourceError::RecordNotFound);
    }
    if fixtures::default_movie(id).is_some() {
        return Err(ResourceError::DefaultRecordReadOnly);
    }
    let i = own.iter().position(|m| m.id == id).ok_or(ResourceError::RecordNotFound)?;
    if method == Method::Delete {
        own.remove(i);
        return Ok(reply::no_content());
    }
    let body = parse_json_object(call)?;
    let fields = if method == Method::Put { input::fields_from(&body)? } else { input::patched(&own[i].fields, body)? };
    let movie = &mut own[i];
    movie.fields = fields;
    movie.updated_at = call.now;
    Ok(reply::ok(&movie.view()))
}

fn create(own: &mut Vec<Movie>, call: &ApiCall, entropy: &mut dyn Entropy) -> Result<Response, ResourceError> {
    // The body cannot fix a full account, so the limit is checked first.
    if own.len() >= OWN_LIMIT {
        return Err(ResourceError::RecordLimit { limit: OWN_LIMIT });
    }
    let fields = input::fields_from(&parse_json_object(call)?)?;
    let movie = Movie { id: new_id(own, entropy), fields, created_at: call.now, updated_at: call.now };
    let response = reply::ok(&movie.view());
    own.push(movie);
    Ok(response)
}

/// A fresh 12-hex-digit id, unused by this account.
fn new_id(own: &[Movie], entropy: &mut dyn Entropy) -> String {
    let taken = |id: &str| fixtures::default_movie(id).is_some() || own.iter().any(|m| m.id == id);
    (0..8)
        .map(|_| entropy::hex(entropy, 6))
        .find(|id| !taken(id))
        // A source that keeps repeating itself still gets a unique id.
        .unwrap_or_else(|| (0u64..).map(|n| format!("{n:012x}")).find(|id| !taken(id)).unwrap_or_default())
}
