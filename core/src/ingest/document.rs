//! One document as it arrives (`.docx`, `.html`, `.pdf`, `.txt`, `.md`) into the registry.
//!
//! In one transaction of the store: the file is read ([`intake::extract_bytes`]), the caller's
//! [`Overrides`] are laid over the document's JSON sidecar (`通知.docx.json`) and over what was
//! extracted, and the version so made is classified against the registry
//! ([`intake::classify_version`]):
//!
//! - **a duplicate** (a registered version with the same text, or the same 文号) is reported
//!   with the document it duplicates and by what, and not stored;
//! - **probably a new version** of a registered work (its title once revision markers are set
//!   aside, or a text that says it revises the work) is stored as the work's next version only
//!   when the caller says so ([`Revision::AsVersion`]), registered as a work of its own when the
//!   caller says that ([`Revision::AsNewWork`]: an amendment decision is a document of its
//!   own), and otherwise reported and not stored: the registry never merges two works silently;
//! - **new**: registered as a new work.
//!
//! A work key given by the caller (`work` in the overrides) is the caller's decision: the
//! version goes to the work with that key (a new work when none has it), duplicates still
//! refused. A document stored keeps its original file (`store::files`), recorded with its hash,
//! name and format in the version's audit entry. The kind is never guessed: without an
//! override a new work's kind stays empty, and the report says so; a new version takes its
//! work's kind.

use std::io::Read as _;
use std::path::Path;

use serde::Serialize;

use super::{Event, FileFormat, FileReport, IndexState, Options, close_batch, open_batch};
use crate::error::{Error, Result};
use crate::index::SearchIndex;
use crate::intake::{self, Extraction, Limits, Match, Overrides};
use crate::interchange::ImportReport;
use crate::model::{NewVersion, WorkId};
use crate::store::{InitialStatus, OriginalFile, Registry, Target};

/// What to do with a document that is probably a new version of a registered work.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Revision {
    /// Report it and store nothing (the default).
    #[default]
    Offer,
    /// Store it as the work's next version.
    AsVersion,
    /// Register it as a work of its own.
    AsNewWork,
}

/// What became of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DocumentOutcome {
    /// Registered as a new work.
    Registered,
    /// Stored as a new version of a registered work.
    NewVersion,
    /// Not stored: the registry holds it already.
    Duplicate,
    /// Not stored: probably a new version of a registered work; the caller decides.
    ProbableVersion,
}

/// What ingesting a document did, and what reading it noticed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentReport {
    /// What became of it.
    pub outcome: DocumentOutcome,
    /// The work it was registered as, added to, duplicates, or is probably a version of.
    pub work: WorkId,
    /// The version stored, or the registered version it duplicates; none for a probable version.
    pub seq: Option<u32>,
    /// Its title, as it is (or would be) stored.
    pub title: String,
    /// Its 文号 as written, when it has one.
    pub doc_number: Option<String>,
    /// The registered work's title (before this document), for a new version, a duplicate or
    /// a probable version.
    pub registered_title: Option<String>,
    /// A duplicate: `text` (the same text) or `doc_number` (the same 文号). A probable version:
    /// `title` or `citation` (see `intake::Match`).
    pub by: Option<&'static str>,
    /// A probable version: why, in words.
    pub reason: Option<String>,
    /// The original file kept for a stored version.
    pub original: Option<OriginalFile>,
    /// What the reader and the field finder noticed, and fields left empty that matter.
    pub warnings: Vec<String>,
}

impl DocumentReport {
    /// Whether the document was stored.
    pub fn stored(&self) -> bool {
        matches!(
            self.outcome,
            DocumentOutcome::Registered | DocumentOutcome::NewVersion
        )
    }
}

/// The warning given when no kind was given for a document.
pub const NO_KIND: &str =
    "no kind (效力级别) given: it stays empty; give it with --kind or in the sidecar";

/// A document read and completed: what would be stored.
pub(crate) struct Prepared {
    pub extraction: Extraction,
    pub overrides: Overrides,
    pub version: NewVersion,
    pub status: Option<InitialStatus>,
}

/// Reads a document's bytes within the size limit (the file may grow while it is read).
pub(crate) fn read_bytes(path: &Path, limits: &Limits) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let len = file.metadata().map_err(|e| Error::io(path, e))?.len();
    let mut bytes =
        Vec::with_capacity(usize::try_from(len.min(limits.max_file_bytes)).unwrap_or(0));
    file.take(limits.max_file_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    Ok(bytes)
}

/// The overrides for a document: the caller's over its sidecar's.
pub(crate) fn overrides_for(path: &Path, given: &Overrides) -> Result<Overrides> {
    Ok(given
        .clone()
        .or(Overrides::sidecar_for(path)?.unwrap_or_default()))
}

/// Reads a document and makes the version it would be stored as.
pub(crate) fn prepare(path: &Path, bytes: &[u8], given: &Overrides) -> Result<Prepared> {
    let extraction = intake::extract_bytes(&path.display().to_string(), bytes)?;
    let overrides = overrides_for(path, given).map_err(|e| in_file(path, e))?;
    let version = extraction
        .to_new_version(&overrides)
        .map_err(|e| in_file(path, e))?;
    let status = overrides
        .initial_status(&version)
        .map_err(|e| in_file(path, e))?;
    Ok(Prepared {
        extraction,
        overrides,
        version,
        status,
    })
}

/// An error about a document's fields, its overrides or where it would be stored, made to
/// name the file when it does not (an error of the reader names it already).
pub(crate) fn in_file(path: &Path, e: Error) -> Error {
    let file = path.display().to_string();
    match e {
        // A sidecar's error names the sidecar as its field.
        Error::InvalidInput(input)
            if input.field.contains(&file) || input.value.contains(&file) =>
        {
            Error::InvalidInput(input)
        }
        Error::InvalidInput(mut input) if input.value.is_empty() => {
            input.value = file;
            Error::InvalidInput(input)
        }
        Error::InvalidInput(mut input) => {
            input.reason = format!("{} (in `{file}`)", input.reason);
            Error::InvalidInput(input)
        }
        Error::Conflict(message) => Error::Conflict(format!("{message} (in `{file}`)")),
        other => other,
    }
}

/// Ingests one document; see the module documentation.
pub(crate) fn ingest(
    reg: &mut Registry,
    index: Option<&SearchIndex>,
    path: &Path,
    options: &Options,
    on_event: &mut dyn FnMut(Event<'_>),
) -> Result<FileReport> {
    let bytes = read_bytes(path, &Limits::default())?;
    on_event(Event::Started {
        path,
        bytes: bytes.len() as u64,
    });
    let prepared = prepare(path, &bytes, &options.overrides)?;
    on_event(Event::Progress {
        path,
        read: bytes.len() as u64,
    });
    let format = prepared.extraction.format;
    let (mut batch, deferred) = open_batch(reg, index);
    let mut written = false;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let origin = OriginalFile::of(&name, format.name(), &bytes);
    let result = reg.atomic(|reg| {
        let placed = place(reg, &prepared, options, &origin, &bytes, &mut written)?;
        if let (Some(b), Some((work, seq))) = (batch.as_mut(), placed.stored) {
            let v = &prepared.version;
            b.add(work, seq, v.meta.title.trim(), &v.body)?;
        }
        Ok((placed.counts, placed.report))
    });
    let (report, document) = match result {
        Ok(done) => done,
        Err(e) => {
            drop(batch);
            if written {
                reg.forget_original(&origin.sha256);
            }
            return Err(in_file(path, e));
        }
    };
    let stored = document.stored();
    let done = FileReport {
        path: path.to_path_buf(),
        format: FileFormat::Document(format),
        report,
        document: Some(document),
        index: if stored || index.is_none() {
            close_batch(reg, index, batch, deferred)
        } else {
            // Committing an index costs a flush to disk: not for a file that stored nothing.
            drop(batch);
            IndexState::Unchanged
        },
    };
    on_event(Event::Done(&done));
    Ok(done)
}

/// What [`place`] did: the counts, the report, and the version stored.
struct Placed {
    counts: ImportReport,
    report: DocumentReport,
    stored: Option<(WorkId, u32)>,
}

/// Classifies the prepared version and stores it where the rules say, inside the caller's
/// transaction.
fn place(
    reg: &mut Registry,
    p: &Prepared,
    options: &Options,
    origin: &OriginalFile,
    bytes: &[u8],
    written: &mut bool,
) -> Result<Placed> {
    let mut report = DocumentReport {
        outcome: DocumentOutcome::Registered,
        work: WorkId(0),
        seq: None,
        title: p.version.meta.title.trim().to_owned(),
        doc_number: p
            .version
            .meta
            .doc_number
            .as_ref()
            .map(|n| n.raw().to_owned()),
        registered_title: None,
        by: None,
        reason: None,
        original: None,
        warnings: p.extraction.warnings.clone(),
    };
    let mut counts = ImportReport {
        records: 1,
        ..ImportReport::default()
    };
    let Some(target) = decide(reg, p, options, &mut report)? else {
        return Ok(Placed {
            counts,
            report,
            stored: None,
        });
    };
    let before = match target {
        Target::Work(w) => Some(w),
        Target::Key(Some(k)) => reg.work_by_key(k)?,
        Target::Key(None) => None,
    };
    report.registered_title = before.map(|w| latest_title(reg, w)).transpose()?;
    let mut version = p.version.clone();
    if let Some(w) = before
        && version.meta.kind.trim().is_empty()
    {
        // A new version of a work is of the work's kind unless told otherwise.
        version.meta.kind = reg.work(w)?.latest().meta.kind.clone();
    }
    if version.meta.kind.trim().is_empty() {
        report.warnings.push(NO_KIND.to_owned());
    }
    let done = reg.store_document_in(target, version, p.status.clone(), origin, bytes, written)?;
    report.outcome = if done.created {
        DocumentOutcome::Registered
    } else {
        DocumentOutcome::NewVersion
    };
    report.work = done.work;
    report.seq = Some(done.seq);
    report.original = Some(origin.clone());
    counts.documents = 1;
    counts.works_created = u64::from(done.created);
    Ok(Placed {
        counts,
        report,
        stored: Some((done.work, done.seq)),
    })
}

/// Where the rules put the version, or `None` when it is not stored (a duplicate, a probable
/// version offered), with the report saying why.
fn decide<'p>(
    reg: &Registry,
    p: &'p Prepared,
    options: &Options,
    report: &mut DocumentReport,
) -> Result<Option<Target<'p>>> {
    let given_work = p
        .overrides
        .work
        .as_deref()
        .map(str::trim)
        .filter(|k| !k.is_empty());
    let (work, seq, by, reason, outcome) = match intake::classify_version(reg, &p.version)? {
        Match::Duplicate { work, seq, by } => {
            (work, Some(seq), by, None, DocumentOutcome::Duplicate)
        }
        _ if given_work.is_some() => return Ok(Some(Target::Key(given_work))),
        Match::New => return Ok(Some(Target::Key(None))),
        Match::NewVersion {
            work, by, reason, ..
        } => match options.revision {
            Revision::AsVersion => return Ok(Some(Target::Work(work))),
            Revision::AsNewWork => return Ok(Some(Target::Key(None))),
            Revision::Offer => (
                work,
                None,
                by,
                Some(reason),
                DocumentOutcome::ProbableVersion,
            ),
        },
    };
    report.outcome = outcome;
    report.work = work;
    report.seq = seq;
    report.by = Some(by);
    report.reason = reason;
    report.registered_title = Some(latest_title(reg, work)?);
    Ok(None)
}

fn latest_title(reg: &Registry, work: WorkId) -> Result<String> {
    Ok(reg.work(work)?.latest().meta.title.clone())
}
