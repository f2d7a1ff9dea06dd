//! `jobmarket index`: loads the normalised offers into the configured store, all of them or
//! only what changed since the last index run.
//!
//! An offer is *active* when its last collection is not older than the start of the source's
//! last successful full collection (incremental runs do not see every published offer, so they
//! cannot retire any); with no full collection yet, every offer is active.
//! Change detection: `<data>/state/index/<store>-<source>.json` keeps a hash of each indexed
//! offer; offers whose hash changed are upserted, offers gone from the normalised file deleted.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use chrono::{DateTime, Utc};
use jobmarket_ingest::DataDir;
use jobmarket_ingest::report::{RunMode, RunReport, RunStatus};
use jobmarket_schema::OfferId;
use jobmarket_storage::elasticsearch::{ElasticsearchStore, Rebuild};
use jobmarket_storage::embedded::EmbeddedStore;
use jobmarket_storage::{
    AnalyticsQuery, Health, OfferFilter, QueryResult, Store, StoreError, StoredOffer, UpsertReport,
};

/// Offers per upsert call.
const BATCH: usize = 5_000;

#[derive(clap::Args, Clone)]
pub struct IndexArgs {
    /// Sources to index, comma-separated [default: every source under <data-dir>/normalized].
    #[arg(long, value_delimiter = ',')]
    pub source: Vec<String>,
    /// Rebuild the index from scratch (a new index is built aside, then switched to).
    #[arg(long)]
    pub rebuild: bool,
    /// Store: `embedded` (Tantivy under <data-dir>/index) or `elasticsearch` (ES_URL…).
    #[arg(long, env = "JOBMARKET_STORE", default_value = "embedded")]
    pub store: String,
}

/// What one index run did for one source.
#[derive(Debug, Default)]
pub struct IndexSummary {
    pub offers: u64,
    pub written: u64,
    pub unchanged: u64,
    pub deleted: u64,
    pub rejected: u64,
}

pub async fn run(args: IndexArgs, data_dir: &Path) -> anyhow::Result<()> {
    let data = DataDir::new(data_dir);
    let sources = if args.source.is_empty() {
        sources_in(&data)?
    } else {
        args.source.clone()
    };
    anyhow::ensure!(
        !sources.is_empty(),
        "no normalised offers under {} (run `jobmarket ingest` or `jobmarket demo` first)",
        data.root().join("normalized").display()
    );
    let started = Instant::now();
    if args.store == "elasticsearch" {
        let outdated = !args.rebuild
            && ElasticsearchStore::from_env()
                .await?
                .needs_rebuild()
                .await?;
        if outdated {
            println!(
                "index: built by another version of jobmarket; rebuilding it from the offers (the old one serves meanwhile)"
            );
        }
        if args.rebuild || outdated {
            return rebuild_elasticsearch(&data, &sources, started).await;
        }
    }
    let (store, store_name) = open_store(&args, &data, &sources).await?;
    let mut total = IndexSummary::default();
    for source in &sources {
        let s = index_source(store.as_ref(), &store_name, &data, source, args.rebuild).await?;
        println!(
            "{source}: {} offers, {} written, {} unchanged, {} deleted, {} rejected",
            s.offers, s.written, s.unchanged, s.deleted, s.rejected
        );
        total.offers += s.offers;
        total.written += s.written;
    }
    let secs = started.elapsed().as_secs_f64();
    let health = store.health().await?;
    println!(
        "index: {} offers in the store ({}), {} written in {secs:.1} s",
        health.offers, health.engine, total.written
    );
    Ok(())
}

/// After a collection: indexes its source unless `--no-index` (or the run did not succeed).
pub async fn after_collection(
    data: &DataDir,
    report: &RunReport,
    args: &crate::ingest::FtArgs,
) -> anyhow::Result<()> {
    if args.no_index || report.status != RunStatus::Success {
        return Ok(());
    }
    let index_args = IndexArgs {
        source: vec![report.source.clone()],
        rebuild: false,
        store: args.store.clone(),
    };
    let (store, name) = open_store(&index_args, data, &index_args.source).await?;
    let s = index_source(store.as_ref(), &name, data, &report.source, false)
        .await
        .context("the offers are collected but not indexed; run `jobmarket index`")?;
    println!(
        "  index        {} written, {} unchanged, {} deleted ({name} store; `--no-index` skips this)",
        s.written, s.unchanged, s.deleted
    );
    Ok(())
}

/// The store named by `args`; a rebuild of the embedded store starts from an empty index.
async fn open_store(
    args: &IndexArgs,
    data: &DataDir,
    sources: &[String],
) -> anyhow::Result<(Box<dyn Store>, String)> {
    match args.store.as_str() {
        "embedded" => {
            let dir = embedded_dir(data);
            let layout_changed = EmbeddedStore::needs_rebuild(&dir);
            if layout_changed {
                println!(
                    "index: built by another version of jobmarket; rebuilding it from the offers"
                );
            }
            let store = if args.rebuild || layout_changed {
                for source in sources {
                    let _ = std::fs::remove_file(state_file(data, "embedded", source));
                }
                EmbeddedStore::rebuild(&dir, std::iter::empty())?.0
            } else {
                EmbeddedStore::open(&dir)?
            };
            Ok((Box::new(store), "embedded".into()))
        }
        "elasticsearch" => {
            let store = ElasticsearchStore::from_env().await?;
            store.health().await?;
            anyhow::ensure!(
                args.rebuild || !store.needs_rebuild().await?,
                "the Elasticsearch index was built by another version of jobmarket (run `jobmarket index`, which rebuilds it)"
            );
            Ok((Box::new(store), "elasticsearch".into()))
        }
        other => anyhow::bail!("unknown store {other:?} (expected `embedded` or `elasticsearch`)"),
    }
}

/// Rebuilds the Elasticsearch store without downtime: a new versioned index is filled while
/// the alias still points at the old one, then the alias is swapped.
async fn rebuild_elasticsearch(
    data: &DataDir,
    sources: &[String],
    started: Instant,
) -> anyhow::Result<()> {
    let es = ElasticsearchStore::from_env().await?;
    es.health().await?;
    let rebuild = es.begin_rebuild().await?;
    let filling = Rebuilding {
        es: es.clone(),
        rebuild,
    };
    let mut written = 0;
    for source in sources {
        let s = index_source(&filling, "elasticsearch", data, source, true).await?;
        println!(
            "{source}: {} offers, {} written, {} rejected",
            s.offers, s.written, s.rejected
        );
        written += s.written;
    }
    es.finish_rebuild(filling.rebuild).await?;
    let health = es.health().await?;
    println!(
        "index: rebuilt, {} offers in the store ({}), {written} written in {:.1} s",
        health.offers,
        health.engine,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// An Elasticsearch store whose upserts go to the index being rebuilt.
struct Rebuilding {
    es: ElasticsearchStore,
    rebuild: Rebuild,
}

#[async_trait::async_trait]
impl Store for Rebuilding {
    async fn health(&self) -> Result<Health, StoreError> {
        self.es.health().await
    }
    async fn upsert(&self, offers: &[StoredOffer]) -> Result<UpsertReport, StoreError> {
        self.es.rebuild_write(&self.rebuild, offers).await
    }
    async fn get(&self, id: &OfferId) -> Result<Option<StoredOffer>, StoreError> {
        self.es.get(id).await
    }

    async fn delete(&self, ids: &[OfferId]) -> Result<u64, StoreError> {
        self.es.delete(ids).await
    }
    async fn query(&self, query: &AnalyticsQuery) -> Result<QueryResult, StoreError> {
        self.es.query(query).await
    }
    async fn export(
        &self,
        filter: &OfferFilter,
        sink: &mut (dyn FnMut(StoredOffer) -> Result<(), StoreError> + Send),
    ) -> Result<u64, StoreError> {
        self.es.export(filter, sink).await
    }
}

/// The configured store, for reading: an embedded index must exist already.
pub async fn open_read_only(kind: &str, data: &DataDir) -> anyhow::Result<Box<dyn Store>> {
    match kind {
        "embedded" => {
            let dir = embedded_dir(data);
            anyhow::ensure!(
                dir.join("current").exists(),
                "no index under {} (run `jobmarket index` first)",
                dir.display()
            );
            anyhow::ensure!(
                !EmbeddedStore::needs_rebuild(&dir),
                "the index under {} was built by another version of jobmarket (run `jobmarket index --rebuild`)",
                dir.display()
            );
            Ok(Box::new(EmbeddedStore::open(&dir)?))
        }
        "elasticsearch" => Ok(Box::new(ElasticsearchStore::from_env().await?)),
        other => anyhow::bail!("unknown store {other:?} (expected `embedded` or `elasticsearch`)"),
    }
}

/// Where the embedded index lives.
pub fn embedded_dir(data: &DataDir) -> PathBuf {
    data.root().join("index")
}

fn sources_in(data: &DataDir) -> anyhow::Result<Vec<String>> {
    let dir = data.root().join("normalized");
    let mut sources = Vec::new();
    match std::fs::read_dir(&dir) {
        Ok(entries) => {
            for entry in entries {
                let entry = entry?;
                if entry.path().join("offers.jsonl").is_file() {
                    sources.push(entry.file_name().to_string_lossy().into_owned());
                }
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e).with_context(|| format!("cannot list {}", dir.display())),
    }
    sources.sort();
    Ok(sources)
}

fn state_file(data: &DataDir, store: &str, source: &str) -> PathBuf {
    data.root()
        .join("state")
        .join("index")
        .join(format!("{store}-{source}.json"))
}

/// Indexes one source: upserts what changed, deletes what is gone.
pub async fn index_source(
    store: &dyn Store,
    store_name: &str,
    data: &DataDir,
    source: &str,
    rebuild: bool,
) -> anyhow::Result<IndexSummary> {
    let offers = jobmarket_ingest::merge::read_offers(&data.offers_file(source))
        .with_context(|| format!("cannot read the normalised offers of {source}"))?;
    let full_start = last_full_start(data, source)?;
    let state_path = state_file(data, store_name, source);
    let mut known: BTreeMap<String, u64> = if rebuild {
        BTreeMap::new()
    } else {
        match std::fs::read(&state_path) {
            Ok(bytes) => serde_json::from_slice(&bytes).with_context(|| {
                format!(
                    "{} is corrupt; run `jobmarket index --rebuild`",
                    state_path.display()
                )
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => BTreeMap::new(),
            Err(e) => {
                return Err(e).with_context(|| format!("cannot read {}", state_path.display()));
            }
        }
    };
    let mut summary = IndexSummary {
        offers: offers.len() as u64,
        ..IndexSummary::default()
    };
    let mut seen: BTreeMap<String, u64> = BTreeMap::new();
    let mut batch = Vec::with_capacity(BATCH);
    for offer in offers {
        let active = full_start.is_none_or(|start| offer.last_seen_at >= start);
        let stored = StoredOffer { offer, active };
        let hash = fnv1a(&serde_json::to_vec(&stored).context("offer does not serialise")?);
        let id = stored.offer.id.to_string();
        seen.insert(id.clone(), hash);
        if known.get(&id) == Some(&hash) {
            summary.unchanged += 1;
            continue;
        }
        batch.push(stored);
        if batch.len() == BATCH {
            flush(store, &mut batch, &mut summary, &mut seen).await?;
        }
    }
    flush(store, &mut batch, &mut summary, &mut seen).await?;
    let gone: Vec<OfferId> = known
        .keys()
        .filter(|id| !seen.contains_key(*id))
        .map(|id| OfferId(id.clone()))
        .collect();
    if !gone.is_empty() {
        summary.deleted = store.delete(&gone).await?;
    }
    known = seen;
    if let Some(parent) = state_path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let tmp = state_path.with_extension("tmp");
    std::fs::write(&tmp, serde_json::to_vec(&known)?)?;
    std::fs::rename(&tmp, &state_path)?;
    Ok(summary)
}

/// Upserts a batch; rejected offers are reported and forgotten (so the next run retries them).
async fn flush(
    store: &dyn Store,
    batch: &mut Vec<StoredOffer>,
    summary: &mut IndexSummary,
    seen: &mut BTreeMap<String, u64>,
) -> anyhow::Result<()> {
    if batch.is_empty() {
        return Ok(());
    }
    let report = store.upsert(batch).await?;
    summary.written += report.written;
    for (id, reason) in &report.rejected {
        tracing::warn!(offer = %id, reason = %reason, "offer rejected by the store");
        seen.remove(id.as_str());
        summary.rejected += 1;
    }
    batch.clear();
    Ok(())
}

/// When the last successful full collection of `source` started.
fn last_full_start(data: &DataDir, source: &str) -> anyhow::Result<Option<DateTime<Utc>>> {
    let mut latest: Option<DateTime<Utc>> = None;
    let runs = data.state_dir(source).join("runs");
    let Ok(entries) = std::fs::read_dir(&runs) else {
        return Ok(None);
    };
    for entry in entries {
        let path = entry?.path().join("report.json");
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let Ok(report) = serde_json::from_slice::<RunReport>(&bytes) else {
            continue;
        };
        if report.status == RunStatus::Success && report.mode == RunMode::Full {
            latest = latest.max(Some(report.started_at));
        }
    }
    Ok(latest)
}

/// A stable 64-bit hash (FNV-1a) for change detection across runs and Rust versions.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}
