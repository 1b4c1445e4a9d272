//! What the clearance assistant proposes for a document, and the record of a proposal: which
//! rules fired, and whether the decision made later followed it.

use serde::Serialize;
use time::Date;

use super::status::Outcome;
use super::work::WorkId;

/// What a clearance rule proposes for the document it fires on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Proposal {
    /// 继续有效.
    Valid,
    /// 需评估: the reviewer must look before deciding.
    Evaluate,
    /// 待修订.
    PendingRevision,
    /// 宣布失效.
    Invalidated,
    /// 废止.
    Repealed,
}

impl Proposal {
    /// Every proposal, in the order reports list them.
    pub const ALL: [Proposal; 5] = [
        Proposal::Valid,
        Proposal::Evaluate,
        Proposal::PendingRevision,
        Proposal::Invalidated,
        Proposal::Repealed,
    ];

    /// The Chinese label: 继续有效, 需评估, 待修订, 宣布失效, 废止.
    pub fn label(self) -> &'static str {
        match self {
            Proposal::Valid => "继续有效",
            Proposal::Evaluate => "需评估",
            Proposal::PendingRevision => "待修订",
            Proposal::Invalidated => "宣布失效",
            Proposal::Repealed => "废止",
        }
    }

    /// The token, as in JSON.
    pub fn token(self) -> &'static str {
        match self {
            Proposal::Valid => "valid",
            Proposal::Evaluate => "evaluate",
            Proposal::PendingRevision => "pending_revision",
            Proposal::Invalidated => "invalidated",
            Proposal::Repealed => "repealed",
        }
    }

    /// Reads a token.
    pub fn parse(s: &str) -> Option<Proposal> {
        Proposal::ALL.into_iter().find(|p| p.token() == s)
    }

    /// The outcome of a decision this proposal stands for; `None` for 需评估.
    pub fn outcome(self) -> Option<Outcome> {
        match self {
            Proposal::Valid => Some(Outcome::Valid),
            Proposal::Evaluate => None,
            Proposal::PendingRevision => Some(Outcome::PendingRevision),
            Proposal::Invalidated => Some(Outcome::Invalidated),
            Proposal::Repealed => Some(Outcome::Repealed),
        }
    }
}

/// A proposal as the registry recorded it, with the decision made on the work since.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordedSuggestion {
    /// The row's id.
    pub id: i64,
    /// The campaign's key.
    pub campaign: String,
    /// The document.
    pub work: WorkId,
    /// The version the rules looked at.
    pub version: Option<u32>,
    /// That version's title.
    pub title: String,
    /// Its canonical 文号.
    pub doc_number: Option<String>,
    /// The date the rules were applied as of.
    #[serde(with = "super::serde_date")]
    pub as_of: Date,
    /// What was proposed.
    pub proposal: Proposal,
    /// The ids of the rules that fired.
    pub rules: Vec<String>,
    /// The campaign's decision on the work, when one was made after the proposal.
    pub decision: Option<Outcome>,
    /// Whether the decision is the outcome proposed; `None` while undecided and for 需评估.
    pub followed: Option<bool>,
}
