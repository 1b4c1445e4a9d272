//! Import (multipart upload), the store check, the caller, and the OpenAPI document.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use guifan::ingest::Summary;
use guifan::store::CheckReport;
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use super::{ApiDoc, ApiResult, CallerProblems, ImportProblems, ReadProblems};
use crate::accounts::Role;
use crate::auth::{Caller, Via};
use crate::error::ApiError;
use crate::state::App;
use crate::upload;

/// Imports uploaded files (`guifan import`): each file one transaction, in order; formats
/// are those the library's `ingest` reads. Stops at the first file that fails: the answer is
/// then a problem naming the file and the line, and the files before it stay imported.
/// Reviewer.
#[utoipa::path(post, path = "/import", tag = "import",
    request_body(content_type = "multipart/form-data", description = "one or more parts with a file name"),
    responses(
        (status = 201, description = "The library's ingest `Summary`: each file (format, counts, the document's outcome, the index), the total, the documents", body = Summary),
        ImportProblems))]
pub async fn import(
    State(app): State<Arc<App>>,
    caller: Caller,
    form: Multipart,
) -> ApiResult<Response> {
    caller.require(Role::Reviewer)?;
    let upload = upload::receive(&app, form).await?;
    let imported = upload::import(&app, caller.actor(), upload).await?;
    match &imported.failed {
        None => Ok((StatusCode::CREATED, Json(imported.summary)).into_response()),
        Some(f) => {
            let before: Vec<String> = imported
                .summary
                .files
                .iter()
                .map(|r| r.path.display().to_string())
                .collect();
            let mut detail = format!(
                "`{}`: nothing of this file was imported: {}",
                f.file, f.message
            );
            if !before.is_empty() {
                detail.push_str(&format!(" (imported before it: {})", before.join(", ")));
            }
            let status = StatusCode::from_u16(f.status).unwrap_or(StatusCode::BAD_REQUEST);
            let err = if status == StatusCode::INTERNAL_SERVER_ERROR {
                crate::error::AppError::Internal(detail)
            } else {
                crate::error::AppError::BadRequest(detail)
            };
            Err(ApiError(err))
        }
    }
}

/// Checks the store: SQLite integrity, foreign keys, the audit hash chain, every stored text
/// and status change against the log (`guifan check`).
#[utoipa::path(get, path = "/check", tag = "system",
    responses((status = 200, description = "The library's `CheckReport`", body = CheckReport), ReadProblems))]
pub async fn check(State(app): State<Arc<App>>, _caller: Caller) -> ApiResult<Json<CheckReport>> {
    Ok(Json(app.read(|reg, _| reg.check()).await?))
}

/// Who the caller is.
#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    /// The account, `token:NAME`, or `public`.
    pub name: String,
    /// `viewer`, `reviewer` or `admin`.
    pub role: Role,
    /// `session`, `token` or `public`.
    #[schema(value_type = String)]
    pub via: &'static str,
    /// The session's CSRF token, for writes made with the session cookie.
    pub csrf: Option<String>,
}

/// The caller: name, role, and (with a session) the CSRF token.
#[utoipa::path(get, path = "/me", tag = "system",
    responses((status = 200, description = "Who the caller is", body = Me), CallerProblems))]
pub async fn me(caller: Caller) -> Json<Me> {
    Json(Me {
        name: caller.name.clone(),
        role: caller.role,
        via: match caller.via {
            Via::Session { .. } => "session",
            Via::Token => "token",
            Via::Public => "public",
        },
        csrf: match &caller.via {
            Via::Session { csrf } => Some(csrf.clone()),
            _ => None,
        },
    })
}

/// The outline of an OpenAPI document (for the document's own entry).
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct OpenApiDocument {
    /// The OpenAPI version (`3.1.0`).
    openapi: String,
    /// Title, description and version of the API.
    #[schema(value_type = Object)]
    info: serde_json::Value,
    /// Each path with its operations.
    #[schema(value_type = Object)]
    paths: serde_json::Value,
    /// The schemas, responses and security schemes the paths refer to.
    #[schema(value_type = Option<Object>)]
    components: Option<serde_json::Value>,
    /// Where the API is served (`/api/v1`).
    #[schema(value_type = Option<Vec<Object>>)]
    servers: Option<serde_json::Value>,
    /// The ways to authenticate (a bearer token, or the session cookie).
    #[schema(value_type = Option<Vec<Object>>)]
    security: Option<serde_json::Value>,
    /// The groups of operations.
    #[schema(value_type = Option<Vec<Object>>)]
    tags: Option<serde_json::Value>,
}

/// The OpenAPI document of this API.
#[utoipa::path(get, path = "/openapi.json", tag = "system",
    responses((status = 200, description = "This document (OpenAPI 3.1)", body = OpenApiDocument)))]
pub async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    let mut doc = ApiDoc::openapi();
    doc.servers = Some(vec![utoipa::openapi::Server::new("/api/v1")]);
    Json(doc)
}
