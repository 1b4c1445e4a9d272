//! `guifan backup DEST`: a consistent copy of the registry into a new folder, with the head
//! hash of its audit log to keep elsewhere.

use std::path::PathBuf;

use anyhow::Result;

use crate::ctx::{Ctx, print_json};
use crate::i18n::t;

/// `guifan backup`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to copy the registry into: new or empty.
    pub dest: PathBuf,

    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs `guifan backup`; fails when the copy does not check clean.
pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let reg = ctx.open()?;
    let report = reg.backup(&args.dest)?;
    if args.json {
        print_json(&report)?;
    } else {
        outln!(
            "{}",
            t!(
                "backup-done",
                dest = report.dest.display(),
                works = report.works,
                versions = report.versions,
                entries = report.audit_entries,
                files = report.files
            )
        )?;
        outln!("{}", t!("check-head", hash = report.head_hash))?;
        super::check::print_problems(&report.problems)?;
        outln!(
            "{}",
            t!(
                "backup-restore",
                dest = report.dest.display(),
                hash = report.head_hash
            )
        )?;
    }
    anyhow::ensure!(
        report.problems.is_empty(),
        "{}",
        t!("check-failed", count = report.problems.len())
    );
    Ok(())
}
