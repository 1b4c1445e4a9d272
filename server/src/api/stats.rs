//! Statistics: counts by field as of a date (JSON or CSV), filing timeliness, reviews and
//! documents expiring: the modes of `guifan stats`, each an endpoint.
//!
//! Each takes the command line's options for its mode, the filters among them (`kind`,
//! `issuer`, …), read with the library's parsers: a kind or an issuer no document has is
//! refused by the library with the nearest names it holds, and an option the mode does not
//! take is refused here, never ignored.

use std::sync::Arc;

use axum::Json;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use guifan::Error;
use guifan::model::StatusScope;
use guifan::stats::{self, Counts, ExpiringReport, Field, FilingTimeliness, ReviewReport};
use guifan::store::ListFilter;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use utoipa::IntoParams;

use super::{ApiQuery, ApiResult, ReadProblems, typed};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::forms::{as_of, given, number, text_or_number};
use crate::state::App;

/// The options of one statistics mode: what it is called in messages and the parameters it
/// takes. Any other parameter given a value is refused.
pub trait Options: DeserializeOwned + Send {
    /// The mode, for messages: `the counts (/api/v1/stats)`.
    const MODE: &'static str;
    /// The parameters it takes.
    const TAKES: &'static [&'static str];
}

/// A statistics mode's options, read from the query string; a parameter the mode does not
/// take is a 400 problem naming it (and the nearest one it takes, when one is near).
#[derive(Debug)]
pub struct StatsQuery<T>(pub T);

impl<T: Options, S: Send + Sync> FromRequestParts<S> for StatsQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        refuse_others(parts.uri.query(), T::MODE, T::TAKES)?;
        let ApiQuery(q) = ApiQuery::<T>::from_request_parts(parts, state).await?;
        Ok(StatsQuery(q))
    }
}

/// Refuses a parameter of `query` that `mode` does not take (a blank one is "not given", as
/// forms send it).
pub fn refuse_others(query: Option<&str>, mode: &str, takes: &[&str]) -> guifan::Result<()> {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(query.unwrap_or("")).unwrap_or_default();
    for (name, value) in pairs {
        if value.trim().is_empty() || takes.contains(&name.as_str()) {
            continue;
        }
        let near = guifan::text::similar::nearest(&name, takes.iter().copied(), 1);
        let hint = match near.first() {
            Some(n) => format!("; did you mean `{n}`?"),
            None => String::new(),
        };
        return Err(Error::invalid(
            name,
            value,
            format!(
                "{mode} does not take this option (it takes {}){hint}",
                takes.join(", ")
            ),
        ));
    }
    Ok(())
}

/// Counting options: those of `guifan stats [--by …]`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CountQuery {
    /// Fields to count by: status, kind, issuer, year (comma-separated; default status).
    #[serde(default)]
    pub by: Option<String>,
    /// Statuses (tokens or labels, comma-separated) or `any` (the default).
    #[serde(default)]
    pub status: Option<String>,
    /// The kind, exactly; one no document has is refused with the nearest kinds held.
    #[serde(default)]
    pub kind: Option<String>,
    /// Issuer (a part of the name is enough); one no document's issuer contains is refused
    /// with the nearest issuers held.
    #[serde(default)]
    pub issuer: Option<String>,
    /// Year first issued.
    #[serde(default, deserialize_with = "text_or_number")]
    #[param(value_type = Option<i32>)]
    pub year: Option<String>,
    /// The date statuses are reckoned on (default today).
    #[serde(default)]
    pub as_of: Option<String>,
    /// `json` (the default) or `csv`.
    #[serde(default)]
    pub format: Option<String>,
}

impl Options for CountQuery {
    const MODE: &'static str = "the counts (/api/v1/stats)";
    const TAKES: &'static [&'static str] =
        &["by", "status", "kind", "issuer", "year", "as_of", "format"];
}

/// The library's filter for a date and a year of issue (the filing list's filter).
pub fn dated(on: time::Date, year: Option<i32>) -> ListFilter {
    ListFilter {
        as_of: Some(on),
        year,
        ..Default::default()
    }
}

/// The library's filter of kind and issuer, every status, on a date: what the reports filter
/// by (the web page's too).
pub fn report_filter(
    kind: &Option<String>,
    issuer: &Option<String>,
    year: Option<i32>,
    on: time::Date,
) -> ListFilter {
    ListFilter {
        status: StatusScope::Any,
        kind: given(kind).map(str::to_owned),
        issuer: given(issuer).map(str::to_owned),
        year,
        as_of: Some(on),
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

/// JSON of a report, or its CSV.
fn json_or_csv<T: serde::Serialize>(csv: bool, report: T, to_csv: fn(&T) -> String) -> Response {
    if csv {
        typed("text/csv; charset=utf-8", to_csv(&report))
    } else {
        Json(report).into_response()
    }
}

/// Counts documents (works) by fields as of a date (`guifan stats --by`).
#[utoipa::path(get, path = "/stats", tag = "stats", params(CountQuery),
    responses((status = 200, description = "The library's `Counts` (`format=json`), or its CSV (`format=csv`)", content(
        (Counts = "application/json"),
        (String = "text/csv; charset=utf-8"),
    )), ReadProblems))]
pub async fn counts(
    State(app): State<Arc<App>>,
    _caller: Caller,
    StatsQuery(q): StatsQuery<CountQuery>,
) -> ApiResult<Response> {
    let by = given(&q.by)
        .map(Field::parse_list)
        .transpose()?
        .unwrap_or_else(|| vec![Field::Status]);
    let on = as_of(&q.as_of)?;
    let filter = ListFilter {
        status: given(&q.status)
            .map(StatusScope::parse)
            .transpose()?
            .unwrap_or(StatusScope::Any),
        ..report_filter(&q.kind, &q.issuer, number("year", &q.year)?, on)
    };
    let csv = wants_csv(&q.format)?;
    let counts = app
        .read(move |reg, _| stats::counts(reg, &by, on, &filter))
        .await?;
    Ok(json_or_csv(csv, counts, Counts::to_csv))
}

/// Filing options: those of `guifan stats --filings`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FilingQuery {
    /// The date timeliness is reckoned on (default today).
    #[serde(default)]
    pub as_of: Option<String>,
    /// Only documents issued in this year.
    #[serde(default, deserialize_with = "text_or_number")]
    #[param(value_type = Option<i32>)]
    pub year: Option<String>,
    /// Only documents of this kind (exactly); one no document has is refused.
    #[serde(default)]
    pub kind: Option<String>,
    /// Only documents whose issuer contains this; one no issuer contains is refused.
    #[serde(default)]
    pub issuer: Option<String>,
    /// `json` (the default) or `csv`.
    #[serde(default)]
    pub format: Option<String>,
}

impl Options for FilingQuery {
    const MODE: &'static str = "filing timeliness (/api/v1/stats/filings)";
    const TAKES: &'static [&'static str] = &["as_of", "year", "kind", "issuer", "format"];
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
    StatsQuery(q): StatsQuery<FilingQuery>,
) -> ApiResult<Response> {
    let filter = report_filter(
        &q.kind,
        &q.issuer,
        number("year", &q.year)?,
        as_of(&q.as_of)?,
    );
    let csv = wants_csv(&q.format)?;
    let t = app
        .read(move |reg, _| stats::filing_timeliness(reg, &filter))
        .await?;
    Ok(json_or_csv(csv, t, FilingTimeliness::to_csv))
}

/// Review options: those of `guifan stats --reviews`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReviewQuery {
    /// Only reviews dated in this year.
    #[serde(default, deserialize_with = "text_or_number")]
    #[param(value_type = Option<i32>)]
    pub year: Option<String>,
    /// Counts the reviews dated on or before this date, as they stood then (default today).
    #[serde(default)]
    pub as_of: Option<String>,
    /// Only reviews of documents of this kind (exactly); one no document has is refused.
    #[serde(default)]
    pub kind: Option<String>,
    /// Only reviews of documents whose issuer contains this; one no issuer contains is
    /// refused.
    #[serde(default)]
    pub issuer: Option<String>,
    /// `json` (the default) or `csv`.
    #[serde(default)]
    pub format: Option<String>,
}

impl Options for ReviewQuery {
    const MODE: &'static str = "the review counts (/api/v1/stats/reviews)";
    const TAKES: &'static [&'static str] = &["year", "as_of", "kind", "issuer", "format"];
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
    StatsQuery(q): StatsQuery<ReviewQuery>,
) -> ApiResult<Response> {
    let filter = report_filter(
        &q.kind,
        &q.issuer,
        number("year", &q.year)?,
        as_of(&q.as_of)?,
    );
    let csv = wants_csv(&q.format)?;
    let r = app
        .read(move |reg, _| stats::review_report(reg, &filter))
        .await?;
    Ok(json_or_csv(csv, r, ReviewReport::to_csv))
}

/// Expiry options: those of `guifan stats --expiring DAYS`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExpiringQuery {
    /// Within how many days (default 180).
    #[serde(default, deserialize_with = "text_or_number")]
    #[param(value_type = Option<u32>)]
    pub days: Option<String>,
    /// The date to count from (default today).
    #[serde(default)]
    pub as_of: Option<String>,
    /// Statuses (tokens or labels, comma-separated) or `any` (the default): of the documents
    /// in force, those with these statuses.
    #[serde(default)]
    pub status: Option<String>,
    /// Only documents of this kind (exactly); one no document has is refused.
    #[serde(default)]
    pub kind: Option<String>,
    /// Only documents whose issuer contains this; one no issuer contains is refused.
    #[serde(default)]
    pub issuer: Option<String>,
    /// Only documents first issued in this year.
    #[serde(default, deserialize_with = "text_or_number")]
    #[param(value_type = Option<i32>)]
    pub year: Option<String>,
    /// `json` (the default) or `csv`.
    #[serde(default)]
    pub format: Option<String>,
}

impl Options for ExpiringQuery {
    const MODE: &'static str = "the documents expiring (/api/v1/stats/expiring)";
    const TAKES: &'static [&'static str] = &[
        "days", "as_of", "status", "kind", "issuer", "year", "format",
    ];
}

/// Documents in force whose 有效期 ends within the days (`guifan stats --expiring`).
#[utoipa::path(get, path = "/stats/expiring", tag = "stats", params(ExpiringQuery),
    responses((status = 200, description = "The library's `ExpiringReport` (`format=json`), or its CSV (`format=csv`)", content(
        (ExpiringReport = "application/json"),
        (String = "text/csv; charset=utf-8"),
    )), ReadProblems))]
pub async fn expiring(
    State(app): State<Arc<App>>,
    _caller: Caller,
    StatsQuery(q): StatsQuery<ExpiringQuery>,
) -> ApiResult<Response> {
    let days = number("days", &q.days)?.unwrap_or(180);
    let filter = ListFilter {
        status: given(&q.status)
            .map(StatusScope::parse)
            .transpose()?
            .unwrap_or(StatusScope::Any),
        ..report_filter(
            &q.kind,
            &q.issuer,
            number("year", &q.year)?,
            as_of(&q.as_of)?,
        )
    };
    let csv = wants_csv(&q.format)?;
    let r = app
        .read(move |reg, _| stats::expiring_report(reg, days, &filter))
        .await?;
    Ok(json_or_csv(csv, r, ExpiringReport::to_csv))
}
