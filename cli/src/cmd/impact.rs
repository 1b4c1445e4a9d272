//! `guifan impact REF`: the documents in force that rest on or cite a document.

use anyhow::Result;
use guifan::date::iso;
use guifan::store::ImpactReport;
use time::Date;

use crate::ctx::{Ctx, as_of, date_value, print_json};
use crate::i18n::{labels, t};
use crate::render::Table;

/// `guifan impact`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The document: id, key, work key, doc number (any spelling) or exact title.
    pub reference: String,
    /// The date documents must be in force on (default: today).
    #[arg(long, value_parser = date_value)]
    pub as_of: Option<Date>,
    /// 最多追溯几层（1：直接引用或依据它的文件）；默认不限。
    #[arg(long)]
    pub depth: Option<u32>,
    /// 只沿这些关系追溯：依据、实施、引用（逗号分隔）；默认三种都追溯。
    #[arg(long, value_delimiter = ',', value_parser = guifan::model::RelationKind::parse)]
    pub kind: Vec<guifan::model::RelationKind>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs `guifan impact`.
pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let reg = ctx.open()?;
    let id = reg.resolve(&args.reference)?;
    let options = guifan::store::ImpactOptions {
        depth: args.depth,
        kinds: args.kind.clone(),
    };
    let report = reg.impact_report_with(id, as_of(args.as_of)?, &options)?;
    if args.json {
        return print_json(&report);
    }
    out!("{}", render(&report))?;
    Ok(())
}

fn render(r: &ImpactReport) -> String {
    let mut out = t!(
        "impact-heading",
        title = r.title,
        date = iso(r.as_of),
        count = r.total
    ) + "\n";
    if r.documents.is_empty() {
        return out;
    }
    let mut table = Table::new([
        t!("col-depth"),
        "id".to_owned(),
        t!("col-relation"),
        t!("col-doc-number"),
        t!("col-title"),
        t!("col-via"),
        t!("col-article"),
    ])
    .right_align(1)
    .shrink(4);
    for e in &r.documents {
        table.row([
            e.depth.to_string(),
            e.id.to_string(),
            labels::relation_kind(e.kind),
            e.doc_number.clone().unwrap_or_default(),
            format!("《{}》", e.title),
            if e.depth > 1 {
                format!("id {}", e.via)
            } else {
                String::new()
            },
            e.article
                .as_deref()
                .map(labels::article)
                .unwrap_or_default(),
        ]);
    }
    out += &table.render();
    out
}
