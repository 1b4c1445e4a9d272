//! Chinese text: width folding, numerals and the structure of legal texts.

pub mod normalize;
pub mod numerals;
pub mod structure;
