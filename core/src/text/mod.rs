//! Chinese text: width folding, numerals.

pub mod normalize;
pub mod numerals;
