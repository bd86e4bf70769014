//! The Make connection pane: the communication JSON in an editor with line
//! numbers and diagnostic marks, the templates, Connect / Use / Invalidate,
//! and the run's trace section by section (expressions, request, answer,
//! then `data` and `temp` as the step left them).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use academy_connection::report::Step;
use academy_connection::{Diagnostic, Inputs, Report, Runner, Severity, TEMPLATES};
use serde_json::Value as Json;

use crate::config::Pane;
use crate::make::lines::{line_count, line_of, line_start_utf16, path_lines};
use crate::make::{self, Stage};
use crate::panes::PaneFrame;
use crate::playground::{use_playground, Playground};

const EDITOR: &str = "make-text";

/// Adds the pane after Your app (or first), or removes it.
pub fn toggle_make_pane(pg: &Playground) {
    pg.ui.panes.update(|panes| {
        if let Some(i) = panes.iter().position(|p| *p == Pane::Make) {
            panes.remove(i);
        } else {
            let at = panes.iter().position(|p| *p == Pane::App).map(|i| i + 1).unwrap_or(0);
            panes.insert(at, Pane::Make);
        }
    });
    if pg.shows(Pane::Make) {
        crate::playground::focus_later("make-template");
    }
}

/// A diagnostic with the editor line it points at.
#[derive(Clone, PartialEq)]
struct Marked {
    diagnostic: Diagnostic,
    line: Option<usize>,
}

/// Lines for the report's diagnostics, or the text's own (read, not run) before a run.
fn marked(pg: &Playground, text: &str, report: Option<&Report>) -> Vec<Marked> {
    let diagnostics = match report {
        Some(r) => r.diagnostics.clone(),
        None => pg.engine.with_untracked(|e| Runner::new(text, Inputs::default(), e).report().diagnostics),
    };
    let lines = path_lines(text);
    let syntax_line = academy_connection::jsonc::parse(text).err().map(|e| e.line);
    diagnostics
        .into_iter()
        .map(|d| {
            let line = match d.code {
                academy_connection::Code::JsonSyntax => syntax_line,
                _ => d.path.as_deref().or(d.section.as_deref()).and_then(|p| line_of(&lines, p)),
            };
            Marked { diagnostic: d, line }
        })
        .collect()
}

fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

fn pretty(json: &Json) -> String {
    serde_json::to_string_pretty(json).unwrap_or_default()
}

/// Puts the caret at the start of `line` and the editor's focus there.
fn go_to_line(line: usize) {
    let Some(area) = document().get_element_by_id(EDITOR).and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) else { return };
    let at = line_start_utf16(&area.value(), line);
    let _ = area.focus();
    let _ = area.set_selection_range(at, at);
    // Roughly centre the line: the gutter follows through the scroll event.
    let line_height = 19.0;
    area.set_scroll_top(((line as f64 - 4.0).max(0.0) * line_height) as i32);
}

#[component]
pub fn MakePane() -> impl IntoView {
    let pg = use_playground();
    let m = pg.make;
    let marks = Memo::new(move |_| {
        let text = m.text.get();
        m.report.with(|r| marked(&pg, &text, r.as_ref()))
    });
    view! {
        <PaneFrame pane=Pane::Make subtitle="A Make OAuth2 connection's communication, run against this Academy: every request shows in the traffic.">
            <div class="make">
                <Templates />
                <Editor marks=marks />
                <Controls />
                <Diagnostics marks=marks />
                <Trace />
            </div>
        </PaneFrame>
    }
}

#[component]
fn Templates() -> impl IntoView {
    let pg = use_playground();
    let m = pg.make;
    let chosen = RwSignal::new(String::new());
    let describe = move || {
        TEMPLATES.iter().find(|t| t.id == chosen.get()).map(|t| {
            if t.leads_to.is_empty() {
                "The connection as it should be: Connect, Use and Invalidate run clean.".to_string()
            } else {
                let codes: Vec<&str> = t.leads_to.iter().map(|c| c.code()).collect();
                format!("An exercise: run it, read the diagnostics ({}), and fix the text until it runs clean.", codes.join(", "))
            }
        })
    };
    let load = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        let Some(template) = TEMPLATES.iter().find(|t| t.id == id) else { return };
        let edited = m.text.with_untracked(|text| !text.trim().is_empty() && !TEMPLATES.iter().any(|t| t.text == text));
        let replace = !edited
            || window().confirm_with_message("Replace your edited connection with this template?").unwrap_or(false);
        if replace {
            m.text.set(template.text.to_string());
            m.forget();
            chosen.set(id);
            pg.announce(format!("Loaded the template {}.", template.title));
        } else {
            chosen.set(chosen.get_untracked());
        }
    };
    view! {
        <div class="make-templates">
            <label for="make-template">"Start from a template"</label>
            <select id="make-template" data-testid="make-template" on:change=load prop:value=move || chosen.get()>
                <option value="" disabled=true>"Choose a template…"</option>
                {TEMPLATES.iter().map(|t| view! { <option value=t.id>{t.title}</option> }).collect_view()}
            </select>
            {move || describe().map(|d| view! { <p class="muted make-template-note" data-testid="make-template-note">{d}</p> })}
        </div>
    }
}

#[component]
fn Editor(marks: Memo<Vec<Marked>>) -> impl IntoView {
    let pg = use_playground();
    let m = pg.make;
    let gutter = NodeRef::<leptos::html::Div>::new();
    let count = move || m.text.with(|t| line_count(t));
    let worst_on = move |line: usize| {
        marks.with(|marks| {
            marks.iter().filter(|mk| mk.line == Some(line)).map(|mk| mk.diagnostic.severity).min_by_key(|s| *s as u8)
        })
    };
    let sync = move |ev: leptos::ev::Event| {
        if let (Some(area), Some(gutter)) = (ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()), gutter.get()) {
            gutter.set_scroll_top(area.scroll_top());
        }
    };
    view! {
        <div class="make-editor">
            <label for=EDITOR class="make-editor-label">"Communication (JSON, comments allowed)"</label>
            <div class="make-editor-frame">
                <div class="make-gutter" node_ref=gutter aria-hidden="true" data-testid="make-gutter">
                    {move || (1..=count()).map(|n| {
                        let class = match worst_on(n) {
                            Some(s) => format!("make-line mark-{}", severity_class(s)),
                            None => "make-line".into(),
                        };
                        view! { <div class=class>{n}</div> }
                    }).collect_view()}
                </div>
                <textarea
                    id=EDITOR
                    class="make-textarea"
                    data-testid="make-text"
                    spellcheck="false"
                    autocomplete="off"
                    wrap="off"
                    bind:value=m.text
                    on:scroll=sync
                ></textarea>
            </div>
        </div>
    }
}

#[component]
fn Controls() -> impl IntoView {
    let pg = use_playground();
    let m = pg.make;
    let stage_text = move || match m.stage.get() {
        Stage::Idle => "Not connected.",
        Stage::AwaitingConsent => "Waiting for the consent screen in the Browser pane: choose, then Allow.",
        Stage::Connected => "Connected.",
        Stage::Failed => "The last step failed: see the diagnostics.",
    };
    view! {
        <div class="make-controls">
            <div class="actions">
                <button type="button" class="btn btn-primary" data-testid="make-connect" on:click=move |_| make::connect(&pg)>"Connect"</button>
                <button type="button" class="btn" data-testid="make-use" on:click=move |_| { make::use_connection(&pg); }>"Use"</button>
                <button type="button" class="btn" data-testid="make-invalidate" on:click=move |_| { make::invalidate(&pg); }>"Invalidate"</button>
            </div>
            <p class="make-stage" data-testid="make-stage" data-stage=move || format!("{:?}", m.stage.get()).to_lowercase()>{stage_text}</p>
            {move || m.last_use.get().map(|u| view! { <p class="make-use-result" data-testid="make-use-result">{u}</p> })}
            <p class="muted make-clock-pointer">
                "Use runs before each call Make makes: it refreshes when refresh.condition holds. To let tokens expire, move the "
                <a href="#top-clock" on:click=move |ev| { ev.prevent_default(); focus_clock(); }>"simulated clock"</a>
                " in the top bar (+1 min, +5 min, +1 h), then Use."
            </p>
        </div>
    }
}

/// The clock bar's first control, for the pointer beside Use.
fn focus_clock() {
    let button = document().query_selector(".clockbar button").ok().flatten().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(button) = button {
        button.scroll_into_view();
        let _ = button.focus();
    }
}

#[component]
fn Diagnostics(marks: Memo<Vec<Marked>>) -> impl IntoView {
    view! {
        <section class="make-diagnostics" aria-labelledby="make-diagnostics-title">
            <h3 id="make-diagnostics-title">{move || format!("Diagnostics ({})", marks.with(Vec::len))}</h3>
            {move || {
                let all = marks.get();
                if all.is_empty() {
                    return view! { <p class="muted" data-testid="make-no-diagnostics">"None: nothing to change."</p> }.into_any();
                }
                view! {
                    <ul class="make-diagnostic-list" data-testid="make-diagnostics">
                        {all.into_iter().map(|mk| {
                            let d = mk.diagnostic;
                            let class = format!("make-diagnostic sev-{}", severity_class(d.severity));
                            let where_ = [d.section.clone(), d.path.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ");
                            let line = mk.line;
                            let code = d.code.code();
                            view! {
                                <li class=class data-code=code>
                                    <button type="button" class="make-diagnostic-go" disabled=line.is_none()
                                        on:click=move |_| if let Some(line) = line { go_to_line(line) }>
                                        <span class="make-diagnostic-head">
                                            <code class="make-code">{code}</code>
                                            " "<span class="make-severity">{severity_class(d.severity)}</span>
                                            {(!where_.is_empty()).then(|| view! { " "<code class="make-path">{where_}</code> })}
                                            {line.map(|l| view! { " "<span class="muted">{format!("line {l}")}</span> })}
                                        </span>
                                        <span class="make-message">{d.message}</span>
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn Trace() -> impl IntoView {
    let pg = use_playground();
    let m = pg.make;
    view! {
        <section class="make-trace" aria-labelledby="make-trace-title" data-testid="make-trace">
            <h3 id="make-trace-title">"Trace"</h3>
            {move || match m.report.get() {
                None => view! { <p class="muted">"Connect to see each section run: its expressions, the request and the answer."</p> }.into_any(),
                Some(report) => view! {
                    {(report.steps.is_empty() && m.stage.get() == Stage::Connected).then(|| view! {
                        <p class="muted" data-testid="make-restored">"The connection saved with the playground: Use and Invalidate carry on from it."</p>
                    })}
                    <ol class="make-steps">
                        {report.steps.clone().into_iter().enumerate().map(|(i, s)| view! { <StepView step=s index=i /> }).collect_view()}
                    </ol>
                    <ConnectionView report=report.clone() />
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn StepView(step: Step, index: usize) -> impl IntoView {
    let testid = format!("make-step-{}", step.section);
    view! {
        <li class="make-step" data-testid=testid>
            <details open=true>
                <summary>
                    <span class="make-step-index">{index + 1}". "</span>
                    <code>{step.section.clone()}</code>
                    {step.skipped.then(|| view! { " "<span class="tag tag-warn">"skipped: condition false"</span> })}
                    {step.response.as_ref().map(|r| {
                        let class = if r.status < 400 { "tag tag-ok" } else { "tag tag-bad" };
                        view! { " "<span class=class>{r.status}</span> }
                    })}
                </summary>
                {(!step.expressions.is_empty()).then(|| view! {
                    <table class="make-expressions">
                        <caption class="sr-only">{format!("Expressions of {}", step.section)}</caption>
                        <thead><tr><th scope="col">"Path"</th><th scope="col">"Expression"</th><th scope="col">"Value"</th></tr></thead>
                        <tbody>
                            {step.expressions.iter().map(|e| view! {
                                <tr>
                                    <td><code>{e.path.clone()}</code></td>
                                    <td><code>{e.source.clone()}</code></td>
                                    <td><code class="make-value">{serde_json::to_string(&e.value).unwrap_or_default()}</code></td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                })}
                {step.request.map(|r| {
                    let headers: String = r.headers.iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
                    let body = if r.body.is_null() { String::new() } else { pretty(&r.body) };
                    view! {
                        <p class="make-part">"Request"</p>
                        <pre class="code">{format!("{} {}\n{headers}{}{body}", r.method, r.url, if body.is_empty() { "" } else { "\n" })}</pre>
                    }
                })}
                {step.response.map(|r| {
                    let headers: String = r.headers.iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
                    let body = if r.body.is_null() { String::new() } else { pretty(&r.body) };
                    view! {
                        <p class="make-part">"Response"</p>
                        <pre class="code">{format!("{}\n{headers}{}{body}", r.status, if body.is_empty() { "" } else { "\n" })}</pre>
                    }
                })}
                <p class="make-part">"After this step"</p>
                <dl class="kv make-after">
                    <dt>"data"</dt><dd><pre class="code" data-testid="make-step-data">{pretty(&step.data)}</pre></dd>
                    <dt>"temp"</dt><dd><pre class="code" data-testid="make-step-temp">{pretty(&step.temp)}</pre></dd>
                </dl>
            </details>
        </li>
    }
}

#[component]
fn ConnectionView(report: Report) -> impl IntoView {
    let c = report.connection;
    view! {
        <div class="make-connection" data-testid="make-connection">
            <h4>"The stored connection"</h4>
            <dl class="kv">
                <dt>"data"</dt><dd><pre class="code" data-testid="make-connection-data">{pretty(&c.data)}</pre></dd>
                <dt>"expires"</dt><dd><code data-testid="make-connection-expires">{c.expires.unwrap_or_else(|| "—".into())}</code></dd>
                <dt>"uid"</dt><dd><code>{serde_json::to_string(&c.uid).unwrap_or_default()}</code></dd>
                <dt>"metadata"</dt><dd><code>{serde_json::to_string(&c.metadata).unwrap_or_default()}</code></dd>
            </dl>
        </div>
    }
}
