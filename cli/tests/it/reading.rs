//! Reading on a terminal and through pipes: `show --text`, and commands whose reader stops
//! early (`guifan list | head -1`).

use crate::run::Guifan;

#[test]
fn show_text_prints_the_whole_text_of_the_version_to_read() {
    let g = Guifan::qianjiang();
    let r = g.run(&["show", "潜政规〔2024〕2号", "--text"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut lines = r.stdout.lines();
    assert_eq!(
        lines.next(),
        Some("《潜江市政府合同管理办法》（潜政规〔2024〕2号）  第1版（原文）")
    );
    assert!(r.stdout.contains("第一条"), "{}", r.stdout);
    // The text in full: every article of the stored text is there.
    let json = g.run(&["show", "潜政规〔2024〕2号", "--text", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
    let text = v["text"].as_str().expect("text");
    assert!(r.stdout.contains(text.trim_end()));
    assert!(text.chars().count() > 1000, "the whole text, not a preview");
}

#[test]
fn a_reader_that_stops_early_ends_every_command_quietly() {
    // Regression: `guifan list | head -1` panicked (exit 101, "failed printing to stdout").
    let g = Guifan::qianjiang();
    for args in [
        &["list"][..],
        &["show", "潜政规〔2024〕2号"],
        &["show", "潜政规〔2024〕2号", "--text"],
        &["stats", "--by", "issuer"],
        &["export", "--format", "json"],
        &["search", "行政"],
    ] {
        let (code, stderr) = g.run_closing_stdout(args);
        assert_eq!(
            (code, stderr.as_str()),
            (0, ""),
            "guifan {}",
            args.join(" ")
        );
    }
}

#[test]
fn impact_follows_as_many_steps_and_kinds_as_asked() {
    let g = Guifan::qianjiang();
    let total = |args: &[&str]| {
        let mut all = vec![
            "impact",
            "潜政发〔2019〕12号",
            "--as-of",
            "2024-12-31",
            "--json",
        ];
        all.extend_from_slice(args);
        let r = g.run(&all);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
        let docs = v["documents"].as_array().expect("documents").clone();
        (v["total"].as_u64().expect("total"), docs)
    };
    let (all, _) = total(&[]);
    let (direct, docs) = total(&["--depth", "1"]);
    assert!(direct < all, "{direct} of {all}");
    assert!(docs.iter().all(|d| d["depth"] == 1));
    let (_, basis) = total(&["--kind", "依据"]);
    assert!(!basis.is_empty() && basis.iter().all(|d| d["kind"] == "basis"));
    let refused = g.run(&["impact", "潜政发〔2019〕12号", "--kind", "废止"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
}

#[test]
fn search_says_where_more_hits_are() {
    let g = Guifan::qianjiang();
    // A page of a longer list names the next one.
    let r = g.run(&["search", "行政", "--limit", "5"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("下一页：--offset 5"), "{}", r.stdout);
    // Nothing in force, but a repealed document matches: say so.
    let r = g.run(&["search", "title:合同管理暂行办法"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("共0件"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("其他效力状态中有1件：废止 1。加 --status any 查看"),
        "{}",
        r.stdout
    );
    // AND and NOT are operators: the same hits as the space and `-`.
    let with_words = g.run(&["search", "行政 AND 执法 NOT 投诉", "--json"]);
    let with_signs = g.run(&["search", "行政 执法 -投诉", "--json"]);
    let total = |r: &crate::run::Run| {
        let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
        v["total"].as_u64().expect("total")
    };
    assert_eq!(total(&with_words), total(&with_signs));
    // Superseded versions are marked when every version is searched.
    let r = g.run(&[
        "search",
        "title:投诉举报办法",
        "--all-versions",
        "--status",
        "any",
    ]);
    assert!(r.stdout.contains("已修改（非现行版本）"), "{}", r.stdout);
}

#[test]
fn a_draft_in_word_is_checked_as_its_text_is() {
    let g = Guifan::qianjiang();
    let check = |file: &str| {
        let r = g.run(&["review-draft", file, "--as-of", "2024-12-31", "--json"]);
        assert!(r.code == 0 || r.code == 3, "{file}: {}", r.stderr);
        serde_json::from_str::<serde_json::Value>(&r.stdout).expect("json")
    };
    let word = check("fixtures/intake/docx/01-banfa-standard.docx");
    let text = check("fixtures/intake/txt/01-banfa-standard.txt");
    assert!(word["articles"].as_u64().expect("articles") > 0, "{word}");
    assert_eq!(word["findings"], text["findings"]);
    assert_eq!(word["citations"], text["citations"]);
}

/// Regression: `show --article` on a document numbered 一、二、 said it had no articles. Its
/// numbered parts are its articles: asked for as `二`, `2`, `二、`, `第二部分` or `第二条`.
#[test]
fn show_article_finds_the_numbered_part_of_a_document_without_articles() {
    let g = Guifan::qianjiang();
    let r = g.run(&["show", "潜政规〔2024〕3号", "--article", "二"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut lines = r.stdout.lines();
    assert_eq!(
        lines.next(),
        Some("《潜江市提升行政执法质量实施方案》潜政规〔2024〕3号  第二部分")
    );
    assert!(
        r.stdout
            .contains("\n二、重点任务\n（一）全面推行行政执法“三项制度”。")
    );
    assert!(r.stdout.contains("（五）加强行政执法队伍建设。"));
    assert!(!r.stdout.contains("三、工作步骤"), "{}", r.stdout);
    let json = |article: &str| {
        let r = g.run(&["show", "潜政规〔2024〕3号", "--article", article, "--json"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        serde_json::from_str::<serde_json::Value>(&r.stdout).expect("json")
    };
    let two = json("二");
    assert_eq!(
        (two["number"].as_u64(), two["label"].as_str()),
        (Some(2), Some("第二部分"))
    );
    assert_eq!(two["eid"], "dvs_2");
    for other in ["2", "二、", "第二部分", "第二条"] {
        assert_eq!(json(other), two, "--article {other}");
    }
    // The last part ends before the attachment list and the signature.
    let four = json("四");
    let text = four["text"].as_str().expect("text");
    assert!(text.starts_with("四、保障措施\n附件所列重点任务"), "{text}");
    assert!(!text.contains("附件："), "{text}");
    // A part the document does not have is not found, as an article is.
    let missing = g.run(&["show", "潜政规〔2024〕3号", "--article", "五"]);
    assert_eq!(missing.code, 2, "{}", missing.stderr);
    assert!(missing.stderr.contains("未找到"), "{}", missing.stderr);
}
