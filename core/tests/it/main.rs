//! Integration tests of the library through its public API, one module per purpose.

mod akn;
mod common;
mod corpus;
mod import;
mod links;
mod ranked;
mod registry;
mod search;
mod text_corpus;
