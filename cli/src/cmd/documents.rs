//! What `import` and `extract` share for documents as they arrive (`.docx`, `.html`, `.pdf`,
//! `.txt`, `.md`): the values given on the command line, laid over each document's JSON
//! sidecar (`通知.docx.json`), and the Chinese wording of what became of a document.

use guifan::ingest::{DocumentOutcome, DocumentReport, Options, Revision};
use guifan::intake::{Match, Overrides, Source};

/// 文件字段：命令行给出的值优先于旁注文件（`文件名.json`）和识别结果。
#[derive(Debug, Default, clap::Args)]
pub struct FieldArgs {
    /// 文件类型（效力级别），如 行政规范性文件；识别不出，不给则留空
    #[arg(long, help_heading = "fields")]
    pub kind: Option<String>,
    /// 发文机关
    #[arg(long, help_heading = "fields")]
    pub issuer: Option<String>,
    /// 状态：有效、待修订、废止、宣布失效……
    #[arg(long, help_heading = "fields")]
    pub status: Option<String>,
    /// 标题（识别不出标题的文件必须给出）
    #[arg(long, help_heading = "fields")]
    pub title: Option<String>,
    /// 发文字号，如 潜政规〔2024〕3号
    #[arg(long, value_name = "文号", help_heading = "fields")]
    pub doc_number: Option<String>,
    /// 作品键：把文件归入这个键的文件（没有则新建）
    #[arg(long, value_name = "KEY", help_heading = "fields")]
    pub work: Option<String>,
}

impl FieldArgs {
    /// The library's overrides.
    pub fn overrides(&self) -> Overrides {
        Overrides {
            kind: self.kind.clone(),
            issuer: self.issuer.clone(),
            status: self.status.clone(),
            title: self.title.clone(),
            doc_number: self.doc_number.clone(),
            work: self.work.clone(),
            ..Overrides::default()
        }
    }
}

/// 疑似已登记文件的新版本（修订、修正）时怎么办；默认只报告，不写入。
#[derive(Debug, Default, clap::Args)]
pub struct RevisionArgs {
    /// 存为已登记文件的新版本
    #[arg(long, conflicts_with = "as_new_work", help_heading = "revision")]
    pub as_version: bool,
    /// 登记为单独的新文件（如修改决定本身）
    #[arg(long, help_heading = "revision")]
    pub as_new_work: bool,
}

impl RevisionArgs {
    /// The library's choice.
    pub fn revision(&self) -> Revision {
        if self.as_version {
            Revision::AsVersion
        } else if self.as_new_work {
            Revision::AsNewWork
        } else {
            Revision::Offer
        }
    }
}

/// The pipeline's options from the command line.
pub fn options(fields: &FieldArgs, revision: &RevisionArgs) -> Options {
    Options {
        overrides: fields.overrides(),
        revision: revision.revision(),
    }
}

fn by(by: Option<&str>) -> &'static str {
    match by {
        Some("text") => "文本相同",
        Some("doc_number") => "发文字号相同",
        Some("title") => "标题去掉修订标记后相同",
        Some("citation") => "正文说明修改该文件",
        _ => "",
    }
}

/// What became of a document, in one line (and its warnings, one line each).
pub fn outcome(d: &DocumentReport) -> String {
    let number = d
        .doc_number
        .as_deref()
        .map(|n| format!(" {n}"))
        .unwrap_or_default();
    let registered = d.registered_title.as_deref().unwrap_or_default();
    let mut line = match d.outcome {
        DocumentOutcome::Registered => {
            format!("登记为新文件 #{}《{}》{number}", d.work, d.title)
        }
        DocumentOutcome::NewVersion => format!(
            "存为 #{}《{registered}》的第{}版{number}",
            d.work,
            d.seq.unwrap_or_default()
        ),
        DocumentOutcome::Duplicate => format!(
            "已登记（{}：#{} 第{}版《{registered}》），未写入",
            by(d.by),
            d.work,
            d.seq.unwrap_or_default()
        ),
        DocumentOutcome::ProbableVersion => format!(
            "疑似 #{}《{registered}》的新版本（{}），未写入；\
             用 --as-version 存为新版本，或 --as-new-work 登记为新文件",
            d.work,
            by(d.by)
        ),
    };
    for w in &d.warnings {
        line.push_str("\n  提示：");
        line.push_str(w);
    }
    line
}

/// What the registry makes of a previewed document, in words.
pub fn classification(m: &Match) -> String {
    match m {
        Match::New => "新文件：导入时登记".to_owned(),
        Match::Duplicate { work, seq, by: b } => {
            format!(
                "已登记（{}：#{work} 第{seq}版）：导入时不会重复写入",
                by(Some(b))
            )
        }
        Match::NewVersion {
            work, title, by: b, ..
        } => format!(
            "疑似 #{work}《{title}》的新版本（{}）：导入时加 --as-version 存为新版本",
            by(Some(b))
        ),
    }
}

/// Where a field came from, in words.
pub fn source(s: &Source) -> String {
    match s {
        Source::Lines { first, last } if first == last => format!("第{first}行"),
        Source::Lines { first, last } => format!("第{first}–{last}行"),
        Source::Cell { label } => format!("页面表格「{label}」"),
        Source::Element { name } => format!("页面元素 <{name}>"),
        Source::Rule { rule } => format!("推算：{rule}"),
        Source::Override => "给定".to_owned(),
    }
}
