//! Answers as Python objects: the library's value converted by the one converter
//! (`pyser`), wrapped in the record class of `guifan._records` that gives it attribute
//! access and a readable `repr` (`Document`, `Version`, `Filing`, …).

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use serde::Serialize;

use crate::pyser::to_py;

static RECORDS: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

/// The value as an instance of the record class `class` of `guifan._records`.
pub fn record<T: Serialize + ?Sized>(
    py: Python<'_>,
    class: &str,
    value: &T,
) -> PyResult<Py<PyAny>> {
    let module = RECORDS.get_or_try_init(py, || {
        Ok::<_, PyErr>(py.import("guifan._records")?.unbind())
    })?;
    let fields = to_py(py, value)?;
    Ok(module.bind(py).getattr(class)?.call1((fields,))?.unbind())
}

/// Each value as an instance of the record class `class`, in a list.
pub fn records<T: Serialize>(py: Python<'_>, class: &str, values: &[T]) -> PyResult<Py<PyAny>> {
    let items = values
        .iter()
        .map(|v| record(py, class, v))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(pyo3::types::PyList::new(py, items)?.into_any().unbind())
}
