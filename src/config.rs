//! How this page is set up: which panes show and where state is saved.
//! Today these are defaults; URL parameters (panes, embed mode, theme,
//! account, lifetimes, storage namespace) can fill the same struct later.

use serde::{Deserialize, Serialize};

/// The four panes, in screen order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Pane {
    App,
    Browser,
    Server,
    Traffic,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::App, Pane::Browser, Pane::Server, Pane::Traffic];

    pub fn id(self) -> &'static str {
        match self {
            Pane::App => "pane-app",
            Pane::Browser => "pane-browser",
            Pane::Server => "pane-server",
            Pane::Traffic => "pane-traffic",
        }
    }

    /// The pane's name in the narrow layout's jump links.
    pub fn short(self) -> &'static str {
        match self {
            Pane::App => "Your app",
            Pane::Browser => "Browser",
            Pane::Server => "Server",
            Pane::Traffic => "Traffic",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Pane::App => "Your app",
            Pane::Browser => "Browser",
            Pane::Server => "Academy server",
            Pane::Traffic => "HTTP traffic",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Separates saved playgrounds (one per course page, say).
    pub namespace: String,
    pub panes: Vec<Pane>,
}

impl Default for Config {
    fn default() -> Self {
        Config { namespace: "default".into(), panes: Pane::ALL.to_vec() }
    }
}

impl Config {
    /// The configuration for this page load.
    pub fn from_page() -> Self {
        Config::default()
    }
}
