//! Reads: resolving references, works and versions, status as of a date, records, history.

use rusqlite::{OptionalExtension, Row, params};
use serde::Serialize;
use time::Date;

use super::Registry;
use super::corrections::standing;
use super::snapshot::{VersionFacts, WorkFacts};
use crate::date::parse_date;
use crate::error::{Error, Result};
use crate::model::RecordKind;
use crate::model::timeline::{self, ChangeSource, StatusChange, sort_changes};
use crate::model::{
    AuditEntry, Campaign, Decision, DocNumber, Filing, FilingOutcome, HistoryEvent, Meta, Outcome,
    Relation, RelationKind, RelationSource, RelationTarget, Review, ReviewKind, Status,
    StatusScope, Version, Work, WorkId,
};
use crate::text::normalize::fold_width;

/// A work in a list: its newest version's description and its status on the date asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkSummary {
    /// The registry's id of the work.
    pub id: WorkId,
    /// The interchange `work` key grouping its versions.
    pub work: String,
    /// The external key of the version shown, if it has one.
    pub key: Option<String>,
    /// The version's title.
    pub title: String,
    /// 效力级别 / 文件类型: 地方性法规, 行政规范性文件, ….
    pub kind: String,
    /// The issuing body or bodies.
    pub issuer: String,
    /// The version's 文号 in canonical form, if it has one.
    pub doc_number: Option<String>,
    /// 公布 / 印发 date.
    #[serde(with = "crate::model::serde_date::option")]
    pub issued: Option<Date>,
    /// 施行 date.
    #[serde(with = "crate::model::serde_date::option")]
    pub effective: Option<Date>,
    /// 有效期至: the last day of validity, if the version has a 有效期.
    #[serde(with = "crate::model::serde_date::option")]
    pub expires: Option<Date>,
    /// The work's status (有效, 废止, …) on the date asked about.
    pub status: Status,
    /// How many versions the registry holds of the work.
    pub versions: u32,
}

/// The works a filter lets through, as `guifan list` reports them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentList {
    /// The date statuses are reckoned on.
    #[serde(with = "crate::model::serde_date")]
    pub as_of: Date,
    /// How many works.
    pub total: usize,
    /// The works, in id order.
    pub documents: Vec<WorkSummary>,
}

/// Which works to list.
#[derive(Debug, Clone)]
pub struct ListFilter {
    /// Which statuses on `as_of` (every status by default).
    pub status: StatusScope,
    /// Only this kind (效力级别 / 文件类型), exactly.
    pub kind: Option<String>,
    /// Only works whose issuer contains this text.
    pub issuer: Option<String>,
    /// Only works first issued in this year.
    pub year: Option<i32>,
    /// The date statuses are reckoned on; today when `None`.
    pub as_of: Option<Date>,
}

impl Default for ListFilter {
    fn default() -> Self {
        ListFilter {
            status: StatusScope::Any,
            kind: None,
            issuer: None,
            year: None,
            as_of: None,
        }
    }
}

/// A relation seen from one work: what it cites and what cites it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RelationView {
    /// The relation's row id in the store.
    pub id: i64,
    /// How the citing work relates to the cited one: 依据, 修改, 废止, ….
    pub kind: RelationKind,
    /// `outgoing` (this work relates to the other) or `incoming`.
    pub direction: &'static str,
    /// The work at the other end, when the registry holds it.
    pub other: Option<WorkId>,
    /// The title of the work at the other end, when the registry holds it.
    pub other_title: Option<String>,
    /// The citation as written (《title》 or 文号).
    pub cited_as: Option<String>,
    /// Whether the relation was recorded by hand or found in the text.
    pub source: RelationSource,
    /// For a relation found in text: the version of the citing document whose text holds it.
    pub version: Option<u32>,
    /// For a relation found in text: the article holding the citation (`第五条`).
    pub article: Option<String>,
}

const VERSION_COLUMNS: &str = "seq, key, title, kind, issuer, doc_number_raw, registration_no,
    index_no, signed, issued, effective, expires, label, content_hash, chars, history, amended_by,
    note, superseded";

fn date_col(row: &Row<'_>, idx: usize, field: &str) -> rusqlite::Result<Option<Date>> {
    let s: Option<String> = row.get(idx)?;
    s.map(|s| parse_date(field, &s)).transpose().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn version_from_row(row: &Row<'_>) -> rusqlite::Result<Version> {
    let raw_number: Option<String> = row.get(5)?;
    let doc_number = raw_number
        .map(|n| DocNumber::parse(&n))
        .transpose()
        .map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(5, rusqlite::types::Type::Text, Box::new(e))
        })?;
    let history: String = row.get(15)?;
    let history = parse_history(&history).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(15, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(Version {
        seq: row.get(0)?,
        key: row.get(1)?,
        meta: Meta {
            title: row.get(2)?,
            kind: row.get(3)?,
            issuer: row.get(4)?,
            doc_number,
            registration_no: row.get(6)?,
            index_no: row.get(7)?,
            signed: date_col(row, 8, "signed")?,
            issued: date_col(row, 9, "issued")?,
            effective: date_col(row, 10, "effective")?,
            expires: date_col(row, 11, "expires")?,
        },
        label: row.get(12)?,
        content_hash: row.get(13)?,
        chars: row.get::<_, i64>(14)? as u64,
        history,
        amended_by: row.get(16)?,
        note: row.get(17)?,
        superseded: row.get(18)?,
    })
}

/// Reads the stored history JSON (`[{"date":"…","event":"…"}]`).
pub(crate) fn parse_history(json: &str) -> Result<Vec<HistoryEvent>> {
    #[derive(serde::Deserialize)]
    struct Raw {
        date: Option<String>,
        event: String,
    }
    let raw: Vec<Raw> =
        serde_json::from_str(json).map_err(|e| Error::invalid("history", json, e.to_string()))?;
    raw.into_iter()
        .map(|r| {
            Ok(HistoryEvent {
                date: crate::date::parse_opt_date("history.date", r.date.as_deref())?,
                event: r.event,
            })
        })
        .collect()
}

/// Normalises a title for lookup: width folded, 《》 and spaces dropped.
pub(crate) fn title_lookup_key(title: &str) -> String {
    fold_width(title)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '《' | '》'))
        .collect()
}

impl Registry {
    /// A work as messages name it: `《title》（文号）`, from its newest version.
    pub fn name_of(&self, id: WorkId) -> Result<String> {
        let row: Option<(String, Option<String>)> = self
            .conn()
            .prepare_cached(
                "SELECT title, doc_number_raw FROM versions WHERE work_id = ?1
                 ORDER BY seq DESC LIMIT 1",
            )?
            .query_row([id.0], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some((title, number)) = row else {
            return Err(Error::not_found("work", id.to_string()));
        };
        let number = number
            .and_then(|n| DocNumber::parse(&n).ok())
            .map(|n| format!("（{}）", n.canonical()))
            .unwrap_or_default();
        Ok(format!("《{title}》{number}"))
    }

    /// The target of a relation named by `reference`: the work it names, or, when it names
    /// none, the reference kept as written. A reference that names several works is an error.
    pub fn relation_target(&self, reference: &str) -> Result<RelationTarget> {
        match self.resolve(reference) {
            Ok(id) => Ok(RelationTarget::Work(id)),
            Err(Error::NotFound { .. }) => {
                Ok(RelationTarget::AsWritten(reference.trim().to_owned()))
            }
            Err(e) => Err(e),
        }
    }

    /// Finds the work a reference names: its id (digits), a version key, a work key, a
    /// document number in any spelling, or an exact title.
    pub fn resolve(&self, reference: &str) -> Result<WorkId> {
        // Invisible characters are no part of a reference, as they are of no stored field.
        let visible = crate::limits::visible(reference);
        let r = visible.trim();
        if r.is_empty() {
            return Err(Error::invalid("reference", r, "an empty reference"));
        }
        if let Some(id) = r.strip_prefix('#').unwrap_or(r).parse::<i64>().ok()
            && let Some(w) = self
                .conn()
                .prepare_cached("SELECT id FROM works WHERE id = ?1")?
                .query_row([id], |row| row.get(0).map(WorkId))
                .optional()?
        {
            return Ok(w);
        }
        if let Some(w) = self
            .conn()
            .prepare_cached("SELECT work_id FROM versions WHERE key = ?1")?
            .query_row([r], |row| row.get(0).map(WorkId))
            .optional()?
        {
            return Ok(w);
        }
        if let Some(w) = self.work_by_key(r)? {
            return Ok(w);
        }
        if let Ok(number) = DocNumber::parse(r) {
            let found = self.distinct_works(
                "SELECT DISTINCT work_id FROM versions WHERE doc_number = ?1 ORDER BY work_id",
                number.canonical(),
            )?;
            if let Some(w) = self.one_of(r, found)? {
                return Ok(w);
            }
        }
        let title = title_lookup_key(r);
        let found = self.distinct_works(
            "SELECT DISTINCT work_id FROM versions WHERE title = ?1 ORDER BY work_id",
            &title,
        )?;
        if let Some(w) = self.one_of(r, found)? {
            return Ok(w);
        }
        // The title as citations match it: spaces, brackets and `中华人民共和国` aside.
        let found = self.distinct_works(
            "SELECT DISTINCT work_id FROM versions WHERE title_key = ?1 ORDER BY work_id",
            &crate::text::citations::title_key(r),
        )?;
        if let Some(w) = self.one_of(r, found)? {
            return Ok(w);
        }
        Err(Error::not_found("document", r))
    }

    fn distinct_works(&self, sql: &str, value: &str) -> Result<Vec<WorkId>> {
        Ok(self
            .conn()
            .prepare_cached(sql)?
            .query_map([value], |row| row.get(0).map(WorkId))?
            .collect::<rusqlite::Result<_>>()?)
    }

    fn one_of(&self, reference: &str, found: Vec<WorkId>) -> Result<Option<WorkId>> {
        match found.len() {
            0 => Ok(None),
            1 => Ok(Some(found[0])),
            _ => {
                // What tells them apart: id, title, 文号, issuer, issued date, status today.
                let today = crate::date::today()?;
                let mut candidates = Vec::new();
                for w in found {
                    let work = self.work(w)?;
                    let m = &work.latest().meta;
                    let number = m
                        .doc_number
                        .as_ref()
                        .map(|n| format!("（{}）", n.canonical()))
                        .unwrap_or_default();
                    let mut parts = vec![format!("id {w} 《{}》{number}", m.title)];
                    if !m.issuer.trim().is_empty() {
                        parts.push(m.issuer.clone());
                    }
                    if let Some(d) = m.issued {
                        parts.push(format!("{}公布", crate::date::iso(d)));
                    }
                    let status = timeline::work_status(&work, &self.status_changes(w)?, today);
                    parts.push(status.label().to_owned());
                    candidates.push(parts.join(" "));
                }
                Err(Error::Ambiguous {
                    reference: reference.to_owned(),
                    candidates,
                })
            }
        }
    }

    /// A work with its versions (without their texts).
    pub fn work(&self, id: WorkId) -> Result<Work> {
        let key = self.work_key_of(id)?;
        let versions = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {VERSION_COLUMNS} FROM versions WHERE work_id = ?1 ORDER BY seq"
            ))?
            .query_map([id.0], version_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        if versions.is_empty() {
            return Err(Error::Integrity(format!("work {id} has no version")));
        }
        Ok(Work { id, key, versions })
    }

    /// The text of one version.
    pub fn text(&self, id: WorkId, seq: u32) -> Result<String> {
        self.conn()
            .prepare_cached("SELECT body FROM versions WHERE work_id = ?1 AND seq = ?2")?
            .query_row(params![id.0, seq], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::not_found("version", format!("{id}/{seq}")))
    }

    /// The first `chars` characters of a version's text, and whether that is all of it.
    pub fn text_prefix(&self, id: WorkId, seq: u32, chars: usize) -> Result<(String, bool)> {
        let (text, total): (String, i64) = self
            .conn()
            .prepare_cached(
                "SELECT substr(body, 1, ?3), chars FROM versions WHERE work_id = ?1 AND seq = ?2",
            )?
            .query_row(params![id.0, seq, chars as i64], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?
            .ok_or_else(|| Error::not_found("version", format!("{id}/{seq}")))?;
        Ok((text, total as usize <= chars))
    }

    /// Bytes `start..end` of a version's UTF-8 text (fewer when the text ends before), as they
    /// are: the caller decodes the pieces it needs (an outline's offsets are character
    /// boundaries), so that a snippet from an article deep in a long text does not pay for
    /// counting or checking the text before it. Read through SQLite's incremental I/O: only the
    /// pages of the range, where a `substr` would load the whole text first (27 µs against
    /// 3 µs for a range of the 民法典's 300 KB).
    pub fn text_bytes(&self, id: WorkId, seq: u32, start: usize, end: usize) -> Result<Vec<u8>> {
        let row: i64 = self
            .conn()
            .prepare_cached("SELECT id FROM versions WHERE work_id = ?1 AND seq = ?2")?
            .query_row(params![id.0, seq], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::not_found("version", format!("{id}/{seq}")))?;
        let blob = self
            .conn()
            .blob_open(rusqlite::MAIN_DB, c"versions", c"body", row, true)?;
        let len = blob.len();
        let (start, end) = (start.min(len), end.min(len));
        let mut bytes = vec![0u8; end.saturating_sub(start)];
        blob.read_at_exact(&mut bytes, start)?;
        Ok(bytes)
    }

    /// Every status change of a work, in the order they apply (undated first, then by date,
    /// then as recorded).
    pub fn status_changes(&self, id: WorkId) -> Result<Vec<StatusChange>> {
        let mut changes = self
            .conn()
            .prepare_cached(
                "SELECT s.id, s.date, s.status, s.reason, s.source, s.version_seq, c.key, s.actor
                 FROM status_changes s LEFT JOIN campaigns c ON c.id = s.campaign_id
                 WHERE s.work_id = ?1",
            )?
            .query_map([id.0], |r| {
                let status: String = r.get(2)?;
                let source: String = r.get(4)?;
                let source = match source.as_str() {
                    "record" => ChangeSource::Record { version: r.get(5)? },
                    "campaign" => ChangeSource::Campaign { key: r.get(6)? },
                    _ => ChangeSource::Manual,
                };
                Ok(StatusChange {
                    seq: r.get(0)?,
                    work: id,
                    date: date_col(r, 1, "date")?,
                    status: Status::parse(&status).map_err(|e| {
                        rusqlite::Error::FromSqlConversionFailure(
                            2,
                            rusqlite::types::Type::Text,
                            Box::new(e),
                        )
                    })?,
                    reason: r.get(3)?,
                    source,
                    actor: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        sort_changes(&mut changes);
        Ok(changes)
    }

    /// The status of a work on a date.
    pub fn status_as_of(&self, id: WorkId, as_of: Date) -> Result<Status> {
        let work = self.work(id)?;
        let changes = self.status_changes(id)?;
        Ok(timeline::work_status(&work, &changes, as_of))
    }

    /// The version of a work in force on a date, if any is.
    pub fn version_as_of(&self, id: WorkId, as_of: Date) -> Result<Option<Version>> {
        let work = self.work(id)?;
        Ok(work.version_in_force(as_of).cloned())
    }

    /// The filings of a work.
    pub fn filings(&self, id: WorkId) -> Result<Vec<Filing>> {
        self.filings_as_of(id, None)
    }

    /// The filings of a work as they stood on `as_of` (`None`: now), corrections made.
    pub fn filings_as_of(&self, id: WorkId, as_of: Option<Date>) -> Result<Vec<Filing>> {
        self.query_filings("WHERE f.work_id = ?1", params![id.0], as_of)
    }

    /// One standing filing by id.
    pub(crate) fn query_filing(&self, id: i64) -> Result<Option<Filing>> {
        let found = self.query_filings("WHERE f.id = ?1", params![id], None)?;
        Ok(found.into_iter().next())
    }

    /// Every filing in the registry.
    pub fn all_filings(&self) -> Result<Vec<Filing>> {
        self.all_filings_as_of(None)
    }

    /// Every filing as the registry stood on `as_of` (`None`: now), corrections made.
    pub fn all_filings_as_of(&self, as_of: Option<Date>) -> Result<Vec<Filing>> {
        self.query_filings("WHERE 1", params![], as_of)
    }

    fn query_filings(
        &self,
        filter: &str,
        p: &[&dyn rusqlite::ToSql],
        as_of: Option<Date>,
    ) -> Result<Vec<Filing>> {
        let standing = standing(RecordKind::Filing, "f", as_of);
        // The deadline runs from the issued date of the newest version issued by the time
        // of submission (of the newest version while nothing has been submitted).
        let sql = format!(
            "SELECT f.id, f.work_id, f.filed_with, f.submitted, f.number, f.outcome,
                    f.deadline_days, f.note,
                    coalesce(
                        (SELECT v.issued FROM versions v WHERE v.work_id = f.work_id
                           AND f.submitted IS NOT NULL AND v.issued <= f.submitted
                         ORDER BY v.seq DESC LIMIT 1),
                        (SELECT v.issued FROM versions v WHERE v.work_id = f.work_id
                         ORDER BY v.seq DESC LIMIT 1))
             FROM filings f {filter} AND {standing} ORDER BY f.id"
        );
        let rows = self
            .conn()
            .prepare_cached(&sql)?
            .query_map(p, |r| {
                let outcome: Option<String> = r.get(5)?;
                Ok(Filing {
                    id: r.get(0)?,
                    work: WorkId(r.get(1)?),
                    filed_with: r.get(2)?,
                    submitted: date_col(r, 3, "submitted")?,
                    number: r.get(4)?,
                    outcome: outcome.and_then(|o| FilingOutcome::parse(&o).ok()),
                    deadline_days: r.get(6)?,
                    note: r.get(7)?,
                    issued: date_col(r, 8, "issued")?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The reviews of a work.
    pub fn reviews(&self, id: WorkId) -> Result<Vec<Review>> {
        self.reviews_as_of(id, None)
    }

    /// The reviews of a work as they stood on `as_of` (`None`: now), corrections made.
    pub fn reviews_as_of(&self, id: WorkId, as_of: Option<Date>) -> Result<Vec<Review>> {
        self.query_reviews("WHERE work_id = ?1", params![id.0], as_of)
    }

    /// One standing review by id.
    pub(crate) fn query_review(&self, id: i64) -> Result<Option<Review>> {
        let found = self.query_reviews("WHERE v.id = ?1", params![id], None)?;
        Ok(found.into_iter().next())
    }

    /// Every review in the registry.
    pub fn all_reviews(&self) -> Result<Vec<Review>> {
        self.all_reviews_as_of(None)
    }

    /// Every review as the registry stood on `as_of` (`None`: now), corrections made.
    pub fn all_reviews_as_of(&self, as_of: Option<Date>) -> Result<Vec<Review>> {
        self.query_reviews("WHERE 1", params![], as_of)
    }

    fn query_reviews(
        &self,
        filter: &str,
        p: &[&dyn rusqlite::ToSql],
        as_of: Option<Date>,
    ) -> Result<Vec<Review>> {
        let sql = format!(
            "SELECT id, work_id, kind, reviewer, date, conclusion, opinion FROM reviews v
             {filter} AND {} ORDER BY date, id",
            standing(RecordKind::Review, "v", as_of)
        );
        let rows = self
            .conn()
            .prepare_cached(&sql)?
            .query_map(p, |r| {
                let kind: String = r.get(2)?;
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    kind,
                    r.get::<_, String>(3)?,
                    date_col(r, 4, "date")?,
                    r.get::<_, String>(5)?,
                    r.get::<_, Option<String>>(6)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|(id, work, kind, reviewer, date, conclusion, opinion)| {
                Ok(Review {
                    id,
                    work: WorkId(work),
                    kind: ReviewKind::parse(&kind)?,
                    reviewer,
                    date: date
                        .ok_or_else(|| Error::Integrity(format!("review {id} has no date")))?,
                    conclusion,
                    opinion,
                })
            })
            .collect()
    }

    /// Every relation in the registry, in the order recorded.
    pub fn all_relations(&self) -> Result<Vec<Relation>> {
        self.query_relations("", params![])
    }

    /// One standing relation by id.
    pub(crate) fn query_relation(&self, id: i64) -> Result<Option<Relation>> {
        let found = self.query_relations("AND x.id = ?1", params![id])?;
        Ok(found.into_iter().next())
    }

    fn query_relations(&self, filter: &str, p: &[&dyn rusqlite::ToSql]) -> Result<Vec<Relation>> {
        let rows = self
            .conn()
            .prepare_cached(&format!(
                "SELECT id, from_work, kind, to_work, cited_as, source, note, from_seq
                 FROM relations x WHERE {} {filter} ORDER BY id",
                standing(RecordKind::Relation, "x", None)
            ))?
            .query_map(p, |r| {
                Ok((
                    (
                        r.get::<_, i64>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, Option<i64>>(3)?,
                    ),
                    (
                        r.get::<_, Option<String>>(4)?,
                        r.get::<_, String>(5)?,
                        r.get::<_, Option<String>>(6)?,
                        r.get::<_, Option<u32>>(7)?,
                    ),
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(
                |((id, from, kind, to), (cited_as, source, note, version))| {
                    Ok(Relation {
                        id,
                        from: WorkId(from),
                        kind: RelationKind::parse(&kind)?,
                        to: to.map(WorkId),
                        cited_as,
                        source: RelationSource::parse(&source)?,
                        note,
                        version,
                    })
                },
            )
            .collect()
    }

    /// What a work cites or rests on (outgoing) and what cites or rests on it (incoming).
    pub fn relations(&self, id: WorkId) -> Result<Vec<RelationView>> {
        self.relations_as_of(id, None)
    }

    /// A work's relations as they stood on `as_of` (`None`: now), corrections made.
    pub fn relations_as_of(&self, id: WorkId, as_of: Option<Date>) -> Result<Vec<RelationView>> {
        let rows = self
            .conn()
            .prepare_cached(&format!(
                "SELECT r.id, r.kind, r.from_work, r.to_work, r.cited_as, r.source,
                    (SELECT title FROM versions v WHERE v.work_id =
                        CASE WHEN r.from_work = ?1 THEN r.to_work ELSE r.from_work END
                     ORDER BY seq DESC LIMIT 1),
                    r.from_seq, a.number, a.suffix, a.eid
                 FROM relations r
                 LEFT JOIN articles a ON a.work_id = r.from_work AND a.seq = r.from_seq
                    AND a.eid = r.eid
                 WHERE (r.from_work = ?1 OR r.to_work = ?1) AND {} ORDER BY r.id",
                standing(RecordKind::Relation, "r", as_of)
            ))?
            .query_map([id.0], |r| {
                Ok((
                    (
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, i64>(2)?,
                        r.get::<_, Option<i64>>(3)?,
                        r.get::<_, Option<String>>(4)?,
                        r.get::<_, String>(5)?,
                    ),
                    (
                        r.get::<_, Option<String>>(6)?,
                        r.get::<_, Option<u32>>(7)?,
                        r.get::<_, Option<u32>>(8)?,
                        r.get::<_, Option<u32>>(9)?,
                        r.get::<_, Option<String>>(10)?,
                    ),
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(
                |(
                    (rid, kind, from, to, cited_as, source),
                    (title, version, number, suffix, eid),
                )| {
                    let outgoing = from == id.0;
                    Ok(RelationView {
                        id: rid,
                        kind: RelationKind::parse(&kind)?,
                        direction: if outgoing { "outgoing" } else { "incoming" },
                        other: if outgoing {
                            to.map(WorkId)
                        } else {
                            Some(WorkId(from))
                        },
                        other_title: title,
                        cited_as,
                        source: RelationSource::parse(&source)?,
                        version,
                        article: number.map(|n| {
                            super::articles::unit_label(n, suffix, eid.as_deref().unwrap_or(""))
                        }),
                    })
                },
            )
            .collect()
    }

    /// A campaign by key.
    pub fn campaign(&self, key: &str) -> Result<Campaign> {
        self.query_campaigns("WHERE key = ?1", params![key])?
            .pop()
            .ok_or_else(|| Error::not_found("campaign", key))
    }

    /// Every campaign, in the order opened.
    pub fn campaigns(&self) -> Result<Vec<Campaign>> {
        self.query_campaigns("", params![])
    }

    fn query_campaigns(&self, filter: &str, p: &[&dyn rusqlite::ToSql]) -> Result<Vec<Campaign>> {
        let sql = format!(
            "SELECT id, key, name, scope, opened, announced FROM campaigns {filter} ORDER BY id"
        );
        Ok(self
            .conn()
            .prepare_cached(&sql)?
            .query_map(p, |r| {
                Ok(Campaign {
                    id: r.get(0)?,
                    key: r.get(1)?,
                    name: r.get(2)?,
                    scope: r.get(3)?,
                    opened: date_col(r, 4, "opened")?,
                    announced: date_col(r, 5, "announced")?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The decisions of a campaign, in the order made.
    pub fn decisions(&self, campaign: &str) -> Result<Vec<Decision>> {
        let c = self.campaign(campaign)?;
        self.query_decisions("WHERE d.campaign_id = ?1", params![c.id], None)
    }

    /// The decisions made on a work, in every campaign.
    pub fn decisions_on(&self, id: WorkId) -> Result<Vec<Decision>> {
        self.decisions_on_as_of(id, None)
    }

    /// The decisions made on a work as they stood on `as_of` (`None`: now).
    pub fn decisions_on_as_of(&self, id: WorkId, as_of: Option<Date>) -> Result<Vec<Decision>> {
        self.query_decisions("WHERE d.work_id = ?1", params![id.0], as_of)
    }

    fn query_decisions(
        &self,
        filter: &str,
        p: &[&dyn rusqlite::ToSql],
        as_of: Option<Date>,
    ) -> Result<Vec<Decision>> {
        let sql = format!(
            "SELECT c.key, d.work_id, d.outcome, d.reason, d.id FROM decisions d
             JOIN campaigns c ON c.id = d.campaign_id {filter} AND {} ORDER BY d.id",
            standing(RecordKind::Decision, "d", as_of)
        );
        let rows = self
            .conn()
            .prepare_cached(&sql)?
            .query_map(p, |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, i64>(4)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|(campaign, work, outcome, reason, id)| {
                Ok(Decision {
                    id,
                    campaign,
                    work: WorkId(work),
                    outcome: Outcome::parse(&outcome)?,
                    reason,
                })
            })
            .collect()
    }

    /// The works that pass a filter, with their status on the filter's date.
    pub fn list(&self, filter: &ListFilter) -> Result<Vec<WorkSummary>> {
        let mut out = Vec::new();
        self.visit_list(filter, |facts, v, status| {
            out.push(WorkSummary {
                id: facts.id,
                work: facts.work_key.clone(),
                key: v.key.clone(),
                title: v.title.clone(),
                kind: v.kind.clone(),
                issuer: v.issuer.clone(),
                doc_number: v.doc_number.clone(),
                issued: v.issued,
                effective: v.effective,
                expires: v.expires,
                status,
                versions: facts.versions.len() as u32,
            });
        })?;
        Ok(out)
    }

    /// [`Registry::list`] as a report.
    pub fn document_list(&self, filter: &ListFilter) -> Result<DocumentList> {
        let as_of = crate::date::as_of_or_today(filter.as_of)?;
        let filter = ListFilter {
            as_of: Some(as_of),
            ..filter.clone()
        };
        let documents = self.list(&filter)?;
        Ok(DocumentList {
            as_of,
            total: documents.len(),
            documents,
        })
    }

    /// Calls `f` with each work that passes a filter, in id order: its facts, the version that
    /// describes it on the filter's date, and its status then. Nothing is copied, so callers
    /// that build their own rows (Arrow columns) pay for no intermediate list.
    pub fn visit_list(
        &self,
        filter: &ListFilter,
        mut f: impl FnMut(&WorkFacts, &VersionFacts, Status),
    ) -> Result<()> {
        let as_of = crate::date::as_of_or_today(filter.as_of)?;
        let snapshot = self.snapshot()?;
        snapshot.visit(filter, as_of, |at| f(at.work, at.version(), at.status))
    }

    /// Every audit entry, oldest first.
    pub fn audit_log(&self) -> Result<Vec<AuditEntry>> {
        self.audit_entries(None)
    }

    /// The audit entries about one work.
    pub fn audit_of(&self, id: WorkId) -> Result<Vec<AuditEntry>> {
        self.audit_entries(Some(id))
    }

    fn audit_entries(&self, work: Option<WorkId>) -> Result<Vec<AuditEntry>> {
        let sql = if work.is_some() {
            "SELECT seq, time, actor, action, work_id, reason, detail, prev_hash, hash, state
             FROM audit WHERE work_id = ?1 ORDER BY seq"
        } else {
            "SELECT seq, time, actor, action, work_id, reason, detail, prev_hash, hash, state
             FROM audit WHERE ?1 IS NULL ORDER BY seq"
        };
        Ok(self
            .conn()
            .prepare_cached(sql)?
            .query_map([work.map(|w| w.0)], audit_entry)?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The last entry of the audit log.
    pub(crate) fn audit_head(&self) -> Result<Option<AuditEntry>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT seq, time, actor, action, work_id, reason, detail, prev_hash, hash, state
                 FROM audit ORDER BY seq DESC LIMIT 1",
            )?
            .query_row([], audit_entry)
            .optional()?)
    }

    /// The hash of the audit entry numbered `seq`, when the log has one: what a derived index
    /// records beside the number, to tell this store's history from another's.
    pub fn audit_hash(&self, seq: i64) -> Result<Option<String>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT hash FROM audit WHERE seq = ?1")?
            .query_row([seq], |r| r.get(0))
            .optional()?)
    }

    /// The versions the audit log recorded after a sequence number, in the order recorded:
    /// what a derived index must add to catch up.
    pub fn versions_recorded_after(&self, seq: i64) -> Result<Vec<(WorkId, u32)>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT work_id, json_extract(detail, '$.seq') FROM audit
                 WHERE seq > ?1 AND action = 'add_version' ORDER BY seq",
            )?
            .query_map([seq], |r| Ok((WorkId(r.get(0)?), r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Calls `f` with the title and text of each version named.
    pub fn for_each_text(
        &self,
        versions: &[(WorkId, u32)],
        mut f: impl FnMut(WorkId, u32, &str, &str) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT title, body FROM versions WHERE work_id = ?1 AND seq = ?2")?;
        for &(work, seq) in versions {
            let mut rows = stmt.query(params![work.0, seq])?;
            let Some(row) = rows.next()? else {
                return Err(Error::Integrity(format!(
                    "the audit log records version {seq} of work {work}, which the store lacks"
                )));
            };
            let title = row.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
            let body = row.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
            f(work, seq, title, body)?;
        }
        Ok(())
    }

    /// The first version (by work, then number) whose text has this content hash.
    pub fn version_with_content_hash(&self, hash: &str) -> Result<Option<(WorkId, u32)>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT work_id, seq FROM versions WHERE content_hash = ?1
                 ORDER BY work_id, seq LIMIT 1",
            )?
            .query_row([hash], |r| Ok((WorkId(r.get(0)?), r.get(1)?)))
            .optional()?)
    }

    /// The first version (by work, then number) with this 文号 (canonical form).
    pub fn version_with_doc_number(&self, canonical: &str) -> Result<Option<(WorkId, u32)>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT work_id, seq FROM versions WHERE doc_number = ?1
                 ORDER BY work_id, seq LIMIT 1",
            )?
            .query_row([canonical], |r| Ok((WorkId(r.get(0)?), r.get(1)?)))
            .optional()?)
    }

    /// The number of works.
    pub fn count_works(&self) -> Result<u64> {
        Ok(self
            .conn()
            .query_row("SELECT count(*) FROM works", [], |r| r.get::<_, i64>(0))? as u64)
    }

    /// Every version's work and number.
    pub fn version_ids(&self) -> Result<Vec<(WorkId, u32)>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT work_id, seq FROM versions ORDER BY work_id, seq")?
            .query_map([], |r| Ok((WorkId(r.get(0)?), r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The number of versions.
    pub fn count_versions(&self) -> Result<u64> {
        Ok(self
            .conn()
            .query_row("SELECT count(*) FROM versions", [], |r| r.get::<_, i64>(0))?
            as u64)
    }
}

/// An audit entry from a row of `SELECT seq, time, actor, action, work_id, reason, detail,
/// prev_hash, hash, state`.
fn audit_entry(r: &Row<'_>) -> rusqlite::Result<AuditEntry> {
    Ok(AuditEntry {
        seq: r.get(0)?,
        time: r.get(1)?,
        actor: r.get(2)?,
        action: r.get(3)?,
        work: r.get::<_, Option<i64>>(4)?.map(WorkId),
        reason: r.get(5)?,
        detail: r.get(6)?,
        prev_hash: r.get(7)?,
        hash: r.get(8)?,
        state: r.get(9)?,
    })
}
