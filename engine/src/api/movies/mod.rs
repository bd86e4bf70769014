//! `/movies` and `/movies/{id}`: six default records per account that never
//! change, and up to fourteen of the account's own.

mod input;
mod listing;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::reply::Named;

use super::{body::parse_json_object, fixtures, reply, timestamp, ApiCall};
use crate::{entropy, Entropy, Millis, Response};

/// Own records an account may add to its six default ones.
pub const OWN_LIMIT: usize = 14;

/// One movie as stored: ids, not names, so renaming nothing goes stale.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Movie {
    pub id: String,
    pub fields: MovieFields,
    pub created_at: Millis,
    pub updated_at: Millis,
}

/// What a client may write. Only `name` is required.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MovieFields {
    pub name: String,
    pub genres: Vec<u32>,
    pub director_id: Option<u32>,
    pub release_date: Option<String>,
    pub length: Option<u32>,
    pub top_cast: Vec<CastMember>,
    pub budget: Option<f64>,
    pub gross_profit: Option<f64>,
    pub czech_premiere: Option<Millis>,
    pub original_premiere: Option<Millis>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CastMember {
    pub role: String,
    pub cast_id: u32,
}

impl Movie {
    fn from_fixture(index: usize, m: &fixtures::DefaultMovie) -> Movie {
        let created = fixtures::DEFAULTS_CREATED_AT + index as i64 * 3_600_000;
        Movie {
            id: m.id.into(),
            fields: MovieFields {
                name: m.name.into(),
                genres: m.genres.to_vec(),
                director_id: Some(m.director),
                release_date: Some(m.release_year.into()),
                length: Some(m.length),
                top_cast: m.cast.iter().map(|(role, id)| CastMember { role: (*role).into(), cast_id: *id }).collect(),
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
        let name_of = |id| fixtures::person_name(id).unwrap_or_default();
        MovieView {
            id: &self.id,
            name: &f.name,
            genres: f.genres.iter().map(|&id| Named { id, name: fixtures::genre_name(id).unwrap_or_default() }).collect(),
            director: f.director_id.map(|id| Director { director_id: id, director_name: name_of(id) }),
            release_date: f.release_date.as_deref(),
            length: f.length,
            top_cast: f.top_cast.iter().map(|c| CastView { role: &c.role, cast_id: c.cast_id, cast_name: name_of(c.cast_id) }).collect(),
            box_office: BoxOfficeView { budget: f.budget.map(number), gross_profit: f.gross_profit.map(number) },
            premieres: PremieresView {
                czech_premiere: f.czech_premiere.map(timestamp::format),
                original_premiere: f.original_premiere.map(timestamp::format),
            },
            created_at: timestamp::format(self.created_at),
            updated_at: timestamp::format(self.updated_at),
        }
    }
}

/// A movie as the API answers it, fields in the docs' order.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MovieView<'a> {
    id: &'a str,
    name: &'a str,
    genres: Vec<Named>,
    director: Option<Director>,
    release_date: Option<&'a str>,
    length: Option<u32>,
    top_cast: Vec<CastView<'a>>,
    box_office: BoxOfficeView,
    premieres: PremieresView,
    created_at: String,
    updated_at: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Director {
    director_id: u32,
    director_name: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CastView<'a> {
    role: &'a str,
    cast_id: u32,
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
pub fn collection(own: &mut Vec<Movie>, call: &ApiCall, entropy: &mut dyn Entropy) -> Response {
    match call.method {
        "GET" => match listing::ListQuery::parse(call.query) {
            Ok(query) => query.answer(all(own)),
            Err(message) => reply::bad_request(&message),
        },
        "POST" => create(own, call, entropy),
        _ => reply::method_not_allowed(&["GET", "POST"]),
    }
}

/// `/movies/{id}`.
pub fn item(own: &mut Vec<Movie>, id: &str, call: &ApiCall) -> Response {
    let allowed = ["GET", "PUT", "PATCH", "DELETE"];
    if !allowed.contains(&call.method) {
        return reply::method_not_allowed(&allowed);
    }
    if call.method == "GET" {
        return all(own).iter().find(|m| m.id == id).map_or_else(not_found, |m| reply::ok(&m.view()));
    }
    if fixtures::default_movie(id).is_some() {
        return reply::bad_request("Default records cannot be changed.");
    }
    let Some(i) = own.iter().position(|m| m.id == id) else { return not_found() };
    match call.method {
        "DELETE" => {
            own.remove(i);
            reply::no_content()
        }
        method => {
            let fields = parse_json_object(call).and_then(|body| {
                if method == "PUT" {
                    input::fields_from(&body)
                } else {
                    input::patched(&own[i].fields, body)
                }
            });
            match fields {
                Ok(fields) => {
                    let movie = &mut own[i];
                    movie.fields = fields;
                    movie.updated_at = call.now;
                    reply::ok(&movie.view())
                }
                Err(message) => reply::bad_request(&message),
            }
        }
    }
}

fn create(own: &mut Vec<Movie>, call: &ApiCall, entropy: &mut dyn Entropy) -> Response {
    // The body cannot fix a full account, so the limit is checked first.
    if own.len() >= OWN_LIMIT {
        return reply::bad_request("Record limit reached.");
    }
    let fields = match parse_json_object(call).and_then(|body| input::fields_from(&body)) {
        Ok(fields) => fields,
        Err(message) => return reply::bad_request(&message),
    };
    let movie = Movie { id: new_id(own, entropy), fields, created_at: call.now, updated_at: call.now };
    let response = reply::ok(&movie.view());
    own.push(movie);
    response
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

fn not_found() -> Response {
    reply::not_found("Record not found.")
}
