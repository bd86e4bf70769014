//! The traffic as a live sequence diagram, inside the HTTP traffic pane. It
//! only draws: lifelines, labels and rows come from `crate::diagram`, and
//! each exchange's arrows are the same escaped markup the downloaded file has.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use academy_engine::Exchange;

use crate::diagram::svg::{file, heads, step_body, Styling};
use crate::diagram::{height, row_y, Lifeline, Placement, Step, DESCRIPTION, HEAD, HIGHLIGHTED, WIDTH};
use crate::widgets::reveal::within_pane;

/// The exchanges the sequence diagram highlights, by `seq` (stronger
/// strokes, a ▶ mark and "(highlighted)" in each one's accessible name).
/// The page provides one; whoever wants exchanges highlighted (a lesson's
/// current step) writes their seqs into it, and an empty list highlights
/// none:
///
/// ```ignore
/// if let Some(focus) = use_context::<DiagramFocus>() { focus.0.set(vec![3, 4]); }
/// ```
#[derive(Clone, Copy)]
pub struct DiagramFocus(pub RwSignal<Vec<u64>>);

impl DiagramFocus {
    pub fn new() -> Self {
        DiagramFocus(RwSignal::new(Vec::new()))
    }

    /// The page's, or a new one when the page has none.
    fn current() -> Self {
        use_context::<DiagramFocus>().unwrap_or_else(DiagramFocus::new)
    }
}

/// The name the downloaded picture is saved under.
const FILE_NAME: &str = "academy-oauth2-sequence.svg";

/// Brings the exchange `seq` into view in the pane's own scroller (never the page).
fn show(svg: NodeRef<leptos::svg::Svg>, seq: u64) {
    request_animation_frame(move || {
        let group = svg.get_untracked().and_then(|s| s.query_selector(&format!("[data-seq=\"{seq}\"]")).ok().flatten());
        if let Some(group) = group {
            within_pane(&group, false);
        }
    });
}

/// The whole log as a sequence diagram; choosing an exchange (click, Enter
/// or Space) calls `on_select` with its seq.
#[component]
pub fn SequenceDiagram(log: Memo<Vec<Exchange>>, on_select: Callback<u64>) -> impl IntoView {
    let focus = DiagramFocus::current();
    let steps = Memo::new(move |_| log.with(|l| l.iter().map(Step::of).collect::<Vec<_>>()));
    let placed = Memo::new(move |before: Option<&Placement>| steps.with(|s| Placement::of(s, before)));
    let total = move || placed.with(|p| height(p.end - p.start));
    let shift = move || placed.with(|p| format!("translate(0 {})", -row_y(p.start)));
    let svg = NodeRef::<leptos::svg::Svg>::new();
    // The newest exchange in view when the diagram opens and as traffic
    // comes in (a highlight moves nothing: it changes as the traffic does).
    let latest = Memo::new(move |_| log.with(|l| l.last().map(|e| e.seq)));
    Effect::new(move |_| {
        if let Some(seq) = latest.get() {
            show(svg, seq);
        }
    });
    let download = move |_| {
        let text = steps.with_untracked(|s| focus.0.with_untracked(|f| file(s, f)));
        crate::persistence::download_as(FILE_NAME, "image/svg+xml", &text);
    };
    view! {
        <div class="sequence-top">
            <div class="sequence-bar">
                <p class="muted small">"Click an exchange, or Tab to it and press Enter, to open it in the list."</p>
                <button type="button" class="btn btn-small" data-testid="sequence-download" on:click=download>"Download SVG"</button>
            </div>
            <svg class="sequence-heads" viewBox=format!("0 0 {WIDTH} {HEAD}") aria-hidden="true" inner_html=heads(Styling::Page) />
        </div>
        <Show when=move || log.with(|l| l.is_empty())>
            <p class="empty">"No traffic yet: each exchange will appear here as a request arrow and its answer."</p>
        </Show>
        <svg
            class="sequence"
            data-testid="sequence-diagram"
            node_ref=svg
            viewBox=move || format!("0 0 {WIDTH} {}", total())
            role="group"
            aria-labelledby="sequence-title"
            aria-describedby="sequence-desc"
        >
            <title id="sequence-title">"The HTTP traffic as a sequence diagram"</title>
            <desc id="sequence-desc">{DESCRIPTION}</desc>
            {Lifeline::ALL.into_iter().map(|l| view! {
                <line class="lifeline" x1=l.x() x2=l.x() y1="0" y2=total />
            }).collect_view()}
            <g class="sequence-steps" transform=shift>
                <For
                    each=move || placed.with(|p| steps.get().into_iter().zip(p.rows.iter().map(|r| r.1)).collect::<Vec<_>>())
                    key=|(s, row)| (s.seq, s.at, *row)
                    children=move |(step, row)| view! { <ExchangeArrows step row lit=focus on_select /> }
                />
            </g>
        </svg>
    }
}

/// One exchange's arrows, drawn at its own rows, which stay put (see
/// [`Placement`]): a new exchange adds one group and moves none.
#[component]
fn ExchangeArrows(step: Step, row: usize, lit: DiagramFocus, on_select: Callback<u64>) -> impl IntoView {
    let seq = step.seq;
    let lit = move || lit.0.with(|f| f.contains(&seq));
    let name = step.name.clone();
    // Drawn at row 0: the group's transform places it.
    let body = step_body(&step, 0, Styling::Page, false);
    let group = NodeRef::<leptos::svg::G>::new();
    // Up and down move between exchanges, as in a list.
    let keydown = move |ev: leptos::ev::KeyboardEvent| {
        let next = match ev.key().as_str() {
            "Enter" | " " => {
                ev.prevent_default();
                return on_select.run(seq);
            }
            "ArrowDown" => group.get_untracked().and_then(|g| g.next_element_sibling()),
            "ArrowUp" => group.get_untracked().and_then(|g| g.previous_element_sibling()),
            _ => return,
        };
        if let Some(next) = next.and_then(|n| n.dyn_into::<web_sys::SvgElement>().ok()) {
            ev.prevent_default();
            let _ = next.focus();
        }
    };
    view! {
        <g
            class="seq-step"
            class:error=step.error
            class:lit=lit
            node_ref=group
            transform=format!("translate(0 {})", row_y(row))
            data-testid="sequence-exchange"
            data-seq=seq.to_string()
            data-error=step.error.to_string()
            tabindex="0"
            role="button"
            aria-label=move || if lit() { format!("{name}{HIGHLIGHTED}") } else { name.clone() }
            on:click=move |_| on_select.run(seq)
            on:keydown=keydown
            inner_html=body
        />
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests {
    use std::time::Duration;

    use academy_engine::{Exchange, Origin, Outcome, Request, Response};
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::{DiagramFocus, SequenceDiagram};

    fn exchange(seq: u64, status: u16) -> Exchange {
        Exchange {
            seq,
            at: 0,
            origin: Origin::App,
            request: Request::new("GET", "/info"),
            response: Response { status, headers: vec![], body: vec![] },
            outcome: Outcome { route: Some("/info".into()), ..Outcome::default() },
        }
    }

    /// The exchanges' groups, in order (the steps' container holds nothing else).
    fn groups(root: &web_sys::Element) -> Vec<web_sys::Element> {
        let steps = root.query_selector(".sequence-steps").ok().flatten().expect("the steps' container");
        let mut out = Vec::new();
        let mut next = steps.first_element_child();
        while let Some(group) = next {
            next = group.next_element_sibling();
            out.push(group);
        }
        out
    }

    #[wasm_bindgen_test]
    async fn highlights_follow_the_focus_and_a_new_exchange_adds_one_group() {
        let root = document().create_element("div").unwrap();
        document().body().unwrap().append_child(&root).unwrap();
        let log = RwSignal::new(vec![exchange(1, 200), exchange(2, 401)]);
        let focus = DiagramFocus::new();
        let _handle = leptos::mount::mount_to(root.clone().unchecked_into(), move || {
            provide_context(focus);
            let log = Memo::new(move |_| log.get());
            view! { <SequenceDiagram log on_select=Callback::new(|_: u64| {}) /> }
        });
        let settle = || gloo_timers::future::sleep(Duration::from_millis(30));
        settle().await;
        let before = groups(&root);
        assert_eq!(before.len(), 2);
        assert_eq!(before[1].get_attribute("data-error").as_deref(), Some("true"));
        assert!(!before[0].class_list().contains("lit"));

        focus.0.set(vec![1]);
        settle().await;
        assert!(before[0].class_list().contains("lit"));
        assert!(before[0].get_attribute("aria-label").unwrap_or_default().ends_with("(highlighted)"));
        assert!(!before[1].class_list().contains("lit"));

        log.update(|l| l.push(exchange(3, 200)));
        settle().await;
        let after = groups(&root);
        assert_eq!(after.len(), 3);
        assert!(after[0] == before[0] && after[1] == before[1], "the groups already drawn stay as they were");
        assert_eq!(after[2].get_attribute("transform").as_deref(), Some("translate(0 120)"), "below two steps of two rows");

        root.remove();
    }
}
