//! The layout of real exchanges: a flow run through the engine, and made-up
//! exchanges for the corners (unknown paths, odd methods, long labels).

use academy_engine::oauth::registration::{Registration, MAKE_REDIRECT_URI};
use academy_engine::oauth::ConsentDecision;
use academy_engine::{Account, Engine, Exchange, Origin, Outcome, Request, Response, Scope, SeededEntropy, Settings};

use super::svg::{escape, file, heads, step_body, Styling};
use super::*;

const NOW: i64 = 1_700_000_000_000;

/// Runs the flow up to a token as the panes do; returns the engine's log.
struct Flow {
    engine: Engine,
    entropy: SeededEntropy,
    client_id: String,
    client_secret: String,
}

impl Flow {
    fn new() -> Self {
        let mut engine = Engine::new(Settings::default());
        let mut entropy = SeededEntropy::new(11);
        let registration = Registration {
            email: "learner@example.com".into(),
            first_name: "Alex".into(),
            last_name: "Learner".into(),
            redirect_uri: MAKE_REDIRECT_URI.into(),
        };
        let client = engine.register(registration, NOW, &mut entropy);
        Flow { engine, entropy, client_id: client.client_id, client_secret: client.client_secret }
    }

    fn send(&mut self, request: Request, origin: Origin) -> Response {
        self.engine.handle(request, origin, NOW, &mut self.entropy)
    }

    /// Opens the consent screen and decides; returns the redirect's Location.
    fn authorize(&mut self, allow: bool) -> String {
        let url = format!(
            "/authorize?client_id={}&redirect_uri={MAKE_REDIRECT_URI}&response_type=code&scope=connect+read&state=s1",
            self.client_id
        );
        let screen = self.send(Request::new("GET", &url), Origin::Browser);
        let body: serde_json::Value = serde_json::from_slice(&screen.body).unwrap();
        let ticket = body["consent"]["ticket"].as_str().unwrap().to_string();
        let decision = ConsentDecision { ticket, account: Account::John, scopes: vec![Scope::Connect, Scope::Read], allow };
        let answer = self.engine.consent(decision, NOW, &mut self.entropy);
        answer.header_value("Location").unwrap_or_default().to_string()
    }

    fn token(&mut self, location: &str) -> String {
        let code = location.split("code=").nth(1).unwrap().split('&').next().unwrap();
        let body = format!(
            "grant_type=authorization_code&code={code}&client_id={}&client_secret={}&redirect_uri={MAKE_REDIRECT_URI}",
            self.client_id, self.client_secret
        );
        let answer = self.send(
            Request::new("POST", "/token").header("Content-Type", "application/x-www-form-urlencoded").body(body),
            Origin::App,
        );
        let tokens: serde_json::Value = serde_json::from_slice(&answer.body).unwrap();
        tokens["access_token"].as_str().unwrap().to_string()
    }

    fn steps(&self) -> Vec<Step> {
        self.engine.log().iter().map(Step::of).collect()
    }
}

fn lines(step: &Step) -> Vec<(Lifeline, Lifeline, ArrowKind)> {
    step.arrows.iter().map(|a| (a.from, a.to, a.kind)).collect()
}

fn made_up(seq: u64, origin: Origin, method: &str, url: &str, status: u16, outcome: Outcome) -> Exchange {
    Exchange {
        seq,
        at: NOW,
        origin,
        request: Request::new(method, url),
        response: Response { status, headers: vec![], body: vec![] },
        outcome,
    }
}

use ArrowKind::{Redirect, Request as Req, Response as Resp};
use Lifeline::{App, Browser, Server};

#[test]
fn the_consent_goes_through_the_browser_and_the_code_comes_back_by_redirect() {
    let mut flow = Flow::new();
    let location = flow.authorize(true);
    flow.token(&location);
    let steps = flow.steps();
    assert_eq!(steps.len(), 3);

    let (screen, consent, token) = (&steps[0], &steps[1], &steps[2]);
    assert_eq!(lines(screen), [(Browser, Server, Req), (Server, Browser, Resp)]);
    assert_eq!(screen.arrows[0].label, format!("#{} GET /authorize", screen.seq));
    assert_eq!(screen.arrows[1].label, "200 OK · consent screen");

    assert_eq!(lines(consent), [(Browser, Server, Req), (Server, Browser, Resp), (Browser, App, Redirect)]);
    assert_eq!(consent.arrows[0].label, format!("#{} POST /authorize", consent.seq));
    assert_eq!(consent.arrows[1].label, "302 Found");
    assert_eq!(consent.arrows[2].label, "redirect to redirect_uri (code)");
    assert!(!consent.error && consent.arrows.iter().all(|a| !a.error));

    assert_eq!(lines(token), [(App, Server, Req), (Server, App, Resp)]);
    assert_eq!(token.name, format!("#{} app → server POST /token, 200 OK · tokens", token.seq));
}

#[test]
fn a_denied_consent_goes_back_as_an_error_redirect() {
    let mut flow = Flow::new();
    flow.authorize(false);
    let consent = &flow.steps()[1];
    let back = consent.arrows.last().unwrap();
    assert_eq!((back.from, back.to, back.kind), (Browser, App, Redirect));
    assert!(back.error && consent.error, "the redirect carries an error");
    assert!(back.label.contains("(error)") && back.label.starts_with('✕'));
    assert!(!consent.arrows[1].error, "the 302 itself is no error status");
    assert!(consent.name.contains("redirect to redirect_uri (error)"), "{}", consent.name);
}

#[test]
fn errors_are_marked_in_text_as_well_as_by_kind() {
    let mut flow = Flow::new();
    flow.send(Request::new("GET", "/info"), Origin::Console);
    let step = &flow.steps()[0];
    assert_eq!(lines(step), [(App, Server, Req), (Server, App, Resp)], "the console speaks from the app's side");
    assert!(step.error);
    let answer = &step.arrows[1];
    assert!(answer.error && !step.arrows[0].error);
    assert_eq!(answer.label, "✕ 401 Unauthorized");
    assert_eq!(step.arrows[0].label, format!("#{} GET /info (console)", step.seq), "the sender is named when it is not the app");
    assert!(step.name.starts_with(&format!("#{} console → server GET /info, 401", step.seq)), "{}", step.name);
}

#[test]
fn labels_never_show_a_query_or_a_token() {
    let mut flow = Flow::new();
    let location = flow.authorize(true);
    let token = flow.token(&location);
    let code = location.split("code=").nth(1).unwrap().to_string();
    flow.send(Request::new("GET", &format!("/info?access_token={token}")).header("Authorization", &format!("Bearer {token}")), Origin::App);
    flow.send(Request::new("GET", &format!("https://app-academy.make.com/api/v2/nowhere/{token}/x?code={code}")), Origin::Console);
    flow.send(Request::new("GET", &format!("/movies/{token}?q=1")), Origin::App);
    for step in flow.steps() {
        for text in step.arrows.iter().map(|a| a.label.as_str()).chain([step.name.as_str()]) {
            assert!(!text.contains('?'), "{text}");
            assert!(!text.contains(&token) && !text.contains(&code[..12]), "{text}");
        }
    }
    let steps = flow.steps();
    let n = steps.len();
    assert_eq!(steps[n - 3].arrows[0].label, format!("#{} GET /info", steps[n - 3].seq));
    assert_eq!(steps[n - 2].arrows[0].label, format!("#{} GET /nowhere/…/x (console)", steps[n - 2].seq), "an unknown route shows its path");
    assert_eq!(steps[n - 1].arrows[0].label, format!("#{} GET /movies/{{id}}", steps[n - 1].seq), "a known one its template");
}

#[test]
fn unknown_paths_and_odd_methods_are_cut_short_without_panicking() {
    let long = format!("/{}", "é/".repeat(400));
    for (method, url) in [("", ""), ("  patch ", "?"), ("X".repeat(300).as_str(), long.as_str()), ("GET", "https://other.example/a/b#frag"), ("GET", "//")] {
        let step = Step::of(&made_up(9, Origin::Host, method, url, 404, Outcome::default()));
        let label = &step.arrows[0].label;
        assert!(label.chars().count() <= 3 + 11 + 1 + 28 + 12, "{label}");
        assert!(!label.contains('?') && !label.contains('#') || label.starts_with("#9 "), "{label}");
        assert!(label.trim_start_matches("#9 ").chars().all(|c| c != '#'), "{label}");
        for (i, arrow) in step.arrows.iter().enumerate() {
            let g = arrow.geometry(i);
            assert!(g.label_x >= 0 && g.label_x <= WIDTH, "{g:?}");
        }
    }
    assert_eq!(Step::of(&made_up(1, Origin::App, "  patch ", "/x", 405, Outcome::default())).arrows[0].label, "#1 PATCH /x");
    assert_eq!(Step::of(&made_up(1, Origin::App, "", "/x", 404, Outcome::default())).arrows[0].label, "#1 (no method) /x");
}

#[test]
fn a_redirect_needs_the_browser_a_3xx_and_a_code_or_an_error() {
    let coded = || Outcome { changes: vec![academy_engine::Change::CodeIssued { account: Account::Jane, scopes: vec![], expires_at: 0 }], ..Outcome::default() };
    let has_redirect = |e: Exchange| Step::of(&e).arrows.iter().any(|a| a.kind == Redirect);
    assert!(has_redirect(made_up(1, Origin::Browser, "POST", "/authorize", 302, coded())));
    assert!(!has_redirect(made_up(1, Origin::Console, "POST", "/authorize", 302, coded())), "the console does not follow redirects");
    assert!(!has_redirect(made_up(1, Origin::Browser, "POST", "/authorize", 400, coded())));
    assert!(!has_redirect(made_up(1, Origin::Browser, "GET", "/authorize", 302, Outcome::default())));
}

#[test]
fn rows_follow_each_other_and_arrows_point_the_right_way() {
    let mut flow = Flow::new();
    let location = flow.authorize(true);
    flow.token(&location);
    let steps = flow.steps();
    let (firsts, rows) = first_rows(&steps);
    assert_eq!(firsts.iter().map(|f| f.1).collect::<Vec<_>>(), [0, 2, 5]);
    assert_eq!(rows, 7);
    assert_eq!(height(rows), PAD * 2 + 7 * ROW);

    let request = steps[2].arrows[0].geometry(5);
    assert!(request.x1 < request.x2 && request.x2 < Server.x(), "app → server, stopping at the head");
    let answer = steps[2].arrows[1].geometry(6);
    assert!(answer.x1 > answer.x2 && answer.x2 > App.x());
    assert!(answer.y > request.y);
    assert!(request.head.starts_with(&format!("{},", Server.x())));
}

#[test]
fn the_file_is_escaped_and_holds_one_group_per_step() {
    let mut flow = Flow::new();
    let location = flow.authorize(true);
    flow.token(&location);
    let mut steps = flow.steps();
    steps[0].name.push_str(" <&\"'>");
    let highlighted = [steps[2].seq];
    let svg = file(&steps, &highlighted);
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.trim_end().ends_with("</svg>"));
    assert_eq!(svg.matches("<g data-seq=").count(), 3);
    assert!(svg.contains("&lt;&amp;&quot;&#39;&gt;") && !svg.contains(" <&"));
    assert_eq!(svg.matches(MARK).count(), 1, "the highlighted step is marked in text");
    assert!(svg.contains(&format!("{}{HIGHLIGHTED}</title>", escape(&steps[2].name))));
    assert_eq!(svg.matches(">redirect to redirect_uri (code)</text>").count(), 1, "drawn once");
    assert!(!svg.contains("var(--"), "styles are inline, not the page's");
    assert_eq!(escape("a\u{1}b"), "a\u{fffd}b");
}

#[test]
fn the_page_gets_the_same_drawing_styled_by_classes() {
    let mut flow = Flow::new();
    flow.authorize(false);
    let consent = &flow.steps()[1];
    let page = step_body(consent, 0, Styling::Page, false);
    assert_eq!(page.matches("<g class=\"arrow ").count(), 3);
    assert!(page.contains(r#"class="arrow redirect error""#) && page.contains(r#"class="arrow response""#));
    assert!(page.contains("seq-band") && page.contains(MARK), "the stylesheet decides when they show");
    assert!(!page.contains("fill=\"#") && !page.contains("stroke=\"#"), "no colours: both themes come from the stylesheet");
    let file_body = step_body(consent, 0, Styling::File, false);
    assert!(!file_body.contains(MARK), "a file marks only highlighted steps");
    assert!(heads(Styling::Page).contains(r#"class="head head-server""#));
    assert_eq!(heads(Styling::File).matches("<text").count(), 3);
}

#[test]
fn a_placed_step_keeps_its_row_as_the_log_moves_on_and_a_new_one_goes_after_the_last() {
    let mut flow = Flow::new();
    let location = flow.authorize(true);
    flow.token(&location);
    let first = Placement::of(&flow.steps(), None);
    assert_eq!(first.rows.iter().map(|r| r.1).collect::<Vec<_>>(), [0, 2, 5]);
    assert_eq!((first.start, first.end), (0, 7));

    // The oldest dropped (as from a full log), one more sent: nothing moves.
    flow.send(Request::new("GET", "/info"), Origin::Console);
    let later = flow.steps()[1..].to_vec();
    let placed = Placement::of(&later, Some(&first));
    assert_eq!(placed.rows[..2], first.rows[1..], "the steps still in the log keep their rows");
    assert_eq!(placed.rows[2].1, 7, "the new one goes after the last");
    assert_eq!((placed.start, placed.end), (2, 7 + later[2].arrows.len()));
    assert_eq!(placed, Placement::of(&later, Some(&placed)), "placing again moves nothing");

    // Another log whose sequence numbers overlap (a reset server's, another
    // tab's): the same numbers sent at other times are other exchanges.
    let other: Vec<Step> = flow.steps().into_iter().map(|mut s| { s.at += 60_000; s }).collect();
    let replaced = Placement::of(&other, Some(&placed));
    assert!(replaced.rows.iter().all(|r| r.1 >= placed.end), "drawn anew, after everything before");
    assert_eq!(replaced.end - replaced.start, other.iter().map(|s| s.arrows.len()).sum::<usize>());

    let empty = Placement::of(&[], Some(&replaced));
    assert!(empty.rows.is_empty() && empty.start == empty.end);
}
