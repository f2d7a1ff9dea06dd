//! Prometheus metrics in the text exposition format: requests and latencies per route, store
//! latency, offers indexed and the last collection. Small enough to keep by hand.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Duration;

use crate::state::DataStatus;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

#[derive(Debug, Default, Clone)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

impl Histogram {
    fn observe(&mut self, seconds: f64) {
        for (i, bound) in BUCKETS.iter().enumerate() {
            if seconds <= *bound {
                self.counts[i] += 1;
            }
        }
        self.count += 1;
        self.sum += seconds;
    }

    fn render(&self, out: &mut String, name: &str, labels: &str) {
        let sep = if labels.is_empty() { "" } else { "," };
        for (bound, count) in BUCKETS.iter().zip(self.counts) {
            let _ = writeln!(out, "{name}_bucket{{{labels}{sep}le=\"{bound}\"}} {count}");
        }
        let _ = writeln!(
            out,
            "{name}_bucket{{{labels}{sep}le=\"+Inf\"}} {}",
            self.count
        );
        let braces = if labels.is_empty() {
            String::new()
        } else {
            format!("{{{labels}}}")
        };
        let _ = writeln!(out, "{name}_sum{braces} {}", self.sum);
        let _ = writeln!(out, "{name}_count{braces} {}", self.count);
    }
}

#[derive(Debug, Default)]
struct Registry {
    /// (method, route, status) → requests
    requests: BTreeMap<(String, String, u16), u64>,
    /// route → latency
    latency: BTreeMap<String, Histogram>,
    store: Histogram,
    store_errors: u64,
    cache_hits: u64,
    cache_misses: u64,
    last_collection: Option<(f64, bool, u64)>,
    last_success: Option<f64>,
}

/// The server's metrics.
#[derive(Debug, Default)]
pub struct Metrics {
    registry: Mutex<Registry>,
}

impl Metrics {
    pub fn request(&self, method: &str, route: &str, status: u16, elapsed: Duration) {
        let mut r = self.registry.lock().expect("metrics lock");
        *r.requests
            .entry((method.to_string(), route.to_string(), status))
            .or_default() += 1;
        r.latency
            .entry(route.to_string())
            .or_default()
            .observe(elapsed.as_secs_f64());
    }

    pub fn store_latency(&self, elapsed: Duration, ok: bool) {
        let mut r = self.registry.lock().expect("metrics lock");
        r.store.observe(elapsed.as_secs_f64());
        if !ok {
            r.store_errors += 1;
        }
    }

    pub fn cache(&self, hit: bool) {
        let mut r = self.registry.lock().expect("metrics lock");
        if hit {
            r.cache_hits += 1;
        } else {
            r.cache_misses += 1;
        }
    }

    pub fn record_collection(&self, status: &DataStatus) {
        let mut r = self.registry.lock().expect("metrics lock");
        r.last_collection = status.last_collection.as_ref().map(|c| {
            let at = c.finished_at.unwrap_or(c.started_at);
            (at.timestamp() as f64, c.status == "success", c.offers)
        });
        r.last_success = status.last_success_at.map(|t| t.timestamp() as f64);
    }

    /// The text exposition, with the number of offers in the store (`None` if unknown).
    pub fn render(&self, offers: Option<u64>, demo: bool) -> String {
        let r = self.registry.lock().expect("metrics lock");
        let mut out = String::new();
        let head = |out: &mut String, name: &str, kind: &str, help: &str| {
            let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
        };
        head(
            &mut out,
            "jobmarket_http_requests_total",
            "counter",
            "HTTP requests answered, by method, route and status.",
        );
        for ((method, route, status), n) in &r.requests {
            let _ = writeln!(
                out,
                "jobmarket_http_requests_total{{method=\"{method}\",route=\"{route}\",status=\"{status}\"}} {n}"
            );
        }
        head(
            &mut out,
            "jobmarket_http_request_duration_seconds",
            "histogram",
            "Time to answer a request, by route.",
        );
        for (route, h) in &r.latency {
            h.render(
                &mut out,
                "jobmarket_http_request_duration_seconds",
                &format!("route=\"{route}\""),
            );
        }
        head(
            &mut out,
            "jobmarket_store_query_duration_seconds",
            "histogram",
            "Time the store took to answer a query.",
        );
        r.store
            .render(&mut out, "jobmarket_store_query_duration_seconds", "");
        head(
            &mut out,
            "jobmarket_store_errors_total",
            "counter",
            "Store queries that failed.",
        );
        let _ = writeln!(out, "jobmarket_store_errors_total {}", r.store_errors);
        head(
            &mut out,
            "jobmarket_cache_requests_total",
            "counter",
            "Answers served from the response cache (hit) or computed (miss).",
        );
        let _ = writeln!(
            out,
            "jobmarket_cache_requests_total{{result=\"hit\"}} {}",
            r.cache_hits
        );
        let _ = writeln!(
            out,
            "jobmarket_cache_requests_total{{result=\"miss\"}} {}",
            r.cache_misses
        );
        head(
            &mut out,
            "jobmarket_offers_indexed",
            "gauge",
            "Offers in the store (-1 when the store does not answer).",
        );
        let _ = writeln!(
            out,
            "jobmarket_offers_indexed {}",
            offers.map_or(-1, |n| n as i64)
        );
        head(
            &mut out,
            "jobmarket_demo_data",
            "gauge",
            "1 when the offers served are simulated demo data.",
        );
        let _ = writeln!(out, "jobmarket_demo_data {}", u8::from(demo));
        if let Some((at, ok, offers)) = r.last_collection {
            head(
                &mut out,
                "jobmarket_last_collection_timestamp_seconds",
                "gauge",
                "When the latest collection run finished (Unix time).",
            );
            let _ = writeln!(out, "jobmarket_last_collection_timestamp_seconds {at}");
            head(
                &mut out,
                "jobmarket_last_collection_success",
                "gauge",
                "1 when the latest collection run succeeded.",
            );
            let _ = writeln!(out, "jobmarket_last_collection_success {}", u8::from(ok));
            head(
                &mut out,
                "jobmarket_last_collection_offers",
                "gauge",
                "Offers collected by the latest collection run.",
            );
            let _ = writeln!(out, "jobmarket_last_collection_offers {offers}");
        }
        if let Some(at) = r.last_success {
            head(
                &mut out,
                "jobmarket_last_success_timestamp_seconds",
                "gauge",
                "When the latest successful collection finished (Unix time).",
            );
            let _ = writeln!(out, "jobmarket_last_success_timestamp_seconds {at}");
        }
        out
    }
}
