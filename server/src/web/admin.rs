//! 账户: accounts and API tokens, for admins. A new token's secret is shown once.

use std::sync::Arc;

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;
use serde::Deserialize;

use super::layout::{self, Nav, Notice, PageError, WithCaller, csrf_field};
use crate::accounts::{Role, TokenScope};
use crate::api::ApiQuery;
use crate::auth::Caller;
use crate::error::AppError;
use crate::state::App;

/// A notice code.
#[derive(Debug, Default, Deserialize)]
pub struct AdminQuery {
    #[serde(default)]
    done: Option<String>,
}

/// `GET /admin`.
pub async fn page(
    State(app): State<Arc<App>>,
    caller: Caller,
    q: Result<ApiQuery<AdminQuery>, crate::error::ApiError>,
) -> Result<Response, PageError> {
    let done = q.ok().and_then(|q| q.0.done);
    admin_page(
        &app,
        &caller,
        layout::done(done.as_deref()),
        None,
        StatusCode::OK,
    )
}

fn admin_page(
    app: &App,
    caller: &Caller,
    notice: Option<Notice>,
    secret: Option<(&str, &str)>,
    status: StatusCode,
) -> Result<Response, PageError> {
    caller.require(Role::Admin).by(caller)?;
    let users = app.accounts.users().by(caller)?;
    let tokens = app.accounts.tokens().by(caller)?;
    let roles: Vec<(&str, &str)> = Role::ALL.iter().map(|r| (r.token(), r.label())).collect();
    let body = html! {
        h1 { "账户" }
        (layout::notice(&notice))
        @if let Some((name, s)) = secret {
            div.notice.ok {
                "已创建令牌 " strong { (name) } "。请立即复制保存，此后不再显示："
                div.secret { (s) }
                span.small { "用法：" code { "Authorization: Bearer " (s) } }
            }
        }
        h2 { "账户" }
        table {
            thead { tr { th { "账户" } th { "角色" } th { "创建时间（UTC）" } } }
            tbody { @for u in &users { tr { td { (u.name) } td { (u.role.label()) " " span.muted { (u.role.token()) } } td { (u.created.get(..19).unwrap_or(&u.created).replace('T', " ")) } } } }
        }
        form.stack method="post" action="/admin/users" {
            (csrf_field(caller))
            label { "账户名" input type="text" name="name" required autocomplete="off"; }
            label { "角色" select name="role" { (layout::options(&roles, "viewer")) } }
            label { "初始密码（至少10个字符）" input type="password" name="password" required minlength="10" autocomplete="new-password"; }
            div { button type="submit" { "创建账户" } }
        }
        p.muted.small { "查阅：只能查阅；审查人员：还可记录清理结论、备案、审查、效力状态变化、关联，导入文件；管理员：还可管理账户和令牌，启动和公布清理。也可用命令 " code { "guifan user add NAME --role R" } "。" }
        h2 { "接口令牌" }
        table {
            thead { tr { th { "名称" } th { "权限" } th { "创建时间（UTC）" } th { "状态" } th {} } }
            tbody {
                @for t in &tokens {
                    tr {
                        td { (t.name) }
                        td { @match t.scope { TokenScope::Read => "只读", TokenScope::Write => "读写" } }
                        td { (t.created.get(..19).unwrap_or(&t.created).replace('T', " ")) }
                        td { @if let Some(r) = &t.revoked { "已撤销 " (r.get(..10).unwrap_or(r)) } @else { "有效" } }
                        td { @if t.revoked.is_none() {
                            form.inline method="post" action="/admin/tokens/revoke" {
                                (csrf_field(caller))
                                input type="hidden" name="name" value=(t.name);
                                button.danger type="submit" { "撤销" }
                            }
                        } }
                    }
                }
            }
        }
        form.stack method="post" action="/admin/tokens" {
            (csrf_field(caller))
            label { "令牌名称（使用它的系统，如 oa-system）" input type="text" name="name" required; }
            label { "权限" select name="scope" { (layout::options(&[("read", "只读"), ("write", "读写")], "read")) } }
            div { button type="submit" { "创建令牌" } }
        }
    };
    Ok(layout::respond(
        status,
        layout::page(Some(caller), Nav::Admin, "账户", body),
    ))
}

/// The new account's fields.
#[derive(Debug, Deserialize)]
pub struct UserForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    password: String,
}

/// `POST /admin/users`.
pub async fn add_user(
    State(app): State<Arc<App>>,
    caller: Caller,
    Form(f): Form<UserForm>,
) -> Result<Response, PageError> {
    caller.check_csrf(&f.csrf).by(&caller)?;
    caller.require(Role::Admin).by(&caller)?;
    let accounts = Arc::clone(&app.accounts);
    let added = tokio::task::spawn_blocking(move || {
        let role = Role::parse(&f.role)?;
        accounts.add_user(f.name.trim(), role, &f.password)
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))
    .by(&caller)?;
    match added {
        Ok(_) => Ok(super::see_other("/admin?done=user")),
        Err(e) => {
            let e = AppError::from(e);
            admin_page(&app, &caller, Some(Notice::of(&e)), None, e.status())
        }
    }
}

/// The new token's fields.
#[derive(Debug, Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    scope: String,
}

/// `POST /admin/tokens`: shows the new secret once.
pub async fn add_token(
    State(app): State<Arc<App>>,
    caller: Caller,
    Form(f): Form<TokenForm>,
) -> Result<Response, PageError> {
    caller.check_csrf(&f.csrf).by(&caller)?;
    caller.require(Role::Admin).by(&caller)?;
    let made = TokenScope::parse(&f.scope).and_then(|s| app.accounts.add_token(f.name.trim(), s));
    match made {
        Ok(secret) => admin_page(
            &app,
            &caller,
            None,
            Some((f.name.trim(), &secret)),
            StatusCode::OK,
        ),
        Err(e) => {
            let e = AppError::from(e);
            admin_page(&app, &caller, Some(Notice::of(&e)), None, e.status())
        }
    }
}

/// The token to revoke.
#[derive(Debug, Deserialize)]
pub struct RevokeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
}

/// `POST /admin/tokens/revoke`.
pub async fn revoke_token(
    State(app): State<Arc<App>>,
    caller: Caller,
    Form(f): Form<RevokeForm>,
) -> Result<Response, PageError> {
    caller.check_csrf(&f.csrf).by(&caller)?;
    caller.require(Role::Admin).by(&caller)?;
    match app.accounts.revoke_token(&f.name) {
        Ok(()) => Ok(super::see_other("/admin?done=revoked")),
        Err(e) => {
            let e = AppError::from(e);
            admin_page(&app, &caller, Some(Notice::of(&e)), None, e.status())
        }
    }
}
