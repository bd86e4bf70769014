//! Lifetimes, in minutes as the API reports them.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
