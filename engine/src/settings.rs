//! Lifetimes, in minutes as the API reports them.

use std::ops::RangeInclusive;

use serde::Serialize;

/// The lifetimes a learner may set, in minutes: one minute to one week.
/// URL parameters, the server pane and host commands all use this range.
pub const LIFETIME_MINUTES: RangeInclusive<u32> = 1..=10_080;

/// A lifetime brought into [`LIFETIME_MINUTES`].
pub fn clamp_minutes(minutes: u32) -> u32 {
    minutes.clamp(*LIFETIME_MINUTES.start(), *LIFETIME_MINUTES.end())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Settings {
    /// `expires_in`: access token lifetime in minutes (default 5).
    pub access_minutes: u32,
    /// `refresh_expires_in`: refresh token lifetime in minutes (default 60).
    pub refresh_minutes: u32,
    /// Authorization code lifetime in minutes (default 10, RFC 6749 §4.1.2).
    pub code_minutes: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { access_minutes: 5, refresh_minutes: 60, code_minutes: 10 }
    }
}
