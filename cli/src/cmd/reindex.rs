//! `guifan reindex`: rebuilds the search index from the store.

use anyhow::Result;

use crate::ctx::Ctx;
use crate::i18n::t;

/// Runs `guifan reindex`.
pub fn run(ctx: &Ctx) -> Result<()> {
    let (reg, index) = ctx.open_with_index()?;
    let report = index.rebuild(&reg)?;
    outln!(
        "{}",
        t!("reindex-done", versions = report.indexed, seq = report.seq)
    )?;
    Ok(())
}
