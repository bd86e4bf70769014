//! Pending authorizations: what `GET /authorize` verified, held server-side
//! until the user decides on the consent screen. A ticket lives as long as
//! a code would and is used once.

use std::collections::VecDeque;

use serde::Serialize;

use crate::{Millis, Scope};

/// How many pending authorizations are kept (the oldest is dropped past it).
pub const TICKET_LIMIT: usize = 16;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Ticket {
    pub ticket: String,
    pub client_id: String,
    pub redirect_uri: String,
    /// The requested scopes, `connect` among them.
    pub scopes: Vec<Scope>,
    pub state: Option<String>,
    pub expires_at: Millis,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tickets(VecDeque<Ticket>);

impl Tickets {
    /// Tickets as saved, within the same bound as opened ones.
    pub fn restored(tickets: impl IntoIterator<Item = Ticket>) -> Tickets {
        let mut all = Tickets::default();
        tickets.into_iter().for_each(|t| all.open(t));
        all
    }

    /// Oldest first.
    pub fn iter(&self) -> impl Iterator<Item = &Ticket> {
        self.0.iter()
    }

    pub fn open(&mut self, ticket: Ticket) {
        self.0.push_back(ticket);
        while self.0.len() > TICKET_LIMIT {
            self.0.pop_front();
        }
    }

    pub fn get(&self, id: &str) -> Option<&Ticket> {
        self.0.iter().find(|t| t.ticket == id)
    }

    /// Removes and returns a ticket: a decision uses it up.
    pub fn close(&mut self, id: &str) -> Option<Ticket> {
        let i = self.0.iter().position(|t| t.ticket == id)?;
        self.0.remove(i)
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
