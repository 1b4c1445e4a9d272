//! `Registry`: a registry folder opened from Python. Its operations are those of
//! `RegistryBase` (`handle`); here are opening, closing and transactions.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use pyo3::prelude::*;
use pyo3::types::PyType;

use crate::error::Result;
use crate::handle::RegistryBase;
use crate::shared::{Access, Shared};
use crate::transaction::Transaction;

/// A registry: the folder that holds `registry.sqlite`.
///
/// Open it with `Registry.open(path)` (the folder is created if missing) and use it as a
/// context manager, which closes it. One object may be shared by several threads; see
/// `transaction()` for how they take turns.
#[pyclass(frozen, extends = RegistryBase, module = "guifan")]
pub struct Registry;

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
    read_only: bool,
) -> Result<PyClassInitializer<Registry>> {
    let timeout = timeout_arg(timeout)?;
    // The same wait applies to another process's write: SQLite's busy timeout. "As long as it
    // takes" is a day there, after which the call raises BusyError rather than hang for good.
    let busy = timeout.unwrap_or(Duration::from_secs(86_400));
    let reg = py.detach(move || -> guifan::Result<guifan::Registry> {
        let options = guifan::OpenOptions {
            create,
            read_only,
            busy_timeout: busy,
        };
        let mut reg = guifan::Registry::open_with(&path, &options)?;
        if let Some(actor) = actor {
            reg.set_actor(actor);
        }
        Ok(reg)
    })?;
    let shared = Arc::new(Shared::new(reg, timeout));
    Ok(
        PyClassInitializer::from(RegistryBase::new(shared, Access::Registry))
            .add_subclass(Registry),
    )
}

fn shared<'a>(slf: &'a PyRef<'_, Registry>) -> &'a Arc<Shared> {
    &slf.as_super().shared
}

#[pymethods]
impl Registry {
    /// Opens the registry in `path`; a folder that holds none raises `NotFoundError` unless
    /// `create=True`, which creates the folder and the store.
    ///
    /// `actor` is the name the audit log records for changes made through this object.
    /// `timeout` is how many seconds a call waits for another thread's open transaction
    /// before raising `ConflictError`, and for another process's write before raising
    /// `BusyError`; `None` waits as long as it takes (a day, for another process).
    /// `read_only=True` opens for reading only (writes raise `ReadOnlyError`); a registry whose
    /// folder or file cannot be written opens so by itself.
    #[new]
    #[pyo3(signature = (path, *, create=false, actor=None, timeout=None, read_only=false))]
    fn py_new(
        py: Python<'_>,
        path: PathBuf,
        create: bool,
        actor: Option<String>,
        timeout: Option<f64>,
        read_only: bool,
    ) -> Result<PyClassInitializer<Registry>> {
        open(py, path, actor, timeout, create, read_only)
    }

    /// Opens the registry in `path` (the same as `Registry(path)`). A folder that holds no
    /// registry raises `NotFoundError`, so that a mistyped path is never an empty registry;
    /// `create=True` creates the folder and the registry when missing.
    #[classmethod]
    #[pyo3(name = "open", signature = (path, *, create=false, actor=None, timeout=None, read_only=false))]
    fn py_open(
        cls: &Bound<'_, PyType>,
        py: Python<'_>,
        path: PathBuf,
        create: bool,
        actor: Option<String>,
        timeout: Option<f64>,
        read_only: bool,
    ) -> Result<Py<PyAny>> {
        let init = open(py, path, actor, timeout, create, read_only)?;
        instance(cls, init)
    }

    /// Opens an existing registry; raises `NotFoundError` when `path` holds none.
    #[classmethod]
    #[pyo3(signature = (path, *, actor=None, timeout=None))]
    fn open_existing(
        cls: &Bound<'_, PyType>,
        py: Python<'_>,
        path: PathBuf,
        actor: Option<String>,
        timeout: Option<f64>,
    ) -> Result<Py<PyAny>> {
        let init = open(py, path, actor, timeout, false, false)?;
        instance(cls, init)
    }

    /// Whether the registry was opened for reading only.
    #[getter]
    fn read_only(slf: PyRef<'_, Self>, py: Python<'_>) -> Result<bool> {
        shared(&slf).run(py, Access::Registry, |reg| Ok(reg.is_read_only()))
    }

    /// The registry folder.
    #[getter]
    fn path(slf: PyRef<'_, Self>) -> PathBuf {
        shared(&slf).path().to_path_buf()
    }

    /// Who the audit log names for changes made through this object.
    #[getter]
    fn actor(slf: PyRef<'_, Self>, py: Python<'_>) -> Result<String> {
        shared(&slf).run(py, Access::Registry, |reg| Ok(reg.actor().to_owned()))
    }

    #[setter]
    fn set_actor(slf: PyRef<'_, Self>, py: Python<'_>, actor: String) -> Result<()> {
        shared(&slf).run(py, Access::Registry, move |reg| {
            reg.set_actor(actor);
            Ok(())
        })
    }

    /// Whether a transaction is open (in any thread).
    #[getter]
    fn in_transaction(slf: PyRef<'_, Self>) -> bool {
        shared(&slf).in_transaction()
    }

    /// Whether `close()` was called.
    #[getter]
    fn closed(slf: PyRef<'_, Self>) -> bool {
        shared(&slf).is_closed()
    }

    /// Closes the store. A transaction this thread left open is rolled back. Closing twice is
    /// harmless; any other call afterwards raises `ClosedError`.
    fn close(slf: PyRef<'_, Self>, py: Python<'_>) -> Result<()> {
        shared(&slf).close(py)
    }

    fn __enter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    /// Closes the registry; an exception in the block is not swallowed.
    #[pyo3(signature = (_exc_type=None, _exc_value=None, _traceback=None))]
    fn __exit__(
        slf: PyRef<'_, Self>,
        py: Python<'_>,
        _exc_type: Option<&Bound<'_, PyAny>>,
        _exc_value: Option<&Bound<'_, PyAny>>,
        _traceback: Option<&Bound<'_, PyAny>>,
    ) -> Result<bool> {
        shared(&slf).close(py)?;
        Ok(false)
    }

    /// The number of documents (works).
    fn __len__(slf: PyRef<'_, Self>, py: Python<'_>) -> Result<usize> {
        let n = shared(&slf).run(py, Access::Registry, |reg| reg.count_works())?;
        Ok(usize::try_from(n).unwrap_or(usize::MAX))
    }

    fn __repr__(slf: PyRef<'_, Self>) -> String {
        let shared = shared(&slf);
        format!(
            "Registry(path={}{})",
            crate::convert::repr_str(&shared.path().display().to_string()),
            if shared.is_closed() {
                ", closed=True"
            } else {
                ""
            }
        )
    }

    /// Opens a transaction: every write through it (or through this registry, from this
    /// thread) commits together when the `with` block ends cleanly, and is rolled back when
    /// it raises. While it is open, other threads' calls on this registry wait for it.
    fn transaction(slf: PyRef<'_, Self>, py: Python<'_>) -> Result<Py<Transaction>> {
        let shared = Arc::clone(shared(&slf));
        let id = shared.begin(py)?;
        Ok(Py::new(py, Transaction::initializer(shared, id))?)
    }
}

/// An instance of `cls` (`Registry` or a Python subclass of it).
fn instance(cls: &Bound<'_, PyType>, init: PyClassInitializer<Registry>) -> Result<Py<PyAny>> {
    let py = cls.py();
    let obj = Bound::new(py, init)?;
    if obj.get_type().is(cls) {
        return Ok(obj.into_any().unbind());
    }
    Err(crate::error::Error::Py(
        pyo3::exceptions::PyTypeError::new_err(
            "`open` makes a `guifan.Registry`; subclass it by wrapping one",
        ),
    ))
}
