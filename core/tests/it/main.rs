//! Integration tests of the library through its public API, one module per purpose.

mod common;
mod corpus;
mod import;
mod registry;
mod search;
mod text_corpus;
