//! The catalogue of the reviewer's rules: each has an id, a Chinese label, what it checks and
//! where the rule comes from. The clearance assistant
//! ([`super::suggest`](mod@super::suggest)) and the draft check ([`super::draft`]) report
//! findings by these ids; `docs/reviewer.md` lists them all (a test keeps the two in step).
//!
//! The periods the rules apply are constants here. No national rule fixes the 有效期 of a
//! 行政规范性文件 (国办发〔2018〕37号 does not); provincial rules commonly set it at no more than
//! five years, and two years for a document titled 暂行 or 试行. A province whose rule differs
//! changes the constants.

use serde::Serialize;

pub use crate::model::Proposal;

/// The longest 有效期 of a 行政规范性文件, in years.
pub const VALIDITY_MAX_YEARS: u32 = 5;
/// The longest 有效期 of a 暂行 or 试行 document, in years; also how long such a document may
/// stay in force before it is evaluated.
pub const TRIAL_MAX_YEARS: u32 = 2;
/// A document whose 有效期 ends within this many months is evaluated before it ends (the
/// evaluation the `expiring` report dates six months before expiry).
pub const EXPIRY_NOTICE_MONTHS: u32 = 6;
/// The kind of document the 有效期 rules apply to.
pub const NORMATIVE_KIND: &str = "行政规范性文件";

/// How serious a finding of the draft check is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Must be corrected before the document is issued.
    Error,
    /// Should be corrected, or explained.
    Warning,
    /// For the reviewer to look at: never a verdict.
    Info,
}

impl Severity {
    /// 错误, 警告, 提示.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

/// A rule of the clearance assistant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ClearanceRule {
    /// The id findings carry (`basis-repealed`).
    pub id: &'static str,
    /// The Chinese label.
    pub label: &'static str,
    /// What the rule proposes; `None` for a note that does not change the proposal.
    pub proposes: Option<Proposal>,
    /// What fires the rule, in Chinese.
    pub explanation: &'static str,
    /// Where the rule comes from.
    pub source: &'static str,
}

/// A rule of the draft check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DraftRule {
    /// The id findings carry (`citation-repealed`).
    pub id: &'static str,
    /// The Chinese label.
    pub label: &'static str,
    /// How serious its findings are.
    pub severity: Severity,
    /// What fires the rule, in Chinese.
    pub explanation: &'static str,
    /// Where the rule comes from.
    pub source: &'static str,
}

const CLEANUP: &str = "国办发〔2018〕37号：行政规范性文件应当根据上位法立改废情况及时清理；\
                       清理结论为继续有效、修改（待修订）、废止、宣布失效";
const VALIDITY: &str = "省级行政规范性文件管理规定通行做法：有效期一般不超过5年，\
                        标注“暂行”“试行”的不超过2年（常量 VALIDITY_MAX_YEARS、TRIAL_MAX_YEARS）";

/// The clearance rules, in the order they are checked.
pub const CLEARANCE_RULES: &[ClearanceRule] = &[
    ClearanceRule {
        id: "basis-repealed",
        label: "制定依据已废止或失效",
        proposes: Some(Proposal::PendingRevision),
        explanation: "它所依据（或实施）的文件在该日已废止、宣布失效或有效期届满。\
                      另有依据在有效期内或无法核对时提议待修订，否则提议废止。",
        source: CLEANUP,
    },
    ClearanceRule {
        id: "basis-amended",
        label: "制定依据已修改",
        proposes: Some(Proposal::PendingRevision),
        explanation: "它所依据（或实施）的文件在它印发之后有新版本施行，或其历史记载修正、修订。",
        source: CLEANUP,
    },
    ClearanceRule {
        id: "cited-repealed",
        label: "引用的文件已废止或失效",
        proposes: Some(Proposal::PendingRevision),
        explanation: "它引用的文件在该日已废止、宣布失效或有效期届满：引用须更新。",
        source: CLEANUP,
    },
    ClearanceRule {
        id: "cited-amended",
        label: "引用的文件已修改",
        proposes: Some(Proposal::Evaluate),
        explanation: "它引用的文件在它印发之后修改：所引条文可能已变动，须评估。",
        source: CLEANUP,
    },
    ClearanceRule {
        id: "expired",
        label: "有效期已届满",
        proposes: Some(Proposal::Invalidated),
        explanation: "现行版本的有效期在该日之前已届满。",
        source: VALIDITY,
    },
    ClearanceRule {
        id: "expires-soon",
        label: "有效期即将届满",
        proposes: Some(Proposal::Evaluate),
        explanation: "现行版本的有效期在该日起6个月内届满：届满前评估是否延续（常量 EXPIRY_NOTICE_MONTHS）。",
        source: VALIDITY,
    },
    ClearanceRule {
        id: "trial-overdue",
        label: "暂行、试行超过期限",
        proposes: Some(Proposal::Evaluate),
        explanation: "标题含“暂行”或“试行”，施行已超过2年：应评估后正式制定、修订或废止。",
        source: VALIDITY,
    },
    ClearanceRule {
        id: "period-too-long",
        label: "有效期超过规定期限",
        proposes: Some(Proposal::Evaluate),
        explanation: "有效期（施行日至有效期届满日）超过5年，暂行、试行的超过2年。",
        source: VALIDITY,
    },
    ClearanceRule {
        id: "no-period",
        label: "未规定有效期",
        proposes: Some(Proposal::Evaluate),
        explanation: "行政规范性文件既无有效期届满日期，正文也无有效期条款。",
        source: VALIDITY,
    },
    ClearanceRule {
        id: "basis-unresolved",
        label: "制定依据无法核对",
        proposes: None,
        explanation: "它的制定依据（《标题》或文号）不在登记库中，或指向多件文件：其效力须人工核对。\
                      不改变提议。",
        source: "国办发〔2018〕115号：合法性审核审查制定依据是否有效",
    },
];

const LEGALITY: &str = "国办发〔2018〕115号（全面推行行政规范性文件合法性审核机制的指导意见）：\
                        审核制定主体、权限、程序、内容，依据是否现行有效";
const LAYOUT: &str = "GB/T 9704—2012《党政机关公文格式》：发文字号的年份用六角括号〔〕括入，\
                      发文顺序号不加“第”字、不编虚位；成文日期用阿拉伯数字将年、月、日标全，月、日不编虚位";
const POWERS: &str = "国办发〔2018〕37号 一（一）：行政规范性文件不得设定行政许可、行政处罚、行政强制等事项，\
                      不得违法减损公民、法人和其他组织的合法权益或者增加其义务";

/// The draft check's rules.
pub const DRAFT_RULES: &[DraftRule] = &[
    DraftRule {
        id: "citation-repealed",
        label: "引用已废止或失效的文件",
        severity: Severity::Error,
        explanation: "所引文件在审核之日已废止、宣布失效或有效期届满；有替代文件的，给出替代文件。",
        source: LEGALITY,
    },
    DraftRule {
        id: "citation-superseded",
        label: "引用文件的旧版本",
        severity: Severity::Error,
        explanation: "所引文号是该文件已被修改的旧版本的文号；给出现行版本。",
        source: LEGALITY,
    },
    DraftRule {
        id: "citation-not-yet-effective",
        label: "引用尚未施行的文件",
        severity: Severity::Warning,
        explanation: "所引文件在审核之日尚未施行。",
        source: LEGALITY,
    },
    DraftRule {
        id: "citation-unresolved",
        label: "引用的文件无法核对",
        severity: Severity::Info,
        explanation: "所引《标题》或文号不在登记库中，或指向多件文件：请人工核对其效力。",
        source: LEGALITY,
    },
    DraftRule {
        id: "basis-missing",
        label: "缺少制定依据",
        severity: Severity::Warning,
        explanation: "正文没有“根据《……》……制定本……”式的制定依据条款。",
        source: LEGALITY,
    },
    DraftRule {
        id: "article-gap",
        label: "条文序号不连续",
        severity: Severity::Error,
        explanation: "条的序号跳号或倒序。",
        source: "条文序号连续编排",
    },
    DraftRule {
        id: "article-duplicate",
        label: "条文序号重复",
        severity: Severity::Error,
        explanation: "两条序号相同。",
        source: "条文序号连续编排",
    },
    DraftRule {
        id: "article-suffix",
        label: "“之一”条文",
        severity: Severity::Warning,
        explanation: "新制定的文件不用“第N条之一”：条文应连续编号。“之二”前须有“之一”。",
        source: "“之一”只在修改时为不打乱原条文序号而用",
    },
    DraftRule {
        id: "heading-gap",
        label: "章节序号不连续",
        severity: Severity::Error,
        explanation: "编、章、节的序号跳号、重复或倒序（节在每章内重新编号）。",
        source: "章节序号连续编排",
    },
    DraftRule {
        id: "item-gap",
        label: "项的序号不连续",
        severity: Severity::Warning,
        explanation: "一条（款）内的项（一）（二）……跳号或重复。",
        source: "项的序号连续编排",
    },
    DraftRule {
        id: "doc-number-format",
        label: "发文字号格式",
        severity: Severity::Warning,
        explanation: "文号的年份未用六角括号〔〕，或序号前加“第”、编虚位（01号）。",
        source: LAYOUT,
    },
    DraftRule {
        id: "date-format",
        label: "日期格式",
        severity: Severity::Warning,
        explanation: "日期应写作“2024年5月4日”：不用“2024-05-04”“2024.5.4”“2024/5/4”，月、日不编虚位。",
        source: LAYOUT,
    },
    DraftRule {
        id: "validity-missing",
        label: "缺少有效期",
        severity: Severity::Warning,
        explanation: "正文没有有效期条款（“有效期X年”“有效期至X年X月X日”）。",
        source: VALIDITY,
    },
    DraftRule {
        id: "validity-too-long",
        label: "有效期超过规定期限",
        severity: Severity::Error,
        explanation: "有效期超过5年；标题含“暂行”“试行”的超过2年。",
        source: VALIDITY,
    },
    DraftRule {
        id: "signal-penalty",
        label: "涉及行政处罚",
        severity: Severity::Info,
        explanation: "出现罚款、没收、吊销、责令停产停业等：行政规范性文件不得设定行政处罚，\
                      请核对是否有法律、法规、规章依据。",
        source: "《中华人民共和国行政处罚法》第十六条；国办发〔2018〕37号",
    },
    DraftRule {
        id: "signal-license",
        label: "涉及行政许可、审批",
        severity: Severity::Info,
        explanation: "出现许可、审批、核准、须经……同意（批准）等：不得设定行政许可或增加许可条件，\
                      请核对依据。",
        source: "《中华人民共和国行政许可法》第十七条；国办发〔2018〕37号",
    },
    DraftRule {
        id: "signal-compulsion",
        label: "涉及行政强制",
        severity: Severity::Info,
        explanation: "出现查封、扣押、冻结、强制拆除等：法律、法规以外的规范性文件不得设定行政强制措施。",
        source: "《中华人民共和国行政强制法》第十条；国办发〔2018〕37号",
    },
    DraftRule {
        id: "signal-fee",
        label: "涉及收费",
        severity: Severity::Info,
        explanation: "出现收取、缴纳费用等：收费项目须有法律、法规依据或经有权机关批准，请核对。",
        source: POWERS,
    },
    DraftRule {
        id: "signal-restriction",
        label: "限制权利或增加义务",
        severity: Severity::Info,
        explanation: "出现不得、禁止、限制、应当提供……证明等对公民、法人和其他组织的限制：\
                      请核对是否违法减损其权益或增加其义务。",
        source: POWERS,
    },
    DraftRule {
        id: "signal-competition",
        label: "可能限制公平竞争",
        severity: Severity::Info,
        explanation: "出现指定、限定经营者或产品，本地、外地区别对待等：须经公平竞争审查。",
        source: "《公平竞争审查条例》；国办发〔2018〕37号",
    },
];

/// A clearance rule by id.
pub fn clearance_rule(id: &str) -> Option<&'static ClearanceRule> {
    CLEARANCE_RULES.iter().find(|r| r.id == id)
}

/// A draft rule by id.
pub fn draft_rule(id: &str) -> Option<&'static DraftRule> {
    DRAFT_RULES.iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique_and_documented() {
        let doc = include_str!("../../../docs/reviewer.md");
        let mut ids: Vec<&str> = CLEARANCE_RULES.iter().map(|r| r.id).collect();
        ids.extend(DRAFT_RULES.iter().map(|r| r.id));
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), ids.len(), "duplicate rule ids");
        for id in ids {
            assert!(
                doc.contains(&format!("`{id}`")),
                "docs/reviewer.md lacks `{id}`"
            );
        }
    }

    #[test]
    fn proposals_order_by_weight() {
        assert!(Proposal::Repealed > Proposal::Invalidated);
        assert!(Proposal::Invalidated > Proposal::PendingRevision);
        assert!(Proposal::PendingRevision > Proposal::Evaluate);
        assert!(Proposal::Evaluate > Proposal::Valid);
        assert_eq!(Proposal::parse("evaluate"), Some(Proposal::Evaluate));
        assert_eq!(Proposal::Evaluate.outcome(), None);
    }
}
