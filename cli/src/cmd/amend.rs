//! `guifan amend RECORD ID --reason WHY [fields]`: a filing, review, decision or relation
//! recorded by mistake is replaced by a corrected one. Fields not given keep their values; the
//! mistaken record stays in the store and the audit log.

use anyhow::Result;
use guifan::model::RecordKind;

use crate::ctx::Ctx;
use crate::i18n::t;

/// `guifan amend`.
#[derive(Debug, clap::Args)]
#[command(after_help = "示例：
  guifan amend 备案 12 --submitted 2024-05-20 --reason 报送日期录错
  guifan amend 审核 5 --conclusion 合法 --reason 结论录错
  guifan amend 决定 7 --outcome 待修订 --reason 清理结论更正 --on 2024-08-01
  guifan amend 关系 9 --to 潜政规〔2023〕3号 --reason 引用对象录错

给出的字段须属于该类记录，否则拒绝；空字符串清除可选字段。")]
pub struct Args {
    /// 记录类别：备案、审核、决定（清理决定）或关系（或 filing, review, decision, relation）。
    #[arg(value_parser = RecordKind::parse)]
    pub record: RecordKind,
    /// 记录编号（show 的历史和关系中 # 后的数字）。
    pub id: i64,
    /// 更正的原因（必填，记入审计日志）。
    #[arg(long)]
    pub reason: String,
    /// 更正自何日起生效（默认今天）；此前日期的查询仍看到原记录。录入错误可填原记录日期。
    #[arg(long, value_parser = crate::ctx::date_value)]
    pub on: Option<time::Date>,
    /// 备案：报送备案的机关。
    #[arg(long = "with", help_heading = "filing")]
    pub filed_with: Option<String>,
    /// 备案：报送日期。
    #[arg(long, help_heading = "filing")]
    pub submitted: Option<String>,
    /// 备案：备案号。
    #[arg(long, help_heading = "filing")]
    pub number: Option<String>,
    /// 备案：报备期限（公布后的天数）。
    #[arg(long, help_heading = "filing")]
    pub deadline_days: Option<String>,
    /// 备案结果（备案登记、暂缓、要求纠正、不予备案、审查中），或清理结论（继续有效、待修订、废止、宣布失效）。
    #[arg(long)]
    pub outcome: Option<String>,
    /// 审核类别（合法性审核、备案审查、公平竞争审查、评估），或关系类别（依据、修改、废止、替代、实施、引用）。
    #[arg(long)]
    pub kind: Option<String>,
    /// 备案或关系的备注。
    #[arg(long)]
    pub note: Option<String>,
    /// 审核：审核机关。
    #[arg(long, help_heading = "review")]
    pub reviewer: Option<String>,
    /// 审核：审核日期。
    #[arg(long, help_heading = "review")]
    pub date: Option<String>,
    /// 审核：结论。
    #[arg(long, help_heading = "review")]
    pub conclusion: Option<String>,
    /// 审核：审核意见全文。
    #[arg(long, help_heading = "review")]
    pub opinion: Option<String>,
    /// 决定：清理意见（理由）。
    #[arg(long, help_heading = "decision")]
    pub decision_reason: Option<String>,
    /// 关系：所指向的文件（登记库中没有的，按所写保留）。
    #[arg(long, help_heading = "relation")]
    pub to: Option<String>,
}

/// Runs `guifan amend`.
pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let mut reg = ctx.open()?;
    let mut replacement = reg.replacement_of(args.record, args.id)?;
    let fields = [
        ("filed_with", &args.filed_with),
        ("submitted", &args.submitted),
        ("number", &args.number),
        ("deadline_days", &args.deadline_days),
        ("outcome", &args.outcome),
        ("kind", &args.kind),
        ("note", &args.note),
        ("reviewer", &args.reviewer),
        ("date", &args.date),
        ("conclusion", &args.conclusion),
        ("opinion", &args.opinion),
        ("reason", &args.decision_reason),
    ];
    for (field, value) in fields {
        if let Some(value) = value {
            replacement.set(field, value)?;
        }
    }
    if let Some(to) = &args.to {
        replacement.set_target(reg.relation_target(to)?)?;
    }
    let c = reg.amend(args.record, args.id, &replacement, &args.reason, args.on)?;
    outln!(
        "{}",
        t!(
            "amend-done",
            kind = c.record.label(),
            id = c.record_id,
            new = c.replaced_by.unwrap_or_default(),
            name = reg.name_of(c.work)?,
            date = guifan::date::iso(c.date),
            reason = c.reason
        )
    )?;
    Ok(())
}
