//! The application's state: the configuration, the registry handles and the accounts.
//!
//! Core's `Registry` is `Send` but not `Sync`, so reads use a small pool of handles, each its
//! own SQLite connection, and run in `spawn_blocking`; writes go through one writer handle
//! behind a mutex, so they are serialised; the search index is one `SearchIndex`, shared.
//! Each handle keys its snapshot on the audit sequence number, so a reader sees a write as
//! soon as it is committed.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use guifan::Registry;
use guifan::index::SearchIndex;
use tokio::sync::Semaphore;

use crate::accounts::Accounts;
use crate::auth::LoginLimiter;
use crate::error::AppError;

/// How `guifan serve` runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// The registry folder (it must hold a registry).
    pub registry: PathBuf,
    /// Serve the read-only public portal (no login; documents in force today only).
    pub public: bool,
    /// Mark the session cookie `Secure` (set it when the site is reached over HTTPS).
    pub secure_cookies: bool,
    /// Trust `X-Forwarded-For` and `X-Forwarded-Proto` from a reverse proxy in front.
    pub behind_proxy: bool,
    /// How many read handles (SQLite connections) serve reads at once.
    pub readers: usize,
    /// The largest upload accepted, in bytes.
    pub max_upload_bytes: usize,
    /// How long a session lasts, in seconds.
    pub session_seconds: i64,
}

impl Config {
    /// The defaults for a registry folder: staff mode, 4 readers, uploads up to 64 MiB,
    /// sessions of 12 hours.
    pub fn new(registry: impl Into<PathBuf>) -> Config {
        Config {
            registry: registry.into(),
            public: false,
            secure_cookies: false,
            behind_proxy: false,
            readers: 4,
            max_upload_bytes: 64 << 20,
            session_seconds: 12 * 3600,
        }
    }
}

/// Everything the handlers share.
pub struct App {
    /// How the server runs.
    pub config: Config,
    /// Read handles not in use.
    readers: Mutex<Vec<Registry>>,
    /// One permit per read handle.
    permits: Arc<Semaphore>,
    /// The one handle that writes.
    writer: Arc<Mutex<Registry>>,
    /// The search index, shared by every handle.
    pub index: Arc<SearchIndex>,
    /// Accounts, sessions and tokens.
    pub accounts: Arc<Accounts>,
    /// Failed logins, per account and per address.
    pub limiter: LoginLimiter,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App").field("config", &self.config).finish()
    }
}

impl App {
    /// Opens the registry (which must exist), its index, and the accounts store beside it.
    pub fn open(config: Config) -> Result<Arc<App>, AppError> {
        let dir = config.registry.clone();
        let mut writer = Registry::open_existing(&dir)?;
        // Readers find the snapshot of each change made by the writer as it commits, rather
        // than stall while one of them reads every work.
        writer.keep_snapshot_ready(true);
        let index = SearchIndex::open(&writer)?;
        log_repairs(&index);
        let readers = (0..config.readers.max(1))
            .map(|_| Registry::open_existing(&dir))
            .collect::<guifan::Result<Vec<_>>>()?;
        let accounts = Arc::new(Accounts::open(&dir)?);
        Ok(Arc::new(App {
            permits: Arc::new(Semaphore::new(readers.len())),
            readers: Mutex::new(readers),
            writer: Arc::new(Mutex::new(writer)),
            index: Arc::new(index),
            limiter: LoginLimiter::new(Arc::clone(&accounts)),
            accounts,
            config,
        }))
    }

    /// The registry folder.
    pub fn dir(&self) -> &Path {
        &self.config.registry
    }

    /// Runs a read on a pooled handle, off the async threads.
    pub async fn read<T, F>(self: &Arc<Self>, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&Registry, &SearchIndex) -> guifan::Result<T> + Send + 'static,
    {
        let permit = Arc::clone(&self.permits)
            .acquire_owned()
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let app = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let taken = app
                .readers
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .pop();
            // A handle is missing only after a read panicked; open a new one in its place.
            let reg = match taken {
                Some(reg) => reg,
                None => Registry::open_existing(app.dir())?,
            };
            let out = f(&reg, &app.index);
            log_repairs(&app.index);
            app.readers
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(reg);
            Ok(out?)
        })
        .await
        .map_err(|e| AppError::Internal(format!("a read failed: {e}")))?
    }

    /// Runs a write on the writer handle, with the audit log naming `actor`; writes run one
    /// at a time. The write runs to its end even when the request that asked for it is gone.
    pub async fn write<T, F>(self: &Arc<Self>, actor: String, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Registry, &SearchIndex) -> Result<T, AppError> + Send + 'static,
    {
        let app = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let mut guard = match app.writer.lock() {
                Ok(g) => g,
                Err(poisoned) => {
                    // A write panicked: its transaction may be left open on the handle, so
                    // start again from a fresh one (SQLite rolled the open one back).
                    let mut g = poisoned.into_inner();
                    *g = Registry::open_existing(app.dir())?;
                    g.keep_snapshot_ready(true);
                    app.writer.clear_poison();
                    g
                }
            };
            guard.set_actor(actor);
            let out = f(&mut guard, &app.index);
            log_repairs(&app.index);
            guard.set_actor(guifan::store::DEFAULT_ACTOR);
            out
        })
        .await
        .map_err(|e| AppError::Internal(format!("a write failed: {e}")))?
    }
}

/// Says on stderr, once, that the library found the search index damaged (or built from another
/// store) and rebuilt it from the store.
fn log_repairs(index: &SearchIndex) {
    for damage in index.take_repairs() {
        eprintln!("warning: search index rebuilt from the store: {damage}");
    }
}
