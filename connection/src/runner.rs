//! Runs a connection as Make does: connect (authorize → consent → callback →
//! token → info), use (reauthorize when `response.expires` has passed, else
//! refresh when `refresh.condition` holds), invalidate. Every request goes
//! through `Engine::handle`; what went wrong is read from evaluation and
//! from the exchange's typed outcome.

use academy_engine::http::{encode_form, split_query, with_query};
use academy_engine::oauth::registration::{LEGACY_REDIRECT_URI, MAKE_REDIRECT_URI};
use academy_engine::{Change, Engine, Entropy, ErrorKind, Millis, Origin, Outcome, Request, Response, Scope};
use academy_iml::{Context, Object, Random, Template, Value};
use serde_json::Value as Json;

use crate::communication::{Communication, RequestSpec, Section};
use crate::diagnostic::{explain, Code, Diagnostic, Severity};
use crate::report::{Connection, Evaluated, Report, RequestTrace, ResponseTrace, Step};
use crate::sanitize::{masked, masked_headers, named, texts, Secrets, MASK};
use crate::saved::{SavedConnection, SAVED_VERSION};

/// What the caller may set: the connection's parameters, its common data
/// (by default the registered client's id and secret), and the default scope
/// (by default every Academy scope).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Inputs {
    pub parameters: Option<Json>,
    pub common: Option<Json>,
    pub scope: Option<Vec<String>>,
}

/// Where a connect stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Progress {
    /// The user must decide on the consent screen at this URL; resume with the callback URL.
    NeedsConsent { url: String },
    Connected,
    Failed,
}

/// What `use` found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Use {
    /// The token is fresh: no refresh.
    Fresh,
    Refreshed,
    /// `response.expires` has passed: the user must connect again.
    ReauthorizeNeeded,
    Failed,
}

struct EntropyRandom<'a>(&'a mut dyn Entropy);

impl Random for EntropyRandom<'_> {
    fn fill(&mut self, bytes: &mut [u8]) {
        self.0.fill(bytes)
    }
}

/// One section's request, evaluated and ready to send.
struct Prepared {
    method: String,
    url: String,
    headers: Vec<(String, String)>,
    body: Option<Value>,
    kind: BodyType,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum BodyType {
    Json,
    Form,
    Text,
}

pub struct Runner {
    /// The text and inputs it was made with, saved with the connection.
    text: String,
    inputs: Inputs,
    communication: Communication,
    parameters: Value,
    common: Value,
    oauth: Value,
    registered_redirect: Option<String>,
    temp: Object,
    data: Object,
    expires: Option<Millis>,
    uid: Value,
    metadata: Value,
    /// The redirect URI authorize sent, for comparing with token's.
    authorize_redirect: Option<String>,
    /// What `log.sanitize` pointed at, masked wherever the report shows it.
    secrets: Secrets,
    /// Connect went through to the end and nothing invalidated it since.
    connected: bool,
    report: Report,
}

impl Runner {
    /// Reads the text (JSON with comments) against this engine's registration.
    pub fn new(text: &str, inputs: Inputs, engine: &Engine) -> Runner {
        let mut report = Report::default();
        let communication = match crate::jsonc::parse(text) {
            Ok(json) => {
                let (communication, diagnostics) = Communication::read(&json);
                report.diagnostics = diagnostics;
                communication
            }
            Err(e) => {
                report.diagnostics.push(Diagnostic {
                    code: Code::JsonSyntax,
                    severity: Severity::Error,
                    section: None,
                    path: None,
                    message: format!("The text is not JSON at line {}, column {}: {}. Check commas, quotes and brackets there.", e.line, e.column, e.message),
                });
                Communication::default()
            }
        };
        let client = engine.client();
        let given = inputs.clone();
        let common = inputs.common.map(Value::from).unwrap_or_else(|| {
            let mut common = Object::new();
            common.insert("clientId".into(), client.map(|c| c.client_id.clone()).unwrap_or_default().into());
            common.insert("clientSecret".into(), client.map(|c| c.client_secret.clone()).unwrap_or_default().into());
            Value::Object(common)
        });
        // The default scope is the catalogue's, never a copy of it.
        let scope = inputs.scope.unwrap_or_else(|| Scope::ALL.iter().map(|s| s.name().to_string()).collect());
        let mut oauth = Object::new();
        oauth.insert("scope".into(), Value::Array(scope.into_iter().map(Value::Text).collect()));
        oauth.insert("redirectUri".into(), LEGACY_REDIRECT_URI.into());
        oauth.insert("localRedirectUri".into(), MAKE_REDIRECT_URI.into());
        oauth.insert("makeRedirectUri".into(), MAKE_REDIRECT_URI.into());
        report.settle();
        Runner {
            text: text.to_string(),
            inputs: given,
            communication,
            parameters: inputs.parameters.map(Value::from).unwrap_or(Value::Object(Object::new())),
            common,
            oauth: Value::Object(oauth),
            registered_redirect: client.map(|c| c.registration.redirect_uri.clone()),
            temp: Object::new(),
            data: Object::new(),
            expires: None,
            uid: Value::Null,
            metadata: Value::Null,
            authorize_redirect: None,
            secrets: Secrets::default(),
            connected: false,
            report,
        }
    }

    /// The connection to save, once connected.
    pub fn saved(&self) -> Option<SavedConnection> {
        if !self.connected {
            return None;
        }
        let (data, uid, metadata) = (Value::Object(self.data.clone()).to_json(), self.uid.to_json(), self.metadata.to_json());
        // Only the secrets it still holds (or sends): the list stays as small as the connection.
        let held = [&data, &uid, &metadata, &self.common.to_json(), &self.parameters.to_json()].into_iter().flat_map(texts).collect::<Vec<_>>();
        let secrets = self.secrets.values().iter().filter(|s| held.iter().any(|t| t.contains(s.as_str()))).cloned().collect();
        Some(SavedConnection {
            version: SAVED_VERSION,
            text: self.text.clone(),
            parameters: self.inputs.parameters.clone(),
            common: self.inputs.common.clone(),
            scope: self.inputs.scope.clone(),
            data,
            expires: self.expires,
            uid,
            metadata,
            secrets,
        })
    }

    /// A runner that carries on with a saved connection against this engine
    /// (Use, Invalidate); `None` for a format this release does not know.
    pub fn restore(saved: &SavedConnection, engine: &Engine) -> Option<Runner> {
        if saved.version != SAVED_VERSION {
            return None;
        }
        let inputs = Inputs { parameters: saved.parameters.clone(), common: saved.common.clone(), scope: saved.scope.clone() };
        let mut runner = Runner::new(&saved.text, inputs, engine);
        runner.data = match Value::from(&saved.data) {
            Value::Object(fields) => fields,
            _ => Object::new(),
        };
        runner.expires = saved.expires;
        runner.uid = Value::from(&saved.uid);
        runner.metadata = Value::from(&saved.metadata);
        runner.secrets = Secrets::from_values(saved.secrets.iter().cloned());
        runner.connected = true;
        Some(runner)
    }

    /// The run so far, with the stored connection; every secret
    /// `log.sanitize` named is masked in it.
    pub fn report(&self) -> Report {
        let mut report = self.report.clone();
        report.connection = Connection {
            data: Value::Object(self.data.clone()).to_json(),
            expires: self.expires.map(academy_iml::iso_date),
            uid: self.uid.to_json(),
            metadata: self.metadata.to_json(),
        };
        report.mask(&self.secrets);
        report.settle();
        report
    }

    fn readable(&self) -> bool {
        !self.report.has(Code::JsonSyntax) && self.communication.has(Section::Token)
    }

    /// Connect: preauthorize, then authorize's URL for the consent screen
    /// (or, without authorize, straight on to token).
    pub fn connect(&mut self, engine: &mut Engine, now: Millis, entropy: &mut dyn Entropy) -> Progress {
        self.connected = false;
        if !self.readable() {
            return Progress::Failed;
        }
        self.temp.clear();
        self.data.clear();
        self.expires = None;
        self.authorize_redirect = None;
        for spec in self.communication.requests(Section::Preauthorize).to_vec() {
            if !self.exchange(Section::Preauthorize, &spec, engine, now, entropy) {
                return Progress::Failed;
            }
        }
        let Some(spec) = self.communication.requests(Section::Authorize).first().cloned() else {
            return self.finish_connect(engine, now, entropy);
        };
        let mut step = self.step(Section::Authorize);
        let prepared = self.prepare(Section::Authorize, &spec, &Object::new(), now, entropy, &mut step);
        let Some(Some(prepared)) = prepared else {
            self.record(step);
            return Progress::Failed;
        };
        self.check_authorize(&prepared.url);
        let (_, query) = split_query(&prepared.url);
        self.remember(named(&spec.sanitize(), "request", &prepared.headers, &query, &Json::Null));
        step.request = Some(RequestTrace { method: "GET".into(), url: prepared.url.clone(), headers: Vec::new(), body: Json::Null });
        self.record(step);
        Progress::NeedsConsent { url: prepared.url }
    }

    /// After consent: the callback URL (with `code`, or `error.message`),
    /// then authorize's response, token and info.
    pub fn resume(&mut self, engine: &mut Engine, callback_url: &str, now: Millis, entropy: &mut dyn Entropy) -> Progress {
        let (_, pairs) = split_query(callback_url);
        let query = academy_iml::object(pairs.into_iter().map(|(k, v)| (k, Value::Text(v))));
        if !query.contains_key("code") {
            // Why, from the consent exchange's outcome.
            if let Some(kind) = engine.log().iter().rev().find(|e| e.outcome.is("/authorize")).and_then(|e| e.outcome.error.clone()) {
                self.http_error(Section::Authorize, &kind);
            }
        }
        if let Some(spec) = self.communication.requests(Section::Authorize).first().cloned() {
            if let Some(last) = self.report.steps.iter_mut().rev().find(|s| s.section == Section::Authorize.name()) {
                last.response = Some(ResponseTrace { status: 302, headers: vec![("Location".into(), callback_url.into())], body: Json::Null });
            }
            let mut extra = Object::new();
            extra.insert("query".into(), Value::Object(query));
            let mut step = self.step(Section::Authorize);
            let ok = self.respond(Section::Authorize, &spec, &extra, now, entropy, &mut step);
            let (data, temp) = (Value::Object(self.data.clone()).to_json(), Value::Object(self.temp.clone()).to_json());
            if let Some(last) = self.report.steps.iter_mut().rev().find(|s| s.section == Section::Authorize.name()) {
                // The callback's directives belong to the step that opened the consent screen.
                last.expressions.extend(step.expressions);
                last.data = data;
                last.temp = temp;
            }
            if !ok {
                return Progress::Failed;
            }
        }
        self.finish_connect(engine, now, entropy)
    }

    fn finish_connect(&mut self, engine: &mut Engine, now: Millis, entropy: &mut dyn Entropy) -> Progress {
        let before = self.report.steps.len();
        for spec in self.communication.requests(Section::Token).to_vec() {
            if !self.exchange(Section::Token, &spec, engine, now, entropy) {
                return Progress::Failed;
            }
        }
        let got_token = self.report.steps[before..].iter().any(|s| s.section == "token" && !s.skipped && s.response.is_some());
        if !got_token {
            return Progress::Failed;
        }
        for spec in self.communication.requests(Section::Info).to_vec() {
            if !self.exchange(Section::Info, &spec, engine, now, entropy) {
                return Progress::Failed;
            }
        }
        self.check_refresh_condition(now, entropy);
        self.connected = true;
        Progress::Connected
    }

    /// Before an API call: reauthorize when the connection expired, else
    /// refresh when `refresh.condition` holds.
    pub fn use_connection(&mut self, engine: &mut Engine, now: Millis, entropy: &mut dyn Entropy) -> Use {
        if self.expires.is_some_and(|at| at <= now) {
            let at = self.expires.map(academy_iml::iso_date).unwrap_or_default();
            self.diagnose(Code::ReauthorizeNeeded, Severity::Warning, Some(Section::Token), Some("token.response.expires"), format!(
                "The connection expired at {at} (response.expires): Make asks the user to reauthorize. If that came too early, check that response.expires adds the refresh token's lifetime in minutes."
            ));
            return Use::ReauthorizeNeeded;
        }
        let specs = self.communication.requests(Section::Refresh).to_vec();
        if specs.is_empty() {
            return Use::Fresh;
        }
        let before = self.report.steps.len();
        for spec in specs {
            if !self.exchange(Section::Refresh, &spec, engine, now, entropy) {
                return Use::Failed;
            }
        }
        if self.report.steps[before..].iter().all(|s| s.skipped) {
            Use::Fresh
        } else {
            Use::Refreshed
        }
    }

    /// Invalidate, then forget the connection.
    pub fn invalidate(&mut self, engine: &mut Engine, now: Millis, entropy: &mut dyn Entropy) -> bool {
        for spec in self.communication.requests(Section::Invalidate).to_vec() {
            if !self.exchange(Section::Invalidate, &spec, engine, now, entropy) {
                return false;
            }
        }
        self.data.clear();
        self.expires = None;
        self.connected = false;
        true
    }

    fn step(&self, section: Section) -> Step {
        Step { section: section.name().into(), skipped: false, expressions: Vec::new(), request: None, response: None, data: Json::Null, temp: Json::Null }
    }

    fn remember(&mut self, values: Vec<String>) {
        values.into_iter().for_each(|v| self.secrets.remember(v));
    }

    /// Adds a finished step to the report, with `data` and `temp` as it left them.
    fn record(&mut self, mut step: Step) {
        step.data = Value::Object(self.data.clone()).to_json();
        step.temp = Value::Object(self.temp.clone()).to_json();
        self.report.steps.push(step);
    }

    fn variables(&self, extra: &Object) -> Object {
        let mut vars = Object::new();
        vars.insert("parameters".into(), self.parameters.clone());
        vars.insert("common".into(), self.common.clone());
        vars.insert("data".into(), Value::Object(self.data.clone()));
        vars.insert("connection".into(), Value::Object(self.data.clone()));
        vars.insert("temp".into(), Value::Object(self.temp.clone()));
        vars.insert("oauth".into(), self.oauth.clone());
        vars.extend(extra.iter().map(|(k, v)| (k.clone(), v.clone())));
        vars
    }

    /// Evaluates a JSON tree: each string as a template. Errors become diagnostics.
    #[allow(clippy::too_many_arguments)]
    fn evaluate(&mut self, section: Section, json: &Json, path: &str, vars: &Object, now: Millis, entropy: &mut dyn Entropy, step: &mut Step) -> Option<Value> {
        match json {
            Json::String(text) => {
                let template = match Template::parse(text) {
                    Ok(t) => t,
                    Err(e) => {
                        let d = iml_diagnostic(section, path, text, &e);
                        self.push(d);
                        return None;
                    }
                };
                let mut random = EntropyRandom(entropy);
                let mut context = Context { now, random: &mut random, variables: vars };
                match template.evaluate(&mut context) {
                    Ok(value) => {
                        if template.has_expressions() {
                            step.expressions.push(Evaluated { path: path.into(), source: text.clone(), value: value.to_json() });
                        }
                        Some(value)
                    }
                    Err(e) => {
                        let d = iml_diagnostic(section, path, text, &e);
                        self.push(d);
                        None
                    }
                }
            }
            Json::Array(items) => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    out.push(self.evaluate(section, item, &format!("{path}[{i}]"), vars, now, entropy, step)?);
                }
                Some(Value::Array(out))
            }
            Json::Object(fields) => {
                let mut out = Object::new();
                for (k, v) in fields {
                    out.insert(k.clone(), self.evaluate(section, v, &format!("{path}.{k}"), vars, now, entropy, step)?);
                }
                Some(Value::Object(out))
            }
            other => Some(Value::from(other)),
        }
    }

    /// `temp`, then `condition` (`None` inside: skipped), then the request's fields.
    #[allow(clippy::too_many_arguments)]
    fn prepare(&mut self, section: Section, spec: &RequestSpec, extra: &Object, now: Millis, entropy: &mut dyn Entropy, step: &mut Step) -> Option<Option<Prepared>> {
        let path = spec.path.clone();
        if let Some(temp) = spec.field("temp") {
            let vars = self.variables(extra);
            if let Value::Object(fields) = self.evaluate(section, temp, &format!("{path}.temp"), &vars, now, entropy, step)? {
                self.temp.extend(fields);
            }
        }
        let vars = self.variables(extra);
        if let Some(condition) = spec.field("condition") {
            let condition = condition.get("condition").unwrap_or(condition);
            if !self.evaluate(section, condition, &format!("{path}.condition"), &vars, now, entropy, step)?.truthy() {
                step.skipped = true;
                return Some(None);
            }
        }
        let mut field = |runner: &mut Runner, name: &str| match spec.field(name) {
            Some(json) => runner.evaluate(section, json, &format!("{path}.{name}"), &vars, now, entropy, step).map(Some),
            None => Some(None),
        };
        let url = field(self, "url")?.map(|v| v.to_text()).unwrap_or_default();
        let method = field(self, "method")?.map(|v| v.to_text().to_ascii_uppercase()).filter(|m| !m.is_empty()).unwrap_or_else(|| "GET".into());
        let headers = field(self, "headers")?;
        let qs = field(self, "qs")?;
        let body = field(self, "body")?;
        let kind = match spec.field("type").and_then(Json::as_str) {
            Some("urlencoded") | Some("multipart/form-data") => BodyType::Form,
            Some("text") | Some("string") | Some("raw") => BodyType::Text,
            _ => BodyType::Json,
        };
        let pairs = |value: Option<Value>| match value {
            Some(Value::Object(fields)) => fields.into_iter().filter(|(_, v)| *v != Value::Null).map(|(k, v)| (k, v.to_text())).collect(),
            _ => Vec::new(),
        };
        let qs: Vec<(String, String)> = pairs(qs);
        let url = if qs.is_empty() {
            url
        } else {
            with_query(&url, &qs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect::<Vec<_>>())
        };
        Some(Some(Prepared { method, url, headers: pairs(headers), body, kind }))
    }

    /// Prepares, sends and reads one request of a section; false stops the flow.
    fn exchange(&mut self, section: Section, spec: &RequestSpec, engine: &mut Engine, now: Millis, entropy: &mut dyn Entropy) -> bool {
        let mut step = self.step(section);
        let prepared = match self.prepare(section, spec, &Object::new(), now, entropy, &mut step) {
            None => {
                self.record(step);
                return false;
            }
            Some(None) => {
                self.record(step);
                return true;
            }
            Some(Some(prepared)) => prepared,
        };
        if section == Section::Token {
            self.check_token_redirect(&prepared);
        }
        let sanitize = spec.sanitize();
        let request = build(&prepared);
        let sent_body = prepared.body.as_ref().map(Value::to_json).unwrap_or(Json::Null);
        let (_, query) = split_query(&prepared.url);
        self.remember(named(&sanitize, "request", &request.headers, &query, &sent_body));
        step.request = Some(RequestTrace {
            method: prepared.method.clone(),
            url: prepared.url.clone(),
            headers: masked_headers(&request.headers, &sanitize, "request"),
            body: masked(sent_body, &sanitize, "request.body"),
        });
        let response = engine.handle(request, Origin::App, now, entropy);
        let outcome = engine.log().back().map(|e| e.outcome.clone()).unwrap_or_default();
        let body = response_body(&response);
        let answered_body = body.to_json();
        self.remember(named(&sanitize, "response", &response.headers, &[], &answered_body));
        step.response = Some(ResponseTrace {
            status: response.status,
            headers: masked_headers(&response.headers, &sanitize, "response"),
            body: masked(answered_body, &sanitize, "response.body"),
        });
        for e in step.expressions.iter_mut() {
            if let Some(rest) = e.path.strip_prefix(&spec.path) {
                if sanitize.iter().any(|s| s.strip_prefix("request").is_some_and(|p| p.eq_ignore_ascii_case(rest))) {
                    e.value = Json::String(MASK.into());
                }
            }
        }
        if let Some(kind) = &outcome.error {
            self.record(step);
            self.http_error(section, kind);
            if matches!(kind, ErrorKind::NotAuthorized { .. }) {
                self.check_access_token_kept(None);
            }
            return false;
        }
        let mut extra = Object::new();
        extra.insert("body".into(), body.clone());
        extra.insert("headers".into(), Value::Object(academy_iml::object(response.headers.iter().map(|(k, v)| (k.to_ascii_lowercase(), Value::Text(v.clone()))))));
        extra.insert("statusCode".into(), Value::Number(f64::from(response.status)));
        let ok = self.respond(section, spec, &extra, now, entropy, &mut step);
        self.record(step);
        if ok {
            self.check_tokens(section, &outcome, &body, now);
        }
        ok
    }

    /// The `response` directives: temp, valid, data, expires, metadata, uid.
    #[allow(clippy::too_many_arguments)]
    fn respond(&mut self, section: Section, spec: &RequestSpec, extra: &Object, now: Millis, entropy: &mut dyn Entropy, step: &mut Step) -> bool {
        let path = format!("{}.response", spec.path);
        if let Some(temp) = spec.response("temp") {
            let vars = self.variables(extra);
            match self.evaluate(section, temp, &format!("{path}.temp"), &vars, now, entropy, step) {
                Some(Value::Object(fields)) => self.temp.extend(fields),
                Some(_) => {}
                None => return false,
            }
        }
        let vars = self.variables(extra);
        if let Some(valid) = spec.response("valid") {
            let (condition, message) = match valid {
                Json::Object(v) => (v.get("condition").cloned().unwrap_or(Json::Bool(true)), v.get("message").cloned()),
                other => (other.clone(), None),
            };
            let Some(ok) = self.evaluate(section, &condition, &format!("{path}.valid"), &vars, now, entropy, step) else {
                return false;
            };
            if !ok.truthy() {
                let said = match message {
                    Some(m) => self.evaluate(section, &m, &format!("{path}.valid.message"), &vars, now, entropy, step).map(|v| v.to_text()).unwrap_or_default(),
                    None => "Response marked as invalid.".into(),
                };
                self.diagnose(Code::InvalidResponse, Severity::Error, Some(section), Some(&format!("{path}.valid")), format!("{said} (response.valid was false.)"));
                return false;
            }
        }
        let mut read = |runner: &mut Runner, name: &str| match spec.response(name) {
            Some(json) => runner.evaluate(section, json, &format!("{path}.{name}"), &vars, now, entropy, step).map(Some),
            None => Some(None),
        };
        let Some(data) = read(self, "data") else { return false };
        let Some(expires) = read(self, "expires") else { return false };
        let Some(metadata) = read(self, "metadata") else { return false };
        let Some(uid) = read(self, "uid") else { return false };
        // Make merges data with overwrite (reference §2.5).
        if let Some(Value::Object(fields)) = data {
            self.data.extend(fields.into_iter().map(|(k, v)| (k, stored(v))));
        }
        if let Some(expires) = expires {
            self.expires = expires.to_time();
        }
        if let Some(metadata) = metadata {
            self.metadata = stored(metadata);
        }
        if let Some(uid) = uid {
            self.uid = stored(uid);
        }
        true
    }

    fn push(&mut self, diagnostic: Diagnostic) {
        let seen = self.report.diagnostics.iter().any(|d| d.code == diagnostic.code && d.path == diagnostic.path);
        if !seen {
            self.report.diagnostics.push(diagnostic);
        }
    }

    fn diagnose(&mut self, code: Code, severity: Severity, section: Option<Section>, path: Option<&str>, message: String) {
        self.push(Diagnostic { code, severity, section: section.map(|s| s.name().to_string()), path: path.map(str::to_string), message });
    }

    fn http_error(&mut self, section: Section, kind: &ErrorKind) {
        let message = format!("The server answered {} \"{}\" to {}. {}", kind.status(), kind.message(), section.name(), explain(kind));
        self.diagnose(Code::HttpError, Severity::Error, Some(section), Some(section.name()), message);
        if matches!(kind, ErrorKind::RedirectUriNotRegistered | ErrorKind::RedirectUriMismatch) {
            self.redirect_mismatch(section, None);
        }
        if matches!(kind, ErrorKind::ConnectScopeRequired) {
            self.missing_connect(None);
        }
    }

    fn redirect_mismatch(&mut self, section: Section, detail: Option<String>) {
        let registered = self.registered_redirect.clone().unwrap_or_default();
        let variable = if registered == LEGACY_REDIRECT_URI { "oauth.redirectUri" } else { "oauth.localRedirectUri" };
        let path = match section {
            Section::Token => "token.body.redirect_uri",
            _ => "authorize.qs.redirect_uri",
        };
        let detail = detail.unwrap_or_default();
        self.diagnose(Code::RedirectUriMismatch, Severity::Error, Some(section), Some(path), format!(
            "{detail}The app registered {registered}: send exactly that in authorize and in token ({{{{{variable}}}}})."
        ));
    }

    fn missing_connect(&mut self, detail: Option<String>) {
        self.diagnose(Code::MissingConnectScope, Severity::Error, Some(Section::Authorize), Some("authorize.qs.scope"), format!(
            "{}The Academy API needs the connect scope to authorize: include 'connect' in the scope list (e.g. {{{{join(oauth.scope, ' ')}}}}).",
            detail.unwrap_or_default()
        ));
    }

    /// The authorize URL, as the browser will open it: redirect URI and scope.
    fn check_authorize(&mut self, url: &str) {
        let (_, query) = split_query(url);
        let get = |name: &str| query.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
        let redirect = get("redirect_uri");
        if let (Some(sent), Some(registered)) = (&redirect, &self.registered_redirect) {
            if sent != registered {
                self.redirect_mismatch(Section::Authorize, Some(format!("authorize sends redirect_uri {sent}. ")));
            }
        }
        self.authorize_redirect = redirect;
        let scope = get("scope").unwrap_or_default();
        if !scope.split(|c: char| c == ',' || c.is_whitespace()).any(|s| s == Scope::Connect.name()) {
            self.missing_connect(Some(format!("authorize asks for scope '{scope}'. ")));
        }
    }

    fn check_token_redirect(&mut self, prepared: &Prepared) {
        let Some(Value::Object(body)) = &prepared.body else { return };
        let Some(sent) = body.get("redirect_uri").map(Value::to_text) else { return };
        let differs_from_authorize = self.authorize_redirect.as_ref().is_some_and(|a| *a != sent);
        let differs_from_registered = self.registered_redirect.as_ref().is_some_and(|r| *r != sent);
        if differs_from_authorize || differs_from_registered {
            let authorize = self.authorize_redirect.clone().unwrap_or_default();
            self.redirect_mismatch(Section::Token, Some(format!("token sends redirect_uri {sent}, authorize sent {authorize}. ")));
        }
    }

    /// After token or refresh issued a pair: lifetimes in minutes, and the
    /// tokens kept in `data`.
    fn check_tokens(&mut self, section: Section, outcome: &Outcome, body: &Value, now: Millis) {
        let issued = outcome.changes.iter().find_map(|c| match c {
            Change::TokensIssued { expires_in, refresh_expires_in, .. } => Some((i64::from(*expires_in), i64::from(*refresh_expires_in))),
            _ => None,
        });
        let Some((expires_in, refresh_expires_in)) = issued else { return };
        let seconds_ahead = |at: Option<i64>, n: i64| at.is_some_and(|t| (t - (now + n * 1000)).abs() <= 1000);
        let name = section.name();
        if seconds_ahead(self.data.get("expires").and_then(Value::to_time), expires_in) {
            self.diagnose(Code::ExpiresInSeconds, Severity::Error, Some(section), Some(&format!("{name}.response.data.expires")), format!(
                "data.expires lands {expires_in} seconds ahead, but the Academy API gives expires_in in minutes: the token lives {expires_in} minutes. Use addMinutes(now, body.expires_in)."
            ));
        }
        if seconds_ahead(self.expires, refresh_expires_in) {
            self.diagnose(Code::ConnectionExpiresInSeconds, Severity::Error, Some(section), Some(&format!("{name}.response.expires")), format!(
                "response.expires lands {refresh_expires_in} seconds ahead, but refresh_expires_in is in minutes: the connection would ask to reauthorize after seconds. Use addMinutes(now, body.refresh_expires_in)."
            ));
        }
        if let Value::Object(fields) = body {
            if let Some(access) = fields.get("access_token").map(Value::to_text) {
                self.check_access_token_kept(Some(access));
            }
            if section == Section::Refresh {
                if let Some(refresh) = fields.get("refresh_token").map(Value::to_text) {
                    if !self.data.values().any(|v| v.to_text() == refresh) {
                        self.diagnose(Code::RefreshTokenNotStored, Severity::Error, Some(section), Some("refresh.response.data"), 
                            "refresh got a new refresh token but data does not keep it: the old one was rotated out, so the next refresh fails. Store it: \"refreshToken\": \"{{body.refresh_token}}\" in refresh.response.data.".into());
                    }
                }
            }
        }
    }

    /// The access token must be in `data` for info and API calls to send it.
    fn check_access_token_kept(&mut self, access: Option<String>) {
        let kept = match access {
            Some(token) => self.data.values().any(|v| v.to_text() == token),
            None => self.data.values().any(|v| matches!(v, Value::Text(t) if t.len() >= 20)),
        };
        if !kept {
            self.diagnose(Code::AccessTokenNotStored, Severity::Error, Some(Section::Token), Some("token.response.data"),
                "data does not keep the access token, so info and later calls cannot send it. Add \"accessToken\": \"{{body.access_token}}\" to token.response.data (and to refresh.response.data).".into());
        }
    }

    /// Right after connecting, a refresh condition that already holds
    /// refreshes before every call.
    fn check_refresh_condition(&mut self, now: Millis, entropy: &mut dyn Entropy) {
        let Some(spec) = self.communication.requests(Section::Refresh).first().cloned() else { return };
        let Some(condition) = spec.field("condition").cloned() else { return };
        let condition = condition.get("condition").cloned().unwrap_or(condition);
        let vars = self.variables(&Object::new());
        let mut scratch = self.step(Section::Refresh);
        let holds = self.evaluate(Section::Refresh, &condition, &format!("{}.condition", spec.path), &vars, now, entropy, &mut scratch);
        if holds.is_some_and(|v| v.truthy()) {
            self.diagnose(Code::RefreshAlways, Severity::Warning, Some(Section::Refresh), Some(&format!("{}.condition", spec.path)), 
                "refresh.condition is already true right after a fresh token, so every call refreshes (and rotates the tokens). Compare data.expires with a margin shorter than the token's life, e.g. {{data.expires < addMinutes(now, 1)}}.".into());
        }
    }
}

/// Dates are stored as ISO text, as Make persists connection data.
fn stored(value: Value) -> Value {
    Value::from(value.to_json())
}

fn build(prepared: &Prepared) -> Request {
    let mut request = Request::new(&prepared.method, &prepared.url);
    for (k, v) in &prepared.headers {
        request = request.header(k, v);
    }
    let has_type = prepared.headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("content-type"));
    let Some(body) = &prepared.body else { return request };
    let (content_type, bytes) = match prepared.kind {
        BodyType::Json => ("application/json", body.to_json().to_string()),
        BodyType::Form => {
            let pairs: Vec<(String, String)> = match body {
                Value::Object(fields) => fields.iter().filter(|(_, v)| **v != Value::Null).map(|(k, v)| (k.clone(), v.to_text())).collect(),
                _ => Vec::new(),
            };
            ("application/x-www-form-urlencoded", encode_form(&pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect::<Vec<_>>()))
        }
        BodyType::Text => ("text/plain", body.to_text()),
    };
    if !has_type {
        request = request.header("Content-Type", content_type);
    }
    request.body(bytes)
}

fn response_body(response: &Response) -> Value {
    match response.json() {
        Some(json) => Value::from(json),
        None if response.body.is_empty() => Value::Null,
        None => Value::Text(response.body_text()),
    }
}

/// An IML error as a diagnostic with its code, place and the fix in words.
pub(crate) fn iml_diagnostic(section: Section, path: &str, source: &str, error: &academy_iml::Error) -> Diagnostic {
    let code = Code::for_iml(&error.kind);
    Diagnostic {
        code,
        severity: Severity::Error,
        section: Some(section.name().to_string()),
        path: Some(path.to_string()),
        message: format!("In \"{}\": {}.", academy_engine::http::shorten(source, 120), error),
    }
}
