//! Documents as they arrive: the readers and the layout finder over `fixtures/intake/`.
//!
//! `fixtures/intake/expected.json` (written by `fixtures/intake/generate.py` from one source of
//! truth) lists every fixture with the fields it must yield. The evaluation counts, per format
//! and field, the values found that are right (precision) and the expected values found
//! (recall), and asserts every field at ≥ 0.98 precision and ≥ 0.95 recall, and the text of
//! every Word and plain-text file equal to its source.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use guifan::intake::{self, Extraction, Limits, Match, Overrides, Source};
use guifan::model::DocNumber;
use guifan::{DocumentError, Error};

use crate::common::registry;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/intake")
}

fn expected() -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(dir().join("expected.json")).expect("expected.json");
    serde_json::from_str(&text).expect("json")
}

const FIELDS: [&str; 6] = [
    "title",
    "doc_number",
    "issuer",
    "signed",
    "effective",
    "expires",
];

/// A field as compared: blanks removed and widths folded for text, the canonical form for a
/// 文号, ISO for dates.
fn found(ex: &Extraction, field: &str) -> Option<String> {
    let f = &ex.fields;
    let squash = |s: &str| -> String {
        guifan::text::normalize::fold_width(s)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect()
    };
    match field {
        "title" => f.title.as_ref().map(|x| squash(&x.value)),
        "doc_number" => f.doc_number.as_ref().map(|x| {
            DocNumber::parse(&x.value)
                .map_or_else(|_| x.value.clone(), |n| n.canonical().to_owned())
        }),
        "issuer" => f.issuer.as_ref().map(|x| squash(&x.value)),
        "signed" => f.signed.as_ref().map(|x| guifan::date::iso(x.value)),
        "effective" => f.effective.as_ref().map(|x| guifan::date::iso(x.value)),
        "expires" => f.expires.as_ref().map(|x| guifan::date::iso(x.value)),
        _ => None,
    }
}

fn want(entry: &serde_json::Value, field: &str) -> Option<String> {
    let v = entry["fields"][field].as_str()?;
    Some(match field {
        "doc_number" => DocNumber::parse(v)
            .expect("expected number")
            .canonical()
            .to_owned(),
        "title" | "issuer" => v.chars().filter(|c| !c.is_whitespace()).collect(),
        _ => v.to_owned(),
    })
}

#[derive(Default, Clone, Copy)]
struct Count {
    found: usize,
    right: usize,
    expected: usize,
}

impl Count {
    fn precision(&self) -> f64 {
        if self.found == 0 {
            1.0
        } else {
            self.right as f64 / self.found as f64
        }
    }
    fn recall(&self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            self.right as f64 / self.expected as f64
        }
    }
}

#[test]
fn fields_reach_the_precision_and_recall_targets_per_format() {
    let entries = expected();
    assert!(entries.len() >= 40, "{} fixtures", entries.len());
    let mut counts: BTreeMap<(String, &str), Count> = BTreeMap::new();
    let mut body: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    for entry in &entries {
        let file = entry["file"].as_str().expect("file");
        let format = entry["format"].as_str().expect("format").to_owned();
        let ex = intake::extract(&dir().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        for field in FIELDS {
            let c = counts.entry((format.clone(), field)).or_default();
            let got = found(&ex, field);
            let exp = want(entry, field);
            c.found += usize::from(got.is_some());
            c.expected += usize::from(exp.is_some());
            if got.is_some() && got == exp {
                c.right += 1;
            } else if got != exp {
                misses.push(format!("{file}: {field}: found {got:?}, expected {exp:?}"));
            }
        }
        if let Some(text) = entry["text"].as_str() {
            let b = body.entry(format.clone()).or_default();
            b.1 += 1;
            if ex.text() == text {
                b.0 += 1;
            } else {
                misses.push(format!("{file}: text differs:\n{}\n---\n{text}", ex.text()));
            }
        }
        if let Some(headers) = entry["headers"].as_array() {
            let want: Vec<&str> = headers.iter().filter_map(|h| h.as_str()).collect();
            assert_eq!(ex.headers, want, "{file}");
        }
    }
    // The table of the evaluation, for the record.
    let mut table = String::from(
        "| format | field | precision | recall | found | right | expected |\n|---|---|---|---|---|---|---|\n",
    );
    for ((format, field), c) in &counts {
        table.push_str(&format!(
            "| {format} | {field} | {:.3} | {:.3} | {} | {} | {} |\n",
            c.precision(),
            c.recall(),
            c.found,
            c.right,
            c.expected
        ));
    }
    for (format, (equal, all)) in &body {
        table.push_str(&format!(
            "| {format} | text equal to source | {equal}/{all} | | | | |\n"
        ));
    }
    eprintln!("{table}");
    for m in &misses {
        eprintln!("miss: {m}");
    }
    for ((format, field), c) in &counts {
        assert!(
            c.precision() >= 0.98 && c.recall() >= 0.95,
            "{format} {field}: precision {:.3}, recall {:.3}\n{}",
            c.precision(),
            c.recall(),
            misses.join("\n")
        );
    }
    for (format, (equal, all)) in &body {
        assert_eq!(equal, all, "{format}: text not equal to the source");
    }
    for format in ["txt", "md", "docx", "html", "pdf"] {
        assert!(
            counts.keys().any(|(f, _)| f == format),
            "no {format} fixture"
        );
    }
}

#[test]
fn sources_point_at_the_lines_that_hold_the_values() {
    let ex = intake::extract(&dir().join("txt/01-banfa-standard.txt")).expect("reads");
    let line = |n: usize| ex.lines[n - 1].as_str();
    let doc_number = ex.fields.doc_number.as_ref().expect("number");
    let Source::Lines { first, last } = doc_number.source else {
        panic!("{:?}", doc_number.source);
    };
    assert_eq!((first, last), (3, 3));
    assert_eq!(line(3), "潜政规〔2024〕3号");
    let title = ex.fields.title.as_ref().expect("title");
    assert_eq!(title.source, Source::Lines { first: 5, last: 6 });
    let signed = ex.fields.signed.as_ref().expect("signed");
    assert_eq!(signed.source, Source::line(12));
    assert!(signed.confidence > 0.9);
    let printed = ex.fields.printed.as_ref().expect("printed");
    assert_eq!(printed.value.by, "潜江市人民政府办公室");
    assert_eq!(
        ex.fields.cc.as_ref().map(|c| c.value.as_str()),
        Some("市委各部门，市人大常委会办公室，市政协办公室")
    );
    assert_eq!(
        ex.fields.notes.as_ref().map(|n| n.value.clone()),
        Some(vec!["此件公开发布".to_owned()])
    );
    let json = serde_json::to_value(&ex).expect("json");
    assert_eq!(json["format"], "text");
    assert_eq!(json["encoding"], "UTF-8");
    assert_eq!(json["fields"]["doc_number"]["source"]["from"], "lines");
    assert_eq!(json["fields"]["effective"]["value"], "2024-07-01");
    assert_eq!(json["sha256"].as_str().map(str::len), Some(64));

    // A portal page: the table cells are sources.
    let ex = intake::extract(&dir().join("html/07-effective-without-period.html")).expect("reads");
    assert_eq!(
        ex.portal.index_no.as_ref().map(|f| f.source.clone()),
        Some(Source::Cell {
            label: "索引号".into()
        })
    );
    assert_eq!(
        ex.portal.validity.as_ref().map(|f| f.value.as_str()),
        Some("有效")
    );
    assert_eq!(
        ex.portal.topic.as_ref().map(|f| f.value.as_str()),
        Some("综合政务")
    );
    // Agreement between the table and the text raises the confidence.
    let ex = intake::extract(&dir().join("html/01-banfa-standard.html")).expect("reads");
    let number = ex.fields.doc_number.as_ref().expect("number");
    assert_eq!(number.source, Source::line(2));
    assert!(number.confidence >= 0.99);
}

/// Every bad input is a clear error naming the file.
#[test]
fn bad_inputs_are_refused_naming_the_file() {
    use DocumentError::*;
    for (name, kind, words) in [
        ("old-word.doc", Unsupported, "old binary Word"),
        ("renamed-doc.docx", Unsupported, "old binary Word"),
        ("password.docx", Encrypted, "encrypted"),
        ("encrypted-entry.docx", Encrypted, "encrypted"),
        ("corrupt.docx", Corrupt, "zip"),
        ("truncated.docx", Corrupt, "zip"),
        ("bomb.docx", Limit, "zip bomb"),
        ("entities.docx", Corrupt, "DOCTYPE"),
        ("scan.pdf", Unsupported, "probably a scan"),
        ("big5.txt", Encoding, "GB18030"),
        ("garbage.txt", Encoding, "save the file as UTF-8"),
        ("binary.txt", Encoding, "NUL"),
    ] {
        let path = dir().join("bad").join(name);
        let e = intake::extract(&path).expect_err(name);
        let message = e.to_string();
        assert!(
            message.contains(&format!("`{}`", path.display())),
            "{name}: {message}"
        );
        assert!(message.contains(words), "{name}: {message}");
        match e {
            Error::Document { kind: k, .. } => assert_eq!(k, kind, "{name}: {message}"),
            other => panic!("{name}: {other}"),
        }
        assert!(e_is_bad_input(&path));
    }
}

fn e_is_bad_input(path: &Path) -> bool {
    intake::extract(path)
        .err()
        .is_some_and(|e| e.is_bad_input())
}

#[test]
fn huge_files_and_parts_over_the_limits_are_refused() {
    let tmp = tempfile::tempdir().expect("tmp");
    let big = tmp.path().join("huge.txt");
    let f = std::fs::File::create(&big).expect("create");
    f.set_len((64 << 20) + 1).expect("sparse file");
    let e = intake::extract(&big).expect_err("huge");
    assert!(e.to_string().contains("huge.txt"), "{e}");
    assert!(e.to_string().contains("over the limit"), "{e}");

    let docx = std::fs::read(dir().join("docx/01-banfa-standard.docx")).expect("docx");
    let small = Limits {
        max_entry_bytes: 2000,
        ..Limits::default()
    };
    let e = intake::extract_bytes_with("small.docx", &docx, &small).expect_err("part");
    assert!(
        e.to_string().contains("`small.docx`: word/document.xml"),
        "{e}"
    );
    let few = Limits {
        max_lines: 5,
        ..Limits::default()
    };
    let e = intake::extract_bytes_with("lines.docx", &docx, &few).expect_err("lines");
    assert!(e.to_string().contains("lines, over the limit of 5"), "{e}");
}

#[test]
fn bytes_and_files_give_the_same_extraction() {
    let path = dir().join("html/02-sifaju-tongzhi-chinese-date.htm");
    let bytes = std::fs::read(&path).expect("read");
    let a = intake::extract(&path).expect("file");
    let b = intake::extract_bytes(&path.display().to_string(), &bytes).expect("bytes");
    assert_eq!(a, b);
    assert_eq!(a.encoding.as_deref(), Some("GBK"));
}

#[test]
fn the_registry_stores_what_the_extraction_says() {
    let (_dir, mut reg) = registry();
    let path = dir().join("docx/01-banfa-standard.docx");
    let ex = intake::extract(&path).expect("reads");
    let overrides = Overrides::from_json(
        "01.docx.json",
        r#"{"kind":"行政规范性文件","status":"有效","work":"qj-szg-2024-03"}"#,
    )
    .expect("sidecar");
    let version = ex.to_new_version(&overrides).expect("version");
    assert_eq!(version.body, ex.text());
    assert_eq!(version.meta.kind, "行政规范性文件");
    assert_eq!(
        version.meta.issued.map(guifan::date::iso).as_deref(),
        Some("2024-05-21")
    );
    let status = overrides.initial_status(&version).expect("status");
    assert_eq!(intake::classify(&reg, &ex).expect("classify"), Match::New);
    let id = reg
        .register(overrides.work.as_deref(), version.clone(), status)
        .expect("register");
    let work = reg.work(id).expect("work");
    let v = work.latest();
    assert_eq!(
        v.meta.title,
        "潜江市人民政府关于印发潜江市行政规范性文件管理办法的通知"
    );
    assert_eq!(
        v.meta.doc_number.as_ref().map(DocNumber::canonical),
        Some("潜政规〔2024〕3号")
    );
    assert_eq!(
        v.meta.expires.map(guifan::date::iso).as_deref(),
        Some("2029-06-30")
    );
    assert_eq!(v.content_hash, ex.text_sha256());
    assert_eq!(reg.text(id, 1).expect("text"), ex.text());

    // The same file again: a duplicate by its text; the page of the same document: by its 文号.
    assert_eq!(
        intake::classify(&reg, &ex).expect("classify"),
        Match::Duplicate {
            work: id,
            seq: 1,
            by: "text"
        }
    );
    let page = intake::extract(&dir().join("html/01-banfa-standard.html")).expect("page");
    assert_eq!(
        intake::classify(&reg, &page).expect("classify"),
        Match::Duplicate {
            work: id,
            seq: 1,
            by: "doc_number"
        }
    );
    // A revision with a new number and a marked title: a new version of the work.
    let mut revised = ex.clone();
    revised.lines.push("（2025年修订）".into());
    if let Some(t) = revised.fields.title.as_mut() {
        t.value.push_str("（2025年修订）");
    }
    if let Some(n) = revised.fields.doc_number.as_mut() {
        n.value = "潜政规〔2025〕7号".into();
    }
    assert!(matches!(
        intake::classify(&reg, &revised).expect("classify"),
        Match::NewVersion { work, .. } if work == id
    ));
    // Nothing was written by classifying.
    assert_eq!(reg.count_versions().expect("count"), 1);

    // An unknown sidecar field is refused; a bad override names its field.
    assert!(Overrides::from_json("x.json", r#"{"kindd":"x"}"#).is_err());
    let bad = Overrides {
        effective: Some("2024-13-01".into()),
        ..Overrides::default()
    };
    let e = ex.to_new_version(&bad).expect_err("bad date");
    assert_eq!(e.input().map(|i| i.field.as_str()), Some("effective"));
    let shown = ex
        .with_overrides(&Overrides {
            issuer: Some("潜江市司法局".into()),
            ..Overrides::default()
        })
        .expect("shown");
    assert_eq!(
        shown.fields.issuer.as_ref().map(|f| f.source.clone()),
        Some(Source::Override)
    );
}

#[test]
fn an_amendment_decision_is_offered_as_a_version_of_what_it_amends() {
    let (_dir, mut reg) = registry();
    crate::common::import(
        &mut reg,
        r#"{"key":"qj-tsjb","title":"潜江市行政执法投诉举报办法","kind":"行政规范性文件","issuer":"潜江市人民政府","doc_number":"潜政规〔2019〕2号","issued":"2019-04-12","status":"有效","body":"第一条　为了规范行政执法投诉举报工作，制定本办法。"}"#,
    )
    .expect("import");
    let id = reg.resolve("潜政规〔2019〕2号").expect("work");
    let ex = intake::extract(&dir().join("txt/11-amendment-decision.txt")).expect("reads");
    match intake::classify(&reg, &ex).expect("classify") {
        Match::NewVersion { work, reason, .. } => {
            assert_eq!(work, id);
            assert!(reason.contains("revises"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
}

/// The text fixtures written for the structure parser, which the layout finder was not built
/// on, yield their numbers, titles and dates too.
#[test]
fn the_structure_fixtures_yield_their_fields() {
    let text = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/text");
    for (file, number, signed, effective, expires) in [
        (
            "guifanxing_wenjian_guanli_banfa.txt",
            "潜政规〔2024〕3号",
            "2024-05-29",
            Some("2024-07-01"),
            Some("2029-06-30"),
        ),
        (
            "cailiang_jizhun_shiyong_guize.txt",
            "潜司发〔2024〕5号",
            "2024-06-12",
            Some("2024-07-01"),
            None,
        ),
        (
            "qingli_gongzuo_tongzhi.txt",
            "潜政办发〔2024〕21号",
            "2024-06-05",
            None,
            None,
        ),
        (
            "qingwei_weifa_bu_chufa_guiding.txt",
            "潜城管规〔2024〕1号",
            "2024-07-10",
            Some("2024-08-01"),
            Some("2027-07-31"),
        ),
        (
            "xiugai_jueding.txt",
            "潜政规〔2025〕1号",
            "2025-03-03",
            Some("2025-03-03"),
            None,
        ),
    ] {
        let ex = intake::extract(&text.join(file)).expect(file);
        assert_eq!(found(&ex, "doc_number").as_deref(), Some(number), "{file}");
        assert_eq!(found(&ex, "signed").as_deref(), Some(signed), "{file}");
        assert_eq!(found(&ex, "effective").as_deref(), effective, "{file}");
        assert_eq!(found(&ex, "expires").as_deref(), expires, "{file}");
        assert!(
            ex.fields.title.is_some() && ex.fields.issuer.is_some(),
            "{file}"
        );
    }
}
