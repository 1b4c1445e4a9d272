//! `check`'s look at the index: its files (every checksum), its binding to the store, and its
//! content against the store's versions. Nothing is repaired here: `check` reports, and the
//! next search (or `guifan reindex`) rebuilds.

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;

use super::collector::{VID, unvid, vid};
use super::damage::{self, Checksums, Damage, Inspection};
use super::guard::guarded;
use super::{INDEX_DIR, Tantivy, index_err};
use crate::error::{Error, Result};
use crate::store::Registry;

/// What `check` found in the search index.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndexCheck {
    /// Whether the index could be read (when not, a problem says why, and the counts are 0).
    pub readable: bool,
    /// Versions in the committed index.
    pub versions: u64,
    /// The registry change (audit entry) the index reflects.
    pub seq: i64,
    /// Versions the store recorded after that change: the next search adds them. Not a
    /// problem: a process stopped between the store's commit and the index's leaves this.
    pub behind: u64,
}

/// How many versions a problem names before it counts the rest.
const NAMED: usize = 5;

/// Checks the registry's search index against the store: `None` when there is no index (the
/// next search creates it). Problems are added to `problems`, each starting with `index: `.
pub fn verify(reg: &Registry, problems: &mut Vec<String>) -> Result<Option<IndexCheck>> {
    let dir = reg.dir().join(INDEX_DIR);
    let mut report = IndexCheck::default();
    let rebuilt = "rebuilt by the next search or `guifan reindex`";
    let inspection = if reg.is_read_only() && dir.is_dir() {
        // No lock can be taken in a read-only folder: the index is read into memory, checked.
        match damage::read_into_memory(&dir) {
            Some(t) => {
                let metas = t.index.load_metas().map_err(super::index_err)?;
                let payload = super::payload(metas.payload.as_deref());
                Inspection::Sound(t, payload)
            }
            None => Inspection::Damaged(Damage::Unreadable {
                message: "its files do not read back whole".into(),
            }),
        }
    } else {
        damage::inspect(&dir, Checksums::All)?
    };
    let (tantivy, payload) = match inspection {
        Inspection::Absent => return Ok(None),
        Inspection::Outdated => {
            // Made by another version of guifan: rebuilt on the next search, not damage.
            report.readable = true;
            return Ok(Some(report));
        }
        Inspection::Damaged(d) => {
            problems.push(format!("index: {d}; {rebuilt}"));
            return Ok(Some(report));
        }
        Inspection::Sound(t, p) => (t, p),
    };
    report.readable = true;
    report.seq = payload.as_ref().map_or(0, |p| p.seq);
    if let Some(p) = &payload
        && p.seq > 0
    {
        let found = reg.audit_hash(p.seq)?;
        if found.as_ref() != p.hash.as_ref() {
            let d = Damage::OtherHistory {
                seq: p.seq,
                differs: found.is_some(),
            };
            problems.push(format!("index: {d}; {rebuilt}"));
        }
    }

    let counts = match guarded("reading the index", || indexed(&tantivy)) {
        Ok(c) => c,
        Err(Error::Index(message)) => {
            let d = Damage::Unreadable {
                message: damage::short(&message),
            };
            problems.push(format!("index: {d}; {rebuilt}"));
            report.readable = false;
            return Ok(Some(report));
        }
        Err(e) => return Err(e),
    };
    report.versions = counts.values().map(|&n| u64::from(n)).sum();

    // Versions recorded after the index's change may be there already (an import indexes
    // while it stores) or not yet; every other version of the store must be there once.
    let later: FxHashSet<u64> = reg
        .versions_recorded_after(report.seq)?
        .into_iter()
        .map(|(w, s)| vid(w.0, s))
        .collect();
    let mut stored: FxHashSet<u64> = FxHashSet::default();
    let mut missing = Vec::new();
    let mut twice = Vec::new();
    for (work, seq) in reg.version_ids()? {
        let v = vid(work.0, seq);
        stored.insert(v);
        match counts.get(&v).copied().unwrap_or(0) {
            0 if !later.contains(&v) => missing.push(v),
            0 | 1 => {}
            _ => twice.push(v),
        }
    }
    report.behind = later.iter().filter(|v| !counts.contains_key(v)).count() as u64;
    let mut strangers: Vec<u64> = counts
        .keys()
        .filter(|v| !stored.contains(v))
        .copied()
        .collect();
    strangers.sort_unstable();
    for (list, what) in [
        (missing, "missing from the index"),
        (twice, "indexed more than once"),
        (strangers, "indexed but not in the store"),
    ] {
        if !list.is_empty() {
            problems.push(format!(
                "index: {} {what}: {}; {rebuilt}",
                plural(list.len()),
                named(&list)
            ));
        }
    }
    Ok(Some(report))
}

/// How many times each version is in the committed index (deleted documents left out).
fn indexed(tantivy: &Tantivy) -> Result<FxHashMap<u64, u32>> {
    let searcher = tantivy.reader.searcher();
    let mut counts: FxHashMap<u64, u32> = FxHashMap::default();
    for segment in searcher.segment_readers() {
        let column = segment.fast_fields().u64(VID).map_err(index_err)?;
        let alive = segment.alive_bitset();
        for doc in 0..segment.max_doc() {
            if alive.is_some_and(|a| a.is_deleted(doc)) {
                continue;
            }
            let v = column.first(doc).ok_or_else(|| {
                Error::Index(format!(
                    "a document of segment {} has no version id",
                    segment.segment_id().uuid_string()
                ))
            })?;
            *counts.entry(v).or_default() += 1;
        }
    }
    Ok(counts)
}

fn plural(n: usize) -> String {
    if n == 1 {
        "1 version".to_owned()
    } else {
        format!("{n} versions")
    }
}

/// The first few versions of a list, as `work W version N`, and how many more.
fn named(vids: &[u64]) -> String {
    let mut s = vids
        .iter()
        .take(NAMED)
        .map(|&v| {
            let (w, n) = unvid(v);
            format!("work {w} version {n}")
        })
        .collect::<Vec<_>>()
        .join(", ");
    if vids.len() > NAMED {
        s.push_str(&format!(" and {} more", vids.len() - NAMED));
    }
    s
}
