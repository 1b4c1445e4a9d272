//! What each command prints on the bundled fixtures, as text and as JSON.

use crate::run::Guifan;

/// One snapshot per command line, on one registry of the fixtures.
macro_rules! shots {
    ($g:expr, $( $name:literal => [$($arg:literal),*] ),+ $(,)?) => {
        $( insta::assert_snapshot!($name, $g.shot(&[$($arg),*])); )+
    };
}

#[test]
fn documents_and_their_dossiers() {
    let g = Guifan::qianjiang();
    shots!(g,
        "list" => ["list", "--status", "有效,待修订", "--issuer", "潜江市人民政府"],
        "list_json" => ["list", "--kind", "合同", "--json"],
        "show" => ["show", "潜政规〔2024〕3号"],
        "show_two_versions" => ["show", "qj-szg-2019-02", "--as-of", "2020-01-01"],
        "show_json" => ["show", "潜政规[2024]3号", "--json"],
        "show_article" => ["show", "潜政规〔2019〕2号", "--article", "5", "--as-of", "2020-01-01"],
        "show_article_json" => ["show", "潜政规〔2019〕2号", "--article", "第五条", "--json"],
        "impact" => ["impact", "潜政发〔2019〕12号", "--as-of", "2024-12-31"],
        "impact_json" => ["impact", "潜政发〔2019〕12号", "--json"],
    );
}

#[test]
fn statistics_and_reports() {
    let g = Guifan::qianjiang();
    shots!(g,
        "stats" => ["stats"],
        "stats_by_kind_and_status" => ["stats", "--by", "kind,status", "--as-of", "2024-12-31"],
        "stats_csv" => ["stats", "--by", "issuer", "--csv"],
        "stats_json" => ["stats", "--by", "year,status", "--json"],
        "clearance" => ["stats", "--campaign", "qj-2024"],
        "clearance_json" => ["stats", "--campaign", "qj-2024", "--json"],
        "filings" => ["stats", "--filings"],
        "filings_json" => ["stats", "--filings", "--json"],
        "reviews" => ["stats", "--reviews", "--year", "2024"],
        "reviews_json" => ["stats", "--reviews", "--json"],
        "expiring" => ["stats", "--expiring", "400"],
        "expiring_json" => ["stats", "--expiring", "400", "--json"],
        "check" => ["check"],
    );
}

#[test]
fn search_results() {
    let g = Guifan::qianjiang();
    shots!(g,
        "search_phrase" => ["search", "\"行政执法\"", "--limit", "3"],
        "search_json" => ["search", "title:合同 OR 裁量", "--status", "any", "--limit", "2", "--json"],
        "search_nothing" => ["search", "\"上海口岸服务条例\""],
        "search_question" => ["search", "违法建设怎么处罚？", "--status", "any", "--limit", "3"],
        "search_articles_json" => ["search", "行政执法人员应当如何出示证件", "--unit", "article", "--status", "any", "--limit", "2", "--json"],
        "search_keywords_mode" => ["search", "罚款怎么计算", "--mode", "keywords", "--limit", "2"],
    );
}

#[test]
fn writes_and_their_messages() {
    let g = Guifan::qianjiang();
    shots!(g,
        "campaign" => ["campaign", "qj-2025", "--name", "2025年清理", "--scope", "市政府", "--opened", "2025-03-01"],
        "decide" => ["decide", "--campaign", "qj-2025", "潜政规〔2024〕1号", "待修订", "--reason", "上位法修改"],
        "announce" => ["announce", "qj-2025", "--date", "2025-06-30"],
        "status" => ["status", "潜政规〔2024〕2号", "废止", "--date", "2025-01-01", "--reason", "被替代"],
        "file" => ["file", "潜政规〔2024〕4号", "--with", "湖北省人民政府", "--submitted", "2024-07-20"],
        "review" => ["review", "潜政规〔2024〕4号", "--kind", "评估", "--reviewer", "市司法局", "--date", "2024-12-01", "--conclusion", "继续实施"],
        "relate" => ["relate", "潜政规〔2024〕4号", "依据", "《中华人民共和国行政处罚法》"],
        "link_json" => ["link", "--json"],
    );
}

#[test]
fn imports_report_each_file() {
    let g = Guifan::empty();
    shots!(g,
        "import" => ["import", "fixtures/qianjiang-2024/01-documents.jsonl", "fixtures/qianjiang-2024/02-clearance.jsonl"],
        "import_folder_json" => ["import", "fixtures/links", "--json"],
    );
}

/// Documents as they arrive: what `extract` finds, and what `import` makes of each file.
#[test]
fn documents_as_they_arrive() {
    let g = Guifan::empty();
    shots!(g,
        "extract" => ["extract", "fixtures/intake/docx/02-sifaju-tongzhi-chinese-date.docx"],
        "extract_html_given_kind" => ["extract", "fixtures/intake/html/04-joint-parens-number.html", "--kind", "行政规范性文件"],
        "extract_json" => ["extract", "fixtures/intake/txt/09-zanxing-chinese-numerals.txt", "--json"],
        "import_documents" => ["import", "fixtures/intake/docx", "--kind", "行政规范性文件", "--status", "有效"],
        "import_documents_again" => ["import", "fixtures/intake/txt/01-banfa-standard.txt", "fixtures/intake/pdf/09-zanxing-chinese-numerals.pdf", "fixtures/intake/html/03-no-hongtou-guiding.html"],
        "extract_registered" => ["extract", "fixtures/intake/md/03-no-hongtou-guiding.md"],
        "import_document_json" => ["import", "fixtures/intake/pdf/05-attachment-table.pdf", "--json"],
    );
    // A revision: offered, then stored as a version when asked.
    let revised = g.folder().join("revised.txt");
    let text = std::fs::read_to_string(
        crate::run::root().join("fixtures/intake/txt/01-banfa-standard.txt"),
    )
    .expect("fixture")
    .replace("潜政规〔2024〕3号", "潜政规〔2025〕7号")
    .replace("管理办法的通知", "管理办法的通知（2025年修订）")
    .replace("15日内", "10日内");
    std::fs::write(&revised, text).expect("write");
    let path = revised.to_str().expect("utf-8");
    insta::assert_snapshot!("import_revision_offered", g.shot(&["import", path]));
    insta::assert_snapshot!(
        "import_revision_as_version",
        g.shot(&["import", path, "--as-version"])
    );
    let check = g.run(&["check"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
}
