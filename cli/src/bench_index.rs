//! `jobmarket bench index`: indexing rate, index size and the latency of each dashboard
//! aggregation over every offer, on the embedded store.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::Utc;
use jobmarket_francetravail_sim::SimConfig;
use jobmarket_schema::{Offer, OfferId};
use jobmarket_storage::embedded::EmbeddedStore;
use jobmarket_storage::query::Aggregation;
use jobmarket_storage::{AnalyticsQuery, Interval, KeywordField, Store, StoredOffer};

/// Offers per upsert.
const BATCH: usize = 20_000;

pub fn run(
    offers: usize,
    base: usize,
    runs: usize,
    dir: Option<PathBuf>,
    parquet: Option<PathBuf>,
) -> anyhow::Result<()> {
    let base_offers = base_offers(base)?;
    anyhow::ensure!(!base_offers.is_empty(), "no base offers generated");
    let tmp;
    let dir = match dir {
        Some(dir) => dir,
        None => {
            tmp = tempfile::tempdir()?;
            tmp.path().join("index")
        }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let store = EmbeddedStore::open(&dir)?;
    println!(
        "index: {offers} offers varied from {} simulated ones, embedded store at {}",
        base_offers.len(),
        dir.display()
    );
    let started = Instant::now();
    let mut batch = Vec::with_capacity(BATCH);
    for i in 0..offers {
        batch.push(variant(&base_offers[i % base_offers.len()], i));
        if batch.len() == BATCH || i + 1 == offers {
            runtime.block_on(store.upsert(&batch))?;
            batch.clear();
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let size = dir_size(&dir)?;
    println!(
        "  indexed in {secs:.1} s: {:.0} offers/s; index size {:.0} MB ({:.0} bytes per offer)",
        offers as f64 / secs,
        size as f64 / 1e6,
        size as f64 / offers as f64
    );
    println!("  aggregation over all offers, no cache: p50 / p99 of {runs} runs");
    for (name, agg) in dashboard_aggregations() {
        let query = AnalyticsQuery {
            size: 0,
            aggregations: BTreeMap::from([(name.to_string(), agg)]),
            ..AnalyticsQuery::default()
        };
        let mut times = Vec::with_capacity(runs);
        for _ in 0..runs.max(1) {
            let t = Instant::now();
            let result = runtime.block_on(store.query(&query))?;
            times.push(t.elapsed());
            std::hint::black_box(result);
        }
        times.sort();
        let p = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
        println!("    {name:<24} {:>8} / {:>8}", ms(p(0.5)), ms(p(0.99)));
    }
    if let Some(path) = parquet {
        let t = Instant::now();
        let file = std::io::BufWriter::new(std::fs::File::create(&path)?);
        let mut file: Box<dyn std::io::Write + Send> = Box::new(file);
        let n = runtime.block_on(crate::export::export(
            &store,
            &jobmarket_storage::OfferFilter::default(),
            crate::export::Format::Parquet,
            &mut *file,
        ))?;
        file.flush()?;
        println!(
            "  exported {n} offers to {} in {:.1} s ({:.0} MB)",
            path.display(),
            t.elapsed().as_secs_f64(),
            std::fs::metadata(&path)?.len() as f64 / 1e6
        );
    }
    Ok(())
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// The aggregations the dashboard shows.
pub fn dashboard_aggregations() -> Vec<(&'static str, Aggregation)> {
    let terms = |field, size| Aggregation::Terms { field, size };
    vec![
        ("roles", terms(KeywordField::Role, 20)),
        ("departments", terms(KeywordField::Department, 110)),
        ("regions", terms(KeywordField::Region, 20)),
        ("skills", terms(KeywordField::Skills, 50)),
        ("companies", terms(KeywordField::Company, 20)),
        ("contracts", terms(KeywordField::ContractType, 10)),
        ("remote", terms(KeywordField::Remote, 10)),
        (
            "per_week",
            Aggregation::OverTime {
                interval: Interval::Week,
            },
        ),
        (
            "per_month",
            Aggregation::OverTime {
                interval: Interval::Month,
            },
        ),
        (
            "salary_percentiles",
            Aggregation::SalaryPercentiles {
                percents: vec![10.0, 25.0, 50.0, 75.0, 90.0],
            },
        ),
        (
            "salary_histogram",
            Aggregation::SalaryHistogram {
                interval_eur: 5_000.0,
            },
        ),
        (
            "with_python",
            Aggregation::SkillCooccurrence {
                skill: "python".into(),
                size: 20,
            },
        ),
        (
            "new_vs_active",
            Aggregation::NewVsActive {
                interval: Interval::Week,
            },
        ),
    ]
}

/// Simulated France Travail offers, normalised.
fn base_offers(n: usize) -> anyhow::Result<Vec<Offer>> {
    let config = SimConfig {
        offers: n,
        seed: 7,
        ..SimConfig::default()
    };
    let now = Utc::now();
    jobmarket_francetravail_sim::generate_offers(&config)
        .iter()
        .map(|raw| {
            jobmarket_francetravail::normalize::normalize_json(&raw.to_string(), now)
                .context("a simulated offer does not normalise")
        })
        .collect()
}

/// The `i`-th offer: a base offer under a new id, published on another day of the past
/// year and seen for a few weeks.
fn variant(base: &Offer, i: usize) -> StoredOffer {
    let mut offer = base.clone();
    offer.id = OfferId::new("bench", &format!("{i:08}"));
    offer.source_id = format!("{i:08}");
    let published = Utc::now() - chrono::Duration::days((i % 365) as i64);
    offer.published_at = Some(published);
    offer.first_seen_at = published;
    offer.last_seen_at = published + chrono::Duration::days((i % 45) as i64);
    StoredOffer {
        offer,
        active: !i.is_multiple_of(7),
    }
}

fn dir_size(dir: &std::path::Path) -> std::io::Result<u64> {
    let mut total = 0;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let meta = entry.metadata()?;
        total += if meta.is_dir() {
            dir_size(&entry.path())?
        } else {
            meta.len()
        };
    }
    Ok(total)
}
