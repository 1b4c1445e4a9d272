//! Every endpoint of /api/v1: its answer on the fixtures, and its errors.

use std::io::Read;

use crate::common::{AS_OF, enc, site};

#[tokio::test]
async fn search_answers_with_the_library_s_results_and_facets() {
    let s = site();
    let q = enc("\"行政裁量权基准\"");
    let r = s
        .get(&s.reader(), &format!("/api/v1/search?q={q}&as_of={AS_OF}"))
        .await;
    r.expect(200);
    let j = r.json();
    // In force on the date: the three 基准 of 2024, the 包容审慎 measures and the 实施方案.
    assert_eq!(j["total"], 5, "{j}");
    assert_eq!(j["as_of"], AS_OF);
    assert!(
        j["hits"][0]["snippet"]
            .as_str()
            .expect("snippet")
            .contains("<mark>")
    );
    assert!(
        j["facets"]["issuer"]
            .as_object()
            .is_some_and(|m| !m.is_empty())
    );
    // Every status: the repealed 试行 one too.
    let r = s
        .get(
            &s.reader(),
            &format!("/api/v1/search?q={q}&as_of={AS_OF}&status=any"),
        )
        .await;
    assert_eq!(r.json()["total"], 6);
    // Filters, paging.
    let r = s
        .get(
            &s.reader(),
            &format!("/api/v1/search?q={q}&as_of={AS_OF}&limit=2&offset=4"),
        )
        .await;
    let j = r.json();
    assert_eq!(j["total"], 5);
    assert_eq!(j["hits"].as_array().expect("hits").len(), 1);
    let r = s
        .get(
            &s.reader(),
            &format!(
                "/api/v1/search?q={}&as_of={AS_OF}&kind={}&year=2024&issuer={}",
                enc("罚款"),
                enc("行政规范性文件"),
                enc("水利")
            ),
        )
        .await;
    let j = r.json();
    assert_eq!(j["total"], 1, "{j}");
    assert_eq!(j["hits"][0]["key"], "qj-slg-2024-01-v1");
    let r = s
        .get(
            &s.reader(),
            &format!(
                "/api/v1/search?q={}&all_versions=true&status=any&as_of={AS_OF}",
                enc("\"第十条之一\"")
            ),
        )
        .await;
    assert_eq!(r.json()["total"], 1);
    let r = s
        .get(
            &s.reader(),
            &format!(
                "/api/v1/search?q={}&snippets=false&as_of={AS_OF}",
                enc("罚款")
            ),
        )
        .await;
    assert!(r.json()["hits"][0]["snippet"].is_null());
}

#[tokio::test]
async fn search_by_article_answers_articles() {
    let s = site();
    let url = format!(
        "/api/v1/search?q={}&unit=article&status=any&as_of=2024-12-31",
        crate::common::enc("行政裁量权基准")
    );
    let j = s.get(&s.reader(), &url).await.json();
    let hits = j["hits"].as_array().expect("hits");
    assert!(!hits.is_empty(), "{j}");
    assert!(hits.iter().all(|h| !h["article"].is_null()), "{j}");
}

#[tokio::test]
async fn search_errors_are_problems_with_the_library_s_message() {
    let s = site();
    let d = s
        .get(&s.reader(), "/api/v1/search?q=x&status=nonsense")
        .await
        .problem(400);
    assert!(d.contains("`status` = `nonsense`"), "{d}");
    let d = s
        .get(&s.reader(), "/api/v1/search?q=x&as_of=2024-13-40")
        .await
        .problem(400);
    assert!(d.contains("as_of"), "{d}");
    let d = s
        .get(&s.reader(), "/api/v1/search?q=x&limit=5000")
        .await
        .problem(400);
    assert!(d.contains("limit"), "{d}");
    let d = s
        .get(&s.reader(), "/api/v1/search?q=x&unit=chapter")
        .await
        .problem(400);
    assert!(d.contains("`unit` = `chapter`"), "{d}");
    let d = s
        .get(&s.reader(), "/api/v1/search?q=x&mode=guess")
        .await
        .problem(400);
    assert!(d.contains("mode"), "{d}");
    s.get(&s.reader(), "/api/v1/search?q=x&year=abc")
        .await
        .problem(400);
    s.get(&s.reader(), "/api/v1/search?q=x&all_versions=maybe")
        .await
        .problem(400);
    s.get(&s.reader(), "/api/v1/nothing-here")
        .await
        .problem(404);
}

#[tokio::test]
async fn documents_list_filters_and_pages() {
    let s = site();
    let r = s
        .get(
            &s.reader(),
            &format!("/api/v1/documents?as_of={AS_OF}&limit=10"),
        )
        .await;
    let j = r.json();
    assert_eq!(j["total"], 110);
    assert_eq!(j["documents"].as_array().expect("docs").len(), 10);
    let r = s
        .get(
            &s.reader(),
            &format!(
                "/api/v1/documents?as_of={AS_OF}&status={}&limit=1000",
                enc("宣布失效")
            ),
        )
        .await;
    let j = r.json();
    assert_eq!(j["total"], 13);
    assert_eq!(j["documents"].as_array().expect("docs").len(), 13);
    let r = s
        .get(
            &s.reader(),
            &format!("/api/v1/documents?as_of={AS_OF}&offset=105"),
        )
        .await;
    assert_eq!(r.json()["documents"].as_array().expect("docs").len(), 5);
    s.get(&s.reader(), "/api/v1/documents?status=bogus")
        .await
        .problem(400);
}

#[tokio::test]
async fn a_dossier_answers_for_any_spelling_of_its_number() {
    let s = site();
    let r = s
        .get(
            &s.reader(),
            &format!("/api/v1/documents/{}?as_of={AS_OF}", enc("潜政规[2023]3号")),
        )
        .await;
    let j = r.json();
    assert_eq!(j["work"], "qj-szg-2019-02");
    assert_eq!(j["versions"].as_array().expect("versions").len(), 2);
    assert_eq!(j["status"], "valid");
    let r = s
        .get(
            &s.reader(),
            &format!(
                "/api/v1/documents/{}?as_of=2020-01-01",
                enc("qj-szg-2019-02")
            ),
        )
        .await;
    assert_eq!(r.json()["version_in_force"], 1);
    let d = s
        .get(
            &s.reader(),
            &format!("/api/v1/documents/{}", enc("潜政规〔2099〕1号")),
        )
        .await
        .problem(404);
    assert!(d.contains("not found"), "{d}");
}

#[tokio::test]
async fn an_article_as_it_stood_on_a_date() {
    let s = site();
    let doc = enc("qj-szg-2019-02");
    let r = s
        .get(
            &s.reader(),
            &format!(
                "/api/v1/documents/{doc}/articles/{}?as_of={AS_OF}",
                enc("第十条之一")
            ),
        )
        .await;
    let j = r.json();
    assert_eq!(j["version"], 2);
    assert!(j["text"].as_str().expect("text").starts_with("第十条之一"));
    // Not in the first version.
    let d = s
        .get(
            &s.reader(),
            &format!("/api/v1/documents/{doc}/articles/10之1?as_of=2020-01-01"),
        )
        .await
        .problem(404);
    assert!(d.contains("第十条之一 in version 1"), "{d}");
    s.get(
        &s.reader(),
        &format!("/api/v1/documents/{doc}/articles/abc"),
    )
    .await
    .problem(400);
}

/// Guards the article API on a document numbered 一、二、 without 第X条: its numbered parts
/// are its articles.
#[tokio::test]
async fn a_numbered_part_of_a_document_without_articles() {
    let s = site();
    let doc = enc("潜政规〔2024〕3号");
    for n in ["二", "2", "第二部分"] {
        let r = s
            .get(
                &s.reader(),
                &format!("/api/v1/documents/{doc}/articles/{}?as_of={AS_OF}", enc(n)),
            )
            .await;
        let j = r.json();
        assert_eq!(j["label"], "第二部分", "{n}");
        assert!(
            j["text"]
                .as_str()
                .expect("text")
                .starts_with("二、重点任务")
        );
    }
}

#[tokio::test]
async fn versions_texts_exports_impact_diff_and_audit() {
    let s = site();
    let doc = enc("qj-szg-2019-02");
    let v = s
        .get(&s.reader(), &format!("/api/v1/documents/{doc}/versions"))
        .await
        .json();
    assert_eq!(v.as_array().expect("versions").len(), 2);
    let t = s
        .get(
            &s.reader(),
            &format!("/api/v1/documents/{doc}/versions/2/text"),
        )
        .await;
    t.expect(200);
    assert!(t.content_type().starts_with("text/plain"));
    assert!(t.text().contains("第十条之一"));
    s.get(
        &s.reader(),
        &format!("/api/v1/documents/{doc}/versions/9/text"),
    )
    .await
    .problem(404);

    let j = s
        .get(&s.reader(), &format!("/api/v1/documents/{doc}/export"))
        .await;
    j.expect(200);
    assert_eq!(j.content_type(), "application/x-ndjson");
    assert_eq!(
        j.text()
            .lines()
            .filter(|l| l.contains("\"type\":\"document\""))
            .count(),
        2
    );
    let x = s
        .get(
            &s.reader(),
            &format!("/api/v1/documents/{doc}/export?format=akn&version=1"),
        )
        .await;
    x.expect(200);
    assert!(x.text().contains("akomaNtoso"));
    s.get(
        &s.reader(),
        &format!("/api/v1/documents/{doc}/export?format=pdf"),
    )
    .await
    .problem(400);

    let i = s
        .get(
            &s.reader(),
            &format!(
                "/api/v1/documents/{}/impact?as_of={AS_OF}",
                enc("潜政发〔2019〕12号")
            ),
        )
        .await
        .json();
    assert_eq!(i["total"], 4, "{i}");

    let c = s
        .get(&s.reader(), &format!("/api/v1/documents/{doc}/diff"))
        .await
        .json();
    assert!(c["rows"].as_array().is_some_and(|r| !r.is_empty()));
    let h = s
        .get(
            &s.reader(),
            &format!("/api/v1/documents/{doc}/diff?format=html"),
        )
        .await;
    assert!(h.text().contains("guifan-compare"));
    // A document with one version has nothing before it.
    s.get(
        &s.reader(),
        &format!("/api/v1/documents/{}/diff", enc("qj-szg-2024-01")),
    )
    .await
    .problem(400);

    let a = s
        .get(&s.reader(), &format!("/api/v1/documents/{doc}/audit"))
        .await
        .json();
    assert!(a.as_array().is_some_and(|a| !a.is_empty()));
}

#[tokio::test]
async fn status_changes_are_recorded_and_refused_by_the_library_s_rules() {
    let s = site();
    let doc = enc("潜政规〔2024〕1号");
    let before = s
        .get(&s.reader(), &format!("/api/v1/documents/{doc}/status"))
        .await
        .json();
    let n = before.as_array().expect("changes").len();
    let r = s
        .post_json(
            &s.writer(),
            &format!("/api/v1/documents/{doc}/status"),
            serde_json::json!({"status": "待修订", "date": "2025-01-01", "reason": "上位法修改"}),
        )
        .await;
    r.expect(201);
    assert_eq!(r.json().as_array().expect("changes").len(), n + 1);
    // Derived statuses are refused; so is a change that changes nothing.
    s.post_json(
        &s.writer(),
        &format!("/api/v1/documents/{doc}/status"),
        serde_json::json!({"status": "尚未生效", "date": "2025-02-01"}),
    )
    .await
    .problem(409);
    s.post_json(
        &s.writer(),
        &format!("/api/v1/documents/{doc}/status"),
        serde_json::json!({"status": "待修订", "date": "2025-03-01"}),
    )
    .await
    .problem(409);
    s.post_json(
        &s.writer(),
        &format!("/api/v1/documents/{doc}/status"),
        serde_json::json!({"status": "nonsense", "date": "2025-03-01"}),
    )
    .await
    .problem(400);
    // A malformed body.
    s.post_json(
        &s.writer(),
        &format!("/api/v1/documents/{doc}/status"),
        serde_json::json!({"date": 3}),
    )
    .await
    .problem(400);
    // The audit log names the token.
    let a = s
        .get(&s.reader(), &format!("/api/v1/documents/{doc}/audit"))
        .await
        .json();
    assert!(
        a.as_array()
            .expect("audit")
            .iter()
            .any(|e| e["actor"] == "token:oa-system"),
        "{a}"
    );
}

#[tokio::test]
async fn relations_filings_and_reviews() {
    let s = site();
    let rel = s
        .get(
            &s.reader(),
            &format!("/api/v1/documents/{}/relations", enc("潜政规〔2024〕3号")),
        )
        .await
        .json();
    assert!(rel.as_array().is_some_and(|r| r.len() >= 5), "{rel}");
    let r = s
        .post_json(&s.writer(), "/api/v1/relations", serde_json::json!({"from": "潜政规〔2024〕1号", "kind": "引用", "to": "潜政规〔2024〕2号"}))
        .await;
    r.expect(201);
    assert_eq!(r.json()["kind"], "cites");
    s.post_json(
        &s.writer(),
        "/api/v1/relations",
        serde_json::json!({"from": "潜政规〔2024〕1号", "kind": "喜欢", "to": "x"}),
    )
    .await
    .problem(400);

    let f = s.get(&s.reader(), "/api/v1/filings").await.json();
    assert_eq!(f.as_array().expect("filings").len(), 12);
    let r = s
        .post_json(&s.writer(), "/api/v1/filings", serde_json::json!({"document": "潜政规〔2024〕2号", "filed_with": "湖北省人民政府", "submitted": "2024-04-01", "deadline_days": 30, "outcome": "备案登记"}))
        .await;
    r.expect(201);
    assert_eq!(r.json()["filed_with"], "湖北省人民政府");
    s.post_json(&s.writer(), "/api/v1/filings", serde_json::json!({"document": "潜政规〔2024〕2号", "filed_with": "省政府", "submitted": "明天"})).await.problem(400);
    s.post_json(
        &s.writer(),
        "/api/v1/filings",
        serde_json::json!({"document": "没有这个文件", "filed_with": "省政府"}),
    )
    .await
    .problem(404);

    let v = s.get(&s.reader(), "/api/v1/reviews").await.json();
    assert_eq!(v.as_array().expect("reviews").len(), 30);
    let r = s
        .post_json(&s.writer(), "/api/v1/reviews", serde_json::json!({"document": "潜政规〔2024〕2号", "kind": "公平竞争审查", "reviewer": "潜江市市场监督管理局", "date": "2024-02-01", "conclusion": "符合"}))
        .await;
    r.expect(201);
    assert_eq!(r.json()["kind"], "fair_competition");
    s.post_json(&s.writer(), "/api/v1/reviews", serde_json::json!({"document": "潜政规〔2024〕2号", "kind": "x", "reviewer": "a", "date": "2024-02-01", "conclusion": "c"})).await.problem(400);
}

#[tokio::test]
async fn statistics_as_json_and_csv() {
    let s = site();
    let j = s
        .get(&s.reader(), &format!("/api/v1/stats?as_of={AS_OF}"))
        .await
        .json();
    assert_eq!(j["total"], 110);
    let rows = j["rows"].as_array().expect("rows");
    let count = |status: &str| {
        rows.iter()
            .find(|r| r["status"] == status)
            .map(|r| r["count"].clone())
    };
    assert_eq!(count("valid"), Some(66.into()));
    assert_eq!(count("repealed"), Some(30.into()));
    let c = s
        .get(
            &s.reader(),
            &format!("/api/v1/stats?by=kind,status&as_of={AS_OF}&format=csv"),
        )
        .await;
    assert!(c.content_type().starts_with("text/csv"));
    assert!(c.text().starts_with("kind,status,count\n"));
    s.get(&s.reader(), "/api/v1/stats?by=colour")
        .await
        .problem(400);
    s.get(&s.reader(), "/api/v1/stats?format=pdf")
        .await
        .problem(400);

    let f = s
        .get(&s.reader(), &format!("/api/v1/stats/filings?as_of={AS_OF}"))
        .await
        .json();
    assert_eq!(f["late"], 2);
    let f = s
        .get(
            &s.reader(),
            &format!("/api/v1/stats/filings?as_of={AS_OF}&format=csv"),
        )
        .await;
    assert!(f.text().starts_with("total,on_time,late"));
    let v = s
        .get(&s.reader(), "/api/v1/stats/reviews?year=2024")
        .await
        .json();
    assert!(v["rows"].as_array().is_some_and(|r| !r.is_empty()));
    let e = s
        .get(
            &s.reader(),
            &format!("/api/v1/stats/expiring?days=180&as_of={AS_OF}"),
        )
        .await
        .json();
    assert_eq!(e["documents"].as_array().expect("docs").len(), 3);
    s.get(&s.reader(), "/api/v1/stats/expiring?days=-1")
        .await
        .problem(400);
}

#[tokio::test]
async fn campaigns_open_decide_announce_and_report() {
    let s = site();
    let list = s.get(&s.reader(), "/api/v1/campaigns").await.json();
    assert_eq!(list.as_array().expect("campaigns").len(), 2);
    let r = s
        .get(&s.reader(), "/api/v1/campaigns/qj-2024/report")
        .await
        .json();
    assert_eq!(
        r["sentence"],
        "共清理出19件市政府行政规范性文件，其中继续有效15件，待修订1件，废止和宣布失效3件"
    );
    let csv = s
        .get(&s.reader(), "/api/v1/campaigns/qj-2024/report?format=csv")
        .await;
    assert_eq!(
        csv.text(),
        "campaign,outcome,count\nqj-2024,valid,15\nqj-2024,pending_revision,1\nqj-2024,repealed,2\nqj-2024,invalidated,1\n"
    );
    let x = s
        .get(&s.reader(), "/api/v1/campaigns/qj-2024/report?format=xlsx")
        .await;
    x.expect(200);
    assert!(x.content_type().contains("spreadsheetml"));
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(x.body.clone())).expect("an xlsx is a zip");
    let mut sheet = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .expect("sheet")
        .read_to_string(&mut sheet)
        .expect("read");
    assert!(
        sheet.contains("继续有效") && sheet.contains("<v>15</v>") && sheet.contains("共清理出19件"),
        "{sheet}"
    );
    s.get(&s.reader(), "/api/v1/campaigns/qj-2024/report?format=doc")
        .await
        .problem(400);
    s.get(&s.reader(), "/api/v1/campaigns/none/report")
        .await
        .problem(404);

    let admin = s.admin();
    let r = s.post_json(&admin, "/api/v1/campaigns", serde_json::json!({"key": "qj-2025", "name": "2025年行政规范性文件清理", "scope": "市政府", "opened": "2025-03-01"})).await;
    r.expect(201);
    assert_eq!(r.json()["key"], "qj-2025");
    s.post_json(
        &admin,
        "/api/v1/campaigns",
        serde_json::json!({"key": "qj-2025", "name": "again"}),
    )
    .await
    .problem(409);
    assert_eq!(
        s.get(&s.reader(), "/api/v1/campaigns/qj-2025").await.json()["announced"],
        serde_json::Value::Null
    );

    let r = s.post_json(&s.writer(), "/api/v1/campaigns/qj-2025/decisions", serde_json::json!({"document": "潜政规〔2024〕1号", "outcome": "待修订", "reason": "上位法修改"})).await;
    r.expect(201);
    assert_eq!(r.json()["outcome"], "pending_revision");
    let d = s
        .post_json(
            &s.writer(),
            "/api/v1/campaigns/qj-2025/decisions",
            serde_json::json!({"document": "潜政规〔2024〕1号", "outcome": "废止"}),
        )
        .await
        .problem(409);
    assert!(d.contains("conflict"), "{d}");
    s.post_json(
        &s.writer(),
        "/api/v1/campaigns/qj-2025/decisions",
        serde_json::json!({"document": "潜政规〔2024〕2号", "outcome": "有效期届满"}),
    )
    .await
    .problem(400);
    let ds = s
        .get(&s.reader(), "/api/v1/campaigns/qj-2025/decisions")
        .await
        .json();
    assert_eq!(ds.as_array().expect("decisions").len(), 1);
    assert_eq!(
        s.get(&s.reader(), "/api/v1/campaigns/qj-2025/report")
            .await
            .json()["total"],
        1
    );

    let sg = s
        .get(
            &s.reader(),
            "/api/v1/campaigns/qj-2025/suggestions?as_of=2025-03-01",
        )
        .await
        .json();
    assert!(sg["items"].as_array().is_some_and(|i| !i.is_empty()));
    let rec = s
        .post_json(
            &s.writer(),
            "/api/v1/campaigns/qj-2025/suggestions?as_of=2025-03-01",
            serde_json::json!({}),
        )
        .await;
    rec.expect(201);
    assert_eq!(rec.json()["recorded"], true);

    let a = s
        .post_json(
            &admin,
            "/api/v1/campaigns/qj-2025/announce",
            serde_json::json!({"date": "2025-06-01"}),
        )
        .await;
    a.expect(200);
    assert_eq!(a.json()["status_changes"], 1);
    s.post_json(
        &admin,
        "/api/v1/campaigns/qj-2025/announce",
        serde_json::json!({"date": "2025-06-02"}),
    )
    .await
    .problem(409);
    let st = s
        .get(
            &s.reader(),
            &format!(
                "/api/v1/documents/{}?as_of=2025-07-01",
                enc("潜政规〔2024〕1号")
            ),
        )
        .await
        .json();
    assert_eq!(st["status"], "pending_revision");
}

fn record(key: &str, title: &str) -> String {
    serde_json::json!({"key": key, "title": title, "kind": "行政规范性文件", "issuer": "潜江市人民政府",
        "doc_number": format!("潜政规〔2031〕{}号", key.len()), "issued": "2031-01-05", "status": "有效",
        "body": "第一条　为了测试，制定本办法。\n第二条　本办法自印发之日起施行。"})
    .to_string()
}

#[tokio::test]
async fn import_takes_uploads_through_ingest() {
    let s = site();
    let good = format!("{}\n", record("up-1", "潜江市上传测试办法"));
    let r = s
        .upload(
            &s.writer(),
            "/api/v1/import",
            &[("new.jsonl", good.as_bytes())],
            &[],
        )
        .await;
    r.expect(201);
    let j = r.json();
    assert_eq!(j["total"]["documents"], 1, "{j}");
    assert_eq!(j["files"][0]["file"], "new.jsonl");
    assert_eq!(j["files"][0]["index"]["state"], "indexed");
    assert_eq!(s.works(), 111);
    // Searchable at once.
    let h = s
        .get(
            &s.reader(),
            &format!("/api/v1/search?q={}&as_of=2031-06-01", enc("上传测试")),
        )
        .await
        .json();
    assert_eq!(h["total"], 1);

    // A bad record fails its file with the line; nothing of it is written.
    let bad = format!(
        "{}\n{{\"key\":\"up-3\",\"title\":\"x\",\"issued\":\"2024-13-01\"}}\n",
        record("up-2", "潜江市另一个办法")
    );
    let d = s
        .upload(
            &s.writer(),
            "/api/v1/import",
            &[("bad.jsonl", bad.as_bytes())],
            &[],
        )
        .await
        .problem(400);
    assert!(d.contains("bad.jsonl") && d.contains("line 2"), "{d}");
    assert!(!d.contains(".uploads"), "the temporary path leaks: {d}");
    assert_eq!(s.works(), 111);
    // No file at all.
    s.upload(&s.writer(), "/api/v1/import", &[], &[("x", "y")])
        .await
        .problem(400);
}

#[tokio::test]
async fn the_store_check_the_caller_and_the_openapi_document() {
    let s = site();
    let c = s.get(&s.reader(), "/api/v1/check").await.json();
    assert_eq!(c["problems"].as_array().map(Vec::len), Some(0));
    let me = s.get(&s.writer(), "/api/v1/me").await.json();
    assert_eq!(me["name"], "token:oa-system");
    assert_eq!(me["role"], "reviewer");
    let doc = s.get(&s.reader(), "/api/v1/openapi.json").await.json();
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")));
    let paths = doc["paths"].as_object().expect("paths");
    for p in [
        "/search",
        "/documents",
        "/documents/{reference}",
        "/documents/{reference}/articles/{article}",
        "/campaigns/{key}/report",
        "/import",
        "/stats",
        "/filings",
        "/reviews",
        "/check",
    ] {
        assert!(
            paths.contains_key(p),
            "{p} missing from the OpenAPI document"
        );
    }
    assert!(paths.len() >= 28, "{}", paths.len());
}
