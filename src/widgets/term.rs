//! A word of OAuth2, explained in place: the word is a button that shows or
//! hides its definition right after it (keyboard and touch alike, no hover).

use std::sync::atomic::{AtomicUsize, Ordering};

use leptos::prelude::*;

/// Every term the playground explains, once.
pub const GLOSSARY: [(&str, &str); 8] = [
    ("client", "Your app, as the server knows it: registered once, identified by its client_id and proven by its client_secret."),
    ("scope", "One kind of access the app asks for (connect, read, write, delete). The user may allow fewer than asked."),
    ("state", "A random value the app sends along and expects back unchanged, so it can reject answers it never asked for."),
    ("redirect URI", "The address of your app the browser returns to after the user decides. It must match the registered one exactly."),
    ("code", "A one-time ticket the browser brings back. Only useful together with the client_secret, and only for a few minutes."),
    ("access token", "The key your app shows with every API call. It lasts a short time (expires_in, in minutes here)."),
    ("refresh token", "A longer-lived key that buys a new access token at /refresh without asking the user again."),
    ("Bearer", "The word before the access token in the authorization header: whoever bears this token may use it."),
];

pub fn definition(term: &str) -> &'static str {
    GLOSSARY.iter().find(|(t, _)| *t == term).map(|(_, d)| *d).unwrap_or("")
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// `term` is the glossary entry; the children are the words as the sentence uses them.
#[component]
pub fn Term(term: &'static str, children: Children) -> impl IntoView {
    let open = RwSignal::new(false);
    let id = format!("term-{}", NEXT.fetch_add(1, Ordering::Relaxed));
    view! {
        <button
            type="button"
            class="term"
            aria-expanded=move || open.get().to_string()
            aria-controls=id.clone()
            on:click=move |_| open.update(|o| *o = !*o)
            on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Escape" { open.set(false) }
        >
            {children()}
        </button>
        <span class="term-def" id=id hidden=move || !open.get()>
            <strong>{term}": "</strong>{definition(term)}
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_term_has_a_short_definition() {
        for (term, text) in GLOSSARY {
            assert!(!text.is_empty() && text.len() < 160, "{term}");
            assert_eq!(definition(term), text);
        }
    }
}
