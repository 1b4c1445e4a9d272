//! Which versions a search may return: computed from the registry's snapshot (statuses as of
//! a date, the version in force, kinds, issuers, 文号) before the index is asked, so that the
//! collector only tests a bit per hit.

use time::Date;

use super::query::{Field, Item};
pub use crate::model::StatusScope;
use crate::model::{DocNumber, Status};
use crate::store::snapshot::VersionFacts;
use crate::store::{Snapshot, WorkFacts};
use crate::text::normalize::search_form;

/// A filter on a version's metadata, from the query's `issuer:`, `kind:`, `number:` items or
/// from the options.
#[derive(Debug, Clone, PartialEq)]
pub enum Filter {
    /// Issuers containing this text (in search form).
    Issuer(String),
    /// Kinds (效力级别 / 文件类型) containing this text (in search form).
    Kind(String),
    /// A 文号: exactly the canonical one when the text parses as one, else containing the text
    /// (in search form).
    Number(Option<String>, String),
    /// Works first issued in this year.
    Year(i32),
}

impl Filter {
    /// The filter an item of the query stands for.
    pub fn from_item(item: &Item) -> Option<Filter> {
        let text = search_form(item.text.trim());
        match item.field {
            Field::Issuer => Some(Filter::Issuer(text)),
            Field::Kind => Some(Filter::Kind(text)),
            Field::Number => Some(Filter::Number(
                DocNumber::parse(&item.text)
                    .ok()
                    .map(|n| n.canonical().to_owned()),
                text,
            )),
            Field::Any | Field::Title => None,
        }
    }

    fn admits(&self, work: &WorkFacts, v: &VersionFacts) -> bool {
        match self {
            Filter::Issuer(s) => search_form(&v.issuer).contains(s.as_str()),
            Filter::Kind(s) => search_form(&v.kind).contains(s.as_str()),
            Filter::Number(Some(canonical), _) => v.doc_number.as_deref() == Some(canonical),
            Filter::Number(None, s) => v
                .doc_number
                .as_deref()
                .is_some_and(|n| search_form(n).contains(s.as_str())),
            Filter::Year(y) => work.year == Some(*y),
        }
    }
}

/// The conditions on versions: every group must admit (a group admits when any of its filters
/// does), and no excluded filter may.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Conditions {
    /// The groups of alternatives: each must have a filter that admits the version.
    pub groups: Vec<Vec<Filter>>,
    /// Filters of which none may admit the version (the query's `-` items).
    pub excluded: Vec<Filter>,
}

impl Conditions {
    fn admit(&self, work: &WorkFacts, v: &VersionFacts) -> bool {
        self.groups
            .iter()
            .all(|g| g.iter().any(|f| f.admits(work, v)))
            && !self.excluded.iter().any(|f| f.admits(work, v))
    }
}

/// What a scope is computed from: the snapshot (by its change number and that change's hash)
/// and the options.
#[derive(Debug, Clone)]
pub(crate) struct ScopeKey {
    pub seq: i64,
    pub head: Option<String>,
    pub as_of: Date,
    pub status: StatusScope,
    pub all_versions: bool,
    pub conditions: Conditions,
}

/// Versions a search may return, per work id: a bit per version number (bit 63 stands for
/// every version from 64 on).
#[derive(Debug, Clone)]
pub struct Scope {
    bits: Vec<u64>,
    /// Each work's status on `as_of`, as its index in `Status::ALL` (`u8::MAX`: no such work).
    statuses: Vec<u8>,
    /// Per work: the kind and issuer numbers (in the snapshot's tables) of the version that
    /// describes it on `as_of`, and the year it was first issued. Facet counts read these flat
    /// arrays instead of each hit's work.
    kinds: Vec<u32>,
    issuers: Vec<u32>,
    years: Vec<Option<i32>>,
    /// Per work: the number of the version that describes it on `as_of` (0: no such work).
    seqs: Vec<u32>,
    /// Whether every version of a work may be returned (then a hit's version may be described
    /// otherwise than its work).
    pub all_versions: bool,
    /// The date statuses and versions in force are reckoned on.
    pub as_of: Date,
}

impl Scope {
    /// Computes the scope: the version in force on `as_of` (or every version when
    /// `all_versions`) of each work whose status passes, filtered by the conditions.
    pub fn build(
        snapshot: &Snapshot,
        as_of: Date,
        status: &StatusScope,
        all_versions: bool,
        conditions: &Conditions,
    ) -> Scope {
        let max_id = snapshot
            .works()
            .last()
            .map_or(0, |w| w.id.0.max(0) as usize);
        let mut bits = vec![0u64; max_id + 1];
        let mut statuses = vec![u8::MAX; max_id + 1];
        let mut kinds = vec![0u32; max_id + 1];
        let mut issuers = vec![0u32; max_id + 1];
        let mut years = vec![None; max_id + 1];
        let mut seqs = vec![0u32; max_id + 1];
        snapshot.for_each_as_of(as_of, |at| {
            let w = at.work;
            let i = w.id.0 as usize;
            statuses[i] = Status::ALL
                .iter()
                .position(|x| *x == at.status)
                .unwrap_or(0) as u8;
            kinds[i] = at.kind_id;
            issuers[i] = at.issuer_id;
            years[i] = w.year;
            seqs[i] = at.version().seq;
            if !status.admits(at.status) {
                return;
            }
            let mut mask = 0u64;
            if all_versions {
                for v in &w.versions {
                    if conditions.admit(w, v) {
                        mask |= bit(v.seq);
                    }
                }
            } else if conditions.admit(w, at.version()) {
                mask |= bit(at.version().seq);
            }
            bits[i] = mask;
        });
        Scope {
            bits,
            statuses,
            kinds,
            issuers,
            years,
            seqs,
            all_versions,
            as_of,
        }
    }

    /// Whether `seq` is the version that describes its work on the scope's date (whose kind
    /// and issuer [`Scope::description`] gives).
    pub fn describes(&self, work: u64, seq: u32) -> bool {
        self.seqs.get(work as usize) == Some(&seq)
    }

    /// The kind and issuer numbers and the year of the version describing a work on the
    /// scope's date.
    pub fn description(&self, work: u64) -> Option<(u32, u32, Option<i32>)> {
        let i = work as usize;
        Some((
            *self.kinds.get(i)?,
            *self.issuers.get(i)?,
            *self.years.get(i)?,
        ))
    }

    /// A work's status on the scope's date, as its index in `Status::ALL`.
    pub fn status_index(&self, work: u64) -> Option<usize> {
        self.statuses
            .get(work as usize)
            .filter(|&&i| i != u8::MAX)
            .map(|&i| i as usize)
    }

    /// A work's status on the scope's date.
    pub fn status(&self, work: u64) -> Option<Status> {
        self.statuses
            .get(work as usize)
            .and_then(|&i| Status::ALL.get(i as usize).copied())
    }

    /// Whether a version may be returned.
    #[inline]
    pub fn admits(&self, work: u64, seq: u32) -> bool {
        self.bits
            .get(work as usize)
            .is_some_and(|m| m & bit(seq) != 0)
    }

    /// Whether nothing at all may be returned.
    pub fn is_empty(&self) -> bool {
        self.bits.iter().all(|&m| m == 0)
    }
}

#[inline]
fn bit(seq: u32) -> u64 {
    1u64 << (seq.saturating_sub(1)).min(63)
}
