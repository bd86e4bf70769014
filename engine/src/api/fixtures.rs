//! The records every account starts with: real films and the people, genres,
//! studios and awards around them. Static tables keep the wasm small.

/// `(id, name)`.
pub const PEOPLE: &[(u32, &str)] = &[
    (1, "Robert Downey Jr."),
    (2, "Gwyneth Paltrow"),
    (3, "Jon Favreau"),
    (4, "Christopher Nolan"),
    (5, "Christian Bale"),
    (6, "Heath Ledger"),
    (7, "Leonardo DiCaprio"),
    (8, "Joseph Gordon-Levitt"),
    (9, "Miloš Forman"),
    (10, "F. Murray Abraham"),
    (11, "Tom Hulce"),
    (12, "Hayao Miyazaki"),
    (13, "Rumi Hiiragi"),
    (14, "Miyu Irino"),
    (15, "Steven Spielberg"),
    (16, "Sam Neill"),
    (17, "Laura Dern"),
    (18, "Jeff Goldblum"),
    (19, "Robert Zemeckis"),
];

/// `(id, name)`.
pub const GENRES: &[(u32, &str)] = &[
    (1, "Action"),
    (2, "Adventure"),
    (3, "Animation"),
    (4, "Biography"),
    (5, "Comedy"),
    (6, "Crime"),
    (7, "Drama"),
    (8, "Family"),
    (9, "Fantasy"),
    (10, "Music"),
    (11, "Science Fiction"),
    (12, "Thriller"),
];

/// `(id, name, country)`.
pub const ORGANIZATIONS: &[(u32, &str, &str)] = &[
    (1, "Marvel Studios", "United States"),
    (2, "Warner Bros.", "United States"),
    (3, "Legendary Pictures", "United States"),
    (4, "Syncopy", "United Kingdom"),
    (5, "The Saul Zaentz Company", "United States"),
    (6, "Barrandov Studios", "Czech Republic"),
    (7, "Studio Ghibli", "Japan"),
    (8, "Amblin Entertainment", "United States"),
    (9, "Universal Pictures", "United States"),
    (10, "Paramount Pictures", "United States"),
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
    pub genres: &'static [u32],
    pub director: u32,
    pub release_year: &'static str,
    pub length: u32,
    /// `(role, person id)`.
    pub cast: &'static [(&'static str, u32)],
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
        genres: &[1, 2, 11],
        director: 3,
        release_year: "2008",
        length: 126,
        cast: &[("Tony Stark", 1), ("Pepper Potts", 2), ("Happy Hogan", 3)],
        budget: 140.0,
        gross: 585.8,
        czech_premiere: "2008-05-01T00:00:00Z",
        original_premiere: "2008-04-14T00:00:00Z",
        awards: &[award(OSCAR, "Best Sound Editing", "2009", false), award(OSCAR, "Best Visual Effects", "2009", false)],
    },
    DefaultMovie {
        id: "b3d81f06a5c2",
        name: "The Dark Knight",
        genres: &[1, 6, 7],
        director: 4,
        release_year: "2008",
        length: 152,
        cast: &[("Bruce Wayne", 5), ("Joker", 6)],
        budget: 185.0,
        gross: 1006.2,
        czech_premiere: "2008-07-17T00:00:00Z",
        original_premiere: "2008-07-14T00:00:00Z",
        awards: &[award(OSCAR, "Best Supporting Actor", "2009", true), award(OSCAR, "Best Sound Editing", "2009", true)],
    },
    DefaultMovie {
        id: "71c0e4d9b2fa",
        name: "Inception",
        genres: &[1, 11, 12],
        director: 4,
        release_year: "2010",
        length: 148,
        cast: &[("Dom Cobb", 7), ("Arthur", 8)],
        budget: 160.0,
        gross: 839.0,
        czech_premiere: "2010-07-29T00:00:00Z",
        original_premiere: "2010-07-08T00:00:00Z",
        awards: &[award(OSCAR, "Best Cinematography", "2011", true), award(OSCAR, "Best Visual Effects", "2011", true)],
    },
    DefaultMovie {
        id: "0e6b57a3c918",
        name: "Amadeus",
        genres: &[4, 7, 10],
        director: 9,
        release_year: "1984",
        length: 160,
        cast: &[("Antonio Salieri", 10), ("Wolfgang Amadeus Mozart", 11)],
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
        genres: &[3, 8, 9],
        director: 12,
        release_year: "2001",
        length: 125,
        cast: &[("Chihiro Ogino (voice)", 13), ("Haku (voice)", 14)],
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
        genres: &[2, 11, 12],
        director: 15,
        release_year: "1993",
        length: 127,
        cast: &[("Dr. Alan Grant", 16), ("Dr. Ellie Sattler", 17), ("Dr. Ian Malcolm", 18)],
        budget: 63.0,
        gross: 914.7,
        czech_premiere: "1993-10-14T00:00:00Z",
        original_premiere: "1993-06-09T00:00:00Z",
        awards: &[award(OSCAR, "Best Visual Effects", "1994", true), award(OSCAR, "Best Sound", "1994", true)],
    },
];

pub fn person_name(id: u32) -> Option<&'static str> {
    PEOPLE.iter().find(|(p, _)| *p == id).map(|(_, name)| *name)
}

pub fn genre_name(id: u32) -> Option<&'static str> {
    GENRES.iter().find(|(g, _)| *g == id).map(|(_, name)| *name)
}

pub fn default_movie(id: &str) -> Option<&'static DefaultMovie> {
    MOVIES.iter().find(|m| m.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reference_resolves() {
        assert_eq!(MOVIES.len(), 6);
        for movie in MOVIES {
            assert!(person_name(movie.director).is_some(), "{}", movie.name);
            assert!(movie.genres.iter().all(|g| genre_name(*g).is_some()), "{}", movie.name);
            assert!(movie.cast.iter().all(|(_, p)| person_name(*p).is_some()), "{}", movie.name);
            assert!(movie.id.len() == 12 && movie.id.bytes().all(|b| b.is_ascii_hexdigit()));
            assert!(crate::api::timestamp::parse(movie.czech_premiere).is_some());
            assert!(crate::api::timestamp::parse(movie.original_premiere).is_some());
        }
        assert!(PEOPLE.len() <= 20, "a list returns at most 20 records");
    }
}
