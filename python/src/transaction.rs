//! `Transaction`: writes that commit together, or not at all.

use std::sync::Arc;

use pyo3::prelude::*;

use crate::error::Result;
use crate::handle::RegistryBase;
use crate::shared::{Access, Shared};

/// An open transaction of a `Registry` (from `Registry.transaction()`).
///
/// As a context manager it commits when the block ends cleanly and rolls back when the block
/// raises; the exception is not swallowed, and a failed commit raises. `commit()` and
/// `rollback()` end it by hand. A transaction dropped while open is rolled back.
///
/// It belongs to the thread that opened it: that thread's calls on the registry join it;
/// other threads' calls wait until it ends. Every operation of a `Registry` (they share
/// `RegistryBase`) is one of a transaction too, and runs inside it.
#[pyclass(frozen, extends = RegistryBase, module = "guifan")]
pub struct Transaction {
    shared: Arc<Shared>,
    id: u64,
}

impl Transaction {
    /// A transaction object for the open transaction `id`.
    pub fn initializer(shared: Arc<Shared>, id: u64) -> PyClassInitializer<Transaction> {
        PyClassInitializer::from(RegistryBase::new(
            Arc::clone(&shared),
            Access::Transaction(id),
        ))
        .add_subclass(Transaction { shared, id })
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
}
