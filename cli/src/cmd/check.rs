//! `guifan check`: the store's integrity, its foreign keys, the audit hash chain, and the
//! search index against the store.

use anyhow::Result;

use crate::ctx::{Ctx, print_json};

/// `guifan check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs `guifan check`; fails when a problem is found.
pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let reg = ctx.open()?;
    let report = reg.check()?;
    if args.json {
        print_json(&report)?;
    } else {
        outln!(
            "schema {}, {} works, {} versions, {} audit entries",
            report.schema_version,
            report.works,
            report.versions,
            report.audit_entries
        )?;
        outln!("audit head {}", report.head_hash)?;
        match &report.index {
            Some(i) if !i.readable => outln!("index: cannot be read")?,
            Some(i) if i.behind > 0 => outln!(
                "index: {} versions, registry change {}, {} to add on the next search",
                i.versions,
                i.seq,
                i.behind
            )?,
            Some(i) => outln!("index: {} versions, registry change {}", i.versions, i.seq)?,
            None => outln!("index: none yet (made by the next search)")?,
        }
        for p in &report.problems {
            outln!("problem: {p}")?;
        }
        if report.ok() {
            outln!("ok")?;
        }
    }
    anyhow::ensure!(report.ok(), "{} problems found", report.problems.len());
    Ok(())
}
