//! France Travail offer → canonical [`Offer`]. (stub: being written)

use chrono::{DateTime, Utc};
use jobmarket_schema::Offer;

/// Name of this source in offer ids and folder names.
pub const SOURCE: &str = "francetravail";

#[derive(Debug, thiserror::Error)]
pub enum NormalizeError {
    #[error("invalid json: {0}")]
    Json(#[from] serde_json::Error),
    #[error("missing field {0}")]
    Missing(&'static str),
    #[error("invalid {field}: {reason}")]
    Invalid { field: &'static str, reason: String },
}

/// Normalises one raw API offer (a JSON object as the API sends it).
pub fn normalize_json(json: &str, seen_at: DateTime<Utc>) -> Result<Offer, NormalizeError> {
    let _ = (json, seen_at);
    Err(NormalizeError::Missing("id"))
}
