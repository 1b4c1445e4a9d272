//! `Registry`: a registry folder opened from Python.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use guifan::index::SearchOptions;
use guifan::index::scope::StatusScope;
use guifan::stats::{self, Field};
use guifan::store::ListFilter;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyType};

use crate::convert::{as_of_arg, reference_arg, repr_str, statuses_arg};
use crate::document::{Document, HistoryItem};
use crate::error::{Error, Result};
use crate::listing::DocumentIterator;
use crate::ops;
use crate::records::{Campaign, Decision};
use crate::reports::{self, ImportReport};
use crate::search::SearchResults;
use crate::shared::{Access, Shared};
use crate::table::{DocumentColumns, StatsTable, Table, counts_batch};
use crate::transaction::Transaction;

const R: Access = Access::Registry;

/// A registry: the folder that holds `registry.sqlite`.
///
/// Open it with `Registry.open(path)` (the folder is created if missing) and use it as a
/// context manager, which closes it. One object may be shared by several threads; see
/// `transaction()` for how they take turns.
#[pyclass(frozen, module = "guifan")]
pub struct Registry {
    pub(crate) shared: Arc<Shared>,
}

fn timeout_arg(timeout: Option<f64>) -> Result<Option<Duration>> {
    match timeout {
        None => Ok(None),
        Some(t) if t.is_finite() && t >= 0.0 => Ok(Some(Duration::from_secs_f64(t))),
        Some(t) => Err(guifan::Error::invalid(
            "timeout",
            t.to_string(),
            "seconds, zero or more, or None to wait as long as it takes",
        )
        .into()),
    }
}

fn open(
    py: Python<'_>,
    path: PathBuf,
    actor: Option<String>,
    timeout: Option<f64>,
    create: bool,
) -> Result<Registry> {
    let timeout = timeout_arg(timeout)?;
    let reg = py.detach(move || -> guifan::Result<guifan::Registry> {
        let mut reg = if create {
            guifan::Registry::open(&path)?
        } else {
            guifan::Registry::open_existing(&path)?
        };
        if let Some(actor) = actor {
            reg.set_actor(actor);
        }
        Ok(reg)
    })?;
    Ok(Registry {
        shared: Arc::new(Shared::new(reg, timeout)),
    })
}

fn list_filter(
    status: Option<&Bound<'_, PyAny>>,
    kind: Option<String>,
    issuer: Option<String>,
    year: Option<i32>,
    as_of: Option<&Bound<'_, PyAny>>,
) -> Result<ListFilter> {
    Ok(ListFilter {
        status: statuses_arg(status)?,
        kind,
        issuer,
        year,
        as_of: Some(as_of_arg(as_of)?),
    })
}

fn fields_arg(by: &Bound<'_, PyAny>) -> Result<Vec<Field>> {
    if let Ok(s) = by.cast::<PyString>() {
        return Ok(Field::parse_list(s.to_str()?)?);
    }
    let mut names = Vec::new();
    for item in by.try_iter()? {
        names.push(item?.extract::<String>()?);
    }
    Ok(Field::parse_list(&names.join(","))?)
}

#[pymethods]
impl Registry {
    /// Opens the registry in `path`, creating the folder and the store if they are missing.
    ///
    /// `actor` is the name the audit log records for changes made through this object.
    /// `timeout` is how many seconds a call waits for another thread's open transaction
    /// before raising `ConflictError`; `None` waits as long as it takes.
    #[new]
    #[pyo3(signature = (path, *, actor=None, timeout=None))]
    fn py_new(
        py: Python<'_>,
        path: PathBuf,
        actor: Option<String>,
        timeout: Option<f64>,
    ) -> Result<Registry> {
        open(py, path, actor, timeout, true)
    }

    /// Opens the registry in `path`, creating it if missing (the same as `Registry(path)`).
    #[classmethod]
    #[pyo3(name = "open", signature = (path, *, actor=None, timeout=None))]
    fn py_open(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        path: PathBuf,
        actor: Option<String>,
        timeout: Option<f64>,
    ) -> Result<Registry> {
        open(py, path, actor, timeout, true)
    }

    /// Opens an existing registry; raises `NotFoundError` when `path` holds none.
    #[classmethod]
    #[pyo3(signature = (path, *, actor=None, timeout=None))]
    fn open_existing(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        path: PathBuf,
        actor: Option<String>,
        timeout: Option<f64>,
    ) -> Result<Registry> {
        open(py, path, actor, timeout, false)
    }

    /// The registry folder.
    #[getter]
    fn path(&self) -> PathBuf {
        self.shared.path().to_path_buf()
    }

    /// Who the audit log names for changes made through this object.
    #[getter]
    fn actor(&self, py: Python<'_>) -> Result<String> {
        self.shared.run(py, R, |reg| Ok(reg.actor().to_owned()))
    }

    #[setter]
    fn set_actor(&self, py: Python<'_>, actor: String) -> Result<()> {
        self.shared.run(py, R, move |reg| {
            reg.set_actor(actor);
            Ok(())
        })
    }

    /// Whether a transaction is open (in any thread).
    #[getter]
    fn in_transaction(&self) -> bool {
        self.shared.in_transaction()
    }

    /// Whether `close()` was called.
    #[getter]
    fn closed(&self) -> bool {
        self.shared.is_closed()
    }

    /// Closes the store. A transaction this thread left open is rolled back. Closing twice is
    /// harmless; any other call afterwards raises `ClosedError`.
    fn close(&self, py: Python<'_>) -> Result<()> {
        self.shared.close(py)
    }

    fn __enter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    /// Closes the registry; an exception in the block is not swallowed.
    #[pyo3(signature = (_exc_type=None, _exc_value=None, _traceback=None))]
    fn __exit__(
        &self,
        py: Python<'_>,
        _exc_type: Option<&Bound<'_, PyAny>>,
        _exc_value: Option<&Bound<'_, PyAny>>,
        _traceback: Option<&Bound<'_, PyAny>>,
    ) -> Result<bool> {
        self.close(py)?;
        Ok(false)
    }

    /// The number of documents (works).
    fn __len__(&self, py: Python<'_>) -> Result<usize> {
        let n = self.shared.run(py, R, |reg| reg.count_works())?;
        Ok(usize::try_from(n).unwrap_or(usize::MAX))
    }

    fn __repr__(&self) -> String {
        format!(
            "Registry(path={}{})",
            repr_str(&self.shared.path().display().to_string()),
            if self.shared.is_closed() {
                ", closed=True"
            } else {
                ""
            }
        )
    }

    /// Opens a transaction: every write through it (or through this registry, from this
    /// thread) commits together when the `with` block ends cleanly, and is rolled back when
    /// it raises. While it is open, other threads' calls on this registry wait for it.
    fn transaction(&self, py: Python<'_>) -> Result<Transaction> {
        let id = self.shared.begin(py)?;
        Ok(Transaction::new(Arc::clone(&self.shared), id))
    }

    /// Imports a JSON Lines file in one transaction: a bad record raises `InvalidInputError`
    /// (with `.line`, `.field`, `.value`) and nothing of the file is written.
    fn import_jsonl(&self, py: Python<'_>, path: PathBuf) -> Result<ImportReport> {
        ops::import_jsonl(py, &self.shared, R, path)
    }

    /// Writes the registry (or one document's records) as JSON Lines: to `path` when given,
    /// else returned as a string. Importing it into an empty registry rebuilds this one.
    #[pyo3(signature = (path=None, *, document=None))]
    fn export_jsonl(
        &self,
        py: Python<'_>,
        path: Option<PathBuf>,
        document: Option<&Bound<'_, PyAny>>,
    ) -> Result<Option<String>> {
        let only = document.map(|d| reference_arg("document", d)).transpose()?;
        let out = self.shared.run(py, R, move |reg| {
            let only = only.map(|r| reg.resolve(&r)).transpose()?;
            let mut buf = Vec::new();
            guifan::interchange::export_jsonl(reg, only, &mut buf)?;
            Ok(buf)
        })?;
        match path {
            Some(path) => {
                py.detach(|| std::fs::write(&path, &out).map_err(|e| guifan::Error::io(&path, e)))?;
                Ok(None)
            }
            None => Ok(Some(String::from_utf8(out).map_err(|e| {
                Error::Py(PyValueError::new_err(format!("export is not UTF-8: {e}")))
            })?)),
        }
    }

    /// The id of the document a reference names: an id, a version key, a work key, a 文号 in
    /// any spelling, or an exact title. Raises `NotFoundError` or `AmbiguousError`.
    fn resolve(&self, py: Python<'_>, document: &Bound<'_, PyAny>) -> Result<i64> {
        let reference = reference_arg("document", document)?;
        let id = self.shared.run(py, R, move |reg| reg.resolve(&reference))?;
        Ok(id.0)
    }

    /// A document with its versions, history, filings, reviews, decisions and relations; its
    /// status as of `as_of` (default today).
    #[pyo3(signature = (document, *, as_of=None))]
    fn get(
        &self,
        py: Python<'_>,
        document: &Bound<'_, PyAny>,
        as_of: Option<&Bound<'_, PyAny>>,
    ) -> Result<Document> {
        ops::get(py, &self.shared, R, document, as_of)
    }

    /// The status of a document on a date (default today).
    #[pyo3(signature = (document, *, as_of=None))]
    fn status_of(
        &self,
        py: Python<'_>,
        document: &Bound<'_, PyAny>,
        as_of: Option<&Bound<'_, PyAny>>,
    ) -> Result<Py<PyAny>> {
        ops::status_of(py, &self.shared, R, document, as_of)
    }

    /// The text of one version of a document: `version` (a sequence number), else the version
    /// in force on `as_of` (default today), else the newest.
    #[pyo3(signature = (document, *, version=None, as_of=None))]
    fn text(
        &self,
        py: Python<'_>,
        document: &Bound<'_, PyAny>,
        version: Option<u32>,
        as_of: Option<&Bound<'_, PyAny>>,
    ) -> Result<String> {
        let reference = reference_arg("document", document)?;
        let as_of = as_of_arg(as_of)?;
        self.shared.run(py, R, move |reg| {
            let id = reg.resolve(&reference)?;
            let seq = match version {
                Some(v) => v,
                None => {
                    let work = reg.work(id)?;
                    work.version_in_force(as_of).unwrap_or(work.latest()).seq
                }
            };
            reg.text(id, seq)
        })
    }

    /// A document's whole history in date order.
    fn history(&self, py: Python<'_>, document: &Bound<'_, PyAny>) -> Result<Vec<HistoryItem>> {
        let reference = reference_arg("document", document)?;
        let items = self.shared.run(py, R, move |reg| {
            let id = reg.resolve(&reference)?;
            reg.history(id)
        })?;
        Ok(items
            .iter()
            .map(|h| HistoryItem::new(py, h))
            .collect::<PyResult<Vec<_>>>()?)
    }

    /// The documents that pass the filters, with their status on `as_of` (default today):
    /// an iterator of `DocumentSummary`; `.to_arrow()` on it gives them as a `Table`.
    ///
    /// `status` is one status or several (tokens or Chinese labels); `kind` matches exactly;
    /// `issuer` matches a part of the issuer; `year` is the year first issued.
    #[pyo3(signature = (*, status=None, kind=None, issuer=None, year=None, as_of=None))]
    fn documents(
        &self,
        py: Python<'_>,
        status: Option<&Bound<'_, PyAny>>,
        kind: Option<String>,
        issuer: Option<String>,
        year: Option<i32>,
        as_of: Option<&Bound<'_, PyAny>>,
    ) -> Result<DocumentIterator> {
        let filter = list_filter(status, kind, issuer, year, as_of)?;
        let items = self.shared.run(py, R, move |reg| reg.list(&filter))?;
        Ok(DocumentIterator::new(items))
    }

    /// The same documents as `documents(...)`, as an Arrow `Table`, built without a Python
    /// object per row.
    #[pyo3(signature = (*, status=None, kind=None, issuer=None, year=None, as_of=None))]
    fn documents_table(
        &self,
        py: Python<'_>,
        status: Option<&Bound<'_, PyAny>>,
        kind: Option<String>,
        issuer: Option<String>,
        year: Option<i32>,
        as_of: Option<&Bound<'_, PyAny>>,
    ) -> Result<Table> {
        let filter = list_filter(status, kind, issuer, year, as_of)?;
        // Straight from the registry's snapshot into Arrow builders: no list in between.
        let columns = self.shared.run(py, R, move |reg| {
            let mut columns = DocumentColumns::with_capacity(reg.snapshot()?.works().len());
            reg.visit_list(&filter, |w, v, status| columns.push_visited(w, v, status))?;
            Ok(columns)
        })?;
        let batch = py.detach(move || columns.finish())?;
        Ok(Table::new(batch))
    }

    /// Counts documents by fields (`status`, `kind`, `issuer`, `year`; a list or a
    /// comma-separated string) as of a date (default today), among those the filters let
    /// through. A `StatsTable`: one column per field plus `count`, largest count first.
    #[pyo3(signature = (by=None, *, as_of=None, status=None, kind=None, issuer=None, year=None))]
    #[allow(clippy::too_many_arguments)]
    fn stats(
        &self,
        py: Python<'_>,
        by: Option<&Bound<'_, PyAny>>,
        as_of: Option<&Bound<'_, PyAny>>,
        status: Option<&Bound<'_, PyAny>>,
        kind: Option<String>,
        issuer: Option<String>,
        year: Option<i32>,
    ) -> Result<Py<StatsTable>> {
        let by = match by.filter(|b| !b.is_none()) {
            Some(b) => fields_arg(b)?,
            None => vec![Field::Status],
        };
        let as_of = as_of_arg(as_of)?;
        let filter = list_filter(status, kind, issuer, year, None)?;
        let counts = self
            .shared
            .run(py, R, move |reg| stats::counts(reg, &by, as_of, &filter))?;
        let batch = counts_batch(&counts)?;
        let init = StatsTable::new(py, &counts, batch)?;
        Ok(Py::new(py, init)?)
    }

    /// Searches titles and texts. `query`: terms ANDed, `"exact phrase"`, `OR`, `-excluded`,
    /// `title:`, `issuer:`, `kind:`, `number:` (see the README). By default the versions in
    /// force today of documents that are 有效 or 待修订; `status` takes tokens or labels (a str
    /// or a list) or `"any"`; `as_of` answers for a date; `all_versions` includes superseded
    /// versions. A `SearchResults`: `total`, the hits of the page, `facets` over all matches.
    #[pyo3(signature = (query, *, status=None, as_of=None, kind=None, issuer=None, year=None, all_versions=false, limit=20, offset=0, snippets=true))]
    #[allow(clippy::too_many_arguments)]
    fn search(
        &self,
        py: Python<'_>,
        query: String,
        status: Option<&Bound<'_, PyAny>>,
        as_of: Option<&Bound<'_, PyAny>>,
        kind: Option<String>,
        issuer: Option<String>,
        year: Option<i32>,
        all_versions: bool,
        limit: usize,
        offset: usize,
        snippets: bool,
    ) -> Result<Py<SearchResults>> {
        let scope = match status.filter(|s| !s.is_none()) {
            None => StatusScope::InForce,
            Some(s)
                if s.extract::<String>()
                    .is_ok_and(|t| t.trim().eq_ignore_ascii_case("any")) =>
            {
                StatusScope::Any
            }
            Some(s) => StatusScope::Only(statuses_arg(Some(s))?),
        };
        let opts = SearchOptions {
            status: scope,
            as_of: Some(as_of_arg(as_of)?),
            all_versions,
            kind,
            issuer,
            year,
            limit,
            offset,
            snippets,
        };
        let results = self
            .shared
            .run_search(py, R, move |reg, index| index.search(reg, &query, &opts))?;
        Ok(Py::new(py, SearchResults::new(py, &results)?)?)
    }

    /// The clearance report of a campaign: a dict shaped like
    /// `guifan stats --campaign KEY --json`, plus `sentence`.
    fn clearance_report<'py>(
        &self,
        py: Python<'py>,
        campaign: String,
    ) -> Result<Bound<'py, PyDict>> {
        let report = self
            .shared
            .run(py, R, move |reg| stats::clearance_report(reg, &campaign))?;
        Ok(reports::clearance(py, &report)?)
    }

    /// Filing timeliness over every filing (of documents issued in `year`, when given), as
    /// of a date for the pending ones: a dict shaped like `guifan stats --filings --json`.
    #[pyo3(signature = (*, as_of=None, year=None))]
    fn filing_timeliness<'py>(
        &self,
        py: Python<'py>,
        as_of: Option<&Bound<'py, PyAny>>,
        year: Option<i32>,
    ) -> Result<Bound<'py, PyDict>> {
        let as_of = as_of_arg(as_of)?;
        let t = self
            .shared
            .run(py, R, move |reg| stats::filing_timeliness(reg, as_of, year))?;
        Ok(reports::timeliness(py, &t)?)
    }

    /// Documents in force on `as_of` (default today) whose 有效期 ends within `within_days`,
    /// soonest first: dicts with `expires`, `days_left` and `evaluation_due`.
    #[pyo3(signature = (within_days=180, *, as_of=None))]
    fn expiring<'py>(
        &self,
        py: Python<'py>,
        within_days: u32,
        as_of: Option<&Bound<'py, PyAny>>,
    ) -> Result<Bound<'py, PyList>> {
        let as_of = as_of_arg(as_of)?;
        let list = self
            .shared
            .run(py, R, move |reg| stats::expiring(reg, as_of, within_days))?;
        let items = list
            .iter()
            .map(|e| reports::expiring(py, e))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(PyList::new(py, items)?)
    }

    /// Reviews by review kind and kind of document reviewed (dated in `year`, when given).
    #[pyo3(signature = (*, year=None))]
    fn review_counts<'py>(&self, py: Python<'py>, year: Option<i32>) -> Result<Bound<'py, PyList>> {
        let rows = self
            .shared
            .run(py, R, move |reg| stats::review_counts(reg, year))?;
        let items = rows
            .iter()
            .map(|r| reports::review_row(py, r))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(PyList::new(py, items)?)
    }

    /// Every clearance campaign, in the order opened.
    fn campaigns(&self, py: Python<'_>) -> Result<Vec<Campaign>> {
        let list = self.shared.run(py, R, |reg| reg.campaigns())?;
        Ok(list
            .iter()
            .map(|c| Campaign::new(py, c))
            .collect::<PyResult<Vec<_>>>()?)
    }

    /// The decisions of a campaign, in the order made.
    fn decisions(&self, py: Python<'_>, campaign: String) -> Result<Vec<Decision>> {
        let list = self
            .shared
            .run(py, R, move |reg| reg.decisions(&campaign))?;
        Ok(list
            .iter()
            .map(|d| Decision::new(py, d))
            .collect::<PyResult<Vec<_>>>()?)
    }

    /// Checks the store, the audit hash chain and the stored texts: a dict shaped like
    /// `guifan check --json`, plus `ok`.
    fn check<'py>(&self, py: Python<'py>) -> Result<Bound<'py, PyDict>> {
        let report = self.shared.run(py, R, |reg| reg.check())?;
        Ok(reports::check(py, &report)?)
    }

    /// Opens a clearance campaign.
    #[pyo3(signature = (key, name, *, scope=None, opened=None))]
    fn open_campaign(
        &self,
        py: Python<'_>,
        key: String,
        name: String,
        scope: Option<String>,
        opened: Option<&Bound<'_, PyAny>>,
    ) -> Result<()> {
        ops::open_campaign(py, &self.shared, R, key, name, scope, opened)
    }

    /// Records a campaign's decision on a document: 继续有效, 待修订, 废止 or 宣布失效 (or the
    /// tokens). One decision per document per campaign.
    #[pyo3(signature = (campaign, document, outcome, *, reason=None))]
    fn decide(
        &self,
        py: Python<'_>,
        campaign: String,
        document: &Bound<'_, PyAny>,
        outcome: &Bound<'_, PyAny>,
        reason: Option<String>,
    ) -> Result<()> {
        ops::decide(py, &self.shared, R, campaign, document, outcome, reason)
    }

    /// Announces a campaign on `date`: its decisions become status changes. Returns how many.
    fn announce(&self, py: Python<'_>, campaign: String, date: &Bound<'_, PyAny>) -> Result<usize> {
        ops::announce(py, &self.shared, R, campaign, date)
    }

    /// Changes a document's status from `date` on, by hand. Raises `StatusChangeError` for a
    /// derived status, a date before the document is in force, or no change.
    #[pyo3(signature = (document, status, date, *, reason=None))]
    fn change_status(
        &self,
        py: Python<'_>,
        document: &Bound<'_, PyAny>,
        status: &Bound<'_, PyAny>,
        date: &Bound<'_, PyAny>,
        reason: Option<String>,
    ) -> Result<()> {
        ops::change_status(py, &self.shared, R, document, status, date, reason)
    }

    /// Records a filing (备案) of a document with `filed_with`; returns its id.
    #[pyo3(signature = (document, filed_with, *, submitted=None, number=None, outcome=None, deadline_days=30, note=None))]
    #[allow(clippy::too_many_arguments)]
    fn record_filing(
        &self,
        py: Python<'_>,
        document: &Bound<'_, PyAny>,
        filed_with: String,
        submitted: Option<&Bound<'_, PyAny>>,
        number: Option<String>,
        outcome: Option<&Bound<'_, PyAny>>,
        deadline_days: u32,
        note: Option<String>,
    ) -> Result<i64> {
        ops::record_filing(
            py,
            &self.shared,
            R,
            document,
            filed_with,
            submitted,
            number,
            outcome,
            deadline_days,
            note,
        )
    }

    /// Records a review of a document (合法性审核, 备案审查, 公平竞争审查, 评估); returns its id.
    #[pyo3(signature = (document, kind, *, reviewer, date, conclusion, opinion=None))]
    #[allow(clippy::too_many_arguments)]
    fn record_review(
        &self,
        py: Python<'_>,
        document: &Bound<'_, PyAny>,
        kind: &Bound<'_, PyAny>,
        reviewer: String,
        date: &Bound<'_, PyAny>,
        conclusion: String,
        opinion: Option<String>,
    ) -> Result<i64> {
        ops::record_review(
            py,
            &self.shared,
            R,
            document,
            kind,
            reviewer,
            date,
            conclusion,
            opinion,
        )
    }

    /// Records a relation (依据, 修改, 废止, 替代, 实施, 引用) from `source` to `target`; a
    /// target not in the registry is kept as the citation as written. Returns its id.
    #[pyo3(signature = (source, kind, target, *, note=None))]
    fn relate(
        &self,
        py: Python<'_>,
        source: &Bound<'_, PyAny>,
        kind: &Bound<'_, PyAny>,
        target: &Bound<'_, PyAny>,
        note: Option<String>,
    ) -> Result<i64> {
        ops::relate(py, &self.shared, R, source, kind, target, note)
    }
}
