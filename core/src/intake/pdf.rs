//! PDF with a text layer, read with lopdf.
//!
//! Each page's content stream is interpreted for its text: the text and graphics matrices
//! (`BT`, `Tm`, `Td`, `TD`, `T*`, `TL`, `cm`, `q`/`Q`), the font and size (`Tf`), and the strings
//! shown (`Tj`, `TJ`, `'`, `"`), decoded through the font's encoding — its `ToUnicode` CMap for
//! the CID fonts that Chinese text is set in, else its simple encoding. Each string is placed
//! where it starts on the page; strings on one baseline make a line, in order from left to
//! right, a gap of nine tenths of the font size or more becoming a space. Lines run from the
//! top of the page down, page after page.
//!
//! Then, as a reader sees the page: page numbers (`— 1 —`, `- 2 -`) are dropped; a line that
//! stands first (or last) on two or more pages with the same text is a running header (footer)
//! and kept apart, as a Word file's headers are; and a line that fills the text width is joined
//! with the next when that starts at the left margin (a paragraph wrapped by the layout, also
//! across a page break), unless it ends a sentence or the next line is indented or starts like
//! an item (`第三条`, `（二）`, `2．`, `附件`). The
//! widths are estimated from the characters (a CJK character is as wide as the font size, other
//! characters half), so joining is a heuristic: the text of a PDF is not the source's text.
//!
//! A PDF whose pages hold no text is refused: if it has images, it is probably a scan, and
//! OCR is not done. A text layer that decodes to control or private-use characters (fonts
//! without a Unicode map) is refused too. Limits: [`Limits::max_pages`] pages, and
//! [`Limits::max_entry_bytes`] decompressed bytes per page's content.

use std::collections::BTreeMap;

use lopdf::content::Content;
use lopdf::{Document, Encoding, Object, ObjectId};

use super::{Limits, Read};
use crate::error::{DocumentError, Error, Result};

/// Reads a PDF's bytes.
///
/// Long on purpose: the checks of a PDF (encryption, page count, sizes against the limits)
/// and the per-page decoding share the document and its limits; each step says what it does.
pub(crate) fn read(name: &str, bytes: &[u8], limits: &Limits) -> Result<Read> {
    let doc = Document::load_mem(bytes).map_err(|e| {
        let message = e.to_string();
        let kind = if message.to_ascii_lowercase().contains("decrypt")
            || message.to_ascii_lowercase().contains("password")
        {
            DocumentError::Encrypted
        } else {
            DocumentError::Corrupt
        };
        Error::document(name, None, kind, format!("not a readable PDF: {message}"))
    })?;
    let pages = doc.get_pages();
    if pages.len() > limits.max_pages {
        return Err(Error::document(
            name,
            None,
            DocumentError::Limit,
            format!(
                "the PDF has {} pages, over the limit of {}",
                pages.len(),
                limits.max_pages
            ),
        ));
    }
    let mut runs = Vec::new();
    let mut images = false;
    let max = usize::try_from(limits.max_entry_bytes).unwrap_or(usize::MAX);
    for (&number, &page_id) in &pages {
        let at = Some(format!("page {number}"));
        images |= has_images(&doc, page_id);
        let fonts = doc.get_page_fonts(page_id).map_err(|e| {
            Error::document(name, at.clone(), DocumentError::Corrupt, e.to_string())
        })?;
        let encodings: BTreeMap<Vec<u8>, Encoding<'_>> = fonts
            .into_iter()
            .filter_map(|(font, dict)| {
                dict.get_font_encoding_with_limit(&doc, max)
                    .ok()
                    .map(|e| (font, e))
            })
            .collect();
        let content = doc.get_page_content_with_limit(page_id, max).map_err(|e| {
            let message = e.to_string();
            let kind = if message.to_ascii_lowercase().contains("limit") {
                DocumentError::Limit
            } else {
                DocumentError::Corrupt
            };
            Error::document(name, at.clone(), kind, format!("page content: {message}"))
        })?;
        let content = Content::decode(&content).map_err(|e| {
            Error::document(
                name,
                at.clone(),
                DocumentError::Corrupt,
                format!("page content: {e}"),
            )
        })?;
        interpret(number, &content.operations, &encodings, &mut runs);
    }
    let chars: usize = runs
        .iter()
        .map(|r| r.text.chars().filter(|c| !c.is_whitespace()).count())
        .sum();
    if chars == 0 {
        let message = if images {
            "the PDF has no text layer, only images: it is probably a scan, and OCR is not done"
        } else if doc.is_encrypted() {
            "the PDF is encrypted and its text cannot be read"
        } else {
            "the PDF has no text"
        };
        let kind = if doc.is_encrypted() && !images {
            DocumentError::Encrypted
        } else {
            DocumentError::Unsupported
        };
        return Err(Error::document(name, None, kind, message));
    }
    let odd = runs
        .iter()
        .flat_map(|r| r.text.chars())
        .filter(|&c| {
            c == '\u{FFFD}'
                || ('\u{E000}'..='\u{F8FF}').contains(&c)
                || (c.is_control() && !c.is_whitespace())
        })
        .count();
    if odd * 10 > chars {
        return Err(Error::document(
            name,
            None,
            DocumentError::Unsupported,
            "the PDF's text layer cannot be decoded (fonts without a Unicode map); OCR is not done",
        ));
    }
    let (lines, headers) = split_running(runs);
    Ok(Read {
        lines,
        headers,
        ..Read::default()
    })
}

fn has_images(doc: &Document, page_id: ObjectId) -> bool {
    let Ok((resources, ids)) = doc.get_page_resources(page_id) else {
        return false;
    };
    let dicts = resources
        .into_iter()
        .chain(ids.iter().filter_map(|&id| doc.get_dictionary(id).ok()));
    for res in dicts {
        let Ok(xobjects) = res.get_deref(b"XObject", doc).and_then(Object::as_dict) else {
            continue;
        };
        for (_, obj) in xobjects.iter() {
            let is_image = match obj {
                Object::Reference(id) => {
                    doc.get_object(*id)
                        .and_then(Object::as_stream)
                        .is_ok_and(|s| {
                            s.dict
                                .get(b"Subtype")
                                .and_then(Object::as_name)
                                .is_ok_and(|n| n == b"Image")
                        })
                }
                _ => false,
            };
            if is_image {
                return true;
            }
        }
    }
    false
}

/// A string shown on a page: where it starts, its font size and text.
#[derive(Debug, Clone)]
struct Run {
    page: u32,
    x: f32,
    y: f32,
    size: f32,
    text: String,
}

impl Run {
    fn end(&self) -> f32 {
        self.x + width(&self.text) * self.size
    }
}

/// The width of a text in font sizes: CJK and full-width characters one, others a half.
fn width(text: &str) -> f32 {
    text.chars()
        .map(|c| if is_wide(c) { 1.0 } else { 0.5 })
        .sum()
}

fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{115F}'
        | '\u{2E80}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{2014}' | '\u{2026}' | '\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}')
}

type Matrix = [f32; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn multiply(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn numbers(operands: &[Object]) -> Vec<f32> {
    operands.iter().filter_map(|o| o.as_float().ok()).collect()
}

/// Long on purpose: one loop over a page's content-stream operators, whose arms are the PDF
/// text operators (BT/ET, Tf, Td/TD/Tm/T*, Tj/TJ/'/"); the text state they change together
/// (matrix, font, leading, position) is the loop's own.
fn interpret(
    page: u32,
    ops: &[lopdf::content::Operation],
    encodings: &BTreeMap<Vec<u8>, Encoding<'_>>,
    runs: &mut Vec<Run>,
) {
    let mut ctm = IDENTITY;
    let mut stack: Vec<Matrix> = Vec::new();
    let mut tm = IDENTITY;
    let mut lm = IDENTITY;
    let mut leading = 0.0f32;
    let mut size = 12.0f32;
    let mut font: Option<&Encoding<'_>> = None;
    let mut show =
        |bytes: &[u8], tm: &mut Matrix, ctm: &Matrix, font: Option<&Encoding<'_>>, size: f32| {
            let Some(enc) = font else {
                return;
            };
            let Ok(text) = Document::decode_text(enc, bytes) else {
                return;
            };
            let m = multiply(tm, ctm);
            let scale = (m[2] * m[2] + m[3] * m[3]).sqrt();
            let dev_size = (size * scale).abs();
            if !text.is_empty() && dev_size.is_finite() && m[4].is_finite() && m[5].is_finite() {
                runs.push(Run {
                    page,
                    x: m[4],
                    y: m[5],
                    size: dev_size.max(0.1),
                    text: text.clone(),
                });
            }
            // Advance by the estimated width, in text space.
            let advance = width(&text) * size;
            tm[4] += advance * tm[0];
            tm[5] += advance * tm[1];
        };
    for op in ops {
        let n = numbers(&op.operands);
        match op.operator.as_str() {
            "q" if stack.len() < 64 => stack.push(ctm),
            "Q" => ctm = stack.pop().unwrap_or(IDENTITY),
            "cm" if n.len() == 6 => {
                let m = [n[0], n[1], n[2], n[3], n[4], n[5]];
                ctm = multiply(&m, &ctm);
            }
            "BT" => {
                tm = IDENTITY;
                lm = IDENTITY;
            }
            "Tf" => {
                font = op
                    .operands
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .and_then(|name| encodings.get(name));
                if let Some(&s) = n.last() {
                    size = s;
                }
            }
            "TL" if !n.is_empty() => leading = n[0],
            "Tm" if n.len() == 6 => {
                tm = [n[0], n[1], n[2], n[3], n[4], n[5]];
                lm = tm;
            }
            "Td" | "TD" if n.len() == 2 => {
                if op.operator == "TD" {
                    leading = -n[1];
                }
                lm = multiply(&[1.0, 0.0, 0.0, 1.0, n[0], n[1]], &lm);
                tm = lm;
            }
            "T*" => {
                lm = multiply(&[1.0, 0.0, 0.0, 1.0, 0.0, -leading], &lm);
                tm = lm;
            }
            "Tj" => {
                if let Some(Ok(bytes)) = op.operands.first().map(Object::as_str) {
                    show(bytes, &mut tm, &ctm, font, size);
                }
            }
            "'" | "\"" => {
                lm = multiply(&[1.0, 0.0, 0.0, 1.0, 0.0, -leading], &lm);
                tm = lm;
                if let Some(Ok(bytes)) = op.operands.last().map(Object::as_str) {
                    show(bytes, &mut tm, &ctm, font, size);
                }
            }
            "TJ" => {
                let Some(Ok(items)) = op.operands.first().map(Object::as_array) else {
                    continue;
                };
                for item in items {
                    match item {
                        Object::String(bytes, _) => show(bytes, &mut tm, &ctm, font, size),
                        other => {
                            if let Ok(k) = other.as_float() {
                                let shift = -k / 1000.0 * size;
                                tm[4] += shift * tm[0];
                                tm[5] += shift * tm[1];
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// A line of a page: its text and extent.
#[derive(Debug, Clone)]
struct Line {
    page: u32,
    x: f32,
    end: f32,
    size: f32,
    text: String,
    /// The line starts with blanks (an indent typed as spaces).
    indented: bool,
}

/// The text lines of runs.
#[cfg(test)]
fn layout_lines(runs: Vec<Run>) -> Vec<String> {
    split_running(runs).0
}

/// Lines, and the running headers and footers taken out of them: a line that stands first (or
/// last) on two or more pages with the same text is a running header (footer).
///
/// Long on purpose: grouping runs into lines and finding the running headers and footers both
/// work on the same per-page lines, in one pass each.
fn split_running(mut runs: Vec<Run>) -> (Vec<String>, Vec<String>) {
    runs.sort_by(|a, b| {
        a.page
            .cmp(&b.page)
            .then(b.y.total_cmp(&a.y))
            .then(a.x.total_cmp(&b.x))
    });
    // Runs on one baseline (within a third of the font size) make a line.
    let mut groups: Vec<Vec<Run>> = Vec::new();
    for run in runs {
        match groups.last_mut() {
            Some(g)
                if g[0].page == run.page
                    && (g[0].y - run.y).abs() <= 0.35 * g[0].size.max(run.size) =>
            {
                g.push(run)
            }
            _ => groups.push(vec![run]),
        }
    }
    let mut lines: Vec<Line> = Vec::new();
    for mut g in groups {
        g.sort_by(|a, b| a.x.total_cmp(&b.x));
        let mut text = String::new();
        let mut end: Option<f32> = None;
        let size = g.iter().map(|r| r.size).fold(0.0f32, f32::max);
        for r in &g {
            if let Some(e) = end
                && r.x - e > 0.9 * r.size
                && !text.ends_with(' ')
            {
                text.push(' ');
            }
            text.push_str(&r.text);
            end = Some(end.map_or(r.end(), |e| e.max(r.end())));
        }
        let indented = text.starts_with(char::is_whitespace);
        let text = text.trim().to_owned();
        if text.is_empty() || is_page_number(&text) {
            continue;
        }
        lines.push(Line {
            page: g[0].page,
            x: g[0].x,
            end: end.unwrap_or(g[0].x),
            size,
            text,
            indented,
        });
    }
    // Running headers and footers.
    let mut firsts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut lasts: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, l) in lines.iter().enumerate() {
        if i == 0 || lines[i - 1].page != l.page {
            *firsts.entry(l.text.as_str()).or_default() += 1;
        }
        if i + 1 == lines.len() || lines[i + 1].page != l.page {
            *lasts.entry(l.text.as_str()).or_default() += 1;
        }
    }
    let running: Vec<String> = firsts
        .iter()
        .chain(lasts.iter())
        .filter(|&(_, &n)| n >= 2)
        .map(|(t, _)| (*t).to_owned())
        .collect();
    let mut headers = Vec::new();
    let mut kept = Vec::with_capacity(lines.len());
    for (i, l) in lines.iter().enumerate() {
        let first = i == 0 || lines[i - 1].page != l.page;
        let last = i + 1 == lines.len() || lines[i + 1].page != l.page;
        if (first || last) && running.contains(&l.text) {
            if !headers.contains(&l.text) {
                headers.push(l.text.clone());
            }
        } else {
            kept.push(l.clone());
        }
    }
    let lines = kept;
    // Margins per page.
    let mut margins: BTreeMap<u32, (f32, f32)> = BTreeMap::new();
    for l in &lines {
        let m = margins.entry(l.page).or_insert((f32::MAX, f32::MIN));
        m.0 = m.0.min(l.x);
        m.1 = m.1.max(l.end);
    }
    let mut out: Vec<String> = Vec::new();
    let mut joinable = false;
    let mut prev_size = 0.0f32;
    for l in &lines {
        let (left, right) = margins.get(&l.page).copied().unwrap_or((l.x, l.end));
        let at_left = l.x <= left + 0.5 * l.size && !l.indented && !starts_item(&l.text);
        if joinable
            && at_left
            && (l.size - prev_size).abs() < 0.5
            && let Some(last) = out.last_mut()
        {
            last.push_str(&l.text);
        } else {
            out.push(l.text.clone());
        }
        let full = l.end >= right - 1.5 * l.size;
        let ends_sentence = l.text.ends_with(['。', '：', '；', '！', '？', ':', ';']);
        joinable = full && !ends_sentence && l.end - l.x > 10.0 * l.size;
        prev_size = l.size;
    }
    (out, headers)
}

/// Whether a line starts like a heading or an item (`第三条`, `一、`, `（二）`, `2．`, `附件`): it
/// starts a paragraph even at the left margin.
fn starts_item(t: &str) -> bool {
    let numeral =
        |c: char| c.is_ascii_digit() || "０１２３４５６７８９一二三四五六七八九十百".contains(c);
    let mut chars = t.chars();
    match chars.next() {
        Some('第') => {
            let rest: String = chars.skip_while(|&c| numeral(c)).take(1).collect();
            matches!(rest.as_str(), "条" | "章" | "节" | "编")
        }
        Some('（' | '(') => chars.next().is_some_and(numeral),
        Some(c) if numeral(c) => {
            let rest: String = chars.skip_while(|&c| numeral(c)).take(1).collect();
            matches!(rest.as_str(), "、" | "．" | ".")
        }
        _ => t.starts_with("附件"),
    }
}

/// `— 1 —`, `- 12 -`, `－3－`: a page number of the official layout.
fn is_page_number(t: &str) -> bool {
    let inner = t.trim_matches(|c: char| c.is_whitespace() || matches!(c, '—' | '-' | '－' | '–'));
    inner.len() < t.len()
        && !inner.is_empty()
        && inner
            .chars()
            .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(page: u32, x: f32, y: f32, text: &str) -> Run {
        Run {
            page,
            x,
            y,
            size: 16.0,
            text: text.to_owned(),
        }
    }

    #[test]
    fn lines_are_built_from_runs_and_wrapped_paragraphs_joined() {
        let full = "甲".repeat(28);
        let runs = vec![
            run(1, 100.0, 700.0, "标题"),
            run(1, 132.0, 600.0, &"乙".repeat(26)),
            run(1, 100.0, 580.0, "续行。"),
            run(1, 100.0, 560.0, &full),
            run(1, 100.0, 540.0, "接续"),
            run(1, 300.0, 50.0, "— 1 —"),
            run(1, 150.0, 700.0, "第二段"),
            run(2, 100.0, 700.0, "次页"),
        ];
        let lines = layout_lines(runs);
        assert_eq!(lines[0], "标题 第二段");
        assert_eq!(lines[1], "乙".repeat(26) + "续行。");
        assert_eq!(lines[2], full + "接续");
        assert_eq!(lines.len(), 4);
        assert!(is_page_number("— 12 —"));
        let (lines, headers) = split_running(vec![
            run(1, 100.0, 800.0, "潜江市人民政府"),
            run(1, 100.0, 700.0, &"丙".repeat(28)),
            run(2, 100.0, 800.0, "潜江市人民政府"),
            run(2, 100.0, 700.0, "续。"),
            run(2, 100.0, 680.0, "2．下一项"),
        ]);
        assert_eq!(headers, ["潜江市人民政府"]);
        assert_eq!(lines, ["丙".repeat(28) + "续。", "2．下一项".to_owned()]);
        assert!(!is_page_number("12"));
        assert!(!is_page_number("2024-05-20"));
    }

    #[test]
    fn not_a_pdf_and_no_text_are_refused() {
        let e = read("x.pdf", b"%PDF-1.4 garbage", &Limits::default()).expect_err("corrupt");
        assert!(e.to_string().contains("`x.pdf`"), "{e}");
    }
}
