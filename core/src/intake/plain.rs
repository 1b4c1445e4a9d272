//! Plain text (`.txt`) and Markdown (`.md`) in UTF-8, UTF-16 or GB18030.
//!
//! The encoding is detected, never guessed silently, in this order:
//!
//! 1. A byte order mark: UTF-8 (`EF BB BF`), UTF-16LE (`FF FE`), UTF-16BE (`FE FF`).
//! 2. NUL bytes: text with NULs in the odd positions only is UTF-16LE, in the even positions
//!    only UTF-16BE; NULs in both is not text.
//! 3. Valid UTF-8.
//! 4. GB18030 (a superset of GBK and GB2312), when the bytes decode without error and the text
//!    reads as Chinese: at least 98 % of its characters are ASCII, CJK ideographs, CJK or
//!    full-width punctuation. A text in another encoding (Big5, Shift-JIS, Latin-1) decodes as
//!    GB18030 to kana, Greek, box drawing or private-use characters, and is refused.
//!
//! Anything else is an error naming the file and the first undecodable byte. The decoded text
//! is split on `\n`, `\r\n` and `\r`; a UTF-8 BOM is not part of the text. In Markdown, ATX
//! heading marks (`# `) are removed from the start of lines.

use encoding_rs::{Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};

use super::{Format, Limits, Read, split_lines};
use crate::error::{DocumentError, Error, Result};

/// Reads a text file.
pub(crate) fn read(name: &str, bytes: &[u8], format: Format, _limits: &Limits) -> Result<Read> {
    let (text, encoding, warnings) = decode(name, bytes)?;
    let mut lines = split_lines(&text);
    if format == Format::Markdown {
        for line in &mut lines {
            if let Some(rest) = strip_heading_mark(line) {
                *line = rest;
            }
        }
    }
    Ok(Read {
        lines,
        encoding: Some(encoding.to_owned()),
        warnings,
        ..Read::default()
    })
}

fn strip_heading_mark(line: &str) -> Option<String> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = line[hashes..].strip_prefix(' ')?;
    Some(rest.trim_end_matches([' ', '#']).to_owned())
}

/// Decodes text bytes, telling the encoding. Returns the text (without a BOM), the encoding's
/// name and warnings.
pub(crate) fn decode(name: &str, bytes: &[u8]) -> Result<(String, &'static str, Vec<String>)> {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let text = strict(name, enc, &bytes[bom..])?;
        return Ok((text, enc.name(), Vec::new()));
    }
    if bytes.contains(&0) {
        let (text, enc) = utf16_by_nuls(name, bytes)?;
        return Ok((
            text,
            enc.name(),
            vec![format!(
                "no byte order mark; read as {} from its NUL bytes",
                enc.name()
            )],
        ));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_owned(), UTF_8.name(), Vec::new()));
    }
    let utf8_error = std::str::from_utf8(bytes)
        .err()
        .map_or(0, |e| e.valid_up_to());
    let (text, had_errors) = GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(encoding_error(
            name,
            utf8_error,
            "the bytes are neither UTF-8, UTF-16 nor GB18030; save the file as UTF-8",
        ));
    }
    let total = text.chars().count().max(1);
    let odd = text.chars().filter(|&c| !reads_as_chinese(c)).count();
    // Over 2 % of unlikely characters: another encoding decoded as GB18030.
    if odd * 50 > total {
        return Err(encoding_error(
            name,
            utf8_error,
            "the bytes are not UTF-8, and read as GB18030 they are not Chinese text (another \
             encoding such as Big5?); save the file as UTF-8",
        ));
    }
    Ok((text.into_owned(), GB18030.name(), Vec::new()))
}

fn encoding_error(name: &str, at: usize, message: &str) -> Error {
    Error::document(
        name,
        Some(format!("byte {at}")),
        DocumentError::Encoding,
        message,
    )
}

fn strict(name: &str, enc: &'static Encoding, bytes: &[u8]) -> Result<String> {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        let at = first_error(enc, bytes);
        return Err(encoding_error(
            name,
            at,
            &format!("the bytes are not valid {}", enc.name()),
        ));
    }
    if text.contains('\0') {
        return Err(encoding_error(
            name,
            text.find('\0').unwrap_or(0),
            "the text holds NUL characters; it is not a text file",
        ));
    }
    Ok(text.into_owned())
}

/// The byte offset of the first malformed sequence.
fn first_error(enc: &'static Encoding, bytes: &[u8]) -> usize {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() * 3 + 16);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        encoding_rs::DecoderResult::Malformed(bad, after) => {
            read.saturating_sub(usize::from(bad) + usize::from(after))
        }
        _ => read,
    }
}

/// UTF-16 without a byte order mark, told by its NUL bytes: ASCII characters (digits, line
/// ends) have a NUL high byte. Both byte orders are decoded strictly; the one that gives
/// Chinese text is taken. When both do, the side most NULs sit on decides (odd offsets for
/// UTF-16LE), if it holds twice as many as the other; otherwise the order cannot be told.
fn utf16_by_nuls(name: &str, bytes: &[u8]) -> Result<(String, &'static Encoding)> {
    let fail = |message: String| {
        Err(Error::document(
            name,
            None,
            DocumentError::Encoding,
            message,
        ))
    };
    if !bytes.len().is_multiple_of(2) {
        return fail(
            "the file holds NUL bytes but has an odd number of bytes: it is no text".into(),
        );
    }
    let plausible = |enc: &'static Encoding| {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        let total = text.chars().count().max(1);
        let odd = text
            .chars()
            .filter(|&c| !reads_as_chinese(c) || c == '\0')
            .count();
        (!had_errors && odd * 50 <= total).then(|| text.into_owned())
    };
    let even = bytes.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    match (plausible(UTF_16LE), plausible(UTF_16BE)) {
        (Some(t), None) => Ok((t, UTF_16LE)),
        (None, Some(t)) => Ok((t, UTF_16BE)),
        (Some(t), Some(_)) if odd >= 2 * even => Ok((t, UTF_16LE)),
        (Some(_), Some(t)) if even >= 2 * odd => Ok((t, UTF_16BE)),
        (Some(_), Some(_)) => fail(
            "the file reads as UTF-16 in both byte orders; add a byte order mark or save it as \
             UTF-8"
                .into(),
        ),
        (None, None) => {
            fail("the file holds NUL bytes but is not UTF-16 text: it is no text file".into())
        }
    }
}

/// Characters of Chinese text: ASCII, CJK ideographs (with extension A), CJK symbols and
/// punctuation, full-width forms and the general punctuation of Chinese typesetting.
fn reads_as_chinese(c: char) -> bool {
    c.is_ascii()
        || matches!(c,
            '\u{4E00}'..='\u{9FFF}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{3000}'..='\u{303F}'
            | '\u{FF00}'..='\u{FFEF}'
            | '\u{2010}'..='\u{206F}'
            | '\u{2460}'..='\u{24FF}'
            | '\u{2160}'..='\u{217F}'
            | '\u{00B7}' | '\u{00D7}' | '\u{00F7}' | '\u{25CB}' | '\u{25CF}' | '\u{2605}' | '\u{2606}'
            | '\u{00A0}' | '\u{FE30}'..='\u{FE4F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "潜江市人民政府文件\r\n潜政规〔2024〕3号\r\n关于印发某某办法的通知\r\n";

    fn read_text(bytes: &[u8]) -> Result<Read> {
        read("t.txt", bytes, Format::Text, &Limits::default())
    }

    #[test]
    fn reads_every_encoding_it_claims() {
        let expect = [
            "潜江市人民政府文件",
            "潜政规〔2024〕3号",
            "关于印发某某办法的通知",
        ];
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend(TEXT.as_bytes());
        let (gb, _, _) = GB18030.encode(TEXT);
        let le: Vec<u8> = TEXT.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = TEXT.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let mut le_bom = vec![0xFF, 0xFE];
        le_bom.extend(&le);
        let mut be_bom = vec![0xFE, 0xFF];
        be_bom.extend(&be);
        for (bytes, enc) in [
            (TEXT.as_bytes().to_vec(), "UTF-8"),
            (bom, "UTF-8"),
            (gb.into_owned(), "gb18030"),
            (le.clone(), "UTF-16LE"),
            (be.clone(), "UTF-16BE"),
            (le_bom, "UTF-16LE"),
            (be_bom, "UTF-16BE"),
        ] {
            let r = read_text(&bytes).unwrap_or_else(|e| panic!("{enc}: {e}"));
            assert_eq!(r.lines, expect, "{enc}");
            assert_eq!(r.encoding.as_deref(), Some(enc));
        }
    }

    #[test]
    fn refuses_what_cannot_be_told() {
        // Big5 for 臺灣省政府公報 read as GB18030 gives unlikely characters.
        let big5: &[u8] = &[
            0xBB, 0x4F, 0xC6, 0x57, 0xAC, 0xD9, 0xAC, 0x46, 0xA9, 0xB2, 0xA4, 0xBD, 0xB3, 0xF8,
        ];
        let e = read_text(big5).expect_err("big5");
        assert!(e.to_string().contains("`t.txt`"), "{e}");
        // Bytes valid in no encoding.
        let e = read_text(b"abc\xFF\xFF\xFFdef").expect_err("garbage");
        assert!(e.to_string().contains("byte 3"), "{e}");
        // NULs everywhere: binary.
        let e = read_text(b"\0\0\0\0ab\0\0").expect_err("binary");
        assert!(matches!(
            e,
            Error::Document {
                kind: DocumentError::Encoding,
                ..
            }
        ));
        // UTF-16 with an odd length.
        let e = read_text(b"a\0b\0c").expect_err("odd");
        assert!(e.to_string().contains("odd number"), "{e}");
        // NULs that make no UTF-16 text.
        let e = read_text(&[0x00, 0xD8, 0x00, 0xD8]).expect_err("surrogates");
        assert!(e.to_string().contains("not UTF-16 text"), "{e}");
        // A BOM that lies.
        let e = read_text(b"\xFF\xFE\x00\xD8").expect_err("lone surrogate");
        assert!(e.to_string().contains("UTF-16LE"), "{e}");
    }

    #[test]
    fn markdown_headings_lose_their_marks() {
        let r = read(
            "a.md",
            "# 标题 #\n正文\n#不是标题\n".as_bytes(),
            Format::Markdown,
            &Limits::default(),
        )
        .expect("md");
        assert_eq!(r.lines, ["标题", "正文", "#不是标题"]);
    }
}
