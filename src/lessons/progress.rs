//! Lesson progress, checked from what really happened: each exchange's
//! typed outcome is matched against the open steps' checks. Progress is plain
//! data, saved with the playground, keyed by lesson and step id (so a pack
//! that gains a step keeps what was done).

use std::collections::BTreeMap;

use academy_json::FromJson;
use serde::Serialize;

use academy_engine::{catalog, Exchange};

use super::pack::{Check, Lesson, Order, Step};

/// The exchange that satisfied a check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson)]
pub struct Hit {
    pub seq: u64,
    pub method: String,
    pub route: Option<String>,
}

/// One lesson's progress.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, FromJson)]
#[serde(default)]
pub struct Progress {
    /// Exchanges up to this one do not count (the lesson was reset then).
    pub since: u64,
    /// Per step id, the hit of each check (`check`, then `also`).
    pub steps: BTreeMap<String, Vec<Option<Hit>>>,
}

/// What an exchange did to a lesson, for the screen and the course page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum News {
    StepDone { lesson: String, step: String, done: usize, total: usize },
    LessonComplete { lesson: String },
}

impl News {
    pub fn lesson(&self) -> &str {
        match self {
            News::StepDone { lesson, .. } | News::LessonComplete { lesson } => lesson,
        }
    }
}

/// What a check looks at in one exchange, read from its outcome.
struct Facts<'a> {
    exchange: &'a Exchange,
    method: String,
}

impl<'a> Facts<'a> {
    fn of(exchange: &'a Exchange) -> Self {
        Facts { exchange, method: exchange.request.method.trim().to_ascii_uppercase() }
    }

    fn hit(&self) -> Hit {
        Hit { seq: self.exchange.seq, method: self.method.clone(), route: self.exchange.outcome.route.clone() }
    }
}

impl Check {
    /// Does this exchange satisfy the check? `like` is the hit of the step
    /// the check names, if that step is done.
    fn matches(&self, facts: &Facts, like: Option<&Hit>) -> bool {
        let exchange = facts.exchange;
        let outcome = &exchange.outcome;
        let status = exchange.response.status;
        let route = outcome.route.as_deref();
        let error = outcome.error.as_ref();
        let problem = match error {
            Some(academy_engine::ErrorKind::NotAuthorized { problem }) => Some(problem.name()),
            _ => None,
        };
        let subject = outcome.subject.as_ref().map(|s| s.account);
        let api = route.and_then(|r| catalog::endpoint(&facts.method, r)).is_some_and(|e| e.is_api());
        let grant_of = |c: &academy_engine::Change| match c {
            academy_engine::Change::TokensIssued { grant, .. } => Some(*grant),
            _ => None,
        };
        let change_ok = match &self.change {
            Some(name) => outcome.changes.iter().any(|c| {
                c.name() == name
                    && self.grant.is_none_or(|g| grant_of(c) == Some(g))
                    && self.account.is_none_or(|a| c.account().or(subject) == Some(a))
            }),
            None => {
                self.grant.is_none_or(|g| outcome.changes.iter().any(|c| grant_of(c) == Some(g)))
                    && self.account.is_none_or(|a| subject == Some(a) || outcome.changes.iter().any(|c| c.account() == Some(a)))
            }
        };
        let like_ok = match (&self.like, like) {
            (None, _) => true,
            (Some(_), Some(hit)) => hit.method == facts.method && hit.route.as_deref() == route,
            (Some(_), None) => false,
        };
        change_ok
            && like_ok
            && self.method.as_ref().is_none_or(|m| *m == facts.method)
            && self.route.as_ref().is_none_or(|r| Some(r.as_str()) == route)
            && self.status.is_none_or(|s| s == status)
            && self.ok.is_none_or(|ok| ok == (status < 400))
            && self.api.is_none_or(|a| a == api)
            && self.error.as_ref().is_none_or(|e| error.is_some_and(|k| k.name() == *e))
            && self.problem.as_ref().is_none_or(|p| problem == Some(p.as_str()))
    }
}

impl Progress {
    fn hits(&self, step: &Step) -> Vec<Option<Hit>> {
        let n = step.checks().count();
        let mut hits = self.steps.get(&step.id).cloned().unwrap_or_default();
        hits.resize(n, None);
        hits
    }

    /// When the step was done: its last check's exchange.
    pub fn done_at(&self, step: &Step) -> Option<u64> {
        let hits = self.hits(step);
        hits.iter().all(Option::is_some).then(|| hits.iter().flatten().map(|h| h.seq).max().unwrap_or(0))
    }

    pub fn is_done(&self, step: &Step) -> bool {
        self.done_at(step).is_some()
    }

    pub fn done_count(&self, lesson: &Lesson) -> usize {
        lesson.steps.iter().filter(|s| self.is_done(s)).count()
    }

    pub fn complete(&self, lesson: &Lesson) -> bool {
        self.done_count(lesson) == lesson.steps.len()
    }

    /// The exchanges that counted toward the lesson's steps so far (a done
    /// step before the server last started over counts as 0, and is left out).
    pub fn seqs(&self, lesson: &Lesson) -> Vec<u64> {
        lesson.steps.iter().flat_map(|s| self.hits(s)).flatten().map(|h| h.seq).filter(|&seq| seq > 0).collect()
    }

    /// The step the learner works on: in order, the first not done; in any
    /// order, the first not done whose `after` is done.
    pub fn current<'l>(&self, lesson: &'l Lesson) -> Option<&'l Step> {
        lesson.steps.iter().find(|s| !self.is_done(s) && self.may_count(lesson, s).is_some())
    }

    /// Exchanges after which `step` may count, if it may count at all yet.
    fn may_count(&self, lesson: &Lesson, step: &Step) -> Option<u64> {
        let index = lesson.steps.iter().position(|s| s.id == step.id)?;
        let before = match (lesson.order, &step.after) {
            (_, Some(after)) => lesson.steps.iter().find(|s| &s.id == after),
            (Order::InOrder, None) => index.checked_sub(1).and_then(|i| lesson.steps.get(i)),
            (Order::Any, None) => None,
        };
        match before {
            Some(before) => self.done_at(before).map(|at| at.max(self.since)),
            None => Some(self.since),
        }
    }

    /// Matches one exchange against the lesson; returns the steps it finished.
    /// An exchange fills at most one check of a lesson, so "a step after the
    /// previous one" means a later exchange.
    fn observe(&mut self, lesson: &Lesson, exchange: &Exchange) -> Option<String> {
        let facts = Facts::of(exchange);
        for step in &lesson.steps {
            if self.is_done(step) {
                continue;
            }
            let Some(after) = self.may_count(lesson, step) else { continue };
            if exchange.seq <= after {
                continue;
            }
            let mut hits = self.hits(step);
            let filled = step.checks().zip(hits.iter_mut()).find_map(|(check, hit)| {
                let like = check.like.as_ref().and_then(|id| lesson.steps.iter().find(|s| &s.id == id)).and_then(|s| self.last_hit(s));
                (hit.is_none() && check.matches(&facts, like.as_ref())).then(|| *hit = Some(facts.hit()))
            });
            if filled.is_some() {
                let done = hits.iter().all(Option::is_some);
                self.steps.insert(step.id.clone(), hits);
                return done.then(|| step.id.clone());
            }
        }
        None
    }

    fn last_hit(&self, step: &Step) -> Option<Hit> {
        self.hits(step).into_iter().flatten().max_by_key(|h| h.seq)
    }
}

/// Every lesson's progress, by lesson id.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, FromJson)]
#[serde(default)]
pub struct Book {
    pub progress: BTreeMap<String, Progress>,
}

impl Book {
    pub fn of(&self, lesson: &str) -> Progress {
        self.progress.get(lesson).cloned().unwrap_or_default()
    }

    /// Follows one exchange in every lesson (whatever pane or call made it).
    pub fn observe(&mut self, lessons: &[Lesson], exchange: &Exchange) -> Vec<News> {
        let mut news = Vec::new();
        for lesson in lessons {
            let progress = self.progress.entry(lesson.id.clone()).or_default();
            if progress.complete(lesson) {
                continue;
            }
            if let Some(step) = progress.observe(lesson, exchange) {
                let done = progress.done_count(lesson);
                news.push(News::StepDone { lesson: lesson.id.clone(), step, done, total: lesson.steps.len() });
                if done == lesson.steps.len() {
                    news.push(News::LessonComplete { lesson: lesson.id.clone() });
                }
            }
        }
        news
    }

    /// Starts a lesson over: only exchanges after `last_seq` count.
    pub fn reset(&mut self, lesson: &str, last_seq: u64) {
        self.progress.insert(lesson.to_string(), Progress { since: last_seq, steps: BTreeMap::new() });
    }

    /// The server started over (its log counts from 1 again): done steps
    /// stay done, as if done before the new log; half-done ones start over.
    pub fn restart_log(&mut self) {
        for progress in self.progress.values_mut() {
            progress.since = 0;
            progress.steps.retain(|_, hits| hits.iter().all(Option::is_some));
            for hit in progress.steps.values_mut().flatten().flatten() {
                hit.seq = 0;
            }
        }
    }
}
