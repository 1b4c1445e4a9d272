//! JSON Lines import and export: every bad record fails the whole file with its line, field
//! and value, and nothing is written; export then import gives the same registry.

use guifan::Error;
use guifan::model::Status;
use time::macros::date;

use crate::common::{export, import, registry};

const GOOD: &str = r#"{"type":"document","key":"qj-a-v1","work":"qj-a","version":1,"title":"潜江市行政执法投诉举报办法","kind":"行政规范性文件","issuer":"潜江市人民政府","doc_number":"潜政规〔2019〕2号","issued":"2019-04-01","effective":"2019-05-01","status":"已修改","history":[{"date":"2019-04-01","event":"印发"}],"body":"第一条 为了规范投诉举报，制定本办法。"}
{"key":"qj-a-v2","work":"qj-a","version":2,"title":"潜江市行政执法投诉举报办法","kind":"行政规范性文件","issuer":"潜江市人民政府","doc_number":"潜政规[2023]1号","issued":"2023年2月1日","effective":"2023-03-01","expires":"2028-02-29","status":"有效","history":[{"date":"2023-02-01","event":"修订"}],"body":"第一条 为了规范行政执法投诉举报工作，制定本办法。\n第二条 罚款的，依照有关规定。"}
{"key":"qj-b","title":"潜江市城区养犬管理规定","kind":"行政规范性文件","issuer":"潜江市人民政府","doc_number":"潜政发〔2015〕9号","issued":"2015-06-01","status":"有效","body":"第一条 养犬。"}
{"type":"campaign","key":"qj-2024","name":"2024年市政府行政规范性文件清理","scope":"市政府","opened":"2024-05-29","announced":"2024-07-10"}
{"type":"decision","campaign":"qj-2024","document":"潜政规（2023）1号","outcome":"继续有效"}
{"type":"decision","campaign":"qj-2024","document":"qj-b","outcome":"废止","reason":"已被新规定替代"}
{"type":"filing","document":"qj-a-v2","filed_with":"湖北省人民政府","submitted":"2023-02-20","deadline_days":30,"outcome":"备案登记"}
{"type":"review","document":"qj-a","kind":"合法性审核","reviewer":"潜江市司法局","date":"2023-01-15","conclusion":"合法"}
{"type":"relation","from":"qj-a","to":"qj-b","kind":"引用"}
{"type":"status","document":"qj-a","date":"2025-01-01","status":"待修订","reason":"上位法修改"}
"#;

#[test]
fn a_good_file_imports_every_record_type() {
    let (_dir, mut reg) = registry();
    let report = import(&mut reg, GOOD).expect("import");
    assert_eq!(report.records, 10);
    assert_eq!(report.documents, 3);
    assert_eq!(report.works_created, 2);
    assert_eq!(
        (report.campaigns, report.decisions, report.announced),
        (1, 2, 2)
    );
    assert_eq!(
        (
            report.filings,
            report.reviews,
            report.relations,
            report.status_changes
        ),
        (1, 1, 1, 1)
    );
    let a = reg.resolve("qj-a").expect("a");
    let b = reg.resolve("潜政发[2015]9号").expect("b");
    assert_eq!(reg.work(a).expect("work").versions.len(), 2);
    assert!(reg.work(a).expect("work").versions[0].superseded);
    // v1 was in force, superseded by v2: never repealed.
    assert_eq!(
        reg.status_as_of(a, date!(2020 - 01 - 01)).expect("s"),
        Status::Valid
    );
    assert_eq!(
        reg.status_as_of(a, date!(2024 - 12 - 31)).expect("s"),
        Status::Valid
    );
    assert_eq!(
        reg.status_as_of(a, date!(2025 - 01 - 01)).expect("s"),
        Status::PendingRevision
    );
    assert_eq!(
        reg.status_as_of(b, date!(2024 - 07 - 09)).expect("s"),
        Status::Valid
    );
    assert_eq!(
        reg.status_as_of(b, date!(2024 - 07 - 10)).expect("s"),
        Status::Repealed
    );
    assert!(reg.check().expect("check").ok());
}

/// A bad record somewhere after good ones: (description, the bad line, line number, field).
const BAD: &[(&str, &str, usize, &str)] = &[
    (
        "bad date",
        r#"{"key":"x","title":"某文件","issued":"2024-02-30"}"#,
        11,
        "issued",
    ),
    (
        "unknown status label",
        r#"{"key":"x","title":"某文件","status":"有效的"}"#,
        11,
        "status",
    ),
    (
        "decision for a missing document",
        r#"{"type":"decision","campaign":"qj-2024","document":"潜政发〔2099〕1号","outcome":"废止"}"#,
        11,
        "document",
    ),
    (
        "duplicate key",
        r#"{"key":"qj-b","title":"重复的键"}"#,
        11,
        "key",
    ),
    (
        "second decision for the same work in one campaign",
        r#"{"type":"decision","campaign":"qj-2024","document":"qj-a-v1","outcome":"待修订"}"#,
        11,
        "document",
    ),
    (
        "unknown outcome",
        r#"{"type":"decision","campaign":"qj-2024","document":"qj-b","outcome":"继续"}"#,
        11,
        "outcome",
    ),
    (
        "unknown field",
        r#"{"key":"x","title":"某文件","issuer":"市政府","isued":"2024-01-01"}"#,
        11,
        "isued",
    ),
    (
        "bad document number",
        r#"{"key":"x","title":"某文件","doc_number":"潜政规2024年3号"}"#,
        11,
        "doc_number",
    ),
    ("not JSON", r#"{"key":"x","title":"#, 11, "record"),
    (
        "unknown record type",
        r#"{"type":"memo","key":"x"}"#,
        11,
        "type",
    ),
    (
        "missing title",
        r#"{"key":"x","kind":"行政规范性文件"}"#,
        11,
        "title",
    ),
    (
        "duplicate version of a work",
        r#"{"key":"qj-a-v2b","work":"qj-a","version":2,"title":"潜江市行政执法投诉举报办法"}"#,
        11,
        "version",
    ),
];

#[test]
fn every_bad_record_fails_the_whole_file_naming_line_field_and_value() {
    for (what, bad, line, field) in BAD {
        let (_dir, mut reg) = registry();
        let text = format!("{GOOD}{bad}\n");
        let err = import(&mut reg, &text).expect_err(what);
        let input = err
            .input()
            .unwrap_or_else(|| panic!("{what}: not an input error: {err}"));
        assert_eq!(input.line, Some(*line), "{what}: {err}");
        assert_eq!(input.field, *field, "{what}: {err}");
        assert!(err.is_bad_input(), "{what}");
        assert_eq!(
            reg.count_works().expect("count"),
            0,
            "{what}: nothing written"
        );
        assert_eq!(reg.change_seq().expect("seq"), 0, "{what}: no audit entry");
        assert!(reg.campaigns().expect("campaigns").is_empty(), "{what}");
    }
}

#[test]
fn a_failed_file_leaves_earlier_files_in_place() {
    let (_dir, mut reg) = registry();
    import(&mut reg, GOOD).expect("first file");
    let before = export(&reg);
    let seq = reg.change_seq().expect("seq");
    let err = import(
        &mut reg,
        "{\"key\":\"new\",\"title\":\"新文件\"}\n{\"key\":\"qj-b\",\"title\":\"dup\"}\n",
    )
    .expect_err("duplicate");
    assert!(matches!(err, Error::InvalidInput(_)));
    assert_eq!(export(&reg), before);
    assert_eq!(reg.change_seq().expect("seq"), seq);
}

#[test]
fn export_then_import_gives_the_same_registry() {
    let (_dir, mut reg) = registry();
    import(&mut reg, GOOD).expect("import");
    let first = export(&reg);
    let (_dir2, mut again) = registry();
    import(&mut again, &first).expect("re-import");
    let second = export(&again);
    assert_eq!(first, second);
    // The same statuses on every date of interest.
    for r in ["qj-a", "qj-b"] {
        let (x, y) = (reg.resolve(r).expect("x"), again.resolve(r).expect("y"));
        for d in [
            date!(2015 - 01 - 01),
            date!(2020 - 01 - 01),
            date!(2024 - 07 - 10),
            date!(2025 - 06 - 01),
            date!(2029 - 01 - 01),
        ] {
            assert_eq!(
                reg.status_as_of(x, d).expect("s"),
                again.status_as_of(y, d).expect("s"),
                "{r} on {d}"
            );
        }
        assert_eq!(
            reg.history(x).expect("h").len(),
            again.history(y).expect("h").len()
        );
    }
}

#[test]
fn an_open_campaign_stays_open_until_announced() {
    let (_dir, mut reg) = registry();
    let text = GOOD.replace(",\"announced\":\"2024-07-10\"", "");
    let report = import(&mut reg, &text).expect("import");
    assert_eq!(report.announced, 0);
    let b = reg.resolve("qj-b").expect("b");
    assert_eq!(
        reg.status_as_of(b, date!(2025 - 01 - 01)).expect("s"),
        Status::Valid
    );
    assert_eq!(reg.campaign("qj-2024").expect("c").announced, None);
    reg.announce("qj-2024", date!(2024 - 07 - 15))
        .expect("announce");
    assert_eq!(
        reg.status_as_of(b, date!(2024 - 07 - 15)).expect("s"),
        Status::Repealed
    );
}
