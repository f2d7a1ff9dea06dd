//! The single error envelope of the API: `{"error": {"code", "message", "parameter"?}}`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use jobmarket_storage::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

/// An error answered to a client. Messages are lowercase and say what to change.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    /// The query parameter at fault, for 400s.
    pub parameter: Option<String>,
}

/// The body of every error response.
#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable machine-readable code, e.g. `invalid_parameter`, `not_found`.
    pub code: String,
    /// What went wrong, for a human.
    pub message: String,
    /// The offending query parameter, when one is at fault.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            parameter: None,
        }
    }

    /// A 400 naming the parameter at fault.
    pub fn invalid(parameter: &str, message: impl std::fmt::Display) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            code: "invalid_parameter",
            message: format!("{parameter}: {message}"),
            parameter: Some(parameter.to_string()),
        }
    }

    pub fn unknown_parameter(parameter: &str, allowed: &[&str]) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            code: "unknown_parameter",
            message: format!(
                "unknown parameter `{parameter}` (accepted here: {})",
                allowed.join(", ")
            ),
            parameter: Some(parameter.to_string()),
        }
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", message)
    }
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        match err {
            // the API validates its queries first: an invalid store query is our bug
            StoreError::InvalidQuery(m) => ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                format!("the store refused a query: {m}"),
            ),
            other => {
                tracing::warn!(error = %other, "store unavailable");
                ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "store_unavailable",
                    format!("the offer store cannot answer now: {other}"),
                )
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code.to_string(),
                message: self.message,
                parameter: self.parameter,
            },
        };
        (self.status, axum::Json(body)).into_response()
    }
}
