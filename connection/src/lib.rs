//! `academy-connection`: runs a Make OAuth2 connection (the communication
//! JSON, with comments, and its IML) against the simulated Academy API, step
//! by step, and says what to change. Pure: no web crate; time and randomness
//! come in with each call, and every request goes through `Engine::handle`.
//!
//! The app drives a [`Runner`]: `connect` stops at the consent screen
//! ([`Progress::NeedsConsent`]), `resume` takes the callback URL, then
//! `use_connection` before each later call and `invalidate`. [`run`] does a
//! whole connect without a person, consenting with [`consent::consent`].
//! `Runner::saved` and `Runner::restore` carry a connection over a reload.

pub mod communication;
pub mod consent;
pub mod diagnostic;
pub mod jsonc;
pub mod report;
pub mod runner;
pub mod sanitize;
pub mod saved;
pub mod templates;

pub use communication::Section;
pub use consent::Choice;
pub use diagnostic::{Code, Diagnostic, Severity};
pub use report::Report;
pub use runner::{Inputs, Progress, Runner, Use};
pub use saved::SavedConnection;
pub use templates::{Template, TEMPLATES};

use academy_engine::{Engine, Entropy, Millis};

/// Connects without a person: authorize, consent as `choice` says, token, info.
pub fn run(text: &str, inputs: Inputs, choice: &Choice, engine: &mut Engine, now: Millis, entropy: &mut dyn Entropy) -> Report {
    let mut runner = Runner::new(text, inputs, engine);
    connect(&mut runner, choice, engine, now, entropy);
    runner.report()
}

/// Runs a whole connect on `runner`, consenting as `choice` says.
pub fn connect(runner: &mut Runner, choice: &Choice, engine: &mut Engine, now: Millis, entropy: &mut dyn Entropy) -> Progress {
    match runner.connect(engine, now, entropy) {
        Progress::NeedsConsent { url } => match consent::consent(engine, &url, choice, now, entropy) {
            Some(callback) => runner.resume(engine, &callback, now, entropy),
            None => {
                // An error page: no redirect, so nothing to resume; the outcome says why.
                runner.resume(engine, "", now, entropy);
                Progress::Failed
            }
        },
        other => other,
    }
}
