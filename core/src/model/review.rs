//! 审核 and 审查: the reviews a document goes through.

use serde::Serialize;
use time::Date;

use super::labels::labelled_enum;
use super::work::WorkId;

labelled_enum! {
    /// The kind of review.
    pub enum ReviewKind ("kind") {
        /// 合法性审核: legality review before issuing.
        Legality = "legality" ["合法性审核", "合法性审查"],
        /// 备案审查: review of a filed document by the body it was filed with.
        FilingReview = "filing_review" ["备案审查"],
        /// 公平竞争审查: fair competition review.
        FairCompetition = "fair_competition" ["公平竞争审查"],
        /// 评估: evaluation (of implementation, or before expiry).
        Evaluation = "evaluation" ["评估", "实施后评估"],
    }
}

/// A review to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReview {
    /// Which review it is: 合法性审核, 备案审查, 公平竞争审查 or 评估.
    pub kind: ReviewKind,
    /// Who reviewed (市司法局).
    pub reviewer: String,
    /// The day the review concluded.
    pub date: Date,
    /// The conclusion (合法, 建议修改, …).
    pub conclusion: String,
    /// The reviewer's opinion in full, if recorded.
    pub opinion: Option<String>,
}

/// A recorded review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Review {
    /// The review's row id in the store (a corrected review is a new one).
    pub id: i64,
    /// The document (work) it concerns.
    #[serde(rename = "document")]
    pub work: WorkId,
    /// Which review it is: 合法性审核, 备案审查, 公平竞争审查 or 评估.
    pub kind: ReviewKind,
    /// Who reviewed (市司法局).
    pub reviewer: String,
    /// The day the review concluded.
    #[serde(with = "crate::model::serde_date")]
    pub date: Date,
    /// The conclusion (合法, 建议修改, …).
    pub conclusion: String,
    /// The reviewer's opinion in full, if recorded.
    pub opinion: Option<String>,
}
