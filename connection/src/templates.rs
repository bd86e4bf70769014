//! Connections to start from: the right one, and exercises broken on
//! purpose, each with the diagnostic its fix starts from.

use crate::diagnostic::Code;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Template {
    pub id: &'static str,
    pub title: &'static str,
    /// The text to paste (JSON with comments).
    pub text: &'static str,
    /// The diagnostics a run shows, the exercise's lead (empty for the right one).
    pub leads_to: &'static [Code],
}

pub const TEMPLATES: &[Template] = &[
    Template { id: "academy-v2", title: "Academy v2, done right", text: include_str!("../templates/academy-v2.jsonc"), leads_to: &[] },
    Template {
        id: "seconds",
        title: "Exercise: minutes, not seconds",
        text: include_str!("../templates/seconds.jsonc"),
        leads_to: &[Code::ExpiresInSeconds, Code::ConnectionExpiresInSeconds],
    },
    Template { id: "hyphen", title: "Exercise: expires-in from the prose", text: include_str!("../templates/hyphen.jsonc"), leads_to: &[Code::HyphenPath] },
    Template {
        id: "rotation",
        title: "Exercise: the rotated refresh token",
        text: include_str!("../templates/rotation.jsonc"),
        leads_to: &[Code::RefreshTokenNotStored],
    },
    Template {
        id: "legacy-redirect",
        title: "Exercise: the legacy redirect URI",
        text: include_str!("../templates/legacy-redirect.jsonc"),
        leads_to: &[Code::RedirectUriMismatch, Code::HttpError],
    },
    Template {
        id: "no-connect",
        title: "Exercise: the connect scope",
        text: include_str!("../templates/no-connect.jsonc"),
        leads_to: &[Code::MissingConnectScope, Code::HttpError],
    },
    Template {
        id: "refresh-always",
        title: "Exercise: refresh on every call",
        text: include_str!("../templates/refresh-always.jsonc"),
        leads_to: &[Code::RefreshAlways],
    },
    Template {
        id: "scenario-syntax",
        title: "Exercise: scenario syntax in app JSON",
        text: include_str!("../templates/scenario-syntax.jsonc"),
        leads_to: &[Code::SemicolonArgs],
    },
];

pub fn template(id: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.id == id)
}
