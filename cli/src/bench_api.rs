//! `jobmarket bench api`: a load test of a running `jobmarket serve`, endpoint by endpoint.
//!
//! For each endpoint, `--concurrency` clients (tokio tasks sharing one keep-alive HTTP
//! client) send requests back to back for `--warmup` seconds (discarded), then for
//! `--duration` seconds (timed). Each endpoint cycles through a fixed list of realistic
//! request variants (filters, text queries, pages, sorts), shared round-robin by the clients.
//!
//! The server answers identical GETs from its response cache (`serve --cache-ttl`, 10 min by
//! default, `0` disables it), and unknown query parameters are refused, so no cache-busting
//! parameter can be added: with the cache on, the variant lists below are exactly the URLs
//! the cache sees (after the warm-up, nearly every request is a hit); start the server with
//! `--cache-ttl 0` to measure computed answers. The cache hit ratio of each endpoint is read
//! from the server's `/metrics`.
//!
//! The load is closed-loop (each client waits for its answer before sending the next
//! request, like `wrk`): latencies are those of the requests sent, so queueing beyond
//! `--concurrency` requests is not counted. The clients run on one thread, so they take at
//! most one of the machine's cores from the server.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::{Days, Utc};
use serde::Serialize;

/// The endpoints, in the order they are measured, with the names `--endpoints` takes.
pub const ENDPOINTS: &[(&str, &str)] = &[
    ("overview", "/api/v1/overview"),
    ("search", "/api/v1/offers"),
    ("offer", "/api/v1/offers/{id}"),
    ("timeseries", "/api/v1/timeseries"),
    ("breakdowns", "/api/v1/breakdowns/{dimension}"),
    ("salaries", "/api/v1/salaries"),
    ("salaries-trend", "/api/v1/salaries/trend"),
    ("salaries-histogram", "/api/v1/salaries/histogram"),
    ("skills-trends", "/api/v1/skills/trends"),
    ("skills-cooccurrence", "/api/v1/skills/{skill}/cooccurrence"),
    ("skills-by-role", "/api/v1/skills/by-role"),
    ("companies", "/api/v1/companies"),
];

/// Characters of an error answer kept in the report.
const ERROR_SNIPPET: usize = 200;

#[derive(clap::Args)]
pub struct ApiBenchArgs {
    /// Base URL of a running `jobmarket serve`.
    #[arg(long, default_value = "http://127.0.0.1:8080")]
    url: String,
    /// Concurrent clients (each sends its next request when its answer has arrived).
    #[arg(long, default_value_t = 32)]
    concurrency: usize,
    /// Timed seconds per endpoint.
    #[arg(long, default_value_t = 20)]
    duration: u64,
    /// Untimed seconds per endpoint before the timed ones (an endpoint failing every
    /// request then is reported as not measured).
    #[arg(long, default_value_t = 3)]
    warmup: u64,
    /// Endpoints to measure, comma-separated [default: all]: overview, search, offer,
    /// timeseries, breakdowns, salaries, salaries-trend, salaries-histogram, skills-trends,
    /// skills-cooccurrence, skills-by-role, companies.
    #[arg(long, value_delimiter = ',')]
    endpoints: Vec<String>,
    /// Print the results as JSON on stdout (progress stays on stderr).
    #[arg(long)]
    json: bool,
    /// Longest wait for one answer, in seconds (a slower answer is a transport error).
    #[arg(long, default_value_t = 30)]
    timeout: u64,
}

/// The figures of one endpoint.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Name given to `--endpoints`.
    pub endpoint: String,
    /// Route, e.g. `/api/v1/overview`.
    pub route: String,
    /// Distinct URLs cycled through.
    pub variants: usize,
    /// `false` when every warm-up request failed: the timed phase was skipped.
    pub measured: bool,
    /// Requests completed in the timed phase (answered or failed).
    pub requests: u64,
    /// Of those, answers 200.
    pub ok: u64,
    /// Length of the timed phase, seconds (until the last answer).
    pub seconds: f64,
    /// Answers 200 per second.
    pub throughput: f64,
    /// Latency percentiles of the answers 200, in milliseconds (send to last body byte).
    pub p50_ms: Option<f64>,
    pub p90_ms: Option<f64>,
    pub p99_ms: Option<f64>,
    pub max_ms: Option<f64>,
    /// Answers other than 200.
    pub http_errors: u64,
    /// Requests without an answer (connection, timeout, truncated body).
    pub transport_errors: u64,
    /// The first error seen (of the timed phase, or of the warm-up when not measured).
    pub first_error: Option<String>,
    /// Share of this endpoint's requests answered from the server's cache (`None` when the
    /// cache is off or `/metrics` cannot be read).
    pub cache_hit_ratio: Option<f64>,
}

/// What the clients saw during one phase.
#[derive(Debug, Default)]
struct Phase {
    /// Latency of each answer 200, microseconds.
    latencies_us: Vec<u64>,
    http_errors: u64,
    transport_errors: u64,
    /// The earliest error, and when it happened.
    first_error: Option<(Instant, String)>,
    elapsed: Duration,
}

impl Phase {
    fn merge(&mut self, other: Phase) {
        self.latencies_us.extend(other.latencies_us);
        self.http_errors += other.http_errors;
        self.transport_errors += other.transport_errors;
        if let Some((at, message)) = other.first_error
            && self.first_error.as_ref().is_none_or(|(mine, _)| at < *mine)
        {
            self.first_error = Some((at, message));
        }
    }

    fn error(&mut self, message: String) {
        if self.first_error.is_none() {
            self.first_error = Some((Instant::now(), message));
        }
    }

    fn ok(&self) -> u64 {
        self.latencies_us.len() as u64
    }

    fn requests(&self) -> u64 {
        self.ok() + self.http_errors + self.transport_errors
    }
}

/// The value at quantile `q` (0 to 1) of sorted values, nearest rank: the smallest value
/// with at least `q` of the values at or below it.
pub fn percentile(sorted: &[u64], q: f64) -> Option<u64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (q * sorted.len() as f64).ceil() as usize;
    Some(sorted[rank.clamp(1, sorted.len()) - 1])
}

/// The figures of a phase.
fn summarize(
    endpoint: &str,
    route: &str,
    variants: usize,
    mut phase: Phase,
    cache_hit_ratio: Option<f64>,
) -> Summary {
    phase.latencies_us.sort_unstable();
    let ms = |q: f64| percentile(&phase.latencies_us, q).map(|us| us as f64 / 1000.0);
    let seconds = phase.elapsed.as_secs_f64();
    Summary {
        endpoint: endpoint.to_string(),
        route: route.to_string(),
        variants,
        measured: true,
        requests: phase.requests(),
        ok: phase.ok(),
        seconds,
        throughput: if seconds > 0.0 {
            phase.ok() as f64 / seconds
        } else {
            0.0
        },
        p50_ms: ms(0.50),
        p90_ms: ms(0.90),
        p99_ms: ms(0.99),
        max_ms: ms(1.0),
        http_errors: phase.http_errors,
        transport_errors: phase.transport_errors,
        first_error: phase.first_error.map(|(_, m)| m),
        cache_hit_ratio,
    }
}

/// What the whole run measured.
#[derive(Debug, Serialize)]
struct Report {
    url: String,
    engine: String,
    offers: u64,
    concurrency: usize,
    duration_s: u64,
    warmup_s: u64,
    endpoints: Vec<Summary>,
}

pub fn run(args: ApiBenchArgs) -> anyhow::Result<()> {
    anyhow::ensure!(args.concurrency > 0, "--concurrency must be at least 1");
    anyhow::ensure!(args.duration > 0, "--duration must be at least 1 second");
    let selected: Vec<(&str, &str)> = if args.endpoints.is_empty() {
        ENDPOINTS.to_vec()
    } else {
        let mut selected = Vec::new();
        for name in &args.endpoints {
            let found = ENDPOINTS
                .iter()
                .find(|(n, _)| *n == name.as_str())
                .with_context(|| {
                    format!(
                        "unknown endpoint `{name}` (expected some of {})",
                        ENDPOINTS
                            .iter()
                            .map(|(n, _)| *n)
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                })?;
            selected.push(*found);
        }
        selected
    };
    // one thread for the clients: the server keeps at least one core
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(run_async(args, selected))
}

async fn run_async(args: ApiBenchArgs, selected: Vec<(&str, &str)>) -> anyhow::Result<()> {
    let base = args.url.trim_end_matches('/').to_string();
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(args.timeout))
        .pool_max_idle_per_host(args.concurrency)
        .build()
        .context("cannot build the http client")?;
    let ready: serde_json::Value = client
        .get(format!("{base}/readyz"))
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .with_context(|| format!("cannot reach {base}/readyz (is `jobmarket serve` running?)"))?
        .json()
        .await
        .context("unreadable /readyz answer")?;
    let engine = ready["engine"].as_str().unwrap_or("?").to_string();
    let offers = ready["offers"].as_u64().unwrap_or(0);
    eprintln!(
        "bench api: {base}, {offers} offers ({engine}); {} clients, {} s per endpoint after {} s of warm-up",
        args.concurrency, args.duration, args.warmup
    );
    eprintln!(
        "  note: the server caches identical GETs (serve --cache-ttl, default 10m, 0 disables); \
the variant lists are the URLs it sees"
    );

    let mut summaries = Vec::new();
    for (name, route) in selected {
        let variants = match variants(&client, &base, name).await {
            Ok(v) => v,
            Err(err) => {
                eprintln!("  {name}: not measured: {err:#}");
                summaries.push(not_measured(name, route, 0, format!("{err:#}")));
                continue;
            }
        };
        let urls: Arc<Vec<String>> =
            Arc::new(variants.iter().map(|v| format!("{base}{v}")).collect());
        eprintln!(
            "  {name}: {} variants, warming up {} s…",
            urls.len(),
            args.warmup
        );
        let warm = load(
            &client,
            &urls,
            args.concurrency,
            Duration::from_secs(args.warmup),
        )
        .await;
        if warm.ok() == 0 && warm.requests() > 0 {
            let message = warm.first_error.map(|(_, m)| m).unwrap_or_default();
            eprintln!("  {name}: every warm-up request failed, not measured: {message}");
            summaries.push(not_measured(name, route, urls.len(), message));
            continue;
        }
        let before = cache_counts(&client, &base).await;
        let phase = load(
            &client,
            &urls,
            args.concurrency,
            Duration::from_secs(args.duration),
        )
        .await;
        let after = cache_counts(&client, &base).await;
        let hit_ratio = match (before, after) {
            (Some((h0, m0)), Some((h1, m1))) if h1 + m1 > h0 + m0 => {
                Some((h1 - h0) as f64 / ((h1 + m1) - (h0 + m0)) as f64)
            }
            _ => None,
        };
        let summary = summarize(name, route, urls.len(), phase, hit_ratio);
        eprintln!(
            "  {name}: {:.0} req/s, p99 {}",
            summary.throughput,
            fmt_ms(summary.p99_ms)
        );
        summaries.push(summary);
    }

    let report = Report {
        url: base,
        engine,
        offers,
        concurrency: args.concurrency,
        duration_s: args.duration,
        warmup_s: args.warmup,
        endpoints: summaries,
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_table(&report);
    }
    Ok(())
}

fn not_measured(name: &str, route: &str, variants: usize, message: String) -> Summary {
    Summary {
        measured: false,
        first_error: Some(message),
        ..summarize(name, route, variants, Phase::default(), None)
    }
}

/// `concurrency` clients sending the `urls` round-robin for `duration`.
async fn load(
    client: &reqwest::Client,
    urls: &Arc<Vec<String>>,
    concurrency: usize,
    duration: Duration,
) -> Phase {
    let started = Instant::now();
    let deadline = started + duration;
    let next = Arc::new(AtomicUsize::new(0));
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..concurrency {
        let client = client.clone();
        let urls = urls.clone();
        let next = next.clone();
        tasks.spawn(async move {
            let mut phase = Phase::default();
            while Instant::now() < deadline {
                let url = &urls[next.fetch_add(1, Ordering::Relaxed) % urls.len()];
                let sent = Instant::now();
                match client.get(url).send().await {
                    Ok(response) => {
                        let status = response.status();
                        match response.bytes().await {
                            Ok(_) if status == reqwest::StatusCode::OK => {
                                phase.latencies_us.push(sent.elapsed().as_micros() as u64);
                            }
                            Ok(body) => {
                                phase.http_errors += 1;
                                let text = String::from_utf8_lossy(&body);
                                let snippet: String = text.chars().take(ERROR_SNIPPET).collect();
                                phase.error(format!("{status} on {}: {snippet}", path_of(url)));
                            }
                            Err(err) => {
                                phase.transport_errors += 1;
                                phase.error(format!("{} on {}", chain(&err), path_of(url)));
                            }
                        }
                    }
                    Err(err) => {
                        phase.transport_errors += 1;
                        phase.error(format!("{} on {}", chain(&err), path_of(url)));
                    }
                }
            }
            phase
        });
    }
    let mut all = Phase::default();
    while let Some(done) = tasks.join_next().await {
        if let Ok(phase) = done {
            all.merge(phase);
        }
    }
    all.elapsed = started.elapsed();
    all
}

/// An error and its causes, `: `-separated.
fn chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// The path and query of a URL.
fn path_of(url: &str) -> &str {
    url.find("/api/").map_or(url, |i| &url[i..])
}

/// The server's cache hits and misses so far, from `/metrics`.
async fn cache_counts(client: &reqwest::Client, base: &str) -> Option<(u64, u64)> {
    let text = client
        .get(format!("{base}/metrics"))
        .send()
        .await
        .ok()?
        .text()
        .await
        .ok()?;
    let value = |label: &str| {
        let prefix = format!("jobmarket_cache_requests_total{{result=\"{label}\"}} ");
        text.lines()
            .find_map(|l| l.strip_prefix(&prefix))
            .and_then(|v| v.trim().parse::<f64>().ok())
            .map(|v| v as u64)
    };
    Some((value("hit")?, value("miss")?))
}

/// The request variants of an endpoint: paths with their query strings.
async fn variants(client: &reqwest::Client, base: &str, name: &str) -> anyhow::Result<Vec<String>> {
    let today = Utc::now().date_naive();
    let ago = |days: u64| (today - Days::new(days)).format("%Y-%m-%d").to_string();
    let (d90, d30, d180, d0) = (ago(90), ago(30), ago(180), ago(0));
    let queries: Vec<String> = match name {
        "overview" => vec![
            String::new(),
            "role=data_engineer".into(),
            "role=data_analyst".into(),
            "role=data_scientist".into(),
            "region=11".into(),
            "region=84".into(),
            "region=75".into(),
            "role=data_engineer&region=11".into(),
            "role=data_analyst&region=84".into(),
            "active=true".into(),
            "active=true&role=data_scientist".into(),
            format!("from={d90}&to={d0}"),
            format!("from={d30}&to={d0}&role=data_engineer"),
            "contract=cdi&remote=hybrid".into(),
            "skill=python".into(),
            "seniority=senior&region=11".into(),
        ],
        "search" => vec![
            "q=data%20engineer".into(),
            "q=python".into(),
            "q=analyste".into(),
            "q=data%20scientist&region=11".into(),
            "q=sql&role=data_analyst".into(),
            "q=power%20bi".into(),
            "q=machine%20learning&page=2".into(),
            "q=python&page=3".into(),
            "q=analyste&page=5&active=true".into(),
            "q=data%20engineer&department=75&remote=hybrid".into(),
            "q=data%20engineer&sort=newest".into(),
            "q=python&sort=salary_desc".into(),
            "role=data_engineer&sort=newest".into(),
            "region=11&sort=newest&page=3".into(),
            "sort=salary_desc&salary_known=true".into(),
            "skill=python&skill=sql&sort=newest&page=2".into(),
            "contract=cdi&seniority=senior&page=4".into(),
            format!("from={d30}&to={d0}&sort=newest"),
            String::new(),
            "page=5".into(),
        ],
        "offer" => {
            return offer_paths(client, base).await;
        }
        "timeseries" => vec![
            String::new(),
            "interval=day".into(),
            "interval=month".into(),
            "metric=active".into(),
            "metric=active&interval=month".into(),
            "by=role".into(),
            "by=region&top=10".into(),
            "by=contract&metric=active".into(),
            "role=data_engineer&interval=day".into(),
            format!("from={d90}&to={d0}&interval=day"),
            "skill=python&by=role".into(),
            "region=11&metric=active".into(),
        ],
        "breakdowns" => {
            return Ok([
                "role",
                "region",
                "department?size=110",
                "skill?size=50",
                "company",
                "contract",
                "remote",
                "seniority",
                "source",
                "rome_code",
                "skill?role=data_engineer",
                "region?role=data_analyst",
                "company?region=11&size=50",
                "role?active=true",
            ]
            .iter()
            .map(|v| format!("/api/v1/breakdowns/{v}"))
            .collect());
        }
        "salaries" => vec![
            String::new(),
            "group_by=role".into(),
            "group_by=role,seniority,region".into(),
            "group_by=region&role=data_engineer".into(),
            "active=true".into(),
            format!("from={d180}&to={d0}&group_by=seniority"),
        ],
        "salaries-trend" => vec![
            String::new(),
            "interval=week".into(),
            "role=data_engineer".into(),
            "region=11&interval=week".into(),
            format!("from={d90}&to={d0}&interval=week"),
        ],
        "salaries-histogram" => vec![
            String::new(),
            "band=10000".into(),
            "role=data_scientist".into(),
            "region=11&band=2000".into(),
            "active=true".into(),
        ],
        "skills-trends" => vec![
            String::new(),
            "role=data_engineer".into(),
            "region=11".into(),
            format!("from={d90}&to={d0}"),
            "min_count=50&size=20".into(),
        ],
        "skills-cooccurrence" => {
            return Ok([
                "python",
                "sql",
                "spark",
                "power_bi",
                "aws",
                "dbt",
                "python?role=data_scientist",
                "sql?region=11",
                "airflow?size=50",
            ]
            .iter()
            .map(|v| {
                let (skill, query) = v.split_once('?').unwrap_or((*v, ""));
                let q = if query.is_empty() {
                    String::new()
                } else {
                    format!("?{query}")
                };
                format!("/api/v1/skills/{skill}/cooccurrence{q}")
            })
            .collect());
        }
        "skills-by-role" => vec![
            String::new(),
            "size=20".into(),
            "region=11".into(),
            "active=true".into(),
            "min_count=50".into(),
        ],
        "companies" => vec![
            String::new(),
            "size=50".into(),
            "role=data_engineer".into(),
            "region=11&detail_size=10".into(),
            "skill=python".into(),
        ],
        other => anyhow::bail!("no variants for endpoint `{other}`"),
    };
    let route = ENDPOINTS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, r)| *r)
        .context("unknown endpoint")?;
    Ok(queries
        .into_iter()
        .map(|q| {
            if q.is_empty() {
                route.to_string()
            } else {
                format!("{route}?{q}")
            }
        })
        .collect())
}

/// Detail paths of offers found by a few searches (up to 200 distinct ids).
async fn offer_paths(client: &reqwest::Client, base: &str) -> anyhow::Result<Vec<String>> {
    let mut ids: Vec<String> = Vec::new();
    for query in [
        "page_size=100",
        "page_size=50&q=python",
        "page_size=50&role=data_engineer&sort=newest",
    ] {
        let url = format!("{base}/api/v1/offers?{query}");
        let answer: serde_json::Value = client
            .get(&url)
            .send()
            .await
            .and_then(|r| r.error_for_status())
            .with_context(|| format!("cannot pick offer ids: search {url} failed"))?
            .json()
            .await
            .context("unreadable search answer")?;
        for offer in answer["offers"].as_array().into_iter().flatten() {
            if let Some(id) = offer["id"].as_str()
                && !ids.iter().any(|known| known == id)
            {
                ids.push(id.to_string());
            }
        }
    }
    anyhow::ensure!(!ids.is_empty(), "no offers found to pick ids from");
    Ok(ids
        .iter()
        .map(|id| format!("/api/v1/offers/{}", encode_segment(id)))
        .collect())
}

/// Percent-encodes a path segment (keeps unreserved characters, `:` and `@`).
fn encode_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~:@".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn fmt_ms(ms: Option<f64>) -> String {
    match ms {
        Some(ms) if ms >= 100.0 => format!("{ms:.0} ms"),
        Some(ms) => format!("{ms:.1} ms"),
        None => "-".into(),
    }
}

fn print_table(report: &Report) {
    println!(
        "bench api: {} ({} offers), {} clients, {} s per endpoint after {} s of warm-up",
        report.url, report.offers, report.concurrency, report.duration_s, report.warmup_s
    );
    println!(
        "{:<20} {:>8} {:>9} {:>9} {:>10} {:>10} {:>10} {:>10} {:>8} {:>9} {:>7}",
        "endpoint",
        "variants",
        "requests",
        "req/s",
        "p50",
        "p90",
        "p99",
        "max",
        "non-200",
        "transport",
        "cached"
    );
    for s in &report.endpoints {
        if !s.measured {
            println!(
                "{:<20} {:>8} not measured (every warm-up request failed, see below)",
                s.endpoint, s.variants
            );
            continue;
        }
        println!(
            "{:<20} {:>8} {:>9} {:>9.1} {:>10} {:>10} {:>10} {:>10} {:>8} {:>9} {:>7}",
            s.endpoint,
            s.variants,
            s.requests,
            s.throughput,
            fmt_ms(s.p50_ms),
            fmt_ms(s.p90_ms),
            fmt_ms(s.p99_ms),
            fmt_ms(s.max_ms),
            s.http_errors,
            s.transport_errors,
            s.cache_hit_ratio
                .map_or("off".to_string(), |r| format!("{:.0} %", r * 100.0)),
        );
    }
    for s in &report.endpoints {
        if let Some(error) = &s.first_error {
            println!("  {}: first error: {error}", s.endpoint);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_take_the_nearest_rank() {
        let values: Vec<u64> = (1..=100).collect();
        assert_eq!(percentile(&values, 0.5), Some(50));
        assert_eq!(percentile(&values, 0.9), Some(90));
        assert_eq!(percentile(&values, 0.99), Some(99));
        assert_eq!(percentile(&values, 1.0), Some(100));
        assert_eq!(percentile(&values, 0.0), Some(1));
        assert_eq!(percentile(&[7], 0.99), Some(7));
        assert_eq!(percentile(&[], 0.5), None);
        // 10 values: p99 is the largest, p90 the ninth
        let ten: Vec<u64> = (1..=10).map(|v| v * 10).collect();
        assert_eq!(percentile(&ten, 0.99), Some(100));
        assert_eq!(percentile(&ten, 0.9), Some(90));
    }

    #[test]
    fn a_summary_counts_errors_apart_and_times_only_answers_200() {
        let start = Instant::now();
        let mut phase = Phase {
            latencies_us: vec![3_000, 1_000, 2_000, 4_000],
            http_errors: 2,
            elapsed: Duration::from_secs(2),
            ..Phase::default()
        };
        phase.merge(Phase {
            latencies_us: vec![100_000],
            transport_errors: 1,
            first_error: Some((start, "connection refused".into())),
            ..Phase::default()
        });
        phase.merge(Phase {
            first_error: Some((start + Duration::from_secs(1), "later".into())),
            ..Phase::default()
        });
        let s = summarize("overview", "/api/v1/overview", 3, phase, Some(0.5));
        assert!(s.measured);
        assert_eq!((s.requests, s.ok), (8, 5));
        assert_eq!((s.http_errors, s.transport_errors), (2, 1));
        assert_eq!(s.throughput, 2.5);
        assert_eq!(s.p50_ms, Some(3.0));
        assert_eq!(s.p90_ms, Some(100.0));
        assert_eq!(s.max_ms, Some(100.0));
        assert_eq!(s.first_error.as_deref(), Some("connection refused"));
        assert_eq!(s.cache_hit_ratio, Some(0.5));
    }

    #[test]
    fn an_empty_phase_has_no_percentiles() {
        let s = summarize("offer", "/api/v1/offers/{id}", 0, Phase::default(), None);
        assert_eq!((s.requests, s.throughput), (0, 0.0));
        assert_eq!((s.p50_ms, s.p99_ms, s.max_ms), (None, None, None));
    }

    #[test]
    fn every_endpoint_has_variants() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let client = reqwest::Client::new();
        for (name, route) in ENDPOINTS.iter().filter(|(n, _)| *n != "offer") {
            let list = runtime
                .block_on(variants(&client, "http://unused", name))
                .unwrap();
            assert!(list.len() >= 5, "{name}");
            let prefix = route.split('{').next().unwrap();
            assert!(list.iter().all(|v| v.starts_with(prefix)), "{name}");
            let distinct: std::collections::HashSet<_> = list.iter().collect();
            assert_eq!(distinct.len(), list.len(), "{name}: duplicate variants");
        }
    }

    #[test]
    fn offer_ids_are_encoded_as_path_segments() {
        assert_eq!(
            encode_segment("francetravail:123ABC"),
            "francetravail:123ABC"
        );
        assert_eq!(encode_segment("a b/c"), "a%20b%2Fc");
    }
}
