//! `guifan reindex`: rebuilds the search index from the store, from nothing: the index
//! folder is emptied first, so that an index too damaged to open is rebuilt too.

use anyhow::Result;
use guifan::index::SearchIndex;

use crate::ctx::Ctx;
use crate::i18n::t;

/// Runs `guifan reindex`.
pub fn run(ctx: &Ctx) -> Result<()> {
    let reg = ctx.open()?;
    let (_index, report) = SearchIndex::recreate(&reg)?;
    outln!(
        "{}",
        t!("reindex-done", versions = report.indexed, seq = report.seq)
    )?;
    Ok(())
}
