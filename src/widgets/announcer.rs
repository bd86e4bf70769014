//! The page's polite live region: what an action just did, said once to
//! screen readers. Its own small context, so a widget that only speaks
//! (a copy button) needs nothing else of the playground.

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Announcer(RwSignal<String>);

impl Announcer {
    pub fn new() -> Self {
        Announcer(RwSignal::new(String::new()))
    }

    /// The provided one.
    pub fn current() -> Self {
        expect_context::<Announcer>()
    }

    /// Says `text`. The same sentence twice is said twice: a trailing space
    /// toggles, so the region's text changes.
    pub fn say(&self, text: impl Into<String>) {
        let text = text.into();
        let again = self.0.with_untracked(|a| a.trim_end() == text && !a.ends_with(' '));
        self.0.set(if again { format!("{text} ") } else { text });
    }

    /// What the region says now (tracked: for the region itself).
    pub fn text(&self) -> String {
        self.0.get()
    }
}

#[cfg(test)]
mod tests {
    use super::Announcer;
    use leptos::prelude::*;

    #[test]
    fn the_same_sentence_twice_changes_the_region_so_it_is_said_again() {
        let owner = Owner::new();
        owner.set();
        let a = Announcer::new();
        a.say("Copied.");
        let first = a.0.get_untracked();
        a.say("Copied.");
        let second = a.0.get_untracked();
        assert_ne!(first, second);
        assert_eq!(first.trim_end(), "Copied.");
        assert_eq!(second.trim_end(), "Copied.");
        a.say("Another.");
        assert_eq!(a.0.get_untracked(), "Another.");
    }
}
