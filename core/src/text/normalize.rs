//! Width folding: full-width ASCII forms to half-width.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_digits_letters_and_brackets() {
        assert_eq!(fold_width("２０２４（Ａ）　号"), "2024(A) 号");
        assert_eq!(fold_width("〔2024〕"), "〔2024〕");
    }
}
