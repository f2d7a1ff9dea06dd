//! The run report: what a collection run announced, collected and cost.
//!
//! Written as `state/<source>/runs/<run id>/report.json` at the end of every run, and copied
//! to `state/<source>/last-success.json` when the run succeeded (the API and dashboard show
//! the last successful collection from it).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::merge::MergeStats;
use crate::{DataDir, IngestError, write_atomic};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    Success,
    Failed,
}

/// How much of the market a run looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunMode {
    /// Every active offer created in the window (the whole history by default).
    Full,
    /// Only offers created since the previous successful run.
    Incremental,
    /// A sample: one page (`--sample`) or the first offers up to a limit (`--limit`).
    /// Never the baseline of an incremental run.
    Sample,
}

/// One search of the run: what the source announced and how much of it was collected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchReport {
    pub name: String,
    pub announced: u64,
    pub collected: u64,
}

/// HTTP costs of a run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpStats {
    /// Calls sent to the API (retries included, token calls excluded).
    pub calls: u64,
    /// 429 answers.
    pub rate_limited: u64,
    /// 5xx answers.
    pub server_errors: u64,
    /// Calls that timed out or failed to connect.
    pub transport_errors: u64,
    /// Calls sent again after a 429, a 5xx, a timeout or a 401.
    pub retries: u64,
    /// Access tokens obtained.
    pub tokens: u64,
    /// 401 answers (each followed by one token refresh).
    pub unauthorized: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunReport {
    pub source: String,
    pub run_id: String,
    pub mode: RunMode,
    /// The offers come from the built-in simulator, not from the real source.
    pub demo: bool,
    pub status: RunStatus,
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
    pub duration_secs: f64,
    /// Creation-date window collected: offers created in `[window_start, window_end]`.
    pub window_start: Option<DateTime<Utc>>,
    pub window_end: DateTime<Utc>,
    pub searches: Vec<SearchReport>,
    /// Sum over searches of what the source announced (an offer found by two searches counts twice).
    pub announced: u64,
    /// Distinct offers collected.
    pub collected: u64,
    /// Every search collected all it announced.
    pub complete: bool,
    pub pages: u64,
    pub http: HttpStats,
    pub merge: MergeStats,
    /// Slices the source could not serve in full, with why.
    pub shortfalls: Vec<String>,
    /// Resumed after an interruption.
    pub resumed: bool,
    pub error: Option<String>,
}

impl RunReport {
    /// Writes the report in the run's folder, and as the last success when it succeeded.
    pub fn save(&self, data: &DataDir) -> Result<(), IngestError> {
        let json = serde_json::to_vec_pretty(self).expect("reports serialise");
        write_atomic(
            &data.run_dir(&self.source, &self.run_id).join("report.json"),
            &json,
        )?;
        if self.status == RunStatus::Success && self.mode != RunMode::Sample {
            write_atomic(&data.last_success_file(&self.source), &json)?;
        }
        Ok(())
    }

    /// The report of the last successful (non-sample) run of `source`, if any.
    pub fn last_success(data: &DataDir, source: &str) -> Result<Option<RunReport>, IngestError> {
        let path = data.last_success_file(source);
        match std::fs::read(&path) {
            Ok(bytes) => {
                serde_json::from_slice(&bytes)
                    .map(Some)
                    .map_err(|err| IngestError::Corrupt {
                        what: "run report",
                        path,
                        reason: err.to_string(),
                    })
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(err) => Err(IngestError::io("read", &path)(err)),
        }
    }
}
