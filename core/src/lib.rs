//! guifan (规范): a registry of normative documents.
//!
//! It keeps each document's versions, its clearance status as dated status changes, its filing
//! (备案) and review (审核, 审查) records, the relations between documents and an append-only,
//! hash-chained audit log, in a SQLite store. See `ARCHITECTURE.md` for the data flow.
//!
//! ```
//! use guifan::{Registry, model::Status};
//! use time::macros::date;
//!
//! let dir = tempfile::tempdir()?;
//! let mut reg = Registry::open(dir.path())?;
//! let records = r#"{"key":"qj-1","title":"潜江市政府合同管理办法","kind":"行政规范性文件","issuer":"潜江市人民政府","doc_number":"潜政规[2024]2号","issued":"2024-03-01","status":"有效"}"#;
//! guifan::interchange::import_str(&mut reg, guifan::interchange::Format::JsonLines, records)?;
//! let id = reg.resolve("潜政规〔2024〕2号")?;
//! assert_eq!(reg.status_as_of(id, date!(2024 - 12 - 31))?, Status::Valid);
//! assert_eq!(reg.status_as_of(id, date!(2023 - 12 - 31))?, Status::NotYetEffective);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_docs)]

pub mod assist;
pub mod compare;
pub mod date;
pub mod error;
pub mod index;
pub mod ingest;
pub mod intake;
pub mod interchange;
pub mod limits;
pub mod model;
#[cfg(feature = "openapi")]
mod openapi;
pub mod stats;
pub mod store;
pub mod text;

pub use error::{DocumentError, Error, InputError, Result};
pub use store::{OpenOptions, Registry, Transaction};
