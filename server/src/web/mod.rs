//! The pages: server-rendered HTML in Chinese that works without JavaScript (charts are SVG
//! drawn on the server). Each page makes the library calls its section needs, on a read
//! handle; each form posts to the server, which writes through the one writer and redirects
//! back (or shows the page again with the error).

pub mod admin;
pub mod campaigns;
pub mod chart;
pub mod documents;
pub mod drafts;
pub mod import;
pub mod layout;
pub mod login;
pub mod records;
pub mod search;
pub mod stats;

use std::sync::Arc;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use crate::state::App;

/// The pages' routes. The public portal serves search and documents only.
pub fn routes(app: &App) -> Router<Arc<App>> {
    let common = Router::new()
        .route("/", get(|| async { Redirect::to("/search") }))
        .route("/assets/style.css", get(style))
        .route("/search", get(search::page))
        .route("/documents/{reference}", get(documents::page))
        .route("/documents/{reference}/article", get(documents::jump))
        .route(
            "/documents/{reference}/articles/{article}",
            get(documents::article),
        )
        .fallback(not_found);
    if app.config.public {
        return common;
    }
    common
        .route("/login", get(login::form).post(login::submit))
        .route("/logout", post(login::logout))
        .route("/documents", get(documents::list))
        .route(
            "/documents/{reference}/status",
            post(documents::change_status),
        )
        .route("/documents/{reference}/relations", post(documents::relate))
        .route("/campaigns", get(campaigns::list).post(campaigns::open))
        .route("/campaigns/{key}", get(campaigns::page))
        .route("/campaigns/{key}/report", get(campaigns::report))
        .route("/campaigns/{key}/decisions", post(campaigns::decide))
        .route("/campaigns/{key}/announce", post(campaigns::announce))
        .route("/stats", get(stats::page))
        .route("/filings", get(records::filings).post(records::file))
        .route("/reviews", get(records::reviews).post(records::review))
        .route("/import", get(import::form).post(import::submit))
        .route("/drafts", get(drafts::page).post(drafts::check))
        .route("/admin", get(admin::page))
        .route("/admin/users", post(admin::add_user))
        .route("/admin/tokens", post(admin::add_token))
        .route("/admin/tokens/revoke", post(admin::revoke_token))
}

async fn style() -> Response {
    let mut r = layout::STYLE.into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/css; charset=utf-8"),
    );
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    r
}

async fn not_found() -> Response {
    layout::error_page(
        &crate::error::AppError::NotFound("没有这个页面".into()),
        None,
    )
}

/// A redirect after a form was handled (303: the browser GETs the page).
pub fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}
