//! `guifan extract FILE…`: what importing documents would register, field by field, with
//! where each value came from and how sure the finder is, and what the registry makes of it
//! (new, registered already, probably a new version). Nothing is written.

use std::path::PathBuf;

use anyhow::Result;
use guifan::Registry;
use guifan::ingest::{Preview, preview_files};

use super::documents::{FieldArgs, classification, source};
use crate::ctx::{Ctx, print_json};
use crate::i18n::t;
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
    let mut out = match &ex.encoding {
        Some(encoding) => t!(
            "extract-heading-encoding",
            file = ex.file,
            format = ex.format,
            encoding = encoding,
            lines = ex.lines.len()
        ),
        None => t!(
            "extract-heading",
            file = ex.file,
            format = ex.format,
            lines = ex.lines.len()
        ),
    } + "\n";
    let rows = p.rows();
    let labels: Vec<String> = rows.iter().map(field_label).collect();
    let label_w = labels
        .iter()
        .map(|l| crate::render::width(l))
        .max()
        .unwrap_or(0);
    let value_w = rows
        .iter()
        .map(|r| crate::render::width(&r.value).min(48))
        .max()
        .unwrap_or(0);
    let mut stored = true;
    for (r, label) in rows.iter().zip(&labels) {
        if stored && !r.stored {
            out.push_str(&format!("  {}\n", t!("extract-not-stored")));
            stored = false;
        }
        out.push_str(&format!(
            "  {}  {}  {}  {:.2}\n",
            pad(label, label_w),
            pad(&r.value, value_w),
            source(&r.source),
            r.confidence
        ));
    }
    if rows.is_empty() {
        out.push_str(&format!("  {}\n", t!("extract-no-fields")));
    }
    if let Some(m) = &p.classification {
        let line = t!("extract-registry", what = classification(m));
        out.push_str(&format!("  {line}\n"));
    }
    for w in &ex.warnings {
        out.push_str(&format!("  {}\n", t!("document-warning", warning = w)));
    }
    out
}

/// A field's name: the official layout's (the library's label) in Chinese, the catalogue's
/// in English.
fn field_label(r: &guifan::ingest::preview::Row) -> String {
    match crate::i18n::lang() {
        crate::i18n::Lang::Zh => r.label.to_owned(),
        crate::i18n::Lang::En => {
            crate::i18n::text(&format!("extract-field-{}", r.field.replace('_', "-")), &[])
        }
    }
}
