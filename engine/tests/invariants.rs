//! Property tests of the SPEC invariants:
//! (a) random operation sequences against a small model: at most one live
//!     connection per account, a removed connection's tokens never work
//!     again, codes work once, rotated refresh tokens never work again,
//!     expiry is exact, and snapshot → restore answers the same;
//! (b) arbitrary requests never panic and always get a well-formed answer.

mod common;

use std::collections::BTreeMap;

use academy_engine::{Account, Engine, Millis, Origin, Request, Scope, SeededEntropy};
use common::*;
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Op {
    Connect(Account, bool, bool, bool),
    IssueCode(Account),
    ExchangeCode(usize),
    Refresh(Account),
    ReuseRefresh(usize),
    ReuseAccess(usize),
    Info(Account),
    Movies(Account),
    Invalidate(Account),
    Advance(Millis),
    Reregister,
    SnapshotRestore,
}

fn account() -> impl Strategy<Value = Account> {
    prop_oneof![Just(Account::John), Just(Account::Jane)]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (account(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(a, r, w, d)| Op::Connect(a, r, w, d)),
        2 => account().prop_map(Op::IssueCode),
        2 => any::<usize>().prop_map(Op::ExchangeCode),
        3 => account().prop_map(Op::Refresh),
        2 => any::<usize>().prop_map(Op::ReuseRefresh),
        2 => any::<usize>().prop_map(Op::ReuseAccess),
        3 => account().prop_map(Op::Info),
        1 => account().prop_map(Op::Movies),
        1 => account().prop_map(Op::Invalidate),
        3 => prop_oneof![Just(1), Just(MINUTE), Just(5 * MINUTE - 1), Just(5 * MINUTE), Just(10 * MINUTE), Just(60 * MINUTE)].prop_map(Op::Advance),
        1 => Just(Op::Reregister),
        1 => Just(Op::SnapshotRestore),
    ]
}

/// What the model expects of a live connection.
#[derive(Clone, Debug)]
struct Live {
    tokens: Tokens,
    scopes: Vec<Scope>,
    access_exp: Millis,
    refresh_exp: Millis,
}

#[derive(Clone, Debug)]
struct ModelCode {
    code: String,
    account: Account,
    expires_at: Millis,
    /// Spent, or its client re-registered.
    dead: bool,
}

#[derive(Default)]
struct Model {
    live: BTreeMap<Account, Live>,
    dead_access: Vec<String>,
    dead_refresh: Vec<String>,
    codes: Vec<ModelCode>,
}

impl Model {
    fn bury(&mut self, account: Account) {
        if let Some(l) = self.live.remove(&account) {
            self.dead_access.push(l.tokens.access);
            self.dead_refresh.push(l.tokens.refresh);
        }
    }

    fn connected(&mut self, h: &Harness, account: Account, scopes: Vec<Scope>, tokens: Tokens) {
        self.bury(account);
        self.live.insert(account, Live { tokens, scopes, access_exp: h.now + 5 * MINUTE, refresh_exp: h.now + 60 * MINUTE });
    }
}

fn pick<T>(items: &[T], i: usize) -> Option<&T> {
    (!items.is_empty()).then(|| &items[i % items.len()])
}

fn run(ops: Vec<Op>) -> Result<(), TestCaseError> {
    let mut h = Harness::registered();
    let mut m = Model::default();
    for op in ops {
        match op {
            Op::Connect(a, r, w, d) => {
                let scopes: Vec<Scope> = [(true, Scope::Connect), (r, Scope::Read), (w, Scope::Write), (d, Scope::Delete)].into_iter().filter(|x| x.0).map(|x| x.1).collect();
                let t = h.connect(a, &scopes);
                m.connected(&h, a, scopes, t);
            }
            Op::IssueCode(a) => {
                let code = h.code(a, &ALL_SCOPES);
                m.codes.push(ModelCode { code, account: a, expires_at: h.now + 10 * MINUTE, dead: false });
            }
            Op::ExchangeCode(i) => {
                let Some(c) = pick(&m.codes, i).cloned() else { continue };
                let r = h.token(&c.code);
                if c.dead {
                    prop_assert!(r.status == 400 || r.status == 404, "dead code answered {}", r.status);
                } else if h.now >= c.expires_at {
                    assert_error(&r, 400, "Authorization code expired.");
                } else {
                    prop_assert_eq!(r.status, 200);
                    m.connected(&h, c.account, ALL_SCOPES.to_vec(), tokens(&r));
                    m.codes.iter_mut().filter(|x| x.code == c.code).for_each(|x| x.dead = true);
                }
            }
            Op::Refresh(a) => {
                let Some(l) = m.live.get(&a).cloned() else { continue };
                let r = h.refresh(&l.tokens.refresh);
                if h.now >= l.refresh_exp {
                    assert_error(&r, 400, "Refresh token expired.");
                } else {
                    prop_assert_eq!(r.status, 200);
                    m.dead_access.push(l.tokens.access.clone());
                    m.dead_refresh.push(l.tokens.refresh.clone());
                    m.live.insert(a, Live { tokens: tokens(&r), scopes: l.scopes, access_exp: h.now + 5 * MINUTE, refresh_exp: h.now + 60 * MINUTE });
                }
            }
            Op::ReuseRefresh(i) => {
                let Some(t) = pick(&m.dead_refresh, i).cloned() else { continue };
                let r = h.refresh(&t);
                prop_assert!(r.status == 400 || r.status == 404, "a dead refresh token answered {}", r.status);
            }
            Op::ReuseAccess(i) => {
                let Some(t) = pick(&m.dead_access, i).cloned() else { continue };
                prop_assert_eq!(h.info_status(&t), 401);
                prop_assert_eq!(h.api("GET", "/movies", &t, None).status, 401);
            }
            Op::Info(a) => {
                let Some(l) = m.live.get(&a).cloned() else { continue };
                let r = h.api("GET", "/info", &l.tokens.access, None);
                if h.now < l.access_exp {
                    prop_assert_eq!(r.status, 200);
                    prop_assert_eq!(&body(&r)["id"], a.id());
                } else {
                    assert_error(&r, 401, "Not Authorized.");
                }
            }
            Op::Movies(a) => {
                let Some(l) = m.live.get(&a).cloned() else { continue };
                let r = h.api("GET", "/movies", &l.tokens.access, None);
                if h.now >= l.access_exp {
                    prop_assert_eq!(r.status, 401);
                } else if !l.scopes.contains(&Scope::Read) {
                    assert_error(&r, 403, "Missing Scope.");
                } else {
                    prop_assert!(r.status != 401 && r.status != 403);
                }
            }
            Op::Invalidate(a) => {
                let Some(l) = m.live.get(&a).cloned() else { continue };
                let r = h.api("GET", "/invalidate", &l.tokens.access, None);
                if h.now < l.access_exp {
                    prop_assert_eq!(r.status, 204);
                    m.bury(a);
                } else {
                    prop_assert_eq!(r.status, 401);
                }
            }
            Op::Advance(ms) => h.advance(ms),
            Op::Reregister => {
                h.register();
                for a in Account::ALL {
                    m.bury(a);
                }
                m.codes.iter_mut().for_each(|c| c.dead = true);
            }
            Op::SnapshotRestore => {
                let restored = Engine::restore(&h.engine.snapshot()).map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert!(restored == h.engine);
                // Both answer a probe alike; the run goes on with the restored one.
                let mut original = std::mem::replace(&mut h.engine, restored);
                let probe = Request::new("GET", "/info").header("Authorization", "Bearer x");
                let mut e2 = h.entropy.clone();
                let a = original.handle(probe.clone(), Origin::App, h.now, &mut e2);
                let b = h.engine.handle(probe, Origin::App, h.now, &mut h.entropy);
                prop_assert_eq!(a, b);
            }
        }
        // At most one live connection per account, exactly the model's.
        let view = h.engine.view(h.now);
        let accounts: Vec<Account> = view.connections.iter().map(|c| c.account).collect();
        prop_assert_eq!(accounts, m.live.keys().copied().collect::<Vec<_>>());
        for c in &view.connections {
            let l = &m.live[&c.account];
            prop_assert_eq!(&c.access_token, &l.tokens.access);
            prop_assert_eq!(&c.refresh_token, &l.tokens.refresh);
            prop_assert_eq!(c.access_expires_at, l.access_exp);
            prop_assert_eq!(&c.scopes, &l.scopes);
        }
    }
    // In the end every dead token is still dead.
    for t in m.dead_access.clone() {
        prop_assert_eq!(h.info_status(&t), 401);
    }
    for t in m.dead_refresh.clone() {
        prop_assert_ne!(h.refresh(&t).status, 200);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn operation_sequences_keep_the_invariants(ops in prop::collection::vec(op(), 1..30)) {
        run(ops)?;
    }
}

// (b) Any request at all.

fn method() -> impl Strategy<Value = String> {
    prop_oneof![
        prop_oneof![Just("GET"), Just("POST"), Just("PUT"), Just("PATCH"), Just("DELETE"), Just("get"), Just("")].prop_map(str::to_string),
        any::<String>(),
    ]
}

fn url() -> impl Strategy<Value = String> {
    let prefix = prop_oneof![Just(""), Just("/"), Just("/api/v2/"), Just("https://app-academy.make.com/api/v2/"), Just("http://other/"), Just("https://")];
    let path = prop_oneof![
        Just("info"), Just("invalidate"), Just("token"), Just("refresh"), Just("authorize"), Just("movies"), Just("movies/abc"),
        Just("people"), Just("webhooks"), Just("files/1/export"), Just("awards/x"), Just("%"), Just("é/%FF/%zz"),
    ]
    .prop_map(str::to_string);
    let path = prop_oneof![path, any::<String>()];
    let query = prop_oneof![Just(String::new()), any::<String>().prop_map(|q| format!("?{q}")), "[a-z_.%+=&0-9]{0,40}".prop_map(|q| format!("?{q}"))];
    prop_oneof![(prefix, path, query).prop_map(|(a, b, c)| format!("{a}{b}{c}")), any::<String>()]
}

fn body_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..200),
        any::<String>().prop_map(String::into_bytes),
        "[{}\":,a-z_=&%0-9 \\[\\]]{0,80}".prop_map(String::into_bytes),
    ]
}

fn header(token: String) -> impl Strategy<Value = (String, String)> {
    prop_oneof![
        (any::<String>(), any::<String>()),
        prop_oneof![Just("application/json"), Just("application/x-www-form-urlencoded"), Just("text/plain; x"), Just("")].prop_map(|v| ("Content-Type".to_string(), v.to_string())),
        prop_oneof![Just(format!("Bearer {token}")), Just("Bearer".to_string()), any::<String>()].prop_map(|v| ("Authorization".to_string(), v)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_request_gets_a_well_formed_answer(
        method in method(),
        url in url(),
        headers in prop::collection::vec(header("T".to_string()), 0..4),
        body in body_bytes(),
        seed in any::<u64>(),
    ) {
        let mut h = Harness::registered();
        let t = h.connect(Account::John, &ALL_SCOPES);
        let headers: Vec<(String, String)> = headers.into_iter().map(|(k, v)| (k, v.replace("Bearer T", &format!("Bearer {}", t.access)))).collect();
        let request = Request { method, url, headers, body };
        let _ = (request.to_http(), request.to_curl(), request.absolute_url());
        let mut entropy = SeededEntropy::new(seed);
        let r = h.engine.handle(request, Origin::Console, h.now, &mut entropy);
        assert_well_formed(&r);
        let _ = r.to_http();
        // The engine still works and still restores.
        prop_assert_eq!(h.info_status(&t.access) == 200, h.engine.view(h.now).connections.iter().any(|c| c.access_token == t.access));
        prop_assert!(Engine::restore(&h.engine.snapshot()).is_ok());
    }

    #[test]
    fn any_authorize_or_grant_form_gets_a_well_formed_answer(
        fields in prop::collection::vec((prop_oneof![Just("client_id"), Just("redirect_uri"), Just("response_type"), Just("scope"), Just("state"), Just("code"), Just("grant_type"), Just("client_secret"), Just("refresh_token"), Just("ticket"), Just("decision"), Just("account")], any::<String>()), 0..8),
        path in prop_oneof![Just("/authorize"), Just("/token"), Just("/refresh")],
        post in any::<bool>(),
    ) {
        let mut h = Harness::registered();
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let form = academy_engine::http::encode_form(&pairs);
        let r = if post {
            h.handle(Request::new("POST", path).header("Content-Type", "application/x-www-form-urlencoded").body(form))
        } else {
            h.handle(Request::new("GET", &format!("{path}?{form}")))
        };
        assert_well_formed(&r);
    }

    #[test]
    fn any_snapshot_text_is_refused_or_restored_without_panic(text in any::<String>()) {
        let _ = Engine::restore(&text);
        // Both known versions: schema 1 goes through its migration first.
        let _ = Engine::restore(&format!(r#"{{"schema": 1, {text}}}"#));
        let _ = Engine::restore(&format!(r#"{{"schema": 2, {text}}}"#));
    }
}
