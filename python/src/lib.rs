//! The extension module `guifan._guifan`: Python bindings of the `guifan` library.
//!
//! Thin: every behaviour lives in the core crate. This crate converts arguments (dates,
//! references, labels) into core types, calls core with the GIL released, and converts the
//! library's answers with one converter (`pyser`: any serializable core value becomes the
//! dict the command line prints as JSON, with dates as `datetime.date` and labels as the
//! `guifan` enums), wrapped in the record classes of `guifan/_records.py` (`records`).
//!
//! Files: `handle` (RegistryBase: every operation, shared by `registry` (Registry) and
//! `transaction`), `shared` (the lock and the transaction rules), `convert` (arguments and
//! the label enums), `pyser`, `records`, `listing` (the documents iterator), `table` (Arrow
//! tables), `error` (the exception hierarchy).

mod convert;
mod error;
mod handle;
mod listing;
mod pyser;
mod records;
mod registry;
mod shared;
mod table;
mod transaction;

use pyo3::prelude::*;

#[pymodule]
fn _guifan(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    error::register(m)?;
    m.add_class::<handle::RegistryBase>()?;
    m.add_class::<registry::Registry>()?;
    m.add_class::<transaction::Transaction>()?;
    m.add_class::<listing::DocumentIterator>()?;
    m.add_class::<table::Table>()?;
    m.add_class::<table::StatsTable>()?;
    m.add_function(wrap_pyfunction!(convert::_labels, m)?)?;
    m.add_function(wrap_pyfunction!(convert::_parse, m)?)?;
    Ok(())
}
