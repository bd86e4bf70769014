//! Every exchange records what it meant: the route, whether it got past the
//! checks, the error kind with its data, the subject and what changed. The
//! app reads only this, so each SPEC error is checked here through `handle`.

mod common;

use academy_engine::catalog::{self, Access, ENDPOINTS};
use academy_engine::outcome::{Grant, Param};
use academy_engine::{Account, Change, ErrorKind, Outcome, Request, Scope, TokenProblem};
use common::*;
use serde_json::json;

fn last(h: &Harness) -> Outcome {
    h.engine.log().back().expect("an exchange").outcome.clone()
}

fn error(h: &Harness) -> ErrorKind {
    last(h).error.expect("an error kind")
}

#[test]
fn the_whole_flow_says_what_changed() {
    let mut h = Harness::registered();
    let ticket = h.ticket(&ALL_SCOPES);
    let o = last(&h);
    assert_eq!((o.route.as_deref(), o.reached, o.error), (Some("/authorize"), true, None));
    assert!(matches!(o.changes.as_slice(), [Change::ConsentOpened { .. }]));

    h.consent(&ticket, Account::John, &ALL_SCOPES, true);
    let o = last(&h);
    assert_eq!(o.subject.as_ref().map(|s| s.account), Some(Account::John));
    assert!(matches!(&o.changes[..], [Change::CodeIssued { account: Account::John, scopes, .. }] if scopes == &ALL_SCOPES));

    let code = query_param(h.engine.log().back().unwrap().response.header_value("Location").unwrap(), "code").unwrap();
    let first = tokens(&h.token(&code));
    let o = last(&h);
    assert_eq!(o.route.as_deref(), Some("/token"));
    assert!(o.changed(|c| *c == Change::CodeUsed));
    assert!(o.changed(|c| matches!(c, Change::TokensIssued { account: Account::John, grant: Grant::AuthorizationCode, expires_in: 5, refresh_expires_in: 60, .. })));
    assert!(!o.changed(|c| matches!(c, Change::ConnectionReplaced { .. })));

    h.api("GET", "/movies", &first.access, None);
    let o = last(&h);
    assert_eq!((o.route.as_deref(), o.reached), (Some("/movies"), true));
    assert_eq!(o.subject.map(|s| s.scopes), Some(ALL_SCOPES.to_vec()));

    let second = tokens(&h.refresh(&first.refresh));
    let o = last(&h);
    assert!(o.changed(|c| *c == Change::TokensRotated { account: Account::John }));
    assert!(o.changed(|c| matches!(c, Change::TokensIssued { grant: Grant::RefreshToken, .. })));

    h.refresh(&first.refresh);
    assert_eq!(error(&h), ErrorKind::RefreshTokenUsed);

    h.connect(Account::John, &ALL_SCOPES);
    assert!(last(&h).changed(|c| *c == Change::ConnectionReplaced { account: Account::John }));
    h.api("GET", "/info", &second.access, None);
    assert_eq!(error(&h), ErrorKind::NotAuthorized { problem: TokenProblem::Unknown });

    let third = h.connect(Account::Jane, &ALL_SCOPES);
    h.api("GET", "/invalidate", &third.access, None);
    assert_eq!(last(&h).changes, vec![Change::ConnectionRemoved { account: Account::Jane }]);
}

#[test]
fn authorize_errors_name_their_kind() {
    let mut h = Harness::new();
    h.authorize("client_id=x&redirect_uri=y&response_type=code&scope=connect");
    assert_eq!(error(&h), ErrorKind::NoClientRegistered);
    h.register();
    h.authorize("redirect_uri=y");
    assert_eq!(error(&h), ErrorKind::Missing { param: Param::ClientId });
    h.authorize("client_id=nope");
    assert_eq!(error(&h), ErrorKind::ClientNotFound);
    let id = h.client.client_id.clone();
    h.authorize(&format!("client_id={id}"));
    assert_eq!(error(&h), ErrorKind::Missing { param: Param::RedirectUri });
    h.authorize(&format!("client_id={id}&redirect_uri=https://evil.example/cb"));
    assert_eq!(error(&h), ErrorKind::RedirectUriNotRegistered);
    let base = format!("client_id={id}&redirect_uri={}", encode(&h.client.registration.redirect_uri));
    h.authorize(&base);
    assert_eq!(error(&h), ErrorKind::Missing { param: Param::ResponseType });
    assert_eq!(h.engine.log().back().unwrap().response.status, 302);
    h.authorize(&format!("{base}&response_type=token"));
    assert_eq!(error(&h), ErrorKind::ResponseTypeUnsupported { given: "token".into() });
    h.authorize(&format!("{base}&response_type=code&scope=read"));
    assert_eq!(error(&h), ErrorKind::ConnectScopeRequired);
    h.authorize(&format!("{base}&response_type=code&scope=connect+admin"));
    assert_eq!(error(&h), ErrorKind::UnknownScope { name: "admin".into() });
}

#[test]
fn consent_errors_name_their_kind() {
    let mut h = Harness::registered();
    let ticket = h.ticket(&ALL_SCOPES);
    h.consent(&ticket, Account::Jane, &[Scope::Read], true);
    assert_eq!(error(&h), ErrorKind::ConnectScopeRequired);
    assert_eq!(last(&h).subject.map(|s| s.account), Some(Account::Jane));
    h.consent(&ticket, Account::Jane, &ALL_SCOPES, true);
    assert_eq!(error(&h), ErrorKind::TicketNotFound);
    let ticket = h.ticket(&ALL_SCOPES);
    h.consent(&ticket, Account::John, &ALL_SCOPES, false);
    assert_eq!(error(&h), ErrorKind::AccessDenied);
    let ticket = h.ticket(&ALL_SCOPES);
    h.advance(10 * MINUTE);
    h.consent(&ticket, Account::John, &ALL_SCOPES, true);
    assert_eq!(error(&h), ErrorKind::TicketExpired { lifetime_minutes: 10 });
    let form = |body: &str| Request::new("POST", "/authorize").header("Content-Type", "application/x-www-form-urlencoded").body(body.to_string());
    h.handle(form("account=john"));
    assert_eq!(error(&h), ErrorKind::Missing { param: Param::Ticket });
    let ticket = h.ticket(&ALL_SCOPES);
    h.handle(form(&format!("ticket={ticket}&decision=maybe")));
    assert_eq!(error(&h), ErrorKind::DecisionInvalid);
    h.handle(form(&format!("ticket={ticket}&decision=allow&account=bob")));
    assert_eq!(error(&h), ErrorKind::AccountInvalid);
}

#[test]
fn token_errors_name_their_kind_and_data() {
    let mut h = Harness::registered();
    let code = h.code(Account::John, &ALL_SCOPES);
    let mut fields = h.token_fields(&code);
    fields["grant_type"] = json!("password");
    h.token_with(fields);
    assert_eq!(error(&h), ErrorKind::GrantTypeUnsupported { expected: Grant::AuthorizationCode, given: "password".into() });
    h.token_with(json!({ "grant_type": "authorization_code" }));
    assert_eq!(error(&h), ErrorKind::ClientCredentialsMissing);
    h.handle(
        Request::new("POST", "/token")
            .header("Authorization", "Basic Y2xpZW50OnNlY3JldA==")
            .json(&json!({ "grant_type": "authorization_code", "code": code })),
    );
    assert_eq!(error(&h), ErrorKind::BasicAuthNotSupported);
    assert_eq!(h.engine.log().back().unwrap().response.status, 400);
    let mut fields = h.token_fields(&code);
    fields["client_secret"] = json!("wrong");
    h.token_with(fields);
    assert_eq!(error(&h), ErrorKind::InvalidClientCredentials);
    assert!(!last(&h).reached);
    h.token("nope");
    assert_eq!(error(&h), ErrorKind::CodeNotFound);
    assert!(last(&h).reached);
    let mut fields = h.token_fields(&code);
    fields["redirect_uri"] = json!("https://www.integromat.com/oauth/cb/app");
    h.token_with(fields);
    assert_eq!(error(&h), ErrorKind::RedirectUriMismatch);
    h.token(&code);
    h.token(&code);
    assert_eq!(error(&h), ErrorKind::CodeUsed);
    let code = h.code(Account::John, &ALL_SCOPES);
    h.advance(10 * MINUTE);
    h.token(&code);
    assert_eq!(error(&h), ErrorKind::CodeExpired { lifetime_minutes: 10 });
    h.token_with(json!({ "grant_type": "authorization_code", "client_id": h.client.client_id, "client_secret": h.client.client_secret }));
    assert_eq!(error(&h), ErrorKind::Missing { param: Param::Code });
    h.handle(Request::new("POST", "/token").header("Content-Type", "text/plain").body("code"));
    assert_eq!(error(&h), ErrorKind::MalformedBody);
}

#[test]
fn refresh_errors_name_their_kind() {
    let mut h = Harness::registered();
    let t = h.connect(Account::John, &ALL_SCOPES);
    h.refresh(&t.access);
    assert_eq!(error(&h), ErrorKind::RefreshTokenNotFound);
    h.advance(60 * MINUTE);
    h.refresh(&t.refresh);
    assert_eq!(error(&h), ErrorKind::RefreshTokenExpired { lifetime_minutes: 60 });
    assert_eq!(last(&h).subject.map(|s| s.account), Some(Account::John));
    let mut fields = h.refresh_fields(&t.refresh);
    fields["grant_type"] = json!("authorization_code");
    h.refresh_with(fields);
    assert_eq!(error(&h), ErrorKind::GrantTypeUnsupported { expected: Grant::RefreshToken, given: "authorization_code".into() });
}

#[test]
fn bearer_errors_say_why_the_token_failed_and_which_scope_is_missing() {
    let mut h = Harness::registered();
    h.handle(Request::new("GET", "/info"));
    assert_eq!(error(&h), ErrorKind::NotAuthorized { problem: TokenProblem::Missing });
    h.handle(Request::new("GET", "/info").header("Authorization", "Token abc"));
    assert_eq!(error(&h), ErrorKind::NotAuthorized { problem: TokenProblem::NotBearer });
    let t = h.connect(Account::Jane, &[Scope::Connect, Scope::Read]);
    h.api("DELETE", "/movies/4f9a2c71e8b3", &t.access, None);
    assert_eq!(error(&h), ErrorKind::MissingScope { needed: Scope::Delete, granted: vec![Scope::Connect, Scope::Read] });
    assert!(!last(&h).reached);
    let expiry = h.now + 5 * MINUTE;
    h.advance(5 * MINUTE);
    h.api("GET", "/info", &t.access, None);
    assert_eq!(error(&h), ErrorKind::NotAuthorized { problem: TokenProblem::Expired { expired_at: expiry } });
}

#[test]
fn unknown_paths_and_methods_come_from_the_catalogue() {
    let (mut h, token) = connected(Account::John);
    h.api("GET", "/moviez", &token, None);
    assert_eq!((last(&h).route, error(&h)), (None, ErrorKind::NotFound));
    h.api("PUT", "/genres", &token, Some("{}"));
    assert_eq!(error(&h), ErrorKind::MethodNotAllowed { allow: vec!["GET".into()] });
    h.api("GET", "https://example.org/api/v2/info", &token, None);
    assert_eq!(error(&h), ErrorKind::NotFound);
}

/// The catalogue and the router agree: every entry is served (never 404 or
/// 405), and any other method at its path answers 405 with exactly the
/// catalogue's methods in `Allow`.
#[test]
fn the_catalogue_is_what_the_router_serves() {
    let (mut h, mut token) = connected(Account::John);
    for e in ENDPOINTS {
        let path = e.route.replace("{id}", "000000000000").replace("{movieId}", "4f9a2c71e8b3");
        let r = h.api(e.method, &path, &token, Some("{}"));
        assert!(r.status != 404 || last(&h).route.as_deref() == Some(e.route), "{} {}", e.method, e.route);
        assert_ne!(r.status, 405, "{} {}", e.method, e.route);
        assert_eq!(last(&h).route.as_deref(), Some(e.route));
        if e.route == "/invalidate" {
            token = h.connect(Account::John, &ALL_SCOPES).access;
        }
        let allow: Vec<&str> = ENDPOINTS.iter().filter(|o| o.route == e.route).map(|o| o.method).collect();
        for method in ["GET", "POST", "PUT", "PATCH", "DELETE"].iter().filter(|m| !allow.contains(m)) {
            let r = h.api(method, &path, &token, Some("{}"));
            assert_eq!(r.status, 405, "{method} {path}");
            assert_eq!(r.header_value("Allow"), Some(allow.join(", ").as_str()), "{method} {path}");
        }
        // Scoped rows need the method's scope; the others none beyond a token.
        assert_eq!(e.scope().is_some(), e.access == Access::Scoped, "{e:?}");
        if let Some(scope) = e.scope() {
            assert_eq!(Some(scope), Scope::for_method(e.method));
        }
    }
    assert!(catalog::endpoint("GET", "/movies/{id}").is_some());
}
