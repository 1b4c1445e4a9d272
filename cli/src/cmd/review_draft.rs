//! `guifan review-draft FILE`: checks a draft's text for the 合法性审核 reviewer: its
//! citations against the registry, its basis clause, numbering, 文号 and date layout, 有效期,
//! and words flagged for a human.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use guifan::Error;
use guifan::assist::{self, DraftReport};
use time::Date;

use crate::ctx::{Ctx, as_of, date_value, print_json};
use crate::render::{text_width, wrap};

/// The exit status when the draft has findings of severity error (错误).
pub const EXIT_ERRORS: u8 = 3;

/// `guifan review-draft`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit status: 0 when no finding is an error (警告 and 提示 do not count), \
                        3 when at least one is, 2 for bad input, 1 for other failures."
)]
pub struct Args {
    /// The draft: a Word file (.docx), a web page (.html), a PDF with a text layer, a text file
    /// (.txt, .md: UTF-8, GB18030 or UTF-16), or `-` for UTF-8 text on stdin.
    pub file: PathBuf,
    /// The date citations and periods are checked as of (default: today).
    #[arg(long, value_parser = date_value)]
    pub as_of: Option<Date>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs `guifan review-draft`: exit status 3 when the report holds an error.
pub fn run(ctx: &Ctx, args: &Args) -> Result<ExitCode> {
    let text = read_text(&args.file)?;
    let reg = ctx.open()?;
    let report = assist::check_draft(&reg, &text, as_of(args.as_of)?)?;
    if args.json {
        print_json(&report)?;
    } else {
        let text = crate::i18n::reports::draft(&report);
        out!("{}", wrap(&text, text_width(None, 40)))?;
    }
    Ok(exit_status(&report))
}

/// 0 without errors, [`EXIT_ERRORS`] with.
fn exit_status(report: &DraftReport) -> ExitCode {
    if report.counts.error > 0 {
        ExitCode::from(EXIT_ERRORS)
    } else {
        ExitCode::SUCCESS
    }
}

/// The file's text: a document (Word, web page, PDF, text in any encoding the readers detect)
/// read by the library's intake readers, stdin for `-` (UTF-8), or another file as UTF-8.
fn read_text(path: &PathBuf) -> Result<String> {
    let document = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .is_some_and(|e| guifan::ingest::DOCUMENT_EXTENSIONS.contains(&e.as_str()));
    if document && path.as_os_str() != "-" {
        return Ok(guifan::intake::extract(path)?.text());
    }
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io("<stdin>", e))?;
    } else if path.is_dir() {
        anyhow::bail!(Error::invalid(
            "FILE",
            path.display().to_string(),
            "a folder, not a text file"
        ));
    } else {
        bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    }
    let name = if path.as_os_str() == "-" {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::invalid(
            "FILE",
            name,
            format!(
                "not UTF-8 text (byte {}); save the draft as UTF-8 plain text",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    // A byte order mark (as some editors save UTF-8) is not part of the text.
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    })
}
