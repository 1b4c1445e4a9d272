//! Request logging: one line per request on stderr — time, method, path, status, milliseconds
//! and who called (`-` before anyone is identified).

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;

/// Where the caller's name is left for the log line, by the extractor that identifies them.
#[derive(Debug, Clone, Default)]
pub struct LogUser(Arc<Mutex<Option<String>>>);

impl LogUser {
    /// Records who the caller is.
    pub fn set(&self, name: &str) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = Some(name.to_owned());
    }

    fn get(&self) -> String {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
            .unwrap_or_else(|| "-".to_owned())
    }
}

/// The middleware that logs each request once it is answered.
pub async fn requests(mut req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let user = LogUser::default();
    req.extensions_mut().insert(user.clone());
    let response = next.run(req).await;
    eprintln!(
        "{} {method} {path} {} {:.1}ms {}",
        guifan::date::now_timestamp(),
        response.status().as_u16(),
        start.elapsed().as_secs_f64() * 1000.0,
        user.get()
    );
    response
}
