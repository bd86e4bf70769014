//! Which pane just changed, derived from what the panes show (the browser's
//! page, the server's connections, the log's last sequence number), never
//! from inside `Playground::send`. A changed pane's header lights up for a
//! moment, and a polite live region says what changed where.

use leptos::prelude::*;

use crate::flow::FlowDataStoreFields;

use crate::config::Pane;
use crate::flow::BrowserPage;
use academy_engine::http::{path_of, status_text};
use crate::playground::Playground;

#[derive(Clone, Copy)]
pub struct PaneChanges {
    /// How often each pane changed (in `Pane::ALL` order); the parity picks
    /// one of two identical animations, so every change replays it.
    flashes: RwSignal<[u32; 4]>,
    /// What the live region says.
    pub message: RwSignal<String>,
    pending: StoredValue<Vec<String>>,
}

impl PaneChanges {
    /// `data-flash` for the pane's header: none until it first changes.
    pub fn flash_of(&self, pane: Pane) -> Option<&'static str> {
        let i = Pane::ALL.iter().position(|p| *p == pane)?;
        match self.flashes.with(|f| f[i]) {
            0 => None,
            n if n % 2 == 1 => Some("a"),
            _ => Some("b"),
        }
    }

    fn changed(&self, pane: Pane, words: String) {
        if let Some(i) = Pane::ALL.iter().position(|p| *p == pane) {
            self.flashes.update(|f| f[i] += 1);
        }
        // Changes from one action arrive together: say them in one sentence.
        let first = self.pending.with_value(|p| p.is_empty());
        self.pending.update_value(|p| p.push(words));
        if first {
            let this = *self;
            request_animation_frame(move || {
                let text = this.pending.try_update_value(std::mem::take).unwrap_or_default().join(" ");
                let same = this.message.with_untracked(|m| m.trim_end() == text && !m.ends_with(' '));
                this.message.set(if same { format!("{text} ") } else { text });
            });
        }
    }
}

/// What the panes showed last time.
struct Seen {
    page: String,
    connections: Vec<(academy_engine::Account, String)>,
    seq: u64,
}

/// The browser page, as a key that changes with each new page, and in words.
fn browser_page(page: &BrowserPage) -> (String, &'static str) {
    match page {
        BrowserPage::Blank => (String::new(), "a blank page"),
        BrowserPage::Consent(s) => (format!("consent {}", s.ticket), "the consent screen"),
        BrowserPage::Error(e) => (format!("error {} {}", e.status, e.message), "an error page"),
        BrowserPage::Callback(c) if c.code().is_some() => (c.url.clone(), "the redirect URI, with a code"),
        BrowserPage::Callback(c) => (c.url.clone(), "the redirect URI, with an error"),
    }
}

/// Watches the panes and provides [`PaneChanges`] to their frames.
pub fn watch(pg: Playground) -> PaneChanges {
    let changes = PaneChanges {
        flashes: RwSignal::new([0; 4]),
        message: RwSignal::new(String::new()),
        pending: StoredValue::new(Vec::new()),
    };
    provide_context(changes);

    // One effect for the three panes (each memo or effect type costs wasm).
    Effect::new(move |prev: Option<Seen>| {
        let (page_key, page_words) = pg.flow.browser_page().with(browser_page);
        let (connections, latest) = pg.engine.with(|e| {
            let connections: Vec<_> =
                e.view(pg.clock.now()).connections.into_iter().map(|c| (c.account, c.access_token)).collect();
            let latest = e.log().back().map(|x| {
                let path = path_of(&x.request.url);
                let path = path.strip_prefix(academy_engine::BASE_PATH).unwrap_or(&path).to_string();
                (x.seq, format!("{} {path} answered {}", x.request.method, status_text(x.response.status)))
            });
            (connections, latest)
        });
        let seq = latest.as_ref().map(|(s, _)| *s).unwrap_or(0);
        if let Some(prev) = prev {
            if prev.page != page_key && !page_key.is_empty() {
                changes.changed(Pane::Browser, format!("The Browser pane shows {page_words}."));
            }
            for (account, token) in &connections {
                match prev.connections.iter().find(|(a, _)| a == account) {
                    None => changes.changed(Pane::Server, format!("The Academy server shows a connection for {}.", account.name())),
                    Some((_, t)) if t != token => {
                        changes.changed(Pane::Server, format!("The Academy server holds new tokens for {}.", account.name()))
                    }
                    _ => {}
                }
            }
            for (account, _) in prev.connections.iter().filter(|(a, _)| !connections.iter().any(|(b, _)| a == b)) {
                changes.changed(Pane::Server, format!("The Academy server removed the connection of {}.", account.name()));
            }
            if let Some((_, words)) = latest.filter(|_| seq > prev.seq) {
                changes.changed(Pane::Traffic, format!("New in HTTP traffic: #{seq} {words}."));
            }
        }
        Seen { page: page_key, connections, seq }
    });
    changes
}
