//! Helpers shared by the integration tests.

use std::path::PathBuf;

use guifan::Registry;
use guifan::interchange::{Format, ImportReport, export_jsonl, import_str};

/// A registry in a fresh temporary folder; keep the `TempDir` alive while using it.
pub fn registry() -> (tempfile::TempDir, Registry) {
    let dir = tempfile::tempdir().expect("temp dir");
    let reg = Registry::open(dir.path().join("registry")).expect("open registry");
    (dir, reg)
}

/// Imports JSON Lines given as text.
pub fn import(reg: &mut Registry, text: &str) -> guifan::Result<ImportReport> {
    import_str(reg, Format::JsonLines, text)
}

/// The whole registry as JSON Lines.
pub fn export(reg: &Registry) -> String {
    let mut out = Vec::new();
    export_jsonl(reg, None, &mut out).expect("export");
    String::from_utf8(out).expect("utf-8")
}

/// The shared corpus beside the project. A test that reads `../shared` is marked
/// `#[ignore = "reads ../shared"]`: `scripts/test` runs it beside the shared data
/// (`--include-ignored`), and a clean clone without it reports it skipped, not passed.
pub fn corpus() -> PathBuf {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/laws.jsonl");
    assert!(
        p.is_file(),
        "{} is absent: this test runs beside the shared data only (scripts/test)",
        p.display()
    );
    p
}

/// A registry holding the Qianjiang 2024 fixtures.
pub fn qianjiang() -> (tempfile::TempDir, Registry) {
    let (dir, mut reg) = registry();
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/qianjiang-2024");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    for f in files {
        guifan::ingest::ingest_file(&mut reg, None, &f, &Default::default(), &mut |_| {})
            .map(|f| f.report)
            .expect("import fixture");
    }
    (dir, reg)
}
