//! `guifan reindex`: rebuilds the search index from the store.

use anyhow::Result;

use crate::ctx::Ctx;

/// Runs `guifan reindex`.
pub fn run(ctx: &Ctx) -> Result<()> {
    let (reg, index) = ctx.open_with_index()?;
    let report = index.rebuild(&reg)?;
    outln!(
        "indexed {} versions (registry change {})",
        report.indexed,
        report.seq
    )?;
    Ok(())
}
