//! `GET /movies`: filter by `since`, sort by `orderBy` and `order`, then cut
//! one page of five. Empty parameters count as absent (Make sends `since=`
//! when a mapped field is empty).

use std::cmp::Ordering;

use serde::Serialize;

use super::{Movie, MovieView};
use crate::api::{
    error::{Expected, ResourceError},
    reply, timestamp, LIST_LIMIT, PAGE_SIZE,
};
use crate::{Millis, Response};

pub(crate) const PARAMETERS: [&str; 4] = ["page", "since", "order", "orderBy"];

#[derive(Clone, Copy, Debug, PartialEq)]
enum SortField {
    CreatedAt,
    UpdatedAt,
    Name,
    OriginalPremiere,
    CzechPremiere,
}

impl SortField {
    fn parse(text: &str) -> Option<SortField> {
        Some(match text {
            "createdAt" => SortField::CreatedAt,
            "updatedAt" => SortField::UpdatedAt,
            "name" => SortField::Name,
            "originalPremiere" => SortField::OriginalPremiere,
            "czechPremiere" => SortField::CzechPremiere,
            _ => return None,
        })
    }

    /// The time this field holds, `None` for `name` and for a missing premiere.
    fn time(self, movie: &Movie) -> Option<Millis> {
        match self {
            SortField::CreatedAt => Some(movie.created_at),
            SortField::UpdatedAt => Some(movie.updated_at),
            SortField::Name => None,
            SortField::OriginalPremiere => movie.fields.original_premiere,
            SortField::CzechPremiere => movie.fields.czech_premiere,
        }
    }
}

/// One page of a list.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Page<'a> {
    total_records_returned: usize,
    page: usize,
    has_more: bool,
    records: Vec<MovieView<'a>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ListQuery {
    page: usize,
    since: Option<Millis>,
    descending: bool,
    order_by: SortField,
}

impl ListQuery {
    pub fn parse(query: &[(String, String)]) -> Result<ListQuery, ResourceError> {
        let mut list = ListQuery { page: 1, since: None, descending: false, order_by: SortField::CreatedAt };
        for (i, (key, value)) in query.iter().enumerate() {
            if !PARAMETERS.contains(&key.as_str()) {
                let allowed = PARAMETERS.iter().map(|p| p.to_string()).collect();
                return Err(ResourceError::UnknownQueryParameter { name: key.clone(), allowed });
            }
            if query[..i].iter().any(|(k, _)| k == key) {
                return Err(ResourceError::RepeatedQueryParameter { name: key.clone() });
            }
            if value.is_empty() {
                continue;
            }
            let invalid = |expected| ResourceError::InvalidQueryParameter { name: key.clone(), expected };
            match key.as_str() {
                "page" => list.page = value.parse().ok().filter(|&p| p >= 1).ok_or_else(|| invalid(Expected::Page))?,
                "since" => list.since = Some(timestamp::parse(value).ok_or_else(|| invalid(Expected::Since))?),
                "order" => {
                    list.descending = match value.as_str() {
                        "asc" => false,
                        "desc" => true,
                        _ => return Err(invalid(Expected::Order)),
                    }
                }
                _ => list.order_by = SortField::parse(value).ok_or_else(|| invalid(Expected::OrderBy))?,
            }
        }
        if list.since.is_some() && list.order_by == SortField::Name {
            return Err(ResourceError::SinceWithNameOrder);
        }
        Ok(list)
    }

    /// `{"totalRecordsReturned", "page", "hasMore", "records"}`.
    pub fn answer(&self, mut movies: Vec<Movie>) -> Response {
        if let Some(since) = self.since {
            movies.retain(|m| self.order_by.time(m).is_some_and(|t| t >= since));
        }
        // Stable sort: ties keep the order records were added in.
        crate::small_sort::sort_by(&mut movies, |a, b| self.compare(a, b));
        movies.truncate(LIST_LIMIT);
        let start = (self.page - 1).saturating_mul(PAGE_SIZE);
        let records: Vec<MovieView> = movies.iter().skip(start).take(PAGE_SIZE).map(Movie::view).collect();
        reply::ok(&Page {
            total_records_returned: records.len(),
            page: self.page,
            has_more: movies.len() > start.saturating_add(PAGE_SIZE),
            records,
        })
    }

    fn compare(&self, a: &Movie, b: &Movie) -> Ordering {
        let ordering = match self.order_by {
            SortField::Name => {
                let key = |m: &Movie| (m.fields.name.to_lowercase(), m.fields.name.clone());
                key(a).cmp(&key(b))
            }
            field => match (field.time(a), field.time(b)) {
                (Some(x), Some(y)) => x.cmp(&y),
                // Records without that date come last in either order.
                (Some(_), None) => return Ordering::Less,
                (None, Some(_)) => return Ordering::Greater,
                (None, None) => Ordering::Equal,
            },
        };
        if self.descending {
            ordering.reverse()
        } else {
            ordering
        }
    }
}
