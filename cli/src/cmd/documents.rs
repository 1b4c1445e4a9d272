//! What `import` and `extract` share for documents as they arrive (`.docx`, `.html`, `.pdf`,
//! `.txt`, `.md`): the values given on the command line, laid over each document's JSON
//! sidecar (`通知.docx.json`), and the Chinese wording of what became of a document.

use guifan::ingest::{DocumentOutcome, DocumentReport, Options, Revision};
use guifan::intake::{Match, Overrides, Source};

use crate::i18n::t;

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

fn by(by: Option<&str>) -> String {
    match by {
        Some("text") => t!("match-by-text"),
        Some("doc_number") => t!("match-by-doc-number"),
        Some("title") => t!("match-by-title"),
        Some("citation") => t!("match-by-citation"),
        _ => String::new(),
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
    let seq = d.seq.unwrap_or_default();
    let mut line = match d.outcome {
        DocumentOutcome::Registered => t!(
            "document-registered",
            work = d.work,
            title = d.title,
            number = number
        ),
        DocumentOutcome::NewVersion => t!(
            "document-new-version",
            work = d.work,
            title = registered,
            seq = seq,
            number = number
        ),
        DocumentOutcome::Duplicate => t!(
            "document-duplicate",
            by = by(d.by),
            work = d.work,
            seq = seq,
            title = registered
        ),
        DocumentOutcome::ProbableVersion => t!(
            "document-probable-version",
            work = d.work,
            title = registered,
            by = by(d.by)
        ),
    };
    for w in &d.warnings {
        line.push_str("\n  ");
        line.push_str(&t!("document-warning", warning = w));
    }
    line
}

/// What the registry makes of a previewed document, in words.
pub fn classification(m: &Match) -> String {
    match m {
        Match::New => t!("match-new"),
        Match::Duplicate { work, seq, by: b } => {
            t!("match-duplicate", by = by(Some(b)), work = work, seq = seq)
        }
        Match::NewVersion {
            work, title, by: b, ..
        } => t!(
            "match-new-version",
            work = work,
            title = title,
            by = by(Some(b))
        ),
    }
}

/// Where a field came from, in words.
pub fn source(s: &Source) -> String {
    match s {
        Source::Lines { first, last } if first == last => t!("source-line", line = first),
        Source::Lines { first, last } => t!("source-lines", first = first, last = last),
        Source::Cell { label } => t!("source-cell", label = label),
        Source::Element { name } => t!("source-element", name = name),
        Source::Rule { rule } => t!("source-rule", rule = rule),
        Source::Override => t!("source-given"),
    }
}
