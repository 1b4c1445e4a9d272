//! Aligning the units of two texts: which old article became which new one.
//!
//! Units match only units of the same category (articles with articles, 章 headings with 章
//! headings …). In order:
//!
//! 1. The opening matches the opening and the closing the closing.
//! 2. Units with the same content (label aside, blanks and widths folded) match, in order: an
//!    article renumbered or moved without a change is found wherever it went.
//! 3. The rest match by similarity: the Dice coefficient of their sets of character bigrams.
//!    Candidates come from an index of the old units' bigrams (bigrams found in more than
//!    [`MAX_POSTING`] old units are too common to point anywhere and are skipped), the old unit
//!    with the same number, and the unmatched old units between the old partners of the
//!    nearest matched neighbours. A pair is kept when its similarity reaches [`MATCH`], or
//!    [`MATCH_SAME_NUMBER`] for units with the same number; pairs are taken best first.
//! 4. Headings left over match a heading of the same level and number: a renamed chapter.
//! 5. A new unit left over whose bigrams lie mostly ([`CONTAINED`]) in one old unit that
//!    another new unit continues, and that covers a further part ([`GAIN`]) of it, is a piece
//!    of a split; an old unit left over that lies mostly in one new unit is merged into it.
//! 6. What is left is added or deleted.
//!
//! Matched groups that break the order (not on a longest increasing run of old positions in
//! new order) are moved. Every step is linear in the number of units, up to the bounded
//! candidate lists, so the 1,260 articles of the Civil Code align in milliseconds.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use super::units::{Cut, UnitKind};

/// Similarity at which two units of different numbers are the same unit, changed.
pub const MATCH: f64 = 0.5;
/// Similarity at which two units of the same number are the same unit, changed.
pub const MATCH_SAME_NUMBER: f64 = 0.3;
/// Share of a piece's bigrams that must lie in the whole for a split or merge.
pub const CONTAINED: f64 = 0.75;
/// Share of the whole a further piece must add to what the other pieces cover.
pub const GAIN: f64 = 0.2;
/// A bigram in more old units than this is not used to find candidates.
pub const MAX_POSTING: usize = 64;
/// Candidates examined per unit, by shared bigrams.
const TOP: usize = 8;
/// Unmatched old units between matched neighbours examined per unit.
const GAP: usize = 16;
/// A piece of a split or merge has at least this many bigrams.
const MIN_PIECE: usize = 6;

/// Which old units became which new ones.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Group {
    /// Indexes into the old units, in order; empty for an added unit.
    pub old: Vec<usize>,
    /// Indexes into the new units, in order; empty for a deleted unit.
    pub new: Vec<usize>,
    /// Out of order with respect to the other matched groups.
    pub moved: bool,
}

/// The bigrams of a key, as a sorted set of codes (one character: its code alone).
fn bigrams(key: &str) -> Vec<u64> {
    let chars: Vec<char> = key.chars().collect();
    let mut set: Vec<u64> = match chars.len() {
        0 => Vec::new(),
        1 => vec![u64::from(chars[0] as u32)],
        _ => chars
            .windows(2)
            .map(|w| (u64::from(w[0] as u32) << 21) | u64::from(w[1] as u32) | (1 << 42))
            .collect(),
    };
    set.sort_unstable();
    set.dedup();
    set
}

fn intersection(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The Dice coefficient of two bigram sets.
pub(crate) fn dice(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    2.0 * intersection(a, b) as f64 / (a.len() + b.len()) as f64
}

/// The similarity of two texts' content keys (Dice of character bigrams).
pub(crate) fn similarity(a: &str, b: &str) -> f64 {
    dice(&bigrams(a), &bigrams(b))
}

fn union(sets: &[&[u64]]) -> Vec<u64> {
    let mut all: Vec<u64> = sets.iter().flat_map(|s| s.iter().copied()).collect();
    all.sort_unstable();
    all.dedup();
    all
}

/// The share of `whole`'s bigrams found in `pieces`.
fn coverage(whole: &[u64], pieces: &[&[u64]]) -> f64 {
    if whole.is_empty() {
        return 0.0;
    }
    intersection(whole, &union(pieces)) as f64 / whole.len() as f64
}

fn same_number(a: &Cut, b: &Cut) -> bool {
    a.unit.number.is_some() && (a.unit.number, a.unit.suffix) == (b.unit.number, b.unit.suffix)
}

/// The index of the old units' bigrams, per category.
struct Index {
    postings: FxHashMap<(u8, u64), Vec<u32>>,
}

fn category_code(c: &Cut) -> u8 {
    use crate::text::structure::Level;
    match c.category {
        (UnitKind::Opening, _) => 0,
        (UnitKind::Heading, Some(Level::Bian)) => 1,
        (UnitKind::Heading, Some(Level::FenBian)) => 2,
        (UnitKind::Heading, Some(Level::Zhang)) => 3,
        (UnitKind::Heading, Some(Level::Jie)) => 4,
        (UnitKind::Heading, _) => 5,
        (UnitKind::Article, _) => 6,
        (UnitKind::Part, _) => 7,
        (UnitKind::Paragraph, _) => 8,
        (UnitKind::Closing, _) => 9,
    }
}

impl Index {
    fn new(units: &[Cut], sets: &[Vec<u64>]) -> Index {
        let mut postings: FxHashMap<(u8, u64), Vec<u32>> = FxHashMap::default();
        for (i, (u, set)) in units.iter().zip(sets).enumerate() {
            let cat = category_code(u);
            for &g in set {
                postings.entry((cat, g)).or_default().push(i as u32);
            }
        }
        Index { postings }
    }

    /// Old units sharing the most uncommon bigrams with `set`, most first, at most [`TOP`].
    fn candidates(
        &self,
        cat: u8,
        set: &[u64],
        counts: &mut [u32],
        touched: &mut Vec<u32>,
    ) -> Vec<usize> {
        for &g in set {
            if let Some(list) = self.postings.get(&(cat, g))
                && list.len() <= MAX_POSTING
            {
                for &i in list {
                    if counts[i as usize] == 0 {
                        touched.push(i);
                    }
                    counts[i as usize] += 1;
                }
            }
        }
        let mut found: Vec<(u32, u32)> = touched.iter().map(|&i| (counts[i as usize], i)).collect();
        for &i in touched.iter() {
            counts[i as usize] = 0;
        }
        touched.clear();
        found.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        found.truncate(TOP);
        found.into_iter().map(|(_, i)| i as usize).collect()
    }
}

struct State {
    old_group: Vec<Option<usize>>,
    new_group: Vec<Option<usize>>,
    groups: Vec<Group>,
}

impl State {
    fn pair(&mut self, i: usize, j: usize) {
        let g = self.groups.len();
        self.groups.push(Group {
            old: vec![i],
            new: vec![j],
            moved: false,
        });
        self.old_group[i] = Some(g);
        self.new_group[j] = Some(g);
    }
}

/// Aligns two cut texts; returns the groups in the order a 对照表 shows them (new order, with
/// deleted units after the unit that preceded them in the old text).
pub(crate) fn align(old: &[Cut], new: &[Cut]) -> Vec<Group> {
    let mut a = Aligner::new(old, new);
    a.opening_and_closing();
    a.same_content();
    a.similar_content();
    a.renamed_headings();
    a.splits();
    a.merges();
    a.added_and_deleted();
    mark_moved(&mut a.st.groups, old);
    order(a.st.groups, old.len())
}

/// An alignment under way: the two texts, their bigram sets, the index of the old units and
/// the groups found so far. Each step of the module documentation is a method.
struct Aligner<'a> {
    old: &'a [Cut],
    new: &'a [Cut],
    old_sets: Vec<Vec<u64>>,
    new_sets: Vec<Vec<u64>>,
    /// The old units' bigrams.
    index: Index,
    /// The first old unit of each category, number and suffix.
    by_number: FxHashMap<(u8, u32, Option<u32>), usize>,
    /// Scratch for [`Index::candidates`] over the old units.
    counts: Vec<u32>,
    touched: Vec<u32>,
    st: State,
}

/// A similar pair proposed in step 3: similarity, same number, distance, old, new.
type Proposal = (f64, bool, usize, usize, usize);

impl<'a> Aligner<'a> {
    fn new(old: &'a [Cut], new: &'a [Cut]) -> Self {
        let old_sets: Vec<Vec<u64>> = old.iter().map(|c| bigrams(&c.key)).collect();
        let new_sets: Vec<Vec<u64>> = new.iter().map(|c| bigrams(&c.key)).collect();
        let index = Index::new(old, &old_sets);
        let mut by_number: FxHashMap<(u8, u32, Option<u32>), usize> = FxHashMap::default();
        for (i, c) in old.iter().enumerate() {
            if let Some(n) = c.unit.number {
                by_number
                    .entry((category_code(c), n, c.unit.suffix))
                    .or_insert(i);
            }
        }
        Aligner {
            old,
            new,
            old_sets,
            new_sets,
            index,
            by_number,
            counts: vec![0u32; old.len()],
            touched: Vec::new(),
            st: State {
                old_group: vec![None; old.len()],
                new_group: vec![None; new.len()],
                groups: Vec::new(),
            },
        }
    }

    /// 1. The opening matches the opening and the closing the closing.
    fn opening_and_closing(&mut self) {
        for kind in [UnitKind::Opening, UnitKind::Closing] {
            let i = self.old.iter().position(|c| c.unit.kind == kind);
            let j = self.new.iter().position(|c| c.unit.kind == kind);
            if let (Some(i), Some(j)) = (i, j) {
                self.st.pair(i, j);
            }
        }
    }

    /// 2. Units with the same content match, in order.
    fn same_content(&mut self) {
        type Sides = (Vec<usize>, Vec<usize>);
        let st = &mut self.st;
        let mut same: HashMap<(u8, &str), Sides> = HashMap::new();
        for (i, c) in self.old.iter().enumerate() {
            if st.old_group[i].is_none() && !c.key.is_empty() {
                same.entry((category_code(c), &c.key))
                    .or_default()
                    .0
                    .push(i);
            }
        }
        for (j, c) in self.new.iter().enumerate() {
            if st.new_group[j].is_none()
                && !c.key.is_empty()
                && let Some(e) = same.get_mut(&(category_code(c), c.key.as_str()))
            {
                e.1.push(j);
            }
        }
        let mut exact: Vec<(usize, usize)> = Vec::new();
        for (olds, news) in same.values() {
            exact.extend(olds.iter().copied().zip(news.iter().copied()));
        }
        exact.sort_unstable();
        for (i, j) in exact {
            st.pair(i, j);
        }
    }

    /// 3. The rest match by similarity, pairs taken best first.
    fn similar_content(&mut self) {
        let mut proposals = self.proposals();
        proposals.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then(b.1.cmp(&a.1))
                .then(a.2.cmp(&b.2))
                .then(a.3.cmp(&b.3))
                .then(a.4.cmp(&b.4))
        });
        for (_, _, _, i, j) in proposals {
            if self.st.old_group[i].is_none() && self.st.new_group[j].is_none() {
                self.st.pair(i, j);
            }
        }
    }

    /// The pairs of unmatched units similar enough to match, each new unit against its
    /// candidates.
    fn proposals(&mut self) -> Vec<Proposal> {
        let mut proposals: Vec<Proposal> = Vec::new();
        let (prev_matched, next_matched) = neighbours(&self.st, self.new.len());
        for (j, c) in self.new.iter().enumerate() {
            if self.st.new_group[j].is_some() {
                continue;
            }
            let cat = category_code(c);
            let mut cands =
                self.index
                    .candidates(cat, &self.new_sets[j], &mut self.counts, &mut self.touched);
            if let Some(n) = c.unit.number
                && let Some(&i) = self.by_number.get(&(cat, n, c.unit.suffix))
            {
                cands.push(i);
            }
            // Unmatched old units between the old partners of the matched neighbours.
            let st = &self.st;
            let lo = prev_matched[j]
                .and_then(|p| st.new_group[p])
                .and_then(|g| st.groups[g].old.last().copied())
                .map_or(0, |i| i + 1);
            let hi = next_matched[j]
                .and_then(|p| st.new_group[p])
                .and_then(|g| st.groups[g].old.first().copied())
                .unwrap_or(self.old.len());
            if lo < hi {
                cands.extend(
                    (lo..hi)
                        .filter(|&i| category_code(&self.old[i]) == cat)
                        .take(GAP),
                );
            }
            cands.sort_unstable();
            cands.dedup();
            for i in cands {
                if st.old_group[i].is_some() || category_code(&self.old[i]) != cat {
                    continue;
                }
                let s = dice(&self.old_sets[i], &self.new_sets[j]);
                let numbered = same_number(&self.old[i], c);
                let bar = if numbered { MATCH_SAME_NUMBER } else { MATCH };
                if s >= bar {
                    proposals.push((s, numbered, i.abs_diff(j), i, j));
                }
            }
        }
        proposals
    }

    /// 4. Headings left over match a heading of the same level and number.
    fn renamed_headings(&mut self) {
        for (j, c) in self.new.iter().enumerate() {
            if self.st.new_group[j].is_some() || c.unit.kind != UnitKind::Heading {
                continue;
            }
            if let Some(n) = c.unit.number
                && let Some(&i) = self.by_number.get(&(category_code(c), n, c.unit.suffix))
                && self.st.old_group[i].is_none()
            {
                self.st.pair(i, j);
            }
        }
    }

    /// 5a. A new unit left over that lies in one old unit is a piece of its split.
    fn splits(&mut self) {
        for j in 0..self.new.len() {
            if self.st.new_group[j].is_some()
                || !splittable(&self.new[j])
                || self.new_sets[j].len() < MIN_PIECE
            {
                continue;
            }
            let cat = category_code(&self.new[j]);
            let cands =
                self.index
                    .candidates(cat, &self.new_sets[j], &mut self.counts, &mut self.touched);
            let Some(i) = container(&self.new_sets[j], cands, &self.old_sets) else {
                continue;
            };
            let st = &mut self.st;
            match st.old_group[i] {
                Some(g) if st.groups[g].old.len() == 1 => {
                    if adds_to(&self.old_sets[i], &st.groups[g].new, &self.new_sets, j) {
                        st.groups[g].new.push(j);
                        st.groups[g].new.sort_unstable();
                        st.new_group[j] = Some(g);
                    }
                }
                Some(_) => {}
                None => st.pair(i, j),
            }
        }
    }

    /// 5b. An old unit left over that lies in one new unit is merged into it.
    fn merges(&mut self) {
        let new_index = Index::new(self.new, &self.new_sets);
        let mut new_counts = vec![0u32; self.new.len()];
        for i in 0..self.old.len() {
            if self.st.old_group[i].is_some()
                || !splittable(&self.old[i])
                || self.old_sets[i].len() < MIN_PIECE
            {
                continue;
            }
            let cat = category_code(&self.old[i]);
            let cands =
                new_index.candidates(cat, &self.old_sets[i], &mut new_counts, &mut self.touched);
            let Some(j) = container(&self.old_sets[i], cands, &self.new_sets) else {
                continue;
            };
            let st = &mut self.st;
            match st.new_group[j] {
                Some(g) if st.groups[g].new.len() == 1 => {
                    if adds_to(&self.new_sets[j], &st.groups[g].old, &self.old_sets, i) {
                        st.groups[g].old.push(i);
                        st.groups[g].old.sort_unstable();
                        st.old_group[i] = Some(g);
                    }
                }
                Some(_) => {}
                None => st.pair(i, j),
            }
        }
    }

    /// 6. What is left is added or deleted.
    fn added_and_deleted(&mut self) {
        let st = &mut self.st;
        for j in 0..self.new.len() {
            if st.new_group[j].is_none() {
                st.new_group[j] = Some(st.groups.len());
                st.groups.push(Group {
                    old: Vec::new(),
                    new: vec![j],
                    moved: false,
                });
            }
        }
        for i in 0..self.old.len() {
            if st.old_group[i].is_none() {
                st.old_group[i] = Some(st.groups.len());
                st.groups.push(Group {
                    old: vec![i],
                    new: Vec::new(),
                    moved: false,
                });
            }
        }
    }
}

/// Whether a unit may be a piece of a split or merge: an article, a numbered part or a
/// paragraph.
fn splittable(c: &Cut) -> bool {
    matches!(
        c.unit.kind,
        UnitKind::Article | UnitKind::Part | UnitKind::Paragraph
    )
}

/// Of the candidates, the one whose bigrams hold the largest share ([`CONTAINED`] at least)
/// of the piece's, the first on ties.
fn container(piece: &[u64], cands: Vec<usize>, wholes: &[Vec<u64>]) -> Option<usize> {
    cands
        .into_iter()
        .map(|k| {
            let inside = intersection(piece, &wholes[k]) as f64 / piece.len() as f64;
            (inside, k)
        })
        .filter(|&(inside, _)| inside >= CONTAINED)
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
        .map(|(_, k)| k)
}

/// Whether the piece `piece` of `sets` covers a further part ([`GAIN`]) of `whole` than the
/// pieces `others` of `sets` do.
fn adds_to(whole: &[u64], others: &[usize], sets: &[Vec<u64>], piece: usize) -> bool {
    let pieces: Vec<&[u64]> = others.iter().map(|&k| sets[k].as_slice()).collect();
    let before = coverage(whole, &pieces);
    let mut with = pieces.clone();
    with.push(&sets[piece]);
    coverage(whole, &with) - before >= GAIN
}

/// For each new position, the nearest matched new unit before and after it.
fn neighbours(st: &State, n: usize) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    let mut prev = vec![None; n];
    let mut last = None;
    for (j, p) in prev.iter_mut().enumerate() {
        *p = last;
        if st.new_group[j].is_some() {
            last = Some(j);
        }
    }
    let mut next = vec![None; n];
    let mut last = None;
    for j in (0..n).rev() {
        next[j] = last;
        if st.new_group[j].is_some() {
            last = Some(j);
        }
    }
    (prev, next)
}

/// Marks the matched groups off the longest run whose old positions increase in new order.
fn mark_moved(groups: &mut [Group], old: &[Cut]) {
    let mut matched: Vec<usize> = (0..groups.len())
        .filter(|&g| {
            !groups[g].old.is_empty()
                && !groups[g].new.is_empty()
                && !matches!(
                    old[groups[g].old[0]].unit.kind,
                    UnitKind::Opening | UnitKind::Closing
                )
        })
        .collect();
    matched.sort_unstable_by_key(|&g| groups[g].new[0]);
    let keys: Vec<usize> = matched.iter().map(|&g| groups[g].old[0]).collect();
    let keep = longest_increasing(&keys);
    for (k, &g) in matched.iter().enumerate() {
        groups[g].moved = !keep[k];
    }
}

/// Which elements lie on one longest strictly increasing subsequence (patience sorting).
fn longest_increasing(keys: &[usize]) -> Vec<bool> {
    let mut tails: Vec<usize> = Vec::new(); // indexes into keys
    let mut prev: Vec<Option<usize>> = vec![None; keys.len()];
    for (k, &v) in keys.iter().enumerate() {
        let pos = tails.partition_point(|&t| keys[t] < v);
        prev[k] = pos.checked_sub(1).map(|p| tails[p]);
        if pos == tails.len() {
            tails.push(k);
        } else {
            tails[pos] = k;
        }
    }
    let mut keep = vec![false; keys.len()];
    let mut at = tails.last().copied();
    while let Some(k) = at {
        keep[k] = true;
        at = prev[k];
    }
    keep
}

/// Puts the groups in the order of the new text; a deleted unit goes right after the row of
/// the nearest old unit before it that kept its place, or first when there is none.
fn order(groups: Vec<Group>, old_len: usize) -> Vec<Group> {
    let mut group_of_old: Vec<Option<usize>> = vec![None; old_len];
    for (g, group) in groups.iter().enumerate() {
        for &i in &group.old {
            group_of_old[i] = Some(g);
        }
    }
    let mut keyed: Vec<((usize, usize), Group)> = Vec::with_capacity(groups.len());
    for group in &groups {
        let key = if let Some(&j) = group.new.first() {
            (2 * j + 1, group.old.first().copied().unwrap_or(0))
        } else {
            let i = group.old.first().copied().unwrap_or(0);
            let anchor = (0..i).rev().find_map(|p| {
                let g = &groups[group_of_old[p]?];
                (!g.moved).then(|| g.new.first().copied()).flatten()
            });
            match anchor {
                Some(j) => (2 * j + 2, i),
                None => (0, i),
            }
        };
        keyed.push((key, group.clone()));
    }
    keyed.sort_by_key(|(k, _)| *k);
    keyed.into_iter().map(|(_, g)| g).collect()
}

#[cfg(test)]
mod tests {
    use super::super::units::cut;
    use super::*;

    fn labels(units: &[Cut], idx: &[usize]) -> Vec<String> {
        idx.iter().map(|&i| units[i].unit.label.clone()).collect()
    }

    fn summary(a: &str, b: &str) -> Vec<(Vec<String>, Vec<String>, bool)> {
        let (old, new) = (cut(a), cut(b));
        align(&old, &new)
            .into_iter()
            .map(|g| (labels(&old, &g.old), labels(&new, &g.new), g.moved))
            .collect()
    }

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| (*x).to_owned()).collect()
    }

    #[test]
    fn an_inserted_article_renumbers_the_rest_without_changing_them() {
        let a = "第一条　为了规范城区犬类管理，制定本办法。\n第二条　本办法适用于本市城区。\n第三条　养犬人应当为犬只办理登记。\n";
        let b = "第一条　为了规范城区犬类管理，制定本办法。\n第二条　市公安机关负责养犬登记工作。\n第三条　本办法适用于本市城区。\n第四条　养犬人应当为犬只办理登记。\n";
        assert_eq!(
            summary(a, b),
            vec![
                (v(&["第一条"]), v(&["第一条"]), false),
                (v(&[]), v(&["第二条"]), false),
                (v(&["第二条"]), v(&["第三条"]), false),
                (v(&["第三条"]), v(&["第四条"]), false),
            ]
        );
    }

    #[test]
    fn a_moved_article_is_matched_and_marked() {
        let a = "第一条　甲甲甲规定的总则内容。\n第二条　乙乙乙是关于登记的内容。\n第三条　丙丙丙是关于检查的内容。\n第四条　丁丁丁是法律责任的内容。\n";
        let b = "第一条　甲甲甲规定的总则内容。\n第二条　丙丙丙是关于检查的内容。\n第三条　丁丁丁是法律责任的内容。\n第四条　乙乙乙是关于登记的内容。\n";
        let s = summary(a, b);
        assert_eq!(s.len(), 4);
        let moved: Vec<_> = s.iter().filter(|g| g.2).collect();
        assert_eq!(moved, vec![&(v(&["第二条"]), v(&["第四条"]), true)]);
    }

    #[test]
    fn split_and_merged_articles_are_one_group() {
        let a = "第一条　为了加强管理，制定本办法。\n第二条　申请人应当提交申请书和身份证明材料。受理机关应当在五个工作日内作出是否受理的决定并书面告知申请人。\n第三条　本办法自公布之日起施行。\n";
        let b = "第一条　为了加强管理，制定本办法。\n第二条　申请人应当提交申请书和身份证明材料。\n第三条　受理机关应当在五个工作日内作出是否受理的决定并书面告知申请人。\n第四条　本办法自公布之日起施行。\n";
        let s = summary(a, b);
        assert!(
            s.contains(&(v(&["第二条"]), v(&["第二条", "第三条"]), false)),
            "{s:?}"
        );
        let merged = summary(b, a);
        assert!(
            merged.contains(&(v(&["第二条", "第三条"]), v(&["第二条"]), false)),
            "{merged:?}"
        );
    }

    #[test]
    fn renamed_and_inserted_headings() {
        let a = "第一章　总则\n第一条　总的规定内容甲。\n第二章　法律责任\n第二条　违反规定的处理乙。\n";
        let b = "第一章　总则\n第一条　总的规定内容甲。\n第二章　监督检查\n第二条　检查的具体内容丙丁戊。\n第三章　法律责任\n第三条　违反规定的处理乙。\n";
        let s = summary(a, b);
        assert!(
            s.contains(&(v(&["第二章"]), v(&["第三章"]), false)),
            "{s:?}"
        );
        assert!(s.contains(&(v(&[]), v(&["第二章"]), false)), "{s:?}");
    }

    #[test]
    fn deleted_units_follow_their_old_neighbour() {
        let a = "第一条　保留的第一条内容。\n第二条　将被删除的第二条内容。\n第三条　保留的第三条内容。\n";
        let b = "第一条　保留的第一条内容。\n第二条　保留的第三条内容。\n";
        assert_eq!(
            summary(a, b),
            vec![
                (v(&["第一条"]), v(&["第一条"]), false),
                (v(&["第二条"]), v(&[]), false),
                (v(&["第三条"]), v(&["第二条"]), false),
            ]
        );
    }

    #[test]
    fn longest_increasing_keeps_one_longest_run() {
        assert_eq!(
            longest_increasing(&[0, 3, 1, 2, 4]),
            vec![true, false, true, true, true]
        );
        assert!(longest_increasing(&[]).is_empty());
    }
}
