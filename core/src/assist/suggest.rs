//! The clearance assistant: a proposed outcome for every document of a campaign's scope, with
//! the rules that led to it and their evidence.
//!
//! For each document in scope ([`super::scope`]) the rules of [`super::rules::CLEARANCE_RULES`]
//! are applied as of a date (by default the day before the campaign's announcement, else
//! today), to the version in force then:
//!
//! - the documents it rests on, implements or cites (relations recorded by hand, or found in
//!   the text of that version) and their status and versions on the date;
//! - its 有效期 (the version's `expires`, else the text's 有效期 clause) and title.
//!
//! Each rule that fires is a finding; the proposal is the weightiest finding's (废止 > 宣布失效 >
//! 待修订 > 需评估), 继续有效 when none fires. Findings of `basis-unresolved` are notes: they
//! never change the proposal. The reviewer decides with `Registry::decide`; when the proposals
//! were recorded ([`suggest_and_record`]), the decision keeps which proposal it was made on.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;
use time::Date;

use super::rules::{self, EXPIRY_NOTICE_MONTHS, Proposal, TRIAL_MAX_YEARS, VALIDITY_MAX_YEARS};
use super::scope::Scope;
use super::validity::{self, add_months, add_years, is_trial, longer_than};
use crate::error::Result;
use crate::model::{Outcome, RelationKind, RelationSource, Status, WorkId};
use crate::store::{NewSuggestion, Registry, Snapshot, VersionFacts, WorkFacts};
use crate::text::citations::{find_citations, title_key};
use crate::text::structure::{self, article_label};

/// What a finding points at: the other document, when it is one, and the dates that matter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Evidence {
    /// The document cited or rested on, when the registry holds it.
    pub document: Option<WorkId>,
    /// Its title (the version in force on the date).
    pub title: Option<String>,
    /// Its canonical 文号.
    pub doc_number: Option<String>,
    /// The citation as written, for one the registry does not hold.
    pub cited_as: Option<String>,
    /// The other document's status on the date asked about.
    pub status: Option<Status>,
    /// When it happened: the repeal, the amendment, the end of the 有效期.
    #[serde(with = "crate::model::serde_date::option")]
    pub date: Option<Date>,
    /// The articles of this document that cite it (`第三条`, `文首` for the opening).
    pub articles: Vec<String>,
}

/// One rule that fired on a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Finding {
    /// The rule's id (`basis-repealed`).
    pub rule: &'static str,
    /// The rule's Chinese label.
    pub label: &'static str,
    /// What this finding proposes; `None` for a note.
    pub proposes: Option<Proposal>,
    /// What was found, in Chinese.
    pub message: String,
    /// What the finding points at.
    pub evidence: Evidence,
}

/// Why a document is in the campaign's scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InScope {
    /// By the scope rules.
    Scope,
    /// It has a decision in the campaign (and the scope rules leave it out).
    Decision,
    /// Both.
    Both,
}

/// The proposal for one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Suggestion {
    /// The document's registry id.
    pub work: WorkId,
    /// The key of the version the rules looked at.
    pub key: Option<String>,
    /// Its title.
    pub title: String,
    /// Its canonical 文号.
    pub doc_number: Option<String>,
    /// Its kind (效力级别 / 文件类型).
    pub kind: String,
    /// Its issuer.
    pub issuer: String,
    /// The version the rules looked at.
    pub version: u32,
    /// Its status on the date asked about.
    pub status: Status,
    /// Why it is in scope.
    pub in_scope: InScope,
    /// The proposed outcome.
    pub proposal: Proposal,
    /// The rules that fired, in the order checked.
    pub findings: Vec<Finding>,
    /// The campaign's decision on it, if already made.
    pub decision: Option<Outcome>,
    /// Whether that decision is the proposed outcome (`None` without a decision, or for 需评估).
    pub followed: Option<bool>,
}

impl Suggestion {
    /// The ids of the rules that fired.
    pub fn rules(&self) -> Vec<&'static str> {
        self.findings.iter().map(|f| f.rule).collect()
    }
}

/// The proposals for a campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Suggestions {
    /// The campaign's key.
    pub campaign: String,
    /// The campaign's name.
    pub name: String,
    /// The campaign's scope text.
    pub scope: Option<String>,
    /// The date the rules were applied as of.
    #[serde(with = "crate::model::serde_date")]
    pub as_of: Date,
    /// The date the scope was taken on.
    #[serde(with = "crate::model::serde_date")]
    pub scope_date: Date,
    /// One per document in scope, by id.
    pub items: Vec<Suggestion>,
    /// How many documents have each proposal, by token.
    pub counts: BTreeMap<&'static str, usize>,
    /// How many documents each rule fired on.
    pub rule_counts: BTreeMap<&'static str, usize>,
    /// Whether the proposals were recorded in the registry.
    pub recorded: bool,
}

/// Proposes an outcome for every document of a campaign's scope, as of `as_of` (by default the
/// day before the campaign's announcement, else today). Writes nothing.
pub fn suggest(reg: &Registry, campaign: &str, as_of: Option<Date>) -> Result<Suggestions> {
    let c = reg.campaign(campaign)?;
    let as_of = match (as_of, c.announced) {
        (Some(d), _) => d,
        (None, Some(a)) => a.previous_day().unwrap_or(a),
        (None, None) => crate::date::today()?,
    };
    let scope_date = c.opened.unwrap_or(as_of);
    let scope = Scope::parse(c.scope.as_deref());
    let decisions: HashMap<WorkId, Outcome> = reg
        .decisions(&c.key)?
        .into_iter()
        .map(|d| (d.work, d.outcome))
        .collect();
    let snapshot = reg.snapshot()?;
    let mut ctx = Context {
        reg,
        snapshot: &snapshot,
        as_of,
        histories: HashMap::new(),
    };
    let mut items = Vec::new();
    for w in snapshot.works() {
        let by_scope = scope.admits(w, scope_date).is_some();
        let decision = decisions.get(&w.id).copied();
        let in_scope = match (by_scope, decision.is_some()) {
            (true, true) => InScope::Both,
            (true, false) => InScope::Scope,
            (false, true) => InScope::Decision,
            (false, false) => continue,
        };
        let v = w.describing_version(as_of);
        let findings = ctx.findings(w, v)?;
        let proposal = findings
            .iter()
            .filter_map(|f| f.proposes)
            .max()
            .unwrap_or(Proposal::Valid);
        let followed = decision.zip(proposal.outcome()).map(|(d, p)| d == p);
        items.push(Suggestion {
            work: w.id,
            key: v.key.clone(),
            title: v.title.clone(),
            doc_number: v.doc_number.clone(),
            kind: v.kind.clone(),
            issuer: v.issuer.clone(),
            version: v.seq,
            status: w.status_as_of(as_of),
            in_scope,
            proposal,
            findings,
            decision,
            followed,
        });
    }
    let mut counts = BTreeMap::new();
    let mut rule_counts = BTreeMap::new();
    for s in &items {
        *counts.entry(s.proposal.token()).or_default() += 1;
        let mut fired = s.rules();
        fired.dedup();
        for r in fired {
            *rule_counts.entry(r).or_default() += 1;
        }
    }
    Ok(Suggestions {
        campaign: c.key,
        name: c.name,
        scope: c.scope,
        as_of,
        scope_date,
        items,
        counts,
        rule_counts,
        recorded: false,
    })
}

/// [`suggest`], then records every proposal in the registry (one row and one audit entry per
/// document), so that the decisions made afterwards keep which proposal they followed or
/// overrode. The campaign must not be announced yet.
pub fn suggest_and_record(
    reg: &mut Registry,
    campaign: &str,
    as_of: Option<Date>,
) -> Result<Suggestions> {
    let mut s = suggest(reg, campaign, as_of)?;
    let items: Vec<NewSuggestion> = s
        .items
        .iter()
        .map(|i| NewSuggestion {
            work: i.work,
            version: Some(i.version),
            proposal: i.proposal,
            rules: i.rules().into_iter().map(str::to_owned).collect(),
            findings: serde_json::to_value(&i.findings).unwrap_or(serde_json::Value::Null),
        })
        .collect();
    reg.record_suggestions(&s.campaign, s.as_of, &items)?;
    s.recorded = true;
    Ok(s)
}

/// A relation of the document to another, as the rules read it.
struct Link {
    kind: RelationKind,
    target: Option<WorkId>,
    cited_as: Option<String>,
}

struct Context<'a> {
    reg: &'a Registry,
    snapshot: &'a Snapshot,
    as_of: Date,
    /// Dates of amendment (修正, 修订, 修改) in each cited work's history.
    histories: HashMap<WorkId, Vec<Date>>,
}

impl Context<'_> {
    fn amendment_dates(&mut self, id: WorkId) -> Result<&[Date]> {
        if !self.histories.contains_key(&id) {
            let work = self.reg.work(id)?;
            let mut dates: Vec<Date> = work
                .versions
                .iter()
                .flat_map(|v| &v.history)
                .filter(|e| ["修正", "修订", "修改"].iter().any(|w| e.event.contains(w)))
                .filter_map(|e| e.date)
                .collect();
            dates.sort_unstable();
            dates.dedup();
            self.histories.insert(id, dates);
        }
        Ok(self.histories.get(&id).map_or(&[], Vec::as_slice))
    }

    /// Applies the clearance rules to one document's version: those on the documents it names,
    /// then those on its 有效期 and title.
    fn findings(&mut self, w: &WorkFacts, v: &VersionFacts) -> Result<Vec<Finding>> {
        let (acts_on, links) = self.outgoing(w.id, v.seq)?;
        let mut doc = Checked {
            w,
            v,
            text: None,
            out: Vec::new(),
            bases_alive: 0,
            repealed_bases: Vec::new(),
        };
        let mut seen = HashSet::new();
        for link in &links {
            let basis = matches!(link.kind, RelationKind::Basis | RelationKind::Implements);
            let Some(target) = link.target else {
                if basis {
                    doc.unresolved_basis(link);
                }
                continue;
            };
            if !seen.insert((target, basis)) || acts_on.contains(&target) {
                continue;
            }
            let Some(facts) = self.snapshot.get(target) else {
                continue;
            };
            let named = Named {
                id: target,
                facts,
                basis,
            };
            self.check_named(&mut doc, &named)?;
        }
        if doc.bases_alive == 0 {
            for &i in &doc.repealed_bases {
                doc.out[i].proposes = Some(Proposal::Repealed);
                doc.out[i]
                    .message
                    .push_str("，且没有其他现行有效的制定依据");
            }
        }
        self.validity_findings(&mut doc)?;
        Ok(doc.out)
    }

    /// The documents a version names as the rules read them (依据, 实施, 引用 recorded by hand
    /// or found in its text), and the documents it repeals, replaces or amends: naming those is
    /// not relying on them.
    fn outgoing(&self, id: WorkId, seq: u32) -> Result<(HashSet<WorkId>, Vec<Link>)> {
        let relations = self.reg.relations(id)?;
        let acts_on: HashSet<WorkId> = relations
            .iter()
            .filter(|r| r.direction == "outgoing")
            .filter(|r| {
                matches!(
                    r.kind,
                    RelationKind::Repeals | RelationKind::Supersedes | RelationKind::Amends
                )
            })
            .filter_map(|r| r.other)
            .collect();
        let links: Vec<Link> = relations
            .into_iter()
            .filter(|r| r.direction == "outgoing")
            .filter(|r| {
                matches!(
                    r.kind,
                    RelationKind::Basis | RelationKind::Implements | RelationKind::Cites
                )
            })
            .filter(|r| r.source == RelationSource::Manual || r.version == Some(seq))
            .map(|r| Link {
                kind: r.kind,
                target: r.other,
                cited_as: r.cited_as,
            })
            .collect();
        Ok((acts_on, links))
    }

    /// The rules on one document named: repealed, invalidated or expired on the date, else
    /// amended after the checked document was issued.
    fn check_named(&mut self, doc: &mut Checked<'_>, named: &Named<'_>) -> Result<()> {
        let tv = named.facts.describing_version(self.as_of);
        let status = named.facts.status_as_of(self.as_of);
        let evidence = Evidence {
            document: Some(named.id),
            title: Some(tv.title.clone()),
            doc_number: tv.doc_number.clone(),
            status: Some(status),
            ..Evidence::default()
        };
        if matches!(
            status,
            Status::Repealed | Status::Invalidated | Status::Expired
        ) {
            return self.gone(doc, named, status, evidence);
        }
        if named.basis && status != Status::NotYetEffective {
            doc.bases_alive += 1;
        }
        self.amended(doc, named, evidence)
    }

    /// A document named that is no longer in force: 待修订, unless this document names it
    /// only to repeal it.
    fn gone(
        &self,
        doc: &mut Checked<'_>,
        named: &Named<'_>,
        status: Status,
        mut evidence: Evidence,
    ) -> Result<()> {
        evidence.date = gone_since(named.facts, status, self.as_of);
        let (articles, repealing) =
            self.citing_articles(doc.w.id, doc.v.seq, named.facts, &mut doc.text)?;
        if repealing {
            // Named only where this document repeals it (`…同时废止`).
            return Ok(());
        }
        evidence.articles = articles;
        let when = evidence
            .date
            .map(|d| format!("于{}", crate::date::chinese(d)))
            .unwrap_or_default();
        let what = if named.basis {
            "制定依据"
        } else {
            "引用的"
        };
        let tv = named.facts.describing_version(self.as_of);
        let message = format!(
            "{what}《{}》{when}{}",
            tv.title,
            match status {
                Status::Repealed => "废止",
                Status::Invalidated => "宣布失效",
                _ => "有效期届满",
            }
        );
        let rule = if named.basis {
            doc.repealed_bases.push(doc.out.len());
            "basis-repealed"
        } else {
            "cited-repealed"
        };
        doc.out.push(finding(
            rule,
            Some(Proposal::PendingRevision),
            message,
            evidence,
        ));
        Ok(())
    }

    /// A document named that was amended after this one was issued, by the date asked about:
    /// 待修订 for a basis, 需评估 for a citation.
    fn amended(
        &mut self,
        doc: &mut Checked<'_>,
        named: &Named<'_>,
        mut evidence: Evidence,
    ) -> Result<()> {
        let Some(issued) = doc.v.issued.or(doc.v.in_force_from()) else {
            return Ok(());
        };
        let mut amended: Option<Date> = named
            .facts
            .versions
            .iter()
            .skip(1)
            .filter_map(VersionFacts::in_force_from)
            .filter(|&d| d > issued && d <= self.as_of)
            .max();
        let as_of = self.as_of;
        if let Some(&d) = self
            .amendment_dates(named.id)?
            .iter()
            .filter(|&&d| d > issued && d <= as_of)
            .max()
        {
            amended = Some(amended.map_or(d, |a| a.max(d)));
        }
        let Some(d) = amended else {
            return Ok(());
        };
        evidence.date = Some(d);
        evidence.articles = self
            .citing_articles(doc.w.id, doc.v.seq, named.facts, &mut doc.text)?
            .0;
        let (rule, proposes, what) = if named.basis {
            ("basis-amended", Proposal::PendingRevision, "制定依据")
        } else {
            ("cited-amended", Proposal::Evaluate, "引用的")
        };
        let tv = named.facts.describing_version(self.as_of);
        doc.out.push(finding(
            rule,
            Some(proposes),
            format!(
                "{what}《{}》于{}修改，晚于本文件印发（{}）",
                tv.title,
                crate::date::chinese(d),
                crate::date::chinese(issued)
            ),
            evidence,
        ));
        Ok(())
    }

    fn load_text<'t>(
        &self,
        id: WorkId,
        seq: u32,
        text: &'t mut Option<(String, structure::Structure)>,
    ) -> Result<&'t (String, structure::Structure)> {
        if text.is_none() {
            let body = self.reg.text(id, seq)?;
            let parsed = structure::parse(&body);
            *text = Some((body, parsed));
        }
        // Filled just above.
        text.as_ref()
            .ok_or_else(|| crate::Error::Integrity("text not loaded".into()))
    }

    /// The articles of a version that cite a document (by its 文号 or its title, any version),
    /// and whether every such citation stands in a sentence that repeals (`废止`) something.
    fn citing_articles(
        &self,
        id: WorkId,
        seq: u32,
        target: &WorkFacts,
        text: &mut Option<(String, structure::Structure)>,
    ) -> Result<(Vec<String>, bool)> {
        let numbers: Vec<&str> = target
            .versions
            .iter()
            .filter_map(|v| v.doc_number.as_deref())
            .collect();
        let keys: Vec<String> = target
            .versions
            .iter()
            .map(|v| title_key(&v.title))
            .collect();
        let (body, parsed) = self.load_text(id, seq, text)?;
        let mut out: Vec<String> = Vec::new();
        let mut found = 0usize;
        let mut repealing = 0usize;
        for c in find_citations(body) {
            let by_number = c
                .doc_number
                .as_ref()
                .is_some_and(|n| numbers.iter().any(|x| n.canonical().ends_with(x)));
            let by_title = c
                .title
                .as_deref()
                .is_some_and(|t| keys.contains(&title_key(t)));
            if !by_number && !by_title {
                continue;
            }
            found += 1;
            repealing += usize::from(sentence_around(body, c.start, c.end).contains("废止"));
            let label = match parsed.article_at(c.start) {
                Some(a) => article_label(a.number, a.suffix),
                None => "文首".to_owned(),
            };
            if !out.contains(&label) {
                out.push(label);
            }
        }
        Ok((out, found > 0 && repealing == found))
    }

    /// The rules on a document's 有效期 and title: expired, expiring soon, a trial run past
    /// its term, a period too long, no period at all.
    fn validity_findings(&self, doc: &mut Checked<'_>) -> Result<()> {
        let (w, v) = (doc.w, doc.v);
        let start = v.in_force_from();
        let trial = is_trial(&v.title);
        let (body, _) = self.load_text(w.id, v.seq, &mut doc.text)?;
        let clause = validity::find_validity(body);
        let expires = v
            .expires
            .or_else(|| clause.as_ref().and_then(|c| validity::clause_end(c, start)));
        let max = if trial {
            TRIAL_MAX_YEARS
        } else {
            VALIDITY_MAX_YEARS
        };
        let out = &mut doc.out;
        out.extend(expires.and_then(|end| expiry_finding(end, self.as_of)));
        if trial
            && let Some(s) = start
            && add_years(s, TRIAL_MAX_YEARS) <= self.as_of
        {
            out.push(finding(
                "trial-overdue",
                Some(Proposal::Evaluate),
                format!(
                    "标题含“暂行”或“试行”，自{}施行已超过{TRIAL_MAX_YEARS}年",
                    crate::date::chinese(s)
                ),
                Evidence {
                    date: Some(s),
                    ..Evidence::default()
                },
            ));
        }
        if let (Some(s), Some(end)) = (start, expires)
            && longer_than(s, end, max)
        {
            out.push(finding(
                "period-too-long",
                Some(Proposal::Evaluate),
                format!(
                    "有效期自{}至{}，超过{max}年",
                    crate::date::chinese(s),
                    crate::date::chinese(end)
                ),
                Evidence {
                    date: Some(end),
                    ..Evidence::default()
                },
            ));
        }
        if expires.is_none() && clause.is_none() && v.kind == rules::NORMATIVE_KIND {
            out.push(finding(
                "no-period",
                Some(Proposal::Evaluate),
                "未规定有效期".to_owned(),
                Evidence::default(),
            ));
        }
        Ok(())
    }
}

/// One document under the rules: the version looked at, its text once read, the findings so
/// far and the count of its bases still standing.
struct Checked<'w> {
    w: &'w WorkFacts,
    v: &'w VersionFacts,
    text: Option<(String, structure::Structure)>,
    out: Vec<Finding>,
    /// Bases still standing: resolved ones in force, and ones the registry cannot check.
    bases_alive: usize,
    /// Indexes into `out` of the findings on repealed bases.
    repealed_bases: Vec<usize>,
}

impl Checked<'_> {
    /// A basis the registry cannot check: a note, and counted as standing.
    fn unresolved_basis(&mut self, link: &Link) {
        self.bases_alive += 1;
        let cited = link.cited_as.clone().unwrap_or_default();
        self.out.push(finding(
            "basis-unresolved",
            None,
            format!("制定依据{cited}不在登记库中（或指向多件文件），其效力须人工核对"),
            Evidence {
                cited_as: link.cited_as.clone(),
                ..Evidence::default()
            },
        ));
    }
}

/// A document the checked one names, in the registry.
struct Named<'s> {
    id: WorkId,
    facts: &'s WorkFacts,
    /// Named as a basis (依据, 实施) rather than cited.
    basis: bool,
}

/// The finding on a 有效期 ending on `end`: expired before `as_of`, or expiring within
/// [`EXPIRY_NOTICE_MONTHS`] of it.
fn expiry_finding(end: Date, as_of: Date) -> Option<Finding> {
    if end < as_of {
        Some(finding(
            "expired",
            Some(Proposal::Invalidated),
            format!("有效期已于{}届满", crate::date::chinese(end)),
            Evidence {
                date: Some(end),
                ..Evidence::default()
            },
        ))
    } else if end < add_months(as_of, EXPIRY_NOTICE_MONTHS) {
        Some(finding(
            "expires-soon",
            Some(Proposal::Evaluate),
            format!(
                "有效期将于{}届满，须在届满前评估",
                crate::date::chinese(end)
            ),
            Evidence {
                date: Some(end),
                ..Evidence::default()
            },
        ))
    } else {
        None
    }
}

/// The sentence holding `[start, end)`: from the previous `。`, `；` or line break to the next.
fn sentence_around(text: &str, start: usize, end: usize) -> &str {
    let ends = |c: char| matches!(c, '。' | '；' | '\n');
    let from = text[..start]
        .char_indices()
        .rev()
        .find(|&(_, c)| ends(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let to = text[end..]
        .char_indices()
        .find(|&(_, c)| ends(c))
        .map_or(text.len(), |(i, _)| end + i);
    &text[from..to]
}

/// The date a work became repealed, invalidated or expired: its last change to that status on
/// or before `as_of`, or the end of its 有效期.
fn gone_since(w: &WorkFacts, status: Status, as_of: Date) -> Option<Date> {
    if status == Status::Expired {
        return w.version_in_force(as_of).and_then(|v| v.expires);
    }
    w.changes
        .iter()
        .rev()
        .find(|(d, s)| *s == status && d.is_none_or(|d| d <= as_of))
        .and_then(|(d, _)| *d)
}

fn finding(
    rule: &'static str,
    proposes: Option<Proposal>,
    message: String,
    evidence: Evidence,
) -> Finding {
    let label = rules::clearance_rule(rule).map_or(rule, |r| r.label);
    Finding {
        rule,
        label,
        proposes,
        message,
        evidence,
    }
}

impl Suggestions {
    /// The proposals as plain text: one block per document, the weightiest first within
    /// each proposal, then the counts.
    pub fn render_text(&self) -> String {
        let mut out = format!(
            "{}（{}）清理建议：截至{}，范围{}（{}）\n",
            self.name,
            self.campaign,
            crate::date::iso(self.as_of),
            self.scope.as_deref().unwrap_or("全部"),
            crate::date::iso(self.scope_date)
        );
        let mut items: Vec<&Suggestion> = self.items.iter().collect();
        items.sort_by_key(|s| (std::cmp::Reverse(s.proposal), s.work));
        for s in items {
            let number = s
                .doc_number
                .as_deref()
                .map(|n| format!("{n} "))
                .unwrap_or_default();
            out.push_str(&format!(
                "\n{} {}《{}》（id {}）",
                s.proposal.label(),
                number,
                s.title,
                s.work
            ));
            if let Some(d) = s.decision {
                let mark = match s.followed {
                    Some(true) => "，与建议一致",
                    Some(false) => "，与建议不同",
                    None => "",
                };
                out.push_str(&format!("  已决定：{}{mark}", d.label()));
            }
            out.push('\n');
            for f in &s.findings {
                let articles = if f.evidence.articles.is_empty() {
                    String::new()
                } else {
                    format!("（见{}）", f.evidence.articles.join("、"))
                };
                out.push_str(&format!(
                    "  - {} [{}]：{}{articles}\n",
                    f.label, f.rule, f.message
                ));
            }
        }
        let total: usize = self.counts.values().sum();
        let parts: Vec<String> = Proposal::ALL
            .iter()
            .map(|p| format!("{}{}", p.label(), self.counts.get(p.token()).unwrap_or(&0)))
            .collect();
        out.push_str(&format!("\n共{total}件：{}\n", parts.join("，")));
        if self.recorded {
            out.push_str("建议已记录。\n");
        }
        out
    }
}
