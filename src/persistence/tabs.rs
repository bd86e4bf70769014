//! The rules that keep tabs, releases and deployments from overwriting each
//! other's saves. Plain functions of text and numbers, tested natively; the
//! parent module applies them to localStorage.
//!
//! Every save carries a revision, one above the newest the writing tab has
//! seen. Before writing, a tab reads the key again: only the save it wrote or
//! took last may be written over. Anything else was saved since (by another
//! tab, an older release, or a tab back from the back/forward cache) and is
//! taken instead; what this page cannot read is copied to a recovery key first.

/// Where every save of this playground starts.
const KEY_PREFIX: &str = "academy-oauth2-playground";

/// The key the releases before path-derived keys used without `ns=`; a
/// deployment whose own key is empty takes it over once.
pub fn legacy_key() -> String {
    format!("{KEY_PREFIX}:default")
}

/// The storage key of a playground: `ns=` names it explicitly (and is shared
/// by every deployment on the origin); otherwise the deployment's own path
/// does, so two deployments on one origin (or two copies on disk) keep apart.
pub fn key_for(namespace: Option<&str>, pathname: &str) -> String {
    match namespace {
        Some(ns) => format!("{KEY_PREFIX}:{ns}"),
        None => format!("{KEY_PREFIX}@{}", deployment_path(pathname)),
    }
}

/// The page's path without `index.html`, so `/play/` and `/play/index.html`
/// are one deployment. A file of another name (the one-file build, and its
/// "(1)" copy in the same download folder) is its own deployment.
pub fn deployment_path(pathname: &str) -> &str {
    let path = pathname.strip_suffix("index.html").unwrap_or(pathname);
    if path.is_empty() {
        "/"
    } else {
        path
    }
}

/// What a tab finds under its key when it is about to write or catches up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// Nothing, or exactly the save this tab wrote or took last: its own
    /// state may be written.
    Ours,
    /// A readable save made since this tab last looked: take it, do not
    /// write over it.
    Newer { revision: u64 },
    /// A save made since that this page cannot read (a newer release, say):
    /// copy it to a recovery key before anything is written over it.
    Unreadable { reason: String },
}

/// Judges the stored text against the text this tab last wrote or took
/// (`seen`). `readable` decodes it, saying why not.
///
/// A changed save with a higher revision is newer. So is a changed save with
/// a revision no higher (written by a release before revisions, at the same
/// moment by another tab, or after the storage was cleared): it was written
/// after this tab last looked, so it is the learner's latest progress.
pub fn judge(stored: Option<&str>, seen: &str, readable: impl FnOnce(&str) -> Result<(), String>) -> Found {
    let Some(stored) = stored else { return Found::Ours };
    if stored == seen {
        return Found::Ours;
    }
    match readable(stored) {
        Ok(()) => Found::Newer { revision: revision_of(stored).unwrap_or(0) },
        Err(reason) => Found::Unreadable { reason },
    }
}

/// The revision a tab at `known` counts from after taking a save at
/// `revision`: never lower than anything it has seen, so its next save
/// outranks both.
pub fn after_taking(known: u64, revision: u64) -> u64 {
    known.max(revision)
}

/// The revision the next save of a tab at `known` carries.
pub fn next_revision(known: u64) -> u64 {
    known.saturating_add(1)
}

/// The saved text from its revision and its body (`{"engine":…,"clock":…,"flow":…}`).
/// The stamp comes first, so a save's revision is read without its body.
pub fn stamped(schema: u32, revision: u64, body: &str) -> String {
    fields_first(&format!("\"schema\":{schema},\"revision\":{revision}"), body)
}

/// A JSON object's text with `fields` (`"a":1,"b":2`) put in front of its
/// own, without reading it again: saves and files lead with what says how
/// to read the rest.
pub fn fields_first(fields: &str, body: &str) -> String {
    let rest = body.strip_prefix('{').unwrap_or("}");
    let sep = if rest.starts_with('}') { "" } else { "," };
    format!("{{{fields}{sep}{rest}")
}

/// The stamp `{"schema":N,"revision":R,` at the start of a save, split off:
/// `(schema, revision, body)`. `None` for text not written this way (an
/// earlier release's save, say).
pub fn unstamped(text: &str) -> Option<(u32, Option<u64>, String)> {
    let (schema, rest) = number_then(text.strip_prefix("{\"schema\":")?)?;
    let schema = u32::try_from(schema).ok()?;
    let (revision, rest) = match rest.strip_prefix("\"revision\":") {
        Some(r) => {
            let (revision, rest) = number_then(r)?;
            (Some(revision), rest)
        }
        None => (None, rest),
    };
    Some((schema, revision, format!("{{{rest}")))
}

/// A number, then the rest after its `,` (or from its closing `}`).
fn number_then(text: &str) -> Option<(u64, &str)> {
    let digits = text.find(|c: char| !c.is_ascii_digit())?;
    let number = text[..digits].parse().ok()?;
    let rest = &text[digits..];
    let rest = rest.strip_prefix(',').or_else(|| rest.starts_with('}').then_some(rest))?;
    Some((number, rest))
}

/// The revision a save carries, if it carries one where this release writes it.
pub fn revision_of(text: &str) -> Option<u64> {
    unstamped(text).and_then(|(_, revision, _)| revision)
}

/// Of the recovery keys (which end in the time of the copy), which to remove
/// so that the newest `max` stay.
pub fn recoveries_to_drop(mut keys: Vec<String>, max: usize) -> Vec<String> {
    oldest_first(&mut keys);
    let extra = keys.len().saturating_sub(max);
    keys.truncate(extra);
    keys
}

/// Sorts recovery keys by the time of their copy.
pub fn oldest_first(keys: &mut [String]) {
    academy_engine::small_sort::sort_by(keys, |a, b| recovery_order(a).cmp(&recovery_order(b)));
}

/// A recovery key's age: the time (and counter) after the last `:unreadable:`.
fn recovery_order(key: &str) -> (u64, u64, &str) {
    let tail = key.rsplit(':').next().unwrap_or("");
    let (time, n) = tail.split_once('-').unwrap_or((tail, "0"));
    (time.parse().unwrap_or(0), n.parse().unwrap_or(0), key)
}

/// A new recovery key for a copy made at `now`, not one of `taken`.
pub fn recovery_key(prefix: &str, now: i64, taken: impl Fn(&str) -> bool) -> String {
    let now = now.max(0);
    let first = format!("{prefix}{now}");
    if !taken(&first) {
        return first;
    }
    (1..1000u32).map(|n| format!("{prefix}{now}-{n}")).find(|k| !taken(k)).unwrap_or(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_come_from_the_namespace_or_the_deployment_path() {
        assert_eq!(key_for(Some("lesson-3"), "/courses/x/"), "academy-oauth2-playground:lesson-3");
        assert_eq!(key_for(Some("default"), "/x/"), legacy_key(), "ns=default is the old shared key, on purpose");
        assert_eq!(key_for(None, "/"), "academy-oauth2-playground@/");
        assert_eq!(key_for(None, "/index.html"), "academy-oauth2-playground@/");
        assert_eq!(key_for(None, "/courses/oauth/"), key_for(None, "/courses/oauth/index.html"));
        assert_ne!(key_for(None, "/v1/"), key_for(None, "/v2/"));
        assert_ne!(key_for(None, "/"), legacy_key(), "a root deployment no longer shares with others");
        // Two copies of the one-file build in one folder keep apart.
        assert_ne!(
            key_for(None, "/home/a/Downloads/academy-oauth2-playground.html"),
            key_for(None, "/home/a/Downloads/academy-oauth2-playground%20(1).html")
        );
        assert_eq!(deployment_path(""), "/");
    }

    #[test]
    fn the_stamp_comes_first_and_comes_off_again() {
        let body = r#"{"engine":{"a":1},"clock":{},"flow":{}}"#;
        let text = stamped(2, 7, body);
        assert_eq!(text, r#"{"schema":2,"revision":7,"engine":{"a":1},"clock":{},"flow":{}}"#);
        assert_eq!(unstamped(&text), Some((2, Some(7), body.to_string())));
        assert_eq!(revision_of(&text), Some(7));
        let earlier = r#"{"schema":2,"engine":{"a":1},"clock":{},"flow":{}}"#;
        assert_eq!(unstamped(earlier), Some((2, None, body.to_string())), "an earlier release's save has no revision");
        assert_eq!(revision_of(earlier), None);
        for odd in ["", "{", "not json", r#"{"schema":"2"}"#, r#"{"schema":2}"#, r#"{"schema":2,"revision":x,"#, "{\"schema\":99999999999999999999,"] {
            assert_eq!(revision_of(odd), None, "{odd}");
        }
        assert_eq!(stamped(2, 1, "{}"), r#"{"schema":2,"revision":1}"#);
        assert_eq!(stamped(2, 1, ""), r#"{"schema":2,"revision":1}"#);
    }

    #[test]
    fn only_the_save_a_tab_last_saw_is_written_over() {
        let ok = |_: &str| Ok(());
        let mine = stamped(2, 5, "{}");
        assert_eq!(judge(None, &mine, ok), Found::Ours, "nothing to protect");
        assert_eq!(judge(Some(&mine), &mine, ok), Found::Ours);
        // Another tab saved revision 6: take it.
        let theirs = stamped(2, 6, r#"{"x":1}"#);
        assert_eq!(judge(Some(&theirs), &mine, ok), Found::Newer { revision: 6 });
        // A release before revisions saved after this tab looked: its save is the latest.
        assert_eq!(judge(Some(r#"{"schema":2,"engine":{}}"#), &mine, ok), Found::Newer { revision: 0 });
        assert_eq!(after_taking(5, 0), 5, "the next save still outranks revision 5");
        // Two tabs wrote revision 6 at once: both end on the one stored.
        let race = stamped(2, 6, r#"{"y":1}"#);
        assert_eq!(judge(Some(&race), &theirs, ok), Found::Newer { revision: 6 });
        // Storage cleared, then another tab started over at 1.
        assert_eq!(judge(Some(&stamped(2, 1, "{}")), &mine, ok), Found::Newer { revision: 1 });
        assert_eq!(next_revision(after_taking(5, 1)), 6);
        assert_eq!(after_taking(5, 9), 9);
    }

    #[test]
    fn a_save_this_page_cannot_read_is_kept_before_anything_is_written() {
        let mine = stamped(2, 5, "{}");
        let found = judge(Some(r#"{"schema":3}"#), &mine, |_| Err("another version".into()));
        assert_eq!(found, Found::Unreadable { reason: "another version".into() });
        // Once copied, the tab treats it as seen, so it is copied once.
        assert_eq!(judge(Some(r#"{"schema":3}"#), r#"{"schema":3}"#, |_| Err("x".into())), Found::Ours);
    }

    #[test]
    fn revisions_only_go_up() {
        assert_eq!(next_revision(0), 1);
        assert_eq!(next_revision(41), 42);
        assert_eq!(next_revision(u64::MAX), u64::MAX);
        let max = stamped(2, u64::MAX, "{}");
        assert_eq!(judge(Some(&max), "", |_| Ok(())), Found::Newer { revision: u64::MAX });
    }

    #[test]
    fn the_newest_recoveries_stay() {
        let prefix = "k:unreadable:";
        let keys: Vec<String> = ["1700000000005", "1700000000001", "1700000000003-1", "1700000000003", "999", "x"]
            .iter()
            .map(|t| format!("{prefix}{t}"))
            .collect();
        let dropped = recoveries_to_drop(keys, 3);
        let dropped: Vec<&str> = dropped.iter().map(|k| k.trim_start_matches(prefix)).collect();
        assert_eq!(dropped, ["x", "999", "1700000000001"]);
        assert!(recoveries_to_drop(vec!["a".into()], 3).is_empty());
        assert_eq!(recoveries_to_drop(vec!["a".into()], 0), ["a"]);
    }

    #[test]
    fn recovery_keys_do_not_collide() {
        assert_eq!(recovery_key("p:", 5, |_| false), "p:5");
        assert_eq!(recovery_key("p:", 5, |k| k == "p:5"), "p:5-1");
        assert_eq!(recovery_key("p:", 5, |k| k == "p:5" || k == "p:5-1"), "p:5-2");
        assert_eq!(recovery_key("p:", -3, |_| false), "p:0");
    }
}
