//! Relations found in text, articles as they stood, and impact, on fixtures where every
//! expected relation is known (`fixtures/links/README.md`, `fixtures/qianjiang-2024`).

use std::collections::BTreeSet;
use std::path::PathBuf;

use guifan::Registry;
use guifan::model::{RelationKind, RelationSource, WorkId};
use time::macros::date;

use crate::common;

fn links() -> (tempfile::TempDir, Registry) {
    let (dir, mut reg) = common::registry();
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/links/citations.jsonl");
    guifan::ingest::ingest_file(&mut reg, None, &file, &Default::default(), &mut |_| {})
        .map(|f| f.report)
        .expect("import");
    (dir, reg)
}

/// Relations found in text: (from work key, version, kind, to work key or the citation).
fn text_relations(reg: &Registry) -> BTreeSet<(String, u32, &'static str, String)> {
    let key = |w: WorkId| reg.work(w).expect("work").key;
    reg.all_relations()
        .expect("relations")
        .into_iter()
        .filter(|r| r.source == RelationSource::Text)
        .map(|r| {
            (
                key(r.from),
                r.version.expect("a text relation has a version"),
                r.kind.token(),
                r.to.map(key)
                    .or(r.cited_as)
                    .expect("a target or the citation"),
            )
        })
        .collect()
}

#[test]
fn every_expected_relation_and_no_other() {
    let (_dir, reg) = links();
    let got = text_relations(&reg);
    let expected: BTreeSet<(String, u32, &str, String)> = [
        ("lk-xize", 1, "basis", "lk-banfa"),
        ("lk-prov", 1, "basis", "lk-law"),
        ("lk-banfa", 1, "basis", "lk-law"),
        ("lk-banfa", 1, "basis", "lk-prov"),
        ("lk-banfa", 1, "cites", "《湖北省建设工程规划许可管理规定》"),
        ("lk-banfa", 2, "basis", "lk-law"),
        ("lk-banfa", 2, "basis", "lk-prov"),
        ("lk-tongzhi", 1, "cites", "lk-xize"),
        ("lk-old", 1, "basis", "lk-banfa"),
        ("lk-ambig", 1, "basis", "《城市管理办法》"),
        ("lk-ambig", 1, "basis", "lk-banfa"),
        ("lk-ambig", 1, "cites", "lk-same-b"),
    ]
    .into_iter()
    .map(|(a, v, k, b)| (a.to_owned(), v, k, b.to_owned()))
    .collect();
    assert_eq!(got, expected);
}

#[test]
fn a_citation_resolves_when_its_target_arrives_later() {
    let (_dir, reg) = links();
    let xize = reg.resolve("lk-xize").expect("resolve");
    let banfa = reg.resolve("lk-banfa").expect("resolve");
    let rels = reg.relations(xize).expect("relations");
    let r = rels
        .iter()
        .find(|r| r.direction == "outgoing")
        .expect("one outgoing");
    assert_eq!(r.other, Some(banfa));
    assert_eq!(r.kind, RelationKind::Basis);
    assert_eq!(r.article.as_deref(), Some("第一条"));
    // Seen from the target.
    let incoming: Vec<_> = reg
        .relations(banfa)
        .expect("relations")
        .into_iter()
        .filter(|r| r.direction == "incoming")
        .map(|r| r.other.expect("from"))
        .collect();
    assert!(incoming.contains(&xize));
}

#[test]
fn a_rescan_finds_the_same_relations() {
    let (_dir, mut reg) = links();
    let before = text_relations(&reg);
    let report = reg.link(None).expect("link");
    assert_eq!(report.versions, 10);
    assert_eq!(report.relations, 12);
    assert_eq!(report.resolved, 10);
    assert_eq!(report.ambiguous, 1);
    assert_eq!(report.unresolved, 1);
    assert_eq!(text_relations(&reg), before);
    assert!(reg.check().expect("check").ok());
}

#[test]
fn articles_as_they_stood() {
    let (_dir, reg) = links();
    let banfa = reg.resolve("潜政规〔2021〕9号").expect("resolve");
    let a = reg
        .article(banfa, 10, None, date!(2022 - 01 - 01))
        .expect("article")
        .expect("exists");
    assert_eq!(a.version, 1);
    assert_eq!(a.in_force_until, Some(date!(2024 - 02 - 29)));
    assert!(a.text.starts_with("第十条　符合下列条件"));
    assert!(!a.text.contains("（三）"));
    let a = reg
        .article(banfa, 10, None, date!(2024 - 06 - 01))
        .expect("article")
        .expect("exists");
    assert_eq!(a.version, 2);
    assert!(a.text.contains("（三）不影响相邻权利人的。"));
    // 第十条之一 came with the second version.
    assert!(
        reg.article(banfa, 10, Some(1), date!(2022 - 01 - 01))
            .expect("article")
            .is_none()
    );
    let a = reg
        .article(banfa, 10, Some(1), date!(2024 - 06 - 01))
        .expect("article")
        .expect("exists");
    assert_eq!(a.article.label, "第十条之一");
    assert_eq!(
        a.text,
        "第十条之一　简化审批的项目，应当在批准后十日内公示。"
    );
    // Before the first version there is nothing to show.
    assert!(reg.article(banfa, 1, None, date!(2020 - 01 - 01)).is_err());
}

#[test]
fn impact_follows_the_chain_of_documents_in_force() {
    let (_dir, reg) = links();
    let law = reg.resolve("lk-law").expect("resolve");
    let key = |w: WorkId| reg.work(w).expect("work").key;
    let on = |d| -> Vec<(String, u32, String)> {
        reg.impact(law, d)
            .expect("impact")
            .into_iter()
            .map(|e| (key(e.id), e.depth, key(e.via)))
            .collect()
    };
    let day = |a: &str, n: u32, b: &str| (a.to_owned(), n, b.to_owned());
    // 2022-07: the rules on temporary construction were still in force; the notice of
    // 2023 was not yet issued.
    assert_eq!(
        on(date!(2022 - 07 - 01)),
        vec![
            day("lk-prov", 1, "lk-law"),
            day("lk-banfa", 1, "lk-law"),
            day("lk-xize", 2, "lk-banfa"),
            day("lk-old", 2, "lk-banfa"),
            day("lk-ambig", 2, "lk-banfa"),
        ]
    );
    // 2024: lk-old was repealed on 2023-12-01; the notice cites the rules by their number.
    assert_eq!(
        on(date!(2024 - 06 - 01)),
        vec![
            day("lk-prov", 1, "lk-law"),
            day("lk-banfa", 1, "lk-law"),
            day("lk-xize", 2, "lk-banfa"),
            day("lk-ambig", 2, "lk-banfa"),
            day("lk-tongzhi", 3, "lk-xize"),
        ]
    );
    // Paths run from the law to each document.
    let e = reg
        .impact(law, date!(2024 - 06 - 01))
        .expect("impact")
        .into_iter()
        .find(|e| key(e.id) == "lk-tongzhi")
        .expect("the notice");
    let path: Vec<String> = e.path.into_iter().map(key).collect();
    assert_eq!(path, ["lk-law", "lk-banfa", "lk-xize", "lk-tongzhi"]);
    // Before the documents took effect, none is affected.
    assert!(
        reg.impact(law, date!(2009 - 01 - 01))
            .expect("impact")
            .is_empty()
    );
}

#[test]
fn qianjiang_citations_resolve_to_the_documents_they_name() {
    let (_dir, reg) = common::qianjiang();
    let key = |w: WorkId| reg.work(w).expect("work").key;
    let resolved: BTreeSet<(String, &str, String)> = reg
        .all_relations()
        .expect("relations")
        .into_iter()
        .filter(|r| r.source == RelationSource::Text)
        .filter_map(|r| Some((key(r.from), r.kind.token(), key(r.to?))))
        .collect();
    let expected: BTreeSet<(String, &str, String)> = [
        ("qj-szbf-2020-05", "basis", "qj-szf-2019-12"),
        ("qj-szf-2019-12", "cites", "qj-szf-2008-31"),
        ("qj-szg-2024-02", "cites", "qj-szbf-2015-18"),
        ("qj-szg-2024-03", "cites", "qj-szf-2019-12"),
        ("qj-szg-2024-03", "cites", "qj-szg-2019-02"),
        ("qj-szg-2024-03", "cites", "qj-szbf-2018-21"),
        ("qj-szg-2024-04", "basis", "qj-szg-2024-03"),
        // `决策依据：《…》` is a field of the decision, not a basis clause (`根据…制定`).
        ("qj-zdjc-2024-01", "cites", "qj-szg-2024-01"),
        ("qj-cgg-2020-02", "basis", "qj-szf-2014-23"),
        ("qj-zjg-2022-01", "basis", "qj-szg-2022-03"),
        ("qj-gag-2024-01", "basis", "qj-szf-2019-12"),
    ]
    .into_iter()
    .map(|(a, k, b)| (a.to_owned(), k, b.to_owned()))
    .collect();
    assert_eq!(resolved, expected);
    // The citation the fixtures are known for is kept as written, with its number.
    let id = reg.resolve("潜政规〔2024〕3号").expect("resolve");
    let cited: Vec<String> = reg
        .relations(id)
        .expect("relations")
        .into_iter()
        .filter_map(|r| r.cited_as)
        .collect();
    assert!(cited.contains(
        &"《提升行政执法质量三年行动计划（2023—2025年）》（国办发〔2023〕27号）".to_owned()
    ));
}

#[test]
#[ignore = "reads ../shared"]
fn the_corpus_citations_resolve_and_nothing_relates_to_itself() {
    let path = common::corpus();
    let (_dir, mut reg) = common::registry();
    guifan::ingest::ingest_file(&mut reg, None, &path, &Default::default(), &mut |_| {})
        .map(|f| f.report)
        .expect("import");
    let relations = reg.all_relations().expect("relations");
    let text: Vec<_> = relations
        .iter()
        .filter(|r| r.source == RelationSource::Text)
        .collect();
    let resolved = text.iter().filter(|r| r.to.is_some()).count();
    eprintln!(
        "corpus: {} relations found in text, {resolved} resolved",
        text.len()
    );
    assert!(text.iter().all(|r| r.to != Some(r.from)));
    // Every resolved relation names a document whose title or number the citation carries:
    // the hand check is in fixtures/text/relation_sample.md; here the counts must hold.
    assert!(resolved >= 5_000, "{resolved}");
    // A rescan finds the same.
    let report = reg.link(None).expect("link");
    assert_eq!(report.relations as usize, text.len());
    assert_eq!(report.resolved as usize, resolved);
}
