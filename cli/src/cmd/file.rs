//! `guifan file REF --with BODY`: a filing (备案).

use anyhow::Result;
use guifan::model::{FilingOutcome, NewFiling, filing::DEFAULT_DEADLINE_DAYS};
use time::Date;

use crate::ctx::{Ctx, as_of, date_value};
use crate::i18n::t;

/// `guifan file`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The document: id, key, work key, doc number (any spelling) or exact title.
    pub reference: String,
    /// The body filed with.
    #[arg(long = "with")]
    pub filed_with: String,
    /// When it was submitted.
    #[arg(long, value_parser = date_value)]
    pub submitted: Option<Date>,
    /// 备案登记, 暂缓办理, 限期补正, 不予备案, 审查中.
    #[arg(long, value_parser = FilingOutcome::parse)]
    pub outcome: Option<FilingOutcome>,
    /// Days after the issued date within which filing is on time.
    #[arg(long, default_value_t = DEFAULT_DEADLINE_DAYS)]
    pub deadline_days: u32,
    /// The filing's own number (备案号).
    #[arg(long)]
    pub number: Option<String>,
}

/// Runs `guifan file`.
pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let mut reg = ctx.open()?;
    let id = reg.resolve(&args.reference)?;
    let filing = NewFiling {
        filed_with: args.filed_with.clone(),
        submitted: args.submitted,
        number: args.number.clone(),
        outcome: args.outcome,
        deadline_days: args.deadline_days,
        note: None,
    };
    let recorded = reg.record_filing(id, &filing)?;
    let filing = reg
        .filings(id)?
        .into_iter()
        .find(|f| f.id == recorded.id)
        .ok_or_else(|| anyhow::anyhow!("{}", t!("file-missing")))?;
    let repeat = if recorded.repeat {
        t!("record-repeat")
    } else {
        String::new()
    };
    outln!(
        "{}",
        t!(
            "file-done",
            title = super::title(&reg, id)?,
            body = filing.filed_with,
            id = filing.id,
            timeliness = filing.timeliness(as_of(None)?).label(),
            repeat = repeat
        )
    )?;
    Ok(())
}
