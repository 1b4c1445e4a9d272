//! The reading side of the index: queries, scope, ranking, facets and snippets.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;
use tantivy::collector::Collector;
use tantivy::columnar::Column;
use tantivy::query::{
    AllQuery, Bm25StatisticsProvider, BooleanQuery, BoostQuery, EmptyQuery, EnableScoring, Occur,
    PhraseQuery, Query as TantivyQuery, TermQuery,
};
use tantivy::schema::{Field as SchemaField, IndexRecordOption};
use tantivy::{Executor, Searcher, Term};
use time::Date;

use super::collector::{self, ScopedCollector, unvid};
use super::damage::Damage;
use super::guard::guarded;
use super::outline::Outline;
use super::query::{self, Clause, Field, Item};
use super::question::{self, QueryMode, Term as QueryTerm};
use super::rank::{self, DocFacts, Ranked, Ranking, Weighted};
use super::scope::{Conditions, Filter, Scope, ScopeKey, StatusScope};
use super::{SCOPES_KEPT, SNIPPET_CHARS, SearchIndex, analyzer, index_err, snippet};
use crate::error::{Error, Result};
use crate::model::{Status, WorkId};
use crate::store::{Registry, Snapshot};
use crate::text::normalize::search_form;

/// Above this many postings (the sum of the document frequencies of a query's terms), the
/// segments are searched in parallel.
const PARALLEL_POSTINGS: u64 = 200_000;

/// The statistics of one search, each read from the searcher once: the document frequency of
/// a term (looked up in every segment's dictionary) is asked for when a phrase's bigrams are
/// chosen and again when BM25 weighs them, the token count of a field by every term's weight.
/// BM25's requests are counted as the postings the query will read.
struct Stats<'a> {
    searcher: &'a Searcher,
    freqs: RefCell<Vec<(Term, u64)>>,
    tokens: RefCell<Vec<(SchemaField, u64)>>,
    postings: Cell<u64>,
}

impl<'a> Stats<'a> {
    fn new(searcher: &'a Searcher) -> Stats<'a> {
        Stats {
            searcher,
            freqs: RefCell::new(Vec::new()),
            tokens: RefCell::new(Vec::new()),
            postings: Cell::new(0),
        }
    }

    /// How many documents hold the term.
    fn frequency(&self, term: &Term) -> tantivy::Result<u64> {
        if let Some((_, n)) = self.freqs.borrow().iter().find(|(t, _)| t == term) {
            return Ok(*n);
        }
        let n = self.searcher.doc_freq(term)?;
        self.freqs.borrow_mut().push((term.clone(), n));
        Ok(n)
    }
}

impl Bm25StatisticsProvider for Stats<'_> {
    fn total_num_tokens(&self, field: SchemaField) -> tantivy::Result<u64> {
        if let Some((_, n)) = self.tokens.borrow().iter().find(|(f, _)| *f == field) {
            return Ok(*n);
        }
        let n = self.searcher.total_num_tokens(field)?;
        self.tokens.borrow_mut().push((field, n));
        Ok(n)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        self.searcher.total_num_docs()
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        let n = self.frequency(term)?;
        self.postings.set(self.postings.get() + n);
        Ok(n)
    }
}

/// Options of a search.
#[derive(Debug, Clone)]
pub struct SearchOptions {
    /// Which statuses on `as_of` are searched: those in force (有效, 待修订) by default.
    pub status: StatusScope,
    /// The date statuses and versions are reckoned on; today when `None`.
    pub as_of: Option<Date>,
    /// Search every version, superseded ones included, not only the one in force.
    pub all_versions: bool,
    /// Only this kind (效力级别 / 文件类型), exactly.
    pub kind: Option<String>,
    /// Only documents whose issuer contains this text.
    pub issuer: Option<String>,
    /// The year the work was first issued.
    pub year: Option<i32>,
    /// The most hits to return (a page).
    pub limit: usize,
    /// How many ranked hits to skip before the page starts.
    pub offset: usize,
    /// Whether hits get snippets and articles.
    pub snippets: bool,
    /// Whether the hits are documents or articles.
    pub unit: Unit,
    /// How the query is read: by the rule (see `question`), as keywords or as a question.
    pub mode: QueryMode,
    /// How questions are ranked; the defaults are the measured ones.
    pub ranking: Ranking,
}

/// What a search returns as hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = SearchUnit))]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Versions of documents, one hit each.
    #[default]
    Document,
    /// Articles (条), several per document when they rank; a text without articles is one.
    Article,
}

impl Unit {
    /// Parses `document` (文件) or `article` (条).
    pub fn parse(s: &str) -> Result<Unit> {
        match s.trim() {
            "document" | "documents" | "文件" => Ok(Unit::Document),
            "article" | "articles" | "条" => Ok(Unit::Article),
            _ => Err(Error::invalid(
                "unit",
                s,
                "expected `document` or `article`",
            )),
        }
    }
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            status: StatusScope::InForce,
            as_of: None,
            all_versions: false,
            kind: None,
            issuer: None,
            year: None,
            limit: 20,
            offset: 0,
            snippets: true,
            unit: Unit::Document,
            mode: QueryMode::Auto,
            ranking: Ranking::default(),
        }
    }
}

/// One hit: a version of a work.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Hit {
    /// The registry's id of the work.
    pub id: WorkId,
    /// The external key of the version hit, if it has one.
    pub key: Option<String>,
    /// The work key.
    pub work: String,
    /// The sequence number of the version hit within its work.
    pub version: u32,
    /// The version's title.
    pub title: String,
    /// The version's 文号 in canonical form, if it has one.
    pub doc_number: Option<String>,
    /// 效力级别 / 文件类型 of the version.
    pub kind: String,
    /// The issuing body or bodies.
    pub issuer: String,
    /// The work's status on the date asked about.
    pub status: Status,
    /// The ranking score: higher ranks first; comparable within one search only.
    pub score: f32,
    /// A window of the text (or the title) around a match, matches marked: in the hit's
    /// article when it has one, else around the first match.
    pub snippet: Option<String>,
    /// The article (第N条): for an article hit, the article; for a question, the document's
    /// best-matching article; for keywords, the article of the first match.
    pub article: Option<String>,
    /// The headings (编/章/节) the article stands under, outermost first (questions and article
    /// hits).
    pub path: Vec<String>,
    /// An article hit's text (its heading included); `None` for document hits and for a text
    /// without articles.
    pub text: Option<String>,
    /// The version is older than the one in force on the date (已修改): only with
    /// `all_versions`. Left out of JSON when false.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub superseded: bool,
}

/// Counts of the matches (all of them, not only the page) by a field's values.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Facets {
    /// By status on the date asked about, keyed by token (`valid`, `repealed`, …).
    pub status: BTreeMap<String, u64>,
    /// By kind (效力级别 / 文件类型).
    pub kind: BTreeMap<String, u64>,
    /// By issuing body.
    pub issuer: BTreeMap<String, u64>,
    /// By year first issued; the empty key counts works without a date.
    pub year: BTreeMap<String, u64>,
}

/// The result of a search.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchResults {
    /// Matches in scope: documents; for article hits, the articles where a word occurs, in
    /// the documents whose articles were scored.
    pub total: u64,
    /// The page of hits asked for, best first.
    pub hits: Vec<Hit>,
    /// Counts of all the matches by status, kind, issuer and year.
    pub facets: Facets,
    /// The date statuses and versions were reckoned on.
    #[serde(with = "crate::model::serde_date")]
    pub as_of: Date,
    /// What the hits are.
    pub unit: Unit,
    /// How the query was read: `keywords` or `question`.
    pub mode: QueryMode,
    /// For a question, the words looked for and their weights.
    pub terms: Vec<QueryTerm>,
}

impl SearchIndex {
    /// Brings the index up to the registry's change `head`, unless this handle already did (or
    /// a transaction is open: the index never holds uncommitted versions).
    fn catch_up(&self, reg: &Registry, head: i64) -> Result<()> {
        if reg.in_transaction() {
            return Ok(());
        }
        let seen = self.seen.lock().map(|s| *s).unwrap_or(-1);
        if seen == head {
            return Ok(());
        }
        let report = self.sync(reg)?;
        if report.busy || report.indexed == 0 {
            // Another process may have committed: look at its work.
            self.tantivy().reader.reload().map_err(index_err)?;
        }
        Ok(())
    }

    /// Searches; see the `query` module for the language and the `question` module for the
    /// rule that tells a question from keywords.
    ///
    /// The index first catches up with the store. A failure while reading it (a damaged file;
    /// tantivy's panics are caught) empties it, fills it again from the store and searches
    /// once more; the damage is kept for [`SearchIndex::take_repairs`].
    pub fn search(
        &self,
        reg: &Registry,
        query: &str,
        opts: &SearchOptions,
    ) -> Result<SearchResults> {
        // The one look at the store a search needs when nothing changed: the index and the
        // snapshot are both compared with this change number.
        let head = reg.change_seq()?;
        self.catch_up(reg, head)?;
        let first = {
            let searcher = self.tantivy().reader.searcher();
            guarded("searching the index", || {
                self.search_in(&searcher, reg, head, query, opts)
            })
        };
        match first {
            Err(Error::Index(message)) if !reg.in_transaction() => {
                self.repair(Damage::Unreadable { message })?;
                self.sync(reg)?;
                let searcher = self.tantivy().reader.searcher();
                guarded("searching the index", || {
                    self.search_in(&searcher, reg, head, query, opts)
                })
            }
            other => other,
        }
    }

    /// Searches the index as `searcher` sees it, the registry being at change `head`.
    ///
    /// Long on purpose: the steps of a search (parse or read the question, scope, collect, rank,
    /// page, facets, snippets) are run in order over the same snapshot and scope; each step is one
    /// call, and the function reads as the list of them. A query that cannot match (a bigram of
    /// each way to match it never occurs) or matches nothing returns before the scope, the
    /// facets and the snippets.
    fn search_in(
        &self,
        searcher: &Searcher,
        reg: &Registry,
        head: i64,
        query: &str,
        opts: &SearchOptions,
    ) -> Result<SearchResults> {
        let ranked = opts.mode.ranks(query);
        let (parsed, terms) = if ranked {
            let terms = question::terms(query, &opts.ranking.expansion);
            if terms.is_empty() {
                return Err(Error::invalid("query", query, "nothing to search in it"));
            }
            (query::Query::default(), terms)
        } else {
            (query::parse(query)?, Vec::new())
        };
        let as_of = crate::date::as_of_or_today(opts.as_of)?;

        let mut conditions = Conditions::default();
        if let Some(k) = &opts.kind {
            conditions.groups.push(vec![Filter::Kind(search_form(k))]);
        }
        if let Some(i) = &opts.issuer {
            conditions.groups.push(vec![Filter::Issuer(search_form(i))]);
        }
        if let Some(y) = opts.year {
            conditions.groups.push(vec![Filter::Year(y)]);
        }
        let mut needles: Vec<String> = Vec::new();
        let stats = Stats::new(searcher);
        let tantivy_query = if ranked {
            self.question_query(&stats, &terms, &mut needles)
        } else {
            self.keyword_query(&stats, query, &parsed, &mut conditions, &mut needles)?
        };
        let mode = if ranked {
            QueryMode::Question
        } else {
            QueryMode::Keywords
        };
        let nothing = |terms| SearchResults {
            total: 0,
            hits: Vec::new(),
            facets: Facets::default(),
            as_of,
            unit: opts.unit,
            mode,
            terms,
        };
        if cannot_match(tantivy_query.as_ref()) {
            return Ok(nothing(terms));
        }

        let snapshot = reg.snapshot_at(head)?;
        let scope = self.scope(&snapshot, as_of, opts, &conditions);
        let wanted = opts.offset.saturating_add(opts.limit);
        let by_articles = ranked || opts.unit == Unit::Article;
        let collector = ScopedCollector {
            scope: Arc::clone(&scope),
            vids: self.vid_columns(searcher)?,
            top: if by_articles {
                wanted.max(opts.ranking.documents)
            } else {
                wanted
            },
        };
        if scope.is_empty() {
            return Ok(nothing(terms));
        }
        let collected = self.collect(&stats, tantivy_query.as_ref(), &collector)?;
        if collected.matches.is_empty() {
            return Ok(nothing(terms));
        }
        let facets = facets(&snapshot, &scope, &collected.matches);
        let mut results = SearchResults {
            total: collected.matches.len() as u64,
            hits: Vec::new(),
            facets,
            as_of,
            unit: opts.unit,
            mode,
            terms,
        };

        if !by_articles {
            let page: Vec<collector::Scored> =
                collected.top.iter().skip(opts.offset).copied().collect();
            if !opts.snippets {
                results.hits.extend(
                    page.iter()
                        .filter_map(|s| self.hit(&snapshot, s.vid, s.score, as_of)),
                );
                return Ok(results);
            }
            let located = rank::locate(
                searcher,
                (self.fields.body_exact, self.fields.outline),
                &needles,
                &page,
            )?;
            // The page's texts are read in one read transaction: the store's locks once.
            reg.reading(|| {
                for (i, scored) in page.iter().enumerate() {
                    let Some(mut hit) = self.hit(&snapshot, scored.vid, scored.score, as_of) else {
                        continue;
                    };
                    // The article of the first match, from the index: only the bytes of the
                    // article and its headings are read.
                    let found = located.get(i).and_then(Option::as_ref).and_then(|at| {
                        let unit = at.unit?;
                        Some((&at.outline, unit, at.outline.span(unit)?))
                    });
                    let mut done = false;
                    if let Some((outline, unit, (start, end))) = found {
                        let (start, end) = (start as usize, end as usize);
                        let text = reg.text_bytes(hit.id, hit.version, start, end)?;
                        let a = article(&text, start, outline, unit, &needles, false);
                        if a.snippet.is_some() {
                            (hit.snippet, hit.article, hit.path) = (a.snippet, a.label, a.path);
                            done = true;
                        }
                    }
                    if !done {
                        (hit.snippet, hit.article) = hit_context(
                            &mut |chars| reg.text_prefix(hit.id, hit.version, chars),
                            &hit.title,
                            &needles,
                        )?;
                    }
                    results.hits.push(hit);
                }
                Ok(())
            })?;
            return Ok(results);
        }

        // Articles are scored for the words (a question's, weighted; or the keywords' literals).
        let weighted: Vec<Weighted> = if ranked {
            results
                .terms
                .iter()
                .map(|t| Weighted {
                    text: t.text.clone(),
                    weight: t.weight,
                    original: t.from.is_none(),
                })
                .collect()
        } else {
            needles
                .iter()
                .map(|n| Weighted {
                    text: n.clone(),
                    weight: 1.0,
                    original: true,
                })
                .collect()
        };
        let facts = |vid: u64| -> Option<DocFacts> {
            let (work, seq) = unvid(vid);
            let w = snapshot.get(WorkId(work))?;
            let v = w.versions.iter().find(|x| x.seq == seq)?;
            let lapsed = matches!(
                scope.status(work as u64),
                Some(Status::Repealed | Status::Invalidated | Status::Expired)
            ) || w.describing_version(as_of).seq != seq;
            Some(DocFacts {
                title: search_form(&v.title),
                kind: v.kind.clone(),
                lapsed,
            })
        };
        let ranked_units = rank::rank(
            searcher,
            (self.fields.body_exact, self.fields.outline),
            &weighted,
            &collected.top,
            &facts,
            &opts.ranking,
        )?;
        let mut texts = Texts::default();
        // The texts are read in one read transaction: the store's locks once.
        reg.reading(|| {
            match opts.unit {
                Unit::Document => {
                    for doc in ranked_units.docs.iter().skip(opts.offset).take(opts.limit) {
                        let Some(mut hit) = self.hit(&snapshot, doc.vid, doc.score, as_of) else {
                            continue;
                        };
                        if opts.snippets {
                            match doc.best {
                                Some(unit) => {
                                    let chars =
                                        doc.outline.units.get(unit).map_or(0, |u| u.char_end);
                                    let text =
                                        texts.get(reg, hit.id, hit.version, chars as usize)?;
                                    let a = article(
                                        text.as_bytes(),
                                        0,
                                        &doc.outline,
                                        unit,
                                        &needles,
                                        false,
                                    );
                                    (hit.snippet, hit.article, hit.path) =
                                        (a.snippet, a.label, a.path);
                                }
                                None => {
                                    (hit.snippet, hit.article) = hit_context(
                                        &mut |chars| reg.text_prefix(hit.id, hit.version, chars),
                                        &hit.title,
                                        &needles,
                                    )?;
                                }
                            }
                        }
                        results.hits.push(hit);
                    }
                }
                Unit::Article => {
                    results.total = ranked_units.units.len() as u64;
                    self.article_hits(
                        reg,
                        &snapshot,
                        &ranked_units,
                        &needles,
                        opts,
                        as_of,
                        &mut texts,
                        &mut results.hits,
                    )?;
                }
            }
            Ok(())
        })?;
        Ok(results)
    }

    /// Runs a query through the collector: on this thread when its terms' postings are few (a
    /// selective query answers in microseconds, which handing segments to other threads would
    /// multiply), on one thread per segment otherwise.
    fn collect(
        &self,
        stats: &Stats,
        query: &dyn TantivyQuery,
        collector: &ScopedCollector,
    ) -> Result<collector::Collected> {
        let searcher = stats.searcher;
        let scoring = if collector.requires_scoring() {
            EnableScoring::enabled_from_statistics_provider(stats, searcher)
        } else {
            EnableScoring::disabled_from_searcher(searcher)
        };
        let weight = query.weight(scoring).map_err(index_err)?;
        let single = Executor::single_thread();
        let executor = if stats.postings.get() > PARALLEL_POSTINGS {
            searcher.index().search_executor()
        } else {
            &single
        };
        let fruits = executor
            .map(
                |(ord, reader)| collector.collect_segment(weight.as_ref(), ord as u32, reader),
                searcher.segment_readers().iter().enumerate(),
            )
            .map_err(index_err)?;
        collector.merge_fruits(fruits).map_err(index_err)
    }

    /// The `vid` column of each segment of the searcher, by ordinal: from the cache, where
    /// columns of segments no longer searched are dropped.
    fn vid_columns(&self, searcher: &Searcher) -> Result<Vec<Column<u64>>> {
        let readers = searcher.segment_readers();
        let mut cache = match self.vids.lock() {
            Ok(c) => c,
            Err(poisoned) => poisoned.into_inner(),
        };
        let mut columns = Vec::with_capacity(readers.len());
        for reader in readers {
            let id = reader.segment_id();
            let column = match cache.iter().find(|(s, _)| *s == id) {
                Some((_, c)) => c.clone(),
                None => {
                    let c = reader
                        .fast_fields()
                        .u64(collector::VID)
                        .map_err(index_err)?;
                    cache.push((id, c.clone()));
                    c
                }
            };
            columns.push(column);
        }
        if cache.len() > readers.len() {
            cache.retain(|(s, _)| readers.iter().any(|r| r.segment_id() == *s));
        }
        Ok(columns)
    }

    /// A hit for a version, without snippet or article.
    fn hit(&self, snapshot: &Snapshot, vid: u64, score: f32, as_of: Date) -> Option<Hit> {
        let (work, seq) = unvid(vid);
        let id = WorkId(work);
        let w = snapshot.get(id)?;
        let ver = w.versions.iter().find(|x| x.seq == seq)?;
        Some(Hit {
            id,
            key: ver.key.clone(),
            work: w.work_key.clone(),
            version: seq,
            title: ver.title.clone(),
            doc_number: ver.doc_number.clone(),
            kind: ver.kind.clone(),
            issuer: ver.issuer.clone(),
            status: w.status_as_of(as_of),
            score,
            snippet: None,
            article: None,
            path: Vec::new(),
            text: None,
            superseded: w
                .version_in_force(as_of)
                .is_some_and(|in_force| seq < in_force.seq),
        })
    }

    /// The page of article hits, best first; an article whose text is the same as a better
    /// one's is left out when the ranking says so.
    #[allow(clippy::too_many_arguments)]
    fn article_hits(
        &self,
        reg: &Registry,
        snapshot: &Snapshot,
        ranked: &Ranked,
        needles: &[String],
        opts: &SearchOptions,
        as_of: Date,
        texts: &mut Texts,
        hits: &mut Vec<Hit>,
    ) -> Result<()> {
        let mut seen: rustc_hash::FxHashSet<u64> = rustc_hash::FxHashSet::default();
        let mut skipped = 0usize;
        for u in &ranked.units {
            if hits.len() >= opts.limit {
                break;
            }
            let doc = &ranked.docs[u.doc];
            let Some(mut hit) = self.hit(snapshot, doc.vid, u.score, as_of) else {
                continue;
            };
            let chars = doc.outline.units.get(u.unit).map_or(0, |x| x.char_end);
            let text = texts.get(reg, hit.id, hit.version, chars as usize)?;
            let a = article(text.as_bytes(), 0, &doc.outline, u.unit, needles, true);
            if opts.ranking.fold_duplicates
                && let Some(fingerprint) = a.fingerprint
                && !seen.insert(fingerprint)
            {
                continue;
            }
            if skipped < opts.offset {
                skipped += 1;
                continue;
            }
            (hit.article, hit.path, hit.text) = (a.label, a.path, a.text);
            if opts.snippets {
                hit.snippet = a.snippet;
            }
            hits.push(hit);
        }
        Ok(())
    }

    /// The query of a question: any of its words, each in the title (counting double) or the
    /// text, weighted.
    fn question_query(
        &self,
        stats: &Stats,
        terms: &[QueryTerm],
        needles: &mut Vec<String>,
    ) -> Box<dyn TantivyQuery> {
        let f = &self.fields;
        let mut any: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
        for t in terms {
            let mut sides: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
            if let Some(q) = exact(stats, Side::Title, f.title_exact, f.title_uni, &t.text) {
                sides.push((Occur::Should, Box::new(BoostQuery::new(q, 2.0))));
            }
            if let Some(q) = exact(stats, Side::Body, f.body_exact, f.body_uni, &t.text) {
                sides.push((Occur::Should, q));
            }
            if sides.is_empty() {
                continue;
            }
            any.push((
                Occur::Should,
                Box::new(BoostQuery::new(
                    Box::new(BooleanQuery::new(sides)),
                    t.weight,
                )),
            ));
            needles.push(t.text.clone());
        }
        // Snippets mark the words of two characters or more: a single character (人, 家) would
        // be marked all over the text. It is kept when nothing else is.
        if needles.iter().any(|n| n.chars().nth(1).is_some()) {
            needles.retain(|n| n.chars().nth(1).is_some());
        }
        Box::new(BooleanQuery::new(any))
    }

    /// The query of keywords (the query language), with its filters added to the conditions.
    fn keyword_query(
        &self,
        stats: &Stats,
        query: &str,
        parsed: &query::Query,
        conditions: &mut Conditions,
        needles: &mut Vec<String>,
    ) -> Result<Box<dyn TantivyQuery>> {
        let mut musts: Vec<Box<dyn TantivyQuery>> = Vec::new();
        let mut nots: Vec<Box<dyn TantivyQuery>> = Vec::new();
        let mut rank: Vec<Box<dyn TantivyQuery>> = Vec::new();
        for clause in &parsed.clauses {
            match clause {
                Clause::Must(item) if item.field.is_filter() => {
                    conditions
                        .groups
                        .extend(Filter::from_item(item).map(|f| vec![f]));
                }
                Clause::Not(item) if item.field.is_filter() => {
                    conditions.excluded.extend(Filter::from_item(item));
                }
                Clause::Any(items) if items[0].field.is_filter() => {
                    conditions
                        .groups
                        .push(items.iter().filter_map(Filter::from_item).collect());
                }
                Clause::Must(item) => {
                    musts.push(self.match_query(stats, item, query)?);
                    self.ranking(stats, item, &mut rank, needles);
                }
                Clause::Not(item) => {
                    let q = self.match_query(stats, item, query)?;
                    if !cannot_match(q.as_ref()) {
                        nots.push(q);
                    }
                }
                Clause::Any(items) => {
                    let mut any: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
                    for item in items {
                        any.push((Occur::Should, self.match_query(stats, item, query)?));
                        self.ranking(stats, item, &mut rank, needles);
                    }
                    musts.push(if any.iter().all(|(_, q)| cannot_match(q.as_ref())) {
                        Box::new(EmptyQuery)
                    } else {
                        Box::new(BooleanQuery::new(any))
                    });
                }
            }
        }
        if musts.iter().any(|q| cannot_match(q.as_ref())) {
            return Ok(Box::new(EmptyQuery));
        }
        let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
        if musts.is_empty() {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        clauses.extend(musts.into_iter().map(|q| (Occur::Must, q)));
        clauses.extend(nots.into_iter().map(|q| (Occur::MustNot, q)));
        clauses.extend(rank.into_iter().map(|q| (Occur::Should, q)));
        Ok(Box::new(BooleanQuery::new(clauses)))
    }

    /// The scope of a search, from the cache when the same one was computed on the same
    /// snapshot.
    fn scope(
        &self,
        snapshot: &crate::store::Snapshot,
        as_of: Date,
        opts: &SearchOptions,
        conditions: &Conditions,
    ) -> Arc<Scope> {
        let of_snapshot = |k: &ScopeKey| k.seq == snapshot.seq && k.head == snapshot.head;
        let is_key = |k: &ScopeKey| {
            of_snapshot(k)
                && k.as_of == as_of
                && k.status == opts.status
                && k.all_versions == opts.all_versions
                && k.conditions == *conditions
        };
        if let Ok(cache) = self.scopes.lock()
            && let Some((_, s)) = cache.iter().find(|(k, _)| is_key(k))
        {
            return Arc::clone(s);
        }
        let scope = Arc::new(Scope::build(
            snapshot,
            as_of,
            &opts.status,
            opts.all_versions,
            conditions,
        ));
        if let Ok(mut cache) = self.scopes.lock() {
            // Scopes of older snapshots are stale.
            cache.retain(|(k, _)| of_snapshot(k));
            let key = ScopeKey {
                seq: snapshot.seq,
                head: snapshot.head.clone(),
                as_of,
                status: opts.status.clone(),
                all_versions: opts.all_versions,
                conditions: conditions.clone(),
            };
            cache.insert(0, (key, Arc::clone(&scope)));
            cache.truncate(SCOPES_KEPT);
        }
        scope
    }

    /// The literal strings an item must contain: the phrase itself when quoted, else each of
    /// its words.
    fn literals(item: &Item) -> Vec<String> {
        let form = search_form(&item.text);
        if item.quoted {
            vec![form]
        } else {
            let words: Vec<String> = analyzer::words(&form)
                .into_iter()
                .map(str::to_owned)
                .collect();
            if words.is_empty() { vec![form] } else { words }
        }
    }

    /// The query that decides whether a document matches an item: every literal occurs, in
    /// the title (for `title:`) or in the title or the text.
    fn match_query(
        &self,
        stats: &Stats,
        item: &Item,
        query: &str,
    ) -> Result<Box<dyn TantivyQuery>> {
        let f = &self.fields;
        let mut all: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
        for literal in Self::literals(item) {
            let in_title = exact(stats, Side::Title, f.title_exact, f.title_uni, &literal);
            let q: Box<dyn TantivyQuery> = match (in_title, item.field) {
                (None, _) => {
                    return Err(Error::invalid(
                        "query",
                        query,
                        format!(
                            "at column {}: nothing to search in `{}`",
                            item.column, item.text
                        ),
                    ));
                }
                (Some(t), Field::Title) => t,
                (Some(t), _) => {
                    let body = exact(stats, Side::Body, f.body_exact, f.body_uni, &literal)
                        .unwrap_or_else(|| Box::new(AllQuery));
                    // A side that cannot match is left out of the union (tantivy's union
                    // seeks in an exhausted phrase scorer when an empty one sits beside it).
                    let mut sides: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
                    if !cannot_match(t.as_ref()) {
                        sides.push((Occur::Should, Box::new(BoostQuery::new(t, 2.0))));
                    }
                    if !cannot_match(body.as_ref()) {
                        sides.push((Occur::Should, body));
                    }
                    if sides.is_empty() {
                        Box::new(EmptyQuery)
                    } else {
                        Box::new(BooleanQuery::new(sides))
                    }
                }
            };
            all.push((Occur::Must, q));
        }
        if all.iter().any(|(_, q)| cannot_match(q.as_ref())) {
            return Ok(Box::new(EmptyQuery));
        }
        Ok(if all.len() == 1 {
            all.pop()
                .map(|(_, q)| q)
                .unwrap_or_else(|| Box::new(AllQuery))
        } else {
            Box::new(BooleanQuery::new(all))
        })
    }

    /// Adds the queries that rank matches beyond the matching ones (whose BM25 over the exact
    /// postings ranks the text): the item's jieba words in titles, three times, and an unquoted
    /// term's words side by side; and the literals to mark in snippets.
    fn ranking(
        &self,
        stats: &Stats,
        item: &Item,
        rank: &mut Vec<Box<dyn TantivyQuery>>,
        needles: &mut Vec<String>,
    ) {
        let f = &self.fields;
        let form = search_form(&item.text);
        // A quoted phrase ranks by its own postings (and counts double in titles, see
        // `match_query`); an unquoted term also by its words in titles.
        let title_words = if item.quoted {
            Vec::new()
        } else {
            analyzer::words(&form)
        };
        for w in title_words {
            rank.push(Box::new(BoostQuery::new(
                Box::new(TermQuery::new(
                    Term::from_field_text(f.title_words, w),
                    IndexRecordOption::WithFreqs,
                )),
                3.0,
            )));
        }
        // An unquoted term of several words ranks higher where its words stand together.
        let literals = Self::literals(item);
        if !item.quoted
            && literals.len() > 1
            && let Some(whole) = exact(stats, Side::Body, f.body_exact, f.body_uni, &form)
        {
            rank.push(Box::new(BoostQuery::new(whole, 1.5)));
        }
        needles.extend(literals);
    }
}

/// Counts every match by status (from the scope, which holds each work's status on the date),
/// kind, issuer and year, borrowing the values from the snapshot until the end.
fn facets(snapshot: &crate::store::Snapshot, scope: &Scope, matches: &[u64]) -> Facets {
    let mut status = [0u64; Status::ALL.len()];
    let mut kind = vec![0u64; snapshot.kinds().len()];
    let mut issuer = vec![0u64; snapshot.issuers().len()];
    let mut year: std::collections::HashMap<Option<i32>, u64> = std::collections::HashMap::new();
    for &v in matches {
        let (work, seq) = unvid(v);
        let Some((mut k, mut i, y)) = scope.description(work as u64) else {
            continue;
        };
        if scope.all_versions && !scope.describes(work as u64, seq) {
            // Another version than the one describing its work (rarely: looked up).
            let Some(ver) = snapshot
                .get(WorkId(work))
                .and_then(|w| w.versions.iter().find(|x| x.seq == seq))
            else {
                continue;
            };
            (k, i) = (ver.kind_id, ver.issuer_id);
        }
        if let Some(s) = scope.status_index(work as u64) {
            status[s] += 1;
        }
        kind[k as usize] += 1;
        issuer[i as usize] += 1;
        *year.entry(y).or_default() += 1;
    }
    let named = |counts: Vec<u64>, names: &[String]| -> BTreeMap<String, u64> {
        counts
            .into_iter()
            .zip(names)
            .filter(|(n, _)| *n > 0)
            .map(|(n, name)| (name.clone(), n))
            .collect()
    };
    Facets {
        status: Status::ALL
            .iter()
            .zip(status)
            .filter(|(_, n)| *n > 0)
            .map(|(s, n)| (s.token().to_owned(), n))
            .collect(),
        kind: named(kind, snapshot.kinds()),
        issuer: named(issuer, snapshot.issuers()),
        year: year
            .into_iter()
            .map(|(y, n)| (y.map(|y| y.to_string()).unwrap_or_default(), n))
            .collect(),
    }
}

/// Which side of a document a query is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Title,
    Body,
}

/// The exact-substring query for a literal in search form on one side (title or text):
/// one character through the unigram field; two as one bigram; more as a phrase of bigrams
/// covering every character (those at even offsets and the last one). When a term of the
/// query never occurs on that side the literal cannot, and the query is empty (`EmptyQuery`,
/// which [`cannot_match`] recognises). In the text, every bigram of the literal is looked up:
/// when one in between is rarer than those of the cover, it joins the phrase, so that the
/// postings it leads are few (an absent or rare phrase of common bigrams is then cheap to rule
/// out). Titles are short: their phrases keep the cover. `None` for an empty literal.
fn exact(
    stats: &Stats,
    side: Side,
    bigram_field: SchemaField,
    unigram_field: SchemaField,
    literal: &str,
) -> Option<Box<dyn TantivyQuery>> {
    // A term whose frequency cannot be read counts as frequent: the search itself then meets
    // the failure.
    let df = |t: &Term| stats.frequency(t).unwrap_or(u64::MAX);
    let chars: Vec<(usize, char)> = literal.char_indices().collect();
    match chars.len() {
        0 => None,
        n @ (1 | 2) => {
            if chars[0].1.is_whitespace() && n == 1 {
                return None;
            }
            let field = if n == 1 { unigram_field } else { bigram_field };
            let term = Term::from_field_text(field, literal);
            if df(&term) == 0 {
                return Some(Box::new(EmptyQuery));
            }
            Some(Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)))
        }
        n => {
            let bigram = |i: usize| -> (usize, Term) {
                let start = chars[i].0;
                let end = chars.get(i + 2).map_or(literal.len(), |c| c.0);
                (i, Term::from_field_text(bigram_field, &literal[start..end]))
            };
            let mut terms: Vec<(usize, Term)> = (0..n - 1).step_by(2).map(bigram).collect();
            if !(n - 2).is_multiple_of(2) {
                terms.push(bigram(n - 2));
            }
            // The postings of the rarest bigram lead the phrase's intersection: if one of
            // those in between is rarer than every one of the cover, it joins. One that
            // never occurs rules the literal out.
            let mut rarest: Option<(u64, (usize, Term))> = None;
            if side == Side::Body && n > 3 {
                for i in (1..n - 1).step_by(2).filter(|&i| i != n - 2) {
                    let b = bigram(i);
                    let d = df(&b.1);
                    if d == 0 {
                        return Some(Box::new(EmptyQuery));
                    }
                    if rarest.as_ref().is_none_or(|r| d < r.0) {
                        rarest = Some((d, b));
                    }
                }
            }
            let mut cover = u64::MAX;
            for (_, t) in &terms {
                cover = cover.min(df(t));
                if cover == 0 {
                    return Some(Box::new(EmptyQuery));
                }
            }
            if let Some((d, b)) = rarest
                && d < cover
            {
                terms.push(b);
                terms.sort_by_key(|t| t.0);
            }
            Some(Box::new(PhraseQuery::new_with_offset(terms)))
        }
    }
}

/// Whether a query built here is certain to match nothing: an `EmptyQuery` (see [`exact`]).
fn cannot_match(query: &dyn TantivyQuery) -> bool {
    query.is::<EmptyQuery>()
}

/// The snippet and article of a hit: around the first match that lies in an article (the
/// first few matches are tried), else around the first match; from the title when the text
/// has none. Only as much of the text as needed is read and searched: a prefix (`fetch` gives
/// the first n characters and whether that is all) that grows fourfold until it holds such a
/// match and the window around it.
fn hit_context(
    fetch: &mut dyn FnMut(usize) -> Result<(String, bool)>,
    title: &str,
    needles: &[String],
) -> Result<(Option<String>, Option<String>)> {
    const TRIED: usize = 32;
    let mut limit = 2048;
    loop {
        let (prefix, whole) = fetch(limit)?;
        let ranges = snippet::find_matches(&prefix, needles);
        let chosen = ranges
            .iter()
            .take(TRIED)
            .find_map(|r| snippet::article_at(&prefix, r.0).map(|a| (r.0, Some(a))));
        let chosen = match chosen {
            Some(c) => Some(c),
            None if whole || ranges.len() >= TRIED => ranges.first().map(|r| (r.0, None)),
            None => None,
        };
        if let Some((focus, article)) = chosen {
            let s = snippet::window(&prefix, &ranges, focus, SNIPPET_CHARS);
            // The window must lie inside the prefix read, unless that is the whole text.
            if whole || s.window_end < prefix.len() {
                return Ok((Some(s.marked), article));
            }
        } else if whole {
            return Ok((
                snippet::snippet(title, needles, SNIPPET_CHARS).map(|s| s.marked),
                None,
            ));
        }
        limit = limit.saturating_mul(4);
    }
}

/// The beginnings of texts read for the hits of one search: each version's longest prefix read
/// so far (its character count, and whether it is the whole text).
#[derive(Default)]
struct Texts {
    read: Vec<Prefix>,
}

/// A version, how many characters of its text were read, whether that is all, and the text.
type Prefix = ((WorkId, u32), usize, bool, Arc<str>);

impl Texts {
    /// At least the first `chars` characters of a version's text.
    fn get(&mut self, reg: &Registry, id: WorkId, seq: u32, chars: usize) -> Result<Arc<str>> {
        let known = self.read.iter().position(|r| r.0 == (id, seq));
        if let Some(i) = known {
            let (_, n, whole, text) = &self.read[i];
            if *whole || *n >= chars {
                return Ok(Arc::clone(text));
            }
        }
        let (text, whole) = reg.text_prefix(id, seq, chars)?;
        let text: Arc<str> = text.into();
        let entry = ((id, seq), chars, whole, Arc::clone(&text));
        match known {
            Some(i) => self.read[i] = entry,
            None => self.read.push(entry),
        }
        Ok(text)
    }
}

/// An article of a hit, read from the version's text.
struct ArticleView {
    label: Option<String>,
    path: Vec<String>,
    snippet: Option<String>,
    /// The article's text, when asked for and the unit is an article.
    text: Option<String>,
    /// A hash of the article's text in search form (article hits only).
    fingerprint: Option<u64>,
}

/// The label, headings, snippet (around the window of the article where the most needles
/// meet) and, when `with_text` (an article hit), the text and fingerprint of a unit of a
/// version's outline. `text` is the version's text (UTF-8) from byte `base` on, as far as the
/// unit's end at least; only the unit and its headings are decoded.
fn article(
    text: &[u8],
    base: usize,
    outline: &Outline,
    unit: usize,
    needles: &[String],
    with_text: bool,
) -> ArticleView {
    let Some(u) = outline.units.get(unit) else {
        return ArticleView {
            label: None,
            path: Vec::new(),
            snippet: None,
            text: None,
            fingerprint: None,
        };
    };
    let slice = |a: u32, b: u32| -> &str {
        let a = (a as usize).saturating_sub(base);
        let b = (b as usize).saturating_sub(base).min(text.len());
        text.get(a..b)
            .and_then(|s| std::str::from_utf8(s).ok())
            .unwrap_or("")
    };
    let body = slice(u.byte_start, u.byte_end).trim_end();
    let label = u.label();
    let path = outline
        .path(unit)
        .iter()
        .map(|h| slice(h.byte_start, h.byte_end).trim().to_owned())
        .collect();
    let ranges = snippet::find_matches(body, needles);
    let snippet = best_window(body, &ranges)
        .map(|focus| snippet::window(body, &ranges, focus, SNIPPET_CHARS).marked);
    let is_article = label.is_some();
    let fingerprint = (with_text && is_article).then(|| {
        use std::hash::{Hash, Hasher};
        let mut h = rustc_hash::FxHasher::default();
        search_form(body).hash(&mut h);
        h.finish()
    });
    ArticleView {
        label,
        path,
        snippet,
        text: (with_text && is_article).then(|| body.to_owned()),
        fingerprint,
    }
}

/// The start of the match whose window (a snippet's width) holds the most different needles.
fn best_window(text: &str, ranges: &[(usize, usize)]) -> Option<usize> {
    let first = ranges.first()?.0;
    let width = SNIPPET_CHARS * 3; // bytes, roughly: most characters are three
    let mut best = (0usize, first);
    for (i, &(start, _)) in ranges.iter().enumerate() {
        let mut distinct: Vec<&str> = Vec::new();
        for &(s, e) in &ranges[i..] {
            if s >= start + width {
                break;
            }
            let m = text.get(s..e).unwrap_or("");
            if !distinct.contains(&m) {
                distinct.push(m);
            }
        }
        if distinct.len() > best.0 {
            best = (distinct.len(), start);
        }
    }
    Some(best.1)
}
