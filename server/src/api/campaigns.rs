//! Clearance campaigns: open, decisions, announce, the report (JSON, CSV, Excel) and the
//! clearance assistant's proposals.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use guifan::assist::{self, Suggestions};
use guifan::model::{Campaign, Decision, Outcome};
use guifan::stats::{self, ClearanceReport};
use guifan::{Error, Registry};
use serde::Deserialize;
use utoipa::IntoParams;

use super::stats::{Options, StatsQuery};
use super::{
    ApiJson, ApiQuery, ApiResult, CreateProblems, LookupProblems, ReadProblems, WriteProblems,
    created, download,
};
use crate::accounts::Role;
use crate::auth::Caller;
use crate::error::AppError;
use crate::forms::{AnnounceInput, CampaignInput, DecisionInput, date, given};
use crate::ops;
use crate::state::App;
use crate::xlsx::{Cell, workbook};

/// Every campaign.
#[utoipa::path(get, path = "/campaigns", tag = "campaigns",
    responses((status = 200, description = "The library's `Campaign`s", body = Vec<Campaign>), ReadProblems))]
pub async fn list(State(app): State<Arc<App>>, _caller: Caller) -> ApiResult<Json<Vec<Campaign>>> {
    Ok(Json(app.read(|reg, _| reg.campaigns()).await?))
}

/// Opens a campaign (`guifan campaign KEY --name N`). Admin.
#[utoipa::path(post, path = "/campaigns", tag = "campaigns", request_body = CampaignInput,
    responses((status = 201, description = "The library's `Campaign` opened", body = Campaign), CreateProblems))]
pub async fn open(
    State(app): State<Arc<App>>,
    caller: Caller,
    ApiJson(input): ApiJson<CampaignInput>,
) -> ApiResult<Response> {
    caller.require(Role::Admin)?;
    let c = app
        .write(caller.actor(), move |reg, _| {
            Ok(ops::open_campaign(reg, &input)?)
        })
        .await?;
    Ok(created(&c))
}

/// One campaign.
#[utoipa::path(get, path = "/campaigns/{key}", tag = "campaigns",
    params(("key" = String, Path, description = "the campaign's key")),
    responses((status = 200, description = "The library's `Campaign`", body = Campaign), LookupProblems))]
pub async fn campaign(
    State(app): State<Arc<App>>,
    _caller: Caller,
    Path(key): Path<String>,
) -> ApiResult<Json<Campaign>> {
    Ok(Json(app.read(move |reg, _| reg.campaign(&key)).await?))
}

/// Report options: a clearance report takes no filter (as `guifan stats --campaign`).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// `json` (the default), `csv` or `xlsx`.
    #[serde(default)]
    pub format: Option<String>,
}

impl Options for ReportQuery {
    const MODE: &'static str = "a clearance report (/api/v1/campaigns/{key}/report)";
    const TAKES: &'static [&'static str] = &["format"];
}

/// The report as an Excel sheet: the heading, the table as the bureau publishes it, the
/// sentence.
pub fn report_xlsx(r: &ClearanceReport) -> std::io::Result<Vec<u8>> {
    let mut rows: Vec<Vec<Cell>> = vec![
        vec![Cell::Bold(format!("{}（{}）", r.name, r.campaign))],
        vec![],
        vec![Cell::Bold("清理结论".into()), Cell::Bold("件数".into())],
    ];
    for o in Outcome::ALL {
        rows.push(vec![Cell::from(o.label()), Cell::from(r.count(o))]);
    }
    rows.push(vec![
        Cell::from("废止和宣布失效"),
        Cell::from(r.repealed_or_invalidated),
    ]);
    rows.push(vec![Cell::Bold("合计".into()), Cell::from(r.total)]);
    rows.push(vec![]);
    rows.push(vec![Cell::from(r.sentence())]);
    workbook(&r.campaign, &rows, &[24.0, 10.0])
}

/// A file name for a campaign's downloads: its key when plain, else `campaign`.
fn file_stem(key: &str) -> String {
    if !key.is_empty()
        && key.len() <= 64
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        key.to_owned()
    } else {
        "campaign".to_owned()
    }
}

/// The clearance report (`guifan stats --campaign`): counts by outcome and the sentence the
/// bureau publishes; as JSON, CSV or an Excel file.
#[utoipa::path(get, path = "/campaigns/{key}/report", tag = "campaigns",
    params(("key" = String, Path, description = "the campaign's key"), ReportQuery),
    responses((status = 200, description = "The library's `ClearanceReport` (`format=json`), its CSV (`format=csv`) or an Excel sheet (`format=xlsx`), the last two as downloads", content(
        (ClearanceReport = "application/json"),
        (String = "text/csv; charset=utf-8"),
        ([u8] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    )), LookupProblems))]
pub async fn report(
    State(app): State<Arc<App>>,
    _caller: Caller,
    Path(key): Path<String>,
    StatsQuery(q): StatsQuery<ReportQuery>,
) -> ApiResult<Response> {
    let format = given(&q.format).unwrap_or("json").to_owned();
    if !matches!(format.as_str(), "json" | "csv" | "xlsx") {
        return Err(Error::invalid("format", &format, "expected json, csv or xlsx").into());
    }
    let stem = file_stem(&key);
    let r = app
        .read(move |reg, _| stats::clearance_report(reg, &key))
        .await?;
    Ok(match format.as_str() {
        "csv" => download(
            "text/csv; charset=utf-8",
            &format!("{stem}.csv"),
            r.to_csv(),
        ),
        "xlsx" => download(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            &format!("{stem}.xlsx"),
            report_xlsx(&r).map_err(|e| AppError::Internal(e.to_string()))?,
        ),
        _ => Json(r).into_response(),
    })
}

/// The campaign's decisions.
#[utoipa::path(get, path = "/campaigns/{key}/decisions", tag = "campaigns",
    params(("key" = String, Path, description = "the campaign's key")),
    responses((status = 200, description = "The library's `Decision`s", body = Vec<Decision>), LookupProblems))]
pub async fn decisions(
    State(app): State<Arc<App>>,
    _caller: Caller,
    Path(key): Path<String>,
) -> ApiResult<Json<Vec<Decision>>> {
    Ok(Json(app.read(move |reg, _| reg.decisions(&key)).await?))
}

/// Records a decision (`guifan decide`): one per document per campaign. Reviewer.
#[utoipa::path(post, path = "/campaigns/{key}/decisions", tag = "campaigns",
    params(("key" = String, Path, description = "the campaign's key")),
    request_body = DecisionInput,
    responses((status = 201, description = "The library's `Decision` recorded", body = Decision), WriteProblems))]
pub async fn decide(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(key): Path<String>,
    ApiJson(input): ApiJson<DecisionInput>,
) -> ApiResult<Response> {
    let d = write_campaign(&app, &caller, Role::Reviewer, key, move |reg, key| {
        ops::decide(reg, key, &input)
    })
    .await?;
    Ok(created(&d))
}

/// A write about one campaign: the caller's role checked, then `op` with the campaign's key
/// on the writer, the audit log naming the caller.
async fn write_campaign<T: Send + 'static>(
    app: &Arc<App>,
    caller: &Caller,
    role: Role,
    key: String,
    op: impl FnOnce(&mut Registry, &str) -> guifan::Result<T> + Send + 'static,
) -> ApiResult<T> {
    caller.require(role)?;
    Ok(app
        .write(caller.actor(), move |reg, _| Ok(op(reg, &key)?))
        .await?)
}

/// Announces a campaign (`guifan announce`): its decisions become status changes on the
/// date. Admin.
#[utoipa::path(post, path = "/campaigns/{key}/announce", tag = "campaigns",
    params(("key" = String, Path, description = "the campaign's key")),
    request_body = AnnounceInput,
    responses((status = 200, description = "What the announcement did", body = ops::Announced), WriteProblems))]
pub async fn announce(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(key): Path<String>,
    ApiJson(input): ApiJson<AnnounceInput>,
) -> ApiResult<Json<ops::Announced>> {
    let a = write_campaign(&app, &caller, Role::Admin, key, move |reg, key| {
        ops::announce(reg, key, &input)
    })
    .await?;
    Ok(Json(a))
}

/// Options of the proposals.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SuggestQuery {
    /// Apply the rules as of this date (default the day before the announcement, or today).
    #[serde(default)]
    pub as_of: Option<String>,
}

/// The clearance assistant's proposals for every document in scope (`guifan campaign KEY
/// --suggest`), with the rules that fired and their evidence. Writes nothing.
#[utoipa::path(get, path = "/campaigns/{key}/suggestions", tag = "campaigns",
    params(("key" = String, Path, description = "the campaign's key"), SuggestQuery),
    responses((status = 200, description = "The library's `Suggestions`", body = Suggestions), LookupProblems))]
pub async fn suggestions(
    State(app): State<Arc<App>>,
    _caller: Caller,
    Path(key): Path<String>,
    ApiQuery(q): ApiQuery<SuggestQuery>,
) -> ApiResult<Json<Suggestions>> {
    let on = date("as_of", &q.as_of)?;
    Ok(Json(
        app.read(move |reg, _| assist::suggest(reg, &key, on))
            .await?,
    ))
}

/// Proposes and records the proposals (`--suggest --record`), so that the decisions made
/// afterwards keep whether they followed them. Reviewer.
#[utoipa::path(post, path = "/campaigns/{key}/suggestions", tag = "campaigns",
    params(("key" = String, Path, description = "the campaign's key"), SuggestQuery),
    responses((status = 201, description = "The library's `Suggestions`, recorded", body = Suggestions), WriteProblems))]
pub async fn record_suggestions(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(key): Path<String>,
    ApiQuery(q): ApiQuery<SuggestQuery>,
) -> ApiResult<Response> {
    let s = write_campaign(&app, &caller, Role::Reviewer, key, move |reg, key| {
        assist::suggest_and_record(reg, key, date("as_of", &q.as_of)?)
    })
    .await?;
    Ok(created(&s))
}
