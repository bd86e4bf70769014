//! The checks `/token` and `/refresh` share, in SPEC order: the grant type,
//! then the client's credentials (the secret compared in constant time).

use crate::error::error;
use crate::http::first;
use crate::{Client, Engine, Response};

/// 1. `grant_type`: missing → 400, another grant → 501.
pub(crate) fn check_grant(fields: &[(String, String)], expected: &str) -> Result<(), Response> {
    match first(fields, "grant_type") {
        None | Some("") => Err(error(400, "grant_type is required.")),
        Some(g) if g == expected => Ok(()),
        Some(_) => Err(error(501, "Grant type not supported.")),
    }
}

/// 2. `client_id` and `client_secret`: missing → 400, wrong → 400.
pub(crate) fn check_client<'a>(engine: &'a Engine, fields: &[(String, String)]) -> Result<&'a Client, Response> {
    let id = first(fields, "client_id").filter(|s| !s.is_empty());
    let secret = first(fields, "client_secret").filter(|s| !s.is_empty());
    let (Some(id), Some(secret)) = (id, secret) else {
        return Err(error(400, "client_id and client_secret are required."));
    };
    match engine.client.as_ref() {
        // Both compared in full, so the answer time does not tell which was wrong.
        Some(client) if constant_time_eq(client.client_id.as_bytes(), id.as_bytes()) & constant_time_eq(client.client_secret.as_bytes(), secret.as_bytes()) => Ok(client),
        _ => Err(error(400, "Invalid client credentials.")),
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
