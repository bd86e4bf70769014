//! SPEC "GET /authorize": checks in order; pre-verification errors are error
//! pages, later ones redirect with `error.message` (and `state`).

mod common;

use academy_engine::oauth::registration::LEGACY_REDIRECT_URI;
use academy_engine::{Account, Request, Response, Scope};
use common::*;
use serde_json::json;

const CB: &str = "https%3A%2F%2Fwww.make.com%2Foauth%2Fcb%2Fapp";

fn q(h: &Harness, rest: &str) -> String {
    format!("client_id={}&redirect_uri={CB}{rest}", h.client.client_id)
}

fn assert_page(r: &Response, status: u16, message: &str) {
    assert_error(r, status, message);
    assert!(r.header_value("Location").is_none(), "an error page never redirects");
}

#[test]
fn client_id_missing_is_400_without_redirect() {
    let mut h = Harness::registered();
    assert_page(&h.authorize(&format!("redirect_uri={CB}&response_type=code&scope=connect")), 400, "client_id is required.");
    assert_page(&h.authorize(&format!("client_id=&redirect_uri={CB}&response_type=code&scope=connect")), 400, "client_id is required.");
    // Checked first: nothing else is valid either.
    assert_page(&h.authorize(""), 400, "client_id is required.");
}

#[test]
fn client_id_unknown_is_404_without_redirect() {
    let mut h = Harness::registered();
    assert_page(&h.authorize(&format!("client_id=nope&redirect_uri={CB}&response_type=code&scope=connect")), 404, "Client not found; check client_id.");
    // Before the redirect URI is looked at.
    assert_page(&h.authorize("client_id=nope"), 404, "Client not found; check client_id.");
}

#[test]
fn redirect_uri_missing_or_mismatched_is_400_without_redirect() {
    let mut h = Harness::registered();
    let id = h.client.client_id.clone();
    assert_page(&h.authorize(&format!("client_id={id}&response_type=code&scope=connect")), 400, "redirect_uri is required.");
    assert_page(&h.authorize(&format!("client_id={id}&redirect_uri=&response_type=code&scope=connect")), 400, "redirect_uri is required.");
    for wrong in [LEGACY_REDIRECT_URI, "https://www.make.com/oauth/cb/app/", "https://WWW.make.com/oauth/cb/app", "https://evil.example/cb"] {
        let r = h.authorize(&format!("client_id={id}&redirect_uri={}&response_type=code&scope=connect", encode(wrong)));
        assert_page(&r, 400, "redirect_uri does not match the registered one.");
    }
    // Before response_type and scope.
    assert_page(&h.authorize(&format!("client_id={id}&redirect_uri=x")), 400, "redirect_uri does not match the registered one.");
}

#[test]
fn response_type_errors_go_back_to_the_redirect_uri_with_state() {
    let mut h = Harness::registered();
    let r = h.authorize(&q(&h, "&scope=connect&state=s1"));
    assert_redirect_error(&r, "response_type is required.");
    assert_eq!(query_param(r.header_value("Location").unwrap(), "state").as_deref(), Some("s1"));
    let r = h.authorize(&q(&h, "&response_type=token&scope=connect&state=s1"));
    assert_redirect_error(&r, "Response type not supported.");
    // response_type is checked before scope.
    assert_redirect_error(&h.authorize(&q(&h, "")), "response_type is required.");
}

#[test]
fn the_redirect_is_exact() {
    let mut h = Harness::registered();
    let r = h.authorize(&q(&h, "&response_type=token&scope=connect&state=a%20b"));
    let location = "https://www.make.com/oauth/cb/app?error.message=Response%20type%20not%20supported.&state=a%20b";
    assert_eq!(r.header_value("Location"), Some(location));
    assert_eq!(body(&r), json!({"location": location}));
    assert_eq!(r.header_value("Content-Type"), Some("application/json"));
    // No state given: none sent back.
    let r = h.authorize(&q(&h, "&response_type=token&scope=connect"));
    assert_eq!(r.header_value("Location"), Some("https://www.make.com/oauth/cb/app?error.message=Response%20type%20not%20supported."));
}

#[test]
fn scope_errors_go_back_to_the_redirect_uri() {
    let mut h = Harness::registered();
    assert_redirect_error(&h.authorize(&q(&h, "&response_type=code")), "The connect scope is required.");
    assert_redirect_error(&h.authorize(&q(&h, "&response_type=code&scope=")), "The connect scope is required.");
    assert_redirect_error(&h.authorize(&q(&h, "&response_type=code&scope=read+write")), "The connect scope is required.");
    assert_redirect_error(&h.authorize(&q(&h, "&response_type=code&scope=connect+admin")), "Unknown scope: admin.");
    // Unknown names are reported before a missing connect.
    assert_redirect_error(&h.authorize(&q(&h, "&response_type=code&scope=read+Connect")), "Unknown scope: Connect.");
    // Commas and %20 separate names too.
    assert_redirect_error(&h.authorize(&q(&h, "&response_type=code&scope=read,write")), "The connect scope is required.");
    assert_redirect_error(&h.authorize(&q(&h, "&response_type=code&scope=connect,read%20admin")), "Unknown scope: admin.");
    // State goes back with scope errors too.
    let r = h.authorize(&q(&h, "&response_type=code&scope=read&state=s2"));
    assert_eq!(query_param(r.header_value("Location").unwrap(), "state").as_deref(), Some("s2"));
}

#[test]
fn a_long_unknown_scope_is_quoted_short() {
    let mut h = Harness::registered();
    let name = "x".repeat(1000);
    let r = h.authorize(&q(&h, &format!("&response_type=code&scope=connect+{name}")));
    assert_redirect_error(&r, &format!("Unknown scope: {}….", "x".repeat(40)));
}

#[test]
fn state_is_echoed_whenever_present_even_empty() {
    let mut h = Harness::registered();
    let r = h.authorize(&q(&h, "&response_type=token&scope=connect&state="));
    assert_eq!(r.header_value("Location"), Some("https://www.make.com/oauth/cb/app?error.message=Response%20type%20not%20supported.&state="));
    let r = h.authorize(&q(&h, "&response_type=code&scope=connect&state="));
    let ticket = body(&r)["consent"]["ticket"].as_str().unwrap().to_string();
    assert_eq!(body(&r)["consent"]["state"], "");
    let r = h.consent(&ticket, Account::John, &ALL_SCOPES, true);
    assert!(r.header_value("Location").unwrap().ends_with("&state="), "{:?}", r.header_value("Location"));
}

#[test]
fn a_parameter_given_twice_counts_once_the_first() {
    let mut h = Harness::registered();
    let r = h.authorize(&format!("{}&client_id=other&redirect_uri=x&response_type=token&scope=admin", h.authorize_query(&[Scope::Connect], Some("one"))));
    assert_eq!(r.status, 200, "{}", r.body_text());
    assert_eq!(body(&r)["consent"]["state"], "one");
}

#[test]
fn the_consent_screen_lists_its_fields_in_the_documented_order() {
    let mut h = Harness::registered();
    let r = h.authorize(&h.authorize_query(&ALL_SCOPES, Some("s")));
    let text = r.body_text();
    assert_eq!(keys_at_depth(&text, 1), ["consent"]);
    assert_eq!(keys_at_depth(&text, 2), ["ticket", "app", "client_id", "redirect_uri", "scopes", "state", "accounts", "expires_at"]);
    assert_eq!(keys_at_depth(&text, 4), ["id", "name", "slug", "id", "name", "slug"]);
}

#[test]
fn an_app_without_a_developer_name_is_your_app() {
    let mut h = Harness::new();
    let mut form = registration();
    form.first_name = " ".into();
    form.last_name = String::new();
    h.client = h.engine.register(form, h.now, &mut h.entropy);
    let r = h.authorize(&h.authorize_query(&ALL_SCOPES, None));
    assert_eq!(body(&r)["consent"]["app"], "Your app");
}

#[test]
fn the_legacy_callback_is_a_preset_the_whole_flow_works_with() {
    assert_eq!(academy_engine::oauth::registration::MAKE_REDIRECT_URI, "https://www.make.com/oauth/cb/app");
    assert_eq!(LEGACY_REDIRECT_URI, "https://www.integromat.com/oauth/cb/app");
    let mut h = Harness::new();
    let mut form = registration();
    form.redirect_uri = LEGACY_REDIRECT_URI.into();
    h.client = h.engine.register(form, h.now, &mut h.entropy);
    let ticket = h.ticket(&ALL_SCOPES);
    let r = h.consent(&ticket, Account::John, &ALL_SCOPES, true);
    assert!(r.header_value("Location").unwrap().starts_with("https://www.integromat.com/oauth/cb/app?code="));
    let t = h.connect(Account::Jane, &ALL_SCOPES);
    assert_eq!(h.info_status(&t.access), 200);
    // Make's callback is now the unverified one.
    let r = h.authorize(&format!("client_id={}&redirect_uri={CB}&response_type=code&scope=connect", h.client.client_id));
    assert_page(&r, 400, "redirect_uri does not match the registered one.");
}

#[test]
fn success_shows_the_consent_screen() {
    let mut h = Harness::registered();
    let r = h.authorize(&q(&h, "&response_type=code&scope=delete+connect%20read,read&state=xyz"));
    assert_eq!(r.status, 200, "{}", r.body_text());
    assert!(r.header_value("Location").is_none());
    let b = body(&r);
    let c = &b["consent"];
    assert_eq!(c["ticket"].as_str().unwrap().len(), 32);
    assert_eq!(c["app"], "Ada Lovelace's app");
    assert_eq!(c["client_id"], h.client.client_id.as_str());
    assert_eq!(c["redirect_uri"], "https://www.make.com/oauth/cb/app");
    assert_eq!(c["scopes"], json!(["connect", "read", "delete"]));
    assert_eq!(c["state"], "xyz");
    assert_eq!(c["expires_at"], START + 10 * MINUTE);
    assert_eq!(
        c["accounts"],
        json!([
            {"id": Account::John.id(), "name": "John Doe", "slug": "john"},
            {"id": Account::Jane.id(), "name": "Jane Black", "slug": "jane"},
        ])
    );
    let r = h.authorize(&q(&h, "&response_type=code&scope=connect"));
    assert_eq!(body(&r)["consent"]["state"], json!(null));
    assert_eq!(h.engine.view(h.now).pending_authorizations, 2);
}

#[test]
fn every_url_form_reaches_authorize() {
    let mut h = Harness::registered();
    let query = h.authorize_query(&[Scope::Connect], None);
    for url in [format!("https://app-academy.make.com/api/v2/authorize?{query}"), format!("/api/v2/authorize?{query}"), format!("/authorize?{query}")] {
        assert_eq!(h.handle(Request::new("GET", &url)).status, 200, "{url}");
    }
    // Methods are read case-insensitively.
    assert_eq!(h.handle(Request::new("get", &format!("/authorize?{query}"))).status, 200);
    // Another host is not this server.
    assert_error(&h.handle(Request::new("GET", &format!("https://example.com/api/v2/authorize?{query}"))), 404, "Not Found.");
}

#[test]
fn other_methods_are_405() {
    let mut h = Harness::registered();
    for m in ["PUT", "DELETE", "PATCH", "HEAD"] {
        let r = h.handle(Request::new(m, "/authorize"));
        assert_error(&r, 405, "Method not allowed; use one of the methods in the Allow header.");
        assert_eq!(r.header_value("Allow"), Some("GET, POST"));
    }
}

#[test]
fn pending_authorizations_are_bounded_oldest_dropped() {
    let mut h = Harness::registered();
    let first = h.ticket(&ALL_SCOPES);
    let second = h.ticket(&ALL_SCOPES);
    for _ in 0..academy_engine::oauth::ticket::TICKET_LIMIT - 1 {
        h.ticket(&ALL_SCOPES);
    }
    assert_eq!(h.engine.view(h.now).pending_authorizations, academy_engine::oauth::ticket::TICKET_LIMIT);
    assert_error(&h.consent(&first, Account::John, &ALL_SCOPES, true), 400, "Consent ticket not found; open the authorize URL again.");
    assert_eq!(h.consent(&second, Account::John, &ALL_SCOPES, true).status, 302);
}
