//! Guided lessons: packs of steps whose progress is checked from the typed
//! outcome of every exchange (any pane, the console, a course page), never
//! from text. Pure: the Leptos side (`panes/lessons.rs`) renders a
//! [`Library`] and a [`Book`] held in signals.

pub mod pack;
pub mod progress;

use serde::Serialize;

pub use pack::{Fault, Lesson, Pack};
pub use progress::{Book, News};

/// The lessons on offer: the built-in pack, joined or replaced by a loaded one.
#[derive(Clone, Debug, PartialEq)]
pub struct Library {
    pub lessons: Vec<Lesson>,
}

impl Library {
    pub fn new(builtin: &Pack, loaded: Option<&Pack>) -> Self {
        let mut lessons = match loaded {
            Some(p) if p.replace => Vec::new(),
            _ => builtin.lessons.clone(),
        };
        if let Some(pack) = loaded {
            for lesson in &pack.lessons {
                // A pack's lesson with a built-in id takes its place.
                match lessons.iter_mut().find(|l| l.id == lesson.id) {
                    Some(slot) => *slot = lesson.clone(),
                    None => lessons.push(lesson.clone()),
                }
            }
        }
        Library { lessons }
    }

    pub fn get(&self, id: &str) -> Option<&Lesson> {
        self.lessons.iter().find(|l| l.id == id)
    }

    /// What `academy.lessons.list()` returns.
    pub fn summaries(&self, book: &Book) -> Vec<LessonSummary> {
        self.lessons
            .iter()
            .map(|lesson| {
                let progress = book.of(&lesson.id);
                LessonSummary {
                    id: lesson.id.clone(),
                    title: lesson.title.clone(),
                    done: progress.complete(lesson),
                    steps: lesson
                        .steps
                        .iter()
                        .map(|s| StepSummary { id: s.id.clone(), goal: s.goal.clone(), done: progress.is_done(s) })
                        .collect(),
                }
            })
            .collect()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LessonSummary {
    pub id: String,
    pub title: String,
    pub done: bool,
    pub steps: Vec<StepSummary>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StepSummary {
    pub id: String,
    pub goal: String,
    pub done: bool,
}

#[cfg(test)]
mod tests;
