//! The command line as a person sees it: the text and JSON of every command on the bundled
//! fixtures, and every kind of error, as snapshots (insta). Paths of temporary folders and
//! hashes are replaced by placeholders; "today" is fixed with `GUIFAN_TODAY`.

mod corrections;
mod english;
mod errors;
mod index;
mod input;
mod output;
mod reading;
mod run;
