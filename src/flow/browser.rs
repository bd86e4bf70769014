//! Steps one and two, as the panes start them: the authorize URL, the
//! browser visiting it, and the consent screen's decision.

use super::machine::Event;
use super::{dispatch, Callback};
use crate::playground::Playground;
use leptos::prelude::WithUntracked;

pub use super::machine::display_app;

/// Rebuilds the URL from the step's fields (after a field changed).
pub fn rebuild_authorize_url(pg: &Playground) {
    dispatch(pg, Event::EditAuthorize);
}

/// Step one's button: the app sends the browser to its authorize URL.
pub fn open_authorize(pg: &Playground) {
    dispatch(pg, Event::OpenAuthorize);
}

/// The browser goes to `url`.
pub fn navigate(pg: &Playground, url: &str) {
    dispatch(pg, Event::Navigate(url.to_string()));
}

/// The consent screen's Allow or Deny.
pub fn decide(pg: &Playground, allow: bool) {
    dispatch(pg, Event::Decide { allow });
}

/// The explanation of a callback's `error.message`.
pub fn callback_explanation(pg: &Playground, callback: &Callback) -> Option<String> {
    super::machine::callback_explanation(callback, &pg.engine.with_untracked(|e| e.settings()))
}
