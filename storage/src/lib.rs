//! The store of canonical offers: what can be asked of it ([`query`]), how French text is
//! analysed for search ([`analysis`]), and the [`Store`] trait that each engine implements
//! (the embedded default and Elasticsearch 8.x). Callers see only these types, never an
//! engine's own JSON.

pub mod analysis;
pub mod elasticsearch;
pub mod embedded;
pub mod fields;
pub mod query;

use async_trait::async_trait;
use jobmarket_schema::{Offer, OfferId};

pub use crate::query::{
    AggregationResult, AnalyticsQuery, Interval, KeywordField, OfferFilter, QueryResult, Sort,
};

/// An offer as the store keeps it: the canonical offer and whether it is still published.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct StoredOffer {
    #[serde(flatten)]
    pub offer: Offer,
    /// Seen in the latest collection of its source.
    pub active: bool,
}

/// What an upsert did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UpsertReport {
    /// Offers written (new or replaced).
    pub written: u64,
    /// Offers the engine refused, with the reason; the others were written.
    pub rejected: Vec<(OfferId, String)>,
}

/// The engine's state, for a health check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Health {
    /// Which engine answers, e.g. `embedded (tantivy)` or `elasticsearch 8.15.0`.
    pub engine: String,
    /// Offers stored.
    pub offers: u64,
}

/// Why a store call failed. Messages are short, lowercase and say what to check.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("store unreachable at {url}: {reason} (is it running? check ES_URL)")]
    Unreachable { url: String, reason: String },
    #[error("store refused the credentials (check ES_API_KEY or ES_USERNAME/ES_PASSWORD)")]
    Unauthorized,
    #[error("index {path} is unreadable: {reason} (rebuild it with `jobmarket index --rebuild`)")]
    Corrupt { path: String, reason: String },
    #[error("mapping conflict on {index}: {reason}")]
    MappingConflict { index: String, reason: String },
    #[error("invalid query: {0}")]
    InvalidQuery(String),
    #[error("store error: {0}")]
    Engine(String),
    #[error("store i/o: {0}")]
    Io(#[from] std::io::Error),
}

/// One store of offers. Upserts are idempotent by [`OfferId`]; every engine gives the same
/// answers to the same [`AnalyticsQuery`] (the conformance suite in `storage/tests` checks it).
#[async_trait]
pub trait Store: Send + Sync {
    /// The engine's name and size, or why it cannot be used.
    async fn health(&self) -> Result<Health, StoreError>;

    /// Writes these offers, replacing any stored offer with the same id, and makes them
    /// visible to queries before returning.
    async fn upsert(&self, offers: &[StoredOffer]) -> Result<UpsertReport, StoreError>;

    /// The stored offer with this id, if any.
    async fn get(&self, id: &OfferId) -> Result<Option<StoredOffer>, StoreError>;

    /// Removes these offers; returns how many were stored.
    async fn delete(&self, ids: &[OfferId]) -> Result<u64, StoreError>;

    /// Runs a query: matching offers (a page of them) and the asked aggregations.
    async fn query(&self, query: &AnalyticsQuery) -> Result<QueryResult, StoreError>;

    /// Every stored offer matching `filter`, in id order, handed to `sink` one at a time (for
    /// exports of any size). Returns how many were handed.
    async fn export(
        &self,
        filter: &OfferFilter,
        sink: &mut (dyn FnMut(StoredOffer) -> Result<(), StoreError> + Send),
    ) -> Result<u64, StoreError>;
}
