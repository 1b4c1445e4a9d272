//! `guifan campaign KEY --name N`: opens a clearance campaign.

use anyhow::Result;
use guifan::model::NewCampaign;
use time::Date;

use crate::ctx::{Ctx, date_value};

/// `guifan campaign`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A short key (qj-2025).
    pub key: String,
    /// The campaign's name (2025年行政规范性文件清理).
    #[arg(long)]
    pub name: String,
    /// Whose documents are in scope (市政府, 各地各部门).
    #[arg(long)]
    pub scope: Option<String>,
    /// When the campaign was opened.
    #[arg(long, value_parser = date_value)]
    pub opened: Option<Date>,
}

/// Runs `guifan campaign`.
pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let mut reg = ctx.open()?;
    reg.open_campaign(&NewCampaign {
        key: args.key.clone(),
        name: args.name.clone(),
        scope: args.scope.clone(),
        opened: args.opened,
    })?;
    println!("opened campaign {}", args.key);
    Ok(())
}
