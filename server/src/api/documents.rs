//! Documents: the list, a dossier, one article as of a date, versions and their texts,
//! exports, impact, comparisons and the audit entries.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use axum::response::Response;
use guifan::compare::{self, Comparison, Which};
use guifan::interchange::{self, export_akn, export_jsonl};
use guifan::model::{AuditEntry, Version, WorkId};
use guifan::store::{ArticleText, DocumentList, Dossier, ImpactReport};
use guifan::text::structure::{article_label, parse_article_ref};
use guifan::{Error, Registry};
use serde::Deserialize;
use time::Date;
use utoipa::IntoParams;

use super::{ApiQuery, ApiResult, LookupProblems, ReadProblems, download, typed};
use crate::auth::Caller;
use crate::error::AppError;
use crate::forms::{ListQuery, as_of, given, number, paging};
use crate::state::App;

/// A date to answer as of.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AsOf {
    /// The date (ISO or Chinese; default today).
    #[serde(default)]
    pub as_of: Option<String>,
}

/// A page of the documents a list query lets through.
#[derive(Debug)]
pub struct ListPage {
    /// The library's list, `documents` cut to the page; `total` counts them all.
    pub list: DocumentList,
    /// The page size asked for.
    pub limit: usize,
    /// How many documents the page skips.
    pub offset: usize,
}

/// Loads a page of the document list (`guifan list`): what the API's list and the 文件 page
/// answer with.
pub async fn load_list(app: &Arc<App>, q: &ListQuery) -> Result<ListPage, AppError> {
    let filter = q.filter()?;
    let (limit, offset) = paging(&q.limit, &q.offset, 50)?;
    let list = app
        .read(move |reg, _| {
            let mut list = reg.document_list(&filter)?;
            list.documents = list
                .documents
                .into_iter()
                .skip(offset)
                .take(limit)
                .collect();
            Ok(list)
        })
        .await?;
    Ok(ListPage {
        list,
        limit,
        offset,
    })
}

/// A document's dossier on a date (`guifan show`), with its id; on the public portal
/// (`public`) only a document in force, else it is not found. What the API's dossier and the
/// document page read.
pub fn load_dossier(
    reg: &Registry,
    reference: &str,
    on: Date,
    public: bool,
) -> guifan::Result<(WorkId, Dossier)> {
    let id = reg.resolve(reference)?;
    let dossier = reg.dossier(id, on)?;
    if public && !dossier.status.in_force() {
        return Err(Error::not_found("document in force", reference));
    }
    Ok((id, dossier))
}

/// Lists the documents that pass the filters (`guifan list`), a page at a time; `total`
/// counts them all.
#[utoipa::path(get, path = "/documents", tag = "documents", params(ListQuery),
    responses((status = 200, description = "The library's `DocumentList` (as_of, total, documents), `documents` cut to the page", body = DocumentList), ReadProblems))]
pub async fn list(
    State(app): State<Arc<App>>,
    _caller: Caller,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> ApiResult<Json<DocumentList>> {
    Ok(Json(load_list(&app, &q).await?.list))
}

/// A document's dossier as of a date (`guifan show`): versions, status changes, history,
/// filings with timeliness, reviews, decisions, relations both ways.
#[utoipa::path(get, path = "/documents/{reference}", tag = "documents",
    params(("reference" = String, Path, description = "id, version key, work key, 文号 (any spelling) or exact title"), AsOf),
    responses((status = 200, description = "The library's `Dossier`", body = Dossier), LookupProblems))]
pub async fn dossier(
    State(app): State<Arc<App>>,
    _caller: Caller,
    Path(reference): Path<String>,
    ApiQuery(q): ApiQuery<AsOf>,
) -> ApiResult<Json<Dossier>> {
    let on = as_of(&q.as_of)?;
    let (_, d) = app
        .read(move |reg, _| load_dossier(reg, &reference, on, false))
        .await?;
    Ok(Json(d))
}

/// One article as it stood on a date, from the version then in force; the library's answer,
/// or the command line's not-found error.
pub fn article_text(
    reg: &Registry,
    id: WorkId,
    reference: &str,
    on: Date,
) -> guifan::Result<ArticleText> {
    let (number, suffix) = parse_article_ref(reference).ok_or_else(|| {
        Error::invalid(
            "article",
            reference,
            "expected an article number: 12, 第十二条, 10之1, 第十条之一",
        )
    })?;
    match reg.article(id, number, suffix, on)? {
        Some(a) => Ok(a),
        None => {
            let work = reg.work(id)?;
            let seq = work.version_in_force(on).map_or(0, |v| v.seq);
            Err(Error::not_found(
                "article",
                format!(
                    "{} in version {seq} of 《{}》 (in force on {})",
                    article_label(number, suffix),
                    work.latest().meta.title,
                    guifan::date::iso(on)
                ),
            ))
        }
    }
}

/// One article as it stood on a date (`guifan show REF --article N`).
#[utoipa::path(get, path = "/documents/{reference}/articles/{article}", tag = "documents",
    params(("reference" = String, Path, description = "the document"),
           ("article" = String, Path, description = "12, 第十二条, 10之1, 第十条之一"), AsOf),
    responses((status = 200, description = "The library's `ArticleText`", body = ArticleText), LookupProblems))]
pub async fn article(
    State(app): State<Arc<App>>,
    _caller: Caller,
    Path((reference, article)): Path<(String, String)>,
    ApiQuery(q): ApiQuery<AsOf>,
) -> ApiResult<Json<ArticleText>> {
    let on = as_of(&q.as_of)?;
    let a = app
        .read(move |reg, _| article_text(reg, reg.resolve(&reference)?, &article, on))
        .await?;
    Ok(Json(a))
}

/// Every version of a document, oldest first (without texts).
#[utoipa::path(get, path = "/documents/{reference}/versions", tag = "documents",
    params(("reference" = String, Path, description = "the document")),
    responses((status = 200, description = "The library's `Version`s", body = Vec<Version>), LookupProblems))]
pub async fn versions(
    State(app): State<Arc<App>>,
    _caller: Caller,
    Path(reference): Path<String>,
) -> ApiResult<Json<Vec<Version>>> {
    let v = app
        .read(move |reg, _| Ok(reg.work(reg.resolve(&reference)?)?.versions))
        .await?;
    Ok(Json(v))
}

/// The text of one version, as plain text.
#[utoipa::path(get, path = "/documents/{reference}/versions/{seq}/text", tag = "documents",
    params(("reference" = String, Path, description = "the document"), ("seq" = u32, Path, description = "the version, from 1")),
    responses((status = 200, description = "The text", content_type = "text/plain; charset=utf-8", body = String), LookupProblems))]
pub async fn version_text(
    State(app): State<Arc<App>>,
    _caller: Caller,
    Path((reference, seq)): Path<(String, String)>,
) -> ApiResult<Response> {
    let seq: u32 = number("seq", &Some(seq))?.unwrap_or(0);
    let text = app
        .read(move |reg, _| reg.text(reg.resolve(&reference)?, seq))
        .await?;
    Ok(typed("text/plain; charset=utf-8", text))
}

/// The export options.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// `jsonl` (JSON Lines records, the default) or `akn` (Akoma Ntoso 3.0 XML of one version).
    #[serde(default)]
    pub format: Option<String>,
    /// Akoma Ntoso: this version (default the newest).
    #[serde(default)]
    pub version: Option<String>,
    /// Akoma Ntoso: the version in force on this date.
    #[serde(default)]
    pub as_of: Option<String>,
}

/// Exports a document (`guifan export REF`): JSON Lines, or one version as Akoma Ntoso.
#[utoipa::path(get, path = "/documents/{reference}/export", tag = "documents",
    params(("reference" = String, Path, description = "the document"), ExportQuery),
    responses((status = 200, description = "JSON Lines records (`format=jsonl`, one JSON object a line, as `guifan export` writes them) or one version as Akoma Ntoso 3.0 XML (`format=akn`), as a download", content(
        (String = "application/x-ndjson"),
        (String = "application/akn+xml"),
    )), LookupProblems))]
pub async fn export(
    State(app): State<Arc<App>>,
    _caller: Caller,
    Path(reference): Path<String>,
    ApiQuery(q): ApiQuery<ExportQuery>,
) -> ApiResult<Response> {
    let format = given(&q.format).unwrap_or("jsonl").to_owned();
    let version: Option<u32> = number("version", &q.version)?;
    let on = crate::forms::date("as_of", &q.as_of)?;
    let which = match (version, on) {
        (Some(v), _) => interchange::Which::Version(v),
        (None, Some(d)) => interchange::Which::AsOf(d),
        (None, None) => interchange::Which::Latest,
    };
    let (id, body) = app
        .read(move |reg, _| {
            let id = reg.resolve(&reference)?;
            let body = match format.as_str() {
                "jsonl" | "json" => {
                    let mut out = Vec::new();
                    export_jsonl(reg, Some(id), &mut out)?;
                    out
                }
                "akn" | "xml" => export_akn(reg, id, which)?.into_bytes(),
                other => {
                    return Err(Error::invalid("format", other, "expected jsonl or akn"));
                }
            };
            Ok((id, (format, body)))
        })
        .await?;
    let (format, bytes) = body;
    Ok(if format == "akn" || format == "xml" {
        download(
            "application/akn+xml",
            &format!("document-{id}.akn.xml"),
            bytes,
        )
    } else {
        download(
            "application/x-ndjson",
            &format!("document-{id}.jsonl"),
            bytes,
        )
    })
}

/// The documents in force on a date that rest on, implement or cite this one, directly or
/// through others (`guifan impact`).
#[utoipa::path(get, path = "/documents/{reference}/impact", tag = "documents",
    params(("reference" = String, Path, description = "the document"), AsOf),
    responses((status = 200, description = "The library's `ImpactReport`", body = ImpactReport), LookupProblems))]
pub async fn impact(
    State(app): State<Arc<App>>,
    _caller: Caller,
    Path(reference): Path<String>,
    ApiQuery(q): ApiQuery<AsOf>,
) -> ApiResult<Json<ImpactReport>> {
    let on = as_of(&q.as_of)?;
    let r = app
        .read(move |reg, _| reg.impact_report(reg.resolve(&reference)?, on))
        .await?;
    Ok(Json(r))
}

/// The comparison options.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DiffQuery {
    /// The old side: a version number or a date (default the version before `to`).
    #[serde(default)]
    pub from: Option<String>,
    /// The new side: a version number or a date (default the newest).
    #[serde(default)]
    pub to: Option<String>,
    /// `json` (the default) or `html` (the 对照表 as an HTML fragment).
    #[serde(default)]
    pub format: Option<String>,
    /// HTML: every row, not only those that changed.
    #[serde(default)]
    pub all: Option<String>,
}

/// The 修改前后对照表 of two versions (`guifan diff`).
#[utoipa::path(get, path = "/documents/{reference}/diff", tag = "documents",
    params(("reference" = String, Path, description = "the document"), DiffQuery),
    responses((status = 200, description = "The library's `Comparison` (`format=json`), or the 对照表 as an HTML fragment (`format=html`)", content(
        (Comparison = "application/json"),
        (String = "text/html; charset=utf-8"),
    )), LookupProblems))]
pub async fn diff(
    State(app): State<Arc<App>>,
    _caller: Caller,
    Path(reference): Path<String>,
    ApiQuery(q): ApiQuery<DiffQuery>,
) -> ApiResult<Response> {
    let from = given(&q.from).map(Which::parse).transpose()?;
    let to = given(&q.to).map(Which::parse).transpose()?;
    let all = crate::forms::flag("all", &q.all)?.unwrap_or(false);
    let html = match given(&q.format).unwrap_or("json") {
        "json" => false,
        "html" => true,
        other => return Err(Error::invalid("format", other, "expected json or html").into()),
    };
    let c: Comparison = app
        .read(move |reg, _| compare::diff_versions(reg, reg.resolve(&reference)?, from, to))
        .await?;
    Ok(if html {
        typed("text/html; charset=utf-8", c.render_html(all))
    } else {
        axum::response::IntoResponse::into_response(Json(c))
    })
}

/// The audit entries about a document, oldest first.
#[utoipa::path(get, path = "/documents/{reference}/audit", tag = "documents",
    params(("reference" = String, Path, description = "the document")),
    responses((status = 200, description = "The library's `AuditEntry`s", body = Vec<AuditEntry>), LookupProblems))]
pub async fn audit(
    State(app): State<Arc<App>>,
    _caller: Caller,
    Path(reference): Path<String>,
) -> ApiResult<Json<Vec<AuditEntry>>> {
    let a = app
        .read(move |reg, _| reg.audit_of(reg.resolve(&reference)?))
        .await?;
    Ok(Json(a))
}
