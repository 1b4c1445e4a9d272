//! The ingest pipeline: files of any supported format → store → search index.
//!
//! Every front end imports through here (the command line, the Python module, the web
//! application), so that they all take the same files, report the same way and keep the index
//! with the store. A file is one transaction of the store. With an index, the file's versions
//! are indexed while the store stores them (both cores work) and the index commits right after
//! the store; when the index cannot take them (another process writes it, a transaction is
//! open, or it fails after the store committed) the store's commit stands, the report says so,
//! and the index catches up on the next search.

use std::io::BufReader;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::index::{IndexBatch, SearchIndex};
use crate::interchange::{self, Format, ImportReport};
use crate::store::Registry;

/// What happened to the index for one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum IndexState {
    /// The file's versions (and any the index had not seen) are in the committed index.
    Indexed {
        /// Versions added to the index by this file's commit.
        versions: u64,
    },
    /// The index was not written now; the next search catches it up with the store.
    Deferred {
        /// Why: another process writes the index, a transaction is open, or the error the
        /// index gave after the store had committed.
        reason: String,
    },
    /// No index was asked for.
    NotIndexed,
}

/// What ingesting one file did. Everything it counts is committed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileReport {
    /// The file as given (or as found in a folder).
    #[serde(rename = "file")]
    pub path: PathBuf,
    /// The format it was read as.
    pub format: Format,
    /// What the store committed.
    pub report: ImportReport,
    /// What the index did.
    pub index: IndexState,
}

/// A file that failed: nothing of it was stored. Files before it in the same call stay
/// committed (each file is its own transaction).
#[derive(Debug, thiserror::Error)]
#[error("`{}`: nothing of this file was imported", path.display())]
pub struct FileError {
    /// The file.
    pub path: PathBuf,
    /// Why.
    #[source]
    pub source: Error,
}

/// What the pipeline tells its caller while it works.
#[derive(Debug)]
pub enum Event<'a> {
    /// A file is about to be read; `bytes` is its size.
    Started {
        /// The file.
        path: &'a Path,
        /// Its size in bytes.
        bytes: u64,
    },
    /// `read` bytes of the file have been read.
    Progress {
        /// The file.
        path: &'a Path,
        /// Bytes read so far.
        read: u64,
    },
    /// The file is committed.
    Done(&'a FileReport),
}

/// The files `paths` name, folders expanded: every file of a supported format directly in
/// the folder or below it, in path order (hidden entries skipped). A file named directly is
/// taken whatever its extension (JSON Lines unless it is `.xml` or `.akn`); a path that does
/// not exist, or a folder with nothing to import, is an error.
pub fn sources(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        if meta.is_dir() {
            let before = out.len();
            walk(path, &mut out)?;
            if out.len() == before {
                return Err(Error::invalid(
                    "path",
                    path.display().to_string(),
                    "the folder holds no file to import (.jsonl, .json, .ndjson, .xml, .akn)",
                ));
            }
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .map(|e| e.map(|e| e.path()).map_err(|e| Error::io(dir, e)))
        .collect::<Result<_>>()?;
    entries.sort();
    for path in entries {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, out)?;
        } else if Format::of_path(&path).is_some() {
            out.push(path);
        }
    }
    Ok(())
}

/// Ingests one file in one transaction of the store; see the module documentation.
pub fn ingest_file(
    reg: &mut Registry,
    index: Option<&SearchIndex>,
    path: &Path,
    on_event: &mut dyn FnMut(Event<'_>),
) -> Result<FileReport> {
    let format = Format::of_path(path).unwrap_or(Format::JsonLines);
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    // A folder opens, and reading it fails with the system's own error (EISDIR).
    let bytes = file.metadata().map_err(|e| Error::io(path, e))?.len();
    on_event(Event::Started { path, bytes });
    let reader = BufReader::with_capacity(1 << 20, file);
    let mut batch: Option<IndexBatch<'_>> = None;
    let mut deferred: Option<String> = None;
    if let Some(index) = index {
        match index.batch(reg) {
            Ok(Some(b)) => batch = Some(b),
            Ok(None) => {
                deferred = Some(if reg.in_transaction() {
                    "a transaction is open: the index takes committed versions only".to_owned()
                } else {
                    "another process is writing the index".to_owned()
                });
            }
            Err(e) => deferred = Some(e.to_string()),
        }
    }
    let mut progress = |read: u64| on_event(Event::Progress { path, read });
    let result = match batch.as_mut() {
        Some(b) => interchange::import(reg, format, reader, &mut progress, &mut |w, s, t, x| {
            b.add(w, s, t, x)
        }),
        None => interchange::import(reg, format, reader, &mut progress, &mut |_, _, _, _| Ok(())),
    };
    let report = match result {
        Ok(report) => report,
        Err(e) => {
            // The store rolled the file back; dropping the batch discards what it indexed
            // (and its catch-up, which the next sync redoes).
            drop(batch);
            return Err(match e {
                Error::Io { source, .. } => Error::io(path, source),
                other => other,
            });
        }
    };
    let index = match (index, batch, deferred) {
        (None, _, _) => IndexState::NotIndexed,
        (Some(_), Some(b), _) => match b.commit(reg) {
            Ok(sync) => IndexState::Indexed {
                versions: sync.indexed,
            },
            Err(e) => IndexState::Deferred {
                reason: e.to_string(),
            },
        },
        (Some(_), None, reason) => IndexState::Deferred {
            reason: reason.unwrap_or_default(),
        },
    };
    let done = FileReport {
        path: path.to_path_buf(),
        format,
        report,
        index,
    };
    on_event(Event::Done(&done));
    Ok(done)
}

/// Ingests the files `paths` name (folders expanded by [`sources`]), each in its own
/// transaction, in order; stops at the first file that fails, whose error says which it was.
pub fn ingest_files(
    reg: &mut Registry,
    index: Option<&SearchIndex>,
    paths: &[PathBuf],
    on_event: &mut dyn FnMut(Event<'_>),
) -> std::result::Result<Vec<FileReport>, FileError> {
    let files = sources(paths).map_err(|source| FileError {
        path: failing_path(paths),
        source,
    })?;
    let mut done = Vec::with_capacity(files.len());
    for path in files {
        match ingest_file(reg, index, &path, on_event) {
            Ok(report) => done.push(report),
            Err(source) => return Err(FileError { path, source }),
        }
    }
    Ok(done)
}

/// The first of `paths` that does not exist or is an empty folder, for an error of
/// [`sources`].
fn failing_path(paths: &[PathBuf]) -> PathBuf {
    paths
        .iter()
        .find(|p| sources(std::slice::from_ref(p)).is_err())
        .or(paths.first())
        .cloned()
        .unwrap_or_default()
}

/// What an import of several files did: each file, and the sum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Each file, in the order imported.
    pub files: Vec<FileReport>,
    /// The counts of every file added up.
    pub total: ImportReport,
}

impl Summary {
    /// The summary of these files.
    pub fn of(files: Vec<FileReport>) -> Summary {
        let mut total = ImportReport::default();
        for f in &files {
            total.add(&f.report);
        }
        Summary { files, total }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_expand_to_their_importable_files_in_order() {
        let dir = tempfile::tempdir().expect("tempdir");
        let d = dir.path();
        std::fs::create_dir(d.join("sub")).expect("mkdir");
        for name in [
            "b.jsonl",
            "a.xml",
            "notes.txt",
            ".hidden.jsonl",
            "sub/c.akn",
        ] {
            std::fs::write(d.join(name), "").expect("write");
        }
        let found = sources(&[d.to_path_buf()]).expect("sources");
        let names: Vec<String> = found
            .iter()
            .map(|p| {
                p.strip_prefix(d)
                    .expect("inside")
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(names, ["a.xml", "b.jsonl", "sub/c.akn"]);
    }

    #[test]
    fn an_empty_folder_and_a_missing_path_are_errors() {
        let dir = tempfile::tempdir().expect("tempdir");
        let err = sources(&[dir.path().to_path_buf()]).expect_err("empty folder");
        assert!(err.is_bad_input(), "{err}");
        let err = sources(&[dir.path().join("missing.jsonl")]).expect_err("missing");
        assert!(err.is_bad_input(), "{err}");
    }
}
