//! `guifan extract FILE…`: what importing documents would register, field by field, with
//! where each value came from and how sure the finder is, and what the registry makes of it
//! (new, registered already, probably a new version). Nothing is written.

use std::path::PathBuf;

use anyhow::Result;
use guifan::Registry;
use guifan::ingest::{Preview, preview_files};

use super::documents::{FieldArgs, classification, source};
use crate::ctx::{Ctx, print_json};
use crate::render::pad;

/// `guifan extract`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// 文件（.docx、.html、.htm、.pdf、.txt、.md）或其所在文件夹
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// 以 JSON 输出
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub fields: FieldArgs,
}

/// Runs `guifan extract`: compared with the registry when there is one, never creating it.
pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let reg = Registry::open_existing(&ctx.registry).ok();
    let previews = preview_files(reg.as_ref(), &args.files, &args.fields.overrides())?;
    if args.json {
        return print_json(&previews);
    }
    for (i, p) in previews.files.iter().enumerate() {
        if i > 0 {
            outln!("")?;
        }
        out!("{}", render(p))?;
    }
    Ok(())
}

/// One document's preview as text: a header, the fields in a table, what the registry makes
/// of it and the warnings.
fn render(p: &Preview) -> String {
    let ex = &p.extraction;
    let encoding = ex
        .encoding
        .as_deref()
        .map(|e| format!("，{e}"))
        .unwrap_or_default();
    let mut out = format!(
        "{}（{}{encoding}，{} 行）\n",
        ex.file,
        ex.format,
        ex.lines.len()
    );
    let rows = p.rows();
    let label_w = rows
        .iter()
        .map(|r| crate::render::width(r.label))
        .max()
        .unwrap_or(0);
    let value_w = rows
        .iter()
        .map(|r| crate::render::width(&r.value).min(48))
        .max()
        .unwrap_or(0);
    let mut stored = true;
    for r in &rows {
        if stored && !r.stored {
            out.push_str("  以下字段供核对，不入库：\n");
            stored = false;
        }
        out.push_str(&format!(
            "  {}  {}  {}  {:.2}\n",
            pad(r.label, label_w),
            pad(&r.value, value_w),
            source(&r.source),
            r.confidence
        ));
    }
    if rows.is_empty() {
        out.push_str("  （未识别出字段）\n");
    }
    if let Some(m) = &p.classification {
        out.push_str(&format!("  登记簿：{}\n", classification(m)));
    }
    for w in &ex.warnings {
        out.push_str(&format!("  提示：{w}\n"));
    }
    out
}
