//! `GET /info`: who the token belongs to. No scope beyond a valid token.

use serde_json::json;

use crate::error::json_response;
use crate::{Account, Response};

pub(crate) fn answer(account: Account) -> Response {
    json_response(200, &json!({ "id": account.id(), "user": account.name() }))
}
