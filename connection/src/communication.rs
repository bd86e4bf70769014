//! The communication JSON: its sections, each one request or an array of
//! requests, read once; every `{{ }}` in it is parsed up front so syntax
//! errors are reported for sections that never run too.

use academy_iml::Template;
use serde_json::Value as Json;

use crate::diagnostic::{Code, Diagnostic, Severity};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    Preauthorize,
    Authorize,
    Token,
    Info,
    Refresh,
    Invalidate,
}

impl Section {
    pub const ALL: [Section; 6] = [Section::Preauthorize, Section::Authorize, Section::Token, Section::Info, Section::Refresh, Section::Invalidate];

    pub fn name(self) -> &'static str {
        match self {
            Section::Preauthorize => "preauthorize",
            Section::Authorize => "authorize",
            Section::Token => "token",
            Section::Info => "info",
            Section::Refresh => "refresh",
            Section::Invalidate => "invalidate",
        }
    }
}

/// One request of a section and the JSON path it sits at.
#[derive(Clone, Debug, PartialEq)]
pub struct RequestSpec {
    pub path: String,
    pub spec: Json,
}

impl RequestSpec {
    pub fn field(&self, name: &str) -> Option<&Json> {
        self.spec.get(name)
    }

    pub fn response(&self, name: &str) -> Option<&Json> {
        self.spec.get("response").and_then(|r| r.get(name))
    }

    /// `log.sanitize`: paths such as `request.body.client_secret`.
    pub fn sanitize(&self) -> Vec<String> {
        match self.spec.pointer("/log/sanitize") {
            Some(Json::Array(items)) => items.iter().filter_map(|i| i.as_str().map(str::to_string)).collect(),
            _ => Vec::new(),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Communication {
    sections: Vec<(Section, Vec<RequestSpec>)>,
}

impl Communication {
    pub fn requests(&self, section: Section) -> &[RequestSpec] {
        self.sections.iter().find(|(s, _)| *s == section).map(|(_, r)| r.as_slice()).unwrap_or(&[])
    }

    pub fn has(&self, section: Section) -> bool {
        !self.requests(section).is_empty()
    }

    /// Reads the sections, with a diagnostic for each problem found without running.
    pub fn read(json: &Json) -> (Communication, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let Json::Object(fields) = json else {
            diagnostics.push(Diagnostic {
                code: Code::JsonSyntax,
                severity: Severity::Error,
                section: None,
                path: None,
                message: "The communication must be one JSON object with sections such as \"authorize\" and \"token\".".into(),
            });
            return (Communication::default(), diagnostics);
        };
        let mut sections = Vec::new();
        for (key, value) in fields {
            let Some(section) = Section::ALL.into_iter().find(|s| s.name() == key) else {
                diagnostics.push(Diagnostic {
                    code: Code::UnknownSection,
                    severity: Severity::Warning,
                    section: None,
                    path: Some(key.clone()),
                    message: format!("\"{key}\" is not a section of an OAuth2 communication; it is ignored. Sections: preauthorize, authorize, token, info, refresh, invalidate."),
                });
                continue;
            };
            let requests: Vec<RequestSpec> = match value {
                Json::Array(items) => items.iter().enumerate().map(|(i, spec)| RequestSpec { path: format!("{key}[{i}]"), spec: spec.clone() }).collect(),
                spec => vec![RequestSpec { path: key.clone(), spec: spec.clone() }],
            };
            for request in &requests {
                scan(section, &request.spec, &request.path, &mut diagnostics);
            }
            sections.push((section, requests));
        }
        academy_engine::small_sort::sort_by_key(&mut sections, |(s, _)| *s);
        let communication = Communication { sections };
        for needed in [Section::Token] {
            if !communication.has(needed) {
                diagnostics.push(Diagnostic {
                    code: Code::MissingSection,
                    severity: Severity::Error,
                    section: Some(needed.name().into()),
                    path: None,
                    message: format!("Add a \"{}\" section: without it the connection never gets a token.", needed.name()),
                });
            }
        }
        (communication, diagnostics)
    }
}

/// Every string's template read; syntax errors become diagnostics.
fn scan(section: Section, json: &Json, path: &str, diagnostics: &mut Vec<Diagnostic>) {
    match json {
        Json::String(text) => {
            if let Err(error) = Template::parse(text) {
                diagnostics.push(crate::runner::iml_diagnostic(section, path, text, &error));
            }
        }
        Json::Array(items) => items.iter().enumerate().for_each(|(i, v)| scan(section, v, &format!("{path}[{i}]"), diagnostics)),
        Json::Object(fields) => fields.iter().for_each(|(k, v)| scan(section, v, &format!("{path}.{k}"), diagnostics)),
        _ => {}
    }
}
