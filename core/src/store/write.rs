//! Writes: registering works and versions, status changes, filings, reviews, relations,
//! campaigns and decisions. Each is atomic and leaves an audit entry.

use rusqlite::{OptionalExtension, params};
use serde_json::json;
use time::Date;

use super::Registry;
use super::corrections::standing;
use super::files::OriginalFile;
use crate::date::iso;
use crate::error::{Error, Result};
use crate::limits::check_date;
use crate::model::RecordKind;
use crate::model::audit::content_hash;
use crate::model::work::derive_label;
use crate::model::{
    NewCampaign, NewFiling, NewRelation, NewReview, NewVersion, Outcome, Status, WorkId,
};
use crate::text::citations::title_key;

/// The status a version record states for its work, applied when the version is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitialStatus {
    /// The status stated.
    pub status: Status,
    /// From when; `None` when the source gives no date.
    pub date: Option<Date>,
    /// Why, when the source says (`已修改：被后续版本取代`).
    pub reason: Option<String>,
}

/// What recording a filing or review did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Recorded {
    /// The id of the record: the new one, or the one already recorded.
    pub id: i64,
    /// The same record was recorded already: nothing was changed.
    pub repeat: bool,
}

/// What announcing a campaign did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Announced {
    /// The status changes made: one per decision, but for a decision to repeal or invalidate
    /// a document that already was so on the date.
    pub status_changes: usize,
    /// Documents decided to be repealed or invalidated that already were on the date: no change was
    /// made for them.
    pub unchanged: Vec<WorkId>,
}

/// What storing a version did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegisterOutcome {
    /// The work the version was stored under.
    pub work: WorkId,
    /// The version's number in its work.
    pub seq: u32,
    /// Whether the work was new.
    pub created: bool,
}

/// Where [`Registry::store_document`] puts a version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    /// Under a work key, as [`Registry::put_version`] does: added to the work with that key
    /// (else the version's key), or registered as a new work (a key generated when none).
    Key(Option<&'a str>),
    /// A new version of this work.
    Work(WorkId),
}

/// A work key as stored and looked up: a one-line field (see [`crate::limits::one_line`]).
fn work_key_of(key: Option<&str>) -> Result<Option<String>> {
    key.map(|k| {
        crate::limits::one_line(
            "work",
            k,
            crate::limits::MAX_FIELD_CHARS,
            crate::limits::FIELD_TOO_LONG,
        )
    })
    .transpose()
}

fn opt_iso(d: Option<Date>) -> Option<String> {
    d.map(iso)
}

impl Registry {
    /// Registers a new work with its first version. `work_key` groups later versions; it
    /// defaults to the version's key, or to a generated `guifan:work:N`.
    pub fn register(
        &mut self,
        work_key: Option<&str>,
        version: NewVersion,
        status: Option<InitialStatus>,
    ) -> Result<WorkId> {
        self.atomic(|reg| {
            let work = reg.insert_work(work_key, version.key.as_deref())?;
            reg.insert_version(work, None, version, status, None)?;
            Ok(work)
        })
    }

    /// Adds a version to a work. `seq` defaults to one past the newest version.
    pub fn add_version(
        &mut self,
        work: WorkId,
        seq: Option<u32>,
        version: NewVersion,
        status: Option<InitialStatus>,
    ) -> Result<u32> {
        self.atomic(|reg| {
            reg.work_key_of(work)?;
            reg.insert_version(work, seq, version, status, None)
        })
    }

    /// Stores a version under a work key: adds it to the work with that key, or registers a
    /// new work. This is what importing a document record does.
    pub fn put_version(
        &mut self,
        work_key: Option<&str>,
        seq: Option<u32>,
        version: NewVersion,
        status: Option<InitialStatus>,
    ) -> Result<RegisterOutcome> {
        self.atomic(|reg| {
            let key = work_key_of(work_key.or(version.key.as_deref()))?;
            let existing = match &key {
                Some(k) => reg.work_by_key(k)?,
                None => None,
            };
            let (work, created) = match existing {
                Some(w) => (w, false),
                None => (reg.insert_work(key.as_deref(), None)?, true),
            };
            let seq = reg.insert_version(work, seq, version, status, None)?;
            Ok(RegisterOutcome { work, seq, created })
        })
    }

    /// Stores a version read from an original file, and keeps the file (see `store::files`):
    /// the version's audit entry records the file's hash, name, format and size. Atomic: when
    /// the version is refused, the file written for it is removed again.
    pub fn store_document(
        &mut self,
        target: Target<'_>,
        version: NewVersion,
        status: Option<InitialStatus>,
        origin: &OriginalFile,
        bytes: &[u8],
    ) -> Result<RegisterOutcome> {
        let mut written = false;
        let done = self.atomic(|reg| {
            reg.store_document_in(target, version, status, origin, bytes, &mut written)
        });
        if done.is_err() && written {
            self.forget_original(&origin.sha256);
        }
        done
    }

    /// [`Registry::store_document`] inside an open transaction or savepoint; `written` is set
    /// when the file was written now, for the caller to remove it if its transaction fails.
    pub(crate) fn store_document_in(
        &mut self,
        target: Target<'_>,
        version: NewVersion,
        status: Option<InitialStatus>,
        origin: &OriginalFile,
        bytes: &[u8],
        written: &mut bool,
    ) -> Result<RegisterOutcome> {
        if origin.bytes != bytes.len() as u64 {
            return Err(Error::invalid(
                "file",
                &origin.name,
                "the size recorded is not the size of the bytes given",
            ));
        }
        let (work, created) = match target {
            Target::Work(work) => {
                self.work_key_of(work)?;
                (work, false)
            }
            Target::Key(key) => {
                let key = work_key_of(key.or(version.key.as_deref()))?;
                match key.as_deref().map(|k| self.work_by_key(k)).transpose()? {
                    Some(Some(w)) => (w, false),
                    _ => (self.insert_work(key.as_deref(), None)?, true),
                }
            }
        };
        *written = self.keep_original(origin, bytes)? || *written;
        let seq = self.insert_version(work, None, version, status, Some(origin))?;
        Ok(RegisterOutcome { work, seq, created })
    }

    fn insert_work(&mut self, work_key: Option<&str>, version_key: Option<&str>) -> Result<WorkId> {
        let key = match work_key.or(version_key) {
            Some(k) => {
                let k = k.trim();
                if k.is_empty() {
                    return Err(Error::invalid("work", k, "an empty work key"));
                }
                if self.work_by_key(k)?.is_some() {
                    return Err(Error::Conflict(format!("work key `{k}` is already taken")));
                }
                k.to_owned()
            }
            None => self.generated_work_key()?,
        };
        let seq = self.change_seq()? + 1;
        self.conn()
            .prepare_cached("INSERT INTO works (work_key, created_seq) VALUES (?1, ?2)")?
            .execute(params![key, seq])?;
        let id = WorkId(self.conn().last_insert_rowid());
        self.audit("register", Some(id), None, &json!({ "work": key }))?;
        Ok(id)
    }

    fn generated_work_key(&self) -> Result<String> {
        let mut n: i64 =
            self.conn()
                .query_row("SELECT coalesce(max(id), 0) + 1 FROM works", [], |r| {
                    r.get(0)
                })?;
        loop {
            let key = format!("guifan:work:{n}");
            if self.work_by_key(&key)?.is_none() {
                return Ok(key);
            }
            n += 1;
        }
    }

    pub(crate) fn work_by_key(&self, key: &str) -> Result<Option<WorkId>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT id FROM works WHERE work_key = ?1")?
            .query_row([key], |r| r.get(0).map(WorkId))
            .optional()?)
    }

    pub(crate) fn work_key_of(&self, work: WorkId) -> Result<String> {
        self.conn()
            .prepare_cached("SELECT work_key FROM works WHERE id = ?1")?
            .query_row([work.0], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::not_found("work", work.to_string()))
    }

    fn insert_version(
        &mut self,
        work: WorkId,
        seq: Option<u32>,
        mut v: NewVersion,
        status: Option<InitialStatus>,
        origin: Option<&OriginalFile>,
    ) -> Result<u32> {
        v.check()?;
        self.check_new_version(&v)?;
        let seq = self.new_seq(work, seq)?;
        if let Some(st) = &status
            && !st.status.recordable()
        {
            return Err(Error::StatusChange(format!(
                "{} is derived from the dates and cannot be recorded",
                st.status.label()
            )));
        }
        let hash = self.insert_version_row(work, seq, &v)?;
        let m = &v.meta;
        let mut detail = json!({
            "seq": seq,
            "key": v.key,
            "title": m.title.trim(),
            "doc_number": m.doc_number.as_ref().map(|n| n.canonical()),
            "content_hash": hash,
            "superseded": v.superseded,
        });
        if let Some(file) = origin {
            detail["file"] = json!(file);
        }
        self.audit("add_version", Some(work), None, &detail)?;
        if let Some(st) = status {
            self.insert_status_change(
                work,
                st.status,
                st.date,
                st.reason.as_deref(),
                Source::Record(seq),
            )?;
        }
        let articles = self.store_structure(work, seq, &v.body)?;
        self.link_version(work, seq, &v.body, Some(&articles))?;
        self.resolve_pending(work, seq)?;
        Ok(seq)
    }

    /// Refuses a version without a title, or with an empty key or one another version holds.
    fn check_new_version(&self, v: &NewVersion) -> Result<()> {
        if v.meta.title.trim().is_empty() {
            return Err(Error::invalid(
                "title",
                &v.meta.title,
                "a title is required",
            ));
        }
        if let Some(key) = &v.key {
            if key.trim().is_empty() {
                return Err(Error::invalid("key", key, "an empty key"));
            }
            let taken: Option<i64> = self
                .conn()
                .prepare_cached("SELECT work_id FROM versions WHERE key = ?1")?
                .query_row([key], |r| r.get(0))
                .optional()?;
            if let Some(other) = taken {
                return Err(Error::Conflict(format!(
                    "key `{key}` is already taken by {}",
                    self.name_of(WorkId(other))?
                )));
            }
        }
        Ok(())
    }

    /// The number of a new version of a work: `seq` when the work has no version with it,
    /// else one past the newest.
    fn new_seq(&self, work: WorkId, seq: Option<u32>) -> Result<u32> {
        let newest: u32 = self
            .conn()
            .prepare_cached("SELECT coalesce(max(seq), 0) FROM versions WHERE work_id = ?1")?
            .query_row([work.0], |r| r.get(0))?;
        match seq {
            Some(0) => Err(Error::invalid("version", "0", "versions count from 1")),
            Some(s) => {
                let exists: bool = self
                    .conn()
                    .prepare_cached("SELECT 1 FROM versions WHERE work_id = ?1 AND seq = ?2")?
                    .query_row(params![work.0, s], |_| Ok(true))
                    .optional()?
                    .unwrap_or(false);
                if exists {
                    return Err(Error::Conflict(format!(
                        "{} already has a version {s}",
                        self.name_of(work)?
                    )));
                }
                Ok(s)
            }
            None => Ok(newest + 1),
        }
    }

    /// Inserts a version's row (its label derived when not given); returns its text's hash.
    fn insert_version_row(&self, work: WorkId, seq: u32, v: &NewVersion) -> Result<String> {
        let label = v
            .label
            .clone()
            .unwrap_or_else(|| derive_label(seq, &v.history));
        let hash = content_hash(&v.body);
        let chars = v.body.chars().count() as i64;
        let history = serde_json::to_string(&v.history)
            .map_err(|e| Error::invalid("history", e.to_string(), "cannot be written as JSON"))?;
        let m = &v.meta;
        self.conn()
            .prepare_cached(
                "INSERT INTO versions (work_id, seq, key, title, kind, issuer, doc_number,
                    doc_number_raw, registration_no, index_no, signed, issued, effective, expires,
                    label, superseded, history, amended_by, note, content_hash, chars, body,
                    title_key)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                    ?17, ?18, ?19, ?20, ?21, ?22, ?23)",
            )?
            .execute(params![
                work.0,
                seq,
                v.key,
                m.title.trim(),
                m.kind.trim(),
                m.issuer.trim(),
                m.doc_number.as_ref().map(|n| n.canonical().to_owned()),
                m.doc_number.as_ref().map(|n| n.raw().to_owned()),
                m.registration_no,
                m.index_no,
                opt_iso(m.signed),
                opt_iso(m.issued),
                opt_iso(m.effective),
                opt_iso(m.expires),
                label,
                v.superseded,
                history,
                v.amended_by,
                v.note,
                hash,
                chars,
                v.body,
                title_key(m.title.trim()),
            ])?;
        Ok(hash)
    }

    pub(crate) fn insert_status_change(
        &self,
        work: WorkId,
        status: Status,
        date: Option<Date>,
        reason: Option<&str>,
        source: Source,
    ) -> Result<()> {
        if let Some(d) = date {
            check_date("date", d)?;
        }
        let (source_name, version_seq, campaign_id) = match source {
            Source::Record(seq) => ("record", Some(seq), None),
            Source::Manual => ("manual", None, None),
            Source::Campaign(id) => ("campaign", None, Some(id)),
        };
        self.conn()
            .prepare_cached(
                "INSERT INTO status_changes (work_id, date, status, reason, source, version_seq,
                    campaign_id, actor)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                work.0,
                opt_iso(date),
                status.token(),
                reason,
                source_name,
                version_seq,
                campaign_id,
                self.actor(),
            ])?;
        self.audit(
            "change_status",
            Some(work),
            reason,
            &json!({
                "status": status.token(),
                "date": opt_iso(date),
                "source": source_name,
                "version": version_seq,
                "campaign": campaign_id,
            }),
        )?;
        Ok(())
    }

    /// Changes a work's status from a date on, by hand.
    ///
    /// Refused: the derived statuses (尚未生效, 有效期届满: set the dates instead), a date
    /// before the work takes effect, and a change to the status the work already has then.
    pub fn change_status(
        &mut self,
        work: WorkId,
        status: Status,
        date: Date,
        reason: Option<&str>,
    ) -> Result<()> {
        self.atomic(|reg| {
            if matches!(status, Status::NotYetEffective | Status::Expired) {
                return Err(Error::StatusChange(format!(
                    "{} is derived from the document's dates; record its effective or \
                     expiry date instead",
                    status.label()
                )));
            }
            let current = reg.status_as_of(work, date)?;
            if current == Status::NotYetEffective {
                return Err(Error::StatusChange(format!(
                    "{} is not yet in force on {}",
                    reg.name_of(work)?,
                    iso(date)
                )));
            }
            if current == status {
                return Err(Error::StatusChange(format!(
                    "{} is already {} on {}",
                    reg.name_of(work)?,
                    status.label(),
                    iso(date)
                )));
            }
            reg.insert_status_change(work, status, Some(date), reason, Source::Manual)
        })
    }

    /// Records a status change read from an interchange file (one made by hand or by a
    /// campaign in the registry the file came from), unless the work already has a change to
    /// that status on that date. Returns whether it was recorded. Runs inside the import's
    /// transaction.
    pub(crate) fn record_imported_status(
        &self,
        work: WorkId,
        status: Status,
        date: Date,
        reason: Option<&str>,
    ) -> Result<bool> {
        if !status.recordable() {
            return Err(Error::StatusChange(format!(
                "{} is derived from the dates and cannot be recorded",
                status.label()
            )));
        }
        let exists: bool = self
            .conn()
            .prepare_cached(
                "SELECT count(*) FROM status_changes WHERE work_id = ?1 AND date = ?2
                   AND status = ?3",
            )?
            .query_row(params![work.0, iso(date), status.token()], |r| {
                r.get::<_, i64>(0)
            })?
            > 0;
        if exists {
            return Ok(false);
        }
        self.insert_status_change(work, status, Some(date), reason, Source::Manual)?;
        Ok(true)
    }

    /// Records a filing (备案) of a work. A filing is identified by its document, the body
    /// filed with and the submission date: recording the same filing again changes nothing
    /// (the answer says it was a repeat); recording one with that identity but other details
    /// is refused (correct the recorded one with [`Registry::amend`]).
    pub fn record_filing(&mut self, work: WorkId, f: &NewFiling) -> Result<Recorded> {
        self.atomic(|reg| {
            reg.work_key_of(work)?;
            if let Some((id, identical)) = reg.filing_like(work, f, None)? {
                if identical {
                    return Ok(Recorded { id, repeat: true });
                }
                return Err(Error::Conflict(format!(
                    "{} 已有报{}备案（#{id}，报送日期 {}），内容不同：要改正它，请用 \
                     `guifan amend filing {id}`",
                    reg.name_of(work)?,
                    f.filed_with.trim(),
                    opt_iso(f.submitted).unwrap_or_else(|| "未报送".to_owned()),
                )));
            }
            Ok(Recorded {
                id: reg.insert_filing(work, f)?,
                repeat: false,
            })
        })
    }

    /// The standing filing with the identity of `f` (document, body, submission date), but
    /// `except`, and whether it is identical in every detail.
    pub(crate) fn filing_like(
        &self,
        work: WorkId,
        f: &NewFiling,
        except: Option<i64>,
    ) -> Result<Option<(i64, bool)>> {
        let sql = format!(
            "SELECT f.id, f.number IS ?4 AND f.outcome IS ?5 AND f.deadline_days = ?6
                    AND f.note IS ?7
             FROM filings f WHERE f.work_id = ?1 AND f.filed_with = ?2 AND f.submitted IS ?3
               AND f.id IS NOT ?8 AND {} ORDER BY f.id LIMIT 1",
            standing(RecordKind::Filing, "f", None)
        );
        Ok(self
            .conn()
            .prepare_cached(&sql)?
            .query_row(
                params![
                    work.0,
                    f.filed_with.trim(),
                    opt_iso(f.submitted),
                    f.number,
                    f.outcome.map(|o| o.token()),
                    f.deadline_days,
                    f.note,
                    except
                ],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// Inserts a filing, checked, and audits it.
    pub(crate) fn insert_filing(&self, work: WorkId, f: &NewFiling) -> Result<i64> {
        if f.filed_with.trim().is_empty() {
            return Err(Error::invalid("filed_with", "", "须写明报送备案的机关"));
        }
        if let Some(d) = f.submitted {
            check_date("submitted", d)?;
        }
        self.conn()
            .prepare_cached(
                "INSERT INTO filings (work_id, filed_with, submitted, number, outcome,
                    deadline_days, note)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                work.0,
                f.filed_with.trim(),
                opt_iso(f.submitted),
                f.number,
                f.outcome.map(|o| o.token()),
                f.deadline_days,
                f.note,
            ])?;
        let id = self.conn().last_insert_rowid();
        self.audit(
            "file",
            Some(work),
            None,
            &json!({
                "filing": id,
                "filed_with": f.filed_with.trim(),
                "submitted": opt_iso(f.submitted),
                "outcome": f.outcome.map(|o| o.token()),
                "deadline_days": f.deadline_days,
            }),
        )?;
        Ok(id)
    }

    /// Records a review (审核, 审查, 评估) of a work. A review is identified by its document,
    /// kind, reviewer and date: recording the same review again changes nothing (the answer
    /// says it was a repeat); one with that identity but another conclusion or opinion is
    /// refused (correct the recorded one with [`Registry::amend`]).
    pub fn record_review(&mut self, work: WorkId, r: &NewReview) -> Result<Recorded> {
        self.atomic(|reg| {
            reg.work_key_of(work)?;
            if let Some((id, identical)) = reg.review_like(work, r, None)? {
                if identical {
                    return Ok(Recorded { id, repeat: true });
                }
                return Err(Error::Conflict(format!(
                    "{} 已有{}于 {} 的{}（#{id}），结论或意见不同：要改正它，请用 \
                     `guifan amend review {id}`",
                    reg.name_of(work)?,
                    r.reviewer.trim(),
                    iso(r.date),
                    r.kind.label(),
                )));
            }
            Ok(Recorded {
                id: reg.insert_review(work, r)?,
                repeat: false,
            })
        })
    }

    /// The standing review with the identity of `r` (document, kind, reviewer, date), but
    /// `except`, and whether it is identical in every detail.
    pub(crate) fn review_like(
        &self,
        work: WorkId,
        r: &NewReview,
        except: Option<i64>,
    ) -> Result<Option<(i64, bool)>> {
        let sql = format!(
            "SELECT v.id, v.conclusion = ?5 AND v.opinion IS ?6
             FROM reviews v WHERE v.work_id = ?1 AND v.kind = ?2 AND v.reviewer = ?3
               AND v.date = ?4 AND v.id IS NOT ?7 AND {} ORDER BY v.id LIMIT 1",
            standing(RecordKind::Review, "v", None)
        );
        Ok(self
            .conn()
            .prepare_cached(&sql)?
            .query_row(
                params![
                    work.0,
                    r.kind.token(),
                    r.reviewer.trim(),
                    iso(r.date),
                    r.conclusion,
                    r.opinion,
                    except
                ],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?)
    }

    /// Inserts a review, checked, and audits it.
    pub(crate) fn insert_review(&self, work: WorkId, r: &NewReview) -> Result<i64> {
        if r.reviewer.trim().is_empty() {
            return Err(Error::invalid("reviewer", "", "须写明审核机关"));
        }
        check_date("date", r.date)?;
        self.conn()
            .prepare_cached(
                "INSERT INTO reviews (work_id, kind, reviewer, date, conclusion, opinion)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                work.0,
                r.kind.token(),
                r.reviewer.trim(),
                iso(r.date),
                r.conclusion,
                r.opinion,
            ])?;
        let id = self.conn().last_insert_rowid();
        self.audit(
            "review",
            Some(work),
            None,
            &json!({
                "review": id,
                "kind": r.kind.token(),
                "reviewer": r.reviewer.trim(),
                "date": iso(r.date),
                "conclusion": r.conclusion,
            }),
        )?;
        Ok(id)
    }

    /// Records a relation from one work to another (or to a citation not in the registry).
    /// Recording the same relation twice is a no-op that returns the existing id.
    pub fn record_relation(&mut self, from: WorkId, r: &NewRelation) -> Result<i64> {
        self.atomic(|reg| {
            reg.check_relation(from, r)?;
            if let Some(id) = reg.relation_like(from, r)? {
                return Ok(id);
            }
            reg.insert_relation(from, r)
        })
    }

    /// Records a corrected relation: refused when the same relation stands already.
    pub(crate) fn insert_relation_checked(&self, from: WorkId, r: &NewRelation) -> Result<i64> {
        self.check_relation(from, r)?;
        if let Some(id) = self.relation_like(from, r)? {
            return Err(Error::Conflict(format!(
                "更正后的关系与 #{id} 相同：请撤回原关系"
            )));
        }
        self.insert_relation(from, r)
    }

    fn check_relation(&self, from: WorkId, r: &NewRelation) -> Result<()> {
        self.work_key_of(from)?;
        if let Some(to) = r.target {
            self.work_key_of(to)?;
            if to == from {
                return Err(Error::invalid(
                    "to",
                    self.name_of(to)?,
                    "文件不能与自身建立关系",
                ));
            }
        } else if r.cited_as.as_deref().is_none_or(|c| c.trim().is_empty()) {
            return Err(Error::invalid(
                "to",
                "",
                "关系须指向登记库中的文件，或写明所引文件的名称或文号",
            ));
        }
        Ok(())
    }

    fn relation_like(&self, from: WorkId, r: &NewRelation) -> Result<Option<i64>> {
        let sql = format!(
            "SELECT x.id FROM relations x WHERE x.from_work = ?1 AND x.kind = ?2
               AND x.to_work IS ?3 AND (x.to_work IS NOT NULL OR x.cited_as IS ?4)
               AND x.source = ?5 AND {}",
            standing(RecordKind::Relation, "x", None)
        );
        Ok(self
            .conn()
            .prepare_cached(&sql)?
            .query_row(
                params![
                    from.0,
                    r.kind.token(),
                    r.target.map(|t| t.0),
                    r.cited_as,
                    r.source.token()
                ],
                |row| row.get(0),
            )
            .optional()?)
    }

    fn insert_relation(&self, from: WorkId, r: &NewRelation) -> Result<i64> {
        self.conn()
            .prepare_cached(
                "INSERT INTO relations (from_work, kind, to_work, cited_as, source, note)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                from.0,
                r.kind.token(),
                r.target.map(|t| t.0),
                r.cited_as,
                r.source.token(),
                r.note,
            ])?;
        let id = self.conn().last_insert_rowid();
        self.audit(
            "relate",
            Some(from),
            None,
            &json!({
                "relation": id,
                "kind": r.kind.token(),
                "to": r.target.map(|t| t.0),
                "cited_as": r.cited_as,
                "source": r.source.token(),
            }),
        )?;
        Ok(id)
    }

    /// Opens a clearance campaign.
    pub fn open_campaign(&mut self, c: &NewCampaign) -> Result<i64> {
        self.atomic(|reg| {
            let key = c.key.trim();
            if key.is_empty() {
                return Err(Error::invalid("key", "", "a campaign key is required"));
            }
            if let Some(d) = c.opened {
                check_date("opened", d)?;
            }
            if c.name.trim().is_empty() {
                return Err(Error::invalid("name", "", "a campaign name is required"));
            }
            if reg.campaign_id(key)?.is_some() {
                return Err(Error::Conflict(format!("campaign `{key}` already exists")));
            }
            reg.conn()
                .prepare_cached(
                    "INSERT INTO campaigns (key, name, scope, opened) VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![key, c.name.trim(), c.scope, opt_iso(c.opened)])?;
            let id = reg.conn().last_insert_rowid();
            reg.audit(
                "open_campaign",
                None,
                None,
                &json!({ "campaign": key, "name": c.name.trim(), "scope": c.scope,
                         "opened": opt_iso(c.opened) }),
            )?;
            Ok(id)
        })
    }

    pub(crate) fn campaign_id(&self, key: &str) -> Result<Option<i64>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT id FROM campaigns WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    fn open_campaign_id(&self, key: &str) -> Result<i64> {
        let row: Option<(i64, Option<String>)> = self
            .conn()
            .prepare_cached("SELECT id, announced FROM campaigns WHERE key = ?1")?
            .query_row([key], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        match row {
            None => Err(Error::not_found("campaign", key)),
            Some((_, Some(date))) => Err(Error::Conflict(format!(
                "campaign `{key}` was announced on {date}; its decisions are final"
            ))),
            Some((id, None)) => Ok(id),
        }
    }

    /// Refuses to decide to repeal or invalidate a work that already is repealed or invalidated
    /// when the campaign opened (today for a campaign without an opening date): such a
    /// decision would change nothing, as a status change to the same status is refused.
    fn refuse_no_op_decision(&self, campaign: i64, work: WorkId, outcome: Outcome) -> Result<()> {
        if !matches!(outcome, Outcome::Repealed | Outcome::Invalidated) {
            return Ok(());
        }
        let opened: Option<String> = self
            .conn()
            .prepare_cached("SELECT opened FROM campaigns WHERE id = ?1")?
            .query_row([campaign], |r| r.get(0))?;
        let on = match opened.as_deref().and_then(crate::date::from_iso) {
            Some(d) => d,
            None => crate::date::today()?,
        };
        let status = self.status_as_of(work, on)?;
        if matches!(status, Status::Repealed | Status::Invalidated) {
            return Err(Error::StatusChange(format!(
                "{} is already {} on {}: a decision to {} changes nothing",
                self.name_of(work)?,
                status.label(),
                iso(on),
                outcome.label()
            )));
        }
        Ok(())
    }

    /// Records a campaign's decision on a work: one decision per work per campaign.
    pub fn decide(
        &mut self,
        campaign: &str,
        work: WorkId,
        outcome: Outcome,
        reason: Option<&str>,
    ) -> Result<()> {
        self.atomic(|reg| {
            let cid = reg.open_campaign_id(campaign)?;
            reg.work_key_of(work)?;
            let earlier: Option<String> = reg
                .conn()
                .prepare_cached(&format!(
                    "SELECT outcome FROM decisions d WHERE campaign_id = ?1 AND work_id = ?2
                           AND {}",
                    standing(RecordKind::Decision, "d", None)
                ))?
                .query_row(params![cid, work.0], |r| r.get(0))
                .optional()?;
            if let Some(earlier) = earlier {
                let label = Outcome::parse(&earlier).map(|o| o.label()).unwrap_or("?");
                return Err(Error::Conflict(format!(
                    "{} already has a decision in campaign `{campaign}`: {label}",
                    reg.name_of(work)?
                )));
            }
            reg.refuse_no_op_decision(cid, work, outcome)?;
            // The last proposal recorded for the work in this campaign, if any.
            let suggested: Option<(i64, String)> = reg
                .conn()
                .prepare_cached(
                    "SELECT id, proposal FROM suggestions WHERE campaign_id = ?1 AND work_id = ?2
                     ORDER BY id DESC LIMIT 1",
                )?
                .query_row(params![cid, work.0], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            reg.conn()
                .prepare_cached(
                    "INSERT INTO decisions (campaign_id, work_id, outcome, reason, suggestion_id)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )?
                .execute(params![
                    cid,
                    work.0,
                    outcome.token(),
                    reason,
                    suggested.as_ref().map(|s| s.0)
                ])?;
            let mut detail = json!({ "campaign": campaign, "outcome": outcome.token() });
            if let Some((id, proposal)) = &suggested {
                detail["suggestion"] = json!(id);
                detail["suggested"] = json!(proposal);
                detail["followed"] = match proposal.as_str() {
                    "evaluate" => serde_json::Value::Null,
                    p => json!(p == outcome.token()),
                };
            }
            reg.audit("decide", Some(work), reason, &detail)?;
            Ok(())
        })
    }

    /// Announces a campaign: each of its decisions becomes a status change of its work on
    /// `date`. Returns the number of status changes made.
    pub fn announce(&mut self, campaign: &str, date: Date) -> Result<Announced> {
        check_date("date", date)?;
        self.atomic(|reg| {
            let cid = reg.open_campaign_id(campaign)?;
            let opened: Option<String> =
                reg.conn()
                    .query_row("SELECT opened FROM campaigns WHERE id = ?1", [cid], |r| {
                        r.get(0)
                    })?;
            if let Some(opened) = opened
                && iso(date) < opened
            {
                return Err(Error::invalid(
                    "date",
                    iso(date),
                    format!("the campaign was opened on {opened}, after this date"),
                ));
            }
            let decisions: Vec<(i64, String, Option<String>)> = reg
                .conn()
                .prepare(&format!(
                    "SELECT work_id, outcome, reason FROM decisions d WHERE campaign_id = ?1
                       AND {} ORDER BY id",
                    standing(RecordKind::Decision, "d", None)
                ))?
                .query_map([cid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            reg.conn().execute(
                "UPDATE campaigns SET announced = ?1 WHERE id = ?2",
                params![iso(date), cid],
            )?;
            reg.audit(
                "announce",
                None,
                None,
                &json!({ "campaign": campaign, "date": iso(date), "decisions": decisions.len() }),
            )?;
            let mut announced = Announced::default();
            for (work, outcome, reason) in &decisions {
                let work = WorkId(*work);
                let status = Outcome::parse(outcome)?.status();
                // A decision to repeal or invalidate a document that already is so on the
                // date (it was repealed otherwise meanwhile) makes no second status change;
                // the report says which. A decision to keep or revise a document is recorded
                // even when the status holds: the history shows the campaign confirmed it.
                if matches!(status, Status::Repealed | Status::Invalidated)
                    && reg.status_as_of(work, date)? == status
                {
                    announced.unchanged.push(work);
                    continue;
                }
                let reason = reason
                    .clone()
                    .unwrap_or_else(|| format!("清理决定（{campaign}）"));
                reg.insert_status_change(
                    work,
                    status,
                    Some(date),
                    Some(&reason),
                    Source::Campaign(cid),
                )?;
                announced.status_changes += 1;
            }
            Ok(announced)
        })
    }
}

pub(crate) enum Source {
    Record(u32),
    Manual,
    Campaign(i64),
}
