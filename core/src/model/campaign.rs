//! 清理: clearance campaigns and the decision each makes on a work.

use serde::Serialize;
use time::Date;

use super::status::Outcome;
use super::work::WorkId;

/// A campaign to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCampaign {
    /// A short key (`qj-2024`).
    pub key: String,
    /// Its name (2024年行政规范性文件清理).
    pub name: String,
    /// Whose documents are in scope (市政府, 各地各部门).
    pub scope: Option<String>,
    /// When the campaign was opened (the notice's date), if known.
    pub opened: Option<Date>,
}

/// A recorded campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Campaign {
    /// The campaign's row id in the store.
    pub id: i64,
    /// Its short key (`qj-2024`), by which it is named on the command line.
    pub key: String,
    /// Its name (2024年行政规范性文件清理).
    pub name: String,
    /// Whose documents are in scope (市政府, 各地各部门), if recorded.
    pub scope: Option<String>,
    /// When the campaign was opened (the notice's date), if known.
    #[serde(with = "crate::model::serde_date::option")]
    pub opened: Option<Date>,
    /// When its decisions were announced and took effect; `None` while it is open.
    #[serde(with = "crate::model::serde_date::option")]
    pub announced: Option<Date>,
}

/// One decision of a campaign on one work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Decision {
    /// The decision's id (a corrected decision is a new one).
    pub id: i64,
    /// The key of the campaign that made it.
    pub campaign: String,
    /// The document (work) decided on.
    #[serde(rename = "document")]
    pub work: WorkId,
    /// What the campaign decided: 继续有效, 待修订, 废止 or 宣布失效.
    pub outcome: Outcome,
    /// Why, as the campaign's list gives it, if recorded.
    pub reason: Option<String>,
}
