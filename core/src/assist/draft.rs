//! The draft check for the 合法性审核 reviewer: a draft's text against the registry and the
//! rules of [`super::rules::DRAFT_RULES`], as of a date.
//!
//! - Every citation (《title》 and 文号) with the cited document's status on the date: one that
//!   is repealed, invalidated or expired, or a superseded version cited by its old 文号, is an
//!   error (with the document that replaced it, or its current version); one not yet in force
//!   a warning; one the registry does not hold a note.
//! - The basis clause (`根据《…》…，制定本办法。`) is present.
//! - Numbering: articles consecutive from 第一条 without duplicates, `之一` not used in a new
//!   text; 编/章/节 consecutive (节 within each 章); 项 consecutive within their article.
//! - 文号 and dates as GB/T 9704 lays them out: `〔2024〕3号`, `2024年5月4日`.
//! - The 有效期 clause present and within the allowed period.
//! - Words that signal content a normative document may not create ([`super::wording`]),
//!   flagged for a human with the article they stand in.
//!
//! Each finding has a severity, a rule id, a message in Chinese, and the article and line.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;
use time::Date;

use super::rules::{self, Severity, TRIAL_MAX_YEARS, VALIDITY_MAX_YEARS};
use super::validity::{self, is_trial, longer_than};
use super::wording;
use crate::error::Result;
use crate::model::doc_number::{DocNumber, Form};
use crate::model::{RelationKind, Status, WorkId};
use crate::store::{Registry, Resolution, Snapshot, WorkFacts};
use crate::text::citations::{Citation, find_citations};
use crate::text::structure::{self, Level, Node, Structure, article_label};

/// A document the registry holds, named in a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentRef {
    /// The document's registry id.
    pub id: WorkId,
    /// Its title (the version that describes it on the date).
    pub title: String,
    /// Its canonical 文号.
    pub doc_number: Option<String>,
    /// Its status on the date.
    pub status: Status,
}

/// One thing found in a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DraftFinding {
    /// How serious it is.
    pub severity: Severity,
    /// The rule's id (`citation-repealed`).
    pub rule: &'static str,
    /// The rule's Chinese label.
    pub label: &'static str,
    /// What was found, in Chinese.
    pub message: String,
    /// The article it stands in (`第五条`), when it stands in one.
    pub article: Option<String>,
    /// The 1-based line.
    pub line: usize,
    /// The text found (`《…》`, `〔2024〕03号`, `罚款`).
    pub excerpt: String,
    /// The document cited, when the registry holds it.
    pub document: Option<DocumentRef>,
    /// What to cite instead: the document that replaced it, or its current version.
    pub instead: Option<DocumentRef>,
}

/// A citation of the draft and what it names on the date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CitationCheck {
    /// The citation as written.
    pub cited_as: String,
    /// The title cited, inside the outer 《》.
    pub title: Option<String>,
    /// The canonical 文号 cited.
    pub doc_number: Option<String>,
    /// It stands in the basis clause.
    pub basis: bool,
    /// The article the citation stands in.
    pub article: Option<String>,
    /// The 1-based line.
    pub line: usize,
    /// `resolved`, `ambiguous` or `unresolved`.
    pub resolution: &'static str,
    /// The document it names, with its status on the date.
    pub document: Option<DocumentRef>,
}

/// Counts of findings by severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct SeverityCounts {
    /// 错误.
    pub error: usize,
    /// 警告.
    pub warning: usize,
    /// 提示.
    pub info: usize,
}

/// What the draft check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DraftReport {
    #[serde(with = "crate::model::serde_date")]
    /// The date the draft is checked as of.
    pub as_of: Date,
    /// The title read from the draft (its first heading-like line), if any.
    pub title: Option<String>,
    /// Articles in the draft.
    pub articles: usize,
    /// Every citation of the draft, in text order.
    pub citations: Vec<CitationCheck>,
    /// Findings in text order (errors first on the same line).
    pub findings: Vec<DraftFinding>,
    /// Findings by severity.
    pub counts: SeverityCounts,
}

struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    fn new(text: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(
            text.char_indices()
                .filter(|&(_, c)| c == '\n')
                .map(|(i, _)| i + 1),
        );
        Lines { starts }
    }

    fn of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }
}

struct Check<'a> {
    text: &'a str,
    parsed: Structure,
    lines: Lines,
    findings: Vec<DraftFinding>,
}

impl Check<'_> {
    fn article_at(&self, offset: usize) -> Option<String> {
        self.parsed
            .article_at(offset)
            .map(|a| article_label(a.number, a.suffix))
    }

    fn push(
        &mut self,
        rule: &'static str,
        offset: usize,
        excerpt: &str,
        message: String,
    ) -> &mut DraftFinding {
        let r = rules::draft_rule(rule);
        self.findings.push(DraftFinding {
            severity: r.map_or(Severity::Info, |r| r.severity),
            rule,
            label: r.map_or(rule, |r| r.label),
            message,
            article: self.article_at(offset),
            line: self.lines.of(offset),
            excerpt: excerpt.to_owned(),
            document: None,
            instead: None,
        });
        let last = self.findings.len() - 1;
        &mut self.findings[last]
    }
}

fn document_ref(reg: &Registry, id: WorkId, as_of: Date) -> Option<DocumentRef> {
    let snapshot = reg.snapshot().ok()?;
    let w = snapshot.get(id)?;
    let v = w.describing_version(as_of);
    Some(DocumentRef {
        id,
        title: v.title.clone(),
        doc_number: v.doc_number.clone(),
        status: w.status_as_of(as_of),
    })
}

/// The document in force that replaces `id`: one that supersedes (替代) or repeals (废止) it.
fn replacement(reg: &Registry, id: WorkId, as_of: Date) -> Result<Option<DocumentRef>> {
    for r in reg.relations(id)? {
        if r.direction == "incoming"
            && matches!(r.kind, RelationKind::Supersedes | RelationKind::Repeals)
            && let Some(other) = r.other
            && let Some(d) = document_ref(reg, other, as_of)
            && d.status.in_force()
        {
            return Ok(Some(d));
        }
    }
    Ok(None)
}

/// Checks a draft's text as of a date. Never panics on any text.
pub fn check_draft(reg: &Registry, text: &str, as_of: Date) -> Result<DraftReport> {
    let mut ck = Check {
        text,
        parsed: structure::parse(text),
        lines: Lines::new(text),
        findings: Vec::new(),
    };
    let title = draft_title(text, &ck.parsed);
    let citations = check_citations(reg, &mut ck, as_of)?;
    check_basis(&mut ck, &citations);
    check_numbering(&mut ck);
    check_doc_numbers(&mut ck);
    check_dates(&mut ck);
    check_validity(&mut ck, title.as_deref(), as_of);
    check_wording(&mut ck);
    let mut findings = ck.findings;
    findings.sort_by(|a, b| a.line.cmp(&b.line).then(a.severity.cmp(&b.severity)));
    let mut counts = SeverityCounts::default();
    for f in &findings {
        match f.severity {
            Severity::Error => counts.error += 1,
            Severity::Warning => counts.warning += 1,
            Severity::Info => counts.info += 1,
        }
    }
    Ok(DraftReport {
        as_of,
        title,
        articles: ck.parsed.articles().count(),
        citations,
        findings,
        counts,
    })
}

/// The title of a draft: the last heading-like line of the opening that names a kind of
/// document (办法, 规定, 细则 …), else the first line of the opening without sentence
/// punctuation.
fn draft_title(text: &str, parsed: &Structure) -> Option<String> {
    let (start, end) = parsed.preamble?;
    let opening = text.get(start..end)?;
    let lines: Vec<&str> = opening
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && l.chars().count() <= 60)
        .filter(|l| !l.chars().any(|c| matches!(c, '。' | '，' | '：' | '；')))
        .collect();
    const KINDS: [&str; 10] = [
        "办法", "规定", "细则", "规则", "意见", "通知", "方案", "决定", "标准", "条例",
    ];
    lines
        .iter()
        .find(|l| {
            KINDS
                .iter()
                .any(|k| l.trim_end_matches(['）', ')']).contains(k))
                && DocNumber::parse(l).is_err()
        })
        .or(lines.first())
        .map(|l| (*l).to_owned())
}

/// Checks every citation of the draft; see [`Citing::check`].
fn check_citations(reg: &Registry, ck: &mut Check<'_>, as_of: Date) -> Result<Vec<CitationCheck>> {
    let mut citing = Citing {
        reg,
        snapshot: reg.snapshot()?,
        as_of,
        aliases: HashMap::new(),
        unresolved_seen: Vec::new(),
    };
    let mut out = Vec::new();
    for c in find_citations(ck.text) {
        out.push(citing.check(ck, &c)?);
    }
    Ok(out)
}

/// The citations of a draft under check: the registry they are resolved against, the date,
/// the abbreviations the draft defined so far and the citations already reported unresolved.
struct Citing<'r> {
    reg: &'r Registry,
    snapshot: Arc<Snapshot>,
    as_of: Date,
    /// What each abbreviation stands for, by title key.
    aliases: HashMap<String, Resolution>,
    /// Citations reported unresolved, as written: each is reported once.
    unresolved_seen: Vec<String>,
}

/// One citation of the draft, as the findings on it name it.
struct Cited {
    /// Where it starts in the draft.
    start: usize,
    /// The citation as written.
    text: String,
    /// `制定依据` or `引用的文件`.
    what: &'static str,
    /// The canonical 文号 cited.
    number: Option<String>,
}

impl Citing<'_> {
    /// Resolves one citation (through the abbreviation it uses, if any), records the
    /// abbreviation it defines, and checks what it names on the date.
    fn check(&mut self, ck: &mut Check<'_>, c: &Citation) -> Result<CitationCheck> {
        let cited_as = ck.text.get(c.start..c.end).unwrap_or("").to_owned();
        let (mut resolution, number, key) = self.reg.resolve_citation(c)?;
        if number.is_none()
            && let Some(a) = key.as_ref().and_then(|k| self.aliases.get(k))
        {
            resolution = *a;
        }
        if let Some(alias) = &c.alias {
            self.aliases
                .insert(crate::text::citations::title_key(alias), resolution);
        }
        let mut check = CitationCheck {
            cited_as: cited_as.clone(),
            title: c.title.clone(),
            doc_number: number.clone(),
            basis: c.basis,
            article: ck.article_at(c.start),
            line: ck.lines.of(c.start),
            resolution: match resolution {
                Resolution::Work(_) => "resolved",
                Resolution::Ambiguous => "ambiguous",
                Resolution::Unresolved => "unresolved",
            },
            document: None,
        };
        let cited = Cited {
            start: c.start,
            text: cited_as,
            what: if c.basis {
                "制定依据"
            } else {
                "引用的文件"
            },
            number,
        };
        match resolution {
            Resolution::Work(id) => {
                if let Some(w) = self.snapshot.get(id) {
                    check.document = self.resolved(ck, &cited, id, w)?;
                }
            }
            Resolution::Ambiguous | Resolution::Unresolved => {
                self.unresolved(ck, &cited, resolution);
            }
        }
        Ok(check)
    }

    /// Checks a citation the registry resolves: an error when the document is no longer in
    /// force or cited by a superseded version's 文号, a warning when not yet in force.
    /// Returns the document, with its status on the date.
    fn resolved(
        &self,
        ck: &mut Check<'_>,
        cited: &Cited,
        id: WorkId,
        w: &WorkFacts,
    ) -> Result<Option<DocumentRef>> {
        let doc = document_ref(self.reg, id, self.as_of);
        let status = w.status_as_of(self.as_of);
        match status {
            Status::Repealed | Status::Invalidated | Status::Expired => {
                let instead = replacement(self.reg, id, self.as_of)?;
                let gone = match status {
                    Status::Repealed => "已废止",
                    Status::Invalidated => "已宣布失效",
                    _ => "有效期已届满",
                };
                let (what, cited_as) = (cited.what, &cited.text);
                let mut message = format!(
                    "{what}{cited_as}在{}{gone}",
                    crate::date::chinese(self.as_of)
                );
                if let Some(i) = &instead {
                    message.push_str(&format!("；现行：《{}》", i.title));
                    if let Some(n) = &i.doc_number {
                        message.push_str(&format!("（{n}）"));
                    }
                }
                let f = ck.push("citation-repealed", cited.start, cited_as, message);
                f.document = doc.clone();
                f.instead = instead;
            }
            Status::NotYetEffective => {
                let f = ck.push(
                    "citation-not-yet-effective",
                    cited.start,
                    &cited.text,
                    format!(
                        "{}{}在{}尚未施行",
                        cited.what,
                        cited.text,
                        crate::date::chinese(self.as_of)
                    ),
                );
                f.document = doc.clone();
            }
            _ => self.superseded(ck, cited, id, w, status, doc.clone()),
        }
        Ok(doc)
    }

    /// Reports a citation by the 文号 of a version no longer in force, with the current one.
    fn superseded(
        &self,
        ck: &mut Check<'_>,
        cited: &Cited,
        id: WorkId,
        w: &WorkFacts,
        status: Status,
        doc: Option<DocumentRef>,
    ) {
        let current = w.version_in_force(self.as_of);
        if let (Some(n), Some(cur)) = (&cited.number, current)
            && cur.doc_number.as_deref() != Some(n.as_str())
            && w.versions
                .iter()
                .any(|v| v.seq < cur.seq && v.doc_number.as_deref() == Some(n.as_str()))
        {
            let instead = DocumentRef {
                id,
                title: cur.title.clone(),
                doc_number: cur.doc_number.clone(),
                status,
            };
            let message = format!(
                "{}{}：{n}是已被修改的旧版本的文号；现行版本：《{}》{}",
                cited.what,
                cited.text,
                cur.title,
                cur.doc_number
                    .as_deref()
                    .map(|x| format!("（{x}）"))
                    .unwrap_or_default()
            );
            let f = ck.push("citation-superseded", cited.start, &cited.text, message);
            f.document = doc;
            f.instead = Some(instead);
        }
    }

    /// Reports, once per citation as written, one that names no document of the registry or
    /// several.
    fn unresolved(&mut self, ck: &mut Check<'_>, cited: &Cited, resolution: Resolution) {
        if self.unresolved_seen.contains(&cited.text) {
            return;
        }
        self.unresolved_seen.push(cited.text.clone());
        let why = if resolution == Resolution::Ambiguous {
            "指向登记库中的多件文件"
        } else {
            "不在登记库中"
        };
        ck.push(
            "citation-unresolved",
            cited.start,
            &cited.text,
            format!("{}{}{why}，请人工核对其效力", cited.what, cited.text),
        );
    }
}

/// Words that enact the text in a basis clause.
const ENACTING: [&str; 4] = ["制定本", "制订本", "制定此", "制订此"];

fn check_basis(ck: &mut Check<'_>, citations: &[CitationCheck]) {
    if citations.iter().any(|c| c.basis) {
        return;
    }
    // A basis without 《》: `根据国家有关法律、行政法规的规定，…，制定本条例。`
    let has_basis = ck.text.split(['。', '！', '？', '\n']).any(|s| {
        ENACTING.iter().any(|e| s.contains(e))
            && ["根据", "依据", "依照"].iter().any(|b| s.contains(b))
    });
    if !has_basis {
        let offset = ck.parsed.preamble.map_or(0, |p| p.0);
        ck.push(
            "basis-missing",
            offset,
            "",
            "未见“根据《……》……制定本……”式的制定依据条款".to_owned(),
        );
    }
}

fn check_numbering(ck: &mut Check<'_>) {
    // Articles, in document order.
    let arts: Vec<(u32, Option<u32>, usize, String)> = ck
        .parsed
        .articles()
        .map(|a| (a.number, a.suffix, a.start, a.heading.clone()))
        .collect();
    let mut prev: Option<(u32, Option<u32>)> = None;
    for (number, suffix, start, heading) in arts {
        let label = article_label(number, suffix);
        match suffix {
            Some(k) => {
                let ok_order = match prev {
                    Some((p, ps)) => p == number && ps.map_or(k == 1, |s| k == s + 1),
                    None => false,
                };
                let message = if ok_order {
                    format!("{label}：新制定的文件不用“之一”条文，条文应连续编号")
                } else {
                    format!("{label}前没有第{}条或其前一个“之”条文", number)
                };
                ck.push("article-suffix", start, &heading, message);
            }
            None => match prev {
                None if number != 1 => {
                    ck.push(
                        "article-gap",
                        start,
                        &heading,
                        format!("条文从{label}开始，而非第一条"),
                    );
                }
                Some((p, _)) if number == p => {
                    ck.push("article-duplicate", start, &heading, format!("{label}重复"));
                }
                Some((p, _)) if number < p => {
                    ck.push(
                        "article-gap",
                        start,
                        &heading,
                        format!("{label}排在{}之后：序号倒序", article_label(p, None)),
                    );
                }
                Some((p, _)) if number > p + 1 => {
                    ck.push(
                        "article-gap",
                        start,
                        &heading,
                        format!(
                            "{}之后是{label}：缺{}",
                            article_label(p, None),
                            missing(p + 1, number - 1)
                        ),
                    );
                }
                _ => {}
            },
        }
        prev = Some((
            match (suffix, prev) {
                (Some(_), Some((p, _))) => p,
                _ => number,
            },
            suffix,
        ));
    }
    // Headings and items: consecutive among their siblings.
    let body = std::mem::take(&mut ck.parsed.body);
    check_siblings(ck, &body);
    ck.parsed.body = body;
}

fn missing(from: u32, to: u32) -> String {
    if from == to {
        article_label(from, None)
    } else {
        format!("{}至{}", article_label(from, None), article_label(to, None))
    }
}

fn check_siblings(ck: &mut Check<'_>, nodes: &[Node]) {
    for level in [
        Level::Bian,
        Level::FenBian,
        Level::Zhang,
        Level::Jie,
        Level::Xiang,
    ] {
        let mut expected = 1;
        for n in nodes
            .iter()
            .filter(|n| n.level == level && n.suffix.is_none())
        {
            if n.number != expected {
                let (rule, what) = if level == Level::Xiang {
                    ("item-gap", "项")
                } else {
                    ("heading-gap", level.label())
                };
                let message = if n.number < expected {
                    format!("{}：{what}的序号重复或倒序", n.heading)
                } else {
                    format!(
                        "{}：{what}的序号不连续，前面缺{}个",
                        n.heading,
                        n.number - expected
                    )
                };
                let heading = n.heading.clone();
                ck.push(rule, n.start, &heading, message);
            }
            expected = n.number.max(expected) + 1;
        }
    }
    for n in nodes {
        check_siblings(ck, &n.children);
    }
}

/// The 文号 of the text: its own (a line holding only a number) and the ones it cites.
fn check_doc_numbers(ck: &mut Check<'_>) {
    let mut found: Vec<(usize, String)> = Vec::new();
    let mut pos = 0;
    for line in ck.text.split('\n') {
        let t = line.trim();
        if !t.is_empty() && t.chars().count() <= 40 && DocNumber::parse(t).is_ok() {
            found.push((pos + line.find(t).unwrap_or(0), t.to_owned()));
        }
        pos += line.len() + 1;
    }
    for c in find_citations(ck.text) {
        if c.doc_number.is_some()
            && let Some(raw) = number_text(ck.text, c.start, c.end)
        {
            found.push(raw);
        }
    }
    for (offset, raw) in found {
        let Ok(n) = DocNumber::parse(&raw) else {
            continue;
        };
        let Form::Year { .. } = n.form() else {
            continue;
        };
        let mut problems = Vec::new();
        let open = raw.find(['〔', '[', '［', '(', '（', '【', '〖']);
        if let Some(o) = open {
            let bracket = raw[o..].chars().next().unwrap_or('〔');
            if bracket != '〔' || !raw.contains('〕') {
                problems.push("年份应用六角括号〔〕括入");
            }
            let after_open = &raw[o + bracket.len_utf8()..];
            if after_open.chars().take(4).any(|c| !c.is_ascii_digit()) {
                problems.push("年份应用阿拉伯数字标全");
            }
            if let Some(close) = after_open.find(['〕', ']', '］', ')', '）', '】', '〗']) {
                let closing = after_open[close..].chars().next().map_or(3, char::len_utf8);
                let serial = &after_open[close + closing..];
                if serial.starts_with('第') {
                    problems.push("发文顺序号不加“第”字");
                }
                let digits = serial.trim_start_matches('第');
                if digits.starts_with('0') || digits.starts_with('０') {
                    problems.push("发文顺序号不编虚位");
                }
            }
        }
        if !problems.is_empty() {
            ck.push(
                "doc-number-format",
                offset,
                &raw,
                format!(
                    "文号“{raw}”：{}；应写作{}",
                    problems.join("，"),
                    n.canonical()
                ),
            );
        }
    }
}

/// The 文号 inside a citation's text: the whole citation when it is a bare number, else the
/// bracketed number after the title.
fn number_text(text: &str, start: usize, end: usize) -> Option<(usize, String)> {
    let s = text.get(start..end)?;
    if !s.starts_with('《') {
        return Some((start, s.to_owned()));
    }
    let close = s.rfind('》')? + '》'.len_utf8();
    let inner = s[close..]
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')']);
    let number = inner.split(['，', ',', '；']).next()?.trim();
    let at = s[close..].find(number).map(|i| start + close + i)?;
    (!number.is_empty()).then(|| (at, number.to_owned()))
}

fn check_dates(ck: &mut Check<'_>) {
    let text = ck.text;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let mut i = 0;
    let mut hits: Vec<(usize, String, &'static str)> = Vec::new();
    while i < chars.len() {
        // Four digits not preceded by a digit.
        if !digit(chars[i].1) || (i > 0 && digit(chars[i - 1].1)) {
            i += 1;
            continue;
        }
        let run = chars[i..].iter().take_while(|(_, c)| digit(*c)).count();
        if run != 4 {
            i += run.max(1);
            continue;
        }
        let after = i + 4;
        let sep = chars.get(after).map(|x| x.1);
        if let Some(sep @ ('-' | '/' | '.' | '．' | '－' | '／')) = sep {
            let m = chars[after + 1..]
                .iter()
                .take_while(|(_, c)| digit(*c))
                .count();
            let sep2 = chars.get(after + 1 + m).map(|x| x.1);
            let d = chars
                .get(after + 2 + m..)
                .map_or(0, |r| r.iter().take_while(|(_, c)| digit(*c)).count());
            if (1..=2).contains(&m) && sep2 == Some(sep) && (1..=2).contains(&d) {
                let end = chars.get(after + 2 + m + d).map_or(text.len(), |x| x.0);
                hits.push((
                    chars[i].0,
                    text[chars[i].0..end].to_owned(),
                    "日期应写作“X年X月X日”",
                ));
                i = after + 2 + m + d;
                continue;
            }
        }
        if sep == Some('年')
            && let Some((_, len)) = validity::date_at(&text[chars[i].0..])
        {
            let written = &text[chars[i].0..chars[i].0 + len];
            if written.contains("年0")
                || written.contains("月0")
                || written.contains("年０")
                || written.contains("月０")
            {
                hits.push((chars[i].0, written.to_owned(), "月、日不编虚位"));
            }
        }
        i += 4;
    }
    // The 成文日期 in Chinese numerals.
    if let Some(closing) = &ck.parsed.closing {
        let block = text.get(closing.start..closing.end).unwrap_or("");
        for line in block.lines() {
            let t = line.trim();
            if validity::date_at(t).is_some_and(|(_, len)| len == t.len())
                && t.chars().any(|c| "〇○零一二三四五六七八九十".contains(c))
            {
                let offset = closing.start + block.find(t).unwrap_or(0);
                hits.push((offset, t.to_owned(), "成文日期用阿拉伯数字标注"));
            }
        }
    }
    for (offset, written, why) in hits {
        ck.push(
            "date-format",
            offset,
            &written,
            format!("日期“{written}”：{why}"),
        );
    }
}

fn check_validity(ck: &mut Check<'_>, title: Option<&str>, as_of: Date) {
    let trial = title.is_some_and(is_trial);
    let max = if trial {
        TRIAL_MAX_YEARS
    } else {
        VALIDITY_MAX_YEARS
    };
    let Some(clause) = validity::find_validity(ck.text) else {
        let offset = ck.parsed.articles().last().map_or(0, |a| a.start);
        ck.push(
            "validity-missing",
            offset,
            "",
            "未规定有效期（“有效期X年”或“有效期至X年X月X日”）".to_owned(),
        );
        return;
    };
    let start = validity::find_effective(ck.text).unwrap_or(as_of);
    let Some(end) = validity::clause_end(&clause, Some(start)) else {
        return;
    };
    if longer_than(start, end, max) {
        let excerpt: String = ck.text[clause.offset..].chars().take(20).collect();
        let kind = if trial {
            "暂行、试行文件"
        } else {
            "行政规范性文件"
        };
        ck.push(
            "validity-too-long",
            clause.offset,
            excerpt.split(['。', '；', '\n']).next().unwrap_or(""),
            format!(
                "有效期自{}至{}，超过{kind}的{max}年",
                crate::date::chinese(start),
                crate::date::chinese(end)
            ),
        );
    }
}

fn check_wording(ck: &mut Check<'_>) {
    // One finding per rule and article (or line outside articles), listing the words.
    let mut grouped: Vec<(&'static str, String, usize, Vec<String>)> = Vec::new();
    for s in wording::find_signals(ck.text) {
        let place = ck
            .article_at(s.offset)
            .unwrap_or_else(|| format!("line {}", ck.lines.of(s.offset)));
        match grouped.iter_mut().find(|g| g.0 == s.rule && g.1 == place) {
            Some(g) => {
                if !g.3.contains(&s.words) {
                    g.3.push(s.words);
                }
            }
            None => grouped.push((s.rule, place, s.offset, vec![s.words])),
        }
    }
    for (rule, _, offset, words) in grouped {
        // The rule's advice: its explanation after the words it lists.
        let explanation = rules::draft_rule(rule).map_or("", |r| r.explanation);
        let advice = explanation
            .split_once('：')
            .map_or(explanation, |(_, rest)| rest);
        let quoted: Vec<String> = words.iter().map(|w| format!("“{w}”")).collect();
        ck.push(
            rule,
            offset,
            &words.join("、"),
            format!("出现{}：{advice}", quoted.join("、")),
        );
    }
}

impl DraftReport {
    /// The report as plain text: one line per finding, then the counts.
    pub fn render_text(&self) -> String {
        let mut out = format!(
            "合法性审核辅助检查：{}（截至{}，{}条，引用{}处）\n",
            self.title
                .as_deref()
                .map_or("（无标题）".to_owned(), |t| format!("《{t}》")),
            crate::date::iso(self.as_of),
            self.articles,
            self.citations.len()
        );
        for f in &self.findings {
            let place = match &f.article {
                Some(a) => format!("{a}，第{}行", f.line),
                None => format!("第{}行", f.line),
            };
            out.push_str(&format!(
                "{} {place} [{}] {}\n",
                f.severity.label(),
                f.rule,
                f.message
            ));
        }
        out.push_str(&format!(
            "错误{}，警告{}，提示{}。提示项由审核人员判断，不是结论。\n",
            self.counts.error, self.counts.warning, self.counts.info
        ));
        out
    }
}
