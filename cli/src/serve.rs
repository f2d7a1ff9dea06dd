//! `jobmarket serve` (the REST API over the store) and `jobmarket up` (collect or load the
//! demo data, index, serve, and refresh on a schedule): the wiring of `jobmarket-api` to the
//! data directory, the store and the collection.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};

use anyhow::Context;
use async_trait::async_trait;
use jobmarket_api::{ApiConfig, AppState, Collection, DataStatus, Refresher};
use jobmarket_ingest::DataDir;
use jobmarket_ingest::report::{RunMode, RunReport, RunStatus};
use jobmarket_schema::OfferId;
use jobmarket_storage::embedded::EmbeddedStore;
use jobmarket_storage::{
    AnalyticsQuery, Health, OfferFilter, QueryResult, Store, StoreError, StoredOffer, UpsertReport,
};

use crate::demo::{DemoArgs, collect_demo, demo_dir};
use crate::ingest::{FtArgs, collect};
use crate::logging::LogFormat;

/// How often `serve` looks for an index changed by another process.
const RELOAD_EVERY: Duration = Duration::from_secs(15);

#[derive(clap::Args, Clone)]
pub struct ApiArgs {
    /// Address to listen on.
    #[arg(long, env = "JOBMARKET_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Store: `embedded` (Tantivy under <data-dir>/index) or `elasticsearch` (ES_URL…).
    #[arg(long, env = "JOBMARKET_STORE", default_value = "embedded")]
    pub store: String,
    /// Bearer token enabling `POST /api/v1/admin/ingest` (read-only without it).
    #[arg(
        long = "admin-token",
        env = "JOBMARKET_ADMIN_TOKEN",
        hide_env_values = true
    )]
    pub admin_token: Option<String>,
    /// Origins allowed to call the API from a browser, comma-separated (none by default).
    #[arg(
        long = "cors-origin",
        env = "JOBMARKET_CORS_ORIGINS",
        value_delimiter = ','
    )]
    pub cors_origins: Vec<String>,
    /// Longest a request may take (e.g. 10s).
    #[arg(long, default_value = "10s", value_parser = parse_duration)]
    pub request_timeout: Duration,
    /// Salary figures of fewer offers are withheld.
    #[arg(long, env = "JOBMARKET_SALARY_MIN_COUNT", default_value_t = 10)]
    pub salary_min_count: u64,
    /// How long an identical request is answered from the cache (0 to disable); the cache is
    /// also emptied whenever the data change.
    #[arg(long, default_value = "10m", value_parser = parse_duration)]
    pub cache_ttl: Duration,
    /// Store queries computed at once, the others waiting their turn [default: the number of
    /// cores; 0: no limit].
    #[arg(long)]
    pub store_concurrency: Option<usize>,
}

impl ApiArgs {
    fn config(&self) -> ApiConfig {
        ApiConfig {
            admin_token: self.admin_token.clone().filter(|t| !t.is_empty()),
            cors_origins: self.cors_origins.clone(),
            request_timeout: self.request_timeout,
            salary_min_count: self.salary_min_count,
            cache_ttl: self.cache_ttl,
            store_concurrency: self
                .store_concurrency
                .unwrap_or(ApiConfig::default().store_concurrency),
            ..ApiConfig::default()
        }
    }
}

#[derive(clap::Args)]
pub struct ServeArgs {
    #[command(flatten)]
    api: ApiArgs,
    /// Serve the demo data (<data-dir>/demo) instead of <data-dir>.
    #[arg(long)]
    demo: bool,
}

#[derive(clap::Args)]
pub struct UpArgs {
    #[command(flatten)]
    api: ApiArgs,
    /// Collect again every so often (e.g. 6h, 30m; 0 never).
    #[arg(long, default_value = "6h", value_parser = parse_duration)]
    refresh: Duration,
    /// Use the demo data even when France Travail credentials are configured.
    #[arg(long)]
    demo: bool,
    /// Simulated offers in demo mode.
    #[arg(long, default_value_t = 3000)]
    demo_offers: usize,
}

/// `6h`, `30m`, `45s`, `2d`, `250ms` or `0`.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    if text == "0" {
        return Ok(Duration::ZERO);
    }
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .ok_or_else(|| format!("`{text}` needs a unit: ms, s, m, h or d"))?;
    let (number, unit) = text.split_at(split);
    let n: u64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a duration (e.g. 6h, 30m, 10s)"))?;
    Ok(match unit {
        "ms" => Duration::from_millis(n),
        "s" => Duration::from_secs(n),
        "m" => Duration::from_secs(n * 60),
        "h" => Duration::from_secs(n * 3600),
        "d" => Duration::from_secs(n * 86_400),
        _ => return Err(format!("unknown unit in `{text}` (ms, s, m, h or d)")),
    })
}

pub async fn serve(args: ServeArgs, data_dir: &Path, log_format: LogFormat) -> anyhow::Result<()> {
    let data = if args.demo {
        demo_dir(data_dir)
    } else {
        DataDir::new(data_dir)
    };
    let store = ServedStore::open(&args.api.store, &data).await?;
    let status = data_status(&data)?;
    let mut state = AppState::new(Arc::new(store.clone()), args.api.config(), status.clone());
    if args.api.admin_token.is_some() {
        let collector = if status.demo {
            Collector::Demo(demo_args(3000))
        } else {
            Collector::FranceTravail(default_ft_args(&args.api.store))
        };
        state = state.with_refresher(Arc::new(Refresh {
            data: data.clone(),
            collector,
            store: store.clone(),
            store_kind: args.api.store.clone(),
            log_format,
        }));
    }
    spawn_reloader(state.clone(), store, data.clone());
    run_server(state, &args.api, &data, status.demo).await
}

pub async fn up(args: UpArgs, data_dir: &Path, log_format: LogFormat) -> anyhow::Result<()> {
    let credentials = ["FT_API_CLIENT_ID", "FT_API_CLIENT_SECRET"]
        .iter()
        .all(|v| std::env::var(v).is_ok_and(|s| !s.trim().is_empty()));
    let demo = args.demo || !credentials;
    let (data, collector) = if demo {
        println!(
            "DEMO: no France Travail credentials (FT_API_CLIENT_ID, FT_API_CLIENT_SECRET in config/.env); \
serving SIMULATED offers, flagged as demo data in every answer"
        );
        (
            demo_dir(data_dir),
            Collector::Demo(demo_args(args.demo_offers)),
        )
    } else {
        (
            DataDir::new(data_dir),
            Collector::FranceTravail(default_ft_args(&args.api.store)),
        )
    };
    let refresh = Refresh {
        data: data.clone(),
        collector,
        store: ServedStore::empty(),
        store_kind: args.api.store.clone(),
        log_format,
    };
    // collect first when there is nothing to serve yet
    let status = data_status(&data)?;
    if status.last_success_at.is_none() {
        println!("collecting the offers before serving them (a minute or so)…");
        refresh.collect_and_index().await?;
    }
    let index_dir = crate::index::embedded_dir(&data);
    if args.api.store == "embedded"
        && (EmbeddedStore::needs_rebuild(&index_dir) || !index_dir.join("current").exists())
    {
        println!("index: missing or built by another version of jobmarket; rebuilding it");
        crate::index::run(
            crate::index::IndexArgs {
                source: Vec::new(),
                rebuild: true,
                store: args.api.store.clone(),
            },
            data.root(),
        )
        .await?;
    }
    let store = ServedStore::open(&args.api.store, &data).await?;
    let refresh = Refresh {
        store: store.clone(),
        ..refresh
    };
    let status = data_status(&data)?;
    let state = AppState::new(Arc::new(store.clone()), args.api.config(), status.clone())
        .with_refresher(Arc::new(refresh));
    spawn_reloader(state.clone(), store, data.clone());
    if !args.refresh.is_zero() {
        let state = state.clone();
        let every = args.refresh;
        tokio::spawn(async move {
            let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
            loop {
                tick.tick().await;
                match state.refresh().await {
                    Ok(_) => tracing::info!("scheduled collection done"),
                    Err(error) => tracing::warn!(%error, "scheduled collection failed"),
                }
            }
        });
    }
    run_server(state, &args.api, &data, status.demo).await
}

async fn run_server(
    state: AppState,
    api: &ApiArgs,
    data: &DataDir,
    demo: bool,
) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(api.addr)
        .await
        .with_context(|| format!("cannot listen on {} (is it in use? try --addr)", api.addr))?;
    let addr = listener.local_addr()?;
    println!(
        "serving {}{} on http://{addr}/  (API: /api/v1, docs: /api/docs, metrics: /metrics; Ctrl-C stops)",
        data.root().display(),
        if demo { " — DEMO DATA" } else { "" }
    );
    if api.admin_token.is_none() {
        println!("read-only: set JOBMARKET_ADMIN_TOKEN to enable POST /api/v1/admin/ingest");
    }
    jobmarket_api::serve_on(state, listener, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
    .context("server failed")
}

fn demo_args(offers: usize) -> DemoArgs {
    DemoArgs {
        offers,
        seed: 42,
        fault_5xx: 0.0,
        ingest: default_ft_args("embedded"),
    }
}

/// The collection settings of `jobmarket ingest francetravail` without flags (from the
/// environment).
fn default_ft_args(store: &str) -> FtArgs {
    use clap::Parser;
    #[derive(clap::Parser)]
    struct Wrapper {
        #[command(flatten)]
        ft: FtArgs,
    }
    let mut ft = Wrapper::parse_from(["jobmarket"]).ft;
    ft.store = store.to_string();
    ft
}

enum Collector {
    Demo(DemoArgs),
    FranceTravail(FtArgs),
}

/// Collects, indexes (with a store of its own, so the served one never writes) and reloads
/// the served store.
struct Refresh {
    data: DataDir,
    collector: Collector,
    store: ServedStore,
    store_kind: String,
    log_format: LogFormat,
}

impl Refresh {
    async fn collect_and_index(&self) -> anyhow::Result<RunReport> {
        let (report, ft) = match &self.collector {
            Collector::Demo(args) => (
                collect_demo(&self.data, args, self.log_format).await?,
                &args.ingest,
            ),
            Collector::FranceTravail(args) => (
                collect(&self.data, args.config(), &args.options()?, self.log_format).await?,
                args,
            ),
        };
        anyhow::ensure!(
            report.status == RunStatus::Success,
            "collection failed: {}",
            report.error.as_deref().unwrap_or("see its report")
        );
        let mut ft = ft.clone();
        ft.store = self.store_kind.clone();
        crate::index::after_collection(&self.data, &report, &ft).await?;
        Ok(report)
    }
}

#[async_trait]
impl Refresher for Refresh {
    async fn refresh(&self) -> Result<DataStatus, String> {
        self.collect_and_index()
            .await
            .map_err(|e| format!("{e:#}"))?;
        self.store
            .reload(&self.store_kind, &self.data)
            .await
            .map_err(|e| format!("{e:#}"))?;
        data_status(&self.data).map_err(|e| format!("{e:#}"))
    }
}

/// The state of the data under `data`: demo or not, latest and latest successful runs.
pub fn data_status(data: &DataDir) -> anyhow::Result<DataStatus> {
    let mut status = DataStatus::default();
    let normalized = data.root().join("normalized");
    let sources: Vec<String> = match std::fs::read_dir(&normalized) {
        Ok(entries) => entries
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => Vec::new(),
    };
    for source in sources {
        if let Some(report) = RunReport::last_success(data, &source)? {
            status.demo |= report.demo;
            status.last_success_at = status.last_success_at.max(Some(report.finished_at));
        }
        if let Some(report) = latest_report(data, &source)
            && status
                .last_collection
                .as_ref()
                .is_none_or(|c| c.started_at < report.started_at)
        {
            status.demo |= report.demo;
            status.last_collection = Some(Collection {
                source: report.source.clone(),
                status: match report.status {
                    RunStatus::Success => "success",
                    RunStatus::Failed => "failed",
                }
                .into(),
                mode: match report.mode {
                    RunMode::Full => "full",
                    RunMode::Incremental => "incremental",
                    RunMode::Sample => "sample",
                }
                .into(),
                started_at: report.started_at,
                finished_at: Some(report.finished_at),
                offers: report.collected,
            });
        }
    }
    Ok(status)
}

/// The report of the most recent run of `source` that wrote one.
fn latest_report(data: &DataDir, source: &str) -> Option<RunReport> {
    let runs = data.state_dir(source).join("runs");
    std::fs::read_dir(runs)
        .ok()?
        .filter_map(|e| e.ok())
        .filter_map(|e| std::fs::read(e.path().join("report.json")).ok())
        .filter_map(|bytes| serde_json::from_slice::<RunReport>(&bytes).ok())
        .max_by_key(|r| r.started_at)
}

/// Reopens the served store when another process changed the index (`jobmarket index`).
fn spawn_reloader(state: AppState, store: ServedStore, data: DataDir) {
    tokio::spawn(async move {
        let mut seen = index_signature(&data);
        loop {
            tokio::time::sleep(RELOAD_EVERY).await;
            let now = index_signature(&data);
            if now != seen {
                seen = now;
                match store.reload("embedded", &data).await {
                    Ok(()) => {
                        tracing::info!("index changed on disk; reloaded");
                        state.data_changed();
                        if let Ok(status) = data_status(&data) {
                            state.set_status(status);
                        }
                    }
                    Err(error) => {
                        tracing::warn!(error = %format!("{error:#}"), "cannot reload the index")
                    }
                }
            }
        }
    });
}

/// What identifies the embedded index's content: its live folder and that folder's last
/// commit time.
fn index_signature(data: &DataDir) -> Option<(String, SystemTime)> {
    let dir: PathBuf = crate::index::embedded_dir(data);
    let current = std::fs::read_to_string(dir.join("current")).ok()?;
    let meta = std::fs::metadata(dir.join(current.trim()).join("meta.json")).ok()?;
    Some((current.trim().to_string(), meta.modified().ok()?))
}

/// The store the server reads, reopened in place when the index changes.
#[derive(Clone)]
pub struct ServedStore {
    inner: Arc<RwLock<Option<Arc<dyn Store>>>>,
}

impl ServedStore {
    fn empty() -> ServedStore {
        ServedStore {
            inner: Arc::new(RwLock::new(None)),
        }
    }

    async fn open(kind: &str, data: &DataDir) -> anyhow::Result<ServedStore> {
        let store = ServedStore::empty();
        store.reload(kind, data).await?;
        Ok(store)
    }

    async fn reload(&self, kind: &str, data: &DataDir) -> anyhow::Result<()> {
        if kind != "embedded" && self.inner.read().expect("store lock").is_some() {
            return Ok(()); // a remote engine always shows its latest state
        }
        let fresh: Arc<dyn Store> = Arc::from(crate::index::open_read_only(kind, data).await?);
        *self.inner.write().expect("store lock") = Some(fresh);
        Ok(())
    }

    fn current(&self) -> Result<Arc<dyn Store>, StoreError> {
        self.inner
            .read()
            .expect("store lock")
            .clone()
            .ok_or_else(|| StoreError::Engine("no index yet".into()))
    }
}

#[async_trait]
impl Store for ServedStore {
    async fn health(&self) -> Result<Health, StoreError> {
        self.current()?.health().await
    }
    async fn upsert(&self, offers: &[StoredOffer]) -> Result<UpsertReport, StoreError> {
        self.current()?.upsert(offers).await
    }
    async fn get(&self, id: &OfferId) -> Result<Option<StoredOffer>, StoreError> {
        self.current()?.get(id).await
    }
    async fn delete(&self, ids: &[OfferId]) -> Result<u64, StoreError> {
        self.current()?.delete(ids).await
    }
    async fn query(&self, query: &AnalyticsQuery) -> Result<QueryResult, StoreError> {
        self.current()?.query(query).await
    }
    async fn export(
        &self,
        filter: &OfferFilter,
        sink: &mut (dyn FnMut(StoredOffer) -> Result<(), StoreError> + Send),
    ) -> Result<u64, StoreError> {
        self.current()?.export(filter, sink).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_like_people_write_them() {
        assert_eq!(parse_duration("6h"), Ok(Duration::from_secs(21_600)));
        assert_eq!(parse_duration("30m"), Ok(Duration::from_secs(1_800)));
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_duration("0"), Ok(Duration::ZERO));
        assert!(parse_duration("6").unwrap_err().contains("unit"));
        assert!(parse_duration("6y").unwrap_err().contains("unknown unit"));
    }
}
