//! 统计: the dashboard — status by kind, by issuer and by year as charts with the numbers
//! beside them, filing timeliness, documents expiring, reviews; as of a date, for one kind
//! and one issuer when chosen (the filters of `guifan stats`, in the headings).

use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;
use guifan::model::{Status, Timeliness};
use guifan::stats::{self, Counts, ExpiringReport, Field, FilingTimeliness, ReviewReport, Value};
use maud::{Markup, html};
use serde::Deserialize;

use super::chart::{self, Bar};
use super::layout::{self, Nav, PageError, WithCaller, date, query, status_badge};
use crate::api::stats::{Options, StatsQuery, report_filter};
use crate::auth::Caller;
use crate::forms::{as_of, given, number};
use crate::state::App;

/// The dashboard's options: the date, the days ahead for documents expiring, and the filters
/// of `guifan stats` (kind, issuer) that every section applies.
#[derive(Debug, Default, Deserialize)]
pub struct DashboardQuery {
    /// The date (default today).
    #[serde(default)]
    pub as_of: Option<String>,
    /// Days ahead for documents expiring (default 180).
    #[serde(default)]
    pub days: Option<String>,
    /// Only documents of this kind, exactly.
    #[serde(default)]
    pub kind: Option<String>,
    /// Only documents whose issuer contains this.
    #[serde(default)]
    pub issuer: Option<String>,
}

impl Options for DashboardQuery {
    const MODE: &'static str = "the 统计 page (/stats)";
    const TAKES: &'static [&'static str] = &["as_of", "days", "kind", "issuer"];
}

struct View {
    status: Counts,
    kind: Counts,
    issuer: Counts,
    year: Counts,
    filings: FilingTimeliness,
    expiring: ExpiringReport,
    reviews: ReviewReport,
    /// Every kind the registry holds, in the customary order.
    kinds: Vec<String>,
    /// Every issuer the registry holds, by name.
    issuers: Vec<String>,
}

/// Bars of a count by (field, status).
fn bars_of(c: &Counts, top: usize, sort_by_label: bool) -> Vec<Bar> {
    let rows = c
        .rows
        .iter()
        .filter_map(|r| match (&r.values[0], &r.values[1]) {
            (v, Value::Status(s)) => Some((v.display(), *s, r.count)),
            _ => None,
        });
    let mut bars = chart::by_status(rows);
    if sort_by_label {
        bars.sort_by(|a, b| b.label.cmp(&a.label));
    } else {
        bars.sort_by(|a, b| b.total().cmp(&a.total()).then(a.label.cmp(&b.label)));
    }
    bars.truncate(top);
    bars
}

/// The filter in words, for the headings: `（文件类型：行政规范性文件；制定机关：潜江市司法局）`,
/// empty when there is none.
fn scope(kind: Option<&str>, issuer: Option<&str>) -> String {
    let parts: Vec<String> = [("文件类型", kind), ("制定机关", issuer)]
        .iter()
        .filter_map(|(label, v)| v.map(|v| format!("{label}：{v}")))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("（{}）", parts.join("；"))
    }
}

/// A select of `names` with 全部 first; a value given that is not among them (a part of an
/// issuer's name) stays selected.
fn select(name: &str, names: &[String], given: Option<&str>) -> Markup {
    let mut items: Vec<(&str, &str)> = vec![("", "全部")];
    items.extend(names.iter().map(|n| (n.as_str(), n.as_str())));
    if let Some(g) = given
        && !names.iter().any(|n| n == g)
    {
        items.push((g, g));
    }
    html! {
        select name=(name) { (layout::options(&items, given.unwrap_or(""))) }
    }
}

/// `GET /stats`.
///
/// Long on purpose: the dashboard's sections (counts, three charts, filings, expiring,
/// reviews) are one page's markup in reading order, each section a block.
pub async fn page(
    State(app): State<Arc<App>>,
    caller: Caller,
    q: Result<StatsQuery<DashboardQuery>, crate::error::ApiError>,
) -> Result<Response, PageError> {
    let q = q.map(|q| q.0).map_err(|e| e.0).by(&caller)?;
    let on = as_of(&q.as_of).by(&caller)?;
    let days: u32 = number("days", &q.days).by(&caller)?.unwrap_or(180);
    let filter = report_filter(&q.kind, &q.issuer, None, on);
    let v = app
        .read(move |reg, _| {
            let count = |by: &[Field]| stats::counts(reg, by, on, &filter);
            let snapshot = reg.snapshot()?;
            let mut kinds: Vec<String> = snapshot
                .kinds()
                .iter()
                .filter(|k| !k.is_empty())
                .cloned()
                .collect();
            kinds.sort_by(|a, b| stats::kind_rank(a).cmp(&stats::kind_rank(b)));
            kinds.dedup();
            let mut issuers: Vec<String> = snapshot
                .issuers()
                .iter()
                .filter(|i| !i.is_empty())
                .cloned()
                .collect();
            issuers.sort();
            issuers.dedup();
            Ok(View {
                status: count(&[Field::Status])?,
                kind: count(&[Field::Kind, Field::Status])?,
                issuer: count(&[Field::Issuer, Field::Status])?,
                year: count(&[Field::Year, Field::Status])?,
                filings: stats::filing_timeliness(reg, &filter)?,
                expiring: stats::expiring_report(reg, days, &filter)?,
                reviews: stats::review_report(reg, &filter)?,
                kinds,
                issuers,
            })
        })
        .await
        .by(&caller)?;
    let iso = guifan::date::iso(on);
    let (kind, issuer) = (given(&q.kind), given(&q.issuer));
    let scope = scope(kind, issuer);
    let as_of_q = query(&[("as_of", given(&q.as_of))]);
    let csv = |by: &str| {
        format!(
            "/api/v1/stats?by={by}&format=csv{}",
            query(&[
                ("as_of", given(&q.as_of)),
                ("kind", kind),
                ("issuer", issuer)
            ])
            .replacen('?', "&", 1)
        )
    };
    let body = html! {
        h1 { "统计" (scope) }
        form.filters method="get" action="/stats" {
            label { "文件类型" (select("kind", &v.kinds, kind)) }
            label { "制定机关" (select("issuer", &v.issuers, issuer)) }
            label { "截至日期" input type="date" name="as_of" value=(given(&q.as_of).unwrap_or("")); }
            label { "到期预警天数" input type="number" name="days" min="1" max="3650" value=(days) style="width:7em"; }
            button.plain type="submit" { "更新" }
        }
        p.muted { "文件件数按文件（而非版本）计算，效力状态截至 " (iso) "。" }
        (cards(&v.status))
        div.charts {
            div {
                (chart::bars(&format!("各类文件的效力状态{scope}"), &bars_of(&v.kind, 20, false)))
                p.small { a href=(csv("kind,status")) { "下载 CSV" } }
            }
            div {
                (chart::bars(&format!("各制定机关的文件（前15个）{scope}"), &bars_of(&v.issuer, 15, false)))
                p.small { a href=(csv("issuer,status")) { "下载 CSV" } }
            }
            div {
                (chart::bars(&format!("按首次公布年份{scope}"), &bars_of(&v.year, 30, true)))
                p.small { a href=(csv("year,status")) { "下载 CSV" } }
            }
            div { (filings(&v.filings, &scope)) }
        }
        h2 { (days) " 日内有效期届满的文件（" (v.expiring.documents.len()) "件）" (scope) }
        @if v.expiring.documents.is_empty() { p.muted { "没有。" } } @else {
            div.table-wrap { table {
                thead { tr { th { "有效期至" } th.num { "剩余天数" } th { "评估期限" } th { "文号" } th { "标题" } th { "制定机关" } th { "状态" } } }
                tbody {
                    @for e in &v.expiring.documents {
                        tr {
                            td.nowrap { (guifan::date::iso(e.expires)) }
                            td.num { (e.days_left) }
                            td.nowrap { (guifan::date::iso(e.evaluation_due)) }
                            td.nowrap { (e.doc_number.as_deref().unwrap_or("—")) }
                            td { a href=(format!("/documents/{}{as_of_q}", e.id)) { "《" (e.title) "》" } }
                            td { (e.issuer) }
                            td { (status_badge(e.status)) }
                        }
                    }
                }
            } }
        }
        h2 { "审核、审查" (scope) }
        @if v.reviews.rows.is_empty() { p.muted { "没有记录。" } } @else {
            table style="width:auto" {
                thead { tr { th { "类型" } th { "文件类型" } th.num { "次数" } th.num { "件数" } } }
                tbody {
                    @for r in &v.reviews.rows {
                        tr { td { (r.kind.label()) } td { (r.document_kind) } td.num { (r.reviews) } td.num { (r.documents) } }
                    }
                }
            }
        }
    };
    Ok(layout::ok(layout::page(
        Some(&caller),
        Nav::Stats,
        &format!("统计{scope}"),
        body,
    )))
}

fn cards(c: &Counts) -> Markup {
    let get = |s: Status| {
        c.rows
            .iter()
            .find(|r| r.values.first() == Some(&Value::Status(s)))
            .map_or(0, |r| r.count)
    };
    html! {
        div.cards {
            div.card { div.n { (c.total) } div.l { "登记文件" } }
            @for s in Status::ALL {
                @let n = get(s);
                @if n > 0 || matches!(s, Status::Valid | Status::PendingRevision | Status::Repealed | Status::Invalidated) {
                    div.card style=(format!("border-left:4px solid {}", chart::colour(s))) { div.n { (n) } div.l { (s.label()) } }
                }
            }
        }
    }
}

fn filings(t: &FilingTimeliness, scope: &str) -> Markup {
    let bar = |label: Timeliness, n: u64, c: &'static str| Bar {
        label: label.label().to_owned(),
        parts: vec![(label.label().to_owned(), c, n)],
    };
    let bars = vec![
        bar(Timeliness::OnTime, t.on_time, "#2e7d32"),
        bar(Timeliness::Late, t.late, "#b3261e"),
        bar(Timeliness::Pending, t.pending, "#b26a00"),
        bar(Timeliness::Overdue, t.overdue, "#7f1d1d"),
        bar(Timeliness::Undetermined, t.undetermined, "#9aa5b1"),
    ];
    html! {
        (chart::bars(&format!("备案及时性（{}件备案，{}件文件）{scope}", t.total, t.documents), &bars))
        @if !t.late_filings.is_empty() {
            table.small {
                thead { tr { th { "逾期报备的文件" } th { "报送机关" } th { "期限" } th { "报送" } th.num { "逾期天数" } } }
                tbody {
                    @for l in &t.late_filings {
                        tr {
                            td { a href=(format!("/documents/{}", l.work)) { "《" (l.title) "》" } }
                            td { (l.filed_with) }
                            td.nowrap { (guifan::date::iso(l.deadline)) }
                            td.nowrap { (date(l.submitted)) }
                            td.num { (l.days_late) }
                        }
                    }
                }
            }
        }
        p.small { a href="/filings" { "全部备案记录" } }
    }
}
