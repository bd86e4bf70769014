//! Every operator, the precedence of the reference (§3.2), and dates compared by time.

mod common;

use academy_iml::Value;
use common::*;
use serde_json::json;

#[test]
fn arithmetic() {
    assert_eq!(eval("{{1 + 2}}"), json!(3));
    assert_eq!(eval("{{7 - 10}}"), json!(-3));
    assert_eq!(eval("{{6 * 7}}"), json!(42));
    assert_eq!(eval("{{7 / 2}}"), json!(3.5));
    assert_eq!(eval("{{7 % 4}}"), json!(3));
    assert_eq!(eval("{{-5 + 2}}"), json!(-3));
    assert_eq!(eval("{{temp.n * 2}}"), json!(84), "numeric text is read as a number");
    assert_eq!(eval("{{1 / 0}}"), json!(null), "no infinity");
    assert_eq!(eval("{{1 % 0}}"), json!(null), "no NaN");
    assert_eq!(eval("{{'a' * 2}}"), json!(null));
}

#[test]
fn plus_joins_text_and_skips_null() {
    assert_eq!(eval("{{'a' + 1}}"), json!("a1"));
    assert_eq!(eval("{{1 + '2'}}"), json!("12"));
    assert_eq!(eval("{{null + 5}}"), json!(5));
    assert_eq!(eval("{{body.missing + 'x'}}"), json!("x"));
    assert_eq!(eval("{{true + 1}}"), json!(2));
}

#[test]
fn comparisons() {
    for (text, expected) in [
        ("1 < 2", true),
        ("2 < 1", false),
        ("2 <= 2", true),
        ("3 <= 2", false),
        ("3 > 2", true),
        ("2 > 3", false),
        ("2 >= 2", true),
        ("1 >= 2", false),
        ("'a' < 'b'", true),
        ("'10' > 9", true),
        ("body.data < 1", false),
    ] {
        assert_eq!(eval(&format!("{{{{{text}}}}}")), json!(expected), "{text}");
    }
}

#[test]
fn equality_is_loose_and_every_spelling_means_the_same() {
    for op in ["=", "==", "==="] {
        assert_eq!(eval(&format!("{{{{1 {op} 1}}}}")), json!(true));
        assert_eq!(eval(&format!("{{{{'5' {op} 5}}}}")), json!(true), "loose: S6");
        assert_eq!(eval(&format!("{{{{'a' {op} 'b'}}}}")), json!(false));
        assert_eq!(eval(&format!("{{{{null {op} body.missing}}}}")), json!(true));
        assert_eq!(eval(&format!("{{{{null {op} 0}}}}")), json!(false));
    }
    for op in ["!=", "!=="] {
        assert_eq!(eval(&format!("{{{{1 {op} 2}}}}")), json!(true));
        assert_eq!(eval(&format!("{{{{'1' {op} 1}}}}")), json!(false));
    }
    assert_eq!(eval("{{oauth.scope = merge('connect', 'read')}}"), json!(true), "arrays by content");
}

#[test]
fn logic_gives_an_operand_and_short_circuits() {
    for op in ["&", "&&"] {
        assert_eq!(eval(&format!("{{{{true {op} 'x'}}}}")), json!("x"));
        assert_eq!(eval(&format!("{{{{0 {op} 'x'}}}}")), json!(0));
        // The right side is not evaluated: an error there does not happen.
        assert_eq!(eval(&format!("{{{{false {op} decodeURL('%')}}}}")), json!(false));
    }
    for op in ["|", "||"] {
        assert_eq!(eval(&format!("{{{{body.missing {op} data.refreshToken}}}}")), json!("rt1"));
        assert_eq!(eval(&format!("{{{{'a' {op} 'b'}}}}")), json!("a"));
        assert_eq!(eval(&format!("{{{{'a' {op} decodeURL('%')}}}}")), json!("a"));
    }
    assert_eq!(eval("{{!true}}"), json!(false));
    assert_eq!(eval("{{!body.missing}}"), json!(true));
    assert_eq!(eval("{{!!'x'}}"), json!(true));
    assert_eq!(eval("{{!emptyarray}}"), json!(false), "arrays are true even when empty");
    assert_eq!(eval("{{!emptystring}}"), json!(true));
}

#[test]
fn precedence() {
    assert_eq!(eval("{{1 + 2 * 3}}"), json!(7));
    assert_eq!(eval("{{(1 + 2) * 3}}"), json!(9));
    assert_eq!(eval("{{10 - 4 - 3}}"), json!(3), "left to right");
    assert_eq!(eval("{{12 / 3 / 2}}"), json!(2));
    assert_eq!(eval("{{7 % 4 * 2}}"), json!(6));
    assert_eq!(eval("{{1 + 1 < 3}}"), json!(true), "+ before <");
    assert_eq!(eval("{{1 < 2 = 2 > 1}}"), json!(true), "< before =");
    assert_eq!(eval("{{1 = 1 & 2 = 2}}"), json!(true), "= before &");
    assert_eq!(eval("{{true | false & false}}"), json!(true), "& before |");
    assert_eq!(eval("{{(true | false) & false}}"), json!(false));
    assert_eq!(eval("{{!0 + 1}}"), json!(2), "! binds tightest");
    assert_eq!(eval("{{!(0 + 1)}}"), json!(false));
    assert_eq!(eval("{{-2 * -3}}"), json!(6));
}

#[test]
fn dates_compare_by_time() {
    // data.expires is ISO text (as stored in a connection); addMinutes gives a date.
    assert_eq!(eval("{{data.expires < addMinutes(now, 1)}}"), json!(true));
    assert_eq!(eval("{{data.expires < addSeconds(now, 30)}}"), json!(false));
    assert_eq!(eval("{{data.expires <= addSeconds(now, 40)}}"), json!(true));
    assert_eq!(eval("{{addMinutes(now, 1) > data.expires}}"), json!(true));
    assert_eq!(eval("{{now = parseDate('2023-11-14T22:13:20Z')}}"), json!(true));
    assert_eq!(eval("{{now < addDays(now, 1)}}"), json!(true));
    assert_eq!(eval("{{now >= addDays(now, -1)}}"), json!(true));
    assert_eq!(eval("{{now < 'not a date'}}"), json!(false));
    assert_eq!(value("{{now}}"), Value::Date(NOW));
}
