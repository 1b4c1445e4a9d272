//! `guifan relate FROM KIND TO`: a relation recorded by hand.

use anyhow::Result;
use guifan::model::{NewRelation, RelationKind};

use crate::ctx::Ctx;
use crate::i18n::t;

/// `guifan relate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The document the relation is from.
    pub from: String,
    /// 依据, 修改, 废止, 替代, 实施, 引用.
    #[arg(value_parser = RelationKind::parse)]
    pub kind: RelationKind,
    /// The document it relates to; a reference that names no document of the registry is
    /// kept as written.
    pub to: String,
    /// A note.
    #[arg(long)]
    pub note: Option<String>,
}

/// Runs `guifan relate`.
pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let mut reg = ctx.open()?;
    let from = reg.resolve(&args.from)?;
    let target = reg.relation_target(&args.to)?;
    reg.record_relation(
        from,
        &NewRelation::manual(args.kind, target, args.note.clone()),
    )?;
    outln!(
        "{}",
        t!(
            "relate-done",
            from = super::title(&reg, from)?,
            kind = args.kind.label(),
            to = args.to
        )
    )?;
    Ok(())
}
