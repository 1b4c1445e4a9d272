//! The extension module `guifan._guifan`: Python bindings of the `guifan` library.
//!
//! Thin: every behaviour lives in the core crate. This crate converts arguments (dates,
//! references, labels) into core types, calls core with the GIL released, and converts the
//! results into Python objects, Arrow tables and exceptions. The Python package `guifan`
//! (`python/guifan/`) re-exports what is here, with the label enums beside it.
//!
//! One file per exposed concept: `registry` (Registry), `transaction`, `document` (Document
//! and its parts), `records` (Filing, Review, Campaign, Decision), `listing`
//! (DocumentSummary and its iterator), `table` (Arrow tables), `reports` (ImportReport and
//! the report dicts), `search` (SearchResults, Hit), `error` (the exception hierarchy), `convert` (values both ways),
//! `shared` (the lock and the transaction rules), `ops` (what Registry and Transaction share).

mod convert;
mod document;
mod error;
mod listing;
mod ops;
mod records;
mod registry;
mod reports;
mod search;
mod shared;
mod table;
mod transaction;

use pyo3::prelude::*;

#[pymodule]
fn _guifan(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    error::register(m)?;
    m.add_class::<registry::Registry>()?;
    m.add_class::<transaction::Transaction>()?;
    m.add_class::<document::Document>()?;
    m.add_class::<document::Version>()?;
    m.add_class::<document::HistoryItem>()?;
    m.add_class::<document::StatusChange>()?;
    m.add_class::<document::Relation>()?;
    m.add_class::<records::Filing>()?;
    m.add_class::<records::Review>()?;
    m.add_class::<records::Campaign>()?;
    m.add_class::<records::Decision>()?;
    m.add_class::<listing::DocumentSummary>()?;
    m.add_class::<listing::DocumentIterator>()?;
    m.add_class::<table::Table>()?;
    m.add_class::<table::StatsTable>()?;
    m.add_class::<reports::ImportReport>()?;
    m.add_class::<search::SearchResults>()?;
    m.add_class::<search::Hit>()?;
    m.add_function(wrap_pyfunction!(convert::_labels, m)?)?;
    m.add_function(wrap_pyfunction!(convert::_parse, m)?)?;
    Ok(())
}
