//! Searching the bundled fixtures (everywhere) and the shared corpus (when present): an exact
//! phrase, top 10 with snippets; a rare and an absent phrase; a one-character query; an as-of
//! search; a question, as documents and as articles. Each asserts its result before it is
//! timed.
//!
//! `cargo bench -p guifan --bench search`

use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use guifan::Registry;
use guifan::index::scope::StatusScope;
use guifan::index::{QueryMode, SearchIndex, SearchOptions, Unit};
use time::macros::date;

fn registry(files: &[PathBuf]) -> (tempfile::TempDir, Registry, SearchIndex) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut reg = Registry::open(dir.path()).expect("open");
    let index = SearchIndex::open(&reg).expect("index");
    for f in files {
        guifan::ingest::ingest_file(&mut reg, Some(&index), f, &Default::default(), &mut |_| {})
            .map(|f| f.report)
            .expect("import");
    }
    (dir, reg, index)
}

fn fixtures() -> Vec<PathBuf> {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/qianjiang-2024");
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    files
}

/// Long on purpose: one benchmark group per kind of query over the same registry and index,
/// built once.
fn search(c: &mut Criterion) {
    let (_dir, reg, index) = registry(&fixtures());
    let top10 = SearchOptions {
        status: StatusScope::Any,
        as_of: Some(date!(2025 - 01 - 01)),
        limit: 10,
        ..SearchOptions::default()
    };
    let r = index
        .search(&reg, "\"行政裁量权基准\"", &top10)
        .expect("search");
    assert_eq!(r.total, 6);
    assert!(r.hits.iter().all(|h| h.snippet.is_some()));
    c.bench_function("fixtures/phrase_top10_snippets", |b| {
        b.iter(|| {
            index
                .search(&reg, "\"行政裁量权基准\"", &top10)
                .expect("search")
        })
    });
    let question = "行政裁量权基准应当如何制定？";
    let r = index.search(&reg, question, &top10).expect("search");
    assert_eq!(r.mode, QueryMode::Question);
    assert!(!r.hits.is_empty() && r.hits.iter().all(|h| h.snippet.is_some()));
    c.bench_function("fixtures/question_top10", |b| {
        b.iter(|| index.search(&reg, question, &top10).expect("search"))
    });

    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/laws.jsonl");
    if !corpus.is_file() {
        eprintln!("skipped the corpus: ../shared/corpus/laws.jsonl is absent");
        return;
    }
    let (_dir, reg, index) = registry(&[corpus]);
    let today = SearchOptions {
        limit: 10,
        ..SearchOptions::default()
    };
    let r = index.search(&reg, "\"行政处罚\"", &today).expect("search");
    assert!(r.total > 500 && r.hits.len() == 10);
    c.bench_function("corpus/phrase_top10_snippets", |b| {
        b.iter(|| index.search(&reg, "\"行政处罚\"", &today).expect("search"))
    });
    let rare = index
        .search(&reg, "\"不动产登记簿\"", &today)
        .expect("search");
    assert!(rare.total > 0);
    c.bench_function("corpus/rare_phrase", |b| {
        b.iter(|| {
            index
                .search(&reg, "\"不动产登记簿\"", &today)
                .expect("search")
        })
    });
    let absent = index
        .search(&reg, "\"物业重大管理\"", &today)
        .expect("search");
    assert_eq!(absent.total, 0);
    c.bench_function("corpus/absent_phrase", |b| {
        b.iter(|| {
            index
                .search(&reg, "\"物业重大管理\"", &today)
                .expect("search")
        })
    });
    let every = SearchOptions {
        status: StatusScope::Any,
        ..today.clone()
    };
    let question = "员工试用期被辞退有补偿吗？";
    let r = index.search(&reg, question, &every).expect("search");
    assert_eq!((r.mode, r.hits.len()), (QueryMode::Question, 10));
    assert!(r.hits.iter().any(|h| h.article.is_some()));
    c.bench_function("corpus/question_documents", |b| {
        b.iter(|| index.search(&reg, question, &every).expect("search"))
    });
    let articles = SearchOptions {
        unit: Unit::Article,
        ..every.clone()
    };
    let r = index.search(&reg, question, &articles).expect("search");
    assert_eq!(r.hits.len(), 10);
    assert!(r.hits.iter().all(|h| h.snippet.is_some()));
    c.bench_function("corpus/question_articles", |b| {
        b.iter(|| index.search(&reg, question, &articles).expect("search"))
    });
    let single = index.search(&reg, "\"罚\"", &today).expect("search");
    assert!(single.total > 500);
    c.bench_function("corpus/single_character", |b| {
        b.iter(|| index.search(&reg, "\"罚\"", &today).expect("search"))
    });
    let then = SearchOptions {
        as_of: Some(date!(2012 - 12 - 31)),
        ..today.clone()
    };
    let r = index.search(&reg, "\"行政处罚\"", &then).expect("search");
    assert!(r.total > 0);
    c.bench_function("corpus/as_of_2012", |b| {
        b.iter(|| index.search(&reg, "\"行政处罚\"", &then).expect("search"))
    });
}

criterion_group!(benches, search);
criterion_main!(benches);
