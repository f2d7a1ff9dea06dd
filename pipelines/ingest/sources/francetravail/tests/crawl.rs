//! The crawler against the simulator, in process: partitioning edge cases.

use std::collections::BTreeSet;

use jobmarket_francetravail::crawl::NoProgress;
use jobmarket_francetravail::{CrawlOptions, FtConfig, Profile, run_ingest};
use jobmarket_francetravail_sim::SimConfig;
use jobmarket_ingest::{DataDir, Secret};

fn client_config(sim: &jobmarket_francetravail_sim::SimHandle, config: &SimConfig) -> FtConfig {
    let mut ft = FtConfig::new(
        config.client_id.clone(),
        Secret::new(config.client_secret.clone()),
    );
    ft.token_url = sim.token_url();
    ft.search_url = sim.search_url();
    ft.rate_per_sec = 200.0;
    ft
}

/// Runs a collection of `options` against a new simulator of `config`, into a temporary
/// data directory (kept alive by the returned guard).
async fn collect(
    config: &SimConfig,
    options: &CrawlOptions,
) -> (
    jobmarket_francetravail_sim::SimHandle,
    tempfile::TempDir,
    DataDir,
    jobmarket_ingest::report::RunReport,
) {
    let sim = jobmarket_francetravail_sim::start(config.clone(), "127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::new(dir.path());
    let report = run_ingest(&data, client_config(&sim, config), options, &mut NoProgress)
        .await
        .unwrap();
    (sim, dir, data, report)
}

fn collected(data: &DataDir) -> BTreeSet<String> {
    jobmarket_ingest::merge::read_offers(&data.offers_file("francetravail"))
        .unwrap()
        .into_iter()
        .map(|offer| offer.source_id)
        .collect()
}

/// More than 3 150 offers created in the same millisecond cannot be split by date:
/// the crawler falls back to one query per department.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bulk_import_in_one_instant_is_split_by_department() {
    let config = SimConfig {
        offers: 300,
        bulk_import: Some(3_400),
        rate_per_sec: 0,
        ..SimConfig::default()
    };
    let rome: Vec<String> = jobmarket_schema::rome::DATA_ROME_CODES
        .iter()
        .map(|(c, _)| (*c).to_owned())
        .collect();
    let options = CrawlOptions {
        profile: Profile::custom(Some(rome.clone()), Some(vec![]), vec![]),
        ..CrawlOptions::default()
    };
    let (sim, _dir, data, report) = collect(&config, &options).await;

    let end = report.window_end.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let rome = rome.join(",");
    let expected: BTreeSet<String> = sim
        .matching_ids(&[
            ("codeROME", rome.as_str()),
            ("minCreationDate", "2000-01-01T00:00:00Z"),
            ("maxCreationDate", end.as_str()),
        ])
        .unwrap()
        .into_iter()
        .collect();
    assert!(expected.len() > 3_400, "{}", expected.len());
    let collected = collected(&data);
    assert!(collected.is_subset(&expected));
    // Offers of the bulk import in a department the API filters on are all reached; the
    // others (overseas collectivities, "France" only) cannot be, and the report says so.
    let reachable = |id: &String| {
        let offer = sim.offer_json(id).unwrap();
        let label = offer["lieuTravail"]["libelle"]
            .as_str()
            .unwrap_or("")
            .to_owned();
        let code = label.split(" - ").next().unwrap_or("").trim().to_owned();
        jobmarket_schema::geo::department(&code)
            .is_some_and(|d| d.kind != jobmarket_schema::geo::Zone::Collectivity)
    };
    let missing: Vec<&String> = expected.difference(&collected).collect();
    assert!(
        missing.iter().all(|id| !reachable(id)),
        "a reachable offer was missed"
    );
    let unreachable = expected.iter().filter(|id| !reachable(id)).count();
    assert!(missing.len() <= unreachable);
    if missing.is_empty() {
        assert!(report.complete, "{report:#?}");
    } else {
        assert!(!report.complete);
        assert_eq!(report.shortfalls.len(), 1, "{:?}", report.shortfalls);
        assert!(
            report.shortfalls[0].starts_with(&format!("{} of ", missing.len())),
            "{:?}",
            report.shortfalls
        );
    }

    let journal = std::fs::read_to_string(
        data.run_dir("francetravail", &report.run_id)
            .join("journal.jsonl"),
    )
    .unwrap();
    assert!(
        journal.contains("\"department\":\"75\""),
        "the crawler split by department"
    );
}

/// A window given with --since only asks for offers created since then.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn since_limits_the_window() {
    let config = SimConfig {
        offers: 1_000,
        rate_per_sec: 0,
        ..SimConfig::default()
    };
    let since = config.anchor - chrono::Duration::days(10);
    let options = CrawlOptions {
        profile: Profile::custom(Some(vec!["M1811".into()]), Some(vec![]), vec![]),
        since: Some(since),
        ..CrawlOptions::default()
    };
    let (sim, _dir, data, report) = collect(&config, &options).await;
    let offers = jobmarket_ingest::merge::read_offers(&data.offers_file("francetravail")).unwrap();
    assert!(!offers.is_empty());
    assert!(
        offers.iter().all(|o| o.published_at.unwrap() >= since
            && o.rome_code.as_ref().unwrap().as_str() == "M1811")
    );
    let all_m1811 = sim.matching_ids(&[("codeROME", "M1811")]).unwrap().len();
    assert!(offers.len() < all_m1811, "older offers were left out");
    assert_eq!(report.window_start, Some(since));
}
