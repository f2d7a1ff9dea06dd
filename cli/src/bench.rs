//! `jobmarket bench …`: speed measurements (medians over repeated runs), not tests.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use chrono::Utc;

#[derive(clap::Subcommand)]
pub enum BenchCommand {
    /// Indexing rate, index size and aggregation latencies of the embedded store, on
    /// generated offers (simulated France Travail offers, normalised, then varied).
    Index {
        /// Offers to index.
        #[arg(long, default_value_t = 1_000_000)]
        offers: usize,
        /// Distinct simulated offers the others are varied from.
        #[arg(long, default_value_t = 20_000)]
        base: usize,
        /// Runs of each aggregation (p50 and p99 are taken over them).
        #[arg(long, default_value_t = 30)]
        runs: usize,
        /// Where to build the index [default: a temporary folder, removed afterwards].
        #[arg(long)]
        dir: Option<PathBuf>,
        /// Also export the offers to this Parquet file (for `benches/duckdb_compare.py`).
        #[arg(long)]
        parquet: Option<PathBuf>,
    },
    /// Throughput and latency percentiles of a running REST API (`jobmarket serve`) under
    /// concurrent clients, endpoint by endpoint.
    Api(crate::bench_api::ApiBenchArgs),
    /// Normalisation throughput on one core, in offers per second.
    Normalize {
        /// Raw offers, one JSON object per line.
        #[arg(long, default_value = "../shared/data/francetravail/offers.jsonl")]
        input: PathBuf,
        /// Timed passes over the whole input.
        #[arg(long, default_value_t = 7)]
        iterations: usize,
    },
}

pub fn run(command: BenchCommand) -> anyhow::Result<()> {
    let (input, iterations) = match command {
        BenchCommand::Normalize { input, iterations } => (input, iterations),
        BenchCommand::Index {
            offers,
            base,
            runs,
            dir,
            parquet,
        } => {
            return crate::bench_index::run(offers, base, runs, dir, parquet);
        }
        BenchCommand::Api(args) => return crate::bench_api::run(args),
    };
    let text = std::fs::read_to_string(&input)
        .with_context(|| format!("cannot read {}", input.display()))?;
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    anyhow::ensure!(!lines.is_empty(), "{} holds no offers", input.display());
    let seen_at = Utc::now();
    let mut rates = Vec::with_capacity(iterations);
    let mut failures = 0;
    // One untimed pass to warm caches.
    for line in &lines {
        let _ = jobmarket_francetravail::normalize::normalize_json(line, seen_at);
    }
    for _ in 0..iterations.max(1) {
        let start = Instant::now();
        failures = 0;
        for line in &lines {
            match jobmarket_francetravail::normalize::normalize_json(line, seen_at) {
                Ok(offer) => {
                    std::hint::black_box(offer);
                }
                Err(_) => failures += 1,
            }
        }
        rates.push(lines.len() as f64 / start.elapsed().as_secs_f64());
    }
    rates.sort_by(f64::total_cmp);
    let median = rates[rates.len() / 2];
    let megabytes = text.len() as f64 / 1_000_000.0;
    println!(
        "normalize: {} offers ({megabytes:.1} MB) × {} passes on one thread",
        lines.len(),
        rates.len()
    );
    println!(
        "  median {:.0} offers/s ({:.1} MB/s), min {:.0}, max {:.0}; {failures} offers failed",
        median,
        median * megabytes / lines.len() as f64,
        rates[0],
        rates[rates.len() - 1]
    );
    Ok(())
}
