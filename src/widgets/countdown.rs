//! Live countdowns to an expiry on the simulated clock.

use leptos::prelude::*;

use crate::clock::{countdown, span_words};
use crate::clock::Clock;

/// `4:59 left` or `expired`, ticking with the clock. Not a live region: the
/// tokens card announces expiry once, politely.
#[component]
pub fn Countdown(
    until: i64,
    #[prop(default = None)] testid: Option<&'static str>,
    /// Without the word "left" (for "expires in 9:59").
    #[prop(optional)]
    bare: bool,
) -> impl IntoView {
    let clock = expect_context::<Clock>();
    let left = move || until - clock.now_tracked();
    view! {
        <span
            class="countdown"
            class:expired={move || left() <= 0}
            data-testid=testid
            title=move || { if left() > 0 { format!("{} left", span_words(left())) } else { format!("expired {} ago", span_words(-left())) } }
        >
            {move || match (left() > 0, bare) { (true, false) => format!("{} left", countdown(left())), (true, true) => countdown(left()), (false, _) => "expired".to_string() }}
        </span>
    }
}
