//! `GET /people?q=`: a small query language over names.
//!
//! `q` is one or more conditions joined by `AND`; a condition is
//! `contains`, `startsWith`, `endsWith` or `equal`/`equals`, then `=`, then a
//! value in double quotes (`\"` and `\\` escape). Spaces around `=` and
//! `AND` are optional where the grammar allows; condition names and `AND`
//! are matched case-insensitively, values case-sensitively.

use super::{
    error::{Method, QueryFault, ResourceError},
    fixtures::PEOPLE,
    reply::{self, Named},
    ApiCall, LIST_LIMIT,
};
use crate::Response;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Test {
    Contains,
    StartsWith,
    EndsWith,
    Equal,
}

#[derive(Clone, Debug, PartialEq)]
struct Condition {
    test: Test,
    value: String,
}

impl Condition {
    fn holds(&self, name: &str) -> bool {
        match self.test {
            Test::Contains => name.contains(&self.value),
            Test::StartsWith => name.starts_with(&self.value),
            Test::EndsWith => name.ends_with(&self.value),
            Test::Equal => name == self.value,
        }
    }
}

pub fn list(call: &ApiCall) -> Result<Response, ResourceError> {
    Method::among(call.method, &[Method::Get])?;
    let mut q = "";
    for (i, (key, value)) in call.query.iter().enumerate() {
        if key != "q" {
            return Err(ResourceError::UnknownQueryParameter { name: key.clone(), allowed: vec!["q".into()] });
        }
        if i > 0 {
            return Err(ResourceError::RepeatedQueryParameter { name: key.clone() });
        }
        q = value;
    }
    let conditions = parse(q).map_err(|(position, fault)| ResourceError::PeopleQuery { position, fault })?;
    let people: Vec<Named> = PEOPLE
        .iter()
        .filter(|p| conditions.iter().all(|c| c.holds(p.name)))
        .take(LIST_LIMIT)
        .map(|p| Named { id: p.id, name: p.name })
        .collect();
    Ok(reply::ok(&people))
}

/// A fault and the characters of `q` read before it.
type Fault = (usize, QueryFault);

/// The conditions of `q`; none for an empty `q`.
fn parse(q: &str) -> Result<Vec<Condition>, Fault> {
    // Where `rest` starts in `q`, counted in characters.
    let at = |rest: &str| q[..q.len() - rest.len()].chars().count();
    let mut rest = q.trim_start();
    let mut conditions = Vec::new();
    while !rest.is_empty() {
        if !conditions.is_empty() {
            let (word, after) = word(rest);
            if word.eq_ignore_ascii_case("OR") {
                return Err((at(rest), QueryFault::OnlyAnd));
            }
            if !word.eq_ignore_ascii_case("AND") {
                return Err((at(rest), QueryFault::MissingAnd { rest: rest.to_string() }));
            }
            rest = after.trim_start();
            if rest.is_empty() {
                return Err((at(rest), QueryFault::MissingConditionAfterAnd));
            }
        }
        let (condition, after) = parse_condition(rest).map_err(|(fault, fault_rest)| (at(fault_rest), fault))?;
        conditions.push(condition);
        rest = after.trim_start();
    }
    Ok(conditions)
}

/// The leading run of ASCII letters and digits, and what follows it.
fn word(text: &str) -> (&str, &str) {
    let end = text.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(text.len());
    text.split_at(end)
}

/// One condition and the text after it; a fault with the text where it was found.
fn parse_condition(text: &str) -> Result<(Condition, &str), (QueryFault, &str)> {
    let (name, rest) = word(text);
    if name.is_empty() {
        return Err((QueryFault::MissingCondition { rest: text.to_string() }, text));
    }
    let test = match name.to_ascii_lowercase().as_str() {
        "contains" => Test::Contains,
        "startswith" => Test::StartsWith,
        "endswith" => Test::EndsWith,
        "equal" | "equals" => Test::Equal,
        _ => return Err((QueryFault::UnknownCondition { name: name.to_string() }, text)),
    };
    let condition = || name.to_string();
    let rest = rest.trim_start();
    let rest = rest.strip_prefix('=').ok_or_else(|| (QueryFault::MissingEquals { condition: condition() }, rest))?;
    let rest = rest.trim_start();
    let rest = rest.strip_prefix('"').ok_or_else(|| (QueryFault::MissingQuotedValue { condition: condition() }, rest))?;
    let mut value = String::new();
    let mut chars = rest.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Ok((Condition { test, value }, &rest[i + 1..])),
            '\\' => match chars.next() {
                Some((_, escaped)) => value.push(escaped),
                None => break,
            },
            c => value.push(c),
        }
    }
    Err((QueryFault::UnclosedValue { condition: condition() }, &rest[rest.len()..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(q: &str) -> Vec<&'static str> {
        let conditions = parse(q).unwrap();
        PEOPLE.iter().filter(|p| conditions.iter().all(|c| c.holds(p.name))).map(|p| p.name).collect()
    }

    #[test]
    fn the_docs_example_finds_one_person() {
        assert_eq!(names(r#"contains= "Rob" AND startsWith = "Rob" AND endsWith = "Jr.""#), ["Robert Downey Jr."]);
        let documented = r#"contains= "Rob" AND startsWith = "Rob" AND endsWith = "Jr." AND equals = "Robert Downey Jr.""#;
        assert_eq!(names(documented), ["Robert Downey Jr."]);
        assert_eq!(names(r#"startsWith="Rob""#), ["Robert Downey Jr.", "Robert Zemeckis"]);
    }

    #[test]
    fn conditions_repeat_and_both_spellings_of_equal_work() {
        assert_eq!(names(r#"contains = "e" AND contains = "a""#).len(), 8);
        assert_eq!(names(r#"contains = "e" AND contains = "a" AND contains = "H""#), ["Heath Ledger"]);
        assert_eq!(names(r#"equal = "Sam Neill""#), names(r#"equals = "Sam Neill""#));
        assert_eq!(names(r#"EQUALS="Sam Neill" and contains="Sam""#), ["Sam Neill"]);
    }

    #[test]
    fn values_are_case_sensitive_and_escapes_work() {
        assert!(names(r#"contains = "rob""#).is_empty());
        assert_eq!(parse(r#"contains = "a\"b\\""#).unwrap()[0].value, "a\"b\\");
        assert_eq!(names(r#"contains = "š""#), ["Miloš Forman"]);
    }

    #[test]
    fn faults_say_where_they_were_found() {
        let position = |q: &str| parse(q).unwrap_err().0;
        assert_eq!(position("foo = \"x\""), 0);
        assert_eq!(position("  contains = \"a\" OR x"), 17);
        assert_eq!(position("contains = Rob"), 11);
        assert_eq!(position("contains = \"Rob"), 15);
        assert_eq!(position("contains = \"š\" AND ≠"), 19);
    }

    #[test]
    fn empty_q_is_no_condition() {
        assert!(parse("").unwrap().is_empty());
        assert!(parse("   ").unwrap().is_empty());
    }

    #[test]
    fn each_fault_is_named() {
        let cases = [
            ("foo = \"x\"", "Unknown condition: foo."),
            ("startsWith", "Expected = after startsWith."),
            ("startsWith = Rob", "Expected a quoted value after startsWith."),
            ("contains = \"Rob", "The value after contains is missing its closing quote."),
            ("contains = \"Rob\\", "The value after contains is missing its closing quote."),
            ("contains = \"a\" contains = \"b\"", "Expected AND before \"contains = \"b\"\"."),
            ("contains = \"a\" OR contains = \"b\"", "Only AND can join conditions."),
            ("contains = \"a\" AND", "Expected a condition after AND."),
            ("\"Rob\"", "Expected a condition at \"\"Rob\"\"."),
            ("contains = \"a\" AND ≠", "Expected a condition at \"≠\"."),
        ];
        for (q, message) in cases {
            let (_, fault) = parse(q).unwrap_err();
            assert_eq!(ResourceError::PeopleQuery { position: 0, fault }.message(), message, "{q}");
        }
    }
}
