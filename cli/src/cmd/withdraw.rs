//! `guifan withdraw RECORD ID --reason WHY`: a filing, review, decision or relation recorded by
//! mistake is withdrawn. It stays in the store and the audit log; answers leave it out.

use anyhow::Result;
use guifan::model::RecordKind;

use crate::ctx::Ctx;
use crate::i18n::t;

/// `guifan withdraw`.
#[derive(Debug, clap::Args)]
#[command(after_help = "示例：
  guifan withdraw 备案 12 --reason 重复登记
  guifan withdraw 审核 5 --reason 登记到了另一文件 --on 2024-06-01")]
pub struct Args {
    /// 记录类别：备案、审核、决定（清理决定）或关系（或 filing, review, decision, relation）。
    #[arg(value_parser = RecordKind::parse)]
    pub record: RecordKind,
    /// 记录编号（show 的历史和关系中 # 后的数字）。
    pub id: i64,
    /// 撤回的原因（必填，记入审计日志）。
    #[arg(long)]
    pub reason: String,
    /// 撤回自何日起生效（默认今天）；此前日期的查询仍看到原记录。录入错误可填原记录日期。
    #[arg(long, value_parser = crate::ctx::date_value)]
    pub on: Option<time::Date>,
}

/// Runs `guifan withdraw`.
pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let mut reg = ctx.open()?;
    let c = reg.withdraw(args.record, args.id, &args.reason, args.on)?;
    outln!(
        "{}",
        t!(
            "withdraw-done",
            kind = c.record.label(),
            id = c.record_id,
            name = reg.name_of(c.work)?,
            date = guifan::date::iso(c.date),
            reason = c.reason
        )
    )?;
    Ok(())
}
