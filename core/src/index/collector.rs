//! A collector that keeps only the versions in scope, counts every match and keeps the best
//! `top` by score. Each indexed version carries a fast field `vid` = work id << 16 | version.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use super::scope::Scope;

/// The fast field holding `work << 16 | seq`.
pub const VID: &str = "vid";

/// Packs a version's id.
pub fn vid(work: i64, seq: u32) -> u64 {
    ((work as u64) << 16) | u64::from(seq & 0xFFFF)
}

/// Unpacks a version's id.
pub fn unvid(vid: u64) -> (i64, u32) {
    ((vid >> 16) as i64, (vid & 0xFFFF) as u32)
}

/// A scored version.
#[derive(Debug, Clone, Copy)]
pub struct Scored {
    pub score: Score,
    pub vid: u64,
    /// Where it is in the index: the segment's ordinal and the document's id in it.
    pub segment: SegmentOrdinal,
    pub doc: DocId,
}

impl PartialEq for Scored {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Scored {}

impl PartialOrd for Scored {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Scored {
    /// Better first: higher score, then lower id (older works first, for a stable order).
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .score
            .total_cmp(&self.score)
            .then_with(|| self.vid.cmp(&other.vid))
    }
}

/// What a search collects.
#[derive(Debug, Default)]
pub struct Collected {
    /// Every matching version in scope.
    pub matches: Vec<u64>,
    /// The best ones, best first.
    pub top: Vec<Scored>,
}

pub struct ScopedCollector {
    pub scope: Arc<Scope>,
    /// Each segment's `vid` column, by ordinal (opened here when missing).
    pub vids: Vec<Column<u64>>,
    pub top: usize,
}

pub struct ScopedSegmentCollector {
    scope: Arc<Scope>,
    segment: SegmentOrdinal,
    vids: Column<u64>,
    top: usize,
    /// A max-heap on `Scored`'s order holds the worst kept entry on top.
    heap: BinaryHeap<Scored>,
    matches: Vec<u64>,
}

impl Collector for ScopedCollector {
    type Fruit = Collected;
    type Child = ScopedSegmentCollector;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<ScopedSegmentCollector> {
        Ok(ScopedSegmentCollector {
            scope: Arc::clone(&self.scope),
            segment,
            vids: match self.vids.get(segment as usize) {
                Some(c) => c.clone(),
                None => reader.fast_fields().u64(VID)?,
            },
            top: self.top,
            heap: BinaryHeap::with_capacity(self.top.min(1024) + 1),
            matches: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.top > 0
    }

    fn merge_fruits(&self, fruits: Vec<Collected>) -> tantivy::Result<Collected> {
        let mut out = Collected::default();
        for f in fruits {
            out.matches.extend(f.matches);
            out.top.extend(f.top);
        }
        out.top.sort();
        out.top.truncate(self.top);
        Ok(out)
    }
}

impl SegmentCollector for ScopedSegmentCollector {
    type Fruit = Collected;

    fn collect(&mut self, doc: DocId, score: Score) {
        let Some(v) = self.vids.first(doc) else {
            return;
        };
        let (work, seq) = unvid(v);
        if !self.scope.admits(work as u64, seq) {
            return;
        }
        self.matches.push(v);
        if self.top == 0 {
            return;
        }
        let entry = Scored {
            score,
            vid: v,
            segment: self.segment,
            doc,
        };
        if self.heap.len() < self.top {
            self.heap.push(entry);
        } else if let Some(worst) = self.heap.peek()
            && entry < *worst
        {
            self.heap.pop();
            self.heap.push(entry);
        }
    }

    fn harvest(self) -> Collected {
        let mut top = self.heap.into_vec();
        top.sort();
        Collected {
            matches: self.matches,
            top,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vids_round_trip() {
        assert_eq!(unvid(vid(123_456, 7)), (123_456, 7));
    }

    #[test]
    fn better_sorts_first() {
        let s = |score, vid| Scored {
            score,
            vid,
            segment: 0,
            doc: 0,
        };
        let mut v = [s(1.0, 5), s(3.0, 9), s(3.0, 2)];
        v.sort();
        let ids: Vec<u64> = v.iter().map(|s| s.vid).collect();
        assert_eq!(ids, [2, 9, 5]);
    }
}
