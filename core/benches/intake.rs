//! Extraction speed per format over `fixtures/intake/`: each file read from memory
//! ([`guifan::intake::extract_bytes`]) and its fields found, in documents per second. Before
//! timing, every document of a format is extracted once and checked against the title in
//! `expected.json`.
//!
//! `cargo bench -p guifan --bench intake`

use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

struct Doc {
    name: String,
    bytes: Vec<u8>,
    title: String,
}

fn fixtures() -> Vec<(String, Vec<Doc>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/intake");
    let expected: Vec<serde_json::Value> = serde_json::from_str(
        &std::fs::read_to_string(dir.join("expected.json")).expect("expected.json"),
    )
    .expect("json");
    let mut by_format: Vec<(String, Vec<Doc>)> = Vec::new();
    for e in expected {
        let file = e["file"].as_str().expect("file").to_owned();
        let format = e["format"].as_str().expect("format").to_owned();
        let doc = Doc {
            bytes: std::fs::read(dir.join(&file)).expect("fixture"),
            title: e["fields"]["title"].as_str().expect("title").to_owned(),
            name: file,
        };
        match by_format.iter_mut().find(|(f, _)| *f == format) {
            Some((_, docs)) => docs.push(doc),
            None => by_format.push((format, vec![doc])),
        }
    }
    by_format
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn extract(c: &mut Criterion) {
    let mut group = c.benchmark_group("intake");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(5));
    for (format, docs) in fixtures() {
        for d in &docs {
            let ex = guifan::intake::extract_bytes(&d.name, &d.bytes).expect("extracts");
            let title = ex.fields.title.as_ref().map(|t| squash(&t.value));
            assert_eq!(title, Some(squash(&d.title)), "{}", d.name);
        }
        group.throughput(Throughput::Elements(docs.len() as u64));
        group.bench_function(&format, |b| {
            b.iter(|| {
                for d in &docs {
                    let ex = guifan::intake::extract_bytes(&d.name, &d.bytes).expect("extracts");
                    std::hint::black_box(ex);
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, extract);
criterion_main!(benches);
