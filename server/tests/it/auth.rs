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

/// A second server on the same registry folder (a restart, or another process).
fn another_server(s: &crate::common::Site) -> axum::Router {
    let app = guifan_server::App::open(guifan_server::Config::new(s.dir.path())).expect("app");
    guifan_server::router(app)
}

/// Guards the limit against a restart: failures were once kept in the server's memory only.
#[tokio::test]
async fn failed_logins_stay_limited_after_a_restart() {
    let mut s = site();
    for _ in 0..5 {
        login(&s, "rita", "wrong password!!").await.expect(401);
    }
    s.router = another_server(&s);
    login(&s, "rita", "correct horse battery").await.expect(429);
}

/// Two servers on one registry count the same failures: an attacker cannot spread attempts
/// over them.
#[tokio::test]
async fn failed_logins_are_counted_across_servers() {
    let mut s = site();
    let first = s.router.clone();
    let second = another_server(&s);
    for i in 0..5 {
        s.router = if i % 2 == 0 {
            first.clone()
        } else {
            second.clone()
        };
        login(&s, "rita", "wrong password!!").await.expect(401);
    }
    for router in [first, second] {
        s.router = router;
        login(&s, "rita", "correct horse battery").await.expect(429);
    }
}

/// A successful login clears the account's failures: four, a success, four more still signs in.
#[tokio::test]
async fn a_successful_login_clears_the_accounts_failures() {
    let s = site();
    for _ in 0..4 {
        login(&s, "rita", "wrong password!!").await.expect(401);
    }
    login(&s, "rita", "correct horse battery").await.expect(303);
    for _ in 0..4 {
        login(&s, "rita", "wrong password!!").await.expect(401);
    }
    login(&s, "rita", "correct horse battery").await.expect(303);
}

/// Failures from one address across many accounts lock that address out too.
#[tokio::test]
async fn failed_logins_are_limited_per_address() {
    let s = site();
    for i in 0..guifan_server::auth::MAX_FAILURES_PER_ADDRESS {
        login(&s, &format!("nobody{i}"), "wrong password!!")
            .await
            .expect(401);
    }
    login(&s, "alice", "correct horse battery")
        .await
        .expect(429);
}

/// When the count cannot be kept, the login is refused rather than let through unlimited.
#[tokio::test]
async fn the_limit_fails_closed_when_it_cannot_count() {
    let s = site();
    let conn =
        rusqlite::Connection::open(s.dir.path().join(guifan_server::accounts::ACCOUNTS_FILE))
            .expect("accounts");
    conn.execute_batch("DROP TABLE login_failures;")
        .expect("drop");
    let r = login(&s, "rita", "wrong password!!").await;
    assert!(r.status.is_server_error(), "status {}", r.status);
    let r = login(&s, "rita", "correct horse battery").await;
    assert!(r.status.is_server_error(), "status {}", r.status);
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
