//! Akoma Ntoso: the export of fixture documents (snapshots, the official schema), the round
//! trip, import of 2.0 and 3.0 documents written here and of the shared files, hostile input.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use guifan::interchange::akn::Limits;
use guifan::interchange::{Format, Which, export_akn, export_jsonl, import_str};
use guifan::model::Status;
use guifan::{Error, Registry};
use time::macros::date;

use crate::common;

/// The official Akoma Ntoso 3.0 schema, kept in `core/tests/schema/` (see its README). The
/// validation needs `xmllint` (Debian: `libxml2-utils`); without it the tests that validate
/// fail, saying so.
fn schema() -> &'static Path {
    static CHECKED: OnceLock<PathBuf> = OnceLock::new();
    CHECKED.get_or_init(|| {
        assert!(
            Command::new("xmllint").arg("--version").output().is_ok(),
            "schema validation needs xmllint: install libxml2-utils (Debian), as .ci/run does"
        );
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/schema/akomantoso30.xsd")
    })
}

/// Validates documents against the schema in one run of xmllint.
fn validate_all(docs: &[(String, String)]) -> Result<(), String> {
    let xsd = schema();
    let dir = tempfile::tempdir().expect("temp dir");
    let mut cmd = Command::new("xmllint");
    cmd.args(["--noout", "--nonet", "--schema"]).arg(xsd);
    for (i, (_, xml)) in docs.iter().enumerate() {
        let file = dir.path().join(format!("{i}.xml"));
        std::fs::write(&file, xml).expect("write");
        cmd.arg(file);
    }
    let out = cmd.output().expect("xmllint runs");
    if out.status.success() {
        return Ok(());
    }
    let mut report = String::from_utf8_lossy(&out.stderr).into_owned();
    for (i, (name, _)) in docs.iter().enumerate() {
        report = report.replace(&format!("/{i}.xml"), &format!("/{name}"));
    }
    Err(report)
}

fn validate(name: &str, xml: &str) -> Result<(), String> {
    validate_all(&[(name.to_owned(), xml.to_owned())])
}

/// Documents of the fixtures that show each shape: two versions, repealed, a notice read by
/// numbered parts, a contract without structure, a text citing others.
const SAMPLE: &[&str] = &[
    "qj-szg-2019-02",
    "qj-szf-2008-31",
    "qj-szbf-2024-12",
    "qj-ht-2024-05",
    "qj-szg-2024-03",
    "qj-szbf-2018-21",
];

fn every_version(reg: &Registry, r: &str) -> Vec<(u32, String)> {
    let id = reg.resolve(r).expect("resolve");
    reg.work(id)
        .expect("work")
        .versions
        .iter()
        .map(|v| {
            (
                v.seq,
                export_akn(reg, id, Which::Version(v.seq)).expect("export"),
            )
        })
        .collect()
}

#[test]
fn exports_validate_against_the_official_schema() {
    let (_dir, reg) = common::qianjiang();
    let mut docs = Vec::new();
    for r in reg.list(&Default::default()).expect("list") {
        for (seq, xml) in every_version(&reg, &r.work) {
            docs.push((format!("{}-v{seq}.xml", r.work), xml));
        }
    }
    assert_eq!(docs.len(), 113);
    validate_all(&docs).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn export_snapshots() {
    let (_dir, reg) = common::qianjiang();
    for r in ["qj-szg-2019-02", "qj-szf-2008-31", "qj-szbf-2024-12"] {
        for (seq, xml) in every_version(&reg, r) {
            insta::assert_snapshot!(format!("{r}-v{seq}"), xml);
        }
    }
}

/// A work's document and status records as JSON Lines, the rest left out.
fn document_records(reg: &Registry, r: &str) -> Vec<serde_json::Value> {
    let id = reg.resolve(r).expect("resolve");
    let mut out = Vec::new();
    export_jsonl(reg, Some(id), &mut out).expect("export");
    String::from_utf8(out)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json"))
        .filter(|v| v["type"] == "document" || v["type"] == "status")
        .collect()
}

#[test]
fn a_document_exported_and_imported_again_is_the_same_document() {
    let (_dir, reg) = common::qianjiang();
    let (_dir2, mut again) = common::registry();
    for r in SAMPLE {
        // Newest first: the order of files does not matter.
        for (_, xml) in every_version(&reg, r).into_iter().rev() {
            import_str(&mut again, Format::AkomaNtoso, &xml).unwrap_or_else(|e| panic!("{r}: {e}"));
        }
        assert_eq!(
            document_records(&again, r),
            document_records(&reg, r),
            "{r}"
        );
        let a = reg.resolve(r).expect("resolve");
        let b = again.resolve(r).expect("resolve");
        for day in [
            date!(2010 - 01 - 01),
            date!(2020 - 01 - 01),
            date!(2024 - 12 - 31),
        ] {
            assert_eq!(
                reg.status_as_of(a, day).expect("status"),
                again.status_as_of(b, day).expect("status"),
                "{r} on {day}"
            );
        }
        let work = reg.work(a).expect("work");
        for v in &work.versions {
            assert_eq!(
                reg.articles(a, v.seq).expect("articles"),
                again.articles(b, v.seq).expect("articles"),
                "{r} v{}",
                v.seq
            );
        }
    }
    assert!(again.check().expect("check").ok());
    // Exported again, the XML is the same, except what the other registry knows besides.
    let id = again.resolve("qj-szg-2019-02").expect("resolve");
    let first = every_version(&reg, "qj-szg-2019-02");
    for (seq, xml) in first {
        assert_eq!(
            export_akn(&again, id, Which::Version(seq)).expect("export"),
            xml
        );
    }
}

#[test]
fn the_repealed_document_keeps_its_repeal() {
    let (_dir, reg) = common::qianjiang();
    let id = reg.resolve("qj-szf-2008-31").expect("resolve");
    let xml = export_akn(&reg, id, Which::Latest).expect("export");
    assert!(xml.contains(r#"type="repeal""#));
    assert!(xml.contains("<textualMod type=\"repeal\""));
    // Its repealing document is named as the source.
    assert!(xml.contains("潜政发〔2019〕12号"));
    let (_dir2, mut again) = common::registry();
    import_str(&mut again, Format::AkomaNtoso, &xml).expect("import");
    let b = again.resolve("潜政发〔2008〕31号").expect("resolve");
    assert_eq!(
        again
            .status_as_of(b, date!(2019 - 03 - 26))
            .expect("status"),
        Status::Repealed
    );
    // Read by a reader without guifan's metadata, the lifecycle still repeals it.
    let (_dir3, mut plain) = common::registry();
    import_str(&mut plain, Format::AkomaNtoso, &without_proprietary(&xml)).expect("import");
    let c = plain.resolve("潜政发〔2008〕31号").expect("resolve");
    assert_eq!(
        plain
            .status_as_of(c, date!(2019 - 03 - 26))
            .expect("status"),
        Status::Repealed
    );
    assert_eq!(
        plain
            .status_as_of(c, date!(2019 - 03 - 25))
            .expect("status"),
        reg.status_as_of(id, date!(2019 - 03 - 25)).expect("status")
    );
}

/// Drops guifan's own metadata: what is left is what any Akoma Ntoso reader has.
fn without_proprietary(xml: &str) -> String {
    let start = xml.find("<proprietary").expect("proprietary");
    let end = xml.find("</proprietary>").expect("end") + "</proprietary>".len();
    format!("{}{}", &xml[..start], &xml[end..])
}

#[test]
fn the_standard_metadata_alone_gives_the_document() {
    let (_dir, reg) = common::qianjiang();
    let (_dir2, mut again) = common::registry();
    let versions = every_version(&reg, "qj-szg-2019-02");
    for (_, xml) in &versions {
        let plain = without_proprietary(xml);
        validate("plain", &plain).expect("valid");
        import_str(&mut again, Format::AkomaNtoso, &plain).expect("import");
    }
    let id = again
        .resolve("潜政规〔2019〕2号")
        .expect("resolved by the number of its first version");
    let work = again.work(id).expect("work");
    assert_eq!(work.versions.len(), 2);
    assert_eq!(
        work.key,
        "/akn/cn/act/normative-document/潜江市/2019-04-12/潜政规〔2019〕2号"
    );
    let v1 = &work.versions[0];
    assert_eq!(v1.meta.title, "潜江市行政执法投诉举报办法");
    assert_eq!(v1.meta.kind, "行政规范性文件");
    assert_eq!(v1.meta.issuer, "潜江市人民政府");
    assert_eq!(v1.meta.issued, Some(date!(2019 - 04 - 12)));
    assert!(v1.superseded);
    assert_eq!(work.versions[1].meta.effective, Some(date!(2023 - 06 - 15)));
    // The body rebuilds the text exactly.
    let a = reg.resolve("qj-szg-2019-02").expect("resolve");
    for seq in [1, 2] {
        assert_eq!(
            again.text(id, seq).expect("text"),
            reg.text(a, seq).expect("text")
        );
    }
    assert_eq!(
        again
            .status_as_of(id, date!(2024 - 01 - 01))
            .expect("status"),
        Status::Valid
    );
}

#[test]
fn prefixed_elements_read_as_unprefixed_ones() {
    let (_dir, reg) = common::qianjiang();
    let id = reg.resolve("qj-szbf-2024-12").expect("resolve");
    let xml = export_akn(&reg, id, Which::Latest).expect("export");
    let prefixed = xml
        .replace("xmlns=\"", "xmlns:an=\"")
        .replace("</", "\u{1}")
        .replace('<', "<an:")
        .replace("<an:?xml", "<?xml")
        .replace("<an:gf:", "<gf:")
        .replace('\u{1}', "</an:")
        .replace("</an:gf:", "</gf:");
    assert!(prefixed.contains("<an:akomaNtoso xmlns:an="));
    let (_dir2, mut again) = common::registry();
    import_str(&mut again, Format::AkomaNtoso, &prefixed).expect("import");
    let b = again.resolve("潜政办发〔2024〕12号").expect("resolve");
    assert_eq!(
        again.text(b, 1).expect("text"),
        reg.text(id, 1).expect("text")
    );
}

#[test]
fn hostile_documents_are_refused_with_a_clear_error() {
    let (_dir, mut reg) = common::registry();
    let bomb = r#"<?xml version="1.0"?>
<!DOCTYPE akomaNtoso [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act>&b;</act></akomaNtoso>"#;
    let e = import_str(&mut reg, Format::AkomaNtoso, bomb).expect_err("refused");
    assert!(matches!(e, Error::Xml { .. }), "{e}");
    assert!(e.to_string().contains("declares entities"), "{e}");
    assert!(e.is_bad_input());

    let external =
        r#"<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>"#;
    let e = import_str(&mut reg, Format::AkomaNtoso, external).expect_err("refused");
    assert!(e.to_string().contains("declares entities"), "{e}");

    let deep = format!(
        "<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\">{}{}</akomaNtoso>",
        "<p>".repeat(1000),
        "</p>".repeat(1000)
    );
    let e = import_str(&mut reg, Format::AkomaNtoso, &deep).expect_err("refused");
    assert!(e.to_string().contains("nested deeper than"), "{e}");

    let small = Limits {
        max_bytes: 1000,
        ..Limits::default()
    };
    let e = guifan::interchange::akn::import(
        &mut reg,
        &"<a>x</a>".repeat(200),
        small,
        &mut |_, _, _, _| Ok(()),
    )
    .expect_err("refused");
    assert!(
        e.to_string().contains("over the limit of 1000 bytes"),
        "{e}"
    );

    let e = import_str(&mut reg, Format::AkomaNtoso, "<html><body/></html>").expect_err("refused");
    assert!(e.to_string().contains("not an Akoma Ntoso document"), "{e}");

    let e = import_str(
        &mut reg,
        Format::AkomaNtoso,
        "<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\"><act>",
    )
    .expect_err("refused");
    assert!(e.to_string().contains("xml: "), "{e}");
    assert_eq!(reg.count_works().expect("count"), 0);
}

/// The shared Akoma Ntoso files (a test that reads them is ignored by default; see
/// `common::corpus`).
fn shared_files() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/akn");
    assert!(
        dir.is_dir(),
        "{} is absent: this test runs beside the shared data only (scripts/test)",
        dir.display()
    );
    fn walk(d: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(d).expect("read dir") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "xml")
                && !p.to_string_lossy().contains("LICENSES")
            {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(&dir, &mut files);
    files.sort();
    files
}

#[test]
#[ignore = "reads ../shared"]
fn every_shared_file_imports_or_fails_clearly() {
    let files = shared_files();
    let mut imported = 0;
    let mut exported = Vec::new();
    for f in &files {
        let (_dir, mut reg) = common::registry();
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
        match guifan::ingest::ingest_file(&mut reg, None, f, &Default::default(), &mut |_| {})
            .map(|f| f.report)
        {
            Ok(report) => {
                imported += 1;
                let id = reg.list(&Default::default()).expect("list")[0].id;
                let work = reg.work(id).expect("work");
                let v = work.latest();
                let text = reg.text(id, v.seq).expect("text");
                eprintln!(
                    "{name}: imported ({} chars, {} articles, v{}, {:?}) 《{}》",
                    text.chars().count(),
                    reg.articles(id, v.seq).expect("articles").len(),
                    v.seq,
                    report,
                    v.meta.title.chars().take(40).collect::<String>()
                );
                assert!(!v.meta.title.trim().is_empty(), "{name}");
                assert!(reg.check().expect("check").ok(), "{name}");
                // What was imported exports again, valid.
                exported.push((
                    name.to_owned(),
                    export_akn(&reg, id, Which::Latest).expect("export"),
                ));
            }
            Err(e) => {
                eprintln!("{name}: refused: {e}");
                assert_eq!(name, "sameXmlId.xml", "{e}");
                assert!(e.to_string().contains("duplicate id `BAD_XMLID`"), "{e}");
                assert_eq!(reg.count_works().expect("count"), 0);
            }
        }
    }
    assert_eq!(imported, files.len() - 1);
    validate_all(&exported).unwrap_or_else(|e| panic!("{e}"));
}

mod properties {
    //! Property tests: the reader on damaged documents, and the round trip on generated texts.
    //! `PROPTEST_CASES=10000` runs them longer; `scripts/fuzz` runs the coverage-guided fuzzers.

    use guifan::interchange::akn::{Limits, read_akn};
    use guifan::interchange::{Format, Which, export_akn, import_str};
    use guifan::model::{Meta, NewVersion};
    use proptest::prelude::*;

    use crate::common;

    const SEED: &str = include_str!("snapshots/it__akn__qj-szg-2019-02-v2.snap");

    fn seed() -> &'static str {
        SEED.split_once("\n---\n").map_or(SEED, |(_, xml)| xml)
    }

    #[derive(Debug, Clone)]
    enum Edit {
        Delete(usize, usize),
        Insert(usize, String),
        Repeat(usize, usize),
    }

    fn edit() -> impl Strategy<Value = Edit> {
        let piece = prop_oneof![
            Just("<".to_owned()),
            Just(">".to_owned()),
            Just("&".to_owned()),
            Just("</p>".to_owned()),
            Just("<article eId=\"art_1\">".to_owned()),
            Just("<!DOCTYPE x [<!ENTITY e \"e\">]>".to_owned()),
            Just("&#0;".to_owned()),
            Just("&#xD800;".to_owned()),
            Just("xml:id=\"a\" xml:id=\"a\"".to_owned()),
            Just("<gf:layout gap=\"9\"/>".to_owned()),
            Just("<gf:document work=\"\" version=\"0\"/>".to_owned()),
            "\\PC{0,8}",
        ];
        prop_oneof![
            (0usize..20_000, 0usize..400).prop_map(|(a, n)| Edit::Delete(a, n)),
            (0usize..20_000, piece).prop_map(|(a, s)| Edit::Insert(a, s)),
            (0usize..20_000, 0usize..300).prop_map(|(a, n)| Edit::Repeat(a, n)),
        ]
    }

    fn apply(xml: &str, edits: &[Edit]) -> String {
        let mut s = xml.to_owned();
        let boundary = |s: &str, mut i: usize| {
            i = i.min(s.len());
            while !s.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        for e in edits {
            match e {
                Edit::Delete(a, n) => {
                    let a = boundary(&s, *a);
                    let b = boundary(&s, a + n);
                    s.replace_range(a..b, "");
                }
                Edit::Insert(a, t) => {
                    let a = boundary(&s, *a);
                    s.insert_str(a, t);
                }
                Edit::Repeat(a, n) => {
                    let a = boundary(&s, *a);
                    let b = boundary(&s, a + n);
                    let piece = s[a..b].to_owned();
                    s.insert_str(b, &piece);
                }
            }
        }
        s
    }

    proptest! {
        #[test]
        fn the_reader_returns_a_document_or_an_error(edits in prop::collection::vec(edit(), 1..6)) {
            let xml = apply(seed(), &edits);
            if let Ok(doc) = read_akn(&xml, Limits::default()) {
                prop_assert!(doc.version >= 1);
            }
        }
    }

    fn line() -> impl Strategy<Value = String> {
        let numeral = prop::sample::select(vec!["一", "二", "三", "十", "十二", "二十一", "一百"]);
        let sep = prop::sample::select(vec!["\u{3000}", " ", "", "  "]);
        let words = "[以本条规定的市政府应当，。、；（）《》〔〕0-9a-z]{0,24}";
        prop_oneof![
            (numeral.clone(), sep.clone(), words).prop_map(|(n, s, w)| format!("第{n}条{s}{w}")),
            (numeral.clone(), sep.clone()).prop_map(|(n, s)| format!("第{n}章{s}总则")),
            (numeral.clone(), words).prop_map(|(n, w)| format!("（{n}）{w}")),
            (numeral, words).prop_map(|(n, w)| format!("{n}、{w}")),
            (1u32..9, words).prop_map(|(n, w)| format!("{n}．{w}")),
            words.prop_map(|w| w.to_owned()),
            Just(String::new()),
            Just("潜江市人民政府".to_owned()),
            Just("2024年5月4日".to_owned()),
            Just("附件：1．清单".to_owned()),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn any_text_comes_back_exactly(
            lines in prop::collection::vec(line(), 0..14),
            crlf in any::<bool>(),
            trailing in any::<bool>(),
        ) {
            let mut text = lines.join(if crlf { "\r\n" } else { "\n" });
            if trailing {
                text.push('\n');
            }
            let (_dir, mut reg) = common::registry();
            let version = NewVersion {
                key: Some("k".into()),
                meta: Meta {
                    title: "生成的文件".into(),
                    kind: "行政规范性文件".into(),
                    issuer: "潜江市人民政府".into(),
                    ..Meta::default()
                },
                body: text.clone(),
                ..NewVersion::default()
            };
            let id = reg.register(None, version, None).expect("register");
            let xml = export_akn(&reg, id, Which::Latest).expect("export");
            let (_dir2, mut again) = common::registry();
            import_str(&mut again, Format::AkomaNtoso, &xml).expect("import");
            let b = again.resolve("k").expect("resolve");
            prop_assert_eq!(again.text(b, 1).expect("text"), text);
        }
    }
}

#[test]
#[ignore = "reads ../shared"]
fn corpus_documents_come_back_exactly_and_valid() {
    let path = common::corpus();
    let (_dir, mut reg) = common::registry();
    guifan::ingest::ingest_file(&mut reg, None, &path, &Default::default(), &mut |_| {})
        .map(|f| f.report)
        .expect("import");
    let works = reg.list(&Default::default()).expect("list");
    let (_dir2, mut again) = common::registry();
    let (mut plain, mut layout, mut exact, mut checked) = (0, 0, 0, 0);
    let mut to_validate = Vec::new();
    for (i, w) in works.iter().enumerate().filter(|(i, _)| i % 20 == 0) {
        let work = reg.work(w.id).expect("work");
        let v = work.latest();
        let xml = export_akn(&reg, w.id, Which::Version(v.seq)).expect("export");
        if xml.contains("<gf:text>") {
            exact += 1;
        } else if xml.contains("<gf:layout") {
            layout += 1;
        } else {
            plain += 1;
        }
        if to_validate.len() < 150 {
            to_validate.push((format!("corpus-{i}.xml"), xml.clone()));
        }
        // Versions are imported alone here, so keys of other versions do not collide.
        import_str(&mut again, Format::AkomaNtoso, &xml)
            .unwrap_or_else(|e| panic!("{}: {e}", w.title));
        let b = again
            .resolve(v.key.as_deref().expect("corpus versions have keys"))
            .expect("resolve");
        assert_eq!(
            again.text(b, v.seq).expect("text"),
            reg.text(w.id, v.seq).expect("text"),
            "{}",
            w.title
        );
        assert_eq!(
            again.articles(b, v.seq).expect("articles"),
            reg.articles(w.id, v.seq).expect("articles"),
            "{}",
            w.title
        );
        checked += 1;
    }
    eprintln!(
        "corpus: {checked} documents exported and imported again: body alone {plain}, with a \
         layout {layout}, with the exact text {exact}"
    );
    validate_all(&to_validate).unwrap_or_else(|e| panic!("{e}"));
}
