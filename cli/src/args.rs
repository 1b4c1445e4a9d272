//! The command line's arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import JSON Lines files, each in one transaction.
    Import {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Search titles and texts: "exact phrase", terms (ANDed), OR, -exclude, title:, issuer:,
    /// kind:, number:.
    Search {
        query: String,
        /// Statuses (tokens or labels, comma-separated) or `any`; default: 有效 and 待修订.
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        kind: Option<String>,
        /// Issuer (a part of the name is enough).
        #[arg(long)]
        issuer: Option<String>,
        /// Year first issued.
        #[arg(long)]
        year: Option<i32>,
        /// The date statuses and versions in force are reckoned on (default: today).
        #[arg(long)]
        as_of: Option<String>,
        /// Search every version, superseded ones included.
        #[arg(long)]
        all_versions: bool,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long, default_value_t = 0)]
        offset: usize,
        #[arg(long)]
        json: bool,
    },
    /// Rebuild the search index from the store.
    Reindex,
    /// Show a document: versions, status, history, filings, reviews, relations.
    Show {
        /// Id, key, work key, doc number (any spelling) or exact title.
        reference: String,
        /// The date the status and the version in force are reckoned on (default: today).
        #[arg(long)]
        as_of: Option<String>,
        /// Print one article as it stood on the date: 12, 第十二条, 10之1, 第十条之一.
        #[arg(long)]
        article: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Scan the texts again for citations (of one document, or of all) and store them as
    /// relations; registering a version does this for its own text.
    Link {
        reference: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The documents in force that cite or rest on a document, directly or through others.
    Impact {
        reference: String,
        /// The date documents must be in force on (default: today).
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List documents.
    List {
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long)]
        json: bool,
    },
    /// Counts by status, kind, issuer, year; clearance, filing and review reports.
    Stats(StatsArgs),
    /// Open a clearance campaign.
    Campaign {
        key: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        scope: Option<String>,
        #[arg(long)]
        opened: Option<String>,
    },
    /// Record a campaign's decision on a document (继续有效, 待修订, 废止, 宣布失效).
    Decide {
        #[arg(long)]
        campaign: String,
        reference: String,
        outcome: String,
        #[arg(long)]
        reason: Option<String>,
    },
    /// Announce a campaign: its decisions become status changes on the date.
    Announce {
        key: String,
        #[arg(long)]
        date: String,
    },
    /// Change a document's status from a date on.
    Status {
        reference: String,
        status: String,
        #[arg(long)]
        date: String,
        #[arg(long)]
        reason: Option<String>,
    },
    /// Record a filing (备案).
    File {
        reference: String,
        /// The body filed with.
        #[arg(long = "with")]
        filed_with: String,
        #[arg(long)]
        submitted: Option<String>,
        /// 备案登记, 暂缓办理, 限期补正, 不予备案, 审查中.
        #[arg(long)]
        outcome: Option<String>,
        /// Days after the issued date within which filing is on time.
        #[arg(long, default_value_t = 30)]
        deadline_days: u32,
        #[arg(long)]
        number: Option<String>,
    },
    /// Record a review (合法性审核, 备案审查, 公平竞争审查, 评估).
    Review {
        reference: String,
        #[arg(long)]
        kind: String,
        #[arg(long)]
        reviewer: String,
        #[arg(long)]
        date: String,
        #[arg(long)]
        conclusion: String,
        #[arg(long)]
        opinion: Option<String>,
    },
    /// Record a relation: FROM 依据|修改|废止|替代|实施|引用 TO.
    Relate {
        from: String,
        kind: String,
        to: String,
        #[arg(long)]
        note: Option<String>,
    },
    /// Export the registry, or one document, as JSON Lines on stdout; one version of a
    /// document as Akoma Ntoso 3.0 XML with `--format akn`.
    Export {
        reference: Option<String>,
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
        /// Akoma Ntoso: the version in force on this date (default: the newest version).
        #[arg(long, conflicts_with = "version")]
        as_of: Option<String>,
        /// Akoma Ntoso: this version.
        #[arg(long)]
        version: Option<u32>,
    },
    /// Check the store, its foreign keys and the audit hash chain.
    Check {
        #[arg(long)]
        json: bool,
    },
    /// Run the main job on the bundled fixtures, in a temporary registry.
    Demo {
        /// The fixture folder (default: the project's fixtures/qianjiang-2024).
        #[arg(long)]
        fixtures: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Akn,
}

#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Statuses (tokens or labels), comma-separated.
    #[arg(long)]
    pub status: Option<String>,
    #[arg(long)]
    pub kind: Option<String>,
    /// Issuer (a part of the name is enough).
    #[arg(long)]
    pub issuer: Option<String>,
    /// Year first issued.
    #[arg(long)]
    pub year: Option<i32>,
    /// The date statuses are reckoned on (default: today).
    #[arg(long)]
    pub as_of: Option<String>,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Fields to count by: status, kind, issuer, year (comma-separated).
    #[arg(long)]
    pub by: Option<String>,
    /// The clearance report of a campaign.
    #[arg(long, conflicts_with_all = ["by", "filings", "reviews", "expiring"])]
    pub campaign: Option<String>,
    /// Filing timeliness.
    #[arg(long, conflicts_with_all = ["by", "reviews", "expiring"])]
    pub filings: bool,
    /// Reviews by kind and document kind.
    #[arg(long, conflicts_with_all = ["by", "expiring"])]
    pub reviews: bool,
    /// Documents in force whose 有效期 ends within this many days.
    #[arg(long, conflicts_with = "by")]
    pub expiring: Option<u32>,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    #[arg(long)]
    pub csv: bool,
}
