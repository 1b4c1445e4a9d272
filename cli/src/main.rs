//! `guifan`: the command line of the registry. Thin: it parses arguments, calls the library
//! and prints. Exit status 2 for bad input, 1 for other failures (and 3 from `review-draft` for a
//! draft with errors).

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
mod render;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cmd::run(cli) {
        Ok(code) => code,
        Err(err) if closed_output(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {}", one_line(&err));
            let bad_input = err
                .chain()
                .find_map(|e| e.downcast_ref::<guifan::Error>())
                .is_some_and(guifan::Error::is_bad_input);
            ExitCode::from(if bad_input { 2 } else { 1 })
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

/// The error and its causes on one line.
fn one_line(err: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
    }
    render::shown(&parts.join(": ").replace('\n', " ")).into_owned()
}
