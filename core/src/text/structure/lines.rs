//! The lines of a text, each classified: a heading of 编/章/节/条, a numbered part or item,
//! an attachment line, a date, a note, or plain text.

use super::closing::is_parenthesised;
use super::*;
use crate::text::chars::{
    is_blank, is_chinese_numeral, is_digit, take_numeral, take_numeral_where,
};

#[derive(Debug)]
pub(super) struct Line<'a> {
    /// Byte offset of the first non-blank character.
    pub(super) start: usize,
    /// Byte offset after the last non-blank character.
    pub(super) end: usize,
    /// The line without leading and trailing blanks.
    pub(super) text: &'a str,
    pub(super) kind: Kind,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Kind {
    Blank,
    /// 编/分编/章/节 heading.
    Container {
        level: Level,
        number: u32,
        suffix: Option<u32>,
        label_len: usize,
    },
    /// 条 heading; `rest` is where the text after the label starts (in `text`).
    Article {
        number: u32,
        suffix: Option<u32>,
        label_len: usize,
        rest: usize,
    },
    /// `一、`.
    Bufen {
        number: u32,
        label_len: usize,
        rest: usize,
    },
    /// `（一）`.
    Xiang {
        number: u32,
        label_len: usize,
    },
    /// `1.`.
    Mu {
        number: u32,
        label_len: usize,
    },
    /// `（1）`, `①`: stays in the text of the item above.
    SubItem,
    /// `目录`.
    Toc,
    /// A standalone `附则`.
    Fuze,
    /// `附件：…`, `附件1`, `附件`.
    Attachment,
    /// A line that is only a date.
    Date(Date),
    /// `（此件公开发布）`.
    Note,
    Plain,
}

pub(super) fn split_lines(text: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut pos = 0;
    for raw in text.split('\n') {
        let line_start = pos;
        pos += raw.len() + 1;
        let left = raw.trim_start_matches(is_blank);
        let trimmed = left.trim_end_matches(is_blank);
        let start = line_start + (raw.len() - left.len());
        lines.push(Line {
            start,
            end: start + trimmed.len(),
            text: trimmed,
            kind: classify(trimmed),
        });
    }
    lines
}

/// Text right after `第N条` that makes it a reference rather than a heading.
pub(super) const CONTINUATIONS: &[&str] = &[
    "、",
    "，",
    "。",
    "；",
    "）",
    ")",
    "”",
    "\"",
    "》",
    "〉",
    ",",
    ".",
    ";",
    "至",
    "到",
    "和",
    "及",
    "或",
    "与",
    "的",
    "第",
    "款",
    "项",
    "条",
    "之",
    "并",
    "规定",
    "修改",
    "修正",
    "增加",
    "删除",
    "删去",
    "调整",
    "作为",
    "中的",
    "中“",
    "中规定",
    "中，",
    "后增加",
    "后面",
    "前增加",
    "所称",
    "所列",
    "所指",
    "所规定",
    "所述",
    "以外",
    "以下",
    "以上",
    "项下",
];

/// Characters that a heading line of 编/章/节 never contains.
pub(super) fn is_sentence_punct(c: char) -> bool {
    matches!(
        c,
        '。' | '，' | '；' | '：' | '！' | '？' | ',' | ';' | ':' | '!' | '?'
    )
}

pub(super) fn classify(t: &str) -> Kind {
    let Some(first) = t.chars().next() else {
        return Kind::Blank;
    };
    match first {
        '第' => numbered_heading(t).unwrap_or(Kind::Plain),
        '（' | '(' => paren_item(t),
        '附' => {
            if only_chars(t, "附则") {
                Kind::Fuze
            } else if is_attachment_line(t) {
                Kind::Attachment
            } else {
                Kind::Plain
            }
        }
        '目' if only_chars(t, "目录") => Kind::Toc,
        '①'..='⑳' => Kind::SubItem,
        c if is_digit(c) => {
            if let Some(d) = date_line(t) {
                return Kind::Date(d);
            }
            mu_item(t).unwrap_or(Kind::Plain)
        }
        c if is_chinese_numeral(c) => {
            if let Some(d) = date_line(t) {
                return Kind::Date(d);
            }
            bufen(t).unwrap_or(Kind::Plain)
        }
        _ => Kind::Plain,
    }
}

/// Whether `t`, blanks removed, is exactly `word`.
pub(super) fn only_chars(t: &str, word: &str) -> bool {
    t.chars().filter(|&c| !is_blank(c)).eq(word.chars())
}

pub(super) fn numbered_heading(t: &str) -> Option<Kind> {
    let after_di = t.strip_prefix('第')?;
    let (number, len) = take_numeral(after_di)?;
    if number == 0 {
        return None;
    }
    let after = &after_di[len..];
    let (level, unit_len) = if after.starts_with("分编") {
        (Level::FenBian, "分编".len())
    } else {
        let level = match after.chars().next()? {
            '编' => Level::Bian,
            '章' => Level::Zhang,
            '节' => Level::Jie,
            '条' => Level::Tiao,
            _ => return None,
        };
        // 编, 章, 节 and 条 are three bytes each.
        (level, '条'.len_utf8())
    };
    let mut label_len = '第'.len_utf8() + len + unit_len;
    let mut suffix = None;
    if let Some(after_zhi) = t[label_len..].strip_prefix('之')
        && let Some((k, klen)) = take_numeral(after_zhi)
        && k > 0
    {
        suffix = Some(k);
        label_len += '之'.len_utf8() + klen;
    }
    let rest = &t[label_len..];
    let rest_trimmed = rest.trim_start_matches(is_blank);
    let spaced = rest_trimmed.len() < rest.len() || rest.is_empty();
    if !spaced && CONTINUATIONS.iter().any(|c| rest.starts_with(c)) {
        return None;
    }
    if level == Level::Tiao {
        return Some(Kind::Article {
            number,
            suffix,
            label_len,
            rest: t.len() - rest_trimmed.len(),
        });
    }
    // A 编/章/节 heading is a short line with a title, not a sentence.
    if t.chars().count() > 60 || t.chars().any(is_sentence_punct) {
        return None;
    }
    Some(Kind::Container {
        level,
        number,
        suffix,
        label_len,
    })
}

pub(super) fn paren_item(t: &str) -> Kind {
    let Some(open) = t.chars().next() else {
        return Kind::Plain;
    };
    let inner = &t[open.len_utf8()..];
    if inner.starts_with("此件") && is_parenthesised(t) {
        return Kind::Note;
    }
    let closing = |s: &str| s.chars().next().filter(|&c| c == '）' || c == ')');
    if let Some((number, len)) = take_numeral_where(inner, is_chinese_numeral)
        && number > 0
        && let Some(close) = closing(&inner[len..])
    {
        return Kind::Xiang {
            number,
            label_len: open.len_utf8() + len + close.len_utf8(),
        };
    }
    if let Some((_, len)) = take_numeral_where(inner, is_digit)
        && closing(&inner[len..]).is_some()
    {
        return Kind::SubItem;
    }
    Kind::Plain
}

pub(super) fn mu_item(t: &str) -> Option<Kind> {
    let (number, len) = take_numeral_where(t, is_digit)?;
    let after = &t[len..];
    let punct = after.chars().next()?;
    if !matches!(punct, '.' | '．' | '、') {
        return None;
    }
    let next = after[punct.len_utf8()..].chars().next();
    // `1.5倍` is a number, not an item.
    if next.is_some_and(is_digit) || number == 0 {
        return None;
    }
    Some(Kind::Mu {
        number,
        label_len: len + punct.len_utf8(),
    })
}

pub(super) fn bufen(t: &str) -> Option<Kind> {
    let (number, len) = take_numeral_where(t, is_chinese_numeral)?;
    let after = t[len..].strip_prefix('、')?;
    if number == 0 {
        return None;
    }
    let label_len = len + '、'.len_utf8();
    let rest = after.trim_start_matches(is_blank);
    Some(Kind::Bufen {
        number,
        label_len,
        rest: t.len() - rest.len(),
    })
}

pub(super) fn is_attachment_line(t: &str) -> bool {
    let Some(after) = t.strip_prefix("附件") else {
        return false;
    };
    let after = after.trim_start_matches(is_blank);
    if after.is_empty() || after.starts_with('：') || after.starts_with(':') {
        return true;
    }
    match take_numeral(after) {
        Some((_, len)) => {
            let rest = after[len..].trim_start_matches(is_blank);
            rest.is_empty() || rest.starts_with('：') || rest.starts_with(':')
        }
        None => false,
    }
}

/// A line that is only a date: `2024年5月29日`, `二〇二四年五月二十九日`.
pub(super) fn date_line(t: &str) -> Option<Date> {
    let body = t.strip_suffix('日')?;
    let (y, rest) = body.split_once('年')?;
    let (m, d) = rest.split_once('月')?;
    let part = |s: &str| -> Option<u32> {
        let s = s.trim_matches(is_blank);
        let (n, len) = take_numeral(s)?;
        (len == s.len()).then_some(n)
    };
    let y_trim = y.trim_matches(is_blank);
    if y_trim.chars().count() != 4 {
        return None;
    }
    let (year, month, day) = (part(y)?, part(m)?, part(d)?);
    crate::date::parse_date("signed", &format!("{year:04}-{month:02}-{day:02}")).ok()
}

/// Drops blanks between two CJK characters (`总 则` → `总则`) and turns other blank runs into one
/// space.
pub(super) fn normalize_title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_blank = false;
    for c in s.trim_matches(is_blank).chars() {
        if is_blank(c) {
            pending_blank = true;
            continue;
        }
        if pending_blank {
            let prev_wide = out.chars().next_back().is_some_and(|p| !p.is_ascii());
            if !prev_wide || c.is_ascii() {
                out.push(' ');
            }
            pending_blank = false;
        }
        out.push(c);
    }
    out
}
