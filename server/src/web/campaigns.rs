//! 清理: the campaigns; one campaign's page — the report as the bureau publishes it (the
//! table and the sentence), the documents in scope with the clearance assistant's proposals,
//! the decision form, the announcement; and the printable report (also as CSV and Excel from
//! the API).

use std::sync::Arc;

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use guifan::assist::{self, Suggestions};
use guifan::model::{Campaign, Decision, Outcome, Proposal};
use guifan::stats::{self, ClearanceReport};
use maud::{Markup, html};
use serde::Deserialize;

use super::layout::{self, Nav, Notice, PageError, WithCaller, csrf_field, date, segment};
use crate::accounts::Role;
use crate::api::ApiQuery;
use crate::auth::Caller;
use crate::error::AppError;
use crate::forms::{AnnounceInput, CampaignInput, DecisionInput, WithCsrf, given};
use crate::ops;
use crate::state::App;

fn outcome_choices() -> Vec<(&'static str, &'static str)> {
    Outcome::ALL
        .iter()
        .map(|o| (o.token(), o.label()))
        .collect()
}

/// A notice code after a form.
#[derive(Debug, Default, Deserialize)]
pub struct Done {
    /// The code.
    #[serde(default)]
    pub done: Option<String>,
}

/// `GET /campaigns`.
pub async fn list(
    State(app): State<Arc<App>>,
    caller: Caller,
    q: Result<ApiQuery<Done>, crate::error::ApiError>,
) -> Result<Response, PageError> {
    let done = q.ok().and_then(|q| q.0.done);
    list_page(&app, &caller, layout::done(done.as_deref()), StatusCode::OK).await
}

async fn list_page(
    app: &Arc<App>,
    caller: &Caller,
    notice: Option<Notice>,
    status: StatusCode,
) -> Result<Response, PageError> {
    let campaigns: Vec<(Campaign, ClearanceReport)> = app
        .read(|reg, _| {
            reg.campaigns()?
                .into_iter()
                .map(|c| {
                    let r = stats::clearance_report(reg, &c.key)?;
                    Ok((c, r))
                })
                .collect()
        })
        .await
        .by(caller)?;
    let body = html! {
        h1 { "清理" }
        (layout::notice(&notice))
        @if campaigns.is_empty() { p.muted { "还没有清理。" } } @else {
            div.table-wrap { table {
                thead { tr { th { "清理" } th { "范围" } th { "启动" } th { "公布" } th.num { "已作结论" } th { "结果" } } }
                tbody {
                    @for (c, r) in &campaigns {
                        tr {
                            td { a href=(format!("/campaigns/{}", segment(&c.key))) { (c.name) } br; span.muted.small { (c.key) } }
                            td { (c.scope.as_deref().unwrap_or("—")) }
                            td.nowrap { (date(c.opened)) }
                            td.nowrap { @if c.announced.is_some() { (date(c.announced)) } @else { span.muted { "未公布" } } }
                            td.num { (r.total) }
                            td.small { (r.sentence()) }
                        }
                    }
                }
            } }
        }
        @if caller.can(Role::Admin) {
            h2 { "启动清理" }
            form.stack method="post" action="/campaigns" {
                (csrf_field(caller))
                label { "标识（如 qj-2025）" input type="text" name="key" required pattern="[A-Za-z0-9._-]+"; }
                label { "名称" input type="text" name="name" required placeholder="2025年行政规范性文件清理"; }
                label { "范围（如 市政府、各地各部门）" input type="text" name="scope"; }
                label { "启动日期" input type="date" name="opened"; }
                div { button type="submit" { "启动清理" } }
            }
        }
    };
    Ok(layout::respond(
        status,
        layout::page(Some(caller), Nav::Campaigns, "清理", body),
    ))
}

/// `POST /campaigns`: opens a campaign. Admin.
pub async fn open(
    State(app): State<Arc<App>>,
    caller: Caller,
    Form(form): Form<WithCsrf<CampaignInput>>,
) -> Result<Response, PageError> {
    caller.check_csrf(&form.csrf).by(&caller)?;
    caller.require(Role::Admin).by(&caller)?;
    let input = form.fields;
    match app
        .write(caller.actor(), move |reg, _| {
            ops::open_campaign(reg, &input).map_err(AppError::from)
        })
        .await
    {
        Ok(c) => Ok(super::see_other(&format!(
            "/campaigns/{}?done=opened",
            segment(&c.key)
        ))),
        Err(e) => list_page(&app, &caller, Some(Notice::of(&e)), e.status()).await,
    }
}

struct View {
    campaign: Campaign,
    report: ClearanceReport,
    suggestions: Suggestions,
}

/// `GET /campaigns/{key}`.
pub async fn page(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(key): Path<String>,
    q: Result<ApiQuery<Done>, crate::error::ApiError>,
) -> Result<Response, PageError> {
    let done = q.ok().and_then(|q| q.0.done);
    campaign_page(
        &app,
        &caller,
        key,
        layout::done(done.as_deref()),
        StatusCode::OK,
        None,
    )
    .await
}

async fn campaign_page(
    app: &Arc<App>,
    caller: &Caller,
    key: String,
    notice: Option<Notice>,
    status: StatusCode,
    form: Option<&DecisionInput>,
) -> Result<Response, PageError> {
    let v = app
        .read(move |reg, _| {
            Ok(View {
                campaign: reg.campaign(&key)?,
                report: stats::clearance_report(reg, &key)?,
                suggestions: assist::suggest(reg, &key, None)?,
            })
        })
        .await
        .by(caller)?;
    let c = &v.campaign;
    let key = segment(&c.key);
    let open = c.announced.is_none();
    let body = html! {
        h1 { (c.name) " " span.muted.small { (c.key) } }
        (layout::notice(&notice))
        p.muted {
            "范围：" (c.scope.as_deref().unwrap_or("未限定")) " · 启动：" (date(c.opened)) " · "
            @if let Some(a) = c.announced { "已于 " (guifan::date::iso(a)) " 公布" } @else { "进行中，尚未公布" }
        }
        h2 { "清理结果" }
        (report_table(&v.report))
        div.actions {
            a.button.plain href=(format!("/campaigns/{key}/report")) { "打印版报告" }
            a.button.plain href=(format!("/api/v1/campaigns/{key}/report?format=csv")) { "下载 CSV" }
            a.button.plain href=(format!("/api/v1/campaigns/{key}/report?format=xlsx")) { "下载 Excel" }
        }
        @if open && caller.can(Role::Reviewer) {
            h2 { "记录清理结论" }
            form.stack #decide method="post" action=(format!("/campaigns/{key}/decisions")) {
                (csrf_field(caller))
                label { "文件（编号、文号或标题）" input type="text" name="document" required value=(form.map(|f| f.document.as_str()).unwrap_or("")); }
                label { "清理结论" select name="outcome" required { (layout::options(&outcome_choices(), form.map(|f| f.outcome.as_str()).unwrap_or(""))) } }
                label.wide { "理由" input type="text" name="reason" value=(form.and_then(|f| given(&f.reason)).unwrap_or("")); }
                div { button type="submit" { "记录结论" } }
            }
        }
        @if open && caller.can(Role::Admin) {
            h2 { "公布清理结果" }
            form.stack method="post" action=(format!("/campaigns/{key}/announce")) {
                (csrf_field(caller))
                label { "公布日期（各项结论自该日起成为效力状态）" input type="date" name="date" required; }
                div { button.danger type="submit" { "公布" } }
            }
        }
        (scope_table(&v.suggestions, caller, &key, open))
    };
    Ok(layout::respond(
        status,
        layout::page(Some(caller), Nav::Campaigns, &c.name, body),
    ))
}

/// The table as the bureau publishes it, and the sentence.
pub fn report_table(r: &ClearanceReport) -> Markup {
    html! {
        table style="width:auto;min-width:20rem" {
            thead { tr { th { "清理结论" } th.num { "件数" } } }
            tbody {
                @for o in Outcome::ALL { tr { td { (o.label()) } td.num { (r.count(o)) } } }
                tr { td { "废止和宣布失效" } td.num { (r.repealed_or_invalidated) } }
                tr { th { "合计" } th.num { (r.total) } }
            }
        }
        p.report-sentence { (r.sentence()) }
    }
}

fn proposal_outcome(p: Proposal) -> &'static str {
    match p {
        Proposal::Valid => Outcome::Valid.token(),
        Proposal::PendingRevision => Outcome::PendingRevision.token(),
        Proposal::Repealed => Outcome::Repealed.token(),
        Proposal::Invalidated => Outcome::Invalidated.token(),
        Proposal::Evaluate => "",
    }
}

fn scope_table(s: &Suggestions, caller: &Caller, key: &str, open: bool) -> Markup {
    let can = open && caller.can(Role::Reviewer);
    html! {
        h2 { "清理范围内的文件（" (s.items.len()) "件）" }
        p.muted.small {
            "清理辅助建议按 " (guifan::date::iso(s.as_of)) " 的登记情况给出，仅供参考："
            @for (token, n) in &s.counts {
                @let label = Proposal::parse(token).map(|p| p.label()).unwrap_or(token);
                (label) " " (n) "件　"
            }
        }
        div.table-wrap { table {
            thead { tr { th { "文件" } th { "制定机关" } th { "现状" } th { "建议及依据" } th { "清理结论" } } }
            tbody {
                @for it in &s.items {
                    tr id=(format!("doc-{}", it.work)) {
                        td {
                            a href=(format!("/documents/{}", it.work)) { "《" (it.title) "》" }
                            @if let Some(n) = &it.doc_number { br; span.muted.small { (n) } }
                        }
                        td.small { (it.issuer) }
                        td { (layout::status_badge(it.status)) }
                        td.small {
                            strong { (it.proposal.label()) }
                            @for f in &it.findings { br; (f.message) }
                        }
                        td.nowrap {
                            @if let Some(d) = it.decision {
                                strong { (d.label()) }
                                @match it.followed { Some(true) => { br; span.muted.small { "与建议一致" } }, Some(false) => { br; span.muted.small { "未采纳建议" } }, None => {} }
                            } @else if can {
                                form method="post" action=(format!("/campaigns/{key}/decisions")) {
                                    (csrf_field(caller))
                                    input type="hidden" name="document" value=(it.work.to_string());
                                    select name="outcome" aria-label="清理结论" { (layout::options(&outcome_choices(), proposal_outcome(it.proposal))) }
                                    " "
                                    input type="text" name="reason" placeholder="理由" style="width:8em" aria-label="理由";
                                    " "
                                    button type="submit" { "记录" }
                                }
                            } @else {
                                span.muted { "未作结论" }
                            }
                        }
                    }
                }
            }
        } }
    }
}

/// `POST /campaigns/{key}/decisions`: records a decision. Reviewer.
pub async fn decide(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(key): Path<String>,
    Form(form): Form<WithCsrf<DecisionInput>>,
) -> Result<Response, PageError> {
    caller.check_csrf(&form.csrf).by(&caller)?;
    caller.require(Role::Reviewer).by(&caller)?;
    let input = form.fields;
    let (k, i) = (key.clone(), input.clone());
    match app
        .write(caller.actor(), move |reg, _| {
            ops::decide(reg, &k, &i).map_err(AppError::from)
        })
        .await
    {
        Ok(d) => Ok(super::see_other(&format!(
            "/campaigns/{}?done=decided#doc-{}",
            segment(&key),
            d.work
        ))),
        Err(e) => {
            campaign_page(
                &app,
                &caller,
                key,
                Some(Notice::of(&e)),
                e.status(),
                Some(&input),
            )
            .await
        }
    }
}

/// `POST /campaigns/{key}/announce`: announces the campaign. Admin.
pub async fn announce(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(key): Path<String>,
    Form(form): Form<WithCsrf<AnnounceInput>>,
) -> Result<Response, PageError> {
    caller.check_csrf(&form.csrf).by(&caller)?;
    caller.require(Role::Admin).by(&caller)?;
    let input = form.fields;
    let k = key.clone();
    match app
        .write(caller.actor(), move |reg, _| {
            ops::announce(reg, &k, &input).map_err(AppError::from)
        })
        .await
    {
        Ok(_) => Ok(super::see_other(&format!(
            "/campaigns/{}?done=announced",
            segment(&key)
        ))),
        Err(e) => campaign_page(&app, &caller, key, Some(Notice::of(&e)), e.status(), None).await,
    }
}

/// `GET /campaigns/{key}/report`: the report to print: the table, the sentence, and every
/// document with its conclusion.
pub async fn report(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(key): Path<String>,
) -> Result<Response, PageError> {
    type Row = (Decision, String, Option<String>, String);
    let (c, r, rows): (Campaign, ClearanceReport, Vec<Row>) = app
        .read(move |reg, _| {
            let mut rows = Vec::new();
            for d in reg.decisions(&key)? {
                let w = reg.work(d.work)?;
                let v = w.latest();
                rows.push((
                    d,
                    v.meta.title.clone(),
                    v.meta.doc_number.as_ref().map(|n| n.canonical().to_owned()),
                    v.meta.issuer.clone(),
                ));
            }
            rows.sort_by_key(|(d, ..)| (Outcome::ALL.iter().position(|o| *o == d.outcome), d.work));
            Ok((
                reg.campaign(&key)?,
                stats::clearance_report(reg, &key)?,
                rows,
            ))
        })
        .await
        .by(&caller)?;
    let title = format!("{}情况", c.name);
    let body = html! {
        div.actions.no-print {
            a.button.plain href=(format!("/campaigns/{}", segment(&c.key))) { "返回清理" }
            span.muted { "用浏览器的打印功能打印本页（A4）。" }
        }
        h1 style="text-align:center" { (title) }
        p style="text-align:center" class="muted" {
            "范围：" (c.scope.as_deref().unwrap_or("未限定"))
            @if let Some(a) = c.announced { " · 公布日期：" (guifan::date::chinese(a)) }
        }
        (report_table(&r))
        h2 { "清理文件目录" }
        table {
            thead { tr { th.num { "序号" } th { "文号" } th { "标题" } th { "制定机关" } th { "清理结论" } th { "理由" } } }
            tbody {
                @for (i, (d, title, number, issuer)) in rows.iter().enumerate() {
                    tr {
                        td.num { (i + 1) }
                        td.nowrap { (number.as_deref().unwrap_or("—")) }
                        td { "《" (title) "》" }
                        td { (issuer) }
                        td.nowrap { (d.outcome.label()) }
                        td { (d.reason.as_deref().unwrap_or("")) }
                    }
                }
            }
        }
    };
    Ok(layout::ok(layout::page(
        Some(&caller),
        Nav::Campaigns,
        &title,
        body,
    )))
}
