//! The SQLite store: the source of truth.
//!
//! A registry is a folder holding `registry.sqlite` (and, beside it, the derived search index).
//! Every write runs in a transaction: a method called on its own commits or rolls back as a
//! whole; inside [`Registry::transaction`] it joins that transaction through a savepoint, so a
//! failed call leaves the transaction as it was before the call. Every change appends an entry
//! to the hash-chained audit log.

mod articles;
mod backup;
mod check;
mod corrections;
mod dossier;
mod files;
mod links;
mod migrations;
mod open;
mod read;
pub mod seal;
pub mod snapshot;
mod suggestions;
mod write;

use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::{Error, Result};
use crate::model::WorkId;
use crate::model::audit::{GENESIS, entry_hash};

pub use crate::model::RecordKind;
pub(crate) use articles::NewArticle;
pub use articles::{ArticleText, StoredArticle};
pub use backup::BackupReport;
pub use check::CheckReport;
pub(crate) use corrections::standing;
pub use corrections::{Correction, FIELDS as CORRECTABLE_FIELDS, Replacement};
pub use dossier::{Dossier, FilingEntry, HistoryItem, VersionEntry, VersionState};
pub use files::{FILES_DIR, OriginalFile};
pub(crate) use links::Resolution;
pub use links::{IMPACT_KINDS, ImpactEntry, ImpactOptions, ImpactReport, LinkReport};
pub use migrations::SCHEMA_VERSION;
pub use open::{DEFAULT_BUSY_TIMEOUT, OpenOptions};
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
    /// Opened for reading only: writes fail with [`Error::ReadOnly`].
    read_only: bool,
    /// How long a write waits for another writer's lock.
    busy: Duration,
    /// The last audit entry before the open transaction began: entries after it are its own.
    began_seq: i64,
    snapshot: Mutex<Option<Arc<Snapshot>>>,
    /// Whether each commit reads the snapshot it leaves, before committing, and shares it.
    snapshot_ready: bool,
    /// Inside [`Registry::atomic_whole`]: nested writes take no savepoint of their own.
    whole: bool,
    /// A nested write failed inside [`Registry::atomic_whole`], whose changes were not undone
    /// on their own: the whole write must not commit.
    failed_inside: bool,
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
    fn from_parts(conn: Connection, dir: &Path, read_only: bool, busy: Duration) -> Registry {
        Registry {
            conn,
            dir: dir.to_path_buf(),
            actor: DEFAULT_ACTOR.to_owned(),
            in_transaction: false,
            read_only,
            busy,
            began_seq: 0,
            snapshot: Mutex::new(None),
            snapshot_ready: false,
            whole: false,
            failed_inside: false,
        }
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
        self.writable("a change")?;
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| self.busy_error(e.into()))?;
        self.in_transaction = true;
        self.began_seq = self.change_seq()?;
        Ok(())
    }

    /// Commits the transaction opened with [`Registry::begin`].
    pub fn commit(&mut self) -> Result<()> {
        if !self.in_transaction {
            return Err(Error::Conflict("no transaction is open".into()));
        }
        // The seal goes in before the commit, in the same transaction: a write and its seal
        // are committed together or not at all.
        if let Err(e) = self.seal() {
            self.rollback()?;
            return Err(e);
        }
        // Read here, the snapshot is the state about to be committed; one that cannot be read
        // is left to the next reader (who will report why), it does not undo the write.
        let prepared = if self.snapshot_ready {
            self.prepare_snapshot().ok()
        } else {
            None
        };
        let committed = match &prepared {
            Some(p) => p.share_on(|| self.conn.execute_batch("COMMIT")),
            None => self.conn.execute_batch("COMMIT"),
        };
        if let Err(e) = committed {
            // A failed COMMIT leaves the transaction open; end it so the handle stays usable.
            self.rollback()?;
            return Err(e.into());
        }
        self.in_transaction = false;
        if let Some(p) = prepared
            && let Ok(mut guard) = self.snapshot.lock()
        {
            *guard = Some(p.snapshot);
        }
        Ok(())
    }

    /// Has every commit of this handle read the snapshot it leaves before it commits, and
    /// share it with the other handles of the process: they find it made instead of waiting
    /// for it after the change (a server's writer). Each commit takes as long longer.
    pub fn keep_snapshot_ready(&mut self, on: bool) {
        self.snapshot_ready = on;
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

    /// Runs `f`, whose reads then take the store's locks once, in one read transaction, instead
    /// of once per statement (a search reading the texts of its hits); inside an open
    /// transaction, as it is.
    pub(crate) fn reading<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            return f();
        }
        self.conn.prepare_cached("BEGIN")?.execute([])?;
        let open = ReadTransaction(&self.conn);
        let out = f();
        open.end()?;
        out
    }

    /// Runs `f` as one write whose every error undoes all of it (an import), as
    /// [`Registry::atomic`] does, but without a savepoint for each write nested in it: a
    /// savepoint costs a copy of each page a record touches, and an import never keeps going
    /// past an error. Should an error inside be dropped rather than returned, the whole write
    /// is refused at the end, so that nothing half-done commits.
    pub(crate) fn atomic_whole<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        if self.whole {
            return self.atomic(f);
        }
        let result = self.atomic(|reg| {
            reg.whole = true;
            reg.failed_inside = false;
            match f(reg) {
                Ok(_) if reg.failed_inside => Err(Error::Integrity(
                    "a change inside this write failed and was not undone: nothing was written"
                        .into(),
                )),
                out => out,
            }
        });
        // Reset on every path: after the write, or when it could not even begin.
        self.whole = false;
        self.failed_inside = false;
        result
    }

    /// Runs `f` atomically: in its own transaction, or in a savepoint of the open one (inside
    /// [`Registry::atomic_whole`], in the open write itself).
    pub(crate) fn atomic<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        let nested = self.in_transaction;
        if nested && self.whole {
            let result = f(self);
            self.invalidate_snapshot();
            if result.is_err() {
                self.failed_inside = true;
            }
            return result;
        }
        if nested {
            self.conn.execute_batch("SAVEPOINT guifan_write")?;
        } else {
            self.writable("a change")?;
            self.conn
                .execute_batch("BEGIN IMMEDIATE")
                .map_err(|e| self.busy_error(e.into()))?;
            self.in_transaction = true;
            match self.change_seq() {
                Ok(seq) => self.began_seq = seq,
                Err(e) => {
                    self.rollback()?;
                    return Err(e);
                }
            }
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
                    // After a full disk (or another I/O error) SQLite may have rolled back the
                    // whole transaction itself, savepoint and all: the error to report is
                    // still the one that failed, not the missing savepoint.
                    if !self.conn.is_autocommit() {
                        self.conn
                            .execute_batch("ROLLBACK TO guifan_write; RELEASE guifan_write")?;
                    }
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

/// A read transaction begun by [`Registry::reading`]: ended by [`ReadTransaction::end`], or
/// when dropped (what ran inside panicked), so that the handle is never left inside it.
struct ReadTransaction<'c>(&'c Connection);

impl ReadTransaction<'_> {
    fn end(self) -> Result<()> {
        self.0.prepare_cached("COMMIT")?.execute([])?;
        Ok(())
    }
}

impl Drop for ReadTransaction<'_> {
    fn drop(&mut self) {
        // Only after a panic (or a failed COMMIT) is it still open. Nothing was written, and a
        // failure here has nowhere to go: the handle's next statement meets it.
        if !self.0.is_autocommit() {
            drop(self.0.execute_batch("ROLLBACK"));
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes a row into a fact table (a campaign), as any write of the registry would.
    pub(super) fn add_campaign(reg: &Registry, key: &str) -> Result<()> {
        reg.conn().execute(
            "INSERT INTO campaigns (key, name) VALUES (?1, '清理')",
            [key],
        )?;
        Ok(())
    }

    fn campaigns(reg: &Registry) -> i64 {
        reg.conn()
            .query_row("SELECT count(*) FROM campaigns", [], |r| r.get(0))
            .expect("count")
    }

    /// Guards the planner's stability guarantee (open.rs): without it SQLite prepared these
    /// statements again each time they were taken from the cache with new values.
    #[test]
    fn a_cached_statement_is_not_prepared_again_for_new_values() {
        let dir = tempfile::tempdir().expect("tempdir");
        let reg = Registry::open(dir.path()).expect("open");
        for sql in [
            "SELECT coalesce(max(seq), 0) FROM versions WHERE work_id = ?1",
            "SELECT DISTINCT work_id FROM versions WHERE title_key = ?1 ORDER BY work_id",
            "SELECT number FROM articles WHERE work_id = ?1 AND seq = ?2 ORDER BY ord",
        ] {
            let mut reprepared = 0;
            for i in 0..5i64 {
                let mut stmt = reg.conn().prepare_cached(sql).expect("prepare");
                let values: Vec<i64> = (0..stmt.parameter_count() as i64)
                    .map(|k| i * 7 + k)
                    .collect();
                let mut rows = stmt
                    .query(rusqlite::params_from_iter(&values))
                    .expect("query");
                while rows.next().expect("step").is_some() {}
                drop(rows);
                reprepared = stmt.get_status(rusqlite::StatementStatus::RePrepare);
            }
            assert_eq!(reprepared, 0, "{sql}");
        }
    }

    /// Guards imports, whose records write without savepoints: an error inside that is
    /// dropped instead of returned must not let the rest commit.
    #[test]
    fn a_whole_write_with_a_failure_dropped_inside_commits_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut reg = Registry::open(dir.path()).expect("open");
        let result = reg.atomic_whole(|reg| {
            add_campaign(reg, "first")?;
            let dropped: Result<()> = reg.atomic(|reg| {
                add_campaign(reg, "half")?;
                Err(Error::Conflict("refused".into()))
            });
            assert!(dropped.is_err());
            Ok(())
        });
        assert!(matches!(result, Err(Error::Integrity(_))), "{result:?}");
        assert_eq!(campaigns(&reg), 0, "nothing was written");

        // The next whole write starts afresh, and one whose errors are returned is undone.
        reg.atomic_whole(|reg| reg.atomic(|reg| add_campaign(reg, "kept")))
            .expect("a clean write");
        assert_eq!(campaigns(&reg), 1);
        let failed = reg.atomic_whole(|reg| {
            add_campaign(reg, "second")?;
            reg.atomic(|reg| {
                add_campaign(reg, "third")?;
                Err::<(), _>(Error::Conflict("refused".into()))
            })
        });
        assert!(matches!(failed, Err(Error::Conflict(_))), "{failed:?}");
        assert_eq!(campaigns(&reg), 1);
        assert!(reg.check().expect("check").ok());
    }
}
