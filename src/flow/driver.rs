//! A driver for native tests: carries out the flow machine's effects
//! against a real engine, as `Playground::dispatch` does in the page.

use academy_engine::oauth::registration::{Registration, MAKE_REDIRECT_URI};
use academy_engine::{Engine, Millis, SeededEntropy, Settings};

use super::machine::{update, Ctx, Effect, Event, Purpose};
use super::state::{Answer, FlowData};

pub const START: Millis = 1_700_000_000_000;

pub struct Driver {
    pub engine: Engine,
    pub entropy: SeededEntropy,
    pub data: FlowData,
    pub now: Millis,
    pub said: Vec<String>,
    pub focused: Vec<&'static str>,
}

impl Driver {
    pub fn new() -> Self {
        let mut engine = Engine::new(Settings::default());
        let mut entropy = SeededEntropy::new(3);
        let registration = Registration {
            email: "learner@example.com".into(),
            first_name: "Alex".into(),
            last_name: "Learner".into(),
            redirect_uri: MAKE_REDIRECT_URI.into(),
        };
        let client = engine.register(registration, START, &mut entropy);
        let data = FlowData::fresh(Some(&client), "st4te".into());
        Driver { engine, entropy, data, now: START, said: vec![], focused: vec![] }
    }

    pub fn ctx(&self) -> Ctx {
        Ctx { client: self.engine.client().cloned(), now: self.now, settings: self.engine.settings() }
    }

    pub fn run(&mut self, event: Event) {
        let ctx = self.ctx();
        for effect in update(&mut self.data, event, &ctx) {
            match effect {
                Effect::Send { request, purpose } => {
                    self.engine.handle(request, purpose.origin(), self.now, &mut self.entropy);
                    self.answered(purpose);
                }
                Effect::Consent(decision) => {
                    self.engine.consent(decision, self.now, &mut self.entropy);
                    self.answered(Purpose::Consent);
                }
                Effect::Announce(text) => self.said.push(text),
                Effect::Focus(id) => self.focused.push(id),
            }
        }
    }

    pub fn answered(&mut self, purpose: Purpose) {
        let exchange = self.engine.log().back().cloned().expect("logged");
        self.run(Event::Answered { purpose, exchange: Box::new(exchange) });
    }

    pub fn last_said(&self) -> &str {
        self.said.last().map(String::as_str).unwrap_or("")
    }

    /// Steps one to three with all scopes: the app holds a pair.
    pub fn connect(&mut self, account: &str) {
        self.run(Event::OpenAuthorize);
        self.data.consent_account = account.into();
        self.run(Event::Decide { allow: true });
        self.run(Event::ExchangeCode);
        assert!(self.data.held.is_some(), "{:?}", self.said);
    }

    pub fn api(&mut self, method: &str, path: &str) -> Answer {
        self.data.api_method = method.into();
        self.data.api_path = path.into();
        self.run(Event::CallApi);
        self.data.api_answer.clone().expect("an answer")
    }
}

