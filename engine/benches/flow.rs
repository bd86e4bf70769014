//! `cargo bench -p academy-engine --bench flow`: the time of one complete
//! OAuth2 flow, and of one request as past connections pile up (it should
//! stay flat: the state keeps nothing of removed connections, and tokens are
//! found through an index).

use std::hint::black_box;
use std::time::{Duration, Instant};

use academy_engine::oauth::registration::MAKE_REDIRECT_URI;
use academy_engine::oauth::ConsentDecision;
use academy_engine::{Account, Client, Engine, Millis, Origin, Registration, Request, Response, Scope, SeededEntropy};
use serde_json::{json, Value};

const START: Millis = 1_700_000_000_000;

struct Bench {
    engine: Engine,
    entropy: SeededEntropy,
    client: Client,
    now: Millis,
}

fn body(r: &Response) -> Value {
    r.json().expect("JSON body")
}

impl Bench {
    fn new() -> Self {
        let mut engine = Engine::default();
        let mut entropy = SeededEntropy::new(1);
        let registration = Registration { email: "ada@example.com".into(), first_name: "Ada".into(), last_name: "Lovelace".into(), redirect_uri: MAKE_REDIRECT_URI.into() };
        let client = engine.register(registration, START, &mut entropy);
        Bench { engine, entropy, client, now: START }
    }

    fn send(&mut self, request: Request) -> Response {
        self.engine.handle(request, Origin::App, self.now, &mut self.entropy)
    }

    fn grant(&self, fields: Value, path: &str) -> Request {
        let mut f = fields;
        f["client_id"] = json!(self.client.client_id);
        f["client_secret"] = json!(self.client.client_secret);
        Request::new("POST", path).json(&f)
    }

    /// authorize → consent → token: returns (access, refresh).
    fn connect(&mut self, account: Account) -> (String, String) {
        let url = format!("/authorize?client_id={}&redirect_uri=https%3A%2F%2Fwww.make.com%2Foauth%2Fcb%2Fapp&response_type=code&scope=connect+read+write+delete&state=s", self.client.client_id);
        let r = self.send(Request::new("GET", &url));
        let ticket = body(&r)["consent"]["ticket"].as_str().expect("ticket").to_string();
        let decision = ConsentDecision { ticket, account, scopes: Scope::ALL.to_vec(), allow: true };
        let r = self.engine.consent(decision, self.now, &mut self.entropy);
        let location = r.header_value("Location").expect("Location");
        let code = location.split("code=").nth(1).and_then(|s| s.split('&').next()).expect("code").to_string();
        self.pair(json!({"code": code, "grant_type": "authorization_code", "redirect_uri": MAKE_REDIRECT_URI}), "/token")
    }

    fn refresh(&mut self, refresh: &str) -> (String, String) {
        self.pair(json!({"grant_type": "refresh_token", "refresh_token": refresh}), "/refresh")
    }

    /// A grant that must succeed: (access, refresh).
    fn pair(&mut self, fields: Value, path: &str) -> (String, String) {
        let req = self.grant(fields, path);
        let r = self.send(req);
        assert_eq!(r.status, 200, "{}", r.body_text());
        let b = body(&r);
        (b["access_token"].as_str().unwrap().to_string(), b["refresh_token"].as_str().unwrap().to_string())
    }

    fn get(&mut self, path: &str, access: &str) -> Response {
        self.send(Request::new("GET", path).header("Authorization", &format!("Bearer {access}")))
    }

    /// The whole documented flow, once.
    fn flow(&mut self) {
        let (access, refresh) = self.connect(Account::John);
        assert_eq!(self.get("/info", &access).status, 200);
        black_box(self.get("/movies", &access));
        let (access, _) = self.refresh(&refresh);
        assert_eq!(self.get("/invalidate", &access).status, 204);
    }
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn fmt(d: Duration) -> String {
    let ns = d.as_nanos();
    if ns >= 1_000_000 {
        format!("{:.2} ms", ns as f64 / 1e6)
    } else {
        format!("{:.1} µs", ns as f64 / 1e3)
    }
}

fn main() {
    // One complete flow.
    let mut b = Bench::new();
    for _ in 0..200 {
        b.flow();
    }
    let runs = 5_000;
    let samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            b.flow();
            t.elapsed()
        })
        .collect();
    println!("flow (authorize, consent, token, info, GET /movies, refresh, invalidate): median {} over {runs} runs", fmt(median(samples)));

    // One GET /info as past connections pile up: each past connection was
    // made, refreshed once, then replaced by the next.
    for past in [10usize, 1_000, 100_000] {
        let mut b = Bench::new();
        let built = Instant::now();
        let mut live = (String::new(), String::new());
        for i in 0..past {
            let account = if i % 2 == 0 { Account::John } else { Account::Jane };
            let (_, refresh) = b.connect(account);
            live = b.refresh(&refresh);
        }
        // The live one for the probe: a fresh John connection.
        let _ = live;
        let (access, _) = b.connect(Account::John);
        let built = built.elapsed();
        let runs = 20_000;
        let samples: Vec<Duration> = (0..runs)
            .map(|_| {
                let t = Instant::now();
                let r = b.get("/info", &access);
                let d = t.elapsed();
                assert_eq!(r.status, 200);
                d
            })
            .collect();
        println!(
            "handle with {past} past connections: median {} over {runs} runs (GET /info; state snapshot {} bytes; built in {:.1} s)",
            fmt(median(samples)),
            b.engine.snapshot().len(),
            built.as_secs_f64()
        );
    }
}
