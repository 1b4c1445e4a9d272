//! Ranking by articles. A ranked search first asks the index for the documents in scope that
//! hold any of its words (BM25 over whole texts picks the best [`Ranking::documents`] of them),
//! then scores the articles of those documents one by one, from the positions of the words'
//! bigrams, which fall into the articles of each document's outline (`outline`):
//!
//! - BM25 over articles: a word's weight times its inverse document frequency among the
//!   articles of those documents, its count in the article saturating (`k1`), long articles
//!   discounted (`b`), the sum scaled by the share of the query's weight the article matches
//!   ([`Ranking::coordination`]): an article that answers most of a question beats one that
//!   repeats one of its words;
//! - the headings (编/章/节) an article stands under, and the law's title: a word found there
//!   counts for each article under it ([`Ranking::headings`], [`Ranking::title`]);
//! - proximity: two different words within [`Ranking::window`] characters of each other in an
//!   article ([`Ranking::proximity`]);
//! - the legal force of the document's kind (法律 above 地方性法规, [`Ranking::authority`]);
//! - whether the version is the law on the date asked about: a repealed, invalidated or
//!   expired work, or a version other than the one in force (an earlier one it replaced, a
//!   later one not yet in force), loses [`Ranking::lapsed`] (a question asks what the law is;
//!   the other texts still answer when nothing in force does).
//!
//! A document scores as its best article, plus a share of its second best
//! ([`Ranking::siblings`]) and of its whole-text score ([`Ranking::whole`]). A long code (the
//! 民法典) is thus judged by the article that answers, not diluted by its length.

use std::io;

use rustc_hash::FxHashMap;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::schema::Value;
use tantivy::schema::{Field as SchemaField, IndexRecordOption};
use tantivy::{DocAddress, DocId, DocSet, Searcher, TERMINATED, TantivyDocument, Term};

use super::collector::Scored;
use super::index_err;
use super::outline::Outline;
use super::question::Expansion;
use crate::error::Result;

/// How ranked queries score; the defaults are the ones measured in `bench/results/ranked.md`.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranking {
    /// BM25 over articles: saturation of a word's count.
    pub k1: f32,
    /// BM25 over articles: how much a long article is discounted (0 none, 1 fully).
    pub b: f32,
    /// Weight of a word found in a heading above an article, against one in its text.
    pub headings: f32,
    /// Weight of a word found in the title of the law, for each of its articles.
    pub title: f32,
    /// Weight of two words standing within `window` characters of each other in an article.
    pub proximity: f32,
    /// How close two words must stand to count as near, in characters.
    pub window: u32,
    /// How much an article's text score is scaled by the share of the query's weight it
    /// matches (0: not at all; 1: in proportion).
    pub coordination: f32,
    /// Weight of a document's second-best article in its score.
    pub siblings: f32,
    /// Weight of a document's whole-text score (relative to the best document's).
    pub whole: f32,
    /// Weight of the legal force of the document's kind (see [`authority`]).
    pub authority: f32,
    /// Taken from the score of a version that is not the law on the date asked about: its
    /// work repealed, declared invalid or expired, or another of its versions in force.
    pub lapsed: f32,
    /// How many documents (the best by whole-text score) have their articles scored.
    pub documents: usize,
    /// Weights of the words derived from the query's.
    pub expansion: Expansion,
    /// Whether an article hit whose text is the same as a better one's is left out.
    pub fold_duplicates: bool,
}

impl Default for Ranking {
    fn default() -> Self {
        Ranking {
            k1: 1.2,
            b: 0.75,
            headings: 0.5,
            title: 0.0,
            proximity: 0.0,
            window: 3,
            coordination: 0.5,
            siblings: 0.4,
            whole: 1.0,
            authority: 12.0,
            lapsed: 3.0,
            documents: 200,
            expansion: Expansion::default(),
            fold_duplicates: true,
        }
    }
}

/// The legal force of a kind of document, from 1 (宪法, 法律) down to 0.2; what a question about
/// the law is most likely answered by.
pub fn authority(kind: &str) -> f32 {
    match kind {
        "宪法" | "法律" => 1.0,
        "行政法规" | "司法解释" => 0.8,
        "监察法规" => 0.7,
        "部门规章" => 0.5,
        "地方性法规" | "自治条例" | "单行条例" => 0.3,
        _ => 0.2,
    }
}

/// A word a ranked search looks for, in search form, with its weight.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Weighted {
    pub text: String,
    pub weight: f32,
    /// A word of the query itself (not derived from one): only these pair for proximity.
    pub original: bool,
}

/// What the ranking knows of a candidate document besides the index.
pub(crate) struct DocFacts {
    /// The title, in search form.
    pub title: String,
    /// The kind of document.
    pub kind: String,
    /// Whether the version is not the law on the date asked about: its work is repealed,
    /// declared invalid or expired, or it is not the version that describes the work then
    /// (the one in force, else the newest).
    pub lapsed: bool,
}

/// A scored document.
#[derive(Debug, Clone)]
pub(crate) struct RankedDoc {
    pub vid: u64,
    pub score: f32,
    pub outline: Outline,
    /// The best article (an index into the outline's units), when a word occurs in one.
    pub best: Option<usize>,
}

/// A scored article.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RankedUnit {
    /// Index into the ranked documents.
    pub doc: usize,
    /// Index into that document's outline units.
    pub unit: usize,
    pub score: f32,
}

/// Documents and articles, best first.
#[derive(Debug, Default)]
pub(crate) struct Ranked {
    pub docs: Vec<RankedDoc>,
    pub units: Vec<RankedUnit>,
}

/// The positions of a literal of two characters or more in a segment's bigram field: the
/// postings of the bigrams that fix each of its characters, and their offsets in it.
struct Literal {
    parts: Vec<(u32, SegmentPostings)>,
    scratch: Vec<u32>,
}

impl Literal {
    fn open(
        inverted: &tantivy::InvertedIndexReader,
        field: SchemaField,
        text: &str,
    ) -> io::Result<Option<Literal>> {
        let chars: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let n = chars.len();
        if n < 2 {
            return Ok(None);
        }
        let mut offsets: Vec<usize> = (0..n - 1).step_by(2).collect();
        if !(n - 2).is_multiple_of(2) {
            offsets.push(n - 2);
        }
        let mut parts = Vec::with_capacity(offsets.len());
        for i in offsets {
            let end = chars.get(i + 2).copied().unwrap_or(text.len());
            let term = Term::from_field_text(field, &text[chars[i]..end]);
            match inverted.read_postings(&term, IndexRecordOption::WithFreqsAndPositions)? {
                Some(p) => parts.push((i as u32, p)),
                None => return Ok(None),
            }
        }
        Ok(Some(Literal {
            parts,
            scratch: Vec::new(),
        }))
    }

    /// The positions where the literal starts in a document (ascending calls only).
    fn positions(&mut self, doc: DocId, out: &mut Vec<u32>) {
        out.clear();
        for (_, p) in &mut self.parts {
            if p.doc() < doc {
                p.seek(doc);
            }
            if p.doc() != doc || p.doc() == TERMINATED {
                return;
            }
        }
        let Some(((_, first), rest)) = self.parts.split_first_mut() else {
            return;
        };
        first.positions(out);
        for (offset, p) in rest {
            p.positions(&mut self.scratch);
            let (mut j, scratch) = (0, &self.scratch);
            out.retain(|&x| {
                let want = x + *offset;
                while j < scratch.len() && scratch[j] < want {
                    j += 1;
                }
                j < scratch.len() && scratch[j] == want
            });
        }
    }
}

/// Where a keyword hit's words first occur: its outline, and the article of the first match
/// that lies in one.
#[derive(Debug, Clone)]
pub(crate) struct Located {
    pub outline: Outline,
    pub unit: Option<usize>,
}

/// Locates the literals (two characters or more) in each hit, from the positions of their
/// bigrams: `None` for a hit where none occurs in the text (a title match, a one-character
/// literal).
pub(crate) fn locate(
    searcher: &Searcher,
    (body, outlines): (SchemaField, SchemaField),
    literals: &[String],
    hits: &[Scored],
) -> Result<Vec<Option<Located>>> {
    let mut out: Vec<Option<Located>> = vec![None; hits.len()];
    let mut order: Vec<usize> = (0..hits.len()).collect();
    order.sort_unstable_by_key(|&i| (hits[i].segment, hits[i].doc));
    let mut positions = Vec::new();
    let mut all = Vec::new();
    let mut current: Option<(u32, Vec<Option<Literal>>)> = None;
    for i in order {
        let (segment, doc) = (hits[i].segment, hits[i].doc);
        if current.as_ref().is_none_or(|c| c.0 != segment) {
            let reader = searcher.segment_reader(segment);
            let inverted = reader.inverted_index(body).map_err(index_err)?;
            let mut literals_here = Vec::with_capacity(literals.len());
            for l in literals {
                literals_here.push(Literal::open(&inverted, body, l).map_err(index_err)?);
            }
            current = Some((segment, literals_here));
        }
        let Some((_, literals_here)) = current.as_mut() else {
            continue;
        };
        all.clear();
        for literal in literals_here.iter_mut().flatten() {
            literal.positions(doc, &mut positions);
            all.extend_from_slice(&positions);
        }
        if all.is_empty() {
            continue;
        }
        all.sort_unstable();
        let outline = read_outline(searcher, outlines, segment, doc)?;
        let unit = all.iter().find_map(|&p| outline.unit_at(p));
        out[i] = Some(Located { outline, unit });
    }
    Ok(out)
}

/// The outline stored with a version.
fn read_outline(
    searcher: &Searcher,
    field: SchemaField,
    segment: u32,
    doc: DocId,
) -> Result<Outline> {
    let stored: TantivyDocument = searcher
        .doc(DocAddress::new(segment, doc))
        .map_err(index_err)?;
    Ok(stored
        .get_first(field)
        .and_then(|v| v.as_bytes())
        .and_then(Outline::decode)
        .unwrap_or_default())
}

/// What one candidate document showed.
struct Found {
    candidate: usize,
    outline: Outline,
    /// Occurrences in articles: (unit, term, position), by unit then position.
    occurrences: Vec<(u32, u16, u32)>,
    /// Per heading with a word in it: the words, as a bit mask.
    headings: Vec<(u32, u64)>,
    /// The words of the title, as a bit mask.
    title: u64,
}

/// The most words a ranked query looks for (a bit each in a mask).
pub const MAX_TERMS: usize = 64;

/// Scores the articles of the candidate documents (their whole-text scores in `candidates`)
/// for the words; see the module documentation.
pub(crate) fn rank(
    searcher: &Searcher,
    (body, outlines): (SchemaField, SchemaField),
    terms: &[Weighted],
    candidates: &[Scored],
    facts: &dyn Fn(u64) -> Option<DocFacts>,
    ranking: &Ranking,
) -> Result<Ranked> {
    let terms = &terms[..terms.len().min(MAX_TERMS)];
    let mut found: Vec<Found> = Vec::with_capacity(candidates.len());
    let mut by_segment: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
    for (i, c) in candidates.iter().enumerate() {
        by_segment.entry(c.segment).or_default().push(i);
    }
    let mut segments: Vec<(u32, Vec<usize>)> = by_segment.into_iter().collect();
    segments.sort_unstable_by_key(|(s, _)| *s);
    let mut positions = Vec::new();

    for (segment, mut members) in segments {
        members.sort_unstable_by_key(|&i| candidates[i].doc);
        let reader = searcher.segment_reader(segment);
        let inverted = reader.inverted_index(body).map_err(index_err)?;
        let mut literals: Vec<Option<Literal>> = Vec::with_capacity(terms.len());
        for t in terms {
            literals.push(Literal::open(&inverted, body, &t.text).map_err(index_err)?);
        }
        for i in members {
            let doc = candidates[i].doc;
            let outline = read_outline(searcher, outlines, segment, doc)?;
            let mut f = Found {
                candidate: i,
                outline,
                occurrences: Vec::new(),
                headings: Vec::new(),
                title: 0,
            };
            if let Some(facts) = facts(candidates[i].vid) {
                for (t, term) in terms.iter().enumerate() {
                    if facts.title.contains(term.text.as_str()) {
                        f.title |= 1 << t;
                    }
                }
            }
            for (t, literal) in literals.iter_mut().enumerate() {
                let Some(literal) = literal else { continue };
                literal.positions(doc, &mut positions);
                let (mut u, mut h) = (0usize, 0usize);
                for &p in &positions {
                    let units = &f.outline.units;
                    while u < units.len() && units[u].end <= p {
                        u += 1;
                    }
                    if u < units.len() && units[u].start <= p {
                        f.occurrences.push((u as u32, t as u16, p));
                        continue;
                    }
                    let heads = &f.outline.headings;
                    while h < heads.len() && heads[h].end <= p {
                        h += 1;
                    }
                    if h < heads.len() && heads[h].start <= p {
                        match f.headings.iter_mut().find(|(x, _)| *x == h as u32) {
                            Some((_, mask)) => *mask |= 1 << t,
                            None => f.headings.push((h as u32, 1 << t)),
                        }
                    }
                }
            }
            f.occurrences.sort_unstable_by_key(|&(u, _, p)| (u, p));
            found.push(f);
        }
    }
    Ok(score(terms, candidates, &found, facts, ranking))
}

/// Long on purpose: the score of a candidate adds up its parts (per-field BM25, headings, the
/// legal force of its kind, coordination, the best articles), each documented where it is
/// added, over values computed once per candidate.
fn score(
    terms: &[Weighted],
    candidates: &[Scored],
    found: &[Found],
    facts: &dyn Fn(u64) -> Option<DocFacts>,
    r: &Ranking,
) -> Ranked {
    // Statistics over the articles of the candidate documents.
    let mut units_total = 0usize;
    let mut length_total = 0u64;
    let mut df = vec![0u32; terms.len()];
    for f in found {
        units_total += f.outline.units.len();
        length_total += f
            .outline
            .units
            .iter()
            .map(|u| u64::from(u.len()))
            .sum::<u64>();
        let mut last: Option<u32> = None;
        let mut mask = 0u64;
        for &(u, t, _) in &f.occurrences {
            if last != Some(u) {
                add_mask(&mut df, mask);
                mask = 0;
                last = Some(u);
            }
            mask |= 1 << t;
        }
        add_mask(&mut df, mask);
    }
    let n = units_total.max(1) as f32;
    let avg_len = (length_total as f32 / n).max(1.0);
    let idf: Vec<f32> = df
        .iter()
        .map(|&d| (1.0 + (n - d as f32 + 0.5) / (d as f32 + 0.5)).ln())
        .collect();
    let weight: Vec<f32> = terms.iter().zip(&idf).map(|(t, i)| t.weight * i).collect();
    let total_weight: f32 = weight.iter().sum::<f32>().max(f32::MIN_POSITIVE);
    let masked = |mask: u64| -> f32 {
        (0..terms.len())
            .filter(|t| mask & (1 << t) != 0)
            .map(|t| weight[t])
            .sum()
    };
    let top_whole = candidates
        .iter()
        .map(|c| c.score)
        .fold(0.0f32, f32::max)
        .max(f32::MIN_POSITIVE);

    let mut out = Ranked::default();
    let mut tf = vec![0u32; terms.len()];
    for f in found {
        let cand = &candidates[f.candidate];
        let doc_facts = facts(cand.vid);
        let prior = doc_facts.as_ref().map_or(0.0, |d| {
            authority(&d.kind) * r.authority - if d.lapsed { r.lapsed } else { 0.0 }
        });
        let title = masked(f.title) * r.title;
        let whole_norm = cand.score / top_whole;
        // The words of the headings above each article.
        let mut heading_mask = vec![0u64; f.outline.units.len()];
        for &(h, mask) in &f.headings {
            let h = &f.outline.headings[h as usize];
            for m in heading_mask
                .iter_mut()
                .take(h.last as usize)
                .skip(h.first as usize)
            {
                *m |= mask;
            }
        }
        let doc = out.docs.len();
        if terms.is_empty() {
            // A query of filters alone: its documents' articles, in order.
            out.units
                .extend((0..f.outline.units.len()).map(|unit| RankedUnit {
                    doc,
                    unit,
                    score: cand.score,
                }));
        }
        let (mut best, mut second) = (None::<(usize, f32)>, 0.0f32);
        let mut i = 0;
        while i < f.occurrences.len() {
            let u = f.occurrences[i].0;
            let mut j = i;
            tf.iter_mut().for_each(|x| *x = 0);
            while j < f.occurrences.len() && f.occurrences[j].0 == u {
                tf[f.occurrences[j].1 as usize] += 1;
                j += 1;
            }
            let unit = &f.outline.units[u as usize];
            let norm = r.k1 * (1.0 - r.b + r.b * unit.len() as f32 / avg_len);
            let mut s: f32 = tf
                .iter()
                .zip(&weight)
                .filter(|(c, _)| **c > 0)
                .map(|(&c, w)| w * c as f32 * (r.k1 + 1.0) / (c as f32 + norm))
                .sum();
            if r.coordination > 0.0 {
                let matched: f32 = tf
                    .iter()
                    .zip(&weight)
                    .filter(|(c, _)| **c > 0)
                    .map(|(_, w)| w)
                    .sum();
                s *= (matched / total_weight).powf(r.coordination);
            }
            s += masked(heading_mask[u as usize]) * r.headings;
            if r.proximity > 0.0 {
                s += proximity(&f.occurrences[i..j], terms, &weight, r.window) * r.proximity;
            }
            s += title + prior;
            out.units.push(RankedUnit {
                doc,
                unit: u as usize,
                score: s,
            });
            match best {
                Some((_, b)) if s <= b => second = second.max(s),
                _ => {
                    if let Some((_, b)) = best {
                        second = second.max(b);
                    }
                    best = Some((u as usize, s));
                }
            }
            i = j;
        }
        let whole = whole_norm * r.whole;
        let score = match best {
            Some((_, b)) => b + second * r.siblings + whole,
            None => title + prior + whole,
        };
        out.docs.push(RankedDoc {
            vid: cand.vid,
            score,
            outline: f.outline.clone(),
            best: best.map(|(u, _)| u),
        });
    }
    // Documents best first; articles best first, and the indices into the documents kept.
    let mut order: Vec<usize> = (0..out.docs.len()).collect();
    order.sort_by(|&a, &b| {
        out.docs[b]
            .score
            .total_cmp(&out.docs[a].score)
            .then(out.docs[a].vid.cmp(&out.docs[b].vid))
    });
    let mut new_index = vec![0usize; order.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut docs: Vec<Option<RankedDoc>> = out.docs.into_iter().map(Some).collect();
    out.docs = order.iter().filter_map(|&i| docs[i].take()).collect();
    for u in &mut out.units {
        u.doc = new_index[u.doc];
    }
    out.units.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.doc.cmp(&b.doc))
            .then(a.unit.cmp(&b.unit))
    });
    out
}

fn add_mask(df: &mut [u32], mask: u64) {
    for (t, d) in df.iter_mut().enumerate() {
        if mask & (1 << t) != 0 {
            *d += 1;
        }
    }
}

/// Pairs of different words near each other in an article (its occurrences by position): for
/// each pair, the lesser of their weights times how close they came (1 when adjacent, falling
/// to 0 at `window` characters). Occurrences that overlap (a word and a part of it) do not pair.
fn proximity(
    occurrences: &[(u32, u16, u32)],
    terms: &[Weighted],
    weight: &[f32],
    window: u32,
) -> f32 {
    let mut pairs: Vec<(u16, u16, f32)> = Vec::new();
    for (i, &(_, a, pa)) in occurrences.iter().enumerate() {
        let len_a = terms[a as usize].text.chars().count() as u32;
        for &(_, b, pb) in &occurrences[i + 1..] {
            let gap = pb - pa;
            if gap >= window + len_a {
                break;
            }
            if a == b || gap < len_a || !terms[a as usize].original || !terms[b as usize].original {
                continue;
            }
            let distance = gap - len_a;
            let close = 1.0 - distance as f32 / window as f32;
            let key = (a.min(b), a.max(b));
            match pairs.iter_mut().find(|(x, y, _)| (*x, *y) == key) {
                Some((_, _, c)) => *c = c.max(close),
                None => pairs.push((key.0, key.1, close)),
            }
        }
    }
    pairs
        .iter()
        .map(|&(a, b, c)| weight[a as usize].min(weight[b as usize]) * c)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(text: &str) -> Weighted {
        Weighted {
            text: text.to_owned(),
            weight: 1.0,
            original: true,
        }
    }

    #[test]
    fn near_words_pair_once_and_parts_do_not_pair() {
        let terms = [w("试用期"), w("辞退"), w("试用")];
        let weight = [1.0, 2.0, 0.5];
        // 试用期 at 0 (试用 inside it), 辞退 right after it, 辞退 again far away.
        let occ = [(0, 0, 0), (0, 2, 0), (0, 1, 3), (0, 1, 40)];
        let p = proximity(&occ, &terms, &weight, 10);
        // 试用期–辞退 adjacent (1.0 × min(1, 2)); 试用–辞退 one apart (0.9 × 0.5).
        assert!((p - (1.0 + 0.45)).abs() < 1e-5, "{p}");
        assert_eq!(proximity(&occ[..1], &terms, &weight, 10), 0.0);
    }

    #[test]
    fn kinds_rank_by_legal_force() {
        assert!(authority("法律") > authority("行政法规"));
        assert!(authority("行政法规") > authority("地方性法规"));
        assert!(authority("地方性法规") > authority("行政规范性文件"));
    }
}
