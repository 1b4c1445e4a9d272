//! 备案 and 审查: the filings with their timeliness and the reviews, with the forms that
//! record them.

use std::sync::Arc;

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use guifan::model::{Filing, FilingOutcome, Review, ReviewKind, filing::DEFAULT_DEADLINE_DAYS};
use guifan::stats::{self, FilingTimeliness, ReviewReport};
use maud::html;
use serde::Deserialize;

use super::layout::{self, Nav, Notice, PageError, WithCaller, csrf_field, date};
use crate::accounts::Role;
use crate::api::ApiQuery;
use crate::auth::Caller;
use crate::error::AppError;
use crate::forms::{FilingInput, ReviewInput, WithCsrf, as_of, given};
use crate::ops;
use crate::state::App;

/// The pages' options.
#[derive(Debug, Default, Deserialize)]
pub struct RecordsQuery {
    /// The date timeliness is reckoned on.
    #[serde(default)]
    pub as_of: Option<String>,
    /// A notice code after a form.
    #[serde(default)]
    pub done: Option<String>,
}

/// A document's title and 文号, by id.
type Titles = std::collections::HashMap<i64, (String, Option<String>)>;

fn titles(
    reg: &guifan::Registry,
    ids: impl Iterator<Item = guifan::model::WorkId>,
) -> guifan::Result<Titles> {
    let mut out = Titles::new();
    for id in ids {
        if let std::collections::hash_map::Entry::Vacant(e) = out.entry(id.0) {
            let w = reg.work(id)?;
            let v = w.latest();
            e.insert((
                v.meta.title.clone(),
                v.meta.doc_number.as_ref().map(|n| n.canonical().to_owned()),
            ));
        }
    }
    Ok(out)
}

/// `GET /filings`.
pub async fn filings(
    State(app): State<Arc<App>>,
    caller: Caller,
    q: Result<ApiQuery<RecordsQuery>, crate::error::ApiError>,
) -> Result<Response, PageError> {
    let q = q.map(|q| q.0).map_err(|e| e.0).by(&caller)?;
    let notice = layout::done(given(&q.done));
    filings_page(&app, &caller, &q, notice, StatusCode::OK, None).await
}

async fn filings_page(
    app: &Arc<App>,
    caller: &Caller,
    q: &RecordsQuery,
    notice: Option<Notice>,
    status: StatusCode,
    form: Option<&FilingInput>,
) -> Result<Response, PageError> {
    let on = as_of(&q.as_of).by(caller)?;
    let (t, list, titles): (FilingTimeliness, Vec<Filing>, Titles) = app
        .read(move |reg, _| {
            let list = reg.all_filings()?;
            let titles = titles(reg, list.iter().map(|f| f.work))?;
            Ok((
                stats::filing_timeliness(reg, &crate::api::stats::dated(on, None))?,
                list,
                titles,
            ))
        })
        .await
        .by(caller)?;
    let outcomes: Vec<(&str, &str)> = std::iter::once(("", "（未出结果）"))
        .chain(FilingOutcome::ALL.iter().map(|o| (o.token(), o.label())))
        .collect();
    let f = |get: fn(&FilingInput) -> &Option<String>| {
        form.and_then(|x| given(get(x))).unwrap_or("").to_owned()
    };
    let body = html! {
        h1 { "备案" }
        (layout::notice(&notice))
        p { "共 " strong { (t.total) } " 件次备案，涉及文件 " (t.documents) " 件："
            "按时报备 " (t.on_time) "，逾期报备 " strong { (t.late) } "，待报备 " (t.pending) "，逾期未报备 " (t.overdue) "，无法判断 " (t.undetermined)
            "（截至 " (guifan::date::iso(t.as_of)) "）。" }
        @if !t.by_body.is_empty() {
            p.muted { @for (body, n) in &t.by_body { "报" (body) "备案 " (n) " 件　" } }
        }
        div.table-wrap { table {
            thead { tr { th { "文件" } th { "报送机关" } th { "公布日期" } th { "期限" } th { "报送日期" } th { "及时性" } th { "备案结果" } } }
            tbody {
                @for x in &list {
                    @let (title, number) = titles.get(&x.work.0).cloned().unwrap_or_default();
                    @let tl = x.timeliness(on);
                    tr {
                        td { a href=(format!("/documents/{}", x.work)) { "《" (title) "》" } @if let Some(n) = number { br; span.muted.small { (n) } } }
                        td { (x.filed_with) }
                        td.nowrap { (date(x.issued)) }
                        td.nowrap { (date(x.deadline())) " " span.muted.small { "（" (x.deadline_days) "日）" } }
                        td.nowrap { (date(x.submitted)) }
                        td { span class={ "badge " (tl.token()) } { (tl.label()) } }
                        td { (x.outcome.map(|o| o.label()).unwrap_or("—")) }
                    }
                }
            }
        } }
        @if caller.can(Role::Reviewer) {
            h2 { "记录备案" }
            form.stack method="post" action="/filings" {
                (csrf_field(caller))
                label { "文件（编号、文号或标题）" input type="text" name="document" required value=(form.map(|x| x.document.as_str()).unwrap_or("")); }
                label { "报送机关" input type="text" name="filed_with" required placeholder="湖北省人民政府" value=(form.map(|x| x.filed_with.as_str()).unwrap_or("")); }
                label { "报送日期" input type="date" name="submitted" value=(f(|x| &x.submitted)); }
                label { "备案期限（日）" input type="number" name="deadline_days" min="1" max="365" value=(form.and_then(|x| given(&x.deadline_days)).map(str::to_owned).unwrap_or_else(|| DEFAULT_DEADLINE_DAYS.to_string())); }
                label { "备案结果" select name="outcome" { (layout::options(&outcomes, form.and_then(|x| given(&x.outcome)).unwrap_or(""))) } }
                label { "备案号" input type="text" name="number" value=(f(|x| &x.number)); }
                div { button type="submit" { "记录备案" } }
            }
        }
    };
    Ok(layout::respond(
        status,
        layout::page(Some(caller), Nav::Filings, "备案", body),
    ))
}

/// `POST /filings`. Reviewer.
pub async fn file(
    State(app): State<Arc<App>>,
    caller: Caller,
    Form(form): Form<WithCsrf<FilingInput>>,
) -> Result<Response, PageError> {
    record(
        app,
        caller,
        form,
        ops::record_filing,
        "/filings?done=filed",
        |app, caller, e, input| async move {
            let notice = Some(Notice::of(&e));
            filings_page(
                &app,
                &caller,
                &RecordsQuery::default(),
                notice,
                e.status(),
                Some(&input),
            )
            .await
        },
    )
    .await
}

/// Records a filing or a review from its form (CSRF and role checked), then sees the list
/// again, or shows the page once more with the error and the form as it was sent.
async fn record<I, T, Again, Fut>(
    app: Arc<App>,
    caller: Caller,
    form: WithCsrf<I>,
    write: fn(&mut guifan::Registry, &I) -> guifan::Result<T>,
    done: &'static str,
    again: Again,
) -> Result<Response, PageError>
where
    I: Clone + Send + 'static,
    T: Send + 'static,
    Again: FnOnce(Arc<App>, Caller, AppError, I) -> Fut,
    Fut: std::future::Future<Output = Result<Response, PageError>>,
{
    caller.check_csrf(&form.csrf).by(&caller)?;
    caller.require(Role::Reviewer).by(&caller)?;
    let input = form.fields;
    let i = input.clone();
    let written = app
        .write(caller.actor(), move |reg, _| {
            write(reg, &i).map_err(AppError::from)
        })
        .await;
    match written {
        Ok(_) => Ok(super::see_other(done)),
        Err(e) => again(app, caller, e, input).await,
    }
}

/// `GET /reviews`.
pub async fn reviews(
    State(app): State<Arc<App>>,
    caller: Caller,
    q: Result<ApiQuery<RecordsQuery>, crate::error::ApiError>,
) -> Result<Response, PageError> {
    let q = q.map(|q| q.0).map_err(|e| e.0).by(&caller)?;
    let notice = layout::done(given(&q.done));
    reviews_page(&app, &caller, notice, StatusCode::OK, None).await
}

async fn reviews_page(
    app: &Arc<App>,
    caller: &Caller,
    notice: Option<Notice>,
    status: StatusCode,
    form: Option<&ReviewInput>,
) -> Result<Response, PageError> {
    let (report, list, titles): (ReviewReport, Vec<Review>, Titles) = app
        .read(|reg, _| {
            let mut list = reg.all_reviews()?;
            list.sort_by(|a, b| b.date.cmp(&a.date).then(b.id.cmp(&a.id)));
            let titles = titles(reg, list.iter().map(|r| r.work))?;
            Ok((
                stats::review_report(reg, &guifan::store::ListFilter::default())?,
                list,
                titles,
            ))
        })
        .await
        .by(caller)?;
    let kinds: Vec<(&str, &str)> = ReviewKind::ALL
        .iter()
        .map(|k| (k.token(), k.label()))
        .collect();
    let v = |get: fn(&ReviewInput) -> &str| form.map(get).unwrap_or("").to_owned();
    let body = html! {
        h1 { "审查" }
        (layout::notice(&notice))
        @if !report.rows.is_empty() {
            table style="width:auto" {
                thead { tr { th { "类型" } th { "文件类型" } th.num { "次数" } th.num { "件数" } } }
                tbody {
                    @for r in &report.rows {
                        tr { td { (r.kind.label()) } td { (r.document_kind) } td.num { (r.reviews) } td.num { (r.documents) } }
                    }
                }
            }
        }
        div.table-wrap { table {
            thead { tr { th { "日期" } th { "类型" } th { "文件" } th { "审查机关" } th { "结论" } th { "意见" } } }
            tbody {
                @for r in &list {
                    @let (title, number) = titles.get(&r.work.0).cloned().unwrap_or_default();
                    tr {
                        td.nowrap { (guifan::date::iso(r.date)) }
                        td.nowrap { (r.kind.label()) }
                        td { a href=(format!("/documents/{}", r.work)) { "《" (title) "》" } @if let Some(n) = number { br; span.muted.small { (n) } } }
                        td { (r.reviewer) }
                        td { (r.conclusion) }
                        td.small { (r.opinion.as_deref().unwrap_or("")) }
                    }
                }
            }
        } }
        @if caller.can(Role::Reviewer) {
            h2 { "记录审查" }
            form.stack method="post" action="/reviews" {
                (csrf_field(caller))
                label { "文件（编号、文号或标题）" input type="text" name="document" required value=(v(|x| &x.document)); }
                label { "类型" select name="kind" required { (layout::options(&kinds, form.map(|x| x.kind.as_str()).unwrap_or(""))) } }
                label { "审查机关" input type="text" name="reviewer" required value=(v(|x| &x.reviewer)); }
                label { "日期" input type="date" name="date" required value=(v(|x| &x.date)); }
                label { "结论" input type="text" name="conclusion" required placeholder="合法、予以备案……" value=(v(|x| &x.conclusion)); }
                label.wide { "意见" textarea name="opinion" rows="3" { (form.and_then(|x| given(&x.opinion)).unwrap_or("")) } }
                div { button type="submit" { "记录审查" } }
            }
        }
    };
    Ok(layout::respond(
        status,
        layout::page(Some(caller), Nav::Reviews, "审查", body),
    ))
}

/// `POST /reviews`. Reviewer.
pub async fn review(
    State(app): State<Arc<App>>,
    caller: Caller,
    Form(form): Form<WithCsrf<ReviewInput>>,
) -> Result<Response, PageError> {
    record(
        app,
        caller,
        form,
        ops::record_review,
        "/reviews?done=reviewed",
        |app, caller, e, input| async move {
            let notice = Some(Notice::of(&e));
            reviews_page(&app, &caller, notice, e.status(), Some(&input)).await
        },
    )
    .await
}
