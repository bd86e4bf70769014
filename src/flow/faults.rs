//! The classic mistakes, one click away: each is planned from the flow's
//! current state as a few moves (a flow event, a raw request, a clock jump),
//! or refused with what to do first. Pure; `Playground::make_mistake`
//! carries the moves out, so each lands in the log like any request.

use academy_engine::{catalog, Client, Exchange, Millis, Request, Scope, Settings, BASE_URL};

use crate::explain::{explain, Situation, Step};

use super::machine::{post, refresh_body, token_body, Event};
use super::state::FlowData;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    ReuseCode,
    WrongRedirect,
    ExpiredToken,
    MissingScope,
    OldRefreshToken,
    WrongSecret,
    Invalidated,
}

/// A redirect URI no app registered.
const WRONG_REDIRECT: &str = "https://attacker.example/callback";

impl Fault {
    pub const ALL: [Fault; 7] = [
        Fault::ReuseCode,
        Fault::WrongRedirect,
        Fault::ExpiredToken,
        Fault::MissingScope,
        Fault::OldRefreshToken,
        Fault::WrongSecret,
        Fault::Invalidated,
    ];

    pub fn testid(self) -> &'static str {
        match self {
            Fault::ReuseCode => "fault-reuse-code",
            Fault::WrongRedirect => "fault-wrong-redirect",
            Fault::ExpiredToken => "fault-expired-token",
            Fault::MissingScope => "fault-missing-scope",
            Fault::OldRefreshToken => "fault-old-refresh-token",
            Fault::WrongSecret => "fault-wrong-secret",
            Fault::Invalidated => "fault-invalidated",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Fault::ReuseCode => "Reuse the code",
            Fault::WrongRedirect => "Wrong redirect_uri at /token",
            Fault::ExpiredToken => "Call with an expired token",
            Fault::MissingScope => "Call without the needed scope",
            Fault::OldRefreshToken => "Old refresh token after rotation",
            Fault::WrongSecret => "Wrong client secret",
            Fault::Invalidated => "Call after invalidation",
        }
    }
}

/// What the server holds that the plan depends on (read by the shell).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ServerState {
    pub client: Option<Client>,
    pub now: Millis,
    /// The held access token's scopes, while its connection is live.
    pub granted: Option<Vec<Scope>>,
    /// The callback's code is still unused on the server.
    pub code_unused: bool,
}

/// One thing to carry out, in order.
#[derive(Clone, Debug)]
pub enum Move {
    /// Through the flow, so the app's state follows (a refresh, an invalidation).
    Flow(Event),
    /// A raw request from the app, not taken into the flow's state.
    Send(Request),
    /// The simulated clock jumps to this time.
    ClockTo(Millis),
}

fn bearer(path: &str, token: &str) -> Request {
    Request::new("GET", &format!("{BASE_URL}{path}")).header("authorization", &format!("Bearer {token}"))
}

/// The moves that make `fault` now, or what to do first.
pub fn plan(fault: Fault, data: &FlowData, s: &ServerState) -> Result<Vec<Move>, &'static str> {
    let client = s.client.as_ref().ok_or("Register an app first (Your app, Registration).")?;
    let code = data.callback.as_ref().and_then(|c| c.code());
    let held = data.held.as_ref().filter(|h| h.client_id == client.client_id);
    let live = held.filter(|_| s.granted.is_some());
    match fault {
        Fault::ReuseCode => {
            let code = code.filter(|_| !s.code_unused).ok_or("Get a code and exchange it first (steps 1 to 3).")?;
            Ok(vec![Move::Send(post("/token", &token_body(Some(client), &code)))])
        }
        Fault::WrongRedirect => {
            let code = code.filter(|_| s.code_unused).ok_or("Get a new code first (steps 1 and 2), and do not exchange it.")?;
            let body = token_body(Some(client), &code).replace(&client.registration.redirect_uri, WRONG_REDIRECT);
            Ok(vec![Move::Send(post("/token", &body))])
        }
        Fault::WrongSecret => {
            let body = token_body(Some(client), code.as_deref().unwrap_or("any-code"))
                .replace(&client.client_secret, "not-the-secret");
            Ok(vec![Move::Send(post("/token", &body))])
        }
        Fault::ExpiredToken => {
            let held = live.ok_or("Get tokens first (steps 1 to 3).")?;
            let mut moves = Vec::new();
            if s.now <= held.access_expires_at {
                moves.push(Move::ClockTo(held.access_expires_at + 1_000));
            }
            moves.push(Move::Send(bearer("/info", &held.access_token)));
            Ok(moves)
        }
        Fault::MissingScope => {
            let held = live.ok_or("Get tokens first (steps 1 to 3).")?;
            let granted = s.granted.as_deref().unwrap_or_default();
            let endpoint = catalog::ENDPOINTS
                .iter()
                .filter(|e| !e.route.contains('{'))
                .find(|e| e.scope().is_some_and(|needed| !granted.contains(&needed)))
                .ok_or("This token holds every scope: authorize again and untick one on the consent screen first.")?;
            let mut request = bearer(endpoint.route, &held.access_token);
            request.method = endpoint.method.to_string();
            Ok(vec![Move::Send(request)])
        }
        Fault::OldRefreshToken => {
            let held = live.ok_or("Get tokens first (steps 1 to 3).")?;
            // Rotate now, then send the token that rotation retired.
            Ok(vec![
                Move::Flow(Event::Refresh),
                Move::Send(post("/refresh", &refresh_body(Some(client), &held.refresh_token))),
            ])
        }
        Fault::Invalidated => {
            let held = held.filter(|h| h.invalidated_at.is_some() || s.granted.is_some()).ok_or("Get tokens first (steps 1 to 3).")?;
            let mut moves = Vec::new();
            if held.invalidated_at.is_none() {
                moves.push(Move::Flow(Event::Invalidate));
            }
            moves.push(Move::Send(bearer("/info", &held.access_token)));
            Ok(moves)
        }
    }
}

/// The explanation of a mistake's answer, with what the mistake knew.
pub fn explanation(fault: Fault, exchange: &Exchange, settings: &Settings) -> Option<String> {
    let kind = exchange.outcome.error.as_ref()?;
    let step = match exchange.outcome.route.as_deref() {
        Some("/token") => Step::Token,
        Some("/refresh") => Step::Refresh,
        _ => Step::Api,
    };
    let situation = Situation { step, invalidated: fault == Fault::Invalidated, ..Default::default() };
    Some(explain(kind, &situation, settings))
}

#[cfg(test)]
mod tests {
    use academy_engine::{ErrorKind, Origin, TokenProblem};

    use super::*;
    use crate::flow::driver::Driver;

    fn situation(d: &Driver) -> ServerState {
        let view = d.engine.view(d.now);
        let held = d.data.held.as_ref();
        ServerState {
            client: d.engine.client().cloned(),
            now: d.now,
            granted: held.and_then(|h| view.connections.iter().find(|c| c.access_token == h.access_token)).map(|c| c.scopes.clone()),
            code_unused: d.data.callback.as_ref().and_then(|c| c.code()).is_some_and(|code| view.codes.iter().any(|c| c.code == code)),
        }
    }

    /// Carries the plan out as the page does; the last exchange's error.
    fn make(d: &mut Driver, fault: Fault) -> Result<Option<ErrorKind>, &'static str> {
        for step in plan(fault, &d.data, &situation(d))? {
            match step {
                Move::Flow(event) => d.run(event),
                Move::Send(request) => {
                    d.engine.handle(request, Origin::App, d.now, &mut d.entropy);
                }
                Move::ClockTo(at) => d.now = at,
            }
        }
        Ok(d.engine.log().back().and_then(|e| e.outcome.error.clone()))
    }

    #[test]
    fn every_mistake_says_what_to_do_first_before_there_are_tokens() {
        let mut d = Driver::new();
        for fault in [Fault::ReuseCode, Fault::WrongRedirect, Fault::ExpiredToken, Fault::MissingScope, Fault::OldRefreshToken, Fault::Invalidated] {
            assert!(make(&mut d, fault).is_err(), "{fault:?}");
        }
        assert_eq!(make(&mut d, Fault::WrongSecret), Ok(Some(ErrorKind::InvalidClientCredentials)));
    }

    #[test]
    fn each_mistake_gets_the_answer_it_teaches() {
        let mut d = Driver::new();
        d.run(Event::OpenAuthorize);
        d.data.consent_scopes = vec!["connect".into(), "read".into()];
        d.run(Event::Decide { allow: true });
        assert_eq!(make(&mut d, Fault::WrongRedirect), Ok(Some(ErrorKind::RedirectUriMismatch)));
        assert!(make(&mut d, Fault::ReuseCode).is_err(), "the code is still unused");
        d.run(Event::ExchangeCode);
        assert!(make(&mut d, Fault::WrongRedirect).is_err(), "the code is used now");
        assert_eq!(make(&mut d, Fault::ReuseCode), Ok(Some(ErrorKind::CodeUsed)));
        assert!(matches!(make(&mut d, Fault::MissingScope), Ok(Some(ErrorKind::MissingScope { needed: Scope::Write, .. }))));
        assert_eq!(make(&mut d, Fault::OldRefreshToken), Ok(Some(ErrorKind::RefreshTokenUsed)));
        assert!(d.data.held.is_some(), "the app holds the new pair");
        assert!(matches!(
            make(&mut d, Fault::ExpiredToken),
            Ok(Some(ErrorKind::NotAuthorized { problem: TokenProblem::Expired { .. } }))
        ));
        d.now -= 1; // still expired; refresh to get a live pair again
        d.run(Event::Refresh);
        assert_eq!(
            make(&mut d, Fault::Invalidated),
            Ok(Some(ErrorKind::NotAuthorized { problem: TokenProblem::Unknown }))
        );
        assert_eq!(make(&mut d, Fault::Invalidated), Ok(Some(ErrorKind::NotAuthorized { problem: TokenProblem::Unknown })), "again, without invalidating twice");
        assert_eq!(make(&mut d, Fault::WrongSecret), Ok(Some(ErrorKind::InvalidClientCredentials)));
    }

    #[test]
    fn a_token_with_every_scope_cannot_miss_one() {
        let mut d = Driver::new();
        d.connect("john");
        assert!(make(&mut d, Fault::MissingScope).unwrap_err().contains("untick"));
    }
}
