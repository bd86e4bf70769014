//! Steps three, five and six, as the panes start them.

use super::dispatch;
use super::machine::Event;
use crate::playground::Playground;

/// Puts the correct bodies back (after re-registering or a new code).
pub fn restore_token_body(pg: &Playground) {
    dispatch(pg, Event::RestoreTokenBody);
}

pub fn restore_refresh_body(pg: &Playground) {
    dispatch(pg, Event::RestoreRefreshBody);
}

/// Step three: POST /token with the (possibly edited) body.
pub fn exchange(pg: &Playground) {
    dispatch(pg, Event::ExchangeCode);
}

/// Step five: POST /refresh.
pub fn refresh(pg: &Playground) {
    dispatch(pg, Event::Refresh);
}

/// Step six: GET /invalidate with the held access token.
pub fn invalidate(pg: &Playground) {
    dispatch(pg, Event::Invalidate);
}
