//! The flow, run natively against a real engine: a driver carries out the
//! machine's effects as the shell does, so every step and error path is
//! checked without a browser.

use academy_engine::oauth::registration::MAKE_REDIRECT_URI;
use academy_engine::{ErrorKind, Settings, TokenProblem};

use super::*;

use crate::flow::driver::{Driver, START};

fn error_of(answer: &Option<Answer>) -> Option<ErrorKind> {
    answer.as_ref().and_then(|a| a.error.clone())
}

#[test]
fn the_whole_flow_step_by_step() {
    let mut d = Driver::new();
    // One: the consent screen opens in the browser.
    d.run(Event::OpenAuthorize);
    let BrowserPage::Consent(screen) = &d.data.browser_page else { panic!("{:?}", d.data.browser_page) };
    assert_eq!(screen.scopes, ["connect", "read", "write", "delete"]);
    assert_eq!(d.data.consent_scopes, screen.scopes);
    assert!(d.last_said().contains("consent screen"));
    assert_eq!(d.focused.last(), Some(&BROWSER_HEADING));
    // Two: Allow brings the browser back with a code and the same state.
    d.run(Event::Decide { allow: true });
    let callback = d.data.callback.clone().expect("a callback");
    let code = callback.code().expect("a code");
    assert_eq!(callback.state().as_deref(), Some("st4te"));
    assert!(d.data.token_body.contains(&code));
    assert!(matches!(d.data.browser_page, BrowserPage::Callback(_)));
    // Three: the exchange holds a pair whose expiry follows expires_in.
    d.run(Event::ExchangeCode);
    let held = d.data.held.clone().expect("tokens");
    assert_eq!((held.expires_in, held.refresh_expires_in), (5, 60));
    assert_eq!(held.access_expires_at, START + 5 * MINUTE);
    assert!(d.data.refresh_body.contains(&held.refresh_token));
    assert_eq!(d.data.last_token_answer, Some(TokenAnswer::Exchange));
    assert!(d.last_said().contains("5 minutes"));
    // Four: the composer sends the held token.
    let info = d.api("GET", "/info");
    assert_eq!((info.status, info.error), (200, None));
    // Five: refresh rotates; the old token is kept as previous.
    d.now += 6 * MINUTE;
    d.run(Event::Refresh);
    let fresh = d.data.held.clone().expect("new tokens");
    assert_ne!(fresh.access_token, held.access_token);
    assert_eq!(fresh.source, TokenSource::Refresh);
    assert_eq!(d.data.previous[0].access_token, held.access_token);
    assert_eq!(d.data.last_token_answer, Some(TokenAnswer::Refresh));
    // Six: invalidate marks the held pair.
    d.run(Event::Invalidate);
    assert_eq!(d.data.invalidate_answer.as_ref().map(|a| a.status), Some(204));
    assert_eq!(d.data.held.as_ref().and_then(|h| h.invalidated_at), Some(d.now));
    let after = d.api("GET", "/info");
    assert!(after.explanation.unwrap_or_default().contains("invalidated"));
}

#[test]
fn authorize_errors_show_an_error_page_or_come_back_to_the_callback() {
    let mut d = Driver::new();
    d.run(Event::Navigate(d.data.authorize_url.replace("redirect_uri=", "redirect_uri=x")));
    let BrowserPage::Error(page) = &d.data.browser_page else { panic!("an error page") };
    assert_eq!((page.status, page.error.clone()), (400, Some(ErrorKind::RedirectUriNotRegistered)));
    assert!(page.explanation.as_deref().unwrap_or("").contains("error page"));

    d.data.scopes = vec!["read".into()];
    d.run(Event::EditAuthorize);
    assert!(!d.data.authorize_url.contains("connect"));
    d.run(Event::OpenAuthorize);
    let callback = d.data.callback.clone().expect("back at the callback");
    assert_eq!(callback.error_kind, Some(ErrorKind::ConnectScopeRequired));
    assert_eq!(callback.error().as_deref(), Some("The connect scope is required."));
    assert!(callback_explanation(&callback, &Settings::default()).unwrap().contains("connect scope"));

    d.run(Event::Navigate("https://example.org/".into()));
    let BrowserPage::Error(page) = &d.data.browser_page else { panic!("outside") };
    assert_eq!(page.status, 0);
    d.run(Event::Navigate("   ".into()));
    assert_eq!(d.data.browser_url, "https://example.org/");
}

#[test]
fn consent_deny_and_unticked_connect_come_back_with_errors() {
    let mut d = Driver::new();
    d.run(Event::OpenAuthorize);
    d.run(Event::Decide { allow: false });
    assert_eq!(d.data.callback.as_ref().and_then(|c| c.error_kind.clone()), Some(ErrorKind::AccessDenied));
    assert!(d.last_said().contains("error"));
    d.run(Event::OpenAuthorize);
    d.data.consent_scopes = vec!["read".into()];
    d.run(Event::Decide { allow: true });
    assert_eq!(d.data.callback.as_ref().and_then(|c| c.error_kind.clone()), Some(ErrorKind::ConnectScopeRequired));
    // Deciding twice on one screen: the ticket is used up.
    d.run(Event::OpenAuthorize);
    let screen = d.data.browser_page.clone();
    d.run(Event::Decide { allow: true });
    d.data.browser_page = screen;
    d.run(Event::Decide { allow: true });
    let BrowserPage::Error(page) = &d.data.browser_page else { panic!("an error page") };
    assert_eq!(page.error, Some(ErrorKind::TicketNotFound));
    // No consent screen: nothing to decide.
    d.data.browser_page = BrowserPage::Blank;
    let before = d.engine.log().len();
    d.run(Event::Decide { allow: true });
    assert_eq!(d.engine.log().len(), before);
}

#[test]
fn token_exchange_errors_keep_the_held_tokens_and_explain() {
    let mut d = Driver::new();
    d.run(Event::ExchangeCode);
    assert_eq!(error_of(&d.data.token_answer), Some(ErrorKind::MalformedBody), "no code yet: an empty body");
    assert!(d.data.held.is_none());
    d.connect("john");
    let held = d.data.held.clone();
    d.run(Event::ExchangeCode);
    assert_eq!(error_of(&d.data.token_answer), Some(ErrorKind::CodeUsed));
    assert_eq!(d.data.held, held, "a failed exchange keeps what the app held");
    assert!(d.last_said().contains("only once"));
    d.data.token_body = "{not json".into();
    d.run(Event::ExchangeCode);
    assert_eq!(error_of(&d.data.token_answer), Some(ErrorKind::MalformedBody));
    d.run(Event::RestoreTokenBody);
    assert!(d.data.token_body.contains("authorization_code"));
    // Another registration: the old credentials are refused, and said so.
    let registration = d.engine.client().unwrap().registration.clone();
    d.engine.register(registration, d.now, &mut d.entropy);
    d.run(Event::ExchangeCode);
    assert_eq!(error_of(&d.data.token_answer), Some(ErrorKind::InvalidClientCredentials));
}

#[test]
fn an_expired_code_quotes_the_lifetime_it_had() {
    let mut d = Driver::new();
    d.run(Event::OpenAuthorize);
    d.run(Event::Decide { allow: true });
    d.now += 10 * MINUTE;
    d.run(Event::ExchangeCode);
    assert_eq!(error_of(&d.data.token_answer), Some(ErrorKind::CodeExpired { lifetime_minutes: 10 }));
    assert!(d.data.token_answer.unwrap().explanation.unwrap().contains("10 minutes"));
}

#[test]
fn refresh_errors_explain_rotation_and_expiry() {
    let mut d = Driver::new();
    d.connect("john");
    let first = d.data.refresh_body.clone();
    d.run(Event::Refresh);
    assert!(d.data.refresh_answer.as_ref().is_some_and(|a| a.error.is_none()));
    d.data.refresh_body = first;
    d.run(Event::Refresh);
    assert_eq!(error_of(&d.data.refresh_answer), Some(ErrorKind::RefreshTokenUsed));
    d.run(Event::RestoreRefreshBody);
    d.now += 60 * MINUTE;
    d.run(Event::Refresh);
    assert_eq!(error_of(&d.data.refresh_answer), Some(ErrorKind::RefreshTokenExpired { lifetime_minutes: 60 }));
    assert!(d.data.refresh_answer.unwrap().explanation.unwrap().contains("60 minutes"));
}

#[test]
fn api_errors_are_typed_and_explained_from_what_the_app_knows() {
    let mut d = Driver::new();
    let none = d.api("GET", "/info");
    assert_eq!(none.error, Some(ErrorKind::NotAuthorized { problem: TokenProblem::Missing }));
    d.connect("john");
    d.now += 5 * MINUTE;
    let expired = d.api("GET", "/movies");
    assert!(matches!(expired.error, Some(ErrorKind::NotAuthorized { problem: TokenProblem::Expired { .. } })));
    assert!(expired.explanation.unwrap().contains("Refresh"));
    let old = d.data.held.clone().unwrap();
    d.run(Event::Refresh);
    d.data.api_auth = Some(format!("Bearer {}", old.access_token));
    let replaced = d.api("GET", "/movies");
    assert!(replaced.explanation.unwrap().contains("refresh replaced"), "{:?}", replaced.error);
    d.data.api_auth = None;
    let missing = d.api("GET", "/nowhere");
    assert_eq!(missing.error, Some(ErrorKind::NotFound));
    d.data.api_body = "{}".into();
    let created = d.api("POST", "/movies");
    assert!(created.error.is_some_and(|e| e.status() == 400));
    d.data.api_body = academy_engine::api::samples::MOVIE.into();
    assert_eq!(d.api("POST", "/movies").status, 200);
    let wrong = d.api("PUT", "/genres");
    assert_eq!(wrong.error, Some(ErrorKind::MethodNotAllowed { allow: vec!["GET".into()] }));
    // Invalidating from the composer marks the held pair too.
    d.api("GET", "/invalidate");
    assert!(d.data.held.as_ref().is_some_and(|h| h.invalidated_at.is_some()));
}

#[test]
fn a_callback_typed_by_hand_is_read_but_not_explained_as_the_servers() {
    let mut d = Driver::new();
    d.run(Event::Navigate(format!("{MAKE_REDIRECT_URI}?code=abc&state=st4te")));
    let callback = d.data.callback.clone().expect("the app read it");
    assert_eq!((callback.code().as_deref(), callback.error_kind.clone()), (Some("abc"), None));
    assert!(d.data.token_body.contains("\"abc\""));
    d.run(Event::Navigate(format!("{MAKE_REDIRECT_URI}?error.message=Nope")));
    let callback = d.data.callback.clone().unwrap();
    assert!(callback_explanation(&callback, &Settings::default()).unwrap().contains("typed"));
}

#[test]
fn the_consent_screen_keeps_a_chosen_account() {
    let mut d = Driver::new();
    d.data.consent_account = "jane".into();
    d.run(Event::OpenAuthorize);
    assert_eq!(d.data.consent_account, "jane");
    d.data.consent_account = "nobody".into();
    d.run(Event::OpenAuthorize);
    assert_eq!(d.data.consent_account, "john");
    d.data.consent_account = "jane".into();
    d.run(Event::Decide { allow: true });
    d.run(Event::ExchangeCode);
    assert_eq!(d.engine.log().back().unwrap().outcome.subject.as_ref().map(|s| s.account), Some(academy_engine::Account::Jane));
}
