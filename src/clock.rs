//! The simulated clock: real time plus an offset the learner controls, with
//! pause and resume. The engine never reads a clock; every call gets `now()`.

use std::time::Duration;

use leptos::prelude::*;
use academy_json::FromJson;
use serde::Serialize;

pub const SECOND: i64 = 1_000;
pub const MINUTE: i64 = 60 * SECOND;
pub const HOUR: i64 = 60 * MINUTE;

/// What is saved: the offset from real time, and the frozen time when paused.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, FromJson)]
pub struct ClockState {
    /// The lead on real time; while paused, the lead it had when it stopped
    /// (what a share link passes on: it does not shrink as real time goes by).
    pub offset_ms: i64,
    pub paused_at: Option<i64>,
}

impl ClockState {
    /// The simulated time when the real time is `real`.
    pub fn at(&self, real: i64) -> i64 {
        self.paused_at.unwrap_or(real + self.offset_ms)
    }

    /// Back to real speed, never back in time: the clock runs on at real
    /// speed from the simulated now (or from real time, if it was behind).
    /// Going back would put answers already given (`latest_exchange`, the
    /// log's last `at`) in the future and bring expired tokens back to life.
    pub fn back_to_real_speed(&self, real: i64, latest_exchange: Option<i64>) -> ClockState {
        let from = self.at(real).max(real).max(latest_exchange.unwrap_or(real));
        ClockState { offset_ms: from - real, paused_at: None }
    }
}

#[derive(Clone, Copy)]
pub struct Clock {
    pub state: RwSignal<ClockState>,
    /// Real time, refreshed a few times a second so displays tick.
    real: RwSignal<i64>,
}

pub fn real_now() -> i64 {
    js_sys::Date::now() as i64
}

impl Clock {
    pub fn new(state: ClockState) -> Self {
        Clock { state: RwSignal::new(state), real: RwSignal::new(real_now()) }
    }

    /// Starts the tick that drives countdowns.
    pub fn start(self) {
        let real = self.real;
        set_interval(move || real.set(real_now()), Duration::from_millis(500));
    }

    /// The simulated time now, exact, without subscribing.
    pub fn now(&self) -> i64 {
        self.state.get_untracked().at(real_now())
    }

    /// The simulated time, subscribing to the tick (for displays).
    pub fn now_tracked(&self) -> i64 {
        let s = self.state.get();
        s.at(self.real.get())
    }

    pub fn is_paused(&self) -> bool {
        self.state.with(|s| s.paused_at.is_some())
    }

    pub fn advance(&self, ms: i64) {
        self.state.update(|s| {
            if let Some(p) = s.paused_at.as_mut() {
                *p += ms;
            }
            s.offset_ms += ms;
        });
        self.real.set(real_now());
    }

    /// Runs the clock at real speed `ms` ahead of real time, unless that
    /// would set it back (a share link's clock, applied to a saved playground).
    pub fn run_ahead_by(&self, ms: i64) {
        let real = real_now();
        if real.saturating_add(ms) > self.state.get_untracked().at(real) {
            self.state.set(ClockState { offset_ms: ms, paused_at: None });
            self.real.set(real);
        }
    }

    /// Moves the clock to `at` (never backwards).
    pub fn jump_to(&self, at: i64) {
        let delta = at - self.now();
        if delta > 0 {
            self.advance(delta);
        }
    }

    pub fn toggle_pause(&self) {
        let now = self.now();
        self.state.update(|s| match s.paused_at {
            Some(p) => {
                s.offset_ms = p - real_now();
                s.paused_at = None;
            }
            None => s.paused_at = Some(now),
        });
        self.real.set(real_now());
    }

    /// Back to real speed (the clock bar's `clock-now`), see
    /// [`ClockState::back_to_real_speed`]. Returns whether it is real time now.
    pub fn back_to_real_speed(&self, latest_exchange: Option<i64>) -> bool {
        let real = real_now();
        let next = self.state.get_untracked().back_to_real_speed(real, latest_exchange);
        self.state.set(next);
        self.real.set(real);
        next == ClockState::default()
    }

    /// Real time, running: only for a fresh start (reset), where no answer
    /// lies ahead.
    pub fn real_time(&self) {
        self.state.set(ClockState::default());
        self.real.set(real_now());
    }
}

/// `14:03:27` in the viewer's local time.
pub fn time_of_day(ms: i64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!("{:02}:{:02}:{:02}", d.get_hours(), d.get_minutes(), d.get_seconds())
}

/// `Tue 3 Jun` in the viewer's local time.
pub fn day(ms: i64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    format!("{} {} {}", DAYS[d.get_day() as usize % 7], d.get_date(), MONTHS[d.get_month() as usize % 12])
}

/// A countdown: `4:59`, `1:02:03`. Rounds up so it reads `0:00` only at expiry.
pub fn countdown(ms: i64) -> String {
    let total = (ms.max(0) + SECOND - 1) / SECOND;
    let (h, m, s) = (total / 3600, (total / 60) % 60, total % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// A span in words, for screen readers and labels: `4 min`, `1 h 5 min`, `30 s`.
pub fn span_words(ms: i64) -> String {
    let ms = ms.abs();
    if ms < MINUTE {
        return format!("{} s", (ms + SECOND - 1) / SECOND);
    }
    let minutes = ms / MINUTE;
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countdowns_round_up() {
        assert_eq!(countdown(5 * MINUTE), "5:00");
        assert_eq!(countdown(5 * MINUTE - 1), "5:00");
        assert_eq!(countdown(1), "0:01");
        assert_eq!(countdown(0), "0:00");
        assert_eq!(countdown(-5), "0:00");
        assert_eq!(countdown(HOUR + 2 * MINUTE + 3 * SECOND), "1:02:03");
        assert_eq!(span_words(65 * MINUTE), "1 h 5 min");
    }

    const REAL: i64 = 1_700_000_000_000;

    #[test]
    fn real_speed_runs_on_from_the_simulated_now() {
        // +5 min, then a refresh answered at the simulated time.
        let ahead = ClockState { offset_ms: 5 * MINUTE, paused_at: None };
        let refreshed_at = REAL + 5 * MINUTE - 20 * SECOND;
        let next = ahead.back_to_real_speed(REAL, Some(refreshed_at));
        assert_eq!(next.at(REAL), ahead.at(REAL), "no jump at all");
        assert_eq!(next.paused_at, None, "running");
        assert_eq!(next.at(REAL + MINUTE), ahead.at(REAL) + MINUTE, "at real speed");
    }

    #[test]
    fn real_speed_resumes_a_paused_clock_where_it_stood() {
        let paused = ClockState { offset_ms: 0, paused_at: Some(REAL + HOUR) };
        let next = paused.back_to_real_speed(REAL, None);
        assert_eq!(next.at(REAL), REAL + HOUR);
        assert_eq!(next.at(REAL + SECOND), REAL + HOUR + SECOND);
    }

    #[test]
    fn a_clock_behind_catches_up_with_real_time() {
        let behind = ClockState { offset_ms: 0, paused_at: Some(REAL - 3 * MINUTE) };
        assert_eq!(behind.back_to_real_speed(REAL, Some(REAL - 4 * MINUTE)), ClockState::default());
        assert_eq!(ClockState::default().back_to_real_speed(REAL, None), ClockState::default());
    }

    #[test]
    fn real_speed_never_goes_back_before_the_latest_exchange() {
        for offset in [-HOUR, -MINUTE, 0, SECOND, 5 * MINUTE, 3 * HOUR] {
            for paused in [None, Some(REAL + offset)] {
                for latest in [None, Some(REAL - HOUR), Some(REAL), Some(REAL + offset), Some(REAL + 2 * HOUR)] {
                    let before = ClockState { offset_ms: offset, paused_at: paused };
                    let after = before.back_to_real_speed(REAL, latest);
                    assert!(after.at(REAL) >= before.at(REAL), "never back: {before:?} -> {after:?}");
                    assert!(after.at(REAL) >= latest.unwrap_or(i64::MIN), "{before:?} {latest:?} -> {after:?}");
                    assert!(after.at(REAL) >= REAL, "never behind real time");
                    assert_eq!(after.paused_at, None);
                }
            }
        }
    }
}
