//! Interchange formats: JSON Lines records.

pub mod jsonl;

pub use jsonl::{ImportReport, export_jsonl, import_file, import_reader};
