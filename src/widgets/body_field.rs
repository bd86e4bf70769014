//! An editable request body: a labelled code textarea bound to a string
//! signal (the /token and /refresh bodies, which learners break on purpose).

use leptos::prelude::*;
use leptos::tachys::reactive_graph::bind::IntoSplitSignal;

#[component]
pub fn BodyField<V>(
    /// Element id and `data-testid`.
    id: &'static str,
    /// What the learner may try, shown after "Body".
    hint: &'static str,
    rows: u32,
    placeholder: &'static str,
    /// Anything `bind:value` takes: a signal or a store's field.
    value: V,
) -> impl IntoView
where
    V: IntoSplitSignal<Value = String>,
    V::Read: Clone + Send + Sync + 'static,
    V::Write: Clone + Send + Sync + 'static,
{
    view! {
        <div class="field">
            <label for=id>"Body " <span class="muted">{hint}</span></label>
            <textarea
                id=id
                class="code-input"
                data-testid=id
                rows=rows
                placeholder=placeholder
                spellcheck="false"
                bind:value=value
            ></textarea>
        </div>
    }
}
