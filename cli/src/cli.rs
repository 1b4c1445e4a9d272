//! The command line's arguments: global options, and one `Args` per command, defined beside
//! the command in `cmd/`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::cmd;

/// A registry of normative documents: status, filings, reviews, versions.
#[derive(Debug, Parser)]
#[command(name = "guifan", version, about, long_about = None)]
pub struct Cli {
    /// The registry folder.
    #[arg(
        long,
        global = true,
        env = "GUIFAN_REGISTRY",
        default_value = "guifan-registry"
    )]
    pub registry: PathBuf,

    /// Who the audit log names for changes.
    #[arg(long, global = true, env = "GUIFAN_ACTOR")]
    pub actor: Option<String>,

    /// How many seconds a write waits while another process writes to the registry, before it
    /// gives up with exit status 75 (busy).
    #[arg(
        long,
        global = true,
        env = "GUIFAN_WAIT",
        default_value_t = 10.0,
        value_name = "SECONDS"
    )]
    pub wait: f64,

    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// 导入文件（或文件夹）：JSON Lines、Akoma Ntoso，以及 Word、网页、PDF、纯文本公文；每个文件
    /// 一个事务，原件按哈希保存
    Import(cmd::import::Args),
    /// 显示 Word、网页、PDF、纯文本公文会登记成什么：逐字段列出来源和置信度，不写入
    Extract(cmd::extract::Args),
    /// Search titles and texts: "exact phrase", terms (ANDed), OR, -exclude, title:, issuer:,
    /// kind:, number:.
    Search(cmd::search::Args),
    /// Rebuild the search index from the store.
    Reindex,
    /// Copy the registry, consistently while others write, into a new folder.
    Backup(cmd::backup::Args),
    /// Show a document: versions, status, history, filings, reviews, relations.
    Show(cmd::show::Args),
    /// Scan the texts again for citations (of one document, or of all) and store them as
    /// relations; registering a version does this for its own text.
    Link(cmd::link::Args),
    /// The documents in force that cite or rest on a document, directly or through others.
    Impact(cmd::impact::Args),
    /// List documents.
    List(cmd::list::Args),
    /// Counts by status, kind, issuer, year; clearance, filing and review reports.
    Stats(cmd::stats::Args),
    /// Open a clearance campaign (--name); propose an outcome for every document in its
    /// scope (--suggest); list the proposals recorded (--recorded).
    Campaign(cmd::campaign::Args),
    /// Record a campaign's decision on a document (继续有效, 待修订, 废止, 宣布失效).
    Decide(cmd::decide::Args),
    /// Announce a campaign: its decisions become status changes on the date.
    Announce(cmd::announce::Args),
    /// Change a document's status from a date on.
    Status(cmd::status::Args),
    /// Record a filing (备案).
    File(cmd::file::Args),
    /// Record a review (合法性审核, 备案审查, 公平竞争审查, 评估).
    Review(cmd::review::Args),
    /// Record a relation: FROM 依据|修改|废止|替代|实施|引用 TO.
    Relate(cmd::relate::Args),
    /// 撤回误登记的备案、审核、清理决定或关系（保留原记录和审计日志，附原因）。
    Withdraw(cmd::withdraw::Args),
    /// 更正误登记的备案、审核、清理决定或关系：以更正后的记录替代原记录（附原因）。
    Amend(cmd::amend::Args),
    /// The 修改前后对照表 of two versions of a document, or of two documents: text, JSON,
    /// HTML or Word.
    Diff(cmd::diff::Args),
    /// Check a draft for the 合法性审核: citations, basis, numbering, 文号 and dates, 有效期,
    /// words to look at. Exit status 3 when an error is found.
    ReviewDraft(cmd::review_draft::Args),
    /// Export the registry, or one document, as JSON Lines on stdout; one version of a
    /// document as Akoma Ntoso 3.0 XML with `--format akn`.
    Export(cmd::export::Args),
    /// Check the store, its foreign keys and the audit hash chain.
    Check(cmd::check::Args),
    /// Serve the web application and the HTTP API (/api/v1) on the registry.
    Serve(cmd::serve::Args),
    /// Manage the web application's accounts.
    User(cmd::user::Args),
    /// Manage API tokens for other tools.
    Token(cmd::token::Args),
    /// Run the main job on the bundled fixtures, in a temporary registry.
    Demo {
        /// The fixture folder (default: the project's fixtures/qianjiang-2024).
        #[arg(long)]
        fixtures: Option<PathBuf>,
    },
}

/// Filters shared by `list` and `stats`.
#[derive(Debug, clap::Args)]
pub struct FilterArgs {
    /// Statuses (tokens or labels), comma-separated, or `any`.
    #[arg(long, value_parser = guifan::model::StatusScope::parse)]
    pub status: Option<guifan::model::StatusScope>,
    /// The kind (效力级别 / 文件类型), exactly.
    #[arg(long)]
    pub kind: Option<String>,
    /// Issuer (a part of the name is enough).
    #[arg(long)]
    pub issuer: Option<String>,
    /// Year first issued.
    #[arg(long)]
    pub year: Option<i32>,
    /// The date statuses are reckoned on (default: today).
    #[arg(long, value_parser = crate::ctx::date_value)]
    pub as_of: Option<time::Date>,
}

impl FilterArgs {
    /// The library's filter, as of the date asked (today by default).
    pub fn filter(&self) -> anyhow::Result<guifan::store::ListFilter> {
        Ok(guifan::store::ListFilter {
            status: self
                .status
                .clone()
                .unwrap_or(guifan::model::StatusScope::Any),
            kind: self.kind.clone(),
            issuer: self.issuer.clone(),
            year: self.year,
            as_of: Some(crate::ctx::as_of(self.as_of)?),
        })
    }
}
