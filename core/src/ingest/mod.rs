//! The ingest pipeline: files of any supported format → store → search index.
//!
//! Every front end imports through here (the command line, the Python module, the web
//! application), so that they all take the same files, report the same way and keep the index
//! with the store. Two families of files come in:
//!
//! - interchange files, JSON Lines (`.jsonl`, `.json`, `.ndjson`) and Akoma Ntoso (`.xml`,
//!   `.akn`), whose records say everything (`interchange`);
//! - documents as they arrive, `.docx`, `.html`/`.htm`, `.pdf`, `.txt`, `.md` (`.doc` is
//!   refused by name): read by `intake`, completed by the caller's [`Overrides`] over the
//!   document's JSON sidecar, and registered unless the registry holds them already
//!   ([`document`] says the rules).
//!
//! A file is one transaction of the store. With an index, the file's versions
//! are indexed while the store stores them (both cores work) and the index commits right after
//! the store; when the index cannot take them (another process writes it, a transaction is
//! open, or it fails after the store committed) the store's commit stands, the report says so,
//! and the index catches up on the next search.

pub mod document;
pub mod preview;

use std::io::BufReader;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::index::{IndexBatch, SearchIndex};
use crate::intake::{self, Overrides};
use crate::interchange::{self, ImportReport};
use crate::store::Registry;

pub use document::{DocumentOutcome, DocumentReport, Revision};
pub use preview::{Preview, Previews, preview, preview_files};

/// What a front end tells the pipeline besides the files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Values given for documents (`--kind`, `--status` …), over each document's sidecar.
    /// Interchange files carry their own values and are not touched by them.
    pub overrides: Overrides,
    /// What to do with a document that is probably a new version of a registered work.
    pub revision: Revision,
}

/// The format a file was read as: an interchange format (`json_lines`, `akoma_ntoso`) or a
/// document's (`docx`, `html`, `pdf`, `text`, `markdown`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum FileFormat {
    /// JSON Lines or Akoma Ntoso.
    Interchange(interchange::Format),
    /// A document as it arrives.
    Document(intake::Format),
}

impl FileFormat {
    /// A short name for messages: `JSON Lines`, `Akoma Ntoso`, `docx`, `html`, `pdf`, `text`,
    /// `markdown`.
    pub fn name(self) -> &'static str {
        match self {
            FileFormat::Interchange(f) => f.name(),
            FileFormat::Document(f) => f.name(),
        }
    }
}

/// The extensions of documents as they arrive that a folder is searched for (`.doc` among
/// them, so that an old Word file is refused by name rather than passed over).
pub const DOCUMENT_EXTENSIONS: &[&str] = &["docx", "html", "htm", "pdf", "txt", "md", "doc"];

/// How a file is read, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Route {
    Interchange(interchange::Format),
    Document,
}

fn route(path: &Path) -> Option<Route> {
    if let Some(f) = interchange::Format::of_path(path) {
        return Some(Route::Interchange(f));
    }
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    DOCUMENT_EXTENSIONS
        .contains(&ext.as_str())
        .then_some(Route::Document)
}

/// What happened to the index for one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
    /// Nothing of the file was stored (a document the registry holds already, or one offered
    /// as a version): the index was left as it was, without a commit.
    Unchanged,
}

/// What ingesting one file did. Everything it counts is committed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FileReport {
    /// The file as given (or as found in a folder).
    #[serde(rename = "file")]
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub path: PathBuf,
    /// The format it was read as.
    pub format: FileFormat,
    /// What the store committed.
    pub report: ImportReport,
    /// For a document: registered, added as a version, a duplicate or a probable version
    /// (the last two not stored), with what the reading noticed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<DocumentReport>,
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
/// the folder or below it, in path order (hidden entries, Markdown and documents' sidecars
/// skipped). A file named directly is taken whatever its extension (JSON Lines unless it is
/// an Akoma Ntoso or a document's extension), except a sidecar whose document is named too (as a
/// shell's `*` names both); a sidecar named alone, a path that does not exist, or a folder
/// with nothing to import, is an error.
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
                    "the folder holds no file to import (.jsonl, .json, .ndjson, .xml, .akn, \
                     .docx, .html, .htm, .pdf, .txt)",
                ));
            }
        } else if Overrides::is_sidecar(path) {
            let document = path.with_extension("");
            if !paths.iter().any(|p| same_file(p, &document)) {
                return Err(Error::invalid(
                    "path",
                    path.display().to_string(),
                    format!(
                        "this is the sidecar of `{}`, read with it; import the document itself",
                        document.display()
                    ),
                ));
            }
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}

/// Markdown in a folder is more often the folder's notes (`README.md`) than a document: a
/// folder walk passes it over, and a Markdown document is imported by naming it.
fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md"))
}

fn same_file(a: &Path, b: &Path) -> bool {
    a == b || matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
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
        } else if route(&path).is_some() && !Overrides::is_sidecar(&path) && !is_markdown(&path) {
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
    options: &Options,
    on_event: &mut dyn FnMut(Event<'_>),
) -> Result<FileReport> {
    let format = match route(path) {
        Some(Route::Document) => return document::ingest(reg, index, path, options, on_event),
        Some(Route::Interchange(f)) => f,
        None => interchange::Format::JsonLines,
    };
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    // A folder opens, and reading it fails with the system's own error (EISDIR).
    let bytes = file.metadata().map_err(|e| Error::io(path, e))?.len();
    on_event(Event::Started { path, bytes });
    let reader = BufReader::with_capacity(1 << 20, file);
    let (mut batch, deferred) = open_batch(reg, index);
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
    let done = FileReport {
        path: path.to_path_buf(),
        format: FileFormat::Interchange(format),
        report,
        document: None,
        index: close_batch(reg, index, batch, deferred),
    };
    on_event(Event::Done(&done));
    Ok(done)
}

/// An index batch for one file, when an index is given and free; else why not.
fn open_batch<'i>(
    reg: &Registry,
    index: Option<&'i SearchIndex>,
) -> (Option<IndexBatch<'i>>, Option<String>) {
    let Some(index) = index else {
        return (None, None);
    };
    match index.batch(reg) {
        Ok(Some(b)) => (Some(b), None),
        Ok(None) => (
            None,
            Some(if reg.in_transaction() {
                "a transaction is open: the index takes committed versions only".to_owned()
            } else {
                "another process is writing the index".to_owned()
            }),
        ),
        Err(e) => (None, Some(e.to_string())),
    }
}

/// Commits the batch after the store committed, and says what the index did.
fn close_batch(
    reg: &Registry,
    index: Option<&SearchIndex>,
    batch: Option<IndexBatch<'_>>,
    deferred: Option<String>,
) -> IndexState {
    match (index, batch) {
        (None, _) => IndexState::NotIndexed,
        (Some(_), Some(b)) => match b.commit(reg) {
            Ok(sync) => IndexState::Indexed {
                versions: sync.indexed,
            },
            Err(e) => IndexState::Deferred {
                reason: e.to_string(),
            },
        },
        (Some(_), None) => IndexState::Deferred {
            reason: deferred.unwrap_or_default(),
        },
    }
}

/// Ingests the files `paths` name (folders expanded by [`sources`]), each in its own
/// transaction, in order; stops at the first file that fails, whose error says which it was.
pub fn ingest_files(
    reg: &mut Registry,
    index: Option<&SearchIndex>,
    paths: &[PathBuf],
    options: &Options,
    on_event: &mut dyn FnMut(Event<'_>),
) -> std::result::Result<Vec<FileReport>, FileError> {
    let files = sources(paths).map_err(|source| FileError {
        path: failing_path(paths),
        source,
    })?;
    let mut done = Vec::with_capacity(files.len());
    for path in files {
        match ingest_file(reg, index, &path, options, on_event) {
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ImportSummary))]
pub struct Summary {
    /// Each file, in the order imported.
    pub files: Vec<FileReport>,
    /// The counts of every file added up.
    pub total: ImportReport,
    /// What became of the documents among the files.
    pub documents: DocumentCounts,
}

/// The documents of an import by what became of them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentCounts {
    /// Registered as new works.
    pub registered: u64,
    /// Stored as new versions of registered works.
    pub new_versions: u64,
    /// Not stored: the registry holds them already.
    pub duplicates: u64,
    /// Not stored: probably new versions of registered works, offered to the caller.
    pub probable_versions: u64,
}

impl Summary {
    /// The summary of these files.
    pub fn of(files: Vec<FileReport>) -> Summary {
        let mut total = ImportReport::default();
        let mut documents = DocumentCounts::default();
        for f in &files {
            total.add(&f.report);
            if let Some(d) = &f.document {
                *match d.outcome {
                    DocumentOutcome::Registered => &mut documents.registered,
                    DocumentOutcome::NewVersion => &mut documents.new_versions,
                    DocumentOutcome::Duplicate => &mut documents.duplicates,
                    DocumentOutcome::ProbableVersion => &mut documents.probable_versions,
                } += 1;
            }
        }
        Summary {
            files,
            total,
            documents,
        }
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
            "notes.txt.json",
            "page.htm",
            "old.doc",
            "script.py",
            ".hidden.jsonl",
            "sub/c.akn",
            "sub/d.docx",
            "README.md",
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
        assert_eq!(
            names,
            [
                "a.xml",
                "b.jsonl",
                "notes.txt",
                "old.doc",
                "page.htm",
                "sub/c.akn",
                "sub/d.docx"
            ]
        );
        // A sidecar named with its document is read with it; named alone, it is an error.
        let both = sources(&[d.join("notes.txt"), d.join("notes.txt.json")]).expect("both");
        assert_eq!(both, [d.join("notes.txt")]);
        let err = sources(&[d.join("notes.txt.json")]).expect_err("alone");
        assert!(err.to_string().contains("sidecar"), "{err}");
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
