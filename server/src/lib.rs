//! The web application and HTTP API of a guifan registry: what `guifan serve` runs.
//!
//! One process serves the staff's pages (server-rendered HTML in Chinese, working without
//! JavaScript) and the JSON API under `/api/v1` on the same registry. Every answer comes from
//! the library (`guifan`): the pages render its answer types, the API serialises them.
//!
//! - [`state`]: the registry handles (a pool of readers, one writer, the shared search index),
//!   the accounts store and the configuration.
//! - [`accounts`]: local accounts, sessions and API tokens in `accounts.sqlite` beside the
//!   registry's store (kept out of the audit-chained store).
//! - [`auth`]: who is calling (session cookie, bearer token, or the public portal), roles and
//!   CSRF tokens.
//! - [`api`]: the `/api/v1` routes and the OpenAPI document.
//! - [`web`]: the pages.
//! - [`error`]: the errors of both, as RFC 9457 problem details or as a page.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let config = guifan_server::Config::new("guifan-registry");
//! let app = guifan_server::App::open(config)?;
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! guifan_server::serve(app, listener, async { let _ = tokio::signal::ctrl_c().await; }).await?;
//! # Ok(()) }
//! ```

pub mod accounts;
pub mod api;
pub mod auth;
pub mod error;
pub mod forms;
pub mod log;
pub mod ops;
pub mod state;
pub mod upload;
pub mod web;
pub mod xlsx;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;

pub use accounts::{Accounts, Role, TokenScope};
pub use error::AppError;
pub use state::{App, Config};

/// The whole application: the pages, the API and the assets, with request logging, body
/// limits and compression.
pub fn router(app: Arc<App>) -> Router {
    let uploads = app.config.max_upload_bytes;
    Router::new()
        .merge(web::routes(&app))
        .nest("/api/v1", api::routes(&app))
        .layer(axum::middleware::from_fn(log::requests))
        .layer(tower_http::compression::CompressionLayer::new())
        .layer(axum::extract::DefaultBodyLimit::max(uploads))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            uploads + 64 * 1024,
        ))
        .with_state(app)
}

/// Serves the application on `listener` until `shutdown` completes; requests in flight are
/// finished first, and writes already handed to the writer run to their end.
pub async fn serve(
    app: Arc<App>,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let service = router(app).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(shutdown)
        .await
}
