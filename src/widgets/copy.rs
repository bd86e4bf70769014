//! Copy to the clipboard, with a fallback where the Clipboard API is refused
//! (some embeds).

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::widgets::announcer::Announcer;

/// Copies `text` to the clipboard, by the Clipboard API or the older fallback.
pub fn copy_text(text: &str) {
    copy_text_then(text, |_| {});
}

/// Copies `text`, then tells `done` whether the browser allowed it (an
/// embed may refuse both ways: then the text must be copied by hand).
pub fn copy_text_then(text: &str, done: impl FnOnce(bool) + 'static) {
    let fallback = {
        let text = text.to_string();
        move || -> bool {
            let doc = document();
            let Ok(area) = doc.create_element("textarea") else { return false };
            let Ok(area) = area.dyn_into::<web_sys::HtmlTextAreaElement>() else { return false };
            area.set_value(&text);
            let _ = area.set_attribute("readonly", "");
            let _ = area.set_attribute("style", "position:fixed;top:0;left:0;opacity:0");
            let Some(body) = doc.body() else { return false };
            let _ = body.append_child(&area);
            area.select();
            let copied = doc.clone().dyn_into::<web_sys::HtmlDocument>().ok().and_then(|html| html.exec_command("copy").ok()).unwrap_or(false);
            area.remove();
            copied
        }
    };
    // navigator.clipboard is missing outside secure contexts (plain http on a
    // classroom server); calling into it there would throw.
    let navigator = window().navigator();
    let available =
        js_sys::Reflect::get(&navigator, &"clipboard".into()).is_ok_and(|c| !c.is_undefined() && !c.is_null());
    if !available {
        done(fallback());
        return;
    }
    let promise = navigator.clipboard().write_text(text);
    leptos::task::spawn_local(async move {
        let copied = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() || fallback();
        done(copied);
    });
}

/// A button that copies what `text` returns when pressed.
#[component]
pub fn CopyButton(
    text: impl Fn() -> String + Send + Sync + 'static,
    #[prop(into)] label: String,
    #[prop(default = None)] testid: Option<&'static str>,
    #[prop(into, default = "What was copied".to_string())] what: String,
) -> impl IntoView {
    let announcer = Announcer::current();
    let copied = RwSignal::new(false);
    let on_click = move |_| {
        copy_text(&text());
        copied.set(true);
        announcer.say(format!("{what} is on the clipboard."));
        set_timeout(move || copied.set(false), Duration::from_millis(1600));
    };
    view! {
        <button type="button" class="btn btn-small" data-testid=testid on:click=on_click>
            {move || if copied.get() { "Copied".to_string() } else { label.clone() }}
        </button>
    }
}
