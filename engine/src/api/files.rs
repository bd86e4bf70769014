//! `/files`: two CSV exports made from the account's data, and an import
//! that checks a file and stores nothing (as the docs say).

use serde::Serialize;
use serde_json::Value;

use super::{
    base64,
    body::{parse_json_object, text, unknown_field},
    error::{Expected, Method, ResourceError},
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
pub fn list(data: &AccountData, call: &ApiCall) -> Result<Response, ResourceError> {
    Method::among(call.method, &[Method::Get])?;
    let files: Vec<FileView> = FILES
        .iter()
        .map(|&(id, file_name)| FileView { id, file_name, content_type: CSV, size: content(data, id).len(), data: None })
        .collect();
    Ok(reply::ok(&files))
}

/// `/files/{id}/export`: the file with its content in base64.
pub fn export(data: &AccountData, id: &str, call: &ApiCall) -> Result<Response, ResourceError> {
    Method::among(call.method, &[Method::Get])?;
    let &(id, file_name) = FILES.iter().find(|(f, _)| *f == id).ok_or(ResourceError::FileNotFound)?;
    let bytes = content(data, id);
    Ok(reply::ok(&FileView { id, file_name, content_type: CSV, size: bytes.len(), data: Some(base64::encode(&bytes)) }))
}

/// `/files/import`: `{"fileName", "data" (base64), "contentType"?}`.
pub fn import(call: &ApiCall) -> Result<Response, ResourceError> {
    Method::among(call.method, &[Method::Post])?;
    let (file_name, size) = checked_import(call)?;
    Ok(reply::ok(&Imported { file_name, size, stored: false }))
}

fn checked_import(call: &ApiCall) -> Result<(String, usize), ResourceError> {
    let body = parse_json_object(call)?;
    unknown_field(&body, None, &["fileName", "data", "contentType"])?;
    let name = match body.get("fileName") {
        None | Some(Value::Null) => return Err(ResourceError::MissingField { field: "fileName".into() }),
        Some(value) => text(value, "fileName", 255)?,
    };
    if name.contains(['/', '\\']) {
        return Err(ResourceError::InvalidField { field: "fileName".into(), expected: Expected::FileName });
    }
    if let Some(kind) = body.get("contentType").filter(|v| !v.is_null()) {
        text(kind, "contentType", 100)?;
    }
    let bytes = match body.get("data") {
        None | Some(Value::Null) => return Err(ResourceError::ImportDataMissing),
        // Base64 is 4 characters per 3 bytes: the size is known before decoding.
        Some(Value::String(text)) if text.trim_end_matches('=').len() / 4 * 3 > MAX_IMPORT => {
            return Err(ResourceError::ImportTooLarge { max_bytes: MAX_IMPORT })
        }
        Some(value) => value
            .as_str()
            .and_then(base64::decode)
            .ok_or(ResourceError::InvalidField { field: "data".into(), expected: Expected::Base64 })?,
    };
    if bytes.is_empty() {
        return Err(ResourceError::ImportEmpty);
    }
    if bytes.len() > MAX_IMPORT {
        return Err(ResourceError::ImportTooLarge { max_bytes: MAX_IMPORT });
    }
    Ok((name, bytes.len()))
}

fn content(data: &AccountData, id: &str) -> Vec<u8> {
    let mut csv = String::new();
    if id == FILES[0].0 {
        csv.push_str("id,name,releaseDate,length,director\r\n");
        for movie in movies::all(&data.movies) {
            let f = &movie.fields;
            let director = f.director_id.as_deref().and_then(fixtures::person_name).unwrap_or_default();
            let length = f.length.map(|n| n.to_string()).unwrap_or_default();
            let row = [movie.id.as_str(), &f.name, f.release_date.as_deref().unwrap_or_default(), &length, director];
            push_row(&mut csv, &row);
        }
    } else {
        csv.push_str("id,name\r\n");
        for person in fixtures::PEOPLE {
            push_row(&mut csv, &[person.id, person.name]);
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
