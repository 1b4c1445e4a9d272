//! Normalisation: width folding for parsing, and the search form of a text.
//!
//! The search form is what the index stores and what a query is matched against: every
//! character put through NFKC on its own (full-width letters, digits and punctuation become
//! half-width; compatibility forms their ordinary ones) and then lower-cased. A phrase matches
//! a text when its search form is a substring of the text's search form.
//!
//! Characters are normalised one at a time, so that every character of the search form maps
//! back to one character of the original text (snippets need that). This differs from NFKC of a
//! whole string only where combining marks follow a base character, which Chinese legal text
//! does not use.

use unicode_normalization::UnicodeNormalization;

/// Folds full-width ASCII forms (`０-９`, `Ａ-Ｚ`, `（`, …) and the ideographic space to their
/// half-width forms. CJK brackets such as `〔〕` are left as they are.
pub fn fold_width(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// Folds one character; see [`fold_width`].
pub fn fold_char(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Whether a character is its own search form: ASCII other than capitals, the CJK ideographs
/// and the CJK punctuation of Chinese text (、。〃〈〉《》「」『』【】〔〕〖〗 — ‘’ “” · • ○ 〇).
/// Such characters skip the normalisation tables.
#[inline]
fn stable(c: char) -> bool {
    if c.is_ascii() {
        return !c.is_ascii_uppercase();
    }
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{3001}'..='\u{3003}'
        | '\u{3007}'..='\u{3011}'
        | '\u{3014}'..='\u{301B}'
        | '\u{2014}' | '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}'
        | '\u{00B7}' | '\u{2022}' | '\u{25CB}')
}

/// Appends the search form of one character.
#[inline]
pub fn push_search_char(c: char, out: &mut String) {
    if stable(c) {
        out.push(c);
        return;
    }
    // Full-width ASCII forms (（），：；０-９Ａ-Ｚ…): NFKC gives the ASCII character.
    if ('\u{FF01}'..='\u{FF5E}').contains(&c) {
        let ascii = char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
        out.push(ascii.to_ascii_lowercase());
        return;
    }
    for n in std::iter::once(c).nfkc() {
        for l in n.to_lowercase() {
            out.push(l);
        }
    }
}

/// The search form of a text.
pub fn search_form(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_search_char(c, &mut out);
    }
    out
}

/// Whether a text is already its own search form (no allocation when it is).
pub fn is_search_form(s: &str) -> bool {
    s.chars().all(|c| {
        if stable(c) {
            return true;
        }
        let mut one = String::new();
        push_search_char(c, &mut one);
        one.chars().eq(std::iter::once(c))
    })
}

/// Whether a text's non-ASCII characters are their own search form, so that a needle without
/// ASCII characters (in search form) matches the text exactly where it matches its search
/// form: only ASCII and full-width ASCII forms change, and they become ASCII.
pub fn raw_searchable(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_ascii() || stable(c) || ('\u{FF01}'..='\u{FF5E}').contains(&c))
}

/// The search form of a text with, for each byte of it, the byte offset in the original of the
/// character it came from (one more entry at the end: the original's length).
pub fn search_form_with_offsets(s: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(s.len());
    let mut offsets = Vec::with_capacity(s.len() + 1);
    for (i, c) in s.char_indices() {
        let before = out.len();
        push_search_char(c, &mut out);
        offsets.extend(std::iter::repeat_n(i, out.len() - before));
    }
    offsets.push(s.len());
    (out, offsets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_digits_letters_and_brackets() {
        assert_eq!(fold_width("２０２４（Ａ）　号"), "2024(A) 号");
        assert_eq!(fold_width("〔2024〕"), "〔2024〕");
    }

    #[test]
    fn the_search_form_folds_width_and_case() {
        assert_eq!(
            search_form("ＧＢ／Ｔ　9704—2012《罚款》"),
            "gb/t 9704—2012《罚款》"
        );
        assert_eq!(search_form("处５０元罚款"), "处50元罚款");
        assert_eq!(search_form("①"), "1");
        assert!(is_search_form("行政裁量权基准 2024"));
        assert!(raw_searchable("第５条（罚款）ABC“行政”"));
        assert!(!raw_searchable("罚款①"));
        assert!(!is_search_form("２０２４"));
    }

    #[test]
    fn offsets_point_back_to_the_original_characters() {
        let text = "第５条ＡＢ罚";
        let (form, offsets) = search_form_with_offsets(text);
        assert_eq!(form, "第5条ab罚");
        assert_eq!(offsets.len(), form.len() + 1);
        let at = form.find("ab").expect("found");
        assert_eq!(&text[offsets[at]..], "ＡＢ罚");
        assert_eq!(offsets[form.len()], text.len());
    }

    #[test]
    fn the_fast_paths_agree_with_nfkc() {
        let via_tables = |c: char| -> String {
            std::iter::once(c)
                .nfkc()
                .flat_map(char::to_lowercase)
                .collect()
        };
        let ranges = [
            0x20..0x7F,
            0x3000..0x3020,
            0x2010..0x2030,
            0xFF00..0xFF70,
            0x4E00..0x4F00,
            0x3400..0x3500,
            0xB0..0xC0,
            0x25C0..0x25D0,
        ];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            let mut fast = String::new();
            push_search_char(c, &mut fast);
            assert_eq!(fast, via_tables(c), "U+{:04X}", c as u32);
        }
    }

    proptest::proptest! {
        #[test]
        fn the_search_form_is_stable(s in "\\PC{0,40}") {
            let once = search_form(&s);
            proptest::prop_assert_eq!(search_form(&once), once.clone());
            let (with, offsets) = search_form_with_offsets(&s);
            proptest::prop_assert_eq!(&with, &once);
            proptest::prop_assert_eq!(offsets.len(), with.len() + 1);
        }
    }
}
