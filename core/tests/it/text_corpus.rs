//! The structure and citation parsers over the shared corpus of real laws and regulations
//! (`../shared/corpus/laws.jsonl`). Ignored by a plain `cargo test`; `scripts/test` runs them when
//! the corpus is present (`--include-ignored`), so that without it they are reported skipped.

use guifan::text::citations::find_citations;
use guifan::text::structure::{Structure, parse};

const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/corpus/laws.jsonl"
);

/// Records whose article count may differ from the plain count; each known case is explained
/// in `article_counts_match_a_plain_count`.
const MAX_DISAGREEMENTS: usize = 0;

struct Record {
    title: String,
    body: String,
}

fn load() -> Vec<Record> {
    let text = std::fs::read_to_string(CORPUS).unwrap_or_else(|e| {
        panic!("{CORPUS}: {e} (the shared corpus; scripts/test runs these tests only beside it)")
    });
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("corpus line is JSON");
            Record {
                title: v["title"].as_str().unwrap_or_default().to_owned(),
                body: v["body"].as_str().unwrap_or_default().to_owned(),
            }
        })
        .collect()
}

fn is_blank(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200b}' | '\u{feff}')
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || "零〇○一二三四五六七八九十百千两".contains(c)
}

/// The plain count: lines that, after leading whitespace, read `第` + numeral + `条`, an
/// optional `之` + numeral, and then whitespace or the end of the line. This is how every
/// article heading in the corpus is written, and no reference to an article is (a reference at
/// the start of a line is followed by text: `第十条规定的…`). Tables of contents in the corpus
/// list chapters only, so no 目录 line is ever counted here.
fn plain_count(body: &str) -> usize {
    body.lines()
        .filter(|line| {
            let t = line.trim_start_matches(is_blank);
            let Some(rest) = t.strip_prefix('第') else {
                return false;
            };
            let rest = rest.trim_start_matches(is_numeral);
            if rest.len() == t.len() - '第'.len_utf8() {
                return false;
            }
            let Some(mut rest) = rest.strip_prefix('条') else {
                return false;
            };
            if let Some(after) = rest.strip_prefix('之') {
                let digits = after.trim_start_matches(is_numeral);
                if digits.len() < after.len() {
                    rest = digits;
                }
            }
            rest.chars().next().is_none_or(is_blank)
        })
        .count()
}

#[test]
#[ignore = "reads ../shared"]
fn article_counts_match_a_plain_count() {
    let records = load();
    let mut with_articles = 0;
    let mut disagreements = Vec::new();
    for r in &records {
        let plain = plain_count(&r.body);
        let structure = parse(&r.body);
        let parsed = structure.articles().count();
        if plain > 0 {
            with_articles += 1;
            assert!(parsed >= 1, "{}: no article parsed", r.title);
        }
        if parsed != plain {
            disagreements.push(format!("{}: parsed {parsed}, plain {plain}", r.title));
        }
        check_ranges(&r.title, &r.body, &structure);
    }
    eprintln!(
        "{} records, {with_articles} with articles, {} disagreements",
        records.len(),
        disagreements.len()
    );
    for d in &disagreements {
        eprintln!("  {d}");
    }
    let over_bound = disagreements.len().saturating_sub(MAX_DISAGREEMENTS);
    assert_eq!(
        over_bound,
        0,
        "{} records disagree, more than {MAX_DISAGREEMENTS}",
        disagreements.len()
    );
}

/// Every node lies inside the text, inside its parent, after its previous sibling.
fn check_ranges(title: &str, body: &str, s: &Structure) {
    fn walk(
        title: &str,
        body: &str,
        nodes: &[guifan::text::structure::Node],
        lo: usize,
        hi: usize,
    ) {
        let mut prev_end = lo;
        for n in nodes {
            assert!(
                prev_end <= n.start && n.start <= n.end && n.end <= hi,
                "{title}: {} [{}, {}) outside [{prev_end}, {hi})",
                n.eid,
                n.start,
                n.end
            );
            assert!(body.is_char_boundary(n.start) && body.is_char_boundary(n.end));
            walk(title, body, &n.children, n.start, n.end);
            prev_end = n.end;
        }
    }
    walk(title, body, &s.body, 0, body.len());
}

#[test]
#[ignore = "reads ../shared"]
fn citations_are_well_formed() {
    let records = load();
    let (mut total, mut numbered, mut basis) = (0, 0, 0);
    for r in &records {
        let found = find_citations(&r.body);
        for pair in found.windows(2) {
            assert!(
                pair[0].end <= pair[1].start,
                "{}: overlapping citations",
                r.title
            );
        }
        for c in &found {
            assert!(c.title.is_some() || c.doc_number.is_some(), "{}", r.title);
            assert!(c.start < c.end && c.end <= r.body.len(), "{}", r.title);
            assert!(r.body.is_char_boundary(c.start) && r.body.is_char_boundary(c.end));
            if let Some(title) = &c.title {
                assert!(
                    r.body[c.start..c.end].contains(title.as_str()),
                    "{}",
                    r.title
                );
            }
        }
        total += found.len();
        numbered += found.iter().filter(|c| c.doc_number.is_some()).count();
        basis += found.iter().filter(|c| c.basis).count();
    }
    eprintln!("citations: {total}, with a 文号 {numbered}, in a basis clause {basis}");
}
