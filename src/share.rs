//! Share links: a URL that rebuilds a situation on another machine without
//! any secret. It carries the settings (the URL parameters `config.rs`
//! reads), the open lesson and its step, the clock's lead on real time
//! (and whether it stands still) and the composer's request, with every token, code and credential replaced by
//! a placeholder (`{{access_token}}`). The receiver boots as usual (its own
//! registration) and applies what the link carried; the page says what that
//! was. Pure, with native tests; the dialog and the console call these.

use academy_engine::http::with_query;
use academy_engine::{Account, Engine, Settings};

use crate::config::{Config, Pane, Theme, MAX_SHARED_BODY};
use crate::flow::{BrowserPage, FlowData};
use crate::lessons::Library;

/// What a link rebuilds, read from the sender's playground.
#[derive(Clone, Debug, PartialEq)]
pub struct Situation {
    pub panes: Vec<Pane>,
    pub theme: Theme,
    /// The account picked on the consent screen.
    pub account: String,
    pub settings: Settings,
    pub pack: Option<String>,
    pub lesson: Option<String>,
    pub step: Option<String>,
    pub clock_offset_ms: i64,
    /// The clock stands still (the receiver's stands still too, at the same lead).
    pub clock_paused: bool,
    pub api_method: String,
    pub api_path: String,
    pub api_body: String,
    /// A hand-edited authorization header (`None`: the held token).
    pub api_auth: Option<String>,
}

/// The shortest value treated as a secret wherever it appears.
const SHORTEST_SECRET: usize = 8;
/// A run of this many hex digits is taken for an issued value and replaced
/// even when it is not one of the known ones (a token from an older
/// connection, one typed in upper case). Every value the engine issues is
/// 32 hex digits or more; resource ids are 12.
const HEX_RUN: usize = 24;

/// The secrets of a playground, each with the placeholder that replaces it.
#[derive(Clone, Debug, Default)]
pub struct Secrets {
    known: Vec<(String, &'static str)>,
}

impl Secrets {
    pub fn add(&mut self, value: &str, placeholder: &'static str) {
        if value.len() >= SHORTEST_SECRET && !self.known.iter().any(|(v, _)| v == value) {
            self.known.push((value.to_string(), placeholder));
        }
    }

    /// Everything the engine issued and the registration holds, and what the
    /// app and its browser received, at the simulated time `now`.
    pub fn of(engine: &Engine, flow: &FlowData, now: i64) -> Self {
        let mut secrets = Secrets::default();
        if let Some(client) = engine.client() {
            secrets.add(&client.client_secret, "{{client_secret}}");
            secrets.add(&client.client_id, "{{client_id}}");
            secrets.add(&client.api_key, "{{api_key}}");
        }
        let view = engine.view(now);
        for code in &view.codes {
            secrets.add(&code.code, "{{code}}");
        }
        for held in flow.held.iter().chain(&flow.previous) {
            secrets.add(&held.access_token, "{{access_token}}");
            secrets.add(&held.refresh_token, "{{refresh_token}}");
        }
        for connection in &view.connections {
            secrets.add(&connection.access_token, "{{access_token}}");
            secrets.add(&connection.refresh_token, "{{refresh_token}}");
        }
        if let Some(code) = flow.callback.as_ref().and_then(|c| c.code()) {
            secrets.add(&code, "{{code}}");
        }
        if let BrowserPage::Consent(screen) = &flow.browser_page {
            secrets.add(&screen.ticket, "{{ticket}}");
        }
        secrets.add(&flow.state_param, "{{state}}");
        secrets
    }

    /// `text` with every secret replaced by its placeholder, the longest
    /// first, then any long run of hex digits by `{{secret}}`.
    pub fn scrub(&self, text: &str) -> String {
        let mut known: Vec<&(String, &str)> = self.known.iter().collect();
        academy_engine::small_sort::sort_by_key(&mut known, |(v, _)| std::cmp::Reverse(v.len()));
        let mut out = text.to_string();
        for (value, placeholder) in known {
            if out.contains(value.as_str()) {
                out = out.replace(value.as_str(), placeholder);
            }
        }
        hex_runs_replaced(&out)
    }

    /// An authorization header: Basic credentials are left out whole.
    pub fn scrub_auth(&self, header: &str) -> String {
        let trimmed = header.trim_start();
        match trimmed.get(..6) {
            Some(scheme) if scheme.eq_ignore_ascii_case("basic ") => format!("{}{{{{client_credentials}}}}", &trimmed[..6]),
            _ => self.scrub(header),
        }
    }
}

/// Runs of `HEX_RUN` hex digits or more become `{{secret}}`.
fn hex_runs_replaced(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.len() >= HEX_RUN {
            out.push_str("{{secret}}");
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if c.is_ascii_hexdigit() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// A share link, and what was left out of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub url: String,
    /// What the link could not carry, in words (a body too long for a URL).
    pub left_out: Vec<String>,
}

/// The link for `situation` on the page at `base` (origin and path, no
/// query), with every secret in `secrets` replaced.
pub fn link(base: &str, situation: &Situation, secrets: &Secrets) -> Link {
    let mut params: Vec<(&str, String)> = vec![("shared", "1".into())];
    let mut left_out = Vec::new();
    if situation.panes != Pane::ALL {
        params.push(("panes", situation.panes.iter().map(|p| p.param()).collect::<Vec<_>>().join(",")));
    }
    if let Some(theme) = situation.theme.name() {
        params.push(("theme", theme.into()));
    }
    if let Some(account) = Account::from_slug(&situation.account).filter(|a| *a != Account::John) {
        params.push(("account", account.slug().into()));
    }
    if situation.settings != Settings::default() {
        params.push(("expires_in", situation.settings.access_minutes.to_string()));
        params.push(("refresh_expires_in", situation.settings.refresh_minutes.to_string()));
        params.push(("code_expires_in", situation.settings.code_minutes.to_string()));
    }
    if let Some(pack) = &situation.pack {
        params.push(("pack", pack.clone()));
    }
    if let Some(lesson) = &situation.lesson {
        params.push(("lesson", lesson.clone()));
        if let Some(step) = &situation.step {
            params.push(("step", step.clone()));
        }
    }
    if situation.clock_offset_ms >= 1_000 {
        params.push(("clock", minutes(situation.clock_offset_ms)));
    }
    if situation.clock_paused {
        params.push(("paused", "1".into()));
    }
    params.push(("api_method", situation.api_method.trim().to_ascii_uppercase()));
    params.push(("api_path", secrets.scrub(situation.api_path.trim())));
    if !situation.api_body.trim().is_empty() {
        let body = secrets.scrub(&situation.api_body);
        if body.chars().count() <= MAX_SHARED_BODY {
            params.push(("api_body", body));
        } else {
            left_out.push(format!("the composer's body (longer than {MAX_SHARED_BODY} characters)"));
        }
    }
    if let Some(auth) = &situation.api_auth {
        let auth = secrets.scrub_auth(auth);
        // The held token's header is what the receiver sends anyway.
        if auth.trim() != "Bearer {{access_token}}" {
            params.push(("api_auth", auth));
        }
    }
    let pairs: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
    Link { url: with_query(base, &pairs), left_out }
}

/// Whole minutes as `65`, else minutes to the second as `65.5` (never
/// negative: a clock behind real time is shared as real time).
fn minutes(ms: i64) -> String {
    let seconds = (ms.max(0) + 500) / 1_000;
    let (whole, rest) = (seconds / 60, seconds % 60);
    if rest == 0 {
        return whole.to_string();
    }
    // Thousandths of a minute, rounded: close to the second.
    let thousandths = (rest * 1_000 + 30) / 60;
    if thousandths >= 1_000 {
        return (whole + 1).to_string();
    }
    let text = format!("{whole}.{thousandths:03}");
    text.trim_end_matches('0').to_string()
}

/// What a share link carried, in words, for the note on the page that
/// opened it (empty for a page not opened from one). Lessons and steps are
/// named by their titles where `library` knows them, else by id.
pub fn describe(config: &Config, library: &Library) -> Vec<String> {
    let shared = &config.shared;
    if !shared.link {
        return Vec::new();
    }
    let mut lines = Vec::new();
    if let Some(s) = config.settings {
        lines.push(format!(
            "Lifetimes: access tokens {} min, refresh tokens {} min, codes {} min.",
            s.access_minutes, s.refresh_minutes, s.code_minutes
        ));
    }
    if config.panes != Pane::ALL {
        lines.push(format!("Panes: {}.", config.panes.iter().map(|p| p.title()).collect::<Vec<_>>().join(", ")));
    }
    if let Some(theme) = config.theme.name() {
        lines.push(format!("Theme: {theme}."));
    }
    if let Some(account) = config.account {
        lines.push(format!("Account on the consent screen: {}.", account.name()));
    }
    if let Some(pack) = &config.pack {
        lines.push(format!("Lesson pack: {}.", academy_engine::http::shorten(pack, 60)));
    }
    if let Some(id) = &config.lesson {
        let lesson = library.get(id);
        let title = lesson.map_or(id.as_str(), |l| l.title.as_str());
        match &shared.step {
            Some(step) => {
                let goal = lesson.and_then(|l| l.steps.iter().find(|s| &s.id == step)).map_or(step.as_str(), |s| s.goal.as_str());
                lines.push(format!("Lesson: {title}, at the step “{goal}”."));
            }
            None => lines.push(format!("Lesson: {title}.")),
        }
    }
    match (shared.clock_offset_ms.filter(|ms| *ms > 0), shared.clock_paused) {
        (Some(ms), paused) => {
            lines.push(format!("Clock: {} ahead of real time{}.", crate::clock::span_words(ms), if paused { ", paused" } else { "" }))
        }
        (None, true) => lines.push("Clock: paused.".into()),
        (None, false) => {}
    }
    if let (Some(method), Some(path)) = (&shared.api_method, &shared.api_path) {
        let body = shared.api_body.as_deref().is_some_and(|b| !b.trim().is_empty());
        let auth = shared.api_auth.is_some();
        lines.push(format!(
            "The composer's request: {method} {}{}{}.",
            academy_engine::http::shorten(path, 80),
            if body { ", with its body" } else { "" },
            if auth { ", with a hand-written authorization header" } else { "" },
        ));
    }
    lines
}

/// The parameters only a share link sets, applied once at boot.
const ONCE: [&str; 8] = ["shared", "step", "clock", "paused", "api_method", "api_path", "api_body", "api_auth"];

/// The page's query (`?…`) without the parameters applied once, or `None`
/// when it has none of them (nothing to change in the address).
pub fn without_shared(search: &str) -> Option<String> {
    let query = search.trim_start_matches('?');
    let parts: Vec<&str> = query.split('&').filter(|p| !p.is_empty()).collect();
    let name = |part: &str| academy_engine::http::percent_decode(part.split('=').next().unwrap_or(""), true);
    let kept: Vec<&str> = parts.iter().copied().filter(|p| !ONCE.contains(&name(p).as_str())).collect();
    if kept.len() == parts.len() {
        return None;
    }
    Some(if kept.is_empty() { String::new() } else { format!("?{}", kept.join("&")) })
}

#[cfg(test)]
mod tests;
