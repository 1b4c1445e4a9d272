//! Opening a registry's store: creating it whole or not at all, refusing a damaged file,
//! falling back to reading when the folder or file is read-only, and how long to wait for
//! another writer.
//!
//! A new store is built in a temporary file beside its final name and linked into place only
//! when its schema is complete, so that no process ever sees a half-made store, and an
//! existing `registry.sqlite` that is empty (0 bytes), not an SQLite file, or an SQLite file
//! without a registry in it is an error ([`Error::Damaged`]), never re-created.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::{Registry, STORE_FILE, migrations};
use crate::error::{Error, Result};

/// How long a write waits for another writer's lock by default.
pub const DEFAULT_BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// How to open a registry: see [`Registry::open_with`].
#[derive(Debug, Clone)]
pub struct OpenOptions {
    /// Create the folder and the store when they are missing.
    pub create: bool,
    /// Open for reading only, even when the files are writable.
    pub read_only: bool,
    /// How long a write waits for another process's (or handle's) write lock before it fails
    /// with [`Error::Busy`].
    pub busy_timeout: Duration,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            create: false,
            read_only: false,
            busy_timeout: DEFAULT_BUSY_TIMEOUT,
        }
    }
}

/// What a failed open says about the file, when it is the file's fault.
fn damage(path: &Path, e: &rusqlite::Error) -> Option<Error> {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => Some(Error::Damaged {
            path: path.to_path_buf(),
            problem: "it is not an SQLite database".into(),
        }),
        Some(ErrorCode::DatabaseCorrupt) => Some(Error::Damaged {
            path: path.to_path_buf(),
            problem: "SQLite reports it corrupt".into(),
        }),
        _ => None,
    }
}

/// Whether an open failed because the file or its folder cannot be written.
fn cannot_write(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied)
    )
}

/// Opens the connection and reads the schema version, which touches the file (and, in WAL
/// mode, the shared-memory file beside it): the first point where a damaged or unwritable
/// file shows.
fn connect(path: &Path, mode: Mode, busy: Duration) -> rusqlite::Result<(Connection, i64)> {
    let conn = match mode {
        Mode::Write => Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?,
        Mode::Read => Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?,
        Mode::Immutable => Connection::open_with_flags(
            immutable_uri(path),
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )?,
    };
    conn.busy_timeout(busy)?;
    // Each statement planned once, not again for every new value bound to it: without the
    // planner's stability guarantee, SQLite re-prepares a cached statement whose planning
    // looked at a bound value (`work_id = ?1` weighed as a filter) each time it is reused,
    // a tenth of an import's time.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    super::seal::register(&conn)?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    // A schema read proves the file is a database, not only that its header looks like one.
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    })?;
    Ok((conn, version))
}

/// How a connection opens the store.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Reading and writing.
    Write,
    /// Reading, with SQLite's locks: others may write at the same time.
    Read,
    /// Reading a store in a folder where SQLite cannot make its shared-memory file (a
    /// read-only folder, an archive copy): SQLite takes the file as unchanging.
    Immutable,
}

/// The `file:` URI that opens `path` as immutable, its reserved characters escaped.
fn immutable_uri(path: &Path) -> String {
    let escaped = path
        .to_string_lossy()
        .replace('%', "%25")
        .replace('?', "%3F")
        .replace('#', "%23");
    format!("file:{escaped}?immutable=1")
}

/// Builds a new store in a temporary file and links it into place, unless another process
/// got there first (then its store is used). The link never replaces an existing file.
fn create_store(dir: &Path, path: &Path) -> Result<()> {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let tmp = dir.join(format!(".{STORE_FILE}.{}.{stamp}.new", std::process::id()));
    let built = (|| -> Result<()> {
        // Built with a rollback journal, so that every page is in the file itself when a
        // commit returns (a WAL checkpoint that fails on a full disk at close would leave the
        // file short without a word); WAL is switched on once the schema is in.
        let mut conn = Connection::open(&tmp)?;
        conn.pragma_update(None, "journal_mode", "DELETE")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        migrations::migrate(&mut conn)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.close().map_err(|(_, e)| e)?;
        // Read it back before it takes the registry's name.
        let conn = Connection::open_with_flags(&tmp, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        let verdict: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if verdict != "ok" {
            return Err(Error::Damaged {
                path: tmp.clone(),
                problem: format!("the new store did not read back whole ({verdict})"),
            });
        }
        Ok(())
    })();
    let linked = built.and_then(|()| match std::fs::hard_link(&tmp, path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        // A file system without hard links: move it, checking first (a race here is a
        // window of microseconds on a file system few registries live on).
        Err(_) if !path.exists() => std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e)),
        Err(e) => Err(Error::io(path, e)),
    });
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = tmp.clone().into_os_string();
        name.push(suffix);
        // Only the temporary file itself always exists; the others may not.
        std::fs::remove_file(PathBuf::from(name)).ok();
    }
    linked
}

impl Registry {
    /// Opens the registry in `dir`, creating the folder and the store if they are missing.
    pub fn open(dir: impl AsRef<Path>) -> Result<Registry> {
        Self::open_with(
            dir,
            &OpenOptions {
                create: true,
                ..OpenOptions::default()
            },
        )
    }

    /// Opens an existing registry; fails with `NotFound` when `dir` holds none.
    pub fn open_existing(dir: impl AsRef<Path>) -> Result<Registry> {
        Self::open_with(dir, &OpenOptions::default())
    }

    /// Opens a registry as `options` say.
    ///
    /// A registry whose folder or file cannot be written opens for reading: every read
    /// works, and a write fails with [`Error::ReadOnly`]. An existing store that is empty or
    /// not a registry fails with [`Error::Damaged`] and is left as it is.
    pub fn open_with(dir: impl AsRef<Path>, options: &OpenOptions) -> Result<Registry> {
        let dir = dir.as_ref();
        let path = dir.join(STORE_FILE);
        if !path.exists() {
            if !options.create {
                return Err(Error::not_found("registry", dir.display().to_string()));
            }
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            create_store(dir, &path)?;
        }
        let meta = std::fs::metadata(&path).map_err(|e| Error::io(&path, e))?;
        if !meta.is_file() {
            return Err(Error::Damaged {
                path,
                problem: "it is not a file".into(),
            });
        }
        if meta.len() == 0 {
            return Err(Error::Damaged {
                path,
                problem: "the file is empty (0 bytes)".into(),
            });
        }

        let busy = options.busy_timeout;
        let fail = |e: rusqlite::Error| damage(&path, &e).unwrap_or_else(|| e.into());
        let mut opened = None;
        if !options.read_only {
            match connect(&path, Mode::Write, busy) {
                Ok((conn, version)) if !conn.is_readonly(rusqlite::MAIN_DB)? => {
                    opened = Some((conn, version, false));
                }
                Ok(_) => {}
                Err(e) if cannot_write(&e) => {}
                Err(e) => return Err(fail(e)),
            }
        }
        let (mut conn, version, read_only) = match opened {
            Some(opened) => opened,
            None => match connect(&path, Mode::Read, busy) {
                Ok((conn, version)) => (conn, version, true),
                Err(e) if cannot_write(&e) => {
                    let (conn, version) = connect(&path, Mode::Immutable, busy).map_err(fail)?;
                    (conn, version, true)
                }
                Err(e) => return Err(fail(e)),
            },
        };
        if version == 0 && !has_registry(&conn)? {
            return Err(Error::Damaged {
                path,
                problem: "it is an SQLite database without a registry in it".into(),
            });
        }
        conn.set_prepared_statement_cache_capacity(64);
        conn.pragma_update(None, "foreign_keys", "ON")?;
        if read_only {
            if version < migrations::SCHEMA_VERSION {
                return Err(Error::ReadOnly {
                    path: dir.to_path_buf(),
                    action: "bringing its store up to this version of guifan",
                });
            }
            migrations::refuse_newer(version)?;
        } else {
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
            // The journals of savepoints and of single statements inside a transaction in
            // memory, not in temporary files: they hold the pages one nested write touched.
            conn.pragma_update(None, "temp_store", "MEMORY")?;
        }
        let migrated = if read_only {
            false
        } else {
            migrations::migrate(&mut conn).map_err(|e| waited(e, busy))?
        };
        if !read_only {
            super::seal::watch(&conn)?;
        }
        let mut reg = Registry::from_parts(conn, dir, read_only, busy);
        if migrated && reg.change_seq()? > 0 {
            reg.reseal()?;
        }
        Ok(reg)
    }

    /// Whether the registry was opened for reading only.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Refuses a write on a read-only registry.
    pub(crate) fn writable(&self, action: &'static str) -> Result<()> {
        if self.read_only {
            return Err(Error::ReadOnly {
                path: self.dir.clone(),
                action,
            });
        }
        Ok(())
    }

    /// How long a write waits for another writer's lock.
    pub fn busy_timeout(&self) -> Duration {
        self.busy
    }

    /// Sets how long a write waits for another writer's lock before [`Error::Busy`].
    pub fn set_busy_timeout(&mut self, timeout: Duration) -> Result<()> {
        self.conn.busy_timeout(timeout)?;
        self.busy = timeout;
        Ok(())
    }

    /// A lock error from beginning a write, with how long this handle waited.
    pub(crate) fn busy_error(&self, e: Error) -> Error {
        waited(e, self.busy)
    }
}

/// A lock error with how long the handle waited (SQLite's error does not say).
fn waited(e: Error, busy: Duration) -> Error {
    match e {
        Error::Busy { .. } => Error::Busy {
            waited_ms: busy.as_millis() as u64,
        },
        e => e,
    }
}

/// Whether the database holds the registry's tables (a store of schema version 0 never does:
/// every store is made with its schema).
fn has_registry(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'works'",
        [],
        |r| r.get::<_, i64>(0),
    )? > 0)
}
