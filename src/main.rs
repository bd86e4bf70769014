//! Academy OAuth2 Playground: the Make Custom App Academy API v2 (OAuth2)
//! simulated in the browser. `main` only mounts; `app` lays out the panes.

mod actions;
mod app;
mod clock;
mod config;
mod console;
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
mod widgets;

#[cfg(all(test, target_arch = "wasm32"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

fn main() {
    console_error_panic_hook::set_once();
    if let Some(boot) = leptos::prelude::document().get_element_by_id("boot") {
        boot.remove();
    }
    leptos::mount::mount_to_body(app::App);
}
