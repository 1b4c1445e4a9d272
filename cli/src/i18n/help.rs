//! `--help` and argument errors in the user's language.
//!
//! The commands and arguments are defined with clap's derive beside each command; their texts
//! come from the catalogue by id, set on the built command tree: a command's `cmd-PATH-about`
//! and `cmd-PATH-after` (ending with examples), an argument's `arg-PATH-ID`, else `arg-ID`
//! (options shared by several commands), and the headings `heading-*`. clap's own
//! annotations (`[default: …]`, `[env: …]`, `[possible values: …]`) are left out: the texts
//! say them. clap breaks lines at blanks only; lines it could not break (Chinese has no
//! blanks) are broken here between characters, under their column.

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{CommandFactory, FromArgMatches};

use super::{Lang, has, text_in};
use crate::cli::Cli;

/// The id of a command's texts: `cmd-guifan` for the program, else `cmd-` and its path
/// (`cmd-user-add`).
pub fn command_id(path: &[String]) -> String {
    if path.is_empty() {
        "cmd-guifan".to_owned()
    } else {
        format!("cmd-{}", path.join("-"))
    }
}

/// The catalogue id of an argument's help: the command's own (`arg-search-kind`) when there
/// is one, else the shared one (`arg-kind`).
pub fn arg_id(lang: Lang, path: &[String], arg: &str) -> String {
    let own = format!("arg-{}-{arg}", path.join("-"));
    if !path.is_empty() && has(lang, &own) {
        own
    } else {
        format!("arg-{arg}")
    }
}

/// The command tree with every text in `lang`, help laid out for `width` columns.
pub fn command(lang: Lang, width: usize) -> clap::Command {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    localize(cmd, lang, &mut Vec::new(), width)
}

fn localize(cmd: clap::Command, lang: Lang, path: &mut Vec<String>, width: usize) -> clap::Command {
    let tr = |id: &str| text_in(lang, id, &[]);
    let id = command_id(path);
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        tr("heading-usage")
    );
    let mut cmd = cmd
        .about(tr(&format!("{id}-about")))
        .long_about(None)
        .after_help(tr(&format!("{id}-after")))
        .after_long_help(None)
        .help_template(template)
        .subcommand_help_heading(tr("heading-commands"))
        .term_width(width)
        .max_term_width(width);
    let args: Vec<(String, Option<usize>)> = cmd
        .get_arguments()
        .map(|a| (a.get_id().to_string(), a.get_index()))
        .collect();
    for (arg, index) in args {
        let positional = index.is_some();
        let help = tr(&arg_id(lang, path, &arg));
        cmd = cmd.mut_arg(&arg, |a| {
            let heading = match a.get_help_heading() {
                _ if positional => tr("heading-arguments"),
                Some(h) => tr(&format!("heading-{h}")),
                None => tr("heading-options"),
            };
            // Arguments in their order on the command line, not by name.
            let a = match index {
                Some(i) => a.display_order(i),
                None => a,
            };
            a.help(help)
                .long_help(None)
                .help_heading(heading)
                .hide_default_value(true)
                .hide_env(true)
                .hide_possible_values(true)
        });
    }
    let subcommands: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in subcommands {
        path.push(name.clone());
        cmd = cmd.mut_subcommand(&name, |s| localize(s, lang, path, width));
        path.pop();
    }
    cmd
}

/// Every command's path (the program's is empty), in the tree's order.
#[cfg(test)]
pub fn paths(cmd: &clap::Command) -> Vec<Vec<String>> {
    fn walk(cmd: &clap::Command, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
        out.push(path.clone());
        for s in cmd.get_subcommands() {
            path.push(s.get_name().to_owned());
            walk(s, path, out);
            path.pop();
        }
    }
    let mut out = Vec::new();
    walk(cmd, &mut Vec::new(), &mut out);
    out
}

/// The width help is laid out to: `COLUMNS`, else the terminal's, at most 100 columns.
fn width() -> usize {
    let asked = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c >= 20);
    asked
        .or_else(crate::render::terminal_columns)
        .unwrap_or(100)
        .min(100)
}

/// Parses the command line, printing help, the version or an argument error in the user's
/// language and exiting where clap would.
pub fn parse() -> Cli {
    let lang = super::lang();
    parse_from(lang, width(), std::env::args_os()).unwrap_or_else(|(text, code)| exit(&text, code))
}

fn exit(text: &str, code: i32) -> ! {
    use std::io::Write as _;
    // A closed pipe (`guifan --help | head`) has nothing more to say.
    let written = if code == 0 {
        std::io::stdout().lock().write_all(text.as_bytes())
    } else {
        std::io::stderr().lock().write_all(text.as_bytes())
    };
    drop(written);
    std::process::exit(code)
}

/// Parses `args`; `Err` holds what to print and the exit status (0 for help and the version,
/// on stdout; 2 for an error, on stderr).
pub fn parse_from(
    lang: Lang,
    width: usize,
    args: impl IntoIterator<Item = impl Into<OsString> + Clone>,
) -> Result<Cli, (String, i32)> {
    let cmd = command(lang, width);
    let matches = cmd
        .try_get_matches_from(help_as_option(args))
        .map_err(|e| clap_error(lang, width, &e))?;
    Cli::from_arg_matches(&matches).map_err(|e| clap_error(lang, width, &e))
}

/// `guifan help [COMMAND…]` as `guifan [COMMAND…] --help`, as git and cargo take it: `help`
/// where the command belongs (after the program's own options) asks for the help of the
/// commands named after it.
fn help_as_option<T: Into<OsString> + Clone>(args: impl IntoIterator<Item = T>) -> Vec<OsString> {
    let mut args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    // The program's options that take a value in the next argument.
    const VALUED: [&str; 3] = ["--registry", "--actor", "--wait"];
    let mut i = 1;
    while let Some(arg) = args.get(i).and_then(|a| a.to_str()) {
        if VALUED.contains(&arg) {
            i += 2;
        } else if arg.starts_with('-') {
            i += 1;
        } else {
            if arg == "help" {
                args.remove(i);
                args.push("--help".into());
            }
            break;
        }
    }
    args
}

/// The help of the command at `path`, as `--help` prints it.
#[cfg(test)]
pub fn help(lang: Lang, width: usize, path: &[String]) -> String {
    let args = std::iter::once("guifan".to_owned())
        .chain(path.iter().cloned())
        .chain(std::iter::once("--help".to_owned()));
    match parse_from(lang, width, args) {
        Err((text, _)) => text,
        Ok(_) => String::new(),
    }
}

/// Lines longer than `width` (CJK characters counting two) broken between characters, each
/// continuation under the text of its line: an option's help under its column.
pub fn wrap_help(text: &str, width: usize) -> String {
    let mut out = String::new();
    for line in text.lines() {
        if crate::render::width(line) <= width {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let lead = line.len() - line.trim_start_matches(' ').len();
        // An argument's line: its spec, two blanks or more, its help.
        let head = line[lead..]
            .find("  ")
            .map(|gap| {
                let after = lead + gap;
                after + line[after..].len() - line[after..].trim_start_matches(' ').len()
            })
            .filter(|&h| h < line.len() && line.starts_with(' '))
            .unwrap_or(lead);
        let indent = crate::render::width(&line[..head]);
        out += &crate::render::wrap_hanging(line, width, head, indent);
    }
    out
}

/// What to print for a clap error (help and the version are errors to clap) and the exit
/// status.
fn clap_error(lang: Lang, width: usize, e: &clap::Error) -> (String, i32) {
    let tr = |id: &str, args: &[(&str, String)]| text_in(lang, id, args);
    let get = |k: ContextKind| -> String {
        match e.get(k) {
            Some(ContextValue::String(s)) => s.clone(),
            Some(ContextValue::Strings(v)) => v.join(tr("list-separator", &[]).as_str()),
            Some(ContextValue::StyledStr(s)) => s.to_string(),
            Some(ContextValue::StyledStrs(v)) => v
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(tr("list-separator", &[]).as_str()),
            Some(ContextValue::Number(n)) => n.to_string(),
            Some(ContextValue::Bool(b)) => b.to_string(),
            _ => String::new(),
        }
    };
    let message = match e.kind() {
        ErrorKind::DisplayHelp => return (wrap_help(&e.render().to_string(), width), 0),
        ErrorKind::DisplayVersion => return (e.render().to_string(), 0),
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            return (wrap_help(&e.render().to_string(), width), 2);
        }
        ErrorKind::ValueValidation => {
            let reason = match std::error::Error::source(e)
                .and_then(|s| s.downcast_ref::<guifan::Error>())
            {
                Some(guifan::Error::InvalidInput(input)) => {
                    super::errors::reason(lang, &input.reason)
                }
                Some(other) => super::errors::error(lang, other),
                None => std::error::Error::source(e)
                    .map(|s| super::errors::reason(lang, &s.to_string()))
                    .unwrap_or_default(),
            };
            tr(
                "clap-bad-value",
                &[
                    ("arg", get(ContextKind::InvalidArg)),
                    ("value", get(ContextKind::InvalidValue)),
                    ("reason", reason),
                ],
            )
        }
        ErrorKind::InvalidValue => tr(
            "clap-invalid-value",
            &[
                ("arg", get(ContextKind::InvalidArg)),
                ("value", get(ContextKind::InvalidValue)),
                ("valid", get(ContextKind::ValidValue)),
            ],
        ),
        ErrorKind::UnknownArgument => tr(
            "clap-unknown-argument",
            &[("arg", get(ContextKind::InvalidArg))],
        ),
        ErrorKind::InvalidSubcommand => tr(
            "clap-unknown-command",
            &[("command", get(ContextKind::InvalidSubcommand))],
        ),
        ErrorKind::MissingRequiredArgument => tr(
            "clap-missing-argument",
            &[("arg", get(ContextKind::InvalidArg))],
        ),
        ErrorKind::MissingSubcommand => tr("clap-missing-command", &[]),
        ErrorKind::ArgumentConflict => tr(
            "clap-conflict",
            &[
                ("arg", get(ContextKind::InvalidArg)),
                ("other", get(ContextKind::PriorArg)),
            ],
        ),
        _ => tr(
            "clap-other",
            &[(
                "detail",
                e.render()
                    .to_string()
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .trim_start_matches("error: ")
                    .to_owned(),
            )],
        ),
    };
    let mut out = tr("error-line", &[("message", message)]);
    out.push('\n');
    let suggested = [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand]
        .into_iter()
        .map(get)
        .find(|s| !s.is_empty());
    if let Some(s) = suggested {
        out += &tr("clap-suggest", &[("suggestion", s)]);
        out.push('\n');
    }
    let usage = get(ContextKind::Usage);
    if let Some(usage) = usage.trim().strip_prefix("Usage:") {
        out.push('\n');
        out += &tr("clap-usage", &[("usage", usage.trim().to_owned())]);
        out.push('\n');
    }
    out += &tr("clap-more", &[]);
    out.push('\n');
    (out, 2)
}

#[cfg(test)]
mod help_command {
    use super::*;

    fn run(args: &[&str]) -> (String, i32) {
        match parse_from(Lang::Zh, 80, args.iter().copied()) {
            Err(out) => out,
            Ok(_) => (String::new(), -1),
        }
    }

    /// Guards `guifan help CMD`, which printed "没有「help」这个命令" once clap's own help
    /// command was turned off for the translated help.
    #[test]
    fn help_command_prints_the_commands_help() {
        let asked = run(&["guifan", "help", "import"]);
        assert_eq!(asked, run(&["guifan", "import", "--help"]));
        assert_eq!(asked.1, 0);
        assert!(asked.0.contains("guifan import"), "{}", asked.0);
        assert_eq!(run(&["guifan", "help"]), run(&["guifan", "--help"]));
        assert_eq!(
            run(&["guifan", "--registry", "reg", "help", "user", "add"]),
            run(&["guifan", "--registry", "reg", "user", "add", "--help"])
        );
    }

    /// `help` as a value is not the help command: a search for the word `help`.
    #[test]
    fn help_as_a_value_is_left_alone() {
        let args = help_as_option(["guifan", "search", "help"]);
        assert_eq!(args, ["guifan", "search", "help"].map(OsString::from));
        let args = help_as_option(["guifan", "--actor", "help", "list"]);
        assert_eq!(
            args,
            ["guifan", "--actor", "help", "list"].map(OsString::from)
        );
    }

    #[test]
    fn help_for_an_unknown_command_is_an_error() {
        let (text, code) = run(&["guifan", "help", "nosuch"]);
        assert_eq!(code, 2, "{text}");
    }
}
