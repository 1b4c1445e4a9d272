//! Reports: `ImportReport`, and the dicts shaped like the command line's `--json` output
//! (clearance report, filing timeliness, expiring documents, review counts, check), with
//! dates as `datetime.date` and statuses as `guifan.Status`.

use guifan::interchange::ImportReport as CoreImportReport;
use guifan::stats::{ClearanceReport, Expiring, FilingTimeliness, ReviewRow};
use guifan::store::CheckReport;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::convert::{self, opt_py_date, py_date};

/// What an import did.
#[pyclass(frozen, module = "guifan", get_all)]
pub struct ImportReport {
    /// Records read (non-blank lines).
    records: u64,
    /// Document records, i.e. versions stored.
    documents: u64,
    /// Documents (works) created by them.
    works_created: u64,
    campaigns: u64,
    decisions: u64,
    /// Status changes made by announcing campaigns.
    announced: u64,
    filings: u64,
    reviews: u64,
    relations: u64,
    /// Status changes from `status` records.
    status_changes: u64,
}

impl From<&CoreImportReport> for ImportReport {
    fn from(r: &CoreImportReport) -> Self {
        ImportReport {
            records: r.records,
            documents: r.documents,
            works_created: r.works_created,
            campaigns: r.campaigns,
            decisions: r.decisions,
            announced: r.announced,
            filings: r.filings,
            reviews: r.reviews,
            relations: r.relations,
            status_changes: r.status_changes,
        }
    }
}

impl ImportReport {
    fn fields(&self) -> [(&'static str, u64); 10] {
        [
            ("records", self.records),
            ("documents", self.documents),
            ("works_created", self.works_created),
            ("campaigns", self.campaigns),
            ("decisions", self.decisions),
            ("announced", self.announced),
            ("filings", self.filings),
            ("reviews", self.reviews),
            ("relations", self.relations),
            ("status_changes", self.status_changes),
        ]
    }
}

#[pymethods]
impl ImportReport {
    /// The counts as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (k, v) in self.fields() {
            d.set_item(k, v)?;
        }
        Ok(d)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<ImportReport>()
            .is_ok_and(|o| o.get().fields() == self.fields())
    }

    fn __repr__(&self) -> String {
        // Records and documents always; the other counts when not zero.
        let parts: Vec<String> = self
            .fields()
            .iter()
            .enumerate()
            .filter(|(i, (_, v))| *i < 2 || *v > 0)
            .map(|(_, (k, v))| format!("{k}={v}"))
            .collect();
        format!("ImportReport({})", parts.join(", "))
    }
}

/// `guifan stats --campaign KEY --json`, plus `sentence` (the bureau's published sentence).
pub fn clearance<'py>(py: Python<'py>, r: &ClearanceReport) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("campaign", &r.campaign)?;
    d.set_item("name", &r.name)?;
    d.set_item("scope", &r.scope)?;
    d.set_item("announced", opt_py_date(py, r.announced)?)?;
    d.set_item("total", r.total)?;
    let outcomes = PyDict::new(py);
    for o in guifan::model::Outcome::ALL {
        outcomes.set_item(o.token(), r.count(o))?;
    }
    d.set_item("outcomes", outcomes)?;
    d.set_item("repealed_or_invalidated", r.repealed_or_invalidated)?;
    d.set_item("sentence", r.sentence())?;
    Ok(d)
}

/// `guifan stats --filings --json`.
pub fn timeliness<'py>(py: Python<'py>, t: &FilingTimeliness) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("as_of", py_date(py, t.as_of)?)?;
    for (k, v) in [
        ("total", t.total),
        ("on_time", t.on_time),
        ("late", t.late),
        ("pending", t.pending),
        ("overdue", t.overdue),
        ("undetermined", t.undetermined),
        ("documents", t.documents),
    ] {
        d.set_item(k, v)?;
    }
    let by_body = PyDict::new(py);
    for (body, n) in &t.by_body {
        by_body.set_item(body, n)?;
    }
    d.set_item("by_body", by_body)?;
    let late = PyList::empty(py);
    for l in &t.late_filings {
        let item = PyDict::new(py);
        item.set_item("document", l.work.0)?;
        item.set_item("title", &l.title)?;
        item.set_item("filed_with", &l.filed_with)?;
        item.set_item("deadline", py_date(py, l.deadline)?)?;
        item.set_item("submitted", opt_py_date(py, l.submitted)?)?;
        item.set_item("days_late", l.days_late)?;
        late.append(item)?;
    }
    d.set_item("late_filings", late)?;
    Ok(d)
}

/// One entry of `guifan stats --expiring DAYS --json`'s `documents`.
pub fn expiring<'py>(py: Python<'py>, e: &Expiring) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("id", e.id.0)?;
    d.set_item("key", &e.key)?;
    d.set_item("title", &e.title)?;
    d.set_item("doc_number", &e.doc_number)?;
    d.set_item("issuer", &e.issuer)?;
    d.set_item("status", convert::status(py, e.status)?)?;
    d.set_item("expires", py_date(py, e.expires)?)?;
    d.set_item("days_left", e.days_left)?;
    d.set_item("evaluation_due", py_date(py, e.evaluation_due)?)?;
    Ok(d)
}

/// One row of `guifan stats --reviews --json`.
pub fn review_row<'py>(py: Python<'py>, r: &ReviewRow) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("kind", convert::review_kind(py, r.kind)?)?;
    d.set_item("document_kind", &r.document_kind)?;
    d.set_item("reviews", r.reviews)?;
    d.set_item("documents", r.documents)?;
    Ok(d)
}

/// `guifan check --json`, plus `ok`.
pub fn check<'py>(py: Python<'py>, c: &CheckReport) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("ok", c.ok())?;
    d.set_item("schema_version", c.schema_version)?;
    d.set_item("works", c.works)?;
    d.set_item("versions", c.versions)?;
    d.set_item("audit_entries", c.audit_entries)?;
    d.set_item("head_hash", &c.head_hash)?;
    d.set_item("problems", PyList::new(py, &c.problems)?)?;
    Ok(d)
}
