//! Schema 1 → schema 2.
//!
//! Schema 1 is what the first release saved: the engine's internal structs
//! serialized as they were. It is read here as plain JSON, never through
//! today's internal types (they change; old saves do not), and rewritten
//! into the schema 2 shape, which [`super::SavedEngine`] then reads.
//!
//! Differences, and what happens to them:
//! - `schema`: 1 becomes 2.
//! - `accounts.{account}.account` repeated the map key: dropped.
//! - `accounts.{account}.movies[]`: each goes through [`migrate_movie_v1`].
//! - `log[].outcome` was not written by the first release: an empty outcome
//!   (no route, not reached, no error, no subject, no changes) is filled in.
//!
//! Anything not of the expected shape is left as it is; reading the result
//! as schema 2 then says what is wrong.

use serde_json::{json, Map, Value};

use crate::api::fixtures;
use crate::Outcome;

/// Rewrites a schema 1 snapshot into the schema 2 shape.
pub fn migrate(mut snapshot: Value) -> Value {
    let Some(root) = snapshot.as_object_mut() else { return snapshot };
    root.insert("schema".into(), json!(2));
    if let Some(accounts) = root.get_mut("accounts").and_then(Value::as_object_mut) {
        for data in accounts.values_mut() {
            migrate_account_v1(data);
        }
    }
    if let Some(log) = root.get_mut("log").and_then(Value::as_array_mut) {
        for exchange in log.iter_mut().filter_map(Value::as_object_mut) {
            migrate_exchange_v1(exchange);
        }
    }
    snapshot
}

fn migrate_account_v1(data: &mut Value) {
    let Some(data) = data.as_object_mut() else { return };
    data.remove("account");
    if let Some(movies) = data.get_mut("movies").and_then(Value::as_array_mut) {
        for movie in movies.iter_mut() {
            *movie = migrate_movie_v1(movie.take());
        }
    }
}

/// One own movie as schema 1 saved it: `{id, fields: {name, genres,
/// director_id, release_date, length, top_cast: [{role, cast_id}], budget,
/// gross_profit, czech_premiere, original_premiere}, created_at, updated_at}`.
///
/// MOVIE IDS ARE MAPPED HERE, and only here. Schema 1 holds the first
/// release's numeric genre and person ids (`fields.genres[]`,
/// `fields.director_id`, `fields.top_cast[].cast_id`); when the catalogue's
/// ids changed to the documented strings, each is rewritten here through the
/// fixtures' former-id table. An id with no mapping is left as it is, so
/// reading the result as schema 2 says what is wrong instead of guessing.
fn migrate_movie_v1(mut movie: Value) -> Value {
    let Some(fields) = movie.get_mut("fields").and_then(Value::as_object_mut) else { return movie };
    if let Some(genres) = fields.get_mut("genres").and_then(Value::as_array_mut) {
        for genre in genres.iter_mut() {
            map_id(genre, fixtures::genre_id_from_legacy);
        }
    }
    if let Some(director) = fields.get_mut("director_id") {
        map_id(director, fixtures::person_id_from_legacy);
    }
    if let Some(cast) = fields.get_mut("top_cast").and_then(Value::as_array_mut) {
        for member in cast.iter_mut().filter_map(|m| m.get_mut("cast_id")) {
            map_id(member, fixtures::person_id_from_legacy);
        }
    }
    movie
}

/// A former numeric id becomes its documented string.
fn map_id(id: &mut Value, mapping: fn(u64) -> Option<&'static str>) {
    if let Some(new) = id.as_u64().and_then(mapping) {
        *id = Value::String(new.to_string());
    }
}

fn migrate_exchange_v1(exchange: &mut Map<String, Value>) {
    if !exchange.contains_key("outcome") {
        exchange.insert("outcome".into(), serde_json::to_value(Outcome::default()).unwrap_or_else(|_| json!({})));
    }
}
