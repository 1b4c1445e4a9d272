//! Calendar dates: ISO `2024-07-18` and Chinese `2024年7月18日`.
//!
//! Dates are `time::Date`. Parsing accepts full-width digits and the separators `-`, `/`, `.`;
//! printing is always ISO 8601.

use time::{Date, Month, OffsetDateTime, UtcOffset};

use crate::error::{Error, Result};
use crate::text::normalize::fold_width;

/// Parses a date given as `2024-07-18`, `2024/7/18`, `2024.7.18` or `2024年7月18日`
/// (full-width digits allowed). `field` names the value in the error.
pub fn parse_date(field: &str, value: &str) -> Result<Date> {
    let folded = fold_width(value.trim());
    let bad = |reason: &str| Error::invalid(field, value, reason);
    let parts: Vec<&str> = if let Some(rest) = folded.strip_suffix('日') {
        let (y, rest) = rest
            .split_once('年')
            .ok_or_else(|| bad("expected a date like 2024-07-18 or 2024年7月18日"))?;
        let (m, d) = rest
            .split_once('月')
            .ok_or_else(|| bad("expected a date like 2024-07-18 or 2024年7月18日"))?;
        vec![y, m, d]
    } else {
        folded.split(['-', '/', '.']).collect()
    };
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty()) {
        return Err(bad("expected a date like 2024-07-18 or 2024年7月18日"));
    }
    let number = |s: &str, max_len: usize| -> Result<u32> {
        if s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad("expected a date like 2024-07-18 or 2024年7月18日"));
        }
        s.parse::<u32>()
            .map_err(|_| bad("expected a date like 2024-07-18 or 2024年7月18日"))
    };
    let year = number(parts[0], 4)?;
    if parts[0].len() != 4 {
        return Err(bad("the year needs four digits"));
    }
    let month = number(parts[1], 2)?;
    let day = number(parts[2], 2)?;
    let month = u8::try_from(month)
        .ok()
        .and_then(|m| Month::try_from(m).ok())
        .ok_or_else(|| bad("no such month"))?;
    let year = i32::try_from(year).map_err(|_| bad("no such year"))?;
    let day = u8::try_from(day).map_err(|_| bad("no such day"))?;
    Date::from_calendar_date(year, month, day).map_err(|_| bad("no such day in that month"))
}

/// Parses an optional date field: `None` and the empty string are no date.
pub fn parse_opt_date(field: &str, value: Option<&str>) -> Result<Option<Date>> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => parse_date(field, v).map(Some),
    }
}

/// Reads a date the store wrote (`YYYY-MM-DD`, ASCII) without allocating; `None` when the
/// text is not in that form.
pub fn from_iso(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let year = i32::try_from(num(0..4)?).ok()?;
    let month = Month::try_from(u8::try_from(num(5..7)?).ok()?).ok()?;
    let day = u8::try_from(num(8..10)?).ok()?;
    Date::from_calendar_date(year, month, day).ok()
}

/// Formats a date as ISO 8601 (`2024-07-18`).
pub fn iso(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// Formats a date the Chinese way (`2024年7月18日`).
pub fn chinese(date: Date) -> String {
    format!(
        "{}年{}月{}日",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// China Standard Time, in which "today" is reckoned for documents of Chinese bodies.
pub const CHINA_OFFSET: UtcOffset = match UtcOffset::from_hms(8, 0, 0) {
    Ok(offset) => offset,
    Err(_) => UtcOffset::UTC,
};

/// The environment variable that fixes "today" (an ISO or Chinese date), so that scripts and
/// tests are reproducible.
pub const TODAY_VAR: &str = "GUIFAN_TODAY";

/// Today: the date `GUIFAN_TODAY` gives when it is set and not empty, else today's date in
/// China Standard Time. Every front end asks this, so they all agree on "today".
pub fn today() -> Result<Date> {
    match std::env::var(TODAY_VAR) {
        Ok(s) if !s.trim().is_empty() => parse_date(TODAY_VAR, &s),
        _ => Ok(OffsetDateTime::now_utc().to_offset(CHINA_OFFSET).date()),
    }
}

/// `as_of`, else [`today`].
pub fn as_of_or_today(as_of: Option<Date>) -> Result<Date> {
    as_of.map_or_else(today, Ok)
}

/// The current instant as RFC 3339 in UTC with microseconds, for audit entries.
pub fn now_timestamp() -> String {
    let now = OffsetDateTime::now_utc();
    format!(
        "{}T{:02}:{:02}:{:02}.{:06}Z",
        iso(now.date()),
        now.hour(),
        now.minute(),
        now.second(),
        now.microsecond()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn parses_iso_and_chinese_forms() {
        assert_eq!(
            parse_date("d", "2024-07-18").expect("iso"),
            date!(2024 - 07 - 18)
        );
        assert_eq!(
            parse_date("d", "2024年7月18日").expect("chinese"),
            date!(2024 - 07 - 18)
        );
        assert_eq!(
            parse_date("d", "２０２４年７月１８日").expect("full width"),
            date!(2024 - 07 - 18)
        );
        assert_eq!(
            parse_date("d", "2024/7/8").expect("slashes"),
            date!(2024 - 07 - 08)
        );
    }

    #[test]
    fn rejects_impossible_dates_naming_the_field() {
        for bad in [
            "2024-13-01",
            "2023-02-29",
            "24-01-01",
            "2024-1",
            "",
            "yesterday",
            "2024年7月",
        ] {
            let err = parse_date("issued", bad).expect_err(bad);
            let input = err.input().expect("input error");
            assert_eq!(input.field, "issued");
            assert_eq!(input.value, bad);
        }
    }

    #[test]
    fn formats_both_ways() {
        let d = date!(2024 - 05 - 29);
        assert_eq!(iso(d), "2024-05-29");
        assert_eq!(chinese(d), "2024年5月29日");
    }

    proptest::proptest! {
        #[test]
        fn iso_round_trips(days in 0i32..(366 * 300)) {
            let d = date!(1900 - 01 - 01) + time::Duration::days(i64::from(days));
            proptest::prop_assert_eq!(parse_date("d", &iso(d)).expect("iso"), d);
            proptest::prop_assert_eq!(from_iso(&iso(d)), Some(d));
            proptest::prop_assert_eq!(parse_date("d", &chinese(d)).expect("chinese"), d);
        }
    }
}
