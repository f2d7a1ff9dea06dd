//! OAuth2 client credentials: one cached access token, refreshed shortly before it expires
//! and once more when the API answers 401.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use jobmarket_ingest::Secret;
use tokio::sync::Mutex;
use tokio::time::Instant;

use crate::client::FtError;
use crate::config::FtConfig;

/// A valid access token.
#[derive(Clone)]
struct Token {
    value: Secret,
    expires_at: Instant,
}

pub struct TokenCache {
    http: reqwest::Client,
    token_url: String,
    client_id: String,
    client_secret: Secret,
    scope: String,
    current: Mutex<Option<Token>>,
    issued: AtomicU64,
}

#[derive(serde::Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    expires_in: Option<u64>,
}

#[derive(serde::Deserialize)]
struct TokenError {
    error: String,
    #[serde(default)]
    error_description: Option<String>,
}

impl TokenCache {
    pub fn new(http: reqwest::Client, config: &FtConfig) -> Self {
        TokenCache {
            http,
            token_url: config.token_url.clone(),
            client_id: config.client_id.clone(),
            client_secret: config.client_secret.clone(),
            scope: config.scope.clone(),
            current: Mutex::new(None),
            issued: AtomicU64::new(0),
        }
    }

    /// Tokens obtained so far.
    pub fn issued(&self) -> u64 {
        self.issued.load(Ordering::Relaxed)
    }

    /// A token valid for a while yet; fetches a new one when needed. Concurrent callers wait
    /// for a single refresh.
    pub async fn get(&self) -> Result<Secret, FtError> {
        let mut current = self.current.lock().await;
        if let Some(token) = current.as_ref()
            && Instant::now() < token.expires_at
        {
            return Ok(token.value.clone());
        }
        let token = self.fetch().await?;
        let value = token.value.clone();
        *current = Some(token);
        Ok(value)
    }

    /// Forgets `stale` after a 401, so the next [`TokenCache::get`] fetches a new token
    /// (unless another caller already did).
    pub async fn invalidate(&self, stale: &Secret) {
        let mut current = self.current.lock().await;
        if current.as_ref().is_some_and(|token| &token.value == stale) {
            *current = None;
        }
    }

    async fn fetch(&self) -> Result<Token, FtError> {
        if self.client_id.is_empty() || self.client_secret.is_empty() {
            return Err(FtError::Config(
                "no france travail credentials: set FT_API_CLIENT_ID and FT_API_CLIENT_SECRET (config/.env or environment), or run `jobmarket demo`".into(),
            ));
        }
        let form = [
            ("grant_type", "client_credentials"),
            ("client_id", self.client_id.as_str()),
            ("client_secret", self.client_secret.expose()),
            ("scope", self.scope.as_str()),
        ];
        let response = self
            .http
            .post(&self.token_url)
            .form(&form)
            .send()
            .await
            .map_err(|err| FtError::TokenUnavailable(format!(
                "cannot reach the token endpoint {} ({}): check FT_API_TOKEN_URL and the network",
                redact_url(&self.token_url),
                describe_transport(&err)
            )))?;
        let status = response.status();
        let body = response.bytes().await.unwrap_or_default();
        if status.is_success() {
            let parsed: TokenResponse = serde_json::from_slice(&body).map_err(|err| {
                FtError::Token(format!("token endpoint answered {status} without a token ({err}): check FT_API_TOKEN_URL"))
            })?;
            let lifetime = Duration::from_secs(parsed.expires_in.unwrap_or(1499));
            self.issued.fetch_add(1, Ordering::Relaxed);
            tracing::debug!(lifetime_secs = lifetime.as_secs(), "obtained access token");
            return Ok(Token {
                value: Secret::new(parsed.access_token),
                expires_at: Instant::now() + lifetime.saturating_sub(refresh_margin(lifetime)),
            });
        }
        if status.is_server_error() {
            return Err(FtError::TokenUnavailable(format!(
                "token endpoint answered {status}"
            )));
        }
        let reason = match serde_json::from_slice::<TokenError>(&body) {
            Ok(err) => explain_token_error(&err.error, err.error_description.as_deref()),
            Err(_) if status == reqwest::StatusCode::NOT_FOUND => format!(
                "token endpoint not found (404) at {}: check FT_API_TOKEN_URL, including ?realm=%2Fpartenaire",
                redact_url(&self.token_url)
            ),
            Err(_) => {
                format!("token endpoint answered {status}: check FT_API_TOKEN_URL and FT_API_SCOPE")
            }
        };
        Err(FtError::Token(reason))
    }
}

/// How long before expiry a token is renewed: a minute, or a tenth of short lifetimes.
fn refresh_margin(lifetime: Duration) -> Duration {
    Duration::from_secs(60).min(lifetime / 10)
}

/// The seed's troubleshooting list, as messages.
fn explain_token_error(code: &str, description: Option<&str>) -> String {
    let detail = description.map(|d| format!(" ({d})")).unwrap_or_default();
    match code {
        "invalid_client" => format!(
            "france travail rejected the client credentials: invalid_client{detail}; check FT_API_CLIENT_ID and FT_API_CLIENT_SECRET, and that the application has accepted the 'Offres d'emploi v2' licence on francetravail.io"
        ),
        "invalid_scope" => format!(
            "france travail rejected the scope: invalid_scope{detail}; check FT_API_SCOPE (expected \"api_offresdemploiv2 o2dsoffre\") and that the application is subscribed to the API"
        ),
        "unsupported_grant_type" => {
            format!("token request refused: unsupported_grant_type{detail}")
        }
        other => format!(
            "token request refused: {other}{detail}; check FT_API_TOKEN_URL (realm /partenaire) and the credentials"
        ),
    }
}

/// Short description of a transport error.
pub(crate) fn describe_transport(err: &reqwest::Error) -> String {
    if err.is_timeout() {
        "timeout".into()
    } else if err.is_connect() {
        "connection failed".into()
    } else {
        let mut text = err.to_string();
        if let Some(url) = err.url() {
            text = text.replace(url.as_str(), &redact_url(url.as_str()));
        }
        text
    }
}

/// A URL without its query string (which may hold anything).
pub(crate) fn redact_url(url: &str) -> String {
    url.split('?').next().unwrap_or(url).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lifetimes_are_renewed_before_their_end() {
        assert_eq!(
            refresh_margin(Duration::from_secs(1499)),
            Duration::from_secs(60)
        );
        assert_eq!(
            refresh_margin(Duration::from_secs(10)),
            Duration::from_secs(1)
        );
    }

    #[test]
    fn token_errors_name_the_variables_to_check() {
        assert!(explain_token_error("invalid_client", None).contains("FT_API_CLIENT_SECRET"));
        assert!(
            explain_token_error("invalid_scope", Some("Unknown scope")).contains("FT_API_SCOPE")
        );
    }
}
