//! The records every account starts with: real films and the people, genres,
//! studios and awards around them. Static tables keep the wasm small.
//!
//! Ids have the documented forms: genres `"1"`, people 12 hex digits (Jon
//! Favreau `"f841a38b77be"`). Before that they were small numbers; each row
//! keeps its old number (`legacy_id`) so saved state can be carried over
//! (see [`person_id_from_legacy`]).

/// A person who directs or plays in a default movie.
pub struct Person {
    pub id: &'static str,
    pub name: &'static str,
    /// The number this person had before ids became strings.
    pub legacy_id: u64,
}

pub struct Genre {
    pub id: &'static str,
    /// Lower case, as the docs' movie answer shows it (`"action"`).
    pub name: &'static str,
    pub legacy_id: u64,
}

/// A studio.
pub struct Organization {
    pub id: &'static str,
    pub name: &'static str,
    pub country: &'static str,
    pub legacy_id: u64,
}

pub const PEOPLE: &[Person] = &[
    Person { id: "5bfb3056c5e4", name: "Robert Downey Jr.", legacy_id: 1 },
    Person { id: "d28452011c72", name: "Gwyneth Paltrow", legacy_id: 2 },
    Person { id: "f841a38b77be", name: "Jon Favreau", legacy_id: 3 },
    Person { id: "0edc9fea9431", name: "Christopher Nolan", legacy_id: 4 },
    Person { id: "fbdfd5b1b8e7", name: "Christian Bale", legacy_id: 5 },
    Person { id: "85c7a4c14973", name: "Heath Ledger", legacy_id: 6 },
    Person { id: "0ca4a46bcadc", name: "Leonardo DiCaprio", legacy_id: 7 },
    Person { id: "f51531c58cdd", name: "Joseph Gordon-Levitt", legacy_id: 8 },
    Person { id: "765307dba6f0", name: "Miloš Forman", legacy_id: 9 },
    Person { id: "4502d41dbf8a", name: "F. Murray Abraham", legacy_id: 10 },
    Person { id: "1ed9c2c7af23", name: "Tom Hulce", legacy_id: 11 },
    Person { id: "e240b0d6eca4", name: "Hayao Miyazaki", legacy_id: 12 },
    Person { id: "cc99bc91937d", name: "Rumi Hiiragi", legacy_id: 13 },
    Person { id: "bd6acfd2672d", name: "Miyu Irino", legacy_id: 14 },
    Person { id: "2d5c297de66d", name: "Steven Spielberg", legacy_id: 15 },
    Person { id: "4bef6f6cad32", name: "Sam Neill", legacy_id: 16 },
    Person { id: "5b7638c60188", name: "Laura Dern", legacy_id: 17 },
    Person { id: "14f01a254811", name: "Jeff Goldblum", legacy_id: 18 },
    Person { id: "4f64d7db0df6", name: "Robert Zemeckis", legacy_id: 19 },
];

pub const GENRES: &[Genre] = &[
    Genre { id: "1", name: "action", legacy_id: 1 },
    Genre { id: "2", name: "adventure", legacy_id: 2 },
    Genre { id: "3", name: "animation", legacy_id: 3 },
    Genre { id: "4", name: "biography", legacy_id: 4 },
    Genre { id: "5", name: "comedy", legacy_id: 5 },
    Genre { id: "6", name: "crime", legacy_id: 6 },
    Genre { id: "7", name: "drama", legacy_id: 7 },
    Genre { id: "8", name: "family", legacy_id: 8 },
    Genre { id: "9", name: "fantasy", legacy_id: 9 },
    Genre { id: "10", name: "music", legacy_id: 10 },
    Genre { id: "11", name: "science fiction", legacy_id: 11 },
    Genre { id: "12", name: "thriller", legacy_id: 12 },
];

pub const ORGANIZATIONS: &[Organization] = &[
    Organization { id: "decd3b4a4c61", name: "Marvel Studios", country: "United States", legacy_id: 1 },
    Organization { id: "2c2a6135d63a", name: "Warner Bros.", country: "United States", legacy_id: 2 },
    Organization { id: "0d80c014e978", name: "Legendary Pictures", country: "United States", legacy_id: 3 },
    Organization { id: "45bcdeafd5fa", name: "Syncopy", country: "United Kingdom", legacy_id: 4 },
    Organization { id: "5bdfbef6b09f", name: "The Saul Zaentz Company", country: "United States", legacy_id: 5 },
    Organization { id: "ebefe5353c3d", name: "Barrandov Studios", country: "Czech Republic", legacy_id: 6 },
    Organization { id: "cc16144e10dc", name: "Studio Ghibli", country: "Japan", legacy_id: 7 },
    Organization { id: "d6acd7ef2609", name: "Amblin Entertainment", country: "United States", legacy_id: 8 },
    Organization { id: "8860c828200f", name: "Universal Pictures", country: "United States", legacy_id: 9 },
    Organization { id: "9ef9b5fea040", name: "Paramount Pictures", country: "United States", legacy_id: 10 },
];

/// An award a default movie won or was nominated for.
pub struct Award {
    pub name: &'static str,
    pub category: &'static str,
    pub year: &'static str,
    pub won: bool,
}

const fn award(name: &'static str, category: &'static str, year: &'static str, won: bool) -> Award {
    Award { name, category, year, won }
}

const OSCAR: &str = "Academy Award";

/// One of the six default movies. Box office in millions of US dollars.
pub struct DefaultMovie {
    pub id: &'static str,
    pub name: &'static str,
    /// Genre names.
    pub genres: &'static [&'static str],
    /// The director's name.
    pub director: &'static str,
    pub release_year: &'static str,
    pub length: u32,
    /// `(role, person's name)`.
    pub cast: &'static [(&'static str, &'static str)],
    pub budget: f64,
    pub gross: f64,
    pub czech_premiere: &'static str,
    pub original_premiere: &'static str,
    pub awards: &'static [Award],
}

/// When the default records were created (2023-01-02T08:00:00Z), before any
/// clock a learner runs, so own records always sort after them by
/// `createdAt`; each an hour after the one before, for a clear order.
pub const DEFAULTS_CREATED_AT: i64 = 1_672_646_400_000;

/// The docs' example first, so page 1 opens with it.
pub const MOVIES: &[DefaultMovie] = &[
    DefaultMovie {
        id: "4f9a2c71e8b3",
        name: "Iron Man",
        genres: &["action", "adventure", "science fiction"],
        director: "Jon Favreau",
        release_year: "2008",
        length: 126,
        cast: &[("Tony Stark", "Robert Downey Jr."), ("Pepper Potts", "Gwyneth Paltrow"), ("Happy Hogan", "Jon Favreau")],
        budget: 140.0,
        gross: 585.8,
        czech_premiere: "2008-05-01T00:00:00Z",
        original_premiere: "2008-04-14T00:00:00Z",
        awards: &[award(OSCAR, "Best Sound Editing", "2009", false), award(OSCAR, "Best Visual Effects", "2009", false)],
    },
    DefaultMovie {
        id: "b3d81f06a5c2",
        name: "The Dark Knight",
        genres: &["action", "crime", "drama"],
        director: "Christopher Nolan",
        release_year: "2008",
        length: 152,
        cast: &[("Bruce Wayne", "Christian Bale"), ("Joker", "Heath Ledger")],
        budget: 185.0,
        gross: 1006.2,
        czech_premiere: "2008-07-17T00:00:00Z",
        original_premiere: "2008-07-14T00:00:00Z",
        awards: &[award(OSCAR, "Best Supporting Actor", "2009", true), award(OSCAR, "Best Sound Editing", "2009", true)],
    },
    DefaultMovie {
        id: "71c0e4d9b2fa",
        name: "Inception",
        genres: &["action", "science fiction", "thriller"],
        director: "Christopher Nolan",
        release_year: "2010",
        length: 148,
        cast: &[("Dom Cobb", "Leonardo DiCaprio"), ("Arthur", "Joseph Gordon-Levitt")],
        budget: 160.0,
        gross: 839.0,
        czech_premiere: "2010-07-29T00:00:00Z",
        original_premiere: "2010-07-08T00:00:00Z",
        awards: &[award(OSCAR, "Best Cinematography", "2011", true), award(OSCAR, "Best Visual Effects", "2011", true)],
    },
    DefaultMovie {
        id: "0e6b57a3c918",
        name: "Amadeus",
        genres: &["biography", "drama", "music"],
        director: "Miloš Forman",
        release_year: "1984",
        length: 160,
        cast: &[("Antonio Salieri", "F. Murray Abraham"), ("Wolfgang Amadeus Mozart", "Tom Hulce")],
        budget: 18.0,
        gross: 90.0,
        czech_premiere: "1985-11-01T00:00:00Z",
        original_premiere: "1984-09-06T00:00:00Z",
        awards: &[
            award(OSCAR, "Best Picture", "1985", true),
            award(OSCAR, "Best Director", "1985", true),
            award(OSCAR, "Best Actor", "1985", true),
        ],
    },
    DefaultMovie {
        id: "d24f8b1c6e07",
        name: "Spirited Away",
        genres: &["animation", "family", "fantasy"],
        director: "Hayao Miyazaki",
        release_year: "2001",
        length: 125,
        cast: &[("Chihiro Ogino (voice)", "Rumi Hiiragi"), ("Haku (voice)", "Miyu Irino")],
        budget: 19.2,
        gross: 395.8,
        czech_premiere: "2004-01-15T00:00:00Z",
        original_premiere: "2001-07-20T00:00:00Z",
        awards: &[
            award("Golden Bear", "Best Film", "2002", true),
            award(OSCAR, "Best Animated Feature", "2003", true),
        ],
    },
    DefaultMovie {
        id: "9a3e6c0f4b85",
        name: "Jurassic Park",
        genres: &["adventure", "science fiction", "thriller"],
        director: "Steven Spielberg",
        release_year: "1993",
        length: 127,
        cast: &[("Dr. Alan Grant", "Sam Neill"), ("Dr. Ellie Sattler", "Laura Dern"), ("Dr. Ian Malcolm", "Jeff Goldblum")],
        budget: 63.0,
        gross: 914.7,
        czech_premiere: "1993-10-14T00:00:00Z",
        original_premiere: "1993-06-09T00:00:00Z",
        awards: &[award(OSCAR, "Best Visual Effects", "1994", true), award(OSCAR, "Best Sound", "1994", true)],
    },
];

pub fn person(id: &str) -> Option<&'static Person> {
    PEOPLE.iter().find(|p| p.id == id)
}

pub fn genre(id: &str) -> Option<&'static Genre> {
    GENRES.iter().find(|g| g.id == id)
}

pub fn person_name(id: &str) -> Option<&'static str> {
    person(id).map(|p| p.name)
}

pub fn genre_name(id: &str) -> Option<&'static str> {
    genre(id).map(|g| g.name)
}

/// The id of the person with this name (the default movies name people).
pub fn person_id_by_name(name: &str) -> Option<&'static str> {
    PEOPLE.iter().find(|p| p.name == name).map(|p| p.id)
}

pub fn genre_id_by_name(name: &str) -> Option<&'static str> {
    GENRES.iter().find(|g| g.name == name).map(|g| g.id)
}

/// A genre's string id for the number it had before ids became strings
/// (`1` → `"1"`). Saved own movies from then hold such numbers.
pub fn genre_id_from_legacy(n: u64) -> Option<&'static str> {
    GENRES.iter().find(|g| g.legacy_id == n).map(|g| g.id)
}

/// A person's 12-hex id for their old number (`3` → `"f841a38b77be"`, Jon
/// Favreau). Saved own movies hold such numbers as director and cast.
pub fn person_id_from_legacy(n: u64) -> Option<&'static str> {
    PEOPLE.iter().find(|p| p.legacy_id == n).map(|p| p.id)
}

/// A studio's 12-hex id for its old number. Movies never stored studios;
/// this completes the table for anything else that kept one.
pub fn organization_id_from_legacy(n: u64) -> Option<&'static str> {
    ORGANIZATIONS.iter().find(|o| o.legacy_id == n).map(|o| o.id)
}

pub fn default_movie(id: &str) -> Option<&'static DefaultMovie> {
    MOVIES.iter().find(|m| m.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_hex12(id: &str) -> bool {
        id.len() == 12 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    }

    #[test]
    fn every_reference_resolves() {
        assert_eq!(MOVIES.len(), 6);
        for movie in MOVIES {
            assert!(person_id_by_name(movie.director).is_some(), "{}", movie.name);
            assert!(movie.genres.iter().all(|g| genre_id_by_name(g).is_some()), "{}", movie.name);
            assert!(movie.cast.iter().all(|(_, p)| person_id_by_name(p).is_some()), "{}", movie.name);
            assert!(is_hex12(movie.id));
            assert!(crate::api::timestamp::parse(movie.czech_premiere).is_some());
            assert!(crate::api::timestamp::parse(movie.original_premiere).is_some());
        }
        assert!(PEOPLE.len() <= 20, "a list returns at most 20 records");
    }

    #[test]
    fn ids_have_the_documented_forms_and_are_unique() {
        assert_eq!(person_id_by_name("Jon Favreau"), Some("f841a38b77be"));
        assert_eq!(person_id_by_name("Robert Downey Jr."), Some("5bfb3056c5e4"));
        assert_eq!(genre_name("1"), Some("action"));
        let mut ids: Vec<&str> = PEOPLE.iter().map(|p| p.id).chain(ORGANIZATIONS.iter().map(|o| o.id)).collect();
        assert!(ids.iter().all(|id| is_hex12(id)));
        ids.extend(MOVIES.iter().map(|m| m.id));
        let count = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), count, "no two records share an id");
        for (i, g) in GENRES.iter().enumerate() {
            assert_eq!(g.id, (i + 1).to_string());
            assert_eq!(g.name, g.name.to_lowercase());
        }
    }

    #[test]
    fn every_old_number_maps_to_its_record() {
        // The numbers as they were: people 1–19, genres 1–12, studios 1–10.
        assert_eq!(person_id_from_legacy(1), Some("5bfb3056c5e4"));
        assert_eq!(person_id_from_legacy(3), Some("f841a38b77be"));
        assert_eq!(genre_id_from_legacy(1), Some("1"));
        assert_eq!(genre_id_from_legacy(11).and_then(genre_name), Some("science fiction"));
        assert_eq!(person_id_from_legacy(19).and_then(person_name), Some("Robert Zemeckis"));
        assert_eq!(organization_id_from_legacy(7).and_then(|id| ORGANIZATIONS.iter().find(|o| o.id == id)).map(|o| o.name), Some("Studio Ghibli"));
        for n in 1..=19 {
            assert!(person_id_from_legacy(n).is_some(), "person {n}");
        }
        for n in 1..=12 {
            assert!(genre_id_from_legacy(n).is_some(), "genre {n}");
        }
        for n in 1..=10 {
            assert!(organization_id_from_legacy(n).is_some(), "organization {n}");
        }
        for n in [0, 20, u64::MAX] {
            assert_eq!(person_id_from_legacy(n), None);
        }
        assert_eq!(genre_id_from_legacy(0), None);
        assert_eq!(genre_id_from_legacy(13), None);
        assert_eq!(organization_id_from_legacy(11), None);
    }
}
