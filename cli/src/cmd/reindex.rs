//! `guifan reindex`: rebuilds the search index from the store, from nothing: the index
//! folder is emptied first, so that an index too damaged to open is rebuilt too.

use anyhow::Result;
use guifan::index::SearchIndex;

/// Runs `guifan reindex`.
pub fn run(ctx: &crate::ctx::Ctx) -> Result<()> {
    let reg = ctx.open()?;
    let (_index, report) = SearchIndex::recreate(&reg)?;
    outln!(
        "indexed {} versions (registry change {})",
        report.indexed,
        report.seq
    )?;
    Ok(())
}
