//! `guifan import FILE|DIR…`: through the library's ingest pipeline, each file in one
//! transaction, with a progress bar for large files and a summary per file on stderr.

use std::path::PathBuf;

use anyhow::Result;
use guifan::Registry;
use guifan::index::SearchIndex;
use guifan::ingest::{Event, FileReport, IndexState, Summary, ingest_files};
use guifan::interchange::ImportReport;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::ctx::{Ctx, print_json};

/// Files are shown with a progress bar from this size on.
const PROGRESS_FROM_BYTES: u64 = 4 << 20;

/// `guifan import`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// JSON Lines (`.jsonl`) and Akoma Ntoso (`.xml`, `.akn`) files, or folders of them.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs `guifan import`.
pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let mut reg = ctx.open_or_create()?;
    let index = SearchIndex::open(&reg)?;
    let summary = import_files(&mut reg, Some(&index), &args.files, !args.json)?;
    if args.json {
        return print_json(&summary);
    }
    if let Some(last) = summary.files.last() {
        match &last.index {
            IndexState::Deferred { reason } => {
                eprintln!("index: not updated ({reason}); it catches up on the next search")
            }
            _ => eprintln!("index: {} versions", index.indexed_versions()),
        }
    }
    Ok(())
}

/// Imports files (folders expanded) through the library's ingest pipeline, with a progress
/// bar on stderr for large files and, when `print`, a summary per file. Stops at the first
/// file that fails; the files before it stay imported.
pub fn import_files(
    reg: &mut Registry,
    index: Option<&SearchIndex>,
    files: &[PathBuf],
    print: bool,
) -> Result<Summary> {
    let style = ProgressStyle::with_template("{msg} [{bar:40}] {bytes}/{total_bytes} {eta}")
        .map_err(|e| anyhow::anyhow!("progress template: {e}"))?
        .progress_chars("=> ");
    let mut bar: Option<ProgressBar> = None;
    let result = ingest_files(reg, index, files, &mut |event| match event {
        Event::Started { path, bytes } if bytes >= PROGRESS_FROM_BYTES => {
            let b = ProgressBar::with_draw_target(Some(bytes), ProgressDrawTarget::stderr());
            b.set_style(style.clone());
            b.set_message(path.display().to_string());
            bar = Some(b);
        }
        Event::Started { .. } => {}
        Event::Progress { read, .. } => {
            if let Some(b) = &bar {
                b.set_position(read);
            }
        }
        Event::Done(f) => {
            if let Some(b) = bar.take() {
                b.finish_and_clear();
            }
            if print {
                eprintln!("{}", line(f));
            }
        }
    });
    if let Some(b) = bar.take() {
        b.finish_and_clear();
    }
    let summary = Summary::of(result?);
    if print && summary.files.len() > 1 {
        eprintln!("total: {}", counts(&summary.total));
    }
    Ok(summary)
}

fn line(f: &FileReport) -> String {
    format!("{}: {}", f.path.display(), counts(&f.report))
}

fn counts(r: &ImportReport) -> String {
    let mut parts = vec![format!("{} records", r.records)];
    for (n, what) in [
        (r.documents, "versions"),
        (r.works_created, "new works"),
        (r.campaigns, "campaigns"),
        (r.decisions, "decisions"),
        (r.announced, "status changes announced"),
        (r.filings, "filings"),
        (r.reviews, "reviews"),
        (r.relations, "relations"),
        (r.status_changes, "status changes"),
        (r.repeats, "already recorded"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {what}"));
        }
    }
    parts.join(", ")
}
