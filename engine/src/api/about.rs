//! `GET /about`: the connected account's profile, as an array of one object
//! (the shape of the v1 docs' example).

use serde_json::json;

use super::{reply, ApiCall, AccountData};
use crate::{oauth::registration::MAKE_REDIRECT_URI, Account, Response};

fn email(account: Account) -> &'static str {
    match account {
        Account::John => "john.doe@example.com",
        Account::Jane => "jane.black@example.com",
    }
}

pub fn profile(data: &AccountData, call: &ApiCall) -> Response {
    if call.method != "GET" {
        return reply::method_not_allowed(&["GET"]);
    }
    let hook = data.webhook.as_ref();
    reply::ok(&json!([{
        "id": data.account.id(),
        "name": data.account.name(),
        "email": email(data.account),
        "webhook": hook.map(|h| h.url.as_str()),
        "webhook-id": hook.map(|h| h.id.as_str()),
        "webhook-watched-items": hook.map(|h| h.watched_list()),
        "redirect-URI": MAKE_REDIRECT_URI,
    }]))
}
