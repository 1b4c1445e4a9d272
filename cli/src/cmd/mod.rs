//! One module per command: its arguments (`Args`) and `run`, which calls the library and
//! prints the answer (`--json` is the answer's serialisation; text is a rendering of it).

pub mod amend;
pub mod announce;
pub mod backup;
pub mod campaign;
pub mod check;
pub mod decide;
pub mod diff;
pub mod documents;
pub mod export;
pub mod extract;
pub mod file;
pub mod impact;
pub mod import;
pub mod link;
pub mod list;
pub mod reindex;
pub mod relate;
pub mod review;
pub mod review_draft;
pub mod search;
pub mod serve;
pub mod show;
pub mod stats;
pub mod status;
pub mod token;
pub mod user;
pub mod withdraw;

use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{Cli, Command};
use crate::ctx::Ctx;

/// Runs the command the arguments name; the exit status is 0 unless the command says
/// otherwise (`review-draft`: 3 when the draft has errors).
pub fn run(cli: Cli) -> Result<ExitCode> {
    let ctx = Ctx {
        registry: cli.registry,
        actor: cli.actor,
        wait: crate::ctx::wait(cli.wait)?,
    };
    let done = match &cli.command {
        Command::ReviewDraft(a) => return review_draft::run(&ctx, a),
        Command::Diff(a) => diff::run(&ctx, a),
        Command::Import(a) => import::run(&ctx, a),
        Command::Extract(a) => extract::run(&ctx, a),
        Command::Search(a) => search::run(&ctx, a),
        Command::Reindex => reindex::run(&ctx),
        Command::Backup(a) => backup::run(&ctx, a),
        Command::Show(a) => show::run(&ctx, a),
        Command::Link(a) => link::run(&ctx, a),
        Command::Impact(a) => impact::run(&ctx, a),
        Command::List(a) => list::run(&ctx, a),
        Command::Stats(a) => stats::run(&ctx, a),
        Command::Campaign(a) => campaign::run(&ctx, a),
        Command::Decide(a) => decide::run(&ctx, a),
        Command::Announce(a) => announce::run(&ctx, a),
        Command::Status(a) => status::run(&ctx, a),
        Command::File(a) => file::run(&ctx, a),
        Command::Review(a) => review::run(&ctx, a),
        Command::Relate(a) => relate::run(&ctx, a),
        Command::Withdraw(a) => withdraw::run(&ctx, a),
        Command::Amend(a) => amend::run(&ctx, a),
        Command::Export(a) => export::run(&ctx, a),
        Command::Check(a) => check::run(&ctx, a),
        Command::Serve(a) => serve::run(&ctx, a),
        Command::User(a) => user::run(&ctx, a),
        Command::Token(a) => token::run(&ctx, a),
        Command::Demo { fixtures } => crate::demo::run(fixtures.as_deref()),
    };
    done.map(|()| ExitCode::SUCCESS)
}

/// A document's title in 《》, for messages.
pub fn title(reg: &guifan::Registry, id: guifan::model::WorkId) -> Result<String> {
    Ok(format!("《{}》", reg.work(id)?.latest().meta.title))
}
