//! What the panes' buttons do: each turns into one event for the flow's
//! machine (`Playground::dispatch`). Kept apart from `flow/`, which stays
//! free of the playground and the browser.

pub mod browser {
    use crate::flow::{machine::Event, Callback};
    use crate::playground::Playground;

    pub use crate::flow::machine::display_app;

    /// Rebuilds the URL from the step's fields (after a field changed).
    pub fn rebuild_authorize_url(pg: &Playground) {
        pg.dispatch(Event::EditAuthorize);
    }

    /// Step one's button: the app sends the browser to its authorize URL.
    pub fn open_authorize(pg: &Playground) {
        pg.dispatch(Event::OpenAuthorize);
    }

    /// The browser goes to `url`.
    pub fn navigate(pg: &Playground, url: &str) {
        pg.dispatch(Event::Navigate(url.to_string()));
    }

    /// The consent screen's Allow or Deny.
    pub fn decide(pg: &Playground, allow: bool) {
        pg.dispatch(Event::Decide { allow });
    }

    /// The explanation of a callback's `error.message`.
    pub fn callback_explanation(pg: &Playground, callback: &Callback) -> Option<String> {
        crate::flow::machine::callback_explanation(callback, &pg.settings())
    }
}

pub mod tokens {
    use crate::flow::machine::Event;
    use crate::playground::Playground;

    /// Puts the correct bodies back (after re-registering or a new code).
    pub fn restore_token_body(pg: &Playground) {
        pg.dispatch(Event::RestoreTokenBody);
    }

    pub fn restore_refresh_body(pg: &Playground) {
        pg.dispatch(Event::RestoreRefreshBody);
    }

    /// Step three: POST /token with the (possibly edited) body.
    pub fn exchange(pg: &Playground) {
        pg.dispatch(Event::ExchangeCode);
    }

    /// Step five: POST /refresh.
    pub fn refresh(pg: &Playground) {
        pg.dispatch(Event::Refresh);
    }

    /// Step six: GET /invalidate with the held access token.
    pub fn invalidate(pg: &Playground) {
        pg.dispatch(Event::Invalidate);
    }
}

pub mod composer {
    use leptos::prelude::{Get, Set};

    use crate::flow::api::ENDPOINTS;
    use crate::flow::machine::{self, Event};
    use crate::flow::{FlowData, FlowDataStoreFields};
    use crate::playground::Playground;

    pub use crate::flow::api::METHODS;
    pub use crate::flow::machine::sends_body;

    /// Fills the composer from an endpoint of the list.
    pub fn pick(pg: &Playground, index: usize) {
        if let Some(e) = ENDPOINTS.get(index) {
            pg.flow.api_method().set(e.method.to_string());
            pg.flow.api_path().set(e.path.to_string());
            pg.flow.api_body().set(e.body.to_string());
        }
    }

    /// The authorization header the composer will send (subscribing).
    pub fn auth_header(pg: &Playground) -> String {
        let data = FlowData { api_auth: pg.flow.api_auth().get(), held: pg.flow.held().get(), ..Default::default() };
        machine::composer_auth(&data)
    }

    /// Step four's button.
    pub fn call(pg: &Playground) {
        pg.dispatch(Event::CallApi);
    }
}
