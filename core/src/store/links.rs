//! Relations found in text, and the impact of a document on the documents that rest on it.
//!
//! When a version is stored, the citations in its text ([`crate::text::citations`]) are
//! resolved against the registry and stored as relations with source `text`: 依据 (`basis`)
//! for a citation in a basis clause (`根据《…》…，制定本办法。`), 引用 (`cites`) otherwise. One
//! relation per cited document and version; the article the first citation stands in is kept.
//!
//! A citation is resolved by its 文号 first (canonical form): one work with that number is the
//! target; several are narrowed by the title. Without a number, or when no work has it, by its
//! title ([`title_key`]: width folded, `中华人民共和国` dropped, brackets and dashes unified),
//! matched against the title of every version; an abbreviation the text defines
//! (`以下简称《土地管理法》`) resolves as the title it stands for. A citation that names no
//! work, or several, is kept as written (`cited_as`) and never guessed; when a work that
//! matches it is registered later, the citation is resolved then. A document never relates to
//! itself. [`Registry::link`] scans stored texts again (after the rules change, or for a
//! registry created before this table existed).

use std::collections::{HashMap, HashSet, VecDeque};

use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use serde_json::json;
use time::Date;

use super::Registry;
use super::articles::{NewArticle, unit_label};
use crate::error::{Error, Result};
use crate::model::{RelationKind, Status, WorkId};
use crate::text::citations::{Citation, find_citations, title_key};

/// The kinds of relation along which [`Registry::impact`] travels: a document that rests on
/// (依据), implements (实施) or cites (引用) another is affected when that one changes.
pub const IMPACT_KINDS: [RelationKind; 3] = [
    RelationKind::Basis,
    RelationKind::Implements,
    RelationKind::Cites,
];

/// What resolving one citation found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Resolution {
    /// The one work it names.
    Work(WorkId),
    /// It names several works.
    Ambiguous,
    /// It names none.
    Unresolved,
}

/// Counts of a scan of texts for citations.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct LinkReport {
    /// Versions whose text was scanned.
    pub versions: u64,
    /// Citations found (a document cited twice in one text counts twice).
    pub citations: u64,
    /// Relations stored: one per cited document and version.
    pub relations: u64,
    /// Of these, resolved to a document of the registry.
    pub resolved: u64,
    /// Kept as written because the citation names several documents of the registry.
    pub ambiguous: u64,
    /// Kept as written because it names none.
    pub unresolved: u64,
}

impl LinkReport {
    fn add(&mut self, o: &LinkReport) {
        self.versions += o.versions;
        self.citations += o.citations;
        self.relations += o.relations;
        self.resolved += o.resolved;
        self.ambiguous += o.ambiguous;
        self.unresolved += o.unresolved;
    }
}

/// A document affected by a change of another: it cites or rests on it, directly (depth 1) or
/// through documents that do (depth 2 and more).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImpactEntry {
    /// The affected document.
    pub id: WorkId,
    /// Its title (the version in force on the date).
    pub title: String,
    /// Its canonical 文号 (the version in force on the date).
    pub doc_number: Option<String>,
    /// Its status on the date asked about (always one in force).
    pub status: Status,
    /// 1 for a document that cites the one asked about, 2 for one that cites such a document …
    pub depth: u32,
    /// How it relates to `via`.
    pub kind: RelationKind,
    /// The document it cites or rests on, one step closer to the one asked about.
    pub via: WorkId,
    /// The version whose text holds the citation (none for relations recorded by hand).
    pub version: Option<u32>,
    /// The article holding the citation (`第五条`), when it was found in text.
    pub article: Option<String>,
    /// The chain from the document asked about to this one.
    pub path: Vec<WorkId>,
}

/// What `impact` answers: the documents in force on a date that rest on or cite a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImpactReport {
    /// The document asked about.
    pub id: WorkId,
    /// Its title (newest version).
    pub title: String,
    /// The date asked about.
    #[serde(with = "crate::model::serde_date")]
    pub as_of: Date,
    /// How many documents are affected.
    pub total: usize,
    /// The affected documents, nearest first.
    pub documents: Vec<ImpactEntry>,
}

/// How far `impact` follows relations, and which.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImpactOptions {
    /// The most steps from the document asked about (1: those relating to it directly); every
    /// step when `None`.
    pub depth: Option<u32>,
    /// The kinds of relation followed, of [`IMPACT_KINDS`]; all of them when empty.
    pub kinds: Vec<RelationKind>,
}

/// A relation found in text, before it is stored.
struct Found {
    kind: RelationKind,
    target: Resolution,
    cited_as: String,
    cited_number: Option<String>,
    cited_key: Option<String>,
    eid: Option<String>,
}

/// What an abbreviation stands for: the resolution, number and title key of the citation that
/// defines it.
type Alias = (Resolution, Option<String>, Option<String>);

/// The relations of one version's text, gathered citation by citation.
struct Gathering<'a> {
    work: WorkId,
    body: &'a str,
    /// The version's own 文号 (canonical): a citation of it is no relation.
    own_number: Option<String>,
    articles: Vec<ArticleSpan>,
    /// Abbreviations the text defined so far, by title key.
    aliases: HashMap<String, Alias>,
    found: Vec<Found>,
}

impl Gathering<'_> {
    /// Adds one citation: a new relation, or a stronger kind (依据) for the relation to the
    /// same document; nothing for a citation of the version's own 文号 or document.
    fn add(&mut self, reg: &Registry, c: &Citation) -> Result<()> {
        let Some((resolution, number, key)) = self.resolve(reg, c)? else {
            return Ok(());
        };
        if resolution == Resolution::Work(self.work) {
            return Ok(());
        }
        let kind = if c.basis {
            RelationKind::Basis
        } else {
            RelationKind::Cites
        };
        let same = |f: &Found| match (resolution, f.target) {
            (Resolution::Work(a), Resolution::Work(b)) => a == b,
            (Resolution::Work(_), _) | (_, Resolution::Work(_)) => false,
            _ => match (&number, &f.cited_number) {
                (Some(a), Some(b)) => a == b,
                (None, None) => key == f.cited_key,
                _ => false,
            },
        };
        if let Some(f) = self.found.iter_mut().find(|f| same(f)) {
            if c.basis {
                f.kind = RelationKind::Basis;
            }
            return Ok(());
        }
        self.found.push(Found {
            kind,
            target: resolution,
            cited_as: cited_text(self.body, c),
            cited_number: number,
            cited_key: key,
            eid: article_holding(&self.articles, c.start).map(|a| a.eid.clone()),
        });
        Ok(())
    }

    /// Resolves a citation (through the abbreviation it uses, if any) and records the
    /// abbreviation it defines; `None` for a citation of the version's own 文号.
    fn resolve(&mut self, reg: &Registry, c: &Citation) -> Result<Option<Alias>> {
        let mut number = c
            .doc_number
            .as_ref()
            .map(|n| without_lead_words(n.canonical()));
        if number.is_some() && number == self.own_number {
            return Ok(None);
        }
        let mut key = c.title.as_deref().map(title_key);
        let aliased = match (&number, key.as_ref().and_then(|k| self.aliases.get(k))) {
            (None, Some(a)) => Some(a.clone()),
            _ => None,
        };
        let resolution = match aliased {
            Some((r, n, k)) => {
                number = n;
                key = k;
                r
            }
            None => reg.resolve_cited(number.as_deref(), key.as_deref())?,
        };
        if let Some(alias) = &c.alias {
            self.aliases
                .insert(title_key(alias), (resolution, number.clone(), key.clone()));
        }
        Ok(Some((resolution, number, key)))
    }
}

/// A relation found in text and left unresolved.
struct Pending {
    id: i64,
    from: i64,
    from_seq: Option<u32>,
    kind: String,
    cited_number: Option<String>,
    cited_key: Option<String>,
}

impl Registry {
    fn works_where(&self, sql: &str, value: &str) -> Result<Vec<WorkId>> {
        Ok(self
            .conn()
            .prepare_cached(sql)?
            .query_map([value], |r| r.get(0).map(WorkId))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Resolves a citation's canonical 文号 and title key; see the module documentation.
    fn resolve_cited(&self, number: Option<&str>, key: Option<&str>) -> Result<Resolution> {
        if let Some(n) = number {
            let found = self.works_where(
                "SELECT DISTINCT work_id FROM versions WHERE doc_number = ?1 ORDER BY work_id",
                n,
            )?;
            match found.len() {
                0 => {}
                1 => return Ok(Resolution::Work(found[0])),
                _ => {
                    let Some(k) = key else {
                        return Ok(Resolution::Ambiguous);
                    };
                    let titled: HashSet<WorkId> = self
                        .works_where(
                            "SELECT DISTINCT work_id FROM versions WHERE title_key = ?1",
                            k,
                        )?
                        .into_iter()
                        .collect();
                    let both: Vec<WorkId> =
                        found.into_iter().filter(|w| titled.contains(w)).collect();
                    return Ok(match both.as_slice() {
                        [one] => Resolution::Work(*one),
                        _ => Resolution::Ambiguous,
                    });
                }
            }
        }
        if let Some(k) = key.filter(|k| !k.is_empty()) {
            let found = self.works_where(
                "SELECT DISTINCT work_id FROM versions WHERE title_key = ?1 ORDER BY work_id",
                k,
            )?;
            return Ok(match found.as_slice() {
                [] => Resolution::Unresolved,
                [one] => Resolution::Work(*one),
                _ => Resolution::Ambiguous,
            });
        }
        Ok(Resolution::Unresolved)
    }

    /// Resolves one citation found in a text as stored relations are resolved (by 文号, lead
    /// words such as `按照` dropped, else by title key). Returns the resolution, the canonical
    /// number and the title key used.
    pub(crate) fn resolve_citation(
        &self,
        c: &Citation,
    ) -> Result<(Resolution, Option<String>, Option<String>)> {
        let number = c
            .doc_number
            .as_ref()
            .map(|n| without_lead_words(n.canonical()));
        let key = c.title.as_deref().map(title_key);
        let r = self.resolve_cited(number.as_deref(), key.as_deref())?;
        Ok((r, number, key))
    }

    /// Finds the citations of one version's text and stores them as relations, replacing the
    /// ones found before. Runs inside the transaction that stores the version. `articles` are
    /// the version's articles when the caller has them at hand (it just stored them), else
    /// they are read from the store.
    pub(crate) fn link_version(
        &self,
        work: WorkId,
        seq: u32,
        body: &str,
        articles: Option<&[NewArticle]>,
    ) -> Result<LinkReport> {
        let own_number: Option<String> = self
            .conn()
            .prepare_cached("SELECT doc_number FROM versions WHERE work_id = ?1 AND seq = ?2")?
            .query_row(params![work.0, seq], |r| r.get(0))?;
        let removed = self
            .conn()
            .prepare_cached(
                "DELETE FROM relations WHERE from_work = ?1 AND from_seq = ?2 AND source = 'text'",
            )?
            .execute(params![work.0, seq])?;
        let citations = find_citations(body);
        let mut report = LinkReport {
            versions: 1,
            citations: citations.len() as u64,
            ..LinkReport::default()
        };
        let articles = match articles {
            _ if citations.is_empty() => Vec::new(),
            Some(known) => known
                .iter()
                .map(|a| ArticleSpan::new(a.start, a.end, &a.eid))
                .collect(),
            None => self
                .articles(work, seq)?
                .iter()
                .map(|a| ArticleSpan::new(a.start, a.end, &a.eid))
                .collect(),
        };
        let mut gathering = Gathering {
            work,
            body,
            own_number,
            articles,
            aliases: HashMap::new(),
            found: Vec::new(),
        };
        for c in &citations {
            gathering.add(self, c)?;
        }
        let found = gathering.found;
        self.store_found(work, seq, &found, &mut report)?;
        report.relations = found.len() as u64;
        if removed > 0 || !found.is_empty() {
            self.audit(
                "link",
                Some(work),
                None,
                &json!({
                    "seq": seq,
                    "removed": removed,
                    "relations": report.relations,
                    "resolved": report.resolved,
                }),
            )?;
        }
        Ok(report)
    }

    /// Inserts the relations found in a version's text, counting them by resolution.
    fn store_found(
        &self,
        work: WorkId,
        seq: u32,
        found: &[Found],
        report: &mut LinkReport,
    ) -> Result<()> {
        let mut stmt = self.conn().prepare_cached(
            "INSERT INTO relations (from_work, kind, to_work, cited_as, source, from_seq, eid,
                cited_number, cited_key)
             VALUES (?1, ?2, ?3, ?4, 'text', ?5, ?6, ?7, ?8)",
        )?;
        for f in found {
            let target = match f.target {
                Resolution::Work(w) => {
                    report.resolved += 1;
                    Some(w.0)
                }
                Resolution::Ambiguous => {
                    report.ambiguous += 1;
                    None
                }
                Resolution::Unresolved => {
                    report.unresolved += 1;
                    None
                }
            };
            stmt.execute(params![
                work.0,
                f.kind.token(),
                target,
                f.cited_as,
                seq,
                f.eid,
                f.cited_number,
                f.cited_key,
            ])?;
        }
        Ok(())
    }

    /// Resolves the citations left as written that a newly stored version answers: those
    /// with its 文号 or its title. Runs inside the transaction that stores the version.
    pub(crate) fn resolve_pending(&self, work: WorkId, seq: u32) -> Result<u64> {
        let (number, key): (Option<String>, Option<String>) = self
            .conn()
            .prepare_cached(
                "SELECT doc_number, title_key FROM versions WHERE work_id = ?1 AND seq = ?2",
            )?
            .query_row(params![work.0, seq], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let mut resolved = 0u64;
        for p in self.pending_citations(work, number.as_deref(), key.as_deref())? {
            let Resolution::Work(target) =
                self.resolve_cited(p.cited_number.as_deref(), p.cited_key.as_deref())?
            else {
                continue;
            };
            self.settle(&p, target)?;
            resolved += 1;
        }
        if resolved > 0 {
            self.audit(
                "resolve_citations",
                Some(work),
                None,
                &json!({ "seq": seq, "resolved": resolved }),
            )?;
        }
        Ok(resolved)
    }

    /// The unresolved relations found in the text of other works whose 文号 or title key is
    /// `number` or `key`.
    fn pending_citations(
        &self,
        work: WorkId,
        number: Option<&str>,
        key: Option<&str>,
    ) -> Result<Vec<Pending>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT id, from_work, from_seq, kind, cited_number, cited_key FROM relations
                 WHERE to_work IS NULL AND cited_number = ?1 AND source = 'text'
                   AND from_work <> ?3
                 UNION
                 SELECT id, from_work, from_seq, kind, cited_number, cited_key FROM relations
                 WHERE to_work IS NULL AND cited_key = ?2 AND source = 'text'
                   AND from_work <> ?3
                 ORDER BY id",
            )?
            .query_map(params![number, key, work.0], |r| {
                Ok(Pending {
                    id: r.get(0)?,
                    from: r.get(1)?,
                    from_seq: r.get(2)?,
                    kind: r.get(3)?,
                    cited_number: r.get(4)?,
                    cited_key: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Points a pending relation at the work that now answers it: dropped when that is its
    /// own document, merged into the relation to the same work from the same version when
    /// there is one, else resolved.
    fn settle(&self, p: &Pending, target: WorkId) -> Result<()> {
        let delete = |reg: &Registry| -> Result<()> {
            reg.conn()
                .prepare_cached("DELETE FROM relations WHERE id = ?1")?
                .execute([p.id])?;
            Ok(())
        };
        if target.0 == p.from {
            // The citation names its own document: no relation.
            return delete(self);
        }
        // The same document cited another way in the same version: one relation, 依据
        // when either citation is a basis.
        let existing: Option<(i64, String)> = self
            .conn()
            .prepare_cached(
                "SELECT id, kind FROM relations WHERE from_work = ?1 AND from_seq IS ?2
                   AND to_work = ?3 AND source = 'text'",
            )?
            .query_row(params![p.from, p.from_seq, target.0], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        if let Some((other, other_kind)) = existing {
            if p.kind == RelationKind::Basis.token() && other_kind != p.kind {
                self.conn()
                    .prepare_cached("UPDATE relations SET kind = ?1 WHERE id = ?2")?
                    .execute(params![p.kind, other])?;
            }
            delete(self)?;
        } else {
            self.conn()
                .prepare_cached("UPDATE relations SET to_work = ?1 WHERE id = ?2")?
                .execute(params![target.0, p.id])?;
        }
        Ok(())
    }

    /// Scans the texts of every version again (of one work, or of the whole registry) for
    /// citations, replacing the relations found in text before. One transaction.
    pub fn link(&mut self, only: Option<WorkId>) -> Result<LinkReport> {
        self.atomic(|reg| {
            let versions: Vec<(WorkId, u32)> = match only {
                Some(w) => {
                    reg.work_key_of(w)?;
                    reg.conn()
                        .prepare(
                            "SELECT work_id, seq FROM versions WHERE work_id = ?1 ORDER BY seq",
                        )?
                        .query_map([w.0], |r| Ok((WorkId(r.get(0)?), r.get(1)?)))?
                        .collect::<rusqlite::Result<_>>()?
                }
                None => reg
                    .conn()
                    .prepare("SELECT work_id, seq FROM versions ORDER BY work_id, seq")?
                    .query_map([], |r| Ok((WorkId(r.get(0)?), r.get(1)?)))?
                    .collect::<rusqlite::Result<_>>()?,
            };
            let mut report = LinkReport::default();
            for (work, seq) in versions {
                let body = reg.text(work, seq)?;
                report.add(&reg.link_version(work, seq, &body, None)?);
            }
            Ok(report)
        })
    }

    /// The documents in force on `as_of` that cite, implement or rest on `id`, directly or
    /// through others that do, nearest first (breadth-first; each document once, by its
    /// shortest chain). A relation found in text counts when the citing version is the one in
    /// force on the date; one recorded by hand counts for every version. A document not in
    /// force on the date is neither listed nor followed.
    pub fn impact_report(&self, id: WorkId, as_of: Date) -> Result<ImpactReport> {
        self.impact_report_with(id, as_of, &ImpactOptions::default())
    }

    /// [`Registry::impact_report`] following at most `options.depth` steps, and only the
    /// relations of `options.kinds`; a kind `impact` does not follow is refused.
    pub fn impact_report_with(
        &self,
        id: WorkId,
        as_of: Date,
        options: &ImpactOptions,
    ) -> Result<ImpactReport> {
        if let Some(k) = options.kinds.iter().find(|k| !IMPACT_KINDS.contains(k)) {
            return Err(Error::invalid(
                "kind",
                k.label(),
                "影响分析只沿依据、实施、引用三种关系追溯",
            ));
        }
        if options.depth == Some(0) {
            return Err(Error::invalid("depth", "0", "层数至少为 1"));
        }
        let documents = self.impact_with(id, as_of, options)?;
        Ok(ImpactReport {
            id,
            title: self.work(id)?.latest().meta.title.clone(),
            as_of,
            total: documents.len(),
            documents,
        })
    }

    /// The documents in force on `as_of` that rest on, implement or cite `id`, directly or
    /// through others that do; see [`Registry::impact_report`].
    pub fn impact(&self, id: WorkId, as_of: Date) -> Result<Vec<ImpactEntry>> {
        self.impact_with(id, as_of, &ImpactOptions::default())
    }

    fn impact_with(
        &self,
        id: WorkId,
        as_of: Date,
        options: &ImpactOptions,
    ) -> Result<Vec<ImpactEntry>> {
        self.work_key_of(id)?;
        let snapshot = self.snapshot()?;
        let kinds: Vec<&str> = IMPACT_KINDS
            .iter()
            .filter(|k| options.kinds.is_empty() || options.kinds.contains(k))
            .map(|k| k.token())
            .collect();
        let sql = format!(
            "SELECT r.from_work, r.kind, r.from_seq, a.number, a.suffix, a.eid FROM relations r
             LEFT JOIN articles a ON a.work_id = r.from_work AND a.seq = r.from_seq
                AND a.eid = r.eid
             WHERE r.to_work = ?1 AND r.kind IN ('{}') AND {} ORDER BY r.from_work, r.id",
            kinds.join("','"),
            super::standing(crate::model::RecordKind::Relation, "r", Some(as_of))
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let mut out: Vec<ImpactEntry> = Vec::new();
        let mut seen: HashSet<WorkId> = HashSet::from([id]);
        let mut paths: HashMap<WorkId, Vec<WorkId>> = HashMap::from([(id, vec![id])]);
        let mut queue: VecDeque<(WorkId, u32)> = VecDeque::from([(id, 0)]);
        while let Some((target, depth)) = queue.pop_front() {
            if options.depth.is_some_and(|most| depth >= most) {
                continue;
            }
            type Row = (
                i64,
                String,
                Option<u32>,
                Option<u32>,
                Option<u32>,
                Option<String>,
            );
            let mut rows: Vec<Row> = stmt
                .query_map([target.0], |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                    ))
                })?
                .collect::<rusqlite::Result<_>>()?;
            // Per citing document, the strongest relation first: 依据, 实施, 引用.
            let rank = |k: &str| IMPACT_KINDS.iter().position(|x| x.token() == k);
            rows.sort_by_key(|r| (r.0, rank(&r.1)));
            for (from, kind, from_seq, number, suffix, eid) in rows {
                let from = WorkId(from);
                if seen.contains(&from) {
                    continue;
                }
                let Some(facts) = snapshot.get(from) else {
                    continue;
                };
                let Some(in_force) = facts.version_in_force(as_of) else {
                    continue;
                };
                if from_seq.is_some_and(|s| s != in_force.seq) {
                    continue;
                }
                let status = facts.status_as_of(as_of);
                seen.insert(from);
                if !status.in_force() {
                    continue;
                }
                let mut path = paths.get(&target).cloned().unwrap_or_default();
                path.push(from);
                paths.insert(from, path.clone());
                out.push(ImpactEntry {
                    id: from,
                    title: in_force.title.clone(),
                    doc_number: in_force.doc_number.clone(),
                    status,
                    depth: depth + 1,
                    kind: RelationKind::parse(&kind)?,
                    via: target,
                    version: from_seq,
                    article: number.map(|n| unit_label(n, suffix, eid.as_deref().unwrap_or(""))),
                    path,
                });
                queue.push_back((from, depth + 1));
            }
        }
        Ok(out)
    }
}

/// Words that a 文号 cited on its own often follows, and that the citation finder may read as
/// the start of its 机关代字 (`按照潜自然资规〔2022〕4号要求`, `符合潜政规〔2021〕9号规定`).
const LEAD_WORDS: [&str; 14] = [
    "按照", "依照", "依据", "根据", "符合", "执行", "参照", "贯彻", "落实", "对照", "遵照", "按",
    "依", "据",
];

/// A canonical 文号 without a leading word of [`LEAD_WORDS`], when what is left still has an
/// agency of two characters or more.
fn without_lead_words(canonical: &str) -> String {
    for w in LEAD_WORDS {
        if let Some(rest) = canonical.strip_prefix(w) {
            let agency = rest.split(['〔', '第']).next().unwrap_or("");
            if agency.chars().count() >= 2 {
                return rest.to_owned();
            }
        }
    }
    canonical.to_owned()
}

/// The citation as written in the text.
fn cited_text(body: &str, c: &Citation) -> String {
    body.get(c.start..c.end).unwrap_or_default().to_owned()
}

/// Where an article stands in its version's text, and its eId.
struct ArticleSpan {
    start: usize,
    end: usize,
    eid: String,
}

impl ArticleSpan {
    fn new(start: usize, end: usize, eid: &str) -> ArticleSpan {
        ArticleSpan {
            start,
            end,
            eid: eid.to_owned(),
        }
    }
}

/// The article whose range holds a byte offset.
fn article_holding(articles: &[ArticleSpan], offset: usize) -> Option<&ArticleSpan> {
    articles
        .iter()
        .find(|a| a.start <= offset && offset < a.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_words_are_dropped_from_cited_numbers() {
        assert_eq!(
            without_lead_words("按照潜自然资规〔2022〕4号"),
            "潜自然资规〔2022〕4号"
        );
        assert_eq!(
            without_lead_words("符合潜政规〔2021〕9号"),
            "潜政规〔2021〕9号"
        );
        assert_eq!(
            without_lead_words("国办发〔2023〕27号"),
            "国办发〔2023〕27号"
        );
        // `依法` is not `依` + an agency of two characters.
        assert_eq!(without_lead_words("依法〔1998〕86号"), "依法〔1998〕86号");
    }
}
