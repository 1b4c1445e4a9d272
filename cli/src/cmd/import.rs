//! `guifan import FILE|DIR…`: through the library's ingest pipeline, each file in one
//! transaction, with a progress bar for large files and a summary per file on stderr.
//! Interchange files (JSON Lines, Akoma Ntoso) say everything; documents as they arrive
//! (`.docx`, `.html`, `.pdf`, `.txt`, `.md`) are completed by the field options and their
//! sidecars, and each says what became of it.

use std::path::PathBuf;

use anyhow::Result;
use guifan::Registry;
use guifan::index::SearchIndex;
use guifan::ingest::{Event, FileReport, IndexState, Options, Summary, ingest_files};
use guifan::interchange::ImportReport;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::documents::{FieldArgs, RevisionArgs, options, outcome};
use crate::ctx::{Ctx, Index, print_json};
use crate::i18n::t;

/// Files are shown with a progress bar from this size on.
const PROGRESS_FROM_BYTES: u64 = 4 << 20;

/// `guifan import`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// 要导入的文件或文件夹：JSON Lines（.jsonl）、Akoma Ntoso（.xml、.akn），以及按公文格式
    /// 排版的 .docx、.html、.htm、.pdf、.txt、.md（旁注文件 `文件名.json` 一并读取）
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// 以 JSON 输出报告
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub fields: FieldArgs,
    #[command(flatten)]
    pub revision: RevisionArgs,
}

/// Runs `guifan import`.
pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let mut reg = ctx.open_or_create()?;
    let index = Index(SearchIndex::open(&reg)?);
    let options = options(&args.fields, &args.revision);
    let summary = import_files(&mut reg, Some(&index), &args.files, &options, !args.json)?;
    if args.json {
        return print_json(&summary);
    }
    if let Some(last) = summary.files.last() {
        match &last.index {
            IndexState::Deferred { reason } => {
                eprintln!("{}", t!("import-index-deferred", reason = reason))
            }
            _ => eprintln!(
                "{}",
                t!("import-index", versions = index.indexed_versions())
            ),
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
    options: &Options,
    print: bool,
) -> Result<Summary> {
    let style = ProgressStyle::with_template("{msg} [{bar:40}] {bytes}/{total_bytes} {eta}")
        .map_err(|e| anyhow::anyhow!("progress template: {e}"))?
        .progress_chars("=> ");
    let mut bar: Option<ProgressBar> = None;
    let result = ingest_files(reg, index, files, options, &mut |event| match event {
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
                eprintln!("{}", crate::render::shown(&line(f)));
            }
        }
    });
    if let Some(b) = bar.take() {
        b.finish_and_clear();
    }
    let summary = Summary::of(result?);
    if print && summary.files.len() > 1 {
        eprintln!("{}", t!("import-total", counts = counts(&summary.total)));
        let d = &summary.documents;
        if d.registered + d.new_versions + d.duplicates + d.probable_versions > 0 {
            eprintln!(
                "{}",
                t!(
                    "import-documents",
                    registered = d.registered,
                    versions = d.new_versions,
                    duplicates = d.duplicates,
                    probable = d.probable_versions
                )
            );
        }
    }
    Ok(summary)
}

fn line(f: &FileReport) -> String {
    match &f.document {
        Some(d) => format!("{}: {}", f.path.display(), outcome(d)),
        None => format!("{}: {}", f.path.display(), counts(&f.report)),
    }
}

fn counts(r: &ImportReport) -> String {
    let mut parts = vec![t!("count-records", n = r.records)];
    for (n, what) in [
        (r.documents, t!("count-versions", n = r.documents)),
        (r.works_created, t!("count-new-works", n = r.works_created)),
        (r.campaigns, t!("count-campaigns", n = r.campaigns)),
        (r.decisions, t!("count-decisions", n = r.decisions)),
        (r.announced, t!("count-announced", n = r.announced)),
        (r.filings, t!("count-filings", n = r.filings)),
        (r.reviews, t!("count-reviews", n = r.reviews)),
        (r.relations, t!("count-relations", n = r.relations)),
        (
            r.status_changes,
            t!("count-status-changes", n = r.status_changes),
        ),
        (r.repeats, t!("count-repeats", n = r.repeats)),
    ] {
        if n > 0 {
            parts.push(what);
        }
    }
    parts.join(&t!("list-separator"))
}
