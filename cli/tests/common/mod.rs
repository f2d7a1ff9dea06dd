//! Helpers shared by the binary's integration tests: a simulator, the binary run against it,
//! and readers for what a run leaves in the data directory.
#![allow(dead_code)]

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use jobmarket_francetravail_sim::{SimConfig, SimHandle};
use serde_json::Value;
use tokio::io::{AsyncBufReadExt, BufReader};

pub const SOURCE: &str = "francetravail";

/// A simulator and an empty data directory for one test.
pub struct Scenario {
    pub sim: SimHandle,
    pub config: SimConfig,
    pub data: PathBuf,
    _dir: tempfile::TempDir,
}

impl Scenario {
    pub async fn start(config: SimConfig) -> Self {
        let dir = tempfile::tempdir().unwrap();
        Scenario {
            sim: start_sim(config.clone()).await,
            data: dir.path().join("data"),
            config,
            _dir: dir,
        }
    }

    /// `jobmarket ingest francetravail <args>` against this scenario's simulator and data.
    pub fn ingest(&self, args: &[&str]) -> tokio::process::Command {
        ingest_command(&self.sim, &self.config, &self.data, args)
    }
}

pub async fn start_sim(config: SimConfig) -> SimHandle {
    jobmarket_francetravail_sim::start(config, "127.0.0.1:0".parse().unwrap())
        .await
        .expect("simulator starts")
}

/// `jobmarket ingest francetravail <args>` against `sim`, writing into `data`.
pub fn ingest_command(
    sim: &SimHandle,
    config: &SimConfig,
    data: &Path,
    args: &[&str],
) -> tokio::process::Command {
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_jobmarket"));
    command
        .args(["ingest", "francetravail", "--data-dir"])
        .arg(data)
        .args(["--log-format", "json"])
        .args(args)
        .current_dir(data.parent().unwrap())
        .env_remove("INGEST_OUTPUT_DIR")
        .env("FT_API_TOKEN_URL", sim.token_url())
        .env("FT_API_BASE_URL", sim.api_base_url())
        .env("FT_API_SEARCH_URL", sim.search_url())
        .env("FT_API_CLIENT_ID", &config.client_id)
        .env("FT_API_CLIENT_SECRET", &config.client_secret)
        .env("JOBMARKET_LOG", "info")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    command
}

pub struct Outcome {
    pub success: bool,
    pub stdout: String,
    pub stderr: String,
}

pub async fn run(mut command: tokio::process::Command) -> Outcome {
    let output = command.output().await.expect("binary runs");
    Outcome {
        success: output.status.success(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Runs and asserts success, printing the output otherwise.
pub async fn run_ok(command: tokio::process::Command) -> Outcome {
    let outcome = run(command).await;
    assert!(
        outcome.success,
        "ingest failed\nstdout:\n{}\nstderr:\n{}",
        outcome.stdout, outcome.stderr
    );
    outcome
}

pub fn offers_file(data: &Path) -> PathBuf {
    data.join("normalized").join(SOURCE).join("offers.jsonl")
}

/// Source ids of the normalised offers, asserting each appears once.
pub fn collected_ids(data: &Path) -> BTreeSet<String> {
    let text = std::fs::read_to_string(offers_file(data)).expect("offers file exists");
    let mut ids = BTreeSet::new();
    for line in text.lines() {
        let offer: Value = serde_json::from_str(line).expect("offers are json");
        let id = offer["source_id"].as_str().expect("source_id").to_owned();
        assert!(
            ids.insert(id.clone()),
            "offer {id} appears twice in the offers file"
        );
    }
    ids
}

pub fn offers(data: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(offers_file(data)).expect("offers file exists");
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The report of the last run (the newest run folder).
pub fn last_report(data: &Path) -> Value {
    let runs = data.join("state").join(SOURCE).join("runs");
    let mut names: Vec<_> = std::fs::read_dir(&runs)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    let path = runs.join(names.last().unwrap()).join("report.json");
    serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap()
}

/// Every offer the default profile should collect from `sim`, for creation dates up to `window_end`.
pub fn expected_ids(
    sim: &SimHandle,
    searches: &[(&str, String)],
    window_end: &str,
) -> BTreeSet<String> {
    let mut expected = BTreeSet::new();
    for (param, value) in searches {
        let params = [
            (*param, value.as_str()),
            ("minCreationDate", "2000-01-01T00:00:00Z"),
            ("maxCreationDate", window_end),
        ];
        expected.extend(sim.matching_ids(&params).expect("valid search"));
    }
    expected
}

/// The searches of the default collection profile, as (parameter, value).
pub fn default_searches() -> Vec<(&'static str, String)> {
    let profile = jobmarket_francetravail::Profile::data_jobs();
    profile
        .searches
        .iter()
        .map(|search| match &search.keywords {
            Some(k) => ("motsCles", k.clone()),
            None => ("codeROME", search.rome_codes.join(",")),
        })
        .collect()
}

/// Lines of the run journals, as JSON.
pub fn journal_entries(data: &Path) -> Vec<Value> {
    let runs = data.join("state").join(SOURCE).join("runs");
    let mut entries = Vec::new();
    let Ok(runs) = std::fs::read_dir(runs) else {
        return entries;
    };
    for run in runs {
        let path = run.unwrap().path().join("journal.jsonl");
        if let Ok(text) = std::fs::read_to_string(path) {
            entries.extend(text.lines().filter_map(|l| serde_json::from_str(l).ok()));
        }
    }
    entries
}

/// Every file under `dir`, recursively.
pub fn all_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path)
            } else {
                files.push(path)
            }
        }
    }
    files
}

pub fn id_set(ids: &BTreeSet<String>) -> HashSet<&str> {
    ids.iter().map(String::as_str).collect()
}

/// A running `jobmarket` server and the address it announced.
pub struct Running {
    pub base: String,
    child: tokio::process::Child,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
    }
}

/// Starts `jobmarket <args>` on demo data and waits (up to 5 minutes: `up` collects first) for the line
/// announcing where it serves, which must flag the demo data.
pub async fn serve(data: &Path, args: &[&str], env: &[(&str, &str)]) -> Running {
    let (running, announce) = start_server(data, args, env).await;
    assert!(announce.contains("DEMO DATA"), "{announce}");
    running
}

/// Starts `jobmarket <args>` and waits (up to 5 minutes) for the line announcing where it
/// serves; returns the server and that line.
pub async fn start_server(data: &Path, args: &[&str], env: &[(&str, &str)]) -> (Running, String) {
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_jobmarket"));
    command
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .args(["--addr", "127.0.0.1:0"])
        .env_remove("JOBMARKET_STORE")
        .env_remove("JOBMARKET_ADMIN_TOKEN")
        .env_remove("FT_API_CLIENT_ID")
        .env_remove("FT_API_CLIENT_SECRET")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true);
    for (k, v) in env {
        command.env(k, v);
    }
    let mut child = command.spawn().expect("jobmarket starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut seen = Vec::new();
    let base = tokio::time::timeout(Duration::from_secs(300), async {
        while let Some(line) = lines.next_line().await.unwrap() {
            if let Some(rest) = line.split("on http://").nth(1) {
                let addr = rest.split('/').next().unwrap().to_string();
                return (format!("http://{addr}"), line);
            }
            seen.push(line);
        }
        panic!("jobmarket stopped before serving: {seen:?}");
    })
    .await
    .expect("jobmarket serves within 5 minutes");
    // keep draining stdout so the server never blocks on a full pipe
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    let running = Running {
        base: base.0,
        child,
    };
    (running, base.1)
}
