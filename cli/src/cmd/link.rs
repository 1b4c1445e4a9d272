//! `guifan link [REF]`: scans texts again for citations.

use anyhow::Result;

use crate::ctx::{Ctx, print_json};
use crate::i18n::t;

/// `guifan link`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The document whose text to scan (default: every document).
    pub reference: Option<String>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs `guifan link`.
pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let mut reg = ctx.open()?;
    let only = args
        .reference
        .as_deref()
        .map(|r| reg.resolve(r))
        .transpose()?;
    let report = reg.link(only)?;
    if args.json {
        return print_json(&report);
    }
    outln!(
        "{}",
        t!(
            "link-done",
            versions = report.versions,
            citations = report.citations,
            relations = report.relations,
            resolved = report.resolved,
            ambiguous = report.ambiguous,
            unresolved = report.unresolved
        )
    )?;
    Ok(())
}
