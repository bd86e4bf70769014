//! Templates, paths, literals, and every syntax error with its place.

mod common;

use academy_iml::{ErrorKind, Expected, Template};
use common::*;
use serde_json::json;

#[test]
fn one_expression_keeps_its_type_and_mixed_text_is_text() {
    assert_eq!(eval("{{body.data}}"), json!([{"name": "a", "id": 1}, {"name": "b", "id": 2}, {"name": "c", "id": 3}]));
    assert_eq!(eval("{{body.nested}}"), json!({"deep": {"list": [10, 20]}}));
    assert_eq!(eval("{{true}}"), json!(true));
    assert_eq!(eval("{{ body.expires_in }}"), json!(5));
    assert_eq!(eval("Bearer {{body.access_token}}"), json!("Bearer at1"));
    assert_eq!(eval("{{1}}{{2}}"), json!("12"));
    assert_eq!(eval(" {{1}}"), json!(" 1"));
    assert_eq!(eval("[{{body.expires_in}}] {{oauth.scope}}"), json!("[5] connect, read"));
    assert_eq!(eval("plain"), json!("plain"));
    assert_eq!(eval(""), json!(""));
    assert_eq!(eval("{{'}}'}}"), json!("}}"), "braces inside text do not close");
    assert_eq!(eval("a }} b"), json!("a }} b"));
    assert!(!Template::parse("plain").map(|t| t.has_expressions()).unwrap_or(true));
    assert_eq!(Template::parse("a{{ x }}b{{y}}").map(|t| t.expressions().map(String::from).collect::<Vec<_>>()).ok(), Some(vec![" x ".to_string(), "y".to_string()]));
}

#[test]
fn paths() {
    assert_eq!(eval("{{body.data[1].name}}"), json!("a"), "1-based");
    assert_eq!(eval("{{body.data[3].name}}"), json!("c"));
    assert_eq!(eval("{{body.data[4].name}}"), json!(null));
    assert_eq!(eval("{{body.data[].name}}"), json!("a"), "[] is the first");
    assert_eq!(eval("{{body.data[-1].name}}"), json!("c"), "[-1] is the last");
    assert_eq!(eval("{{body.data[-3].id}}"), json!(1));
    assert_eq!(eval("{{body.data[-4]}}"), json!(null));
    assert_eq!(eval("{{body.`X-HOOK-TYPE`}}"), json!("create"));
    assert_eq!(eval("{{body.nested.deep.list[2]}}"), json!(20));
    assert_eq!(eval("{{body.missing.deeper[1]}}"), json!(null));
    assert_eq!(eval("{{first(body.data).name}}"), json!("a"));
    assert_eq!(eval("{{(body.data)[2].id}}"), json!(2));
    assert_eq!(eval("{{nothing}}"), json!(null));
}

#[test]
fn literals_and_keywords() {
    assert_eq!(eval("{{'single'}}"), json!("single"));
    assert_eq!(eval("{{\"double\"}}"), json!("double"));
    assert_eq!(eval("{{'it\\'s'}}"), json!("it's"));
    assert_eq!(eval("{{12.5}}"), json!(12.5));
    assert_eq!(eval("{{false}}"), json!(false));
    assert_eq!(eval("{{null}}"), json!(null));
    assert_eq!(eval("{{emptyarray}}"), json!([]));
    assert_eq!(eval("{{emptystring}}"), json!(""));
    assert_eq!(eval("a{{space}}b{{newline}}"), json!("a b\n"));
}

fn syntax(text: &str) -> (ErrorKind, usize, usize) {
    let e = error(text);
    assert!(e.kind.is_syntax(), "{text}: {:?}", e.kind);
    (e.kind, e.offset, e.template_offset)
}

#[test]
fn syntax_errors_name_the_place_and_what_was_expected() {
    let unexpected = |expected, found: &str| ErrorKind::Unexpected { expected, found: found.to_string() };
    assert_eq!(syntax("x {{1 +}}"), (unexpected(Expected::Expression, "the end of the expression"), 3, 7));
    assert_eq!(syntax("{{(1 + 2}}"), (unexpected(Expected::ClosingParenthesis, "the end of the expression"), 6, 8));
    assert_eq!(syntax("{{join(a b)}}"), (unexpected(Expected::CommaOrClosingParenthesis, "'b'"), 7, 9));
    assert_eq!(syntax("{{a[1}}"), (unexpected(Expected::ClosingBracket, "the end of the expression"), 3, 5));
    assert_eq!(syntax("{{a.}}"), (unexpected(Expected::Key, "the end of the expression"), 2, 4));
    assert_eq!(syntax("{{a.(b)}}"), (unexpected(Expected::Key, "'('"), 2, 4));
    assert_eq!(syntax("{{a[x]}}"), (unexpected(Expected::Index, "'x'"), 2, 4));
    assert_eq!(syntax("{{a[1.5]}}"), (unexpected(Expected::Index, "the number 1.5"), 2, 4));
    assert_eq!(syntax("{{1 2}}"), (unexpected(Expected::OperatorOrEnd, "the number 2"), 2, 4));
    assert_eq!(syntax("ab{{1"), (unexpected(Expected::ClosingBraces, "the end of the text"), 1, 5));
    assert_eq!(syntax("{{}}"), (unexpected(Expected::Expression, "the end of the expression"), 0, 2));
    assert_eq!(syntax("{{'abc}}"), (ErrorKind::UnterminatedString, 0, 2));
    assert_eq!(syntax("{{a.`b}}"), (ErrorKind::UnterminatedKey, 2, 4));
    assert_eq!(syntax("{{a # b}}"), (ErrorKind::UnknownCharacter { character: '#' }, 2, 4));
    assert_eq!(syntax("é{{é + @}}"), (ErrorKind::UnknownCharacter { character: '@' }, 4, 7), "characters, not bytes");
}

#[test]
fn unknown_functions_are_named() {
    assert_eq!(syntax("{{base64url('x')}}"), (ErrorKind::UnknownFunction { name: "base64url".into() }, 0, 2));
    assert_eq!(syntax("{{ encodeUrl('x') }}"), (ErrorKind::UnknownFunction { name: "encodeUrl".into() }, 1, 3));
    assert_eq!(error("{{base64url('x')}}").to_string(), "there is no function 'base64url' (at character 0 of the expression, 2 of the text)");
}

#[test]
fn argument_counts_are_checked() {
    assert_eq!(syntax("{{lower()}}"), (ErrorKind::ArgumentCount { function: "lower", expected: "1", given: 0 }, 0, 2));
    assert_eq!(syntax("{{addMinutes(now)}}"), (ErrorKind::ArgumentCount { function: "addMinutes", expected: "2", given: 1 }, 0, 2));
    assert_eq!(syntax("{{if(a, b, c, d)}}"), (ErrorKind::ArgumentCount { function: "if", expected: "2 or 3", given: 4 }, 0, 2));
}

#[test]
fn semicolons_between_arguments_are_the_scenario_editors_syntax() {
    assert_eq!(syntax("{{if(a; b; c)}}"), (ErrorKind::SemicolonArguments { function: "if".into() }, 4, 6));
    assert_eq!(syntax("{{addMinutes(now; 5)}}"), (ErrorKind::SemicolonArguments { function: "addMinutes".into() }, 14, 16));
    assert_eq!(syntax("{{join(merge(a; b), ',')}}"), (ErrorKind::SemicolonArguments { function: "merge".into() }, 12, 14));
}

#[test]
fn zero_index_is_refused_because_arrays_count_from_one() {
    assert_eq!(syntax("{{body.data[0].name}}"), (ErrorKind::ZeroIndex, 10, 12));
    assert_eq!(syntax("{{body.data[-0]}}"), (ErrorKind::ZeroIndex, 11, 13));
}

#[test]
fn a_hyphen_in_a_path_is_minus_and_is_reported_with_the_key_meant() {
    let e = error("{{addMinutes(now, body.expires-in)}}");
    assert_eq!(e.kind, ErrorKind::HyphenPath { written: "body.expires-in".into(), meant: "body.expires_in".into(), undefined: "in".into() });
    assert_eq!((e.offset, e.template_offset), (28, 30), "at the hyphen");
    let e = error("{{body.refresh-expires-in}}");
    assert_eq!(e.kind, ErrorKind::HyphenPath { written: "body.refresh-expires-in".into(), meant: "body.refresh_expires_in".into(), undefined: "expires".into() });
    // A real subtraction of defined values is not a hyphen.
    assert_eq!(eval("{{body.expires_in - body.zero}}"), json!(5));
    assert_eq!(eval("{{body.expires_in - timestamp < 0}}"), json!(true));
    // Back-ticks read a key that has a hyphen.
    assert_eq!(eval("{{body.`X-HOOK-TYPE`}}"), json!("create"));
}

#[test]
fn nesting_is_bounded() {
    let deep = format!("{{{{{}1{}}}}}", "(".repeat(500), ")".repeat(500));
    assert!(matches!(syntax(&deep).0, ErrorKind::TooDeep { .. }));
    let nots = format!("{{{{{}1}}}}", "!".repeat(500));
    assert!(matches!(syntax(&nots).0, ErrorKind::TooDeep { .. }));
    let sum = format!("{{{{1{}}}}}", " + 1".repeat(500));
    assert!(matches!(syntax(&sum).0, ErrorKind::TooDeep { .. }));
    let calls = format!("{{{{{}1{}}}}}", "lower(".repeat(500), ")".repeat(500));
    assert!(matches!(syntax(&calls).0, ErrorKind::TooDeep { .. }));
    // Long paths are flat, not deep.
    let path = format!("{{{{body{}}}}}", ".a".repeat(5000));
    assert_eq!(eval(&path), json!(null));
    assert_eq!(eval(&format!("{{{{1{}}}}}", " + 1".repeat(90))), json!(91));
}

#[test]
fn errors_serialize_with_their_kind() {
    let e = error("{{nope(1)}}");
    let json = serde_json::to_value(&e).unwrap_or_default();
    assert_eq!(json, json!({"kind": {"kind": "unknown-function", "name": "nope"}, "offset": 0, "template_offset": 2}));
}
