//! Snippets and the article of a hit, found without re-tokenizing the text: the query's
//! literal strings are searched in the text's search form, and a window of characters around
//! the first match is cut from the original text with every match in it marked.

use crate::text::normalize::{is_search_form, raw_searchable, search_form_with_offsets};
use crate::text::numerals::parse_chinese_number;
use crate::text::structure::article_label;

/// The mark that opens a match in a snippet (an HTML `<mark>` element).
pub const MARK_OPEN: &str = "<mark>";
/// The mark that closes a match in a snippet.
pub const MARK_CLOSE: &str = "</mark>";

/// A snippet of a text around the first match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// The window with matches between [`MARK_OPEN`] and [`MARK_CLOSE`]; line breaks shown as
    /// spaces; `…` where the text goes on.
    pub marked: String,
    /// Byte offset in the original text of the match the window is around.
    pub first_match: usize,
    /// Byte offset in the original text where the window ends.
    pub window_end: usize,
}

/// The bytes of text put in search form at once when looking for matches (at least: a piece
/// ends after a line break).
const PIECE_BYTES: usize = 64 << 10;

/// The byte ranges (in the original text) where the needles (in search form) occur, by start
/// (the longest first at the same start).
pub fn find_matches(text: &str, needles: &[String]) -> Vec<(usize, usize)> {
    let needles: Vec<&str> = needles
        .iter()
        .map(String::as_str)
        .filter(|n| !n.is_empty())
        .collect();
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    if needles.is_empty() {
        return ranges;
    }
    // Searching the text as it is gives the same matches as searching its search form when
    // the text is its own search form, or when no needle has ASCII and only ASCII changes.
    let raw = is_search_form(text)
        || (needles.iter().all(|n| !n.bytes().any(|b| b.is_ascii())) && raw_searchable(text));
    if raw {
        for n in &needles {
            ranges.extend(text.match_indices(n).map(|(i, m)| (i, i + m.len())));
        }
    } else {
        // The search form is made a piece at a time, each piece ending after a line break, so
        // that its offsets (a word for each byte) take memory for a piece and not for the whole
        // text: a needle without a line break never spans one.
        let piece = if needles.iter().any(|n| n.contains('\n')) {
            text.len()
        } else {
            PIECE_BYTES
        };
        let mut at = 0;
        while at < text.len() {
            let cut = (at + piece).min(text.len());
            let cut = match text.as_bytes()[cut..].iter().position(|&b| b == b'\n') {
                Some(i) => cut + i + 1,
                None => text.len(),
            };
            let (form, offsets) = search_form_with_offsets(&text[at..cut]);
            for n in &needles {
                for (i, m) in form.match_indices(n) {
                    let start = at + offsets[i];
                    // The end: the original character after the last matched one.
                    let end = (at + offsets[i + m.len()]).max(start + 1);
                    ranges.push((start, next_boundary(text, end)));
                }
            }
            at = cut;
        }
    }
    // By start, the longest first: where a word and a part of it both match, the word is marked.
    ranges.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    ranges
}

/// Finds the needles (in search form) in `text` and cuts a window of about `width`
/// characters around the first match. `None` when no needle occurs.
pub fn snippet(text: &str, needles: &[String], width: usize) -> Option<Snippet> {
    let ranges = find_matches(text, needles);
    let first = ranges.first()?.0;
    Some(window(text, &ranges, first, width))
}

/// Cuts a window of about `width` characters around the match starting at `focus`, marking
/// every match in it.
pub fn window(text: &str, ranges: &[(usize, usize)], focus: usize, width: usize) -> Snippet {
    // A fifth of the window before the match.
    let lead = width / 5;
    let start = back_chars(text, focus, lead);
    let end = forward_chars(text, start, width);
    let mut marked = String::new();
    if start > 0 {
        marked.push('…');
    }
    let mut at = start;
    for &(s, e) in ranges {
        if s < at || s >= end {
            continue;
        }
        push_plain(&mut marked, &text[at..s]);
        marked.push_str(MARK_OPEN);
        push_plain(&mut marked, &text[s..e.min(text.len())]);
        marked.push_str(MARK_CLOSE);
        at = e.min(text.len());
    }
    if at < end {
        push_plain(&mut marked, &text[at..end]);
    }
    if end < text.len() {
        marked.push('…');
    }
    Snippet {
        marked,
        first_match: focus,
        window_end: end,
    }
}

fn push_plain(out: &mut String, s: &str) {
    for c in s.chars() {
        out.push(if matches!(c, '\n' | '\r' | '\t') {
            ' '
        } else {
            c
        });
    }
}

fn next_boundary(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i.min(text.len())
}

fn back_chars(text: &str, from: usize, n: usize) -> usize {
    text[..from]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

fn forward_chars(text: &str, from: usize, n: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| from + i)
}

/// The article (第N条) a byte offset falls in: the nearest article heading at the start of a
/// line before it, unless a chapter or section heading stands between. `None` in a preamble
/// or in a text without articles.
pub fn article_at(text: &str, offset: usize) -> Option<String> {
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let mut end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let mut start = line_start;
    loop {
        let line = text[start..end].trim_start_matches(|c: char| c.is_whitespace());
        if let Some(label) = article_heading(line) {
            return Some(label);
        }
        if is_division_heading(line) {
            return None;
        }
        if start == 0 {
            return None;
        }
        end = start - 1;
        start = text[..end].rfind('\n').map_or(0, |i| i + 1);
    }
}

/// `第十二条` or `第十条之一` at the start of a line, followed by white space or the line's end.
fn article_heading(line: &str) -> Option<String> {
    let rest = line.strip_prefix('第')?;
    let tiao = rest.find('条')?;
    let number = parse_chinese_number(&rest[..tiao])?;
    let mut after = &rest[tiao + '条'.len_utf8()..];
    let mut suffix = None;
    if let Some(s) = after.strip_prefix('之') {
        let len = s
            .char_indices()
            .find(|(_, c)| parse_chinese_number(&c.to_string()).is_none())
            .map_or(s.len(), |(i, _)| i);
        suffix = Some(parse_chinese_number(&s[..len])?);
        after = &s[len..];
    }
    if !(after.is_empty() || after.starts_with(char::is_whitespace)) {
        return None;
    }
    Some(article_label(
        u32::try_from(number).ok()?,
        suffix.and_then(|s| u32::try_from(s).ok()),
    ))
}

fn is_division_heading(line: &str) -> bool {
    let Some(rest) = line.strip_prefix('第') else {
        return false;
    };
    rest.char_indices().any(|(i, c)| {
        matches!(c, '章' | '节' | '编')
            && parse_chinese_number(&rest[..i]).is_some()
            && rest[i + c.len_utf8()..]
                .chars()
                .next()
                .is_none_or(char::is_whitespace)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "潜江市行政执法投诉举报办法\n第一章 总则\n第一条 为了规范行政执法投诉举报工作，制定本办法。\n第二条 投诉举报应当如实。\n  对罚款决定不服的，可以依法申请复议。\n第十条之一 行政裁量权基准由市司法局备案审查。";

    #[test]
    fn marks_every_match_in_the_window() {
        let s = snippet(TEXT, &["投诉举报".to_owned()], 40).expect("found");
        assert!(
            s.marked.contains("<mark>投诉举报</mark>办法"),
            "{}",
            s.marked
        );
        assert_eq!(s.marked.matches(MARK_OPEN).count(), 2, "{}", s.marked);
        assert!(s.marked.ends_with('…'));
        assert!(!s.marked.contains('\n'));
    }

    #[test]
    fn full_width_text_matches_half_width_needles() {
        let text = "第三条 对违反本办法的，处５０元罚款。";
        let s = snippet(text, &["50元".to_owned()], 20).expect("found");
        assert!(s.marked.contains("<mark>５０元</mark>"), "{}", s.marked);
        assert_eq!(&text[s.first_match..], "５０元罚款。");
    }

    #[test]
    fn raw_and_normalised_searches_agree() {
        let texts = [
            "第五条（罚款）对违反本办法的，处５０元罚款；ＡＢＣ罚款。",
            "罚款①罚款",
            "全是ascii text with Fines and 罚款",
        ];
        for text in texts {
            for needle in ["罚款", "50元", "abc", "（罚", "(罚", "①"] {
                let needle = crate::text::normalize::search_form(needle);
                let (form, offsets) = search_form_with_offsets(text);
                let expected: Vec<usize> = form
                    .match_indices(&needle)
                    .map(|(i, _)| offsets[i])
                    .collect();
                let got: Vec<usize> = find_matches(text, std::slice::from_ref(&needle))
                    .iter()
                    .map(|r| r.0)
                    .collect();
                assert_eq!(got, expected, "{needle} in {text}");
            }
        }
    }

    #[test]
    fn matches_are_found_across_pieces() {
        // More than one piece of lines, full-width text (not its own search form).
        let line = "第三条　对违反本办法的，处５０元罚款。\n";
        let text = line.repeat(PIECE_BYTES / line.len() * 3);
        let needle = crate::text::normalize::search_form("50元罚款");
        let got = find_matches(&text, std::slice::from_ref(&needle));
        let (form, offsets) = search_form_with_offsets(&text);
        let expected: Vec<usize> = form
            .match_indices(&needle)
            .map(|(i, _)| offsets[i])
            .collect();
        assert_eq!(got.iter().map(|r| r.0).collect::<Vec<_>>(), expected);
        assert!(got.iter().all(|&(s, e)| &text[s..e] == "５０元罚款"));
    }

    #[test]
    fn no_match_no_snippet() {
        assert_eq!(snippet(TEXT, &["警告".to_owned()], 40), None);
    }

    #[test]
    fn the_article_of_an_offset() {
        let at = |needle: &str| article_at(TEXT, TEXT.find(needle).expect("in text"));
        assert_eq!(at("罚款"), Some("第二条".to_owned()));
        assert_eq!(at("如实"), Some("第二条".to_owned()));
        assert_eq!(at("裁量权"), Some("第十条之一".to_owned()));
        assert_eq!(at("总则"), None);
        assert_eq!(at("潜江市行政执法投诉"), None);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in "\\PC{0,60}", needle in "\\PC{1,3}", at in 0usize..80) {
            let needle = crate::text::normalize::search_form(&needle);
            drop(snippet(&text, &[needle], 10));
            let mut at = at.min(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            drop(article_at(&text, at));
        }
    }
}
