//! `guifan link [REF]`: scans texts again for citations.

use anyhow::Result;

use crate::ctx::{Ctx, print_json};

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
        "scanned {} versions: {} citations, {} relations ({} resolved, {} ambiguous, {} not in the registry)",
        report.versions,
        report.citations,
        report.relations,
        report.resolved,
        report.ambiguous,
        report.unresolved
    )?;
    Ok(())
}
