//! Dates without a date crate: civil-from-days and its inverse (the
//! proleptic Gregorian calendar, UTC), ISO 8601, and the moment.js tokens
//! Make's `formatDate`/`parseDate` use. A dozen short functions cost less in
//! the page than a date library whose own format language we would still
//! have to translate moment's into.

pub const MS_PER_DAY: i64 = 86_400_000;
/// The range JavaScript dates cover: ±100 000 000 days around 1970.
pub const MAX_MS: i64 = 8_640_000_000_000_000;

pub fn in_range(ms: i64) -> bool {
    (-MAX_MS..=MAX_MS).contains(&ms)
}

/// Days since 1970-01-01 for a civil date (month 1–12).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date (year, month 1–12, day 1–31) of a day since 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

pub fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A moment in its parts (UTC shifted by `offset_minutes`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parts {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    pub milli: u32,
}

pub fn parts(ms: i64) -> Parts {
    let days = ms.div_euclid(MS_PER_DAY);
    let rest = ms.rem_euclid(MS_PER_DAY);
    let (year, month, day) = civil_from_days(days);
    Parts {
        year,
        month,
        day,
        hour: (rest / 3_600_000) as u32,
        minute: (rest / 60_000 % 60) as u32,
        second: (rest / 1000 % 60) as u32,
        milli: (rest % 1000) as u32,
    }
}

/// Milliseconds for parts, if they form a valid date in range.
pub fn from_parts(p: Parts) -> Option<i64> {
    if !(1..=12).contains(&p.month) || p.day < 1 || p.day > days_in_month(p.year, p.month) || p.hour > 23 || p.minute > 59 || p.second > 59 {
        return None;
    }
    if p.year.abs() > 300_000 {
        return None;
    }
    let ms = days_from_civil(p.year, p.month, p.day) * MS_PER_DAY
        + i64::from(p.hour) * 3_600_000
        + i64::from(p.minute) * 60_000
        + i64::from(p.second) * 1000
        + i64::from(p.milli);
    in_range(ms).then_some(ms)
}

/// `YYYY-MM-DDTHH:mm:ss.SSSZ`, as JavaScript's `toISOString` writes it.
pub fn iso(ms: i64) -> String {
    let p = parts(ms);
    format!("{}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", year_text(p.year), p.month, p.day, p.hour, p.minute, p.second, p.milli)
}

fn year_text(year: i64) -> String {
    if (0..=9999).contains(&year) {
        format!("{year:04}")
    } else if year < 0 {
        format!("-{:06}", -year)
    } else {
        format!("+{year:06}")
    }
}

/// Adds calendar months, keeping the time of day and clamping the day to
/// the target month's length (Jan 31 + 1 month = Feb 28 or 29), as moment does.
pub fn add_months(ms: i64, months: i64) -> Option<i64> {
    let p = parts(ms);
    let total = p.year.checked_mul(12)?.checked_add(i64::from(p.month) - 1)?.checked_add(months)?;
    let year = total.div_euclid(12);
    let month = (total.rem_euclid(12) + 1) as u32;
    let day = p.day.min(days_in_month(year, month));
    from_parts(Parts { year, month, day, ..p })
}

/// ISO 8601 as Make receives it: `YYYY-MM-DD`, optionally `THH:mm[:ss[.SSS]]`
/// (or a space for `T`) and `Z` or `±HH[:]mm`. A date-time without a zone is UTC.
pub fn parse_iso(text: &str) -> Option<i64> {
    let s = text.trim().as_bytes();
    let mut r = Reader { s, i: 0 };
    let year = r.digits(4, 4)? as i64;
    r.expect(b'-')?;
    let month = r.digits(2, 2)?;
    r.expect(b'-')?;
    let day = r.digits(2, 2)?;
    let mut p = Parts { year, month, day, hour: 0, minute: 0, second: 0, milli: 0 };
    let mut offset = 0i64;
    if r.peek().is_some_and(|c| c == b'T' || c == b't' || c == b' ') {
        r.i += 1;
        p.hour = r.digits(2, 2)?;
        r.expect(b':')?;
        p.minute = r.digits(2, 2)?;
        if r.peek() == Some(b':') {
            r.i += 1;
            p.second = r.digits(2, 2)?;
            if r.peek() == Some(b'.') || r.peek() == Some(b',') {
                r.i += 1;
                let start = r.i;
                let frac = r.digits(1, 9)?;
                let len = r.i - start;
                p.milli = (u64::from(frac) * 1000 / 10u64.pow(len as u32)) as u32;
            }
        }
        offset = r.zone()?;
    }
    if r.i != s.len() {
        return None;
    }
    from_parts(p).map(|ms| ms - offset * 60_000).filter(|ms| in_range(*ms))
}

struct Reader<'a> {
    s: &'a [u8],
    i: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn expect(&mut self, c: u8) -> Option<()> {
        (self.peek() == Some(c)).then(|| self.i += 1)
    }

    /// Between `min` and `max` digits.
    fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        let start = self.i;
        let mut n: u32 = 0;
        while self.i - start < max {
            match self.peek() {
                Some(c) if c.is_ascii_digit() => {
                    n = n.checked_mul(10)?.checked_add(u32::from(c - b'0'))?;
                    self.i += 1;
                }
                _ => break,
            }
        }
        (self.i - start >= min).then_some(n)
    }

    /// `Z`, `±HH:mm`, `±HHmm`, or nothing (UTC); minutes east of UTC.
    fn zone(&mut self) -> Option<i64> {
        match self.peek() {
            None => Some(0),
            Some(b'Z') | Some(b'z') => {
                self.i += 1;
                Some(0)
            }
            Some(sign @ (b'+' | b'-')) => {
                self.i += 1;
                let h = self.digits(2, 2)?;
                if self.peek() == Some(b':') {
                    self.i += 1;
                }
                let m = self.digits(2, 2)?;
                if h > 23 || m > 59 {
                    return None;
                }
                let minutes = i64::from(h * 60 + m);
                Some(if sign == b'-' { -minutes } else { minutes })
            }
            Some(_) => None,
        }
    }
}

/// A time zone argument: `UTC`, `Z`, `Etc/UTC`, `GMT` or a fixed `±HH:mm`;
/// minutes east of UTC. Named zones with daylight saving are not known.
pub fn zone_offset(name: &str) -> Option<i64> {
    match name.trim() {
        "" | "UTC" | "utc" | "Z" | "GMT" | "Etc/UTC" | "Etc/GMT" => Some(0),
        other => {
            let mut r = Reader { s: other.as_bytes(), i: 0 };
            let offset = r.zone()?;
            (r.i == other.len()).then_some(offset)
        }
    }
}

/// The moment.js tokens supported, longest first so `YYYY` wins over `YY`.
const TOKENS: &[&str] = &["YYYY", "YY", "MM", "M", "DD", "D", "HH", "H", "hh", "h", "mm", "m", "ss", "s", "SSS", "A", "a", "ZZ", "Z", "X", "x"];

/// `formatDate`: moment tokens, `[text]` kept as written, other characters as they are.
pub fn format(ms: i64, pattern: &str, offset_minutes: i64) -> String {
    let local = ms.saturating_add(offset_minutes.saturating_mul(60_000));
    let p = parts(local);
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(c) = rest.chars().next() {
        if c == '[' {
            let end = rest.find(']').unwrap_or(rest.len());
            out.push_str(rest.get(1..end).unwrap_or(""));
            rest = rest.get(end + 1..).unwrap_or("");
            continue;
        }
        let Some(token) = TOKENS.iter().find(|t| rest.starts_with(**t)) else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        };
        let hour12 = match p.hour % 12 {
            0 => 12,
            h => h,
        };
        let zone = |sep: &str| {
            let sign = if offset_minutes < 0 { '-' } else { '+' };
            let m = offset_minutes.unsigned_abs();
            format!("{sign}{:02}{sep}{:02}", m / 60, m % 60)
        };
        let text = match *token {
            "YYYY" => year_text(p.year),
            "YY" => format!("{:02}", p.year.rem_euclid(100)),
            "MM" => format!("{:02}", p.month),
            "M" => p.month.to_string(),
            "DD" => format!("{:02}", p.day),
            "D" => p.day.to_string(),
            "HH" => format!("{:02}", p.hour),
            "H" => p.hour.to_string(),
            "hh" => format!("{hour12:02}"),
            "h" => hour12.to_string(),
            "mm" => format!("{:02}", p.minute),
            "m" => p.minute.to_string(),
            "ss" => format!("{:02}", p.second),
            "s" => p.second.to_string(),
            "SSS" => format!("{:03}", p.milli),
            "A" => (if p.hour < 12 { "AM" } else { "PM" }).to_string(),
            "a" => (if p.hour < 12 { "am" } else { "pm" }).to_string(),
            "ZZ" => zone(""),
            "Z" => zone(":"),
            "X" => ms.div_euclid(1000).to_string(),
            _ => ms.to_string(),
        };
        out.push_str(&text);
        rest = &rest[token.len()..];
    }
    out
}

/// `parseDate` with a pattern: the same tokens read back. `None` when the
/// text does not follow the pattern or names no valid date.
pub fn parse_with(text: &str, pattern: &str, offset_minutes: i64) -> Option<i64> {
    let mut r = Reader { s: text.trim().as_bytes(), i: 0 };
    let mut p = Parts { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, milli: 0 };
    let mut pm: Option<bool> = None;
    let mut zone: Option<i64> = None;
    let mut rest = pattern;
    while let Some(c) = rest.chars().next() {
        if c == '[' {
            let end = rest.find(']').unwrap_or(rest.len());
            for b in rest.get(1..end).unwrap_or("").bytes() {
                r.expect(b)?;
            }
            rest = rest.get(end + 1..).unwrap_or("");
            continue;
        }
        let Some(token) = TOKENS.iter().find(|t| rest.starts_with(**t)) else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                r.expect(b)?;
            }
            rest = &rest[c.len_utf8()..];
            continue;
        };
        match *token {
            "YYYY" => p.year = i64::from(r.digits(4, 4)?),
            "YY" => p.year = 2000 + i64::from(r.digits(2, 2)?),
            "MM" | "M" => p.month = r.digits(1, 2)?,
            "DD" | "D" => p.day = r.digits(1, 2)?,
            "HH" | "H" | "hh" | "h" => p.hour = r.digits(1, 2)?,
            "mm" | "m" => p.minute = r.digits(1, 2)?,
            "ss" | "s" => p.second = r.digits(1, 2)?,
            "SSS" => p.milli = r.digits(3, 3)?,
            "A" | "a" => {
                let two = r.s.get(r.i..r.i + 2)?;
                pm = Some(two.eq_ignore_ascii_case(b"pm"));
                if !pm.unwrap_or(false) && !two.eq_ignore_ascii_case(b"am") {
                    return None;
                }
                r.i += 2;
            }
            "ZZ" | "Z" => zone = Some(r.zone()?),
            "X" => return seconds(&mut r).map(|s| s * 1000).filter(|ms| in_range(*ms)),
            _ => return seconds(&mut r).filter(|ms| in_range(*ms)),
        }
        rest = &rest[token.len()..];
    }
    if r.i != r.s.len() {
        return None;
    }
    match pm {
        Some(true) if p.hour < 12 => p.hour += 12,
        Some(false) if p.hour == 12 => p.hour = 0,
        _ => {}
    }
    let offset = zone.unwrap_or(offset_minutes);
    from_parts(p).map(|ms| ms - offset * 60_000).filter(|ms| in_range(*ms))
}

fn seconds(r: &mut Reader) -> Option<i64> {
    let negative = r.expect(b'-').is_some();
    let start = r.i;
    while r.peek().is_some_and(|c| c.is_ascii_digit()) && r.i - start < 16 {
        r.i += 1;
    }
    let n: i64 = std::str::from_utf8(r.s.get(start..r.i)?).ok()?.parse().ok()?;
    Some(if negative { -n } else { n })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trips() {
        for days in [-800_000, -1, 0, 1, 59, 365, 11_016, 19_675, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }

    #[test]
    fn iso_both_ways() {
        assert_eq!(iso(1_700_000_000_000), "2023-11-14T22:13:20.000Z");
        assert_eq!(parse_iso("2023-11-14T22:13:20.000Z"), Some(1_700_000_000_000));
        assert_eq!(parse_iso("2023-11-14T23:13:20+01:00"), Some(1_700_000_000_000));
        assert_eq!(parse_iso("2023-11-14 22:13:20"), Some(1_700_000_000_000));
        assert_eq!(parse_iso("2023-11-14"), Some(1_699_920_000_000));
        assert_eq!(parse_iso("2023-02-30"), None);
        assert_eq!(parse_iso("nope"), None);
    }

    #[test]
    fn months_clamp_the_day() {
        let jan31 = parse_iso("2024-01-31T10:00:00Z").unwrap();
        assert_eq!(add_months(jan31, 1).map(iso).as_deref(), Some("2024-02-29T10:00:00.000Z"));
        assert_eq!(add_months(jan31, 13).map(iso).as_deref(), Some("2025-02-28T10:00:00.000Z"));
        assert_eq!(add_months(jan31, -2).map(iso).as_deref(), Some("2023-11-30T10:00:00.000Z"));
        assert_eq!(add_months(jan31, i64::MAX), None);
    }

    #[test]
    fn moment_tokens_both_ways() {
        let ms = parse_iso("2024-03-05T14:07:09.045Z").unwrap();
        assert_eq!(format(ms, "YYYY-MM-DD HH:mm:ss.SSS Z", 0), "2024-03-05 14:07:09.045 +00:00");
        assert_eq!(format(ms, "D.M.YY h:m:s A [at] ZZ", 60), "5.3.24 3:7:9 PM at +0100");
        assert_eq!(format(ms, "X", 0), "1709647629");
        assert_eq!(parse_with("2024-03-05 14:07:09", "YYYY-MM-DD HH:mm:ss", 0), Some(ms - 45));
        assert_eq!(parse_with("05/03/2024 02:07 pm", "DD/MM/YYYY hh:mm a", 0), Some(ms - 9045));
        assert_eq!(parse_with("1709647629", "X", 0), Some(ms - 45));
        assert_eq!(parse_with("2024-13-05", "YYYY-MM-DD", 0), None);
    }
}
