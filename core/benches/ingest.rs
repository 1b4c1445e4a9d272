//! Importing the shared corpus (3,419 versions, 57 MB) into an empty registry: the store
//! alone, and store and search index together. Skipped when `../shared/corpus` is absent.
//!
//! `cargo bench -p guifan --bench ingest`

use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use guifan::Registry;
use guifan::index::SearchIndex;

fn corpus() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/laws.jsonl");
    p.is_file().then_some(p)
}

fn ingest(c: &mut Criterion) {
    let Some(path) = corpus() else {
        eprintln!("skipped: ../shared/corpus/laws.jsonl is absent");
        return;
    };
    let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let mut group = c.benchmark_group("ingest");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(40))
        .throughput(Throughput::Bytes(bytes));
    group.bench_function("store", |b| {
        b.iter_with_large_drop(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            let mut reg = Registry::open(dir.path()).expect("open");
            let report = guifan::ingest::ingest_file(
                &mut reg,
                None,
                &path,
                &Default::default(),
                &mut |_| {},
            )
            .map(|f| f.report)
            .expect("import");
            assert_eq!(report.documents, 3419, "every version imported");
            (reg, dir)
        })
    });
    group.bench_function("store_and_index", |b| {
        b.iter_with_large_drop(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            let mut reg = Registry::open(dir.path()).expect("open");
            let index = SearchIndex::open(&reg).expect("index");
            let report = guifan::ingest::ingest_file(
                &mut reg,
                Some(&index),
                &path,
                &Default::default(),
                &mut |_| {},
            )
            .map(|f| f.report)
            .expect("import");
            assert_eq!(report.documents, 3419, "every version imported");
            assert_eq!(index.indexed_versions(), 3419, "every version indexed");
            (index, reg, dir)
        })
    });
    group.finish();
}

criterion_group!(benches, ingest);
criterion_main!(benches);
