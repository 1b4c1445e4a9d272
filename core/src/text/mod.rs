//! Chinese text: width folding, numerals, the structure of legal texts and the citations in them.

pub mod chars;
pub mod citations;
pub mod normalize;
pub mod numerals;
pub mod similar;
pub mod structure;
