//! SPEC "GET /authorize" step 4: the consent decision, posted as a form to
//! `POST /authorize` by `Engine::consent`.

mod common;

use academy_engine::{Account, Origin, Request, Scope};
use common::*;

fn post_form(h: &mut Harness, form: &str) -> academy_engine::Response {
    h.handle(Request::new("POST", "/authorize").header("Content-Type", "application/x-www-form-urlencoded").body(form))
}

#[test]
fn allow_redirects_with_a_code_and_the_state() {
    let mut h = Harness::registered();
    let ticket = h.ticket(&ALL_SCOPES);
    let r = h.consent(&ticket, Account::Jane, &ALL_SCOPES, true);
    assert_eq!(r.status, 302);
    let location = r.header_value("Location").unwrap().to_string();
    assert!(location.starts_with("https://www.make.com/oauth/cb/app?code="), "{location}");
    assert!(location.ends_with("&state=xyz"), "{location}");
    assert_eq!(body(&r)["location"], location.as_str());
    let code = query_param(&location, "code").unwrap();
    assert_eq!(code.len(), 40);
    let view = h.engine.view(h.now);
    assert_eq!(view.codes.len(), 1);
    assert_eq!(view.codes[0].code, code);
    assert_eq!(view.codes[0].account, Account::Jane);
    assert_eq!(view.codes[0].scopes, ALL_SCOPES.to_vec());
    assert_eq!(view.codes[0].redirect_uri, "https://www.make.com/oauth/cb/app");
    assert_eq!(view.codes[0].expires_at, START + 10 * MINUTE);
    assert_eq!(view.pending_authorizations, 0);
}

#[test]
fn deny_redirects_with_access_denied() {
    let mut h = Harness::registered();
    let ticket = h.ticket(&ALL_SCOPES);
    let r = h.consent(&ticket, Account::John, &ALL_SCOPES, false);
    assert_redirect_error(&r, "Access denied.");
    assert_eq!(r.header_value("Location"), Some("https://www.make.com/oauth/cb/app?error.message=Access%20denied.&state=xyz"));
    assert!(h.engine.view(h.now).codes.is_empty());
    // The ticket is used up.
    assert_error(&h.consent(&ticket, Account::John, &ALL_SCOPES, true), 400, "Consent ticket not found; open the authorize URL again.");
}

#[test]
fn allow_without_connect_redirects_with_the_connect_error() {
    let mut h = Harness::registered();
    let ticket = h.ticket(&ALL_SCOPES);
    let r = h.consent(&ticket, Account::John, &[Scope::Read, Scope::Write], true);
    assert_redirect_error(&r, "The connect scope is required.");
    assert_eq!(query_param(r.header_value("Location").unwrap(), "state").as_deref(), Some("xyz"));
    assert!(h.engine.view(h.now).codes.is_empty());
}

#[test]
fn granted_scopes_are_the_ticked_subset_of_the_requested() {
    let mut h = Harness::registered();
    let ticket = h.ticket(&[Scope::Connect, Scope::Read]);
    // Write was not requested: ticking it grants nothing.
    let r = h.consent(&ticket, Account::John, &[Scope::Connect, Scope::Read, Scope::Write], true);
    assert_eq!(r.status, 302);
    assert_eq!(h.engine.view(h.now).codes[0].scopes, vec![Scope::Connect, Scope::Read]);

    let ticket = h.ticket(&ALL_SCOPES);
    let r = h.consent(&ticket, Account::Jane, &[Scope::Connect, Scope::Delete], true);
    let code = query_param(r.header_value("Location").unwrap(), "code").unwrap();
    let t = tokens(&h.token(&code));
    assert_eq!(h.engine.view(h.now).connections[0].scopes, vec![Scope::Connect, Scope::Delete]);
    assert_error(&h.api("GET", "/movies", &t.access, None), 403, "Missing Scope.");
}

#[test]
fn unknown_ticket_is_400_without_redirect() {
    let mut h = Harness::registered();
    let r = h.consent("nope", Account::John, &ALL_SCOPES, true);
    assert_error(&r, 400, "Consent ticket not found; open the authorize URL again.");
    assert!(r.header_value("Location").is_none());
}

#[test]
fn a_ticket_lives_exactly_the_code_lifetime() {
    let mut h = Harness::registered();
    let ticket = h.ticket(&ALL_SCOPES);
    h.advance(10 * MINUTE - 1);
    assert_eq!(h.consent(&ticket, Account::John, &ALL_SCOPES, true).status, 302);

    let ticket = h.ticket(&ALL_SCOPES);
    h.advance(10 * MINUTE);
    let r = h.consent(&ticket, Account::John, &ALL_SCOPES, true);
    assert_error(&r, 400, "Consent ticket expired; open the authorize URL again.");
    assert!(r.header_value("Location").is_none());
}

#[test]
fn the_decision_is_a_logged_form_post() {
    let mut h = Harness::registered();
    let ticket = h.ticket(&ALL_SCOPES);
    h.consent(&ticket, Account::Jane, &[Scope::Connect, Scope::Read], true);
    let last = h.engine.log().back().unwrap();
    assert_eq!(last.origin, Origin::Browser);
    assert_eq!(last.request.method, "POST");
    assert_eq!(last.request.url, "/authorize");
    assert_eq!(last.request.header_value("Content-Type"), Some("application/x-www-form-urlencoded"));
    assert_eq!(String::from_utf8_lossy(&last.request.body), format!("ticket={ticket}&account=jane&scope=connect+read&decision=allow"));
    assert_eq!(last.response.status, 302);
}

#[test]
fn a_malformed_form_is_400_and_keeps_the_ticket() {
    let mut h = Harness::registered();
    let ticket = h.ticket(&ALL_SCOPES);
    assert_error(&post_form(&mut h, "account=john&scope=connect&decision=allow"), 400, "ticket is required; open the authorize URL again.");
    assert_error(&post_form(&mut h, &format!("ticket={ticket}&account=john&scope=connect")), 400, "decision must be allow or deny.");
    assert_error(&post_form(&mut h, &format!("ticket={ticket}&account=john&scope=connect&decision=maybe")), 400, "decision must be allow or deny.");
    assert_error(&post_form(&mut h, &format!("ticket={ticket}&account=bob&scope=connect&decision=allow")), 400, "account must be john or jane.");
    assert_error(&post_form(&mut h, &format!("ticket={ticket}&scope=connect&decision=allow")), 400, "account must be john or jane.");
    assert_error(&post_form(&mut h, &format!("ticket={ticket}&account=john&scope=connect+root&decision=allow")), 400, "Unknown scope: root.");
    let r = h.handle(Request::new("POST", "/authorize").header("Content-Type", "text/plain").body(format!("ticket={ticket}")));
    assert_error(&r, 400, "Malformed request body.");
    // Still usable: the form may also name the account by id, and scopes with commas.
    let r = post_form(&mut h, &format!("ticket={ticket}&account={}&scope=connect,read&decision=allow", Account::John.id()));
    assert_eq!(r.status, 302, "{}", r.body_text());
}

#[test]
fn deny_needs_no_account() {
    let mut h = Harness::registered();
    let ticket = h.ticket(&ALL_SCOPES);
    assert_redirect_error(&post_form(&mut h, &format!("ticket={ticket}&decision=deny")), "Access denied.");
}

#[test]
fn a_json_decision_is_accepted_too() {
    let mut h = Harness::registered();
    let ticket = h.ticket(&ALL_SCOPES);
    let r = h.handle(Request::new("POST", "/authorize").json(&serde_json::json!({"ticket": ticket, "account": "john", "scope": "connect read", "decision": "allow"})));
    assert_eq!(r.status, 302);
}
