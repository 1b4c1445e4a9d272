//! Who is calling: a signed-in account (session cookie), a tool with an API token (bearer), or
//! anyone on the public portal; what their role lets them do; CSRF tokens; and the limit on
//! failed logins.
//!
//! Sessions live in an `HttpOnly`, `SameSite=Lax` cookie (`Secure` with `--secure-cookies`,
//! or behind a proxy that says `X-Forwarded-Proto: https`). Every form carries the session's
//! CSRF token in a hidden field, and a write to the API made with the session cookie (rather
//! than a token) must send it in the `X-CSRF-Token` header; the login form, made before any
//! session exists, uses a double-submit cookie.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, header};
use axum::response::{IntoResponse, Redirect, Response};

use crate::accounts::{Accounts, Role};
use crate::error::{ApiError, AppError};
use crate::log::LogUser;
use crate::state::App;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "guifan_session";
/// The login form's double-submit cookie.
pub const LOGIN_COOKIE: &str = "guifan_login";
/// The header that carries the CSRF token on API writes made with the session cookie.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// How the caller proved who they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    /// A session cookie; forms must carry this CSRF token.
    Session {
        /// The session's CSRF token.
        csrf: String,
    },
    /// An API token.
    Token,
    /// Nobody: the public portal.
    Public,
}

/// The caller of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// The account's name, `token:NAME` for a token, `public` on the portal.
    pub name: String,
    /// What the caller may do.
    pub role: Role,
    /// How the caller signed in.
    pub via: Via,
}

impl Caller {
    /// The name the audit log records for the caller's changes.
    pub fn actor(&self) -> String {
        self.name.clone()
    }

    /// Whether the caller has at least this role.
    pub fn can(&self, role: Role) -> bool {
        self.via != Via::Public && self.role >= role
    }

    /// Refuses callers below `role`.
    pub fn require(&self, role: Role) -> Result<(), AppError> {
        if self.can(role) {
            return Ok(());
        }
        Err(AppError::Forbidden(match (&self.via, role) {
            (Via::Public, _) => "公众查询平台只读".to_owned(),
            (Via::Token, _) => format!(
                "令牌 `{}` 无权进行此操作：需要 write 权限范围",
                self.name.trim_start_matches("token:")
            ),
            (_, role) => format!(
                "账户 `{}` 的角色是 {}，此操作需要 {} 角色",
                self.name,
                self.role.token(),
                role.token()
            ),
        }))
    }

    /// The CSRF token forms of this caller carry (empty without a session).
    pub fn csrf(&self) -> &str {
        match &self.via {
            Via::Session { csrf } => csrf,
            _ => "",
        }
    }

    /// Checks the CSRF token a form sent.
    pub fn check_csrf(&self, given: &str) -> Result<(), AppError> {
        match &self.via {
            Via::Session { csrf } if constant_time_eq(csrf.as_bytes(), given.as_bytes()) => Ok(()),
            Via::Token => Ok(()),
            _ => Err(AppError::Csrf),
        }
    }
}

/// Compares two secrets in time that does not depend on where they differ.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A cookie's value from the request's `Cookie` headers.
pub fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Whether cookies must be marked `Secure` for this request.
pub fn secure(app: &App, headers: &HeaderMap) -> bool {
    app.config.secure_cookies
        || (app.config.behind_proxy
            && headers
                .get("x-forwarded-proto")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|p| p.eq_ignore_ascii_case("https")))
}

/// A `Set-Cookie` value: `HttpOnly`, `SameSite=Lax`, path `/`, `Secure` when asked.
pub fn set_cookie(name: &str, value: &str, max_age: Option<i64>, secure: bool) -> String {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        c.push_str("; Secure");
    }
    c
}

/// The client's address: the connection's, or the first `X-Forwarded-For` entry behind a
/// proxy.
pub fn client_ip(app: &App, parts: &Parts) -> String {
    if app.config.behind_proxy
        && let Some(ip) = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .map(str::trim)
            .filter(|s| !s.is_empty())
    {
        return ip.to_owned();
    }
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "unknown".to_owned())
}

/// Whether the request is for the API (nested routers see the path without its prefix, so
/// the original URI decides).
fn is_api(parts: &Parts) -> bool {
    parts
        .extensions
        .get::<axum::extract::OriginalUri>()
        .map_or(&parts.uri, |o| &o.0)
        .path()
        .starts_with("/api/")
}

/// Why a request has no caller: an API error, or (pages) a redirect to the login page.
pub struct Rejection {
    api: bool,
    error: AppError,
    next: String,
}

impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        match (self.api, &self.error) {
            (false, AppError::Unauthorized) => {
                let next =
                    serde_urlencoded::to_string([("next", self.next.as_str())]).unwrap_or_default();
                Redirect::to(&format!("/login?{next}")).into_response()
            }
            (false, _) => crate::web::layout::error_page(&self.error, None),
            (true, _) => ApiError(self.error).into_response(),
        }
    }
}

impl FromRequestParts<Arc<App>> for Caller {
    type Rejection = Rejection;

    async fn from_request_parts(parts: &mut Parts, app: &Arc<App>) -> Result<Self, Rejection> {
        let api = is_api(parts);
        let reject = |error: AppError| Rejection {
            api,
            error,
            next: parts
                .uri
                .path_and_query()
                .map(|p| p.as_str().to_owned())
                .unwrap_or_else(|| "/".to_owned()),
        };
        let caller = identify(app, parts).map_err(&reject)?;
        if let Some(log) = parts.extensions.get::<LogUser>() {
            log.set(&caller.name);
        }
        // An API write made with the session cookie must say the session's CSRF token.
        let writes = !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
        if api && writes && matches!(caller.via, Via::Session { .. }) {
            let given = parts
                .headers
                .get(CSRF_HEADER)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            caller.check_csrf(given).map_err(&reject)?;
        }
        Ok(caller)
    }
}

fn identify(app: &App, parts: &Parts) -> Result<Caller, AppError> {
    if let Some(auth) = parts.headers.get(header::AUTHORIZATION) {
        let secret = auth
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or(AppError::Unauthorized)?;
        let token = app.accounts.token(secret)?.ok_or(AppError::Unauthorized)?;
        return Ok(Caller {
            name: format!("token:{}", token.name),
            role: token.scope.role(),
            via: Via::Token,
        });
    }
    if let Some(id) = cookie(&parts.headers, SESSION_COOKIE)
        && let Some(session) = app.accounts.session(id)?
    {
        return Ok(Caller {
            name: session.user,
            role: session.role,
            via: Via::Session { csrf: session.csrf },
        });
    }
    if app.config.public {
        return Ok(Caller {
            name: "public".to_owned(),
            role: Role::Viewer,
            via: Via::Public,
        });
    }
    Err(AppError::Unauthorized)
}

/// Failed logins within a window, per account and per client address, counted in the
/// accounts store: a restart does not forget them, and every server on the same registry
/// counts the same failures. When the store cannot be read or written the login is refused
/// (the limit fails closed).
#[derive(Debug)]
pub struct LoginLimiter {
    accounts: Arc<Accounts>,
}

/// The window failed logins are counted in.
pub const LOGIN_WINDOW: Duration = Duration::from_secs(15 * 60);
/// Failed logins allowed per account within the window.
pub const MAX_FAILURES_PER_ACCOUNT: usize = 5;
/// Failed logins allowed per client address within the window.
pub const MAX_FAILURES_PER_ADDRESS: usize = 20;

fn unix_now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

fn window_secs() -> i64 {
    i64::try_from(LOGIN_WINDOW.as_secs()).unwrap_or(i64::MAX)
}

impl LoginLimiter {
    /// The limiter of the accounts store.
    pub fn new(accounts: Arc<Accounts>) -> LoginLimiter {
        LoginLimiter { accounts }
    }

    /// Refuses a login attempt for an account, or from an address, with too many recent
    /// failures; refuses it too when the count cannot be read.
    pub fn check(&self, user: &str, ip: &str) -> Result<(), AppError> {
        let since = unix_now() - window_secs();
        let user_failures = self
            .accounts
            .login_failures(&format!("user:{user}"), since)?;
        let ip_failures = self.accounts.login_failures(&format!("ip:{ip}"), since)?;
        if user_failures >= MAX_FAILURES_PER_ACCOUNT || ip_failures >= MAX_FAILURES_PER_ADDRESS {
            return Err(AppError::TooManyAttempts(format!(
                "登录失败次数过多：请 {} 分钟后再试",
                LOGIN_WINDOW.as_secs() / 60
            )));
        }
        Ok(())
    }

    /// Counts a failed login.
    pub fn failed(&self, user: &str, ip: &str) -> Result<(), AppError> {
        let now = unix_now();
        self.accounts.record_login_failure(
            &[format!("user:{user}"), format!("ip:{ip}")],
            now,
            now - window_secs(),
        )?;
        Ok(())
    }

    /// Forgets an account's failures after it signs in.
    pub fn succeeded(&self, user: &str) -> Result<(), AppError> {
        self.accounts
            .clear_login_failures(&format!("user:{user}"))?;
        Ok(())
    }
}

/// The client's address (see [`client_ip`]), as an extractor.
#[derive(Debug, Clone)]
pub struct ClientIp(pub String);

impl FromRequestParts<Arc<App>> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        app: &Arc<App>,
    ) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(client_ip(app, parts)))
    }
}
