//! What an input may hold: the largest title, 文号, issuer, text, number of articles, JSON Lines
//! record and XML file the registry takes, the dates it takes, and the characters a one-line
//! field may hold. Every import goes through these checks before anything is stored or indexed,
//! so that no input costs more than a small multiple of its size in memory and time.
//!
//! The limits are far beyond what real documents need, measured on the shared corpus of 3,419
//! laws, regulations and interpretations and the Akoma Ntoso samples (`bench/limits.py` measures
//! them again): the longest title there has 74 characters, the longest 文号 25, the longest
//! issuer 19; the longest text has 107,245 characters (312,667 bytes), the most articles in one
//! text are 708 (the 民法典 has 1,260); the longest JSON Lines record is 316,907 bytes and the
//! largest Akoma Ntoso file 666,359 bytes. Each limit is at least 20 times the largest seen.
//!
//! Each refusal is an [`Error::InvalidInput`] naming the field, with one of the reasons below
//! (one constant per limit, so that a front end can translate them), or an [`Error::Xml`] for
//! an XML file over its size.

use time::{Date, Month};

use crate::error::{Error, Result};

/// Characters of a title (the longest seen: 74).
pub const MAX_TITLE_CHARS: usize = 2_000;
/// Why a title is refused.
pub const TITLE_TOO_LONG: &str = "a title is at most 2000 characters";

/// Characters of a 文号 (the longest seen: 25).
pub const MAX_DOC_NUMBER_CHARS: usize = 500;
/// Why a 文号 is refused.
pub const DOC_NUMBER_TOO_LONG: &str = "a document number is at most 500 characters";

/// Characters of an issuer, several joined with `、` (the longest seen: 19).
pub const MAX_ISSUER_CHARS: usize = 2_000;
/// Why an issuer is refused.
pub const ISSUER_TOO_LONG: &str = "an issuer is at most 2000 characters";

/// Characters of any other one-line field: keys, kind, label, 登记号, 索引号 (the longest seen,
/// a key: 91).
pub const MAX_FIELD_CHARS: usize = 2_000;
/// Why another one-line field is refused.
pub const FIELD_TOO_LONG: &str = "a one-line field is at most 2000 characters";

/// Bytes (UTF-8) of a version's text: 16 MiB, some 5.5 million Chinese characters (the
/// longest seen: 312,667 bytes).
pub const MAX_BODY_BYTES: usize = 16 << 20;
/// Why a text is refused.
pub const BODY_TOO_LONG: &str = "a text is at most 16 MiB (UTF-8)";

/// Articles (条) in one version's text (the most seen: 708; the 民法典 has 1,260).
pub const MAX_ARTICLES: usize = 50_000;
/// Why a text is refused for its articles.
pub const TOO_MANY_ARTICLES: &str = "a text holds at most 50000 articles";

/// Bytes of one JSON Lines record: twice the text's limit (a text written with `\u` escapes
/// takes twice its UTF-8 size) and 8 MiB for the other fields (the longest seen: 316,907).
pub const MAX_LINE_BYTES: usize = 2 * MAX_BODY_BYTES + (8 << 20);
/// Why a JSON Lines record is refused.
pub const LINE_TOO_LONG: &str = "a record is at most 40 MiB";

/// Bytes of one Akoma Ntoso file (the largest seen: 666,359).
pub const MAX_XML_BYTES: usize = 64 << 20;

/// The earliest date a record may give: no document of modern Chinese law is older, and an
/// earlier year is a typing error (`0000-01-01`, `0202-05-01`). The same years bound the
/// year of a 文号.
pub const FIRST_DATE: Date = match Date::from_calendar_date(1900, Month::January, 1) {
    Ok(d) => d,
    Err(_) => Date::MIN,
};
/// The latest date a record may give: a 有效期 reaches a few decades ahead, never two centuries.
pub const LAST_DATE: Date = match Date::from_calendar_date(2199, Month::December, 31) {
    Ok(d) => d,
    Err(_) => Date::MAX,
};
/// Why a date is refused.
pub const DATE_OUT_OF_RANGE: &str = "a date lies between 1900-01-01 and 2199-12-31";

/// Why a version whose 有效期 ends before it was issued is refused.
pub const EXPIRES_BEFORE_ISSUED: &str = "the expiry date is before the issued date";
/// Why a version whose 有效期 ends before it takes effect is refused.
pub const EXPIRES_BEFORE_EFFECTIVE: &str = "the expiry date is before the effective date";

/// Why a one-line field with a control character is refused.
pub const CONTROL_CHARACTER: &str =
    "control characters (NUL, ESC, line breaks …) are not allowed in a one-line field";

/// Characters that do not show and are taken out of one-line fields (and of references looked
/// up): zero width space, non-joiner and joiner, word joiner, and the byte order mark.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// `value` without its invisible characters ([`is_invisible`]).
pub fn visible(value: &str) -> std::borrow::Cow<'_, str> {
    if value.contains(is_invisible) {
        std::borrow::Cow::Owned(value.chars().filter(|&c| !is_invisible(c)).collect())
    } else {
        std::borrow::Cow::Borrowed(value)
    }
}

/// A one-line field as stored: its invisible characters taken out; refused when it holds a
/// control character or more than `max` characters (`reason` says so).
pub fn one_line(field: &str, value: &str, max: usize, reason: &str) -> Result<String> {
    let v = visible(value);
    if v.contains(char::is_control) {
        return Err(Error::invalid(
            field,
            escape_controls(&v),
            CONTROL_CHARACTER,
        ));
    }
    if v.chars().count() > max {
        return Err(Error::invalid(field, &v, reason));
    }
    Ok(v.into_owned())
}

/// Refuses a date outside [`FIRST_DATE`]..=[`LAST_DATE`].
pub fn check_date(field: &str, date: Date) -> Result<()> {
    if (FIRST_DATE..=LAST_DATE).contains(&date) {
        Ok(())
    } else {
        Err(Error::invalid(
            field,
            crate::date::iso(date),
            DATE_OUT_OF_RANGE,
        ))
    }
}

/// Refuses a text over [`MAX_BODY_BYTES`].
pub fn check_body(body: &str) -> Result<()> {
    if body.len() > MAX_BODY_BYTES {
        return Err(Error::invalid(
            "body",
            format!("{} bytes", body.len()),
            BODY_TOO_LONG,
        ));
    }
    Ok(())
}

/// Refuses more than [`MAX_ARTICLES`] articles.
pub fn check_articles(count: usize) -> Result<()> {
    if count > MAX_ARTICLES {
        return Err(Error::invalid(
            "body",
            format!("{count} articles"),
            TOO_MANY_ARTICLES,
        ));
    }
    Ok(())
}

/// A value with its control characters shown as `\x1b`, for messages.
pub fn escape_controls(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if c.is_control() {
            out.push_str(&format!("\\x{:02x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_reason_states_its_limit() {
        assert!(TITLE_TOO_LONG.contains(&MAX_TITLE_CHARS.to_string()));
        assert!(DOC_NUMBER_TOO_LONG.contains(&MAX_DOC_NUMBER_CHARS.to_string()));
        assert!(ISSUER_TOO_LONG.contains(&MAX_ISSUER_CHARS.to_string()));
        assert!(FIELD_TOO_LONG.contains(&MAX_FIELD_CHARS.to_string()));
        assert!(BODY_TOO_LONG.contains(&format!("{} MiB", MAX_BODY_BYTES >> 20)));
        assert!(TOO_MANY_ARTICLES.contains(&MAX_ARTICLES.to_string()));
        assert!(LINE_TOO_LONG.contains(&format!("{} MiB", MAX_LINE_BYTES >> 20)));
        assert!(DATE_OUT_OF_RANGE.contains(&crate::date::iso(FIRST_DATE)));
        assert!(DATE_OUT_OF_RANGE.contains(&crate::date::iso(LAST_DATE)));
    }

    #[test]
    fn one_line_fields_lose_invisible_characters_and_refuse_controls() {
        let v = one_line(
            "title",
            "潜江市\u{200B}合同\u{FEFF}管理办法",
            100,
            TITLE_TOO_LONG,
        );
        assert_eq!(v.expect("kept"), "潜江市合同管理办法");
        for bad in ["a\u{0}b", "a\u{1b}[31mb", "a\u{7}", "a\nb", "a\u{9b}b"] {
            let e = one_line("title", bad, 100, TITLE_TOO_LONG).expect_err(bad);
            let input = e.input().expect("input error");
            assert_eq!(input.reason, CONTROL_CHARACTER);
            assert!(!input.value.contains(char::is_control), "{e}");
        }
        let e = one_line("title", &"条".repeat(101), 100, TITLE_TOO_LONG).expect_err("long");
        assert_eq!(e.input().expect("input").reason, TITLE_TOO_LONG);
    }

    #[test]
    fn dates_outside_the_range_are_refused() {
        use time::macros::date;
        assert!(check_date("issued", date!(1949 - 09 - 29)).is_ok());
        assert!(check_date("expires", date!(2199 - 12 - 31)).is_ok());
        let e = check_date("issued", date!(0000 - 01 - 01)).expect_err("year 0");
        assert_eq!(
            e.to_string(),
            "invalid input: `issued` = `0000-01-01`: a date lies between 1900-01-01 and 2199-12-31"
        );
        assert!(check_date("expires", date!(2200 - 01 - 01)).is_err());
    }
}
