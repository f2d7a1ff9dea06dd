//! The Elasticsearch 8.x store: offers in versioned indices `<prefix>-offers-vN` behind the
//! alias `<prefix>-offers`, created from the index template and mappings in
//! `storage/elasticsearch/`, written with `_bulk`, queried with one bool filter and
//! aggregations (salary groups in pages of a composite aggregation, new-vs-live counts and
//! large terms-by sub-counts in further searches), read by id with `_doc`, exported with a
//! point in time and `search_after`.
//!
//! - [`config`] reads the `ES_*` settings;
//! - `client` sends requests and turns error bodies into [`StoreError`]s;
//! - `translate` builds every request body and reads every answer (no I/O);
//! - [`flavor`] holds the known Elasticsearch-vs-OpenSearch differences (osmem-server, used in
//!   tests, speaks OpenSearch).

pub mod config;
pub mod flavor;

mod client;
mod translate;

#[cfg(test)]
mod tests;

use std::time::Duration;

use async_trait::async_trait;
use jobmarket_schema::OfferId;
use reqwest::Method;
use serde::Deserialize;
use serde_json::{Value, json};
use tokio::sync::OnceCell;

use self::client::{BulkResponse, Client, ItemOutcome};
use self::translate::{BulkAction, SearchResponse, TermsByRequest};
use crate::query::{
    Aggregation, AggregationResult, AnalyticsQuery, KeywordField, OfferFilter, QueryResult,
    SalaryGroup, order_groups,
};
use crate::{Health, Store, StoreError, StoredOffer, UpsertReport};

pub use self::config::{Auth, Config};
pub use self::flavor::Flavor;

/// Actions per `_bulk` request.
const BULK_MAX_DOCS: usize = 1_000;
/// Bytes per `_bulk` request (about).
const BULK_MAX_BYTES: usize = 5 * 1024 * 1024;
/// Attempts for items refused with 429 or 5xx.
const BULK_ATTEMPTS: u32 = 5;
/// Hits per export page.
const EXPORT_PAGE: usize = 1_000;
/// How long a point in time lives between two pages.
const PIT_KEEP_ALIVE: &str = "2m";

/// The Elasticsearch store. Cheap to clone.
#[derive(Clone)]
pub struct ElasticsearchStore {
    config: Config,
    client: Client,
    /// The server's flavour, once the index is known to exist.
    ready: std::sync::Arc<OnceCell<Flavor>>,
    /// Pause before the `n`-th retry of a bulk item.
    backoff: fn(u32) -> Duration,
}

impl std::fmt::Debug for ElasticsearchStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ElasticsearchStore")
            .field("config", &self.config)
            .finish()
    }
}

/// A rebuild in progress: the new index being filled, not yet behind the alias.
#[derive(Debug)]
pub struct Rebuild {
    pub index: String,
}

fn default_backoff(attempt: u32) -> Duration {
    Duration::from_millis(200u64 << attempt.min(5))
}

#[derive(Deserialize)]
struct Count {
    count: u64,
}

impl ElasticsearchStore {
    /// A store for `config`; nothing is sent until the first call.
    pub async fn connect(config: Config) -> Result<ElasticsearchStore, StoreError> {
        let client = Client::new(&config).await?;
        Ok(ElasticsearchStore {
            config,
            client,
            ready: Default::default(),
            backoff: default_backoff,
        })
    }

    /// A store configured from the `ES_*` environment variables.
    pub async fn from_env() -> Result<ElasticsearchStore, StoreError> {
        ElasticsearchStore::connect(Config::from_env()?).await
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The alias reads and writes go through.
    pub fn alias(&self) -> String {
        self.config.alias()
    }

    /// `GET /`: the server's answer (version, flavour).
    async fn root(&self) -> Result<Value, StoreError> {
        self.client.send(Method::GET, "/", None).await?.json("/")
    }

    /// The server's flavour, after making sure the index exists (once per store).
    async fn ready(&self) -> Result<Flavor, StoreError> {
        self.ready
            .get_or_try_init(|| async {
                let flavor = Flavor::from_root(&self.root().await?);
                self.ensure_index().await?;
                Ok(flavor)
            })
            .await
            .copied()
    }

    /// Creates or updates the index template, then creates the first index behind the alias
    /// if there is none, or adds new mapped fields to the current one. A field mapped with
    /// another type gives [`StoreError::MappingConflict`] (rebuild the index).
    pub async fn ensure_index(&self) -> Result<(), StoreError> {
        let alias = self.alias();
        let template = translate::index_template(&self.config.index_prefix);
        let path = format!("/_index_template/{}", self.config.template_name());
        self.client
            .send(Method::PUT, &path, Some(&template))
            .await?
            .ok(&alias)?;
        let current = self.indices_of_alias().await?;
        if current.is_empty() {
            let next = self.next_version().await?;
            let index = self.config.versioned_index(next);
            let body = json!({ "aliases": { alias.clone(): {} } });
            self.client
                .send(Method::PUT, &format!("/{index}"), Some(&body))
                .await?
                .ok(&index)?;
            tracing::info!(index, alias, "created the offers index");
        } else {
            let ours = translate::mapping_version(&translate::mappings());
            for (index, version) in self.versions_of_alias().await? {
                if version < ours {
                    tracing::warn!(
                        index,
                        version = ?version,
                        current = ?ours,
                        "the offers index holds values derived by an older version of jobmarket \
                         (e.g. UTC days instead of Paris days): rebuild it with `jobmarket index --rebuild`"
                    );
                }
            }
            let path = format!("/{alias}/_mapping");
            self.client
                .send(Method::PUT, &path, Some(&translate::mappings_update()))
                .await?
                .ok(&alias)?;
            tracing::debug!(indices = ?current, alias, "offers index present, mappings up to date");
        }
        Ok(())
    }

    /// The mapping version (`_meta.mapping_version`) of each index behind the alias.
    async fn versions_of_alias(&self) -> Result<Vec<(String, Option<u64>)>, StoreError> {
        let alias = self.alias();
        let path = format!("/{alias}/_mapping");
        let indices: serde_json::Map<String, Value> = self
            .client
            .send(Method::GET, &path, None)
            .await?
            .json(&alias)?;
        Ok(indices
            .into_iter()
            .map(|(index, m)| {
                let version = m.get("mappings").and_then(translate::mapping_version);
                (index, version)
            })
            .collect())
    }

    /// Whether the index behind the alias holds values derived by an older version (its
    /// mapping version is older than ours): it must then be rebuilt from the offers
    /// ([`ElasticsearchStore::rebuild`]). `false` when there is no index yet.
    pub async fn needs_rebuild(&self) -> Result<bool, StoreError> {
        if self.indices_of_alias().await?.is_empty() {
            return Ok(false);
        }
        let ours = translate::mapping_version(&translate::mappings());
        Ok(self
            .versions_of_alias()
            .await?
            .into_iter()
            .any(|(_, version)| version < ours))
    }

    /// The indices behind the alias (none when the alias does not exist).
    async fn indices_of_alias(&self) -> Result<Vec<String>, StoreError> {
        let alias = self.alias();
        let reply = self
            .client
            .send(Method::GET, &format!("/_alias/{alias}"), None)
            .await?;
        if reply.status == reqwest::StatusCode::NOT_FOUND {
            return Ok(Vec::new());
        }
        let map: serde_json::Map<String, Value> = reply.json(&alias)?;
        Ok(map.into_iter().map(|(index, _)| index).collect())
    }

    /// One more than the highest version of our indices (1 when there is none).
    async fn next_version(&self) -> Result<u32, StoreError> {
        let prefix = &self.config.index_prefix;
        let path = format!("/{prefix}-offers-v*/_alias");
        let existing: serde_json::Map<String, Value> = self
            .client
            .send(Method::GET, &path, None)
            .await?
            .json(&path)?;
        let highest = existing
            .keys()
            .filter_map(|i| translate::version_of(i, prefix))
            .max();
        Ok(highest.unwrap_or(0) + 1)
    }

    /// Sends `actions` to `target` in batches, retrying the items refused with 429 or 5xx;
    /// returns each action's outcome in order. Ends with a refresh so that the changes are
    /// visible to queries.
    async fn bulk(
        &self,
        target: &str,
        actions: &[BulkAction],
    ) -> Result<Vec<ItemOutcome>, StoreError> {
        let mut outcomes = Vec::with_capacity(actions.len());
        for batch in translate::batches(actions, BULK_MAX_DOCS, BULK_MAX_BYTES) {
            let mut done: Vec<Option<ItemOutcome>> = vec![None; batch.len()];
            let mut pending: Vec<usize> = (0..batch.len()).collect();
            let mut last_reason = String::new();
            for attempt in 0..BULK_ATTEMPTS {
                if attempt > 0 {
                    let pause = (self.backoff)(attempt);
                    tracing::warn!(target, items = pending.len(), attempt, pause_ms = pause.as_millis() as u64, reason = %last_reason, "retrying bulk items");
                    tokio::time::sleep(pause).await;
                }
                let body: Vec<u8> = pending
                    .iter()
                    .flat_map(|&i| batch[i].lines.bytes())
                    .collect();
                let reply = self
                    .client
                    .send_ndjson(&format!("/{target}/_bulk"), body)
                    .await?;
                if reply.is_retryable() {
                    last_reason =
                        client::error_of(reply.status.as_u16(), &reply.body, target).to_string();
                    continue;
                }
                let response: BulkResponse = reply.json(target)?;
                let mut still = Vec::new();
                for (&i, outcome) in pending.iter().zip(response.outcomes(pending.len())?) {
                    match outcome {
                        ItemOutcome::Retry(reason) => {
                            last_reason = reason;
                            still.push(i);
                        }
                        other => done[i] = Some(other),
                    }
                }
                pending = still;
                if pending.is_empty() {
                    break;
                }
            }
            for i in pending {
                done[i] = Some(ItemOutcome::Rejected(format!(
                    "gave up after {BULK_ATTEMPTS} attempts: {last_reason}"
                )));
            }
            outcomes.extend(
                done.into_iter()
                    .map(|o| o.expect("every item has an outcome")),
            );
        }
        self.refresh(target).await?;
        Ok(outcomes)
    }

    async fn refresh(&self, target: &str) -> Result<(), StoreError> {
        self.client
            .send(Method::POST, &format!("/{target}/_refresh"), None)
            .await?
            .ok(target)
    }

    /// Writes offers into `target` (the alias, or an index being rebuilt).
    async fn write(
        &self,
        target: &str,
        offers: &[StoredOffer],
    ) -> Result<UpsertReport, StoreError> {
        let actions: Vec<BulkAction> = offers.iter().map(translate::index_action).collect();
        let outcomes = self.bulk(target, &actions).await?;
        let mut report = UpsertReport::default();
        for (offer, outcome) in offers.iter().zip(outcomes) {
            match outcome {
                ItemOutcome::Done => report.written += 1,
                ItemOutcome::NotFound => report
                    .rejected
                    .push((offer.offer.id.clone(), "not found".into())),
                ItemOutcome::Retry(reason) | ItemOutcome::Rejected(reason) => {
                    report.rejected.push((offer.offer.id.clone(), reason));
                }
            }
        }
        if !report.rejected.is_empty() {
            tracing::warn!(target, rejected = report.rejected.len(), first = %report.rejected[0].1, "offers refused by the store");
        }
        tracing::info!(target, written = report.written, "offers written");
        Ok(report)
    }

    /// Starts a rebuild: creates the next version of the index, outside the alias.
    pub async fn begin_rebuild(&self) -> Result<Rebuild, StoreError> {
        self.ready().await?;
        let index = self.config.versioned_index(self.next_version().await?);
        self.client
            .send(Method::PUT, &format!("/{index}"), Some(&json!({})))
            .await?
            .ok(&index)?;
        tracing::info!(index, "rebuild started");
        Ok(Rebuild { index })
    }

    /// Writes offers into the index being rebuilt.
    pub async fn rebuild_write(
        &self,
        rebuild: &Rebuild,
        offers: &[StoredOffer],
    ) -> Result<UpsertReport, StoreError> {
        self.write(&rebuild.index, offers).await
    }

    /// Moves the alias to the rebuilt index in one atomic `_aliases` call, then deletes the
    /// indices it left.
    pub async fn finish_rebuild(&self, rebuild: Rebuild) -> Result<(), StoreError> {
        let alias = self.alias();
        let old = self.indices_of_alias().await?;
        let body = translate::alias_swap(&alias, &old, &rebuild.index);
        self.client
            .send(Method::POST, "/_aliases", Some(&body))
            .await?
            .ok(&alias)?;
        tracing::info!(alias, index = rebuild.index, previous = ?old, "alias moved to the rebuilt index");
        for index in old.iter().filter(|i| **i != rebuild.index) {
            self.client
                .send(Method::DELETE, &format!("/{index}"), None)
                .await?
                .ok(index)?;
        }
        Ok(())
    }

    /// Rebuilds the index from `offers`: a new version is filled, then replaces the current one
    /// atomically. Readers see the old index until the swap.
    pub async fn rebuild(&self, offers: &[StoredOffer]) -> Result<UpsertReport, StoreError> {
        let rebuild = self.begin_rebuild().await?;
        let report = self.rebuild_write(&rebuild, offers).await?;
        self.finish_rebuild(rebuild).await?;
        Ok(report)
    }

    /// Runs one `_search` (with or without an index in the path).
    async fn search(&self, path: &str, body: &Value) -> Result<SearchResponse, StoreError> {
        self.client
            .send(Method::POST, path, Some(body))
            .await?
            .json(&self.alias())
    }

    /// Every salary group of an [`crate::query::Aggregation::SalaryPercentilesBy`], one page of
    /// the composite aggregation after another, ordered as the query semantics say.
    async fn salary_groups(
        &self,
        path: &str,
        filter: &OfferFilter,
        fields: &[KeywordField],
        percents: &[f64],
    ) -> Result<Vec<SalaryGroup>, StoreError> {
        let mut groups = Vec::new();
        let mut after: Option<Value> = None;
        loop {
            let body = translate::salary_groups_body(filter, fields, percents, after.as_ref());
            let page = self.search(path, &body).await?;
            let (found, next) = translate::parse_salary_groups(fields, percents, page)?;
            groups.extend(found);
            match next {
                Some(next) => after = Some(next),
                None => return Ok(order_groups(groups)),
            }
        }
    }

    /// Fills the sub-counts of terms-by aggregations too large for the main search's answer.
    async fn fill_terms_by(
        &self,
        path: &str,
        query: &AnalyticsQuery,
        requests: &[TermsByRequest],
        result: &mut QueryResult,
    ) -> Result<(), StoreError> {
        let names: Vec<&String> = query.aggregations.keys().collect();
        for request in requests {
            let mut subs = std::collections::BTreeMap::new();
            for keys in request.chunks() {
                let body = translate::terms_by_chunk_body(&query.filter, request, keys);
                let answer = self.search(path, &body).await?;
                subs.extend(translate::parse_terms_by_chunk(request, answer)?);
            }
            if let Some(AggregationResult::TermsBy { buckets }) =
                result.aggregations.get_mut(names[request.index])
            {
                for bucket in buckets {
                    bucket.sub = subs.remove(&bucket.key).unwrap_or_default();
                }
            }
        }
        Ok(())
    }

    /// Exports with a point in time, closing it whatever happens.
    async fn export_pages(
        &self,
        flavor: Flavor,
        filter: &OfferFilter,
        sink: &mut (dyn FnMut(StoredOffer) -> Result<(), StoreError> + Send),
    ) -> Result<u64, StoreError> {
        let alias = self.alias();
        let path = flavor.open_pit_path(&alias, PIT_KEEP_ALIVE);
        let opened: Value = self
            .client
            .send(Method::POST, &path, None)
            .await?
            .json(&alias)?;
        let mut pit = flavor
            .pit_id(&opened)
            .ok_or_else(|| StoreError::Engine("point in time opened without an id".into()))?;
        let result = async {
            let mut handed = 0u64;
            let mut after: Option<Vec<Value>> = None;
            loop {
                let body = translate::export_page(
                    filter,
                    &pit,
                    PIT_KEEP_ALIVE,
                    EXPORT_PAGE,
                    after.as_deref(),
                );
                let page = self.search("/_search", &body).await?;
                if let Some(id) = page.pit_id {
                    pit = id;
                }
                let count = page.hits.hits.len();
                for hit in page.hits.hits {
                    after = hit.sort.clone();
                    sink(translate::stored_offer(hit.source)?)?;
                    handed += 1;
                }
                if count < EXPORT_PAGE {
                    return Ok(handed);
                }
                if after.is_none() {
                    return Err(StoreError::Engine("export page without sort values".into()));
                }
            }
        }
        .await;
        let (path, body) = flavor.close_pit(&pit);
        if let Err(e) = self.client.send(Method::DELETE, path, Some(&body)).await {
            tracing::warn!(error = %e, "could not close the point in time (it expires by itself)");
        }
        result
    }
}

#[async_trait]
impl Store for ElasticsearchStore {
    async fn health(&self) -> Result<Health, StoreError> {
        let root = self.root().await?;
        let distribution = root
            .pointer("/version/distribution")
            .and_then(Value::as_str)
            .unwrap_or("elasticsearch");
        let number = root
            .pointer("/version/number")
            .and_then(Value::as_str)
            .unwrap_or("unknown");
        let health: Value = self
            .client
            .send(Method::GET, "/_cluster/health", None)
            .await?
            .json("_cluster")?;
        if health["status"] == "red" {
            return Err(StoreError::Engine(format!(
                "cluster {} is red (some primary shards are unassigned; check _cluster/health)",
                health["cluster_name"].as_str().unwrap_or("?")
            )));
        }
        let alias = self.alias();
        let reply = self
            .client
            .send(Method::GET, &format!("/{alias}/_count"), None)
            .await?;
        let offers = if reply.status == reqwest::StatusCode::NOT_FOUND {
            0
        } else {
            reply.json::<Count>(&alias)?.count
        };
        Ok(Health {
            engine: format!("{distribution} {number}"),
            offers,
        })
    }

    async fn upsert(&self, offers: &[StoredOffer]) -> Result<UpsertReport, StoreError> {
        self.ready().await?;
        if offers.is_empty() {
            return Ok(UpsertReport::default());
        }
        self.write(&self.alias(), offers).await
    }

    async fn get(&self, id: &OfferId) -> Result<Option<StoredOffer>, StoreError> {
        self.ready().await?;
        let alias = self.alias();
        let reply = self
            .client
            .send(Method::GET, &translate::doc_path(&alias, id.as_str()), None)
            .await?;
        // 404 with `"found": false` is an unknown id; any other 404 (no index) is an error
        let unknown = reply.status == reqwest::StatusCode::NOT_FOUND
            && serde_json::from_slice::<Value>(&reply.body)
                .is_ok_and(|v| v.get("found") == Some(&Value::Bool(false)));
        if unknown {
            return Ok(None);
        }
        let answer: translate::GetResponse = reply.json(&alias)?;
        if !answer.found {
            return Ok(None);
        }
        translate::stored_offer(answer.source).map(Some)
    }

    async fn delete(&self, ids: &[OfferId]) -> Result<u64, StoreError> {
        self.ready().await?;
        if ids.is_empty() {
            return Ok(0);
        }
        let actions: Vec<BulkAction> = ids
            .iter()
            .map(|id| translate::delete_action(id.as_str()))
            .collect();
        let mut deleted = 0;
        for (id, outcome) in ids.iter().zip(self.bulk(&self.alias(), &actions).await?) {
            match outcome {
                ItemOutcome::Done => deleted += 1,
                ItemOutcome::NotFound => {}
                ItemOutcome::Retry(reason) | ItemOutcome::Rejected(reason) => {
                    return Err(StoreError::Engine(format!(
                        "could not delete {id}: {reason}"
                    )));
                }
            }
        }
        tracing::info!(deleted, asked = ids.len(), "offers deleted");
        Ok(deleted)
    }

    async fn query(&self, query: &AnalyticsQuery) -> Result<QueryResult, StoreError> {
        query.validate()?;
        self.ready().await?;
        let path = format!("/{}/_search", self.alias());
        let response = self.search(&path, &translate::search_body(query)).await?;
        let (mut result, follow) = translate::parse_search(query, response)?;
        if !follow.life.is_empty() {
            let response = self
                .search(&path, &translate::life_body(&query.filter, &follow.life))
                .await?;
            translate::parse_life(query, &follow.life, response, &mut result)?;
        }
        self.fill_terms_by(&path, query, &follow.terms_by, &mut result)
            .await?;
        for (name, aggregation) in &query.aggregations {
            if let Aggregation::SalaryPercentilesBy { fields, percents } = aggregation {
                let groups = self
                    .salary_groups(&path, &query.filter, fields, percents)
                    .await?;
                result
                    .aggregations
                    .insert(name.clone(), AggregationResult::SalaryGroups { groups });
            }
        }
        Ok(result)
    }

    async fn export(
        &self,
        filter: &OfferFilter,
        sink: &mut (dyn FnMut(StoredOffer) -> Result<(), StoreError> + Send),
    ) -> Result<u64, StoreError> {
        let flavor = self.ready().await?;
        let handed = self.export_pages(flavor, filter, sink).await?;
        tracing::info!(handed, "offers exported");
        Ok(handed)
    }
}
