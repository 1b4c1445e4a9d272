//! `guifan check`: the store's integrity, its foreign keys, the audit hash chain, and the
//! search index against the store.

use anyhow::Result;

use crate::ctx::{Ctx, print_json};
use crate::i18n::t;

/// `guifan check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,

    /// A head hash printed by an earlier check or backup and kept elsewhere: fail unless the
    /// audit log still holds that entry (it may have grown since, not been rewritten).
    #[arg(long, value_name = "HASH")]
    pub expect_head: Option<String>,
}

/// Runs `guifan check`; fails when a problem is found.
pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let reg = ctx.open()?;
    let report = reg.check_expecting(args.expect_head.as_deref())?;
    if args.json {
        print_json(&report)?;
    } else {
        outln!(
            "{}",
            t!(
                "check-summary",
                schema = report.schema_version,
                works = report.works,
                versions = report.versions,
                entries = report.audit_entries
            )
        )?;
        outln!("{}", t!("check-head", hash = report.head_hash))?;
        match &report.index {
            Some(i) if !i.readable => outln!("{}", t!("check-index-unreadable"))?,
            Some(i) if i.behind > 0 => outln!(
                "{}",
                t!(
                    "check-index-behind",
                    versions = i.versions,
                    seq = i.seq,
                    behind = i.behind
                )
            )?,
            Some(i) => outln!("{}", t!("check-index", versions = i.versions, seq = i.seq))?,
            None => outln!("{}", t!("check-index-none"))?,
        }
        print_problems(&report.problems)?;
        if report.ok() {
            outln!("{}", t!("check-ok"))?;
        }
    }
    anyhow::ensure!(
        report.ok(),
        "{}",
        t!("check-failed", count = report.problems.len())
    );
    Ok(())
}

/// Prints each problem found, its text in the user's language (also `backup`'s, for its copy).
pub fn print_problems(problems: &[String]) -> std::io::Result<()> {
    let lang = crate::i18n::lang();
    for p in problems {
        let problem = crate::i18n::errors::reason(lang, p);
        outln!("{}", t!("check-problem", problem = problem))?;
    }
    Ok(())
}
