//! `guifan campaign KEY`: opens a clearance campaign (`--name`), proposes an outcome for every
//! document in its scope (`--suggest`, recorded with `--record`), or lists the proposals
//! recorded and whether the decisions followed them (`--recorded`).

use anyhow::Result;
use guifan::assist;
use guifan::model::{NewCampaign, RecordedSuggestion};
use time::Date;

use crate::ctx::{Ctx, date_value, print_json};
use crate::i18n::{labels, t};
use crate::render::{Table, text_width, wrap};

/// `guifan campaign`.
#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("answer").args(["suggest", "recorded"]))]
pub struct Args {
    /// A short key (qj-2025).
    pub key: String,
    /// Open the campaign with this name (2025年行政规范性文件清理).
    #[arg(long, required_unless_present_any = ["suggest", "recorded"])]
    pub name: Option<String>,
    /// Whose documents are in scope (市政府, 各地各部门).
    #[arg(long, requires = "name")]
    pub scope: Option<String>,
    /// When the campaign was opened.
    #[arg(long, value_parser = date_value, requires = "name")]
    pub opened: Option<Date>,
    /// Propose an outcome for every document in the campaign's scope, with the rules that
    /// fired and their evidence.
    #[arg(long, conflicts_with_all = ["name", "scope", "opened", "recorded"])]
    pub suggest: bool,
    /// With --suggest: record the proposals, so that the decisions made afterwards keep
    /// whether they followed them.
    #[arg(long, requires = "suggest")]
    pub record: bool,
    /// With --suggest: apply the rules as of this date (default: the day before the
    /// announcement, or today for an open campaign).
    #[arg(long, value_parser = date_value, requires = "suggest")]
    pub as_of: Option<Date>,
    /// List the proposals recorded for the campaign, with the decision made on each and
    /// whether it followed the proposal.
    #[arg(long, conflicts_with_all = ["name", "scope", "opened"])]
    pub recorded: bool,
    /// With --suggest or --recorded: print the answer as JSON.
    #[arg(long, requires = "answer")]
    pub json: bool,
}

/// Runs `guifan campaign`.
pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    if args.suggest {
        let suggestions = if args.record {
            let mut reg = ctx.open()?;
            assist::suggest_and_record(&mut reg, &args.key, args.as_of)?
        } else {
            assist::suggest(&ctx.open()?, &args.key, args.as_of)?
        };
        if args.json {
            return print_json(&suggestions);
        }
        let text = crate::i18n::reports::suggestions(&suggestions);
        out!("{}", wrap(&text, text_width(None, 40)))?;
        return Ok(());
    }
    if args.recorded {
        let recorded = ctx.open()?.recorded_suggestions(&args.key)?;
        if args.json {
            return print_json(&recorded);
        }
        out!("{}", render_recorded(&args.key, &recorded))?;
        return Ok(());
    }
    let mut reg = ctx.open()?;
    reg.open_campaign(&NewCampaign {
        key: args.key.clone(),
        name: args.name.clone().unwrap_or_default(),
        scope: args.scope.clone(),
        opened: args.opened,
    })?;
    outln!("{}", t!("campaign-opened", campaign = args.key))?;
    Ok(())
}

/// The recorded proposals as a table: one row per document.
fn render_recorded(campaign: &str, items: &[RecordedSuggestion]) -> String {
    let mut out = t!("recorded-heading", campaign = campaign, count = items.len()) + "\n";
    if items.is_empty() {
        return out;
    }
    let mut table = Table::new([
        "id".to_owned(),
        t!("col-proposal"),
        t!("col-decision"),
        t!("col-followed"),
        t!("col-title"),
    ])
    .right_align(0);
    for r in items {
        table.row([
            r.work.to_string(),
            labels::proposal(r.proposal),
            r.decision.map(labels::outcome).unwrap_or_default(),
            match r.followed {
                Some(true) => t!("yes"),
                Some(false) => t!("no"),
                None => String::new(),
            },
            format!("《{}》", r.title),
        ]);
    }
    out += &table.render();
    out
}
