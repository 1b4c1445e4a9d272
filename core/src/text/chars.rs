//! Classes of characters shared by the parsers of legal text: blanks, digits, Chinese
//! numerals, Han characters; and reading a numeral at the start of a text.

use crate::text::normalize::fold_char;
use crate::text::numerals::parse_chinese_number;

/// Whitespace for the purpose of lines and titles: Unicode whitespace (ideographic and other
/// wide spaces included) and the zero-width characters found in published texts.
pub fn is_blank(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
        )
}

/// An ASCII or full-width digit.
pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// A character of a Chinese numeral (`〇一二…十百千万两`, `零`, `○`).
pub fn is_chinese_numeral(c: char) -> bool {
    matches!(
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
            | '万'
            | '两'
    )
}

/// A character of a numeral: a digit or a character of a Chinese numeral.
pub fn is_numeral(c: char) -> bool {
    is_digit(c) || is_chinese_numeral(c)
}

/// A Han character of the basic block or extension A.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

/// A numeral at the start of `s` (digits or Chinese numerals): its value and byte length.
pub fn take_numeral(s: &str) -> Option<(u32, usize)> {
    take_numeral_where(s, is_numeral)
}

/// A numeral at the start of `s` made of the characters `accept` takes: its value and byte
/// length. A run of more than a dozen characters is not a number.
pub fn take_numeral_where(s: &str, accept: fn(char) -> bool) -> Option<(u32, usize)> {
    let end = s
        .char_indices()
        .find(|&(_, c)| !accept(c))
        .map_or(s.len(), |(i, _)| i);
    // Article and document numbers have at most a handful of characters.
    if end == 0 || end > 36 {
        return None;
    }
    let folded: String = s[..end].chars().map(fold_char).collect();
    let n = parse_chinese_number(&folded)?;
    Some((u32::try_from(n).ok()?, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_of_both_kinds_are_read_with_their_length() {
        assert_eq!(take_numeral("十二条"), Some((12, "十二".len())));
        assert_eq!(take_numeral("１２条"), Some((12, "１２".len())));
        assert_eq!(take_numeral("两万"), Some((20000, "两万".len())));
        assert_eq!(take_numeral("条"), None);
        assert_eq!(take_numeral_where("12三", is_digit), Some((12, 2)));
    }

    #[test]
    fn blanks_include_the_zero_width_ones() {
        assert!(is_blank('\u{3000}') && is_blank('\u{200b}') && is_blank('\n'));
        assert!(!is_blank('条'));
    }
}
