//! Academy OAuth2 Playground: the Make Custom App Academy API v2 (OAuth2)
//! simulated in the browser. `main` only mounts; `app` lays out the panes.

mod actions;
mod app;
mod clock;
mod config;
mod console;
mod diagram;
mod entropy;
mod explain;
mod flow;
mod host;
mod http_text;
mod learning;
mod make;
mod lessons;
mod panes;
mod persistence;
mod playground;
mod share;
mod widgets;

#[cfg(all(test, target_arch = "wasm32"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// A `performance.mark` for the start-up profile (`cargo xtask bench`).
pub fn mark(name: &str) {
    #[cfg(target_arch = "wasm32")]
    {
        #[wasm_bindgen::prelude::wasm_bindgen]
        extern "C" {
            #[wasm_bindgen(catch, js_namespace = performance, js_name = mark)]
            fn performance_mark(name: &str) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>;
        }
        let _ = performance_mark(name);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = name;
}

/// Marks `start` now and `end` when dropped, whatever way the scope is left.
pub struct Span(pub &'static str);

impl Span {
    pub fn new(start: &'static str, end: &'static str) -> Span {
        mark(start);
        Span(end)
    }
}

impl Drop for Span {
    fn drop(&mut self) {
        mark(self.0);
    }
}

fn main() {
    mark("academy:start");
    console_error_panic_hook::set_once();
    if let Some(boot) = leptos::prelude::document().get_element_by_id("boot") {
        boot.remove();
    }
    leptos::mount::mount_to_body(app::App);
    mark("academy:mounted");
}
