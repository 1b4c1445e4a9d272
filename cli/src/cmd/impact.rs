//! `guifan impact REF`: the documents in force that rest on or cite a document.

use anyhow::Result;
use guifan::date::iso;
use guifan::store::ImpactReport;
use time::Date;

use crate::ctx::{Ctx, as_of, date_value, print_json};
use crate::render::Table;

/// `guifan impact`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The document: id, key, work key, doc number (any spelling) or exact title.
    pub reference: String,
    /// The date documents must be in force on (default: today).
    #[arg(long, value_parser = date_value)]
    pub as_of: Option<Date>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs `guifan impact`.
pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let reg = ctx.open()?;
    let id = reg.resolve(&args.reference)?;
    let report = reg.impact_report(id, as_of(args.as_of)?)?;
    if args.json {
        return print_json(&report);
    }
    out!("{}", render(&report))?;
    Ok(())
}

fn render(r: &ImpactReport) -> String {
    let mut out = format!(
        "《{}》：截至{}，{}件现行文件直接或间接引用或依据它\n",
        r.title,
        iso(r.as_of),
        r.total
    );
    if r.documents.is_empty() {
        return out;
    }
    let mut t = Table::new(["层级", "id", "关系", "文号", "标题", "经由", "条"]).right_align(1);
    for e in &r.documents {
        t.row([
            e.depth.to_string(),
            e.id.to_string(),
            e.kind.label().to_owned(),
            e.doc_number.clone().unwrap_or_default(),
            format!("《{}》", e.title),
            if e.depth > 1 {
                format!("id {}", e.via)
            } else {
                String::new()
            },
            e.article.clone().unwrap_or_default(),
        ]);
    }
    out += &t.render();
    out
}
