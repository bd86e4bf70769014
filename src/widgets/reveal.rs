//! Bringing an answer into view where it landed. In the wide layout the page
//! itself cannot scroll, so only the pane's own scroller moves; in the
//! stacked layout the page scrolls, and the sticky clock bar is allowed for
//! by `scroll-margin-top` in the stylesheet.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, ScrollIntoViewOptions, ScrollLogicalPosition};

fn find(selector: &str) -> Option<Element> {
    document().query_selector(selector).ok().flatten()
}

/// Scrolls the least needed to show `el` (its top first when it is taller
/// than the visible area).
pub fn nearest(el: &Element) {
    let options = ScrollIntoViewOptions::new();
    options.set_block(ScrollLogicalPosition::Nearest);
    options.set_inline(ScrollLogicalPosition::Nearest);
    el.scroll_into_view_with_scroll_into_view_options(&options);
}

/// Scrolls `el`'s pane (never the page): to its top edge when `top`, or the
/// least needed (top first if it is taller than the pane).
pub fn within_pane(el: &Element, top: bool) {
    let Some(body) = el.closest(".pane-body").ok().flatten() else { return };
    if body.scroll_height() <= body.client_height() {
        return; // this pane does not scroll by itself (stacked layout)
    }
    let (item, pane) = (el.get_bounding_client_rect(), body.get_bounding_client_rect());
    let fits = item.height() <= pane.height();
    let above = item.top() < pane.top();
    let below = item.bottom() > pane.bottom();
    if above || (below && (top || !fits)) {
        body.set_scroll_top(body.scroll_top() + (item.top() - pane.top()) as i32 - 4);
    } else if below {
        body.set_scroll_top(body.scroll_top() + (item.bottom() - pane.bottom()) as i32 + 4);
    }
}

/// A jump ("Go to step three"): the section's heading at the top, then focus
/// on its next control without scrolling again.
pub fn jump_to(section: &'static str, control: &'static str) {
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(control).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
        }
        if let Some(el) = document().get_element_by_id(section) {
            let options = ScrollIntoViewOptions::new();
            options.set_block(ScrollLogicalPosition::Start);
            el.scroll_into_view_with_scroll_into_view_options(&options);
        }
    });
}

/// Once the DOM has caught up, brings `selector` into view (nearest: an
/// answer right under the control that asked for it) each time a signal read in `track` is set (not on the
/// first run, so a reload keeps the learner's scroll position).
pub fn reveal_on_change(track: impl Fn() + Send + Sync + 'static, selector: &'static str) {
    on_change(Box::new(track), selector, false);
}

/// Like [`reveal_on_change`], for a change the learner did not cause here:
/// only the pane scrolls, with `selector` at its top.
pub fn show_in_pane_on_change(track: impl Fn() + Send + Sync + 'static, selector: &'static str) {
    on_change(Box::new(track), selector, true);
}

// One effect type for every caller (boxed), so the wasm holds it once.
fn on_change(track: Box<dyn Fn() + Send + Sync>, selector: &'static str, pane_only: bool) {
    Effect::new(move |ran: Option<()>| {
        track();
        if ran.is_some() {
            request_animation_frame(move || match find(selector) {
                Some(el) if pane_only => within_pane(&el, true),
                Some(el) => nearest(&el),
                None => {}
            });
        }
    });
}
