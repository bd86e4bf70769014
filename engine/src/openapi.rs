//! The API as an OpenAPI 3.1 document, written from the catalogue: every
//! endpoint with its method, route, access (the OAuth2 scheme and scope),
//! summary, parameters, body and answers, errors in the API's error body.
//! Tools such as Swagger UI and Postman read it; `cargo xtask dist` ships it
//! as `openapi.json` beside the page.

use serde_json::{json, Map, Value};

use crate::catalog::{optional_query, reference_of, shape_keys, Access, Body, Endpoint, ENDPOINTS};
use crate::{Scope, BASE_URL};

/// The security scheme's name in the document.
const SCHEME: &str = "academy";

/// The whole document (OpenAPI 3.1.0).
pub fn openapi() -> Value {
    let mut paths = Map::new();
    for e in ENDPOINTS {
        let item = paths.entry(e.route).or_insert_with(|| json!({}));
        item[e.method.to_ascii_lowercase()] = operation(e);
    }
    let scopes: Map<String, Value> = Scope::ALL.iter().map(|s| (s.name().to_string(), json!(crate::catalog::scope_description(*s)))).collect();
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Make Custom App Academy API v2",
            "version": "2",
            "description": "OAuth2 (authorization code) and the v1 resources under v2, as the Academy OAuth2 Playground simulates them.",
        },
        "servers": [{ "url": BASE_URL }],
        "tags": [
            { "name": "OAuth2", "description": "Authorization, tokens and the connection." },
            { "name": "API", "description": "The resources, called with an access token." },
        ],
        "paths": paths,
        "components": {
            "schemas": {
                "Error": {
                    "description": "Every error: `code` repeats the HTTP status, `message` says what to fix.",
                    "type": "object",
                    "required": ["error"],
                    "properties": {
                        "error": {
                            "type": "object",
                            "required": ["message", "code"],
                            "properties": { "message": { "type": "string" }, "code": { "type": "integer" } },
                        }
                    },
                    "example": { "error": { "message": "Missing Scope.", "code": 403 } },
                }
            },
            "responses": {
                "Unauthorized": error_response("no access token, or one that is unknown, rotated out or expired (Not Authorized.)", Some(("WWW-Authenticate", "Why the token was refused (RFC 6750)."))),
                "Forbidden": error_response("the connection lacks the scope (Missing Scope.)", None),
                "MethodNotAllowed": error_response("another method than this path takes", Some(("Allow", "The methods this path takes."))),
                "PayloadTooLarge": error_response("a request body over 2 MiB, refused before anything else is checked", None),
            },
            "securitySchemes": {
                SCHEME: {
                    "type": "oauth2",
                    "flows": {
                        "authorizationCode": {
                            "authorizationUrl": format!("{BASE_URL}/authorize"),
                            "tokenUrl": format!("{BASE_URL}/token"),
                            "refreshUrl": format!("{BASE_URL}/refresh"),
                            "scopes": scopes,
                        }
                    }
                }
            }
        }
    })
}

/// The document as pretty JSON text (for a download).
pub fn openapi_text() -> String {
    serde_json::to_string_pretty(&openapi()).unwrap_or_default()
}

/// An error answer in the API's error body, with a header it carries.
fn error_response(description: &str, header: Option<(&str, &str)>) -> Value {
    let mut out = json!({
        "description": description,
        "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } },
    });
    if let Some((name, what)) = header {
        out["headers"] = json!({ name: { "description": what, "schema": { "type": "string" } } });
    }
    out
}

fn reuse(name: &str) -> Value {
    json!({ "$ref": format!("#/components/responses/{name}") })
}

fn operation(e: &Endpoint) -> Value {
    let reference = reference_of(e);
    let path_params: Vec<&str> = e.route.split('/').filter_map(|s| s.strip_prefix('{')?.strip_suffix('}')).collect();
    let mut parameters: Vec<Value> = path_params
        .iter()
        .map(|name| json!({ "name": name, "in": "path", "required": true, "schema": { "type": "string" } }))
        .collect();
    let mut op = Map::new();
    op.insert("tags".into(), json!([if e.is_api() { "API" } else { "OAuth2" }]));
    op.insert("summary".into(), json!(e.summary));
    op.insert("operationId".into(), json!(operation_id(e)));
    if reference.body == Body::None {
        parameters.extend(reference.required.iter().map(|name| json!({ "name": name, "in": "query", "required": true, "schema": { "type": "string" } })));
    } else {
        let properties: Map<String, Value> = reference.required.iter().map(|name| (name.to_string(), json!({ "type": "string" }))).collect();
        let mut schema = json!({ "type": "object", "properties": properties });
        if !reference.required.is_empty() {
            schema["required"] = json!(reference.required);
        }
        let example = crate::api::samples::for_endpoint(e.method, e.route).and_then(|s| serde_json::from_str::<Value>(s).ok());
        let content: Map<String, Value> = reference
            .body
            .content_types()
            .iter()
            .map(|t| {
                let mut media = json!({ "schema": schema.clone() });
                if let (Some(example), "application/json") = (&example, *t) {
                    media["example"] = example.clone();
                }
                (t.to_string(), media)
            })
            .collect();
        op.insert("requestBody".into(), json!({ "required": true, "content": content }));
    }
    parameters.extend(
        optional_query(e).iter().map(|(name, what)| json!({ "name": name, "in": "query", "required": false, "description": what, "schema": { "type": "string" } })),
    );
    if !parameters.is_empty() {
        op.insert("parameters".into(), Value::Array(parameters));
    }
    let mut responses = Map::new();
    let mut success = json!({ "description": success_description(reference.success_status) });
    if !reference.success.is_empty() {
        success["content"] = json!({ "application/json": { "schema": shape_schema(reference.success) } });
    }
    if reference.success_status == 302 {
        success["headers"] = json!({ "Location": { "description": "The redirect URI with code (or error.message) and state.", "schema": { "type": "string" } } });
    }
    responses.insert(reference.success_status.to_string(), success);
    if e.is_api() {
        responses.insert("401".into(), reuse("Unauthorized"));
    }
    if e.access == Access::Scoped {
        responses.insert("403".into(), reuse("Forbidden"));
    }
    for (status, when) in reference.errors {
        // A redirect carries its error in the Location, not in a body.
        let answer = if *status == 302 { json!({ "description": when }) } else { error_response(when, None) };
        responses.insert(status.to_string(), answer);
    }
    responses.insert("405".into(), reuse("MethodNotAllowed"));
    responses.insert("413".into(), reuse("PayloadTooLarge"));
    op.insert("responses".into(), Value::Object(responses));
    let security = match (e.access, e.scope()) {
        (Access::Bearer, _) | (Access::Scoped, None) => json!([{ SCHEME: [] }]),
        (Access::Scoped, Some(scope)) => json!([{ SCHEME: [scope.name()] }]),
        (Access::Browser | Access::Client, _) => json!([]),
    };
    op.insert("security".into(), security);
    Value::Object(op)
}

/// `getMoviesId`, `postFilesImport`: the method and the route's words.
fn operation_id(e: &Endpoint) -> String {
    let mut id = e.method.to_ascii_lowercase();
    for word in e.route.split(['/', '-', '{', '}']).filter(|w| !w.is_empty()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            id.extend(first.to_uppercase());
            id.push_str(chars.as_str());
        }
    }
    id
}

fn success_description(status: u16) -> &'static str {
    match status {
        204 => "done; no body",
        302 => "a redirect to the app's redirect URI",
        _ => "the answer",
    }
}

/// `{a, b}` as an object schema, `[{a, b}]` as an array of such objects.
fn shape_schema(shape: &str) -> Value {
    let properties: Map<String, Value> = shape_keys(shape).into_iter().map(|k| (k.to_string(), json!({}))).collect();
    let object = json!({ "type": "object", "properties": properties });
    if shape.starts_with('[') {
        json!({ "type": "array", "items": object })
    } else {
        object
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::catalog::{resolve, Resolved};

    fn operations(doc: &Value) -> Vec<(String, String, &Value)> {
        let mut out = Vec::new();
        for (route, item) in doc["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                out.push((method.to_ascii_uppercase(), route.clone(), op));
            }
        }
        out
    }

    #[test]
    fn every_route_the_engine_answers_is_described_and_nothing_more() {
        let doc = openapi();
        assert_eq!(doc["openapi"], "3.1.0");
        let described: BTreeSet<(String, String)> = operations(&doc).into_iter().map(|(m, r, _)| (m, r)).collect();
        let answered: BTreeSet<(String, String)> = ENDPOINTS.iter().map(|e| (e.method.to_string(), e.route.to_string())).collect();
        assert_eq!(described, answered);
        assert_eq!(operations(&doc).len(), ENDPOINTS.len());
        // Each described path, its templates filled, routes to that very endpoint.
        for (method, route, op) in operations(&doc) {
            let segments: Vec<String> = route.split('/').filter(|s| !s.is_empty()).map(|s| if s.starts_with('{') { "x1".into() } else { s.into() }).collect();
            match resolve(&method, &segments) {
                Resolved::Found(e) => assert_eq!((e.method, e.route), (method.as_str(), route.as_str())),
                other => panic!("{method} {route}: {other:?}"),
            }
            let e = crate::catalog::endpoint(&method, &route).unwrap();
            assert_eq!(op["summary"], e.summary, "{method} {route}");
            assert!(op["responses"][reference_of(e).success_status.to_string()].is_object(), "{method} {route}");
        }
    }

    #[test]
    fn access_becomes_security_and_route_words_become_parameters() {
        let doc = openapi();
        assert_eq!(doc["paths"]["/movies/{id}"]["delete"]["security"], json!([{ SCHEME: ["delete"] }]));
        assert_eq!(doc["paths"]["/info"]["get"]["security"], json!([{ SCHEME: [] }]));
        assert_eq!(doc["paths"]["/token"]["post"]["security"], json!([]));
        assert_eq!(doc["paths"]["/files/{id}/export"]["get"]["parameters"][0]["name"], "id");
        assert_eq!(doc["paths"]["/authorize"]["get"]["parameters"][0]["in"], "query");
        assert_eq!(doc["paths"]["/movies/{id}"]["get"]["operationId"], "getMoviesId");
        let ids: BTreeSet<String> = ENDPOINTS.iter().map(operation_id).collect();
        assert_eq!(ids.len(), ENDPOINTS.len(), "operation ids are unique");
        assert!(openapi_text().starts_with("{\n"));
    }

    #[test]
    fn every_scoped_operation_names_its_scope_and_every_template_is_a_parameter() {
        let doc = openapi();
        for (method, route, op) in operations(&doc) {
            let e = crate::catalog::endpoint(&method, &route).unwrap();
            if let Some(scope) = e.scope() {
                assert_eq!(op["security"], json!([{ SCHEME: [scope.name()] }]), "{method} {route}");
            }
            let declared: BTreeSet<&str> = op["parameters"].as_array().into_iter().flatten().filter(|p| p["in"] == "path").filter_map(|p| p["name"].as_str()).collect();
            let templated: BTreeSet<&str> = route.split('/').filter_map(|s| s.strip_prefix('{')?.strip_suffix('}')).collect();
            assert_eq!(declared, templated, "{method} {route}");
            assert_eq!(op["requestBody"].is_object(), reference_of(e).body != Body::None, "{method} {route}");
        }
    }

    #[test]
    fn the_oauth2_scheme_names_its_urls_and_the_four_scopes() {
        let doc = openapi();
        let flow = &doc["components"]["securitySchemes"][SCHEME]["flows"]["authorizationCode"];
        assert_eq!(flow["authorizationUrl"], format!("{BASE_URL}/authorize"));
        assert_eq!(flow["tokenUrl"], format!("{BASE_URL}/token"));
        assert_eq!(flow["refreshUrl"], format!("{BASE_URL}/refresh"));
        for scope in Scope::ALL {
            assert_eq!(flow["scopes"][scope.name()], crate::catalog::scope_description(scope));
        }
        assert_eq!(flow["scopes"].as_object().unwrap().len(), 4);
    }

    #[test]
    fn errors_answer_in_the_error_body_and_query_parameters_are_listed() {
        let doc = openapi();
        let error = json!({ "$ref": "#/components/schemas/Error" });
        let movies = &doc["paths"]["/movies"]["get"];
        for status in ["400", "401", "403", "405", "413"] {
            assert!(movies["responses"][status].is_object(), "{status}");
        }
        assert_eq!(movies["responses"]["400"]["content"]["application/json"]["schema"], error);
        assert_eq!(doc["components"]["responses"]["Forbidden"]["content"]["application/json"]["schema"], error);
        assert_eq!(doc["components"]["responses"]["MethodNotAllowed"]["headers"]["Allow"]["schema"]["type"], "string");
        assert_eq!(doc["paths"]["/movies/{id}"]["get"]["responses"]["404"]["content"]["application/json"]["schema"], error);
        let names = |op: &Value| op["parameters"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap().to_string()).collect::<Vec<_>>();
        assert_eq!(names(movies), ["page", "since", "order", "orderBy"]);
        assert_eq!(names(&doc["paths"]["/people"]["get"]), ["q"]);
        assert!(names(&doc["paths"]["/authorize"]["get"]).contains(&"state".to_string()));
        let body = &doc["paths"]["/movies"]["post"]["requestBody"]["content"]["application/json"];
        assert_eq!(body["example"]["name"], "Iron Man");
        assert_eq!(body["schema"]["required"], json!(["name"]));
        assert_eq!(doc["paths"]["/authorize"]["post"]["responses"]["302"]["headers"]["Location"]["schema"]["type"], "string");
    }
}
