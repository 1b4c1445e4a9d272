//! Signing in and out. The login form carries a double-submit token (a cookie and a hidden
//! field that must match), since no session exists yet; failed logins are limited per
//! account and per address.

use std::sync::Arc;

use axum::Form;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::html;
use serde::Deserialize;

use super::layout::{self, Nav, Notice};
use crate::accounts::random_hex;
use crate::auth::{self, Caller, LOGIN_COOKIE, SESSION_COOKIE, constant_time_eq};
use crate::error::AppError;
use crate::state::App;

/// Where to go after signing in: a local path only.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.starts_with("/\\") => {
            n.to_owned()
        }
        _ => "/search".to_owned(),
    }
}

#[derive(Debug, Default, Deserialize)]
struct NextQuery {
    #[serde(default)]
    next: Option<String>,
}

fn login_page(
    app: &App,
    headers: &HeaderMap,
    next: &str,
    notice: Option<Notice>,
    status: StatusCode,
) -> Response {
    let token = match random_hex(16) {
        Ok(t) => t,
        Err(e) => return layout::error_page(&AppError::from(e), None),
    };
    let body = html! {
        div.login {
            h1 { "登录" }
            p.muted { "规范性文件登记库" }
            (layout::notice(&notice))
            form.stack method="post" action="/login" {
                input type="hidden" name="csrf" value=(token);
                input type="hidden" name="next" value=(next);
                label { "账户" input type="text" name="name" required autocomplete="username" autofocus; }
                label { "密码" input type="password" name="password" required autocomplete="current-password"; }
                div { button type="submit" { "登录" } }
            }
        }
    };
    let mut r = layout::respond(status, layout::page(None, Nav::None, "登录", body));
    let cookie = auth::set_cookie(LOGIN_COOKIE, &token, Some(3600), auth::secure(app, headers));
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}

/// `GET /login`.
pub async fn form(State(app): State<Arc<App>>, req: Request) -> Response {
    let next = req
        .uri()
        .query()
        .and_then(|q| serde_urlencoded::from_str::<NextQuery>(q).ok())
        .and_then(|q| q.next);
    login_page(
        &app,
        req.headers(),
        &safe_next(next.as_deref()),
        None,
        StatusCode::OK,
    )
}

/// The login form's fields.
#[derive(Debug, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    next: Option<String>,
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
}

/// `POST /login`.
pub async fn submit(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    ip: auth::ClientIp,
    Form(f): Form<LoginForm>,
) -> Response {
    let next = safe_next(f.next.as_deref());
    let cookie = auth::cookie(&headers, LOGIN_COOKIE).unwrap_or("");
    if cookie.is_empty() || !constant_time_eq(cookie.as_bytes(), f.csrf.as_bytes()) {
        let e = AppError::Csrf;
        return login_page(&app, &headers, &next, Some(Notice::of(&e)), e.status());
    }
    let ip = ip.0;
    if let Err(e) = app.limiter.check(&f.name, &ip) {
        return login_page(&app, &headers, &next, Some(Notice::of(&e)), e.status());
    }
    let accounts = Arc::clone(&app.accounts);
    let (name, password) = (f.name.clone(), f.password);
    let verified = tokio::task::spawn_blocking(move || accounts.verify(&name, &password)).await;
    let user = match verified {
        Ok(Ok(Some(user))) => user,
        Ok(Ok(None)) => {
            if let Err(e) = app.limiter.failed(&f.name, &ip) {
                return layout::error_page(&e, None);
            }
            return login_page(
                &app,
                &headers,
                &next,
                Some(Notice::Error(
                    "账户或密码不正确".into(),
                    "账户或密码错误".into(),
                )),
                StatusCode::UNAUTHORIZED,
            );
        }
        Ok(Err(e)) => return layout::error_page(&AppError::from(e), None),
        Err(e) => return layout::error_page(&AppError::Internal(e.to_string()), None),
    };
    if let Err(e) = app.limiter.succeeded(&user.name) {
        return layout::error_page(&e, None);
    }
    let (id, _) = match app
        .accounts
        .create_session(&user, app.config.session_seconds)
    {
        Ok(s) => s,
        Err(e) => return layout::error_page(&AppError::from(e), None),
    };
    let secure = auth::secure(&app, &headers);
    let mut r = super::see_other(&next);
    for c in [
        auth::set_cookie(
            SESSION_COOKIE,
            &id,
            Some(app.config.session_seconds),
            secure,
        ),
        auth::set_cookie(LOGIN_COOKIE, "", Some(0), secure),
    ] {
        if let Ok(v) = HeaderValue::from_str(&c) {
            r.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    r
}

/// The logout form's field.
#[derive(Debug, Deserialize)]
pub struct LogoutForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /logout`.
pub async fn logout(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    caller: Caller,
    Form(f): Form<LogoutForm>,
) -> Response {
    if let Err(e) = caller.check_csrf(&f.csrf) {
        return layout::error_page(&e, Some(&caller));
    }
    if let Some(id) = auth::cookie(&headers, SESSION_COOKIE)
        && let Err(e) = app.accounts.end_session(id)
    {
        return layout::error_page(&AppError::from(e), Some(&caller));
    }
    let mut r = super::see_other("/login");
    let c = auth::set_cookie(SESSION_COOKIE, "", Some(0), auth::secure(&app, &headers));
    if let Ok(v) = HeaderValue::from_str(&c) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r.into_response()
}
