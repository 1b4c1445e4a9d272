//! `guifan-bench eval`: ranked search measured on real questions (the development half of
//! STARD, `../shared/eval/stard-dev`), guifan beside two BM25 baselines in the same run, and an
//! ablation of guifan's ranking. Prints the markdown of `bench/results/ranked.md`.
//!
//! The registry (the corpus and the whole 民法典) is built on first use in `--registry` and
//! reused. Every question is searched as it stands, in the scope of every status (the version
//! of each work in force today, else its newest), first 10 results:
//!
//! - doc R@10: the share of the question's relevant laws held by the first 10 document hits (a
//!   law counts when any work that holds it is among them), averaged over questions;
//! - art R@10: the share of its relevant articles among the first 10 article hits;
//! - MRR: the reciprocal rank of the first relevant document (article) hit, averaged;
//! - latency: each search call, after one untimed pass over all questions; p50 and p99 by
//!   nearest rank.
//!
//! The baselines are written here, apart from the library: jieba words (jieba-rs, HMM on) of
//! each text, without the library's stop words; BM25 (k1 1.2, b 0.75) over articles (the
//! store's articles; a text without articles is one unit; document hits are the documents of
//! the article ranking, in order) and over whole documents (title and text).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use guifan::Registry;
use guifan::index::scope::StatusScope;
use guifan::index::{QueryMode, Ranking, SearchIndex, SearchOptions, Unit};
use guifan::model::WorkId;
use serde_json::Value;

type Error = Box<dyn std::error::Error>;

struct Relevant {
    law: String,
    article: String,
    works: Vec<String>,
}

struct Question {
    text: String,
    relevant: Vec<Relevant>,
}

/// The first results of one system for one question.
#[derive(Default)]
struct Answer {
    /// Work keys of the document hits.
    docs: Vec<String>,
    /// (work key, article label) of the article hits.
    articles: Vec<(String, Option<String>)>,
    doc_ms: f64,
    art_ms: f64,
}

#[derive(Default)]
struct Scores {
    doc_recall: f64,
    art_recall: f64,
    doc_mrr: f64,
    art_mrr: f64,
    doc_ms: Vec<f64>,
    art_ms: Vec<f64>,
    questions: usize,
}

impl Scores {
    fn add(&mut self, q: &Question, a: &Answer) {
        let mut laws: Vec<&str> = q.relevant.iter().map(|r| r.law.as_str()).collect();
        laws.sort_unstable();
        laws.dedup();
        let found_laws = laws
            .iter()
            .filter(|law| {
                q.relevant
                    .iter()
                    .filter(|r| r.law == **law)
                    .any(|r| r.works.iter().any(|w| a.docs.contains(w)))
            })
            .count();
        self.doc_recall += found_laws as f64 / laws.len().max(1) as f64;
        let mut items: Vec<(&str, &str)> = q
            .relevant
            .iter()
            .map(|r| (r.law.as_str(), r.article.as_str()))
            .collect();
        items.sort_unstable();
        items.dedup();
        let hit = |r: &Relevant, (work, label): &(String, Option<String>)| {
            label.as_deref() == Some(r.article.as_str()) && r.works.contains(work)
        };
        let found_items = items
            .iter()
            .filter(|(law, art)| {
                q.relevant
                    .iter()
                    .filter(|r| r.law == *law && r.article == *art)
                    .any(|r| a.articles.iter().any(|h| hit(r, h)))
            })
            .count();
        self.art_recall += found_items as f64 / items.len().max(1) as f64;
        if let Some(i) = a
            .docs
            .iter()
            .position(|d| q.relevant.iter().any(|r| r.works.contains(d)))
        {
            self.doc_mrr += 1.0 / (i + 1) as f64;
        }
        if let Some(i) = a
            .articles
            .iter()
            .position(|h| q.relevant.iter().any(|r| hit(r, h)))
        {
            self.art_mrr += 1.0 / (i + 1) as f64;
        }
        self.doc_ms.push(a.doc_ms);
        self.art_ms.push(a.art_ms);
        self.questions += 1;
    }

    fn row(&self, name: &str) -> String {
        let n = self.questions.max(1) as f64;
        format!(
            "| {name} | {:.3} | {:.3} | {:.3} | {:.3} | {} / {} | {} / {} |",
            self.doc_recall / n,
            self.art_recall / n,
            self.doc_mrr / n,
            self.art_mrr / n,
            ms(percentile(&self.doc_ms, 0.50)),
            ms(percentile(&self.doc_ms, 0.99)),
            ms(percentile(&self.art_ms, 0.50)),
            ms(percentile(&self.art_ms, 0.99)),
        )
    }

    fn summary(&self) -> (f64, f64, f64, f64) {
        let n = self.questions.max(1) as f64;
        (
            self.doc_recall / n,
            self.art_recall / n,
            self.doc_mrr / n,
            self.art_mrr / n,
        )
    }
}

fn ms(v: f64) -> String {
    if v >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

/// Nearest rank.
fn percentile(values: &[f64], p: f64) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let rank = ((p * v.len() as f64).ceil() as usize).clamp(1, v.len());
    v[rank - 1]
}

struct Args {
    data: PathBuf,
    corpus: PathBuf,
    registry: PathBuf,
    ablation: bool,
    baselines: bool,
    limit: Option<usize>,
    output: Option<PathBuf>,
    sets: Vec<(String, String)>,
    failures: Option<PathBuf>,
}

fn parse_args(args: &[String]) -> Result<Args, Error> {
    let mut a = Args {
        data: PathBuf::from("../shared/eval/stard-dev"),
        corpus: PathBuf::from("../shared/corpus/laws.jsonl"),
        registry: PathBuf::from("bench/out/eval/registry"),
        ablation: false,
        baselines: true,
        limit: None,
        output: None,
        sets: Vec::new(),
        failures: None,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--data" => a.data = PathBuf::from(value()?),
            "--corpus" => a.corpus = PathBuf::from(value()?),
            "--registry" => a.registry = PathBuf::from(value()?),
            "--ablation" => a.ablation = true,
            "--no-baselines" => a.baselines = false,
            "--limit" => a.limit = Some(value()?.parse()?),
            "--output" => a.output = Some(PathBuf::from(value()?)),
            "--failures" => a.failures = Some(PathBuf::from(value()?)),
            "--set" => {
                let v = value()?;
                let (k, x) = v.split_once('=').ok_or("--set takes name=value")?;
                a.sets.push((k.to_owned(), x.to_owned()));
            }
            other => return Err(format!("unknown option {other}").into()),
        }
    }
    Ok(a)
}

fn set(r: &mut Ranking, name: &str, value: &str) -> Result<(), Error> {
    let f: f32 = value.parse()?;
    match name {
        "k1" => r.k1 = f,
        "b" => r.b = f,
        "headings" => r.headings = f,
        "title" => r.title = f,
        "proximity" => r.proximity = f,
        "window" => r.window = f as u32,
        "siblings" => r.siblings = f,
        "coordination" => r.coordination = f,
        "whole" => r.whole = f,
        "lapsed" => r.lapsed = f,
        "authority" => r.authority = f,
        "documents" => r.documents = f as usize,
        "parts" => r.expansion.parts = f,
        "vocabulary" => r.expansion.vocabulary = f,
        "stopwords" => r.expansion.stopwords = f != 0.0,
        "fold" => r.fold_duplicates = f != 0.0,
        _ => return Err(format!("unknown ranking parameter {name}").into()),
    }
    Ok(())
}

/// Runs the evaluation; see the module documentation.
///
/// Long on purpose: the harness reads its arguments, loads the questions and judgements, runs
/// each system over them and prints one table; the steps are in the order of the report.
pub fn run(args: &[String]) -> Result<(), Error> {
    let args = parse_args(args)?;
    let questions = read_questions(&args.data.join("questions.jsonl"), args.limit)?;
    let (reg, index) = registry(&args)?;
    let mut base = SearchOptions {
        status: StatusScope::Any,
        limit: 10,
        ..SearchOptions::default()
    };
    for (k, v) in &args.sets {
        set(&mut base.ranking, k, v)?;
    }
    eprintln!(
        "eval: {} questions, {} versions indexed",
        questions.len(),
        index.indexed_versions()
    );

    let mut variants: Vec<(String, SearchOptions)> = vec![("guifan".to_owned(), base.clone())];
    if args.ablation {
        let with = |f: &dyn Fn(&mut SearchOptions)| {
            let mut o = base.clone();
            f(&mut o);
            o
        };
        let d = &base.ranking;
        // A part on by default is taken out; one off by default is put in, at this weight.
        let toggle = |name: &str, on: f32, current: f32, put: &dyn Fn(&mut SearchOptions, f32)| {
            let (label, value) = if current > 0.0 {
                (format!("− {name} (weight {current})"), 0.0)
            } else {
                (format!("+ {name} (weight {on})"), on)
            };
            (label, with(&|o| put(o, value)))
        };
        let rows: Vec<(String, SearchOptions)> = vec![
            (
                "keywords as typed (every word must occur; before)".into(),
                with(&|o| o.mode = QueryMode::Keywords),
            ),
            (
                "− stop words (every word of the question)".into(),
                with(&|o| o.ranking.expansion.stopwords = false),
            ),
            toggle("parts of long words", 0.3, d.expansion.parts, &|o, v| {
                o.ranking.expansion.parts = v
            }),
            toggle("vocabulary", 0.7, d.expansion.vocabulary, &|o, v| {
                o.ranking.expansion.vocabulary = v
            }),
            toggle("headings", 0.5, d.headings, &|o, v| o.ranking.headings = v),
            toggle("title", 0.5, d.title, &|o, v| o.ranking.title = v),
            toggle(
                &format!("proximity ({} characters)", d.window),
                0.3,
                d.proximity,
                &|o, v| o.ranking.proximity = v,
            ),
            toggle("coordination", 0.5, d.coordination, &|o, v| {
                o.ranking.coordination = v
            }),
            toggle("second-best article", 0.4, d.siblings, &|o, v| {
                o.ranking.siblings = v
            }),
            toggle("whole-text score", 1.0, d.whole, &|o, v| {
                o.ranking.whole = v
            }),
            toggle("legal force of the kind", 12.0, d.authority, &|o, v| {
                o.ranking.authority = v
            }),
            (
                format!("legal force of the kind at weight {}", d.authority / 2.0),
                with(&|o| o.ranking.authority = d.authority / 2.0),
            ),
            toggle("no longer the law", 3.0, d.lapsed, &|o, v| {
                o.ranking.lapsed = v
            }),
            (
                "− folding identical articles".into(),
                with(&|o| o.ranking.fold_duplicates = false),
            ),
            (
                format!(
                    "articles of {} documents scored, not {}",
                    d.documents / 4,
                    d.documents
                ),
                with(&|o| o.ranking.documents = d.documents / 4),
            ),
        ];
        variants.extend(rows);
    }

    // One untimed pass warms the page cache and the scope.
    for q in &questions {
        index.search(&reg, &q.text, &base)?;
    }
    let mut results: Vec<(String, Scores)> = Vec::new();
    let mut failures = String::new();
    for (name, opts) in &variants {
        let started = Instant::now();
        let mut scores = Scores::default();
        for q in &questions {
            let a = ask_guifan(&index, &reg, &q.text, opts)?;
            if args.failures.is_some() && name == "guifan" {
                let deep = SearchOptions {
                    limit: 100,
                    ..opts.clone()
                };
                let d = ask_guifan(&index, &reg, &q.text, &deep)?;
                failures.push_str(&describe(q, &a, &d));
            }
            scores.add(q, &a);
        }
        let (d, r, dm, am) = scores.summary();
        eprintln!(
            "eval: {name}: doc R@10 {d:.3} art R@10 {r:.3} doc MRR {dm:.3} art MRR {am:.3} ({:.0} s)",
            started.elapsed().as_secs_f64()
        );
        results.push((name.clone(), scores));
    }
    if let Some(path) = &args.failures {
        std::fs::write(path, failures)?;
    }
    let mut baselines: Vec<(String, Scores)> = Vec::new();
    if args.baselines {
        let started = Instant::now();
        let bm25 = Bm25::build(&reg)?;
        eprintln!(
            "eval: BM25 baselines built in {:.0} s ({} articles, {} documents)",
            started.elapsed().as_secs_f64(),
            bm25.articles.units.len(),
            bm25.documents.units.len()
        );
        let (mut per_article, mut per_document) = (Scores::default(), Scores::default());
        for q in &questions {
            let (a, d) = bm25.ask(&q.text);
            per_article.add(q, &a);
            per_document.add(q, &d);
        }
        baselines.push((
            "BM25 per article (jieba words, stop words out)".into(),
            per_article,
        ));
        baselines.push((
            "BM25 per document (jieba words, stop words out)".into(),
            per_document,
        ));
        for (name, s) in &baselines {
            let (d, r, dm, am) = s.summary();
            eprintln!(
                "eval: {name}: doc R@10 {d:.3} art R@10 {r:.3} doc MRR {dm:.3} art MRR {am:.3}"
            );
        }
    }
    let md = report(&args, &questions, &index, &base, &results, &baselines)?;
    if let Some(path) = &args.output {
        std::fs::write(path, &md)?;
    }
    print!("{md}");
    Ok(())
}

fn ask_guifan(
    index: &SearchIndex,
    reg: &Registry,
    question: &str,
    opts: &SearchOptions,
) -> Result<Answer, Error> {
    let t = Instant::now();
    let docs = index.search(reg, question, opts)?;
    let doc_ms = t.elapsed().as_secs_f64() * 1000.0;
    let articles = SearchOptions {
        unit: Unit::Article,
        ..opts.clone()
    };
    let t = Instant::now();
    let arts = index.search(reg, question, &articles)?;
    let art_ms = t.elapsed().as_secs_f64() * 1000.0;
    Ok(Answer {
        docs: docs.hits.iter().map(|h| h.work.clone()).collect(),
        articles: arts
            .hits
            .iter()
            .map(|h| (h.work.clone(), h.article.clone()))
            .collect(),
        doc_ms,
        art_ms,
    })
}

/// A few lines per question for reading failures: the question, what was relevant (with the
/// rank of the article and of its document among the first 100, `-` beyond), and what came.
fn describe(q: &Question, a: &Answer, deep: &Answer) -> String {
    let relevant: Vec<String> =
        q.relevant
            .iter()
            .map(|r| {
                let art = deep.articles.iter().position(|(w, l)| {
                    l.as_deref() == Some(r.article.as_str()) && r.works.contains(w)
                });
                let doc = deep.docs.iter().position(|w| r.works.contains(w));
                let rank = |p: Option<usize>| p.map_or("-".to_owned(), |p| (p + 1).to_string());
                format!("{}{}[a{} d{}]", r.law, r.article, rank(art), rank(doc))
            })
            .collect();
    let found: Vec<String> = a
        .articles
        .iter()
        .map(|(w, l)| format!("{}{}", short(w), l.as_deref().unwrap_or("")))
        .collect();
    format!(
        "{}\n  relevant: {}\n  articles: {}\n  documents: {}\n",
        q.text,
        relevant.join(" "),
        found.join(" "),
        a.docs
            .iter()
            .map(|d| short(d))
            .collect::<Vec<_>>()
            .join(" ")
    )
}

fn short(work: &str) -> &str {
    work.rsplit(':').next().unwrap_or(work)
}

fn read_questions(path: &Path, limit: Option<usize>) -> Result<Vec<Question>, Error> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: {e} (the STARD development half)", path.display()))?;
    let mut out = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line)?;
        let relevant = v["relevant"]
            .as_array()
            .ok_or("relevant: expected a list")?
            .iter()
            .map(|r| Relevant {
                law: r["law"].as_str().unwrap_or_default().to_owned(),
                article: r["article"].as_str().unwrap_or_default().to_owned(),
                works: r["works"]
                    .as_array()
                    .map(|w| {
                        w.iter()
                            .filter_map(Value::as_str)
                            .map(str::to_owned)
                            .collect()
                    })
                    .unwrap_or_default(),
            })
            .collect();
        out.push(Question {
            text: v["question"]
                .as_str()
                .ok_or("question: expected text")?
                .to_owned(),
            relevant,
        });
        if limit.is_some_and(|n| out.len() >= n) {
            break;
        }
    }
    Ok(out)
}

/// The registry of the corpus and the whole 民法典, built on first use.
fn registry(args: &Args) -> Result<(Registry, SearchIndex), Error> {
    let marker = args.registry.join("eval-complete");
    if !marker.is_file() {
        if args.registry.exists() {
            std::fs::remove_dir_all(&args.registry)?;
        }
        let started = Instant::now();
        let mut reg = Registry::open(&args.registry)?;
        reg.set_actor("eval");
        let index = SearchIndex::open(&reg)?;
        for file in [args.corpus.clone(), args.data.join("civil-code.jsonl")] {
            if !file.is_file() {
                return Err(format!("{} is absent", file.display()).into());
            }
            guifan::ingest::ingest_file(
                &mut reg,
                Some(&index),
                &file,
                &guifan::ingest::Options::default(),
                &mut |_| {},
            )?;
        }
        std::fs::write(&marker, "")?;
        eprintln!(
            "eval: registry built in {:.0} s",
            started.elapsed().as_secs_f64()
        );
        return Ok((reg, index));
    }
    let reg = Registry::open_existing(&args.registry)?;
    let index = SearchIndex::open(&reg)?;
    let started = Instant::now();
    let sync = index.sync(&reg)?;
    if sync.indexed > 0 {
        eprintln!(
            "eval: index rebuilt ({} versions) in {:.0} s",
            sync.indexed,
            started.elapsed().as_secs_f64()
        );
    }
    Ok((reg, index))
}

/// A BM25 index in memory: units, their lengths, postings.
#[derive(Default)]
struct Bm25Index {
    /// (work key, article label) of each unit.
    units: Vec<(String, Option<String>)>,
    lengths: Vec<u32>,
    postings: Vec<Vec<(u32, u32)>>,
}

impl Bm25Index {
    fn add(
        &mut self,
        vocabulary: &mut HashMap<String, usize>,
        unit: (String, Option<String>),
        words: &[String],
    ) {
        let id = self.units.len() as u32;
        self.units.push(unit);
        self.lengths.push(words.len() as u32);
        let mut counts: HashMap<usize, u32> = HashMap::new();
        for w in words {
            let next = vocabulary.len();
            let t = *vocabulary.entry(w.clone()).or_insert(next);
            *counts.entry(t).or_default() += 1;
        }
        for (t, c) in counts {
            if self.postings.len() <= t {
                self.postings.resize_with(t + 1, Vec::new);
            }
            self.postings[t].push((id, c));
        }
    }

    /// The best units for the terms, best first.
    fn top(&self, terms: &[usize], k: usize) -> Vec<usize> {
        let (k1, b) = (1.2f32, 0.75f32);
        let n = self.units.len() as f32;
        let avg = self.lengths.iter().map(|&l| l as f32).sum::<f32>() / n.max(1.0);
        let mut score = vec![0f32; self.units.len()];
        for &t in terms {
            let Some(p) = self.postings.get(t) else {
                continue;
            };
            let df = p.len() as f32;
            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
            for &(u, tf) in p {
                let tf = tf as f32;
                let norm = k1 * (1.0 - b + b * self.lengths[u as usize] as f32 / avg);
                score[u as usize] += idf * tf * (k1 + 1.0) / (tf + norm);
            }
        }
        let mut ids: Vec<usize> = (0..score.len()).filter(|&i| score[i] > 0.0).collect();
        ids.sort_by(|&a, &b| score[b].total_cmp(&score[a]).then(a.cmp(&b)));
        ids.truncate(k);
        ids
    }
}

struct Bm25 {
    vocabulary: HashMap<String, usize>,
    articles: Bm25Index,
    documents: Bm25Index,
    jieba: jieba_rs::Jieba,
}

impl Bm25 {
    fn words(jieba: &jieba_rs::Jieba, text: &str) -> Vec<(usize, String)> {
        jieba
            .cut(text, true)
            .into_iter()
            .filter(|t| t.word.chars().any(char::is_alphanumeric))
            .map(|t| (t.byte_start, t.word.to_lowercase()))
            .filter(|(_, w)| !guifan::index::question::is_stopword(w))
            .collect()
    }

    fn build(reg: &Registry) -> Result<Bm25, Error> {
        let jieba = jieba_rs::Jieba::new();
        let snapshot = reg.snapshot()?;
        let mut versions: Vec<(WorkId, u32, String, String)> = Vec::new();
        snapshot.for_each_as_of(guifan::date::today()?, |at| {
            let v = at.version();
            versions.push((at.work.id, v.seq, at.work.work_key.clone(), v.title.clone()));
        });
        let mut bm = Bm25 {
            vocabulary: HashMap::new(),
            articles: Bm25Index::default(),
            documents: Bm25Index::default(),
            jieba,
        };
        for (id, seq, work, title) in versions {
            let body = reg.text(id, seq)?;
            let words = Self::words(&bm.jieba, &body);
            let articles = reg.articles(id, seq)?;
            if articles.is_empty() {
                let w: Vec<String> = words.iter().map(|(_, w)| w.clone()).collect();
                bm.articles
                    .add(&mut bm.vocabulary, (work.clone(), None), &w);
            } else {
                for a in &articles {
                    let w: Vec<String> = words
                        .iter()
                        .filter(|(at, _)| a.start <= *at && *at < a.end)
                        .map(|(_, w)| w.clone())
                        .collect();
                    bm.articles.add(
                        &mut bm.vocabulary,
                        (work.clone(), Some(a.label.clone())),
                        &w,
                    );
                }
            }
            let mut all: Vec<String> = Self::words(&bm.jieba, &title)
                .into_iter()
                .map(|(_, w)| w)
                .collect();
            all.extend(words.into_iter().map(|(_, w)| w));
            bm.documents.add(&mut bm.vocabulary, (work, None), &all);
        }
        Ok(bm)
    }

    /// The per-article and per-document answers.
    fn ask(&self, question: &str) -> (Answer, Answer) {
        let t = Instant::now();
        let mut terms: Vec<usize> = Self::words(&self.jieba, question)
            .into_iter()
            .filter_map(|(_, w)| self.vocabulary.get(&w).copied())
            .collect();
        terms.sort_unstable();
        terms.dedup();
        let ranked = self.articles.top(&terms, 2000);
        let articles: Vec<(String, Option<String>)> = ranked
            .iter()
            .take(10)
            .map(|&u| self.articles.units[u].clone())
            .collect();
        let mut docs: Vec<String> = Vec::new();
        for &u in &ranked {
            let w = &self.articles.units[u].0;
            if !docs.contains(w) {
                docs.push(w.clone());
                if docs.len() == 10 {
                    break;
                }
            }
        }
        let article_ms = t.elapsed().as_secs_f64() * 1000.0;
        let t = Instant::now();
        let whole: Vec<String> = self
            .documents
            .top(&terms, 10)
            .into_iter()
            .map(|u| self.documents.units[u].0.clone())
            .collect();
        let doc_ms = t.elapsed().as_secs_f64() * 1000.0;
        (
            Answer {
                docs,
                articles: articles.clone(),
                doc_ms: article_ms,
                art_ms: article_ms,
            },
            Answer {
                docs: whole,
                articles: Vec::new(),
                doc_ms,
                art_ms: 0.0,
            },
        )
    }
}

fn report(
    args: &Args,
    questions: &[Question],
    index: &SearchIndex,
    base: &SearchOptions,
    results: &[(String, Scores)],
    baselines: &[(String, Scores)],
) -> Result<String, Error> {
    let mut md = String::new();
    md.push_str("# Ranked search on real questions\n\n");
    md.push_str(&format!(
        "`target/release/guifan-bench eval{}{}` on {}: {} questions of `{}` (STARD's development half) typed as they stand, over `{}` and the whole 民法典 ({} versions), every status, first 10 results. Machine: {}.\n\n",
        if args.ablation { " --ablation" } else { "" },
        args.sets
            .iter()
            .map(|(k, v)| format!(" --set {k}={v}"))
            .collect::<String>(),
        guifan::date::iso(guifan::date::today()?),
        questions.len(),
        args.data.display(),
        args.corpus.display(),
        index.indexed_versions(),
        machine(),
    ));
    md.push_str("| system | doc R@10 | art R@10 | doc MRR | art MRR | document hits p50 / p99 ms | article hits p50 / p99 ms |\n|---|--:|--:|--:|--:|--:|--:|\n");
    if let Some((_, s)) = results.first() {
        md.push_str(&s.row("guifan (`search` as it ships)"));
        md.push('\n');
    }
    for (name, s) in baselines {
        md.push_str(&s.row(name));
        md.push('\n');
    }
    md.push_str(&format!(
        "\nguifan's ranking: {:?}.\nLatency is the library's `SearchIndex::search` (top 10 with snippets; article hits with their text) in this process, after one untimed pass; the baselines' is their in-memory scoring (no snippets).\n\nThe vocabulary (`core/src/index/vocabulary.txt`) was gathered with the help of these development questions (`bench/vocabulary_candidates.py`, every pair checked against the statute it points to), so its share here may overstate what it brings to other questions; the other half of STARD is kept for an independent check.\n",
        base.ranking
    ));
    if results.len() > 1 {
        md.push_str("\n## Ablation\n\nguifan with one part of the ranking taken out (or changed), everything else as it ships:\n\n| variant | doc R@10 | art R@10 | doc MRR | art MRR | document hits p50 / p99 ms | article hits p50 / p99 ms |\n|---|--:|--:|--:|--:|--:|--:|\n");
        for (name, s) in results {
            md.push_str(&s.row(name));
            md.push('\n');
        }
    }
    Ok(md)
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_owned())
        })
        .unwrap_or_default();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_owned))
        .unwrap_or_default();
    format!("{cpu}, {cores} cores, load average {load} at the end")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relevant(law: &str, article: &str, works: &[&str]) -> Relevant {
        Relevant {
            law: law.into(),
            article: article.into(),
            works: works.iter().map(|w| (*w).to_owned()).collect(),
        }
    }

    #[test]
    fn recall_counts_laws_and_articles_held_by_any_of_their_works() {
        let q = Question {
            text: "谁可以成为个体工商户？".into(),
            relevant: vec![
                relevant("民法典", "第五十四条", &["code", "book"]),
                relevant("民法典", "第五十六条", &["code", "book"]),
                relevant("个体工商户条例", "第二条", &["rules"]),
            ],
        };
        let a = Answer {
            docs: vec!["other".into(), "book".into()],
            articles: vec![
                ("code".into(), Some("第五十六条".into())),
                ("rules".into(), Some("第三条".into())),
            ],
            doc_ms: 1.0,
            art_ms: 3.0,
        };
        let mut s = Scores::default();
        s.add(&q, &a);
        let (doc, art, doc_mrr, art_mrr) = s.summary();
        // One law of two among the documents; one article of three; first relevant document
        // second, first relevant article first.
        assert_eq!((doc, art, doc_mrr, art_mrr), (0.5, 1.0 / 3.0, 0.5, 1.0));
        assert!(
            s.row("x")
                .starts_with("| x | 0.500 | 0.333 | 0.500 | 1.000 |")
        );
    }

    #[test]
    fn percentiles_by_nearest_rank() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&v, 0.50), 50.0);
        assert_eq!(percentile(&v, 0.99), 99.0);
        assert_eq!(percentile(&[], 0.5), 0.0);
    }
}
