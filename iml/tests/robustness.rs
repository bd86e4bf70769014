//! No input panics: arbitrary text is read and evaluated, and arbitrary
//! expressions built from IML's own pieces are evaluated.

mod common;

use academy_iml::{Context, Template};
use common::*;
use proptest::prelude::*;

fn run(text: &str) {
    let vars = variables();
    let mut random = Counter(0);
    let mut context = Context { now: NOW, random: &mut random, variables: &vars };
    if let Ok(template) = Template::parse(text) {
        let _ = template.evaluate(&mut context);
    }
}

/// Pieces IML is made of, so random strings reach deep into the parser.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("{{".to_string()),
        Just("}}".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just(",".to_string()),
        Just(";".to_string()),
        Just(".".to_string()),
        Just("'".to_string()),
        Just("`".to_string()),
        Just("-1".to_string()),
        Just("0".to_string()),
        Just("1e308".to_string()),
        Just("99999999999999999999".to_string()),
        prop::sample::select(vec!["+", "-", "*", "/", "%", "<", "<=", ">", ">=", "=", "==", "===", "!=", "!==", "&", "&&", "|", "||", "!"]).prop_map(String::from),
        prop::sample::select(academy_iml::Function::ALL.iter().map(|f| f.name()).collect::<Vec<_>>()).prop_map(|n| format!("{n}(")),
        prop::sample::select(vec!["now", "timestamp", "uuid", "body", "data", "temp", "oauth", "emptyarray", "null", "true", "body.data", "body.nested.deep.list", "'2023-11-14'", "'YYYY'", "'X'", "'%'"]).prop_map(String::from),
        "[ -~]{0,4}",
        any::<char>().prop_map(String::from),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn any_text_is_read_without_panicking(text in any::<String>()) {
        run(&text);
        run(&format!("{{{{{text}}}}}"));
    }

    #[test]
    fn any_arrangement_of_iml_pieces_is_evaluated_without_panicking(pieces in prop::collection::vec(piece(), 0..40)) {
        let text = pieces.concat();
        run(&text);
        run(&format!("{{{{{text}}}}}"));
    }
}
