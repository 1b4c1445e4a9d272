//! The status of a work (效力状态) and the outcome of a clearance decision (清理结论).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};

/// The status of a work on a given date.
///
/// `Expired` and `NotYetEffective` are normally derived from the work's dates; the others are
/// recorded by dated status changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// 有效: in force.
    Valid,
    /// 待修订: in force, marked for revision.
    PendingRevision,
    /// 废止: repealed by a decision or a repealing document.
    Repealed,
    /// 宣布失效: declared no longer in force.
    Invalidated,
    /// 有效期届满: its period of validity ran out.
    Expired,
    /// 尚未生效: its effective date is after the date asked about.
    NotYetEffective,
    /// 未知: the source says nothing.
    Unknown,
}

impl Status {
    /// Every status, in display order.
    pub const ALL: [Status; 7] = [
        Status::Valid,
        Status::PendingRevision,
        Status::Repealed,
        Status::Invalidated,
        Status::Expired,
        Status::NotYetEffective,
        Status::Unknown,
    ];

    /// The token used in JSON and on the command line.
    pub fn token(self) -> &'static str {
        match self {
            Status::Valid => "valid",
            Status::PendingRevision => "pending_revision",
            Status::Repealed => "repealed",
            Status::Invalidated => "invalidated",
            Status::Expired => "expired",
            Status::NotYetEffective => "not_yet_effective",
            Status::Unknown => "unknown",
        }
    }

    /// The Chinese label shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Status::Valid => "有效",
            Status::PendingRevision => "待修订",
            Status::Repealed => "废止",
            Status::Invalidated => "宣布失效",
            Status::Expired => "有效期届满",
            Status::NotYetEffective => "尚未生效",
            Status::Unknown => "未知",
        }
    }

    /// Parses a token or any of the Chinese labels in use (有效, 现行有效, 继续有效, 已废止, 失效, …).
    pub fn parse(s: &str) -> Result<Status> {
        let t = s.trim();
        let status = match t {
            "valid" | "有效" | "现行有效" | "继续有效" => Status::Valid,
            "pending_revision" | "待修订" | "拟修改" | "予以修改" | "拟修订" => {
                Status::PendingRevision
            }
            "repealed" | "废止" | "已废止" | "予以废止" => Status::Repealed,
            "invalidated" | "宣布失效" | "失效" | "已失效" | "予以失效" => {
                Status::Invalidated
            }
            "expired" | "有效期届满" | "已过期" => Status::Expired,
            "not_yet_effective" | "尚未生效" | "尚未施行" => Status::NotYetEffective,
            "unknown" | "未知" | "" => Status::Unknown,
            "已修改" | "amended" | "superseded" => {
                return Err(Error::invalid(
                    "status",
                    s,
                    "已修改 marks a superseded version, not the status of a work",
                ));
            }
            _ => {
                return Err(Error::invalid(
                    "status",
                    s,
                    "unknown status; expected a token (valid, pending_revision, repealed, \
                     invalidated, expired, not_yet_effective, unknown) or a label such as 有效",
                ));
            }
        };
        Ok(status)
    }

    /// Whether a work with this status is in force (有效 or 待修订).
    pub fn in_force(self) -> bool {
        matches!(self, Status::Valid | Status::PendingRevision)
    }

    /// Whether this status may be recorded by a status change (the derived ones may not).
    pub fn recordable(self) -> bool {
        !matches!(self, Status::NotYetEffective)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.token())
    }
}

impl FromStr for Status {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Status::parse(s)
    }
}

impl Serialize for Status {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_newtype_struct("$guifan::Status", self.token())
    }
}

impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Status::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// The outcome of a clearance decision (清理结论).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Outcome {
    /// 继续有效.
    Valid,
    /// 待修订.
    PendingRevision,
    /// 废止.
    Repealed,
    /// 宣布失效.
    Invalidated,
}

impl Outcome {
    /// Every outcome, in report order.
    pub const ALL: [Outcome; 4] = [
        Outcome::Valid,
        Outcome::PendingRevision,
        Outcome::Repealed,
        Outcome::Invalidated,
    ];

    /// The token, the same as the status it leads to.
    pub fn token(self) -> &'static str {
        self.status().token()
    }

    /// The Chinese label used in clearance reports.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Valid => "继续有效",
            Outcome::PendingRevision => "待修订",
            Outcome::Repealed => "废止",
            Outcome::Invalidated => "宣布失效",
        }
    }

    /// The status the work takes when the campaign is announced.
    pub fn status(self) -> Status {
        match self {
            Outcome::Valid => Status::Valid,
            Outcome::PendingRevision => Status::PendingRevision,
            Outcome::Repealed => Status::Repealed,
            Outcome::Invalidated => Status::Invalidated,
        }
    }

    /// Parses a token or a label (继续有效, 有效, 待修订, 予以修改, 废止, 宣布失效, …).
    pub fn parse(s: &str) -> Result<Outcome> {
        let status = Status::parse(s).map_err(|_| {
            Error::invalid(
                "outcome",
                s,
                "unknown outcome; expected 继续有效, 待修订, 废止 or 宣布失效 (or valid, \
                 pending_revision, repealed, invalidated)",
            )
        })?;
        match status {
            Status::Valid => Ok(Outcome::Valid),
            Status::PendingRevision => Ok(Outcome::PendingRevision),
            Status::Repealed => Ok(Outcome::Repealed),
            Status::Invalidated => Ok(Outcome::Invalidated),
            _ => Err(Error::invalid(
                "outcome",
                s,
                "a clearance decides 继续有效, 待修订, 废止 or 宣布失效",
            )),
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.token())
    }
}

impl Serialize for Outcome {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_newtype_struct("$guifan::Outcome", self.token())
    }
}

/// Which statuses a list, a count or a search takes: the one parser of status lists for
/// every front end (`any` and `全部` for all, else tokens or labels separated by commas).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum StatusScope {
    /// 有效 and 待修订: what is in force.
    #[default]
    InForce,
    /// Every status.
    Any,
    /// These statuses.
    Only(Vec<Status>),
}

impl StatusScope {
    /// Parses `any`, or tokens and labels separated by commas.
    pub fn parse(s: &str) -> Result<StatusScope> {
        let t = s.trim();
        if t.eq_ignore_ascii_case("any") || t == "全部" {
            return Ok(StatusScope::Any);
        }
        let statuses = t
            .split([',', '，'])
            .filter(|p| !p.trim().is_empty())
            .map(Status::parse)
            .collect::<Result<Vec<_>>>()?;
        if statuses.is_empty() {
            return Err(Error::invalid(
                "status",
                s,
                "name at least one status, or `any`",
            ));
        }
        Ok(StatusScope::Only(statuses))
    }

    /// Whether a work with status `s` is taken.
    pub fn admits(&self, s: Status) -> bool {
        match self {
            StatusScope::InForce => s.in_force(),
            StatusScope::Any => true,
            StatusScope::Only(list) => list.contains(&s),
        }
    }
}

impl fmt::Display for StatusScope {
    /// `any`, `in_force`, or the tokens joined by commas: what [`StatusScope::parse`] reads
    /// back (`in_force` aside, which is the default of a search).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StatusScope::InForce => f.write_str("in_force"),
            StatusScope::Any => f.write_str("any"),
            StatusScope::Only(list) => {
                let tokens: Vec<&str> = list.iter().map(|s| s.token()).collect();
                f.write_str(&tokens.join(","))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_parses_from_token_and_label() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.token()).expect("token"), s);
            assert_eq!(Status::parse(s.label()).expect("label"), s);
        }
    }

    #[test]
    fn synonyms_parse() {
        assert_eq!(Status::parse("现行有效").expect("ok"), Status::Valid);
        assert_eq!(Status::parse("继续有效").expect("ok"), Status::Valid);
        assert_eq!(Status::parse("已废止").expect("ok"), Status::Repealed);
        assert_eq!(Status::parse("失效").expect("ok"), Status::Invalidated);
        assert_eq!(
            Status::parse("拟修改").expect("ok"),
            Status::PendingRevision
        );
    }

    #[test]
    fn superseded_is_not_a_work_status() {
        let err = Status::parse("已修改").expect_err("refused");
        assert!(err.to_string().contains("superseded version"));
        assert!(Status::parse("有效的").is_err());
    }

    #[test]
    fn outcomes_parse_and_map_to_statuses() {
        for o in Outcome::ALL {
            assert_eq!(Outcome::parse(o.label()).expect("label"), o);
            assert_eq!(Outcome::parse(o.token()).expect("token"), o);
        }
        assert_eq!(Outcome::Repealed.status(), Status::Repealed);
        assert!(Outcome::parse("有效期届满").is_err());
        assert!(Outcome::parse("继续").is_err());
    }
}
