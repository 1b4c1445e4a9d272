//! 检索: one box for questions, keywords and "phrases"; filters by status, kind, issuer and
//! year; an as-of date; facets with counts; hits with highlighted snippets and the article;
//! paging. The public portal searches the documents in force today only.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;
use guifan::index::{Hit, SearchResults};
use guifan::model::Status;
use guifan::text::structure::parse_article_ref;
use maud::{Markup, html};

use super::layout::{self, Nav, Notice, PageError, WithCaller, query, snippet, status_badge};
use crate::api::ApiQuery;
use crate::auth::{Caller, Via};
use crate::forms::{SearchQuery, given};
use crate::state::App;

/// The status choices of the filter: the default (in force), any, each status.
pub fn status_choices() -> Vec<(&'static str, &'static str)> {
    let mut v = vec![("", "现行有效（有效、待修订）"), ("any", "全部")];
    v.extend(Status::ALL.iter().map(|s| (s.token(), s.label())));
    v
}

/// `GET /search`.
pub async fn page(
    State(app): State<Arc<App>>,
    caller: Caller,
    q: Result<ApiQuery<SearchQuery>, crate::error::ApiError>,
) -> Result<Response, PageError> {
    let q = q.map(|q| q.0).map_err(|e| e.0).by(&caller)?;
    let public = caller.via == Via::Public;
    let mut notice = None;
    let mut results = None;
    if !q.text().trim().is_empty() {
        let text = q.text().to_owned();
        let outcome = match q.options() {
            Ok(mut opts) => {
                if public {
                    crate::api::search::current_rules_only(&mut opts).by(&caller)?;
                }
                let limit = opts.limit;
                app.read(move |reg, index| index.search(reg, &text, &opts))
                    .await
                    .map(|r| (r, limit))
            }
            Err(e) => Err(e.into()),
        };
        match outcome {
            Ok(r) => results = Some(r),
            Err(e) => notice = Some(Notice::of(&e)),
        }
    }
    let title = if q.text().is_empty() {
        "检索".to_owned()
    } else {
        format!("检索：{}", q.text())
    };
    let body = html! {
        h1 { @if public { "现行有效规范性文件查询" } @else { "检索" } }
        (form(&q, public))
        (layout::notice(&notice))
        @if let Some((r, limit)) = &results {
            (results_view(&q, r, *limit, public))
        } @else if notice.is_none() {
            (help())
        }
    };
    Ok(layout::ok(layout::page(
        Some(&caller),
        Nav::Search,
        &title,
        body,
    )))
}

fn form(q: &SearchQuery, public: bool) -> Markup {
    let status = given(&q.status).unwrap_or("");
    html! {
        form method="get" action="/search" role="search" {
            div.searchbox {
                input type="search" name="q" value=(q.text()) placeholder="输入问题、关键词，或用引号检索短语，如 \"行政裁量权基准\" 罚款" aria-label="检索词" autofocus;
                button type="submit" { "检索" }
            }
            @if !public {
                div.filters {
                    label { "效力状态"
                        select name="status" { (layout::options(&status_choices(), status)) }
                    }
                    label { "结果单位"
                        select name="unit" { (layout::options(&[("document", "按文件"), ("article", "按条文")], given(&q.unit).unwrap_or("document"))) }
                    }
                    label { "文件类型" input type="text" name="kind" value=(given(&q.kind).unwrap_or("")) placeholder="如 行政规范性文件"; }
                    label { "制定机关" input type="text" name="issuer" value=(given(&q.issuer).unwrap_or("")) placeholder="部分名称即可"; }
                    label { "年份" input type="number" name="year" value=(given(&q.year).unwrap_or("")) min="1949" max="2100" style="width:7em"; }
                    label { "截至日期" input type="date" name="as_of" value=(given(&q.as_of).unwrap_or("")); }
                    label.check { input type="checkbox" name="all_versions" value="true" checked[given(&q.all_versions).is_some_and(|v| v == "true" || v == "on")]; "含历史版本" }
                }
            }
        }
    }
}

fn help() -> Markup {
    html! {
        div.muted {
            p { "检索标题和正文。几种写法：" }
            ul {
                li { code { "\"行政裁量权基准\"" } " — 带引号：完全一致的短语" }
                li { code { "罚款 停车" } " — 多个词：同时包含" }
                li { code { "废止 OR 失效" } "、" code { "-试行" } " — 或、排除" }
                li { code { "title:办法 issuer:市场监督管理局 number:潜政规" } " — 限定标题、制定机关、文号" }
                li { "也可直接输入问题，如 " code { "哪些文件规定了罚款？" } }
            }
        }
    }
}

/// The link to a hit: the document page as of the date, at the version hit, at the article.
fn hit_link(h: &Hit, as_of: &str) -> String {
    let anchor = h
        .article
        .as_deref()
        .and_then(parse_article_ref)
        .map(|(n, s)| format!("#{}", super::documents::anchor(n, s)))
        .unwrap_or_default();
    format!(
        "/documents/{}{}{}",
        h.id,
        query(&[("as_of", Some(as_of)), ("v", Some(&h.version.to_string()))]),
        anchor
    )
}

/// The search's parameters with one changed, as a link.
fn with(q: &SearchQuery, key: &str, value: Option<&str>) -> String {
    let pick = |k: &str, v: &Option<String>| -> Option<String> {
        if k == key {
            value.map(str::to_owned)
        } else {
            given(v).map(str::to_owned)
        }
    };
    let pairs: Vec<(&str, Option<String>)> = vec![
        ("q", pick("q", &q.q)),
        ("status", pick("status", &q.status)),
        ("kind", pick("kind", &q.kind)),
        ("issuer", pick("issuer", &q.issuer)),
        ("year", pick("year", &q.year)),
        ("as_of", pick("as_of", &q.as_of)),
        ("all_versions", pick("all_versions", &q.all_versions)),
        ("offset", pick("offset", &q.offset)),
    ];
    let borrowed: Vec<(&str, Option<&str>)> =
        pairs.iter().map(|(k, v)| (*k, v.as_deref())).collect();
    format!("/search{}", query(&borrowed))
}

fn facet(
    q: &SearchQuery,
    title: &str,
    key: &str,
    counts: &BTreeMap<String, u64>,
    label: &dyn Fn(&str) -> String,
    current: Option<&str>,
) -> Markup {
    let mut items: Vec<(&String, &u64)> = counts.iter().collect();
    items.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    html! {
        @if !items.is_empty() {
            h3 { (title) }
            ul {
                @for (value, n) in items.iter().take(12) {
                    @let on = current == Some(value.as_str());
                    li class=[on.then_some("on")] {
                        a href=(with_reset(q, key, if on { None } else { Some(value) })) title=(label(value)) { (label(value)) }
                        span.count { (n) }
                    }
                }
            }
        }
    }
}

/// A facet link: the filter set (or cleared), back to the first page.
fn with_reset(q: &SearchQuery, key: &str, value: Option<&str>) -> String {
    let mut q = q.clone();
    q.offset = None;
    with(&q, key, value)
}

fn results_view(q: &SearchQuery, r: &SearchResults, limit: usize, public: bool) -> Markup {
    let as_of = guifan::date::iso(r.as_of);
    let offset: usize = given(&q.offset).and_then(|o| o.parse().ok()).unwrap_or(0);
    let status_label = |t: &str| {
        Status::parse(t)
            .map(|s| s.label().to_owned())
            .unwrap_or_else(|_| t.to_owned())
    };
    let plain = |t: &str| t.to_owned();
    let current_status = given(&q.status);
    html! {
        p.muted { "共 " strong { (r.total) } " 件（截至 " (as_of) "）" }
        div.results {
            aside.facets aria-label="分类统计" {
                @if !public {
                    (facet(q, "效力状态", "status", &r.facets.status, &status_label, current_status))
                }
                (facet(q, "文件类型", "kind", &r.facets.kind, &plain, given(&q.kind)))
                (facet(q, "制定机关", "issuer", &r.facets.issuer, &plain, given(&q.issuer)))
                (facet(q, "年份", "year", &r.facets.year, &plain, given(&q.year)))
            }
            section aria-label="检索结果" {
                @if r.hits.is_empty() {
                    p { "没有找到符合条件的文件。可以减少检索词，或放宽筛选条件（如效力状态选“全部”）。" }
                }
                @for h in &r.hits {
                    div.hit {
                        h3 { a href=(hit_link(h, &as_of)) { "《" (h.title) "》" } }
                        div.meta {
                            (status_badge(h.status))
                            @if let Some(n) = &h.doc_number { span { (n) } }
                            span { (h.issuer) }
                            span { (h.kind) }
                            @if let Some(a) = &h.article { span { "命中：" strong { (a) } } }
                            span { "第" (h.version) "版" }
                        }
                        @if let Some(s) = &h.snippet { p.snippet { (snippet(s)) } }
                    }
                }
                (pager(q, r.total, offset, limit))
            }
        }
    }
}

fn pager(q: &SearchQuery, total: u64, offset: usize, limit: usize) -> Markup {
    let limit = limit.max(1);
    let page = offset / limit + 1;
    let pages = (total as usize).div_ceil(limit).max(1);
    let prev = offset.checked_sub(limit).map(|o| o.to_string());
    let next = (offset + limit < total as usize).then(|| (offset + limit).to_string());
    html! {
        @if pages > 1 {
            nav.pager aria-label="分页" {
                @if let Some(p) = &prev { a.button.plain href=(with(q, "offset", Some(p))) { "上一页" } }
                span.muted { "第 " (page) " / " (pages) " 页" }
                @if let Some(n) = &next { a.button.plain href=(with(q, "offset", Some(n))) { "下一页" } }
            }
        }
    }
}
