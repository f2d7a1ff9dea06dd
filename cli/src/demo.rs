//! `jobmarket demo`: the whole collection pipeline against the built-in simulator, so a
//! newcomer sees it work without credentials. Everything it writes is labelled demo data
//! and kept apart, under `<data-dir>/demo`.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::Path;

use jobmarket_francetravail::FtConfig;
use jobmarket_francetravail::config::search_url_for;
use jobmarket_francetravail_sim::SimConfig;
use jobmarket_ingest::report::RunReport;
use jobmarket_ingest::{DataDir, Secret};

use crate::ingest::{FtArgs, collect, print_summary};
use crate::logging::LogFormat;

#[derive(clap::Args, Clone)]
pub struct DemoArgs {
    /// Number of simulated offers.
    #[arg(long, default_value_t = 3000)]
    pub offers: usize,
    /// Seed of the simulated offers.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Share of simulated 5xx answers, to watch the retries at work.
    #[arg(long, default_value_t = 0.05)]
    pub fault_5xx: f64,
    #[command(flatten)]
    pub ingest: FtArgs,
}

pub async fn run(args: DemoArgs, data_dir: &Path, log_format: LogFormat) -> anyhow::Result<()> {
    let data = demo_dir(data_dir);
    println!(
        "DEMO: collecting SIMULATED France Travail offers (not real data) from the built-in simulator into {}",
        data.root().display()
    );
    let report = collect_demo(&data, &args, log_format).await?;
    print_summary(&data, &report);
    crate::index::after_collection(&data, &report, &args.ingest).await?;
    println!(
        "DEMO data only. With France Travail credentials in config/.env, run `jobmarket ingest francetravail`."
    );
    Ok(())
}

/// Where demo data live: apart from real data.
pub fn demo_dir(data_dir: &Path) -> DataDir {
    DataDir::new(data_dir.join("demo"))
}

/// Collects simulated offers from a simulator started for the occasion.
pub async fn collect_demo(
    data: &DataDir,
    args: &DemoArgs,
    log_format: LogFormat,
) -> anyhow::Result<RunReport> {
    let sim_config = SimConfig {
        offers: args.offers,
        seed: args.seed,
        fault_5xx_rate: args.fault_5xx,
        ..SimConfig::default()
    };
    let sim = jobmarket_francetravail_sim::start(
        sim_config.clone(),
        SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
    )
    .await?;
    let mut config = FtConfig::new(
        sim_config.client_id.clone(),
        Secret::new(sim_config.client_secret.clone()),
    );
    config.token_url = sim.token_url();
    config.search_url = search_url_for(&sim.api_base_url());
    config.rate_per_sec = args.ingest.rate;
    config.concurrency = args.ingest.concurrency;
    config.max_retries = args.ingest.max_retries;
    let mut options = args.ingest.options()?;
    options.demo = true;
    let report = collect(data, config, &options, log_format).await;
    sim.shutdown().await;
    report
}
