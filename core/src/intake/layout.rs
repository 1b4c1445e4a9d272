//! The fields of the official layout (GB/T 9704 党政机关公文格式), found on plain lines.
//!
//! The 版头 (head) is read from the top: 份号, 密级 and 紧急程度 lines are passed over; the lines
//! above the 发文字号 are the 发文机关标志 (红头, `潜江市人民政府文件`); the 发文字号 is a line that
//! is a document number and nothing else ([`DocNumber`], any brackets), possibly with the
//! 签发人 on it (`潜政发〔2024〕5号　签发人：王某`), or, as portals print it, in brackets under the
//! title (`（潜政规〔2024〕3号）`). The title is the run of short lines without sentence
//! punctuation that follows (one to four lines, joined); the 主送机关 is the next line ending
//! in `：`. The body runs from there to the closing.
//!
//! The closing (附件说明, 发文机关署名, 成文日期, notes) is what [`crate::text::structure`] finds;
//! when it finds none with a date, the first line after the body start that is only a date
//! (`2024年5月20日`, `二〇二四年五月二十日`) is the 成文日期 and the short lines right above it
//! are the 署名. Lines that mark a seal (`（印章）`) are 印章 lines, not notes. The 版记 is read
//! from the end: `抄送：…` and `潜江市人民政府办公室　2024年5月21日印发`.
//!
//! The 有效期 clause is the last sentence after the title that says from when the document
//! applies (`自2024年7月1日起施行`, `自印发之日起施行`) or how long (`有效期5年`,
//! `有效期至2029年6月30日`); sentences that start with `本` (本办法, 本规定 …) are preferred,
//! phrases inside quotation marks are passed over, and a period from a sentence about something
//! else is dropped when the document has its own effective clause.
//! Effective: the date written; `印发之日` (or 下发, 签发, 发文) is the 印发日期 of the 版记, else
//! the 成文日期; `发布之日` (or 公布) is the page's 发布日期, else the 印发日期, else the 成文日期.
//! Expires: the date written after `有效期至`, or the effective date plus the years (months) of
//! `有效期N年` (`N个月`) less one day: from 2024-07-01, five years run to 2029-06-30.
//!
//! The issuer is the 署名 (several joined with `、`), else the 红头 without its `文件`.

use serde::Serialize;
use time::{Date, Month};

use super::{Field, PortalMeta, Source};
use crate::model::DocNumber;
use crate::text::normalize::fold_char;
use crate::text::numerals::parse_chinese_number;
use crate::text::structure;

/// The fields found in a document. A field not found is `None`.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Fields {
    /// 发文机关标志 (红头) as printed, lines joined: `潜江市人民政府文件`.
    pub issuer_mark: Option<Field<String>>,
    /// 发文字号 as written: `潜政规〔2024〕3号`.
    pub doc_number: Option<Field<String>>,
    /// 签发人.
    pub signer: Option<Field<String>>,
    /// 标题, lines joined.
    pub title: Option<Field<String>>,
    /// 主送机关, without the final `：`.
    pub addressee: Option<Field<String>>,
    /// 正文: the lines from after the 主送机关 (or the title) to the closing, joined with `\n`.
    pub body: Option<Field<String>>,
    /// 附件说明: the attachments listed, numbering removed.
    pub attachments: Option<Field<Vec<String>>>,
    /// 发文机关署名: one entry per body.
    pub signers: Option<Field<Vec<String>>>,
    /// 成文日期.
    pub signed: Option<Field<Date>>,
    /// 印章 lines (`（印章）`) as written.
    pub seals: Option<Field<Vec<String>>>,
    /// 附注 (`此件公开发布`, `联系人：…`), without the brackets.
    pub notes: Option<Field<Vec<String>>>,
    /// 抄送机关, without `抄送：`.
    pub cc: Option<Field<String>>,
    /// 印发机关和印发日期.
    pub printed: Option<Field<Printed>>,
    /// The 有效期 clause, the sentence as written.
    pub validity: Option<Field<String>>,
    /// 施行日期.
    pub effective: Option<Field<Date>>,
    /// 有效期至: the last day of validity.
    pub expires: Option<Field<Date>>,
    /// 发文机关: the 署名, else the 红头, else a web page's 发文机关.
    pub issuer: Option<Field<String>>,
    /// 印发 / 发布 date: the 版记's 印发日期, else a web page's 发布日期.
    pub issued: Option<Field<Date>>,
    #[serde(skip)]
    pub(crate) warnings: Vec<String>,
    #[serde(skip)]
    pending: Pending,
}

/// 印发机关和印发日期 of the 版记.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Printed {
    /// 印发机关 (may be empty when the line holds only the date).
    pub by: String,
    /// 印发日期.
    #[serde(serialize_with = "crate::model::serde_date::serialize")]
    pub date: Date,
}

/// Finds the fields of the official layout in lines of text.
pub fn find(lines: &[String]) -> Fields {
    let mut f = find_in_lines(lines);
    resolve(&mut f, None);
    f
}

/// Finds the fields in lines of a document, with what a web page says beside its text
/// (metadata table, title element); what is noticed goes to `warnings`.
pub(crate) fn find_with_page(
    lines: &[String],
    portal: &PortalMeta,
    page_title: Option<Field<String>>,
    warnings: &mut Vec<String>,
) -> Fields {
    let mut f = find_in_lines(lines);
    merge_page(&mut f, portal, page_title, warnings);
    f
}

/// Merges a web page's metadata into the fields found in the text, then settles the dates
/// that depend on them.
fn merge_page(
    f: &mut Fields,
    portal: &PortalMeta,
    page_title: Option<Field<String>>,
    warnings: &mut Vec<String>,
) {
    // The title: the text's own, confirmed by the page; else the page's.
    let page_title = page_title.or_else(|| portal.title.clone());
    match (&mut f.title, page_title) {
        (Some(t), Some(p)) => {
            if same_text(&t.value, &p.value) {
                t.confidence = t.confidence.max(0.99);
            } else if t.confidence < 0.9 {
                warnings.push(format!(
                    "the page's title `{}` differs from the title found in the text `{}`; the \
                     page's is taken",
                    p.value, t.value
                ));
                f.title = Some(p);
            } else {
                warnings.push(format!(
                    "the page's title `{}` differs from the title in the text `{}`",
                    p.value, t.value
                ));
            }
        }
        (None, Some(p)) => f.title = Some(p),
        _ => {}
    }
    if let Some(p) = &portal.doc_number {
        match &mut f.doc_number {
            Some(d) => match (DocNumber::parse(&d.value), DocNumber::parse(&p.value)) {
                (Ok(a), Ok(b)) if a == b => d.confidence = d.confidence.max(0.99),
                _ => warnings.push(format!(
                    "the page's 发文字号 `{}` differs from the text's `{}`",
                    p.value, d.value
                )),
            },
            None => {
                if DocNumber::parse(&p.value).is_ok() {
                    f.doc_number = Some(p.clone());
                } else {
                    warnings.push(format!(
                        "the page's 发文字号 `{}` is not a document number",
                        p.value
                    ));
                }
            }
        }
    }
    if let Some(p) = &portal.signed {
        match &mut f.signed {
            Some(d) if d.value == p.value => d.confidence = d.confidence.max(0.99),
            Some(d) => warnings.push(format!(
                "the page's 成文日期 {} differs from the text's {}",
                crate::date::iso(p.value),
                crate::date::iso(d.value)
            )),
            None => f.signed = Some(p.clone()),
        }
    }
    resolve(f, Some(portal));
    if let (Some(i), Some(p)) = (&mut f.issuer, &portal.issuer) {
        if same_text(&i.value, &p.value) {
            i.confidence = i.confidence.max(0.99);
        } else {
            warnings.push(format!(
                "the page's 发文机关 `{}` differs from the text's `{}`",
                p.value, i.value
            ));
        }
    }
    warnings.append(&mut f.warnings);
}

fn same_text(a: &str, b: &str) -> bool {
    let squash =
        |s: &str| -> String { s.chars().filter(|&c| !is_blank(c)).map(fold_char).collect() };
    squash(a) == squash(b)
}

// ---------------------------------------------------------------------------------------------
// Lines

/// Blanks of published texts: Unicode whitespace and zero-width characters.
pub(crate) fn is_blank(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{a0}'
        )
}

fn trim(s: &str) -> &str {
    s.trim_matches(is_blank)
}

fn has_sentence_punct(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, '。' | '；' | '！' | '？' | ';' | '!' | '?'))
}

fn ends_with_colon(s: &str) -> bool {
    s.ends_with('：') || s.ends_with(':')
}

fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// 份号 (`000123`), 密级 (`机密★1年`) and 紧急程度 (`特急`) lines at the top.
fn is_head_mark(t: &str) -> bool {
    let plain: String = t.chars().filter(|&c| !is_blank(c)).collect();
    (plain.len() >= 6 && plain.len() <= 8 && plain.bytes().all(|b| b.is_ascii_digit()))
        || ["绝密", "机密", "秘密", "特急", "加急", "平急", "特提"]
            .iter()
            .any(|m| plain.starts_with(m) && char_len(&plain) <= 8)
}

/// The document number a line holds, when it holds nothing else (a 签发人 may follow). The
/// second value tells whether it stood in brackets.
fn doc_number_line(t: &str) -> Option<(String, bool)> {
    let left = match t.find("签发人") {
        Some(i) => trim(&t[..i]),
        None => t,
    };
    let (inner, bracketed) = match strip_brackets(left) {
        Some(inner) => (inner, true),
        None => (left, false),
    };
    if inner.is_empty() || char_len(inner) > 30 || has_sentence_punct(inner) {
        return None;
    }
    let n = DocNumber::parse(inner).ok()?;
    match n.form() {
        crate::model::doc_number::Form::Year { agency, .. } => {
            (char_len(agency) <= 16).then(|| (trim(inner).to_owned(), bracketed))
        }
        crate::model::doc_number::Form::Ordinal { issuer, .. } => {
            (issuer.ends_with('令') || issuer.ends_with("公告") || issuer.ends_with("通告"))
                .then(|| (trim(inner).to_owned(), bracketed))
        }
    }
}

fn strip_brackets(t: &str) -> Option<&str> {
    let t = trim(t);
    let first = t.chars().next()?;
    let last = t.chars().next_back()?;
    let pair = matches!(
        (first, last),
        ('（', '）') | ('(', ')') | ('【', '】') | ('[', ']')
    );
    (pair && t.len() > first.len_utf8() + last.len_utf8())
        .then(|| trim(&t[first.len_utf8()..t.len() - last.len_utf8()]))
}

/// The 签发人 named on a line: `签发人：王某`.
fn signer_on(t: &str) -> Option<String> {
    let i = t.find("签发人")?;
    let rest = trim(&t[i + "签发人".len()..]);
    let rest = rest
        .strip_prefix('：')
        .or_else(|| rest.strip_prefix(':'))
        .unwrap_or(rest);
    let name = trim(rest);
    (!name.is_empty() && char_len(name) <= 20).then(|| name.to_owned())
}

/// The words a document's title ends with.
const TITLE_ENDS: &[&str] = &[
    "通知", "办法", "规定", "意见", "决定", "细则", "方案", "批复", "公告", "通告", "规则", "制度",
    "规划", "纲要", "函", "报告", "请示", "条例", "规程", "标准", "目录", "清单", "指引", "措施",
    "规范", "守则", "章程", "决议", "命令", "通报", "纪要", "计划", "要点", "指南",
];

fn title_like(t: &str) -> bool {
    !t.is_empty()
        && char_len(t) <= 60
        && !has_sentence_punct(t)
        && !ends_with_colon(t)
        && !t.contains('，')
        && !starts_with_heading(t)
        && date_only(t).is_none()
        && doc_number_line(t).is_none()
        && !t.contains("签发人")
}

fn starts_with_heading(t: &str) -> bool {
    let s = structure::parse(t);
    !s.body.is_empty() && s.preamble.is_none()
}

fn ends_like_title(t: &str) -> bool {
    let t = t.trim_end_matches(['）', ')']);
    TITLE_ENDS.iter().any(|e| t.ends_with(e)) || t.ends_with("（试行）") || t.ends_with("（暂行）")
}

// ---------------------------------------------------------------------------------------------
// Dates inside text

/// A date written in a text, with the byte range it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DateAt {
    pub date: Date,
    pub start: usize,
    pub end: usize,
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || matches!(
            c,
            '〇' | '○'
                | '零'
                | 'Ｏ'
                | '一'
                | '二'
                | '两'
                | '三'
                | '四'
                | '五'
                | '六'
                | '七'
                | '八'
                | '九'
                | '十'
        )
}

/// Every date `2024年5月20日` / `二〇二四年五月二十日` in a text.
pub(crate) fn dates_in(s: &str) -> Vec<DateAt> {
    let mut found = Vec::new();
    for (at, _) in s.match_indices('年') {
        // Four numerals before 年.
        let before: Vec<(usize, char)> = s[..at].char_indices().rev().take(4).collect();
        if before.len() != 4 || !before.iter().all(|&(_, c)| is_numeral(c)) {
            continue;
        }
        let start = before[3].0;
        // Not a longer run of numerals (`12024年`).
        if s[..start].chars().next_back().is_some_and(is_numeral) {
            continue;
        }
        let year_text = &s[start..at];
        let rest = &s[at + '年'.len_utf8()..];
        let Some((month_text, rest)) = numerals_then(rest, '月') else {
            continue;
        };
        let Some((day_text, _)) = numerals_then(rest, '日') else {
            continue;
        };
        let end = at
            + '年'.len_utf8()
            + month_text.len()
            + '月'.len_utf8()
            + day_text.len()
            + '日'.len_utf8();
        let num = |t: &str| -> Option<u32> {
            let folded: String = t.chars().map(fold_char).collect();
            parse_chinese_number(&folded).and_then(|n| u32::try_from(n).ok())
        };
        let (Some(y), Some(m), Some(d)) = (num(year_text), num(month_text), num(day_text)) else {
            continue;
        };
        let Some(date) = make_date(y, m, d) else {
            continue;
        };
        found.push(DateAt { date, start, end });
    }
    found
}

fn numerals_then(s: &str, unit: char) -> Option<(&str, &str)> {
    let end = s
        .char_indices()
        .find(|&(_, c)| !is_numeral(c))
        .map_or(s.len(), |(i, _)| i);
    if end == 0 || char_len(&s[..end]) > 3 {
        return None;
    }
    let rest = s[end..].strip_prefix(unit)?;
    Some((&s[..end], rest))
}

fn make_date(y: u32, m: u32, d: u32) -> Option<Date> {
    let year = i32::try_from(y)
        .ok()
        .filter(|y| (1900..=2200).contains(y))?;
    let month = Month::try_from(u8::try_from(m).ok()?).ok()?;
    Date::from_calendar_date(year, month, u8::try_from(d).ok()?).ok()
}

/// The date a line holds when it holds nothing else.
fn date_only(t: &str) -> Option<Date> {
    let squashed: String = t.chars().filter(|&c| !is_blank(c)).collect();
    let d = dates_in(&squashed);
    match d.as_slice() {
        [one] if one.start == 0 && one.end == squashed.len() => Some(one.date),
        _ => None,
    }
}

/// `date` plus `years` years and `months` months, less one day: the last day of a period
/// starting on `date`. A 29 February that does not exist in the end year is read as 1 March.
pub(crate) fn period_end(date: Date, years: u32, months: u32) -> Option<Date> {
    let total = i64::from(u8::from(date.month())) - 1 + i64::from(months) + 12 * i64::from(years);
    let year = i64::from(date.year()) + total.div_euclid(12);
    let month = u8::try_from(total.rem_euclid(12) + 1).ok()?;
    let year = i32::try_from(year).ok()?;
    let month = Month::try_from(month).ok()?;
    let start = Date::from_calendar_date(year, month, date.day()).or_else(|_| {
        // The day does not exist in that month: the period ends with the month.
        Date::from_calendar_date(year, month, 1)
            .map(|d| {
                d.replace_day(time::util::days_in_month(month, year))
                    .unwrap_or(d)
            })
            .map(|d| d.next_day().unwrap_or(d))
    });
    start.ok()?.previous_day()
}

// ---------------------------------------------------------------------------------------------
// The finder

/// What the finder keeps beside the fields to settle relative dates later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    Printing,
    Publication,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Period {
    Until(Date),
    Length {
        years: u32,
        months: u32,
        text: String,
    },
}

/// Long on purpose: the official layout (GB/T 9704: 版头, 发文字号, 标题, 主送, 正文, 版记) is
/// read top to bottom in one pass; each part starts where the one before it ended.
fn find_in_lines(lines: &[String]) -> Fields {
    let t: Vec<&str> = lines.iter().map(|l| trim(l)).collect();
    let n = t.len();
    let mut f = Fields::default();
    let next_nonblank = |from: usize| (from..n).find(|&i| !t[i].is_empty());

    // 版头: past 份号, 密级, 紧急程度.
    let mut i = next_nonblank(0).unwrap_or(n);
    while i < n && (t[i].is_empty() || is_head_mark(t[i])) {
        i += 1;
    }
    let head_from = i;
    // The head zone: the first dozen non-blank lines, up to the first sentence.
    let mut zone = Vec::new();
    let mut k = head_from;
    while k < n && zone.len() < 12 {
        if !t[k].is_empty() {
            if has_sentence_punct(t[k]) || char_len(t[k]) > 80 {
                break;
            }
            zone.push(k);
        }
        k += 1;
    }
    let dn = zone
        .iter()
        .copied()
        .find_map(|k| doc_number_line(t[k]).map(|(v, b)| (k, v, b)));

    let mut title_from = head_from;
    let mut title_before_number = false;
    if let Some((k, ref value, bracketed)) = dn {
        let above: Vec<usize> = zone.iter().copied().filter(|&z| z < k).collect();
        let above_titles = !above.is_empty()
            && above.iter().all(|&z| title_like(t[z]))
            && above.last().is_some_and(|&z| ends_like_title(t[z]))
            && !above.iter().any(|&z| t[z].ends_with("文件"));
        if bracketed || above_titles {
            // Portal style: the title, then the number under it.
            title_before_number = true;
        } else {
            if !above.is_empty() && above.iter().all(|&z| char_len(t[z]) <= 40) {
                let first = above[0];
                let last = above[above.len() - 1];
                let mark: String = above.iter().map(|&z| t[z]).collect::<Vec<_>>().join("");
                let conf = if mark.ends_with("文件") { 0.95 } else { 0.8 };
                f.issuer_mark = Some(Field::new(
                    mark,
                    Source::Lines {
                        first: first + 1,
                        last: last + 1,
                    },
                    conf,
                ));
            }
            title_from = k + 1;
        }
        let conf = if bracketed || title_before_number {
            0.9
        } else {
            0.95
        };
        f.doc_number = Some(Field::new(value.clone(), Source::line(k + 1), conf));
    } else if let Some(&z) = zone.first()
        && t[z].ends_with("文件")
        && char_len(t[z]) <= 40
    {
        f.issuer_mark = Some(Field::new(t[z].to_owned(), Source::line(z + 1), 0.85));
        title_from = z + 1;
    }
    // 签发人: on the number's line or a line of the head.
    if let Some(s) = zone.iter().find_map(|&z| signer_on(t[z]).map(|s| (z, s))) {
        f.signer = Some(Field::new(s.1, Source::line(s.0 + 1), 0.95));
        if title_from <= s.0 {
            title_from = s.0 + 1;
        }
    }

    // The title.
    let mut j = next_nonblank(title_from).unwrap_or(n);
    let first_title = j;
    let mut title_lines = Vec::new();
    while j < n && title_lines.len() < 4 && title_like(t[j]) {
        title_lines.push(j);
        j += 1;
    }
    // A title is at most four lines; more such lines are something else (a list, a form).
    if !title_lines.is_empty() {
        let value: String = join_title(title_lines.iter().map(|&l| t[l]));
        let mut conf: f32 = if ends_like_title(&value) { 0.9 } else { 0.6 };
        if f.issuer_mark.is_none() && f.doc_number.is_none() {
            conf -= 0.05;
        }
        f.title = Some(Field::new(
            value,
            Source::Lines {
                first: first_title + 1,
                last: j,
            },
            conf,
        ));
    }
    let mut after = j;
    // A number under the title (portal style).
    if let Some(k) = next_nonblank(after)
        && f.doc_number.is_none()
        && let Some((value, _)) = doc_number_line(t[k])
    {
        f.doc_number = Some(Field::new(value, Source::line(k + 1), 0.9));
        after = k + 1;
    } else if title_before_number && let Some((k, _, _)) = dn {
        after = after.max(k + 1);
    }
    // 主送机关: the next line ending in `：`, or two when the first ends in `、`.
    let mut body_from = after;
    if let Some(k) = next_nonblank(after) {
        let one = t[k];
        let two = (k + 1 < n).then(|| t[k + 1]);
        if ends_with_colon(one)
            && char_len(one) <= 120
            && !has_sentence_punct(one)
            && !one.contains("签发人")
        {
            f.addressee = Some(Field::new(strip_colon(one), Source::line(k + 1), 0.9));
            body_from = k + 1;
        } else if (one.ends_with('、') || one.ends_with('，'))
            && let Some(two) = two
            && ends_with_colon(two)
            && !has_sentence_punct(one)
            && !has_sentence_punct(two)
        {
            f.addressee = Some(Field::new(
                format!("{one}{}", strip_colon(two)),
                Source::Lines {
                    first: k + 1,
                    last: k + 2,
                },
                0.85,
            ));
            body_from = k + 2;
        }
    }

    closing(&t, lines, body_from, &mut f);
    f
}

fn strip_colon(s: &str) -> String {
    trim(s.trim_end_matches(['：', ':'])).to_owned()
}

fn join_title<'a>(parts: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for p in parts {
        if out
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric())
            && p.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        {
            out.push(' ');
        }
        out.push_str(p);
    }
    out
}

/// The line holding a byte offset of the text `lines.join("\n")`.
fn line_at(starts: &[usize], offset: usize) -> usize {
    starts.partition_point(|&s| s <= offset).saturating_sub(1)
}

fn seal_marker(t: &str) -> bool {
    let inner = strip_brackets(t).unwrap_or(t);
    let inner: String = inner.chars().filter(|&c| !is_blank(c)).collect();
    matches!(
        inner.as_str(),
        "印章" | "盖章" | "公章" | "签章" | "单位印章" | "单位盖章" | "印" | "章"
    )
}

/// Long on purpose: the closing of the official layout (署名, seal lines, 成文日期, 附件, 附注,
/// 抄送, 印发机关和日期) is read in one pass from the date line outwards, each part bounded by
/// the one found before it.
fn closing(t: &[&str], lines: &[String], body_from: usize, f: &mut Fields) {
    let n = t.len();
    let text = lines.join("\n");
    let mut starts = Vec::with_capacity(n);
    let mut pos = 0;
    for l in lines {
        starts.push(pos);
        pos += l.len() + 1;
    }
    let parsed = structure::parse(&text);
    // The closing the structure parser found, if it has a date after the body start.
    let found = parsed.closing.as_ref().and_then(|c| {
        let first = line_at(&starts, c.start);
        let last = line_at(&starts, c.end.saturating_sub(1));
        let signed = c.signed?;
        let date_line =
            (first..=last.min(n.saturating_sub(1))).find(|&k| date_only(t[k]) == Some(signed))?;
        (first >= body_from).then_some((c, first, last, date_line))
    });
    let (date_line, closing_first, signer_names, attachments, notes) = match found {
        Some((c, first, _last, date_line)) => (
            Some(date_line),
            first,
            c.signers.clone(),
            c.attachments.clone(),
            c.notes.clone(),
        ),
        None => {
            // The first date-only line after the body start, the short lines above it.
            match (body_from..n).find(|&k| date_only(t[k]).is_some()) {
                Some(d) => {
                    let mut first = d;
                    let mut names = Vec::new();
                    let mut k = d;
                    while k > body_from && names.len() < 4 {
                        k -= 1;
                        if t[k].is_empty() || seal_marker(t[k]) {
                            continue;
                        }
                        if char_len(t[k]) <= 40 && !has_sentence_punct(t[k]) && !t[k].contains('，')
                        {
                            names.push(t[k]);
                            first = k;
                        } else {
                            break;
                        }
                    }
                    names.reverse();
                    let signers = names
                        .iter()
                        .flat_map(|s| s.split(is_blank).filter(|p| !p.is_empty()))
                        .map(str::to_owned)
                        .collect();
                    (Some(d), first, signers, Vec::new(), Vec::new())
                }
                None => (None, n, Vec::new(), Vec::new(), Vec::new()),
            }
        }
    };

    // Seal lines near the signature.
    let seal_lines: Vec<usize> = (body_from..n).filter(|&k| seal_marker(t[k])).collect();
    if !seal_lines.is_empty() {
        f.seals = Some(Field::new(
            seal_lines.iter().map(|&k| t[k].to_owned()).collect(),
            Source::Lines {
                first: seal_lines[0] + 1,
                last: seal_lines[seal_lines.len() - 1] + 1,
            },
            0.9,
        ));
    }

    if let Some(d) = date_line {
        let date = date_only(t[d]);
        // Signers: the lines above the date holding the names.
        let signer_lines: Vec<usize> = (closing_first..d)
            .filter(|&k| {
                !t[k].is_empty()
                    && !seal_marker(t[k])
                    && signer_names.iter().any(|s| t[k].contains(s.as_str()))
            })
            .collect();
        let signer_names: Vec<String> = signer_names
            .into_iter()
            .filter(|s| !seal_marker(s))
            .collect();
        if let (Some(&a), Some(&b)) = (signer_lines.first(), signer_lines.last())
            && !signer_names.is_empty()
        {
            f.signers = Some(Field::new(
                signer_names,
                Source::Lines {
                    first: a + 1,
                    last: b + 1,
                },
                0.9,
            ));
        }
        if let Some(date) = date {
            let conf = if f.signers.is_some() { 0.95 } else { 0.75 };
            f.signed = Some(Field::new(date, Source::line(d + 1), conf));
        }
        // 附件说明: from the first `附件` line of the closing to the signature.
        let att_end = signer_lines.first().copied().unwrap_or(d);
        if !attachments.is_empty()
            && let Some(a) =
                (closing_first.min(att_end)..att_end).find(|&k| t[k].starts_with("附件"))
        {
            let last = (a..att_end).rev().find(|&k| !t[k].is_empty()).unwrap_or(a);
            f.attachments = Some(Field::new(
                attachments,
                Source::Lines {
                    first: a + 1,
                    last: last + 1,
                },
                0.9,
            ));
        }
        // 附注: bracketed lines right after the date (seals excluded).
        let mut note_lines = Vec::new();
        let mut k = d + 1;
        while k < n && (t[k].is_empty() || strip_brackets(t[k]).is_some()) {
            if !t[k].is_empty() && !seal_marker(t[k]) {
                note_lines.push(k);
            }
            k += 1;
        }
        let notes: Vec<String> = if notes.is_empty() {
            note_lines
                .iter()
                .filter_map(|&k| strip_brackets(t[k]).map(str::to_owned))
                .collect()
        } else {
            notes.into_iter().filter(|s| !seal_marker(s)).collect()
        };
        if let (Some(&a), Some(&b)) = (note_lines.first(), note_lines.last())
            && !notes.is_empty()
        {
            f.notes = Some(Field::new(
                notes,
                Source::Lines {
                    first: a + 1,
                    last: b + 1,
                },
                0.9,
            ));
        }
    }

    // The body: from the start to the closing (or the end).
    let body_end = match date_line {
        Some(d) => {
            let mut e = closing_first.min(d);
            if let Some(a) = &f.attachments
                && let Source::Lines { first, .. } = a.source
            {
                e = e.min(first - 1);
            }
            if let Some(s) = &f.signers
                && let Source::Lines { first, .. } = s.source
            {
                e = e.min(first - 1);
            }
            e
        }
        None => n,
    };
    let body_end = (body_from..body_end)
        .rev()
        .find(|&k| !t[k].is_empty() && !seal_marker(t[k]))
        .map_or(body_from, |k| k + 1);
    if let Some(first) = (body_from..body_end).find(|&k| !t[k].is_empty()) {
        let value = lines[first..body_end].join("\n");
        f.body = Some(Field::new(
            value,
            Source::Lines {
                first: first + 1,
                last: body_end,
            },
            if date_line.is_some() { 0.9 } else { 0.7 },
        ));
    }

    imprint(t, date_line.unwrap_or(body_from), f);
    validity(t, body_from, f);
}

/// 抄送 and 印发 lines at the end.
fn imprint(t: &[&str], from: usize, f: &mut Fields) {
    let n = t.len();
    let tail: Vec<usize> = (from..n)
        .rev()
        .filter(|&k| !t[k].is_empty())
        .take(8)
        .collect();
    for &k in &tail {
        let line = t[k];
        let squashed: String = line.chars().filter(|&c| !is_blank(c)).collect();
        if f.printed.is_none()
            && squashed.ends_with("印发")
            && let Some(d) = dates_in(line).last().copied()
            && trim(&line[d.end..]).trim_matches(is_blank) == "印发"
        {
            let by = trim(&line[..d.start]).to_owned();
            f.printed = Some(Field::new(
                Printed { by, date: d.date },
                Source::line(k + 1),
                0.95,
            ));
        }
        if f.cc.is_none()
            && let Some(rest) = line.strip_prefix("抄送")
        {
            let rest = trim(rest);
            let rest = rest
                .strip_prefix('：')
                .or_else(|| rest.strip_prefix(':'))
                .unwrap_or(rest);
            // The list may go on over the following lines, up to the 印发 line.
            let mut value = trim(rest).to_owned();
            let mut last = k;
            for (m, &next) in t.iter().enumerate().skip(k + 1) {
                if next.is_empty() || next.contains("印发") || next.starts_with("抄送") {
                    break;
                }
                value.push_str(next);
                last = m;
            }
            let value = value.trim_end_matches('。').to_owned();
            if !value.is_empty() {
                f.cc = Some(Field::new(
                    value,
                    Source::Lines {
                        first: k + 1,
                        last: last + 1,
                    },
                    0.9,
                ));
            }
        }
    }
}

/// Effective and validity, from the sentences that say them: the last one about this document
/// (`本办法…`) for each, else the last one at all; a period in the effective date's sentence wins.
fn validity(t: &[&str], from: usize, f: &mut Fields) {
    type Found<T> = Option<(usize, String, T, bool)>;
    let mut eff: Found<Effective> = None;
    let mut per: Found<Period> = None;
    let mut same: Option<(usize, Period)> = None;
    let better = |own: bool, best: Option<bool>| best.is_none_or(|b| own || !b);
    for (k, line) in t.iter().enumerate().skip(from) {
        for sentence in line.split_inclusive(['。', '；']) {
            let e = effective_in(sentence);
            let p = period_in(sentence);
            let own = own_sentence(sentence);
            let clause = trim(sentence).to_owned();
            if let Some(e) = e
                && better(own, eff.as_ref().map(|x| x.3))
            {
                same = p.clone().map(|p| (k, p));
                eff = Some((k, clause.clone(), e, own));
            }
            if let Some(p) = p
                && better(own, per.as_ref().map(|x| x.3))
            {
                per = Some((k, clause, p, own));
            }
        }
    }
    let period = match (&eff, same) {
        (Some((k, ..)), Some((j, p))) if *k == j => Some((j, p, eff.as_ref().is_some_and(|e| e.3))),
        // A period said of something else does not bound a document that says when it applies.
        (Some((.., true)), _) if per.as_ref().is_some_and(|p| !p.3) => None,
        _ => per.as_ref().map(|(k, _, p, own)| (*k, p.clone(), *own)),
    };
    let (clause_line, clause, own) = match (&eff, &per) {
        (Some((k, c, _, own)), _) => (*k, c.clone(), *own),
        (None, Some((k, c, _, own))) => (*k, c.clone(), *own),
        (None, None) => return,
    };
    let base = if own { 0.95 } else { 0.75 };
    let last = period
        .as_ref()
        .map_or(clause_line, |p| p.0.max(clause_line));
    let mut clause = clause;
    if let (Some((k, ..)), Some((j, c, ..))) = (&eff, &per)
        && k != j
        && period.as_ref().is_some_and(|p| p.0 == *j)
    {
        clause.push_str(c);
    }
    f.validity = Some(Field::new(
        clause,
        Source::Lines {
            first: clause_line.min(last) + 1,
            last: last + 1,
        },
        base,
    ));
    f.pending = Pending {
        effective: eff.map(|e| (e.2, e.0 + 1, if e.3 { 0.95 } else { 0.75 })),
        period: period.map(|p| (p.1, p.0 + 1, if p.2 { 0.95 } else { 0.75 })),
    };
}

fn own_sentence(s: &str) -> bool {
    let s = trim(s);
    let s = s
        .split_once('　')
        .filter(|(a, _)| a.starts_with('第') && a.ends_with('条'))
        .map_or(s, |(_, b)| trim(b));
    // `第十一条 本办法…` and `本办法…`, `本通知…`.
    s.starts_with('本')
        || s.contains("本办法")
        || s.contains("本规定")
        || s.contains("本通知")
        || s.contains("本意见")
        || s.contains("本细则")
        || s.contains("本方案")
        || s.contains("本决定")
        || s.contains("本规则")
        || s.contains("本制度")
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Effective {
    On(Date),
    Relative(Origin, &'static str),
}

/// Whether a byte offset of a sentence is inside quotation marks (text quoted from another
/// document, as an amendment quotes the words it replaces).
fn quoted(s: &str, at: usize) -> bool {
    let before = &s[..at];
    before.matches(['“', '‘', '「']).count() > before.matches(['”', '’', '」']).count()
}

fn effective_in(s: &str) -> Option<Effective> {
    const VERBS: [&str; 4] = ["施行", "实施", "执行", "生效"];
    for (at, _) in s.match_indices(['自', '从', '于']) {
        if quoted(s, at) {
            continue;
        }
        let rest = &s[at + '自'.len_utf8()..];
        let dates = dates_in(rest);
        let (after, eff) =
            if let Some(d) = dates.first().filter(|d| trim(&rest[..d.start]).is_empty()) {
                (&rest[d.end..], Effective::On(d.date))
            } else if let Some((word, from)) = [
                ("印发之日", Origin::Printing),
                ("下发之日", Origin::Printing),
                ("签发之日", Origin::Printing),
                ("发文之日", Origin::Printing),
                ("发布之日", Origin::Publication),
                ("公布之日", Origin::Publication),
            ]
            .into_iter()
            .find(|(w, _)| rest.starts_with(w))
            {
                (&rest[word.len()..], Effective::Relative(from, word))
            } else {
                continue;
            };
        let after = trim(after);
        let Some(after) = after.strip_prefix('起') else {
            continue;
        };
        let after = trim(after);
        let after = after.strip_prefix('正').unwrap_or(after);
        if VERBS.iter().any(|v| after.starts_with(v)) {
            return Some(eff);
        }
    }
    None
}

fn period_in(s: &str) -> Option<Period> {
    let at = s
        .match_indices("有效期")
        .map(|(i, _)| i)
        .find(|&i| !quoted(s, i))?;
    let rest = &s[at + "有效期".len()..];
    let rest = rest.strip_prefix("限").unwrap_or(rest);
    // `有效期至2029年6月30日`, `有效期自…起至2029年6月30日止`.
    if let Some(to) = rest.find('至') {
        let after_to = &rest[to + '至'.len_utf8()..];
        if let Some(d) = dates_in(after_to)
            .first()
            .filter(|d| trim(&after_to[..d.start]).is_empty())
        {
            return Some(Period::Until(d.date));
        }
    }
    let rest = trim(rest);
    let rest = rest.strip_prefix('为').unwrap_or(rest);
    let rest = trim(rest);
    let end = rest
        .char_indices()
        .find(|&(_, c)| !is_numeral(c))
        .map_or(rest.len(), |(i, _)| i);
    if end == 0 {
        return None;
    }
    let folded: String = rest[..end].chars().map(fold_char).collect();
    let count = u32::try_from(parse_chinese_number(&folded)?).ok()?;
    let unit = &rest[end..];
    let (years, months, len) = if unit.starts_with('年') {
        (count, 0, '年'.len_utf8())
    } else if unit.starts_with("个月") {
        (0, count, "个月".len())
    } else {
        return None;
    };
    if count == 0 || years > 100 || months > 1200 {
        return None;
    }
    Some(Period::Length {
        years,
        months,
        text: format!("有效期{}", &rest[..end + len]),
    })
}

/// What the 有效期 clause said (with its line and confidence), settled once the dates it
/// refers to are known.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Pending {
    effective: Option<(Effective, usize, f32)>,
    period: Option<(Period, usize, f32)>,
}

/// Derives issuer, issued, effective and expires from the fields (and a page's metadata).
///
/// Long on purpose: the four derived fields (issuer, issued, effective, expires) each take the
/// first source that holds them, in an order of trust written out beside each; kept together so
/// that the order can be read in one place.
fn resolve(f: &mut Fields, portal: Option<&PortalMeta>) {
    // Issuer: the 署名, else the 红头, else the page's 发文机关.
    if let Some(s) = &f.signers {
        f.issuer = Some(Field::new(
            s.value.join("、"),
            s.source.clone(),
            s.confidence,
        ));
    } else if let Some(m) = &f.issuer_mark {
        let v = m.value.strip_suffix("文件").unwrap_or(&m.value).to_owned();
        if !v.is_empty() {
            f.issuer = Some(Field::new(v, m.source.clone(), m.confidence * 0.9));
        }
    } else if let Some(p) = portal.and_then(|p| p.issuer.as_ref()) {
        f.issuer = Some(p.clone());
    }
    // Issued: the 版记's 印发日期, else the page's 发布日期.
    if let Some(p) = &f.printed {
        f.issued = Some(Field::new(p.value.date, p.source.clone(), p.confidence));
    } else if let Some(p) = portal.and_then(|p| p.published.as_ref()) {
        f.issued = Some(p.clone());
    }
    let pending = f.pending.clone();
    let effective = match &pending.effective {
        Some((Effective::On(d), line, base)) => Some(Field::new(*d, Source::line(*line), *base)),
        Some((Effective::Relative(from, word), line, base)) => {
            let printed = f
                .printed
                .as_ref()
                .map(|p| (p.value.date, "印发日期", p.confidence));
            let published = portal
                .and_then(|p| p.published.as_ref())
                .map(|p| (p.value, "发布日期", p.confidence));
            let signed = f
                .signed
                .as_ref()
                .map(|s| (s.value, "成文日期", s.confidence));
            let chosen = match from {
                Origin::Printing => printed.or(signed),
                Origin::Publication => published.or(printed).or(signed),
            };
            chosen.map(|(d, which, c)| {
                let first_choice = match from {
                    Origin::Printing => which == "印发日期",
                    Origin::Publication => which == "发布日期",
                };
                let conf = base * c * if first_choice { 0.95 } else { 0.85 };
                Field::new(
                    d,
                    Source::Rule {
                        rule: format!("line {line}: 自{word}起 = {which}"),
                    },
                    conf,
                )
            })
        }
        None => None,
    };
    if effective.is_some() {
        f.effective = effective;
    }
    let expires = match &pending.period {
        Some((Period::Until(d), line, base)) => Some(Field::new(*d, Source::line(*line), *base)),
        Some((
            Period::Length {
                years,
                months,
                text,
            },
            line,
            _,
        )) => f.effective.as_ref().and_then(|e| {
            period_end(e.value, *years, *months).map(|d| {
                Field::new(
                    d,
                    Source::Rule {
                        rule: format!("line {line}: {text} from {}", crate::date::iso(e.value)),
                    },
                    e.confidence * 0.98,
                )
            })
        }),
        None => None,
    };
    if expires.is_some() {
        f.expires = expires;
    } else if let Some((Period::Length { .. }, line, _)) = &pending.period
        && f.effective.is_none()
    {
        f.warnings.push(format!(
            "line {line}: the validity period has no start date to count from"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn lines(s: &str) -> Vec<String> {
        super::super::split_lines(s)
    }

    const STANDARD: &str = "000012\n特急\n潜江市人民政府文件\n\n潜政规〔2024〕3号\n\n潜江市人民政府关于印发潜江市\n行政规范性文件管理办法的通知\n\n各区镇处、市直各部门：\n　　现将《潜江市行政规范性文件管理办法》印发给你们，请认真贯彻执行。\n　　本办法自2024年7月1日起施行，有效期5年。\n\n附件：1．备案报告（样式）\n　　　2．清理结果统计表\n\n潜江市人民政府\n（印章）\n2024年5月20日\n（此件公开发布）\n抄送：市委各部门，市人大常委会办公室。\n潜江市人民政府办公室　　　　2024年5月21日印发";

    #[test]
    fn finds_every_field_of_the_standard_layout() {
        let f = find(&lines(STANDARD));
        let v = |x: &Option<Field<String>>| x.as_ref().map(|f| f.value.clone());
        assert_eq!(v(&f.issuer_mark).as_deref(), Some("潜江市人民政府文件"));
        assert_eq!(v(&f.doc_number).as_deref(), Some("潜政规〔2024〕3号"));
        assert_eq!(
            v(&f.title).as_deref(),
            Some("潜江市人民政府关于印发潜江市行政规范性文件管理办法的通知")
        );
        assert_eq!(
            f.title.as_ref().map(|t| t.source.clone()),
            Some(Source::Lines { first: 7, last: 8 })
        );
        assert_eq!(v(&f.addressee).as_deref(), Some("各区镇处、市直各部门"));
        let body = v(&f.body).expect("body");
        assert!(body.starts_with("　　现将"), "{body}");
        assert!(body.ends_with("有效期5年。"), "{body}");
        assert_eq!(
            f.attachments.as_ref().map(|a| a.value.clone()),
            Some(vec![
                "备案报告（样式）".to_owned(),
                "清理结果统计表".to_owned()
            ])
        );
        assert_eq!(
            f.signers.as_ref().map(|s| s.value.clone()),
            Some(vec!["潜江市人民政府".to_owned()])
        );
        assert_eq!(
            f.signed.as_ref().map(|s| s.value),
            Some(date!(2024 - 05 - 20))
        );
        assert_eq!(
            f.signed.as_ref().map(|s| s.source.clone()),
            Some(Source::line(19))
        );
        assert_eq!(
            f.seals.as_ref().map(|s| s.value.clone()),
            Some(vec!["（印章）".to_owned()])
        );
        assert_eq!(
            f.notes.as_ref().map(|s| s.value.clone()),
            Some(vec!["此件公开发布".to_owned()])
        );
        assert_eq!(v(&f.cc).as_deref(), Some("市委各部门，市人大常委会办公室"));
        let printed = f
            .printed
            .as_ref()
            .map(|p| p.value.clone())
            .expect("printed");
        assert_eq!(printed.by, "潜江市人民政府办公室");
        assert_eq!(printed.date, date!(2024 - 05 - 21));
        assert_eq!(
            f.effective.as_ref().map(|e| e.value),
            Some(date!(2024 - 07 - 01))
        );
        assert_eq!(
            f.expires.as_ref().map(|e| e.value),
            Some(date!(2029 - 06 - 30))
        );
        assert_eq!(v(&f.issuer).as_deref(), Some("潜江市人民政府"));
        assert_eq!(
            f.issued.as_ref().map(|e| e.value),
            Some(date!(2024 - 05 - 21))
        );
    }

    #[test]
    fn portal_style_number_under_the_title_and_chinese_dates() {
        let text = "潜江市司法局关于做好清理工作的通知\n（潜司发【2023】12号）\n各区镇处司法所：\n一、清理范围\n本通知自印发之日起施行。\n潜江市司法局\n二〇二三年十二月三十一日";
        let f = find(&lines(text));
        assert_eq!(
            f.doc_number.as_ref().map(|d| d.value.as_str()),
            Some("潜司发【2023】12号")
        );
        assert_eq!(
            f.title.as_ref().map(|d| d.value.as_str()),
            Some("潜江市司法局关于做好清理工作的通知")
        );
        assert_eq!(
            f.signed.as_ref().map(|s| s.value),
            Some(date!(2023 - 12 - 31))
        );
        // No 版记: 印发之日 is the 成文日期.
        let e = f.effective.as_ref().expect("effective");
        assert_eq!(e.value, date!(2023 - 12 - 31));
        assert!(matches!(&e.source, Source::Rule { rule } if rule.contains("成文日期")));
        assert!(f.expires.is_none());
        assert!(f.issuer_mark.is_none());
    }

    #[test]
    fn nothing_is_invented() {
        let f = find(&lines("这是一段没有格式的文字，什么也不是。\n再一段。"));
        assert!(f.title.is_none() && f.doc_number.is_none() && f.signed.is_none());
        assert!(f.effective.is_none() && f.expires.is_none() && f.issuer.is_none());
        assert_eq!(find(&[]), Fields::default());
    }

    #[test]
    fn validity_rules() {
        let expires = |s: &str, eff: Option<Date>| {
            let mut text = format!("某某办法\n第一条　{s}\n");
            if eff.is_none() {
                text.push_str("潜江市人民政府\n2024年5月20日\n");
            }
            let f = find(&lines(&text));
            (f.effective.map(|e| e.value), f.expires.map(|e| e.value))
        };
        assert_eq!(
            expires(
                "本办法自2024年7月1日起施行，有效期至2029年6月30日。",
                Some(date!(2024 - 07 - 01))
            ),
            (Some(date!(2024 - 07 - 01)), Some(date!(2029 - 06 - 30)))
        );
        assert_eq!(
            expires(
                "本规定自二〇二四年三月一日起施行，有效期为3年。",
                Some(date!(2024 - 03 - 01))
            ),
            (Some(date!(2024 - 03 - 01)), Some(date!(2027 - 02 - 28)))
        );
        assert_eq!(
            expires("本通知自印发之日起施行，有效期两年。", None),
            (Some(date!(2024 - 05 - 20)), Some(date!(2026 - 05 - 19)))
        );
        assert_eq!(
            expires(
                "本办法自2024年1月1日起施行，有效期6个月。",
                Some(date!(2024 - 01 - 01))
            ),
            (Some(date!(2024 - 01 - 01)), Some(date!(2024 - 06 - 30)))
        );
    }

    #[test]
    fn quoted_and_foreign_periods_do_not_count() {
        let text = "潜江市人民政府关于修改某某办法的决定\n四、将第十一条中的“有效期5年”修改为“有效期至2029年6月30日”。\n本决定自2025年3月1日起施行。\n潜江市人民政府\n2025年2月1日";
        let f = find(&lines(text));
        assert_eq!(f.effective.map(|e| e.value), Some(date!(2025 - 03 - 01)));
        assert_eq!(f.expires, None);
        let text =
            "某某办法\n第九条　规范性文件的有效期为5年。\n第十条　本办法自2024年1月1日起施行。\n";
        let f = find(&lines(text));
        assert_eq!(f.effective.map(|e| e.value), Some(date!(2024 - 01 - 01)));
        assert_eq!(f.expires, None);
    }

    #[test]
    fn dates_in_text() {
        let d = dates_in("于2024年5月20日和二〇二四年十二月三十一日，非12024年1月1日");
        let got: Vec<_> = d.iter().map(|d| d.date).collect();
        assert_eq!(got, [date!(2024 - 05 - 20), date!(2024 - 12 - 31)]);
        assert!(dates_in("2024年2月30日").is_empty());
        assert_eq!(
            date_only("２０２４年５月２０日"),
            Some(date!(2024 - 05 - 20))
        );
        assert_eq!(date_only("2024年5月20日印发"), None);
        assert_eq!(
            period_end(date!(2024 - 02 - 29), 1, 0),
            Some(date!(2025 - 02 - 28))
        );
        assert_eq!(
            period_end(date!(2024 - 07 - 01), 5, 0),
            Some(date!(2029 - 06 - 30))
        );
        assert_eq!(
            period_end(date!(2024 - 11 - 15), 0, 3),
            Some(date!(2025 - 02 - 14))
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,300}") {
            let ls = lines(&s);
            let f = find(&ls);
            for field in [&f.title, &f.doc_number, &f.addressee, &f.body] {
                if let Some(Field { source: Source::Lines { first, last }, .. }) = field {
                    proptest::prop_assert!(*first >= 1 && first <= last && *last <= ls.len());
                }
            }
        }
    }
}
