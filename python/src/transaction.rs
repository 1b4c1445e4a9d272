//! `Transaction`: writes that commit together, or not at all.

use std::path::PathBuf;
use std::sync::Arc;

use pyo3::prelude::*;

use crate::document::Document;
use crate::error::Result;
use crate::ops;
use crate::reports::ImportReport;
use crate::shared::{Access, Shared};

/// An open transaction of a `Registry` (from `Registry.transaction()`).
///
/// As a context manager it commits when the block ends cleanly and rolls back when the block
/// raises; the exception is not swallowed, and a failed commit raises. `commit()` and
/// `rollback()` end it by hand. A transaction dropped while open is rolled back.
///
/// It belongs to the thread that opened it: that thread's calls on the registry join it;
/// other threads' calls wait until it ends.
#[pyclass(frozen, module = "guifan")]
pub struct Transaction {
    shared: Arc<Shared>,
    id: u64,
}

impl Transaction {
    pub fn new(shared: Arc<Shared>, id: u64) -> Transaction {
        Transaction { shared, id }
    }

    fn access(&self) -> Access {
        Access::Transaction(self.id)
    }
}

impl Drop for Transaction {
    fn drop(&mut self) {
        let shared = Arc::clone(&self.shared);
        let id = self.id;
        // Another thread may hold the lock while it works; it never needs the GIL for that,
        // but wait without the GIL all the same.
        Python::attach(|py| py.detach(move || shared.abandon(id)));
    }
}

#[pymethods]
impl Transaction {
    /// Whether the transaction is still open.
    #[getter]
    fn active(&self) -> bool {
        self.shared.is_open(self.id)
    }

    /// Commits every write made in the transaction.
    fn commit(&self, py: Python<'_>) -> Result<()> {
        self.shared.finish(py, self.id, true)
    }

    /// Rolls back every write made in the transaction.
    fn rollback(&self, py: Python<'_>) -> Result<()> {
        self.shared.finish(py, self.id, false)
    }

    fn __enter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    /// Commits on a clean exit, rolls back on an exception (which then propagates).
    #[pyo3(signature = (exc_type=None, _exc_value=None, _traceback=None))]
    fn __exit__(
        &self,
        py: Python<'_>,
        exc_type: Option<&Bound<'_, PyAny>>,
        _exc_value: Option<&Bound<'_, PyAny>>,
        _traceback: Option<&Bound<'_, PyAny>>,
    ) -> Result<bool> {
        if !self.shared.is_open(self.id) {
            // Ended by hand inside the block.
            return Ok(false);
        }
        let clean = exc_type.is_none_or(|t| t.is_none());
        self.shared.finish(py, self.id, clean)?;
        Ok(false)
    }

    fn __repr__(&self) -> String {
        format!(
            "Transaction(path={}, active={})",
            crate::convert::repr_str(&self.shared.path().display().to_string()),
            if self.shared.is_open(self.id) {
                "True"
            } else {
                "False"
            }
        )
    }

    /// `Registry.import_jsonl`, inside this transaction.
    fn import_jsonl(&self, py: Python<'_>, path: PathBuf) -> Result<ImportReport> {
        ops::import_jsonl(py, &self.shared, self.access(), path)
    }

    /// `Registry.get`, inside this transaction (it sees the transaction's writes).
    #[pyo3(signature = (document, *, as_of=None))]
    fn get(
        &self,
        py: Python<'_>,
        document: &Bound<'_, PyAny>,
        as_of: Option<&Bound<'_, PyAny>>,
    ) -> Result<Document> {
        ops::get(py, &self.shared, self.access(), document, as_of)
    }

    /// `Registry.status_of`, inside this transaction.
    #[pyo3(signature = (document, *, as_of=None))]
    fn status_of(
        &self,
        py: Python<'_>,
        document: &Bound<'_, PyAny>,
        as_of: Option<&Bound<'_, PyAny>>,
    ) -> Result<Py<PyAny>> {
        ops::status_of(py, &self.shared, self.access(), document, as_of)
    }

    /// `Registry.open_campaign`, inside this transaction.
    #[pyo3(signature = (key, name, *, scope=None, opened=None))]
    fn open_campaign(
        &self,
        py: Python<'_>,
        key: String,
        name: String,
        scope: Option<String>,
        opened: Option<&Bound<'_, PyAny>>,
    ) -> Result<()> {
        ops::open_campaign(py, &self.shared, self.access(), key, name, scope, opened)
    }

    /// `Registry.decide`, inside this transaction.
    #[pyo3(signature = (campaign, document, outcome, *, reason=None))]
    fn decide(
        &self,
        py: Python<'_>,
        campaign: String,
        document: &Bound<'_, PyAny>,
        outcome: &Bound<'_, PyAny>,
        reason: Option<String>,
    ) -> Result<()> {
        ops::decide(
            py,
            &self.shared,
            self.access(),
            campaign,
            document,
            outcome,
            reason,
        )
    }

    /// `Registry.announce`, inside this transaction.
    fn announce(&self, py: Python<'_>, campaign: String, date: &Bound<'_, PyAny>) -> Result<usize> {
        ops::announce(py, &self.shared, self.access(), campaign, date)
    }

    /// `Registry.change_status`, inside this transaction.
    #[pyo3(signature = (document, status, date, *, reason=None))]
    fn change_status(
        &self,
        py: Python<'_>,
        document: &Bound<'_, PyAny>,
        status: &Bound<'_, PyAny>,
        date: &Bound<'_, PyAny>,
        reason: Option<String>,
    ) -> Result<()> {
        ops::change_status(
            py,
            &self.shared,
            self.access(),
            document,
            status,
            date,
            reason,
        )
    }

    /// `Registry.record_filing`, inside this transaction.
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
            self.access(),
            document,
            filed_with,
            submitted,
            number,
            outcome,
            deadline_days,
            note,
        )
    }

    /// `Registry.record_review`, inside this transaction.
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
            self.access(),
            document,
            kind,
            reviewer,
            date,
            conclusion,
            opinion,
        )
    }

    /// `Registry.relate`, inside this transaction.
    #[pyo3(signature = (source, kind, target, *, note=None))]
    fn relate(
        &self,
        py: Python<'_>,
        source: &Bound<'_, PyAny>,
        kind: &Bound<'_, PyAny>,
        target: &Bound<'_, PyAny>,
        note: Option<String>,
    ) -> Result<i64> {
        ops::relate(py, &self.shared, self.access(), source, kind, target, note)
    }
}
