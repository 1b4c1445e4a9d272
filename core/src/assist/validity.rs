//! The 有效期 clause of a text (`有效期5年`, `有效期为五年`, `有效期至2029年6月30日`), its
//! 施行 date (`自2024年7月1日起施行`), dates written out in Chinese, and the periods the rules
//! compare.

use crate::text::chars::is_numeral;
use time::{Date, Duration};

use crate::text::normalize::fold_char;
use crate::text::numerals::parse_chinese_number;

/// A 有效期 clause found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidityClause {
    /// Byte offset of `有效期`.
    pub offset: usize,
    /// `有效期N年`.
    pub years: Option<u32>,
    /// `有效期N个月`.
    pub months: Option<u32>,
    /// `有效期至…`: the last day.
    pub until: Option<Date>,
}

/// A date written `2024年7月1日` (Arabic, full-width or Chinese numerals) at the start of `s`:
/// the date and its byte length.
pub fn date_at(s: &str) -> Option<(Date, usize)> {
    let mut pos = 0;
    let mut parts = [0u32; 3];
    for (k, unit) in ['年', '月', '日'].into_iter().enumerate() {
        let rest = &s[pos..];
        let len = rest
            .char_indices()
            .find(|&(_, c)| !is_numeral(c))
            .map_or(rest.len(), |(i, _)| i);
        let chars = rest[..len].chars().count();
        if len == 0 || (k == 0 && chars != 4) || (k > 0 && chars > 3) {
            return None;
        }
        let digits: String = rest[..len].chars().map(fold_char).collect();
        // A year is read digit by digit (二〇二四), a month or day as a number (二十九).
        parts[k] = u32::try_from(parse_chinese_number(&digits)?).ok()?;
        if !rest[len..].starts_with(unit) {
            return None;
        }
        pos += len + unit.len_utf8();
    }
    let month = time::Month::try_from(u8::try_from(parts[1]).ok()?).ok()?;
    let date = Date::from_calendar_date(
        i32::try_from(parts[0]).ok()?,
        month,
        u8::try_from(parts[2]).ok()?,
    )
    .ok()?;
    Some((date, pos))
}

/// A number (Arabic or Chinese) at the start of `s`: its value and byte length.
fn number_at(s: &str) -> Option<(u32, usize)> {
    let len = s
        .char_indices()
        .find(|&(_, c)| !is_numeral(c))
        .map_or(s.len(), |(i, _)| i);
    if len == 0 || s[..len].chars().count() > 4 {
        return None;
    }
    let folded: String = s[..len].chars().map(fold_char).collect();
    Some((u32::try_from(parse_chinese_number(&folded)?).ok()?, len))
}

/// The first 有效期 clause of a text that states a period or an end; mentions such as
/// `有效期届满前` are passed over.
pub fn find_validity(text: &str) -> Option<ValidityClause> {
    let mut from = 0;
    while let Some(rel) = text[from..].find("有效期") {
        let offset = from + rel;
        from = offset + "有效期".len();
        let mut rest = &text[from..];
        for filler in ["限", "为", "：", ":", "是"] {
            rest = rest.strip_prefix(filler).unwrap_or(rest);
        }
        if let Some(after) = rest.strip_prefix('至')
            && let Some((until, _)) = date_at(after)
        {
            return Some(ValidityClause {
                offset,
                years: None,
                months: None,
                until: Some(until),
            });
        }
        if let Some((n, len)) = number_at(rest) {
            let unit = &rest[len..];
            if unit.starts_with('年') {
                return Some(ValidityClause {
                    offset,
                    years: Some(n),
                    months: None,
                    until: None,
                });
            }
            if unit.starts_with("个月") || unit.starts_with('月') {
                return Some(ValidityClause {
                    offset,
                    years: None,
                    months: Some(n),
                    until: None,
                });
            }
        }
    }
    None
}

/// The 施行 date a text states: `自2024年7月1日起施行`, `自…起执行`.
pub fn find_effective(text: &str) -> Option<Date> {
    let mut from = 0;
    while let Some(rel) = text[from..].find('自') {
        let at = from + rel + '自'.len_utf8();
        from = at;
        if let Some((d, len)) = date_at(&text[at..])
            && text[at + len..].starts_with('起')
        {
            return Some(d);
        }
    }
    None
}

/// `date` plus whole years, the 29th of February becoming the 28th.
pub fn add_years(date: Date, years: u32) -> Date {
    let y = date.year() + i32::try_from(years).unwrap_or(0);
    Date::from_calendar_date(y, date.month(), date.day())
        .or_else(|_| Date::from_calendar_date(y, date.month(), 28))
        .unwrap_or(date)
}

/// `date` plus whole months, the day kept where the month has it, else its last day.
pub fn add_months(date: Date, months: u32) -> Date {
    let total = date.year() * 12 + i32::from(u8::from(date.month())) - 1 + months as i32;
    let (y, m) = (total.div_euclid(12), total.rem_euclid(12) + 1);
    let Ok(month) = time::Month::try_from(m as u8) else {
        return date;
    };
    let mut day = date.day();
    loop {
        if let Ok(d) = Date::from_calendar_date(y, month, day) {
            return d;
        }
        if day <= 28 {
            return date;
        }
        day -= 1;
    }
}

/// The last day of a clause's period for a document in force from `start`.
pub fn clause_end(clause: &ValidityClause, start: Option<Date>) -> Option<Date> {
    if let Some(until) = clause.until {
        return Some(until);
    }
    let start = start?;
    let end = match (clause.years, clause.months) {
        (Some(y), _) => add_years(start, y),
        (None, Some(m)) => add_months(start, m),
        (None, None) => return None,
    };
    Some(end - Duration::days(1))
}

/// Whether a period from `start` to `end` (its last day) is longer than `years` years.
pub fn longer_than(start: Date, end: Date, years: u32) -> bool {
    end >= add_years(start, years)
}

/// Whether a title marks the document 暂行 or 试行.
pub fn is_trial(title: &str) -> bool {
    title.contains("暂行") || title.contains("试行")
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn dates_in_any_numerals() {
        assert_eq!(
            date_at("2024年7月1日起"),
            Some((date!(2024 - 07 - 01), "2024年7月1日".len()))
        );
        assert_eq!(
            date_at("２０２４年５月２１日").map(|d| d.0),
            Some(date!(2024 - 05 - 21))
        );
        assert_eq!(
            date_at("二〇二四年五月二十九日").map(|d| d.0),
            Some(date!(2024 - 05 - 29))
        );
        assert_eq!(date_at("2024年2月30日"), None);
        assert_eq!(date_at("24年2月3日"), None);
    }

    #[test]
    fn validity_clauses() {
        let c = find_validity("本办法自2024年7月1日起施行，有效期5年。").expect("clause");
        assert_eq!((c.years, c.until), (Some(5), None));
        let c = find_validity("有效期为五年").expect("clause");
        assert_eq!(c.years, Some(5));
        let c =
            find_validity("有效期届满前6个月评估。本规定有效期至2026年5月5日。").expect("clause");
        assert_eq!(c.until, Some(date!(2026 - 05 - 05)));
        assert_eq!(find_validity("有效期届满前评估。"), None);
        let c = find_validity("有效期两年").expect("clause");
        assert_eq!(c.years, Some(2));
        let c = find_validity("有效期18个月").expect("clause");
        assert_eq!(c.months, Some(18));
    }

    #[test]
    fn periods() {
        let start = date!(2024 - 07 - 01);
        let five = ValidityClause {
            offset: 0,
            years: Some(5),
            months: None,
            until: None,
        };
        assert_eq!(clause_end(&five, Some(start)), Some(date!(2029 - 06 - 30)));
        assert!(!longer_than(start, date!(2029 - 06 - 30), 5));
        assert!(longer_than(start, date!(2029 - 07 - 01), 5));
        assert_eq!(add_years(date!(2024 - 02 - 29), 1), date!(2025 - 02 - 28));
        assert_eq!(add_months(date!(2024 - 08 - 31), 6), date!(2025 - 02 - 28));
        assert_eq!(find_effective("本办法自2024年7月1日起施行。"), Some(start));
        assert!(is_trial("某某办法（试行）") && !is_trial("某某办法"));
    }
}
