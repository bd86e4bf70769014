//! The developer access form and the credentials it yields.

use serde::Serialize;

use crate::Millis;

/// What the developer submits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Registration {
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub redirect_uri: String,
}

/// The registered app: credentials and the form they came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Client {
    pub client_id: String,
    pub client_secret: String,
    /// The v1 API key the same form yields (shown, not used by v2).
    pub api_key: String,
    pub registration: Registration,
    pub registered_at: Millis,
}

/// The longest registration field the server keeps, in characters.
pub const MAX_FIELD: usize = 256;

/// Make's callback URL, the default.
pub const MAKE_REDIRECT_URI: &str = "https://www.make.com/oauth/cb/app";
/// The legacy callback URL the docs' examples use.
pub const LEGACY_REDIRECT_URI: &str = "https://www.integromat.com/oauth/cb/app";

use crate::{entropy, Engine, Entropy};

impl Engine {
    /// Submits the developer access form. A second submission replaces the
    /// credentials; every connection, code and pending authorization of the
    /// old ones is removed. The accounts' resource data stays.
    pub fn register(&mut self, mut registration: Registration, now: Millis, entropy: &mut dyn Entropy) -> Client {
        // The form's fields are kept and shown: bounded, like everything kept.
        for field in [&mut registration.email, &mut registration.first_name, &mut registration.last_name, &mut registration.redirect_uri] {
            if let Some((cut, _)) = field.char_indices().nth(MAX_FIELD) {
                field.truncate(cut);
            }
        }
        let client = Client {
            client_id: entropy::hex(entropy, 16),
            client_secret: entropy::hex(entropy, 32),
            api_key: entropy::hex(entropy, 16),
            registration,
            registered_at: now,
        };
        self.tickets.clear();
        self.codes.clear();
        self.connections.clear();
        self.client = Some(client.clone());
        client
    }
}
