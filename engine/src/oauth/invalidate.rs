//! `GET /invalidate`: the user revokes the app. The connection is removed and
//! both its tokens stop working. It needs no scope beyond a valid token, so a
//! user can always revoke.

use crate::error::no_content;
use crate::{Account, Engine, Response};

pub(crate) fn answer(engine: &mut Engine, account: Account) -> Response {
    engine.connections.remove(account);
    no_content()
}
