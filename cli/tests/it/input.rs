//! Hostile and sloppy input as the person at the terminal sees it: each limit refused with its
//! line, field and reason (exit 2); bytes that are not UTF-8 named by their line; control
//! characters shown, never sent to the terminal; a 文号 with invisible characters found by its
//! visible spelling; dates and numbers the registry refuses.

use crate::run::Guifan;

/// Writes `text` into the test's folder and returns its path.
fn file(g: &Guifan, name: &str, text: impl AsRef<[u8]>) -> String {
    let path = g.folder().join(name);
    std::fs::write(&path, text).expect("write");
    path.to_str().expect("utf-8").to_owned()
}

fn record(value: serde_json::Value) -> String {
    format!("{value}\n")
}

#[test]
fn limits_are_refused_naming_line_field_and_limit() {
    let g = Guifan::empty();
    let good = record(serde_json::json!({"key": "ok", "title": "潜江市政府合同管理办法"}));
    let cases = [
        (
            "limit_title",
            serde_json::json!({"key": "x", "title": "规".repeat(2_001)}),
        ),
        (
            "limit_doc_number",
            serde_json::json!({"key": "x", "title": "某", "doc_number": format!("{}〔2024〕1号", "潜".repeat(500))}),
        ),
        (
            "limit_issuer",
            serde_json::json!({"key": "x", "title": "某", "issuer": "局".repeat(2_001)}),
        ),
        (
            "limit_body",
            serde_json::json!({"key": "x", "title": "某", "body": "a".repeat((16 << 20) + 1)}),
        ),
    ];
    for (name, bad) in cases {
        let path = file(&g, &format!("{name}.jsonl"), good.clone() + &record(bad));
        insta::assert_snapshot!(name, g.shot(&["import", &path]));
    }
    // Nothing of any file was written.
    let list = g.run(&["list"]);
    assert!(list.stdout.ends_with("共0件\n"), "{}", list.stdout);
}

#[test]
fn a_line_that_is_not_utf8_is_bad_input_at_its_line() {
    let g = Guifan::empty();
    let mut bytes = record(serde_json::json!({"key": "ok", "title": "某"})).into_bytes();
    bytes.extend_from_slice(b"{\"key\":\"x\",\"title\":\"\xe6\xbd\"}\n");
    let path = file(&g, "latin.jsonl", bytes);
    insta::assert_snapshot!("not_utf8", g.shot(&["import", &path]));
}

#[test]
fn details_of_input_refused() {
    let g = Guifan::empty();
    let good = record(serde_json::json!({"key": "ok", "title": "某"}));
    let cases = [
        (
            "control_in_title",
            serde_json::json!({"key": "x", "title": "潜江市\u{1b}]0;pwned\u{7}办法"}),
        ),
        (
            "nul_in_doc_number",
            serde_json::json!({"key": "x", "title": "某", "doc_number": "潜政规〔2024〕\u{0}3号"}),
        ),
        (
            "year_zero",
            serde_json::json!({"key": "x", "title": "某", "issued": "0000-01-01"}),
        ),
        (
            "expires_before_issued",
            serde_json::json!({"key": "x", "title": "某", "issued": "2024-05-01", "expires": "2023-05-01"}),
        ),
        (
            "version_as_string",
            serde_json::json!({"key": "x", "work": "w", "version": "2", "title": "某"}),
        ),
    ];
    for (name, bad) in cases {
        let path = file(&g, &format!("{name}.jsonl"), good.clone() + &record(bad));
        insta::assert_snapshot!(name, g.shot(&["import", &path]));
    }
}

#[test]
fn control_characters_of_a_text_are_shown_not_sent_to_the_terminal() {
    let g = Guifan::empty();
    let path = file(
        &g,
        "escape.jsonl",
        record(serde_json::json!({
            "key": "x", "title": "潜江市响铃办法", "doc_number": "潜政规〔2024〕3号",
            "body": "第一条　本办法\u{1b}[2J\u{1b}]0;title\u{7}规范行政执法。\n第二条　自印发之日起施行。",
            "history": [{"date": "2024-01-01", "event": "印发\u{1b}[31m"}],
        })),
    );
    assert_eq!(g.run(&["import", &path]).code, 0);
    for args in [
        &["show", "潜政规〔2024〕3号", "--text", "--no-pager"][..],
        &["show", "潜政规〔2024〕3号", "--article", "1"],
        &["show", "潜政规〔2024〕3号"],
        &["search", "\"行政执法\"", "--status", "any"],
    ] {
        let r = g.run(args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        assert!(
            !r.stdout.contains(['\u{1b}', '\u{7}']),
            "{args:?} printed a control character: {:?}",
            r.stdout
        );
    }
    insta::assert_snapshot!(
        "escape_shown",
        g.shot(&["show", "潜政规〔2024〕3号", "--text", "--no-pager"])
    );
}

#[test]
fn a_doc_number_with_invisible_characters_is_found_by_its_visible_spelling() {
    let g = Guifan::empty();
    let path = file(
        &g,
        "zwsp.jsonl",
        record(serde_json::json!({
            "key": "x", "title": "潜江市政府合同管理办法",
            "doc_number": "潜政\u{200b}规〔2024〕3\u{feff}号",
        })),
    );
    assert_eq!(g.run(&["import", &path]).code, 0);
    for reference in [
        "潜政规〔2024〕3号",
        "潜政规(2024)3号",
        "潜政\u{200b}规[2024]3号",
    ] {
        let r = g.run(&["show", reference, "--json"]);
        assert_eq!(r.code, 0, "{reference}: {}", r.stderr);
    }
    let r = g.run(&["list", "--json"]);
    assert!(r.stdout.contains("\"潜政规〔2024〕3号\""), "{}", r.stdout);
    assert!(!r.stdout.contains('\u{200b}'), "{}", r.stdout);
}

#[test]
fn dates_given_on_the_command_line_are_bounded_too() {
    let g = Guifan::empty();
    let path = file(
        &g,
        "doc.jsonl",
        record(serde_json::json!({"key": "x", "title": "潜江市政府合同管理办法"})),
    );
    assert_eq!(g.run(&["import", &path]).code, 0);
    insta::assert_snapshot!(
        "filing_in_3000",
        g.shot(&[
            "file",
            "x",
            "--with",
            "湖北省人民政府",
            "--submitted",
            "3000-01-01"
        ])
    );
    let r = g.run(&["status", "x", "废止", "--date", "0000-01-01"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("1900-01-01 至 2199-12-31"),
        "{}",
        r.stderr
    );
    // As-of dates are questions, not records: any date may be asked about.
    assert_eq!(g.run(&["show", "x", "--as-of", "1800-01-01"]).code, 0);
}
