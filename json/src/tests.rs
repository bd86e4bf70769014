use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::json;

use crate::{from_str, from_value, FromJson};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, FromJson)]
#[serde(rename_all = "lowercase")]
enum Account {
    John,
    Jane,
}

#[derive(Debug, PartialEq, Serialize, FromJson, crate::Tagged)]
#[serde(rename_all = "kebab-case")]
enum Kind {
    NotFound,
    MethodNotAllowed { allow: Vec<String> },
    TicketExpired { lifetime_minutes: u32 },
    Nested { inner: Option<Box<Kind>> },
}

#[derive(Debug, PartialEq, Serialize, FromJson)]
enum Page {
    Blank,
    Consent(Consent),
}

#[derive(Debug, Default, PartialEq, Serialize, FromJson)]
#[serde(default)]
struct Consent {
    ticket: String,
    scopes: Vec<String>,
    state: Option<String>,
    expires_at: i64,
}

#[derive(Debug, PartialEq, Serialize, FromJson)]
#[serde(rename_all = "camelCase")]
struct Movie {
    movie_id: String,
    release_date: Option<String>,
    #[serde(default)]
    top_cast: Vec<(String, String)>,
    #[serde(rename = "$budget")]
    budget: f64,
    by_account: BTreeMap<Account, u64>,
}

#[derive(Debug, PartialEq, FromJson)]
#[serde(deny_unknown_fields)]
struct Check {
    route: Option<String>,
    status: Option<u16>,
}

#[derive(Debug, PartialEq, FromJson)]
struct Lesson {
    id: String,
    steps: Vec<Step>,
}

#[derive(Debug, PartialEq, FromJson)]
struct Step {
    check: Check,
}

fn round_trip<T: Serialize + FromJson + PartialEq + std::fmt::Debug>(value: T) {
    let written = serde_json::to_value(&value).unwrap();
    assert_eq!(from_value::<T>(&written).unwrap(), value, "{written}");
}

#[test]
fn what_serde_writes_reads_back_the_same() {
    round_trip(Account::Jane);
    round_trip(vec![
        Kind::NotFound,
        Kind::MethodNotAllowed {
            allow: vec!["GET".into()],
        },
        Kind::TicketExpired {
            lifetime_minutes: 10,
        },
    ]);
    round_trip(Kind::Nested {
        inner: Some(Box::new(Kind::NotFound)),
    });
    round_trip(Kind::Nested { inner: None });
    round_trip(Page::Blank);
    round_trip(Page::Consent(Consent {
        ticket: "t".into(),
        scopes: vec!["read".into()],
        state: Some("s".into()),
        expires_at: -5,
    }));
    round_trip(Movie {
        movie_id: "m".into(),
        release_date: None,
        top_cast: vec![("Tony".into(), "5bfb3056c5e4".into())],
        budget: 2.5,
        by_account: BTreeMap::from([(Account::John, 1), (Account::Jane, u64::MAX)]),
    });
}

#[test]
fn names_follow_serde_rules() {
    assert_eq!(
        serde_json::to_value(Kind::TicketExpired {
            lifetime_minutes: 3
        })
        .unwrap(),
        json!({"ticket-expired": {"lifetime_minutes": 3}})
    );
    let movie: Movie =
        from_str(r#"{"movieId":"m","releaseDate":"2020","$budget":1,"byAccount":{"jane":2}}"#)
            .unwrap();
    assert_eq!(movie.release_date.as_deref(), Some("2020"));
    assert_eq!(movie.budget, 1.0, "an integer reads as f64");
    assert!(
        movie.top_cast.is_empty(),
        "a field with default may be left out"
    );
}

#[test]
fn left_out_and_null() {
    // The type's default for every field left out.
    assert_eq!(from_str::<Consent>("{}").unwrap(), Consent::default());
    assert_eq!(
        from_str::<Consent>(r#"{"state":null}"#).unwrap().state,
        None
    );
    // An Option may be left out without any default.
    assert_eq!(
        from_str::<Check>("{}").unwrap(),
        Check {
            route: None,
            status: None
        }
    );
    // A null where a list is wanted is wrong, not empty.
    assert_eq!(
        from_str::<Consent>(r#"{"scopes":null}"#)
            .unwrap_err()
            .to_string(),
        "scopes: invalid type: null, expected a sequence"
    );
}

#[test]
fn faults_name_their_path_in_serde_words() {
    let fault = |text: &str| from_str::<Lesson>(text).unwrap_err().to_string();
    assert_eq!(fault(r#"{"steps":[]}"#), "missing field `id`");
    assert_eq!(
        fault(r#"{"id":"a","steps":[{"check":{}},{"check":{"colour":"red"}}]}"#),
        "steps[1].check.colour: unknown field `colour`, expected one of `route`, `status`"
    );
    assert_eq!(
        fault(r#"{"id":"a","steps":[{"check":{"status":70000}}]}"#),
        "steps[0].check.status: invalid type: integer `70000`, expected u16"
    );
    assert_eq!(
        fault(r#"{"id":7,"steps":[]}"#),
        "id: invalid type: integer `7`, expected a string"
    );
    assert_eq!(
        fault("[1]"),
        "invalid type: sequence, expected struct Lesson"
    );
    assert_eq!(
        from_str::<Account>(r#""bob""#).unwrap_err().to_string(),
        "unknown variant `bob`, expected one of `john`, `jane`"
    );
    assert_eq!(
        from_str::<Kind>(r#"{"ticket-expired":{"lifetime_minutes":-1}}"#)
            .unwrap_err()
            .to_string(),
        "ticket-expired.lifetime_minutes: invalid type: integer `-1`, expected u32"
    );
    assert_eq!(
        from_str::<Kind>(r#"{"a":1,"b":2}"#)
            .unwrap_err()
            .to_string(),
        "invalid type: map, expected enum Kind"
    );
    assert_eq!(
        from_str::<(String, String)>(r#"["a"]"#)
            .unwrap_err()
            .to_string(),
        "invalid length, expected a tuple of size 2"
    );
}

#[derive(crate::Tagged)]
#[serde(rename_all = "kebab-case")]
#[allow(dead_code)]
enum Problem {
    Missing,
    NotBearer,
    #[serde(rename = "gone")]
    Expired {
        at: i64,
    },
    Other(u8),
}

#[test]
fn tags_are_the_names_serde_writes() {
    use crate::Tagged;
    assert_eq!(Problem::TAGS, ["missing", "not-bearer", "gone", "other"]);
    assert_eq!(Problem::Expired { at: 1 }.tag(), "gone");
    assert_eq!(Problem::Other(1).tag(), "other");
    for kind in [Kind::NotFound, Kind::TicketExpired { lifetime_minutes: 1 }] {
        let written = serde_json::to_value(&kind).unwrap();
        let name = written.as_str().map(str::to_string).unwrap_or_else(|| written.as_object().unwrap().keys().next().unwrap().clone());
        assert_eq!(name, kind.tag());
    }
}
