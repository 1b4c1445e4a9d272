//! `guifan review REF --kind KIND …`: a review (审核, 审查, 评估).

use anyhow::Result;
use guifan::model::{NewReview, ReviewKind};
use time::Date;

use crate::ctx::{Ctx, date_value};
use crate::i18n::t;

/// `guifan review`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The document: id, key, work key, doc number (any spelling) or exact title.
    pub reference: String,
    /// 合法性审核, 备案审查, 公平竞争审查, 评估.
    #[arg(long, value_parser = ReviewKind::parse)]
    pub kind: ReviewKind,
    /// Who reviewed.
    #[arg(long)]
    pub reviewer: String,
    /// When.
    #[arg(long, value_parser = date_value)]
    pub date: Date,
    /// The conclusion (合法, 予以备案 …).
    #[arg(long)]
    pub conclusion: String,
    /// The opinion, in full.
    #[arg(long)]
    pub opinion: Option<String>,
}

/// Runs `guifan review`.
pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let mut reg = ctx.open()?;
    let id = reg.resolve(&args.reference)?;
    let review = NewReview {
        kind: args.kind,
        reviewer: args.reviewer.clone(),
        date: args.date,
        conclusion: args.conclusion.clone(),
        opinion: args.opinion.clone(),
    };
    let recorded = reg.record_review(id, &review)?;
    let repeat = if recorded.repeat {
        t!("record-repeat")
    } else {
        String::new()
    };
    outln!(
        "{}",
        t!(
            "review-done",
            title = super::title(&reg, id)?,
            kind = review.kind.label(),
            id = recorded.id,
            reviewer = review.reviewer,
            conclusion = review.conclusion,
            repeat = repeat
        )
    )?;
    Ok(())
}
