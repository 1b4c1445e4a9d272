//! `guifan`: the command line of the registry. Thin: it parses arguments, calls the library
//! and prints. Exit status 2 for bad input, 1 for other failures (and 3 from `review-draft` for a
//! draft with errors).

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

/// The error and its causes on one line.
fn one_line(err: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
    }
    parts.join(": ").replace('\n', " ")
}
