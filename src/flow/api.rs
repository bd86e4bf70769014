//! Step four's list of every endpoint: the engine's catalogue, each entry
//! with a sample path and body to start from.

use academy_engine::api::samples::{IMPORT, MOVIE, MOVIE_PATCH, WEBHOOK};
use academy_engine::catalog::{self, Endpoint};

/// A catalogue endpoint with a sample path and body to start from.
pub struct Preset {
    pub method: &'static str,
    /// The catalogue's route template.
    pub route: &'static str,
    /// A sample path to send (the route, or the route with a query).
    pub path: &'static str,
    pub body: &'static str,
}

impl Preset {
    /// The catalogue's entry (every preset names one; a test checks).
    pub fn endpoint(&self) -> Option<&'static Endpoint> {
        catalog::endpoint(self.method, self.route)
    }

    pub fn summary(&self) -> &'static str {
        self.endpoint().map_or("", |e| e.summary)
    }

    /// Who may call it, in words.
    pub fn scope(&self) -> &'static str {
        match self.endpoint().and_then(Endpoint::scope) {
            Some(scope) => scope.name(),
            None => "any valid token",
        }
    }
}

const fn preset(method: &'static str, route: &'static str, body: &'static str) -> Preset {
    Preset { method, route, path: route, body }
}

/// Every API endpoint of the catalogue, in its order, plus a second
/// listing example with paging and sorting.
pub const ENDPOINTS: &[Preset] = &[
    preset("GET", "/info", ""),
    preset("GET", "/about", ""),
    preset("GET", "/movies", ""),
    Preset { method: "GET", route: "/movies", path: "/movies?page=2&order=desc&orderBy=name", body: "" },
    preset("POST", "/movies", MOVIE),
    preset("GET", "/movies/{id}", ""),
    preset("PUT", "/movies/{id}", MOVIE),
    preset("PATCH", "/movies/{id}", MOVIE_PATCH),
    preset("DELETE", "/movies/{id}", ""),
    Preset { method: "GET", route: "/people", path: "/people?q=contains=\"Rob\" AND endsWith=\"Jr.\"", body: "" },
    preset("GET", "/organizations", ""),
    preset("GET", "/genres", ""),
    preset("GET", "/awards/{movieId}", ""),
    preset("GET", "/custom-fields", ""),
    preset("POST", "/webhooks", WEBHOOK),
    preset("DELETE", "/webhooks/{id}", ""),
    preset("GET", "/files", ""),
    preset("POST", "/files/import", IMPORT),
    preset("GET", "/files/{id}/export", ""),
    preset("GET", "/invalidate", ""),
];

pub const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

#[cfg(test)]
mod tests {
    use super::*;

    /// The composer lists exactly the catalogue's API endpoints (and nothing
    /// the router does not serve).
    #[test]
    fn the_composer_lists_the_catalogue() {
        for p in ENDPOINTS {
            let e = p.endpoint().unwrap_or_else(|| panic!("{} {} is not in the catalogue", p.method, p.route));
            assert!(e.is_api(), "{} {}", p.method, p.route);
            assert!(p.path.starts_with(p.route), "{}", p.path);
        }
        for e in catalog::ENDPOINTS.iter().filter(|e| e.is_api()) {
            assert!(ENDPOINTS.iter().any(|p| p.method == e.method && p.route == e.route), "{e:?} is missing from the composer");
        }
    }
}
