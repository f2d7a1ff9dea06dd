//! `jobmarket ingest francetravail` end to end, over real HTTP against the simulator.

mod common;

use std::time::Duration;

use common::*;
use jobmarket_francetravail_sim::SimConfig;

fn window_end(report: &serde_json::Value) -> String {
    let end = report["window_end"].as_str().unwrap();
    chrono::DateTime::parse_from_rfc3339(end)
        .unwrap()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// The acceptance run: 8 000+ offers, one ROME code alone above the 3 150 cap,
/// 5 % injected 5xx and a short token lifetime.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn collects_every_offer_exactly_once_despite_faults() {
    let config = SimConfig {
        offers: 8_200,
        seed: 7,
        fault_5xx_rate: 0.05,
        token_ttl: Duration::from_secs(4),
        dominant_rome: Some(("M1811".into(), 0.42)),
        new_offer_every: Some(25),
        ..SimConfig::default()
    };
    let scenario = Scenario::start(config.clone()).await;
    let (sim, data) = (&scenario.sim, &scenario.data);
    let m1811 = sim.matching_ids(&[("codeROME", "M1811")]).unwrap();
    assert!(
        m1811.len() > 3150,
        "the scenario needs one ROME code above the cap ({})",
        m1811.len()
    );

    let outcome = run_ok(scenario.ingest(&[])).await;

    let report = last_report(data);
    let expected = expected_ids(sim, &default_searches(), &window_end(&report));
    let collected = collected_ids(data);
    assert!(
        expected.len() >= 6_000,
        "profile should match most offers ({})",
        expected.len()
    );
    let missing: Vec<_> = expected.difference(&collected).take(5).collect();
    let extra: Vec<_> = collected.difference(&expected).take(5).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing {missing:?}, unexpected {extra:?}"
    );

    assert_eq!(report["status"], "success");
    assert_eq!(report["mode"], "full");
    assert_eq!(report["complete"], true, "{report:#}");
    assert_eq!(
        report["merge"]["rejected"], 0,
        "every simulated offer normalises"
    );
    assert_eq!(report["collected"].as_u64().unwrap(), expected.len() as u64);
    for search in report["searches"].as_array().unwrap() {
        assert_eq!(search["announced"], search["collected"], "{search}");
    }
    assert!(
        report["merge"]["duplicates"].as_u64().unwrap() > 0,
        "keyword searches overlap the ROME search"
    );

    let stats = sim.stats();
    assert!(stats.injected_5xx > 0, "faults were injected: {stats:?}");
    assert!(
        stats.tokens_issued >= 2,
        "the short-lived token was renewed: {stats:?}"
    );
    assert_eq!(
        stats.retry_after_violations, 0,
        "a call was sent during a Retry-After window"
    );
    assert!(
        (stats.rate_limited as f64) < 0.02 * stats.api_calls as f64,
        "429 rate above 2 %: {} of {}",
        stats.rate_limited,
        stats.api_calls
    );
    assert!(
        stats.offers_added_mid_crawl > 0,
        "offers appeared mid-crawl: {stats:?}"
    );
    assert_eq!(
        report["http"]["server_errors"].as_u64(),
        Some(stats.injected_5xx)
    );

    // Raw pages are kept exactly as received, one file per fetched page.
    let raw_files = all_files(&data.join("raw").join(SOURCE));
    assert_eq!(raw_files.len() as u64, report["pages"].as_u64().unwrap());
    assert!(outcome.stdout.contains("complete"), "{}", outcome.stdout);

    // The secret never lands on disk or in the output.
    for file in all_files(data) {
        let bytes = std::fs::read(&file).unwrap();
        assert!(
            !bytes
                .windows(config.client_secret.len())
                .any(|w| w == config.client_secret.as_bytes()),
            "secret found in {}",
            file.display()
        );
    }
    assert!(
        !outcome.stdout.contains(&config.client_secret)
            && !outcome.stderr.contains(&config.client_secret)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn honours_retry_after_when_the_quota_is_lower_than_expected() {
    let config = SimConfig {
        offers: 4_000,
        seed: 3,
        rate_per_sec: 4,
        burst: 4,
        retry_after_secs: 1,
        // Tokens die after 3 s although 1 499 s are announced: every renewal goes through a 401.
        token_ttl: Duration::from_secs(3),
        reported_expires_in: Some(1499),
        ..SimConfig::default()
    };
    let scenario = Scenario::start(config.clone()).await;
    let (sim, data) = (&scenario.sim, &scenario.data);
    run_ok(scenario.ingest(&["--keywords", "", "--rate", "10"])).await;

    let report = last_report(data);
    let expected = expected_ids(sim, &default_searches()[..1], &window_end(&report));
    assert_eq!(collected_ids(data), expected);
    let stats = sim.stats();
    assert!(
        stats.rate_limited > 0,
        "the scenario must provoke 429s: {stats:?}"
    );
    assert_eq!(
        stats.retry_after_violations, 0,
        "a call was sent during a Retry-After window: {stats:?}"
    );
    assert!(
        stats.unauthorized > 0 && stats.tokens_issued >= 2,
        "expired tokens were renewed after a 401: {stats:?}"
    );
    assert_eq!(
        report["http"]["rate_limited"].as_u64(),
        Some(stats.rate_limited)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_incremental_run_fetches_only_what_is_new_and_a_full_run_refreshes_last_seen() {
    let config = SimConfig {
        offers: 1_500,
        seed: 11,
        ..SimConfig::default()
    };
    let scenario = Scenario::start(config.clone()).await;
    let (sim, data) = (&scenario.sim, &scenario.data);

    run_ok(scenario.ingest(&[])).await;
    let first = last_report(data);
    let first_calls = first["http"]["calls"].as_u64().unwrap();
    let before = collected_ids(data);

    tokio::time::sleep(Duration::from_millis(1100)).await;
    let added = sim.add_offers(40, chrono::Utc::now());
    tokio::time::sleep(Duration::from_millis(1100)).await;
    run_ok(scenario.ingest(&[])).await;
    let second = last_report(data);
    assert_eq!(second["mode"], "incremental");
    let after = collected_ids(data);
    let expected = expected_ids(sim, &default_searches(), &window_end(&second));
    assert_eq!(after, expected, "incremental run missed or invented offers");
    let new: Vec<_> = after.difference(&before).collect();
    assert!(
        !new.is_empty() && new.iter().all(|id| added.contains(id)),
        "new offers are the added ones: {new:?}"
    );
    // Each search now fits in one page: one call per search, against many for the full run.
    let second_calls = second["http"]["calls"].as_u64().unwrap();
    let searches = default_searches().len() as u64;
    assert_eq!(second["pages"].as_u64().unwrap(), searches);
    assert_eq!(second_calls, searches);
    assert!(
        second_calls * 2 < first_calls,
        "incremental: {second_calls} calls vs {first_calls} for the full run"
    );

    // A full run sees every offer again: last_seen moves, first_seen stays.
    run_ok(scenario.ingest(&["--full"])).await;
    let third = last_report(data);
    assert_eq!(third["mode"], "full");
    for offer in offers(data) {
        assert_eq!(offer["last_seen_at"], third["window_end"]);
        let id = offer["source_id"].as_str().unwrap();
        let first_seen = if before.contains(id) {
            &first["window_end"]
        } else {
            &second["window_end"]
        };
        assert_eq!(&offer["first_seen_at"], first_seen, "{id}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sample_fetches_one_page_and_is_no_baseline() {
    let config = SimConfig {
        offers: 800,
        seed: 5,
        ..SimConfig::default()
    };
    let scenario = Scenario::start(config.clone()).await;
    let (_sim, data) = (&scenario.sim, &scenario.data);
    run_ok(scenario.ingest(&["--sample"])).await;
    let report = last_report(data);
    assert_eq!(report["mode"], "sample");
    assert_eq!(report["http"]["calls"], 1);
    assert_eq!(collected_ids(data).len(), 150);
    assert!(
        !data
            .join("state")
            .join(SOURCE)
            .join("last-success.json")
            .exists()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn limit_stops_after_that_many_offers() {
    let config = SimConfig {
        offers: 3_000,
        seed: 8,
        ..SimConfig::default()
    };
    let scenario = Scenario::start(config.clone()).await;
    let (_sim, data) = (&scenario.sim, &scenario.data);
    run_ok(scenario.ingest(&["--limit", "400", "--concurrency", "1"])).await;
    let report = last_report(data);
    assert_eq!(report["mode"], "sample");
    assert_eq!(report["complete"], false);
    let collected = collected_ids(data).len();
    assert!(
        (400..550).contains(&collected),
        "{collected} offers for --limit 400"
    );
    assert!(
        !data
            .join("state")
            .join(SOURCE)
            .join("last-success.json")
            .exists()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_credentials_fail_with_a_clear_message_and_no_secret() {
    let config = SimConfig {
        offers: 50,
        ..SimConfig::default()
    };
    let scenario = Scenario::start(config.clone()).await;
    let (_sim, data) = (&scenario.sim, &scenario.data);
    let mut command = scenario.ingest(&[]);
    command.env("FT_API_CLIENT_SECRET", "wrong-secret-value-123");
    let outcome = run(command).await;
    assert!(!outcome.success);
    assert!(
        outcome.stderr.contains("invalid_client"),
        "{}",
        outcome.stderr
    );
    assert!(
        outcome.stderr.contains("FT_API_CLIENT_SECRET"),
        "{}",
        outcome.stderr
    );
    assert!(
        !outcome.stderr.contains("wrong-secret-value-123")
            && !outcome.stdout.contains("wrong-secret-value-123")
    );
    let report = last_report(data);
    assert_eq!(report["status"], "failed");

    let mut command = scenario.ingest(&[]);
    command
        .env("FT_API_CLIENT_ID", "")
        .env("FT_API_CLIENT_SECRET", "");
    let outcome = run(command).await;
    assert!(!outcome.success);
    assert!(
        outcome.stderr.contains("no france travail credentials"),
        "{}",
        outcome.stderr
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_search_parameter_names_the_api_message() {
    let config = SimConfig {
        offers: 50,
        ..SimConfig::default()
    };
    let scenario = Scenario::start(config.clone()).await;
    let (_sim, _data) = (&scenario.sim, &scenario.data);
    let outcome = run(scenario.ingest(&["--keywords", "x", "--rome-codes", ""])).await;
    assert!(!outcome.success);
    assert!(outcome.stderr.contains("motsCles"), "{}", outcome.stderr);
}
