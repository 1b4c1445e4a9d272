//! `guifan export [REF]`: JSON Lines of the registry or a document; Akoma Ntoso of a version.

use std::io::Write;

use anyhow::Result;
use clap::ValueEnum;
use guifan::Error;
use guifan::interchange::{Which, export_akn, export_jsonl};
use time::Date;

use crate::ctx::{Ctx, date_value};

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// JSON Lines records.
    Json,
    /// Akoma Ntoso 3.0 XML.
    Akn,
}

/// `guifan export`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The document (default: the whole registry, JSON Lines only).
    pub reference: Option<String>,
    /// The format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// Akoma Ntoso: the version in force on this date (default: the newest version).
    #[arg(long, conflicts_with = "version", value_parser = date_value)]
    pub as_of: Option<Date>,
    /// Akoma Ntoso: this version.
    #[arg(long)]
    pub version: Option<u32>,
}

/// Runs `guifan export`.
pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let reg = ctx.open()?;
    let only = args
        .reference
        .as_deref()
        .map(|r| reg.resolve(r))
        .transpose()?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        Format::Akn => {
            let Some(id) = only else {
                anyhow::bail!(Error::invalid(
                    "REF",
                    "",
                    "`--format akn` writes one document: name it"
                ));
            };
            let which = match (args.version, args.as_of) {
                (Some(v), _) => Which::Version(v),
                (None, Some(d)) => Which::AsOf(d),
                (None, None) => Which::Latest,
            };
            out.write_all(export_akn(&reg, id, which)?.as_bytes())?;
        }
        Format::Json => export_jsonl(&reg, only, &mut out)?,
    }
    out.flush()?;
    Ok(())
}
