//! `guifan`: the command line of the registry. Thin: it parses arguments, calls the library
//! and prints. Exit status 2 for bad input, 75 when another writer held the registry longer
//! than `--wait`, 1 for other failures (and 3 from `review-draft` for a draft with errors).

/// Writes to standard output and returns the `io::Result`, where `print!` would panic: a reader
/// that goes away (`guifan list | head -1`) ends the command quietly, as Unix tools do. Control
/// characters a text holds are shown, never sent to the terminal ([`render::shown`]).
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let text = format!($($arg)*);
        std::io::stdout().lock().write_all(crate::render::shown(&text).as_bytes())
    }};
}

/// [`out!`] with a line break.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let mut text = format!($($arg)*);
        text.push('\n');
        std::io::stdout().lock().write_all(crate::render::shown(&text).as_bytes())
    }};
}

mod cli;
mod cmd;
mod ctx;
mod demo;
mod i18n;
mod render;

use std::process::ExitCode;

/// The exit status of a write that gave up waiting for another writer (`EX_TEMPFAIL`: try
/// again later).
const BUSY: u8 = 75;

fn main() -> ExitCode {
    let cli = i18n::help::parse();
    match cmd::run(cli) {
        Ok(code) => code,
        Err(err) if closed_output(&err) => ExitCode::SUCCESS,
        Err(err) => {
            let lang = i18n::lang();
            // Escaped: a title or value quoted in the error may hold control characters.
            let message = render::shown(&i18n::errors::one_line(lang, &err)).into_owned();
            eprintln!(
                "{}",
                i18n::text_in(lang, "error-line", &[("message", message)])
            );
            let core = err.chain().find_map(|e| e.downcast_ref::<guifan::Error>());
            ExitCode::from(match core {
                Some(guifan::Error::Busy { .. }) => BUSY,
                Some(e) if e.is_bad_input() => 2,
                _ => 1,
            })
        }
    }
}

/// Whether the command stopped because its reader went away (a closed pipe): nothing to say.
fn closed_output(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || e.downcast_ref::<guifan::Error>().is_some_and(|g| {
                matches!(g, guifan::Error::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
            })
    })
}
