//! No request to a resource panics the engine: any method, path, query or
//! body gets a well-formed answer (JSON with the error shape, or a 204).

mod common;

use academy_engine::{Account, Request, Response};
use common::*;
use proptest::prelude::*;
use serde_json::Value;

fn raw(h: &mut Harness, token: &str, method: &str, path: &str, body: &[u8]) -> Response {
    let request = Request::new(method, path)
        .header("Authorization", &format!("Bearer {token}"))
        .header("Content-Type", "application/json")
        .body(body.to_vec());
    h.handle(request)
}

#[test]
fn hostile_bodies_get_400() {
    let (mut h, token) = connected(Account::John);
    let deep_array = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let deep_object = format!("{{\"name\":\"x\",\"boxOffice\":{}1{}}}", "{\"budget\":".repeat(5_000), "}".repeat(5_000));
    let bodies: Vec<Vec<u8>> = vec![
        deep_array.into_bytes(),
        deep_object.into_bytes(),
        b"{\"name\":\"x\",\"length\":1e999999}".to_vec(),
        b"{\"name\":\"x\",\"length\":-0}".to_vec(),
        b"{\"name\":\"x\",\"boxOffice\":{\"budget\":1e308,\"grossProfit\":-1e308}}".to_vec(),
        b"{\"name\":\"x\",\"directorId\":18446744073709551616}".to_vec(),
        vec![0xff, 0xfe, 0x00, 0x7b],
        b"{\"name\":\"\xc3\x28\"}".to_vec(),
        "{\"name\":\"\u{202e}\u{0}\u{1F3AC}\"}".as_bytes().to_vec(),
        b"\"just a string\"".to_vec(),
        b"null".to_vec(),
        vec![b' '; 10_000],
    ];
    for path in ["/movies", "/webhooks", "/files/import"] {
        for body in &bodies {
            let r = raw(&mut h, &token, "POST", path, body);
            assert_well_formed(&r);
        }
    }
}

#[test]
fn odd_paths_get_answers() {
    let (mut h, token) = connected(Account::John);
    let paths = [
        "/movies/%F0%9F%8E%AC", "/movies/%00", "/movies/..%2F..%2Finfo", "/movies//", "/movies/a/b", "/awards/%E2%80%AE",
        "/files/%20/export", "/files/import/export", "/webhooks/%FF", "/MOVIES", "/people?q=%FF%FE", "/movies?page=%F0%9F",
    ];
    for path in paths {
        for method in ["GET", "POST", "PUT", "PATCH", "DELETE"] {
            let r = raw(&mut h, &token, method, path, b"{\"name\":\"x\"}");
            assert_well_formed(&r);
        }
    }
    let long = format!("/movies/{}", "a".repeat(100_000));
    assert_error(&raw(&mut h, &token, "GET", &long, b""), 404, "Record not found.");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_request_gets_a_well_formed_answer(
        method in prop::sample::select(vec!["GET", "POST", "PUT", "PATCH", "DELETE"]),
        resource in prop::sample::select(vec![
            "/movies", "/movies/4f9a2c71e8b3", "/people", "/genres", "/organizations", "/awards/4f9a2c71e8b3",
            "/about", "/webhooks", "/webhooks/x", "/files", "/files/2c7e9a41d0b6/export", "/files/import", "/custom-fields",
        ]),
        tail in "[a-zA-Z0-9%/?=&\"é ]{0,12}",
        body in prop::collection::vec(any::<u8>(), 0..64),
    ) {
        let (mut h, token) = connected(Account::John);
        let r = raw(&mut h, &token, method, &format!("{resource}{tail}"), &body);
        assert_well_formed(&r);
    }

    #[test]
    fn any_json_movie_body_gets_a_well_formed_answer(body in json_value(3)) {
        let (mut h, token) = connected(Account::John);
        let bytes = body.to_string().into_bytes();
        for method in ["POST", "PUT", "PATCH"] {
            let path = if method == "POST" { "/movies".to_string() } else {
                let created = raw(&mut h, &token, "POST", "/movies", b"{\"name\":\"base\"}");
                format!("/movies/{}", created.json().unwrap()["id"].as_str().unwrap())
            };
            let r = raw(&mut h, &token, method, &path, &bytes);
            assert_well_formed(&r);
        }
    }
}

/// Random JSON, biased towards the movie's own field names.
fn json_value(depth: u32) -> impl Strategy<Value = Value> {
    let key = prop::sample::select(vec![
        "name", "genres", "id", "directorId", "releaseDate", "length", "topCast", "role", "castId", "boxOffice",
        "budget", "grossProfit", "premieres", "czechPremiere", "originalPremiere", "rating", "x",
    ])
    .prop_map(str::to_string);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "[ -~é]{0,8}".prop_map(Value::from),
        Just(Value::from("2008-05-01T00:00:00Z")),
    ];
    leaf.prop_recursive(depth, 24, 4, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(key.clone(), inner, 0..5).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}
