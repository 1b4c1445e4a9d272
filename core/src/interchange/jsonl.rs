//! JSON Lines records: import and export.
//!
//! One record per line; `type` is `document` when missing. The record types are those of
//! DESIGN.md (`document`, `campaign`, `decision`, `filing`, `review`) and two more that
//! make an export complete: `relation` and `status` (a status change made by hand).
//!
//! Import is one transaction per file: the first bad record fails the whole file with an
//! error naming its line, field and value, and nothing of the file is written. Records are
//! applied in file order; a campaign with `announced` is announced after every record of the
//! file is in, and `status` records are applied after that.

use std::collections::BTreeMap;
use std::io::{BufRead, Read, Write};

use serde::Serialize;
use serde_json::{Map, Value, json};
use time::Date;

use crate::date::{iso, parse_date};
use crate::error::{Error, Result};
use crate::interchange::VersionSink;
use crate::limits::{LINE_TOO_LONG, MAX_LINE_BYTES};
use crate::model::timeline::ChangeSource;
use crate::model::{
    DocNumber, FilingOutcome, HistoryEvent, Meta, NewCampaign, NewFiling, NewRelation, NewReview,
    NewVersion, Outcome, RelationKind, RelationSource, ReviewKind, Status, Version, WorkId,
};
use crate::store::{InitialStatus, Recorded, Registry};

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportReport {
    /// Records read (non-blank lines).
    pub records: u64,
    /// Document records, i.e. versions stored.
    pub documents: u64,
    /// Works created by them.
    pub works_created: u64,
    /// Campaigns opened (`campaign` records).
    pub campaigns: u64,
    /// Campaign decisions recorded (`decision` records).
    pub decisions: u64,
    /// Campaigns announced, and the status changes that made.
    pub announced: u64,
    /// Filings (备案) recorded (`filing` records).
    pub filings: u64,
    /// Reviews (审核, 审查) recorded (`review` records).
    pub reviews: u64,
    /// Relations recorded (`relation` records).
    pub relations: u64,
    /// Status changes from `status` records.
    pub status_changes: u64,
    /// Filing and review records already in the registry, identical: nothing was recorded.
    pub repeats: u64,
}

impl ImportReport {
    /// Adds another report's counts to this one.
    pub fn add(&mut self, other: &ImportReport) {
        self.records += other.records;
        self.documents += other.documents;
        self.works_created += other.works_created;
        self.campaigns += other.campaigns;
        self.decisions += other.decisions;
        self.announced += other.announced;
        self.filings += other.filings;
        self.reviews += other.reviews;
        self.relations += other.relations;
        self.status_changes += other.status_changes;
        self.repeats += other.repeats;
    }
}

/// Imports JSON Lines read from `reader`, in one transaction; see the module documentation.
/// `progress` is called with the number of bytes read so far, `sink` with each version stored
/// (inside the import's transaction: what it sees may still be rolled back).
pub fn import(
    reg: &mut Registry,
    mut reader: impl BufRead,
    progress: &mut dyn FnMut(u64),
    sink: &mut VersionSink<'_>,
) -> Result<ImportReport> {
    reg.atomic_whole(|reg| {
        let mut import = Import::new(reg, sink);
        let mut bytes = Vec::new();
        let mut read = 0u64;
        let mut n = 0usize;
        loop {
            bytes.clear();
            // One byte over the limit tells a line that is too long, without reading it all.
            let got = (&mut reader)
                .take(MAX_LINE_BYTES as u64 + 1)
                .read_until(b'\n', &mut bytes)
                .map_err(|e| Error::io("<input>", e))?;
            if got == 0 {
                break;
            }
            n += 1;
            read += got as u64;
            let line = line_text(&bytes, n)?;
            let text = line.trim_start_matches('\u{feff}').trim();
            if text.is_empty() {
                continue;
            }
            import.report.records += 1;
            let obj = parse_record(text, n)?;
            import.record(&mut Fields::new(&obj, n))?;
            progress(read);
        }
        import.finish()
    })
}

/// A line read as text: refused when it is longer than [`MAX_LINE_BYTES`] or not UTF-8,
/// naming its line.
fn line_text(bytes: &[u8], n: usize) -> Result<&str> {
    let content = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    if content.len() > MAX_LINE_BYTES {
        let start = String::from_utf8_lossy(&content[..content.len().min(200)]).into_owned();
        return Err(Error::invalid("record", start, LINE_TOO_LONG).at_line(n, "", ""));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        Error::invalid("record", format!("byte {}", e.valid_up_to() + 1), NOT_UTF8)
            .at_line(n, "", "")
    })
}

/// Why a number written as a string (`"version": "2"`) is refused.
pub const NUMBER_AS_STRING: &str = "expected a JSON number, not a string";

/// Why a line that is not UTF-8 is refused.
pub const NOT_UTF8: &str = "a line is not valid UTF-8";

/// A non-blank line read as a JSON object, or the input error naming its line.
fn parse_record(text: &str, n: usize) -> Result<Map<String, Value>> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        Error::invalid("record", text, format!("not valid JSON: {e}")).at_line(n, "", "")
    })?;
    let Value::Object(obj) = value else {
        return Err(Error::invalid("record", text, "a record is a JSON object").at_line(n, "", ""));
    };
    Ok(obj)
}

/// A status record, kept until every record of the file is in: its line, work, status, date,
/// reason and the `document` field as written.
type PendingStatus = (usize, WorkId, Status, Date, Option<String>, String);

/// One file's import under way: the registry written to, the counts so far, and what waits
/// for the end of the file (campaigns to announce, status records).
struct Import<'r, 's, 'a> {
    reg: &'r mut Registry,
    sink: &'s mut VersionSink<'a>,
    report: ImportReport,
    /// Campaigns with `announced`: line, key and date.
    to_announce: Vec<(usize, String, Date)>,
    statuses: Vec<PendingStatus>,
}

impl<'r, 's, 'a> Import<'r, 's, 'a> {
    fn new(reg: &'r mut Registry, sink: &'s mut VersionSink<'a>) -> Self {
        Import {
            reg,
            sink,
            report: ImportReport::default(),
            to_announce: Vec::new(),
            statuses: Vec::new(),
        }
    }

    /// Applies one record by its `type` (`document` when missing).
    fn record(&mut self, rec: &mut Fields<'_>) -> Result<()> {
        let kind = rec.string("type")?.unwrap_or_else(|| "document".to_owned());
        match kind.as_str() {
            "document" => {
                let created = import_document(self.reg, rec, self.sink)?;
                self.report.documents += 1;
                self.report.works_created += u64::from(created);
            }
            "campaign" => self.campaign(rec)?,
            "decision" => self.decision(rec)?,
            "filing" => self.filing(rec)?,
            "review" => self.review(rec)?,
            "relation" => self.relation(rec)?,
            "status" => self.status(rec)?,
            other => {
                return Err(Error::invalid(
                    "type",
                    other,
                    "expected document, campaign, decision, filing, review, relation or status",
                )
                .at_line(rec.line, "type", other));
            }
        }
        Ok(())
    }

    /// Opens a campaign; its announcement waits for the end of the file.
    fn campaign(&mut self, rec: &mut Fields<'_>) -> Result<()> {
        let c = NewCampaign {
            key: rec.required("key")?,
            name: rec.required("name")?,
            scope: rec.string("scope")?,
            opened: rec.date("opened")?,
        };
        let announced = rec.date("announced")?;
        rec.finish()?;
        self.reg
            .open_campaign(&c)
            .map_err(|e| e.at_line(rec.line, "key", &c.key))?;
        self.report.campaigns += 1;
        if let Some(date) = announced {
            self.to_announce.push((rec.line, c.key, date));
        }
        Ok(())
    }

    /// Records a campaign's decision on a document.
    fn decision(&mut self, rec: &mut Fields<'_>) -> Result<()> {
        let campaign = rec.required("campaign")?;
        let work = rec.document("document", self.reg)?;
        let outcome = rec.parsed("outcome", Outcome::parse)?;
        let reason = rec.string("reason")?;
        rec.finish()?;
        self.reg
            .decide(&campaign, work, outcome, reason.as_deref())
            .map_err(|e| {
                let field = if matches!(
                    e,
                    Error::NotFound {
                        what: "campaign",
                        ..
                    }
                ) {
                    "campaign"
                } else {
                    "document"
                };
                let value = rec.raw(field);
                e.at_line(rec.line, field, &value)
            })?;
        self.report.decisions += 1;
        Ok(())
    }

    /// Records a filing (备案) of a document.
    fn filing(&mut self, rec: &mut Fields<'_>) -> Result<()> {
        let work = rec.document("document", self.reg)?;
        let filing = NewFiling {
            filed_with: rec.required("filed_with")?,
            submitted: rec.date("submitted")?,
            number: rec.string("number")?,
            outcome: rec.opt_parsed("outcome", FilingOutcome::parse)?,
            deadline_days: rec
                .u32("deadline_days")?
                .unwrap_or(crate::model::filing::DEFAULT_DEADLINE_DAYS),
            note: rec.string("note")?,
        };
        rec.finish()?;
        let recorded = self
            .reg
            .record_filing(work, &filing)
            .map_err(|e| e.at_line(rec.line, "document", &rec.raw("document")))?;
        self.count_recorded(recorded, |r| &mut r.filings);
        Ok(())
    }

    /// Records a review (审核, 审查) of a document.
    fn review(&mut self, rec: &mut Fields<'_>) -> Result<()> {
        let work = rec.document("document", self.reg)?;
        let review = NewReview {
            kind: rec.parsed("kind", ReviewKind::parse)?,
            reviewer: rec.required("reviewer")?,
            date: rec.date("date")?.ok_or_else(|| rec.missing("date"))?,
            conclusion: rec.required("conclusion")?,
            opinion: rec.string("opinion")?,
        };
        rec.finish()?;
        let recorded = self
            .reg
            .record_review(work, &review)
            .map_err(|e| e.at_line(rec.line, "document", &rec.raw("document")))?;
        self.count_recorded(recorded, |r| &mut r.reviews);
        Ok(())
    }

    /// Counts a filing or review recorded, or a repeat of one recorded already.
    fn count_recorded(&mut self, recorded: Recorded, count: fn(&mut ImportReport) -> &mut u64) {
        if recorded.repeat {
            self.report.repeats += 1;
        } else {
            *count(&mut self.report) += 1;
        }
    }

    /// Records a relation from one document to another (or to a citation left unresolved).
    fn relation(&mut self, rec: &mut Fields<'_>) -> Result<()> {
        let from = rec.document("from", self.reg)?;
        let kind = rec.parsed("kind", RelationKind::parse)?;
        let to = match rec.string("to")? {
            Some(r) => Some(
                self.reg
                    .resolve(&r)
                    .map_err(|e| e.at_line(rec.line, "to", &r))?,
            ),
            None => None,
        };
        let relation = NewRelation {
            kind,
            target: to,
            cited_as: rec.string("cited_as")?,
            source: rec
                .opt_parsed("source", RelationSource::parse)?
                .unwrap_or(RelationSource::Manual),
            note: rec.string("note")?,
        };
        rec.finish()?;
        self.reg
            .record_relation(from, &relation)
            .map_err(|e| e.at_line(rec.line, "to", &rec.raw("to")))?;
        self.report.relations += 1;
        Ok(())
    }

    /// Reads a status change made by hand; it is applied at the end of the file.
    fn status(&mut self, rec: &mut Fields<'_>) -> Result<()> {
        let work = rec.document("document", self.reg)?;
        let status = rec.parsed("status", Status::parse)?;
        let date = rec.date("date")?.ok_or_else(|| rec.missing("date"))?;
        let reason = rec.string("reason")?;
        let raw = rec.raw("document");
        rec.finish()?;
        self.statuses
            .push((rec.line, work, status, date, reason, raw));
        Ok(())
    }

    /// Announces the campaigns, then applies the status records, once every record is in.
    fn finish(self) -> Result<ImportReport> {
        let Import {
            reg,
            mut report,
            to_announce,
            statuses,
            ..
        } = self;
        for (line, key, date) in to_announce {
            report.announced += reg
                .announce(&key, date)
                .map_err(|e| e.at_line(line, "announced", &iso(date)))?
                .status_changes as u64;
        }
        for (line, work, status, date, reason, raw) in statuses {
            reg.change_status(work, status, date, reason.as_deref())
                .map_err(|e| e.at_line(line, "status", &format!("{raw}: {}", status.label())))?;
            report.status_changes += 1;
        }
        Ok(report)
    }
}

/// Stores a document record's version; `true` when that created its work.
fn import_document(
    reg: &mut Registry,
    rec: &mut Fields<'_>,
    sink: &mut VersionSink<'_>,
) -> Result<bool> {
    let line = rec.line;
    let key = rec.string("key")?;
    let work_key = rec.string("work")?;
    let seq = rec.u32("version")?;
    let doc_number = rec.opt_parsed("doc_number", DocNumber::parse)?;
    let meta = Meta {
        title: rec.required("title")?,
        kind: rec.string("kind")?.unwrap_or_default(),
        issuer: rec.string("issuer")?.unwrap_or_default(),
        doc_number,
        registration_no: rec.string("registration_no")?,
        index_no: rec.string("index_no")?,
        signed: rec.date("signed")?,
        issued: rec.date("issued")?,
        effective: rec.date("effective")?,
        expires: rec.date("expires")?,
    };
    let history = rec.history()?;
    let status_text = rec.string("status")?;
    let version = NewVersion {
        key: key.clone(),
        label: rec.string("label")?,
        body: rec.string("body")?.unwrap_or_default(),
        amended_by: rec.string("amended_by")?,
        note: rec.string("note")?,
        superseded: status_text.as_deref().map(str::trim) == Some("已修改"),
        meta,
        history,
    };
    rec.finish()?;
    let status = record_status(status_text.as_deref(), &version)
        .map_err(|e| e.at_line(line, "status", status_text.as_deref().unwrap_or("")))?;
    let (title, body) = (version.meta.title.clone(), version.body.clone());
    let outcome = reg
        .put_version(work_key.as_deref(), seq, version, status)
        .map_err(|e| {
            let (field, value) = match &e {
                Error::Conflict(m) if m.contains("version") => {
                    ("version", seq.map(|s| s.to_string()))
                }
                Error::Conflict(m) if m.starts_with("work key") => ("work", work_key.clone()),
                _ => ("key", key.clone()),
            };
            e.at_line(line, field, value.as_deref().unwrap_or(""))
        })?;
    sink(outcome.work, outcome.seq, &title, &body)?;
    Ok(outcome.created)
}

/// The status change a document record's `status` makes, and from when it holds.
///
/// - `已修改`: the version was in force and has been superseded: the work was 有效 from the
///   version's in-force date.
/// - `尚未生效`: recorded as 有效; the dates make it 尚未生效 until the version takes effect.
/// - 废止 / 宣布失效: from the date of the source's own 废止/失效 event when it has one.
/// - otherwise: from the version's in-force date (its effective date, else its issued date;
///   undated when it has neither).
fn record_status(text: Option<&str>, v: &NewVersion) -> Result<Option<InitialStatus>> {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let from = v.meta.in_force_from();
    if text == "已修改" {
        return Ok(Some(InitialStatus {
            status: Status::Valid,
            date: from,
            reason: Some("已修改：被后续版本取代".to_owned()),
        }));
    }
    let status = match Status::parse(text)? {
        Status::NotYetEffective => Status::Valid,
        s => s,
    };
    let date = if matches!(status, Status::Repealed | Status::Invalidated) {
        repeal_date(&v.history).or(from)
    } else {
        from
    };
    Ok(Some(InitialStatus {
        status,
        date,
        reason: None,
    }))
}

/// The date of the last history event that repeals or invalidates (and does not amend).
fn repeal_date(history: &[HistoryEvent]) -> Option<Date> {
    history
        .iter()
        .rev()
        .filter(|e| {
            (e.event.contains("废止") || e.event.contains("失效"))
                && !["修订", "修正", "修改"].iter().any(|m| e.event.contains(m))
        })
        .find_map(|e| e.date)
}

/// A record's fields, read one by one; `finish` refuses the ones not read.
struct Fields<'a> {
    obj: &'a Map<String, Value>,
    line: usize,
    used: Vec<&'static str>,
}

impl<'a> Fields<'a> {
    fn new(obj: &'a Map<String, Value>, line: usize) -> Self {
        Fields {
            obj,
            line,
            used: Vec::new(),
        }
    }

    fn bad(&self, field: &str, value: &str, reason: &str) -> Error {
        Error::invalid(field, value, reason).at_line(self.line, field, value)
    }

    fn missing(&self, field: &str) -> Error {
        self.bad(field, "", "this field is required")
    }

    /// The field's value as text, for messages.
    fn raw(&self, field: &str) -> String {
        match self.obj.get(field) {
            Some(Value::String(s)) => s.clone(),
            Some(v) => v.to_string(),
            None => String::new(),
        }
    }

    fn string(&mut self, field: &'static str) -> Result<Option<String>> {
        self.used.push(field);
        match self.obj.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(Value::Number(n)) if field == "key" || field == "work" => Ok(Some(n.to_string())),
            Some(v) => Err(self.bad(field, &v.to_string(), "expected a string")),
        }
    }

    fn required(&mut self, field: &'static str) -> Result<String> {
        self.string(field)?.ok_or_else(|| self.missing(field))
    }

    fn date(&mut self, field: &'static str) -> Result<Option<Date>> {
        match self.string(field)? {
            None => Ok(None),
            Some(s) => parse_date(field, &s)
                .and_then(|d| crate::limits::check_date(field, d).map(|()| Some(d)))
                .map_err(|e| e.at_line(self.line, field, &s)),
        }
    }

    /// A whole number, written as a JSON number: `2`, not `"2"` (a string is refused, so that
    /// what a number field holds is never a guess).
    fn u32(&mut self, field: &'static str) -> Result<Option<u32>> {
        self.used.push(field);
        match self.obj.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) => n
                .as_u64()
                .and_then(|v| u32::try_from(v).ok())
                .map(Some)
                .ok_or_else(|| self.bad(field, &n.to_string(), "expected a whole number")),
            Some(Value::String(s)) => Err(self.bad(field, &format!("\"{s}\""), NUMBER_AS_STRING)),
            Some(v) => Err(self.bad(field, &v.to_string(), "expected a whole number")),
        }
    }

    fn parsed<T>(&mut self, field: &'static str, parse: impl Fn(&str) -> Result<T>) -> Result<T> {
        self.opt_parsed(field, parse)?
            .ok_or_else(|| self.missing(field))
    }

    fn opt_parsed<T>(
        &mut self,
        field: &'static str,
        parse: impl Fn(&str) -> Result<T>,
    ) -> Result<Option<T>> {
        match self.string(field)? {
            None => Ok(None),
            Some(s) => parse(&s).map(Some).map_err(|e| match e {
                Error::InvalidInput(mut input) => {
                    input.line = Some(self.line);
                    input.field = field.to_owned();
                    Error::InvalidInput(input)
                }
                other => other.at_line(self.line, field, &s),
            }),
        }
    }

    fn document(&mut self, field: &'static str, reg: &Registry) -> Result<WorkId> {
        let r = self.required(field)?;
        reg.resolve(&r).map_err(|e| e.at_line(self.line, field, &r))
    }

    fn history(&mut self) -> Result<Vec<HistoryEvent>> {
        self.used.push("history");
        let items = match self.obj.get("history") {
            None | Some(Value::Null) => return Ok(Vec::new()),
            Some(Value::Array(items)) => items,
            Some(v) => return Err(self.bad("history", &v.to_string(), "expected a list")),
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let field = format!("history[{i}]");
            let Value::Object(o) = item else {
                return Err(Error::invalid(
                    &field,
                    item.to_string(),
                    "expected {\"date\",\"event\"}",
                )
                .at_line(self.line, "", ""));
            };
            let date = match o.get("date") {
                None | Some(Value::Null) => None,
                Some(Value::String(s)) if s.trim().is_empty() => None,
                Some(Value::String(s)) => Some(
                    parse_date(&format!("{field}.date"), s)
                        .map_err(|e| e.at_line(self.line, "", ""))?,
                ),
                Some(v) => {
                    return Err(Error::invalid(
                        format!("{field}.date"),
                        v.to_string(),
                        "expected a date",
                    )
                    .at_line(self.line, "", ""));
                }
            };
            let event = match o.get("event") {
                Some(Value::String(s)) => s.clone(),
                None | Some(Value::Null) => String::new(),
                Some(v) => {
                    return Err(Error::invalid(
                        format!("{field}.event"),
                        v.to_string(),
                        "expected a string",
                    )
                    .at_line(self.line, "", ""));
                }
            };
            if let Some(extra) = o.keys().find(|k| *k != "date" && *k != "event") {
                return Err(
                    Error::invalid(format!("{field}.{extra}"), "", "unknown field")
                        .at_line(self.line, "", ""),
                );
            }
            out.push(HistoryEvent { date, event });
        }
        Ok(out)
    }

    /// Refuses fields that were not read: a misspelt field is an error, not silently lost.
    fn finish(&self) -> Result<()> {
        for k in self.obj.keys() {
            if k != "type" && !self.used.contains(&k.as_str()) {
                return Err(self.bad(k, &self.raw(k), "unknown field for this record type"));
            }
        }
        Ok(())
    }
}

/// Writes the registry (or one work) as JSON Lines: documents (every version), then
/// campaigns each followed by its decisions, filings, reviews, relations and hand-made status
/// changes. Importing the output into an empty registry gives the same registry.
///
/// For one work, campaign decisions are written as `status` records, since the campaign's
/// other decisions are not part of the export.
pub fn export_jsonl(reg: &Registry, only: Option<WorkId>, out: &mut dyn Write) -> Result<()> {
    let works: Vec<WorkId> = match only {
        Some(w) => vec![w],
        None => reg.snapshot()?.works().iter().map(|w| w.id).collect(),
    };
    let mut export = Export {
        reg,
        only,
        out,
        work_keys: BTreeMap::new(),
    };
    for &id in &works {
        export.documents(id)?;
    }
    if only.is_none() {
        export.campaigns()?;
    }
    for &id in &works {
        export.filings_and_reviews(id)?;
    }
    export.relations()?;
    for &id in &works {
        export.status_changes(id)?;
    }
    Ok(())
}

/// An export under way: the registry read, the work exported alone (if any), the output and
/// the work keys looked up so far.
struct Export<'r, 'o> {
    reg: &'r Registry,
    only: Option<WorkId>,
    out: &'o mut dyn Write,
    work_keys: BTreeMap<WorkId, String>,
}

impl Export<'_, '_> {
    /// Writes one record and its line end.
    fn write(&mut self, v: Value) -> Result<()> {
        serde_json::to_writer(&mut *self.out, &v)
            .map_err(|e| Error::io("<output>", std::io::Error::from(e)))?;
        self.out
            .write_all(b"\n")
            .map_err(|e| Error::io("<output>", e))
    }

    /// The key of a work, looked up once.
    fn key_of(&mut self, w: WorkId) -> Result<String> {
        if let Some(k) = self.work_keys.get(&w) {
            return Ok(k.clone());
        }
        let k = self.reg.work(w)?.key;
        self.work_keys.insert(w, k.clone());
        Ok(k)
    }

    /// Writes a `document` record for each version of a work.
    fn documents(&mut self, id: WorkId) -> Result<()> {
        let work = self.reg.work(id)?;
        let changes = self.reg.status_changes(id)?;
        for v in &work.versions {
            let recorded = changes.iter().find_map(|c| match c.source {
                ChangeSource::Record { version } if version == v.seq => Some(c.status),
                _ => None,
            });
            let status = if v.superseded {
                Some("已修改".to_owned())
            } else {
                recorded.map(|s| s.label().to_owned())
            };
            let body = self.reg.text(id, v.seq)?;
            self.write(document_record(&work.key, v, status, body))?;
        }
        Ok(())
    }

    /// Writes every campaign, each followed by its decisions.
    fn campaigns(&mut self) -> Result<()> {
        for c in self.reg.campaigns()? {
            self.write(json!({
                "type": "campaign", "key": c.key, "name": c.name, "scope": c.scope,
                "opened": c.opened.map(iso), "announced": c.announced.map(iso),
            }))?;
            for d in self.reg.decisions(&c.key)? {
                let document = self.key_of(d.work)?;
                self.write(json!({
                    "type": "decision", "campaign": c.key, "document": document,
                    "outcome": d.outcome.label(), "reason": d.reason,
                }))?;
            }
        }
        Ok(())
    }

    /// Writes a work's filings, then its reviews.
    fn filings_and_reviews(&mut self, id: WorkId) -> Result<()> {
        let doc = self.key_of(id)?;
        for f in self.reg.filings(id)? {
            self.write(json!({
                "type": "filing", "document": doc, "filed_with": f.filed_with,
                "submitted": f.submitted.map(iso), "number": f.number,
                "deadline_days": f.deadline_days, "outcome": f.outcome.map(|o| o.label()),
                "note": f.note,
            }))?;
        }
        for r in self.reg.reviews(id)? {
            self.write(json!({
                "type": "review", "document": doc, "kind": r.kind.label(),
                "reviewer": r.reviewer, "date": iso(r.date), "conclusion": r.conclusion,
                "opinion": r.opinion,
            }))?;
        }
        Ok(())
    }

    /// Writes the relations not found in text (from the one work, if only one).
    fn relations(&mut self) -> Result<()> {
        let (reg, only) = (self.reg, self.only);
        for r in reg.all_relations()? {
            // Relations found in text are found again when the text is imported.
            if only.is_some_and(|w| w != r.from) || r.source == RelationSource::Text {
                continue;
            }
            let to = match r.to {
                Some(t) if only.is_none() => Some(self.key_of(t)?),
                _ => None,
            };
            // In a one-work export the target may be missing from the importing registry:
            // keep the citation as written, or the target's title.
            let cited_as = match (r.to, only) {
                (Some(t), Some(_)) => r
                    .cited_as
                    .clone()
                    .or(Some(reg.work(t)?.latest().meta.title.clone())),
                _ => r.cited_as.clone(),
            };
            let from = self.key_of(r.from)?;
            self.write(json!({
                "type": "relation", "from": from, "kind": r.kind.label(),
                "to": to, "cited_as": cited_as, "source": r.source.token(), "note": r.note,
            }))?;
        }
        Ok(())
    }

    /// Writes a work's hand-made status changes (and, exporting one work, its campaign
    /// decisions that changed its status) as `status` records.
    fn status_changes(&mut self, id: WorkId) -> Result<()> {
        let (reg, only) = (self.reg, self.only);
        let doc = self.key_of(id)?;
        for c in reg.status_changes(id)? {
            let keep = match c.source {
                ChangeSource::Manual => true,
                // A decision that changed nothing (继续有效 on a valid work) needs no record.
                ChangeSource::Campaign { .. } => {
                    only.is_some()
                        && c.date.and_then(|d| d.previous_day()).is_none_or(|before| {
                            reg.status_as_of(id, before).ok() != Some(c.status)
                        })
                }
                ChangeSource::Record { .. } => false,
            };
            if let (true, Some(date)) = (keep, c.date) {
                self.write(json!({
                    "type": "status", "document": doc, "date": iso(date),
                    "status": c.status.label(), "reason": c.reason,
                }))?;
            }
        }
        Ok(())
    }
}

/// The `document` record of one version: its work's key, its metadata, the status its record
/// states (if any) and its text.
fn document_record(work_key: &str, v: &Version, status: Option<String>, body: String) -> Value {
    let m = &v.meta;
    let mut rec = Map::new();
    rec.insert("type".into(), json!("document"));
    if let Some(k) = &v.key {
        rec.insert("key".into(), json!(k));
    }
    rec.insert("work".into(), json!(work_key));
    rec.insert("version".into(), json!(v.seq));
    rec.insert("title".into(), json!(m.title));
    rec.insert("kind".into(), json!(m.kind));
    rec.insert("issuer".into(), json!(m.issuer));
    rec.insert(
        "doc_number".into(),
        json!(m.doc_number.as_ref().map(|n| n.raw())),
    );
    for (name, value) in [
        ("registration_no", &m.registration_no),
        ("index_no", &m.index_no),
    ] {
        if let Some(v) = value {
            rec.insert(name.into(), json!(v));
        }
    }
    for (name, date) in [
        ("signed", m.signed),
        ("issued", m.issued),
        ("effective", m.effective),
        ("expires", m.expires),
    ] {
        rec.insert(name.into(), json!(date.map(iso)));
    }
    rec.insert("status".into(), json!(status));
    rec.insert("label".into(), json!(v.label));
    rec.insert(
        "history".into(),
        serde_json::to_value(&v.history).unwrap_or_default(),
    );
    if let Some(a) = &v.amended_by {
        rec.insert("amended_by".into(), json!(a));
    }
    if let Some(n) = &v.note {
        rec.insert("note".into(), json!(n));
    }
    rec.insert("body".into(), json!(body));
    Value::Object(rec)
}
