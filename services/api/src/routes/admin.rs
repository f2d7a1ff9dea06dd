//! `POST /api/v1/admin/ingest`: starts a collection, for holders of the admin token only.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;

#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct IngestStarted {
    /// `started`.
    pub status: String,
    /// Follow it at `/api/v1/status` (`refresh`).
    pub message: String,
}

/// Starts an incremental collection (and its indexing) in the background. Needs
/// `Authorization: Bearer <JOBMARKET_ADMIN_TOKEN>`; refused when no token is configured.
#[utoipa::path(post, path = "/api/v1/admin/ingest", tag = "admin",
    security(("bearer" = [])),
    responses(
        (status = 202, description = "Collection started", body = IngestStarted),
        (status = 401, description = "Missing or wrong token", body = ErrorBody),
        (status = 403, description = "No admin token configured: the API is read-only", body = ErrorBody),
        (status = 409, description = "A collection is already running, or none is configured", body = ErrorBody),
    ))]
pub async fn start_ingest(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<(StatusCode, Json<IngestStarted>), ApiError> {
    let Some(expected) = state.config().admin_token.as_deref() else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "read_only",
            "the API is read-only: set JOBMARKET_ADMIN_TOKEN to enable admin calls",
        ));
    };
    let presented = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if !presented.is_some_and(|p| constant_time_eq(p.as_bytes(), expected.as_bytes())) {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "missing or wrong bearer token",
        ));
    }
    if !state.has_refresher() {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "no_collection",
            "this server has no collection configured",
        ));
    }
    if state.refresh_running() {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "ingest_running",
            "a collection is already running; see /api/v1/status",
        ));
    }
    let background = state.clone();
    tokio::spawn(async move {
        let _ = background.refresh().await;
    });
    Ok((
        StatusCode::ACCEPTED,
        Json(IngestStarted {
            status: "started".into(),
            message: "collection started; follow it at /api/v1/status".into(),
        }),
    ))
}

/// Compares without stopping at the first difference, so timing does not leak the token.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
