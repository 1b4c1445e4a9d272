//! Citations by title: 《…》, with the parenthetical that may follow.

use super::*;

/// The longest title looked for, in characters.
pub(super) const MAX_TITLE: usize = 300;

pub(super) fn titles(text: &str) -> Vec<Citation> {
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
pub(super) fn matching(
    text: &str,
    open: usize,
    left: char,
    right: char,
    limit: usize,
) -> Option<usize> {
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
pub(super) fn trailing_parenthetical(
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
pub(super) fn matching_paren(text: &str, open: usize, limit: usize) -> Option<usize> {
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
pub(super) fn split_top_level(s: &str) -> Vec<&str> {
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
pub(super) fn is_document_title(title: &str) -> bool {
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
