//! Lesson packs: the JSON format course authors write, which the built-in
//! lessons use too (`builtin.json`). A pack is read in two passes:
//! `FromJson` reads the shapes, naming the JSON path of a wrong one; then
//! `check` looks at what shapes cannot (known names, ids, references). Every fault is
//! collected with its path, so an author sees all of them at once.

use academy_json::FromJson;
use serde_json::Value;

use academy_engine::outcome::{Change, Grant, TokenProblem};
use academy_engine::{catalog, Account, ErrorKind};

/// The pack format this playground reads.
pub const FORMAT: u64 = 1;
/// The largest pack read, in bytes: lessons are text, not media.
pub const PACK_LIMIT: usize = 256 * 1024;
/// The longest text a pack may hold in one field.
const TEXT_LIMIT: usize = 2_000;
const ID_LIMIT: usize = 40;

/// The pack, as read.
#[derive(Clone, Debug, PartialEq)]
pub struct Pack {
    pub title: String,
    /// Its lessons replace the built-in ones instead of joining them.
    pub replace: bool,
    pub settings: PackSettings,
    pub lessons: Vec<Lesson>,
}

/// What a pack may set up, named as the URL parameters are.
#[derive(Clone, Debug, Default, PartialEq, FromJson)]
#[serde(deny_unknown_fields)]
pub struct PackSettings {
    pub panes: Option<String>,
    pub account: Option<Account>,
    pub expires_in: Option<u32>,
    pub refresh_expires_in: Option<u32>,
    pub code_expires_in: Option<u32>,
}

impl PackSettings {
    /// The same settings as URL parameters, so they are read (and limited)
    /// by the one parser the page's URL goes through.
    pub fn as_query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(panes) = &self.panes {
            parts.push(format!("panes={}", academy_engine::http::percent_encode(panes)));
        }
        if let Some(account) = self.account {
            parts.push(format!("account={}", account.slug()));
        }
        for (name, minutes) in
            [("expires_in", self.expires_in), ("refresh_expires_in", self.refresh_expires_in), ("code_expires_in", self.code_expires_in)]
        {
            if let Some(m) = minutes {
                parts.push(format!("{name}={m}"));
            }
        }
        parts.join("&")
    }
}

#[derive(Clone, Debug, PartialEq, FromJson)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    pub id: String,
    pub title: String,
    pub intro: String,
    /// What the learner can explain once every step is done.
    pub learned: String,
    #[serde(default)]
    pub order: Order,
    pub steps: Vec<Step>,
}

/// Whether steps must be done one after another.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, FromJson)]
#[serde(rename_all = "kebab-case")]
pub enum Order {
    /// Each step counts only after the previous one is done.
    #[default]
    InOrder,
    /// Steps count in any order (a step's `after` still applies).
    Any,
}

#[derive(Clone, Debug, PartialEq, FromJson)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: String,
    pub goal: String,
    pub hint: String,
    /// The step counts only after this step of the same lesson is done.
    #[serde(default)]
    pub after: Option<String>,
    /// An exchange that does the step.
    pub check: Check,
    /// More exchanges the step needs, each its own (in any order).
    #[serde(default)]
    pub also: Vec<Check>,
}

impl Step {
    /// Every check of the step: `check`, then `also`.
    pub fn checks(&self) -> impl Iterator<Item = &Check> {
        std::iter::once(&self.check).chain(&self.also)
    }
}

/// A condition on one exchange's outcome; every field given must hold.
#[derive(Clone, Debug, Default, PartialEq, FromJson)]
#[serde(deny_unknown_fields)]
pub struct Check {
    /// `GET`, `POST`, …
    pub method: Option<String>,
    /// A catalogue route template: `/token`, `/movies/{id}`.
    pub route: Option<String>,
    pub status: Option<u16>,
    /// Answered below 400.
    pub ok: Option<bool>,
    /// An API call (sent with a bearer token), not an OAuth step.
    pub api: Option<bool>,
    /// An error kind: `missing-scope`, `code-used`, …
    pub error: Option<String>,
    /// Why a bearer token was refused: `expired`, `unknown`, …
    pub problem: Option<String>,
    /// A change on the server: `tokens-issued`, `connection-replaced`, …
    pub change: Option<String>,
    pub grant: Option<Grant>,
    /// The account the exchange was about.
    pub account: Option<Account>,
    /// The same method and route as the exchange that did this step of the lesson.
    pub like: Option<String>,
}

impl Check {
    fn is_empty(&self) -> bool {
        *self == Check::default()
    }
}

/// Something wrong in a pack, where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fault {
    /// A JSON path: `lessons[1].steps[0].check.error`.
    pub path: String,
    pub reason: String,
}

impl Fault {
    fn new(path: impl Into<String>, reason: impl Into<String>) -> Self {
        Fault { path: path.into(), reason: reason.into() }
    }
}

impl std::fmt::Display for Fault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

/// The pack's outer shape; lessons are read one by one.
#[derive(FromJson)]
#[serde(deny_unknown_fields)]
struct Outline {
    /// An editor's pointer to the JSON Schema; not read.
    #[serde(rename = "$schema", default)]
    _schema: Option<String>,
    format: u64,
    title: String,
    #[serde(default)]
    replace: bool,
    #[serde(default)]
    settings: PackSettings,
    lessons: Vec<Value>,
}

/// Reads a pack from its text; `Err` lists every fault found.
pub fn parse(text: &str) -> Result<Pack, Vec<Fault>> {
    if text.len() > PACK_LIMIT {
        return Err(vec![Fault::new(
            "$",
            format!(
                "the pack is {}, more than the {} a pack may be.",
                academy_engine::http::bytes_in_words(text.len()),
                academy_engine::http::bytes_in_words(PACK_LIMIT)
            ),
        )]);
    }
    let value: Value = serde_json::from_str(text)
        .map_err(|e| vec![Fault::new("$", format!("not JSON (line {}, column {}): {}", e.line(), e.column(), short_reason(&e)))])?;
    let outline: Outline = read(&value, "")?;
    let mut faults = Vec::new();
    if outline.format != FORMAT {
        faults.push(Fault::new("format", format!("this playground reads format {FORMAT}.")));
    }
    text_field(&mut faults, "title", &outline.title);
    // Read as the URL's parameters are, with the same limits.
    for note in crate::config::Config::from_query(&outline.settings.as_query()).notes {
        faults.push(Fault::new("settings", note));
    }
    if outline.lessons.is_empty() {
        faults.push(Fault::new("lessons", "a pack needs at least one lesson."));
    }
    let mut lessons = Vec::new();
    for (i, raw) in outline.lessons.iter().enumerate() {
        let path = format!("lessons[{i}]");
        match read::<Lesson>(raw, &path) {
            Ok(lesson) => {
                check_lesson(&mut faults, &path, &lesson);
                if lessons.iter().any(|l: &Lesson| l.id == lesson.id) {
                    faults.push(Fault::new(format!("{path}.id"), format!("another lesson is already called {}.", lesson.id)));
                }
                lessons.push(lesson);
            }
            Err(mut f) => faults.append(&mut f),
        }
    }
    if faults.is_empty() {
        Ok(Pack { title: outline.title, replace: outline.replace, settings: outline.settings, lessons })
    } else {
        Err(faults)
    }
}

/// serde's reason without its own position (the path says where).
fn short_reason(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// Reads `value` as a `T`, naming the path of the first wrong shape.
fn read<T: FromJson>(value: &Value, prefix: &str) -> Result<T, Vec<Fault>> {
    academy_json::from_value(value).map_err(|e| {
        let inner = e.path().to_string();
        let path = match (prefix.is_empty(), inner.as_str()) {
            (true, "") => "$".to_string(),
            (true, _) => inner,
            (false, "") => prefix.to_string(),
            (false, _) if inner.starts_with('[') => format!("{prefix}{inner}"),
            (false, _) => format!("{prefix}.{inner}"),
        };
        vec![Fault::new(path, e.message())]
    })
}

fn text_field(faults: &mut Vec<Fault>, path: &str, text: &str) {
    if text.trim().is_empty() {
        faults.push(Fault::new(path, "must not be empty."));
    } else if text.chars().count() > TEXT_LIMIT {
        faults.push(Fault::new(path, format!("is longer than {TEXT_LIMIT} characters.")));
    }
}

fn id_field(faults: &mut Vec<Fault>, path: &str, id: &str) {
    let ok = !id.is_empty() && id.len() <= ID_LIMIT && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !ok {
        faults.push(Fault::new(path, format!("use up to {ID_LIMIT} letters, digits, - or _.")));
    }
}

fn check_lesson(faults: &mut Vec<Fault>, path: &str, lesson: &Lesson) {
    id_field(faults, &format!("{path}.id"), &lesson.id);
    for (name, text) in [("title", &lesson.title), ("intro", &lesson.intro), ("learned", &lesson.learned)] {
        text_field(faults, &format!("{path}.{name}"), text);
    }
    if lesson.steps.is_empty() {
        faults.push(Fault::new(format!("{path}.steps"), "a lesson needs at least one step."));
    }
    for (i, step) in lesson.steps.iter().enumerate() {
        let path = format!("{path}.steps[{i}]");
        id_field(faults, &format!("{path}.id"), &step.id);
        text_field(faults, &format!("{path}.goal"), &step.goal);
        text_field(faults, &format!("{path}.hint"), &step.hint);
        let earlier = &lesson.steps[..i];
        if earlier.iter().any(|s| s.id == step.id) {
            faults.push(Fault::new(format!("{path}.id"), format!("another step is already called {}.", step.id)));
        }
        if let Some(after) = &step.after {
            if !earlier.iter().any(|s| &s.id == after) {
                faults.push(Fault::new(format!("{path}.after"), format!("{after} is not an earlier step of this lesson.")));
            }
        }
        for (j, check) in step.checks().enumerate() {
            let path = if j == 0 { format!("{path}.check") } else { format!("{path}.also[{}]", j - 1) };
            check_check(faults, &path, check, earlier);
        }
    }
}

fn known(faults: &mut Vec<Fault>, path: String, given: &Option<String>, names: &[&str], what: &str) {
    if let Some(name) = given {
        if !names.contains(&name.as_str()) {
            faults.push(Fault::new(path, format!("{name} is not {what}; use one of {}.", names.join(", "))));
        }
    }
}

fn check_check(faults: &mut Vec<Fault>, path: &str, check: &Check, earlier: &[Step]) {
    if check.is_empty() {
        faults.push(Fault::new(path, "a check needs at least one condition, or it would match any exchange."));
    }
    known(faults, format!("{path}.error"), &check.error, &ErrorKind::NAMES, "an error kind");
    known(faults, format!("{path}.problem"), &check.problem, &TokenProblem::NAMES, "a token problem");
    known(faults, format!("{path}.change"), &check.change, &Change::NAMES, "a change");
    if let Some(route) = &check.route {
        if !catalog::ENDPOINTS.iter().any(|e| e.route == route) {
            faults.push(Fault::new(format!("{path}.route"), format!("{route} is not a route of the API (write it as /movies/{{id}}).")));
        }
    }
    if let Some(method) = &check.method {
        if !catalog::ENDPOINTS.iter().any(|e| e.method == method) {
            faults.push(Fault::new(format!("{path}.method"), format!("{method} is not a method of the API.")));
        }
    }
    if let Some(like) = &check.like {
        if !earlier.iter().any(|s| &s.id == like) {
            faults.push(Fault::new(format!("{path}.like"), format!("{like} is not an earlier step of this lesson.")));
        }
    }
}

/// The lessons that come with the playground.
pub fn builtin() -> Pack {
    // Tested to parse (lessons::tests): a fault here is a build-time mistake.
    parse(include_str!("builtin.json")).unwrap_or_else(|_| Pack {
        title: String::new(),
        replace: false,
        settings: PackSettings::default(),
        lessons: Vec::new(),
    })
}
