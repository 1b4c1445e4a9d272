//! `guifan diff REF`: the 修改前后对照表 of two versions of a document, or of two documents
//! (`--with`), as text, JSON, HTML or a Word file.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;
use guifan::Error;
use guifan::compare::{self, Comparison, TextOptions, Which};

use crate::ctx::{Ctx, print_json};
use crate::i18n::t;
use crate::render::text_width;

/// `guifan diff`.
#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("form").args(["json", "html", "docx"]))]
pub struct Args {
    /// The document: id, key, work key, doc number (any spelling) or exact title. It is the
    /// old side; with `--with`, the other document is the new side.
    pub reference: String,
    /// The old side's version: a number (`1`) or a date (the version in force then). Default:
    /// the version before the new side's; with `--with`, REF's newest version.
    #[arg(long, value_name = "N|DATE", value_parser = Which::parse)]
    pub from: Option<Which>,
    /// The new side's version: a number or a date, of REF (or of the `--with` document).
    /// Default: the newest version.
    #[arg(long, value_name = "N|DATE", value_parser = Which::parse)]
    pub to: Option<Which>,
    /// Compare REF with another document (the new side): the one that replaced it, or a
    /// city's measures with the model they follow.
    #[arg(long, value_name = "REF2")]
    pub with: Option<String>,
    /// Also show the rows that did not change (text, HTML, Word).
    #[arg(long, conflicts_with = "json")]
    pub all: bool,
    /// The width of the text table in columns (at least 40; default 80, or the terminal's
    /// width on a terminal).
    #[arg(long, value_name = "N", value_parser = TextOptions::parse_width, conflicts_with = "form")]
    pub width: Option<usize>,
    /// Print the comparison as JSON (every row, with its character diff).
    #[arg(long)]
    pub json: bool,
    /// Print the table as an HTML fragment (a <section> with its styles), for A4 landscape.
    // This comment is the option's --help text, where <section> is meant literally.
    #[allow(rustdoc::invalid_html_tags)]
    #[arg(long)]
    pub html: bool,
    /// Write the table as a Word file (.docx) to FILE.
    #[arg(long, value_name = "FILE")]
    pub docx: Option<PathBuf>,
}

/// Runs `guifan diff`.
pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    // Refuse a Word file on stdout before any work is done.
    if let Some(path) = &args.docx
        && (path.as_os_str() == "-" || path.as_os_str().is_empty())
    {
        anyhow::bail!(Error::invalid(
            "docx",
            path.display().to_string(),
            "a Word file is not written to stdout: name the .docx file to write"
        ));
    }
    let reg = ctx.open()?;
    let id = reg.resolve(&args.reference)?;
    let comparison = match &args.with {
        Some(other) => {
            let other = reg.resolve(other)?;
            compare::diff_documents(&reg, id, args.from, other, args.to)?
        }
        None => compare::diff_versions(&reg, id, args.from, args.to)?,
    };
    if args.json {
        return print_json(&comparison);
    }
    if args.html {
        out!("{}", comparison.render_html(args.all))?;
        return Ok(());
    }
    if let Some(path) = &args.docx {
        return write_docx(&comparison, path, args.all);
    }
    out!(
        "{}",
        comparison.render_text(&TextOptions {
            width: text_width(args.width, TextOptions::MIN_WIDTH),
            all: args.all,
        })
    )?;
    Ok(())
}

fn write_docx(c: &Comparison, path: &Path, all: bool) -> Result<()> {
    let bytes = c.to_docx(all)?;
    let mut file = std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
    if file.is_terminal() {
        anyhow::bail!(Error::invalid(
            "docx",
            path.display().to_string(),
            "that is a terminal: name the .docx file to write"
        ));
    }
    file.write_all(&bytes)
        .and_then(|()| file.flush())
        .map_err(|e| Error::io(path, e))?;
    let rows = if all {
        c.rows.len()
    } else {
        c.changed_rows().count()
    };
    outln!("{}", t!("diff-wrote", file = path.display(), rows = rows))?;
    Ok(())
}
