//! `GET /about`: the connected account's profile, as an array of one object
//! (the shape of the v1 docs' example).

use serde::Serialize;

use super::{
    error::{Method, ResourceError},
    reply, AccountData, ApiCall,
};
use crate::{Account, Response};

fn email(account: Account) -> &'static str {
    match account {
        Account::John => "john.doe@example.com",
        Account::Jane => "jane.black@example.com",
    }
}

#[derive(Serialize)]
struct Profile<'a> {
    id: &'a str,
    name: &'a str,
    email: &'a str,
    webhook: Option<&'a str>,
    #[serde(rename = "webhook-id")]
    webhook_id: Option<&'a str>,
    #[serde(rename = "webhook-watched-items")]
    webhook_watched_items: Option<String>,
    #[serde(rename = "redirect-URI")]
    redirect_uri: &'a str,
}

pub fn profile(data: &AccountData, call: &ApiCall) -> Result<Response, ResourceError> {
    Method::among(call.method, &[Method::Get])?;
    let hook = data.webhook.as_ref();
    Ok(reply::ok(&[Profile {
        id: data.account.id(),
        name: data.account.name(),
        email: email(data.account),
        webhook: hook.map(|h| h.url.as_str()),
        webhook_id: hook.map(|h| h.id.as_str()),
        webhook_watched_items: hook.map(|h| h.watched_list()),
        redirect_uri: call.redirect_uri,
    }]))
}
