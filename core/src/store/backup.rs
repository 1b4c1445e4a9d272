//! `backup`: a consistent copy of a registry into a new folder while others keep writing.
//!
//! The store is copied with SQLite's online backup in one step, under one read transaction:
//! the copy is the registry as one commit left it, whatever writers do meanwhile (in WAL
//! mode they are not held up). The original files (`files/`) are content-addressed and never
//! change once written, so they are copied as they are; the search index is not copied, it
//! is derived and rebuilt from the store on first use. The copy is written under a temporary
//! name and renamed into place, then opened read-only and checked: the report gives the head
//! hash of its audit log, to keep apart from the copy (`check --expect-head`).

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};
use serde::Serialize;

use super::{FILES_DIR, OpenOptions, Registry, STORE_FILE};
use crate::error::{Error, Result};

/// What `backup` copied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupReport {
    /// The folder the copy is in: a registry folder of its own.
    pub dest: PathBuf,
    /// How many works and versions the copy holds.
    pub works: u64,
    /// How many versions.
    pub versions: u64,
    /// How many audit entries.
    pub audit_entries: u64,
    /// The hash of the copy's last audit entry: keep it elsewhere, and check a restored
    /// registry with `check --expect-head`.
    pub head_hash: String,
    /// How many original files were copied.
    pub files: u64,
    /// Problems `check` found in the copy (none when the registry was sound).
    pub problems: Vec<String>,
}

impl Registry {
    /// Copies the registry into `dest`, a folder that must not exist or be empty; see the
    /// module documentation.
    pub fn backup(&self, dest: &Path) -> Result<BackupReport> {
        if dest.exists() {
            let empty = std::fs::read_dir(dest)
                .map_err(|e| Error::io(dest, e))?
                .next()
                .is_none();
            if !empty {
                return Err(Error::invalid(
                    "dest",
                    dest.display().to_string(),
                    "the backup folder must be new or empty: a backup never overwrites",
                ));
            }
        }
        std::fs::create_dir_all(dest).map_err(|e| Error::io(dest, e))?;
        let partial = dest.join(format!(".{STORE_FILE}.partial"));
        let copied = (|| -> Result<()> {
            let mut to = Connection::open(&partial)?;
            {
                let backup = Backup::new(self.conn(), &mut to)?;
                // All pages in one step: one read transaction, one consistent state.
                match backup.step(-1)? {
                    StepResult::Done => {}
                    _ => {
                        return Err(Error::Busy {
                            waited_ms: self.busy_timeout().as_millis() as u64,
                        });
                    }
                }
            }
            to.close().map_err(|(_, e)| e)?;
            std::fs::File::open(&partial)
                .and_then(|f| f.sync_all())
                .map_err(|e| Error::io(&partial, e))?;
            std::fs::rename(&partial, dest.join(STORE_FILE)).map_err(|e| Error::io(dest, e))
        })();
        if let Err(e) = copied {
            std::fs::remove_file(&partial).ok();
            return Err(e);
        }
        let files = copy_files(&self.dir().join(FILES_DIR), &dest.join(FILES_DIR))?;
        let copy = Registry::open_with(
            dest,
            &OpenOptions {
                read_only: true,
                ..OpenOptions::default()
            },
        )?;
        let report = copy.check()?;
        Ok(BackupReport {
            dest: dest.to_path_buf(),
            works: report.works,
            versions: report.versions,
            audit_entries: report.audit_entries,
            head_hash: report.head_hash,
            files,
            problems: report.problems,
        })
    }
}

/// Copies the original files, folder by folder; returns how many.
fn copy_files(from: &Path, to: &Path) -> Result<u64> {
    if !from.is_dir() {
        return Ok(0);
    }
    let mut n = 0;
    for entry in std::fs::read_dir(from).map_err(|e| Error::io(from, e))? {
        let entry = entry.map_err(|e| Error::io(from, e))?;
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            n += copy_files(&path, &target)?;
        } else if path.is_file() && !entry.file_name().to_string_lossy().starts_with('.') {
            std::fs::create_dir_all(to).map_err(|e| Error::io(to, e))?;
            std::fs::copy(&path, &target).map_err(|e| Error::io(&target, e))?;
            n += 1;
        }
    }
    Ok(n)
}
