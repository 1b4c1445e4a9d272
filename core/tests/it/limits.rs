//! The limits on what an input may hold (`guifan::limits`) and the details of input: each limit
//! refused with its reason, naming the line and field, and nothing written; invisible and
//! control characters; dates out of range or out of order; numbers written as strings.

use guifan::interchange::{Format, import, import_str};
use guifan::limits;
use guifan::text::numerals::to_chinese_number;

use crate::common::{import as import_jsonl, registry};

/// A record as a JSON Lines line.
fn line(record: serde_json::Value) -> String {
    format!("{record}\n")
}

/// Imports one good record then `bad` as line 2; the error must be bad input naming line 2,
/// `field` and `reason`, and leave the registry empty.
fn refused(what: &str, bad: &str, field: &str, reason: &str) {
    let (_dir, mut reg) = registry();
    let good = line(serde_json::json!({"key": "ok", "title": "潜江市政府合同管理办法"}));
    let err = import_jsonl(&mut reg, &format!("{good}{bad}")).expect_err(what);
    let input = err
        .input()
        .unwrap_or_else(|| panic!("{what}: not an input error: {err}"));
    assert_eq!(input.line, Some(2), "{what}: {err}");
    assert_eq!(input.field, field, "{what}: {err}");
    assert_eq!(input.reason, reason, "{what}: {err}");
    assert!(err.is_bad_input(), "{what}");
    assert!(
        !input.value.contains(char::is_control),
        "{what}: the message shows no control character: {err}"
    );
    assert!(input.value.chars().count() <= 61, "{what}: value shortened");
    assert_eq!(
        reg.count_works().expect("count"),
        0,
        "{what}: nothing written"
    );
}

/// A body of `n` articles: `第一条　条文。` on each line.
fn articles(n: u64) -> String {
    let mut body = String::new();
    for i in 1..=n {
        body.push_str(&format!("第{}条　条文。\n", to_chinese_number(i)));
    }
    body
}

#[test]
fn each_field_limit_is_refused_with_its_reason() {
    let title = "规".repeat(limits::MAX_TITLE_CHARS + 1);
    refused(
        "title",
        &line(serde_json::json!({"key": "x", "title": title})),
        "title",
        limits::TITLE_TOO_LONG,
    );
    let number = format!("{}〔2024〕1号", "潜".repeat(limits::MAX_DOC_NUMBER_CHARS));
    refused(
        "文号",
        &line(serde_json::json!({"key": "x", "title": "某", "doc_number": number})),
        "doc_number",
        limits::DOC_NUMBER_TOO_LONG,
    );
    let issuer = "局".repeat(limits::MAX_ISSUER_CHARS + 1);
    refused(
        "issuer",
        &line(serde_json::json!({"key": "x", "title": "某", "issuer": issuer})),
        "issuer",
        limits::ISSUER_TOO_LONG,
    );
    let kind = "类".repeat(limits::MAX_FIELD_CHARS + 1);
    refused(
        "kind",
        &line(serde_json::json!({"key": "x", "title": "某", "kind": kind})),
        "kind",
        limits::FIELD_TOO_LONG,
    );
    let body = "a".repeat(limits::MAX_BODY_BYTES + 1);
    refused(
        "body",
        &line(serde_json::json!({"key": "x", "title": "某", "body": body})),
        "body",
        limits::BODY_TOO_LONG,
    );
    let body = articles(limits::MAX_ARTICLES as u64 + 1);
    refused(
        "articles",
        &line(serde_json::json!({"key": "x", "title": "某", "body": body})),
        "body",
        limits::TOO_MANY_ARTICLES,
    );
}

#[test]
fn a_text_at_the_limits_is_taken() {
    let (_dir, mut reg) = registry();
    let rec = serde_json::json!({
        "key": "x",
        "title": "规".repeat(limits::MAX_TITLE_CHARS),
        "issuer": "局".repeat(limits::MAX_ISSUER_CHARS),
        "body": articles(2_000),
    });
    import_jsonl(&mut reg, &line(rec)).expect("at the limits");
    assert_eq!(reg.count_works().expect("count"), 1);
}

#[test]
fn a_line_over_the_limit_is_refused_without_reading_it_all() {
    let (_dir, mut reg) = registry();
    let mut text = line(serde_json::json!({"key": "ok", "title": "某"}));
    text.push_str("{\"key\":\"x\",\"title\":\"");
    text.push_str(&"a".repeat(limits::MAX_LINE_BYTES));
    text.push_str("\"}\n");
    let err = import_jsonl(&mut reg, &text).expect_err("too long");
    let input = err.input().expect("input error");
    assert_eq!(
        (input.line, input.field.as_str(), input.reason.as_str()),
        (Some(2), "record", limits::LINE_TOO_LONG)
    );
    assert_eq!(reg.count_works().expect("count"), 0);
}

#[test]
fn an_xml_file_over_the_limit_is_refused() {
    let (_dir, mut reg) = registry();
    let big = format!("<a>{}</a>", "x".repeat(limits::MAX_XML_BYTES));
    let err = import_str(&mut reg, Format::AkomaNtoso, &big).expect_err("too big");
    assert!(
        err.to_string().contains("over the limit of 67108864 bytes"),
        "{err}"
    );
    assert!(err.is_bad_input());
}

#[test]
fn an_akn_title_over_the_limit_is_refused() {
    let (_dir, mut reg) = registry();
    let xml = include_str!("../../../fixtures/akn/cn-greening-prefixed.xml");
    let long = "规".repeat(limits::MAX_TITLE_CHARS + 1);
    let start = xml.find("<akn:docTitle>").expect("docTitle") + "<akn:docTitle>".len();
    let end = start + xml[start..].find("</akn:docTitle>").expect("end");
    let xml = format!("{}{long}{}", &xml[..start], &xml[end..]);
    let err = import_str(&mut reg, Format::AkomaNtoso, &xml).expect_err("long title");
    assert_eq!(err.input().expect("input").reason, limits::TITLE_TOO_LONG);
}

#[test]
fn a_line_that_is_not_utf8_is_named() {
    let (_dir, mut reg) = registry();
    let mut bytes = line(serde_json::json!({"key": "ok", "title": "某"})).into_bytes();
    bytes.extend_from_slice(b"{\"key\":\"x\",\"title\":\"\xff\xfe\"}\n");
    let err = import(
        &mut reg,
        Format::JsonLines,
        &bytes[..],
        &mut |_| {},
        &mut |_, _, _, _| Ok(()),
    )
    .expect_err("not UTF-8");
    let input = err.input().expect("input error");
    assert_eq!(input.line, Some(2), "{err}");
    assert_eq!(input.field, "record");
    assert!(err.is_bad_input(), "exit status 2");
    assert_eq!(
        err.to_string(),
        "invalid input: line 2: `record` = `byte 21`: a line is not valid UTF-8"
    );
}

#[test]
fn control_characters_in_one_line_fields_are_refused() {
    for (field, value) in [
        ("title", "潜江市\u{1b}[2J办法"),
        ("title", "响铃\u{7}"),
        ("issuer", "潜江市\u{0}人民政府"),
        ("doc_number", "潜政规〔2024〕\u{0}3号"),
        ("kind", "行政规范性文件\n"),
    ] {
        let mut rec = serde_json::json!({"key": "x", "title": "某"});
        rec[field] = serde_json::json!(value);
        refused(field, &line(rec), field, limits::CONTROL_CHARACTER);
    }
}

#[test]
fn invisible_characters_are_taken_out_and_lookups_find_the_visible_spelling() {
    let (_dir, mut reg) = registry();
    let rec = serde_json::json!({
        "key": "x",
        "title": "潜江市\u{200b}政府合同管理办法",
        "doc_number": "潜政\u{200b}规〔2024〕\u{feff}3号",
    });
    import_jsonl(&mut reg, &line(rec)).expect("import");
    let id = reg
        .resolve("潜政规〔2024〕3号")
        .expect("by the visible 文号");
    assert_eq!(reg.resolve("潜江市政府合同管理办法").expect("by title"), id);
    assert_eq!(
        reg.resolve("潜政规\u{2060}(2024)3号")
            .expect("any spelling"),
        id
    );
    let v = reg.work(id).expect("work").latest().clone();
    assert_eq!(v.meta.title, "潜江市政府合同管理办法");
    let number = v.meta.doc_number.expect("文号");
    assert_eq!(
        (number.raw(), number.canonical()),
        ("潜政规〔2024〕3号", "潜政规〔2024〕3号")
    );
}

#[test]
fn dates_out_of_range_or_order_and_numbers_as_strings_are_refused() {
    refused(
        "year 0",
        &line(serde_json::json!({"key": "x", "title": "某", "issued": "0000-01-01"})),
        "issued",
        limits::DATE_OUT_OF_RANGE,
    );
    refused(
        "a filing in the year 3000",
        &line(
            serde_json::json!({"type": "filing", "document": "ok", "filed_with": "省政府",
            "submitted": "3000-01-01"}),
        ),
        "submitted",
        limits::DATE_OUT_OF_RANGE,
    );
    refused(
        "a history event in 1800",
        &line(serde_json::json!({"key": "x", "title": "某",
            "history": [{"date": "1800-01-01", "event": "公布"}]})),
        "history[0].date",
        limits::DATE_OUT_OF_RANGE,
    );
    refused(
        "expiry before issue",
        &line(
            serde_json::json!({"key": "x", "title": "某", "issued": "2024-05-01",
            "expires": "2024-04-30"}),
        ),
        "expires",
        limits::EXPIRES_BEFORE_ISSUED,
    );
    refused(
        "expiry before effect",
        &line(
            serde_json::json!({"key": "x", "title": "某", "issued": "2024-05-01",
            "effective": "2024-07-01", "expires": "2024-06-30"}),
        ),
        "expires",
        limits::EXPIRES_BEFORE_EFFECTIVE,
    );
    refused(
        "version as a string",
        &line(serde_json::json!({"key": "x", "work": "w", "version": "2", "title": "某"})),
        "version",
        guifan::interchange::jsonl::NUMBER_AS_STRING,
    );
    // The last day in force may be the day it was issued.
    let (_dir, mut reg) = registry();
    let same_day = serde_json::json!({"key": "x", "title": "某", "issued": "2024-05-01",
        "expires": "2024-05-01"});
    import_jsonl(&mut reg, &line(same_day)).expect("same day");
}

#[test]
fn a_work_key_is_a_one_line_field() {
    refused(
        "escape in a work key",
        &line(serde_json::json!({"key": "x", "work": "w\u{1b}[2J", "title": "某"})),
        "work",
        limits::CONTROL_CHARACTER,
    );
    // Two versions under one work key, one spelt with a zero width space: one work.
    let (_dir, mut reg) = registry();
    let text =
        line(serde_json::json!({"key": "v1", "work": "qj\u{200b}-a", "version": 1, "title": "某"}))
            + &line(serde_json::json!({"key": "v2", "work": "qj-a", "version": 2, "title": "某"}));
    import_jsonl(&mut reg, &text).expect("import");
    assert_eq!(reg.count_works().expect("count"), 1);
}
