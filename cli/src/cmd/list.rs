//! `guifan list`: the documents that pass the filters.

use anyhow::Result;

use crate::cli::FilterArgs;
use crate::ctx::{Ctx, print_json};
use crate::render::Table;

/// `guifan list`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Print the list as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs `guifan list`.
pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let reg = ctx.open()?;
    let list = reg.document_list(&args.filter.filter()?)?;
    if args.json {
        return print_json(&list);
    }
    let mut t = Table::new(["id", "效力状态", "文号", "标题", "制定机关"]).right_align(0);
    for w in &list.documents {
        t.row([
            w.id.to_string(),
            w.status.label().to_owned(),
            w.doc_number.clone().unwrap_or_default(),
            format!("《{}》", w.title),
            w.issuer.clone(),
        ]);
    }
    out!("{}", t.render())?;
    outln!("共{}件", list.total)?;
    Ok(())
}
