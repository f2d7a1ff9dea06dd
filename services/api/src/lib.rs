//! The read service: the REST API over the store of offers (`/api/v1/…`), its OpenAPI
//! document (`/api/openapi.json`, browsable at `/api/docs`), health checks and Prometheus
//! metrics. Read-only, except `POST /api/v1/admin/ingest` when an admin token is configured.
//!
//! The API knows the store only through [`jobmarket_storage::Store`] and the collection only
//! through [`Refresher`], which the binary implements; every figure is computed by typed
//! analytics queries ([`jobmarket_storage::AnalyticsQuery`]).

pub mod error;
mod metrics;
mod middleware;
mod openapi;
pub mod params;
mod routes;
mod state;
pub mod vocab;

use std::net::SocketAddr;
use std::time::Duration;

pub use crate::error::{ApiError, ErrorBody};
pub use crate::openapi::{ApiDoc, tables as documented_parameters};
pub use crate::state::{AppState, Clock, Collection, DataStatus, Refresher};

/// What the server is configured with.
#[derive(Debug, Clone)]
pub struct ApiConfig {
    /// `POST /api/v1/admin/ingest` is refused unless this token is set and presented.
    pub admin_token: Option<String>,
    /// Origins allowed to call the API from a browser (none by default).
    pub cors_origins: Vec<String>,
    /// Longest a request may take before a 503.
    pub request_timeout: Duration,
    /// Largest request body accepted.
    pub body_limit: usize,
    /// Salary figures of fewer offers than this are not shown.
    pub salary_min_count: u64,
    /// How long an answer is reused for the same request (0: never).
    pub cache_ttl: Duration,
    /// Store queries running at once (the others wait their turn); 0 for no limit.
    pub store_concurrency: usize,
}

impl Default for ApiConfig {
    fn default() -> Self {
        ApiConfig {
            admin_token: None,
            cors_origins: Vec::new(),
            request_timeout: Duration::from_secs(10),
            body_limit: 16 * 1024,
            salary_min_count: 10,
            cache_ttl: Duration::from_secs(600),
            store_concurrency: std::thread::available_parallelism().map_or(2, |n| n.get()),
        }
    }
}

/// The whole HTTP application.
pub fn router(state: AppState) -> axum::Router {
    routes::router(state)
}

/// Serves the API on `addr` until `shutdown` completes.
pub async fn serve(
    state: AppState,
    addr: SocketAddr,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    serve_on(state, listener, shutdown).await
}

/// Serves the API on an open listener (tests bind port 0 and read the address first).
pub async fn serve_on(
    state: AppState,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}
