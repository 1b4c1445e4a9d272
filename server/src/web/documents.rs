//! 文件: the list of documents, and one document's page — its description, status now and
//! its timeline, versions (the text of any version with its table of contents by 章/条,
//! every article linkable), the 对照表 of its versions, relations both ways, filings with
//! timeliness, reviews, decisions, history and the audit entries, and the export buttons.

use std::sync::Arc;

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use guifan::compare;
use guifan::model::{AuditEntry, ChangeSource, RelationKind, RelationSource, Status};
use guifan::store::{ArticleText, Dossier, StoredArticle};
use guifan::text::structure::parse_article_ref;
use maud::{Markup, PreEscaped, html};
use serde::Deserialize;

use super::layout::{
    self, Nav, PageError, WithCaller, csrf_field, date, query, segment, status_badge,
};
use super::search::status_choices;
use crate::accounts::Role;
use crate::api::ApiQuery;
use crate::api::documents::{ListPage, load_dossier, load_list};
use crate::auth::{Caller, Via};
use crate::error::AppError;
use crate::forms::{ListQuery, RelationInput, StatusInput, WithCsrf, as_of, given};
use crate::ops;
use crate::state::App;

/// The anchor of an article in the text: `art-12`, `art-10-1` for 第十条之一.
pub fn anchor(number: u32, suffix: Option<u32>) -> String {
    match suffix {
        Some(s) => format!("art-{number}-{s}"),
        None => format!("art-{number}"),
    }
}

/// `GET /documents`: the list with filters and paging.
pub async fn list(
    State(app): State<Arc<App>>,
    caller: Caller,
    q: Result<ApiQuery<ListQuery>, crate::error::ApiError>,
) -> Result<Response, PageError> {
    let q = q.map(|q| q.0).map_err(|e| e.0).by(&caller)?;
    let ListPage {
        list,
        limit,
        offset,
    } = load_list(&app, &q).await.by(&caller)?;
    let link = |offset: usize| {
        format!(
            "/documents{}",
            query(&[
                ("status", given(&q.status)),
                ("kind", given(&q.kind)),
                ("issuer", given(&q.issuer)),
                ("year", given(&q.year)),
                ("as_of", given(&q.as_of)),
                ("offset", Some(&offset.to_string())),
            ])
        )
    };
    let as_of = guifan::date::iso(list.as_of);
    let mut choices = status_choices();
    choices[0] = ("", "全部");
    choices.remove(1);
    choices.insert(1, ("valid,pending_revision", "现行有效（有效、待修订）"));
    let body = html! {
        h1 { "文件" }
        form.filters method="get" action="/documents" {
            label { "效力状态" select name="status" { (layout::options(&choices, given(&q.status).unwrap_or(""))) } }
            label { "文件类型" input type="text" name="kind" value=(given(&q.kind).unwrap_or("")); }
            label { "制定机关" input type="text" name="issuer" value=(given(&q.issuer).unwrap_or("")); }
            label { "年份" input type="number" name="year" value=(given(&q.year).unwrap_or("")) style="width:7em"; }
            label { "截至日期" input type="date" name="as_of" value=(given(&q.as_of).unwrap_or("")); }
            button type="submit" { "筛选" }
        }
        p.muted { "共 " strong { (list.total) } " 件（效力状态截至 " (as_of) "）" }
        div.table-wrap { table {
            thead { tr { th.num { "编号" } th { "文号" } th { "标题" } th { "制定机关" } th { "类型" } th { "公布日期" } th { "效力状态" } } }
            tbody {
                @for w in &list.documents {
                    tr {
                        td.num { (w.id) }
                        td.nowrap { (w.doc_number.as_deref().unwrap_or("—")) }
                        td { a href=(format!("/documents/{}{}", w.id, query(&[("as_of", given(&q.as_of))]))) { "《" (w.title) "》" } }
                        td { (w.issuer) }
                        td.nowrap { (w.kind) }
                        td.nowrap { (date(w.issued)) }
                        td { (status_badge(w.status)) }
                    }
                }
            }
        } }
        nav.pager aria-label="分页" {
            @if offset > 0 { a.button.plain href=(link(offset.saturating_sub(limit))) { "上一页" } }
            span.muted { "第 " (offset / limit.max(1) + 1) " / " (list.total.div_ceil(limit.max(1)).max(1)) " 页" }
            @if offset + limit < list.total { a.button.plain href=(link(offset + limit)) { "下一页" } }
        }
    };
    Ok(layout::ok(layout::page(
        Some(&caller),
        Nav::Documents,
        "文件",
        body,
    )))
}

/// The options of the document page.
#[derive(Debug, Default, Deserialize)]
pub struct DocQuery {
    /// The date to answer as of.
    #[serde(default)]
    pub as_of: Option<String>,
    /// The version whose text is shown.
    #[serde(default)]
    pub v: Option<String>,
    /// A notice code after a form.
    #[serde(default)]
    pub done: Option<String>,
}

/// What the document page shows, read at once.
struct View {
    dossier: Dossier,
    shown: u32,
    text: String,
    articles: Vec<StoredArticle>,
    audit: Vec<AuditEntry>,
    comparison: Option<String>,
}

/// `GET /documents/{reference}`.
///
/// Long on purpose: the document page's sections (description, timeline, versions, text
/// with its table of contents, comparison, relations, filings, reviews, decisions, audit)
/// are one page's markup in reading order.
pub async fn page(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(reference): Path<String>,
    q: Result<ApiQuery<DocQuery>, crate::error::ApiError>,
) -> Result<Response, PageError> {
    let q = q.map(|q| q.0).map_err(|e| e.0).by(&caller)?;
    let public = caller.via == Via::Public;
    let on = if public {
        guifan::date::today().by(&caller)?
    } else {
        as_of(&q.as_of).by(&caller)?
    };
    let wanted: Option<u32> = crate::forms::number("v", &q.v).by(&caller)?;
    let view = app
        .read(move |reg, _| {
            let (id, dossier) = load_dossier(reg, &reference, on, public)?;
            let shown = wanted
                .or(dossier.version_in_force)
                .or(dossier.versions.last().map(|v| v.version.seq))
                .unwrap_or(1);
            let text = reg.text(id, shown)?;
            let articles = reg.articles(id, shown)?;
            let audit = if public {
                Vec::new()
            } else {
                reg.audit_of(id)?
            };
            let comparison = if dossier.versions.len() > 1 && !public {
                Some(compare::diff_versions(reg, id, None, None)?.render_html(false))
            } else {
                None
            };
            Ok(View {
                dossier,
                shown,
                text,
                articles,
                audit,
                comparison,
            })
        })
        .await
        .by(&caller)?;
    let d = &view.dossier;
    let title = format!("《{}》", d.title);
    let body = html! {
        (layout::notice(&layout::done(given(&q.done))))
        div.doc-head {
            h1 { (title) }
            @if let Some(n) = &d.doc_number { div.number { (n) } }
        }
        (meta(d, public))
        @if !public { (as_of_form(d, &q)) (exports(d)) }
        h2 { "效力状态" }
        (timeline(d))
        (versions(d, view.shown, &q))
        h2 #text { "正文" @if d.versions.len() > 1 { "（第" (view.shown) "版）" } }
        (article_jump(d, public))
        (text_view(&view.text, &view.articles))
        @if let Some(c) = &view.comparison {
            h2 #compare { "修改前后对照表" }
            details open {
                summary { "最新版本与前一版本对照（仅列出改动的条文）" }
                // The library's rendering: every text in it is escaped by the library.
                (PreEscaped(c))
            }
        }
        (relations(d))
        @if !public {
            (filings(d))
            (reviews(d))
            (decisions(d))
            (history(d))
            (audit(&view.audit))
            @if caller.can(Role::Reviewer) { (forms(d, &caller)) }
        }
    };
    Ok(layout::ok(layout::page(
        Some(&caller),
        if public { Nav::Search } else { Nav::Documents },
        &title,
        body,
    )))
}

fn meta(d: &Dossier, public: bool) -> Markup {
    html! {
        table.meta {
            tbody {
                tr { th { "效力状态" } td { (status_badge(d.status)) " " span.muted { "截至 " (guifan::date::iso(d.as_of)) } } }
                @if let Some(n) = &d.doc_number { tr { th { "文号" } td { (n) } } }
                tr { th { "制定机关" } td { (d.issuer) } }
                tr { th { "文件类型" } td { (d.kind) } }
                tr { th { "成文日期" } td { (date(d.signed)) } }
                tr { th { "公布日期" } td { (date(d.issued)) } }
                tr { th { "施行日期" } td { (date(d.effective)) } }
                tr { th { "有效期至" } td { (date(d.expires)) } }
                @if !public {
                    tr { th { "登记编号" } td { (d.id) " · " span.muted { (d.work) } } }
                }
            }
        }
    }
}

fn as_of_form(d: &Dossier, q: &DocQuery) -> Markup {
    html! {
        form.filters method="get" action=(format!("/documents/{}", d.id)) {
            label { "查看某一日期的状态和版本" input type="date" name="as_of" value=(given(&q.as_of).unwrap_or("")); }
            button.plain type="submit" { "查看" }
        }
    }
}

fn exports(d: &Dossier) -> Markup {
    let base = format!("/api/v1/documents/{}", d.id);
    html! {
        div.actions {
            a.button.plain href=(format!("{base}/export?format=jsonl")) { "导出 JSON Lines" }
            a.button.plain href=(format!("{base}/export?format=akn{}", d.version_in_force.map(|v| format!("&version={v}")).unwrap_or_default())) { "导出 Akoma Ntoso" }
            @if d.versions.len() > 1 {
                a.button.plain href=(format!("{base}/diff?format=html")) { "对照表（HTML）" }
            }
            a.button.plain href=(format!("{base}?as_of={}", guifan::date::iso(d.as_of))) { "JSON" }
        }
    }
}

fn source_label(s: &ChangeSource) -> String {
    match s {
        ChangeSource::Record { version } => format!("第{version}版记录"),
        ChangeSource::Manual => "人工变更".to_owned(),
        ChangeSource::Campaign { key } => format!("清理（{key}）公布"),
    }
}

fn timeline(d: &Dossier) -> Markup {
    html! {
        @if d.status_changes.is_empty() {
            p.muted { "没有记录的效力状态变化。" }
        } @else {
            ol.timeline {
                @for c in &d.status_changes {
                    li {
                        span.date { (date(c.date)) }
                        (status_badge(c.status))
                        " " span.muted { (source_label(&c.source)) }
                        @if let Some(r) = &c.reason { " · " (r) }
                    }
                }
                @if d.expires.is_some() {
                    li { span.date { (date(d.expires)) } span.muted { "有效期届满" } }
                }
            }
        }
    }
}

fn versions(d: &Dossier, shown: u32, q: &DocQuery) -> Markup {
    html! {
        h2 { "版本" }
        div.table-wrap { table {
            thead { tr { th { "版本" } th { "性质" } th { "文号" } th { "公布" } th { "施行" } th { "有效期至" } th { "状态" } th {} } }
            tbody {
                @for e in &d.versions {
                    @let v = &e.version;
                    tr {
                        td.nowrap { "第" (v.seq) "版" }
                        td { (v.label) }
                        td.nowrap { (v.meta.doc_number.as_ref().map(|n| n.canonical().to_owned()).unwrap_or_else(|| "—".into())) }
                        td.nowrap { (date(v.meta.issued)) }
                        td.nowrap { (date(v.meta.in_force_from())) }
                        td.nowrap { (date(v.meta.expires)) }
                        td { (e.state.label()) }
                        td.nowrap {
                            @if v.seq == shown { strong { "正在查看" } }
                            @else { a href=(format!("/documents/{}{}#text", d.id, query(&[("as_of", given(&q.as_of)), ("v", Some(&v.seq.to_string()))]))) { "查看文本" } }
                        }
                    }
                }
            }
        } }
    }
}

fn article_jump(d: &Dossier, public: bool) -> Markup {
    html! {
        @if !public {
            form.filters.no-print method="get" action=(format!("/documents/{}/article", d.id)) {
                label { "跳转到条文（按日期取当时有效的版本）" input type="text" name="n" placeholder="如 5、第五条、10之1" required; }
                input type="hidden" name="as_of" value=(guifan::date::iso(d.as_of));
                button.plain type="submit" { "查看条文" }
            }
        }
    }
}

/// The text as paragraphs, each article in a section with its anchor, beside a table of
/// contents by chapter and article.
fn text_view(text: &str, articles: &[StoredArticle]) -> Markup {
    let lines = |s: &str| -> Markup {
        html! {
            @for line in s.lines().map(str::trim).filter(|l| !l.is_empty()) {
                @let heading = is_heading(line);
                p class=[heading.then_some("center")] { @if heading { strong { (line) } } @else { (line) } }
            }
        }
    };
    // Each article with the text between the previous one and it.
    let mut pos = 0;
    let pieces: Vec<(&str, &StoredArticle)> = articles
        .iter()
        .map(|a| {
            let before = text.get(pos..a.start).unwrap_or("");
            pos = a.end.max(pos);
            (before, a)
        })
        .collect();
    html! {
        div.doc-grid {
            nav.toc aria-label="目录" {
                @if articles.is_empty() {
                    span.muted { "本文件未分条。" }
                } @else {
                    (toc(articles))
                }
            }
            div.text {
                @for (before, a) in &pieces {
                    (lines(before))
                    section.article id=(anchor(a.number, a.suffix)) {
                        span id=(a.eid) {}
                        (lines(text.get(a.start..a.end).unwrap_or("")))
                    }
                }
                (lines(text.get(pos..).unwrap_or("")))
            }
        }
    }
}

/// Whether a line is a heading of the text: 第…章/节/编, or the first lines of the layout.
fn is_heading(line: &str) -> bool {
    let t = line.trim();
    t.chars().count() <= 30
        && t.starts_with('第')
        && ["章", "节", "编"]
            .iter()
            .any(|k| t.split_whitespace().next().is_some_and(|w| w.ends_with(k)))
}

fn toc(articles: &[StoredArticle]) -> Markup {
    let mut groups: Vec<(String, Vec<&StoredArticle>)> = Vec::new();
    for a in articles {
        let path = a.path.join(" ");
        match groups.last_mut() {
            Some((p, v)) if *p == path => v.push(a),
            _ => groups.push((path, vec![a])),
        }
    }
    html! {
        ul {
            @for (path, items) in &groups {
                @if !path.is_empty() { li.chapter { (path) } }
                li { ul {
                    @for a in items {
                        li { a href=(format!("#{}", anchor(a.number, a.suffix))) { (a.label) } }
                    }
                } }
            }
        }
    }
}

fn relations(d: &Dossier) -> Markup {
    let outgoing: Vec<_> = d
        .relations
        .iter()
        .filter(|r| r.direction == "outgoing")
        .collect();
    let incoming: Vec<_> = d
        .relations
        .iter()
        .filter(|r| r.direction == "incoming")
        .collect();
    let table = |rows: &[&guifan::store::RelationView]| -> Markup {
        html! {
            div.table-wrap { table {
                thead { tr { th { "关系" } th { "文件" } th { "来源" } } }
                tbody {
                    @for r in rows {
                        tr {
                            td.nowrap { (r.kind.label()) }
                            td {
                                @match (r.other, &r.other_title) {
                                    (Some(o), Some(t)) => a href=(format!("/documents/{o}")) { "《" (t) "》" },
                                    _ => { (r.cited_as.as_deref().unwrap_or("")) " " span.muted { "（不在登记库中）" } },
                                }
                            }
                            td.nowrap {
                                @match r.source {
                                    RelationSource::Manual => "人工录入",
                                    RelationSource::Text => {
                                        "正文引用"
                                        @if let Some(v) = r.version { "（第" (v) "版" @if let Some(a) = &r.article { " " (a) } "）" }
                                    },
                                }
                            }
                        }
                    }
                }
            } }
        }
    };
    html! {
        h2 { "关联文件" }
        h3 { "本文件引用、依据的文件" }
        @if outgoing.is_empty() { p.muted { "无。" } } @else { (table(&outgoing)) }
        h3 { "引用、依据本文件的文件" }
        @if incoming.is_empty() { p.muted { "无。" } } @else { (table(&incoming)) }
    }
}

fn filings(d: &Dossier) -> Markup {
    html! {
        h2 { "备案" }
        @if d.filings.is_empty() { p.muted { "没有备案记录。" } } @else {
            div.table-wrap { table {
                thead { tr { th { "报送机关" } th { "报送日期" } th { "期限" } th { "备案结果" } th { "及时性" } th { "备案号" } } }
                tbody {
                    @for f in &d.filings {
                        tr {
                            td { (f.filing.filed_with) }
                            td.nowrap { (date(f.filing.submitted)) }
                            td.nowrap { (date(f.deadline)) " " span.muted { "（" (f.filing.deadline_days) "日）" } }
                            td { (f.filing.outcome.map(|o| o.label()).unwrap_or("—")) }
                            td { span class={ "badge " (f.timeliness.token()) } { (f.timeliness.label()) } }
                            td { (f.filing.number.as_deref().unwrap_or("—")) }
                        }
                    }
                }
            } }
        }
    }
}

fn reviews(d: &Dossier) -> Markup {
    html! {
        h2 { "审核、审查" }
        @if d.reviews.is_empty() { p.muted { "没有审核、审查记录。" } } @else {
            div.table-wrap { table {
                thead { tr { th { "日期" } th { "类型" } th { "审查机关" } th { "结论" } th { "意见" } } }
                tbody {
                    @for r in &d.reviews {
                        tr {
                            td.nowrap { (guifan::date::iso(r.date)) }
                            td.nowrap { (r.kind.label()) }
                            td { (r.reviewer) }
                            td { (r.conclusion) }
                            td { (r.opinion.as_deref().unwrap_or("")) }
                        }
                    }
                }
            } }
        }
    }
}

fn decisions(d: &Dossier) -> Markup {
    html! {
        h2 { "清理结论" }
        @if d.decisions.is_empty() { p.muted { "未列入清理。" } } @else {
            table {
                thead { tr { th { "清理" } th { "结论" } th { "理由" } } }
                tbody {
                    @for c in &d.decisions {
                        tr {
                            td { a href=(format!("/campaigns/{}", segment(&c.campaign))) { (c.campaign) } }
                            td { (c.outcome.label()) }
                            td { (c.reason.as_deref().unwrap_or("")) }
                        }
                    }
                }
            }
        }
    }
}

fn history(d: &Dossier) -> Markup {
    html! {
        h2 { "沿革" }
        @if d.history.is_empty() { p.muted { "无。" } } @else {
            table {
                thead { tr { th { "日期" } th { "事项" } } }
                tbody {
                    @for h in &d.history {
                        tr { td.nowrap { (date(h.date)) } td { (h.event) } }
                    }
                }
            }
        }
    }
}

fn audit(entries: &[AuditEntry]) -> Markup {
    html! {
        h2 { "操作记录" }
        details {
            summary { "审计日志中关于本文件的 " (entries.len()) " 条记录（哈希链）" }
            div.table-wrap { table.small {
                thead { tr { th.num { "序号" } th { "时间（UTC）" } th { "操作人" } th { "操作" } th { "说明" } th { "哈希" } } }
                tbody {
                    @for e in entries {
                        tr {
                            td.num { (e.seq) }
                            td.nowrap { (e.time.get(..19).unwrap_or(&e.time).replace('T', " ")) }
                            td { (e.actor) }
                            td { (e.action) }
                            td { (e.reason.as_deref().unwrap_or("")) }
                            td { code title=(e.hash) { (e.hash.get(..12).unwrap_or(&e.hash)) } }
                        }
                    }
                }
            } }
        }
    }
}

fn forms(d: &Dossier, caller: &Caller) -> Markup {
    let statuses: Vec<(&str, &str)> = Status::ALL
        .iter()
        .filter(|s| s.recordable() && **s != Status::Unknown)
        .map(|s| (s.token(), s.label()))
        .collect();
    let kinds: Vec<(&str, &str)> = RelationKind::ALL
        .iter()
        .map(|k| (k.token(), k.label()))
        .collect();
    html! {
        h2.no-print { "登记变更" }
        div.no-print {
            h3 { "效力状态变化" }
            form.stack method="post" action=(format!("/documents/{}/status", d.id)) {
                (csrf_field(caller))
                label { "新的效力状态" select name="status" required { (layout::options(&statuses, "")) } }
                label { "自何日起" input type="date" name="date" required; }
                label.wide { "理由" input type="text" name="reason"; }
                div { button type="submit" { "记录状态变化" } }
            }
            h3 { "关联关系" }
            form.stack method="post" action=(format!("/documents/{}/relations", d.id)) {
                (csrf_field(caller))
                label { "关系（本文件 → 对方）" select name="kind" required { (layout::options(&kinds, "")) } }
                label { "对方文件（编号、文号或标题）" input type="text" name="to" required; }
                label.wide { "备注" input type="text" name="note"; }
                div { button type="submit" { "记录关联" } }
            }
        }
    }
}

/// The jump form's field.
#[derive(Debug, Default, Deserialize)]
pub struct JumpQuery {
    /// The article: 5, 第五条, 10之1.
    #[serde(default)]
    pub n: Option<String>,
    /// The date.
    #[serde(default)]
    pub as_of: Option<String>,
}

/// `GET /documents/{reference}/article?n=…`: to the article's page.
pub async fn jump(
    caller: Caller,
    Path(reference): Path<String>,
    q: Result<ApiQuery<JumpQuery>, crate::error::ApiError>,
) -> Result<Response, PageError> {
    let q = q.map(|q| q.0).map_err(|e| e.0).by(&caller)?;
    let n = given(&q.n).unwrap_or("");
    Ok(super::see_other(&format!(
        "/documents/{}/articles/{}{}",
        segment(&reference),
        segment(n),
        query(&[("as_of", given(&q.as_of))])
    )))
}

/// `GET /documents/{reference}/articles/{article}`: one article as it stood on a date.
pub async fn article(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path((reference, article)): Path<(String, String)>,
    q: Result<ApiQuery<DocQuery>, crate::error::ApiError>,
) -> Result<Response, PageError> {
    let q = q.map(|q| q.0).map_err(|e| e.0).by(&caller)?;
    let public = caller.via == Via::Public;
    let on = if public {
        guifan::date::today().by(&caller)?
    } else {
        as_of(&q.as_of).by(&caller)?
    };
    let a: ArticleText = app
        .read(move |reg, _| {
            let id = reg.resolve(&reference)?;
            if public && !reg.status_as_of(id, on)?.in_force() {
                return Err(guifan::Error::not_found("document in force", reference));
            }
            crate::api::documents::article_text(reg, id, &article, on)
        })
        .await
        .by(&caller)?;
    let title = format!("《{}》{}", a.title, a.article.label);
    let (n, s) =
        parse_article_ref(&a.article.label).unwrap_or((a.article.number, a.article.suffix));
    let back = format!(
        "/documents/{}{}#{}",
        a.work,
        query(&[
            ("as_of", Some(&guifan::date::iso(on))),
            ("v", Some(&a.version.to_string()))
        ]),
        anchor(n, s)
    );
    let body = html! {
        h1 { "《" (a.title) "》" (a.article.label) }
        p.muted {
            @if let Some(n) = &a.doc_number { (n) " · " }
            "第" (a.version) "版（" (a.version_label) "）"
            " 施行 " (date(a.in_force_from))
            @if let Some(u) = a.in_force_until { " 至 " (guifan::date::iso(u)) }
            @if let Some(s) = a.status { " · " (guifan::date::iso(on)) "的效力状态：" (status_badge(s)) }
        }
        @if !a.article.path.is_empty() { p { strong { (a.article.path.join(" ")) } } }
        div.text { section.article {
            @for line in a.text.lines().map(str::trim).filter(|l| !l.is_empty()) { p { (line) } }
        } }
        p { a href=(back) { "在全文中查看" } }
    };
    Ok(layout::ok(layout::page(
        Some(&caller),
        if public { Nav::Search } else { Nav::Documents },
        &title,
        body,
    )))
}

/// `POST /documents/{reference}/status`: a status change by hand. Reviewer.
pub async fn change_status(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(reference): Path<String>,
    Form(form): Form<WithCsrf<StatusInput>>,
) -> Result<Response, PageError> {
    caller.check_csrf(&form.csrf).by(&caller)?;
    caller.require(Role::Reviewer).by(&caller)?;
    let r = reference.clone();
    app.write(caller.actor(), move |reg, _| {
        ops::change_status(reg, &r, &form.fields).map_err(AppError::from)
    })
    .await
    .by(&caller)?;
    Ok(super::see_other(&format!(
        "/documents/{}?done=status",
        segment(&reference)
    )))
}

/// `POST /documents/{reference}/relations`: a relation by hand. Reviewer.
pub async fn relate(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(reference): Path<String>,
    Form(form): Form<WithCsrf<RelationInput>>,
) -> Result<Response, PageError> {
    caller.check_csrf(&form.csrf).by(&caller)?;
    caller.require(Role::Reviewer).by(&caller)?;
    let mut input = form.fields;
    input.from = reference.clone();
    app.write(caller.actor(), move |reg, _| {
        ops::relate(reg, &input).map_err(AppError::from)
    })
    .await
    .by(&caller)?;
    Ok(super::see_other(&format!(
        "/documents/{}?done=related",
        segment(&reference)
    )))
}
