//! Citations by 文号: `国发〔2024〕3号` in every bracket spelling, and `第N号` ordinals.

use super::*;

pub(super) const OPEN: [char; 7] = ['〔', '[', '［', '(', '（', '【', '〖'];
pub(super) const CLOSE: [char; 7] = ['〕', ']', '］', ')', '）', '】', '〗'];

/// Characters of a 机关代字: Han characters and ASCII letters and digits (`鄂9005法建`).
pub(super) fn is_agency_char(c: char) -> bool {
    is_han(c) || c.is_ascii_alphanumeric()
}

/// Words before a 文号 that are not part of its 机关代字: `按照国办发…` → `国办发`,
/// `市人民政府京政发…` → `京政发`, `我院以法…` → `法`.
pub(super) const AGENCY_BOUNDARIES: &[&str] = &[
    "人民政府",
    "政府",
    "办公厅",
    "办公室",
    "委员会",
    "我院",
    "本院",
    "我部",
    "我局",
    "我委",
    "我厅",
    "我办",
    "我市",
    "本市",
    "印发",
    "转发",
    "按照",
    "根据",
    "依据",
    "依照",
    "参照",
    "遵照",
    "执行",
    "贯彻",
    "落实",
    "文件",
    "通知",
    "附件",
    "见",
    "以",
    "按",
    "据",
    "依",
    "和",
    "及",
    "与",
    "或",
    "的",
    "即",
    "对",
    "在",
    "于",
    "将",
    "由",
    "是",
    "为",
    "并",
    "同",
    "称",
    "号",
    "年",
    "月",
    "日",
    "第",
    "了",
    "如",
];

/// Words before `…令第N号` that are not part of the issuer. `和` is not one: it is inside many
/// names (`中华人民共和国`, `住房和城乡建设部`).
pub(super) const ISSUER_BOUNDARIES: &[&str] = &[
    "按照", "根据", "依据", "依照", "参照", "遵照", "印发", "发布", "公布", "见", "以", "经", "由",
    "的", "及", "与", "或", "即", "为", "并", "同", "号", "了", "年", "月", "日",
];

/// Where the agency (or issuer) in front of `at` starts, at most `max` characters back.
pub(super) fn name_start(
    text: &str,
    at: usize,
    max: usize,
    boundaries: &[&str],
    digits: bool,
) -> Option<usize> {
    let mut start = at;
    for (n, (i, c)) in text[..at].char_indices().rev().enumerate() {
        let ok = if digits { is_agency_char(c) } else { is_han(c) };
        if n >= max || !ok {
            break;
        }
        start = i;
    }
    let run = &text[start..at];
    let mut cut = boundaries
        .iter()
        .filter_map(|w| run.rfind(w).map(|p| p + w.len()))
        .max()
        .unwrap_or(0);
    // `法（研）发〔1987〕32号`: a 代字 with brackets inside is not read, rather than read in part.
    if cut == 0 && text[..start].ends_with([')', '）']) {
        return None;
    }
    let mut name = &run[cut..];
    // `原国家工商行政管理总局令第56号`: a body that no longer exists is named as before.
    if let Some(rest) = name.strip_prefix('原')
        && rest.chars().count() >= 3
    {
        name = rest;
        cut += '原'.len_utf8();
    }
    // A 代字 starts with a Han character (`国办发`, `鄂9005法建`), not a digit.
    let first = name.chars().next()?;
    is_han(first).then_some(start + cut)
}

/// `机关代字〔year〕serial号` with any brackets.
pub(super) fn bracket_numbers(text: &str) -> Vec<Citation> {
    let mut found = Vec::new();
    for (open, c) in text.char_indices() {
        if !OPEN.contains(&c) {
            continue;
        }
        let after_open = open + c.len_utf8();
        // Four digits of a year (Arabic, full width or Chinese), then a closing bracket.
        let mut year_end = after_open;
        let mut year_len = 0;
        for (i, d) in text[after_open..].char_indices() {
            if year_len == 4 {
                year_end = after_open + i;
                break;
            }
            if !is_numeral(d) {
                break;
            }
            year_len += 1;
            year_end = after_open + i + d.len_utf8();
        }
        if year_len != 4 {
            continue;
        }
        let Some(close) = text[year_end..]
            .chars()
            .next()
            .filter(|c| CLOSE.contains(c))
        else {
            continue;
        };
        let mut serial_start = year_end + close.len_utf8();
        if text[serial_start..].starts_with('第') {
            serial_start += '第'.len_utf8();
        }
        let serial_len = text[serial_start..]
            .char_indices()
            .find(|&(_, c)| !is_numeral(c))
            .map_or(text.len() - serial_start, |(i, _)| i);
        let serial_end = serial_start + serial_len;
        if serial_len == 0 || !text[serial_end..].starts_with('号') {
            continue;
        }
        let end = serial_end + '号'.len_utf8();
        let Some(start) = name_start(text, open, 12, AGENCY_BOUNDARIES, true) else {
            continue;
        };
        if let Ok(number) = DocNumber::parse(&text[start..end]) {
            found.push(Citation {
                title: None,
                doc_number: Some(number),
                alias: None,
                start,
                end,
                basis: false,
            });
        }
    }
    found
}

/// `issuer令第N号`, `issuer令2019年第N号`, `issuer公告2018年第N号`.
pub(super) fn ordinal_numbers(text: &str) -> Vec<Citation> {
    let mut found = Vec::new();
    for marker in ["令", "公告"] {
        let mut pos = 0;
        while let Some(rel) = text[pos..].find(marker) {
            let at = pos + rel;
            pos = at + marker.len();
            let mut rest = &text[pos..];
            // An optional year: `2019年`.
            let year_len = rest.chars().take_while(|&c| is_digit(c)).count();
            if year_len == 4 {
                let after: &str =
                    &rest[rest.char_indices().nth(4).map_or(rest.len(), |(i, _)| i)..];
                match after.strip_prefix('年') {
                    Some(a) => rest = a,
                    None => continue,
                }
            } else if year_len != 0 {
                continue;
            }
            let Some(after_di) = rest.strip_prefix('第') else {
                continue;
            };
            let serial_len = after_di
                .char_indices()
                .find(|&(_, c)| !is_numeral(c))
                .map_or(after_di.len(), |(i, _)| i);
            if serial_len == 0 || !after_di[serial_len..].starts_with('号') {
                continue;
            }
            let serial: String = after_di[..serial_len].chars().map(fold_char).collect();
            if parse_chinese_number(&serial).is_none() {
                continue;
            }
            let end = text.len() - after_di.len() + serial_len + '号'.len_utf8();
            let Some(start) = name_start(text, at, 24, ISSUER_BOUNDARIES, false) else {
                continue;
            };
            // An issuer is a body's name: at least two characters.
            if text[start..at].chars().count() < 2 {
                continue;
            }
            if let Ok(number) = DocNumber::parse(&text[start..end]) {
                found.push(Citation {
                    title: None,
                    doc_number: Some(number),
                    alias: None,
                    start,
                    end,
                    basis: false,
                });
            }
        }
    }
    found
}
