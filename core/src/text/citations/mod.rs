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

mod basis;
mod numbers;
#[cfg(test)]
mod tests;
mod titles;

use basis::{in_basis_clause, is_sentence_end};
use numbers::{bracket_numbers, ordinal_numbers};

use serde::{Serialize, Serializer};

use crate::model::doc_number::DocNumber;
use crate::text::chars::{is_blank, is_digit, is_han, is_numeral};
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
    let mut found = titles::titles(text);
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
