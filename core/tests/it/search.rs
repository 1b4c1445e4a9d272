//! Search: exact phrases are exactly the substrings of title and text; scope by status, date
//! and version; the index catches up with the store by itself.

use std::collections::{BTreeMap, BTreeSet};

use guifan::index::scope::StatusScope;
use guifan::index::{SearchIndex, SearchOptions};
use guifan::model::Status;
use guifan::text::normalize::search_form;
use guifan::{Error, Registry};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use time::macros::date;

use crate::common::{import, qianjiang, registry};

/// Every version's (work, seq, title, text) in search form.
fn versions(reg: &Registry) -> Vec<(i64, u32, String, String)> {
    let mut out = Vec::new();
    for w in reg.snapshot().expect("snapshot").works() {
        for v in &w.versions {
            let body = reg.text(w.id, v.seq).expect("text");
            out.push((w.id.0, v.seq, search_form(&v.title), search_form(&body)));
        }
    }
    out
}

fn everything() -> SearchOptions {
    SearchOptions {
        status: StatusScope::Any,
        all_versions: true,
        limit: 1_000_000,
        snippets: false,
        ..SearchOptions::default()
    }
}

fn found(
    index: &SearchIndex,
    reg: &Registry,
    query: &str,
    opts: &SearchOptions,
) -> BTreeSet<(i64, u32)> {
    let r = index.search(reg, query, opts).expect(query);
    assert_eq!(r.total as usize, r.hits.len(), "{query}: every hit listed");
    r.hits.iter().map(|h| (h.id.0, h.version)).collect()
}

fn truth(all: &[(i64, u32, String, String)], phrase: &str) -> BTreeSet<(i64, u32)> {
    let p = search_form(phrase);
    all.iter()
        .filter(|(_, _, t, b)| t.contains(&p) || b.contains(&p))
        .map(|(w, s, _, _)| (*w, *s))
        .collect()
}

/// A phrase the query language can carry in quotes.
fn quotable(s: &str) -> bool {
    !s.trim().is_empty() && !s.contains(['"', '“', '”', '「', '」'])
}

#[test]
fn every_phrase_finds_exactly_the_texts_that_contain_it() {
    let (_dir, reg) = qianjiang();
    let index = SearchIndex::open(&reg).expect("index");
    index.sync(&reg).expect("sync");
    let all = versions(&reg);
    let texts: Vec<Vec<char>> = all
        .iter()
        .flat_map(|(_, _, t, b)| [t.chars().collect(), b.chars().collect()])
        .filter(|c: &Vec<char>| c.len() > 8)
        .collect();
    let opts = everything();
    let mut runner = TestRunner::new(Config {
        cases: 400,
        ..Config::default()
    });
    runner
        .run(
            &(0..texts.len(), any::<prop::sample::Index>(), 1usize..=8),
            |(t, at, len)| {
                let chars = &texts[t];
                let start = at.index(chars.len() - len);
                let phrase: String = chars[start..start + len].iter().collect();
                if !quotable(&phrase) || (len == 1 && phrase.trim().is_empty()) {
                    return Ok(());
                }
                let expected = truth(&all, &phrase);
                let got = found(&index, &reg, &format!("\"{phrase}\""), &opts);
                prop_assert_eq!(got, expected, "phrase {:?}", phrase);
                Ok(())
            },
        )
        .expect("recall and precision are 1");
}

#[test]
fn planted_phrases_of_the_fixtures() {
    let (_dir, reg) = qianjiang();
    let index = SearchIndex::open(&reg).expect("index");
    let all = versions(&reg);
    let opts = everything();
    for phrase in [
        "行政裁量权基准",
        "行政裁量",
        "罚款",
        "50元",
        "国办发〔2023〕27号",
        "罚",
    ] {
        let expected = truth(&all, phrase);
        assert!(!expected.is_empty(), "{phrase} is planted");
        assert_eq!(
            found(&index, &reg, &format!("\"{phrase}\""), &opts),
            expected,
            "{phrase}"
        );
    }
    // Split across a line break: not the phrase.
    let split = found(&index, &reg, "\"行政裁量权基准\"", &opts);
    assert_eq!(split.len(), 6);
    // Full-width digits in the text match half-width ones in the query, and the reverse.
    assert_eq!(
        found(&index, &reg, "\"处50元罚款\"", &opts),
        found(&index, &reg, "\"处５０元罚款\"", &opts)
    );
}

#[test]
fn the_default_scope_is_what_is_in_force_today() {
    let (_dir, reg) = qianjiang();
    let index = SearchIndex::open(&reg).expect("index");
    let all = versions(&reg);
    let snapshot = reg.snapshot().expect("snapshot");
    let today = date!(2025 - 01 - 01);
    let in_force: BTreeSet<(i64, u32)> = snapshot
        .works()
        .iter()
        .filter(|w| w.status_as_of(today).in_force())
        .filter_map(|w| w.version_in_force(today).map(|v| (w.id.0, v.seq)))
        .collect();
    let opts = SearchOptions {
        as_of: Some(today),
        limit: 1000,
        ..SearchOptions::default()
    };
    let got = found(&index, &reg, "\"罚款\"", &opts);
    let expected: BTreeSet<_> = truth(&all, "罚款")
        .intersection(&in_force)
        .copied()
        .collect();
    assert_eq!(got, expected);
    let repealed = SearchOptions {
        status: StatusScope::parse("废止,宣布失效").expect("statuses"),
        ..opts.clone()
    };
    let got_repealed = found(&index, &reg, "\"罚款\"", &repealed);
    assert!(!got_repealed.is_empty());
    assert!(got_repealed.is_disjoint(&got));
}

#[test]
fn as_of_and_all_versions_reach_superseded_text() {
    let (_dir, reg) = qianjiang();
    let index = SearchIndex::open(&reg).expect("index");
    let id = reg.resolve("qj-szg-2019-02").expect("two versions");
    let work = reg.work(id).expect("work");
    let (v1, v2) = (reg.text(id, 1).expect("v1"), reg.text(id, 2).expect("v2"));
    // A phrase of the first version that the second dropped.
    let v1_chars: Vec<char> = v1.chars().collect();
    let only_v1 = (0..v1_chars.len().saturating_sub(8))
        .map(|i| v1_chars[i..i + 8].iter().collect::<String>())
        .find(|p| quotable(p) && !v2.contains(p.as_str()) && !p.contains('\n'))
        .expect("the versions differ");
    let query = format!(
        "\"{only_v1}\" number:{}",
        work.versions[0].meta.doc_number.as_ref().expect("number")
    );
    let now = SearchOptions {
        as_of: Some(date!(2025 - 01 - 01)),
        ..SearchOptions::default()
    };
    assert_eq!(index.search(&reg, &query, &now).expect("search").total, 0);
    let then = SearchOptions {
        as_of: work.versions[0].meta.in_force_from(),
        ..SearchOptions::default()
    };
    let hit = index.search(&reg, &query, &then).expect("search");
    assert_eq!(hit.total, 1);
    assert_eq!(hit.hits[0].version, 1);
    let every = SearchOptions {
        all_versions: true,
        ..now
    };
    let q = format!("\"{only_v1}\"");
    assert!(
        index
            .search(&reg, &q, &every)
            .expect("s")
            .hits
            .iter()
            .any(|h| h.id == id && h.version == 1)
    );
    let added = index
        .search(
            &reg,
            "\"第十条之一\"",
            &SearchOptions {
                all_versions: true,
                ..SearchOptions::default()
            },
        )
        .expect("s");
    assert!(added.hits.iter().all(|h| !(h.id == id && h.version == 1)));
}

#[test]
fn hits_carry_snippets_articles_and_facets() {
    let (_dir, reg) = qianjiang();
    let index = SearchIndex::open(&reg).expect("index");
    let opts = SearchOptions {
        status: StatusScope::Any,
        as_of: Some(date!(2025 - 01 - 01)),
        limit: 3,
        ..SearchOptions::default()
    };
    let r = index
        .search(&reg, "\"行政裁量权基准\"", &opts)
        .expect("search");
    assert_eq!(r.total, 6);
    assert_eq!(r.hits.len(), 3);
    assert_eq!(r.facets.status.values().sum::<u64>(), 6);
    assert_eq!(r.facets.kind.values().sum::<u64>(), 6);
    for h in &r.hits {
        let s = h.snippet.as_deref().expect("snippet");
        assert!(s.contains("<mark>行政裁量权基准</mark>"), "{s}");
        assert!(h.score > 0.0);
    }
    assert!(r.hits.iter().any(|h| {
        h.article
            .as_deref()
            .is_some_and(|a| a.starts_with('第') && a.ends_with('条'))
    }));
    let page2 = index
        .search(
            &reg,
            "\"行政裁量权基准\"",
            &SearchOptions {
                offset: 3,
                ..opts.clone()
            },
        )
        .expect("page 2");
    assert_eq!(page2.total, 6);
    let first: BTreeSet<_> = r.hits.iter().map(|h| h.id).collect();
    assert!(page2.hits.iter().all(|h| !first.contains(&h.id)));
}

#[test]
fn terms_or_exclusions_and_filters_combine() {
    let (_dir, reg) = qianjiang();
    let index = SearchIndex::open(&reg).expect("index");
    let all = versions(&reg);
    let opts = SearchOptions {
        as_of: Some(date!(2025 - 01 - 01)),
        status: StatusScope::Any,
        limit: 1000,
        snippets: false,
        ..SearchOptions::default()
    };
    let both = found(&index, &reg, "\"罚款\" \"行政裁量权基准\"", &opts);
    let a = found(&index, &reg, "\"罚款\"", &opts);
    let b = found(&index, &reg, "\"行政裁量权基准\"", &opts);
    assert_eq!(both, a.intersection(&b).copied().collect());
    let either = found(&index, &reg, "\"罚款\" OR \"行政裁量权基准\"", &opts);
    assert_eq!(either, a.union(&b).copied().collect());
    let without = found(&index, &reg, "\"罚款\" -\"行政裁量权基准\"", &opts);
    assert_eq!(without, a.difference(&b).copied().collect());
    let by_issuer = found(&index, &reg, "\"罚款\" issuer:公安局", &opts);
    assert!(!by_issuer.is_empty() && by_issuer.is_subset(&a));
    let in_titles = found(&index, &reg, "title:\"裁量权基准\"", &opts);
    let title_truth: BTreeSet<_> = all
        .iter()
        .filter(|(_, _, t, _)| t.contains("裁量权基准"))
        .map(|(w, s, _, _)| (*w, *s))
        .collect::<BTreeSet<_>>();
    assert!(in_titles.is_subset(&title_truth) && !in_titles.is_empty());
    let numbered = found(&index, &reg, "number:潜政规[2020]1号", &opts);
    assert_eq!(numbered.len(), 1);
    // An unquoted term matches when each of its words occurs.
    let words = found(&index, &reg, "行政裁量权基准", &opts);
    assert!(words.is_superset(&b));
}

#[test]
fn query_errors_are_input_errors_with_a_column() {
    let (_dir, reg) = qianjiang();
    let index = SearchIndex::open(&reg).expect("index");
    for q in ["\"罚款", "罚款 OR", "", "-"] {
        match index.search(&reg, q, &SearchOptions::default()) {
            Err(Error::InvalidInput(e)) => assert_eq!(e.field, "query"),
            other => panic!("{q}: {other:?}"),
        }
    }
}

#[test]
fn the_index_catches_up_after_a_crash_and_after_being_deleted() {
    let (dir, mut reg) = registry();
    import(&mut reg, "{\"key\":\"a\",\"title\":\"潜江市城区养犬管理规定\",\"status\":\"有效\",\"body\":\"第一条 养犬应当登记。\"}\n").expect("a");
    let opts = SearchOptions {
        status: StatusScope::Any,
        ..SearchOptions::default()
    };
    {
        let index = SearchIndex::open(&reg).expect("index");
        assert_eq!(index.search(&reg, "\"养犬\"", &opts).expect("s").total, 1);
    }
    // The store commits a new version; the process dies before the index hears of it.
    import(&mut reg, "{\"key\":\"b\",\"title\":\"潜江市烟花爆竹燃放管理规定\",\"status\":\"有效\",\"body\":\"第一条 禁止在城区燃放烟花爆竹，养犬场所周边亦同。\"}\n").expect("b");
    let index = SearchIndex::open(&reg).expect("reopen");
    assert!(index.indexed_seq().expect("seq") < reg.change_seq().expect("head"));
    assert_eq!(
        index.search(&reg, "\"养犬\"", &opts).expect("s").total,
        2,
        "caught up"
    );
    assert_eq!(
        index.indexed_seq().expect("seq"),
        reg.change_seq().expect("head")
    );
    drop(index);
    // The whole index folder lost: it is rebuilt from the store.
    std::fs::remove_dir_all(dir.path().join("registry").join("index")).expect("rm");
    let index = SearchIndex::open(&reg).expect("fresh");
    assert_eq!(index.search(&reg, "\"养犬\"", &opts).expect("s").total, 2);
    // A rebuild gives the same answers.
    let report = index.rebuild(&reg).expect("rebuild");
    assert_eq!(report.indexed, 2);
    assert_eq!(
        index.search(&reg, "\"燃放烟花\"", &opts).expect("s").total,
        1
    );
    // Garbage in the folder: started afresh.
    drop(index);
    std::fs::write(
        dir.path().join("registry").join("index").join("meta.json"),
        "{",
    )
    .expect("corrupt");
    let index = SearchIndex::open(&reg).expect("afresh");
    assert_eq!(index.search(&reg, "\"养犬\"", &opts).expect("s").total, 2);
}

#[test]
fn readers_see_the_last_commit_while_another_writer_holds_the_index() {
    let (dir, mut reg) = registry();
    import(
        &mut reg,
        "{\"key\":\"a\",\"title\":\"养犬管理规定\",\"status\":\"有效\",\"body\":\"养犬。\"}\n",
    )
    .expect("a");
    let writer_side = SearchIndex::open(&reg).expect("index");
    writer_side.sync(&reg).expect("sync");
    import(
        &mut reg,
        "{\"key\":\"b\",\"title\":\"养犬补充规定\",\"status\":\"有效\",\"body\":\"养犬。\"}\n",
    )
    .expect("b");
    // Another process takes the writer lock (as an importing process would).
    let raw = tantivy::Index::open_in_dir(dir.path().join("registry").join("index")).expect("raw");
    let lock: tantivy::IndexWriter = raw.writer(15_000_000).expect("lock");
    let opts = SearchOptions {
        status: StatusScope::Any,
        ..SearchOptions::default()
    };
    let busy = writer_side.sync(&reg).expect("sync");
    assert!(busy.busy);
    assert_eq!(
        writer_side
            .search(&reg, "\"养犬\"", &opts)
            .expect("s")
            .total,
        1,
        "the committed view"
    );
    drop(lock);
    assert_eq!(writer_side.sync(&reg).expect("sync").indexed, 1);
    assert_eq!(
        writer_side
            .search(&reg, "\"养犬\"", &opts)
            .expect("s")
            .total,
        2
    );
}

#[test]
#[ignore = "reads ../shared"]
fn corpus_phrases_have_recall_and_precision_one() {
    let path = crate::common::corpus();
    let (_dir, mut reg) = registry();
    guifan::ingest::ingest_file(&mut reg, None, &path, &Default::default(), &mut |_| {})
        .map(|f| f.report)
        .expect("import corpus");
    let index = SearchIndex::open(&reg).expect("index");
    index.sync(&reg).expect("sync");
    let all = versions(&reg);
    let texts: Vec<&str> = all
        .iter()
        .map(|(_, _, _, b)| b.as_str())
        .filter(|b| b.len() > 64)
        .collect();
    let opts = everything();
    let mut runner = TestRunner::new(Config {
        cases: 300,
        ..Config::default()
    });
    runner
        .run(
            &(0..texts.len(), any::<prop::sample::Index>(), 1usize..=8),
            |(t, at, len)| {
                let chars: Vec<char> = texts[t].chars().collect();
                let start = at.index(chars.len() - len);
                let phrase: String = chars[start..start + len].iter().collect();
                if !quotable(&phrase) {
                    return Ok(());
                }
                let expected = truth(&all, &phrase);
                let got = found(&index, &reg, &format!("\"{phrase}\""), &opts);
                prop_assert_eq!(got, expected, "phrase {:?}", phrase);
                Ok(())
            },
        )
        .expect("recall and precision are 1 on the corpus");
}

#[test]
fn the_index_never_holds_uncommitted_versions() {
    let (_dir, mut reg) = registry();
    import(
        &mut reg,
        "{\"key\":\"a\",\"title\":\"养犬管理规定\",\"status\":\"有效\",\"body\":\"养犬。\"}\n",
    )
    .expect("a");
    let index = SearchIndex::open(&reg).expect("index");
    let opts = SearchOptions {
        status: StatusScope::Any,
        ..SearchOptions::default()
    };
    {
        let mut tx = reg.transaction().expect("begin");
        import(
            &mut tx,
            "{\"key\":\"b\",\"title\":\"犬只补充规定\",\"status\":\"有效\",\"body\":\"犬只。\"}\n",
        )
        .expect("b");
        assert!(
            index.sync(&tx).expect("sync").busy,
            "refused inside a transaction"
        );
        assert_eq!(index.search(&tx, "\"犬只\"", &opts).expect("s").total, 0);
        // Dropped: rolled back.
    }
    // A different version takes the rolled-back one's place; the index must see it.
    import(
        &mut reg,
        "{\"key\":\"c\",\"title\":\"犬只登记办法\",\"status\":\"有效\",\"body\":\"犬只登记。\"}\n",
    )
    .expect("c");
    let r = index.search(&reg, "\"犬只\"", &opts).expect("s");
    assert_eq!(r.total, 1);
    assert_eq!(r.hits[0].key.as_deref(), Some("c"));
}

#[test]
fn importing_through_the_index_indexes_while_it_imports_and_rolls_back_with_the_store() {
    let (dir, mut reg) = registry();
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).expect("write");
        p
    };
    // Stored before the index heard of it: the import catches up first.
    import(
        &mut reg,
        "{\"key\":\"a\",\"title\":\"养犬管理规定\",\"status\":\"有效\",\"body\":\"养犬。\"}\n",
    )
    .expect("a");
    let index = SearchIndex::open(&reg).expect("index");
    let b = write(
        "b.jsonl",
        "{\"key\":\"b\",\"title\":\"养犬补充规定\",\"status\":\"有效\",\"body\":\"养犬登记。\"}\n",
    );
    let report =
        guifan::ingest::ingest_file(&mut reg, Some(&index), &b, &Default::default(), &mut |_| {})
            .map(|f| f.report)
            .expect("b");
    assert_eq!(report.documents, 1);
    assert_eq!(
        index.indexed_seq().expect("seq"),
        reg.change_seq().expect("head")
    );
    assert_eq!(index.indexed_versions(), 2);
    // A file that fails halfway: nothing of it in the store, nothing in the index.
    let bad = write(
        "c.jsonl",
        "{\"key\":\"c\",\"title\":\"犬只收容办法\",\"status\":\"有效\",\"body\":\"养犬收容。\"}\n{\"key\":\"a\",\"title\":\"重复\"}\n",
    );
    let err = guifan::ingest::ingest_file(
        &mut reg,
        Some(&index),
        &bad,
        &Default::default(),
        &mut |_| {},
    )
    .map(|f| f.report)
    .expect_err("duplicate key");
    assert_eq!(err.input().and_then(|e| e.line), Some(2));
    assert_eq!(index.indexed_versions(), 2);
    let opts = SearchOptions {
        status: StatusScope::Any,
        ..SearchOptions::default()
    };
    let r = index.search(&reg, "\"养犬\"", &opts).expect("search");
    assert_eq!(r.total, 2);
    assert!(r.hits.iter().all(|h| h.key.as_deref() != Some("c")));
}

#[test]
fn a_write_through_another_handle_is_seen_by_the_next_search() {
    let (dir, mut reg) = registry();
    import(&mut reg, "{\"key\":\"a\",\"title\":\"养犬管理规定\",\"status\":\"有效\",\"body\":\"第一条 养犬应当登记。\"}\n").expect("a");
    let index = SearchIndex::open(&reg).expect("index");
    let opts = SearchOptions {
        status: StatusScope::Any,
        ..SearchOptions::default()
    };
    let keys = |q: &str| -> Vec<String> {
        let r = index.search(&reg, q, &opts).expect(q);
        r.hits.iter().filter_map(|h| h.key.clone()).collect()
    };
    assert_eq!(keys("\"养犬\""), ["a"]);
    assert!(keys("\"燃放烟花\"").is_empty());
    // Another handle on the same folder (as another process would) stores a version; this
    // handle's cached change number, snapshot and scope must not hide it.
    let mut other = Registry::open(dir.path().join("registry")).expect("other");
    import(&mut other, "{\"key\":\"b\",\"title\":\"烟花爆竹燃放管理规定\",\"status\":\"有效\",\"body\":\"第一条 禁止在城区燃放烟花爆竹，养犬场所周边亦同。\"}\n").expect("b");
    let mut both = keys("\"养犬\"");
    both.sort();
    assert_eq!(both, ["a", "b"]);
    let r = index.search(&reg, "\"燃放烟花\"", &opts).expect("s");
    assert_eq!(r.total, 1);
    assert_eq!(
        r.hits[0].title, "烟花爆竹燃放管理规定",
        "from the new snapshot"
    );
    // A status change through the other handle changes the scope of the same search.
    let b = other.resolve("b").expect("b");
    other
        .change_status(b, Status::Repealed, date!(2020 - 01 - 01), None)
        .expect("repeal");
    assert_eq!(keys("\"养犬\""), ["a", "b"], "every status: still found");
    let in_force = index
        .search(&reg, "\"养犬\"", &SearchOptions::default())
        .expect("in force");
    let keys_in_force: Vec<_> = in_force.hits.iter().filter_map(|h| h.key.clone()).collect();
    assert_eq!(keys_in_force, ["a"]);
}

#[test]
fn scopes_of_one_snapshot_differ_by_date_and_status() {
    let (_dir, mut reg) = registry();
    import(
        &mut reg,
        concat!(
            "{\"key\":\"w-v1\",\"work\":\"w\",\"version\":1,\"title\":\"养犬管理规定\",\"status\":\"已修改\",",
            "\"issued\":\"2018-01-01\",\"effective\":\"2018-02-01\",\"body\":\"第一条 养犬应当登记。\"}\n",
            "{\"key\":\"w-v2\",\"work\":\"w\",\"version\":2,\"title\":\"养犬管理规定\",\"status\":\"有效\",",
            "\"issued\":\"2022-01-01\",\"effective\":\"2022-02-01\",\"body\":\"第一条 养犬应当登记并接种疫苗。\"}\n",
            "{\"key\":\"x\",\"title\":\"犬只收容办法\",\"status\":\"废止\",",
            "\"issued\":\"2015-01-01\",\"effective\":\"2015-01-01\",\"body\":\"第一条 养犬应当登记，流浪犬只予以收容。\"}\n",
        ),
    )
    .expect("import");
    let index = SearchIndex::open(&reg).expect("index");
    let keys = |as_of, status: StatusScope| -> Vec<String> {
        let opts = SearchOptions {
            as_of: Some(as_of),
            status,
            ..SearchOptions::default()
        };
        let r = index.search(&reg, "\"养犬应当登记\"", &opts).expect("s");
        let mut k: Vec<String> = r.hits.iter().filter_map(|h| h.key.clone()).collect();
        k.sort();
        k
    };
    // Each answer twice, in turns, so that the second comes from the scope cache.
    for _ in 0..2 {
        assert_eq!(keys(date!(2020 - 06 - 01), StatusScope::InForce), ["w-v1"]);
        assert_eq!(keys(date!(2024 - 06 - 01), StatusScope::InForce), ["w-v2"]);
        assert_eq!(keys(date!(2024 - 06 - 01), StatusScope::Any), ["w-v2", "x"]);
        assert_eq!(
            keys(
                date!(2024 - 06 - 01),
                StatusScope::Only(vec![Status::Repealed])
            ),
            ["x"]
        );
        assert!(keys(date!(2010 - 01 - 01), StatusScope::InForce).is_empty());
    }
}

#[test]
fn a_literal_that_cannot_match_empties_its_item_and_nothing_else() {
    let (_dir, reg) = qianjiang();
    let index = SearchIndex::open(&reg).expect("index");
    let all = versions(&reg);
    let opts = SearchOptions {
        as_of: Some(date!(2025 - 01 - 01)),
        status: StatusScope::Any,
        limit: 1000,
        snippets: false,
        all_versions: true,
        ..SearchOptions::default()
    };
    let present = found(&index, &reg, "\"罚款\"", &opts);
    assert!(!present.is_empty());
    // A bigram that occurs nowhere, and a phrase of bigrams that each occur but never together.
    let absent = "\"罚款鑫鑫\"";
    let common = [
        "罚款", "行政", "基准", "管理", "规定", "执法", "处罚", "部门",
    ];
    let occurs = |p: &str| !truth(&all, p).is_empty();
    let apart = common
        .iter()
        .flat_map(|x| common.iter().map(move |y| format!("{x}{y}")))
        .find(|p| {
            let c: Vec<char> = p.chars().collect();
            !occurs(p)
                && occurs(&c[..2].iter().collect::<String>())
                && occurs(&c[1..3].iter().collect::<String>())
                && occurs(&c[2..].iter().collect::<String>())
        })
        .map(|p| format!("\"{p}\""))
        .expect("a phrase of bigrams that each occur, never together");
    for q in [absent, apart.as_str()] {
        assert!(found(&index, &reg, q, &opts).is_empty(), "{q}");
        assert!(found(&index, &reg, &format!("{q} \"罚款\""), &opts).is_empty());
        assert_eq!(
            found(&index, &reg, &format!("{q} OR \"罚款\""), &opts),
            present
        );
        if q == absent {
            // (An excluded phrase that reaches the phrase scorer trips a debug assertion of
            // tantivy 0.27 once that scorer is exhausted: quickwit-oss/tantivy#2811.)
            assert_eq!(
                found(&index, &reg, &format!("\"罚款\" -{q}"), &opts),
                present
            );
        }
        let r = index.search(&reg, q, &SearchOptions::default()).expect(q);
        assert_eq!((r.total, r.hits.len()), (0, 0));
        assert_eq!(r.facets, guifan::index::Facets::default());
    }
    // A phrase no title holds: the title side is left out, the text side finds it.
    let text_only = all
        .iter()
        .flat_map(|(_, _, _, b)| {
            let c: Vec<char> = b.chars().take(400).collect();
            (0..c.len().saturating_sub(6)).map(move |i| c[i..i + 6].iter().collect::<String>())
        })
        .find(|p| quotable(p) && all.iter().all(|(_, _, t, _)| !t.contains(p.as_str())))
        .expect("a phrase of a text that no title holds");
    let q = format!("\"{text_only}\"");
    let hits = found(&index, &reg, &q, &opts);
    assert!(!hits.is_empty());
    assert_eq!(hits, truth(&all, &text_only));
}

#[test]
fn a_scope_seen_inside_a_rolled_back_transaction_is_not_reused() {
    let (_dir, mut reg) = registry();
    import(
        &mut reg,
        concat!(
            "{\"key\":\"a\",\"title\":\"养犬管理规定\",\"status\":\"有效\",\"body\":\"第一条 养犬应当登记。\"}\n",
            "{\"key\":\"b\",\"title\":\"犬只收容办法\",\"status\":\"有效\",\"body\":\"第一条 养犬应当登记，流浪犬只予以收容。\"}\n",
        ),
    )
    .expect("import");
    let index = SearchIndex::open(&reg).expect("index");
    let keys = |reg: &Registry| -> Vec<String> {
        let r = index
            .search(reg, "\"养犬应当登记\"", &SearchOptions::default())
            .expect("s");
        let mut k: Vec<String> = r.hits.iter().filter_map(|h| h.key.clone()).collect();
        k.sort();
        k
    };
    assert_eq!(keys(&reg), ["a", "b"]);
    let (a, b) = (reg.resolve("a").expect("a"), reg.resolve("b").expect("b"));
    // Inside a transaction, a is repealed: the search sees it (one more audit entry).
    reg.begin().expect("begin");
    reg.change_status(a, Status::Repealed, date!(2020 - 01 - 01), None)
        .expect("repeal a");
    assert_eq!(keys(&reg), ["b"]);
    reg.rollback().expect("rollback");
    // Another change brings the log to the same number: b is repealed instead.
    reg.change_status(b, Status::Repealed, date!(2020 - 01 - 01), None)
        .expect("repeal b");
    assert_eq!(keys(&reg), ["a"], "not the scope of the rolled-back state");
}

/// Guards the facets of a search over every version: a hit on an older version counts under
/// that version's issuer and kind, not under those of the version describing its work.
#[test]
fn facets_over_every_version_count_each_hit_by_its_own_version() {
    let (_dir, mut reg) = registry();
    import(
        &mut reg,
        concat!(
            r#"{"key":"a-1","work":"a","version":1,"title":"某办法","kind":"行政规范性文件","issuer":"甲局","issued":"2020-01-01","status":"已修改","body":"第一条 罚款适用本办法。"}"#,
            "\n",
            r#"{"key":"a-2","work":"a","version":2,"title":"某办法","kind":"政府规章","issuer":"乙局","issued":"2022-01-01","status":"有效","body":"第一条 罚款适用本办法。"}"#,
            "\n",
        ),
    )
    .expect("import");
    let index = SearchIndex::open(&reg).expect("index");
    let r = index
        .search(
            &reg,
            "\"罚款适用\"",
            &SearchOptions {
                status: StatusScope::Any,
                all_versions: true,
                as_of: Some(date!(2025 - 01 - 01)),
                ..SearchOptions::default()
            },
        )
        .expect("search");
    assert_eq!(r.total, 2);
    let counts = |pairs: [(&str, u64); 2]| -> BTreeMap<String, u64> {
        pairs.into_iter().map(|(k, n)| (k.to_owned(), n)).collect()
    };
    assert_eq!(r.facets.issuer, counts([("乙局", 1), ("甲局", 1)]));
    assert_eq!(
        r.facets.kind,
        counts([("政府规章", 1), ("行政规范性文件", 1)])
    );
}
