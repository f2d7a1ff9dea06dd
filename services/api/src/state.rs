//! What every request handler shares: the store, the configuration, the state of the data
//! (demo or not, last collection) and the collection trigger.

use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use jobmarket_storage::{AnalyticsQuery, QueryResult, Store};
use serde::Serialize;
use utoipa::ToSchema;

use crate::ApiConfig;
use crate::error::ApiError;
use crate::metrics::Metrics;
use crate::middleware::Cache;

/// Runs a collection and indexes it (the binary implements it: France Travail with
/// credentials, the simulator in demo mode).
#[async_trait]
pub trait Refresher: Send + Sync {
    /// Collects what changed since the last collection and indexes it; returns the state of
    /// the data afterwards, or why it failed.
    async fn refresh(&self) -> Result<DataStatus, String>;
}

/// The clock the figures are computed at ("new in the last 7 days").
pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// One collection run, as the API reports it.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize, ToSchema)]
pub struct Collection {
    pub source: String,
    /// `success`, `failed` or `running`.
    pub status: String,
    /// `full`, `incremental` or `sample`.
    pub mode: String,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    /// Offers collected by the run.
    pub offers: u64,
}

/// The state of the data served.
#[derive(Debug, Clone, Default, PartialEq, Serialize, serde::Deserialize, ToSchema)]
pub struct DataStatus {
    /// The offers are simulated demo data, not the real market.
    pub demo: bool,
    /// The latest collection run, successful or not.
    pub last_collection: Option<Collection>,
    /// When the latest successful collection finished.
    pub last_success_at: Option<DateTime<Utc>>,
}

/// The state of the on-demand refresh.
#[derive(Debug, Clone, Default, Serialize, serde::Deserialize, ToSchema)]
pub struct RefreshState {
    pub running: bool,
    pub last_started_at: Option<DateTime<Utc>>,
    pub last_finished_at: Option<DateTime<Utc>>,
    /// Why the last refresh failed, if it did.
    pub last_error: Option<String>,
}

/// Shared by every handler (cheap to clone).
#[derive(Clone)]
pub struct AppState {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub store: Arc<dyn Store>,
    pub config: ApiConfig,
    pub clock: Clock,
    pub status: RwLock<DataStatus>,
    pub refresher: Option<Arc<dyn Refresher>>,
    pub refresh: Mutex<RefreshState>,
    pub metrics: Metrics,
    pub cache: Cache,
    /// Store queries running at once (`ApiConfig::store_concurrency`); the others wait.
    pub store_slots: tokio::sync::Semaphore,
}

impl AppState {
    pub fn new(store: Arc<dyn Store>, config: ApiConfig, status: DataStatus) -> AppState {
        let cache = Cache::new(config.cache_ttl);
        let slots = match config.store_concurrency {
            0 => tokio::sync::Semaphore::MAX_PERMITS,
            n => n,
        };
        let metrics = Metrics::default();
        metrics.record_collection(&status);
        AppState {
            inner: Arc::new(Inner {
                store,
                config,
                clock: Arc::new(Utc::now),
                status: RwLock::new(status),
                refresher: None,
                refresh: Mutex::new(RefreshState::default()),
                metrics,
                cache,
                store_slots: tokio::sync::Semaphore::new(slots),
            }),
        }
    }

    /// The same state with another clock (tests pin "now").
    pub fn with_clock(self, clock: Clock) -> AppState {
        self.map_inner(|inner| inner.clock = clock)
    }

    /// The same state with a collection trigger (admin ingest and scheduled refreshes).
    pub fn with_refresher(self, refresher: Arc<dyn Refresher>) -> AppState {
        self.map_inner(|inner| inner.refresher = Some(refresher))
    }

    fn map_inner(self, f: impl FnOnce(&mut Inner)) -> AppState {
        let mut inner = Arc::try_unwrap(self.inner)
            .unwrap_or_else(|_| panic!("configure the state before serving it"));
        f(&mut inner);
        AppState {
            inner: Arc::new(inner),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        (self.inner.clock)()
    }

    pub fn config(&self) -> &ApiConfig {
        &self.inner.config
    }

    pub fn status(&self) -> DataStatus {
        self.inner.status.read().expect("status lock").clone()
    }

    /// Replaces the state of the data (after a collection) and forgets cached answers.
    pub fn set_status(&self, status: DataStatus) {
        *self.inner.status.write().expect("status lock") = status;
        self.data_changed();
    }

    /// The offers changed (e.g. indexed by another process): cached answers are dropped.
    pub fn data_changed(&self) {
        self.inner.cache.clear();
    }

    pub fn refresh_state(&self) -> RefreshState {
        self.inner.refresh.lock().expect("refresh lock").clone()
    }

    /// Runs a collection now; `Err` when one is already running or none can run.
    pub async fn refresh(&self) -> Result<DataStatus, String> {
        let Some(refresher) = self.inner.refresher.clone() else {
            return Err("no collection is configured for this server".into());
        };
        {
            let mut r = self.inner.refresh.lock().expect("refresh lock");
            if r.running {
                return Err("a collection is already running".into());
            }
            r.running = true;
            r.last_started_at = Some(Utc::now());
        }
        let result = refresher.refresh().await;
        {
            let mut r = self.inner.refresh.lock().expect("refresh lock");
            r.running = false;
            r.last_finished_at = Some(Utc::now());
            r.last_error = result.as_ref().err().cloned();
        }
        match &result {
            Ok(status) => {
                self.inner.metrics.record_collection(status);
                self.set_status(status.clone());
            }
            Err(e) => tracing::warn!(error = %e, "collection failed"),
        }
        result
    }

    pub(crate) fn refresh_running(&self) -> bool {
        self.inner.refresh.lock().expect("refresh lock").running
    }

    pub(crate) fn has_refresher(&self) -> bool {
        self.inner.refresher.is_some()
    }

    pub(crate) fn store(&self) -> &dyn Store {
        self.inner.store.as_ref()
    }

    pub(crate) fn metrics(&self) -> &Metrics {
        &self.inner.metrics
    }

    /// Runs a query on the store, timed for the metrics.
    pub(crate) async fn query(&self, query: &AnalyticsQuery) -> Result<QueryResult, ApiError> {
        let _slot = self
            .inner
            .store_slots
            .acquire()
            .await
            .expect("the semaphore is never closed");
        let started = Instant::now();
        let result = self.inner.store.query(query).await;
        self.inner
            .metrics
            .store_latency(started.elapsed(), result.is_ok());
        Ok(result?)
    }
}
