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

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::Router;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::de::DeserializeOwned;
use utoipa::openapi::content::Content;
use utoipa::openapi::response::{Response as ResponseDoc, ResponseBuilder};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{Ref, RefOr};
use utoipa::{IntoResponses, Modify, OpenApi};

use crate::error::{ApiError, AppError, Problem};
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

/// What each problem status means, for the OpenAPI document.
const PROBLEMS: &[(u16, &str)] = &[
    (
        400,
        "Bad input: a value that does not parse, an unknown label or name (the nearest ones \
         suggested), an option the endpoint does not take, a reference that names several \
         documents, a bad record in an import",
    ),
    (401, "No session or token"),
    (
        403,
        "The role or the token's scope does not allow it, or the CSRF token is missing",
    ),
    (404, "A reference or a key that names nothing"),
    (
        409,
        "A conflict with the registry's records, a refused status change, or a registry \
         folder that cannot be written",
    ),
    (413, "Over the upload limit"),
    (500, "A failure of the registry or the server"),
    (
        503,
        "Another process held the registry for writing too long: nothing was written, try \
         again",
    ),
];

/// The responses for these problem statuses: RFC 9457 problem details
/// (`application/problem+json`, schema `Problem`).
fn problem_responses(statuses: &[u16]) -> BTreeMap<String, RefOr<ResponseDoc>> {
    statuses
        .iter()
        .map(|status| {
            let description = PROBLEMS
                .iter()
                .find(|(s, _)| s == status)
                .map_or("A problem", |(_, d)| d);
            let content = Content::new(Some(Ref::from_schema_name(
                <Problem as utoipa::ToSchema>::name(),
            )));
            let response = ResponseBuilder::new()
                .description(description)
                .content("application/problem+json", content)
                .build();
            (status.to_string(), RefOr::T(response))
        })
        .collect()
}

/// Declares a set of problem statuses an endpoint can answer with, for `responses(…)`.
macro_rules! problems {
    ($(#[$doc:meta])* $name:ident = [$($status:literal),+]) => {
        $(#[$doc])*
        #[derive(Debug)]
        pub struct $name;

        impl IntoResponses for $name {
            fn responses() -> BTreeMap<String, RefOr<ResponseDoc>> {
                problem_responses(&[$($status),+])
            }
        }
    };
}

problems!(
    /// A read that names no document or campaign: bad options, no caller, a failure.
    ReadProblems = [400, 401, 500]
);
problems!(
    /// A read of a document or a campaign: also a reference that names nothing.
    LookupProblems = [400, 401, 404, 500]
);
problems!(
    /// A write about a document or a campaign: also the role, conflicts and a busy registry.
    WriteProblems = [400, 401, 403, 404, 409, 500, 503]
);
problems!(
    /// A write that names nothing yet (opening a campaign).
    CreateProblems = [400, 401, 403, 409, 500, 503]
);
problems!(
    /// An import: also an upload over the limit.
    ImportProblems = [400, 401, 403, 413, 500, 503]
);
problems!(
    /// Who the caller is: only no caller, or a failure.
    CallerProblems = [401, 500]
);

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
        Problem,
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
