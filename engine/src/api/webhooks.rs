//! `/webhooks`: one hook per account, where Make would hear about changes.

use serde::Serialize;
use serde_json::Value;

use super::{
    body::{parse_json_object, unknown_field},
    error::{Expected, Method, ResourceError},
    reply, timestamp, ApiCall,
};
use crate::{entropy, Entropy, Millis, Response};

const ITEMS: [&str; 3] = ["create", "update", "delete"];
const MAX_URL: usize = 2048;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Webhook {
    pub id: String,
    pub url: String,
    /// A subset of `create`, `update`, `delete`, in that order.
    pub watched_items: Vec<String>,
    pub created_at: Millis,
}

impl Webhook {
    fn view(&self) -> WebhookView<'_> {
        WebhookView { id: &self.id, url: &self.url, watched_items: &self.watched_items, created_at: timestamp::format(self.created_at) }
    }

    /// `create, update`, as `/about` shows it.
    pub fn watched_list(&self) -> String {
        self.watched_items.join(", ")
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WebhookView<'a> {
    id: &'a str,
    url: &'a str,
    watched_items: &'a [String],
    created_at: String,
}

/// `/webhooks`.
pub fn collection(slot: &mut Option<Webhook>, call: &ApiCall, entropy: &mut dyn Entropy) -> Result<Response, ResourceError> {
    Method::among(call.method, &[Method::Post])?;
    if slot.is_some() {
        return Err(ResourceError::WebhookExists);
    }
    let body = parse_json_object(call)?;
    unknown_field(&body, None, &["url", "watchedItems"])?;
    let (url, watched_items) = (url(body.get("url"))?, watched(body.get("watchedItems"))?);
    let hook = Webhook { id: entropy::hex(entropy, 6), url, watched_items, created_at: call.now };
    let response = reply::ok(&hook.view());
    *slot = Some(hook);
    Ok(response)
}

/// `/webhooks/{id}`.
pub fn item(slot: &mut Option<Webhook>, id: &str, call: &ApiCall) -> Result<Response, ResourceError> {
    Method::among(call.method, &[Method::Delete])?;
    match slot {
        Some(hook) if hook.id == id => {
            *slot = None;
            Ok(reply::no_content())
        }
        _ => Err(ResourceError::WebhookNotFound),
    }
}

fn url(value: Option<&Value>) -> Result<String, ResourceError> {
    let bad = || ResourceError::InvalidField { field: "url".into(), expected: Expected::WebhookUrl };
    let text = match value {
        None | Some(Value::Null) => return Err(ResourceError::MissingField { field: "url".into() }),
        Some(v) => v.as_str().ok_or_else(bad)?,
    };
    if text.len() > MAX_URL {
        return Err(ResourceError::TooLong { field: "url".into(), max_chars: MAX_URL });
    }
    let lower = text.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")).ok_or_else(bad)?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if host.is_empty() || text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad());
    }
    Ok(text.to_string())
}

/// An array of item kinds, or the comma-separated form `/about` shows.
fn watched(value: Option<&Value>) -> Result<Vec<String>, ResourceError> {
    let bad = || ResourceError::InvalidField { field: "watchedItems".into(), expected: Expected::WatchedItems };
    let names: Vec<String> = match value {
        None | Some(Value::Null) => return Ok(ITEMS.iter().map(|s| s.to_string()).collect()),
        Some(Value::String(s)) => s.split(',').map(|p| p.trim().to_string()).collect(),
        Some(Value::Array(items)) => items.iter().map(|v| v.as_str().map(str::to_string).ok_or_else(bad)).collect::<Result<_, _>>()?,
        Some(_) => return Err(bad()),
    };
    if names.is_empty() || names.iter().any(|n| !ITEMS.contains(&n.as_str())) {
        return Err(bad());
    }
    Ok(ITEMS.iter().filter(|item| names.iter().any(|n| n == *item)).map(|s| s.to_string()).collect())
}
