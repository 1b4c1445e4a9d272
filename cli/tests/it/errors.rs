//! Every kind of error as the person at the terminal sees it: one line on stderr, exit status
//! 2 for bad input and 1 for other failures.

use crate::run::Guifan;

macro_rules! shots {
    ($g:expr, $( $name:literal => [$($arg:expr),*] ),+ $(,)?) => {
        $( insta::assert_snapshot!($name, $g.shot(&[$($arg),*])); )+
    };
}

#[test]
fn references_dates_and_labels() {
    let g = Guifan::qianjiang();
    // A second document under a 文号 the fixtures hold already: the number names two.
    let twin = g.folder().join("twin.jsonl");
    std::fs::write(
        &twin,
        "{\"key\":\"twin\",\"title\":\"潜江市某某办法\",\"doc_number\":\"潜政规[2024]3号\"}\n",
    )
    .expect("write");
    assert_eq!(g.run(&["import", twin.to_str().expect("utf-8")]).code, 0);
    shots!(g,
        "error_unknown_reference" => ["show", "潜政规〔2030〕1号"],
        "error_ambiguous_reference" => ["show", "潜政规（2024）3号"],
        "error_unknown_title" => ["show", "潜江市"],
        "error_bad_date" => ["show", "潜政规〔2024〕3号", "--as-of", "2024-02-30"],
        "error_bad_status" => ["list", "--status", "现行"],
        "error_bad_outcome" => ["decide", "--campaign", "qj-2024", "潜政规〔2024〕3号", "保留"],
        "error_bad_by" => ["stats", "--by", "colour"],
        "error_bad_article" => ["show", "潜政规〔2024〕3号", "--article", "第X条"],
        "error_missing_article" => ["show", "潜政规〔2024〕3号", "--article", "99"],
        "error_bad_query" => ["search", "\"行政执法"],
        "error_missing_campaign" => ["stats", "--campaign", "qj-2099"],
        "error_akn_without_reference" => ["export", "--format", "akn"],
    );
}

#[test]
fn refused_changes() {
    let g = Guifan::qianjiang();
    shots!(g,
        "error_derived_status" => ["status", "潜政规〔2024〕3号", "尚未生效", "--date", "2025-01-01"],
        "error_status_before_in_force" => ["status", "潜政规〔2024〕3号", "废止", "--date", "2020-01-01"],
        "error_second_decision" => ["decide", "--campaign", "qj-2024", "潜政规〔2024〕1号", "废止"],
        "error_duplicate_campaign" => ["campaign", "qj-2024", "--name", "重复"],
    );
}

#[test]
fn missing_and_bad_files() {
    let g = Guifan::empty();
    let bad = g.folder().join("bad.jsonl");
    std::fs::write(
        &bad,
        "{\"key\":\"a\",\"title\":\"某办法\"}\n{\"key\":\"b\",\"title\":\"某规定\",\"issued\":\"2024-13-01\"}\n",
    )
    .expect("write");
    let empty = g.folder().join("empty-folder");
    std::fs::create_dir(&empty).expect("mkdir");
    shots!(g,
        "error_no_registry" => ["list"],
        "error_missing_file" => ["import", "absent.jsonl"],
        "error_bad_record" => ["import", bad.to_str().expect("utf-8")],
        "error_empty_folder" => ["import", empty.to_str().expect("utf-8")],
    );
}

#[test]
fn documents_that_cannot_be_imported() {
    let g = Guifan::empty();
    let untitled = g.folder().join("untitled.txt");
    std::fs::write(&untitled, "第一条　本规定自发布之日起施行。\n").expect("write");
    let untitled = untitled.to_str().expect("utf-8");
    shots!(g,
        "error_scanned_pdf" => ["import", "fixtures/intake/bad/scan.pdf"],
        "error_old_word" => ["extract", "fixtures/intake/bad/old-word.doc"],
        "error_zip_bomb" => ["import", "fixtures/intake/bad/bomb.docx"],
        "error_no_title" => ["import", untitled],
        "error_bad_override" => ["import", "fixtures/intake/txt/02-sifaju-tongzhi-chinese-date.txt", "--status", "作废"],
        "error_extract_interchange" => ["extract", "fixtures/qianjiang-2024/01-documents.jsonl"],
    );
    // Nothing was written by any of them.
    assert!(!g.registry().join("files").exists());
}

/// Under `GUIFAN_LANG=en` the same errors and messages are English: the library's own text.
#[test]
fn in_english() {
    let g = Guifan::qianjiang();
    for (name, args) in [
        ("en_unknown_reference", &["show", "潜政规〔2030〕1号"][..]),
        (
            "en_bad_date",
            &["show", "潜政规〔2024〕3号", "--as-of", "2024-02-30"],
        ),
        (
            "en_status_before_in_force",
            &[
                "status",
                "潜政规〔2024〕3号",
                "废止",
                "--date",
                "2020-01-01",
            ],
        ),
        ("en_unknown_option", &["list", "--colour"]),
        ("en_check", &["check"]),
    ] {
        insta::assert_snapshot!(name, g.shot_lang("en", args));
    }
    // The locale decides when GUIFAN_LANG is not set.
    let r = g.run_lang("", &["show", "潜政规〔2030〕1号"]);
    assert!(r.stderr.starts_with("错误："), "{}", r.stderr);
}
