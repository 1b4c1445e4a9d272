//! The exception hierarchy, and the one mapping from `guifan::Error` to it.
//!
//! ```text
//! GuifanError
//! ├── InvalidInputError      .line .field .value .reason
//! │   └── DocumentError      .file .at .kind (a file handed in cannot be read)
//! ├── NotFoundError          .what .reference
//! ├── AmbiguousError         .reference .candidates
//! ├── ConflictError
//! ├── StatusChangeError
//! ├── IntegrityError         (also a damaged store file)
//! ├── BusyError              .waited (seconds) — another writer held the registry too long
//! ├── ReadOnlyError          a write on a registry opened read-only
//! ├── StoreError             (also a full disk)
//! ├── SearchIndexError
//! └── ClosedError            (the registry was closed)
//! ```
//!
//! File errors become Python's own `OSError` subclasses (`FileNotFoundError`,
//! `PermissionError`, …), chosen by Python from the errno, with `.filename` set.

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyOSError};
use pyo3::prelude::*;
use pyo3::types::PyList;

create_exception!(
    guifan,
    GuifanError,
    PyException,
    "The base class of every error the registry raises."
);
create_exception!(
    guifan,
    InvalidInputError,
    GuifanError,
    "Bad input: a value that does not parse, an unknown label, a bad record.\n\n`.line` (of the input \
     file, or None), `.field`, `.value` and `.reason` say where and why."
);
create_exception!(
    guifan,
    DocumentError,
    InvalidInputError,
    "A document handed in cannot be read: `.kind` is `unsupported` (`.doc`, a scanned PDF), \
     `encrypted`, `corrupt`, `limit` (over a size or ratio limit) or `encoding`; `.file` names \
     it and `.at` says where (an archive entry, a page), when known."
);
create_exception!(
    guifan,
    NotFoundError,
    GuifanError,
    "A reference (id, key, 文号, title, campaign) names nothing. `.what` and `.reference`."
);
create_exception!(
    guifan,
    AmbiguousError,
    GuifanError,
    "A reference names several documents. `.reference` and `.candidates`."
);
create_exception!(
    guifan,
    ConflictError,
    GuifanError,
    "The change conflicts with what the registry holds: a duplicate key, a second decision, a \
     transaction already open."
);
create_exception!(
    guifan,
    StatusChangeError,
    GuifanError,
    "A status change the rules refuse: a derived status, a date before the document is in force, \
     no change."
);
create_exception!(
    guifan,
    IntegrityError,
    GuifanError,
    "The registry's own records do not agree."
);
create_exception!(
    guifan,
    BusyError,
    GuifanError,
    "Another process (or thread) held the registry's write lock longer than `timeout`: nothing \
     was written; try again. `.waited` is how many seconds this call waited."
);
create_exception!(
    guifan,
    ReadOnlyError,
    GuifanError,
    "A write on a registry opened read-only (its folder or file cannot be written, or \
     `read_only=True`)."
);
create_exception!(
    guifan,
    StoreError,
    GuifanError,
    "The SQLite store failed (a full disk among others: the change was rolled back)."
);
create_exception!(
    guifan,
    SearchIndexError,
    GuifanError,
    "The search index failed."
);
create_exception!(guifan, ClosedError, GuifanError, "The registry was closed.");

/// An error on its way to Python: a core error, or a Python one already made.
///
/// Methods return `Result<T>` so that `?` works on both core calls and Python calls; pyo3
/// turns the error into an exception through `From<Error> for PyErr`, the one mapping.
pub enum Error {
    Core(guifan::Error),
    Py(PyErr),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<guifan::Error> for Error {
    fn from(e: guifan::Error) -> Self {
        Error::Core(e)
    }
}

impl From<PyErr> for Error {
    fn from(e: PyErr) -> Self {
        Error::Py(e)
    }
}

impl From<Error> for PyErr {
    fn from(e: Error) -> PyErr {
        match e {
            Error::Py(e) => e,
            Error::Core(e) => Python::attach(|py| to_py_err(py, e)),
        }
    }
}

/// The one mapping from a core error to a Python exception.
fn to_py_err(py: Python<'_>, e: guifan::Error) -> PyErr {
    use guifan::Error as E;
    let message = e.to_string();
    match e {
        E::InvalidInput(input) => with_attrs(py, InvalidInputError::new_err(message), |v| {
            v.setattr("line", input.line)?;
            v.setattr("field", &input.field)?;
            v.setattr("value", &input.value)?;
            v.setattr("reason", &input.reason)
        }),
        E::NotFound { what, reference } => with_attrs(py, NotFoundError::new_err(message), |v| {
            v.setattr("what", what)?;
            v.setattr("reference", &reference)
        }),
        E::Ambiguous {
            reference,
            candidates,
        } => with_attrs(py, AmbiguousError::new_err(message), |v| {
            v.setattr("reference", &reference)?;
            v.setattr("candidates", PyList::new(py, &candidates)?)
        }),
        // Not the Akoma Ntoso a file should be: bad input, as the command line treats it, with
        // the line of the document.
        E::Xml {
            line,
            message: reason,
        } => with_attrs(py, InvalidInputError::new_err(message), |v| {
            v.setattr("line", line)?;
            v.setattr("field", "xml")?;
            v.setattr("value", "")?;
            v.setattr("reason", &reason)
        }),
        E::Document {
            file,
            at,
            kind,
            message: reason,
        } => with_attrs(py, DocumentError::new_err(message), |v| {
            v.setattr("line", py.None())?;
            v.setattr("field", "file")?;
            v.setattr("value", &file)?;
            v.setattr("reason", &reason)?;
            v.setattr("file", &file)?;
            v.setattr("at", at.as_deref())?;
            v.setattr("kind", crate::pyser::to_py(py, &kind)?)
        }),
        // An output that could not be written (a Word document being packed): a failure of
        // the registry's side, with its cause.
        E::Write { what, source } => GuifanError::new_err(format!("cannot write {what}: {source}")),
        E::Conflict(_) => ConflictError::new_err(message),
        E::StatusChange(_) => StatusChangeError::new_err(message),
        E::Integrity(_) | E::Damaged { .. } => IntegrityError::new_err(message),
        E::Busy { waited_ms } => with_attrs(py, BusyError::new_err(message), |v| {
            v.setattr("waited", waited_ms as f64 / 1000.0)
        }),
        E::ReadOnly { .. } => ReadOnlyError::new_err(message),
        E::DiskFull => StoreError::new_err(message),
        E::Store(source) => StoreError::new_err(format!("{message}: {source}")),
        E::Index(_) => SearchIndexError::new_err(message),
        E::Io { path, source } => {
            // OSError(errno, strerror, filename) becomes the subclass the errno names
            // (FileNotFoundError, PermissionError, IsADirectoryError, …).
            let errno = source.raw_os_error().unwrap_or(0);
            let text = source.to_string();
            let suffix = format!(" (os error {errno})");
            let strerror = text.strip_suffix(&suffix).unwrap_or(&text).to_owned();
            PyOSError::new_err((errno, strerror, path.display().to_string()))
        }
        // The core enum is `#[non_exhaustive]`: a variant added there without a mapping here
        // still reaches Python as a `GuifanError`, and the tests of every variant fail.
        other => GuifanError::new_err(other.to_string()),
    }
}

/// Sets attributes on the exception value (`.line`, `.field`, …).
fn with_attrs(
    py: Python<'_>,
    err: PyErr,
    set: impl FnOnce(&Bound<'_, pyo3::exceptions::PyBaseException>) -> PyResult<()>,
) -> PyErr {
    match set(err.value(py)) {
        Ok(()) => err,
        Err(e) => e,
    }
}

/// An error for a registry used after `close()`.
pub fn closed() -> Error {
    Error::Py(ClosedError::new_err("the registry is closed"))
}

/// Registers the exception classes on the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("GuifanError", py.get_type::<GuifanError>())?;
    m.add("InvalidInputError", py.get_type::<InvalidInputError>())?;
    m.add("DocumentError", py.get_type::<DocumentError>())?;
    m.add("NotFoundError", py.get_type::<NotFoundError>())?;
    m.add("AmbiguousError", py.get_type::<AmbiguousError>())?;
    m.add("ConflictError", py.get_type::<ConflictError>())?;
    m.add("StatusChangeError", py.get_type::<StatusChangeError>())?;
    m.add("IntegrityError", py.get_type::<IntegrityError>())?;
    m.add("BusyError", py.get_type::<BusyError>())?;
    m.add("ReadOnlyError", py.get_type::<ReadOnlyError>())?;
    m.add("StoreError", py.get_type::<StoreError>())?;
    m.add("SearchIndexError", py.get_type::<SearchIndexError>())?;
    m.add("ClosedError", py.get_type::<ClosedError>())?;
    Ok(())
}
