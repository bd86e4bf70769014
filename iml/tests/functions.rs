//! Every built-in function of the subset.

mod common;

use academy_iml::{ErrorKind, Function};
use common::*;
use serde_json::json;

#[test]
fn conditionals_are_lazy() {
    assert_eq!(eval("{{if(true, 'a', 'b')}}"), json!("a"));
    assert_eq!(eval("{{if(body.missing, 'a', 'b')}}"), json!("b"));
    assert_eq!(eval("{{if(false, 'a')}}"), json!(null));
    assert_eq!(eval("{{if(true, 'a', decodeURL('%'))}}"), json!("a"));
    assert_eq!(eval("{{ifempty(body.empty, 'x')}}"), json!("x"));
    assert_eq!(eval("{{ifempty(body.missing, 'x')}}"), json!("x"));
    assert_eq!(eval("{{ifempty(body.zero, 'x')}}"), json!(0), "0 is not empty");
    assert_eq!(eval("{{ifempty('a', decodeURL('%'))}}"), json!("a"));
}

#[test]
fn date_arithmetic() {
    assert_eq!(eval("{{addSeconds(now, 5)}}"), json!("2023-11-14T22:13:25.000Z"));
    assert_eq!(eval("{{addMinutes(now, body.expires_in)}}"), json!("2023-11-14T22:18:20.000Z"));
    assert_eq!(eval("{{addHours(now, -1)}}"), json!("2023-11-14T21:13:20.000Z"));
    assert_eq!(eval("{{addDays(now, 20)}}"), json!("2023-12-04T22:13:20.000Z"));
    assert_eq!(eval("{{addMonths('2024-01-31T00:00:00Z', 1)}}"), json!("2024-02-29T00:00:00.000Z"));
    assert_eq!(eval("{{addYears('2024-02-29T00:00:00Z', 1)}}"), json!("2025-02-28T00:00:00.000Z"));
    assert_eq!(eval("{{addDays('nonsense', 1)}}"), json!(null));
    assert_eq!(eval("{{addSeconds(now, 1e300)}}"), json!(null), "out of range is null");
    assert_eq!(eval("{{addYears(now, 99999999999)}}"), json!(null));
}

#[test]
fn formatting_and_parsing_dates() {
    assert_eq!(eval("{{formatDate(now, 'YYYY-MM-DD HH:mm')}}"), json!("2023-11-14 22:13"));
    assert_eq!(eval("{{formatDate(now)}}"), json!("2023-11-14T22:13:20.000Z"));
    assert_eq!(eval("{{formatDate(now, 'HH:mm Z', '+02:00')}}"), json!("00:13 +02:00"));
    assert_eq!(eval("{{formatDate(now, 'X')}}"), json!("1700000000"));
    assert_eq!(eval("{{parseDate('2023-11-14 22:13:20', 'YYYY-MM-DD HH:mm:ss')}}"), json!("2023-11-14T22:13:20.000Z"));
    assert_eq!(eval("{{parseDate('14.11.2023', 'DD.MM.YYYY', 'UTC')}}"), json!("2023-11-14T00:00:00.000Z"));
    assert_eq!(eval("{{parseDate('2023-11-14T23:13:20+01:00')}}"), json!("2023-11-14T22:13:20.000Z"));
    assert_eq!(eval("{{parseDate(1700000000, 'X')}}"), json!("2023-11-14T22:13:20.000Z"));
    assert_eq!(eval("{{parseDate('garbage')}}"), json!(null));
    assert!(matches!(error("{{formatDate(now, 'HH', 'Europe/Prague')}}").kind, ErrorKind::UnknownTimezone { .. }));
}

#[test]
fn arrays() {
    assert_eq!(eval("{{join(oauth.scope, ' ')}}"), json!("connect read"));
    assert_eq!(eval("{{join(oauth.scope)}}"), json!("connect,read"));
    assert_eq!(eval("{{split('a,b,c', ',')}}"), json!(["a", "b", "c"]));
    assert_eq!(eval("{{split('ab', '')}}"), json!(["a", "b"]));
    assert_eq!(eval("{{merge(oauth.scope, 'write', emptyarray, null)}}"), json!(["connect", "read", "write"]));
    assert_eq!(eval("{{distinct(merge(oauth.scope, oauth.scope))}}"), json!(["connect", "read"]));
    assert_eq!(eval("{{length(distinct(body.data, 'id'))}}"), json!(3));
    assert_eq!(eval("{{first(oauth.scope)}}"), json!("connect"));
    assert_eq!(eval("{{last(oauth.scope)}}"), json!("read"));
    assert_eq!(eval("{{first(emptyarray)}}"), json!(null));
    assert_eq!(eval("{{length(oauth.scope)}}"), json!(2));
    assert_eq!(eval("{{length('héllo')}}"), json!(5), "characters, not bytes");
    assert_eq!(eval("{{get(body, 'data[2].name')}}"), json!("b"));
    assert_eq!(eval("{{get(body, 'nested.deep.list[-1]')}}"), json!(20));
    assert_eq!(eval("{{get(body, 'data[0]')}}"), json!(null));
    assert_eq!(eval("{{keys(data)}}"), json!(["expires", "refreshToken"]));
    assert_eq!(eval("{{join(distinct(merge(oauth.scope, ifempty(parameters.scopes, emptyarray))), ' ')}}"), json!("connect read"));
}

#[test]
fn text() {
    assert_eq!(eval("{{lower('AbC')}}"), json!("abc"));
    assert_eq!(eval("{{upper('AbC')}}"), json!("ABC"));
    assert_eq!(eval("{{trim('  a b ')}}"), json!("a b"));
    assert_eq!(eval("{{replace('a-b-c', '-', '_')}}"), json!("a_b_c"));
    assert_eq!(eval("{{substring('Hello', 0, 3)}}"), json!("Hel"));
    assert_eq!(eval("{{substring('Hello', 3)}}"), json!("lo"));
    assert_eq!(eval("{{substring('Hello', 4, 1)}}"), json!("ell"), "swapped as in JavaScript");
    assert_eq!(eval("{{substring('Hello', -5, 1e300)}}"), json!("Hello"), "clamped");
    assert_eq!(eval("{{indexOf('Hello', 'l')}}"), json!(2));
    assert_eq!(eval("{{indexOf('Hello', 'l', 3)}}"), json!(3));
    assert_eq!(eval("{{indexOf('Hello', 'z')}}"), json!(-1));
    assert_eq!(eval("{{indexOf(oauth.scope, 'read')}}"), json!(1));
    assert_eq!(eval("{{contains('Hello', 'ell')}}"), json!(true));
    assert_eq!(eval("{{contains(oauth.scope, 'write')}}"), json!(false));
    assert_eq!(eval("{{toString(5)}}"), json!("5"));
    assert_eq!(eval("{{toString(true)}}"), json!("true"));
}

#[test]
fn encodings_and_hashes() {
    assert_eq!(eval("{{base64('user:pass')}}"), json!("dXNlcjpwYXNz"));
    assert_eq!(eval("{{encodeURL('a b&c/é')}}"), json!("a%20b%26c%2F%C3%A9"));
    assert_eq!(eval("{{decodeURL('a%20b%26c%2F%C3%A9')}}"), json!("a b&c/é"));
    assert!(matches!(error("{{decodeURL('%zz')}}").kind, ErrorKind::MalformedUrlEncoding));
    assert_eq!(eval("{{sha256('abc')}}"), json!("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    // RFC 7636 appendix B: the PKCE challenge of the example verifier.
    assert_eq!(eval("{{sha256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', 'base64url')}}"), json!("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    // RFC 4231 test case 2.
    assert_eq!(eval("{{sha256('what do ya want for nothing?', 'hex', 'Jefe')}}"), json!("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
    assert_eq!(eval("{{md5('abc')}}"), json!("900150983cd24fb0d6963f7d28e17f72"));
}

#[test]
fn math() {
    assert_eq!(eval("{{round(2.5)}}"), json!(3));
    assert_eq!(eval("{{floor(2.7)}}"), json!(2));
    assert_eq!(eval("{{ceil(2.1)}}"), json!(3));
    assert_eq!(eval("{{round(body.missing)}}"), json!(null));
    assert_eq!(eval("{{min(3, 1, 2)}}"), json!(1));
    assert_eq!(eval("{{max(3, 1, 2)}}"), json!(3));
    assert_eq!(eval("{{max(merge(4, 9, 2))}}"), json!(9));
    assert_eq!(eval("{{parseNumber('1,234.5')}}"), json!(1234.5));
    assert_eq!(eval("{{parseNumber('1.234,5', ',')}}"), json!(1234.5));
    assert_eq!(eval("{{parseNumber('abc')}}"), json!(null));
}

#[test]
fn variables_come_from_the_context() {
    assert_eq!(eval("{{timestamp}}"), json!(1_700_000_000));
    // The counting random source gives bytes 1, 2, 3 …; version and variant bits set.
    assert_eq!(eval("{{uuid}}"), json!("01020304-0506-4708-890a-0b0c0d0e0f10"));
    assert_eq!(eval("{{length(uuid)}}"), json!(36));
    assert_eq!(eval("{{random < 1 & random >= 0}}"), json!(true));
}

#[test]
fn every_function_is_named_once_and_found_by_its_name() {
    for f in Function::ALL {
        assert_eq!(Function::from_name(f.name()), Some(*f));
        let (min, max) = f.arity();
        assert!(min >= 1 && min <= max, "{}", f.name());
    }
    assert_eq!(Function::from_name("encodeUrl"), None, "names are case-sensitive");
}
