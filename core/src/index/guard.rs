//! The boundary between guifan and tantivy's reading of files: a damaged file can make tantivy
//! panic (an assertion on a length, a slice out of range) where it should return an error.
//! [`guarded`] turns such a panic into [`Error::Index`], so that the caller rebuilds the index
//! from the store, and keeps the panic's message off standard error: the damage is reported
//! once, by the caller, not as a crash.
//!
//! The quiet part is a panic hook installed once that wraps the one before it: it stays silent
//! for a panic on a thread inside [`guarded`] (or on one of tantivy's search threads while any
//! guarded call runs: their panics come back to the guarded caller) and passes every other
//! panic on unchanged.

use std::any::Any;
use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::{Error, Result};

thread_local! {
    /// How many guarded calls this thread is inside.
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// How many guarded calls run, over all threads.
static ACTIVE: AtomicUsize = AtomicUsize::new(0);

static HOOK: Once = Once::new();

/// The prefix of the names tantivy gives its search threads.
const TANTIVY_THREADS: &str = "tantivy-";

fn quiet_here() -> bool {
    DEPTH.with(|d| d.get() > 0)
        || (ACTIVE.load(Ordering::SeqCst) > 0
            && std::thread::current()
                .name()
                .is_some_and(|n| n.starts_with(TANTIVY_THREADS)))
}

fn install_hook() {
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !quiet_here() {
                previous(info);
            }
        }));
    });
}

/// Counts a guarded call while it runs, also when it unwinds.
struct Scope;

impl Scope {
    fn enter() -> Scope {
        DEPTH.with(|d| d.set(d.get() + 1));
        ACTIVE.fetch_add(1, Ordering::SeqCst);
        Scope
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
        ACTIVE.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Runs `f`, turning a panic inside it into [`Error::Index`] that names what was being done.
pub(crate) fn guarded<T>(what: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
    install_hook();
    let result = {
        let _scope = Scope::enter();
        panic::catch_unwind(AssertUnwindSafe(f))
    };
    result.unwrap_or_else(|payload| {
        Err(Error::Index(format!(
            "{what} failed: {}",
            panic_message(payload.as_ref())
        )))
    })
}

fn panic_message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_index_error_and_the_hook_stays_for_others() {
        let r: Result<()> = guarded("reading", || panic!("assertion failed: buf.len() >= 4"));
        match r {
            Err(Error::Index(m)) => {
                assert_eq!(m, "reading failed: assertion failed: buf.len() >= 4")
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(guarded("reading", || Ok(3)).expect("value"), 3);
        assert!(!quiet_here(), "outside a guarded call panics are reported");
    }

    #[test]
    fn a_panic_on_a_tantivy_thread_comes_back_to_the_guarded_caller() {
        let r: Result<u32> = guarded("searching", || {
            std::thread::Builder::new()
                .name("tantivy-search-0".into())
                .spawn(|| -> u32 { panic!("bad block") })
                .map_err(|e| Error::Index(e.to_string()))?
                .join()
                .map_err(|p| Error::Index(panic_message(p.as_ref())))
        });
        assert!(matches!(r, Err(Error::Index(m)) if m == "bad block"));
    }
}
