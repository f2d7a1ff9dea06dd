//! A thin typed HTTP client for the few Elasticsearch endpoints the store uses: it sends JSON
//! or NDJSON, turns transport failures and error bodies into [`StoreError`]s with the
//! server's reason, and parses the `_bulk` answer item by item.

use std::time::Duration;

use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderValue};
use reqwest::{Method, StatusCode};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::config::{Auth, Config};
use crate::StoreError;

/// An HTTP client bound to one cluster.
#[derive(Clone)]
pub(crate) struct Client {
    http: reqwest::Client,
    base: String,
}

/// An answer that came back (any status).
#[derive(Debug)]
pub(crate) struct Reply {
    pub status: StatusCode,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn is_success(&self) -> bool {
        self.status.is_success()
    }

    /// 429 or 5xx: worth sending again later.
    pub fn is_retryable(&self) -> bool {
        retryable(self.status.as_u16())
    }

    /// The body as `T`, or the error the body describes.
    pub fn json<T: DeserializeOwned>(self, index: &str) -> Result<T, StoreError> {
        if !self.is_success() {
            return Err(error_of(self.status.as_u16(), &self.body, index));
        }
        serde_json::from_slice(&self.body).map_err(|e| {
            StoreError::Engine(format!(
                "unexpected answer from the store: {e} ({})",
                preview(&self.body)
            ))
        })
    }

    /// Succeeds on 2xx, else the error the body describes.
    pub fn ok(self, index: &str) -> Result<(), StoreError> {
        if self.is_success() {
            Ok(())
        } else {
            Err(error_of(self.status.as_u16(), &self.body, index))
        }
    }
}

/// 429 (too many requests, e.g. a full write queue) and 5xx are transient.
pub(crate) fn retryable(status: u16) -> bool {
    status == 429 || (500..600).contains(&status)
}

impl Client {
    /// A client for `config` (reads the CA certificate file when one is set).
    pub async fn new(config: &Config) -> Result<Client, StoreError> {
        let mut headers = HeaderMap::new();
        match &config.auth {
            Auth::None => {}
            Auth::ApiKey(key) => {
                let mut value = HeaderValue::from_str(&format!("ApiKey {key}")).map_err(|_| {
                    StoreError::Engine("ES_API_KEY holds invalid characters".into())
                })?;
                value.set_sensitive(true);
                headers.insert(AUTHORIZATION, value);
            }
            Auth::Basic { username, password } => {
                let token = base64(format!("{username}:{password}").as_bytes());
                let mut value = HeaderValue::from_str(&format!("Basic {token}")).map_err(|_| {
                    StoreError::Engine("ES_USERNAME holds invalid characters".into())
                })?;
                value.set_sensitive(true);
                headers.insert(AUTHORIZATION, value);
            }
        }
        let mut builder = reqwest::Client::builder()
            .default_headers(headers)
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(120));
        if let Some(path) = &config.ca_cert {
            let pem = tokio::fs::read(path).await.map_err(|e| {
                StoreError::Engine(format!("cannot read ES_CA_CERT {}: {e}", path.display()))
            })?;
            let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
                StoreError::Engine(format!(
                    "ES_CA_CERT {} is not a PEM certificate: {e}",
                    path.display()
                ))
            })?;
            builder = builder.tls_certs_merge(certs);
        }
        let http = builder
            .build()
            .map_err(|e| StoreError::Engine(format!("cannot build the http client: {e}")))?;
        Ok(Client {
            http,
            base: config.url.clone(),
        })
    }

    /// Sends a request with an optional JSON body; fails only when no answer came back or
    /// the credentials were refused.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Reply, StoreError> {
        let bytes = body.map(|b| serde_json::to_vec(b).expect("json values serialise"));
        self.send_bytes(method, path, bytes, "application/json")
            .await
    }

    /// Sends an NDJSON body (`_bulk`).
    pub async fn send_ndjson(&self, path: &str, body: Vec<u8>) -> Result<Reply, StoreError> {
        self.send_bytes(Method::POST, path, Some(body), "application/x-ndjson")
            .await
    }

    async fn send_bytes(
        &self,
        method: Method,
        path: &str,
        body: Option<Vec<u8>>,
        content_type: &'static str,
    ) -> Result<Reply, StoreError> {
        let url = format!("{}{path}", self.base);
        let mut request = self.http.request(method.clone(), &url);
        if let Some(body) = body {
            request = request.header(CONTENT_TYPE, content_type).body(body);
        }
        let started = std::time::Instant::now();
        let unreachable = |e: reqwest::Error| StoreError::Unreachable {
            url: self.base.clone(),
            reason: describe(&e),
        };
        let response = request.send().await.map_err(unreachable)?;
        let status = response.status();
        let body = response.bytes().await.map_err(unreachable)?.to_vec();
        tracing::debug!(%method, path, status = status.as_u16(), elapsed_ms = started.elapsed().as_millis() as u64, "es call");
        if status == StatusCode::UNAUTHORIZED {
            return Err(StoreError::Unauthorized);
        }
        Ok(Reply { status, body })
    }
}

/// A transport error and its causes, without the URL (reqwest repeats it).
fn describe(e: &reqwest::Error) -> String {
    let mut reason = if e.is_timeout() {
        "timed out".to_string()
    } else if e.is_connect() {
        "connection failed".to_string()
    } else {
        "request failed".to_string()
    };
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        let text = cause.to_string();
        if !reason.contains(&text) {
            reason.push_str(": ");
            reason.push_str(&text);
        }
        source = cause.source();
    }
    reason
}

/// Standard base64 (for basic authentication).
fn base64(input: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The start of a body, for messages.
fn preview(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut cut: String = text.chars().take(200).collect();
    if cut.len() < text.len() {
        cut.push('…');
    }
    cut
}

/// An error object of Elasticsearch: `{"type", "reason", "caused_by", "root_cause"}`.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct EsError {
    #[serde(rename = "type", default)]
    pub kind: String,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub index: Option<String>,
    #[serde(default)]
    pub caused_by: Option<Box<EsError>>,
    #[serde(default)]
    pub root_cause: Vec<EsError>,
}

impl EsError {
    /// `type: reason`, with the innermost cause when it says more.
    pub fn describe(&self) -> String {
        let mut text = match &self.reason {
            Some(reason) => format!("{}: {reason}", self.kind),
            None => self.kind.clone(),
        };
        let mut cause = self.caused_by.as_deref();
        while let Some(c) = cause {
            if let Some(reason) = &c.reason {
                text.push_str(&format!(" (caused by {}: {reason})", c.kind));
            }
            cause = c.caused_by.as_deref();
        }
        text
    }

    /// Whether the document or mapping does not fit the index's mapping.
    pub fn is_mapping_conflict(&self) -> bool {
        let kinds = [
            "mapper_parsing_exception",
            "document_parsing_exception",
            "strict_dynamic_mapping_exception",
            "invalid_alias_name_exception",
        ];
        let reason = self.reason.as_deref().unwrap_or_default();
        kinds.contains(&self.kind.as_str())
            || (self.kind == "illegal_argument_exception"
                && (reason.contains("mapper [") || reason.contains("cannot be changed from type")))
            || self.root_cause.iter().any(EsError::is_mapping_conflict)
    }
}

/// An error body: `{"error": {...}, "status": n}`, or `{"error": "text"}` for some 404/405.
#[derive(Debug, Deserialize)]
struct ErrorBody {
    error: ErrorField,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum ErrorField {
    Object(EsError),
    Text(String),
}

/// The [`StoreError`] an unsuccessful answer stands for.
pub(crate) fn error_of(status: u16, body: &[u8], index: &str) -> StoreError {
    if status == 401 {
        return StoreError::Unauthorized;
    }
    let error = match serde_json::from_slice::<ErrorBody>(body) {
        Ok(ErrorBody {
            error: ErrorField::Object(e),
        }) => e,
        Ok(ErrorBody {
            error: ErrorField::Text(text),
        }) => {
            return StoreError::Engine(format!("http {status}: {text}"));
        }
        Err(_) => return StoreError::Engine(format!("http {status}: {}", preview(body))),
    };
    if error.is_mapping_conflict() {
        let index = error.index.clone().unwrap_or_else(|| index.to_string());
        // the root cause names the field; the top-level error often only repeats it
        let reason = error.root_cause.first().unwrap_or(&error).describe();
        return StoreError::MappingConflict { index, reason };
    }
    if status == 403 {
        return StoreError::Engine(format!(
            "permission denied: {} (check the roles of the ES user or API key)",
            error.describe()
        ));
    }
    // search failures wrap the useful reason in root_cause (e.g. query_shard_exception)
    let reason = match error.root_cause.first() {
        Some(root) if error.kind == "search_phase_execution_exception" => root.describe(),
        _ => error.describe(),
    };
    StoreError::Engine(format!("http {status}: {reason}"))
}

/// The `_bulk` answer.
#[derive(Debug, Deserialize)]
pub(crate) struct BulkResponse {
    pub items: Vec<std::collections::BTreeMap<String, BulkItem>>,
}

/// One item of a `_bulk` answer (under its action name: `index`, `delete`…).
#[derive(Debug, Deserialize)]
pub(crate) struct BulkItem {
    pub status: u16,
    #[serde(default)]
    pub error: Option<EsError>,
}

/// What became of one action of a `_bulk` call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ItemOutcome {
    /// Written, or deleted.
    Done,
    /// A delete of a document that was not there.
    NotFound,
    /// Worth sending again (429, 5xx), with the reason.
    Retry(String),
    /// Refused for good (other 4xx), with the reason.
    Rejected(String),
}

impl BulkResponse {
    /// The outcome of each action, in the order they were sent.
    pub fn outcomes(self, sent: usize) -> Result<Vec<ItemOutcome>, StoreError> {
        if self.items.len() != sent {
            return Err(StoreError::Engine(format!(
                "bulk answer has {} items for {sent} actions",
                self.items.len()
            )));
        }
        Ok(self
            .items
            .into_iter()
            .map(|item| {
                let Some((_, item)) = item.into_iter().next() else {
                    return ItemOutcome::Rejected("empty bulk item".into());
                };
                let reason = || match &item.error {
                    Some(e) => e.describe(),
                    None => format!("http {}", item.status),
                };
                match item.status {
                    200..=299 => ItemOutcome::Done,
                    404 if item.error.is_none() => ItemOutcome::NotFound,
                    s if retryable(s) => ItemOutcome::Retry(reason()),
                    _ => ItemOutcome::Rejected(reason()),
                }
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_rfc() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"elastic:changeme"), "ZWxhc3RpYzpjaGFuZ2VtZQ==");
    }

    #[test]
    fn text_errors_and_garbage_give_engine_errors() {
        let e = error_of(404, br#"{"error":"alias [x] missing","status":404}"#, "x");
        assert_eq!(e.to_string(), "store error: http 404: alias [x] missing");
        let e = error_of(502, b"<html>bad gateway</html>", "x");
        assert!(e.to_string().contains("http 502: <html>bad gateway"), "{e}");
    }
}
