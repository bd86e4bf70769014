//! The sequence diagram as data: which lifeline sends each exchange and which
//! one hears the answer, the arrows' labels, and where everything sits.
//! Pure (no Leptos, no DOM), so it is tested natively: `panes/diagram.rs`
//! draws it on the page and [`svg`] writes it as a file.
//!
//! What an exchange was is read from its typed outcome and its status, never
//! from a body or a message: a 3xx answer to the browser that issued a code
//! or carries an error is the redirect back to the app's redirect URI.

use academy_engine::http::{path_of, status_text};
use academy_engine::{Change, Exchange, Origin, BASE_PATH};

pub mod svg;
#[cfg(test)]
mod tests;

/// The picture's width in SVG units (it scales to its box). Coordinates are
/// whole units: no float formatting in the wasm.
pub const WIDTH: i32 = 372;
/// One arrow per row.
pub const ROW: i32 = 30;
/// Space above the first row and below the last.
pub const PAD: i32 = 6;
/// The strip with the lifelines' names.
pub const HEAD: i32 = 34;
/// Half the width of a lifeline's name box.
pub const HEAD_HALF: i32 = 58;
/// Longest path shown for a route the catalogue does not know.
const PATH_CHARS: usize = 28;
/// A path segment longer than this is left out of a label: no route has one,
/// a pasted token or code does.
const SEGMENT_CHARS: usize = 20;
const METHOD_CHARS: usize = 10;
/// Average advance of a label character at the diagram's 12 px, in tenths
/// of a unit, to keep labels inside the picture.
const CHAR_TENTHS: i32 = 64;
const HEAD_LENGTH: i32 = 8;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lifeline {
    App,
    Browser,
    Server,
}

impl Lifeline {
    pub const ALL: [Lifeline; 3] = [Lifeline::App, Lifeline::Browser, Lifeline::Server];

    pub fn name(self) -> &'static str {
        match self {
            Lifeline::App => "Your app",
            Lifeline::Browser => "Browser (user)",
            Lifeline::Server => "Academy server",
        }
    }

    /// A name for styles.
    pub fn id(self) -> &'static str {
        match self {
            Lifeline::App => "app",
            Lifeline::Browser => "browser",
            Lifeline::Server => "server",
        }
    }

    /// Where the lifeline runs, in the order of the panes.
    pub fn x(self) -> i32 {
        match self {
            Lifeline::App => 62,
            Lifeline::Browser => 186,
            Lifeline::Server => 310,
        }
    }

    /// Who sends a request: the browser's navigations and the consent form
    /// come from the browser; the app, the console and an embedding page all
    /// speak from the app's side.
    pub fn sending(origin: Origin) -> Lifeline {
        match origin {
            Origin::Browser => Lifeline::Browser,
            Origin::App | Origin::Console | Origin::Host => Lifeline::App,
        }
    }
}

/// The sender's name in an exchange's accessible name, as the list says it.
fn sender_name(origin: Origin) -> &'static str {
    match origin {
        Origin::App => "app",
        Origin::Browser => "browser",
        Origin::Console => "console",
        Origin::Host => "host page",
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArrowKind {
    Request,
    Response,
    /// The browser follows a redirect to the app's redirect URI.
    Redirect,
}

impl ArrowKind {
    pub fn class(self) -> &'static str {
        match self {
            ArrowKind::Request => "request",
            ArrowKind::Response => "response",
            ArrowKind::Redirect => "redirect",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Arrow {
    pub from: Lifeline,
    pub to: Lifeline,
    pub kind: ArrowKind,
    pub label: String,
    pub error: bool,
}

/// Where an arrow is drawn, in SVG units.
#[derive(Clone, Debug, PartialEq)]
pub struct Geometry {
    pub x1: i32,
    /// Where the line stops, at the base of the head.
    pub x2: i32,
    pub y: i32,
    /// The head's triangle, as SVG `points`.
    pub head: String,
    pub label_x: i32,
    pub label_y: i32,
}

impl Arrow {
    /// The arrow on `row` (counted from the top of the rows).
    pub fn geometry(&self, row: usize) -> Geometry {
        let (x1, tip) = (self.from.x(), self.to.x());
        let toward = if tip >= x1 { 1 } else { -1 };
        let y = PAD + row_y(row) + ROW - 8;
        let base = tip - toward * HEAD_LENGTH;
        let head = format!("{tip},{y} {base},{} {base},{}", y - 4, y + 4);
        // Centred over the line, but never past the picture's edges.
        let chars = i32::try_from(self.label.chars().count()).unwrap_or(i32::MAX / CHAR_TENTHS);
        let half = chars.saturating_mul(CHAR_TENTHS) / 20;
        let middle = (x1 + tip) / 2;
        let label_x = if half * 2 + 8 >= WIDTH { WIDTH / 2 } else { middle.clamp(half + 4, WIDTH - half - 4) };
        Geometry { x1, x2: base, y, head, label_x, label_y: y - 6 }
    }
}

/// One exchange: its arrows (each on its own row) and its accessible name.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub seq: u64,
    /// When it was sent (simulated): with `seq`, which exchange this is
    /// (another tab's or a reset server's log reuses sequence numbers).
    pub at: i64,
    pub arrows: Vec<Arrow>,
    /// "#3 app → server POST /token, 200 OK"
    pub name: String,
    /// An error answer (4xx/5xx) or an error sent back to the redirect URI.
    pub error: bool,
}

impl Step {
    pub fn of(e: &Exchange) -> Step {
        let status = e.response.status;
        let sender = Lifeline::sending(e.origin);
        let method = method_label(&e.request.method);
        let path = route_label(e);
        let error_status = status >= 400;
        let answer = match note(e) {
            Some(note) => format!("{} · {note}", status_text(status)),
            None => status_text(status),
        };
        let mut arrows = vec![
            Arrow {
                from: sender,
                to: Lifeline::Server,
                kind: ArrowKind::Request,
                label: match e.origin {
                    Origin::Console | Origin::Host => format!("#{} {method} {path} ({})", e.seq, sender_name(e.origin)),
                    Origin::App | Origin::Browser => format!("#{} {method} {path}", e.seq),
                },
                error: false,
            },
            Arrow {
                from: Lifeline::Server,
                to: sender,
                kind: ArrowKind::Response,
                label: if error_status { format!("✕ {answer}") } else { answer.clone() },
                error: error_status,
            },
        ];
        let mut name = format!("#{} {} → server {method} {path}, {answer}", e.seq, sender_name(e.origin));
        if let Some(back) = redirect(e) {
            name.push_str(&format!(", then the browser follows the redirect to the app: {}", back.label));
            arrows.push(back);
        }
        let error = error_status || e.outcome.error.is_some();
        Step { seq: e.seq, at: e.at, arrows, name, error }
    }
}

/// The browser following a redirect to the app's redirect URI: a 3xx answer
/// to the browser that issued a code or sends an error back.
fn redirect(e: &Exchange) -> Option<Arrow> {
    let code = e.outcome.changed(|c| matches!(c, Change::CodeIssued { .. }));
    let error = e.outcome.error.is_some();
    let is_redirect = (300..400).contains(&e.response.status) && e.origin == Origin::Browser && (code || error);
    is_redirect.then(|| Arrow {
        from: Lifeline::Browser,
        to: Lifeline::App,
        kind: ArrowKind::Redirect,
        label: if error { "✕ redirect to redirect_uri (error)" } else { "redirect to redirect_uri (code)" }.into(),
        error,
    })
}

/// A word on what a successful answer brought, from the outcome.
fn note(e: &Exchange) -> Option<&'static str> {
    e.outcome.changes.iter().find_map(|c| match c {
        Change::ConsentOpened { .. } => Some("consent screen"),
        Change::TokensIssued { .. } => Some("tokens"),
        Change::ConnectionRemoved { .. } => Some("disconnected"),
        _ => None,
    })
}

fn method_label(method: &str) -> String {
    let method = method.trim().to_ascii_uppercase();
    if method.is_empty() {
        return "(no method)".into();
    }
    cut(&method, METHOD_CHARS)
}

/// The path a label shows: the route template (`/movies/{id}`), or for a
/// path nothing serves the path without its query, long segments (a pasted
/// token or code) left out, cut short.
pub fn route_label(e: &Exchange) -> String {
    if let Some(route) = &e.outcome.route {
        return route.clone();
    }
    let path = path_of(&e.request.url);
    let path = path.split(['?', '#']).next().unwrap_or("");
    let path = path.strip_prefix(BASE_PATH).unwrap_or(path);
    let segments: Vec<&str> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| if s.chars().count() > SEGMENT_CHARS { "…" } else { s })
        .collect();
    cut(&format!("/{}", segments.join("/")), PATH_CHARS)
}

/// `text` of at most `chars` characters, an ellipsis marking a cut.
fn cut(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        return text.to_string();
    }
    let mut kept: String = text.chars().take(chars.saturating_sub(1)).collect();
    kept.push('…');
    kept
}

/// Each step's first row, by seq (in log order, so seqs increase), and the
/// number of rows in all.
pub fn first_rows(steps: &[Step]) -> (Vec<(u64, usize)>, usize) {
    let mut row = 0;
    let firsts = steps
        .iter()
        .map(|s| {
            let first = row;
            row += s.arrows.len();
            (s.seq, first)
        })
        .collect();
    (firsts, row)
}

/// Rows that stay put as the log moves on, for the live diagram: a step
/// keeps the row it was first drawn at while it stays in the log, a new one
/// goes after the last, and the view shifts the whole drawing up by `start`
/// when the oldest are dropped. So a new exchange draws one group and moves
/// none (with a full log, moving every group on each exchange was the cost).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Placement {
    /// Each step's first row, by (seq, at), in log order.
    pub rows: Vec<((u64, i64), usize)>,
    /// The first step's row: what the view scrolls away.
    pub start: usize,
    /// The row after the last step.
    pub end: usize,
}

impl Placement {
    pub fn of(steps: &[Step], before: Option<&Placement>) -> Placement {
        let kept: std::collections::HashMap<(u64, i64), usize> = before.map(|b| b.rows.iter().copied().collect()).unwrap_or_default();
        let fresh_from = before.map_or(0, |b| b.end);
        let mut next = 0;
        let rows: Vec<((u64, i64), usize)> = steps
            .iter()
            .map(|s| {
                let key = (s.seq, s.at);
                // Kept where it was, unless that would break the order.
                let row = match kept.get(&key) {
                    Some(&row) if row >= next => row,
                    _ => next.max(fresh_from),
                };
                next = row + s.arrows.len();
                (key, row)
            })
            .collect();
        let start = rows.first().map_or(next.max(fresh_from), |r| r.1);
        Placement { rows, start, end: next.max(start) }
    }
}

/// The rows' height, lifelines included.
pub fn height(rows: usize) -> i32 {
    PAD * 2 + row_y(rows)
}

/// How far down row `row` starts, below the padding.
pub fn row_y(row: usize) -> i32 {
    i32::try_from(row).unwrap_or(i32::MAX / ROW).saturating_mul(ROW)
}

/// The band behind a step, for focus, hover and highlight: (y, height).
pub fn band(first_row: usize, arrows: usize) -> (i32, i32) {
    (PAD + row_y(first_row) + 1, row_y(arrows) - 2)
}

/// The visible cue beside a highlighted step (besides its stronger strokes).
pub const MARK: &str = "▶";

/// Where [`MARK`] sits: left of the app's lifeline, on the step's first row.
pub fn mark_at(first_row: usize) -> (i32, i32) {
    (6, PAD + row_y(first_row) + ROW - 4)
}

/// How a highlighted step's name ends, for screen readers.
pub const HIGHLIGHTED: &str = " (highlighted)";

/// The diagram's description, for its `<desc>` and the file.
pub const DESCRIPTION: &str = "Three lifelines: Your app, Browser (user) and Academy server. Each exchange in the log is a request arrow to the server and a response arrow back; the browser then follows a redirect to the app's redirect URI. Errors are marked with ✕.";
