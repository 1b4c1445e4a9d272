//! A registry of the fixtures, the application on it, accounts of each role and tokens, and
//! requests sent to the router.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response, StatusCode, header};
use guifan::Registry;
use guifan::index::SearchIndex;
use guifan_server::accounts::{Role, TokenScope};
use guifan_server::{App, Config};
use tower::ServiceExt;

/// The date the tests ask about.
pub const AS_OF: &str = "2024-12-31";

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/qianjiang-2024")
}

/// A registry of the five fixture files, built once and copied for each test.
fn template() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut reg = Registry::open(dir.path()).expect("registry");
        let index = SearchIndex::open(&reg).expect("index");
        let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures())
            .expect("fixtures")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
            .collect();
        files.sort();
        guifan::ingest::ingest_files(
            &mut reg,
            Some(&index),
            &files,
            &Default::default(),
            &mut |_| {},
        )
        .expect("import fixtures");
        dir
    })
    .path()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read dir") {
        let e = e.expect("entry");
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).expect("copy");
        }
    }
}

/// The application on a fresh copy of the fixture registry, with one account per role and a
/// token per scope.
pub struct Site {
    pub dir: tempfile::TempDir,
    pub app: Arc<App>,
    pub router: Router,
    pub read_token: String,
    pub write_token: String,
}

pub fn site() -> Site {
    site_with(|_| {})
}

pub fn site_with(configure: impl FnOnce(&mut Config)) -> Site {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(template(), dir.path());
    let mut config = Config::new(dir.path());
    config.max_upload_bytes = 1 << 20;
    configure(&mut config);
    let app = App::open(config).expect("app");
    for (name, role) in [
        ("alice", Role::Admin),
        ("rita", Role::Reviewer),
        ("victor", Role::Viewer),
    ] {
        app.accounts
            .add_user(name, role, "correct horse battery")
            .expect("user");
    }
    let read_token = app
        .accounts
        .add_token("dashboard", TokenScope::Read)
        .expect("token");
    let write_token = app
        .accounts
        .add_token("oa-system", TokenScope::Write)
        .expect("token");
    let router = guifan_server::router(Arc::clone(&app));
    Site {
        dir,
        app,
        router,
        read_token,
        write_token,
    }
}

/// A caller: none, a token, or a session (cookie and CSRF token).
#[derive(Clone)]
pub enum As {
    Nobody,
    Token(String),
    Session { cookie: String, csrf: String },
}

impl Site {
    pub fn session(&self, user: &str) -> As {
        let users = self.app.accounts.users().expect("users");
        let u = users.iter().find(|u| u.name == user).expect("user exists");
        let (id, s) = self.app.accounts.create_session(u, 3600).expect("session");
        As::Session {
            cookie: format!("guifan_session={id}"),
            csrf: s.csrf,
        }
    }

    pub fn admin(&self) -> As {
        self.session("alice")
    }
    pub fn reviewer(&self) -> As {
        self.session("rita")
    }
    pub fn viewer(&self) -> As {
        self.session("victor")
    }
    pub fn reader(&self) -> As {
        As::Token(self.read_token.clone())
    }
    pub fn writer(&self) -> As {
        As::Token(self.write_token.clone())
    }

    pub async fn send(&self, req: Request<Body>) -> Reply {
        let r = self.router.clone().oneshot(req).await.expect("infallible");
        Reply::read(r).await
    }

    fn build(&self, who: &As, method: &str, uri: &str) -> axum::http::request::Builder {
        let mut b = Request::builder().method(method).uri(uri);
        match who {
            As::Nobody => {}
            As::Token(t) => b = b.header(header::AUTHORIZATION, format!("Bearer {t}")),
            As::Session { cookie, csrf } => {
                b = b.header(header::COOKIE, cookie.clone());
                if method != "GET" && uri.starts_with("/api/") {
                    b = b.header("x-csrf-token", csrf.clone());
                }
            }
        }
        b
    }

    pub async fn get(&self, who: &As, uri: &str) -> Reply {
        self.send(
            self.build(who, "GET", uri)
                .body(Body::empty())
                .expect("request"),
        )
        .await
    }

    /// A JSON POST to the API.
    pub async fn post_json(&self, who: &As, uri: &str, body: serde_json::Value) -> Reply {
        self.send(
            self.build(who, "POST", uri)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body.to_string()))
                .expect("request"),
        )
        .await
    }

    /// A form POST to a page; the session's CSRF token is added unless `csrf` is false.
    pub async fn post_form(
        &self,
        who: &As,
        uri: &str,
        fields: &[(&str, &str)],
        csrf: bool,
    ) -> Reply {
        let mut pairs: Vec<(&str, &str)> = fields.to_vec();
        if let (As::Session { csrf: token, .. }, true) = (who, csrf) {
            pairs.push(("csrf", token.as_str()));
        }
        let body = serde_urlencoded::to_string(&pairs).expect("form");
        self.send(
            self.build(who, "POST", uri)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body))
                .expect("request"),
        )
        .await
    }

    /// A multipart upload of files (name, bytes), with extra text fields.
    pub async fn upload(
        &self,
        who: &As,
        uri: &str,
        files: &[(&str, &[u8])],
        fields: &[(&str, &str)],
    ) -> Reply {
        let boundary = "guifan-test-boundary-7MA4YWxkTrZu0gW";
        let mut body: Vec<u8> = Vec::new();
        for (name, value) in fields {
            body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes());
        }
        for (name, bytes) in files {
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
            );
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        self.send(
            self.build(who, "POST", uri)
                .header(
                    header::CONTENT_TYPE,
                    format!("multipart/form-data; boundary={boundary}"),
                )
                .body(Body::from(body))
                .expect("request"),
        )
        .await
    }

    /// The number of works in the registry.
    pub fn works(&self) -> u64 {
        Registry::open_existing(self.dir.path())
            .expect("open")
            .count_works()
            .expect("count")
    }
}

/// An answer.
pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    async fn read(r: Response<Body>) -> Reply {
        let status = r.status();
        let headers = r.headers().clone();
        let body = axum::body::to_bytes(r.into_body(), usize::MAX)
            .await
            .expect("body")
            .to_vec();
        Reply {
            status,
            headers,
            body,
        }
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    pub fn content_type(&self) -> &str {
        self.headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// Asserts the status, showing the body when it differs.
    #[track_caller]
    pub fn expect(&self, status: u16) -> &Reply {
        assert_eq!(self.status.as_u16(), status, "body: {}", self.text());
        self
    }

    /// Asserts an RFC 9457 problem with this status, and returns its detail.
    #[track_caller]
    pub fn problem(&self, status: u16) -> String {
        self.expect(status);
        assert_eq!(
            self.content_type(),
            "application/problem+json",
            "{}",
            self.text()
        );
        let p = self.json();
        assert_eq!(p["status"], status);
        p["detail"].as_str().expect("detail").to_owned()
    }

    pub fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

/// Percent-encodes a path segment or query value.
pub fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
