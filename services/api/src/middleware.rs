//! What wraps every request: metrics, the body-size limit, the timeout, the demo-data header
//! and the response cache.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::state::AppState;

/// Entries kept at most; the cache is emptied when full.
const CACHE_ENTRIES: usize = 4_096;
/// Largest answer kept.
const CACHE_BODY_MAX: usize = 16 * 1024 * 1024;

/// Recent answers of GET requests, by URL, for `ttl`; emptied when the data change.
pub struct Cache {
    ttl: Duration,
    entries: Mutex<HashMap<String, (Instant, Bytes)>>,
    /// One lock per URL being computed: simultaneous misses of one URL compute it once.
    computing: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

impl Cache {
    pub fn new(ttl: Duration) -> Cache {
        Cache {
            ttl,
            entries: Mutex::new(HashMap::new()),
            computing: Mutex::new(HashMap::new()),
        }
    }

    fn get(&self, key: &str) -> Option<Bytes> {
        let entries = self.entries.lock().expect("cache lock");
        entries
            .get(key)
            .filter(|(at, _)| at.elapsed() < self.ttl)
            .map(|(_, body)| body.clone())
    }

    fn put(&self, key: String, body: Bytes) {
        let mut entries = self.entries.lock().expect("cache lock");
        if entries.len() >= CACHE_ENTRIES {
            entries.clear();
        }
        entries.insert(key, (Instant::now(), body));
    }

    pub fn clear(&self) {
        self.entries.lock().expect("cache lock").clear();
    }

    fn lock_for(&self, key: &str) -> Arc<tokio::sync::Mutex<()>> {
        let mut computing = self.computing.lock().expect("cache lock");
        if computing.len() >= CACHE_ENTRIES {
            computing.retain(|_, lock| Arc::strong_count(lock) > 1);
        }
        computing.entry(key.to_string()).or_default().clone()
    }
}

/// Counts and times every request by route.
pub async fn metrics(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().to_string();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", |p| p.as_str())
        .to_string();
    let response = next.run(request).await;
    let status = response.status().as_u16();
    state
        .metrics()
        .request(&method, &route, status, started.elapsed());
    if status >= 500 {
        tracing::warn!(%method, %route, status, "request failed");
    } else {
        tracing::debug!(%method, %route, status, elapsed_ms = started.elapsed().as_millis() as u64, "request");
    }
    response
}

/// Refuses bodies over the configured size (413), before anything reads them.
pub async fn body_limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let limit = state.config().body_limit;
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            format!("request bodies are limited to {limit} bytes"),
        )
        .into_response();
    }
    next.run(request).await
}

/// Answers 503 when a request takes longer than the configured timeout.
pub async fn timeout(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let limit = state.config().request_timeout;
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "timeout",
            format!(
                "the answer took longer than {} ms; narrow the filters or retry",
                limit.as_millis()
            ),
        )
        .into_response(),
    }
}

/// Marks every answer computed from demo data with `x-jobmarket-demo: true`.
pub async fn demo_header(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    if state.status().demo {
        response
            .headers_mut()
            .insert("x-jobmarket-demo", HeaderValue::from_static("true"));
    }
    response
}

/// Serves a recent identical GET from the cache; keeps successful JSON answers.
pub async fn cache(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let cache = &state.inner.cache;
    if cache.ttl.is_zero() || request.method() != Method::GET {
        return next.run(request).await;
    }
    let key = request.uri().to_string();
    if let Some(body) = cache.get(&key) {
        state.metrics().cache(true);
        return json_response(body);
    }
    // wait for a request computing the same answer, then take it from the cache
    let lock = cache.lock_for(&key);
    let _computing = lock.lock().await;
    if let Some(body) = cache.get(&key) {
        state.metrics().cache(true);
        return json_response(body);
    }
    state.metrics().cache(false);
    let response = next.run(request).await;
    let no_store = response
        .headers()
        .get(header::CACHE_CONTROL)
        .is_some_and(|v| v.as_bytes().starts_with(b"no-store"));
    if response.status() != StatusCode::OK || no_store {
        return response;
    }
    let (parts, body) = response.into_parts();
    match axum::body::to_bytes(body, CACHE_BODY_MAX).await {
        Ok(bytes) => {
            cache.put(key, bytes.clone());
            Response::from_parts(parts, Body::from(bytes))
        }
        Err(e) => ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            format!("cannot read the answer: {e}"),
        )
        .into_response(),
    }
}

fn json_response(body: Bytes) -> Response {
    let mut response = Response::new(Body::from(body));
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}
