//! Status changes, relations, filings and reviews: the lists and the writes.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use axum::response::Response;
use guifan::model::{Filing, Review, StatusChange};
use guifan::store::RelationView;

use super::{ApiJson, ApiResult, LookupProblems, ReadProblems, WriteProblems, created};
use crate::accounts::Role;
use crate::auth::Caller;
use crate::forms::{FilingInput, RelationInput, ReviewInput, StatusInput};
use crate::ops;
use crate::state::App;

/// A document's dated status changes, in the order they apply.
#[utoipa::path(get, path = "/documents/{reference}/status", tag = "records",
    params(("reference" = String, Path, description = "the document")),
    responses((status = 200, description = "The library's `StatusChange`s", body = Vec<StatusChange>), LookupProblems))]
pub async fn status_changes(
    State(app): State<Arc<App>>,
    _caller: Caller,
    Path(reference): Path<String>,
) -> ApiResult<Json<Vec<StatusChange>>> {
    let v = app
        .read(move |reg, _| reg.status_changes(reg.resolve(&reference)?))
        .await?;
    Ok(Json(v))
}

/// Changes a document's status from a date on (`guifan status`); refused (409) when derived,
/// premature or no change. Reviewer.
#[utoipa::path(post, path = "/documents/{reference}/status", tag = "records",
    params(("reference" = String, Path, description = "the document")),
    request_body = StatusInput,
    responses((status = 201, description = "The document's status changes, the new one included", body = Vec<StatusChange>), WriteProblems))]
pub async fn change_status(
    State(app): State<Arc<App>>,
    caller: Caller,
    Path(reference): Path<String>,
    ApiJson(input): ApiJson<StatusInput>,
) -> ApiResult<Response> {
    caller.require(Role::Reviewer)?;
    let v = app
        .write(caller.actor(), move |reg, _| {
            Ok(ops::change_status(reg, &reference, &input)?)
        })
        .await?;
    Ok(created(&v))
}

/// What a document cites and what cites it, by hand or found in text.
#[utoipa::path(get, path = "/documents/{reference}/relations", tag = "records",
    params(("reference" = String, Path, description = "the document")),
    responses((status = 200, description = "The library's `RelationView`s, both directions", body = Vec<RelationView>), LookupProblems))]
pub async fn relations(
    State(app): State<Arc<App>>,
    _caller: Caller,
    Path(reference): Path<String>,
) -> ApiResult<Json<Vec<RelationView>>> {
    let v = app
        .read(move |reg, _| reg.relations(reg.resolve(&reference)?))
        .await?;
    Ok(Json(v))
}

/// Records a relation by hand (`guifan relate`). Reviewer.
#[utoipa::path(post, path = "/relations", tag = "records", request_body = RelationInput,
    responses((status = 201, description = "The relation recorded, as the library's `RelationView`", body = RelationView), WriteProblems))]
pub async fn relate(
    State(app): State<Arc<App>>,
    caller: Caller,
    ApiJson(input): ApiJson<RelationInput>,
) -> ApiResult<Response> {
    caller.require(Role::Reviewer)?;
    let v = app
        .write(caller.actor(), move |reg, _| Ok(ops::relate(reg, &input)?))
        .await?;
    Ok(created(&v))
}

/// Every filing (备案) recorded.
#[utoipa::path(get, path = "/filings", tag = "records",
    responses((status = 200, description = "The library's `Filing`s", body = Vec<Filing>), ReadProblems))]
pub async fn filings(State(app): State<Arc<App>>, _caller: Caller) -> ApiResult<Json<Vec<Filing>>> {
    Ok(Json(app.read(|reg, _| reg.all_filings()).await?))
}

/// Records a filing (`guifan file`). Reviewer.
#[utoipa::path(post, path = "/filings", tag = "records", request_body = FilingInput,
    responses((status = 201, description = "The library's `Filing` recorded", body = Filing), WriteProblems))]
pub async fn file(
    State(app): State<Arc<App>>,
    caller: Caller,
    ApiJson(input): ApiJson<FilingInput>,
) -> ApiResult<Response> {
    caller.require(Role::Reviewer)?;
    let v = app
        .write(caller.actor(), move |reg, _| {
            Ok(ops::record_filing(reg, &input)?)
        })
        .await?;
    Ok(created(&v))
}

/// Every review recorded.
#[utoipa::path(get, path = "/reviews", tag = "records",
    responses((status = 200, description = "The library's `Review`s", body = Vec<Review>), ReadProblems))]
pub async fn reviews(State(app): State<Arc<App>>, _caller: Caller) -> ApiResult<Json<Vec<Review>>> {
    Ok(Json(app.read(|reg, _| reg.all_reviews()).await?))
}

/// Records a review (`guifan review`). Reviewer.
#[utoipa::path(post, path = "/reviews", tag = "records", request_body = ReviewInput,
    responses((status = 201, description = "The library's `Review` recorded", body = Review), WriteProblems))]
pub async fn review(
    State(app): State<Arc<App>>,
    caller: Caller,
    ApiJson(input): ApiJson<ReviewInput>,
) -> ApiResult<Response> {
    caller.require(Role::Reviewer)?;
    let v = app
        .write(caller.actor(), move |reg, _| {
            Ok(ops::record_review(reg, &input)?)
        })
        .await?;
    Ok(created(&v))
}
