//! The search index as the command line shows it: damage reported by `check`, repaired by the
//! next search with one warning on stderr and no panic, and `reindex` from nothing.

use std::path::PathBuf;

use crate::run::Guifan;

/// Segment files are named by a 32-digit id: replaced by `[SEGMENT]`.
fn segments(text: &str) -> String {
    let mut out = String::new();
    let mut run = String::new();
    for c in text.chars().chain(['\n']) {
        if c.is_ascii_hexdigit() {
            run.push(c);
            continue;
        }
        out.push_str(if run.len() == 32 { "[SEGMENT]" } else { &run });
        run.clear();
        out.push(c);
    }
    out.pop();
    out
}

fn index_file(g: &Guifan, extension: &str) -> PathBuf {
    let mut files: Vec<PathBuf> = std::fs::read_dir(g.registry().join("index"))
        .expect("index folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect();
    files.sort();
    files.into_iter().next().expect("a file of that kind")
}

#[test]
fn a_damaged_term_file_is_reported_by_check_then_rebuilt_by_the_search() {
    let g = Guifan::qianjiang();
    let before = g.run(&["search", "\"养犬\"", "--status", "any", "--json"]);
    assert_eq!(before.code, 0, "{}", before.stderr);
    // Bytes changed inside the file, its footer kept: what made tantivy panic (exit 101).
    let term = index_file(&g, "term");
    let mut bytes = std::fs::read(&term).expect("read");
    let n = bytes.len();
    for (i, b) in bytes[n / 8..n / 2].iter_mut().enumerate() {
        *b = (i as u8).wrapping_mul(31).wrapping_add(7);
    }
    std::fs::write(&term, bytes).expect("write");

    insta::assert_snapshot!("check_damaged_index", segments(&g.shot(&["check"])));
    let after = g.run(&["search", "\"养犬\"", "--status", "any", "--json"]);
    assert_eq!(after.code, 0, "{}", after.stderr);
    assert_eq!(after.stdout, before.stdout, "the same answer");
    assert!(!after.stderr.contains("panicked"), "{}", after.stderr);
    insta::assert_snapshot!("search_rebuilds_damaged_index", segments(&after.stderr));
    let again = g.run(&["search", "\"养犬\"", "--status", "any", "--json"]);
    assert_eq!(again.stderr, "", "said once");
    assert_eq!(g.run(&["check"]).code, 0);
}

#[test]
fn reindex_rebuilds_an_index_that_cannot_be_opened() {
    let g = Guifan::qianjiang();
    let index = g.registry().join("index");
    std::fs::write(index.join("meta.json"), "{").expect("garble");
    std::fs::remove_file(index_file(&g, "idx")).expect("delete");
    assert_eq!(g.run(&["check"]).code, 1);
    insta::assert_snapshot!("reindex_from_nothing", g.shot(&["reindex"]));
    assert_eq!(g.run(&["check"]).code, 0);
}

#[test]
fn an_older_store_beside_a_newer_index_finds_nothing_of_the_newer() {
    let g = Guifan::empty();
    let docs = g.folder().join("a.jsonl");
    std::fs::write(
        &docs,
        "{\"key\":\"a\",\"title\":\"潜江市城区养犬管理规定\",\"status\":\"有效\",\"body\":\"第一条 养犬应当登记。\"}\n",
    )
    .expect("write");
    assert_eq!(g.run(&["import", docs.to_str().expect("utf-8")]).code, 0);
    let store = g.registry().join("registry.sqlite");
    let older = g.folder().join("older.sqlite");
    std::fs::copy(&store, &older).expect("copy");
    std::fs::write(
        &docs,
        "{\"key\":\"b\",\"title\":\"上海口岸服务条例\",\"status\":\"有效\",\"body\":\"第一条 为了优化口岸服务，制定本条例。\"}\n",
    )
    .expect("write");
    assert_eq!(g.run(&["import", docs.to_str().expect("utf-8")]).code, 0);
    std::fs::copy(&older, &store).expect("restore");

    insta::assert_snapshot!("check_index_of_another_store", g.shot(&["check"]));
    insta::assert_snapshot!(
        "search_index_of_another_store",
        g.shot(&["search", "\"上海口岸服务条例\"", "--status", "any"])
    );
    assert_eq!(g.run(&["check"]).code, 0);
}
