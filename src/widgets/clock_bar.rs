//! The clock bar: simulated time, pause/resume, +1 min, +5 min, +1 h, and
//! back to real speed (never back in time).

use leptos::prelude::*;

use crate::clock::{day, span_words, time_of_day, HOUR, MINUTE};
use crate::playground::use_playground;

#[component]
pub fn ClockBar() -> impl IntoView {
    let pg = use_playground();
    let clock = pg.clock;
    let offset = move || {
        let s = clock.state.get();
        match s.paused_at {
            Some(_) => {
                let ahead = clock.now_tracked() - crate::clock::real_now();
                if ahead.abs() < 1000 {
                    "paused".to_string()
                } else {
                    format!("paused, {} {}", span_words(ahead), if ahead > 0 { "ahead" } else { "behind" })
                }
            }
            None if s.offset_ms.abs() < 1000 => "real time".to_string(),
            // Short, so the bar keeps its height; the title says it in full.
            None => format!("{} {}", span_words(s.offset_ms), if s.offset_ms > 0 { "ahead" } else { "behind" }),
        }
    };
    // The phone's compact clock says it shorter: `+5 min`, `⏸ +5 min`.
    let short = move || {
        let s = clock.state.get();
        let ahead = clock.now_tracked() - crate::clock::real_now();
        let signed = if ahead >= 0 { format!("+{}", span_words(ahead)) } else { format!("−{}", span_words(ahead)) };
        match (s.paused_at.is_some(), ahead.abs() < 1000) {
            (true, true) => "paused".to_string(),
            (true, false) => format!("⏸ {signed}"),
            (false, true) => "real time".to_string(),
            (false, false) => signed,
        }
    };
    let advance = move |ms: i64, words: &'static str| {
        move |_| {
            clock.advance(ms);
            pg.announce(format!("The clock moved {words} ahead. It is now {}.", time_of_day(clock.now())));
        }
    };
    view! {
        <div class="clockbar" role="group" aria-label="Simulated clock">
            <div class="clock-readout">
                <span class="clock-label">"Simulated time"</span>
                <time class="clock-time" data-testid="clock-display">{move || time_of_day(clock.now_tracked())}</time>
                <span class="clock-day">{move || day(clock.now_tracked())}</span>
                <span
                    class="clock-offset"
                    data-short=short
                    class:ahead=move || clock.state.get().offset_ms != 0 || clock.is_paused()
                    title=move || format!("{} (simulated time compared with real time)", offset())
                >
                    {offset}
                </span>
            </div>
            <div class="clock-controls">
                <button
                    type="button"
                    class="btn btn-small"
                    data-testid="clock-pause"
                    aria-pressed=move || clock.is_paused().to_string()
                    on:click=move |_| {
                        clock.toggle_pause();
                        pg.announce(if clock.is_paused() { "The clock is paused." } else { "The clock runs again." });
                    }
                >
                    {move || if clock.is_paused() { "Resume" } else { "Pause" }}
                </button>
                <button type="button" class="btn btn-small" data-testid="clock-advance-1m" on:click=advance(MINUTE, "1 minute")>"+1 min"</button>
                <button type="button" class="btn btn-small" data-testid="clock-advance-5m" on:click=advance(5 * MINUTE, "5 minutes")>"+5 min"</button>
                <button type="button" class="btn btn-small" data-testid="clock-advance-1h" on:click=advance(HOUR, "1 hour")>"+1 h"</button>
                <button
                    type="button"
                    class="btn btn-small"
                    data-testid="clock-now"
                    title="Run at real speed from the simulated time. Time never goes back: answers already given stay in the past."
                    on:click=move |_| {
                        let latest = pg.engine.with_untracked(|e| e.log().back().map(|x| x.at));
                        if clock.back_to_real_speed(latest) {
                            pg.announce("The clock is back to real time.");
                        } else {
                            pg.announce(format!(
                                "The clock runs at real speed from {}, {} ahead of real time: it never goes back before answers already given.",
                                time_of_day(clock.now()),
                                span_words(clock.now() - crate::clock::real_now())
                            ));
                        }
                    }
                >
                    "Real speed"
                </button>
            </div>
        </div>
    }
}
