//! The consent screen, performed without a person: opens the authorize URL
//! through the engine (as the Browser pane would), reads the consent page's
//! ticket, and posts the decision with `Engine::consent`. For tests and for
//! the console's non-interactive run.

use academy_engine::oauth::ConsentDecision;
use academy_engine::{Account, Engine, Entropy, Millis, Origin, Request, Scope};

/// What the user chooses: the account, allow or deny, and the scopes left
/// ticked (`None`: every scope asked for).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub account: Account,
    pub allow: bool,
    pub scopes: Option<Vec<Scope>>,
}

/// The callback URL the browser was sent to (with `code` or `error.message`),
/// or `None` when the authorize request got an error page (nothing redirects).
pub fn consent(engine: &mut Engine, authorize_url: &str, choice: &Choice, now: Millis, entropy: &mut dyn Entropy) -> Option<String> {
    let screen = engine.handle(Request::new("GET", authorize_url), Origin::Browser, now, entropy);
    if let Some(location) = screen.header_value("Location") {
        return Some(location.to_string());
    }
    let page = screen.json()?;
    let consent = page.get("consent")?;
    let ticket = consent.get("ticket")?.as_str()?.to_string();
    let asked: Vec<Scope> = consent.get("scopes")?.as_array()?.iter().filter_map(|s| s.as_str().and_then(Scope::parse)).collect();
    let scopes = choice.scopes.clone().unwrap_or(asked);
    let decision = ConsentDecision { ticket, account: choice.account, scopes, allow: choice.allow };
    let answer = engine.consent(decision, now, entropy);
    answer.header_value("Location").map(str::to_string)
}
