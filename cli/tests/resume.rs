//! An ingest killed with SIGKILL at any point resumes where it stopped: same final set of
//! offers, no duplicate, no page fetched twice.

mod common;

use std::collections::HashSet;
use std::time::Duration;

use common::*;
use jobmarket_francetravail_sim::SimConfig;

/// Pages journaled so far.
fn pages_done(data: &std::path::Path) -> usize {
    journal_entries(data)
        .iter()
        .filter(|e| e["kind"] == "page")
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_twice_midway_then_resumed_collects_the_same_set() {
    let config = SimConfig {
        offers: 5_000,
        seed: 21,
        fault_5xx_rate: 0.02,
        ..SimConfig::default()
    };
    let scenario = Scenario::start(config.clone()).await;
    let (sim, data) = (&scenario.sim, &scenario.data);
    let args = ["--keywords", "data,machine learning"];

    for kill_after in [4, 15] {
        let mut child = scenario.ingest(&args).spawn().unwrap();
        let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
        while pages_done(data) < kill_after {
            assert!(
                tokio::time::Instant::now() < deadline,
                "ingest made no progress"
            );
            assert!(
                child.try_wait().unwrap().is_none(),
                "ingest ended before it could be killed"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        child.kill().await.unwrap(); // SIGKILL
        assert!(
            data.join("state").join(SOURCE).join("current").exists(),
            "the interrupted run is remembered"
        );
    }
    let pages_before_resume = pages_done(data);

    let outcome = run_ok(scenario.ingest(&args)).await;
    assert!(outcome.stdout.contains("resumed"), "{}", outcome.stdout);
    let report = last_report(data);
    assert_eq!(report["resumed"], true);
    assert_eq!(report["complete"], true, "{report:#}");

    let end = chrono::DateTime::parse_from_rfc3339(report["window_end"].as_str().unwrap())
        .unwrap()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    let searches: Vec<_> = default_searches()
        .into_iter()
        .filter(|(p, v)| *p == "codeROME" || v == "data" || v == "machine learning")
        .collect();
    assert_eq!(collected_ids(data), expected_ids(sim, &searches, &end));

    // Only one run folder: the resumed run is the interrupted one, not a new one.
    let runs = std::fs::read_dir(data.join("state").join(SOURCE).join("runs"))
        .unwrap()
        .count();
    assert_eq!(runs, 1);
    // No page was journaled twice, and the resumed process fetched only what remained.
    let mut seen = HashSet::new();
    for entry in journal_entries(data).iter().filter(|e| e["kind"] == "page") {
        let key = (entry["slice"].to_string(), entry["start"].as_u64().unwrap());
        assert!(seen.insert(key.clone()), "page {key:?} journaled twice");
    }
    let total_pages = report["pages"].as_u64().unwrap();
    let resumed_calls = report["http"]["calls"].as_u64().unwrap();
    assert!(
        resumed_calls < total_pages,
        "resumed run sent {resumed_calls} calls for {total_pages} pages ({pages_before_resume} done before)"
    );
    assert!(!data.join("state").join(SOURCE).join("current").exists());
}
