//! The data directory (`INGEST_OUTPUT_DIR`, `./data` by default):
//!
//! ```text
//! raw/<source>/<run id>/<page>.json.gz        raw pages exactly as received (gzip)
//! normalized/<source>/offers.jsonl            every offer ever collected, canonical, one per line
//! state/<source>/lock                         held by the collection running now (one at a time)
//! state/<source>/current                      id of the run in progress (absent when none)
//! state/<source>/runs/<run id>/plan.json      what the run collects (fixed at its start)
//! state/<source>/runs/<run id>/journal.jsonl  what it has done so far (append-only)
//! state/<source>/runs/<run id>/rejected.jsonl offers set aside, with the reason
//! state/<source>/runs/<run id>/report.json    its summary
//! state/<source>/last-success.json            report of the last successful run
//! ```

use std::path::{Path, PathBuf};

use crate::IngestError;

#[derive(Debug, Clone)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        DataDir { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn raw_run_dir(&self, source: &str, run_id: &str) -> PathBuf {
        self.root.join("raw").join(source).join(run_id)
    }

    pub fn normalized_dir(&self, source: &str) -> PathBuf {
        self.root.join("normalized").join(source)
    }

    /// The canonical offers of `source`.
    pub fn offers_file(&self, source: &str) -> PathBuf {
        self.normalized_dir(source).join("offers.jsonl")
    }

    pub fn state_dir(&self, source: &str) -> PathBuf {
        self.root.join("state").join(source)
    }

    pub fn run_dir(&self, source: &str, run_id: &str) -> PathBuf {
        self.state_dir(source).join("runs").join(run_id)
    }

    /// File naming the run in progress, if any.
    pub fn current_run_file(&self, source: &str) -> PathBuf {
        self.state_dir(source).join("current")
    }

    pub fn last_success_file(&self, source: &str) -> PathBuf {
        self.state_dir(source).join("last-success.json")
    }

    /// Takes the collection lock of `source`: one run at a time per data directory. The
    /// lock is released when the returned guard is dropped, or by the system when the
    /// process dies (even by `kill -9`).
    pub fn lock_collection(&self, source: &str) -> Result<CollectionLock, IngestError> {
        let dir = self.state_dir(source);
        std::fs::create_dir_all(&dir).map_err(IngestError::io("create directory", &dir))?;
        let path = dir.join("lock");
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(IngestError::io("open", &path))?;
        match file.try_lock() {
            Ok(()) => Ok(CollectionLock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) => Err(IngestError::Busy { path }),
            Err(std::fs::TryLockError::Error(err)) => Err(IngestError::io("lock", &path)(err)),
        }
    }
}

/// Held while a collection runs; see [`DataDir::lock_collection`].
pub struct CollectionLock {
    _file: std::fs::File,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_collection_at_a_time_per_source() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let held = data.lock_collection("toy").unwrap();
        assert!(matches!(
            data.lock_collection("toy"),
            Err(IngestError::Busy { .. })
        ));
        assert!(data.lock_collection("other").is_ok());
        drop(held);
        assert!(data.lock_collection("toy").is_ok());
    }
}
