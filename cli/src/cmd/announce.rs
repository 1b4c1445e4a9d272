//! `guifan announce KEY --date DATE`: a campaign's decisions become status changes.

use anyhow::Result;
use guifan::date::iso;
use time::Date;

use crate::ctx::{Ctx, date_value};
use crate::i18n::t;

/// `guifan announce`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The campaign's key.
    pub key: String,
    /// The day the decisions take effect.
    #[arg(long, value_parser = date_value)]
    pub date: Date,
}

/// Runs `guifan announce`.
pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let mut reg = ctx.open()?;
    let a = reg.announce(&args.key, args.date)?;
    outln!(
        "{}",
        t!(
            "announce-done",
            campaign = args.key,
            date = iso(args.date),
            count = a.status_changes
        )
    )?;
    for id in &a.unchanged {
        outln!("{}", t!("announce-unchanged", name = reg.name_of(*id)?))?;
    }
    Ok(())
}
