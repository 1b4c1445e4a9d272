//! `Registry.documents(...)`: an iterator of `DocumentSummary`, made one at a time from the
//! listing core computed, and convertible as a whole to an Arrow `Table`.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use guifan::store::WorkSummary;
use pyo3::prelude::*;

use crate::convert::{self, opt_py_date, repr_opt, repr_str};
use crate::error::Result;
use crate::table::{Table, summaries_batch};

/// A document in a listing: described by its version in force (else its newest), with its
/// status on the listing's date.
#[pyclass(frozen, module = "guifan", get_all)]
pub struct DocumentSummary {
    id: i64,
    work: String,
    key: Option<String>,
    title: String,
    kind: String,
    issuer: String,
    doc_number: Option<String>,
    issued: Py<PyAny>,
    effective: Py<PyAny>,
    expires: Py<PyAny>,
    status: Py<PyAny>,
    /// How many versions the document has.
    versions: u32,
}

impl DocumentSummary {
    fn new(py: Python<'_>, w: &WorkSummary) -> PyResult<DocumentSummary> {
        Ok(DocumentSummary {
            id: w.id.0,
            work: w.work.clone(),
            key: w.key.clone(),
            title: w.title.clone(),
            kind: w.kind.clone(),
            issuer: w.issuer.clone(),
            doc_number: w.doc_number.clone(),
            issued: opt_py_date(py, w.issued)?,
            effective: opt_py_date(py, w.effective)?,
            expires: opt_py_date(py, w.expires)?,
            status: convert::status(py, w.status)?,
            versions: w.versions,
        })
    }
}

#[pymethods]
impl DocumentSummary {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "DocumentSummary(id={}, key={}, title={}, status={}, versions={})",
            self.id,
            repr_opt(self.key.as_deref()),
            repr_str(&self.title),
            self.status.bind(py).getattr("value")?.repr()?,
            self.versions
        ))
    }
}

/// The documents of `Registry.documents(...)`, one `DocumentSummary` at a time.
///
/// `len()` is the number of documents listed; `to_arrow()` gives all of them (whatever has
/// been iterated) as a `Table`, built in Rust.
#[pyclass(frozen, module = "guifan")]
pub struct DocumentIterator {
    items: Arc<Vec<WorkSummary>>,
    next: AtomicUsize,
}

impl DocumentIterator {
    pub fn new(items: Vec<WorkSummary>) -> DocumentIterator {
        DocumentIterator {
            items: Arc::new(items),
            next: AtomicUsize::new(0),
        }
    }
}

#[pymethods]
impl DocumentIterator {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<DocumentSummary>> {
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        match self.items.get(i) {
            Some(w) => DocumentSummary::new(py, w).map(Some),
            None => {
                self.next.store(self.items.len(), Ordering::Relaxed);
                Ok(None)
            }
        }
    }

    fn __len__(&self) -> usize {
        self.items.len()
    }

    /// Every listed document as an Arrow `Table` (columns `id`, `work`, `key`, `title`,
    /// `kind`, `issuer`, `doc_number`, `issued`, `effective`, `expires`, `status`, `versions`).
    fn to_arrow(&self, py: Python<'_>) -> Result<Table> {
        let items = Arc::clone(&self.items);
        let batch = py.detach(move || summaries_batch(&items))?;
        Ok(Table::new(batch))
    }

    fn __repr__(&self) -> String {
        let done = self.next.load(Ordering::Relaxed).min(self.items.len());
        format!(
            "DocumentIterator(documents={}, remaining={})",
            self.items.len(),
            self.items.len() - done
        )
    }
}
