//! The shared corpus (3,419 versions of real laws and regulations), when it is present:
//! it imports whole, with the statuses it states, and 已修改 records become superseded
//! versions of their work.

use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

use guifan::model::Status;
use guifan::stats::{Field, counts};
use guifan::store::ListFilter;

use crate::common::{corpus, registry};

/// Each corpus work's versions with the status their record states, read from the file with
/// plain JSON parsing.
fn stated_statuses(text: &str) -> HashMap<String, Vec<(u32, String)>> {
    let mut works: HashMap<String, Vec<(u32, String)>> = HashMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("json");
        works
            .entry(v["work"].as_str().expect("work").to_owned())
            .or_default()
            .push((
                v["version"].as_u64().expect("version") as u32,
                v["status"].as_str().expect("status").to_owned(),
            ));
    }
    works
}

/// The works per status the newest versions state (已修改 newest versions mean the work was
/// amended after the corpus was taken: still in force).
fn expected_statuses(works: &HashMap<String, Vec<(u32, String)>>) -> BTreeMap<Status, u64> {
    let mut expected: BTreeMap<Status, u64> = BTreeMap::new();
    for vs in works.values() {
        let newest = vs.iter().max_by_key(|(seq, _)| *seq).expect("a version");
        let status = match newest.1.as_str() {
            "有效" | "已修改" => Status::Valid,
            "已废止" => Status::Repealed,
            "unknown" => Status::Unknown,
            other => panic!("unexpected corpus status {other}"),
        };
        *expected.entry(status).or_default() += 1;
    }
    expected
}

/// The works per status today, as the registry counts them.
fn counted_statuses(reg: &guifan::Registry) -> BTreeMap<Status, u64> {
    let today = guifan::date::today().expect("today");
    let got = counts(reg, &[Field::Status], today, &ListFilter::default()).expect("counts");
    let mut actual: BTreeMap<Status, u64> = BTreeMap::new();
    for row in &got.rows {
        if let guifan::stats::Value::Status(s) = row.values[0] {
            actual.insert(s, row.count);
        }
    }
    actual
}

/// The superseded versions of the registry; each belongs to a work with later versions
/// (unless the corpus holds the work in one version).
fn count_superseded(reg: &guifan::Registry, works: &HashMap<String, Vec<(u32, String)>>) -> usize {
    let mut superseded = 0;
    for w in reg.snapshot().expect("snapshot").works() {
        let work = reg.work(w.id).expect("work");
        for v in &work.versions {
            if v.superseded {
                superseded += 1;
                assert!(
                    work.versions.len() > 1 || works[&work.key].len() == 1,
                    "{}",
                    work.key
                );
            }
        }
    }
    superseded
}

#[test]
#[ignore = "reads ../shared"]
fn the_corpus_imports_whole_with_its_statuses() {
    let path = corpus();
    let text = std::fs::read_to_string(&path).expect("read corpus");
    let works = stated_statuses(&text);
    let versions: usize = works.values().map(Vec::len).sum();

    let (_dir, mut reg) = registry();
    let started = Instant::now();
    let report =
        guifan::ingest::ingest_file(&mut reg, None, &path, &Default::default(), &mut |_| {})
            .map(|f| f.report)
            .expect("import");
    eprintln!(
        "imported {} records in {:?}",
        report.records,
        started.elapsed()
    );
    assert_eq!(report.documents as usize, versions);
    assert_eq!(reg.count_works().expect("works") as usize, works.len());

    // The newest version's stated status is the work's status today.
    let expected = expected_statuses(&works);
    let actual = counted_statuses(&reg);
    // A few works are in the future or expired today; those are the only differences allowed,
    // and each is accounted for by its dates.
    for (status, n) in &expected {
        let a = actual.get(status).copied().unwrap_or(0);
        eprintln!("{status}: expected {n}, counted {a}");
    }
    let not_yet = actual.get(&Status::NotYetEffective).copied().unwrap_or(0);
    assert_eq!(
        actual.get(&Status::Repealed).copied().unwrap_or(0),
        expected[&Status::Repealed]
    );
    assert_eq!(
        actual.get(&Status::Unknown).copied().unwrap_or(0),
        expected[&Status::Unknown]
    );
    assert_eq!(
        actual.get(&Status::Valid).copied().unwrap_or(0) + not_yet,
        expected[&Status::Valid]
    );

    // 已修改 records are superseded versions of their work, never repeals.
    let expected_superseded = works
        .values()
        .flatten()
        .filter(|(_, s)| s == "已修改")
        .count();
    assert_eq!(count_superseded(&reg, &works), expected_superseded);
    assert!(reg.check().expect("check").ok());
}
