//! The SQLite store: the source of truth.
//!
//! A registry is a folder holding `registry.sqlite` (and, beside it, the derived search index).
//! Every write runs in a transaction: a method called on its own commits or rolls back as a
//! whole; inside [`Registry::transaction`] it joins that transaction through a savepoint, so a
//! failed call leaves the transaction as it was before the call. Every change appends an entry
//! to the hash-chained audit log.

mod articles;
mod check;
mod corrections;
mod dossier;
mod files;
mod links;
mod migrations;
mod read;
pub mod snapshot;
mod suggestions;
mod write;

use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use crate::error::{Error, Result};
use crate::model::WorkId;
use crate::model::audit::{GENESIS, entry_hash};

pub use crate::model::RecordKind;
pub(crate) use articles::NewArticle;
pub use articles::{ArticleText, StoredArticle};
pub use check::CheckReport;
pub(crate) use corrections::standing;
pub use corrections::{Correction, FIELDS as CORRECTABLE_FIELDS, Replacement};
pub use dossier::{Dossier, FilingEntry, HistoryItem, VersionEntry, VersionState};
pub use files::{FILES_DIR, OriginalFile};
pub(crate) use links::Resolution;
pub use links::{IMPACT_KINDS, ImpactEntry, ImpactOptions, ImpactReport, LinkReport};
pub use migrations::SCHEMA_VERSION;
pub use read::{DocumentList, ListFilter, RelationView, WorkSummary};
pub use snapshot::{Snapshot, VersionFacts, WorkFacts};
pub use suggestions::NewSuggestion;
pub use write::{Announced, InitialStatus, Recorded, RegisterOutcome, Target};

/// The file name of the store inside a registry folder.
pub const STORE_FILE: &str = "registry.sqlite";

/// The actor recorded in the audit log when none is set.
pub const DEFAULT_ACTOR: &str = "guifan";

/// A registry: the store of one folder.
pub struct Registry {
    conn: Connection,
    dir: PathBuf,
    actor: String,
    in_transaction: bool,
    snapshot: Mutex<Option<Arc<Snapshot>>>,
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registry")
            .field("dir", &self.dir)
            .field("actor", &self.actor)
            .field("in_transaction", &self.in_transaction)
            .finish()
    }
}

impl Registry {
    /// Opens the registry in `dir`, creating the folder and the store if they are missing.
    pub fn open(dir: impl AsRef<Path>) -> Result<Registry> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        Self::open_store(dir, true)
    }

    /// Opens an existing registry; fails with `NotFound` when `dir` holds none.
    pub fn open_existing(dir: impl AsRef<Path>) -> Result<Registry> {
        let dir = dir.as_ref();
        if !dir.join(STORE_FILE).is_file() {
            return Err(Error::not_found("registry", dir.display().to_string()));
        }
        Self::open_store(dir, false)
    }

    fn open_store(dir: &Path, create: bool) -> Result<Registry> {
        let path = dir.join(STORE_FILE);
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if create {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let mut conn = Connection::open_with_flags(&path, flags)?;
        conn.busy_timeout(Duration::from_secs(10))?;
        // Registering a version runs some twenty distinct statements; keep them all prepared.
        conn.set_prepared_statement_cache_capacity(64);
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        migrations::migrate(&mut conn)?;
        Ok(Registry {
            conn,
            dir: dir.to_path_buf(),
            actor: DEFAULT_ACTOR.to_owned(),
            in_transaction: false,
            snapshot: Mutex::new(None),
        })
    }

    /// The registry folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Who the audit log names for the changes made through this handle.
    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// Sets who the audit log names for the changes made through this handle.
    pub fn set_actor(&mut self, actor: impl Into<String>) {
        let actor = actor.into();
        self.actor = if actor.trim().is_empty() {
            DEFAULT_ACTOR.to_owned()
        } else {
            actor
        };
    }

    /// Whether a transaction is open on this handle.
    pub fn in_transaction(&self) -> bool {
        self.in_transaction
    }

    /// Opens a transaction: every write through the returned guard commits together on
    /// [`Transaction::commit`], and is rolled back when the guard is dropped without it.
    pub fn transaction(&mut self) -> Result<Transaction<'_>> {
        self.begin()?;
        Ok(Transaction {
            reg: self,
            done: false,
        })
    }

    /// Begins a transaction by hand (for bindings that cannot hold a [`Transaction`] guard).
    /// Pair it with [`Registry::commit`] or [`Registry::rollback`].
    pub fn begin(&mut self) -> Result<()> {
        if self.in_transaction {
            return Err(Error::Conflict("a transaction is already open".into()));
        }
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        self.in_transaction = true;
        Ok(())
    }

    /// Commits the transaction opened with [`Registry::begin`].
    pub fn commit(&mut self) -> Result<()> {
        if !self.in_transaction {
            return Err(Error::Conflict("no transaction is open".into()));
        }
        if let Err(e) = self.conn.execute_batch("COMMIT") {
            // A failed COMMIT leaves the transaction open; end it so the handle stays usable.
            self.rollback()?;
            return Err(e.into());
        }
        self.in_transaction = false;
        Ok(())
    }

    /// Rolls back the transaction opened with [`Registry::begin`].
    pub fn rollback(&mut self) -> Result<()> {
        if !self.in_transaction {
            return Err(Error::Conflict("no transaction is open".into()));
        }
        self.in_transaction = false;
        self.invalidate_snapshot();
        if self.conn.is_autocommit() {
            return Ok(());
        }
        self.conn.execute_batch("ROLLBACK")?;
        Ok(())
    }

    /// Runs `f` atomically: in its own transaction, or in a savepoint of the open one.
    pub(crate) fn atomic<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        let nested = self.in_transaction;
        if nested {
            self.conn.execute_batch("SAVEPOINT guifan_write")?;
        } else {
            self.conn.execute_batch("BEGIN IMMEDIATE")?;
            self.in_transaction = true;
        }
        let result = f(self);
        self.invalidate_snapshot();
        if nested {
            match result {
                Ok(v) => {
                    self.conn.execute_batch("RELEASE guifan_write")?;
                    Ok(v)
                }
                Err(e) => {
                    self.conn
                        .execute_batch("ROLLBACK TO guifan_write; RELEASE guifan_write")?;
                    Err(e)
                }
            }
        } else {
            match result {
                Ok(v) => {
                    self.commit()?;
                    Ok(v)
                }
                Err(e) => {
                    self.rollback()?;
                    Err(e)
                }
            }
        }
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Appends an audit entry, chained to the last one. Must run inside [`Registry::atomic`].
    pub(crate) fn audit(
        &self,
        action: &str,
        work: Option<WorkId>,
        reason: Option<&str>,
        detail: &serde_json::Value,
    ) -> Result<i64> {
        debug_assert!(self.in_transaction);
        let last: Option<(i64, String)> = self
            .conn
            .prepare_cached("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let (seq, prev) = match last {
            Some((seq, hash)) => (seq + 1, hash),
            None => (1, GENESIS.to_owned()),
        };
        let time = crate::date::now_timestamp();
        let detail = detail.to_string();
        let hash = entry_hash(
            &prev,
            seq,
            &time,
            &self.actor,
            action,
            work,
            reason,
            &detail,
        );
        self.conn
            .prepare_cached(
                "INSERT INTO audit (seq, time, actor, action, work_id, reason, detail, prev_hash, hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                seq,
                time,
                self.actor,
                action,
                work.map(|w| w.0),
                reason,
                detail,
                prev,
                hash
            ])?;
        Ok(seq)
    }

    /// The sequence number of the last audit entry: it grows with every change, so readers
    /// (the snapshot, the search index) use it to tell whether they are behind.
    pub fn change_seq(&self) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached("SELECT coalesce(max(seq), 0) FROM audit")?
            .query_row([], |r| r.get(0))?)
    }

    fn invalidate_snapshot(&self) {
        if let Ok(mut guard) = self.snapshot.lock() {
            *guard = None;
        }
    }
}

/// An open transaction; see [`Registry::transaction`].
pub struct Transaction<'r> {
    reg: &'r mut Registry,
    done: bool,
}

impl Transaction<'_> {
    /// Commits every write made through this transaction.
    pub fn commit(mut self) -> Result<()> {
        self.done = true;
        self.reg.commit()
    }

    /// Rolls back every write made through this transaction.
    pub fn rollback(mut self) -> Result<()> {
        self.done = true;
        self.reg.rollback()
    }
}

impl Deref for Transaction<'_> {
    type Target = Registry;
    fn deref(&self) -> &Registry {
        self.reg
    }
}

impl DerefMut for Transaction<'_> {
    fn deref_mut(&mut self) -> &mut Registry {
        self.reg
    }
}

impl Drop for Transaction<'_> {
    fn drop(&mut self) {
        if !self.done && self.reg.rollback().is_err() {
            // The connection refused the rollback; SQLite rolls an unfinished transaction
            // back when the connection closes, so the store stays as it was.
            self.reg.in_transaction = false;
        }
    }
}
