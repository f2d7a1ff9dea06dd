//! One search call to the API, made politely: paced by the [`Limiter`], authenticated by the
//! [`TokenCache`], retried with exponential backoff and jitter on 5xx and transport errors,
//! held back by `Retry-After` on 429, and failing with a message that names the likely cause.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use jobmarket_ingest::report::HttpStats;
use rand::Rng;
use reqwest::StatusCode;

use crate::auth::{TokenCache, describe_transport, redact_url};
use crate::config::FtConfig;
use crate::limiter::Limiter;

/// The most rows one query can reach: `range` start ≤ 3000, end ≤ 3149.
pub const MAX_REACHABLE: u64 = 3150;
/// The most rows one call returns.
pub const PAGE_SIZE: u64 = 150;

#[derive(Debug, thiserror::Error)]
pub enum FtError {
    #[error("{0}")]
    Config(String),
    #[error("{0}")]
    Token(String),
    /// The token endpoint could not be reached or failed (5xx): worth retrying.
    #[error("{0}")]
    TokenUnavailable(String),
    #[error("france travail rejected the search: {message} (parameters: {params})")]
    BadRequest { message: String, params: String },
    #[error(
        "france travail refused a freshly issued token (401): check that the application is subscribed to the 'Offres d'emploi v2' API and that FT_API_SCOPE is right"
    )]
    Unauthorized,
    #[error(
        "france travail answered 403: the application has a token but no access to this api; subscribe it to 'Offres d'emploi v2' on francetravail.io"
    )]
    Forbidden,
    #[error("search endpoint not found (404) at {url}: check FT_API_SEARCH_URL or FT_API_BASE_URL")]
    NotFound { url: String },
    #[error("giving up after {attempts} attempts: {last}")]
    Exhausted { attempts: u32, last: String },
    #[error("unexpected answer from the search endpoint: {0}")]
    Unexpected(String),
}

/// One page of search results, as received.
#[derive(Debug, Clone)]
pub struct SearchPage {
    pub status: u16,
    /// The `Content-Range` header, verbatim.
    pub content_range: Option<String>,
    /// Results the query matches in all (from `Content-Range`, or the page itself on 200).
    pub total: u64,
    /// The body exactly as received (empty on 204).
    pub body: Vec<u8>,
    /// Ids of the offers in the page, in order.
    pub ids: Vec<String>,
}

#[derive(Default)]
struct Counters {
    calls: AtomicU64,
    rate_limited: AtomicU64,
    server_errors: AtomicU64,
    transport_errors: AtomicU64,
    retries: AtomicU64,
    unauthorized: AtomicU64,
}

pub struct FtClient {
    http: reqwest::Client,
    tokens: TokenCache,
    limiter: Arc<Limiter>,
    config: FtConfig,
    counters: Counters,
}

impl FtClient {
    pub fn new(config: FtConfig) -> Result<Self, FtError> {
        let http = reqwest::Client::builder()
            .timeout(config.request_timeout)
            .connect_timeout(Duration::from_secs(10))
            .user_agent(concat!("jobmarket/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|err| FtError::Config(format!("cannot build the http client: {err}")))?;
        Ok(FtClient {
            tokens: TokenCache::new(http.clone(), &config),
            limiter: Arc::new(Limiter::new(config.rate_per_sec)),
            http,
            config,
            counters: Counters::default(),
        })
    }

    pub fn stats(&self) -> HttpStats {
        let c = &self.counters;
        HttpStats {
            calls: c.calls.load(Ordering::Relaxed),
            rate_limited: c.rate_limited.load(Ordering::Relaxed),
            server_errors: c.server_errors.load(Ordering::Relaxed),
            transport_errors: c.transport_errors.load(Ordering::Relaxed),
            retries: c.retries.load(Ordering::Relaxed),
            tokens: self.tokens.issued(),
            unauthorized: c.unauthorized.load(Ordering::Relaxed),
        }
    }

    /// Current pace, in calls per second (slower after 429s).
    pub fn rate(&self) -> f64 {
        self.limiter.rate()
    }

    /// Rows `start..=end` of the search `params`.
    pub async fn search(
        &self,
        params: &[(String, String)],
        start: u64,
        end: u64,
    ) -> Result<SearchPage, FtError> {
        let range = format!("{start}-{end}");
        let mut failures = 0u32;
        let mut rate_limited = 0u32;
        let mut refreshed = false;
        loop {
            self.limiter.acquire().await;
            let token = match self.tokens.get().await {
                Ok(token) => token,
                Err(FtError::TokenUnavailable(reason)) => {
                    failures += 1;
                    if failures > self.config.max_retries {
                        return Err(FtError::TokenUnavailable(reason));
                    }
                    let delay =
                        backoff(self.config.backoff_base, self.config.backoff_max, failures);
                    tracing::info!(error = %reason, attempt = failures, delay_ms = delay.as_millis() as u64, "no access token, retrying");
                    tokio::time::sleep(delay).await;
                    continue;
                }
                Err(err) => return Err(err),
            };
            self.counters.calls.fetch_add(1, Ordering::Relaxed);
            let sent = self
                .http
                .get(&self.config.search_url)
                .query(params)
                .query(&[("range", range.as_str())])
                .bearer_auth(token.expose())
                .header(reqwest::header::ACCEPT, "application/json")
                .send()
                .await;
            let failure = match sent {
                Err(err) => {
                    self.counters
                        .transport_errors
                        .fetch_add(1, Ordering::Relaxed);
                    describe_transport(&err)
                }
                Ok(response) => match response.status() {
                    StatusCode::OK | StatusCode::PARTIAL_CONTENT | StatusCode::NO_CONTENT => {
                        match read_page(response).await {
                            Ok(page) => return Ok(page),
                            Err(err) => {
                                self.counters
                                    .transport_errors
                                    .fetch_add(1, Ordering::Relaxed);
                                err
                            }
                        }
                    }
                    StatusCode::UNAUTHORIZED => {
                        self.counters.unauthorized.fetch_add(1, Ordering::Relaxed);
                        if refreshed {
                            return Err(FtError::Unauthorized);
                        }
                        refreshed = true;
                        tracing::debug!("access token refused, fetching a new one");
                        self.tokens.invalidate(&token).await;
                        self.counters.retries.fetch_add(1, Ordering::Relaxed);
                        continue;
                    }
                    StatusCode::TOO_MANY_REQUESTS => {
                        self.counters.rate_limited.fetch_add(1, Ordering::Relaxed);
                        let wait =
                            retry_after(response.headers()).unwrap_or(Duration::from_secs(1));
                        self.limiter.pause(wait);
                        rate_limited += 1;
                        tracing::info!(
                            retry_after_ms = wait.as_millis() as u64,
                            rate = self.limiter.rate(),
                            "rate limited, pausing"
                        );
                        if rate_limited > self.config.max_rate_limited_retries {
                            return Err(FtError::Exhausted {
                                attempts: failures + rate_limited,
                                last: "429 too many requests".into(),
                            });
                        }
                        self.counters.retries.fetch_add(1, Ordering::Relaxed);
                        continue;
                    }
                    StatusCode::BAD_REQUEST => {
                        let body = response.bytes().await.unwrap_or_default();
                        return Err(FtError::BadRequest {
                            message: api_message(&body).unwrap_or_else(|| "400 bad request".into()),
                            params: describe_params(params, &range),
                        });
                    }
                    StatusCode::FORBIDDEN => return Err(FtError::Forbidden),
                    StatusCode::NOT_FOUND => {
                        return Err(FtError::NotFound {
                            url: redact_url(&self.config.search_url),
                        });
                    }
                    status if status.is_server_error() => {
                        self.counters.server_errors.fetch_add(1, Ordering::Relaxed);
                        let body = response.bytes().await.unwrap_or_default();
                        match api_message(&body) {
                            Some(message) => format!("{status}: {message}"),
                            None => status.to_string(),
                        }
                    }
                    status => return Err(FtError::Unexpected(status.to_string())),
                },
            };
            failures += 1;
            if failures > self.config.max_retries {
                return Err(FtError::Exhausted {
                    attempts: failures + rate_limited,
                    last: failure,
                });
            }
            let delay = backoff(self.config.backoff_base, self.config.backoff_max, failures);
            tracing::info!(error = %failure, attempt = failures, delay_ms = delay.as_millis() as u64, "search call failed, retrying");
            self.counters.retries.fetch_add(1, Ordering::Relaxed);
            tokio::time::sleep(delay).await;
        }
    }
}

async fn read_page(response: reqwest::Response) -> Result<SearchPage, String> {
    let status = response.status().as_u16();
    let content_range = response
        .headers()
        .get(reqwest::header::CONTENT_RANGE)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let body = response
        .bytes()
        .await
        .map_err(|err| format!("body cut short: {}", describe_transport(&err)))?
        .to_vec();
    let ids = if body.iter().all(u8::is_ascii_whitespace) {
        Vec::new()
    } else {
        page_ids(&body).map_err(|err| format!("unreadable page ({status}): {err}"))?
    };
    let total = match content_range.as_deref().and_then(parse_content_range) {
        Some(range) => range.total,
        None => ids.len() as u64,
    };
    Ok(SearchPage {
        status,
        content_range,
        total,
        body,
        ids,
    })
}

fn page_ids(body: &[u8]) -> Result<Vec<String>, serde_json::Error> {
    #[derive(serde::Deserialize)]
    struct Page {
        #[serde(default)]
        resultats: Vec<IdOnly>,
    }
    #[derive(serde::Deserialize)]
    struct IdOnly {
        id: String,
    }
    let page: Page = serde_json::from_slice(body)?;
    Ok(page.resultats.into_iter().map(|offer| offer.id).collect())
}

/// A parsed `Content-Range: offres 0-149/9848` (or `*/0`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContentRange {
    pub first: Option<u64>,
    pub last: Option<u64>,
    pub total: u64,
}

pub fn parse_content_range(value: &str) -> Option<ContentRange> {
    let value = value.trim();
    let value = value.strip_prefix("offres").unwrap_or(value).trim();
    let (span, total) = value.rsplit_once('/')?;
    let total = total.trim().parse().ok()?;
    let bounds = span
        .trim()
        .split_once('-')
        .and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)));
    Some(ContentRange {
        first: bounds.map(|b| b.0),
        last: bounds.map(|b| b.1),
        total,
    })
}

fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let value = headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(secs) = value.parse::<f64>() {
        return Some(Duration::from_secs_f64(secs.clamp(0.0, 3600.0)));
    }
    let at = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let wait = at
        .signed_duration_since(chrono::Utc::now())
        .to_std()
        .unwrap_or_default();
    Some(wait.min(Duration::from_secs(3600)))
}

/// The `message` of an API error body.
fn api_message(body: &[u8]) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct ApiError {
        message: String,
    }
    serde_json::from_slice::<ApiError>(body)
        .ok()
        .map(|err| err.message)
}

fn describe_params(params: &[(String, String)], range: &str) -> String {
    let mut parts: Vec<String> = params.iter().map(|(k, v)| format!("{k}={v}")).collect();
    parts.push(format!("range={range}"));
    parts.join("&")
}

/// Exponential backoff with jitter: between half and all of `base × 2^(attempt-1)`, capped.
fn backoff(base: Duration, max: Duration, attempt: u32) -> Duration {
    let full = base
        .saturating_mul(1u32 << attempt.saturating_sub(1).min(16))
        .min(max);
    full.mul_f64(rand::rng().random_range(0.5..=1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_range_variants() {
        assert_eq!(
            parse_content_range("offres 0-149/9848"),
            Some(ContentRange {
                first: Some(0),
                last: Some(149),
                total: 9848
            })
        );
        assert_eq!(
            parse_content_range("offres 300-352/353").unwrap().last,
            Some(352)
        );
        assert_eq!(parse_content_range("*/0").unwrap().total, 0);
        assert_eq!(parse_content_range("offres -1--1/353").unwrap().total, 353);
        assert_eq!(parse_content_range("garbage"), None);
    }

    #[test]
    fn backoff_grows_and_stays_capped() {
        let base = Duration::from_millis(500);
        let max = Duration::from_secs(30);
        for attempt in 1..20 {
            let full = base.saturating_mul(1 << (attempt - 1).min(16)).min(max);
            let delay = backoff(base, max, attempt);
            assert!(
                delay >= full / 2 && delay <= full,
                "attempt {attempt}: {delay:?}"
            );
        }
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(reqwest::header::RETRY_AFTER, "2".parse().unwrap());
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(2)));
        let later = (chrono::Utc::now() + chrono::Duration::seconds(30)).to_rfc2822();
        headers.insert(reqwest::header::RETRY_AFTER, later.parse().unwrap());
        let wait = retry_after(&headers).unwrap();
        assert!(wait > Duration::from_secs(25) && wait <= Duration::from_secs(30));
    }

    #[test]
    fn api_errors_give_their_message() {
        let body = br#"{"message":"La position de d\u00e9but doit \u00eatre inf\u00e9rieure ou \u00e9gale \u00e0 3000.","codeHttp":400,"codeErreur":"1"}"#;
        assert!(api_message(body).unwrap().contains("3000"));
        assert_eq!(api_message(b""), None);
    }
}
