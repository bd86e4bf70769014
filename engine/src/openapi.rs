//! The API as an OpenAPI 3 document, written from the catalogue: every
//! endpoint with its method, route, access (the OAuth2 scheme and scope),
//! summary, parameters, body and answers. Tools such as Swagger UI read it.

use serde_json::{json, Map, Value};

use crate::catalog::{reference_of, shape_keys, Access, Body, Endpoint, ENDPOINTS};
use crate::{Scope, BASE_URL};

/// The security scheme's name in the document.
const SCHEME: &str = "academy";

/// The whole document (OpenAPI 3.0.3).
pub fn openapi() -> Value {
    let mut paths = Map::new();
    for e in ENDPOINTS {
        let item = paths.entry(e.route).or_insert_with(|| json!({}));
        item[e.method.to_ascii_lowercase()] = operation(e);
    }
    let scopes: Map<String, Value> = Scope::ALL.iter().map(|s| (s.name().to_string(), json!(crate::catalog::scope_description(*s)))).collect();
    json!({
        "openapi": "3.0.3",
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
        let content: Map<String, Value> = reference.body.content_types().iter().map(|t| (t.to_string(), json!({ "schema": schema.clone() }))).collect();
        op.insert("requestBody".into(), json!({ "required": true, "content": content }));
    }
    if !parameters.is_empty() {
        op.insert("parameters".into(), Value::Array(parameters));
    }
    let mut responses = Map::new();
    let mut success = json!({ "description": success_description(reference.success_status) });
    if !reference.success.is_empty() {
        success["content"] = json!({ "application/json": { "schema": shape_schema(reference.success) } });
    }
    responses.insert(reference.success_status.to_string(), success);
    if e.is_api() {
        responses.insert("401".into(), json!({ "description": "no access token, or one that is unknown, rotated out or expired" }));
    }
    if e.access == Access::Scoped {
        responses.insert("403".into(), json!({ "description": "the connection lacks the scope" }));
    }
    for (status, when) in reference.errors {
        responses.insert(status.to_string(), json!({ "description": when }));
    }
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
    use super::*;

    #[test]
    fn every_catalogue_endpoint_appears() {
        let doc = openapi();
        assert_eq!(doc["openapi"], "3.0.3");
        for e in ENDPOINTS {
            let op = &doc["paths"][e.route][e.method.to_ascii_lowercase()];
            assert_eq!(op["summary"], e.summary, "{} {}", e.method, e.route);
            assert!(op["responses"][reference_of(e).success_status.to_string()].is_object(), "{} {}", e.method, e.route);
        }
        let operations: usize = doc["paths"].as_object().unwrap().values().map(|p| p.as_object().unwrap().len()).sum();
        assert_eq!(operations, ENDPOINTS.len());
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
        let ids: std::collections::BTreeSet<String> = ENDPOINTS.iter().map(operation_id).collect();
        assert_eq!(ids.len(), ENDPOINTS.len(), "operation ids are unique");
        assert!(openapi_text().starts_with("{\n"));
    }
}
