//! Documents as they arrive, through the import pipeline (`guifan::ingest`): registered with
//! their original files kept, duplicates reported and not stored, probable new versions
//! offered, each file one transaction, and previews that write nothing.

use std::path::{Path, PathBuf};

use guifan::Registry;
use guifan::ingest::{
    DocumentOutcome, FileReport, Options, Revision, Summary, ingest_file, ingest_files, preview,
    preview_files,
};
use guifan::intake::{Match, Overrides, Source};
use sha2::{Digest, Sha256};

use crate::common::registry;

fn intake() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/intake")
}

fn expected() -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(intake().join("expected.json")).expect("expected.json");
    serde_json::from_str(&text).expect("json")
}

fn kind(kind: &str) -> Options {
    Options {
        overrides: Overrides {
            kind: Some(kind.into()),
            ..Overrides::default()
        },
        ..Options::default()
    }
}

fn import(reg: &mut Registry, paths: &[PathBuf], options: &Options) -> Summary {
    Summary::of(ingest_files(reg, None, paths, options, &mut |_| {}).expect("import"))
}

fn one(reg: &mut Registry, path: &Path, options: &Options) -> guifan::Result<FileReport> {
    ingest_file(reg, None, path, options, &mut |_| {})
}

/// The files kept under `files/`, as paths relative to it.
fn kept(reg: &Registry) -> Vec<String> {
    let root = reg.dir().join("files");
    let mut out = Vec::new();
    let Ok(folders) = std::fs::read_dir(&root) else {
        return out;
    };
    for folder in folders {
        let folder = folder.expect("entry").path();
        for f in std::fs::read_dir(&folder).expect("folder") {
            let f = f.expect("entry").path();
            out.push(f.strip_prefix(&root).expect("inside").display().to_string());
        }
    }
    out.sort();
    out
}

#[test]
fn word_files_are_registered_with_their_text_fields_and_original_files() {
    let (_dir, mut reg) = registry();
    let summary = import(&mut reg, &[intake().join("docx")], &kind("行政规范性文件"));
    assert_eq!(summary.files.len(), 12);
    assert_eq!(summary.documents.registered, 12, "{:#?}", summary.documents);
    assert_eq!(summary.total.documents, 12);
    assert_eq!(reg.count_works().expect("works"), 12);
    assert_eq!(kept(&reg).len(), 12);

    for entry in expected().iter().filter(|e| e["format"] == "docx") {
        let file = entry["file"].as_str().expect("file");
        let report = summary
            .files
            .iter()
            .find(|f| f.path.ends_with(file))
            .expect(file);
        let doc = report.document.as_ref().expect("a document");
        assert_eq!(doc.outcome, DocumentOutcome::Registered, "{file}");
        let work = reg.work(doc.work).expect("work");
        let v = work.latest();
        let fields = &entry["fields"];
        // Titles compare without blanks, as the evaluation compares them (a joint title keeps
        // the full-width space between its issuers).
        let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        assert_eq!(
            squash(&v.meta.title),
            squash(fields["title"].as_str().expect("title")),
            "{file}"
        );
        assert_eq!(
            v.meta.doc_number.as_ref().map(|n| n.canonical().to_owned()),
            fields["doc_number"].as_str().map(str::to_owned),
            "{file}"
        );
        assert_eq!(v.meta.kind, "行政规范性文件");
        // The text stored is the source's text.
        assert_eq!(
            reg.text(doc.work, 1).expect("text"),
            entry["text"].as_str().expect("text"),
            "{file}"
        );
        // The original file is kept under its hash, and the audit log records it.
        let bytes = std::fs::read(&report.path).expect("read");
        let original = doc.original.as_ref().expect("original kept");
        let sha = hex(&Sha256::digest(&bytes));
        assert_eq!(original.sha256, sha);
        assert_eq!(original.format, "docx");
        let path = reg.original_path(&sha).expect("path");
        assert_eq!(std::fs::read(&path).expect("kept"), bytes, "{file}");
        let originals = reg.originals(doc.work).expect("originals");
        assert_eq!(originals, [(1, original.clone())]);
    }
    let check = reg.check().expect("check");
    assert!(check.ok(), "{:?}", check.problems);

    // A kept file damaged or removed is a problem `check` reports.
    let first = reg
        .originals(summary.files[0].document.as_ref().expect("doc").work)
        .expect("originals")
        .remove(0)
        .1;
    let path = reg.original_path(&first.sha256).expect("path");
    std::fs::write(&path, b"changed").expect("damage");
    let check = reg.check().expect("check");
    assert!(
        check.problems.iter().any(|p| p.contains("does not match")),
        "{:?}",
        check.problems
    );
    std::fs::remove_file(&path).expect("remove");
    let check = reg.check().expect("check");
    assert!(
        check.problems.iter().any(|p| p.contains("missing")),
        "{:?}",
        check.problems
    );
}

#[test]
fn every_format_imports_and_the_same_document_again_is_reported_not_stored() {
    let (_dir, mut reg) = registry();
    let options = kind("行政规范性文件");
    let first = import(&mut reg, &[intake().join("txt")], &options);
    assert_eq!(first.documents.registered, 12);
    let versions = reg.count_versions().expect("count");
    let files = kept(&reg);

    // The same files: duplicates by their text.
    let again = import(&mut reg, &[intake().join("txt")], &options);
    assert_eq!(again.documents.duplicates, 12);
    for f in &again.files {
        let d = f.document.as_ref().expect("doc");
        assert_eq!(d.by, Some("text"), "{}", f.path.display());
        assert_eq!(d.seq, Some(1));
        assert!(d.original.is_none());
    }
    // The same documents as Word files, web pages, PDFs and Markdown: duplicates by their 文号
    // or text, or (without a 文号, their text read differently) offered as versions of the
    // work with their title. Nothing is stored.
    // (Markdown is named, not found in a folder.)
    for folder in ["docx", "html", "pdf", "md/03-no-hongtou-guiding.md"] {
        let s = import(&mut reg, &[intake().join(folder)], &options);
        for f in &s.files {
            let d = f.document.as_ref().expect("doc");
            assert!(
                matches!(
                    d.outcome,
                    DocumentOutcome::Duplicate | DocumentOutcome::ProbableVersion
                ),
                "{}: {:?}",
                f.path.display(),
                d.outcome
            );
            if d.outcome == DocumentOutcome::ProbableVersion {
                assert_eq!(d.by, Some("title"), "{}", f.path.display());
            }
        }
        assert_eq!(s.total.documents, 0, "{folder}");
    }
    assert_eq!(reg.count_versions().expect("count"), versions);
    assert_eq!(kept(&reg), files);
}

/// A revised document: the title marked (2025年修订), a new 文号 and changed text.
fn revised(dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(intake().join("txt/01-banfa-standard.txt"))
        .expect("fixture")
        .replace("潜政规〔2024〕3号", "潜政规〔2025〕7号")
        .replace(
            "行政规范性文件管理办法的通知",
            "行政规范性文件管理办法的通知（2025年修订）",
        )
        .replace("15日内", "10日内");
    let path = dir.join("revised.txt");
    std::fs::write(&path, text).expect("write");
    path
}

#[test]
fn a_revision_is_offered_and_stored_as_a_version_only_when_asked() {
    let (dir, mut reg) = registry();
    let options = kind("行政规范性文件");
    let first = one(
        &mut reg,
        &intake().join("docx/01-banfa-standard.docx"),
        &options,
    )
    .expect("import");
    let work = first.document.expect("doc").work;
    let path = revised(dir.path());

    let offered = one(&mut reg, &path, &options).expect("offered");
    let d = offered.document.expect("doc");
    assert_eq!(d.outcome, DocumentOutcome::ProbableVersion);
    assert_eq!((d.work, d.seq, d.by), (work, None, Some("title")));
    assert!(d.reason.is_some());
    assert_eq!(reg.count_versions().expect("count"), 1);
    assert_eq!(kept(&reg).len(), 1);

    // The preview says the same, and writes nothing.
    let p = preview(Some(&reg), &path, &options.overrides).expect("preview");
    assert!(matches!(p.classification, Some(Match::NewVersion { work: w, .. }) if w == work));

    let as_version = Options {
        revision: Revision::AsVersion,
        ..options.clone()
    };
    let stored = one(&mut reg, &path, &as_version).expect("stored");
    let d = stored.document.expect("doc");
    assert_eq!(d.outcome, DocumentOutcome::NewVersion);
    assert_eq!((d.work, d.seq), (work, Some(2)));
    assert_eq!(
        d.registered_title.as_deref(),
        Some("潜江市人民政府关于印发潜江市行政规范性文件管理办法的通知")
    );
    let w = reg.work(work).expect("work");
    assert_eq!(w.versions.len(), 2);
    assert_eq!(
        w.latest().meta.doc_number.as_ref().map(|n| n.canonical()),
        Some("潜政规〔2025〕7号")
    );
    assert_eq!(reg.originals(work).expect("originals").len(), 2);
    assert!(reg.check().expect("check").ok());

    // Once stored, it is a duplicate.
    let again = one(&mut reg, &path, &as_version).expect("again");
    assert_eq!(
        again.document.expect("doc").outcome,
        DocumentOutcome::Duplicate
    );
}

#[test]
fn an_amendment_decision_is_a_work_of_its_own_when_the_caller_says_so() {
    let (_dir, mut reg) = registry();
    crate::common::import(
        &mut reg,
        r#"{"key":"qj-tsjb","title":"潜江市行政执法投诉举报办法","kind":"行政规范性文件","issuer":"潜江市人民政府","doc_number":"潜政规〔2019〕2号","issued":"2019-04-12","status":"有效","body":"第一条　为了规范行政执法投诉举报工作，制定本办法。"}"#,
    )
    .expect("import");
    let target = reg.resolve("潜政规〔2019〕2号").expect("work");
    let path = intake().join("docx/11-amendment-decision.docx");
    let offered = one(&mut reg, &path, &Options::default()).expect("offered");
    let d = offered.document.expect("doc");
    assert_eq!(d.outcome, DocumentOutcome::ProbableVersion);
    assert_eq!((d.work, d.by), (target, Some("citation")));
    let own = Options {
        revision: Revision::AsNewWork,
        ..Options::default()
    };
    let d = one(&mut reg, &path, &own)
        .expect("registered")
        .document
        .expect("doc");
    assert_eq!(d.outcome, DocumentOutcome::Registered);
    assert_ne!(d.work, target);
    // No kind given: stored empty, and said so.
    assert!(
        d.warnings.iter().any(|w| w.contains("--kind")),
        "{:?}",
        d.warnings
    );
}

#[test]
fn the_sidecar_gives_what_the_document_cannot_and_the_command_line_wins() {
    let (dir, mut reg) = registry();
    let path = dir.path().join("03.txt");
    std::fs::copy(intake().join("txt/03-no-hongtou-guiding.txt"), &path).expect("copy");
    std::fs::write(
        Overrides::sidecar_path(&path),
        r#"{"kind":"行政规范性文件","status":"有效","work":"qj-03","issued":"2024-03-01","note":"纸质件扫描核对"}"#,
    )
    .expect("sidecar");
    let options = Options {
        overrides: Overrides {
            kind: Some("部门规章".into()),
            ..Overrides::default()
        },
        ..Options::default()
    };
    let shown = preview(Some(&reg), &path, &options.overrides).expect("preview");
    assert_eq!(shown.overrides.kind.as_deref(), Some("部门规章"));
    assert_eq!(shown.overrides.work.as_deref(), Some("qj-03"));
    let issued = shown.extraction.fields.issued.as_ref().expect("issued");
    assert_eq!(issued.source, Source::Override);
    assert_eq!(shown.classification, Some(Match::New));
    let rows = shown.rows();
    assert!(
        rows.iter()
            .any(|r| r.field == "kind" && r.value == "部门规章")
    );
    assert_eq!(reg.count_versions().expect("count"), 0);

    // A folder holding the document and its sidecar imports the document once.
    let s = import(&mut reg, &[dir.path().to_path_buf()], &options);
    assert_eq!(s.files.len(), 1);
    let d = s.files[0].document.as_ref().expect("doc");
    let work = reg.work(d.work).expect("work");
    assert_eq!(work.key, "qj-03");
    assert_eq!(work.latest().meta.kind, "部门规章");
    let changes = reg.status_changes(d.work).expect("status");
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].status.label(), "有效");
    assert_eq!(
        work.latest().meta.issued.map(guifan::date::iso).as_deref(),
        Some("2024-03-01")
    );
}

#[test]
fn a_file_that_fails_writes_nothing_and_the_error_names_file_and_field() {
    let (dir, mut reg) = registry();
    let options = kind("行政规范性文件");
    // Unreadable files: named, nothing written.
    for bad in [
        "bad/corrupt.docx",
        "bad/bomb.docx",
        "bad/scan.pdf",
        "bad/old-word.doc",
    ] {
        let path = intake().join(bad);
        let err = one(&mut reg, &path, &options).expect_err(bad);
        assert!(err.is_bad_input(), "{bad}: {err}");
        assert!(
            err.to_string()
                .contains(bad.rsplit('/').next().expect("name")),
            "{err}"
        );
    }
    // A bad value given: the field and the file named.
    let bad_date = Options {
        overrides: Overrides {
            effective: Some("2024-13-01".into()),
            ..Overrides::default()
        },
        ..Options::default()
    };
    let path = intake().join("txt/02-sifaju-tongzhi-chinese-date.txt");
    let err = one(&mut reg, &path, &bad_date).expect_err("bad date");
    let input = err.input().expect("input error");
    assert_eq!(input.field, "effective");
    assert!(
        err.to_string()
            .contains("02-sifaju-tongzhi-chinese-date.txt"),
        "{err}"
    );
    // A bad sidecar names the sidecar.
    let copy = dir.path().join("02.txt");
    std::fs::copy(&path, &copy).expect("copy");
    std::fs::write(Overrides::sidecar_path(&copy), r#"{"kindd":"x"}"#).expect("sidecar");
    let err = one(&mut reg, &copy, &options).expect_err("bad sidecar");
    assert!(err.to_string().contains("02.txt.json"), "{err}");
    // A document without a title and none given.
    let untitled = dir.path().join("untitled.txt");
    std::fs::write(&untitled, "第一条　本规定自发布之日起施行。\n").expect("write");
    let err = one(&mut reg, &untitled, &options).expect_err("untitled");
    assert_eq!(err.input().map(|i| i.field.as_str()), Some("title"));
    assert!(err.to_string().contains("untitled.txt"), "{err}");
    assert_eq!(reg.count_versions().expect("count"), 0);
    assert!(kept(&reg).is_empty());

    // Refused by the store after the original was written (a version key taken): the file
    // written for it is removed again, and the store holds nothing of it.
    let keyed = |key: &str| Options {
        overrides: Overrides {
            key: Some(key.into()),
            ..options.overrides.clone()
        },
        ..Options::default()
    };
    one(
        &mut reg,
        &intake().join("txt/01-banfa-standard.txt"),
        &keyed("k1"),
    )
    .expect("first");
    let audit = reg
        .audit_of(reg.resolve("k1").expect("k1"))
        .expect("audit")
        .len();
    let before = kept(&reg);
    let err = one(&mut reg, &path, &keyed("k1")).expect_err("key taken");
    assert!(err.is_bad_input(), "{err}");
    assert!(
        err.to_string()
            .contains("02-sifaju-tongzhi-chinese-date.txt"),
        "{err}"
    );
    assert_eq!(kept(&reg), before);
    assert_eq!(reg.count_versions().expect("count"), 1);
    assert_eq!(
        reg.audit_of(reg.resolve("k1").expect("k1"))
            .expect("audit")
            .len(),
        audit
    );
    assert!(reg.check().expect("check").ok());

    // In a list of files, the bad one stops the import; those before it stay.
    let err = ingest_files(
        &mut reg,
        None,
        &[path.clone(), intake().join("bad/truncated.docx")],
        &options,
        &mut |_| {},
    )
    .expect_err("stops");
    assert!(err.path.ends_with("truncated.docx"));
    assert_eq!(reg.count_versions().expect("count"), 2);
}

#[test]
fn previews_write_nothing_and_refuse_interchange_files() {
    let (_dir, reg) = registry();
    let p = preview_files(
        Some(&reg),
        &[intake().join("html"), intake().join("pdf")],
        &Overrides::default(),
    )
    .expect("previews");
    assert_eq!(p.files.len(), 17);
    for f in &p.files {
        assert!(f.extraction.fields.title.is_some(), "{}", f.extraction.file);
        assert!(
            f.extraction.warnings.iter().any(|w| w.contains("--kind")),
            "{}",
            f.extraction.file
        );
    }
    assert!(!reg.dir().join("files").exists());
    assert_eq!(reg.count_versions().expect("count"), 0);
    let jsonl = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/qianjiang-2024")
        .read_dir()
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .find(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .expect("a jsonl fixture");
    let err = preview(None, &jsonl, &Overrides::default()).expect_err("interchange");
    assert!(err.to_string().contains("not a document"), "{err}");
}

/// Real texts from the shared corpus written as plain-text files (title, then body), imported
/// as documents: every one registered, with its title, its text equal to the corpus's, and
/// the same files again all duplicates. Prints the speed.
#[test]
#[ignore = "reads ../shared"]
fn corpus_texts_import_as_documents() {
    let corpus = std::fs::read_to_string(crate::common::corpus()).expect("corpus");
    let dir = tempfile::tempdir().expect("dir");
    let mut seen = std::collections::HashSet::new();
    let mut written = Vec::new();
    for line in corpus.lines() {
        let r: serde_json::Value = serde_json::from_str(line).expect("json");
        let (Some(title), Some(body)) = (r["title"].as_str(), r["body"].as_str()) else {
            continue;
        };
        if body.trim().is_empty() || !seen.insert(title.to_owned()) || written.len() == 300 {
            continue;
        }
        let path = dir.path().join(format!("{:04}.txt", written.len()));
        std::fs::write(&path, format!("{title}\n{body}")).expect("write");
        written.push((path, title.to_owned()));
    }
    let (_reg_dir, mut reg) = registry();
    let start = std::time::Instant::now();
    let s = import(&mut reg, &[dir.path().to_path_buf()], &kind("法律"));
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "{} corpus texts imported as .txt in {secs:.2} s: {:.0} documents/s",
        s.files.len(),
        s.files.len() as f64 / secs
    );
    let registered = s.documents.registered;
    let titled = s
        .files
        .iter()
        .filter(|f| {
            let d = f.document.as_ref().expect("doc");
            written
                .iter()
                .any(|(p, t)| p == &f.path && d.title.replace(' ', "") == t.replace(' ', ""))
        })
        .count();
    eprintln!(
        "registered {registered}, probable versions {}, duplicates {}, title as in the corpus {titled}/{}",
        s.documents.probable_versions,
        s.documents.duplicates,
        written.len()
    );
    assert!(registered as f64 >= 0.95 * written.len() as f64);
    assert!(titled as f64 >= 0.95 * written.len() as f64);
    let again = import(&mut reg, &[dir.path().to_path_buf()], &kind("法律"));
    assert_eq!(again.documents.registered + again.documents.new_versions, 0);
    assert!(reg.check().expect("check").ok());
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
