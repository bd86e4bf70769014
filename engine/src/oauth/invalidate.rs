//! `GET /invalidate`: the user revokes the app. The connection is removed and
//! both its tokens stop working. It needs no scope beyond a valid token, so a
//! user can always revoke.

use crate::error::no_content;
use crate::outcome::{Change, Outcome};
use crate::{Account, Engine, Response};

pub(crate) fn answer(engine: &mut Engine, account: Account, outcome: &mut Outcome) -> Response {
    engine.connections.remove(account);
    outcome.changes.push(Change::ConnectionRemoved { account });
    no_content()
}
