//! The lesson view: beside the panes, the lessons with their progress, the
//! open lesson's steps (done or not, a hint on request), what a finished
//! lesson taught, and the classic mistakes one click away.

use leptos::prelude::*;

use crate::flow::faults::{self, Fault};
use crate::learning::{self, use_learning, MistakeResult, PackState};
use crate::lessons::Lesson;
use crate::playground::use_playground;
use crate::widgets::answer::{Explanation, StatusBadge};

#[component]
pub fn LessonView() -> impl IntoView {
    let learning = use_learning();
    let lesson = Memo::new(move |_| {
        let id = learning.open.get()?;
        learning.library.with(|l| l.get(&id).cloned())
    });
    view! {
        <aside class="lessons" id="lessons" data-testid="lesson-view" aria-labelledby="lessons-title">
            <header class="lessons-head">
                <h2 id="lessons-title">"Lessons"</h2>
                <button type="button" class="btn btn-small" data-testid="lessons-close" aria-label="Close the lessons"
                    on:click=move |_| learning.shown.set(false)>"Close"</button>
            </header>
            <PackNote />
            <div class="lessons-body">
                {move || match lesson.get() {
                    Some(lesson) => view! { <OpenLesson lesson /> }.into_any(),
                    None => view! { <LessonList /> }.into_any(),
                }}
                <Mistakes />
            </div>
        </aside>
    }
}

/// Where a `pack=` pack stands: loading, loaded (maybe from the offline copy), or why it failed.
#[component]
fn PackNote() -> impl IntoView {
    let learning = use_learning();
    move || {
        learning.pack.get().map(|state| match state {
            PackState::Loading { url } => view! { <p class="pack-note muted small" data-testid="pack-status" data-state="loading">"Loading the lesson pack " <code>{url}</code> "…"</p> }.into_any(),
            PackState::Loaded { title, offline, .. } => view! {
                <p class="pack-note small" data-testid="pack-status" data-state="loaded">
                    "Lesson pack: " <strong>{title}</strong>
                    {offline.then_some(" (the copy kept from the last visit: the pack could not be fetched now)")}
                </p>
            }.into_any(),
            PackState::Failed { url, reason, faults } => view! {
                <div class="pack-note pack-failed small" role="alert" data-testid="pack-status" data-state="failed">
                    <p>"The lesson pack " <code class="wrap">{url}</code> " was not loaded: " {reason} " The built-in lessons are here."</p>
                    {(!faults.is_empty()).then(|| view! {
                        <ul class="pack-faults" data-testid="pack-faults">
                            {faults.into_iter().map(|f| view! { <li><code>{f.path}</code> ": " {f.reason}</li> }).collect_view()}
                        </ul>
                    })}
                </div>
            }.into_any(),
        })
    }
}

#[component]
fn LessonList() -> impl IntoView {
    let learning = use_learning();
    view! {
        <p class="muted small">"Each lesson checks its steps from what really happens here, whichever pane or console call you use."</p>
        <ul class="lesson-list">
            {move || {
                let book = learning.book.get();
                learning.library.with(|library| library.lessons.iter().map(|lesson| {
                    let progress = book.of(&lesson.id);
                    let (done, total) = (progress.done_count(lesson), lesson.steps.len());
                    let id = lesson.id.clone();
                    view! {
                        <li>
                            <button type="button" class="lesson-pick" data-testid=format!("lesson-open-{}", lesson.id)
                                on:click=move |_| { learning.open_lesson(&id); }>
                                <span class="lesson-pick-title">{lesson.title.clone()}</span>
                                <span class="lesson-pick-count" class:complete=done == total>
                                    {if done == total { "done".to_string() } else { format!("{done} of {total}") }}
                                </span>
                            </button>
                        </li>
                    }
                }).collect_view())
            }}
        </ul>
    }
}

#[component]
fn OpenLesson(lesson: Lesson) -> impl IntoView {
    let pg = use_playground();
    let learning = use_learning();
    let id = lesson.id.clone();
    let progress = Memo::new(move |_| learning.book.with(|b| b.of(&id)));
    let total = lesson.steps.len();
    let lesson = StoredValue::new(lesson);
    let done = move || lesson.with_value(|l| progress.with(|p| p.done_count(l)));
    let current = move || lesson.with_value(|l| progress.with(|p| p.current(l).map(|s| s.id.clone())));
    view! {
        <div class="lesson" data-testid="lesson" data-lesson=lesson.with_value(|l| l.id.clone())>
            <button type="button" class="btn btn-link small" data-testid="lessons-all" on:click=move |_| learning.open.set(None)>"← All lessons"</button>
            <h3>{lesson.with_value(|l| l.title.clone())}</h3>
            <p class="lesson-intro">{lesson.with_value(|l| l.intro.clone())}</p>
            <p class="small muted" data-testid="lesson-count">{move || format!("{} of {total} steps done", done())}</p>
            <ol class="lesson-steps">
                {lesson.with_value(|l| l.steps.clone()).into_iter().map(|step| {
                    let step_id = step.id.clone();
                    let is_done = {
                        let step = step.clone();
                        move || progress.with(|p| p.is_done(&step))
                    };
                    let is_current = {
                        let id = step.id.clone();
                        move || current().as_deref() == Some(id.as_str())
                    };
                    let is_done2 = is_done.clone();
                    let shared = {
                        let id = step.id.clone();
                        move || learning.shared_step.with(|s| s.as_deref() == Some(id.as_str()))
                    };
                    view! {
                        <li class="lesson-step" data-testid="lesson-step" data-step=step_id
                            data-shared=move || shared().then_some("true")
                            data-done=move || is_done().to_string() class:current=is_current.clone() class:done=is_done2.clone()>
                            <span class="step-mark" aria-hidden="true">{let d = is_done.clone(); move || if d() { "✓" } else { "○" }}</span>
                            <div class="step-text">
                                <p class="step-goal">
                                    {step.goal.clone()}
                                    <span class="sr-only">{let d = is_done.clone(); move || if d() { " (done)" } else { " (not done yet)" }}</span>
                                </p>
                                {let s = shared.clone(); move || s().then(|| view! {
                                    <p class="step-shared small" data-testid="lesson-shared-step">"The share link was opened at this step."</p>
                                })}
                                <details class="step-hint" open=shared.clone()>
                                    <summary>"Hint"</summary>
                                    <p>{step.hint.clone()}</p>
                                </details>
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ol>
            <Show when=move || done() == total>
                <p class="lesson-learned" data-testid="lesson-learned" role="status">
                    <strong>"Lesson complete. "</strong>{lesson.with_value(|l| l.learned.clone())}
                </p>
            </Show>
            <button type="button" class="btn btn-small" data-testid="lesson-reset" on:click=move |_| {
                let last = pg.engine.with_untracked(|e| e.log().back().map(|x| x.seq).unwrap_or(0));
                lesson.with_value(|l| learning.reset_lesson(&l.id, last));
                pg.announce("The lesson starts over: only what you do from now on counts.");
            }>"Start this lesson over"</button>
        </div>
    }
}

/// The classic mistakes, each from the current state; a button that cannot
/// work yet is disabled and says what to do first.
#[component]
fn Mistakes() -> impl IntoView {
    let pg = use_playground();
    let learning = use_learning();
    let state = Memo::new(move |_| learning::server_state(&pg));
    // What each mistake needs first, if anything: planned once per change.
    let refusals = Memo::new(move |_| {
        let (data, state) = (pg.flow.get(), state.get());
        Fault::ALL.map(|f| faults::plan(f, &data, &state).err())
    });
    view! {
        <section class="mistakes" aria-labelledby="mistakes-title">
            <h3 id="mistakes-title">"Make a classic mistake"</h3>
            <p class="muted small">"Each sends the request a buggy app would send, from where you are now, and shows the server's answer."</p>
            <ul class="mistake-list">
                {Fault::ALL.into_iter().enumerate().map(|(i, fault)| {
                    let refusal = move || refusals.with(|r| r[i]);
                    let why_id = format!("{}-why", fault.testid());
                    view! {
                        <li>
                            <button type="button" class="btn btn-small" data-testid=fault.testid()
                                disabled=move || refusal().is_some()
                                aria-describedby=why_id.clone()
                                on:click=move |_| learning::make_mistake(pg, learning, fault)>
                                {fault.label()}
                            </button>
                            <span class="mistake-why small muted" id=why_id>{move || refusal().unwrap_or("")}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {move || learning.mistake.get().map(|result| match result {
                MistakeResult::Made { fault, seq, status, explanation } => view! {
                    <div class="mistake-result" data-testid="fault-result" data-seq=seq>
                        <p>{fault.label()} ": exchange #" {seq} " answered " <StatusBadge status /></p>
                        {explanation.map(|text| view! { <Explanation text /> })}
                    </div>
                }.into_any(),
                MistakeResult::Refused { fault, first } => view! {
                    <p class="mistake-result small" data-testid="fault-result">{fault.label()} ": " {first}</p>
                }.into_any(),
            })}
        </section>
    }
}
