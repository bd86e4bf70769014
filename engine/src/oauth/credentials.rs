//! The checks `/token` and `/refresh` share, in SPEC order: the body, the
//! grant type, then the client's credentials (compared in constant time).

use crate::http::{body_fields, first};
use crate::outcome::{ErrorKind, Grant as GrantType, Param};
use crate::{Engine, Request};

/// A grant request past the shared checks: its fields and the client it
/// authenticated.
pub(crate) struct Grant {
    pub fields: Vec<(String, String)>,
    pub client_id: String,
}

impl Grant {
    /// The body (JSON or form), the grant type, then the client's credentials.
    pub(crate) fn read(engine: &Engine, request: &Request, grant_type: GrantType) -> Result<Grant, ErrorKind> {
        let fields = body_fields(request.header_value("Content-Type"), &request.body).ok_or(ErrorKind::MalformedBody)?;
        check_grant(&fields, grant_type)?;
        let client_id = check_client(engine, request, &fields)?;
        Ok(Grant { fields, client_id })
    }

    /// A field that must be present and non-empty.
    pub(crate) fn required(&self, param: Param) -> Result<&str, ErrorKind> {
        required(first(&self.fields, param.name()), param)
    }
}

/// A value that must be present and non-empty: otherwise 400 "NAME is required.".
pub(crate) fn required(value: Option<&str>, param: Param) -> Result<&str, ErrorKind> {
    value.filter(|v| !v.is_empty()).ok_or(ErrorKind::Missing { param })
}

/// Step 1, `grant_type`: missing → 400, another grant → 501.
fn check_grant(fields: &[(String, String)], expected: GrantType) -> Result<(), ErrorKind> {
    match required(first(fields, "grant_type"), Param::GrantType)? {
        g if g == expected.name() => Ok(()),
        given => Err(ErrorKind::GrantTypeUnsupported { expected, given: crate::error::echo(given) }),
    }
}

/// Step 2, `client_id` and `client_secret`: missing → 400 (naming HTTP Basic
/// when the client sent its credentials that way), wrong → 400; the
/// client's id when both are right.
fn check_client(engine: &Engine, request: &Request, fields: &[(String, String)]) -> Result<String, ErrorKind> {
    let id = first(fields, "client_id").filter(|s| !s.is_empty());
    let secret = first(fields, "client_secret").filter(|s| !s.is_empty());
    let (Some(id), Some(secret)) = (id, secret) else {
        let basic = request.header_value("Authorization").and_then(|h| h.trim().get(..6)).is_some_and(|s| s.eq_ignore_ascii_case("basic "));
        return Err(if basic { ErrorKind::BasicAuthNotSupported } else { ErrorKind::ClientCredentialsMissing });
    };
    match engine.client.as_ref() {
        // Both compared in full, so the answer time does not tell which was wrong.
        Some(client) if constant_time_eq(client.client_id.as_bytes(), id.as_bytes()) & constant_time_eq(client.client_secret.as_bytes(), secret.as_bytes()) => Ok(client.client_id.clone()),
        _ => Err(ErrorKind::InvalidClientCredentials),
    }
}

/// Equality whose time depends only on the lengths, not on where the
/// inputs first differ.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let diff = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    std::hint::black_box(diff) == 0
}

#[cfg(test)]
mod tests {
    use super::constant_time_eq;

    #[test]
    fn equal_only_when_every_byte_is() {
        assert!(constant_time_eq(b"", b""));
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
        assert!(!constant_time_eq(b"xbc", b"abc"));
    }
}
