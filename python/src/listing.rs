//! `Registry.documents(...)`: an iterator of `guifan.DocumentSummary`, made one at a time
//! from the listing core computed, and convertible as a whole to an Arrow `Table`.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use guifan::store::WorkSummary;
use pyo3::prelude::*;

use crate::error::Result;
use crate::records::record;
use crate::table::{Table, summaries_batch};

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

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        match self.items.get(i) {
            Some(w) => record(py, "DocumentSummary", w).map(Some),
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
