//! `guifan list`: the documents that pass the filters.

use anyhow::Result;

use crate::cli::FilterArgs;
use crate::ctx::{Ctx, print_json};
use crate::i18n::{labels, t};
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
    let mut table = Table::new([
        "id".to_owned(),
        t!("col-status"),
        t!("col-doc-number"),
        t!("col-title"),
        t!("col-issuer"),
    ])
    .right_align(0)
    .shrink(3);
    for w in &list.documents {
        table.row([
            w.id.to_string(),
            labels::status(w.status),
            w.doc_number.clone().unwrap_or_default(),
            format!("《{}》", w.title),
            w.issuer.clone(),
        ]);
    }
    out!("{}", table.render())?;
    outln!("{}", t!("list-total", count = list.total))?;
    Ok(())
}
