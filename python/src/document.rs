//! `Document` (a work with everything the registry knows of it, as of a date) and its parts:
//! `Version`, `HistoryItem`, `StatusChange`, `Relation`.

use guifan::model::timeline::ChangeSource;
use guifan::model::{Decision, Filing, Review, StatusChange as CoreChange, Version as CoreVersion};
use guifan::store::{HistoryItem as CoreHistoryItem, RelationView};
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use time::Date;

use crate::convert::{self, opt_py_date, py_date, repr_opt, repr_str};
use crate::records;

/// Everything `Registry.get` loads about one work, read in one locked call.
pub struct Loaded {
    pub work: guifan::model::Work,
    pub changes: Vec<CoreChange>,
    pub history: Vec<CoreHistoryItem>,
    pub filings: Vec<Filing>,
    pub reviews: Vec<Review>,
    pub decisions: Vec<Decision>,
    pub relations: Vec<RelationView>,
    pub as_of: Date,
}

impl Loaded {
    pub fn load(
        reg: &guifan::Registry,
        id: guifan::model::WorkId,
        as_of: Date,
    ) -> guifan::Result<Self> {
        Ok(Loaded {
            work: reg.work(id)?,
            changes: reg.status_changes(id)?,
            history: reg.history(id)?,
            filings: reg.filings(id)?,
            reviews: reg.reviews(id)?,
            decisions: reg.decisions_on(id)?,
            relations: reg.relations(id)?,
            as_of,
        })
    }
}

/// A document (a work, across its versions), as of a date: described by its newest version,
/// with its status on that date, its versions, history, filings, reviews, campaign decisions,
/// relations and status changes.
#[pyclass(frozen, module = "guifan", get_all)]
pub struct Document {
    /// The registry id.
    id: i64,
    /// The work key (groups the versions).
    work: String,
    /// The newest version's key.
    key: Option<String>,
    title: String,
    kind: String,
    issuer: String,
    /// The canonical 文号 (`潜政规〔2024〕3号`).
    doc_number: Option<String>,
    signed: Py<PyAny>,
    issued: Py<PyAny>,
    effective: Py<PyAny>,
    expires: Py<PyAny>,
    /// The status on `as_of`.
    status: Py<PyAny>,
    as_of: Py<PyAny>,
    /// The sequence number of the version in force on `as_of`, if any.
    version_in_force: Option<u32>,
    versions: Py<PyTuple>,
    history: Py<PyTuple>,
    filings: Py<PyTuple>,
    reviews: Py<PyTuple>,
    decisions: Py<PyTuple>,
    relations: Py<PyTuple>,
    status_changes: Py<PyTuple>,
}

impl Document {
    pub fn from_loaded(py: Python<'_>, l: Loaded) -> PyResult<Document> {
        let status = guifan::store::status_of(&l.work, &l.changes, l.as_of);
        let in_force = l.work.version_in_force(l.as_of).map(|v| v.seq);
        let latest = l.work.latest();
        let m = &latest.meta;
        let versions = l
            .work
            .versions
            .iter()
            .map(|v| Version::new(py, v))
            .collect::<PyResult<Vec<_>>>()?;
        let history = l
            .history
            .iter()
            .map(|h| HistoryItem::new(py, h))
            .collect::<PyResult<Vec<_>>>()?;
        let filings = l
            .filings
            .iter()
            .map(|f| records::Filing::new(py, f, l.as_of))
            .collect::<PyResult<Vec<_>>>()?;
        let reviews = l
            .reviews
            .iter()
            .map(|r| records::Review::new(py, r))
            .collect::<PyResult<Vec<_>>>()?;
        let decisions = l
            .decisions
            .iter()
            .map(|d| records::Decision::new(py, d))
            .collect::<PyResult<Vec<_>>>()?;
        let relations = l
            .relations
            .iter()
            .map(|r| Relation::new(py, r))
            .collect::<PyResult<Vec<_>>>()?;
        let changes = l
            .changes
            .iter()
            .map(|c| StatusChange::new(py, c))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(Document {
            id: l.work.id.0,
            work: l.work.key.clone(),
            key: latest.key.clone(),
            title: m.title.clone(),
            kind: m.kind.clone(),
            issuer: m.issuer.clone(),
            doc_number: m.doc_number.as_ref().map(|n| n.canonical().to_owned()),
            signed: opt_py_date(py, m.signed)?,
            issued: opt_py_date(py, m.issued)?,
            effective: opt_py_date(py, m.effective)?,
            expires: opt_py_date(py, m.expires)?,
            status: convert::status(py, status)?,
            as_of: py_date(py, l.as_of)?,
            version_in_force: in_force,
            versions: tuple(py, versions)?,
            history: tuple(py, history)?,
            filings: tuple(py, filings)?,
            reviews: tuple(py, reviews)?,
            decisions: tuple(py, decisions)?,
            relations: tuple(py, relations)?,
            status_changes: tuple(py, changes)?,
        })
    }
}

fn tuple<T: pyo3::PyClass + Into<pyo3::PyClassInitializer<T>>>(
    py: Python<'_>,
    items: Vec<T>,
) -> PyResult<Py<PyTuple>> {
    let objects = items
        .into_iter()
        .map(|i| Bound::new(py, i))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(PyTuple::new(py, objects)?.unbind())
}

#[pymethods]
impl Document {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Document(id={}, key={}, title={}, status={}, versions={})",
            self.id,
            repr_opt(self.key.as_deref()),
            repr_str(&self.title),
            self.status.bind(py).getattr("value")?.repr()?,
            self.versions.bind(py).len()
        ))
    }
}

/// One version of a document (its text is `Registry.text(id, version=seq)`).
#[pyclass(frozen, module = "guifan", get_all)]
pub struct Version {
    seq: u32,
    key: Option<String>,
    /// 原文, 修正, 修订 or 修改.
    label: String,
    title: String,
    kind: String,
    issuer: String,
    doc_number: Option<String>,
    registration_no: Option<String>,
    index_no: Option<String>,
    signed: Py<PyAny>,
    issued: Py<PyAny>,
    effective: Py<PyAny>,
    expires: Py<PyAny>,
    /// SHA-256 of the text.
    content_hash: String,
    /// Characters of text.
    chars: u64,
    amended_by: Option<String>,
    note: Option<String>,
    /// Whether the source marks this version as superseded (已修改).
    superseded: bool,
}

impl Version {
    fn new(py: Python<'_>, v: &CoreVersion) -> PyResult<Version> {
        let m = &v.meta;
        Ok(Version {
            seq: v.seq,
            key: v.key.clone(),
            label: v.label.clone(),
            title: m.title.clone(),
            kind: m.kind.clone(),
            issuer: m.issuer.clone(),
            doc_number: m.doc_number.as_ref().map(|n| n.canonical().to_owned()),
            registration_no: m.registration_no.clone(),
            index_no: m.index_no.clone(),
            signed: opt_py_date(py, m.signed)?,
            issued: opt_py_date(py, m.issued)?,
            effective: opt_py_date(py, m.effective)?,
            expires: opt_py_date(py, m.expires)?,
            content_hash: v.content_hash.clone(),
            chars: v.chars,
            amended_by: v.amended_by.clone(),
            note: v.note.clone(),
            superseded: v.superseded,
        })
    }
}

#[pymethods]
impl Version {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Version(seq={}, key={}, label={}, effective={})",
            self.seq,
            repr_opt(self.key.as_deref()),
            repr_str(&self.label),
            self.effective.bind(py).repr()?
        ))
    }
}

/// One item of a document's history, in date order.
#[pyclass(frozen, module = "guifan", get_all)]
pub struct HistoryItem {
    date: Py<PyAny>,
    /// `source` (the document's own history), `version`, `status`, `decision`, `filing` or
    /// `review`.
    kind: &'static str,
    event: String,
}

impl HistoryItem {
    pub(crate) fn new(py: Python<'_>, h: &CoreHistoryItem) -> PyResult<HistoryItem> {
        Ok(HistoryItem {
            date: opt_py_date(py, h.date)?,
            kind: h.kind,
            event: h.event.clone(),
        })
    }
}

#[pymethods]
impl HistoryItem {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "HistoryItem(date={}, kind={}, event={})",
            self.date.bind(py).repr()?,
            repr_str(self.kind),
            repr_str(&self.event)
        ))
    }
}

/// A dated status change of a document.
#[pyclass(frozen, module = "guifan", get_all)]
pub struct StatusChange {
    /// From when the status holds; `None` when the source gives no date.
    date: Py<PyAny>,
    status: Py<PyAny>,
    reason: Option<String>,
    /// `record:v1` (stated by a version record), `manual`, or `campaign:KEY`.
    source: String,
    actor: String,
}

impl StatusChange {
    fn new(py: Python<'_>, c: &CoreChange) -> PyResult<StatusChange> {
        let source = match &c.source {
            ChangeSource::Record { version } => format!("record:v{version}"),
            ChangeSource::Manual => "manual".to_owned(),
            ChangeSource::Campaign { key } => format!("campaign:{key}"),
        };
        Ok(StatusChange {
            date: opt_py_date(py, c.date)?,
            status: convert::status(py, c.status)?,
            reason: c.reason.clone(),
            source,
            actor: c.actor.clone(),
        })
    }
}

#[pymethods]
impl StatusChange {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "StatusChange(date={}, status={}, source={})",
            self.date.bind(py).repr()?,
            self.status.bind(py).getattr("value")?.repr()?,
            repr_str(&self.source)
        ))
    }
}

/// A relation seen from one document: what it rests on or cites (`outgoing`), and what rests
/// on or cites it (`incoming`).
#[pyclass(frozen, module = "guifan", get_all)]
pub struct Relation {
    id: i64,
    kind: Py<PyAny>,
    direction: &'static str,
    /// The other document's id, when it is in the registry.
    other: Option<i64>,
    other_title: Option<String>,
    /// The citation as written, when the other document is not in the registry.
    cited_as: Option<String>,
    source: Py<PyAny>,
}

impl Relation {
    fn new(py: Python<'_>, r: &RelationView) -> PyResult<Relation> {
        Ok(Relation {
            id: r.id,
            kind: convert::relation_kind(py, r.kind)?,
            direction: r.direction,
            other: r.other.map(|w| w.0),
            other_title: r.other_title.clone(),
            cited_as: r.cited_as.clone(),
            source: convert::relation_source(py, r.source)?,
        })
    }
}

#[pymethods]
impl Relation {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Relation(kind={}, direction={}, other={}, other_title={})",
            self.kind.bind(py).getattr("value")?.repr()?,
            repr_str(self.direction),
            self.other
                .map_or_else(|| "None".to_owned(), |o| o.to_string()),
            repr_opt(self.other_title.as_deref().or(self.cited_as.as_deref()))
        ))
    }
}
