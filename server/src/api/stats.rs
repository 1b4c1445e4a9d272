//! Statistics: counts by field as of a date (JSON or CSV), filing timeliness, reviews and
//! documents expiring.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use guifan::Error;
use guifan::stats::{self, Counts, ExpiringReport, Field, FilingTimeliness, ReviewReport};
use serde::Deserialize;
use utoipa::IntoParams;

use super::{ApiQuery, ApiResult, ReadProblems, typed};
use crate::auth::Caller;
use crate::forms::{ListQuery, as_of, given, number};
use crate::state::App;

/// Counting options.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CountQuery {
    /// Fields to count by: status, kind, issuer, year (comma-separated; default status).
    #[serde(default)]
    pub by: Option<String>,
    /// `json` (the default) or `csv`.
    #[serde(default)]
    pub format: Option<String>,
    /// The filters (listed in the OpenAPI document by `ListQuery`).
    #[serde(flatten)]
    #[param(ignore)]
    pub filter: ListQuery,
}

/// The library's filter for a date and a year of issue (the reports' filters here).
pub fn dated(on: time::Date, year: Option<i32>) -> guifan::store::ListFilter {
    guifan::store::ListFilter {
        as_of: Some(on),
        year,
        ..Default::default()
    }
}

/// Whether CSV was asked for.
pub fn wants_csv(format: &Option<String>) -> guifan::Result<bool> {
    match given(format).unwrap_or("json") {
        "json" => Ok(false),
        "csv" => Ok(true),
        other => Err(Error::invalid("format", other, "expected json or csv")),
    }
}

/// Counts documents (works) by fields as of a date (`guifan stats --by`).
#[utoipa::path(get, path = "/stats", tag = "stats", params(CountQuery, ListQuery),
    responses((status = 200, description = "The library's `Counts` (`format=json`), or its CSV (`format=csv`)", content(
        (Counts = "application/json"),
        (String = "text/csv; charset=utf-8"),
    )), ReadProblems))]
pub async fn counts(
    State(app): State<Arc<App>>,
    _caller: Caller,
    ApiQuery(q): ApiQuery<CountQuery>,
) -> ApiResult<Response> {
    let by = given(&q.by)
        .map(Field::parse_list)
        .transpose()?
        .unwrap_or_else(|| vec![Field::Status]);
    let filter = q.filter.filter()?;
    let on = as_of(&q.filter.as_of)?;
    let csv = wants_csv(&q.format)?;
    let counts = app
        .read(move |reg, _| stats::counts(reg, &by, on, &filter))
        .await?;
    Ok(if csv {
        typed("text/csv; charset=utf-8", counts.to_csv())
    } else {
        Json(counts).into_response()
    })
}

/// Filing options.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FilingQuery {
    /// The date timeliness is reckoned on (default today).
    #[serde(default)]
    pub as_of: Option<String>,
    /// Only documents issued in this year.
    #[serde(default)]
    pub year: Option<String>,
    /// `json` (the default) or `csv`.
    #[serde(default)]
    pub format: Option<String>,
}

/// Filing timeliness (`guifan stats --filings`).
#[utoipa::path(get, path = "/stats/filings", tag = "stats", params(FilingQuery),
    responses((status = 200, description = "The library's `FilingTimeliness` (`format=json`), or its CSV (`format=csv`)", content(
        (FilingTimeliness = "application/json"),
        (String = "text/csv; charset=utf-8"),
    )), ReadProblems))]
pub async fn filings(
    State(app): State<Arc<App>>,
    _caller: Caller,
    ApiQuery(q): ApiQuery<FilingQuery>,
) -> ApiResult<Response> {
    let on = as_of(&q.as_of)?;
    let year = number("year", &q.year)?;
    let csv = wants_csv(&q.format)?;
    let t = app
        .read(move |reg, _| stats::filing_timeliness(reg, &dated(on, year)))
        .await?;
    Ok(if csv {
        typed("text/csv; charset=utf-8", t.to_csv())
    } else {
        Json(t).into_response()
    })
}

/// Review options.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReviewQuery {
    /// Only reviews dated in this year.
    #[serde(default)]
    pub year: Option<String>,
    /// Counts the reviews dated on or before this date, as they stood then (default today).
    #[serde(default)]
    pub as_of: Option<String>,
    /// `json` (the default) or `csv`.
    #[serde(default)]
    pub format: Option<String>,
}

/// Reviews by kind and document kind (`guifan stats --reviews`).
#[utoipa::path(get, path = "/stats/reviews", tag = "stats", params(ReviewQuery),
    responses((status = 200, description = "The library's `ReviewReport` (`format=json`), or its CSV (`format=csv`)", content(
        (ReviewReport = "application/json"),
        (String = "text/csv; charset=utf-8"),
    )), ReadProblems))]
pub async fn reviews(
    State(app): State<Arc<App>>,
    _caller: Caller,
    ApiQuery(q): ApiQuery<ReviewQuery>,
) -> ApiResult<Response> {
    let on = as_of(&q.as_of)?;
    let year = number("year", &q.year)?;
    let csv = wants_csv(&q.format)?;
    let r: ReviewReport = app
        .read(move |reg, _| stats::review_report(reg, &dated(on, year)))
        .await?;
    Ok(if csv {
        typed("text/csv; charset=utf-8", r.to_csv())
    } else {
        Json(r).into_response()
    })
}

/// Expiry options.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExpiringQuery {
    /// Within how many days (default 180).
    #[serde(default)]
    pub days: Option<String>,
    /// The date to count from (default today).
    #[serde(default)]
    pub as_of: Option<String>,
}

/// Documents in force whose 有效期 ends within the days (`guifan stats --expiring`).
#[utoipa::path(get, path = "/stats/expiring", tag = "stats", params(ExpiringQuery),
    responses((status = 200, description = "The library's `ExpiringReport`", body = ExpiringReport), ReadProblems))]
pub async fn expiring(
    State(app): State<Arc<App>>,
    _caller: Caller,
    ApiQuery(q): ApiQuery<ExpiringQuery>,
) -> ApiResult<Json<ExpiringReport>> {
    let on = as_of(&q.as_of)?;
    let days = number("days", &q.days)?.unwrap_or(180);
    Ok(Json(
        app.read(move |reg, _| stats::expiring_report(reg, days, &dated(on, None)))
            .await?,
    ))
}
