//! Who may do what: each role's denials, tokens and their scopes, CSRF, logins and their
//! limit, and the audit log naming the caller.

use axum::body::Body;
use axum::http::{Request, header};

use crate::common::{As, enc, site};

#[tokio::test]
async fn nobody_is_refused_or_sent_to_the_login_page() {
    let s = site();
    let d = s.get(&As::Nobody, "/api/v1/documents").await.problem(401);
    assert!(d.contains("请先登录"), "{d}");
    s.get(&As::Token("gf_not-a-token".into()), "/api/v1/documents")
        .await
        .problem(401);
    let r = s.get(&As::Nobody, "/stats?as_of=2024-12-31").await;
    r.expect(303);
    assert_eq!(r.location(), "/login?next=%2Fstats%3Fas_of%3D2024-12-31");
    // The login page and the stylesheet are open.
    s.get(&As::Nobody, "/login").await.expect(200);
    s.get(&As::Nobody, "/assets/style.css").await.expect(200);
}

#[tokio::test]
async fn a_read_token_reads_and_writes_nothing() {
    let s = site();
    s.get(&s.reader(), "/api/v1/documents?limit=1")
        .await
        .expect(200);
    let d = s
        .post_json(
            &s.reader(),
            "/api/v1/filings",
            serde_json::json!({"document": "潜政规〔2024〕2号", "filed_with": "省政府"}),
        )
        .await
        .problem(403);
    assert!(d.contains("write 权限范围"), "{d}");
    s.upload(&s.reader(), "/api/v1/import", &[("a.jsonl", b"{}")], &[])
        .await
        .problem(403);
}

#[tokio::test]
async fn a_write_token_acts_as_a_reviewer_and_not_as_an_admin() {
    let s = site();
    s.post_json(
        &s.writer(),
        "/api/v1/campaigns",
        serde_json::json!({"key": "k", "name": "n"}),
    )
    .await
    .problem(403);
    s.post_json(
        &s.writer(),
        "/api/v1/campaigns/qj-2024/announce",
        serde_json::json!({"date": "2025-01-01"}),
    )
    .await
    .problem(403);
}

#[tokio::test]
async fn each_role_s_denials() {
    let s = site();
    let (viewer, reviewer, admin) = (s.viewer(), s.reviewer(), s.admin());
    // Viewer: reads, but no decision, filing, review, status, relation or import.
    s.get(&viewer, "/api/v1/campaigns").await.expect(200);
    let body = serde_json::json!({"document": "潜政规〔2024〕1号", "outcome": "废止"});
    s.post_json(
        &viewer,
        "/api/v1/campaigns/qj-2024-depts/decisions",
        body.clone(),
    )
    .await
    .problem(403);
    s.post_json(&viewer, "/api/v1/reviews", serde_json::json!({"document": "x", "kind": "评估", "reviewer": "r", "date": "2024-01-01", "conclusion": "c"})).await.problem(403);
    s.post_json(
        &viewer,
        &format!("/api/v1/documents/{}/status", enc("潜政规〔2024〕1号")),
        serde_json::json!({"status": "废止", "date": "2025-01-01"}),
    )
    .await
    .problem(403);
    s.post_json(
        &viewer,
        "/api/v1/relations",
        serde_json::json!({"from": "1", "kind": "引用", "to": "2"}),
    )
    .await
    .problem(403);
    s.upload(&viewer, "/api/v1/import", &[("a.jsonl", b"")], &[])
        .await
        .problem(403);
    // The pages refuse the viewer's forms too, with the page's error.
    let r = s
        .post_form(
            &viewer,
            "/campaigns/qj-2024/decisions",
            &[("document", "潜政规〔2024〕1号"), ("outcome", "废止")],
            true,
        )
        .await;
    r.expect(403);
    assert!(r.text().contains("无权进行此操作"));
    s.get(&viewer, "/admin").await.expect(403);
    // Reviewer: no campaign opening or announcement, no accounts.
    s.post_json(
        &reviewer,
        "/api/v1/campaigns",
        serde_json::json!({"key": "k", "name": "n"}),
    )
    .await
    .problem(403);
    s.post_form(
        &reviewer,
        "/campaigns",
        &[("key", "k"), ("name", "n")],
        true,
    )
    .await
    .expect(403);
    s.post_form(
        &reviewer,
        "/admin/users",
        &[
            ("name", "eve"),
            ("role", "admin"),
            ("password", "0123456789ab"),
        ],
        true,
    )
    .await
    .expect(403);
    s.get(&reviewer, "/admin").await.expect(403);
    // Admin: all of it.
    s.get(&admin, "/admin").await.expect(200);
    s.post_form(
        &admin,
        "/admin/users",
        &[
            ("name", "eve"),
            ("role", "viewer"),
            ("password", "0123456789ab"),
        ],
        true,
    )
    .await
    .expect(303);
    assert!(
        s.app
            .accounts
            .users()
            .expect("users")
            .iter()
            .any(|u| u.name == "eve")
    );
}

#[tokio::test]
async fn forms_and_cookie_writes_without_the_csrf_token_are_refused() {
    let s = site();
    let reviewer = s.reviewer();
    let r = s
        .post_form(
            &reviewer,
            "/filings",
            &[("document", "潜政规〔2024〕2号"), ("filed_with", "省政府")],
            false,
        )
        .await;
    r.expect(403);
    assert!(r.text().contains("CSRF"));
    let r = s
        .post_form(
            &reviewer,
            "/filings",
            &[
                ("document", "潜政规〔2024〕2号"),
                ("filed_with", "省政府"),
                ("csrf", "forged"),
            ],
            false,
        )
        .await;
    r.expect(403);
    // An API write with the cookie alone (as a forged cross-site form would send it).
    let As::Session { cookie, .. } = &reviewer else {
        unreachable!()
    };
    let req = Request::builder()
        .method("POST")
        .uri("/api/v1/filings")
        .header(header::COOKIE, cookie.clone())
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(
            r#"{"document":"潜政规〔2024〕2号","filed_with":"省政府"}"#,
        ))
        .expect("request");
    s.send(req).await.problem(403);
    let up = s
        .upload(&reviewer, "/import", &[("a.jsonl", b"")], &[])
        .await;
    up.expect(403);
    // Nothing was written.
    let f = s.get(&s.reader(), "/api/v1/filings").await.json();
    assert_eq!(f.as_array().expect("filings").len(), 12);
}

fn login_cookie(r: &crate::common::Reply) -> (String, String) {
    let cookie = r
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("guifan_login="))
        .expect("login cookie")
        .split(';')
        .next()
        .expect("pair")
        .to_owned();
    let token = cookie.trim_start_matches("guifan_login=").to_owned();
    (cookie, token)
}

async fn login(s: &crate::common::Site, name: &str, password: &str) -> crate::common::Reply {
    let page = s.get(&As::Nobody, "/login?next=/stats").await;
    let (cookie, token) = login_cookie(&page);
    assert!(page.text().contains(&token));
    let body = serde_urlencoded::to_string([
        ("csrf", token.as_str()),
        ("next", "/stats"),
        ("name", name),
        ("password", password),
    ])
    .expect("form");
    s.send(
        Request::builder()
            .method("POST")
            .uri("/login")
            .header(header::COOKIE, cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .expect("request"),
    )
    .await
}

#[tokio::test]
async fn logging_in_sets_an_http_only_lax_session_cookie_and_logs_out() {
    let s = site();
    let r = login(&s, "rita", "correct horse battery").await;
    r.expect(303);
    assert_eq!(r.location(), "/stats");
    let set: Vec<&str> = r
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    let session = set
        .iter()
        .find(|c| c.starts_with("guifan_session="))
        .expect("session cookie");
    assert!(
        session.contains("HttpOnly") && session.contains("SameSite=Lax"),
        "{session}"
    );
    assert!(!session.contains("Secure"));
    let cookie = session.split(';').next().expect("pair").to_owned();
    let me = s
        .send(
            Request::builder()
                .uri("/api/v1/me")
                .header(header::COOKIE, cookie.clone())
                .body(Body::empty())
                .expect("req"),
        )
        .await
        .json();
    assert_eq!(me["name"], "rita");
    // Without the login form's cookie, the form is refused.
    let body = "csrf=abc&name=rita&password=correct+horse+battery";
    let r = s
        .send(
            Request::builder()
                .method("POST")
                .uri("/login")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body))
                .expect("req"),
        )
        .await;
    r.expect(403);
    // Log out: the session no longer opens anything.
    let csrf = me["csrf"].as_str().expect("csrf").to_owned();
    let r = s
        .send(
            Request::builder()
                .method("POST")
                .uri("/logout")
                .header(header::COOKIE, cookie.clone())
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(format!("csrf={csrf}")))
                .expect("req"),
        )
        .await;
    r.expect(303);
    let r = s
        .send(
            Request::builder()
                .uri("/api/v1/me")
                .header(header::COOKIE, cookie)
                .body(Body::empty())
                .expect("req"),
        )
        .await;
    r.problem(401);
}

#[tokio::test]
async fn secure_cookies_behind_tls() {
    let s = crate::common::site_with(|c| c.secure_cookies = true);
    let r = login(&s, "rita", "correct horse battery").await;
    let set: Vec<&str> = r
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    assert!(set.iter().all(|c| c.contains("; Secure")), "{set:?}");
}

#[tokio::test]
async fn failed_logins_are_limited_per_account() {
    let s = site();
    for _ in 0..5 {
        login(&s, "rita", "wrong password!!").await.expect(401);
    }
    let r = login(&s, "rita", "correct horse battery").await;
    r.expect(429);
    assert!(r.text().contains("登录失败次数过多"));
    // Another account is not locked by rita's failures.
    login(&s, "alice", "correct horse battery")
        .await
        .expect(303);
}

#[tokio::test]
async fn the_audit_log_names_the_signed_in_user() {
    let s = site();
    let r = s
        .post_form(
            &s.reviewer(),
            "/reviews",
            &[
                ("document", "潜政规〔2024〕2号"),
                ("kind", "评估"),
                ("reviewer", "市司法局"),
                ("date", "2025-01-10"),
                ("conclusion", "继续实施"),
            ],
            true,
        )
        .await;
    r.expect(303);
    let a = s
        .get(
            &s.reader(),
            &format!("/api/v1/documents/{}/audit", enc("潜政规〔2024〕2号")),
        )
        .await
        .json();
    let last = a.as_array().and_then(|a| a.last()).expect("an entry");
    assert_eq!(last["actor"], "rita");
}

#[tokio::test]
async fn revoked_tokens_open_nothing() {
    let s = site();
    s.get(&s.reader(), "/api/v1/me").await.expect(200);
    s.app.accounts.revoke_token("dashboard").expect("revoke");
    s.get(&s.reader(), "/api/v1/me").await.problem(401);
}
