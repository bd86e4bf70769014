//! Why a resource request failed, as data: the status, the documented error
//! body and its message all come from one [`ResourceError`]. Callers can
//! match on the variant instead of reading message text.

use academy_json::FromJson;
use serde::Serialize;

use crate::error::echo;
use crate::Response;

/// A method a resource path serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, FromJson)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub fn name(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// The method of an upper-case method name among `allowed`, or the 405.
    pub(crate) fn among(name: &str, allowed: &[Method]) -> Result<Method, ResourceError> {
        allowed
            .iter()
            .copied()
            .find(|m| m.name() == name)
            .ok_or_else(|| ResourceError::MethodNotAllowed { allow: allowed.to_vec() })
    }
}

/// The form a field or query parameter must take.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, FromJson)]
pub enum Expected {
    /// A non-blank string.
    Text,
    GenreList,
    GenreObject,
    /// A genre id: a string such as `"1"` (a number is refused).
    GenreId,
    /// A person id: a string of 12 hex digits (a number is refused).
    PersonId,
    Year,
    Minutes,
    CastList,
    CastObject,
    BoxOffice,
    Budget,
    GrossProfit,
    Premieres,
    DateTime,
    Rating,
    Boolean,
    Note,
    Platform,
    WebhookUrl,
    WatchedItems,
    FileName,
    Base64,
    Page,
    Since,
    Order,
    OrderBy,
}

impl Expected {
    /// What follows "FIELD must " in a message.
    pub fn requirement(self) -> &'static str {
        match self {
            Expected::Text => "be a non-empty string",
            Expected::GenreList => "be an array of objects such as {\"id\": \"1\"}",
            Expected::GenreObject => "be an object such as {\"id\": \"1\"}",
            Expected::GenreId => "be a genre id as a string, such as \"1\"",
            Expected::PersonId => "be a person id as a string, such as \"f841a38b77be\"",
            Expected::Year => "be a year as a string, such as \"2008\"",
            Expected::Minutes => "be a positive whole number of minutes",
            Expected::CastList => "be an array of objects such as {\"role\": \"Tony Stark\", \"castId\": \"5bfb3056c5e4\"}",
            Expected::CastObject => "be an object with role and castId",
            Expected::BoxOffice => "be an object with budget and grossProfit",
            Expected::Budget => "be a number of millions, 0 or more",
            Expected::GrossProfit => "be a number of millions",
            Expected::Premieres => "be an object with czechPremiere and originalPremiere",
            Expected::DateTime => "be an RFC 3339 date-time such as 2008-05-01T00:00:00Z",
            Expected::Rating => "be a whole number from 1 to 10",
            Expected::Boolean => "be true or false",
            Expected::Note => "be a string of at most 500 characters",
            Expected::Platform => "be cinema, streaming, tv or disc",
            Expected::WebhookUrl => "be an http or https URL, such as https://hook.eu1.make.com/abc123",
            Expected::WatchedItems => "list create, update or delete, such as [\"create\", \"update\"]",
            Expected::FileName => "be a file name without folders, such as movies.csv",
            Expected::Base64 => "be the file's content in base64",
            Expected::Page => "be a whole number, 1 or more",
            Expected::Since => "be a date-time such as 2024-01-31T09:00:00Z",
            Expected::Order => "be asc or desc",
            Expected::OrderBy => "be createdAt, updatedAt, name, originalPremiere or czechPremiere",
        }
    }
}

/// Where the `q` of `GET /people` stops making sense. Names are as the
/// learner wrote them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson)]
pub enum QueryFault {
    UnknownCondition { name: String },
    MissingEquals { condition: String },
    MissingQuotedValue { condition: String },
    UnclosedValue { condition: String },
    /// Text follows a condition without `AND`.
    MissingAnd { rest: String },
    /// `OR` (or another joiner) where only `AND` works.
    OnlyAnd,
    MissingConditionAfterAnd,
    MissingCondition { rest: String },
}

impl QueryFault {
    fn message(&self) -> String {
        match self {
            QueryFault::UnknownCondition { name } => format!("Unknown condition: {}.", echo(name)),
            QueryFault::MissingEquals { condition } => format!("Expected = after {}.", echo(condition)),
            QueryFault::MissingQuotedValue { condition } => format!("Expected a quoted value after {}.", echo(condition)),
            QueryFault::UnclosedValue { condition } => format!("The value after {} is missing its closing quote.", echo(condition)),
            QueryFault::MissingAnd { rest } => format!("Expected AND before \"{}\".", echo(rest)),
            QueryFault::OnlyAnd => "Only AND can join conditions.".into(),
            QueryFault::MissingConditionAfterAnd => "Expected a condition after AND.".into(),
            QueryFault::MissingCondition { rest } => format!("Expected a condition at \"{}\".", echo(rest)),
        }
    }
}

/// Every way a resource request can fail. Field paths are as in the body
/// (`genres[1].id`, `boxOffice.budget`); text the learner sent is kept whole
/// and shortened only in the message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson, academy_json::Tagged)]
pub enum ResourceError {
    // Records.
    RecordNotFound,
    DefaultRecordReadOnly,
    RecordLimit { limit: usize },
    WebhookExists,
    WebhookNotFound,
    FileNotFound,
    /// A known path asked with a method it does not serve.
    MethodNotAllowed { allow: Vec<Method> },

    // Query parameters.
    UnknownQueryParameter { name: String, allowed: Vec<String> },
    RepeatedQueryParameter { name: String },
    InvalidQueryParameter { name: String, expected: Expected },
    /// `since` filters on the sort field, and `name` is no time.
    SinceWithNameOrder,
    /// `position`: characters of `q` read before the fault.
    PeopleQuery { position: usize, fault: QueryFault },

    // The body as a whole.
    NotJsonContentType { content_type: String },
    EmptyBody,
    /// `reason`: the JSON parser's own description.
    InvalidJson { reason: String },
    BodyNotJsonObject,

    // Fields.
    /// `within`: the object holding it (`boxOffice`), none at the top level.
    UnknownField { within: Option<String>, field: String },
    /// A field only answers carry (`id`, `createdAt`).
    ReadOnlyField { field: String },
    MissingField { field: String },
    InvalidField { field: String, expected: Expected },
    TooLong { field: String, max_chars: usize },
    TooManyCast { max: usize },
    UnknownGenre { field: String, id: String },
    RepeatedGenre { field: String, id: String },
    UnknownPerson { field: String, id: String },

    // File import.
    ImportDataMissing,
    ImportEmpty,
    ImportTooLarge { max_bytes: usize },
}

impl ResourceError {
    pub fn status(&self) -> u16 {
        match self {
            ResourceError::RecordNotFound | ResourceError::WebhookNotFound | ResourceError::FileNotFound => 404,
            ResourceError::MethodNotAllowed { .. } => 405,
            _ => 400,
        }
    }

    /// The message of the error body: one sentence, ending with a full stop.
    pub fn message(&self) -> String {
        use ResourceError::*;
        match self {
            RecordNotFound => "Record not found.".into(),
            DefaultRecordReadOnly => "Default records cannot be changed.".into(),
            RecordLimit { .. } => "Record limit reached.".into(),
            WebhookExists => "A webhook already exists; delete it before adding another.".into(),
            WebhookNotFound => "Webhook not found.".into(),
            FileNotFound => "File not found.".into(),
            MethodNotAllowed { .. } => crate::error::METHOD_NOT_ALLOWED.into(),
            UnknownQueryParameter { name, allowed } => {
                format!("Unknown query parameter: {}; use {}.", echo(name), one_of(allowed))
            }
            // `q` repeats when a learner means two conditions; say how to join them.
            RepeatedQueryParameter { name } if name == "q" => "q is given twice; join the conditions with AND instead.".into(),
            RepeatedQueryParameter { name } => format!("{} is given twice; send it once.", echo(name)),
            InvalidQueryParameter { name, expected } => format!("{} must {}.", echo(name), expected.requirement()),
            SinceWithNameOrder => "since applies to the sort field, so it cannot be used with orderBy=name.".into(),
            PeopleQuery { fault, .. } => fault.message(),
            NotJsonContentType { .. } => "Send the body as JSON with Content-Type: application/json.".into(),
            EmptyBody => "The body is empty; send a JSON object.".into(),
            InvalidJson { reason } => format!("The body is not valid JSON: {reason}."),
            BodyNotJsonObject => "The body must be a JSON object.".into(),
            UnknownField { within, field } => {
                let within = within.as_deref().map(|w| format!("{w}.")).unwrap_or_default();
                format!("Unknown field: {within}{}.", echo(field))
            }
            ReadOnlyField { field } => format!("{} is read-only; leave it out.", echo(field)),
            MissingField { field } => format!("{} is required.", echo(field)),
            InvalidField { field, expected } => format!("{} must {}.", echo(field), expected.requirement()),
            TooLong { field, max_chars } => format!("{} must be at most {max_chars} characters.", echo(field)),
            TooManyCast { max } => format!("topCast may list at most {max} people."),
            UnknownGenre { field, id } => format!("{field} \"{}\" is not a known genre; see GET /genres.", echo(id)),
            RepeatedGenre { field, id } => format!("{field} \"{}\" is listed twice.", echo(id)),
            UnknownPerson { field, id } => format!("{field} \"{}\" is not a known person; see GET /people.", echo(id)),
            ImportDataMissing => "data is required: the file's content in base64.".into(),
            ImportEmpty => "data is empty; send the file's content in base64.".into(),
            ImportTooLarge { max_bytes } => format!("The file is larger than {}; send a smaller one.", size(*max_bytes)),
        }
    }

    /// The documented error body; a 405 carries `Allow`.
    pub fn response(&self) -> Response {
        match self {
            ResourceError::MethodNotAllowed { allow } => {
                let names: Vec<&str> = allow.iter().map(|m| m.name()).collect();
                crate::error::method_not_allowed(&names.join(", "))
            }
            _ => crate::error::error(self.status(), &self.message()),
        }
    }
}

/// `page, since, order or orderBy`.
fn one_of(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

use crate::http::bytes_in_words as size;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_and_405_allow() {
        assert_eq!(ResourceError::RecordNotFound.status(), 404);
        assert_eq!(ResourceError::RecordLimit { limit: 14 }.status(), 400);
        let r = ResourceError::MethodNotAllowed { allow: vec![Method::Get, Method::Post] }.response();
        assert_eq!(r.status, 405);
        assert_eq!(r.header_value("Allow"), Some("GET, POST"));
    }

    #[test]
    fn messages_name_fields_and_shorten_learner_text() {
        let unknown = ResourceError::UnknownField { within: Some("boxOffice".into()), field: "gross".into() };
        assert_eq!(unknown.message(), "Unknown field: boxOffice.gross.");
        let allowed = ["page", "since", "order", "orderBy"].map(String::from).to_vec();
        let e = ResourceError::UnknownQueryParameter { name: "x".repeat(50), allowed };
        assert_eq!(e.message(), format!("Unknown query parameter: {}…; use page, since, order or orderBy.", "x".repeat(40)));
        let e = ResourceError::InvalidField { field: "genres[0].id".into(), expected: Expected::GenreId };
        assert_eq!(e.message(), "genres[0].id must be a genre id as a string, such as \"1\".");
        assert_eq!(ResourceError::ImportTooLarge { max_bytes: 1 << 20 }.message(), "The file is larger than 1 MB; send a smaller one.");
    }

    #[test]
    fn errors_round_trip_as_data() {
        let e = ResourceError::PeopleQuery { position: 3, fault: QueryFault::OnlyAnd };
        let text = serde_json::to_string(&e).unwrap();
        assert_eq!(academy_json::from_str::<ResourceError>(&text).unwrap(), e);
    }
}
