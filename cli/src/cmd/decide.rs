//! `guifan decide --campaign KEY REF OUTCOME`: a campaign's decision on a document.

use anyhow::Result;
use guifan::model::Outcome;

use crate::ctx::Ctx;
use crate::i18n::t;

/// `guifan decide`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The campaign's key.
    #[arg(long)]
    pub campaign: String,
    /// The document: id, key, work key, doc number (any spelling) or exact title.
    pub reference: String,
    /// 继续有效, 待修订, 废止 or 宣布失效 (or a token: valid, pending_revision, repealed,
    /// invalidated).
    #[arg(value_parser = Outcome::parse)]
    pub outcome: Outcome,
    /// Why.
    #[arg(long)]
    pub reason: Option<String>,
}

/// Runs `guifan decide`.
pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let mut reg = ctx.open()?;
    let id = reg.resolve(&args.reference)?;
    reg.decide(&args.campaign, id, args.outcome, args.reason.as_deref())?;
    outln!(
        "{}",
        t!(
            "decide-done",
            campaign = args.campaign,
            name = reg.name_of(id)?,
            outcome = args.outcome.label()
        )
    )?;
    Ok(())
}
