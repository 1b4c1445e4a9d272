//! The HTTP API under `/api/v1`: JSON of the library's answer types, the same values the
//! command line prints with `--json`. Errors are RFC 9457 problem details. The OpenAPI
//! document at `/api/v1/openapi.json` is generated from the handlers' annotations.
//!
//! Callers identify with a bearer token (`Authorization: Bearer gf_…`, scope `read` or
//! `write`) or with the session cookie of the pages (writes then need the `X-CSRF-Token`
//! header). On the public portal only `search` is served, restricted to the documents in
//! force today.

mod campaigns;
pub(crate) mod documents;
mod records;
pub(crate) mod search;
pub(crate) mod stats;
mod system;

use std::sync::Arc;

use axum::Router;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::de::DeserializeOwned;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{IntoResponses, Modify, OpenApi, ToSchema};

use crate::error::{ApiError, AppError};
use crate::state::App;

/// What an API handler answers.
pub type ApiResult<T> = Result<T, ApiError>;

/// A query string read into `T`; a malformed one is a 400 problem.
#[derive(Debug)]
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| ApiQuery(q.0))
            .map_err(|e| ApiError(AppError::BadRequest(e.body_text())))
    }
}

/// A JSON body read into `T`; a malformed one is a 400 problem.
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        axum::Json::<T>::from_request(req, state)
            .await
            .map(|j| ApiJson(j.0))
            .map_err(|e| ApiError(AppError::BadRequest(e.body_text())))
    }
}

/// A body of another type: CSV, XML, JSON Lines, an Excel file.
pub fn typed(content_type: &'static str, body: impl Into<axum::body::Body>) -> Response {
    let mut r = Response::new(body.into());
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    r
}

/// A body to download under a file name (ASCII; the name is built by the server).
pub fn download(
    content_type: &'static str,
    file: &str,
    body: impl Into<axum::body::Body>,
) -> Response {
    let mut r = typed(content_type, body);
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{file}\"")) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

/// An RFC 9457 problem (for the OpenAPI document).
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct ProblemDoc {
    /// Always `about:blank`.
    #[schema(rename = "type")]
    kind: String,
    /// A short title in Chinese.
    title: String,
    /// The HTTP status.
    status: u16,
    /// The library's message (the command line's error text).
    detail: String,
}

/// The errors every endpoint may answer with.
#[derive(Debug, IntoResponses)]
#[allow(dead_code)]
pub enum Problems {
    /// Bad input: a value that does not parse, an unknown label, a reference that names
    /// several documents, a bad record in an import.
    #[response(status = 400, content_type = "application/problem+json")]
    BadInput(ProblemDoc),
    /// No session or token.
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(ProblemDoc),
    /// The role or the token's scope does not allow it, or the CSRF token is missing.
    #[response(status = 403, content_type = "application/problem+json")]
    Forbidden(ProblemDoc),
    /// A reference that names nothing.
    #[response(status = 404, content_type = "application/problem+json")]
    NotFound(ProblemDoc),
    /// A conflict with the registry, or a refused status change.
    #[response(status = 409, content_type = "application/problem+json")]
    Conflict(ProblemDoc),
    /// A failure of the registry or the server.
    #[response(status = 500, content_type = "application/problem+json")]
    Internal(ProblemDoc),
}

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "An API token made with `guifan token add NAME --scope read|write`",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                crate::auth::SESSION_COOKIE,
                "The pages' session cookie; writes also need the X-CSRF-Token header",
            ))),
        );
    }
}

/// The OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "guifan",
        description = "The HTTP API of a guifan registry of normative documents: the library's answers as JSON.",
    ),
    security(("bearer" = []), ("session" = [])),
    modifiers(&Security),
    paths(
        search::search,
        documents::list,
        documents::dossier,
        documents::article,
        documents::versions,
        documents::version_text,
        documents::export,
        documents::impact,
        documents::diff,
        documents::audit,
        records::status_changes,
        records::change_status,
        records::relations,
        records::relate,
        records::filings,
        records::file,
        records::reviews,
        records::review,
        stats::counts,
        stats::filings,
        stats::reviews,
        stats::expiring,
        campaigns::list,
        campaigns::open,
        campaigns::campaign,
        campaigns::report,
        campaigns::decisions,
        campaigns::decide,
        campaigns::announce,
        campaigns::suggestions,
        campaigns::record_suggestions,
        system::import,
        system::check,
        system::me,
        system::openapi,
    ),
    components(schemas(
        ProblemDoc,
        crate::forms::DecisionInput,
        crate::forms::FilingInput,
        crate::forms::ReviewInput,
        crate::forms::StatusInput,
        crate::forms::RelationInput,
        crate::forms::CampaignInput,
        crate::forms::AnnounceInput,
    ))
)]
pub struct ApiDoc;

/// The API's routes (relative to `/api/v1`).
pub fn routes(app: &App) -> Router<Arc<App>> {
    let public = Router::new()
        .route("/search", get(search::search))
        .route("/openapi.json", get(system::openapi))
        .route("/me", get(system::me));
    if app.config.public {
        return public.fallback(not_found);
    }
    public
        .route("/documents", get(documents::list))
        .route("/documents/{reference}", get(documents::dossier))
        .route(
            "/documents/{reference}/articles/{article}",
            get(documents::article),
        )
        .route("/documents/{reference}/versions", get(documents::versions))
        .route(
            "/documents/{reference}/versions/{seq}/text",
            get(documents::version_text),
        )
        .route("/documents/{reference}/export", get(documents::export))
        .route("/documents/{reference}/impact", get(documents::impact))
        .route("/documents/{reference}/diff", get(documents::diff))
        .route("/documents/{reference}/audit", get(documents::audit))
        .route(
            "/documents/{reference}/status",
            get(records::status_changes).post(records::change_status),
        )
        .route("/documents/{reference}/relations", get(records::relations))
        .route("/relations", post(records::relate))
        .route("/filings", get(records::filings).post(records::file))
        .route("/reviews", get(records::reviews).post(records::review))
        .route("/stats", get(stats::counts))
        .route("/stats/filings", get(stats::filings))
        .route("/stats/reviews", get(stats::reviews))
        .route("/stats/expiring", get(stats::expiring))
        .route("/campaigns", get(campaigns::list).post(campaigns::open))
        .route("/campaigns/{key}", get(campaigns::campaign))
        .route("/campaigns/{key}/report", get(campaigns::report))
        .route(
            "/campaigns/{key}/decisions",
            get(campaigns::decisions).post(campaigns::decide),
        )
        .route("/campaigns/{key}/announce", post(campaigns::announce))
        .route(
            "/campaigns/{key}/suggestions",
            get(campaigns::suggestions).post(campaigns::record_suggestions),
        )
        .route("/import", post(system::import))
        .route("/check", get(system::check))
        .fallback(not_found)
}

async fn not_found() -> ApiError {
    ApiError(AppError::NotFound("没有这个接口".into()))
}

/// `201 Created` with a JSON body.
pub fn created<T: serde::Serialize>(value: &T) -> Response {
    (axum::http::StatusCode::CREATED, axum::Json(value)).into_response()
}
