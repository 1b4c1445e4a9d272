//! 草案审核: a draft's text checked for the 合法性审核 by the library's `check_draft` — every
//! citation with the cited document's status on the date, the basis clause, numbering, 文号 and
//! date formats, the 有效期 clause, and words a reviewer should look at. Nothing is written.

use std::sync::Arc;

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use guifan::assist::{self, DraftReport};
use maud::{Markup, html};
use serde::Deserialize;

use super::layout::{self, Nav, Notice, PageError, WithCaller, csrf_field, status_badge};
use crate::auth::Caller;
use crate::error::AppError;
use crate::forms::WithCsrf;
use crate::state::App;

/// The draft form's fields.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DraftInput {
    /// The draft's text.
    #[serde(default)]
    pub text: String,
    /// The date citations are checked on (default today).
    #[serde(default)]
    pub as_of: String,
}

fn form(caller: &Caller, input: &DraftInput) -> Markup {
    html! {
        form.stack method="post" action="/drafts" {
            (csrf_field(caller))
            label.wide {
                "草案全文（粘贴文本）"
                textarea name="text" rows="16" required { (input.text) }
            }
            label {
                "核对日期（默认今天）"
                input type="date" name="as_of" value=(input.as_of);
            }
            div { button type="submit" { "审核" } }
        }
        p.muted.small {
            "逐条核对草案所引文件在该日的效力状态、制定依据条款、条文编号、文号和日期的写法、有效期条款，"
            "并标出常见的需要人工判断的用语（设定收费、罚款、许可等）。审核结果只作提示，不写入登记库。"
            "Word、PDF、网页形式的草案，可用命令行 " code { "guifan review-draft 草案.docx" } " 或 Python 的 " code { "check_draft(路径)" } " 审核。"
        }
    }
}

fn report(r: &DraftReport) -> Markup {
    html! {
        h2 { "审核结果" }
        p {
            @if let Some(t) = &r.title { "《" (t) "》，" }
            (r.articles) " 条；错误 " strong { (r.counts.error) } " 项，警告 " (r.counts.warning)
            " 项，提示 " (r.counts.info) " 项（截至 " (guifan::date::iso(r.as_of)) "）。"
        }
        @if !r.findings.is_empty() {
            div.table-wrap { table id="draft-findings" {
                thead { tr { th { "级别" } th { "规则" } th { "位置" } th { "原文" } th { "说明" } } }
                tbody {
                    @for f in &r.findings {
                        tr {
                            td { (f.severity.label()) }
                            td { (f.label) }
                            td.small { "第 " (f.line) " 行" @if let Some(a) = &f.article { " · " (a) } }
                            td { (f.excerpt) }
                            td {
                                (f.message)
                                @if let Some(d) = &f.document {
                                    br; span.small {
                                        a href={ "/documents/" (d.id) } { "《" (d.title) "》" }
                                        " " (status_badge(d.status))
                                    }
                                }
                                @if let Some(d) = &f.instead {
                                    br; span.small { "可改引：" a href={ "/documents/" (d.id) } { "《" (d.title) "》" } }
                                }
                            }
                        }
                    }
                }
            } }
        }
    }
}

async fn draft_page(
    caller: &Caller,
    input: &DraftInput,
    result: Option<&DraftReport>,
    notice: Option<Notice>,
    status: StatusCode,
) -> Response {
    let body = html! {
        h1 { "草案审核" }
        (layout::notice(&notice))
        @if let Some(r) = result { (report(r)) }
        (form(caller, input))
    };
    layout::respond(
        status,
        layout::page(Some(caller), Nav::Drafts, "草案审核", body),
    )
}

/// `GET /drafts`: the form.
pub async fn page(caller: Caller) -> Response {
    draft_page(&caller, &DraftInput::default(), None, None, StatusCode::OK).await
}

/// `POST /drafts`: the check. Any signed-in user: it writes nothing.
pub async fn check(
    State(app): State<Arc<App>>,
    caller: Caller,
    Form(form): Form<WithCsrf<DraftInput>>,
) -> Result<Response, PageError> {
    caller.check_csrf(&form.csrf).by(&caller)?;
    let input = form.fields;
    let as_of = match input.as_of.trim() {
        "" => None,
        d => match guifan::date::parse_date("as_of", d) {
            Ok(d) => Some(d),
            Err(e) => {
                let e = AppError::from(e);
                return Ok(
                    draft_page(&caller, &input, None, Some(Notice::of(&e)), e.status()).await,
                );
            }
        },
    };
    let text = input.text.clone();
    let checked = app
        .read(move |reg, _| {
            let as_of = guifan::date::as_of_or_today(as_of)?;
            assist::check_draft(reg, &text, as_of)
        })
        .await;
    match checked {
        Ok(r) => Ok(draft_page(&caller, &input, Some(&r), None, StatusCode::OK).await),
        Err(e) => Ok(draft_page(&caller, &input, None, Some(Notice::of(&e)), e.status()).await),
    }
}
