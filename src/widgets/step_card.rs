//! One of the docs' six steps: number, title, what the docs say, and the
//! step's request and answer.

use leptos::prelude::*;

use crate::explain::STEPS;

#[component]
pub fn StepCard(number: usize, children: Children) -> impl IntoView {
    let (title, docs) = STEPS[number - 1];
    let heading = format!("step-{number}-title");
    let labelled_by = heading.clone();
    view! {
        <section class="card step" id=format!("step-{number}") aria-labelledby=labelled_by>
            <h3 class="step-title" id=heading>
                <span class="step-number" aria-hidden="true">{number}</span>
                <span class="sr-only">{format!("Step {number}: ")}</span>
                {title}
            </h3>
            <p class="docs"><span class="docs-lead">"The docs: "</span>{docs}</p>
            {children()}
        </section>
    }
}
