//! The structure parser and the citation finder over the shared corpus (19.5 M characters of
//! real laws): throughput in bytes per second. Skipped when `../shared/corpus` is absent.
//!
//! `cargo bench -p guifan --bench text`

use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use guifan::text::citations::find_citations;
use guifan::text::structure::parse;

fn bodies() -> Option<Vec<String>> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/laws.jsonl");
    let text = std::fs::read_to_string(p).ok()?;
    Some(
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|line| {
                let v: serde_json::Value = serde_json::from_str(line).expect("corpus line is JSON");
                v["body"].as_str().unwrap_or_default().to_owned()
            })
            .collect(),
    )
}

fn text(c: &mut Criterion) {
    let Some(bodies) = bodies() else {
        eprintln!("skipped: ../shared/corpus/laws.jsonl is absent");
        return;
    };
    let bytes: usize = bodies.iter().map(String::len).sum();
    // What the benchmark measures must be the real work: every article, every citation.
    let articles: usize = bodies.iter().map(|b| parse(b).articles().count()).sum();
    let citations: usize = bodies.iter().map(|b| find_citations(b).len()).sum();
    assert!(articles > 100_000, "{articles} articles parsed");
    assert!(citations > 5_000, "{citations} citations found");
    let mut group = c.benchmark_group("text");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20))
        .throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("structure", |b| {
        b.iter(|| {
            bodies
                .iter()
                .map(|t| parse(t).articles().count())
                .sum::<usize>()
        })
    });
    group.bench_function("citations", |b| {
        b.iter(|| {
            bodies
                .iter()
                .map(|t| find_citations(t).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, text);
criterion_main!(benches);
