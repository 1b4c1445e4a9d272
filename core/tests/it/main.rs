//! Integration tests of the library through its public API, one module per purpose.

mod akn;
mod common;
mod compare;
mod corpus;
mod corrections;
mod damage;
mod documents;
mod import;
mod intake;
mod limits;
mod links;
mod ranked;
mod registry;
mod reliability;
mod reviewer;
mod search;
mod shared_snapshot;
mod text_corpus;
