//! A document's dossier: everything the registry knows of one work, as of a date. It is what
//! `guifan show` prints, `Registry.get` returns to Python and the web application's document
//! page shows; all of them take this one value.

use serde::Serialize;
use time::Date;

use super::Registry;
use super::corrections::Correction;
use super::read::RelationView;
use crate::error::Result;
use crate::model::timeline::{self, ChangeSource, StatusChange};
use crate::model::{Campaign, Decision, Filing, Review, Status, Timeliness, Version, Work, WorkId};

/// Where a version stands on the date asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VersionState {
    /// The version in force on the date.
    InForce,
    /// An earlier version, replaced by the one in force (or marked 已修改 by its source).
    Superseded,
    /// Not in force yet on the date.
    NotYetEffective,
    /// The version that was the last in force, of a document no longer in force on the date
    /// (废止, 宣布失效 or 有效期届满): labelled with what ended it.
    Ended(Status),
}

impl VersionState {
    /// The Chinese label: 现行, 已修改, 尚未生效, 已废止, 已宣布失效, 已失效.
    pub fn label(self) -> &'static str {
        match self {
            VersionState::InForce => "现行",
            VersionState::Superseded => "已修改",
            VersionState::NotYetEffective => "尚未生效",
            VersionState::Ended(Status::Repealed) => "已废止",
            VersionState::Ended(Status::Invalidated) => "已宣布失效",
            VersionState::Ended(_) => "已失效",
        }
    }
}

impl VersionState {
    /// Every state a version can be in, in display order.
    pub const ALL: [VersionState; 6] = [
        VersionState::InForce,
        VersionState::Superseded,
        VersionState::NotYetEffective,
        VersionState::Ended(Status::Repealed),
        VersionState::Ended(Status::Invalidated),
        VersionState::Ended(Status::Expired),
    ];

    /// The token JSON carries: `in_force`, `superseded`, `not_yet_effective`, or the status
    /// that ended the document (`repealed`, `invalidated`, `expired`).
    pub fn token(self) -> &'static str {
        match self {
            VersionState::InForce => "in_force",
            VersionState::Superseded => "superseded",
            VersionState::NotYetEffective => "not_yet_effective",
            VersionState::Ended(status) => status.token(),
        }
    }
}

impl Serialize for VersionState {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.token())
    }
}

/// A version and where it stands on the date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VersionEntry {
    /// The version.
    #[serde(flatten)]
    pub version: Version,
    /// Where it stands on the date.
    pub state: VersionState,
}

/// A filing and its timeliness on the date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FilingEntry {
    /// The filing.
    #[serde(flatten)]
    pub filing: Filing,
    /// Whether it was (or still can be) made in time, as of the date.
    pub timeliness: Timeliness,
    /// The last day on which filing was on time, when the document has an issued date.
    #[serde(with = "crate::model::serde_date::option")]
    pub deadline: Option<Date>,
}

/// One item of a work's history, in date order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HistoryItem {
    /// When it happened, when known.
    #[serde(with = "crate::model::serde_date::option")]
    pub date: Option<Date>,
    /// `source` (the document's own history), `version`, `status`, `decision`, `filing`,
    /// `review`, `correction`.
    pub kind: &'static str,
    /// What happened, in Chinese.
    pub event: String,
}

/// Everything the registry knows of one work, as of a date.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dossier {
    /// The registry id.
    pub id: WorkId,
    /// The work key grouping the versions.
    pub work: String,
    /// The newest version's key.
    pub key: Option<String>,
    /// The newest version's title.
    pub title: String,
    /// 效力级别 / 文件类型.
    pub kind: String,
    /// The issuing body or bodies.
    pub issuer: String,
    /// The canonical 文号.
    pub doc_number: Option<String>,
    /// 成文日期 of the newest version.
    #[serde(with = "crate::model::serde_date::option")]
    pub signed: Option<Date>,
    /// 公布日期 of the newest version.
    #[serde(with = "crate::model::serde_date::option")]
    pub issued: Option<Date>,
    /// 施行日期 of the newest version.
    #[serde(with = "crate::model::serde_date::option")]
    pub effective: Option<Date>,
    /// 有效期至 of the newest version.
    #[serde(with = "crate::model::serde_date::option")]
    pub expires: Option<Date>,
    /// The status on `as_of`.
    pub status: Status,
    /// The date the dossier answers for.
    #[serde(with = "crate::model::serde_date")]
    pub as_of: Date,
    /// The number of the version in force on `as_of`.
    pub version_in_force: Option<u32>,
    /// Every version, oldest first, with where it stands.
    pub versions: Vec<VersionEntry>,
    /// The dated status changes, in the order they apply.
    pub status_changes: Vec<StatusChange>,
    /// The whole history, in date order.
    pub history: Vec<HistoryItem>,
    /// Filings (备案), with timeliness on `as_of`.
    pub filings: Vec<FilingEntry>,
    /// Reviews (审核, 审查, 评估).
    pub reviews: Vec<Review>,
    /// Clearance campaigns' decisions on the work.
    pub decisions: Vec<Decision>,
    /// What it cites or rests on, and what cites or rests on it.
    pub relations: Vec<RelationView>,
    /// The corrections made by `as_of` to its filings, reviews, decisions and relations
    /// (withdrawn or replaced records no longer appear above).
    pub corrections: Vec<Correction>,
}

impl Dossier {
    /// The newest version.
    pub fn latest(&self) -> Option<&Version> {
        self.versions.last().map(|v| &v.version)
    }
}

impl Registry {
    /// Everything the registry knows of a work, as of a date.
    pub fn dossier(&self, id: WorkId, as_of: Date) -> Result<Dossier> {
        let work = self.work(id)?;
        let changes = self.status_changes(id)?;
        let filings = self.filings_as_of(id, Some(as_of))?;
        let reviews = self.reviews_as_of(id, Some(as_of))?;
        let decisions = self.decisions_on_as_of(id, Some(as_of))?;
        let campaigns = self.campaigns()?;
        let relations = self.relations_as_of(id, Some(as_of))?;
        let corrections: Vec<Correction> = self
            .corrections(id)?
            .into_iter()
            .filter(|c| c.date <= as_of)
            .collect();
        let records = Records {
            changes: &changes,
            decisions: &decisions,
            campaigns: &campaigns,
            filings: &filings,
            reviews: &reviews,
            corrections: &corrections,
        };
        let history = history(&work, &records);
        let status = timeline::work_status(&work, &changes, as_of);
        let in_force = work.version_in_force(as_of).map(|v| v.seq);
        let ended = matches!(
            status,
            Status::Repealed | Status::Invalidated | Status::Expired
        );
        let state = |v: &Version| match in_force {
            Some(s) if s == v.seq && ended => VersionState::Ended(status),
            Some(s) if s == v.seq => VersionState::InForce,
            Some(s) if v.seq < s => VersionState::Superseded,
            _ if v.superseded => VersionState::Superseded,
            _ => VersionState::NotYetEffective,
        };
        let latest = work.latest();
        let m = &latest.meta;
        Ok(Dossier {
            id,
            work: work.key.clone(),
            key: latest.key.clone(),
            title: m.title.clone(),
            kind: m.kind.clone(),
            issuer: m.issuer.clone(),
            doc_number: m.doc_number.as_ref().map(|n| n.canonical().to_owned()),
            signed: m.signed,
            issued: m.issued,
            effective: m.effective,
            expires: m.expires,
            status,
            as_of,
            version_in_force: in_force,
            versions: work
                .versions
                .iter()
                .map(|v| VersionEntry {
                    state: state(v),
                    version: v.clone(),
                })
                .collect(),
            status_changes: changes,
            history,
            filings: filings
                .into_iter()
                .map(|f| FilingEntry {
                    timeliness: f.timeliness(as_of),
                    deadline: f.deadline(),
                    filing: f,
                })
                .collect(),
            reviews,
            decisions,
            relations,
            corrections,
        })
    }

    /// A work's whole history in date order: its source's own events, its versions, status
    /// changes, campaign decisions, filings and reviews.
    pub fn history(&self, id: WorkId) -> Result<Vec<HistoryItem>> {
        let records = Records {
            changes: &self.status_changes(id)?,
            decisions: &self.decisions_on(id)?,
            campaigns: &self.campaigns()?,
            filings: &self.filings(id)?,
            reviews: &self.reviews(id)?,
            corrections: &self.corrections(id)?,
        };
        Ok(history(&self.work(id)?, &records))
    }
}

/// The records of a work a history is told from.
struct Records<'a> {
    changes: &'a [StatusChange],
    decisions: &'a [Decision],
    campaigns: &'a [Campaign],
    filings: &'a [Filing],
    reviews: &'a [Review],
    corrections: &'a [Correction],
}

/// The history a work's versions tell: their sources' own events (once each) and each
/// version's coming into force.
fn version_items(work: &Work) -> Vec<HistoryItem> {
    let mut items = Vec::new();
    let mut seen_source = std::collections::HashSet::new();
    for v in &work.versions {
        for e in &v.history {
            if seen_source.insert((e.date, e.event.clone())) {
                items.push(HistoryItem {
                    date: e.date,
                    kind: "source",
                    event: e.event.clone(),
                });
            }
        }
        items.push(HistoryItem {
            date: v.meta.in_force_from(),
            kind: "version",
            event: format!("第{}版（{}）《{}》", v.seq, v.label, v.meta.title),
        });
    }
    items
}

/// The history of a work from its loaded records.
fn history(work: &Work, records: &Records) -> Vec<HistoryItem> {
    let Records {
        changes,
        decisions,
        campaigns,
        filings,
        reviews,
        corrections,
    } = *records;
    let mut items = version_items(work);
    for c in changes {
        let from = match &c.source {
            ChangeSource::Record { version } => format!("据第{version}版记录"),
            ChangeSource::Manual => "人工变更".to_owned(),
            ChangeSource::Campaign { key } => format!("清理 {key} 公布"),
        };
        let reason = c
            .reason
            .as_ref()
            .map(|r| format!("：{r}"))
            .unwrap_or_default();
        items.push(HistoryItem {
            date: c.date,
            kind: "status",
            event: format!("效力状态：{}（{from}）{reason}", c.status.label()),
        });
    }
    for d in decisions {
        let campaign = campaigns.iter().find(|c| c.key == d.campaign);
        items.push(HistoryItem {
            date: campaign.and_then(|c| c.opened),
            kind: "decision",
            event: format!(
                "{}：{}（决定 #{}）",
                campaign.map_or(d.campaign.as_str(), |c| c.name.as_str()),
                d.outcome.label(),
                d.id
            ),
        });
    }
    for f in filings {
        let outcome = f
            .outcome
            .map(|o| format!("，{}", o.label()))
            .unwrap_or_default();
        items.push(HistoryItem {
            date: f.submitted,
            kind: "filing",
            event: format!("报{}备案{outcome}（备案 #{}）", f.filed_with, f.id),
        });
    }
    for r in reviews {
        items.push(HistoryItem {
            date: Some(r.date),
            kind: "review",
            event: format!(
                "{}（{}）：{}（审核 #{}）",
                r.kind.label(),
                r.reviewer,
                r.conclusion,
                r.id
            ),
        });
    }
    for c in corrections {
        items.push(HistoryItem {
            date: Some(c.date),
            kind: "correction",
            event: c.describe(),
        });
    }
    items.sort_by_key(|i| (i.date.is_some(), i.date));
    items
}
