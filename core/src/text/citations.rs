//! Citations in text: 《title》 references and 发文字号 (文号) references.
//!
//! [`find_citations`] finds
//!
//! - titles in 《》, with a 文号 and an abbreviation in brackets right after them taken into the
//!   same citation: `《提升行政执法质量三年行动计划（2023—2025年）》（国办发〔2023〕27号）`,
//!   `《中华人民共和国土地管理法》（以下简称《土地管理法》）`. Titles may contain brackets and
//!   inner titles in 〈〉 or 《》 (`《关于修改〈中华人民共和国行政处罚法〉的决定》`).
//! - 文号 on their own, in any bracket spelling: `按照司发〔2023〕1号精神`, `国办发(2022)27号`,
//!   `湖北省人民政府令第412号`, `国家税务总局公告2018年第31号`.
//!
//! 《》 that name a form, certificate, table or publication rather than a document
//! (`《营业执照》`, `《行政处罚决定书》`, `《登记表》`, `《人民日报》`) are not citations.
//!
//! A citation is marked as the basis (依据) of the text when it stands in a basis clause: the
//! sentence ends by enacting the text (`…，制定本办法。`, `制订本条例`, `制定此规定`, or in a
//! judicial interpretation `现就…问题解释如下：`) and the citation comes after `根据`, `依据`
//! or `依照` in that sentence. In `为了贯彻《A》，根据《B》
//! 和《C》，制定本办法。` B and C are the basis and A is not.
//!
//! A 文号 alone on its line is the text's own 发文字号, printed under its title: it is not a
//! citation. A text may still name its own number inside a sentence; callers that know the
//! document's number drop it.

use serde::{Serialize, Serializer};

use crate::model::doc_number::DocNumber;
use crate::text::normalize::fold_char;
use crate::text::numerals::parse_chinese_number;

/// A citation found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    /// The title as written, inside the outer 《》.
    pub title: Option<String>,
    /// The document number, parsed.
    #[serde(serialize_with = "canonical")]
    pub doc_number: Option<DocNumber>,
    /// The abbreviation the text defines for the title (`以下简称《土地管理法》` → `土地管理法`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
    /// Byte offset where the citation starts.
    pub start: usize,
    /// Byte offset just after it.
    pub end: usize,
    /// Whether it stands in a basis clause (`根据《…》…，制定本办法。`).
    pub basis: bool,
}

fn canonical<S: Serializer>(n: &Option<DocNumber>, s: S) -> Result<S::Ok, S::Error> {
    match n {
        Some(n) => s.serialize_str(n.canonical()),
        None => s.serialize_none(),
    }
}

/// Finds the citations in a text, in order. Never panics.
pub fn find_citations(text: &str) -> Vec<Citation> {
    let mut found = titles(text);
    // Titles are found in order and do not overlap: the first one ending after `start` is the
    // only one that can overlap `[start, end)`.
    let covered: Vec<(usize, usize)> = found.iter().map(|c| (c.start, c.end)).collect();
    let inside = |start: usize, end: usize| {
        let i = covered.partition_point(|&(_, b)| b <= start);
        covered.get(i).is_some_and(|&(a, _)| a < end)
    };
    for c in bracket_numbers(text)
        .into_iter()
        .chain(ordinal_numbers(text))
    {
        if !inside(c.start, c.end) && !fills_its_line(text, c.start, c.end) {
            found.push(c);
        }
    }
    found.sort_by_key(|c| c.start);
    found.dedup_by(|b, a| b.start < a.end);
    if !found.is_empty() {
        let ends: Vec<usize> = text
            .char_indices()
            .filter(|&(_, c)| is_sentence_end(c))
            .map(|(i, _)| i)
            .collect();
        for c in &mut found {
            c.basis = in_basis_clause(text, &ends, c.start, c.end);
        }
    }
    found
}

/// Whether `[start, end)` is all there is on its line, blanks aside: the text's own 发文字号
/// printed under its title, not a reference to another document.
fn fills_its_line(text: &str, start: usize, end: usize) -> bool {
    let blank_before = text[..start]
        .chars()
        .rev()
        .take_while(|&c| c != '\n')
        .all(is_blank);
    blank_before && text[end..].chars().take_while(|&c| c != '\n').all(is_blank)
}

/// A key for matching a title against the titles of a registry: width folded, without
/// whitespace and zero-width characters, without the outer 《》 and a leading `中华人民共和国`
/// (also inside an inner title), inner 《》 and 〈〉 both as 〈〉, quotes as `"`, dashes as `-`.
pub fn title_key(title: &str) -> String {
    let t = title.trim_matches(is_blank);
    let t = match t.strip_prefix('《').and_then(|s| s.strip_suffix('》')) {
        Some(inner) => inner,
        None => t,
    };
    let mut key = String::with_capacity(t.len());
    for c in t.chars() {
        if is_blank(c) {
            continue;
        }
        let c = match fold_char(c) {
            '《' | '〈' | '<' => '〈',
            '》' | '〉' | '>' => '〉',
            '“' | '”' | '‘' | '’' | '「' | '」' | '\'' => '"',
            '—' | '–' | '―' | '－' | '~' | '～' | '‐' | '‑' | '−' => '-',
            '・' | '•' | '‧' => '·',
            c => c,
        };
        // `——` is one dash.
        if c == '-' && key.ends_with('-') {
            continue;
        }
        key.push(c);
    }
    const PRC: &str = "中华人民共和国";
    let key = key.strip_prefix(PRC).map(str::to_owned).unwrap_or(key);
    key.replace(&format!("〈{PRC}"), "〈")
}

fn is_blank(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
        )
}

// ---------------------------------------------------------------------------------------------
// Titles

/// The longest title looked for, in characters.
const MAX_TITLE: usize = 300;

fn titles(text: &str) -> Vec<Citation> {
    let mut found = Vec::new();
    let mut pos = 0;
    while let Some(rel) = text[pos..].find('《') {
        let open = pos + rel;
        let Some(close) = matching(text, open, '《', '》', MAX_TITLE) else {
            pos = open + '《'.len_utf8();
            continue;
        };
        let title = &text[open + '《'.len_utf8()..close];
        let mut end = close + '》'.len_utf8();
        let mut citation = Citation {
            title: Some(title.to_owned()),
            doc_number: None,
            alias: None,
            start: open,
            end,
            basis: false,
        };
        if let Some((number, alias, paren_end)) = trailing_parenthetical(text, end) {
            citation.doc_number = number;
            citation.alias = alias;
            citation.end = paren_end;
            end = paren_end;
        }
        if is_document_title(title) {
            found.push(citation);
            pos = end;
        } else {
            // Not a document; an inner 《》 may still be one.
            pos = open + '《'.len_utf8();
        }
    }
    found
}

/// The byte offset of the bracket closing the one at `open`, counting nested pairs; `None`
/// past a line break or `limit` characters.
fn matching(text: &str, open: usize, left: char, right: char, limit: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (n, (i, c)) in text[open..].char_indices().enumerate() {
        if n > limit || c == '\n' {
            return None;
        }
        if c == left {
            depth += 1;
        } else if c == right {
            depth = depth.checked_sub(1)?;
            if depth == 0 {
                return Some(open + i);
            }
        }
    }
    None
}

/// `（国办发〔2023〕27号）`, `（以下简称《土地管理法》）`, `（法释〔2009〕19号，以下简称《解释》）`
/// right after a title: the number, the abbreviation and where the brackets end.
fn trailing_parenthetical(
    text: &str,
    at: usize,
) -> Option<(Option<DocNumber>, Option<String>, usize)> {
    let rest = &text[at..];
    let trimmed = rest.trim_start_matches([' ', '\u{3000}']);
    let open = at + (rest.len() - trimmed.len());
    let first = trimmed.chars().next()?;
    if first != '（' && first != '(' {
        return None;
    }
    let close = matching_paren(text, open, 160)?;
    let inner = &text[open + first.len_utf8()..close];
    let mut number = None;
    let mut alias = None;
    for part in split_top_level(inner) {
        let part = part.trim_matches(is_blank);
        if let Some(a) = ["以下简称", "以下称", "下称", "简称"]
            .iter()
            .find_map(|p| part.strip_prefix(p))
        {
            let a = a
                .trim_start_matches(['：', ':', '为'])
                .trim_matches(is_blank);
            let a = a
                .trim_start_matches(['《', '“', '"', '「'])
                .trim_end_matches(['》', '”', '"', '」']);
            // `以下简称《A》、《B》` abbreviates several titles at once: no single alias.
            if !a.is_empty() && !a.contains(['《', '》']) {
                alias = Some(a.to_owned());
            }
        } else if number.is_none()
            && let Some(part) = ["号文件", "号文", "号"]
                .iter()
                .find_map(|s| part.strip_suffix(s))
            && let Ok(n) = DocNumber::parse(&format!("{part}号"))
        {
            number = Some(n);
        }
    }
    if number.is_none() && alias.is_none() {
        return None;
    }
    let close_len = text[close..].chars().next().map_or(1, char::len_utf8);
    Some((number, alias, close + close_len))
}

/// Like [`matching`], with （ and ( as one kind of bracket.
fn matching_paren(text: &str, open: usize, limit: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (n, (i, c)) in text[open..].char_indices().enumerate() {
        if n > limit || c == '\n' {
            return None;
        }
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(open + i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Splits at `，` `；` `,` `;` outside brackets.
fn split_top_level(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '（' | '(' | '〔' | '[' | '［' | '【' | '《' | '〈' => depth += 1,
            '）' | ')' | '〕' | ']' | '］' | '】' | '》' | '〉' => depth -= 1,
            '，' | '；' | ',' | ';' if depth <= 0 => {
                parts.push(&s[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&s[start..]);
    parts
}

/// Whether a title in 《》 names a document rather than a form, a certificate, a table or a
/// publication.
fn is_document_title(title: &str) -> bool {
    let t = title.trim_matches(is_blank);
    if t.is_empty() {
        return false;
    }
    // `（试行）`, `（2023—2025年）`, `（样式）` at the end say nothing about the kind.
    let mut stem = t;
    while let Some(s) = stem.strip_suffix('）').or_else(|| stem.strip_suffix(')')) {
        match s.rfind(['（', '(']) {
            Some(i) if i > 0 => stem = s[..i].trim_end_matches(is_blank),
            _ => break,
        }
    }
    const DOCUMENTS: &[&str] = &["清单", "议定书", "白皮书", "通报", "规划图"];
    const NOT_DOCUMENTS: &[&str] = &[
        "证", "证书", "执照", "照", "书", "表", "单", "簿", "册", "卡", "牌", "报", "刊", "杂志",
        "标志", "标识", "证明", "样式", "图案", "图", "证件", "票", "网",
    ];
    if DOCUMENTS.iter().any(|s| stem.ends_with(s)) {
        return true;
    }
    !NOT_DOCUMENTS.iter().any(|s| stem.ends_with(s))
}

// ---------------------------------------------------------------------------------------------
// Document numbers

const OPEN: [char; 7] = ['〔', '[', '［', '(', '（', '【', '〖'];
const CLOSE: [char; 7] = ['〕', ']', '］', ')', '）', '】', '〗'];

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn is_numeral(c: char) -> bool {
    is_digit(c)
        || matches!(
            c,
            '零' | '〇'
                | '○'
                | '一'
                | '二'
                | '三'
                | '四'
                | '五'
                | '六'
                | '七'
                | '八'
                | '九'
                | '十'
                | '百'
                | '千'
        )
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

/// Characters of a 机关代字: Han characters and ASCII letters and digits (`鄂9005法建`).
fn is_agency_char(c: char) -> bool {
    is_han(c) || c.is_ascii_alphanumeric()
}

/// Words before a 文号 that are not part of its 机关代字: `按照国办发…` → `国办发`,
/// `市人民政府京政发…` → `京政发`, `我院以法…` → `法`.
const AGENCY_BOUNDARIES: &[&str] = &[
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
const ISSUER_BOUNDARIES: &[&str] = &[
    "按照", "根据", "依据", "依照", "参照", "遵照", "印发", "发布", "公布", "见", "以", "经", "由",
    "的", "及", "与", "或", "即", "为", "并", "同", "号", "了", "年", "月", "日",
];

/// Where the agency (or issuer) in front of `at` starts, at most `max` characters back.
fn name_start(
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
fn bracket_numbers(text: &str) -> Vec<Citation> {
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
fn ordinal_numbers(text: &str) -> Vec<Citation> {
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

// ---------------------------------------------------------------------------------------------
// Basis clauses

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '\n')
}

/// The last clause of a sentence that enacts the text it stands in: `制定本办法`, and the
/// judicial interpretations' `现就…问题解释如下：` and the decisions' `特作出如下决定：`.
const ENACTING: &[&str] = &[
    "制定本",
    "制订本",
    "制定此",
    "制订此",
    "解释如下",
    "规定如下",
    "作如下规定",
    "作出如下规定",
    "作如下解释",
    "作出如下解释",
    "作出以下解释",
    "作如下决定",
    "作出如下决定",
    "决定如下",
];

/// Whether the citation at `[start, end)` stands after 根据/依据/依照 in a sentence that ends
/// by enacting the text. `ends` are the byte offsets of the text's sentence ends, in order.
fn in_basis_clause(text: &str, ends: &[usize], start: usize, end: usize) -> bool {
    let i = ends.partition_point(|&e| e < start);
    let sentence_start = match i {
        0 => 0,
        _ => text[ends[i - 1]..]
            .chars()
            .next()
            .map_or(text.len(), |c| ends[i - 1] + c.len_utf8()),
    };
    let sentence_end = ends[i..]
        .iter()
        .copied()
        .find(|&e| e >= end)
        .unwrap_or(text.len());
    // A sentence this long is not a basis clause (and the search stays linear).
    const MAX_SENTENCE_BYTES: usize = 3000;
    if sentence_end - sentence_start > MAX_SENTENCE_BYTES {
        return false;
    }
    let sentence = text[sentence_start..sentence_end]
        .trim_end_matches(is_blank)
        .trim_end_matches(['：', ':']);
    let last_clause = sentence
        .rsplit(['，', ',', '：', ':', '；', ';'])
        .next()
        .unwrap_or(sentence);
    let enacts = ENACTING.iter().any(|w| last_clause.contains(w));
    if !enacts {
        return false;
    }
    let before = &text[sentence_start..start];
    ["根据", "依据", "依照"].iter().any(|w| before.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const BANFA: &str = include_str!("../../../fixtures/text/guifanxing_wenjian_guanli_banfa.txt");
    const GUIZE: &str = include_str!("../../../fixtures/text/cailiang_jizhun_shiyong_guize.txt");
    const GUIDING: &str = include_str!("../../../fixtures/text/qingwei_weifa_bu_chufa_guiding.txt");
    const JUEDING: &str = include_str!("../../../fixtures/text/xiugai_jueding.txt");
    const TONGZHI: &str = include_str!("../../../fixtures/text/qingli_gongzuo_tongzhi.txt");

    /// (title, canonical number, basis) of each citation.
    fn summary(text: &str) -> Vec<(Option<String>, Option<String>, bool)> {
        find_citations(text)
            .into_iter()
            .map(|c| {
                (
                    c.title,
                    c.doc_number.map(|n| n.canonical().to_owned()),
                    c.basis,
                )
            })
            .collect()
    }

    fn t(title: &str, number: Option<&str>, basis: bool) -> (Option<String>, Option<String>, bool) {
        (Some(title.to_owned()), number.map(str::to_owned), basis)
    }

    fn n(number: &str) -> (Option<String>, Option<String>, bool) {
        (None, Some(number.to_owned()), false)
    }

    #[test]
    fn title_with_its_number_is_one_citation() {
        let text = "按照《提升行政执法质量三年行动计划（2023—2025年）》（国办发〔2023〕27号）要求";
        let found = find_citations(text);
        assert_eq!(found.len(), 1);
        let c = &found[0];
        assert_eq!(
            c.title.as_deref(),
            Some("提升行政执法质量三年行动计划（2023—2025年）")
        );
        assert_eq!(
            c.doc_number.as_ref().map(DocNumber::canonical),
            Some("国办发〔2023〕27号")
        );
        assert_eq!(
            &text[c.start..c.end],
            "《提升行政执法质量三年行动计划（2023—2025年）》（国办发〔2023〕27号）"
        );
        assert!(!c.basis);
    }

    #[test]
    fn a_number_called_a_file_still_belongs_to_its_title() {
        let text = "按照《国务院关于筹措农村学校办学经费的通知》(国发〔1984〕174号文)的规定";
        assert_eq!(
            summary(text),
            [t(
                "国务院关于筹措农村学校办学经费的通知",
                Some("国发〔1984〕174号"),
                false
            )]
        );
    }

    #[test]
    fn inner_titles_stay_inside() {
        let text = "依照《关于修改〈中华人民共和国行政处罚法〉的决定》和《关于修改《中华人民共和国立法法》的决定》办理";
        assert_eq!(
            summary(text),
            [
                t("关于修改〈中华人民共和国行政处罚法〉的决定", None, false),
                t("关于修改《中华人民共和国立法法》的决定", None, false),
            ]
        );
    }

    #[test]
    fn abbreviations_are_kept_and_not_cited_twice() {
        let text = "根据《中华人民共和国土地管理法》（以下简称《土地管理法》）和《中华人民共和国民事诉讼法》（以下简称民事诉讼法），结合本市实际，制定本办法。";
        let found = find_citations(text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].alias.as_deref(), Some("土地管理法"));
        assert_eq!(found[1].alias.as_deref(), Some("民事诉讼法"));
        assert!(found.iter().all(|c| c.basis));
        let text = "《最高人民法院关于审理非法行医刑事案件具体应用法律若干问题的解释》（法释〔2008〕5号，以下简称《解释》）";
        let found = find_citations(text);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].doc_number.as_ref().map(DocNumber::canonical),
            Some("法释〔2008〕5号")
        );
        assert_eq!(found[0].alias.as_deref(), Some("解释"));
    }

    #[test]
    fn bare_numbers_in_every_bracket() {
        for (text, number) in [
            ("按照司发〔2023〕1号精神", "司发〔2023〕1号"),
            ("按国办发(1985)49号文件规定办理", "国办发〔1985〕49号"),
            (
                "1985年11月30日市人民政府京政发〔1985〕167号文件发布",
                "京政发〔1985〕167号",
            ),
            ("我院以法〔1998〕86号通知印发了", "法〔1998〕86号"),
            ("见鄂政办发［2024］11号。", "鄂政办发〔2024〕11号"),
            ("依据潜政规[2024]3号和", "潜政规〔2024〕3号"),
            ("依据潜政规（２０２４）第３号", "潜政规〔2024〕3号"),
            ("依据鄂9005法建(2024)2号", "鄂9005法建〔2024〕2号"),
            ("以国务院令第699号公布", "国务院令第699号"),
            ("（中华人民共和国主席令第三号）", "主席令第3号"),
            ("见交通运输部令2019年第1号", "交通运输部令2019年第1号"),
            (
                "2014年7月30日原国家食品药品监督管理总局令第4号公布的",
                "国家食品药品监督管理总局令第4号",
            ),
            ("以太原市人民政府令第5号发布", "太原市人民政府令第5号"),
            ("（住房和城乡建设部令第9号）", "住房和城乡建设部令第9号"),
            (
                "按照国家税务总局公告2018年第31号执行",
                "国家税务总局公告2018年第31号",
            ),
        ] {
            assert_eq!(summary(text), [n(number)], "{text}");
        }
    }

    #[test]
    fn the_texts_own_number_line_is_not_a_citation() {
        let text = "关于某事的通知\n\n　　潜政办发〔2024〕21号　\n\n按照潜政办发〔2023〕9号执行。";
        assert_eq!(summary(text), [n("潜政办发〔2023〕9号")]);
    }

    #[test]
    fn no_numbers_where_there_are_none() {
        for text in [
            "2024年5月29日",
            "〔2024〕",
            "（2024）3号",
            "依照本法第十二条规定",
            "（2023）京01民初123号判决",
            "法（研）发〔1987〕32号",
            "责令第三人停止侵害",
            "有效期至2027年7月31日。",
            "第十条之一",
            "《》",
            "《营业执照》《行政处罚决定书》《人民日报》《统计表（样式）》",
        ] {
            assert_eq!(summary(text), [], "{text}");
        }
    }

    #[test]
    fn basis_clauses() {
        let text = "第一条 为了贯彻落实《中华人民共和国行政处罚法》，依据《湖北省城市管理执法条例》和省政府鄂政发〔2021〕12号，结合本市实际，制定本规定。\n第二条 依照《中华人民共和国行政处罚法》第十二条规定处理。";
        assert_eq!(
            summary(text),
            [
                t("中华人民共和国行政处罚法", None, false),
                t("湖北省城市管理执法条例", None, true),
                (None, Some("鄂政发〔2021〕12号".to_owned()), true),
                t("中华人民共和国行政处罚法", None, false),
            ]
        );
        let text = "根据《中华人民共和国刑事诉讼法》等法律规定，现就办理相关案件适用法律若干问题规定如下：\n一、……";
        assert!(find_citations(text)[0].basis);
        let text = "根据《中华人民共和国行政处罚法》和有关规定精神，我们制定了《实施办法》，现印发给你们。";
        assert!(find_citations(text).iter().all(|c| !c.basis));
    }

    #[test]
    fn fixture_measures() {
        assert_eq!(
            summary(BANFA),
            [
                t("中华人民共和国立法法", None, true),
                t(
                    "湖北省行政规范性文件管理办法",
                    Some("湖北省人民政府令第412号"),
                    true
                ),
                t(
                    "国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见",
                    Some("国办发〔2018〕115号"),
                    true
                ),
                n("鄂政办发〔2023〕11号"),
                t(
                    "潜江市行政规范性文件管理暂行办法",
                    Some("潜政发〔2019〕8号"),
                    false
                ),
            ]
        );
    }

    #[test]
    fn fixture_rules_with_cover_notice() {
        assert_eq!(
            summary(GUIZE),
            [
                t("潜江市市场监管领域行政处罚裁量权基准适用规则", None, false),
                t("中华人民共和国行政处罚法", None, false),
                t(
                    "国务院办公厅关于进一步规范行政裁量权基准制定和管理工作的意见",
                    Some("国办发〔2022〕27号"),
                    false
                ),
                t("潜江市市场监管领域行政处罚裁量权基准适用规则", None, false),
                t("中华人民共和国行政处罚法", None, true),
                t(
                    "市场监督管理行政处罚程序规定",
                    Some("国家市场监督管理总局令第2号"),
                    true
                ),
            ]
        );
    }

    #[test]
    fn fixture_provisions() {
        assert_eq!(
            summary(GUIDING),
            [
                t("中华人民共和国行政处罚法", None, false),
                t("湖北省城市管理执法条例", None, true),
                t(
                    "省司法厅关于推行包容审慎监管的指导意见",
                    Some("鄂司发〔2021〕12号"),
                    true
                ),
                t("城市市容和环境卫生管理条例", None, false),
            ]
        );
    }

    #[test]
    fn fixture_amendment_and_notice() {
        assert_eq!(
            summary(JUEDING),
            [
                t("潜江市行政规范性文件管理办法", None, false),
                t(
                    "国务院关于修改和废止部分行政法规的决定",
                    Some("国务院令第797号"),
                    false
                ),
                t(
                    "潜江市行政规范性文件管理办法",
                    Some("潜政规〔2024〕3号"),
                    false
                ),
                t("潜江市行政规范性文件管理办法", None, false),
            ]
        );
        assert_eq!(
            summary(TONGZHI),
            [
                t(
                    "国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知",
                    Some("国办发〔2018〕37号"),
                    false
                ),
                n("司发〔2023〕1号"),
            ]
        );
    }

    #[test]
    fn title_keys() {
        assert_eq!(title_key("《中华人民共和国行政处罚法》"), "行政处罚法");
        assert_eq!(
            title_key("中华人民共和国 行政处罚法"),
            title_key("行政处罚法")
        );
        assert_eq!(
            title_key("关于修改《中华人民共和国行政处罚法》的决定"),
            title_key("关于修改〈行政处罚法〉的决定")
        );
        assert_eq!(
            title_key("提升行政执法质量三年行动计划（2023—2025年）"),
            title_key("提升行政执法质量三年行动计划(2023-2025年)")
        );
        assert_eq!(
            title_key("提升行政执法质量三年行动计划(2023-2025年)"),
            "提升行政执法质量三年行动计划(2023-2025年)"
        );
        assert_eq!(
            title_key("关于“放管服”改革的意见"),
            title_key("关于\"放管服\"改革的意见")
        );
    }

    #[test]
    fn long_texts_without_breaks_stay_fast() {
        let unit = "根据《某某条例》和潜政规〔2024〕3号，";
        let mut text = unit.repeat(20_000);
        text.push_str("制定本办法。");
        let started = std::time::Instant::now();
        let found = find_citations(&text);
        assert_eq!(found.len(), 40_000);
        assert!(found.iter().all(|c| !c.basis));
        assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    }

    #[test]
    fn serializes_numbers_canonically() {
        let found = find_citations("《某办法》（潜政规[2024]3号）");
        let v = serde_json::to_value(&found).expect("json");
        assert_eq!(v[0]["doc_number"], "潜政规〔2024〕3号");
        assert_eq!(v[0]["title"], "某办法");
        assert_eq!(v[0]["basis"], false);
    }

    const FRAGMENTS: &[&str] = &[
        "《",
        "》",
        "〈",
        "〉",
        "（",
        "）",
        "(",
        ")",
        "〔",
        "〕",
        "[",
        "]",
        "［",
        "］",
        "【",
        "】",
        "2024",
        "２０２４",
        "二〇二四",
        "号",
        "第",
        "令",
        "公告",
        "年",
        "国办发",
        "鄂政办发",
        "根据",
        "依据",
        "制定本办法",
        "。",
        "，",
        "\n",
        "以下简称",
        "中华人民共和国",
        "行政处罚法",
        "27",
        "三",
        " ",
        "\u{3000}",
        "关于修改",
        "的决定",
        "证",
        "表",
    ];

    proptest! {
        #[test]
        fn never_panics_on_arbitrary_text(s in "\\PC{0,200}") {
            for c in find_citations(&s) {
                prop_assert!(c.start < c.end && c.end <= s.len());
                prop_assert!(s.is_char_boundary(c.start) && s.is_char_boundary(c.end));
            }
            drop(title_key(&s));
        }

        #[test]
        fn never_panics_on_citation_fragments(parts in prop::collection::vec(prop::sample::select(FRAGMENTS), 0..60)) {
            let s: String = parts.concat();
            let found = find_citations(&s);
            for pair in found.windows(2) {
                prop_assert!(pair[0].end <= pair[1].start);
            }
            for c in &found {
                prop_assert!(s.is_char_boundary(c.start) && s.is_char_boundary(c.end));
                prop_assert!(c.title.is_some() || c.doc_number.is_some());
            }
        }

        #[test]
        fn finds_numbers_in_any_bracket(
            agency in prop::sample::select(vec!["国办发", "鄂政办发", "潜政规", "法释", "司发"]),
            year in 1980u16..2100,
            serial in 1u32..500,
            brackets in prop::sample::select(vec![("〔", "〕"), ("[", "]"), ("［", "］"), ("(", ")"), ("（", "）"), ("【", "】")]),
            lead in prop::sample::select(vec!["按照", "根据", "，", "见", "（", ""]),
        ) {
            let text = format!("{lead}{agency}{}{year}{}{serial}号文件", brackets.0, brackets.1);
            let found = find_citations(&text);
            prop_assert_eq!(found.len(), 1);
            let canonical = format!("{agency}〔{year}〕{serial}号");
            prop_assert_eq!(found[0].doc_number.as_ref().map(DocNumber::canonical), Some(canonical.as_str()));
        }
    }
}
