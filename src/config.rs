//! How this page is set up, from its URL parameters: which panes show, the
//! compact embed mode, the theme, the preselected account, the lifetimes,
//! the storage namespace and the embedding page's origin; and what a share
//! link carries beyond them (`shared=1`, the lesson's step, the clock, the
//! composer's request: see `share.rs`). Unknown or invalid parameters are
//! ignored and listed in `notes`, so a typo in a course page shows a note
//! instead of a broken page.

use academy_json::FromJson;
use serde::Serialize;

use academy_engine::settings::LIFETIME_MINUTES;
use academy_engine::{http::parse_form, Account, Settings};

/// The panes, in screen order: the four shown by default, then the Make
/// connection (opened from the top bar or by `panes=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, FromJson)]
pub enum Pane {
    App,
    Browser,
    Server,
    Traffic,
    Make,
}

impl Pane {
    /// The default layout.
    pub const ALL: [Pane; 4] = [Pane::App, Pane::Browser, Pane::Server, Pane::Traffic];
    /// Every pane `panes=` can name.
    pub const NAMED: [Pane; 5] = [Pane::App, Pane::Browser, Pane::Server, Pane::Traffic, Pane::Make];

    pub fn id(self) -> &'static str {
        match self {
            Pane::App => "pane-app",
            Pane::Browser => "pane-browser",
            Pane::Server => "pane-server",
            Pane::Traffic => "pane-traffic",
            Pane::Make => "pane-make",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Pane::App => "Your app",
            Pane::Browser => "Browser",
            Pane::Server => "Academy server",
            Pane::Traffic => "HTTP traffic",
            Pane::Make => "Make connection",
        }
    }

    /// The pane's name in the narrow layout's jump links.
    pub fn short(self) -> &'static str {
        match self {
            Pane::App => "Your app",
            Pane::Browser => "Browser",
            Pane::Server => "Server",
            Pane::Traffic => "Traffic",
            Pane::Make => "Make",
        }
    }

    /// The name used in the `panes=` parameter.
    pub fn param(self) -> &'static str {
        match self {
            Pane::App => "client",
            Pane::Browser => "browser",
            Pane::Server => "server",
            Pane::Traffic => "traffic",
            Pane::Make => "make",
        }
    }

    fn from_param(name: &str) -> Option<Pane> {
        Pane::NAMED.into_iter().find(|p| p.param() == name)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follows the system setting.
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    /// Its `theme=` value and `data-theme` name (none for Auto).
    pub fn name(self) -> Option<&'static str> {
        match self {
            Theme::Auto => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }
}

/// What a share link carries beyond the settings; applied once at boot.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Shared {
    /// `shared=1`: the page was opened from a share link (the page says what it carried).
    pub link: bool,
    /// `step=`: the open lesson's step where the sender was.
    pub step: Option<String>,
    /// `clock=`: how far the clock was ahead of real time (given in minutes).
    pub clock_offset_ms: Option<i64>,
    /// `paused=1`: the clock stood still.
    pub clock_paused: bool,
    /// `api_method=`, `api_path=`, `api_body=`, `api_auth=`: the composer's request.
    pub api_method: Option<String>,
    pub api_path: Option<String>,
    pub api_body: Option<String>,
    pub api_auth: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Separates saved playgrounds (one per course page, say).
    pub namespace: String,
    /// `ns=` was given: it names the storage key (else the deployment's path does).
    pub explicit_namespace: bool,
    pub panes: Vec<Pane>,
    /// Compact, chrome-less mode for iframes.
    pub embed: bool,
    pub theme: Theme,
    /// Preselected on the consent screen.
    pub account: Option<Account>,
    /// Lifetimes asked for by the page; `None` keeps the server's defaults.
    pub settings: Option<Settings>,
    /// The only origin whose commands are accepted, and where events go.
    pub parent: Option<String>,
    /// `parent=*`: events go to any framing page (commands still need `parent`).
    pub broadcast: bool,
    /// `lesson=`: the lesson the view opens on.
    pub lesson: Option<String>,
    /// `pack=`: a course author's lesson pack to load (http, https or relative).
    pub pack: Option<String>,
    /// What a share link carries beyond the settings.
    pub shared: Shared,
    /// What was ignored, in words for the page.
    pub notes: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            namespace: "default".into(),
            explicit_namespace: false,
            panes: Pane::ALL.to_vec(),
            embed: false,
            theme: Theme::Auto,
            account: None,
            settings: None,
            parent: None,
            broadcast: false,
            lesson: None,
            pack: None,
            shared: Shared::default(),
            notes: Vec::new(),
        }
    }
}

const MAX_NAMESPACE: usize = 40;
/// Notes the page shows about ignored parameters, at most (then a count).
const MAX_NOTES: usize = 10;
/// How much of a parameter the notes quote back.
const QUOTED_CHARS: usize = 24;

/// A parameter's name or value as a note quotes it: cut short, since it is
/// whatever the URL held.
fn short(text: &str) -> String {
    academy_engine::http::shorten(text, QUOTED_CHARS)
}

impl Config {
    /// The configuration for this page load.
    pub fn from_page() -> Self {
        let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
        Config::from_query(&search)
    }

    /// Reads `?panes=…&embed=1&…`; the first of a repeated parameter counts.
    pub fn from_query(query: &str) -> Self {
        let mut config = Config::default();
        let mut seen: Vec<String> = Vec::new();
        let mut settings = Settings::default();
        let mut lifetimes_set = false;
        for (name, value) in parse_form(query.trim_start_matches('?')) {
            if seen.contains(&name) {
                config.notes.push(format!("The parameter {} is given twice; the first one counts.", short(&name)));
                continue;
            }
            seen.push(name.clone());
            if name == "api_body" {
                match value.chars().count() {
                    n if n <= MAX_SHARED_BODY => config.shared.api_body = Some(value),
                    _ => config.notes.push(format!("The parameter api_body was ignored: it is longer than {MAX_SHARED_BODY} characters.")),
                }
                continue;
            }
            let value = value.trim();
            let ignored = |why: &str| format!("The parameter {}={} was ignored: {why}", short(&name), short(value));
            match name.as_str() {
                "panes" => match parse_panes(value) {
                    Ok(panes) => config.panes = panes,
                    Err(why) => config.notes.push(ignored(&why)),
                },
                "embed" => match value {
                    "1" | "true" | "" => config.embed = true,
                    "0" | "false" => config.embed = false,
                    _ => config.notes.push(ignored("use embed=1.")),
                },
                "theme" => match value {
                    "auto" => config.theme = Theme::Auto,
                    "light" => config.theme = Theme::Light,
                    "dark" => config.theme = Theme::Dark,
                    _ => config.notes.push(ignored("use light, dark or auto.")),
                },
                "account" => match Account::from_slug(value) {
                    Some(account) => config.account = Some(account),
                    None => config.notes.push(ignored("use john or jane.")),
                },
                "expires_in" | "refresh_expires_in" | "code_expires_in" => match parse_minutes(value) {
                    Ok(minutes) => {
                        lifetimes_set = true;
                        match name.as_str() {
                            "expires_in" => settings.access_minutes = minutes,
                            "refresh_expires_in" => settings.refresh_minutes = minutes,
                            _ => settings.code_minutes = minutes,
                        }
                    }
                    Err(why) => config.notes.push(ignored(&why)),
                },
                "ns" => match parse_namespace(value) {
                    Ok(ns) => {
                        config.namespace = ns;
                        config.explicit_namespace = true;
                    }
                    Err(why) => config.notes.push(ignored(&why)),
                },
                "lesson" => match parse_namespace(value) {
                    Ok(id) => config.lesson = Some(id),
                    Err(why) => config.notes.push(ignored(&why)),
                },
                "pack" => match parse_pack_url(value) {
                    Ok(url) => config.pack = Some(url),
                    Err(why) => config.notes.push(ignored(&why)),
                },
                "shared" => match value {
                    "1" | "true" | "" => config.shared.link = true,
                    _ => config.notes.push(ignored("use shared=1.")),
                },
                "step" => match parse_namespace(value) {
                    Ok(id) => config.shared.step = Some(id),
                    Err(why) => config.notes.push(ignored(&why)),
                },
                "clock" => match parse_clock(value) {
                    Ok(ms) => config.shared.clock_offset_ms = Some(ms),
                    Err(why) => config.notes.push(ignored(&why)),
                },
                "paused" => match value {
                    "1" | "true" | "" => config.shared.clock_paused = true,
                    _ => config.notes.push(ignored("use paused=1.")),
                },
                "api_method" => match crate::flow::api::METHODS.iter().find(|m| m.eq_ignore_ascii_case(value)) {
                    Some(m) => config.shared.api_method = Some((*m).to_string()),
                    None => config.notes.push(ignored("use GET, POST, PUT, PATCH or DELETE.")),
                },
                "api_path" => match parse_api_path(value) {
                    Ok(path) => config.shared.api_path = Some(path),
                    Err(why) => config.notes.push(ignored(&why)),
                },
                "api_auth" => match parse_line(value, MAX_SHARED_LINE) {
                    Ok(auth) => config.shared.api_auth = Some(auth),
                    Err(why) => config.notes.push(ignored(&why)),
                },
                "parent" if value == "*" => config.broadcast = true,
                "parent" => match parse_origin(value) {
                    Ok(origin) => config.parent = Some(origin),
                    Err(why) => config.notes.push(ignored(&why)),
                },
                _ => config.notes.push(format!("The parameter {} is not one this playground knows, so it was ignored.", short(&name))),
            }
        }
        if lifetimes_set {
            config.settings = Some(settings);
        }
        if config.notes.len() > MAX_NOTES {
            let more = config.notes.len() - MAX_NOTES;
            config.notes.truncate(MAX_NOTES);
            config.notes.push(format!("{more} more parameters were ignored."));
        }
        config
    }
}

fn parse_panes(value: &str) -> Result<Vec<Pane>, String> {
    let mut panes = Vec::new();
    for name in value.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let pane = Pane::from_param(name).ok_or_else(|| format!("{} is not a pane (client, browser, server, traffic, make).", short(name)))?;
        if !panes.contains(&pane) {
            panes.push(pane);
        }
    }
    if panes.is_empty() {
        return Err("name at least one of client, browser, server, traffic, make.".into());
    }
    Ok(panes)
}

fn parse_minutes(value: &str) -> Result<u32, String> {
    match value.parse::<u32>() {
        Ok(m) if LIFETIME_MINUTES.contains(&m) => Ok(m),
        _ => Err(format!("give whole minutes from {} to {}.", LIFETIME_MINUTES.start(), LIFETIME_MINUTES.end())),
    }
}

fn parse_namespace(value: &str) -> Result<String, String> {
    let ok = !value.is_empty()
        && value.len() <= MAX_NAMESPACE
        && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(value.to_string())
    } else {
        Err(format!("use up to {MAX_NAMESPACE} letters, digits, - or _."))
    }
}

const MAX_PACK_URL: usize = 2_000;
/// The longest composer path or authorization header a link may set.
const MAX_SHARED_LINE: usize = 2_000;
/// The longest composer body a link may set, in characters.
pub const MAX_SHARED_BODY: usize = 8_000;
/// The furthest `clock=` may put the clock ahead: a year, in minutes.
const MAX_CLOCK_MINUTES: i64 = 525_600;

/// `clock=65` or `clock=65.5` (minutes ahead of real time, to the
/// millisecond at most) in ms. Read without floating point.
fn parse_clock(value: &str) -> Result<i64, String> {
    let why = || format!("give the minutes ahead of real time, from 0 to {MAX_CLOCK_MINUTES}.");
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    let digits = |s: &str, max: usize| s.len() <= max && s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole, 6) || !digits(fraction, 5) {
        return Err(why());
    }
    let minutes: i64 = whole.parse().map_err(|_| why())?;
    // Up to 5 decimals of a minute: hundred-thousandths, 0.6 ms each.
    let scaled: i64 = format!("{fraction:0<5}").parse().map_err(|_| why())?;
    let ms = minutes * 60_000 + (scaled * 60_000 + 50_000) / 100_000;
    if ms > MAX_CLOCK_MINUTES * 60_000 {
        return Err(why());
    }
    Ok(ms)
}

/// One line of text (no control characters), up to `max` characters.
fn parse_line(value: &str, max: usize) -> Result<String, String> {
    if value.chars().count() <= max && !value.chars().any(char::is_control) {
        Ok(value.to_string())
    } else {
        Err(format!("give one line of up to {max} characters."))
    }
}

/// The composer's path: `/movies?page=2`, or the API's absolute URL.
fn parse_api_path(value: &str) -> Result<String, String> {
    let path = parse_line(value, MAX_SHARED_LINE)?;
    if path.starts_with('/') || path.starts_with("https://") {
        Ok(path)
    } else {
        Err("give a path such as /movies.".into())
    }
}

/// A pack's address: http(s), or relative to this page (no other scheme).
fn parse_pack_url(value: &str) -> Result<String, String> {
    let scheme = value.split_once(':').map(|(s, _)| s.to_ascii_lowercase()).filter(|s| !s.contains('/'));
    let ok = !value.is_empty()
        && value.len() <= MAX_PACK_URL
        && !value.chars().any(char::is_control)
        && scheme.as_deref().is_none_or(|s| s == "http" || s == "https");
    if ok {
        Ok(value.to_string())
    } else {
        Err("give the pack's address: https://…, or a path on this site.".into())
    }
}

/// `https://course.example.org` (scheme, host, optional port; no path).
fn parse_origin(value: &str) -> Result<String, String> {
    let why = || "give an origin such as https://course.example.org (no path).".to_string();
    let (scheme, rest) = value.split_once("://").ok_or_else(why)?;
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    let host_ok = !rest.is_empty()
        && rest.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    // The browser writes an origin without its scheme's default port.
    let default_port = if scheme == "https" { ":443" } else { ":80" };
    let rest = rest.strip_suffix(default_port).unwrap_or(rest);
    if matches!(scheme, "http" | "https") && host_ok {
        Ok(format!("{scheme}://{}", rest.to_ascii_lowercase()))
    } else {
        Err(why())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_quote_parameters_short_and_stop_after_a_few() {
        let long = "x".repeat(300);
        let config = Config::from_query(&format!("{long}=1&panes={long}"));
        assert!(config.notes.iter().all(|n| n.chars().count() < 160), "{:?}", config.notes);
        assert!(!config.notes.iter().any(|n| n.contains(&long)));
        let many: Vec<String> = (0..20).map(|i| format!("p{i}=1")).collect();
        let config = Config::from_query(&many.join("&"));
        assert_eq!(config.notes.len(), MAX_NOTES + 1);
        assert_eq!(config.notes.last().map(String::as_str), Some("10 more parameters were ignored."));
    }

    #[test]
    fn the_make_connection_pane_is_named_but_not_shown_by_default() {
        assert!(!Config::default().panes.contains(&Pane::Make));
        assert_eq!(Config::from_query("panes=make,browser,server,traffic").panes, vec![Pane::Make, Pane::Browser, Pane::Server, Pane::Traffic]);
        assert_eq!(Config::from_query("panes=client,make,browser,traffic").panes[1], Pane::Make);
    }

    #[test]
    fn no_parameters_is_the_full_playground() {
        let config = Config::from_query("");
        assert_eq!(config, Config::default());
        assert_eq!(config.panes, Pane::ALL.to_vec());
        assert!(config.notes.is_empty());
    }

    #[test]
    fn every_parameter_is_read() {
        let config = Config::from_query(
            "?panes=browser,client&embed=1&theme=dark&account=jane&expires_in=2&refresh_expires_in=30&code_expires_in=1&ns=lesson-3&parent=https://Course.Example.org/",
        );
        assert_eq!(config.panes, vec![Pane::Browser, Pane::App]);
        assert!(config.embed);
        assert_eq!(config.theme, Theme::Dark);
        assert_eq!(config.account, Some(Account::Jane));
        assert_eq!(config.settings, Some(Settings { access_minutes: 2, refresh_minutes: 30, code_minutes: 1 }));
        assert_eq!(config.namespace, "lesson-3");
        assert!(config.explicit_namespace);
        assert_eq!(config.parent.as_deref(), Some("https://course.example.org"));
        assert!(!config.broadcast);
        assert_eq!(Config::from_query("parent=https://course.example.org:443").parent.as_deref(), Some("https://course.example.org"));
        assert_eq!(Config::from_query("parent=http://127.0.0.1:80/").parent.as_deref(), Some("http://127.0.0.1"));
        assert_eq!(Config::from_query("parent=http://127.0.0.1:8125").parent.as_deref(), Some("http://127.0.0.1:8125"));
        let any = Config::from_query("parent=*");
        assert!(any.broadcast && any.parent.is_none() && any.notes.is_empty());
        assert!(config.notes.is_empty(), "{:?}", config.notes);
    }

    #[test]
    fn a_lesson_and_a_pack_by_url() {
        let config = Config::from_query("lesson=scopes&pack=https%3A%2F%2Fcourse.example.org%2Fpack.json");
        assert_eq!(config.lesson.as_deref(), Some("scopes"));
        assert_eq!(config.pack.as_deref(), Some("https://course.example.org/pack.json"));
        assert_eq!(Config::from_query("pack=packs/one.json").pack.as_deref(), Some("packs/one.json"));
        for bad in ["javascript:alert(1)", "data:application/json,{}", "file:///etc/passwd", ""] {
            let config = Config::from_query(&format!("pack={}", academy_engine::http::percent_encode(bad)));
            assert_eq!(config.pack, None, "{bad}");
            assert_eq!(config.notes.len(), 1);
        }
        assert_eq!(Config::from_query("lesson=../x").lesson, None);
    }

    #[test]
    fn one_lifetime_keeps_the_other_defaults() {
        let config = Config::from_query("expires_in=1");
        assert_eq!(config.settings, Some(Settings { access_minutes: 1, ..Settings::default() }));
    }

    #[test]
    fn unknown_and_invalid_parameters_are_ignored_with_a_note() {
        let config = Config::from_query(
            "panes=client,editor&embed=yes&theme=blue&account=bob&expires_in=0&refresh_expires_in=99999&ns=../x&parent=javascript:alert(1)&colour=red&ns=b",
        );
        let defaults = Config::default();
        assert_eq!(config.panes, defaults.panes);
        assert_eq!((config.embed, config.theme, config.account), (false, Theme::Auto, None));
        assert_eq!(config.settings, None);
        assert_eq!(config.namespace, "default");
        assert!(!config.explicit_namespace, "an invalid ns= leaves the deployment's own key");
        assert_eq!(config.parent, None);
        assert_eq!(config.notes.len(), 10, "{:#?}", config.notes);
        assert!(config.notes.iter().any(|n| n.contains("editor is not a pane")));
        assert!(config.notes.iter().any(|n| n.contains("colour is not one this playground knows")));
        assert!(config.notes.iter().any(|n| n.contains("ns is given twice")));
    }

    #[test]
    fn odd_bytes_never_panic() {
        for query in ["%", "%ff%fe=%00", "panes=,,,", "ns=" , "===", "parent=https://", "parent=https://a/b", "expires_in=-1", "é=ü"] {
            let config = Config::from_query(query);
            assert!(!config.panes.is_empty());
            assert!(!config.namespace.is_empty());
        }
    }
}
