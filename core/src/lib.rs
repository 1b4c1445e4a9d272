//! guifan (规范): a registry of normative documents.
//!
//! It keeps each document's versions, its clearance status as dated status changes, its filing
//! (备案) and review (审核, 审查) records, the relations between documents and an append-only,
//! hash-chained audit log, in a SQLite store. See `ARCHITECTURE.md` for the data flow.

pub mod date;
pub mod error;
pub mod model;
pub mod text;

pub use error::{Error, InputError, Result};
