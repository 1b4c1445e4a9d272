//! 发文字号: the number a document is issued under.
//!
//! Two shapes are in use:
//!
//! - 机关代字 + 〔year〕 + serial + 号: `国办发〔2023〕27号`, `潜政规〔2024〕3号`, `法释〔2022〕2号`.
//!   The year brackets are written in many ways (〔〕 [] ［］ () （） 【】); all are the same number.
//! - issuer + 第N号 for orders and announcements: `国务院令第699号`, `中华人民共和国主席令第三号`,
//!   `杭州市人民代表大会常务委员会公告第15号`. N may be written in Chinese numerals.
//!
//! The canonical form uses 〔〕 and Arabic digits, without spaces, and drops the
//! `中华人民共和国` in front of `国务院令` and `主席令`. The raw text is kept. Two numbers are equal
//! when their canonical forms are.

use std::fmt;
use std::hash::{Hash, Hasher};

use crate::error::{Error, Result};
use crate::text::normalize::fold_char;
use crate::text::numerals::parse_chinese_number;

/// A parsed 发文字号.
#[derive(Debug, Clone)]
pub struct DocNumber {
    raw: String,
    canonical: String,
    form: Form,
}

/// The parts of a document number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Form {
    /// 机关代字〔year〕serial号.
    Year {
        /// 机关代字, the issuer's abbreviation with the document type (潜政规, 国办发).
        agency: String,
        /// The year in the brackets.
        year: u16,
        /// The serial number within that year.
        serial: u32,
    },
    /// issuer第N号 (令, 公告).
    Ordinal {
        /// The issuer and series before 第 (湖北省人民政府令).
        issuer: String,
        /// The number N.
        serial: u32,
    },
}

const OPEN: [char; 5] = ['〔', '[', '(', '【', '〖'];
const CLOSE: [char; 5] = ['〕', ']', ')', '】', '〗'];

impl DocNumber {
    /// Parses a document number in any of the accepted spellings.
    ///
    /// Invisible characters (zero width space and joiners, the byte order mark) are taken out
    /// of the raw text as well; a control character, or more than
    /// [`MAX_DOC_NUMBER_CHARS`](crate::limits::MAX_DOC_NUMBER_CHARS) characters, is refused.
    pub fn parse(raw: &str) -> Result<DocNumber> {
        use crate::limits::{DOC_NUMBER_TOO_LONG, MAX_DOC_NUMBER_CHARS, one_line};
        let raw = &one_line("doc_number", raw, MAX_DOC_NUMBER_CHARS, DOC_NUMBER_TOO_LONG)?;
        let bad = |reason: &str| Error::invalid("doc_number", raw, reason);
        let s: String = raw
            .chars()
            .map(fold_char)
            .filter(|c| !c.is_whitespace())
            .collect();
        if s.is_empty() {
            return Err(bad("empty document number"));
        }
        let form = if let Some(form) = parse_year_form(&s) {
            form
        } else if let Some(form) = parse_ordinal_form(&s) {
            form
        } else if s.chars().any(|c| OPEN.contains(&c)) {
            return Err(bad(
                "expected 机关代字〔year〕serial号, like 国办发〔2023〕27号, with a four-digit year",
            ));
        } else {
            return Err(bad(
                "expected 机关代字〔year〕serial号 (国办发〔2023〕27号) or 第N号 (国务院令第699号)",
            ));
        };
        let canonical = match &form {
            Form::Year {
                agency,
                year,
                serial,
            } => format!("{agency}〔{year}〕{serial}号"),
            Form::Ordinal { issuer, serial } => format!("{issuer}第{serial}号"),
        };
        Ok(DocNumber {
            raw: raw.to_owned(),
            canonical,
            form,
        })
    }

    /// The text as it was given.
    pub fn raw(&self) -> &str {
        &self.raw
    }

    /// The canonical spelling: 〔〕, Arabic digits, no spaces.
    pub fn canonical(&self) -> &str {
        &self.canonical
    }

    /// The parts.
    pub fn form(&self) -> &Form {
        &self.form
    }

    /// The year in the brackets, for the year form.
    pub fn year(&self) -> Option<u16> {
        match self.form {
            Form::Year { year, .. } => Some(year),
            Form::Ordinal { .. } => None,
        }
    }
}

/// Finds `agency〔year〕serial号`, taking the last bracketed four-digit year.
fn parse_year_form(s: &str) -> Option<Form> {
    let chars: Vec<char> = s.chars().collect();
    let n = chars.len();
    let mut found = None;
    for i in 0..n {
        if !OPEN.contains(&chars[i]) {
            continue;
        }
        // The year: four digits, Arabic or Chinese, then a closing bracket.
        let Some(close) = (i + 1..n.min(i + 7)).find(|&j| CLOSE.contains(&chars[j])) else {
            continue;
        };
        let year_text: String = chars[i + 1..close].iter().collect();
        if year_text.chars().count() != 4 {
            continue;
        }
        let Some(year) = parse_chinese_number(&year_text).and_then(|y| u16::try_from(y).ok())
        else {
            continue;
        };
        found = Some((i, close, year));
    }
    let (open, close, year) = found?;
    let years = crate::limits::FIRST_DATE.year()..=crate::limits::LAST_DATE.year();
    if !years.contains(&i32::from(year)) {
        return None;
    }
    let agency: String = chars[..open].iter().collect();
    let rest: String = chars[close + 1..].iter().collect();
    let serial_text = rest.strip_suffix('号')?;
    let serial_text = serial_text.strip_prefix('第').unwrap_or(serial_text);
    let serial = parse_chinese_number(serial_text).and_then(|v| u32::try_from(v).ok())?;
    if agency.is_empty()
        || agency
            .chars()
            .any(|c| OPEN.contains(&c) || CLOSE.contains(&c))
    {
        return None;
    }
    Some(Form::Year {
        agency,
        year,
        serial,
    })
}

/// Finds `issuer第N号`.
fn parse_ordinal_form(s: &str) -> Option<Form> {
    let body = s.strip_suffix('号')?;
    let at = body.rfind('第')?;
    let issuer = &body[..at];
    let number = &body[at + '第'.len_utf8()..];
    let serial = parse_chinese_number(number).and_then(|v| u32::try_from(v).ok())?;
    if issuer.is_empty()
        || issuer
            .chars()
            .any(|c| OPEN.contains(&c) || CLOSE.contains(&c))
    {
        return None;
    }
    let issuer = match issuer {
        "中华人民共和国国务院令" => "国务院令",
        "中华人民共和国主席令" => "主席令",
        other => other,
    };
    Some(Form::Ordinal {
        issuer: issuer.to_owned(),
        serial,
    })
}

impl PartialEq for DocNumber {
    fn eq(&self, other: &Self) -> bool {
        self.canonical == other.canonical
    }
}

impl Eq for DocNumber {}

impl Hash for DocNumber {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.canonical.hash(state);
    }
}

impl fmt::Display for DocNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical)
    }
}

impl std::str::FromStr for DocNumber {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        DocNumber::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn canon(s: &str) -> String {
        DocNumber::parse(s)
            .unwrap_or_else(|e| panic!("{s}: {e}"))
            .canonical()
            .to_owned()
    }

    #[test]
    fn every_bracket_spelling_is_one_number() {
        for s in [
            "潜政规〔2024〕3号",
            "潜政规[2024]3号",
            "潜政规［2024］3号",
            "潜政规(2024)3号",
            "潜政规（2024）3号",
            "潜政规【2024】3号",
            "潜政规〔２０２４〕３号",
            "潜政规 〔2024〕 3 号",
            "潜政规〔2024〕第3号",
            "潜政规〔2024〕03号",
            "潜政规〔二〇二四〕三号",
        ] {
            assert_eq!(canon(s), "潜政规〔2024〕3号", "{s}");
        }
    }

    #[test]
    fn keeps_the_raw_text() {
        let n = DocNumber::parse("劳社部发[2008]3号").expect("parses");
        assert_eq!(n.raw(), "劳社部发[2008]3号");
        assert_eq!(n.canonical(), "劳社部发〔2008〕3号");
        assert_eq!(n.year(), Some(2008));
        assert_eq!(
            n.form(),
            &Form::Year {
                agency: "劳社部发".into(),
                year: 2008,
                serial: 3
            }
        );
    }

    #[test]
    fn orders_and_announcements() {
        assert_eq!(canon("国务院令第699号"), "国务院令第699号");
        assert_eq!(canon("中华人民共和国国务院令第699号"), "国务院令第699号");
        assert_eq!(canon("中华人民共和国主席令第三号"), "主席令第3号");
        assert_eq!(canon("主席令第3号"), "主席令第3号");
        assert_eq!(
            canon("第七届全国人民代表大会第一次会议主席团公告第八号"),
            "第七届全国人民代表大会第一次会议主席团公告第8号"
        );
        assert_eq!(
            canon("杭州市第十二届人民代表大会常务委员会公告第15号"),
            "杭州市第十二届人民代表大会常务委员会公告第15号"
        );
    }

    #[test]
    fn agencies_with_digits_and_brackets_inside() {
        assert_eq!(canon("鄂9005法建(2024)2号"), "鄂9005法建〔2024〕2号");
        assert_eq!(canon("国办发〔2023〕27号"), "国办发〔2023〕27号");
        assert_eq!(canon("法释〔2022〕2号"), "法释〔2022〕2号");
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        for s in [
            "",
            "潜政规",
            "潜政规〔2024〕",
            "〔2024〕3号",
            "潜政规〔24〕3号",
            "潜政规〔2024〕号",
            "第3号",
            "国务院令第号",
        ] {
            let err = DocNumber::parse(s).expect_err(s);
            assert_eq!(err.input().expect("input error").field, "doc_number");
        }
    }

    fn bracket() -> impl Strategy<Value = (char, char)> {
        prop::sample::select(vec![
            ('〔', '〕'),
            ('[', ']'),
            ('［', '］'),
            ('(', ')'),
            ('（', '）'),
            ('【', '】'),
        ])
    }

    fn agency() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "国办发",
            "鄂政办发",
            "潜政规",
            "法释",
            "潜政发",
            "国发",
        ])
        .prop_map(str::to_owned)
    }

    fn full_width(s: &str) -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_digit() {
                    char::from_u32(c as u32 + 0xFEE0).unwrap_or(c)
                } else {
                    c
                }
            })
            .collect()
    }

    proptest! {
        #[test]
        fn parse_canonical_parse_is_stable(
            agency in agency(),
            year in 1980u16..2100,
            serial in 1u32..2000,
            (open, close) in bracket(),
            wide in any::<bool>(),
            ordinal in any::<bool>(),
        ) {
            let body = if ordinal { format!("第{serial}") } else { serial.to_string() };
            let mut raw = format!("{agency}{open}{year}{close}{body}号");
            if wide {
                raw = full_width(&raw);
            }
            let n = DocNumber::parse(&raw).expect("parses");
            let again = DocNumber::parse(n.canonical()).expect("canonical parses");
            prop_assert_eq!(again.canonical(), n.canonical());
            prop_assert_eq!(&again, &n);
            let plain = DocNumber::parse(&format!("{agency}〔{year}〕{serial}号")).expect("plain");
            prop_assert_eq!(&plain, &n);
        }

        #[test]
        fn never_panics(s in "\\PC{0,24}") {
            drop(DocNumber::parse(&s));
        }
    }
}
