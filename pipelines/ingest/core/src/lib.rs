//! Source-independent ingestion machinery.
//!
//! This crate owns everything a collection run does that does not depend on *which* board
//! the offers come from:
//! - [`layout`]: where things live under the data directory (`raw/`, `normalized/`, `state/`);
//! - [`journal`]: the append-only run journal that makes a run resumable after `kill -9`;
//! - [`raw`]: raw pages stored exactly as received (gzip, atomic writes);
//! - [`merge`]: turning a run's raw pages into canonical offers, merged with what is already
//!   known (deduplicated by id, `first_seen_at`/`last_seen_at` kept), malformed offers set aside;
//! - [`report`]: the run report written under `state/` and read by the API and dashboard;
//! - [`Source`]: the small trait a source implements so the above can work on its pages.
//!
//! Fetching itself (HTTP, paging, rate limits) belongs to each source crate.

pub mod journal;
pub mod layout;
pub mod merge;
pub mod raw;
pub mod report;
mod secret;

pub use layout::{CollectionLock, DataDir};
pub use secret::Secret;

use chrono::{DateTime, Utc};
use jobmarket_schema::Offer;
use serde_json::value::RawValue;

/// What the shared machinery needs to know about a source's data.
pub trait Source {
    /// Name used in offer ids and folder names, e.g. `francetravail`.
    fn name(&self) -> &'static str;

    /// Splits a stored raw page into the raw offers it holds.
    fn offers_in_page<'a>(&self, page: &'a str) -> Result<Vec<&'a RawValue>, String>;

    /// Normalises one raw offer (JSON text) into a canonical offer seen at `seen_at`.
    fn normalize(&self, raw_offer: &str, seen_at: DateTime<Utc>) -> Result<Offer, String>;
}

/// Errors of the ingestion machinery (file system and stored data).
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{action} {path}: {source}")]
    Io {
        action: &'static str,
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("another collection is running on this data directory (lock {path} is held)")]
    Busy { path: std::path::PathBuf },
    #[error("corrupt {what} {path}: {reason}")]
    Corrupt {
        what: &'static str,
        path: std::path::PathBuf,
        reason: String,
    },
}

impl IngestError {
    pub(crate) fn io(
        action: &'static str,
        path: &std::path::Path,
    ) -> impl FnOnce(std::io::Error) -> Self {
        let path = path.to_path_buf();
        move |source| IngestError::Io {
            action,
            path,
            source,
        }
    }
}

/// Writes `bytes` to `path` atomically: a temporary file beside it, then a rename, so a
/// crash leaves either the old file or the new one, never a torn one.
pub fn write_atomic(path: &std::path::Path, bytes: &[u8]) -> Result<(), IngestError> {
    use std::io::Write;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(IngestError::io("create directory", parent))?;
    }
    let tmp = tmp_path(path);
    let mut file = std::fs::File::create(&tmp).map_err(IngestError::io("create", &tmp))?;
    file.write_all(bytes)
        .map_err(IngestError::io("write", &tmp))?;
    drop(file);
    std::fs::rename(&tmp, path).map_err(IngestError::io("rename", &tmp))
}

/// The temporary path used while `path` is being written.
pub fn tmp_path(path: &std::path::Path) -> std::path::PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".tmp{}", std::process::id()));
    path.with_file_name(name)
}
