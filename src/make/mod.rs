//! The Make connection: the learner's communication JSON run by
//! `academy-connection` against the playground's engine. The runner's own
//! requests are followed like every other exchange (lessons, embedding page);
//! its consent screen is the Browser pane's, and the callback it lands on
//! resumes the runner instead of the app's flow. Its text and, once
//! connected, the connection are saved with the playground.

pub mod lines;

use leptos::prelude::*;

use crate::flow::FlowDataStoreFields;

use academy_connection::{Choice, Code, Diagnostic, Inputs, Progress, Report, Runner, SavedConnection, Severity, Use, TEMPLATES};
use academy_engine::outcome::Change;
use academy_engine::{Engine, Entropy, Exchange, Millis};

use crate::config::Pane;
use crate::entropy::CryptoEntropy;
use crate::flow::machine::{Purpose, BROWSER_HEADING};
use crate::flow::{BrowserPage, Callback};
use crate::playground::{focus_later, Playground};

/// Where the connection stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Idle,
    /// The Browser pane shows the consent screen; its callback resumes the runner.
    AwaitingConsent,
    Connected,
    Failed,
}

/// What the Make connection pane and the console share.
#[derive(Clone, Copy)]
pub struct MakeConnection {
    pub text: RwSignal<String>,
    pub report: RwSignal<Option<Report>>,
    pub stage: RwSignal<Stage>,
    /// What the last Use did, in words.
    pub last_use: RwSignal<Option<String>>,
    /// The callback URL the runner took, so the Browser pane says whose it is.
    pub callback: RwSignal<Option<String>>,
    /// The runner's connection as saved (`None`: nothing connected).
    pub saved: RwSignal<Option<SavedConnection>>,
    runner: StoredValue<Option<Runner>, LocalStorage>,
}

/// What the playground saves of the Make connection.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SavedMake {
    /// The editor's text (`None`: the template).
    pub text: Option<String>,
    pub connection: Option<SavedConnection>,
}

/// The text a new playground starts with: the right connection.
pub fn default_text() -> String {
    TEMPLATES.first().map(|t| t.text.to_string()).unwrap_or_default()
}

/// A report that only refuses: `ok: false` with one diagnostic.
pub fn refusal(code: Code, message: impl Into<String>) -> Report {
    let diagnostic = Diagnostic { code, severity: Severity::Error, section: None, path: None, message: message.into() };
    Report { ok: false, diagnostics: vec![diagnostic], ..Report::default() }
}

impl MakeConnection {
    pub fn new(text: Option<String>) -> Self {
        MakeConnection {
            text: RwSignal::new(text.unwrap_or_else(default_text)),
            report: RwSignal::new(None),
            stage: RwSignal::new(Stage::Idle),
            last_use: RwSignal::new(None),
            callback: RwSignal::new(None),
            saved: RwSignal::new(None),
            runner: StoredValue::new_local(None),
        }
    }

    /// Takes a saved text (`None`: the template).
    fn adopt_text(&self, text: Option<String>) {
        let text = text.unwrap_or_else(default_text);
        if self.text.with_untracked(|t| *t != text) {
            self.text.set(text);
        }
    }

    /// Drops the connection (its server was replaced); the text stays.
    pub fn forget(&self) {
        self.runner.set_value(None);
        self.report.set(None);
        self.stage.set(Stage::Idle);
        self.last_use.set(None);
        self.callback.set(None);
        self.saved.set(None);
    }

    /// The report as it stands, or why there is none.
    pub fn current_report(&self) -> Report {
        self.report.get_untracked().unwrap_or_else(nothing_connected)
    }
}

/// Takes what a save holds: the text, and the connection carried on by a
/// new runner against the playground's engine (unless it is the one this tab runs).
pub fn adopt(pg: &Playground, saved: SavedMake) {
    let make = pg.make;
    make.adopt_text(saved.text);
    if make.saved.with_untracked(|s| *s == saved.connection) {
        return;
    }
    let runner = saved.connection.as_ref().and_then(|c| pg.engine.with_untracked(|engine| Runner::restore(c, engine)));
    let Some(runner) = runner else {
        make.forget();
        return;
    };
    make.report.set(Some(runner.report()));
    make.runner.set_value(Some(runner));
    make.stage.set(Stage::Connected);
    make.last_use.set(None);
    make.callback.set(None);
    make.saved.set(saved.connection);
}

fn nothing_connected() -> Report {
    refusal(Code::ReauthorizeNeeded, "Nothing is connected yet: press Connect in the Make connection pane, or call academy.connection.run(text).")
}

/// Runs `act` on the runner with the engine at the simulated time, then
/// shows its report and follows each exchange it logged.
fn with_runner<R>(pg: &Playground, act: impl FnOnce(&mut Runner, &mut Engine, Millis, &mut dyn Entropy) -> R) -> Option<R> {
    let make = pg.make;
    let mut runner = make.runner.try_update_value(Option::take).flatten()?;
    let since = pg.last_seq();
    let now = pg.clock.now();
    let out = pg.engine.try_update(|engine| act(&mut runner, engine, now, &mut CryptoEntropy));
    make.report.set(Some(runner.report()));
    let saved = runner.saved();
    if make.saved.with_untracked(|s| *s != saved) {
        make.saved.set(saved);
    }
    make.runner.set_value(Some(runner));
    pg.follow_since(since);
    out
}

/// A new runner for the editor's text (the registered client's credentials).
fn start(pg: &Playground) {
    let text = pg.make.text.get_untracked();
    let runner = pg.engine.with_untracked(|engine| Runner::new(&text, Inputs::default(), engine));
    pg.make.runner.set_value(Some(runner));
    pg.make.last_use.set(None);
    pg.make.callback.set(None);
}

fn settle(pg: &Playground, progress: Option<Progress>) {
    let (stage, said) = match progress {
        Some(Progress::NeedsConsent { .. }) => (Stage::AwaitingConsent, "The Make connection opened the consent screen in the Browser pane."),
        Some(Progress::Connected) => (Stage::Connected, "The Make connection is connected."),
        _ => (Stage::Failed, "The Make connection failed: see its diagnostics."),
    };
    pg.make.stage.set(stage);
    pg.announce(said);
}

/// Connect: the authorize URL opens in the Browser pane, where the learner decides.
pub fn connect(pg: &Playground) {
    start(pg);
    let progress = with_runner(pg, |runner, engine, now, entropy| runner.connect(engine, now, entropy));
    if let Some(Progress::NeedsConsent { url }) = &progress {
        if !pg.shows(Pane::Browser) {
            pg.ui.panes.update(|panes| panes.push(Pane::Browser));
        }
        pg.make.stage.set(Stage::AwaitingConsent);
        crate::actions::browser::navigate(pg, url);
        if pg.make.stage.get_untracked() == Stage::AwaitingConsent {
            pg.announce("The Make connection opened the consent screen in the Browser pane: choose the account and scopes, then Allow.");
        }
        return;
    }
    settle(pg, progress);
}

/// A whole connect without the learner: the console's `run`.
pub fn run(pg: &Playground, text: String, choice: &Choice) -> Report {
    pg.make.text.set(text);
    start(pg);
    let progress = with_runner(pg, |runner, engine, now, entropy| academy_connection::connect(runner, choice, engine, now, entropy));
    settle(pg, progress);
    pg.make.current_report()
}

/// Takes the Browser pane's answer while the runner waits for consent: a
/// redirect resumes the runner; an error page resumes it with nothing (the
/// outcome says why) and still shows. `true`: the app's flow must not see it.
pub fn takes_browser_answer(pg: &Playground, purpose: Purpose, exchange: &Exchange) -> bool {
    let waiting = pg.make.stage.get_untracked() == Stage::AwaitingConsent;
    let authorize = exchange.outcome.is("/authorize");
    if !waiting || !authorize || !matches!(purpose, Purpose::Navigate | Purpose::Consent) {
        return false;
    }
    if exchange.outcome.changed(|c| matches!(c, Change::ConsentOpened { .. })) {
        return false;
    }
    let response = &exchange.response;
    let location = response.header_value("location").filter(|_| (300..400).contains(&response.status)).map(str::to_string);
    let Some(location) = location else {
        let progress = with_runner(pg, |runner, engine, now, entropy| runner.resume(engine, "", now, entropy));
        settle(pg, progress.filter(|p| *p != Progress::Connected).or(Some(Progress::Failed)));
        return false;
    };
    // The browser lands on Make's callback; the connection (not the app) reads it.
    pg.flow.browser_url().set(location.clone());
    pg.flow.browser_page().set(BrowserPage::Callback(Callback::parse(&location, pg.clock.now(), exchange.outcome.error.clone())));
    pg.make.callback.set(Some(location.clone()));
    let progress = with_runner(pg, |runner, engine, now, entropy| runner.resume(engine, &location, now, entropy));
    settle(pg, progress);
    focus_later(BROWSER_HEADING);
    true
}

/// Before a call: refresh when the connection says so, or ask to reauthorize.
pub fn use_connection(pg: &Playground) -> Report {
    let result = with_runner(pg, |runner, engine, now, entropy| runner.use_connection(engine, now, entropy));
    let Some(result) = result else { return nothing_connected() };
    let said = match result {
        Use::Fresh => "Use: the token is fresh, nothing was sent.",
        Use::Refreshed => "Use: the connection refreshed its tokens.",
        Use::ReauthorizeNeeded => "Use: the connection expired; Make would ask the user to reauthorize.",
        Use::Failed => "Use failed: see the diagnostics.",
    };
    pg.make.last_use.set(Some(said.into()));
    pg.announce(said);
    pg.make.current_report()
}

pub fn invalidate(pg: &Playground) -> Report {
    let Some(done) = with_runner(pg, |runner, engine, now, entropy| runner.invalidate(engine, now, entropy)) else {
        return nothing_connected();
    };
    pg.make.stage.set(if done { Stage::Idle } else { Stage::Failed });
    pg.announce(if done { "The Make connection was invalidated." } else { "Invalidate failed: see the diagnostics." });
    pg.make.current_report()
}
