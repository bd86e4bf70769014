//! Lessons followed through the real flow: the driver runs the app's
//! machine against an engine, and the book follows every logged exchange.

use academy_engine::Origin;

use super::pack::{parse, PACK_LIMIT};
use super::*;
use crate::flow::driver::Driver;
use crate::flow::machine::{self, Event};

const MINUTE: i64 = 60_000;

/// A driver and a book that follows each new exchange, as the page does.
struct Learner {
    d: Driver,
    library: Library,
    book: Book,
    seen: u64,
    news: Vec<News>,
}

impl Learner {
    fn new() -> Self {
        Learner { d: Driver::new(), library: Library::new(&pack::builtin(), None), book: Book::default(), seen: 0, news: vec![] }
    }

    fn follow(&mut self) {
        let fresh: Vec<_> = self.d.engine.log().iter().filter(|e| e.seq > self.seen).cloned().collect();
        for exchange in fresh {
            self.seen = exchange.seq;
            self.news.extend(self.book.observe(&self.library.lessons, &exchange));
        }
    }

    fn run(&mut self, event: Event) {
        self.d.run(event);
        self.follow();
    }

    fn connect(&mut self, account: &str) {
        self.d.connect(account);
        self.follow();
    }

    fn api_with(&mut self, token: Option<&str>, method: &str, path: &str) -> u16 {
        self.d.data.api_auth = token.map(|t| format!("Bearer {t}"));
        let answer = self.d.api(method, path);
        self.follow();
        answer.status
    }

    fn done(&self, lesson: &str) -> Vec<bool> {
        let l = self.library.get(lesson).unwrap();
        l.steps.iter().map(|s| self.book.of(lesson).is_done(s)).collect()
    }

    fn complete(&self, lesson: &str) -> bool {
        self.news.contains(&News::LessonComplete { lesson: lesson.into() })
    }
}

#[test]
fn the_builtin_pack_has_the_six_lessons_and_their_goals() {
    let pack = parse(include_str!("builtin.json")).expect("the built-in pack is valid");
    let ids: Vec<&str> = pack.lessons.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, ["code-flow", "scopes", "expiry-refresh", "one-connection", "invalidate", "protections"]);
    let goals: Vec<&str> = pack.lessons[0].steps.iter().map(|s| s.goal.as_str()).collect();
    assert_eq!(goals, ["Get a code through the consent screen", "Exchange it for tokens", "Call /info with the access token"]);
    assert_eq!(pack::builtin(), pack);
}

#[test]
fn code_flow_follows_the_flow_in_order_and_says_so() {
    let mut l = Learner::new();
    // /info before anything: refused, and it would not count anyway.
    l.api_with(Some("nope"), "GET", "/info");
    assert_eq!(l.done("code-flow"), [false, false, false]);
    l.run(Event::OpenAuthorize);
    l.run(Event::Decide { allow: true });
    assert_eq!(l.done("code-flow"), [true, false, false]);
    l.run(Event::ExchangeCode);
    assert_eq!(l.api_with(None, "GET", "/info"), 200);
    assert_eq!(l.done("code-flow"), [true, true, true]);
    let progress: Vec<_> = l.news.iter().filter(|n| matches!(n, News::StepDone { lesson, .. } if lesson == "code-flow")).collect();
    assert_eq!(progress.len(), 3);
    assert_eq!(
        progress[2],
        &News::StepDone { lesson: "code-flow".into(), step: "call-info".into(), done: 3, total: 3 }
    );
    assert!(l.complete("code-flow"));
    assert!(l.library.summaries(&l.book)[0].done);
    // What the diagram highlights: the three exchanges that did the steps.
    let lesson = l.library.get("code-flow").unwrap();
    let seqs = l.book.of("code-flow").seqs(lesson);
    let by_route = |seq: u64| l.d.engine.log().iter().find(|e| e.seq == seq).and_then(|e| e.outcome.route.clone());
    assert_eq!(seqs.iter().map(|&s| by_route(s)).collect::<Vec<_>>(), [Some("/authorize".into()), Some("/token".into()), Some("/info".into())]);
}

#[test]
fn scopes_needs_the_same_call_to_succeed_after_a_new_authorization() {
    let mut l = Learner::new();
    l.d.run(Event::OpenAuthorize);
    l.d.data.consent_scopes = vec!["connect".into()];
    l.run(Event::Decide { allow: true });
    l.run(Event::ExchangeCode);
    assert_eq!(l.api_with(None, "GET", "/movies"), 403);
    assert_eq!(l.done("scopes"), [true, false, false]);
    // Another successful call is not "the call".
    l.connect("john");
    assert_eq!(l.api_with(None, "GET", "/info"), 200);
    assert_eq!(l.done("scopes"), [true, true, false]);
    assert_eq!(l.api_with(None, "GET", "/movies"), 200);
    assert!(l.complete("scopes"));
}

#[test]
fn expiry_and_refresh_with_rotation() {
    let mut l = Learner::new();
    l.connect("john");
    let old_refresh = l.d.data.held.clone().unwrap().refresh_token;
    l.d.now += 6 * MINUTE;
    assert_eq!(l.api_with(None, "GET", "/info"), 401);
    l.run(Event::Refresh);
    assert_eq!(l.done("expiry-refresh"), [true, true, false, false]);
    l.d.data.refresh_body = machine::refresh_body(l.d.engine.client(), &old_refresh);
    l.run(Event::Refresh);
    assert_eq!(l.api_with(None, "GET", "/movies"), 200);
    assert!(l.complete("expiry-refresh"), "{:?}", l.done("expiry-refresh"));
}

#[test]
fn one_connection_per_account_and_two_accounts_side_by_side() {
    let mut l = Learner::new();
    l.connect("john");
    let first = l.d.data.held.clone().unwrap().access_token;
    l.connect("john");
    let second = l.d.data.held.clone().unwrap().access_token;
    assert_eq!(l.api_with(Some(&first), "GET", "/info"), 401);
    assert_eq!(l.done("one-connection"), [true, true, true, false, false]);
    l.connect("jane");
    assert_eq!(l.api_with(None, "GET", "/info"), 200);
    assert_eq!(l.done("one-connection"), [true, true, true, true, false], "Jane alone is not both");
    assert_eq!(l.api_with(Some(&second), "GET", "/info"), 200);
    assert!(l.complete("one-connection"));
}

#[test]
fn invalidate_counts_its_refusals_in_any_order_but_only_after_invalidating() {
    let mut l = Learner::new();
    assert_eq!(l.api_with(Some("never-issued"), "GET", "/info"), 401);
    assert_eq!(l.done("invalidate"), [false, false, false], "a refusal before invalidating does not count");
    l.connect("john");
    let held = l.d.data.held.clone().unwrap();
    l.run(Event::Invalidate);
    l.d.data.refresh_body = machine::refresh_body(l.d.engine.client(), &held.refresh_token);
    l.run(Event::Refresh);
    assert_eq!(l.done("invalidate"), [true, false, true]);
    assert_eq!(l.api_with(Some(&held.access_token), "GET", "/info"), 401);
    assert!(l.complete("invalidate"));
}

#[test]
fn protections_in_any_order() {
    let mut l = Learner::new();
    l.connect("john");
    l.run(Event::ExchangeCode);
    let body = l.d.data.token_body.replace(&l.d.engine.client().unwrap().client_secret, "wrong");
    l.d.data.token_body = body;
    l.run(Event::ExchangeCode);
    assert_eq!(l.done("protections"), [false, true, true]);
    let url = l.d.data.authorize_url.replace("www.make.com", "www.evil.example");
    l.run(Event::Navigate(url));
    assert!(l.complete("protections"));
}

#[test]
fn reset_forgets_and_only_later_exchanges_count() {
    let mut l = Learner::new();
    l.connect("john");
    assert_eq!(l.done("code-flow"), [true, true, false]);
    let last = l.d.engine.log().back().unwrap().seq;
    l.book.reset("code-flow", last);
    assert_eq!(l.done("code-flow"), [false, false, false]);
    assert_eq!(l.api_with(None, "GET", "/info"), 200);
    assert_eq!(l.done("code-flow"), [false, false, false], "the steps count in order again");
    l.connect("john");
    assert_eq!(l.api_with(None, "GET", "/info"), 200);
    assert!(l.complete("code-flow"));
}

#[test]
fn a_new_server_keeps_done_steps_and_counts_on() {
    let mut l = Learner::new();
    l.connect("john");
    l.book.restart_log();
    l.d = Driver::new();
    l.seen = 0;
    assert_eq!(l.done("code-flow"), [true, true, false]);
    l.connect("john");
    assert_eq!(l.api_with(None, "GET", "/info"), 200);
    assert!(l.complete("code-flow"));
}

#[test]
fn progress_is_saved_and_read_back() {
    let mut l = Learner::new();
    l.connect("john");
    let text = serde_json::to_string(&l.book).unwrap();
    let back: Book = academy_json::from_str(&text).unwrap();
    assert_eq!(back, l.book);
    let old: Book = academy_json::from_str("{}").unwrap();
    assert_eq!(old, Book::default());
}

#[test]
fn console_requests_count_like_any_other() {
    let mut l = Learner::new();
    l.connect("john");
    let token = l.d.data.held.clone().unwrap().access_token;
    let request = academy_engine::Request::new("GET", "/info").header("authorization", &format!("Bearer {token}"));
    l.d.engine.handle(request, Origin::Console, l.d.now, &mut l.d.entropy);
    l.follow();
    assert!(l.complete("code-flow"));
}

fn faults_of(text: &str) -> Vec<String> {
    parse(text).expect_err("a bad pack").into_iter().map(|f| f.to_string()).collect()
}

const GOOD_LESSON: &str = r#"{"id":"mine","title":"Mine","intro":"i","learned":"l","steps":[{"id":"a","goal":"g","hint":"h","check":{"route":"/info"}}]}"#;

#[test]
fn a_good_pack_joins_or_replaces_the_builtin_lessons() {
    let pack = parse(&format!(r#"{{"format":1,"title":"Mine","settings":{{"expires_in":2,"panes":"client,traffic"}},"lessons":[{GOOD_LESSON}]}}"#)).unwrap();
    assert_eq!(pack.settings.as_query(), "panes=client%2Ctraffic&expires_in=2");
    let library = Library::new(&pack::builtin(), Some(&pack));
    assert_eq!(library.lessons.len(), 7);
    let replacing = Pack { replace: true, ..pack };
    let library = Library::new(&pack::builtin(), Some(&replacing));
    assert_eq!(library.lessons.iter().map(|l| l.id.as_str()).collect::<Vec<_>>(), ["mine"]);
}

#[test]
fn every_fault_of_a_bad_pack_is_named_with_its_path() {
    assert!(faults_of("{ not json")[0].starts_with("$: not JSON (line 1, column 3)"));
    assert_eq!(faults_of(r#"{"format":1,"lessons":[]}"#), ["$: missing field `title`"]);
    let unknown_check = GOOD_LESSON.replace(r#"{"route":"/info"}"#, r#"{"colour":"red"}"#);
    let faults = faults_of(&format!(r#"{{"format":1,"title":"t","lessons":[{unknown_check}]}}"#));
    assert_eq!(faults.len(), 1, "{faults:?}");
    assert!(faults[0].starts_with("lessons[0].steps[0].check.colour: unknown field `colour`"), "{faults:?}");
    let bad_names = GOOD_LESSON.replace(r#"{"route":"/info"}"#, r#"{"error":"missing-scopes","route":"/infos","like":"b"}"#);
    let no_goal = GOOD_LESSON.replace(r#""goal":"g","#, "");
    let faults = faults_of(&format!(r#"{{"format":2,"title":"t","lessons":[{bad_names},{no_goal},{GOOD_LESSON}]}}"#));
    let paths: Vec<&str> = faults.iter().map(|f| f.split(':').next().unwrap()).collect();
    assert_eq!(
        paths,
        [
            "format",
            "lessons[0].steps[0].check.error",
            "lessons[0].steps[0].check.route",
            "lessons[0].steps[0].check.like",
            "lessons[1].steps[0]",
            "lessons[2].id"
        ],
        "{faults:?}"
    );
    assert!(faults[1].contains("missing-scope"), "names the kinds there are: {}", faults[1]);
    let empty_check = GOOD_LESSON.replace(r#"{"route":"/info"}"#, "{}");
    assert!(faults_of(&format!(r#"{{"format":1,"title":"t","lessons":[{empty_check}]}}"#))[0].contains("at least one condition"));
    let big = format!(r#"{{"format":1,"title":"{}","lessons":[]}}"#, "x".repeat(PACK_LIMIT));
    assert!(faults_of(&big)[0].contains("more than the"));
    let bad_settings = format!(r#"{{"format":1,"title":"t","settings":{{"account":"bob"}},"lessons":[{GOOD_LESSON}]}}"#);
    assert!(faults_of(&bad_settings)[0].starts_with("settings.account: unknown variant `bob`"));
    let long_life = format!(r#"{{"format":1,"title":"t","settings":{{"expires_in":99999}},"lessons":[{GOOD_LESSON}]}}"#);
    assert!(faults_of(&long_life)[0].starts_with("settings: The parameter expires_in=99999 was ignored"), "{:?}", faults_of(&long_life));
}

#[test]
fn odd_packs_never_panic() {
    for text in ["", "null", "[]", "{}", "\"x\"", r#"{"format":1e999}"#, r#"{"format":1,"title":"t","lessons":[1,null,{}]}"#] {
        assert!(parse(text).is_err());
    }
}

#[test]
fn the_example_pack_loads_and_the_schema_names_what_checks_may_name() {
    let pack = parse(include_str!("../../packs/example.json")).expect("the example pack is valid");
    assert_eq!(pack.lessons[0].id, "jane-short-tokens");
    assert_eq!(pack.settings.as_query(), "account=jane&expires_in=2");
    let schema: serde_json::Value = serde_json::from_str(include_str!("../../packs/pack.schema.json")).unwrap();
    let names = |field: &str| -> Vec<String> {
        schema["$defs"]["check"]["properties"][field]["enum"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect()
    };
    assert_eq!(names("error"), academy_engine::ErrorKind::NAMES);
    assert_eq!(names("change"), academy_engine::Change::NAMES);
    assert_eq!(names("problem"), academy_engine::TokenProblem::NAMES);
    assert_eq!(schema["$defs"]["text"]["maxLength"], 2000);
}
