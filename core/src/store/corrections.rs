//! Corrections: a filing, review, clearance decision or relation recorded by mistake is
//! withdrawn, or replaced by a corrected record, from a date and for a reason.
//!
//! Nothing is deleted or updated: the mistaken record stays in the store and the audit log,
//! a row of `corrections` says what became of it, and the corrected record is a new row of its
//! own table. Which records stand is one rule, [`standing`]: answers for today (statistics,
//! lists, reports) use the records that stand now; a dossier as of an earlier date shows the
//! records as they stood on that date (a correction dated later had not been made yet).
//!
//! A decision of a campaign already announced has changed the document's status; correcting it
//! records a status change on the correction's date (to the corrected outcome, or, for a
//! withdrawal, back to the status before the announcement), so the status history stays a
//! dated, append-only record of what applied when.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use serde_json::json;
use time::Date;

use super::Registry;
use super::write::Source;
use crate::date::{iso, parse_date};
use crate::error::{Error, Result};
use crate::model::{
    NewFiling, NewRelation, NewReview, Outcome, RecordKind, RelationSource, Status, WorkId,
};

/// The table holding records of a kind.
fn table(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Filing => "filings",
        RecordKind::Review => "reviews",
        RecordKind::Decision => "decisions",
        RecordKind::Relation => "relations",
    }
}

/// The column of a kind's table naming the document.
fn work_column(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Relation => "from_work",
        _ => "work_id",
    }
}

/// A correction: what became of a record recorded by mistake.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Correction {
    /// The correction's id.
    pub id: i64,
    /// The kind of record corrected.
    pub record: RecordKind,
    /// The id of the record corrected (in the table of its kind).
    pub record_id: i64,
    /// The document the record concerns (for a relation: the one it starts from).
    #[serde(rename = "document")]
    pub work: WorkId,
    /// The corrected record that replaces it; `None` when it was withdrawn.
    pub replaced_by: Option<i64>,
    /// From when the correction holds.
    #[serde(with = "crate::model::serde_date")]
    pub date: Date,
    /// Why.
    pub reason: String,
    /// Who recorded it.
    pub actor: String,
}

impl Correction {
    /// 撤回 for a withdrawal, 更正 for a replacement.
    pub fn action_label(&self) -> &'static str {
        if self.replaced_by.is_some() {
            "更正"
        } else {
            "撤回"
        }
    }

    /// The history line: 撤回备案 #3：重复登记 / 更正审核 #5（改为 #9）：日期录错.
    pub fn describe(&self) -> String {
        let replaced = self
            .replaced_by
            .map(|n| format!("（改为 #{n}）"))
            .unwrap_or_default();
        format!(
            "{}{} #{}{replaced}：{}",
            self.action_label(),
            self.record.label(),
            self.record_id,
            self.reason
        )
    }
}

/// The SQL condition under which the record `alias.id` of `kind` stands on `as_of` (`None`:
/// now): it was not withdrawn or replaced by a correction dated on or before `as_of`, and, if it
/// replaces another record, its correction is dated on or before `as_of`. The one rule every
/// query of filings, reviews, decisions and relations applies.
pub(crate) fn standing(kind: RecordKind, alias: &str, as_of: Option<Date>) -> String {
    // Dates are formatted here, never taken from input: safe to inline.
    let on = as_of.map_or_else(|| "9999-12-31".to_owned(), iso);
    let record = kind.token();
    format!(
        "NOT EXISTS (SELECT 1 FROM corrections c WHERE c.record = '{record}'
            AND c.record_id = {alias}.id AND c.date <= '{on}')
         AND NOT EXISTS (SELECT 1 FROM corrections c WHERE c.record = '{record}'
            AND c.replaced_by = {alias}.id AND c.date > '{on}')"
    )
}

/// The corrected record that replaces a mistaken one.
#[derive(Debug, Clone)]
pub enum Replacement {
    /// A corrected filing.
    Filing(NewFiling),
    /// A corrected review.
    Review(NewReview),
    /// A corrected decision: its outcome and reason.
    Decision {
        /// The corrected outcome.
        outcome: Outcome,
        /// The decision's reason (清理意见).
        reason: Option<String>,
    },
    /// A corrected relation.
    Relation(NewRelation),
}

/// The fields [`Replacement::set`] takes, by kind of record.
pub const FIELDS: &[(RecordKind, &[&str])] = &[
    (
        RecordKind::Filing,
        &[
            "filed_with",
            "submitted",
            "number",
            "outcome",
            "deadline_days",
            "note",
        ],
    ),
    (
        RecordKind::Review,
        &["kind", "reviewer", "date", "conclusion", "opinion"],
    ),
    (RecordKind::Decision, &["outcome", "reason"]),
    (RecordKind::Relation, &["kind", "note"]),
];

impl Replacement {
    /// Sets one field, by name, from its text (dates in any form [`parse_date`] reads, labels
    /// or tokens); an empty text clears an optional field. A field the kind of record does not
    /// have is refused, naming those it has. A relation's target is set with
    /// [`Replacement::set_target`], as it needs the registry to resolve.
    pub fn set(&mut self, field: &str, value: &str) -> Result<()> {
        let text = value.trim();
        let opt = || (!text.is_empty()).then(|| text.to_owned());
        let required = || {
            if text.is_empty() {
                Err(Error::invalid(field, value, "不能为空"))
            } else {
                Ok(text.to_owned())
            }
        };
        match (self, field) {
            (Replacement::Filing(f), "filed_with") => f.filed_with = required()?,
            (Replacement::Filing(f), "submitted") => {
                f.submitted = match opt() {
                    Some(d) => Some(parse_date(field, &d)?),
                    None => None,
                }
            }
            (Replacement::Filing(f), "number") => f.number = opt(),
            (Replacement::Filing(f), "outcome") => {
                f.outcome = match opt() {
                    Some(o) => Some(crate::model::FilingOutcome::parse(&o)?),
                    None => None,
                }
            }
            (Replacement::Filing(f), "deadline_days") => {
                f.deadline_days = text
                    .parse()
                    .map_err(|_| Error::invalid(field, value, "须为天数（非负整数）"))?
            }
            (Replacement::Filing(f), "note") => f.note = opt(),
            (Replacement::Review(r), "kind") => r.kind = crate::model::ReviewKind::parse(text)?,
            (Replacement::Review(r), "reviewer") => r.reviewer = required()?,
            (Replacement::Review(r), "date") => r.date = parse_date(field, text)?,
            (Replacement::Review(r), "conclusion") => r.conclusion = required()?,
            (Replacement::Review(r), "opinion") => r.opinion = opt(),
            (Replacement::Decision { outcome, .. }, "outcome") => *outcome = Outcome::parse(text)?,
            (Replacement::Decision { reason, .. }, "reason") => *reason = opt(),
            (Replacement::Relation(r), "kind") => r.kind = crate::model::RelationKind::parse(text)?,
            (Replacement::Relation(r), "note") => r.note = opt(),
            (this, _) => {
                let kind = this.kind();
                let known = FIELDS
                    .iter()
                    .find(|(k, _)| *k == kind)
                    .map(|(_, f)| f.join(", "))
                    .unwrap_or_default();
                return Err(Error::invalid(
                    field,
                    value,
                    format!("{}没有这一字段；可更正的字段：{known}", kind.label()),
                ));
            }
        }
        Ok(())
    }

    /// Sets a relation's target; refused for other kinds of record.
    pub fn set_target(&mut self, target: crate::model::RelationTarget) -> Result<()> {
        let Replacement::Relation(r) = self else {
            return Err(Error::invalid(
                "to",
                "",
                format!("{}没有这一字段", self.kind().label()),
            ));
        };
        let manual = NewRelation::manual(r.kind, target, r.note.clone());
        r.target = manual.target;
        r.cited_as = manual.cited_as;
        Ok(())
    }

    /// The kind of record it replaces.
    pub fn kind(&self) -> RecordKind {
        match self {
            Replacement::Filing(_) => RecordKind::Filing,
            Replacement::Review(_) => RecordKind::Review,
            Replacement::Decision { .. } => RecordKind::Decision,
            Replacement::Relation(_) => RecordKind::Relation,
        }
    }
}

impl Registry {
    /// Withdraws a record made by mistake, from `date` (today when `None`), for `reason`.
    pub fn withdraw(
        &mut self,
        kind: RecordKind,
        id: i64,
        reason: &str,
        date: Option<Date>,
    ) -> Result<Correction> {
        self.atomic(|reg| {
            let (work, date) = reg.correctable(kind, id, reason, date)?;
            if kind == RecordKind::Decision {
                reg.restate_decision(id, None, date, reason)?;
            }
            reg.insert_correction(kind, id, work, None, date, reason)
        })
    }

    /// Replaces a record made by mistake by a corrected one, from `date` (today when `None`),
    /// for `reason`. The corrected record keeps the document (and, for a decision, the
    /// campaign) of the one it replaces.
    pub fn amend(
        &mut self,
        kind: RecordKind,
        id: i64,
        replacement: &Replacement,
        reason: &str,
        date: Option<Date>,
    ) -> Result<Correction> {
        if replacement.kind() != kind {
            return Err(Error::invalid(
                "record",
                kind.label(),
                format!("更正{}须给出新的{}", kind.label(), kind.label()),
            ));
        }
        self.atomic(|reg| {
            let (work, date) = reg.correctable(kind, id, reason, date)?;
            let new_id = match replacement {
                Replacement::Filing(f) => {
                    reg.refuse_same(kind, id, reg.filing_like(work, f, Some(id))?.map(|m| m.0))?;
                    reg.insert_filing(work, f)?
                }
                Replacement::Review(r) => {
                    reg.refuse_same(kind, id, reg.review_like(work, r, Some(id))?.map(|m| m.0))?;
                    reg.insert_review(work, r)?
                }
                Replacement::Decision {
                    outcome,
                    reason: why,
                } => {
                    reg.restate_decision(id, Some(*outcome), date, reason)?;
                    reg.insert_decision_like(id, *outcome, why.as_deref())?
                }
                Replacement::Relation(r) => reg.insert_relation_checked(work, r)?,
            };
            reg.insert_correction(kind, id, work, Some(new_id), date, reason)
        })
    }

    /// A record that can be corrected, as the replacement that would leave it unchanged: the
    /// front ends change the fields the user gives and pass it to [`Registry::amend`].
    pub fn replacement_of(&self, kind: RecordKind, id: i64) -> Result<Replacement> {
        self.correctable_record(kind, id)?;
        let not_found = || Error::not_found(kind.label(), format!("#{id}"));
        Ok(match kind {
            RecordKind::Filing => {
                let f = self.query_filing(id)?.ok_or_else(not_found)?;
                Replacement::Filing(NewFiling {
                    filed_with: f.filed_with,
                    submitted: f.submitted,
                    number: f.number,
                    outcome: f.outcome,
                    deadline_days: f.deadline_days,
                    note: f.note,
                })
            }
            RecordKind::Review => {
                let r = self.query_review(id)?.ok_or_else(not_found)?;
                Replacement::Review(NewReview {
                    kind: r.kind,
                    reviewer: r.reviewer,
                    date: r.date,
                    conclusion: r.conclusion,
                    opinion: r.opinion,
                })
            }
            RecordKind::Decision => {
                let (outcome, reason): (String, Option<String>) = self.conn().query_row(
                    "SELECT outcome, reason FROM decisions WHERE id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )?;
                Replacement::Decision {
                    outcome: Outcome::parse(&outcome)?,
                    reason,
                }
            }
            RecordKind::Relation => {
                let r = self.query_relation(id)?.ok_or_else(not_found)?;
                Replacement::Relation(NewRelation {
                    kind: r.kind,
                    target: r.to,
                    cited_as: r.cited_as,
                    source: r.source,
                    note: r.note,
                })
            }
        })
    }

    /// The corrections of records of a work, in the order made.
    pub fn corrections(&self, work: WorkId) -> Result<Vec<Correction>> {
        self.query_corrections("WHERE work_id = ?1", params![work.0])
    }

    /// Every correction in the registry, in the order made.
    pub fn all_corrections(&self) -> Result<Vec<Correction>> {
        self.query_corrections("", params![])
    }

    fn query_corrections(
        &self,
        filter: &str,
        p: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<Correction>> {
        let sql = format!(
            "SELECT id, record, record_id, work_id, replaced_by, date, reason, actor
             FROM corrections {filter} ORDER BY id"
        );
        let rows = self
            .conn()
            .prepare_cached(&sql)?
            .query_map(p, |r| {
                Ok((
                    (r.get::<_, i64>(0)?, r.get::<_, String>(1)?),
                    (r.get::<_, i64>(2)?, r.get::<_, i64>(3)?),
                    (r.get::<_, Option<i64>>(4)?, r.get::<_, String>(5)?),
                    (r.get::<_, String>(6)?, r.get::<_, String>(7)?),
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(
                |((id, record), (record_id, work), (replaced_by, date), (reason, actor))| {
                    Ok(Correction {
                        id,
                        record: RecordKind::parse(&record)?,
                        record_id,
                        work: WorkId(work),
                        replaced_by,
                        date: parse_date("date", &date)?,
                        reason,
                        actor,
                    })
                },
            )
            .collect()
    }

    /// The work of a record that can be corrected now, and the correction's date; refuses a
    /// record that does not exist, one corrected already, an empty reason, a future date.
    fn correctable(
        &self,
        kind: RecordKind,
        id: i64,
        reason: &str,
        date: Option<Date>,
    ) -> Result<(WorkId, Date)> {
        if reason.trim().is_empty() {
            return Err(Error::invalid("reason", "", "更正或撤回须说明原因"));
        }
        let today = crate::date::today()?;
        let date = date.unwrap_or(today);
        if date > today {
            return Err(Error::invalid(
                "date",
                iso(date),
                format!("更正日期不能晚于今天（{}）", iso(today)),
            ));
        }
        let work = self.correctable_record(kind, id)?;
        // A corrected record stands from its correction's date: it cannot be corrected before.
        let stands_from: Option<String> = self
            .conn()
            .prepare_cached("SELECT date FROM corrections WHERE record = ?1 AND replaced_by = ?2")?
            .query_row(params![kind.token(), id], |r| r.get(0))
            .optional()?;
        if let Some(from) = stands_from
            && iso(date) < from
        {
            return Err(Error::invalid(
                "date",
                iso(date),
                format!(
                    "{} #{id} 自 {from} 起才生效，更正日期不能早于此日",
                    kind.label()
                ),
            ));
        }
        Ok((work, date))
    }

    /// The work of a record that exists and has not been corrected yet (and, for a relation,
    /// was recorded by hand).
    fn correctable_record(&self, kind: RecordKind, id: i64) -> Result<WorkId> {
        let sql = format!(
            "SELECT {} FROM {} WHERE id = ?1",
            work_column(kind),
            table(kind)
        );
        let work: i64 = self
            .conn()
            .query_row(&sql, [id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::not_found(kind.label(), format!("#{id}")))?;
        let earlier: Option<(Option<i64>, String)> = self
            .conn()
            .prepare_cached(
                "SELECT replaced_by, date FROM corrections WHERE record = ?1 AND record_id = ?2",
            )?
            .query_row(params![kind.token(), id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if let Some((replaced_by, on)) = earlier {
            let what = match replaced_by {
                Some(n) => format!("已于 {on} 更正为 #{n}：要再更正，请更正 #{n}"),
                None => format!("已于 {on} 撤回"),
            };
            return Err(Error::Conflict(format!("{} #{id} {what}", kind.label())));
        }
        if kind == RecordKind::Relation {
            let source: String =
                self.conn()
                    .query_row("SELECT source FROM relations WHERE id = ?1", [id], |r| {
                        r.get(0)
                    })?;
            if RelationSource::parse(&source)? == RelationSource::Text {
                return Err(Error::Conflict(format!(
                    "关系 #{id} 是从正文中识别的，随正文更新：它不能撤回或更正；\
                     如识别有误，请人工登记正确的关系并报告这一识别错误"
                )));
            }
        }
        Ok(WorkId(work))
    }

    fn refuse_same(&self, kind: RecordKind, id: i64, same: Option<i64>) -> Result<()> {
        match same {
            Some(other) => Err(Error::Conflict(format!(
                "更正后的{} 与 #{other} 相同：请撤回 #{id}",
                kind.label()
            ))),
            None => Ok(()),
        }
    }

    fn insert_correction(
        &self,
        kind: RecordKind,
        id: i64,
        work: WorkId,
        replaced_by: Option<i64>,
        date: Date,
        reason: &str,
    ) -> Result<Correction> {
        let action = if replaced_by.is_some() {
            "amend"
        } else {
            "withdraw"
        };
        let seq = self.audit(
            action,
            Some(work),
            Some(reason.trim()),
            &json!({
                "record": kind.token(),
                "id": id,
                "replaced_by": replaced_by,
                "date": iso(date),
            }),
        )?;
        self.conn()
            .prepare_cached(
                "INSERT INTO corrections (record, record_id, work_id, replaced_by, date, reason,
                    actor, audit_seq)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                kind.token(),
                id,
                work.0,
                replaced_by,
                iso(date),
                reason.trim(),
                self.actor(),
                seq
            ])?;
        Ok(Correction {
            id: self.conn().last_insert_rowid(),
            record: kind,
            record_id: id,
            work,
            replaced_by,
            date,
            reason: reason.trim().to_owned(),
            actor: self.actor().to_owned(),
        })
    }

    /// A corrected decision: a new row for the same campaign and work.
    fn insert_decision_like(&self, id: i64, outcome: Outcome, reason: Option<&str>) -> Result<i64> {
        self.conn()
            .prepare_cached(
                "INSERT INTO decisions (campaign_id, work_id, outcome, reason, suggestion_id)
                 SELECT campaign_id, work_id, ?2, ?3, suggestion_id FROM decisions WHERE id = ?1",
            )?
            .execute(params![id, outcome.token(), reason])?;
        Ok(self.conn().last_insert_rowid())
    }

    /// When the decision's campaign has been announced, the status change the correction
    /// makes on `date`: to the corrected outcome, or, when withdrawn (`outcome` `None`), back
    /// to the status the document had the day before the announcement. Nothing when the
    /// status already is that on the date.
    fn restate_decision(
        &self,
        id: i64,
        outcome: Option<Outcome>,
        date: Date,
        reason: &str,
    ) -> Result<()> {
        let (campaign, work, announced): (i64, i64, Option<String>) = self.conn().query_row(
            "SELECT d.campaign_id, d.work_id, c.announced FROM decisions d
             JOIN campaigns c ON c.id = d.campaign_id WHERE d.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let Some(announced) = announced else {
            return Ok(());
        };
        let announced = parse_date("announced", &announced)?;
        if date < announced {
            return Err(Error::invalid(
                "date",
                iso(date),
                format!("该清理于 {} 公布，更正日期不能早于公布日期", iso(announced)),
            ));
        }
        let work = WorkId(work);
        let status = match outcome {
            Some(o) => o.status(),
            None => match announced.previous_day() {
                Some(before) => self.status_as_of(work, before)?,
                None => Status::Unknown,
            },
        };
        if self.status_as_of(work, date)? == status {
            return Ok(());
        }
        let what = if outcome.is_some() {
            "更正清理决定"
        } else {
            "撤回清理决定"
        };
        self.insert_status_change(
            work,
            status,
            Some(date),
            Some(&format!("{what}：{}", reason.trim())),
            Source::Campaign(campaign),
        )
    }
}
