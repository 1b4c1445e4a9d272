//! 备案: a document filed with the bodies above it, and whether it was filed in time.

use serde::Serialize;
use time::{Date, Duration};

use super::labels::labelled_enum;
use super::work::WorkId;

/// The days allowed for filing when no local rule says otherwise.
pub const DEFAULT_DEADLINE_DAYS: u32 = 30;

labelled_enum! {
    /// What the receiving body did with a filing.
    pub enum FilingOutcome ("outcome") {
        /// 备案登记: registered.
        Registered = "registered" ["备案登记", "予以备案", "已备案"],
        /// 暂缓办理: deferred.
        Deferred = "deferred" ["暂缓办理"],
        /// 限期补正: to be corrected within a time limit.
        CorrectionRequired = "correction_required" ["限期补正", "责令改正", "要求纠正"],
        /// 不予备案: refused.
        Refused = "refused" ["不予备案", "撤销"],
        /// 审查中: under review.
        UnderReview = "under_review" ["审查中"],
    }
}

/// A filing to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFiling {
    /// The body filed with (湖北省人民政府, 潜江市人民代表大会常务委员会, …).
    pub filed_with: String,
    /// When the document was submitted; `None` while it has not been.
    pub submitted: Option<Date>,
    /// The filing's own number (备案号), if any.
    pub number: Option<String>,
    /// What the receiving body did, if known.
    pub outcome: Option<FilingOutcome>,
    /// Days after the issued (公布) date within which filing is on time.
    pub deadline_days: u32,
    /// Free text.
    pub note: Option<String>,
}

impl NewFiling {
    /// A filing with the default deadline and nothing else known.
    pub fn new(filed_with: impl Into<String>) -> Self {
        NewFiling {
            filed_with: filed_with.into(),
            submitted: None,
            number: None,
            outcome: None,
            deadline_days: DEFAULT_DEADLINE_DAYS,
            note: None,
        }
    }
}

/// A recorded filing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Filing {
    /// The filing's row id in the store (a corrected filing is a new one).
    pub id: i64,
    /// The document (work) it concerns.
    #[serde(rename = "document")]
    pub work: WorkId,
    /// The body filed with (湖北省人民政府, 潜江市人民代表大会常务委员会, …).
    pub filed_with: String,
    /// When the document was submitted; `None` while it has not been.
    #[serde(with = "crate::model::serde_date::option")]
    pub submitted: Option<Date>,
    /// The filing's own number (备案号), if any.
    pub number: Option<String>,
    /// What the receiving body did, if known.
    pub outcome: Option<FilingOutcome>,
    /// Days after the issued (公布) date within which filing is on time.
    pub deadline_days: u32,
    /// Free text.
    pub note: Option<String>,
    /// The issued date of the document filed, from which the deadline runs.
    #[serde(with = "crate::model::serde_date::option")]
    pub issued: Option<Date>,
}

labelled_enum! {
    /// Whether a filing was made in time.
    pub enum Timeliness ("timeliness") {
        /// 按时报备: submitted within the deadline.
        OnTime = "on_time" ["按时报备"],
        /// 逾期报备: submitted after the deadline.
        Late = "late" ["逾期报备"],
        /// 待报备: not submitted yet, and the deadline has not passed.
        Pending = "pending" ["待报备"],
        /// 逾期未报备: not submitted, and the deadline has passed.
        Overdue = "overdue" ["逾期未报备"],
        /// 无法判断: the document has no issued date, so the deadline is unknown.
        Undetermined = "undetermined" ["无法判断"],
    }
}

impl Filing {
    /// The last day on which filing is on time.
    pub fn deadline(&self) -> Option<Date> {
        deadline(self.issued, self.deadline_days)
    }

    /// Whether the filing was (or still can be) made in time, as of a date.
    pub fn timeliness(&self, as_of: Date) -> Timeliness {
        timeliness(self.issued, self.submitted, self.deadline_days, as_of)
    }
}

/// The last day on which filing is on time: the issued date plus the deadline days.
pub fn deadline(issued: Option<Date>, deadline_days: u32) -> Option<Date> {
    issued.and_then(|d| d.checked_add(Duration::days(i64::from(deadline_days))))
}

/// On time when submitted within `deadline_days` of the issued date, late otherwise; pending
/// (or overdue, once the deadline has passed on `as_of`) while not submitted.
pub fn timeliness(
    issued: Option<Date>,
    submitted: Option<Date>,
    deadline_days: u32,
    as_of: Date,
) -> Timeliness {
    let Some(last_day) = deadline(issued, deadline_days) else {
        return match submitted {
            Some(_) => Timeliness::Undetermined,
            None => Timeliness::Pending,
        };
    };
    match submitted {
        Some(s) if s <= last_day => Timeliness::OnTime,
        Some(_) => Timeliness::Late,
        None if as_of > last_day => Timeliness::Overdue,
        None => Timeliness::Pending,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn the_deadline_day_itself_is_on_time() {
        let issued = Some(date!(2024 - 05 - 29));
        let today = date!(2024 - 12 - 31);
        assert_eq!(
            timeliness(issued, Some(date!(2024 - 06 - 28)), 30, today),
            Timeliness::OnTime
        );
        assert_eq!(
            timeliness(issued, Some(date!(2024 - 06 - 29)), 30, today),
            Timeliness::Late
        );
        assert_eq!(
            timeliness(issued, Some(date!(2024 - 06 - 13)), 15, today),
            Timeliness::OnTime
        );
        assert_eq!(
            timeliness(issued, Some(date!(2024 - 06 - 14)), 15, today),
            Timeliness::Late
        );
    }

    #[test]
    fn unsubmitted_filings_are_pending_until_the_deadline_passes() {
        let issued = Some(date!(2024 - 05 - 29));
        assert_eq!(
            timeliness(issued, None, 30, date!(2024 - 06 - 28)),
            Timeliness::Pending
        );
        assert_eq!(
            timeliness(issued, None, 30, date!(2024 - 06 - 29)),
            Timeliness::Overdue
        );
        assert_eq!(
            timeliness(None, Some(date!(2024 - 06 - 01)), 30, date!(2024 - 06 - 29)),
            Timeliness::Undetermined
        );
    }

    #[test]
    fn outcomes_parse_from_labels() {
        assert_eq!(
            FilingOutcome::parse("备案登记").expect("ok"),
            FilingOutcome::Registered
        );
        assert_eq!(
            FilingOutcome::parse("限期补正").expect("ok"),
            FilingOutcome::CorrectionRequired
        );
        let err = FilingOutcome::parse("登记").expect_err("unknown");
        assert_eq!(err.input().expect("input").field, "outcome");
    }
}
