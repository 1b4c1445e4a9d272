//! `guifan status REF STATUS --date DATE`: a status change made by hand.

use anyhow::Result;
use guifan::date::iso;
use guifan::model::Status;
use time::Date;

use crate::ctx::{Ctx, date_value};
use crate::i18n::t;

/// `guifan status`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The document: id, key, work key, doc number (any spelling) or exact title.
    pub reference: String,
    /// The new status: 有效, 待修订, 废止, 宣布失效 (or a token).
    #[arg(value_parser = Status::parse)]
    pub status: Status,
    /// The day from which it holds.
    #[arg(long, value_parser = date_value)]
    pub date: Date,
    /// Why.
    #[arg(long)]
    pub reason: Option<String>,
}

/// Runs `guifan status`.
pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let mut reg = ctx.open()?;
    let id = reg.resolve(&args.reference)?;
    reg.change_status(id, args.status, args.date, args.reason.as_deref())?;
    outln!(
        "{}",
        t!(
            "status-done",
            name = reg.name_of(id)?,
            status = args.status.label(),
            date = iso(args.date)
        )
    )?;
    Ok(())
}
