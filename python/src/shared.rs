//! The registry handle shared by a `Registry` object and its transactions, and the rules for
//! using it from several threads.
//!
//! Core's `Registry` is `Send` but not `Sync`, so it sits in a `Mutex`; every call releases
//! the GIL, takes the lock, works, and gives the lock back. A transaction belongs to the
//! thread that opened it: while it is open, that thread's calls (through the `Registry` or
//! the `Transaction`) join it, and other threads' calls wait until it is committed or rolled
//! back (or, when the registry was opened with a `timeout`, raise `ConflictError` after that
//! many seconds). The transaction object itself refuses calls from other threads. While
//! waiting, the main thread still sees Ctrl-C.

use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::thread::ThreadId;
use std::time::{Duration, Instant};

use pyo3::prelude::*;

use crate::error::{ConflictError, Error, Result, closed};

/// Who is calling: a method of the `Registry`, or of the open transaction with this id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Registry,
    Transaction(u64),
}

struct OpenTransaction {
    id: u64,
    thread: ThreadId,
}

struct State {
    reg: Option<guifan::Registry>,
    /// The search index, opened on the first search.
    index: Option<guifan::index::SearchIndex>,
    tx: Option<OpenTransaction>,
    next_tx: u64,
}

pub struct Shared {
    state: Mutex<State>,
    ended: Condvar,
    path: PathBuf,
    timeout: Option<Duration>,
}

/// How long one wait lasts before the main thread looks for signals.
const WAIT_SLICE: Duration = Duration::from_millis(100);

impl Shared {
    pub fn new(reg: guifan::Registry, timeout: Option<Duration>) -> Shared {
        Shared {
            path: reg.dir().to_path_buf(),
            state: Mutex::new(State {
                reg: Some(reg),
                index: None,
                tx: None,
                next_tx: 1,
            }),
            ended: Condvar::new(),
            timeout,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic inside core while the lock was held leaves SQLite's own state consistent
        // (the transaction rolls back), so the handle stays usable.
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Takes the lock once `access` may proceed: waits out another thread's transaction.
    /// Runs without the GIL.
    fn acquire(&self, access: Access) -> Result<MutexGuard<'_, State>> {
        let me = std::thread::current().id();
        let deadline = self.timeout.map(|t| Instant::now() + t);
        let mut guard = self.lock();
        loop {
            match (access, &guard.tx) {
                (_, _) if guard.reg.is_none() => return Err(closed()),
                (Access::Transaction(id), Some(tx)) if tx.id == id && tx.thread == me => {
                    return Ok(guard);
                }
                (Access::Transaction(id), Some(tx)) if tx.id == id => {
                    return Err(Error::Py(ConflictError::new_err(
                        "a transaction belongs to the thread that opened it: use it, commit it \
                         and roll it back there",
                    )));
                }
                (Access::Transaction(_), _) => {
                    return Err(Error::Py(ConflictError::new_err(
                        "the transaction has ended",
                    )));
                }
                (Access::Registry, None) => return Ok(guard),
                (Access::Registry, Some(tx)) if tx.thread == me => return Ok(guard),
                (Access::Registry, Some(_)) => {}
            }
            let slice = match deadline {
                Some(d) => {
                    let left = d.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        return Err(Error::Py(ConflictError::new_err(format!(
                            "another thread's transaction on this registry is still open after \
                             {:.1} s",
                            self.timeout.unwrap_or_default().as_secs_f64()
                        ))));
                    }
                    left.min(WAIT_SLICE)
                }
                None => WAIT_SLICE,
            };
            let (g, _) = self
                .ended
                .wait_timeout(guard, slice)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            guard = g;
            if guard.tx.is_some() {
                drop(guard);
                Python::attach(|py| py.check_signals())?;
                guard = self.lock();
            }
        }
    }

    /// Runs `f` on the registry, the GIL released.
    pub fn run<T: Send>(
        &self,
        py: Python<'_>,
        access: Access,
        f: impl FnOnce(&mut guifan::Registry) -> guifan::Result<T> + Send,
    ) -> Result<T> {
        py.detach(|| {
            let mut guard = self.acquire(access)?;
            let reg = guard.reg.as_mut().ok_or_else(closed)?;
            Ok(f(reg)?)
        })
    }

    /// Runs `f` on the registry and its search index (opened on first use), the GIL released.
    pub fn run_search<T: Send>(
        &self,
        py: Python<'_>,
        access: Access,
        f: impl FnOnce(&guifan::Registry, &guifan::index::SearchIndex) -> guifan::Result<T> + Send,
    ) -> Result<T> {
        py.detach(|| {
            let mut guard = self.acquire(access)?;
            let state = &mut *guard;
            let reg = state.reg.as_ref().ok_or_else(closed)?;
            if state.index.is_none() {
                state.index = Some(guifan::index::SearchIndex::open(reg)?);
            }
            let index = state.index.as_ref().ok_or_else(closed)?;
            Ok(f(reg, index)?)
        })
    }

    /// Runs `f` on the registry (mutably) and its search index (opened on first use), the
    /// GIL released: for imports, which index what they store.
    pub fn run_ingest<T: Send>(
        &self,
        py: Python<'_>,
        access: Access,
        f: impl FnOnce(&mut guifan::Registry, &guifan::index::SearchIndex) -> guifan::Result<T> + Send,
    ) -> Result<T> {
        py.detach(|| {
            let mut guard = self.acquire(access)?;
            let State { reg, index, .. } = &mut *guard;
            let reg = reg.as_mut().ok_or_else(closed)?;
            if index.is_none() {
                *index = Some(guifan::index::SearchIndex::open(reg)?);
            }
            let index = index.as_ref().ok_or_else(closed)?;
            Ok(f(reg, index)?)
        })
    }

    /// Opens a transaction for the calling thread; returns its id.
    pub fn begin(&self, py: Python<'_>) -> Result<u64> {
        py.detach(|| {
            let me = std::thread::current().id();
            {
                let guard = self.lock();
                if guard.tx.as_ref().is_some_and(|tx| tx.thread == me) {
                    return Err(Error::Py(ConflictError::new_err(
                        "a transaction is already open on this registry in this thread",
                    )));
                }
            }
            let mut guard = self.acquire(Access::Registry)?;
            let reg = guard.reg.as_mut().ok_or_else(closed)?;
            reg.begin()?;
            let id = guard.next_tx;
            guard.next_tx += 1;
            guard.tx = Some(OpenTransaction { id, thread: me });
            Ok(id)
        })
    }

    /// Commits (or rolls back) the transaction `id`, and wakes the threads waiting for it.
    pub fn finish(&self, py: Python<'_>, id: u64, commit: bool) -> Result<()> {
        py.detach(|| self.finish_nogil(id, commit))
    }

    fn finish_nogil(&self, id: u64, commit: bool) -> Result<()> {
        let guard = self.acquire(Access::Transaction(id))?;
        self.end(guard, commit)
    }

    /// Ends the open transaction held in `guard`.
    fn end(&self, mut guard: MutexGuard<'_, State>, commit: bool) -> Result<()> {
        let result = match guard.reg.as_mut() {
            Some(reg) if commit => reg.commit(),
            Some(reg) => reg.rollback(),
            None => return Err(closed()),
        };
        // The transaction has ended either way: core rolls back a failed commit.
        guard.tx = None;
        drop(guard);
        self.ended.notify_all();
        Ok(result?)
    }

    /// Rolls back the transaction `id` if it is still open (a transaction object dropped
    /// without commit or rollback).
    pub fn abandon(&self, id: u64) {
        // The object may be collected on any thread: the rollback does not ask which.
        let guard = self.lock();
        if guard.tx.as_ref().is_some_and(|tx| tx.id == id) {
            // Nothing to report to: the object is gone. SQLite rolls back what is left.
            if self.end(guard, false).is_err() {
                self.lock().tx = None;
                self.ended.notify_all();
            }
        }
    }

    /// Whether the transaction `id` is open.
    pub fn is_open(&self, id: u64) -> bool {
        self.lock().tx.as_ref().is_some_and(|tx| tx.id == id)
    }

    /// Whether any transaction is open.
    pub fn in_transaction(&self) -> bool {
        self.lock().tx.is_some()
    }

    /// Closes the store. An open transaction of the calling thread is rolled back; one of
    /// another thread is waited for.
    pub fn close(&self, py: Python<'_>) -> Result<()> {
        py.detach(|| {
            let mut guard = match self.acquire(Access::Registry) {
                Ok(g) => g,
                Err(_) if self.lock().reg.is_none() => return Ok(()),
                Err(e) => return Err(e),
            };
            let mut result = Ok(());
            if guard.tx.take().is_some()
                && let Some(reg) = guard.reg.as_mut()
            {
                result = reg.rollback();
            }
            guard.reg = None;
            guard.index = None;
            drop(guard);
            self.ended.notify_all();
            Ok(result?)
        })
    }

    pub fn is_closed(&self) -> bool {
        self.lock().reg.is_none()
    }
}
