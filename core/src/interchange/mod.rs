//! Interchange formats: JSON Lines records and Akoma Ntoso XML.

pub mod akn;
pub mod jsonl;

use std::path::Path;

use crate::error::Result;
use crate::store::Registry;

pub use akn::{Which, export_akn, import_akn_file, import_akn_str};
pub use jsonl::{
    ImportReport, VersionObserver, export_jsonl, import_reader, import_reader_observed,
};

/// Imports a file by its extension: `.xml` and `.akn` as Akoma Ntoso (one document), anything
/// else as JSON Lines. Each file is one transaction. `progress` is called with the bytes read.
pub fn import_file(
    reg: &mut Registry,
    path: &Path,
    progress: &mut dyn FnMut(u64),
) -> Result<ImportReport> {
    import_file_observed(reg, path, progress, &mut |_, _, _, _| Ok(()))
}

/// Imports a file by its extension, as [`import_file`], calling `observer` with each version
/// stored (inside the import's transaction).
pub fn import_file_observed(
    reg: &mut Registry,
    path: &Path,
    progress: &mut dyn FnMut(u64),
    observer: &mut VersionObserver<'_>,
) -> Result<ImportReport> {
    if is_xml(path) {
        let report = akn::import_akn_file_observed(reg, path, observer)?;
        progress(std::fs::metadata(path).map(|m| m.len()).unwrap_or(0));
        Ok(report)
    } else {
        jsonl::import_file_observed(reg, path, progress, observer)
    }
}

/// Whether a path names an Akoma Ntoso file: `.xml` or `.akn`, in any case.
pub fn is_xml(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xml") || e.eq_ignore_ascii_case("akn"))
}
