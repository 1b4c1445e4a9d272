//! Interchange formats: JSON Lines records and Akoma Ntoso XML.

pub mod akn;
pub mod jsonl;

use std::path::Path;

use crate::error::Result;
use crate::store::Registry;

pub use akn::{Which, export_akn, import_akn_file, import_akn_str};
pub use jsonl::{ImportReport, export_jsonl, import_reader};

/// Imports a file by its extension: `.xml` and `.akn` as Akoma Ntoso (one document), anything
/// else as JSON Lines. Each file is one transaction. `progress` is called with the bytes read.
pub fn import_file(
    reg: &mut Registry,
    path: &Path,
    progress: &mut dyn FnMut(u64),
) -> Result<ImportReport> {
    if is_xml(path) {
        let report = akn::import_akn_file(reg, path)?;
        progress(std::fs::metadata(path).map(|m| m.len()).unwrap_or(0));
        Ok(report)
    } else {
        jsonl::import_file(reg, path, progress)
    }
}

/// Whether a path names an Akoma Ntoso file: `.xml` or `.akn`, in any case.
pub fn is_xml(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xml") || e.eq_ignore_ascii_case("akn"))
}
