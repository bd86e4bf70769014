//! The sample request bodies the playground's composer starts from, kept
//! here so the engine's tests prove each one is accepted as shown.

/// `POST /movies` and `PUT /movies/{id}`: the docs' example, verbatim.
pub const MOVIE: &str = r#"{
  "name": "Iron Man",
  "genres": [{ "id": "1" }],
  "directorId": "f841a38b77be",
  "releaseDate": "2008",
  "length": 126,
  "topCast": [{ "role": "Tony Stark", "castId": "5bfb3056c5e4" }],
  "boxOffice": { "budget": 140, "grossProfit": 585.8 },
  "premieres": {
    "czechPremiere": "2008-04-30T22:00:00+00:00",
    "originalPremiere": "2008-05-01T22:00:00+00:00"
  }
}"#;

/// `PATCH /movies/{id}`.
pub const MOVIE_PATCH: &str = r#"{
  "length": 127
}"#;

/// `POST /webhooks`.
pub const WEBHOOK: &str = r#"{
  "url": "https://hook.eu1.make.com/example"
}"#;

/// `POST /files/import`: a two-line CSV, base64-encoded.
pub const IMPORT: &str = r#"{
  "fileName": "movies.csv",
  "data": "bmFtZSxyZWxlYXNlRGF0ZQpJcm9uIE1hbiwyMDA4Cg==",
  "contentType": "text/csv"
}"#;

/// The sample body of an endpoint that takes a JSON body.
pub fn for_endpoint(method: &str, route: &str) -> Option<&'static str> {
    match (method, route) {
        ("POST", "/movies") | ("PUT", "/movies/{id}") => Some(MOVIE),
        ("PATCH", "/movies/{id}") => Some(MOVIE_PATCH),
        ("POST", "/webhooks") => Some(WEBHOOK),
        ("POST", "/files/import") => Some(IMPORT),
        _ => None,
    }
}
