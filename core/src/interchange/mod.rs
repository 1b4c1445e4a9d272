//! Interchange formats: JSON Lines records and Akoma Ntoso XML.
//!
//! Each format has one import function (`jsonl::import`, `akn::import`); [`import`] picks by
//! [`Format`]. Files, folders, progress and the search index are the business of
//! [`crate::ingest`], which every front end uses.

pub mod akn;
pub mod jsonl;

use std::io::{BufRead, Read};
use std::path::Path;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::WorkId;
use crate::store::Registry;

pub use akn::{Which, export_akn};
pub use jsonl::{ImportReport, export_jsonl};

/// Called with each version an import stores: its work, number, title and text, inside the
/// import's transaction. An error fails the import.
pub type VersionSink<'a> = dyn FnMut(WorkId, u32, &str, &str) -> Result<()> + 'a;

/// A format the registry imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = InterchangeFormat))]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// JSON Lines records (`.jsonl`, `.json`, `.ndjson`).
    JsonLines,
    /// One Akoma Ntoso 2.0 or 3.0 document (`.xml`, `.akn`).
    AkomaNtoso,
}

impl Format {
    /// The format of a file, by its extension: `.xml` and `.akn` are Akoma Ntoso, `.jsonl`,
    /// `.json` and `.ndjson` JSON Lines; `None` for any other.
    pub fn of_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "xml" | "akn" => Some(Format::AkomaNtoso),
            "jsonl" | "json" | "ndjson" => Some(Format::JsonLines),
            _ => None,
        }
    }

    /// A short name for messages: `JSON Lines`, `Akoma Ntoso`.
    pub fn name(self) -> &'static str {
        match self {
            Format::JsonLines => "JSON Lines",
            Format::AkomaNtoso => "Akoma Ntoso",
        }
    }
}

/// Imports what `input` holds in `format`, in one transaction: everything or nothing.
/// `progress` is called with the bytes read so far; `sink` with each version stored.
pub fn import(
    reg: &mut Registry,
    format: Format,
    mut input: impl BufRead,
    progress: &mut dyn FnMut(u64),
    sink: &mut VersionSink<'_>,
) -> Result<ImportReport> {
    match format {
        Format::JsonLines => jsonl::import(reg, input, progress, sink),
        Format::AkomaNtoso => {
            let limits = akn::Limits::default();
            let mut bytes = Vec::new();
            (&mut input)
                .take(limits.max_bytes as u64 + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| Error::io("<input>", e))?;
            progress(bytes.len() as u64);
            let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
            let text = std::str::from_utf8(bytes).map_err(|e| Error::Xml {
                line: None,
                message: format!("the document is not UTF-8 (byte {})", e.valid_up_to()),
            })?;
            akn::import(reg, text, limits, sink)
        }
    }
}

/// Imports a text held in memory ([`import`] without progress or sink): for tests, examples
/// and small inputs.
pub fn import_str(reg: &mut Registry, format: Format, text: &str) -> Result<ImportReport> {
    import(
        reg,
        format,
        text.as_bytes(),
        &mut |_| {},
        &mut |_, _, _, _| Ok(()),
    )
}
