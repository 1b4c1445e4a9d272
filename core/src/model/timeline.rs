//! Point in time: which version is in force and what status a work has on a date.
//!
//! A work's status moves only through dated status changes. On a date it is:
//!
//! 1. 尚未生效 (`not_yet_effective`) when no version is in force yet;
//! 2. otherwise the status of the last change on or before the date (an undated change counts
//!    as made before every date; ties go to the later-recorded change), `unknown` when none;
//! 3. 有效期届满 (`expired`) instead of an in-force status once the 有效期 of the version in force
//!    ended before the date.

use serde::Serialize;
use time::Date;

use super::status::Status;
use super::work::{Work, WorkId};

/// Where a status change came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeSource {
    /// The status stated by an imported or registered version record.
    Record {
        /// The sequence number of the version whose record stated it.
        version: u32,
    },
    /// Recorded by hand.
    Manual,
    /// The announcement of a clearance campaign.
    Campaign {
        /// The campaign's key.
        key: String,
    },
}

impl Serialize for ChangeSource {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ChangeSource::Record { version } => s.serialize_str(&format!("record:v{version}")),
            ChangeSource::Manual => s.serialize_str("manual"),
            ChangeSource::Campaign { key } => s.serialize_str(&format!("campaign:{key}")),
        }
    }
}

/// A dated status change of a work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusChange {
    /// Order of recording, increasing.
    pub seq: i64,
    /// The work whose status changed.
    pub work: WorkId,
    /// The date from which the status holds; `None` when the source gives none.
    #[serde(with = "super::serde_date::option")]
    pub date: Option<Date>,
    /// The status the work has from that date: 有效, 废止, 宣布失效, ….
    pub status: Status,
    /// Why, when given.
    pub reason: Option<String>,
    /// Where the change came from: a version record, a hand entry or a campaign.
    pub source: ChangeSource,
    /// Who recorded it.
    pub actor: String,
}

/// What the point-in-time rules need of a version.
pub trait Dated {
    /// From when the version is in force; `None` means from the start of time.
    fn in_force_from(&self) -> Option<Date>;
    /// The last day of its 有效期, if it has one.
    fn expires(&self) -> Option<Date>;
}

/// A version given as (in-force date, expiry date).
impl Dated for (Option<Date>, Option<Date>) {
    fn in_force_from(&self) -> Option<Date> {
        self.0
    }
    fn expires(&self) -> Option<Date> {
        self.1
    }
}

/// Index of the version in force on `as_of`, versions in version order: the newest one whose
/// in-force date is on or before `as_of` (`None` dates count as before every date).
pub fn version_in_force<V: Dated>(versions: &[V], as_of: Date) -> Option<usize> {
    versions
        .iter()
        .rposition(|v| v.in_force_from().is_none_or(|d| d <= as_of))
}

/// The recorded status on `as_of`: the last change on or before it. `changes` must be in
/// order of (date, with `None` first; then recording order).
pub fn recorded_status(changes: &[(Option<Date>, Status)], as_of: Date) -> Option<Status> {
    changes
        .iter()
        .rev()
        .find(|(date, _)| date.is_none_or(|d| d <= as_of))
        .map(|&(_, s)| s)
}

/// The status of a work on `as_of`; see the module documentation. `versions` in version
/// order; `changes` ordered as for [`recorded_status`].
pub fn status_as_of<V: Dated>(
    versions: &[V],
    changes: &[(Option<Date>, Status)],
    as_of: Date,
) -> Status {
    if versions.is_empty() {
        return Status::Unknown;
    }
    let Some(vi) = version_in_force(versions, as_of) else {
        return Status::NotYetEffective;
    };
    let status = recorded_status(changes, as_of).unwrap_or(Status::Unknown);
    match versions[vi].expires() {
        Some(expires) if status.in_force() && expires < as_of => Status::Expired,
        _ => status,
    }
}

/// The status of a loaded work on `as_of`, from its versions' dates and its status changes
/// (in any order).
pub fn work_status(work: &Work, changes: &[StatusChange], as_of: Date) -> Status {
    let mut ordered: Vec<&StatusChange> = changes.iter().collect();
    ordered.sort_by_key(|c| (c.date.is_some(), c.date, c.seq));
    let changes: Vec<(Option<Date>, Status)> = ordered.iter().map(|c| (c.date, c.status)).collect();
    status_as_of(&work.versions, &changes, as_of)
}

/// Sorts status changes into the order [`recorded_status`] expects.
pub fn sort_changes(changes: &mut [StatusChange]) {
    changes.sort_by_key(|c| (c.date.is_some(), c.date, c.seq));
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    const D1: Date = date!(2020 - 01 - 01);
    const D2: Date = date!(2022 - 01 - 01);
    const D3: Date = date!(2024 - 07 - 10);

    #[test]
    fn not_yet_effective_before_the_first_version() {
        let versions = [(Some(D2), None)];
        let changes = [(None, Status::Valid)];
        assert_eq!(
            status_as_of(&versions, &changes, D1),
            Status::NotYetEffective
        );
        assert_eq!(status_as_of(&versions, &changes, D2), Status::Valid);
    }

    #[test]
    fn repeal_takes_effect_on_its_date() {
        let versions = [(Some(D1), None)];
        let changes = [(None, Status::Valid), (Some(D3), Status::Repealed)];
        assert_eq!(
            status_as_of(&versions, &changes, date!(2024 - 07 - 09)),
            Status::Valid
        );
        assert_eq!(status_as_of(&versions, &changes, D3), Status::Repealed);
    }

    #[test]
    fn expiry_applies_to_in_force_statuses_only() {
        let versions = [(Some(D1), Some(date!(2021 - 12 - 31)))];
        let valid = [(None, Status::Valid)];
        assert_eq!(
            status_as_of(&versions, &valid, date!(2021 - 12 - 31)),
            Status::Valid
        );
        assert_eq!(status_as_of(&versions, &valid, D2), Status::Expired);
        let repealed = [(None, Status::Repealed)];
        assert_eq!(status_as_of(&versions, &repealed, D2), Status::Repealed);
    }

    #[test]
    fn a_new_version_carries_its_own_expiry() {
        let versions = [
            (Some(D1), Some(date!(2021 - 12 - 31))),
            (Some(D2), Some(date!(2026 - 12 - 31))),
        ];
        let changes = [(None, Status::Valid)];
        assert_eq!(status_as_of(&versions, &changes, D3), Status::Valid);
        let two = [(Some(D1), None), (Some(D2), None)];
        assert_eq!(version_in_force(&two, D3), Some(1));
        assert_eq!(version_in_force(&two, D1), Some(0));
        assert_eq!(version_in_force(&[(Some(D2), None)], D1), None);
        assert_eq!(version_in_force(&[(None, None)], D1), Some(0));
    }

    fn naive_replay(
        versions: &[(Option<Date>, Option<Date>)],
        changes: &[(Option<Date>, Status)],
        as_of: Date,
    ) -> Status {
        // Replays every change in order, keeping the last that had happened by `as_of`.
        let mut current = None;
        for (date, status) in changes {
            match date {
                None => current = Some(*status),
                Some(d) if *d <= as_of => current = Some(*status),
                Some(_) => {}
            }
        }
        let mut in_force = None;
        for v in versions {
            if v.0.is_none_or(|d| d <= as_of) {
                in_force = Some(*v);
            }
        }
        if versions.is_empty() {
            return Status::Unknown;
        }
        let Some(v) = in_force else {
            return Status::NotYetEffective;
        };
        let s = current.unwrap_or(Status::Unknown);
        if let Some(e) = v.1
            && s.in_force()
            && as_of > e
        {
            return Status::Expired;
        }
        s
    }

    fn day() -> impl Strategy<Value = Date> {
        (0i64..4000).prop_map(|n| date!(2015 - 01 - 01) + time::Duration::days(n))
    }

    fn recordable() -> impl Strategy<Value = Status> {
        prop::sample::select(vec![
            Status::Valid,
            Status::PendingRevision,
            Status::Repealed,
            Status::Invalidated,
            Status::Unknown,
        ])
    }

    proptest! {
        #[test]
        fn status_agrees_with_a_naive_replay(
            versions in prop::collection::vec((prop::option::of(day()), prop::option::of(day())), 0..4),
            mut changes in prop::collection::vec((prop::option::of(day()), recordable()), 0..6),
            as_of in day(),
        ) {
            // Changes are stored sorted by date (undated first), recording order kept.
            changes.sort_by_key(|c| (c.0.is_some(), c.0));
            prop_assert_eq!(
                status_as_of(&versions, &changes, as_of),
                naive_replay(&versions, &changes, as_of)
            );
        }
    }
}
