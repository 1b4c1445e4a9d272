//! The pages: each renders on the fixtures, the forms work end to end, the public portal
//! shows current rules only.

use crate::common::{As, enc, site, site_with};

#[tokio::test]
async fn every_page_renders_in_chinese() {
    let s = site();
    let admin = s.admin();
    let id = s
        .get(
            &s.reader(),
            &format!("/api/v1/documents/{}", enc("qj-szg-2019-02")),
        )
        .await
        .json()["id"]
        .clone();
    for (uri, needle) in [
        ("/search".to_owned(), "检索"),
        (
            format!("/search?q={}&unit=article&as_of=2024-12-31", enc("罚款")),
            "按条文",
        ),
        (
            format!("/search?q={}&as_of=2024-12-31", enc("\"行政裁量权基准\"")),
            "共 <strong>5</strong> 件",
        ),
        (
            "/documents?as_of=2024-12-31".to_owned(),
            "共 <strong>110</strong> 件",
        ),
        (
            format!("/documents/{id}?as_of=2024-12-31"),
            "修改前后对照表",
        ),
        (
            format!(
                "/documents/{id}/articles/{}?as_of=2024-12-31",
                enc("第十条之一")
            ),
            "第十条之一",
        ),
        ("/campaigns".to_owned(), "2024年"),
        (
            "/campaigns/qj-2024".to_owned(),
            "共清理出19件市政府行政规范性文件，其中继续有效15件，待修订1件，废止和宣布失效3件",
        ),
        ("/campaigns/qj-2024/report".to_owned(), "清理文件目录"),
        ("/stats?as_of=2024-12-31".to_owned(), "<svg"),
        ("/filings?as_of=2024-12-31".to_owned(), "逾期报备"),
        ("/reviews".to_owned(), "合法性审核"),
        ("/import".to_owned(), "multipart/form-data"),
        ("/admin".to_owned(), "接口令牌"),
    ] {
        let r = s.get(&admin, &uri).await;
        r.expect(200);
        assert!(r.content_type().starts_with("text/html"), "{uri}");
        let html = r.text();
        assert!(html.contains("lang=\"zh-CN\""), "{uri}");
        assert!(html.contains(needle), "{uri}: missing {needle}");
    }
    // Errors are pages in Chinese with the library's message.
    let r = s
        .get(&admin, &format!("/documents/{}", enc("潜政规〔2099〕1号")))
        .await;
    r.expect(404);
    assert!(r.text().contains("未找到") && r.text().contains("not found"));
    s.get(&admin, "/no-such-page").await.expect(404);
}

#[tokio::test]
async fn the_document_page_shows_the_text_by_article_with_anchors() {
    let s = site();
    let id = s
        .get(
            &s.reader(),
            &format!("/api/v1/documents/{}", enc("潜政规〔2023〕3号")),
        )
        .await
        .json()["id"]
        .clone();
    let html = s
        .get(&s.viewer(), &format!("/documents/{id}?as_of=2024-12-31"))
        .await
        .text();
    assert!(
        html.contains("id=\"art-10-1\""),
        "the article 第十条之一 has its anchor"
    );
    assert!(
        html.contains("href=\"#art-10-1\""),
        "and the table of contents links to it"
    );
    assert!(html.contains("第一章"));
    // The first version's text, as of 2020.
    let html = s
        .get(
            &s.viewer(),
            &format!("/documents/{id}?as_of=2020-01-01&v=1"),
        )
        .await
        .text();
    assert!(!html.contains("id=\"art-10-1\""));
    // The jump form leads to the article page.
    let r = s
        .get(
            &s.viewer(),
            &format!(
                "/documents/{id}/article?n={}&as_of=2024-12-31",
                enc("第十条之一")
            ),
        )
        .await;
    r.expect(303);
    let r = s.get(&s.viewer(), r.location()).await;
    r.expect(200);
    assert!(r.text().contains("第十条之一"));
}

#[tokio::test]
async fn a_decision_recorded_through_the_form_changes_the_report() {
    let s = site();
    let admin = s.admin();
    s.post_form(
        &admin,
        "/campaigns",
        &[
            ("key", "qj-2025"),
            ("name", "2025年行政规范性文件清理"),
            ("scope", "市政府"),
            ("opened", "2025-03-01"),
        ],
        true,
    )
    .await
    .expect(303);
    let before = s.get(&admin, "/campaigns/qj-2025").await.text();
    assert!(before.contains("共清理出0件"));
    let r = s
        .post_form(
            &s.reviewer(),
            "/campaigns/qj-2025/decisions",
            &[
                ("document", "潜政规〔2024〕1号"),
                ("outcome", "pending_revision"),
                ("reason", "上位法修改"),
            ],
            true,
        )
        .await;
    r.expect(303);
    assert!(r.location().starts_with("/campaigns/qj-2025?done=decided"));
    let after = s.get(&admin, r.location()).await.text();
    assert!(
        after.contains("共清理出1件市政府行政规范性文件，其中待修订1件"),
        "the report changed"
    );
    assert!(after.contains("已记录清理结论"));
    // A second decision on the same document: the page says why, in the page.
    let r = s
        .post_form(
            &s.reviewer(),
            "/campaigns/qj-2025/decisions",
            &[("document", "潜政规〔2024〕1号"), ("outcome", "repealed")],
            true,
        )
        .await;
    r.expect(409);
    assert!(r.text().contains("与登记库中的记录冲突"));
    // Announce through the form.
    s.post_form(
        &admin,
        "/campaigns/qj-2025/announce",
        &[("date", "2025-06-01")],
        true,
    )
    .await
    .expect(303);
    assert!(
        s.get(&admin, "/campaigns/qj-2025")
            .await
            .text()
            .contains("已于 2025-06-01 公布")
    );
}

#[tokio::test]
async fn filing_review_status_and_relation_forms_write() {
    let s = site();
    let rv = s.reviewer();
    s.post_form(
        &rv,
        "/filings",
        &[
            ("document", "潜政规〔2024〕2号"),
            ("filed_with", "湖北省人民政府"),
            ("submitted", "2024-05-20"),
            ("deadline_days", "30"),
            ("outcome", "registered"),
        ],
        true,
    )
    .await
    .expect(303);
    assert_eq!(
        s.get(&s.reader(), "/api/v1/filings")
            .await
            .json()
            .as_array()
            .map(Vec::len),
        Some(13)
    );
    // A bad date: the form shows the error and keeps what was typed.
    let r = s
        .post_form(
            &rv,
            "/filings",
            &[
                ("document", "潜政规〔2024〕2号"),
                ("filed_with", "湖北省人民政府"),
                ("submitted", "昨天"),
            ],
            true,
        )
        .await;
    r.expect(400);
    assert!(r.text().contains("输入有误") && r.text().contains("湖北省人民政府"));
    s.post_form(
        &rv,
        "/reviews",
        &[
            ("document", "潜政规〔2024〕2号"),
            ("kind", "legality"),
            ("reviewer", "市司法局"),
            ("date", "2024-01-10"),
            ("conclusion", "合法"),
        ],
        true,
    )
    .await
    .expect(303);
    let doc = enc("潜政规〔2024〕2号");
    s.post_form(
        &rv,
        &format!("/documents/{doc}/status"),
        &[
            ("status", "pending_revision"),
            ("date", "2025-02-01"),
            ("reason", "需修改"),
        ],
        true,
    )
    .await
    .expect(303);
    s.post_form(
        &rv,
        &format!("/documents/{doc}/relations"),
        &[("kind", "cites"), ("to", "潜政规〔2024〕1号")],
        true,
    )
    .await
    .expect(303);
    let d = s
        .get(
            &s.reader(),
            &format!("/api/v1/documents/{doc}?as_of=2025-03-01"),
        )
        .await
        .json();
    assert_eq!(d["status"], "pending_revision");
    assert!(
        d["relations"]
            .as_array()
            .expect("relations")
            .iter()
            .any(|r| r["kind"] == "cites" && r["direction"] == "outgoing")
    );
}

#[tokio::test]
async fn the_import_page_shows_each_file_or_its_error_line() {
    let s = site();
    let rv = s.reviewer();
    let As::Session { csrf, .. } = &rv else {
        unreachable!()
    };
    let good = "{\"key\":\"pg-1\",\"title\":\"潜江市页面导入办法\",\"kind\":\"行政规范性文件\",\"issuer\":\"潜江市人民政府\",\"issued\":\"2024-02-01\",\"status\":\"有效\"}\n";
    let r = s
        .upload(
            &rv,
            "/import",
            &[("good.jsonl", good.as_bytes())],
            &[("csrf", csrf)],
        )
        .await;
    r.expect(200);
    assert!(r.text().contains("已导入 1 个文件") && r.text().contains("good.jsonl"));
    let bad = "{\"key\":\"pg-2\",\"title\":\"x\",\"status\":\"好\"}\n";
    let r = s
        .upload(
            &rv,
            "/import",
            &[("bad.jsonl", bad.as_bytes())],
            &[("csrf", csrf)],
        )
        .await;
    r.expect(400);
    assert!(
        r.text().contains("bad.jsonl") && r.text().contains("line 1"),
        "{}",
        r.text()
    );
}

#[tokio::test]
async fn the_public_portal_shows_current_rules_only() {
    let s = site_with(|c| c.public = true);
    let nobody = As::Nobody;
    // Search: in force today, whatever the filters say.
    let r = s
        .get(
            &nobody,
            &format!("/api/v1/search?q={}&status=any", enc("罚款")),
        )
        .await;
    r.expect(200);
    let j = r.json();
    assert!(
        j["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .all(|h| h["status"] == "valid" || h["status"] == "pending_revision"),
        "{j}"
    );
    let page = s.get(&nobody, &format!("/search?q={}", enc("罚款"))).await;
    page.expect(200);
    assert!(page.text().contains("现行有效规范性文件查询"));
    assert!(
        !page.text().contains("name=\"status\""),
        "no status filter on the portal"
    );
    // A repealed document is not shown; a document in force is, without internal records.
    s.get(
        &nobody,
        &format!("/documents/{}", enc("潜政发〔2014〕23号")),
    )
    .await
    .expect(404);
    // (潜政发〔2019〕12号 stays in force, with no end to its validity.)
    let ok = s
        .get(
            &nobody,
            &format!("/documents/{}", enc("潜政发〔2019〕12号")),
        )
        .await;
    ok.expect(200);
    assert!(!ok.text().contains("操作记录") && !ok.text().contains("<h2>备案</h2>"));
    // No login, no writes, no other API.
    s.get(&nobody, "/login").await.expect(404);
    s.get(&nobody, "/api/v1/documents").await.problem(404);
    s.post_json(&nobody, "/api/v1/filings", serde_json::json!({}))
        .await
        .problem(404);
    s.get(&nobody, "/stats").await.expect(404);
}

#[tokio::test]
async fn a_draft_is_checked_on_its_page_and_nothing_is_written() {
    let s = site();
    let viewer = s.viewer();
    let before = s.works();
    s.get(&viewer, "/drafts").await.expect(200);
    let draft = "潜江市政府合同审查办法\n第一条　为了规范政府合同审查，根据《潜江市政府合同管理暂行办法》，制定本办法。\n第二条　本办法自2025年1月1日起施行。";
    let r = s
        .post_form(
            &viewer,
            "/drafts",
            &[("text", draft), ("as_of", "2024-12-31")],
            true,
        )
        .await;
    r.expect(200);
    let html = r.text();
    assert!(html.contains("id=\"draft-findings\""), "{html}");
    assert!(html.contains("《潜江市政府合同管理暂行办法》"), "{html}");
    assert!(
        html.contains("废止"),
        "the cited document's status is shown"
    );
    assert_eq!(s.works(), before, "a check writes nothing");
    // Without the session's CSRF token the form is refused.
    let r = s
        .post_form(&viewer, "/drafts", &[("text", draft)], false)
        .await;
    assert_eq!(r.status.as_u16(), 403);
    // A bad date is said, on the page.
    let r = s
        .post_form(
            &viewer,
            "/drafts",
            &[("text", draft), ("as_of", "昨天")],
            true,
        )
        .await;
    assert!(r.text().contains("as_of"), "{}", r.text());
}
