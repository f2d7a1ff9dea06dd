//! `jobmarket ingest <source>`: options, progress display and the end-of-run summary.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::{DateTime, NaiveDate, Utc};
use jobmarket_francetravail::config::{
    DEFAULT_BASE_URL, DEFAULT_SCOPE, DEFAULT_TOKEN_URL, search_url_for,
};
use jobmarket_francetravail::crawl::Snapshot;
use jobmarket_francetravail::{CrawlOptions, FtConfig, Profile, Progress};
use jobmarket_ingest::report::{RunMode, RunReport, RunStatus};
use jobmarket_ingest::{DataDir, Secret};

use crate::logging::LogFormat;

#[derive(clap::Subcommand)]
pub enum IngestSource {
    /// France Travail "Offres d'emploi v2" (credentials: FT_API_CLIENT_ID, FT_API_CLIENT_SECRET).
    Francetravail(FtArgs),
}

#[derive(clap::Args, Clone)]
pub struct FtArgs {
    /// API base URL.
    #[arg(long, env = "FT_API_BASE_URL", default_value = DEFAULT_BASE_URL)]
    pub base_url: String,
    /// OAuth2 token URL (realm included).
    #[arg(long, env = "FT_API_TOKEN_URL", default_value = DEFAULT_TOKEN_URL)]
    pub token_url: String,
    /// Search URL [default: <base-url>/v2/offres/search].
    #[arg(long, env = "FT_API_SEARCH_URL")]
    pub search_url: Option<String>,
    /// OAuth2 scopes, space-separated.
    #[arg(long, env = "FT_API_SCOPE", default_value = DEFAULT_SCOPE)]
    pub scope: String,
    /// ROME codes to collect, comma-separated (replaces the data-job codes; "" for none).
    #[arg(long, value_delimiter = ',')]
    pub rome_codes: Option<Vec<String>>,
    /// Keyword searches, comma-separated (replaces the default data keywords; "" for none).
    #[arg(long, value_delimiter = ',')]
    pub keywords: Option<Vec<String>>,
    /// Limit to these departments, comma-separated (e.g. 75,69,2A,974).
    #[arg(long, value_delimiter = ',')]
    pub departments: Vec<String>,
    /// Only offers created since this date (YYYY-MM-DD or RFC 3339).
    #[arg(long, conflicts_with = "days")]
    pub since: Option<String>,
    /// Only offers created in the last N days.
    #[arg(long)]
    pub days: Option<u32>,
    /// Stop after N distinct offers.
    #[arg(long)]
    pub limit: Option<u64>,
    /// Fetch one page only, to check the credentials.
    #[arg(long)]
    pub sample: bool,
    /// Collect everything again, even after a successful run (default: only what is new).
    #[arg(long)]
    pub full: bool,
    /// Start a new run instead of resuming an interrupted one.
    #[arg(long)]
    pub restart: bool,
    /// Do not load the collected offers into the store afterwards (`jobmarket index` does it).
    #[arg(long)]
    pub no_index: bool,
    /// Store to load them into: `embedded` or `elasticsearch`.
    #[arg(long, env = "JOBMARKET_STORE", default_value = "embedded")]
    pub store: String,
    /// Calls per second (the API allows 10).
    #[arg(long, default_value_t = 10.0)]
    pub rate: f64,
    /// Calls in flight at once.
    #[arg(long, default_value_t = 4)]
    pub concurrency: usize,
    /// Retries of a call after a 5xx or a timeout.
    #[arg(long, default_value_t = 6)]
    pub max_retries: u32,
}

impl FtArgs {
    /// The API settings; credentials come from the environment only (never from flags).
    pub fn config(&self) -> FtConfig {
        let client_id = std::env::var("FT_API_CLIENT_ID").unwrap_or_default();
        let client_secret = Secret::new(std::env::var("FT_API_CLIENT_SECRET").unwrap_or_default());
        let mut config = FtConfig::new(client_id, client_secret);
        config.token_url = self.token_url.clone();
        config.search_url = self
            .search_url
            .clone()
            .unwrap_or_else(|| search_url_for(&self.base_url));
        config.scope = self.scope.clone();
        config.rate_per_sec = self.rate;
        config.concurrency = self.concurrency;
        config.max_retries = self.max_retries;
        config
    }

    pub fn options(&self) -> anyhow::Result<CrawlOptions> {
        let clean = |list: &Option<Vec<String>>| {
            list.as_ref().map(|items| {
                items
                    .iter()
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
            })
        };
        let since = match (&self.since, self.days) {
            (Some(text), _) => Some(parse_since(text)?),
            (None, Some(days)) => Some(Utc::now() - chrono::Duration::days(days.into())),
            (None, None) => None,
        };
        Ok(CrawlOptions {
            profile: Profile::custom(
                clean(&self.rome_codes),
                clean(&self.keywords),
                self.departments.clone(),
            ),
            full: self.full,
            since,
            sample: self.sample,
            limit: self.limit,
            restart: self.restart,
            ..CrawlOptions::default()
        })
    }
}

fn parse_since(text: &str) -> anyhow::Result<DateTime<Utc>> {
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Ok(at.with_timezone(&Utc));
    }
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").with_context(|| {
        format!("invalid --since {text:?}: expected YYYY-MM-DD or an RFC 3339 date")
    })?;
    Ok(day.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc())
}

pub async fn run(
    source: IngestSource,
    data_dir: &Path,
    log_format: LogFormat,
) -> anyhow::Result<()> {
    let IngestSource::Francetravail(args) = source;
    let data = DataDir::new(data_dir);
    let report = collect(&data, args.config(), &args.options()?, log_format).await?;
    print_summary(&data, &report);
    crate::index::after_collection(&data, &report, &args).await
}

/// Runs a France Travail collection with a progress display.
pub async fn collect(
    data: &DataDir,
    config: FtConfig,
    options: &CrawlOptions,
    log_format: LogFormat,
) -> anyhow::Result<RunReport> {
    let mut progress = Display::new(log_format.progress_bar());
    let result = jobmarket_francetravail::run_ingest(data, config, options, &mut progress).await;
    progress.finish();
    result.context("france travail collection failed (run the same command again to resume)")
}

/// A progress bar on a terminal, periodic log lines otherwise.
struct Display {
    bar: Option<indicatif::ProgressBar>,
    last_log: Instant,
    started: Instant,
}

impl Display {
    fn new(bar: bool) -> Self {
        let bar = bar.then(|| {
            let bar = indicatif::ProgressBar::new(1);
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {bar:30.cyan/blue} {pos}/{len} pages · {msg} · ETA {eta}",
                )
                .expect("valid template"),
            );
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Display {
            bar,
            last_log: Instant::now(),
            started: Instant::now(),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Progress for Display {
    fn update(&mut self, s: &Snapshot) {
        let rate = s.calls as f64 / self.started.elapsed().as_secs_f64().max(0.001);
        match &self.bar {
            Some(bar) => {
                bar.set_length(s.pages_planned);
                bar.set_position(s.pages_done);
                bar.set_message(format!(
                    "{} offers · {:.1} calls/s · {} × 429 · {} retries",
                    s.collected, rate, s.rate_limited, s.retries
                ));
            }
            None if self.last_log.elapsed() >= Duration::from_secs(5) => {
                self.last_log = Instant::now();
                tracing::info!(
                    pages_done = s.pages_done,
                    pages_planned = s.pages_planned,
                    offers = s.collected,
                    calls = s.calls,
                    calls_per_sec = format!("{rate:.1}"),
                    rate_limited = s.rate_limited,
                    retries = s.retries,
                    "collecting"
                );
            }
            None => {}
        }
    }

    fn message(&mut self, text: &str) {
        match &self.bar {
            Some(bar) => bar.println(text),
            None => tracing::info!("{text}"),
        }
    }
}

/// Prints the end-of-run summary on stdout.
pub fn print_summary(data: &DataDir, report: &RunReport) {
    let status = match report.status {
        RunStatus::Success => "success",
        RunStatus::Failed => "FAILED",
    };
    let demo = if report.demo {
        ", DEMO DATA (simulated offers, not real)"
    } else {
        ""
    };
    let mode = match report.mode {
        RunMode::Full => "full",
        RunMode::Incremental => "incremental",
        RunMode::Sample => "sample",
    };
    println!(
        "France Travail collection {} — {status} ({mode} run{demo}{})",
        report.run_id,
        if report.resumed { ", resumed" } else { "" }
    );
    println!(
        "  window       {} → {}",
        report
            .window_start
            .map_or("-".into(), |d| d.format("%Y-%m-%d %H:%M").to_string()),
        report.window_end.format("%Y-%m-%d %H:%M UTC")
    );
    let complete_searches = report
        .searches
        .iter()
        .filter(|s| s.collected >= s.announced)
        .count();
    println!(
        "  searches     {} ({} collected all they announced){}",
        report.searches.len(),
        complete_searches,
        if report.complete {
            " — complete"
        } else {
            " — INCOMPLETE"
        }
    );
    for search in report.searches.iter().filter(|s| s.collected < s.announced) {
        println!(
            "    {:<28} announced {:>7}, collected {:>7}",
            search.name, search.announced, search.collected
        );
    }
    println!(
        "  announced    {} (sum over searches; an offer found by two searches counts twice)",
        report.announced
    );
    println!("  collected    {} distinct offers", report.collected);
    println!(
        "  duplicates   {} (same offer in several searches or slices, kept once)",
        report.merge.duplicates
    );
    println!(
        "  offers file  {} new, {} seen again, {} known in all",
        report.merge.new, report.merge.seen_again, report.merge.total_known
    );
    println!(
        "  rejected     {} (set aside with the reason in rejected.jsonl)",
        report.merge.rejected
    );
    let h = &report.http;
    let rate_limited_share = if h.calls > 0 {
        100.0 * h.rate_limited as f64 / h.calls as f64
    } else {
        0.0
    };
    println!(
        "  calls        {} ({} pages, {} × 429 = {rate_limited_share:.1} %, {} × 5xx, {} transport errors, {} retries, {} tokens)",
        h.calls,
        report.pages,
        h.rate_limited,
        h.server_errors,
        h.transport_errors,
        h.retries,
        h.tokens
    );
    for shortfall in &report.shortfalls {
        println!("  shortfall    {shortfall}");
    }
    println!("  duration     {:.1} s", report.duration_secs);
    println!(
        "  offers       {}",
        data.offers_file(&report.source).display()
    );
    println!(
        "  report       {}",
        data.run_dir(&report.source, &report.run_id)
            .join("report.json")
            .display()
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_accepts_a_day_or_a_timestamp() {
        assert_eq!(
            parse_since("2026-11-01").unwrap().to_rfc3339(),
            "2026-11-01T00:00:00+00:00"
        );
        assert_eq!(
            parse_since("2026-11-01T10:00:00+01:00")
                .unwrap()
                .to_rfc3339(),
            "2026-11-01T09:00:00+00:00"
        );
        assert!(parse_since("yesterday").is_err());
    }
}
