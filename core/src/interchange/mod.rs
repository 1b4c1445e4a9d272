//! Interchange formats: JSON Lines records.

pub mod jsonl;

pub use jsonl::{
    ImportReport, VersionObserver, export_jsonl, import_file, import_file_observed, import_reader,
    import_reader_observed,
};
