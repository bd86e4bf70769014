//! No text panics the runner (nor saving and restoring what it connected):
//! arbitrary text, and the right connection with a stretch of it replaced by
//! arbitrary characters.

use academy_connection::{connect, Choice, Inputs, Runner};
use academy_engine::{Account, Engine, SeededEntropy};
use proptest::prelude::*;

const START: i64 = 1_700_000_000_000;

fn life(text: &str) {
    let mut engine = Engine::default();
    let mut entropy = SeededEntropy::new(1);
    let registration = academy_engine::Registration {
        email: "a@example.com".into(),
        first_name: "A".into(),
        last_name: "B".into(),
        redirect_uri: academy_engine::oauth::registration::MAKE_REDIRECT_URI.into(),
    };
    engine.register(registration, START, &mut entropy);
    let mut runner = Runner::new(text, Inputs::default(), &engine);
    connect(&mut runner, &Choice { account: Account::Jane, allow: true, scopes: None }, &mut engine, START, &mut entropy);
    // Carried over a reload when it connected.
    if let Some(saved) = runner.saved() {
        runner = Runner::restore(&saved, &engine).unwrap_or(runner);
    }
    runner.use_connection(&mut engine, START + 270_000, &mut entropy);
    runner.invalidate(&mut engine, START + 280_000, &mut entropy);
    let _ = serde_json::to_string(&runner.report());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_text(text in any::<String>()) {
        life(&text);
    }

    #[test]
    fn the_right_connection_with_a_stretch_replaced(start in 0usize..4000, len in 0usize..12, with in "[ -~]{0,12}") {
        let right = academy_connection::TEMPLATES[0].text;
        let chars: Vec<char> = right.chars().collect();
        let start = start.min(chars.len());
        let end = (start + len).min(chars.len());
        let text: String = chars[..start].iter().chain(with.chars().collect::<Vec<_>>().iter()).chain(chars[end..].iter()).collect();
        life(&text);
    }
}
