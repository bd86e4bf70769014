//! The playground's shared state: the engine, the clock, the app's flow and
//! the screen's own state, handed to every component as one context.

use leptos::prelude::*;

use academy_engine::{
    oauth::ConsentDecision, Client, Engine, Entropy, Exchange, Origin, Registration, Request, Response, ServerView, Settings,
};

use crate::clock::{Clock, ClockState};
use crate::config::{Config, Pane};
use crate::entropy::CryptoEntropy;
use crate::flow::Apply;
use crate::flow::machine::{self, Ctx, Effect, Event, Purpose};
use crate::flow::{Flow, FlowData};
use crate::host;
use crate::learning::{Learning, SavedLessons};
use crate::make::MakeConnection;
use crate::widgets::announcer::Announcer;

/// Saved data that could not be read, kept for download.
#[derive(Clone, Debug, PartialEq)]
pub struct Recovery {
    /// Where a copy sits in storage, if it could be kept there.
    pub storage_key: Option<String>,
    pub raw: String,
    pub reason: String,
}

/// The screen's own state (not saved).
#[derive(Clone, Copy)]
pub struct Ui {
    pub panes: RwSignal<Vec<Pane>>,
    /// What the polite live region says.
    pub announcer: Announcer,
    pub recoveries: RwSignal<Vec<Recovery>>,
    /// Storage trouble worth telling (quota, blocked storage, another version).
    pub storage_note: RwSignal<Option<String>>,
    pub confirm_reset: RwSignal<bool>,
    /// The playground files dialog (save, open) is open.
    pub files_open: RwSignal<bool>,
    /// The share dialog is open.
    pub share_open: RwSignal<bool>,
    pub secret_revealed: RwSignal<bool>,
}

#[derive(Clone, Copy)]
pub struct Playground {
    pub engine: RwSignal<Engine>,
    pub clock: Clock,
    pub flow: Flow,
    pub ui: Ui,
    pub config: StoredValue<Config>,
    pub learning: Learning,
    pub make: MakeConnection,
}

/// The default developer registered on first load.
pub fn default_registration() -> Registration {
    Registration {
        email: "learner@example.com".into(),
        first_name: "Alex".into(),
        last_name: "Learner".into(),
        redirect_uri: academy_engine::oauth::registration::MAKE_REDIRECT_URI.into(),
    }
}

pub fn use_playground() -> Playground {
    expect_context::<Playground>()
}

/// A random value for the `state` parameter.
pub fn random_state() -> String {
    academy_engine::entropy::hex(&mut CryptoEntropy, 8)
}

impl Playground {
    pub fn new(config: Config, engine: Engine, clock: ClockState, flow: FlowData) -> Self {
        let panes = config.panes.clone();
        Playground {
            engine: RwSignal::new(engine),
            clock: Clock::new(clock),
            flow: Flow::new(flow),
            ui: Ui {
                panes: RwSignal::new(panes),
                announcer: Announcer::new(),
                recoveries: RwSignal::new(Vec::new()),
                storage_note: RwSignal::new(None),
                confirm_reset: RwSignal::new(false),
                files_open: RwSignal::new(false),
                share_open: RwSignal::new(false),
                secret_revealed: RwSignal::new(false),
            },
            config: StoredValue::new(config),
            learning: Learning::new(SavedLessons::default()),
            make: MakeConnection::new(None),
        }
    }

    /// A new server with the default developer registered, and a fresh flow.
    /// Lifetimes and the preselected account come from the page's parameters.
    pub fn fresh_state(config: &Config, now: i64) -> (Engine, FlowData) {
        let mut engine = Engine::new(config.settings.unwrap_or_default());
        let client = engine.register(default_registration(), now, &mut CryptoEntropy);
        let mut flow = FlowData::fresh(Some(&client), random_state());
        if let Some(account) = config.account {
            flow.consent_account = account.slug().into();
        }
        (engine, flow)
    }

    /// Sends one request through the engine at the simulated time.
    pub fn send(&self, request: Request, origin: Origin) -> Response {
        self.send_exchange(request, origin).map(|e| e.response).unwrap_or_default()
    }

    /// Sends one request and returns the exchange as logged, with its outcome.
    pub fn send_exchange(&self, request: Request, origin: Origin) -> Option<Exchange> {
        let now = self.clock.now();
        self.engine.try_update(|e| e.handle(request, origin, now, &mut CryptoEntropy as &mut dyn Entropy))?;
        self.after_exchange()
    }

    /// Runs one event through the flow's machine and carries out its effects;
    /// a sent request's answer comes back to the machine as `Event::Answered`.
    pub fn dispatch(&self, event: Event) {
        let ctx = Ctx { client: self.client_untracked(), now: self.clock.now(), settings: self.settings() };
        let mut data = self.flow.get_untracked();
        let effects = machine::update(&mut data, event, &ctx);
        self.flow.apply(data);
        for effect in effects {
            let answered = match effect {
                Effect::Send { request, purpose } => self.send_exchange(request, purpose.origin()).map(|ex| (purpose, ex)),
                Effect::Consent(decision) => self.consent_exchange(decision).map(|ex| (Purpose::Consent, ex)),
                Effect::Announce(text) => {
                    self.announce(text);
                    None
                }
                Effect::Focus(id) => {
                    focus_later(id);
                    None
                }
            };
            if let Some((purpose, ex)) = answered {
                if crate::make::takes_browser_answer(self, purpose, &ex) {
                    continue;
                }
                self.dispatch(Event::Answered { purpose, exchange: Box::new(ex) });
            }
        }
    }

    /// The server's current lifetimes (not subscribing).
    pub fn settings(&self) -> Settings {
        self.engine.with_untracked(|e| e.settings())
    }

    /// The consent screen's decision (the engine logs it as a form post).
    pub fn consent_exchange(&self, decision: ConsentDecision) -> Option<Exchange> {
        let now = self.clock.now();
        self.engine.try_update(|e| e.consent(decision, now, &mut CryptoEntropy))?;
        self.after_exchange()
    }

    /// The exchange just logged: followed by the lessons, and announced to
    /// an embedding page.
    fn after_exchange(&self) -> Option<Exchange> {
        let exchange = self.engine.with_untracked(|e| e.log().back().cloned())?;
        self.follow(&exchange);
        Some(exchange)
    }

    /// The sequence number of the latest exchange (0 before any).
    pub fn last_seq(&self) -> u64 {
        self.engine.with_untracked(|e| e.log().back().map(|x| x.seq).unwrap_or(0))
    }

    /// Follows every exchange logged after `seq`, as `send_exchange` does
    /// for one: for callers that run several requests inside the engine.
    pub fn follow_since(&self, seq: u64) {
        let new: Vec<Exchange> = self.engine.with_untracked(|e| e.log().iter().filter(|x| x.seq > seq).cloned().collect());
        for exchange in &new {
            self.follow(exchange);
        }
    }

    fn follow(&self, exchange: &Exchange) {
        // Every lesson follows; the page and the course page hear of the open one.
        let open = self.learning.open.get_untracked();
        let news: Vec<_> = self.learning.observe(exchange).into_iter().filter(|n| Some(n.lesson()) == open.as_deref()).collect();
        self.config.with_value(|config| host::announce(config, exchange, &news));
        if let Some(last) = news.last() {
            self.announce(self.learning.news_text(last));
        }
    }

    pub fn register(&self, registration: Registration) -> Option<Client> {
        let now = self.clock.now();
        self.engine.try_update(|e| e.register(registration, now, &mut CryptoEntropy))
    }

    /// The registered client, subscribing to engine changes.
    pub fn client(&self) -> Option<Client> {
        self.engine.with(|e| e.client().cloned())
    }

    pub fn client_untracked(&self) -> Option<Client> {
        self.engine.with_untracked(|e| e.client().cloned())
    }

    /// The server's state, subscribing to the engine only: what it holds
    /// does not change with the clock's tick (countdowns tick on their own).
    pub fn server_view(&self) -> ServerView {
        let now = self.clock.now();
        self.engine.with(|e| e.view(now))
    }

    /// Says `text` through the polite live region.
    pub fn announce(&self, text: impl Into<String>) {
        self.ui.announcer.say(text);
    }

    /// Starts everything over: a new server, the default developer, real time.
    pub fn reset(&self) {
        self.clock.real_time();
        let (engine, flow) = self.config.with_value(|c| Playground::fresh_state(c, self.clock.now()));
        self.engine.set(engine);
        self.flow.apply(flow);
        self.learning.book.update(|b| b.restart_log());
        self.make.forget();
        self.ui.secret_revealed.set(false);
        self.announce("The playground was reset: a new server, a new registration, no tokens.");
    }

    pub fn shows(&self, pane: Pane) -> bool {
        self.ui.panes.with(|p| p.contains(&pane))
    }
}

/// Moves keyboard focus to an element once the DOM has caught up.
pub fn focus_later(id: &'static str) {
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(id) {
            use wasm_bindgen::JsCast;
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}
