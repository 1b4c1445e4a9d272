//! Comparing versions and texts: the fixture cases of `fixtures/compare/` with their known
//! alignments, the Qianjiang document amended in 2023, the renderings (snapshots), and the
//! corpus tier: every pair of consecutive versions of the shared corpus aligned and counted.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use guifan::compare::{
    Change, Comparison, Row, TextOptions, UnitKind, Which, diff_texts, diff_versions, similarity,
};

use crate::common::{corpus, qianjiang};

fn fixture(name: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/compare")
        .join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Each row as `old labels > new labels : change [renumbered] [moved]`.
fn rows(c: &Comparison) -> Vec<String> {
    c.rows
        .iter()
        .map(|r| {
            let names = |u: &[guifan::compare::Unit]| {
                u.iter()
                    .map(|x| x.label.as_str())
                    .collect::<Vec<_>>()
                    .join("+")
            };
            let mut s = format!(
                "{} > {} : {}",
                names(&r.old),
                names(&r.new),
                r.change.label()
            );
            if r.renumbered {
                s.push_str(" 序号调整");
            }
            if r.moved {
                s.push_str(" 移动");
            }
            s
        })
        .collect()
}

/// The expected rows of a case, from its `.expected` file (comment lines start with `#`).
fn expected(name: &str) -> Vec<String> {
    fixture(name)
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_fixture_cases_align_as_written_down() {
    for case in [
        "renumbered",
        "moved",
        "split",
        "merged",
        "headings",
        "rewritten",
        "parts",
    ] {
        let c = diff_texts(
            &fixture(&format!("{case}.old.txt")),
            &fixture(&format!("{case}.new.txt")),
        );
        assert_eq!(
            rows(&c),
            expected(&format!("{case}.expected")),
            "case {case}"
        );
    }
}

#[test]
fn identical_and_empty_texts() {
    let t = fixture("renumbered.old.txt");
    let same = diff_texts(&t, &t);
    assert!(same.identical());
    assert_eq!(same.changed_rows().count(), 0);
    assert_eq!(same.summary.articles.unchanged, same.summary.articles.old);
    let none = diff_texts("", "");
    assert!(none.rows.is_empty());
    let from_nothing = diff_texts("", &t);
    assert!(from_nothing.rows.iter().all(|r| r.change == Change::Added));
    let to_nothing = diff_texts(&t, "  \n\n");
    assert!(to_nothing.rows.iter().all(|r| r.change == Change::Deleted));
}

#[test]
fn the_amended_qianjiang_measures_show_the_inserted_article() {
    let (_dir, reg) = qianjiang();
    let id = reg.resolve("qj-szg-2019-02-v2").expect("work");
    let c = diff_versions(&reg, id, None, None).expect("diff");
    assert_eq!(c.from.version, Some(1));
    assert_eq!(c.to.version, Some(2));
    let added: Vec<&Row> = c
        .rows
        .iter()
        .filter(|r| r.change == Change::Added && r.kind == UnitKind::Article)
        .collect();
    assert_eq!(added.len(), 1);
    assert_eq!(added[0].new[0].label, "第十条之一");
    // By date: the version in force on 2020-01-01 is the first.
    let by_date = diff_versions(
        &reg,
        id,
        Some(Which::parse("2020-01-01").expect("date")),
        Some(Which::Version(2)),
    )
    .expect("diff by date");
    assert_eq!(by_date.rows, c.rows);
    // One version only: nothing to compare with.
    let single = reg.resolve("潜政规〔2024〕1号").expect("single");
    let err = diff_versions(&reg, single, None, None).expect_err("no earlier version");
    assert!(err.is_bad_input(), "{err}");
    insta::assert_snapshot!(
        "qj_szg_2019_02_text",
        c.render_text(&TextOptions::default())
    );
    insta::assert_snapshot!("qj_szg_2019_02_html", c.render_html(false));
}

#[test]
fn a_document_against_the_one_it_replaced() {
    let (_dir, reg) = qianjiang();
    let old = reg.resolve("潜政办发〔2015〕18号").expect("暂行办法");
    let new = reg.resolve("潜政规〔2024〕2号").expect("管理办法");
    let c = guifan::compare::diff_documents(&reg, old, None, new, None).expect("diff");
    assert_eq!(c.from.work, Some(old));
    assert_eq!(c.to.work, Some(new));
    assert_eq!(
        c.heading(),
        "《潜江市政府合同管理暂行办法》与《潜江市政府合同管理办法》对照表"
    );
    assert!(!c.identical());
    assert_eq!(
        c.summary.articles.old,
        reg.articles(old, 1).expect("articles").len()
    );
    // No version of the old document was in force in 2010.
    let err = guifan::compare::diff_documents(
        &reg,
        old,
        Some(Which::parse("2010-01-01").expect("date")),
        new,
        None,
    )
    .expect_err("none in force");
    assert!(matches!(err, guifan::Error::NotFound { .. }), "{err}");
}

#[test]
fn renderings_of_the_fixture_cases() {
    let c = diff_texts(&fixture("split.old.txt"), &fixture("split.new.txt"));
    insta::assert_snapshot!("split_text", c.render_text(&TextOptions::default()));
    insta::assert_snapshot!(
        "split_text_wide",
        c.render_text(&TextOptions {
            width: 120,
            all: true
        })
    );
    insta::assert_snapshot!("split_html", c.render_html(false));
    let json = serde_json::to_value(&c).expect("json");
    assert_eq!(json["rows"].as_array().map(Vec::len), Some(c.rows.len()));
    assert!(json["summary"]["articles"]["split"].as_u64() >= Some(1));
}

#[test]
fn the_word_document_opens_in_libreoffice_when_it_is_installed() {
    let Some(soffice) = ["soffice", "libreoffice"].into_iter().find(|p| {
        std::process::Command::new(p)
            .arg("--version")
            .output()
            .is_ok()
    }) else {
        eprintln!("skipped: LibreOffice (`soffice`) is not installed");
        return;
    };
    let c = diff_texts(&fixture("split.old.txt"), &fixture("split.new.txt"));
    let dir = tempfile::tempdir().expect("temp");
    let docx = dir.path().join("compare.docx");
    std::fs::write(&docx, c.to_docx(false).expect("docx")).expect("write");
    let out = std::process::Command::new(soffice)
        .args(["--headless", "--convert-to", "txt:Text", "--outdir"])
        .arg(dir.path())
        .arg(&docx)
        .env("HOME", dir.path())
        .output()
        .expect("run soffice");
    let txt = std::fs::read_to_string(dir.path().join("compare.txt"))
        .unwrap_or_else(|e| panic!("LibreOffice did not convert: {e}; {out:?}"));
    assert!(txt.contains("原条文") && txt.contains("修改后条文") && txt.contains("修改说明"));
    for r in c.changed_rows() {
        for u in &r.new {
            let first = u.text.lines().next().unwrap_or("");
            assert!(txt.contains(first), "{first}");
        }
    }
}

/// Counts of aligning every pair of consecutive versions of the corpus.
#[derive(Debug, Default)]
struct Tally {
    pairs: usize,
    old: usize,
    new: usize,
    by_change: BTreeMap<&'static str, usize>,
    renumbered: usize,
    moved: usize,
    slowest: (Duration, String, usize),
    total: Duration,
}

/// Two consecutive versions of a corpus work: (title, old version, new version, old text, new
/// text).
type Pair = (String, u64, u64, String, String);

/// Consecutive versions of the corpus.
fn corpus_pairs() -> Vec<Pair> {
    let path = corpus();
    let text = std::fs::read_to_string(path).expect("read corpus");
    let mut works: BTreeMap<String, Vec<(u64, String, String)>> = BTreeMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("json");
        works
            .entry(v["work"].as_str().expect("work").to_owned())
            .or_default()
            .push((
                v["version"].as_u64().expect("version"),
                v["title"].as_str().unwrap_or("").to_owned(),
                v["body"].as_str().unwrap_or("").to_owned(),
            ));
    }
    let mut pairs = Vec::new();
    for vs in works.values_mut() {
        vs.sort_by_key(|v| v.0);
        for w in vs.windows(2) {
            pairs.push((
                w[1].1.clone(),
                w[0].0,
                w[1].0,
                w[0].2.clone(),
                w[1].2.clone(),
            ));
        }
    }
    pairs
}

fn tally(pairs: &[Pair]) -> (Tally, Vec<Comparison>) {
    let mut t = Tally::default();
    let mut all = Vec::new();
    for (title, _, _, a, b) in pairs {
        let started = Instant::now();
        let c = diff_texts(a, b);
        let took = started.elapsed();
        t.total += took;
        let articles = c.summary.articles.old.max(c.summary.articles.new);
        if took > t.slowest.0 {
            t.slowest = (took, title.clone(), articles);
        }
        t.pairs += 1;
        t.old += c.summary.articles.old;
        t.new += c.summary.articles.new;
        for r in c.rows.iter().filter(|r| r.kind == UnitKind::Article) {
            *t.by_change.entry(r.change.label()).or_default() += 1;
            t.renumbered += usize::from(r.renumbered);
            t.moved += usize::from(r.moved);
        }
        all.push(c);
    }
    (t, all)
}

/// Every unit of both texts stands in exactly one row; identical texts are all unchanged.
fn assert_complete(c: &Comparison, a: &str, b: &str) {
    let same = diff_texts(a, a);
    assert!(same.identical());
    let old: usize = c.rows.iter().map(|r| r.old.len()).sum();
    let new: usize = c.rows.iter().map(|r| r.new.len()).sum();
    let again = diff_texts(b, b);
    assert_eq!(new, again.rows.iter().map(|r| r.new.len()).sum::<usize>());
    assert_eq!(old, same.rows.iter().map(|r| r.old.len()).sum::<usize>());
}

#[test]
#[ignore = "reads ../shared"]
fn every_pair_of_consecutive_corpus_versions_aligns() {
    let pairs = corpus_pairs();
    let (t, all) = tally(&pairs);
    for ((_, _, _, a, b), c) in pairs.iter().zip(&all) {
        assert_complete(c, a, b);
    }
    eprintln!("{t:?}");
    assert_eq!(t.pairs, 103);
    // Amendments change some articles and keep most.
    let unchanged = t.by_change.get("未改").copied().unwrap_or(0);
    assert!(unchanged * 2 > t.old, "{t:?}");
}

/// `cargo test --release -p guifan --test it -- --ignored corpus_alignment_table --nocapture`
/// prints the table of `docs/reviewer.md`, the timings, and a seeded sample of 50 aligned
/// pairs for the hand check of `fixtures/compare/alignment_sample.md`.
#[test]
#[ignore = "prints the corpus measurement; run with --release --ignored"]
fn corpus_alignment_table() {
    let pairs = corpus_pairs();
    let (t, all) = tally(&pairs);
    print_table(&t);
    time_largest_pair(&pairs);
    civil_code_timing(&text_of_civil_code());
    print_sample(&pairs, &all);
    print_split_merged_moved(&pairs, &all);
}

/// The table of `docs/reviewer.md` and the total and slowest timings.
fn print_table(t: &Tally) {
    println!(
        "| pairs | articles before | articles after | unchanged | changed | added | deleted | split | merged | renumbered | moved |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    let g = |k: &str| t.by_change.get(k).copied().unwrap_or(0);
    println!(
        "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
        t.pairs,
        t.old,
        t.new,
        g("未改"),
        g("修改"),
        g("新增"),
        g("删除"),
        g("拆分"),
        g("合并"),
        t.renumbered,
        t.moved
    );
    println!(
        "total {:?} for {} pairs; slowest {:?} ({}, {} articles)",
        t.total, t.pairs, t.slowest.0, t.slowest.1, t.slowest.2
    );
}

/// The largest pair, timed alone ten times: its median.
fn time_largest_pair(pairs: &[Pair]) {
    if let Some((title, _, _, a, b)) = pairs.iter().max_by_key(|p| p.3.len() + p.4.len()) {
        let mut times: Vec<Duration> = (0..10)
            .map(|_| {
                let s = Instant::now();
                let c = diff_texts(a, b);
                assert!(!c.rows.is_empty());
                s.elapsed()
            })
            .collect();
        times.sort();
        println!(
            "largest pair {title}: {} + {} characters, median {:?}",
            a.chars().count(),
            b.chars().count(),
            times[5]
        );
    }
}

/// The start of each unit's text, joined.
fn first_chars(u: &[guifan::compare::Unit]) -> String {
    u.iter()
        .map(|x| x.text.chars().take(60).collect::<String>())
        .collect::<Vec<_>>()
        .join(" / ")
}

/// A seeded sample of 50 matched article rows for the hand check.
fn print_sample(pairs: &[Pair], all: &[Comparison]) {
    let mut rows: Vec<(String, &Row)> = Vec::new();
    for ((title, va, vb, _, _), c) in pairs.iter().zip(all) {
        for r in c.rows.iter().filter(|r| r.kind == UnitKind::Article) {
            rows.push((format!("{title} v{va}→v{vb}"), r));
        }
    }
    let mut state: u64 = 20_241_201;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut picked = std::collections::BTreeSet::new();
    while picked.len() < 50.min(rows.len()) {
        picked.insert((next() % rows.len() as u64) as usize);
    }
    for (n, i) in picked.into_iter().enumerate() {
        let (where_, r) = &rows[i];
        println!(
            "\n{}. {where_}: {} ({}, similarity {:?})\n   old: {}\n   new: {}",
            n + 1,
            r.caption(),
            r.change_words(),
            r.similarity,
            first_chars(&r.old),
            first_chars(&r.new)
        );
        if r.old.is_empty() || r.new.is_empty() {
            print_nearest(pairs, all, where_, r);
        }
    }
}

/// For a row with a unit on one side only: the nearest article on the other side of its
/// comparison.
fn print_nearest(pairs: &[Pair], all: &[Comparison], where_: &str, r: &Row) {
    let (mine, other_side) = if r.old.is_empty() {
        (&r.new[0], false)
    } else {
        (&r.old[0], true)
    };
    let c = all
        .iter()
        .zip(pairs.iter())
        .find(|(c, p)| {
            format!("{} v{}→v{}", p.0, p.1, p.2) == *where_
                && c.rows.iter().any(|x| std::ptr::eq(x, r))
        })
        .map(|(c, _)| c);
    let Some(c) = c else { return };
    let best = c
        .rows
        .iter()
        .flat_map(|x| {
            if other_side {
                x.new.iter()
            } else {
                x.old.iter()
            }
        })
        .filter(|u| u.kind == UnitKind::Article)
        .map(|u| (similarity(&mine.text, &u.text), u))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    if let Some((s, u)) = best {
        println!(
            "   nearest on the other side: {} ({s:.3}): {}",
            u.label,
            u.text.chars().take(60).collect::<String>()
        );
    }
}

/// Every article row split, merged or moved.
fn print_split_merged_moved(pairs: &[Pair], all: &[Comparison]) {
    println!("\nsplit, merged and moved rows:");
    for ((title, va, vb, _, _), c) in pairs.iter().zip(all) {
        for r in c.rows.iter().filter(|r| {
            r.kind == UnitKind::Article
                && (r.moved || matches!(r.change, Change::Split | Change::Merged))
        }) {
            println!(
                "{title} v{va}→v{vb}: {} ({}, {:?}) | {} | {}",
                r.caption(),
                r.change_words(),
                r.similarity,
                r.old
                    .first()
                    .map(|u| u.text.chars().take(40).collect::<String>())
                    .unwrap_or_default(),
                r.new
                    .first()
                    .map(|u| u.text.chars().take(40).collect::<String>())
                    .unwrap_or_default()
            );
        }
    }
}

/// The Civil Code as one text: the corpus holds it as its books, joined here in the order of
/// their first article (1,260 articles).
fn text_of_civil_code() -> String {
    let path = corpus();
    let text = std::fs::read_to_string(path).expect("read corpus");
    let mut books: Vec<(u32, String)> = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("json");
        if !v["title"]
            .as_str()
            .unwrap_or("")
            .starts_with("中华人民共和国民法典")
        {
            continue;
        }
        let body = v["body"].as_str().unwrap_or("").to_owned();
        let first = guifan::text::structure::parse(&body)
            .articles()
            .next()
            .map_or(u32::MAX, |a| a.number);
        books.push((first, body));
    }
    books.sort();
    books
        .into_iter()
        .map(|(_, b)| b)
        .collect::<Vec<_>>()
        .join("\n")
}

/// `第N条` at the start of a line becomes `第N+1条`.
fn renumber(text: &str) -> String {
    use guifan::text::numerals::{parse_chinese_number, to_chinese_number};
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        let shifted = t.strip_prefix('第').and_then(|rest| {
            let end = rest.find('条')?;
            let n = parse_chinese_number(&rest[..end])?;
            let after = &rest[end + '条'.len_utf8()..];
            after
                .starts_with([' ', '\u{3000}'])
                .then(|| format!("第{}条{after}", to_chinese_number(n + 1)))
        });
        match shifted {
            Some(s) => out.push_str(&s),
            None => out.push_str(line),
        }
    }
    out
}

/// Times the Civil Code against itself, and against a version with an article inserted at
/// the top (every later article renumbered) and every tenth line with a comma changed.
fn civil_code_timing(code: &str) {
    if code.is_empty() {
        return;
    }
    let mut amended = String::from("第一条　为了测试对照表的对齐，新增本条。\n");
    let renumbered = renumber(code);
    let mut sentences = 0;
    for line in renumbered.split_inclusive('\n') {
        if line.contains('，') {
            sentences += 1;
            if sentences % 10 == 0 {
                amended.push_str(&line.replacen('，', "，依法", 1));
                continue;
            }
        }
        amended.push_str(line);
    }
    for (name, new) in [
        ("itself", code),
        ("renumbered and amended", amended.as_str()),
    ] {
        let mut times: Vec<Duration> = Vec::new();
        let mut last = None;
        for _ in 0..10 {
            let s = Instant::now();
            let c = diff_texts(code, new);
            times.push(s.elapsed());
            last = Some(c);
        }
        times.sort();
        if let Some(c) = last {
            let a = &c.summary.articles;
            println!(
                "Civil Code against {name}: {} → {} articles, unchanged {}, changed {}, added {}, \
                 deleted {}, renumbered {}, moved {}; median {:?}",
                a.old,
                a.new,
                a.unchanged,
                a.changed,
                a.added,
                a.deleted,
                a.renumbered,
                a.moved,
                times[5]
            );
        }
    }
}
