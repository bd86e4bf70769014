//! `base64 encodeURL decodeURL sha256 md5`: text is hashed and encoded as UTF-8.

use base64::Engine as _;
use md5::Md5;
use sha2::{Digest, Sha256};

use crate::error::ErrorKind;
use crate::value::Value;

pub fn base64(value: Value) -> Value {
    Value::Text(base64::engine::general_purpose::STANDARD.encode(value.to_text()))
}

/// As JavaScript's `encodeURIComponent`: everything but `A-Z a-z 0-9 - _ . ! ~ * ' ( )`.
pub fn encode_url(value: Value) -> Value {
    let mut out = String::new();
    for b in value.to_text().bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Value::Text(out)
}

/// As `decodeURIComponent`: malformed escapes or bytes that are not UTF-8 are an error.
pub fn decode_url(value: Value) -> Result<Value, ErrorKind> {
    let text = value.to_text();
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok());
            out.push(hex.ok_or(ErrorKind::MalformedUrlEncoding)?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).map(Value::Text).map_err(|_| ErrorKind::MalformedUrlEncoding)
}

/// The digest in the encoding asked for: `hex` (default), `base64` or `base64url`.
fn encoded(digest: &[u8], encoding: &Value) -> Value {
    Value::Text(match encoding.to_text().as_str() {
        "base64" => base64::engine::general_purpose::STANDARD.encode(digest),
        "base64url" => base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest),
        _ => digest.iter().map(|b| format!("{b:02x}")).collect(),
    })
}

/// `sha256(text, [encoding], [key], [key encoding])`: with a key, HMAC-SHA256
/// (RFC 2104); the key is text, or base64 / hex when the key encoding says so.
pub fn sha256(value: Value, encoding: Value, key: Value, key_encoding: Value) -> Value {
    let data = value.to_text();
    let digest: Vec<u8> = match key {
        Value::Null => Sha256::digest(data.as_bytes()).to_vec(),
        key => {
            let key_text = key.to_text();
            let key_bytes = match key_encoding.to_text().as_str() {
                "base64" => base64::engine::general_purpose::STANDARD.decode(key_text.as_bytes()).unwrap_or_default(),
                "hex" => (0..key_text.len() / 2).filter_map(|i| key_text.get(2 * i..2 * i + 2).and_then(|h| u8::from_str_radix(h, 16).ok())).collect(),
                _ => key_text.into_bytes(),
            };
            hmac_sha256(&key_bytes, data.as_bytes())
        }
    };
    encoded(&digest, &encoding)
}

fn hmac_sha256(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut block = [0u8; 64];
    if key.len() > 64 {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let pad = |byte: u8| block.iter().map(|k| k ^ byte).collect::<Vec<u8>>();
    let inner = Sha256::new().chain_update(pad(0x36)).chain_update(data).finalize();
    Sha256::new().chain_update(pad(0x5c)).chain_update(inner).finalize().to_vec()
}

pub fn md5(value: Value) -> Value {
    encoded(&Md5::digest(value.to_text().as_bytes()), &Value::Null)
}
