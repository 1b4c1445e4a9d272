//! Relations between documents: 依据, 修改, 废止, 替代, 实施, 引用.

use serde::Serialize;

use super::labels::labelled_enum;
use super::work::WorkId;

labelled_enum! {
    /// How one document relates to another.
    pub enum RelationKind ("kind") {
        /// 依据: rests on (is made under) the other.
        Basis = "basis" ["依据", "根据"],
        /// 修改: amends the other.
        Amends = "amends" ["修改", "修正", "修订"],
        /// 废止: repeals the other.
        Repeals = "repeals" ["废止"],
        /// 替代: replaces the other.
        Supersedes = "supersedes" ["替代", "代替"],
        /// 实施: implements the other.
        Implements = "implements" ["实施"],
        /// 引用: cites the other.
        Cites = "cites" ["引用"],
    }
}

labelled_enum! {
    /// Where a relation came from.
    pub enum RelationSource ("source") {
        /// Recorded by hand (or imported as a record).
        Manual = "manual" ["人工"],
        /// Found in the text.
        Text = "text" ["文本"],
    }
}

/// A relation to record. The target is a work in the registry, or, when it is not (yet) in
/// the registry, the citation as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRelation {
    /// How the document relates to the target: 依据, 修改, 废止, ….
    pub kind: RelationKind,
    /// The work related to, when the registry holds it.
    pub target: Option<WorkId>,
    /// The citation as written (《title》 or 文号); required when `target` is `None`.
    pub cited_as: Option<String>,
    /// Whether it is recorded by hand or found in the text.
    pub source: RelationSource,
    /// A free note, such as where the relation is stated.
    pub note: Option<String>,
}

impl NewRelation {
    /// A relation recorded by hand to `target`, or, when the reference names no document of
    /// the registry, to the citation as written (a document the registry does not hold).
    pub fn manual(kind: RelationKind, target: RelationTarget, note: Option<String>) -> Self {
        let (target, cited_as) = match target {
            RelationTarget::Work(id) => (Some(id), None),
            RelationTarget::AsWritten(text) => (None, Some(text)),
        };
        NewRelation {
            kind,
            target,
            cited_as,
            source: RelationSource::Manual,
            note,
        }
    }
}

/// What the other end of a relation names: a work of the registry, or a citation kept as
/// written because it names none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RelationTarget {
    /// A work of the registry.
    Work(WorkId),
    /// The reference as written: it names no work of the registry.
    AsWritten(String),
}

/// A recorded relation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Relation {
    /// The relation's row id in the store.
    pub id: i64,
    /// The work that relates (the one that amends, repeals, cites, …).
    pub from: WorkId,
    /// How `from` relates to the other end.
    pub kind: RelationKind,
    /// The work related to, when the registry holds it.
    pub to: Option<WorkId>,
    /// The citation as written (《title》 or 文号), kept whether or not it names a work here.
    pub cited_as: Option<String>,
    /// Whether it was recorded by hand or found in the text.
    pub source: RelationSource,
    /// A free note, if recorded.
    pub note: Option<String>,
    /// For a relation found in text: the version of `from` whose text holds the citation.
    pub version: Option<u32>,
}
