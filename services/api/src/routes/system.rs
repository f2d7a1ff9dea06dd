//! Health, readiness, metrics, the state of the data and the vocabularies.

use axum::Json;
use axum::extract::{RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use super::Meta;
use crate::error::{ApiError, ErrorBody};
use crate::params::Params;
use crate::state::{AppState, DataStatus, RefreshState};
use crate::vocab::{Vocabularies, vocabularies as all_vocabularies};

#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct Health {
    pub status: String,
}

/// Liveness: the process answers.
#[utoipa::path(get, path = "/healthz", tag = "system",
    responses((status = 200, description = "Alive", body = Health)))]
pub async fn healthz() -> Json<Health> {
    Json(Health {
        status: "ok".into(),
    })
}

#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct Ready {
    pub status: String,
    /// The engine answering, e.g. `embedded (tantivy)`.
    pub engine: String,
    pub offers: u64,
}

/// Readiness: the store answers.
#[utoipa::path(get, path = "/readyz", tag = "system",
    responses(
        (status = 200, description = "Ready to serve", body = Ready),
        (status = 503, description = "Store unavailable", body = ErrorBody),
    ))]
pub async fn readyz(State(state): State<AppState>) -> Result<Json<Ready>, ApiError> {
    let health = state.store().health().await?;
    Ok(Json(Ready {
        status: "ready".into(),
        engine: health.engine,
        offers: health.offers,
    }))
}

/// Prometheus metrics (text exposition format).
pub async fn metrics(State(state): State<AppState>) -> Response {
    let offers = state.store().health().await.ok().map(|h| h.offers);
    let body = state.metrics().render(offers, state.status().demo);
    (
        StatusCode::OK,
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        body,
    )
        .into_response()
}

#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct StoreStatus {
    pub engine: Option<String>,
    pub offers: Option<u64>,
    /// Why the store does not answer, if it does not.
    pub error: Option<String>,
}

#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct StatusResponse {
    pub meta: Meta,
    pub data: DataStatus,
    pub store: StoreStatus,
    pub refresh: RefreshState,
    /// `POST /api/v1/admin/ingest` is enabled (an admin token is configured).
    pub admin_enabled: bool,
    pub version: String,
}

/// The state of the data: demo or real, the latest collection, the store.
#[utoipa::path(get, path = "/api/v1/status", tag = "system",
    responses(
        (status = 200, description = "State of the data", body = StatusResponse),
        (status = 400, description = "Invalid parameter", body = ErrorBody),
    ))]
pub async fn status(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<StatusResponse>, ApiError> {
    Params::parse(raw.as_deref()).finish()?;
    let store = match state.store().health().await {
        Ok(h) => StoreStatus {
            engine: Some(h.engine),
            offers: Some(h.offers),
            error: None,
        },
        Err(e) => StoreStatus {
            engine: None,
            offers: None,
            error: Some(e.to_string()),
        },
    };
    Ok(Json(StatusResponse {
        meta: Meta::of(&state),
        data: state.status(),
        store,
        refresh: state.refresh_state(),
        admin_enabled: state.config().admin_token.is_some(),
        version: env!("CARGO_PKG_VERSION").into(),
    }))
}

#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct VocabulariesResponse {
    pub meta: Meta,
    #[serde(flatten)]
    pub vocabularies: Vocabularies,
}

/// The values every filter accepts, with French labels.
#[utoipa::path(get, path = "/api/v1/vocabularies", tag = "system",
    responses(
        (status = 200, description = "Vocabularies", body = VocabulariesResponse),
        (status = 400, description = "Invalid parameter", body = ErrorBody),
    ))]
pub async fn vocabularies(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<VocabulariesResponse>, ApiError> {
    Params::parse(raw.as_deref()).finish()?;
    Ok(Json(VocabulariesResponse {
        meta: Meta::of(&state),
        vocabularies: all_vocabularies(),
    }))
}
