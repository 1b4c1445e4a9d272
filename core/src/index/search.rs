//! The reading side of the index: queries, scope, ranking, facets and snippets.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;
use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, Occur, PhraseQuery, Query as TantivyQuery, TermQuery,
};
use tantivy::schema::{Field as SchemaField, IndexRecordOption};
use time::Date;

use super::collector::{self, ScopedCollector, unvid};
use super::query::{self, Clause, Field, Item};
use super::scope::{Conditions, Filter, Scope, StatusScope};
use super::{SCOPES_KEPT, SNIPPET_CHARS, SearchIndex, analyzer, index_err, snippet};
use crate::error::{Error, Result};
use crate::model::{Status, WorkId};
use crate::store::Registry;
use crate::text::normalize::search_form;

/// Options of a search.
#[derive(Debug, Clone)]
pub struct SearchOptions {
    pub status: StatusScope,
    /// The date statuses and versions are reckoned on; today when `None`.
    pub as_of: Option<Date>,
    /// Search every version, superseded ones included, not only the one in force.
    pub all_versions: bool,
    pub kind: Option<String>,
    pub issuer: Option<String>,
    /// The year the work was first issued.
    pub year: Option<i32>,
    pub limit: usize,
    pub offset: usize,
    /// Whether hits get snippets and articles.
    pub snippets: bool,
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
        }
    }
}

/// One hit: a version of a work.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub id: WorkId,
    pub key: Option<String>,
    /// The work key.
    pub work: String,
    pub version: u32,
    pub title: String,
    pub doc_number: Option<String>,
    pub kind: String,
    pub issuer: String,
    /// The work's status on the date asked about.
    pub status: Status,
    pub score: f32,
    /// A window of the text (or the title) around the first match, matches marked.
    pub snippet: Option<String>,
    /// The article (第N条) of the first match in the text.
    pub article: Option<String>,
}

/// Counts of the matches (all of them, not only the page) by a field's values.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    pub status: BTreeMap<String, u64>,
    pub kind: BTreeMap<String, u64>,
    pub issuer: BTreeMap<String, u64>,
    pub year: BTreeMap<String, u64>,
}

/// The result of a search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    /// Matches in scope.
    pub total: u64,
    pub hits: Vec<Hit>,
    pub facets: Facets,
    #[serde(with = "crate::model::serde_date")]
    pub as_of: Date,
}

impl SearchIndex {
    /// Brings the index up to the registry, unless this handle already did for its last change
    /// (or a transaction is open: the index never holds uncommitted versions).
    fn catch_up(&self, reg: &Registry) -> Result<()> {
        if reg.in_transaction() {
            return Ok(());
        }
        let head = reg.change_seq()?;
        let seen = self.seen.lock().map(|s| *s).unwrap_or(-1);
        if seen == head {
            return Ok(());
        }
        let report = self.sync(reg)?;
        if report.busy || report.indexed == 0 {
            // Another process may have committed: look at its work.
            self.reader.reload().map_err(index_err)?;
        }
        Ok(())
    }

    /// Searches; see the `query` module for the language.
    pub fn search(
        &self,
        reg: &Registry,
        query: &str,
        opts: &SearchOptions,
    ) -> Result<SearchResults> {
        let parsed = query::parse(query)?;
        self.catch_up(reg)?;
        let as_of = crate::date::as_of_or_today(opts.as_of)?;
        let snapshot = reg.snapshot()?;

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
        let mut musts: Vec<Box<dyn TantivyQuery>> = Vec::new();
        let mut nots: Vec<Box<dyn TantivyQuery>> = Vec::new();
        let mut rank: Vec<Box<dyn TantivyQuery>> = Vec::new();
        let mut needles: Vec<String> = Vec::new();
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
                    musts.push(self.match_query(item, query)?);
                    self.ranking(item, &mut rank, &mut needles);
                }
                Clause::Not(item) => nots.push(self.match_query(item, query)?),
                Clause::Any(items) => {
                    let mut any: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
                    for item in items {
                        any.push((Occur::Should, self.match_query(item, query)?));
                        self.ranking(item, &mut rank, &mut needles);
                    }
                    musts.push(Box::new(BooleanQuery::new(any)));
                }
            }
        }
        let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
        if musts.is_empty() {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        clauses.extend(musts.into_iter().map(|q| (Occur::Must, q)));
        clauses.extend(nots.into_iter().map(|q| (Occur::MustNot, q)));
        clauses.extend(rank.into_iter().map(|q| (Occur::Should, q)));
        let tantivy_query = BooleanQuery::new(clauses);

        let scope = self.scope(&snapshot, as_of, opts, &conditions);
        let collector = ScopedCollector {
            scope: Arc::clone(&scope),
            top: opts.offset.saturating_add(opts.limit),
        };
        let collected = if scope.is_empty() {
            collector::Collected::default()
        } else {
            self.reader
                .searcher()
                .search(&tantivy_query, &collector)
                .map_err(index_err)?
        };

        let facets = facets(&snapshot, &scope, &collected.matches);

        let mut hits = Vec::new();
        for scored in collected.top.iter().skip(opts.offset) {
            let (work, seq) = unvid(scored.vid);
            let id = WorkId(work);
            let Some(w) = snapshot.get(id) else { continue };
            let Some(ver) = w.versions.iter().find(|x| x.seq == seq) else {
                continue;
            };
            let (snippet, article) = if opts.snippets {
                hit_context(
                    &mut |chars| reg.text_prefix(id, seq, chars),
                    &ver.title,
                    &needles,
                )?
            } else {
                (None, None)
            };
            hits.push(Hit {
                id,
                key: ver.key.clone(),
                work: w.work_key.clone(),
                version: seq,
                title: ver.title.clone(),
                doc_number: ver.doc_number.clone(),
                kind: ver.kind.clone(),
                issuer: ver.issuer.clone(),
                status: w.status_as_of(as_of),
                score: scored.score,
                snippet,
                article,
            });
        }
        Ok(SearchResults {
            total: collected.matches.len() as u64,
            hits,
            facets,
            as_of,
        })
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
        let key = format!(
            "{}|{as_of}|{:?}|{}|{conditions:?}",
            snapshot.seq, opts.status, opts.all_versions
        );
        if let Ok(cache) = self.scopes.lock()
            && let Some((_, s)) = cache.iter().find(|(k, _)| *k == key)
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
            let current = format!("{}|", snapshot.seq);
            cache.retain(|(k, _)| k.starts_with(&current));
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
    fn match_query(&self, item: &Item, query: &str) -> Result<Box<dyn TantivyQuery>> {
        let f = &self.fields;
        let mut all: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
        for literal in Self::literals(item) {
            let in_title = exact(f.title_exact, f.title_uni, &literal);
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
                    let body = exact(f.body_exact, f.body_uni, &literal)
                        .unwrap_or_else(|| Box::new(AllQuery));
                    Box::new(BooleanQuery::new(vec![
                        (
                            Occur::Should,
                            Box::new(BoostQuery::new(t, 2.0)) as Box<dyn TantivyQuery>,
                        ),
                        (Occur::Should, body),
                    ]))
                }
            };
            all.push((Occur::Must, q));
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
        item: &Item,
        rank: &mut Vec<Box<dyn TantivyQuery>>,
        needles: &mut Vec<String>,
    ) {
        let f = &self.fields;
        let form = search_form(&item.text);
        for w in analyzer::words(&form) {
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
            && let Some(whole) = exact(f.body_exact, f.body_uni, &form)
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
        if scope.all_versions {
            // The hit may be another version than the one describing its work.
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

/// The exact-substring query for a literal in search form on one side (title or text):
/// one character through the unigram field; two as one bigram; more as a phrase of bigrams
/// covering every character. `None` for an empty literal.
fn exact(
    bigram_field: SchemaField,
    unigram_field: SchemaField,
    literal: &str,
) -> Option<Box<dyn TantivyQuery>> {
    let chars: Vec<(usize, char)> = literal.char_indices().collect();
    match chars.len() {
        0 => None,
        1 => {
            if chars[0].1.is_whitespace() {
                return None;
            }
            Some(Box::new(TermQuery::new(
                Term::from_field_text(unigram_field, literal),
                IndexRecordOption::WithFreqs,
            )))
        }
        2 => Some(Box::new(TermQuery::new(
            Term::from_field_text(bigram_field, literal),
            IndexRecordOption::WithFreqs,
        ))),
        n => {
            // Bigrams at offsets 0, 2, 4, … and the last one: together they fix every
            // character of the phrase at its place.
            let bigram = |i: usize| -> (usize, Term) {
                let start = chars[i].0;
                let end = chars.get(i + 2).map_or(literal.len(), |c| c.0);
                (i, Term::from_field_text(bigram_field, &literal[start..end]))
            };
            let mut terms: Vec<(usize, Term)> = (0..n - 1).step_by(2).map(bigram).collect();
            if (n - 2) % 2 != 0 {
                terms.push(bigram(n - 2));
            }
            Some(Box::new(PhraseQuery::new_with_offset(terms)))
        }
    }
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
