//! Settings of the France Travail source: the seed's `FT_API_*` variables plus politeness.

use std::time::Duration;

use jobmarket_ingest::Secret;

pub const DEFAULT_BASE_URL: &str = "https://api.francetravail.io/partenaire/offresdemploi";
pub const DEFAULT_TOKEN_URL: &str =
    "https://entreprise.francetravail.fr/connexion/oauth2/access_token?realm=%2Fpartenaire";
pub const DEFAULT_SCOPE: &str = "api_offresdemploiv2 o2dsoffre";

/// Everything needed to talk to the API.
#[derive(Debug, Clone)]
pub struct FtConfig {
    /// `FT_API_TOKEN_URL`: OAuth2 token endpoint, realm included.
    pub token_url: String,
    /// `FT_API_SEARCH_URL`: the search endpoint (`<FT_API_BASE_URL>/v2/offres/search`).
    pub search_url: String,
    /// `FT_API_CLIENT_ID`.
    pub client_id: String,
    /// `FT_API_CLIENT_SECRET`; never printed.
    pub client_secret: Secret,
    /// `FT_API_SCOPE`.
    pub scope: String,
    /// Calls per second, all calls together (the API allows 10).
    pub rate_per_sec: f64,
    /// Calls in flight at once.
    pub concurrency: usize,
    /// Retries of one call after a 5xx, a timeout or a connection error.
    pub max_retries: u32,
    /// Retries of one call after 429 answers.
    pub max_rate_limited_retries: u32,
    /// First backoff delay; doubles on each retry, with jitter.
    pub backoff_base: Duration,
    /// Longest backoff delay.
    pub backoff_max: Duration,
    /// Timeout of one call.
    pub request_timeout: Duration,
}

impl FtConfig {
    /// Settings with the official endpoints and polite defaults for `client_id`/`client_secret`.
    pub fn new(client_id: impl Into<String>, client_secret: Secret) -> Self {
        FtConfig {
            token_url: DEFAULT_TOKEN_URL.to_owned(),
            search_url: search_url_for(DEFAULT_BASE_URL),
            client_id: client_id.into(),
            client_secret,
            scope: DEFAULT_SCOPE.to_owned(),
            rate_per_sec: 10.0,
            concurrency: 4,
            max_retries: 6,
            max_rate_limited_retries: 30,
            backoff_base: Duration::from_millis(500),
            backoff_max: Duration::from_secs(30),
            request_timeout: Duration::from_secs(30),
        }
    }
}

/// The search endpoint under an API base URL (`FT_API_BASE_URL`).
pub fn search_url_for(base_url: &str) -> String {
    format!("{}/v2/offres/search", base_url.trim_end_matches('/'))
}
