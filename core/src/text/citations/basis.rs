//! Basis clauses: `根据《…》…，制定本办法。` makes the citations in it 依据.

use super::*;

pub(super) fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '\n')
}

/// The last clause of a sentence that enacts the text it stands in: `制定本办法`, and the
/// judicial interpretations' `现就…问题解释如下：` and the decisions' `特作出如下决定：`.
pub(super) const ENACTING: &[&str] = &[
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
pub(super) fn in_basis_clause(text: &str, ends: &[usize], start: usize, end: usize) -> bool {
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
