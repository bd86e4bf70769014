//! The diagram's drawing as SVG markup, written once for two uses: on the
//! page (styled by `style/diagram.css`, both themes) and as a standalone
//! file for slides (every style inline, light colours). Every text is
//! escaped here.

use std::fmt::Write;

use super::{band, first_rows, height, mark_at, ArrowKind, Lifeline, Step, DESCRIPTION, HEAD, HEAD_HALF, HIGHLIGHTED, MARK, WIDTH};

const FONT: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
const BACKGROUND: &str = "#ffffff";
const LIFELINE: &str = "#b8bfc9";
const HIGHLIGHT: &str = "#efe8fd";

/// Who styles the markup.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Styling {
    /// Classes, for the page's stylesheet.
    Page,
    /// Inline attributes, for a file read anywhere.
    File,
}

/// The colour of an arrow and its label in a file.
fn colour(kind: ArrowKind, error: bool) -> &'static str {
    match (kind, error) {
        (_, true) => "#b3261e",
        (ArrowKind::Request, _) => "#1a1e24",
        (ArrowKind::Response, _) => "#56606c",
        (ArrowKind::Redirect, _) => "#1b4fc2",
    }
}

/// The line's dash pattern: requests solid, answers dashed, the redirect
/// dotted (the page uses the same, from `style/diagram.css`).
pub fn dashes(kind: ArrowKind) -> Option<&'static str> {
    match kind {
        ArrowKind::Request => None,
        ArrowKind::Response => Some("6 4"),
        ArrowKind::Redirect => Some("2 3"),
    }
}

fn lifeline_colour(lifeline: Lifeline) -> &'static str {
    match lifeline {
        Lifeline::App => "#6b2bd6",
        Lifeline::Browser => "#1b4fc2",
        Lifeline::Server => "#7a1fc4",
    }
}

/// Text safe inside an element or a double-quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// The lifelines' names in their boxes.
pub fn heads(styling: Styling) -> String {
    let mut out = String::new();
    for lifeline in Lifeline::ALL {
        let x = lifeline.x();
        let (open, rect, text) = match styling {
            Styling::Page => (format!(r#"<g class="head head-{}">"#, lifeline.id()), String::new(), String::new()),
            Styling::File => {
                let c = lifeline_colour(lifeline);
                (
                    "<g>".to_string(),
                    format!(r#" fill="{BACKGROUND}" stroke="{c}" stroke-width="1.5""#),
                    format!(r#" font-size="11.5" font-weight="600" fill="{c}""#),
                )
            }
        };
        let _ = write!(
            out,
            r#"{open}<rect x="{}" y="4" width="{}" height="24" rx="6"{rect}/><text x="{x}" y="20" text-anchor="middle"{text}>{}</text></g>"#,
            x - HEAD_HALF,
            HEAD_HALF * 2,
            escape(lifeline.name())
        );
    }
    out
}

/// One step's band (focus, hover, highlight), its ▶ mark and its arrows,
/// from row `first`. On the page the stylesheet shows the band and the mark
/// when wanted; in a file they are drawn only for a highlighted (`strong`) step.
pub fn step_body(step: &Step, first: usize, styling: Styling, strong: bool) -> String {
    let mut out = String::new();
    let (y, h) = band(first, step.arrows.len());
    let (mx, my) = mark_at(first);
    match styling {
        Styling::Page => {
            let _ = write!(
                out,
                r#"<rect class="seq-band" x="2" y="{y}" width="{}" height="{h}" rx="6"/><text class="seq-mark" x="{mx}" y="{my}">{MARK}</text>"#,
                WIDTH - 4
            );
        }
        Styling::File if strong => {
            let _ = write!(
                out,
                r#"<rect x="2" y="{y}" width="{}" height="{h}" rx="6" fill="{HIGHLIGHT}"/><text x="{mx}" y="{my}" fill="{}">{MARK}</text>"#,
                WIDTH - 4,
                lifeline_colour(Lifeline::App)
            );
        }
        Styling::File => {}
    }
    let halo = if strong { HIGHLIGHT } else { BACKGROUND };
    for (i, arrow) in step.arrows.iter().enumerate() {
        let g = arrow.geometry(first + i);
        let dash = dashes(arrow.kind).map(|d| format!(r#" stroke-dasharray="{d}""#)).unwrap_or_default();
        let (group, line, head, text) = match styling {
            Styling::Page => {
                let error = if arrow.error { " error" } else { "" };
                (format!(r#" class="arrow {}{error}""#, arrow.kind.class()), String::new(), String::new(), String::new())
            }
            Styling::File => {
                let c = colour(arrow.kind, arrow.error);
                let width = if strong { "3" } else if arrow.error { "2" } else { "1.5" };
                let italic = if arrow.kind == ArrowKind::Redirect { r#" font-style="italic""# } else { "" };
                let weight = if strong || arrow.error { r#" font-weight="600""# } else { "" };
                (
                    String::new(),
                    format!(r#" stroke="{c}" stroke-width="{width}""#),
                    format!(r#" fill="{c}""#),
                    format!(r#" fill="{c}" stroke="{halo}" stroke-width="4" stroke-linejoin="round" paint-order="stroke"{italic}{weight}"#),
                )
            }
        };
        let _ = write!(
            out,
            r#"<g{group}><line x1="{}" y1="{y}" x2="{}" y2="{y}"{line}{dash}/><polygon points="{}"{head}/><text x="{}" y="{}" text-anchor="middle"{text}>{}</text></g>"#,
            g.x1,
            g.x2,
            g.head,
            g.label_x,
            g.label_y,
            escape(&arrow.label),
            y = g.y,
        );
    }
    out
}

/// The whole picture as a file: the lifelines' names, the lifelines, and one
/// group per step; steps whose seq is in `highlighted` stand out.
pub fn file(steps: &[Step], highlighted: &[u64]) -> String {
    let (firsts, rows) = first_rows(steps);
    let total = HEAD + height(rows);
    let mut out = String::with_capacity(1200 + steps.len() * 900);
    // `write!` to a String cannot fail.
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {total}" width="{WIDTH}" height="{total}" font-family="{FONT}" font-size="12">
<title>HTTP traffic as a sequence diagram</title>
<desc>{}</desc>
<rect width="{WIDTH}" height="{total}" fill="{BACKGROUND}"/>
"#,
        escape(DESCRIPTION)
    );
    for lifeline in Lifeline::ALL {
        let x = lifeline.x();
        let _ = writeln!(out, r#"<line x1="{x}" y1="{HEAD}" x2="{x}" y2="{total}" stroke="{LIFELINE}" stroke-width="1.5"/>"#);
    }
    out.push_str(&heads(Styling::File));
    let _ = writeln!(out, r#"<g transform="translate(0 {HEAD})">"#);
    for (step, &(_, first)) in steps.iter().zip(&firsts) {
        let strong = highlighted.contains(&step.seq);
        let cue = if strong { HIGHLIGHTED } else { "" };
        let _ = write!(out, r#"<g data-seq="{}"><title>{}{cue}</title>"#, step.seq, escape(&step.name));
        out.push_str(&step_body(step, first, Styling::File, strong));
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n</svg>\n");
    out
}
