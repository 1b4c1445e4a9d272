//! Hostile input: markup in titles and texts rendered inert, SQL-like text in every
//! parameter harmless, path traversal and oversized uploads.

use crate::common::{As, Site, enc, site, site_with};

const SCRIPT: &str = "<script>alert(1)</script>";
const IMG: &str = "\"><img src=x onerror=alert(1)>";

fn hostile_records() -> String {
    let doc = serde_json::json!({
        "key": "xss-1", "work": "xss", "title": format!("潜江市{SCRIPT}罚款办法{IMG}"),
        "kind": format!("行政规范性文件{IMG}"), "issuer": format!("潜江市{SCRIPT}人民政府"),
        "doc_number": "潜政规〔2030〕9号", "issued": "2024-01-05", "status": "有效",
        "body": format!("第一条　违反本办法的，处200元罚款。{SCRIPT}\n第二条　{IMG}本办法自印发之日起施行。"),
    });
    let campaign = serde_json::json!({"type": "campaign", "key": "xss-c", "name": format!("清理{SCRIPT}"), "scope": format!("{IMG}")});
    let decision = serde_json::json!({"type": "decision", "campaign": "xss-c", "document": "xss-1", "outcome": "继续有效", "reason": format!("理由{SCRIPT}{IMG}")});
    let review = serde_json::json!({"type": "review", "document": "xss-1", "kind": "合法性审核", "reviewer": format!("{IMG}"), "date": "2024-01-02", "conclusion": format!("{SCRIPT}"), "opinion": format!("{IMG}")});
    let filing = serde_json::json!({"type": "filing", "document": "xss-1", "filed_with": format!("{SCRIPT}"), "submitted": "2024-01-20"});
    let relation = serde_json::json!({"type": "relation", "from": "xss-1", "kind": "引用", "to": "潜政规〔2024〕1号", "note": format!("{SCRIPT}{IMG}")});
    [doc, campaign, decision, review, filing, relation]
        .iter()
        .map(|r| format!("{r}\n"))
        .collect()
}

#[track_caller]
fn inert(page: &str, what: &str) {
    assert!(!page.contains("<script>alert"), "{what}: a live <script>");
    assert!(!page.contains("<img src=x"), "{what}: a live <img>");
    assert!(
        !page.contains("onerror=alert(1)>") || page.contains("onerror=alert(1)&gt;"),
        "{what}: a live onerror"
    );
}

#[tokio::test]
async fn markup_in_titles_and_texts_renders_inert() {
    let s = site();
    let up = s
        .upload(
            &s.writer(),
            "/api/v1/import",
            &[("hostile.jsonl", hostile_records().as_bytes())],
            &[],
        )
        .await;
    up.expect(201);
    let admin = s.admin();
    let id = s.get(&s.reader(), "/api/v1/documents/xss-1").await.json()["id"].clone();
    let pages = [
        format!("/search?q={}&as_of=2024-12-31", enc("罚款")),
        format!("/search?q={}&as_of=2024-12-31", enc(SCRIPT)),
        "/documents?as_of=2024-12-31&limit=1000".to_owned(),
        format!("/documents/{id}?as_of=2024-12-31"),
        format!("/documents/{id}/articles/2?as_of=2024-12-31"),
        "/campaigns".to_owned(),
        "/campaigns/xss-c".to_owned(),
        "/campaigns/xss-c/report".to_owned(),
        "/stats?as_of=2024-12-31".to_owned(),
        "/filings".to_owned(),
        "/reviews".to_owned(),
    ];
    for p in &pages {
        let r = s.get(&admin, p).await;
        r.expect(200);
        let html = r.text();
        inert(&html, p);
        assert!(
            html.contains("&lt;script&gt;"),
            "{p}: the text should be shown, escaped"
        );
        assert!(
            r.headers
                .get("content-security-policy")
                .is_some_and(|v| v.to_str().is_ok_and(|v| v.contains("script-src 'none'")))
        );
    }
    // A search for markup: the query itself is echoed escaped.
    let r = s.get(&admin, &format!("/search?q={}", enc(IMG))).await;
    inert(&r.text(), "search box");
}

const SQLISH: [&str; 4] = [
    "' OR '1'='1",
    "1; DROP TABLE works; --",
    "\" OR 1=1 --",
    "%' UNION SELECT * FROM users --",
];

#[tokio::test]
async fn sql_like_input_in_every_parameter_is_harmless() {
    let s = site();
    let admin = s.admin();
    let works = s.works();
    for x in SQLISH {
        let v = enc(x);
        let urls = [
            format!("/api/v1/search?q={v}"),
            format!("/api/v1/search?q=a&status={v}"),
            format!("/api/v1/search?q=a&kind={v}"),
            format!("/api/v1/search?q=a&issuer={v}"),
            format!("/api/v1/search?q=a&year={v}"),
            format!("/api/v1/search?q=a&as_of={v}"),
            format!("/api/v1/search?q=a&limit={v}"),
            format!("/api/v1/search?q=a&offset={v}"),
            format!("/api/v1/documents?status={v}"),
            format!("/api/v1/documents?kind={v}"),
            format!("/api/v1/documents?issuer={v}"),
            format!("/api/v1/documents?year={v}"),
            format!("/api/v1/documents/{v}"),
            format!("/api/v1/documents/1?as_of={v}"),
            format!("/api/v1/documents/1/articles/{v}"),
            format!("/api/v1/documents/{v}/versions"),
            format!("/api/v1/documents/1/versions/{v}/text"),
            format!("/api/v1/documents/1/export?format={v}"),
            format!("/api/v1/documents/1/export?version={v}"),
            format!("/api/v1/documents/{v}/impact"),
            format!("/api/v1/documents/1/diff?from={v}"),
            format!("/api/v1/documents/{v}/audit"),
            format!("/api/v1/documents/{v}/status"),
            format!("/api/v1/documents/{v}/relations"),
            format!("/api/v1/stats?by={v}"),
            format!("/api/v1/stats?issuer={v}"),
            format!("/api/v1/stats/filings?year={v}"),
            format!("/api/v1/stats/reviews?year={v}"),
            format!("/api/v1/stats/expiring?days={v}"),
            format!("/api/v1/campaigns/{v}"),
            format!("/api/v1/campaigns/{v}/report"),
            format!("/api/v1/campaigns/{v}/decisions"),
            format!("/api/v1/campaigns/{v}/suggestions"),
            format!("/search?q={v}&issuer={v}&kind={v}&status={v}"),
            format!("/documents?issuer={v}&kind={v}"),
            format!("/documents/{v}"),
            format!("/campaigns/{v}"),
            format!("/stats?as_of={v}"),
        ];
        for u in &urls {
            let r = s.get(&admin, u).await;
            assert!(
                matches!(r.status.as_u16(), 200 | 400 | 404),
                "{u}: {} {}",
                r.status,
                r.text()
            );
        }
        for (uri, body) in [
            (
                "/api/v1/filings",
                serde_json::json!({"document": x, "filed_with": x}),
            ),
            (
                "/api/v1/reviews",
                serde_json::json!({"document": x, "kind": x, "reviewer": x, "date": x, "conclusion": x}),
            ),
            (
                "/api/v1/relations",
                serde_json::json!({"from": x, "kind": "引用", "to": x}),
            ),
            (
                "/api/v1/campaigns/qj-2024-depts/decisions",
                serde_json::json!({"document": x, "outcome": x}),
            ),
        ] {
            let r = s.post_json(&admin, uri, body).await;
            assert!(
                matches!(r.status.as_u16(), 400 | 404),
                "{uri}: {} {}",
                r.status,
                r.text()
            );
        }
        let r = s
            .post_form(
                &As::Nobody,
                "/login",
                &[("name", x), ("password", x), ("csrf", x)],
                false,
            )
            .await;
        assert_eq!(r.status.as_u16(), 403);
    }
    assert_eq!(s.works(), works);
    let c = s.get(&s.reader(), "/api/v1/check").await.json();
    assert_eq!(c["problems"].as_array().map(Vec::len), Some(0), "{c}");
}

fn uploads_left(s: &Site) -> usize {
    std::fs::read_dir(s.dir.path().join(".uploads")).map_or(0, |d| d.count())
}

#[tokio::test]
async fn uploaded_file_names_never_become_paths() {
    let s = site();
    let record = serde_json::json!({"key": "trav-1", "title": "潜江市路径测试办法", "kind": "行政规范性文件", "issuer": "潜江市人民政府", "issued": "2024-01-05", "status": "有效"});
    let body = format!("{record}\n");
    for (i, name) in [
        "../../escape.jsonl",
        "..\\..\\escape.jsonl",
        "/etc/escape.jsonl",
        "....//escape.jsonl",
    ]
    .into_iter()
    .enumerate()
    {
        let key = format!("trav-{i}");
        let body = body.replace("trav-1", &key);
        let r = s
            .upload(
                &s.writer(),
                "/api/v1/import",
                &[(name, body.as_bytes())],
                &[],
            )
            .await;
        r.expect(201);
        assert_eq!(r.json()["files"][0]["file"], "escape.jsonl", "{name}");
    }
    let parent = s.dir.path().parent().expect("parent");
    assert!(!parent.join("escape.jsonl").exists());
    assert!(!s.dir.path().join("escape.jsonl").exists());
    assert!(!std::path::Path::new("/etc/escape.jsonl").exists());
    assert_eq!(uploads_left(&s), 0, "temporary files are removed");
}

#[tokio::test]
async fn oversized_uploads_are_refused() {
    let s = site_with(|c| c.max_upload_bytes = 64 * 1024);
    let big = vec![b' '; 200 * 1024];
    let d = s
        .upload(&s.writer(), "/api/v1/import", &[("big.jsonl", &big)], &[])
        .await;
    assert_eq!(d.status.as_u16(), 413, "{}", d.text());
    let page = s
        .upload(&s.reviewer(), "/import", &[("big.jsonl", &big)], &[])
        .await;
    assert_eq!(page.status.as_u16(), 413, "{}", page.text());
    assert_eq!(uploads_left(&s), 0);
}
