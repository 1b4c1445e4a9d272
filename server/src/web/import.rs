//! 导入: upload files; each is imported by the library's `ingest` in one transaction, and the
//! page shows the summary per file, or the error with its line.

use std::sync::Arc;

use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use guifan::ingest::IndexState;
use maud::{Markup, html};

use super::layout::{self, Nav, Notice, PageError, WithCaller, csrf_field};
use crate::accounts::Role;
use crate::auth::Caller;
use crate::state::App;
use crate::upload::{self, Imported};

fn upload_form(caller: &Caller, limit: usize) -> Markup {
    html! {
        @if caller.can(Role::Reviewer) {
            form.stack method="post" action="/import" enctype="multipart/form-data" {
                (csrf_field(caller))
                label.wide { "选择文件（可多选）" input type="file" name="files" multiple required; }
                div { button type="submit" { "导入" } }
            }
            p.muted.small {
                "接受登记库导入程序能读取的格式：JSON Lines（.jsonl）、Akoma Ntoso（.xml、.akn），以及文件原件：Word（.docx）、网页（.html）、PDF、纯文本（.txt、.md）。"
                "每个文件在一个事务中导入：文件中任何一条记录有误，该文件一条也不写入，并指出出错的行。"
                "单次上传不超过 " (limit >> 20) " MiB。"
            }
        } @else {
            p { "您的账户只能查阅，不能导入文件。" }
        }
    }
}

/// The import page, with the result of an import when there is one.
pub async fn form_page(
    app: &App,
    caller: &Caller,
    result: Option<&Imported>,
    notice: Option<Notice>,
    status: StatusCode,
) -> Response {
    let body = html! {
        h1 { "导入" }
        (layout::notice(&notice))
        @if let Some(r) = result { (summary(r)) }
        (upload_form(caller, app.config.max_upload_bytes))
    };
    layout::respond(
        status,
        layout::page(Some(caller), Nav::Import, "导入", body),
    )
}

/// `GET /import`.
pub async fn form_get(State(app): State<Arc<App>>, caller: Caller) -> Response {
    form_page(&app, &caller, None, None, StatusCode::OK).await
}

pub use form_get as form;

fn summary(r: &Imported) -> Markup {
    html! {
        @if let Some(f) = &r.failed {
            div.notice.error role="alert" {
                strong { "文件“" (f.file) "”未能导入，其中的记录一条也没有写入。" }
                span.detail { (f.message) }
            }
        }
        @if !r.summary.files.is_empty() {
            h2 { "已导入" }
            div.table-wrap { table {
                thead { tr {
                    th { "文件" } th { "格式" } th.num { "记录" } th.num { "版本" } th.num { "新文件" } th.num { "清理" } th.num { "结论" }
                    th.num { "备案" } th.num { "审查" } th.num { "关联" } th.num { "状态变化" } th { "检索索引" }
                } }
                tbody {
                    @for f in &r.summary.files {
                        @let x = &f.report;
                        tr {
                            td { (f.path.display().to_string()) }
                            td { (f.format.name()) }
                            td.num { (x.records) } td.num { (x.documents) } td.num { (x.works_created) } td.num { (x.campaigns) }
                            td.num { (x.decisions) } td.num { (x.filings) } td.num { (x.reviews) } td.num { (x.relations) }
                            td.num { (x.status_changes + x.announced) }
                            td.small { @match &f.index {
                                IndexState::Indexed { versions } => { "已索引 " (versions) " 个版本" },
                                IndexState::Deferred { reason } => { "稍后补建（" (reason) "）" },
                                IndexState::NotIndexed => "未索引",
                                IndexState::Unchanged => "未存入新内容，索引不变",
                            } }
                        }
                    }
                }
            } }
        }
    }
}

/// `POST /import`: the upload. Reviewer.
pub async fn submit(
    State(app): State<Arc<App>>,
    caller: Caller,
    form: Multipart,
) -> Result<Response, PageError> {
    let up = match upload::receive(&app, form).await {
        Ok(u) => u,
        Err(e) => {
            let e = crate::error::AppError::from(e);
            return Ok(form_page(&app, &caller, None, Some(Notice::of(&e)), e.status()).await);
        }
    };
    caller.check_csrf(&up.csrf).by(&caller)?;
    caller.require(Role::Reviewer).by(&caller)?;
    match upload::import(&app, caller.actor(), up).await {
        Ok(r) => {
            let status = match &r.failed {
                Some(f) => StatusCode::from_u16(f.status).unwrap_or(StatusCode::BAD_REQUEST),
                None => StatusCode::OK,
            };
            let notice = r.failed.is_none().then(|| {
                Notice::Ok(format!(
                    "已导入 {} 个文件，共 {} 条记录。",
                    r.summary.files.len(),
                    r.summary.total.records
                ))
            });
            Ok(form_page(&app, &caller, Some(&r), notice, status).await)
        }
        Err(e) => Ok(form_page(&app, &caller, None, Some(Notice::of(&e)), e.status()).await),
    }
}
