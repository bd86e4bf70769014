//! `window.academy`: the console API. `academy.request({method, url, headers,
//! body})` goes through the same engine as the panes, changes the same state,
//! shows in the traffic pane, and resolves to `{status, headers, body}`.

use js_sys::{Array, Object, Promise, Reflect};
use leptos::prelude::*;

use crate::flow::FlowDataStoreFields;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use academy_connection::{Choice, Code};
use academy_engine::{Account, Origin, Request, Response, Scope};

use crate::make;
use crate::playground::Playground;

const HELP: &str = "academy.request({method, url, headers, body}) sends a request to the simulated Academy API and resolves to {status, headers, body}.
  url: absolute (https://app-academy.make.com/api/v2/info) or a path (/info).
  headers: an object, e.g. {authorization: 'Bearer ' + academy.tokens().access_token}.
  body: a string, or an object (sent as JSON).
academy.tokens() returns the tokens the app pane holds.
academy.exportHar() returns every exchange in the log as a HAR 1.2 object (for DevTools, Postman, Insomnia).
academy.exportState() returns the whole playground as a playground file's object (secrets included: the client secret, codes, tokens).
academy.importState(json) opens a playground file (its text or object) in place of this playground, without asking,
  and resolves to {ok: true}, or {ok: false, error} when it is not one this page can open (nothing changes then).
academy.shareLink() returns a link that sets up this situation elsewhere (settings, lesson and step, clock, the
  composer's request), with no secret: tokens, codes and credentials become placeholders such as {{access_token}}.
academy.lessons.list() returns [{id, title, done, steps: [{id, goal, done}]}];
  academy.lessons.open(id) opens a lesson, academy.lessons.reset(id) starts it over.
academy.connection.run(text, {account, allow, scopes}) runs a Make OAuth2 connection (its communication JSON)
  without waiting for you: account 'john' or 'jane', allow (default true), scopes (default: what it asked for).
  academy.connection.use(), .advance(minutes), .invalidate() follow. Each resolves to the report:
  {ok, steps: [{section, expressions, request, response, data, temp}], connection: {data, expires, uid, metadata}, diagnostics: [{code, severity, section, path, message}]}.";

fn get(obj: &JsValue, name: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

fn text_of(v: &JsValue) -> String {
    v.as_string().unwrap_or_else(|| {
        if let Some(n) = v.as_f64() {
            n.to_string()
        } else if let Some(b) = v.as_bool() {
            b.to_string()
        } else {
            js_sys::JSON::stringify(v).ok().and_then(|s| s.as_string()).unwrap_or_default()
        }
    })
}

/// Reads the argument into a request, or says what is wrong with it.
fn request_from(options: &JsValue) -> Result<Request, String> {
    let options = if let Some(url) = options.as_string() {
        let o = Object::new();
        let _ = Reflect::set(&o, &"url".into(), &url.into());
        o.into()
    } else if options.is_object() {
        options.clone()
    } else {
        return Err("academy.request needs an object: {method, url, headers, body}.".into());
    };
    let url = get(&options, "url")
        .as_string()
        .filter(|u| !u.trim().is_empty())
        .ok_or("academy.request needs a url, e.g. '/info'.")?;
    let method = get(&options, "method").as_string().unwrap_or_else(|| "GET".into()).trim().to_ascii_uppercase();
    let mut request = Request::new(&method, url.trim());
    let headers = get(&options, "headers");
    if headers.is_object() {
        let pairs =
            if Array::is_array(&headers) { Array::from(&headers) } else { Object::entries(headers.unchecked_ref()) };
        for pair in pairs.iter() {
            let pair = Array::from(&pair);
            request.headers.push((text_of(&pair.get(0)), text_of(&pair.get(1))));
        }
    }
    let body = get(&options, "body");
    if let Some(text) = body.as_string() {
        request.body = text.into_bytes();
    } else if !body.is_undefined() && !body.is_null() {
        request.body = text_of(&body).into_bytes();
        if request.header_value("content-type").is_none() {
            request.headers.push(("Content-Type".into(), "application/json".into()));
        }
    }
    Ok(request)
}

fn response_object(response: &Response) -> JsValue {
    let out = Object::new();
    let headers = Object::new();
    for (k, v) in &response.headers {
        let name = JsValue::from_str(&k.to_ascii_lowercase());
        let joined = match Reflect::get(&headers, &name).ok().and_then(|p| p.as_string()) {
            Some(prev) => format!("{prev}, {v}"),
            None => v.clone(),
        };
        let _ = Reflect::set(&headers, &name, &JsValue::from_str(&joined));
    }
    let _ = Reflect::set(&out, &"status".into(), &JsValue::from(response.status));
    let _ = Reflect::set(&out, &"headers".into(), &headers);
    let _ = Reflect::set(&out, &"body".into(), &JsValue::from_str(&response.body_text()));
    out.into()
}

/// Installs `window.academy`.
pub fn install(pg: Playground) {
    let api = Object::new();
    let request = Closure::<dyn Fn(JsValue) -> Promise>::new(move |options: JsValue| match request_from(&options) {
        Ok(request) => Promise::resolve(&response_object(&pg.send(request, Origin::Console))),
        Err(why) => Promise::reject(&js_sys::TypeError::new(&why).into()),
    });
    let tokens = Closure::<dyn Fn() -> JsValue>::new(move || {
        let o = Object::new();
        if let Some(h) = pg.flow.held().get_untracked() {
            let _ = Reflect::set(&o, &"access_token".into(), &h.access_token.into());
            let _ = Reflect::set(&o, &"refresh_token".into(), &h.refresh_token.into());
            let _ = Reflect::set(&o, &"access_expires_at".into(), &JsValue::from_f64(h.access_expires_at as f64));
            let _ = Reflect::set(&o, &"refresh_expires_at".into(), &JsValue::from_f64(h.refresh_expires_at as f64));
        }
        o.into()
    });
    let help = Closure::<dyn Fn() -> JsValue>::new(|| JsValue::from_str(HELP));
    let _ = Reflect::set(&api, &"request".into(), &request.into_js_value());
    let _ = Reflect::set(&api, &"tokens".into(), &tokens.into_js_value());
    // The whole log, whatever the traffic pane's filters show.
    let export_har = Closure::<dyn Fn() -> JsValue>::new(move || {
        let text = pg.engine.with_untracked(|e| har_text(e.log().iter()));
        js_sys::JSON::parse(&text).unwrap_or(JsValue::NULL)
    });
    let _ = Reflect::set(&api, &"help".into(), &help.into_js_value());
    let _ = Reflect::set(&api, &"exportHar".into(), &export_har.into_js_value());
    let export_state = Closure::<dyn Fn() -> JsValue>::new(move || {
        js_sys::JSON::parse(&crate::persistence::state_file(&pg)).unwrap_or(JsValue::NULL)
    });
    let import_state = Closure::<dyn Fn(JsValue) -> Promise>::new(move |file: JsValue| {
        let result = import_state(&pg, &file);
        let out = Object::new();
        let _ = Reflect::set(&out, &"ok".into(), &JsValue::from_bool(result.is_ok()));
        if let Err(why) = result {
            let _ = Reflect::set(&out, &"error".into(), &JsValue::from_str(&format!("The file was not opened: {why}")));
        }
        let out: JsValue = out.into();
        Promise::resolve(&out)
    });
    let share_link = Closure::<dyn Fn() -> JsValue>::new(move || {
        JsValue::from_str(&crate::widgets::share_dialog::current_link(&pg).url)
    });
    let _ = Reflect::set(&api, &"exportState".into(), &export_state.into_js_value());
    let _ = Reflect::set(&api, &"importState".into(), &import_state.into_js_value());
    let _ = Reflect::set(&api, &"shareLink".into(), &share_link.into_js_value());
    let _ = Reflect::set(&api, &"lessons".into(), &lessons(pg));
    let _ = Reflect::set(&api, &"connection".into(), &connection(pg));
    let _ = Reflect::set(&window(), &"academy".into(), &api);
}

/// `academy.importState`: a file's text, or its object; nothing changes unless it opens.
fn import_state(pg: &Playground, file: &JsValue) -> Result<(), String> {
    let text = match file.as_string() {
        Some(text) => text,
        None if file.is_object() => js_sys::JSON::stringify(file)
            .ok()
            .and_then(|t| t.as_string())
            .ok_or("that object cannot be written as JSON.")?,
        None => return Err("academy.importState takes a playground file: its text, or the object academy.exportState() returns.".into()),
    };
    let opened = crate::persistence::file::decode(&text)?;
    crate::persistence::open_file(pg, opened);
    pg.announce("A playground file was opened from the console.");
    Ok(())
}

/// The exchanges as HAR 1.2 text, this build's version as the creator's.
pub fn har_text<'a>(exchanges: impl IntoIterator<Item = &'a academy_engine::Exchange>) -> String {
    serde_json::to_string_pretty(&academy_engine::http::har::har(exchanges, env!("CARGO_PKG_VERSION"))).unwrap_or_default()
}

/// `academy.lessons`: list, open and reset, as the lesson view does.
fn lessons(pg: Playground) -> JsValue {
    let learning = pg.learning;
    let api = Object::new();
    let list = Closure::<dyn Fn() -> JsValue>::new(move || {
        let summaries = learning.library.with_untracked(|l| learning.book.with_untracked(|b| l.summaries(b)));
        let text = serde_json::to_string(&summaries).unwrap_or_else(|_| "[]".into());
        js_sys::JSON::parse(&text).unwrap_or(JsValue::NULL)
    });
    let unknown = |id: &str| js_sys::Error::new(&format!("There is no lesson {id}; academy.lessons.list() names them.")).into();
    let open = Closure::<dyn Fn(JsValue) -> Result<JsValue, JsValue>>::new(move |id: JsValue| {
        let id = id.as_string().unwrap_or_default();
        if learning.open_lesson(&id) { Ok(JsValue::TRUE) } else { Err(unknown(&id)) }
    });
    let reset = Closure::<dyn Fn(JsValue) -> Result<JsValue, JsValue>>::new(move |id: JsValue| {
        let id = id.as_string().unwrap_or_default();
        let last = pg.engine.with_untracked(|e| e.log().back().map(|x| x.seq).unwrap_or(0));
        if learning.reset_lesson(&id, last) { Ok(JsValue::TRUE) } else { Err(unknown(&id)) }
    });
    let _ = Reflect::set(&api, &"list".into(), &list.into_js_value());
    let _ = Reflect::set(&api, &"open".into(), &open.into_js_value());
    let _ = Reflect::set(&api, &"reset".into(), &reset.into_js_value());
    api.into()
}

/// The report as a plain object, resolved.
fn resolve_report(report: &academy_connection::Report) -> Promise {
    let text = serde_json::to_string(report).unwrap_or_else(|_| r#"{"ok":false}"#.into());
    Promise::resolve(&js_sys::JSON::parse(&text).unwrap_or(JsValue::NULL))
}

/// Reads `{account, allow, scopes}`; what cannot be read is said, never thrown.
fn choice_from(options: &JsValue) -> Result<Choice, String> {
    if options.is_undefined() || options.is_null() {
        return Ok(Choice { account: Account::John, allow: true, scopes: None });
    }
    if !options.is_object() {
        return Err("The second argument is {account, allow, scopes}, e.g. {account: 'jane'}.".into());
    }
    let account = match get(options, "account") {
        v if v.is_undefined() || v.is_null() => Account::John,
        v => v.as_string().and_then(|s| Account::from_slug(s.trim())).ok_or("account is 'john' or 'jane'.")?,
    };
    let allow = match get(options, "allow") {
        v if v.is_undefined() || v.is_null() => true,
        v => v.as_bool().ok_or("allow is true or false.")?,
    };
    let scopes = match get(options, "scopes") {
        v if v.is_undefined() || v.is_null() => None,
        v if Array::is_array(&v) => Some(
            Array::from(&v)
                .iter()
                .map(|s| s.as_string().and_then(|s| Scope::parse(s.trim())).ok_or("scopes are names: connect, read, write, delete."))
                .collect::<Result<Vec<_>, _>>()?,
        ),
        _ => return Err("scopes is a list, e.g. ['connect', 'read'].".into()),
    };
    Ok(Choice { account, allow, scopes })
}

/// `academy.connection`: a Make connection run without the learner's clicks;
/// the pane shows the same run.
fn connection(pg: Playground) -> JsValue {
    let api = Object::new();
    let run = Closure::<dyn Fn(JsValue, JsValue) -> Promise>::new(move |text: JsValue, options: JsValue| {
        let Some(text) = text.as_string() else {
            return resolve_report(&make::refusal(Code::JsonSyntax, "academy.connection.run needs the connection's text: its communication JSON as a string."));
        };
        match choice_from(&options) {
            Ok(choice) => resolve_report(&make::run(&pg, text, &choice)),
            Err(why) => resolve_report(&make::refusal(Code::JsonSyntax, why)),
        }
    });
    let use_ = Closure::<dyn Fn() -> Promise>::new(move || resolve_report(&make::use_connection(&pg)));
    let invalidate = Closure::<dyn Fn() -> Promise>::new(move || resolve_report(&make::invalidate(&pg)));
    let advance = Closure::<dyn Fn(JsValue) -> Promise>::new(move |minutes: JsValue| {
        match minutes.as_f64().filter(|m| m.is_finite() && *m >= 0.0 && *m <= MAX_ADVANCE_MINUTES) {
            Some(minutes) => {
                pg.clock.advance((minutes * 60_000.0).round() as i64);
                resolve_report(&pg.make.current_report())
            }
            None => resolve_report(&make::refusal(Code::JsonSyntax, format!("advance takes minutes: a number from 0 to {MAX_ADVANCE_MINUTES}."))),
        }
    });
    let _ = Reflect::set(&api, &"run".into(), &run.into_js_value());
    let _ = Reflect::set(&api, &"use".into(), &use_.into_js_value());
    let _ = Reflect::set(&api, &"invalidate".into(), &invalidate.into_js_value());
    let _ = Reflect::set(&api, &"advance".into(), &advance.into_js_value());
    api.into()
}

/// A year: far past every lifetime, and far from overflowing the clock.
const MAX_ADVANCE_MINUTES: f64 = 525_600.0;

#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn options(js: &str) -> JsValue {
        js_sys::JSON::parse(js).unwrap()
    }

    #[wasm_bindgen_test]
    fn reads_method_url_headers_and_a_json_body() {
        let request = request_from(&options(
            r#"{"method":"post","url":"/movies","headers":{"authorization":"Bearer t"},"body":{"name":"X"}}"#,
        ))
        .unwrap();
        assert_eq!(request.method, "POST");
        assert_eq!(request.url, "/movies");
        assert_eq!(request.header_value("authorization"), Some("Bearer t"));
        assert_eq!(request.header_value("content-type"), Some("application/json"));
        assert_eq!(String::from_utf8(request.body).unwrap(), r#"{"name":"X"}"#);
    }

    #[wasm_bindgen_test]
    fn a_string_is_a_get_of_that_url_and_a_missing_url_is_refused() {
        assert_eq!(request_from(&JsValue::from_str("/info")).unwrap().method, "GET");
        assert!(request_from(&options(r#"{"method":"GET"}"#)).unwrap_err().contains("url"));
        assert!(request_from(&JsValue::from_f64(3.0)).is_err());
    }

    #[wasm_bindgen_test]
    fn answers_are_plain_objects_with_lowercase_headers() {
        let response = Response {
            status: 401,
            headers: vec![
                ("WWW-Authenticate".into(), "Bearer".into()),
                ("X-A".into(), "1".into()),
                ("x-a".into(), "2".into()),
            ],
            body: b"{}".to_vec(),
        };
        let object = response_object(&response);
        assert_eq!(get(&object, "status").as_f64(), Some(401.0));
        let headers = get(&object, "headers");
        assert_eq!(get(&headers, "www-authenticate").as_string().as_deref(), Some("Bearer"));
        assert_eq!(get(&headers, "x-a").as_string().as_deref(), Some("1, 2"));
        assert_eq!(get(&object, "body").as_string().as_deref(), Some("{}"));
    }
}
