//! The page shell: the top navigation (检索, 文件, 清理, 统计, 备案, 审查, 导入), who is signed
//! in, notices, and the shared pieces (status badges, dates, links with query strings).
//! maud escapes every value put in a page; the only markup let through unescaped is the
//! library's own HTML (the 对照表, which escapes its texts) and snippets, whose texts are
//! escaped here around the `<mark>` the library puts in.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use guifan::index::snippet::{MARK_CLOSE, MARK_OPEN};
use guifan::model::Status;
use maud::{DOCTYPE, Markup, PreEscaped, html};
use time::Date;

use crate::accounts::Role;
use crate::auth::{Caller, Via};
use crate::error::AppError;

/// The stylesheet, served at `/assets/style.css`.
pub const STYLE: &str = include_str!("../../assets/style.css");

/// The sections of the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    /// 检索.
    Search,
    /// 文件.
    Documents,
    /// 清理.
    Campaigns,
    /// 统计.
    Stats,
    /// 备案.
    Filings,
    /// 审查.
    Reviews,
    /// 导入.
    Import,
    /// 草案审核.
    Drafts,
    /// 账户.
    Admin,
    /// None (login, errors).
    None,
}

const SECTIONS: [(Nav, &str, &str); 8] = [
    (Nav::Search, "/search", "检索"),
    (Nav::Documents, "/documents", "文件"),
    (Nav::Campaigns, "/campaigns", "清理"),
    (Nav::Stats, "/stats", "统计"),
    (Nav::Filings, "/filings", "备案"),
    (Nav::Reviews, "/reviews", "审查"),
    (Nav::Import, "/import", "导入"),
    (Nav::Drafts, "/drafts", "草案审核"),
];

/// A message at the top of a page.
#[derive(Debug, Clone)]
pub enum Notice {
    /// Something was done.
    Ok(String),
    /// Something failed: a Chinese title and the detail.
    Error(String, String),
}

impl Notice {
    /// The notice of an error.
    pub fn of(e: &AppError) -> Notice {
        Notice::Error(e.title().to_owned(), e.detail())
    }
}

/// The notice a redirect after a form asks for (`?done=…`): a fixed text per code, so no
/// text from the address is shown.
pub fn done(code: Option<&str>) -> Option<Notice> {
    let text = match code? {
        "decided" => "已记录清理结论。",
        "announced" => "已公布清理结果：各项结论已按公布日期变更为效力状态。",
        "opened" => "已启动清理。",
        "filed" => "已记录备案。",
        "reviewed" => "已记录审查。",
        "status" => "已记录效力状态变化。",
        "related" => "已记录关联关系。",
        "user" => "已创建账户。",
        "revoked" => "已撤销令牌。",
        _ => return None,
    };
    Some(Notice::Ok(text.to_owned()))
}

/// Renders a notice.
pub fn notice(n: &Option<Notice>) -> Markup {
    html! {
        @match n {
            Some(Notice::Ok(text)) => div.notice.ok role="status" { (text) },
            Some(Notice::Error(title, detail)) => div.notice.error role="alert" {
                strong { (title) }
                span.detail { (detail) }
            },
            None => {},
        }
    }
}

/// A whole page: head, navigation for the caller, the body.
pub fn page(caller: Option<&Caller>, nav: Nav, title: &str, body: Markup) -> Markup {
    let public = caller.is_some_and(|c| c.via == Via::Public);
    html! {
        (DOCTYPE)
        html lang="zh-CN" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · 规范性文件登记库" }
                link rel="stylesheet" href="/assets/style.css";
            }
            body {
                header.topbar {
                    div.inner {
                        a.brand href="/search" {
                            "规范性文件登记库"
                            @if public { small { "现行有效文件查询" } }
                        }
                        @if let Some(c) = caller {
                            nav.main aria-label="主导航" {
                                @for (section, href, label) in SECTIONS {
                                    @if !public || section == Nav::Search {
                                        a href=(href) class=[(nav == section).then_some("on")] { (label) }
                                    }
                                }
                                @if c.can(Role::Admin) {
                                    a href="/admin" class=[(nav == Nav::Admin).then_some("on")] { "账户" }
                                }
                            }
                            @if !public {
                                div.who {
                                    span { (c.name) "（" (c.role.label()) "）" }
                                    @if let Via::Session { csrf } = &c.via {
                                        form method="post" action="/logout" {
                                            input type="hidden" name="csrf" value=(csrf);
                                            button type="submit" { "退出" }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                main { (body) }
                footer {
                    "规范性文件登记库 · 日期按北京时间计算 · "
                    a href="/api/v1/openapi.json" { "接口说明（OpenAPI）" }
                }
            }
        }
    }
}

/// An HTML response with the headers every page carries: no scripts, no framing, no sniffing.
pub fn respond(status: StatusCode, markup: Markup) -> Response {
    let mut r = (status, markup.into_string()).into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; script-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// A page with status 200.
pub fn ok(markup: Markup) -> Response {
    respond(StatusCode::OK, markup)
}

/// An error as a page, in Chinese, with the library's message.
pub fn error_page(e: &AppError, caller: Option<&Caller>) -> Response {
    if e.status().is_server_error() {
        eprintln!("error: {}", e.detail());
    }
    let body = html! {
        h1 { (e.title()) }
        (notice(&Some(Notice::of(e))))
        p { a href="/search" { "返回检索" } }
    };
    respond(e.status(), page(caller, Nav::None, e.title(), body))
}

/// An error answered as a page (boxed: handlers return it on their error path only).
#[derive(Debug)]
pub struct PageError(Box<(AppError, Option<Caller>)>);

impl PageError {
    /// The error, shown with the caller's navigation when there is one.
    pub fn new(error: AppError, caller: Option<Caller>) -> PageError {
        PageError(Box::new((error, caller)))
    }
}

impl<E: Into<AppError>> From<E> for PageError {
    fn from(e: E) -> Self {
        PageError::new(e.into(), None)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        error_page(&self.0.0, self.0.1.as_ref())
    }
}

/// Attaches the caller to an error, so its page shows the navigation.
pub trait WithCaller<T> {
    /// The error with the caller.
    fn by(self, caller: &Caller) -> Result<T, PageError>;
}

impl<T, E: Into<AppError>> WithCaller<T> for Result<T, E> {
    fn by(self, caller: &Caller) -> Result<T, PageError> {
        self.map_err(|e| PageError::new(e.into(), Some(caller.clone())))
    }
}

/// A status badge.
pub fn status_badge(s: Status) -> Markup {
    html! { span class={ "badge " (s.token()) } { (s.label()) } }
}

/// A date, or a dash.
pub fn date(d: Option<Date>) -> String {
    d.map(guifan::date::iso).unwrap_or_else(|| "—".to_owned())
}

/// A snippet from the search: its text escaped, the library's marks kept.
pub fn snippet(s: &str) -> Markup {
    let mut out = String::with_capacity(s.len() + 16);
    let mut rest = s;
    while let Some(i) = rest.find(MARK_OPEN) {
        escape_into(&rest[..i], &mut out);
        rest = &rest[i + MARK_OPEN.len()..];
        let end = rest.find(MARK_CLOSE).unwrap_or(rest.len());
        out.push_str("<mark>");
        escape_into(&rest[..end], &mut out);
        out.push_str("</mark>");
        rest = rest.get(end + MARK_CLOSE.len()..).unwrap_or("");
    }
    escape_into(rest, &mut out);
    PreEscaped(out)
}

fn escape_into(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// A query string (`?a=1&b=2`) of the pairs with a value; empty without any.
pub fn query(pairs: &[(&str, Option<&str>)]) -> String {
    let given: Vec<(&str, &str)> = pairs
        .iter()
        .filter_map(|(k, v)| v.filter(|v| !v.is_empty()).map(|v| (*k, v)))
        .collect();
    if given.is_empty() {
        return String::new();
    }
    format!(
        "?{}",
        serde_urlencoded::to_string(given).unwrap_or_default()
    )
}

/// A path segment, percent-encoded.
pub fn segment(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The hidden CSRF field of a form.
pub fn csrf_field(caller: &Caller) -> Markup {
    html! { input type="hidden" name="csrf" value=(caller.csrf()); }
}

/// Options of a select: `(value, label)`, the one equal to `selected` chosen.
pub fn options(items: &[(&str, &str)], selected: &str) -> Markup {
    html! {
        @for (value, label) in items {
            option value=(value) selected[*value == selected] { (label) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_escape_text_and_keep_marks() {
        let s = snippet("a<script>x</script> <mark>罚款</mark> \"><img onerror=1>");
        assert_eq!(
            s.into_string(),
            "a&lt;script&gt;x&lt;/script&gt; <mark>罚款</mark> &quot;&gt;&lt;img onerror=1&gt;"
        );
    }

    #[test]
    fn queries_skip_empty_values() {
        assert_eq!(
            query(&[
                ("q", Some("罚款 a&b")),
                ("status", None),
                ("year", Some(""))
            ]),
            "?q=%E7%BD%9A%E6%AC%BE+a%26b"
        );
        assert_eq!(query(&[]), "");
        assert_eq!(
            segment("潜政规〔2024〕3号/x"),
            "%E6%BD%9C%E6%94%BF%E8%A7%84%E3%80%942024%E3%80%953%E5%8F%B7%2Fx"
        );
    }
}
