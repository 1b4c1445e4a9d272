//! Finding damage in the index's files, and starting afresh.
//!
//! Opening looks at the folder before trusting it: `meta.json` and `.managed.json` must read,
//! every file of every committed segment must be there and listed, and each must match the
//! checksum in its footer. Checksums cost a read of every byte (about 30 ms for the 55 MB index
//! of the 3,419-version corpus), so opening checks only the files it has not checked before:
//! `guifan-checked.json` in the folder keeps the size and modification time of each file found
//! sound, and a file that still has them is not read again. `check` reads them all.
//!
//! A damaged index is emptied (its files deleted under tantivy's writer lock, so that no
//! other process is writing it meanwhile) and filled again from the store by the next sync.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::Serialize;
use tantivy::Index;
use tantivy::directory::{Directory, INDEX_WRITER_LOCK, META_LOCK, MmapDirectory, RamDirectory};
use tantivy::index::SegmentComponent;

use super::guard::guarded;
use super::{Payload, SCHEMA_VERSION, Tantivy, index_err, payload, schema};
use crate::error::{Error, Result};

/// What was wrong with an index found unusable; the index is then rebuilt from the store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Damage {
    /// Files of the index are missing, or do not match their checksum.
    Files {
        /// Files that should be there and are not.
        missing: Vec<String>,
        /// Files whose content is not what was written.
        corrupt: Vec<String>,
    },
    /// The index could not be opened or read.
    Unreadable {
        /// What failed.
        message: String,
    },
    /// The index reflects a registry change the store does not have, or has differently: it
    /// was built from another store (an older copy restored beside it, an emptied one).
    OtherHistory {
        /// The registry change the index reflects.
        seq: i64,
        /// Whether the store has an entry of that number (with another hash).
        differs: bool,
    },
}

impl fmt::Display for Damage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Damage::Files { missing, corrupt } => {
                let mut parts = Vec::new();
                if !missing.is_empty() {
                    parts.push(format!("missing {}", names(missing)));
                }
                if !corrupt.is_empty() {
                    parts.push(format!("damaged {}", names(corrupt)));
                }
                write!(f, "index files {}", parts.join("; "))
            }
            Damage::Unreadable { message } => write!(f, "the index cannot be read: {message}"),
            Damage::OtherHistory { seq, differs } => write!(
                f,
                "the index was built from another store: it reflects registry change {seq}, which \
                 this store {}",
                if *differs {
                    "records differently"
                } else {
                    "does not have"
                }
            ),
        }
    }
}

/// File names for a message: the first few, and how many more.
fn names(files: &[String]) -> String {
    const SHOWN: usize = 4;
    let mut s = files
        .iter()
        .take(SHOWN)
        .map(|f| format!("`{f}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if files.len() > SHOWN {
        s.push_str(&format!(" and {} more", files.len() - SHOWN));
    }
    s
}

/// The record of files found sound, kept in the index folder (tantivy leaves files it did not
/// write alone).
const CHECKED: &str = "guifan-checked.json";

/// Tantivy's list of the files it wrote.
const MANAGED: &str = ".managed.json";

/// Files of the folder that are not the index's content.
const LOCKS: [&str; 2] = [".tantivy-writer.lock", ".tantivy-meta.lock"];

/// Which files' checksums to verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Checksums {
    /// Those not found sound before (opening).
    Changed,
    /// Every file (`check`).
    All,
}

/// What a look at the folder found.
pub(super) enum Inspection {
    /// No index yet.
    Absent,
    /// An index of another schema version: rebuilt without a word.
    Outdated,
    /// Sound as far as its files show; with its commit's payload.
    Sound(Tantivy, Option<Payload>),
    Damaged(Damage),
}

/// Looks at the index in `dir`, opening it when its files are sound.
pub(super) fn inspect(dir: &Path, checksums: Checksums) -> Result<Inspection> {
    if !dir.exists() {
        return Ok(Inspection::Absent);
    }
    if !dir.join("meta.json").exists() {
        let content = content(dir)?;
        return Ok(if content.is_empty() {
            Inspection::Absent
        } else {
            Inspection::Damaged(Damage::Files {
                missing: vec!["meta.json".to_owned()],
                corrupt: Vec::new(),
            })
        });
    }
    match guarded("opening the index", || open_checked(dir, checksums)) {
        Err(Error::Index(message)) => Ok(Inspection::Damaged(Damage::Unreadable {
            message: short(&message),
        })),
        other => other,
    }
}

fn open_checked(dir: &Path, checksums: Checksums) -> Result<Inspection> {
    let unreadable = |e: tantivy::TantivyError| Inspection::Damaged(open_failure(&e));
    let index = match Index::open_in_dir(dir) {
        Ok(i) => i,
        Err(e) => return Ok(unreadable(e)),
    };
    if index.schema() != schema().0 {
        return Ok(Inspection::Outdated);
    }
    // Tantivy's meta lock keeps a writer from deleting the files of the commit read here
    // (after its own next commit) while they are looked at; the reader takes it itself.
    // In a folder no one can write (a read-only copy), no writer can replace files either:
    // the lock, which cannot be made there, is not needed.
    let meta_lock = match index.directory().acquire_lock(&META_LOCK) {
        Ok(lock) => Some(lock),
        Err(_) if read_only_folder(dir) => None,
        Err(e) => {
            let path = dir.display();
            return Err(Error::Conflict(format!(
                "the index in `{path}` cannot be locked: {e}"
            )));
        }
    };
    let metas = match index.load_metas() {
        Ok(m) => m,
        Err(e) => return Ok(unreadable(e)),
    };
    let payload = payload(metas.payload.as_deref());
    if payload.as_ref().is_some_and(|p| p.schema != SCHEMA_VERSION) {
        return Ok(Inspection::Outdated);
    }

    let active = active_files(&metas);
    let mut missing: Vec<String> = Vec::new();
    let mut corrupt: Vec<String> = Vec::new();
    // Tantivy lists a file before writing it: a committed file it does not list means the
    // list was lost or rewritten. Read now, after the commit's `meta.json`, so that a commit
    // made since the index was opened is listed too.
    let managed: Option<BTreeSet<PathBuf>> = std::fs::read(dir.join(MANAGED))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok());
    match managed {
        Some(m) if active.is_subset(&m) => {}
        _ if dir.join(MANAGED).exists() => corrupt.push(MANAGED.to_owned()),
        _ => missing.push(MANAGED.to_owned()),
    }
    let checked = match checksums {
        Checksums::Changed => read_checked(dir),
        Checksums::All => BTreeMap::new(),
    };
    let mut sound = BTreeMap::new();
    for path in &active {
        let name = path.to_string_lossy().into_owned();
        let Some(stamp) = stamp(&dir.join(path)) else {
            missing.push(name);
            continue;
        };
        if checked.get(&name) == Some(&stamp)
            || index.directory().validate_checksum(path).unwrap_or(false)
        {
            sound.insert(name, stamp);
        } else {
            corrupt.push(name);
        }
    }
    drop(meta_lock);
    if !missing.is_empty() || !corrupt.is_empty() {
        missing.sort();
        corrupt.sort();
        return Ok(Inspection::Damaged(Damage::Files { missing, corrupt }));
    }
    let tantivy = match Tantivy::new(index) {
        Ok(t) => t,
        Err(Error::Index(message)) => {
            return Ok(Inspection::Damaged(Damage::Unreadable {
                message: short(&message),
            }));
        }
        Err(e) => return Err(e),
    };
    if checksums == Checksums::Changed && sound != checked {
        write_checked(dir, &sound);
    }
    Ok(Inspection::Sound(tantivy, payload))
}

/// The damage an error opening the index shows: a file of tantivy's own that does not read
/// (`meta.json`, `.managed.json`), else the error's first words.
fn open_failure(e: &tantivy::TantivyError) -> Damage {
    let message = e.to_string();
    if let tantivy::TantivyError::DataCorruption(_) = e {
        for file in ["meta.json", ".managed.json"] {
            if message.contains(&format!("\"{file}\"")) {
                return Damage::Files {
                    missing: Vec::new(),
                    corrupt: vec![file.to_owned()],
                };
            }
        }
    }
    Damage::Unreadable {
        message: short(&message),
    }
}

/// The first line of a message, at most 200 characters: tantivy's errors can quote a whole
/// file.
pub(super) fn short(message: &str) -> String {
    const MAX: usize = 200;
    let line = message.lines().next().unwrap_or_default();
    match line.char_indices().nth(MAX) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None => line.to_owned(),
    }
}

/// The files of every committed segment.
fn active_files(metas: &tantivy::index::IndexMeta) -> BTreeSet<PathBuf> {
    let mut files = BTreeSet::new();
    for segment in &metas.segments {
        for component in [
            SegmentComponent::Postings,
            SegmentComponent::Positions,
            SegmentComponent::Terms,
            SegmentComponent::Store,
            SegmentComponent::FastFields,
            SegmentComponent::FieldNorms,
        ] {
            files.insert(segment.relative_path(component));
        }
        if segment.has_deletes() {
            files.insert(segment.relative_path(SegmentComponent::Delete));
        }
    }
    files
}

/// A file's size and modification time, in nanoseconds; `None` when it is not there.
fn stamp(path: &Path) -> Option<(u64, u128)> {
    let m = std::fs::metadata(path).ok()?;
    let modified = m
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    Some((m.len(), modified))
}

fn read_checked(dir: &Path) -> BTreeMap<String, (u64, u128)> {
    std::fs::read(dir.join(CHECKED))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// Records the files found sound. Best effort: in a folder that cannot be written (a read-only
/// copy), the files are checked again on the next opening.
fn write_checked(dir: &Path, sound: &BTreeMap<String, (u64, u128)>) {
    let Ok(json) = serde_json::to_vec(sound) else {
        return;
    };
    let tmp = dir.join(format!("{CHECKED}.{}", std::process::id()));
    if std::fs::write(&tmp, json).is_ok() && std::fs::rename(&tmp, dir.join(CHECKED)).is_err() {
        std::fs::remove_file(&tmp).ok();
    }
}

/// The folder's entries that are the index's content (all but the lock files).
fn content(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let name = entry.file_name();
        if !LOCKS.iter().any(|l| name == *l) {
            out.push(entry.path());
        }
    }
    Ok(out)
}

/// Empties the folder and creates an empty index in it, under tantivy's writer lock: fails
/// when another process is writing the index.
/// Whether no one may write into the folder (its mode has no write bit).
fn read_only_folder(dir: &Path) -> bool {
    std::fs::metadata(dir).is_ok_and(|m| m.permissions().readonly())
}

/// An empty index in memory.
pub(super) fn empty_in_memory() -> Result<Tantivy> {
    Tantivy::new(Index::create_in_ram(schema().0))
}

/// The committed index of `dir` copied into memory, when it reads, is of this schema, and
/// every file matches its checksum; `None` otherwise (the caller builds one from the store).
pub(super) fn read_into_memory(dir: &Path) -> Option<Tantivy> {
    let ram = RamDirectory::create();
    for entry in std::fs::read_dir(dir).ok()? {
        let path = entry.ok()?.path();
        let name = path.file_name()?.to_str()?.to_owned();
        if !path.is_file() || name.ends_with(".lock") {
            continue;
        }
        let bytes = std::fs::read(&path).ok()?;
        ram.atomic_write(Path::new(&name), &bytes).ok()?;
    }
    guarded("reading the index", || {
        let index = Index::open(ram).map_err(index_err)?;
        if index.schema() != schema().0 {
            return Err(Error::Index("another schema".into()));
        }
        let metas = index.load_metas().map_err(index_err)?;
        if payload(metas.payload.as_deref()).is_none_or(|p| p.schema != SCHEMA_VERSION) {
            return Err(Error::Index("another schema version".into()));
        }
        if !index.validate_checksum().map_err(index_err)?.is_empty() {
            return Err(Error::Index("damaged".into()));
        }
        Tantivy::new(index)
    })
    .ok()
}

pub(super) fn reset(dir: &Path) -> Result<Tantivy> {
    reset_with(dir, false).map(|(t, _)| t)
}

/// [`reset`], unless, once the writer's lock is held, the folder holds a sound index of this
/// version after all: another process made it (or finished its commit) between the look
/// that found it missing or damaged and the lock. Then that index is kept and `true` says so.
pub(super) fn reset_unless_made(dir: &Path) -> Result<(Tantivy, bool)> {
    reset_with(dir, true)
}

fn reset_with(dir: &Path, keep_sound: bool) -> Result<(Tantivy, bool)> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let directory = MmapDirectory::open(dir).map_err(index_err)?;
    let lock = directory.acquire_lock(&INDEX_WRITER_LOCK).map_err(|_| {
        Error::Conflict(format!(
            "the index in `{}` is being written by another process",
            dir.display()
        ))
    })?;
    if keep_sound && let Ok(Inspection::Sound(t, _)) = inspect(dir, Checksums::Changed) {
        drop(lock);
        return Ok((t, true));
    }
    for path in content(dir)? {
        let removed = if path.is_dir() {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        match removed {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&path, e)),
        }
    }
    let index = Index::create_in_dir(dir, schema().0).map_err(index_err)?;
    drop(lock);
    Ok((Tantivy::new(index)?, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damage_reads_as_one_line() {
        let files = Damage::Files {
            missing: vec!["meta.json".into()],
            corrupt: (1..=6).map(|i| format!("{i}.term")).collect(),
        };
        assert_eq!(
            files.to_string(),
            "index files missing `meta.json`; damaged `1.term`, `2.term`, `3.term`, `4.term` and 2 more"
        );
        assert_eq!(
            Damage::OtherHistory {
                seq: 650,
                differs: false
            }
            .to_string(),
            "the index was built from another store: it reflects registry change 650, which this \
             store does not have"
        );
    }
}
