//! RFC 3339 timestamps without a date crate. Output is UTC in the docs' form
//! (`2023-04-13T17:04:47+00:00`); input may carry any offset and an optional
//! fraction.

use crate::Millis;

const DAY: i64 = 86_400_000;

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian
/// (H. Hinnant's `civil_from_days`). Defined for every `i64` it gets here.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The inverse of [`civil_from_days`].
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `2023-04-13T17:04:47+00:00`, the docs' form. An instant with
/// milliseconds keeps them (`…47.120+00:00`), so nothing is rounded.
pub fn format(ms: Millis) -> String {
    let (year, month, day) = civil_from_days(ms.div_euclid(DAY));
    let t = ms.rem_euclid(DAY);
    let (hour, minute, second, millis) = (t / 3_600_000, t / 60_000 % 60, t / 1000 % 60, t % 1000);
    let fraction = if millis == 0 { String::new() } else { format!(".{millis:03}") };
    format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}{fraction}+00:00")
}

/// `2023-04-13T17:04:47.120Z`: always milliseconds and `Z`, the form HAR
/// files and JavaScript's `toISOString` use.
pub fn format_millis_z(ms: Millis) -> String {
    let (year, month, day) = civil_from_days(ms.div_euclid(DAY));
    let t = ms.rem_euclid(DAY);
    let (hour, minute, second, millis) = (t / 3_600_000, t / 60_000 % 60, t / 1000 % 60, t % 1000);
    format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}.{millis:03}Z")
}

/// Parses `YYYY-MM-DDTHH:mm:ss[.fff…](Z|±HH:mm)`; `None` when it is not one.
pub fn parse(text: &str) -> Option<Millis> {
    let b = text.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let digits = b.get(from..from + len)?;
        digits.iter().try_fold(0i64, |n, &d| d.is_ascii_digit().then(|| n * 10 + i64::from(d - b'0')))
    };
    let sep = |at: usize, allowed: &[u8]| b.get(at).is_some_and(|c| allowed.contains(c));
    if !(sep(4, b"-") && sep(7, b"-") && sep(10, b"Tt") && sep(13, b":") && sep(16, b":")) {
        return None;
    }
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let mut at = 19;
    let mut millis = 0;
    if b.get(at) == Some(&b'.') {
        let digits = b[at + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            return None;
        }
        // Milliseconds are the resolution; further digits are dropped.
        millis = b[at + 1..at + 1 + digits.min(3)].iter().fold(0, |n, &d| n * 10 + i64::from(d - b'0'));
        millis *= [100, 10, 1][digits.min(3) - 1];
        at += 1 + digits;
    }
    let offset_minutes = match b.get(at..)? {
        b"Z" | b"z" => 0,
        [sign @ (b'+' | b'-'), ..] if b.len() == at + 6 && b[at + 3] == b':' => {
            let (h, m) = (num(at + 1, 2)?, num(at + 4, 2)?);
            if h > 23 || m > 59 {
                return None;
            }
            let minutes = h * 60 + m;
            if *sign == b'+' {
                minutes
            } else {
                -minutes
            }
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    Some(days * DAY + ((hour * 60 + minute - offset_minutes) * 60 + second) * 1000 + millis)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_the_epoch_and_leap_days() {
        assert_eq!(format(0), "1970-01-01T00:00:00+00:00");
        assert_eq!(format(951_782_400_000), "2000-02-29T00:00:00+00:00");
        assert_eq!(format(-1), "1969-12-31T23:59:59.999+00:00");
        assert_eq!(format(1_681_405_487_120), "2023-04-13T17:04:47.120+00:00");
        assert_eq!(format_millis_z(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(format_millis_z(1_681_405_487_120), "2023-04-13T17:04:47.120Z");
        assert_eq!(parse(&format_millis_z(-1)), Some(-1));
    }

    #[test]
    fn parse_inverts_format() {
        for ms in [0, 1, -1, 951_782_400_123, 1_700_000_000_999, -62_135_596_800_000, 253_402_300_799_999] {
            assert_eq!(parse(&format(ms)), Some(ms), "{}", format(ms));
        }
    }

    #[test]
    fn parses_offsets_and_fractions() {
        assert_eq!(parse("1970-01-01T01:00:00+01:00"), Some(0));
        assert_eq!(parse("1970-01-01T00:00:00.5Z"), Some(500));
        assert_eq!(parse("1970-01-01T00:00:00.123456Z"), Some(123));
        assert_eq!(parse("1969-12-31T23:30:00-00:30"), Some(0));
    }

    #[test]
    fn rejects_what_is_not_a_date_time() {
        for text in [
            "", "2008", "2008-05-01", "2008-13-01T00:00:00Z", "2009-02-29T00:00:00Z", "2008-05-01T24:00:00Z",
            "2008-05-01T00:00:00", "2008-05-01T00:00:00.Z", "2008-05-01T00:00:00+0100", "2008-05-01T00:00:00Zx",
            "２００８-05-01T00:00:00Z", "2008-05-01T00:00:00+01:0é", "+008-05-01T00:00:00Z",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
    }

    #[test]
    fn extreme_times_do_not_panic() {
        for ms in [i64::MIN, i64::MAX] {
            let _ = format(ms);
            let _ = format_millis_z(ms);
        }
    }
}
