//! `/files`: two CSV exports made from the account's data, and an import
//! that checks a file and stores nothing (as the docs say).

use serde::Serialize;
use serde_json::Value;

use super::{
    base64,
    body::{parse_json_object, text, unknown_field},
    fixtures, movies, reply, AccountData, ApiCall,
};
use crate::Response;

/// The largest file an import accepts, decoded.
const MAX_IMPORT: usize = 1 << 20;
const CSV: &str = "text/csv";

/// `(id, file name)`.
const FILES: [(&str, &str); 2] = [("2c7e9a41d0b6", "movies.csv"), ("8b15f3e6a2d9", "people.csv")];

/// A file as `/files` lists it; the export adds `data`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FileView {
    id: &'static str,
    file_name: &'static str,
    content_type: &'static str,
    size: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    data: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Imported {
    file_name: String,
    size: usize,
    stored: bool,
}

/// `/files`.
pub fn list(data: &AccountData, call: &ApiCall) -> Response {
    if call.method != "GET" {
        return reply::method_not_allowed(&["GET"]);
    }
    let files: Vec<FileView> = FILES
        .iter()
        .map(|&(id, file_name)| FileView { id, file_name, content_type: CSV, size: content(data, id).len(), data: None })
        .collect();
    reply::ok(&files)
}

/// `/files/{id}/export`: the file with its content in base64.
pub fn export(data: &AccountData, id: &str, call: &ApiCall) -> Response {
    if call.method != "GET" {
        return reply::method_not_allowed(&["GET"]);
    }
    let Some(&(id, file_name)) = FILES.iter().find(|(f, _)| *f == id) else {
        return reply::not_found("File not found.");
    };
    let bytes = content(data, id);
    reply::ok(&FileView { id, file_name, content_type: CSV, size: bytes.len(), data: Some(base64::encode(&bytes)) })
}

/// `/files/import`: `{"fileName", "data" (base64), "contentType"?}`.
pub fn import(call: &ApiCall) -> Response {
    if call.method != "POST" {
        return reply::method_not_allowed(&["POST"]);
    }
    match checked_import(call) {
        Ok((file_name, size)) => reply::ok(&Imported { file_name, size, stored: false }),
        Err(message) => reply::bad_request(&message),
    }
}

fn checked_import(call: &ApiCall) -> Result<(String, usize), String> {
    let body = parse_json_object(call)?;
    unknown_field(&body, "", &["fileName", "data", "contentType"])?;
    let name = match body.get("fileName") {
        None | Some(Value::Null) => return Err("fileName is required.".into()),
        Some(value) => text(value, "fileName", 255)?,
    };
    if name.contains(['/', '\\']) {
        return Err("fileName must be a file name without folders, such as movies.csv.".into());
    }
    if let Some(kind) = body.get("contentType").filter(|v| !v.is_null()) {
        text(kind, "contentType", 100)?;
    }
    let bytes = match body.get("data") {
        None | Some(Value::Null) => return Err("data is required: the file's content in base64.".into()),
        Some(value) => value.as_str().and_then(base64::decode).ok_or("data must be the file's content in base64.")?,
    };
    if bytes.is_empty() {
        return Err("data is empty; send the file's content in base64.".into());
    }
    if bytes.len() > MAX_IMPORT {
        return Err("The file is larger than 1 MB; send a smaller one.".into());
    }
    Ok((name, bytes.len()))
}

fn content(data: &AccountData, id: &str) -> Vec<u8> {
    let mut csv = String::new();
    if id == FILES[0].0 {
        csv.push_str("id,name,releaseDate,length,director\r\n");
        for movie in movies::all(&data.movies) {
            let f = &movie.fields;
            let director = f.director_id.and_then(fixtures::person_name).unwrap_or_default();
            let length = f.length.map(|n| n.to_string()).unwrap_or_default();
            let row = [movie.id.as_str(), &f.name, f.release_date.as_deref().unwrap_or_default(), &length, director];
            push_row(&mut csv, &row);
        }
    } else {
        csv.push_str("id,name\r\n");
        for (id, name) in fixtures::PEOPLE {
            push_row(&mut csv, &[&id.to_string(), name]);
        }
    }
    csv.into_bytes()
}

/// One CSV line (RFC 4180): fields with commas, quotes or breaks are quoted.
fn push_row(csv: &mut String, fields: &[&str]) {
    let cells: Vec<String> = fields
        .iter()
        .map(|f| if f.contains([',', '"', '\r', '\n']) { format!("\"{}\"", f.replace('"', "\"\"")) } else { f.to_string() })
        .collect();
    csv.push_str(&cells.join(","));
    csv.push_str("\r\n");
}
