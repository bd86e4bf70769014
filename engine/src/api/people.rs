//! `GET /people?q=`: a small query language over names.
//!
//! `q` is one or more conditions joined by `AND`; a condition is
//! `contains`, `startsWith`, `endsWith` or `equal`/`equals`, then `=`, then a
//! value in double quotes (`\"` and `\\` escape). Spaces around `=` and
//! `AND` are optional where the grammar allows; condition names and `AND`
//! are matched case-insensitively, values case-sensitively.

use super::{
    fixtures::PEOPLE,
    reply::{self, echo, Named},
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

pub fn list(call: &ApiCall) -> Response {
    if call.method != "GET" {
        return reply::method_not_allowed(&["GET"]);
    }
    let mut q = "";
    for (i, (key, value)) in call.query.iter().enumerate() {
        if key != "q" {
            return reply::bad_request(&format!("Unknown query parameter: {}; use q.", echo(key)));
        }
        if i > 0 {
            return reply::bad_request("q is given twice; join the conditions with AND instead.");
        }
        q = value;
    }
    match parse(q) {
        Ok(conditions) => {
            let people: Vec<Named> = PEOPLE
                .iter()
                .filter(|(_, name)| conditions.iter().all(|c| c.holds(name)))
                .take(LIST_LIMIT)
                .map(|&(id, name)| Named { id, name })
                .collect();
            reply::ok(&people)
        }
        Err(message) => reply::bad_request(&message),
    }
}

/// The conditions of `q`; none for an empty `q`.
fn parse(q: &str) -> Result<Vec<Condition>, String> {
    let mut rest = q.trim_start();
    let mut conditions = Vec::new();
    while !rest.is_empty() {
        if !conditions.is_empty() {
            let (word, after) = word(rest);
            if word.eq_ignore_ascii_case("OR") {
                return Err("Only AND can join conditions.".into());
            }
            if !word.eq_ignore_ascii_case("AND") {
                return Err(format!("Expected AND before \"{}\".", echo(rest)));
            }
            rest = after.trim_start();
            if rest.is_empty() {
                return Err("Expected a condition after AND.".into());
            }
        }
        let (condition, after) = parse_condition(rest)?;
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

fn parse_condition(text: &str) -> Result<(Condition, &str), String> {
    let (name, rest) = word(text);
    if name.is_empty() {
        return Err(format!("Expected a condition at \"{}\".", echo(text)));
    }
    let test = match name.to_ascii_lowercase().as_str() {
        "contains" => Test::Contains,
        "startswith" => Test::StartsWith,
        "endswith" => Test::EndsWith,
        "equal" | "equals" => Test::Equal,
        _ => return Err(format!("Unknown condition: {}.", echo(name))),
    };
    let rest = rest.trim_start().strip_prefix('=').ok_or_else(|| format!("Expected = after {name}."))?;
    let rest = rest.trim_start().strip_prefix('"').ok_or_else(|| format!("Expected a quoted value after {name}."))?;
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
    Err(format!("The value after {name} is missing its closing quote."))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(q: &str) -> Vec<&'static str> {
        let conditions = parse(q).unwrap();
        PEOPLE.iter().filter(|(_, n)| conditions.iter().all(|c| c.holds(n))).map(|(_, n)| *n).collect()
    }

    #[test]
    fn the_docs_example_finds_one_person() {
        assert_eq!(names(r#"contains= "Rob" AND startsWith = "Rob" AND endsWith = "Jr.""#), ["Robert Downey Jr."]);
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
            assert_eq!(parse(q).unwrap_err(), message, "{q}");
        }
    }
}
