//! The reports in English. Under `GUIFAN_LANG=en` every run of Chinese characters a report
//! prints is document data: it occurs in the fixture files the registry was made from (titles,
//! 文号, issuers, kinds, texts, campaign names) or in the command's own arguments. Headings,
//! labels, statuses, units and sentences come from the English catalogue. (The Chinese reports
//! are the snapshots of `output`.)

use unicode_width::UnicodeWidthStr;

use crate::run::{Guifan, root};

fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x323AF)
}

/// The runs of Chinese characters in `text`.
fn han_runs(text: &str) -> Vec<&str> {
    let mut runs = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_han(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                runs.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        runs.push(&text[s..]);
    }
    runs
}

/// The text of fixture files, relative to the project's root; then the same with its blanks
/// and line breaks taken out (a title laid out on two lines is read as one).
fn data(files: &[&str]) -> String {
    let text = files
        .iter()
        .map(|f| std::fs::read_to_string(root().join(f)).expect("a UTF-8 fixture"))
        .collect::<Vec<_>>()
        .join("\n");
    let joined: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect();
    format!("{text}\n{joined}")
}

/// The `.jsonl` files of a fixture folder.
fn folder(dir: &str) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(root().join(dir))
        .expect("fixture folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .map(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).expect("a name");
            format!("{dir}/{name}")
        })
        .collect();
    files.sort();
    files
}

/// Runs each command in English and returns, per command, the runs of Chinese characters
/// found neither in `data` nor in the arguments given (a campaign's name given when it was
/// opened is data too). A command must exit with its `code` and print something.
fn foreign(g: &Guifan, data: &str, commands: &[(&[&str], i32)]) -> Vec<String> {
    let typed: Vec<&str> = commands
        .iter()
        .flat_map(|(a, _)| a.iter().copied())
        .collect();
    let mut problems = Vec::new();
    for (args, code) in commands {
        let r = g.run_lang("en", args);
        assert_eq!(
            r.code,
            *code,
            "guifan {}: {}{}",
            args.join(" "),
            r.stdout,
            r.stderr
        );
        let output = format!("{}{}", r.stdout, r.stderr);
        assert!(
            !output.trim().is_empty(),
            "guifan {} printed nothing",
            args.join(" ")
        );
        let mut seen: Vec<&str> = Vec::new();
        for run in han_runs(&output) {
            if seen.contains(&run) || data.contains(run) || typed.iter().any(|a| a.contains(run)) {
                continue;
            }
            seen.push(run);
            problems.push(format!("guifan {}: `{run}`", args.join(" ")));
        }
    }
    problems
}

#[test]
fn every_report_prints_only_document_data_in_chinese() {
    let g = Guifan::qianjiang();
    let files = folder("fixtures/qianjiang-2024");
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    let data = data(&files);
    let problems = foreign(
        &g,
        &data,
        &[
            (&["show", "潜政规〔2024〕3号"], 0),
            (&["show", "qj-szg-2019-02", "--as-of", "2020-01-01"], 0),
            (&["show", "潜政规〔2024〕2号"], 0),
            (
                &[
                    "show",
                    "潜政规〔2019〕2号",
                    "--article",
                    "5",
                    "--as-of",
                    "2020-01-01",
                ],
                0,
            ),
            (&["show", "潜政规〔2024〕3号", "--article", "2"], 0),
            (&["show", "潜政规〔2024〕3号", "--text", "--no-pager"], 0),
            (&["list"], 0),
            (&["list", "--status", "any", "--year", "2019"], 0),
            (&["search", "\"行政执法\"", "--limit", "3"], 0),
            (
                &[
                    "search",
                    "违法建设怎么处罚？",
                    "--status",
                    "any",
                    "--limit",
                    "3",
                ],
                0,
            ),
            (
                &[
                    "search",
                    "违法建设怎么处罚？",
                    "--unit",
                    "article",
                    "--status",
                    "any",
                    "--limit",
                    "3",
                ],
                0,
            ),
            (&["search", "\"行政执法责任制\""], 0),
            (&["stats"], 0),
            (
                &[
                    "stats",
                    "--by",
                    "kind,status,issuer,year",
                    "--as-of",
                    "2024-12-31",
                ],
                0,
            ),
            (&["stats", "--expiring", "400"], 0),
            (&["stats", "--filings"], 0),
            (&["stats", "--reviews"], 0),
            (&["stats", "--campaign", "qj-2024"], 0),
            (&["stats", "--campaign", "qj-2024-depts"], 0),
            (
                &["impact", "潜政发〔2019〕12号", "--as-of", "2024-12-31"],
                0,
            ),
            (&["campaign", "qj-2024", "--suggest"], 0),
            (&["campaign", "qj-2024-depts", "--suggest"], 0),
            (
                &[
                    "campaign",
                    "qj-2025",
                    "--name",
                    "2025年清理",
                    "--scope",
                    "市政府",
                    "--opened",
                    "2025-03-01",
                ],
                0,
            ),
            (
                &[
                    "campaign",
                    "qj-2025",
                    "--suggest",
                    "--record",
                    "--as-of",
                    "2025-03-01",
                ],
                0,
            ),
            (
                &[
                    "decide",
                    "--campaign",
                    "qj-2025",
                    "潜政规〔2020〕1号",
                    "继续有效",
                ],
                0,
            ),
            (&["campaign", "qj-2025", "--recorded"], 0),
        ],
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_demo_tells_its_story_in_english() {
    let g = Guifan::empty();
    let files = folder("fixtures/qianjiang-2024");
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    let problems = foreign(&g, &data(&files), &[(&["demo"], 0)]);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn documents_as_they_arrive_and_drafts_are_reported_in_english() {
    let g = Guifan::empty();
    let docs = [
        "fixtures/intake/txt/01-banfa-standard.txt",
        "fixtures/intake/txt/06-signer-numbered-articles.txt",
        "fixtures/intake/txt/11-amendment-decision.txt",
    ];
    let drafts = [
        "fixtures/drafts/outdoor-ads.txt",
        "fixtures/drafts/trial-scheme.txt",
        "fixtures/drafts/clean.txt",
    ];
    let mut files = vec!["fixtures/clearance/documents.jsonl"];
    files.extend(docs);
    files.extend(drafts);
    let data = data(&files);
    let r = g.run(&["import", "fixtures/clearance/documents.jsonl"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let problems = foreign(
        &g,
        &data,
        &[
            (
                &[
                    "extract",
                    docs[0],
                    docs[1],
                    docs[2],
                    "--kind",
                    "行政规范性文件",
                ],
                0,
            ),
            (&["import", docs[0], "--kind", "行政规范性文件"], 0),
            (&["extract", docs[0], "--kind", "行政规范性文件"], 0),
            (&["import", docs[2], "--kind", "行政规范性文件"], 0),
            (&["review-draft", drafts[0], "--as-of", "2024-04-01"], 3),
            (&["review-draft", drafts[1], "--as-of", "2024-04-01"], 3),
            (&["review-draft", drafts[2], "--as-of", "2024-04-01"], 0),
        ],
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// English labels are padded by display width like Chinese ones: the counts of a table stand
/// right-aligned under their heading, whatever the width of the kinds and statuses before
/// them.
#[test]
fn english_tables_align_with_chinese_data() {
    let g = Guifan::qianjiang();
    let r = g.run_lang(
        "en",
        &["stats", "--by", "kind,status", "--as-of", "2024-12-31"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    let table = &lines[..lines.len() - 1];
    assert!(
        table[0].starts_with("kind") && table[0].ends_with("count"),
        "{}",
        r.stdout
    );
    let width = table[0].width();
    assert!(
        table.iter().all(|l| l.width() == width),
        "every row ends under `count`:\n{}",
        r.stdout
    );
    let status_at = table[0].find("status").expect("a status column");
    let column = table[0][..status_at].width();
    for line in &table[1..] {
        let (kind, rest) = line.split_once("  ").expect("two columns");
        assert_eq!(
            kind.width() + 2 + (rest.len() - rest.trim_start().len()),
            column,
            "the status column starts at column {column}:\n{}",
            r.stdout
        );
    }
}
