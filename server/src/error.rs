//! The errors of the web application and the API.
//!
//! The API answers with RFC 9457 problem details (`application/problem+json`) carrying the
//! library's message and the command line's split: bad input 400, a reference that names
//! nothing 404, a conflict or a refused change 409, anything else 500. Pages show the same
//! error in Chinese inside the page (see `web::layout::error_page`).

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::accounts::AccountError;

/// An error of a request.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The library's error.
    #[error(transparent)]
    Registry(#[from] guifan::Error),
    /// An error of the accounts store.
    #[error(transparent)]
    Account(#[from] AccountError),
    /// No session or token, or an unknown one.
    #[error("请先登录，或在请求头中附带 API 令牌（`Authorization: Bearer …`）")]
    Unauthorized,
    /// Signed in, but the role or the token's scope does not allow it.
    #[error("{0}")]
    Forbidden(String),
    /// A form or a cookie-authenticated request without the right CSRF token.
    #[error("缺少或错误的 CSRF 令牌：请刷新页面后重试")]
    Csrf,
    /// Too many failed logins.
    #[error("{0}")]
    TooManyAttempts(String),
    /// An upload over the size limit.
    #[error("{0}")]
    TooLarge(String),
    /// A request the server cannot read (a malformed upload, a bad query string).
    #[error("{0}")]
    BadRequest(String),
    /// Something that is not there (a page, a route that public mode does not serve).
    #[error("{0}")]
    NotFound(String),
    /// A failure of the server itself.
    #[error("{0}")]
    Internal(String),
}

impl From<crate::upload::UploadError> for AppError {
    fn from(e: crate::upload::UploadError) -> Self {
        match e {
            crate::upload::UploadError::TooLarge(m) => AppError::TooLarge(m),
            crate::upload::UploadError::Bad(m) => AppError::BadRequest(m),
            crate::upload::UploadError::Io(m) => AppError::Internal(m),
        }
    }
}

impl AppError {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Registry(e) => registry_status(e),
            AppError::Account(e) => match e {
                AccountError::Invalid(_) => StatusCode::BAD_REQUEST,
                AccountError::NotFound(_) => StatusCode::NOT_FOUND,
                AccountError::Conflict(_) => StatusCode::CONFLICT,
                AccountError::Store(_) | AccountError::Hash(_) | AccountError::Io(_) => {
                    StatusCode::INTERNAL_SERVER_ERROR
                }
            },
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::TooManyAttempts(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The message, with its causes on one line (as the command line prints it).
    pub fn detail(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut cause: Option<&dyn std::error::Error> = Some(self);
        while let Some(c) = cause {
            let text = c.to_string();
            if !parts.iter().any(|p| p.contains(&text)) {
                parts.push(text);
            }
            cause = c.source();
        }
        parts.join(": ").replace('\n', " ")
    }

    /// The Chinese title of the error, for pages and for the problem's `title`.
    pub fn title(&self) -> &'static str {
        match self.status() {
            StatusCode::BAD_REQUEST => "输入有误",
            StatusCode::NOT_FOUND => "未找到",
            StatusCode::CONFLICT => "与登记库中的记录冲突，未作更改",
            StatusCode::UNAUTHORIZED => "请先登录",
            StatusCode::FORBIDDEN => "无权进行此操作",
            StatusCode::TOO_MANY_REQUESTS => "登录失败次数过多",
            StatusCode::PAYLOAD_TOO_LARGE => "上传的文件过大",
            StatusCode::SERVICE_UNAVAILABLE => "登记库正忙，未作更改，请稍后重试",
            _ => "服务器内部错误",
        }
    }
}

/// The command line's split of the library's errors, as HTTP statuses.
pub fn registry_status(e: &guifan::Error) -> StatusCode {
    match e {
        guifan::Error::NotFound { .. } => StatusCode::NOT_FOUND,
        guifan::Error::Conflict(_) | guifan::Error::StatusChange(_) => StatusCode::CONFLICT,
        // Another process held the write lock too long: nothing was written, try again.
        guifan::Error::Busy { .. } => StatusCode::SERVICE_UNAVAILABLE,
        // The registry folder cannot be written: no write can succeed until that changes.
        guifan::Error::ReadOnly { .. } => StatusCode::CONFLICT,
        e if e.is_bad_input() => StatusCode::BAD_REQUEST,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// An RFC 9457 problem document: what every error of the API answers with.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// `about:blank`: the status says what kind of problem it is.
    #[serde(rename = "type")]
    #[schema(value_type = String, example = "about:blank")]
    pub kind: &'static str,
    /// A short title, in Chinese.
    pub title: &'static str,
    /// The HTTP status.
    pub status: u16,
    /// The message: the library's own for its errors; bad input names the field or parameter
    /// at fault (``invalid input: `kind` = `…`: …``).
    pub detail: String,
}

/// An error answered as problem details (the API).
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.0.status();
        if status.is_server_error() {
            eprintln!("error: {}", self.0.detail());
        }
        let problem = Problem {
            kind: "about:blank",
            title: self.0.title(),
            status: status.as_u16(),
            detail: self.0.detail(),
        };
        let body = serde_json::to_vec(&problem).unwrap_or_default();
        let mut response = (status, body).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"guifan\""),
            );
        }
        response
    }
}
