//! `window.academy`: the console API. `academy.request({method, url, headers,
//! body})` goes through the same engine as the panes, changes the same state,
//! shows in the traffic pane, and resolves to `{status, headers, body}`.

use js_sys::{Array, Object, Promise, Reflect};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use academy_engine::{Origin, Request, Response};

use crate::playground::Playground;

const HELP: &str = "academy.request({method, url, headers, body}) sends a request to the simulated Academy API and resolves to {status, headers, body}.
  url: absolute (https://app-academy.make.com/api/v2/info) or a path (/info).
  headers: an object, e.g. {authorization: 'Bearer ' + academy.tokens().access_token}.
  body: a string, or an object (sent as JSON).
academy.tokens() returns the tokens the app pane holds.
academy.lessons.list() returns [{id, title, done, steps: [{id, goal, done}]}];
  academy.lessons.open(id) opens a lesson, academy.lessons.reset(id) starts it over.";

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
        if let Some(h) = pg.flow.held.get_untracked() {
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
    let _ = Reflect::set(&api, &"help".into(), &help.into_js_value());
    let _ = Reflect::set(&api, &"lessons".into(), &lessons(pg));
    let _ = Reflect::set(&window(), &"academy".into(), &api);
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
