//! Status classes for the screen: how a status is styled and filtered. (The
//! HTTP text itself, status lines, URLs and pretty JSON, comes from the
//! engine's `http` toolkit.)

/// The broad class of a status, for styling and filtering: `2xx` … `5xx`.
/// Anything outside 100–499, such as the 0 of a page that never loaded, is
/// styled as a failure.
pub fn status_class(status: u16) -> &'static str {
    match status {
        100..=199 => "1xx",
        200..=299 => "2xx",
        300..=399 => "3xx",
        400..=499 => "4xx",
        _ => "5xx",
    }
}
