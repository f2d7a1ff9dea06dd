//! Where the Elasticsearch store is and how to log in, read from `ES_*` variables. Secrets
//! never appear in `Debug` output or errors.

use std::path::PathBuf;

use crate::StoreError;

/// How requests authenticate.
#[derive(Clone, PartialEq, Eq)]
pub enum Auth {
    /// No credentials (security off, or osmem-server).
    None,
    /// `Authorization: ApiKey …` with the encoded key Kibana shows (`ES_API_KEY`).
    ApiKey(String),
    /// HTTP basic authentication (`ES_USERNAME` / `ES_PASSWORD`).
    Basic { username: String, password: String },
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Auth::None => f.write_str("None"),
            Auth::ApiKey(_) => f.write_str("ApiKey(***)"),
            Auth::Basic { username, .. } => f
                .debug_struct("Basic")
                .field("username", username)
                .field("password", &"***")
                .finish(),
        }
    }
}

/// The Elasticsearch store's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Base URL, e.g. `https://localhost:9200` (no trailing slash).
    pub url: String,
    pub auth: Auth,
    /// PEM file of the CA that signed the cluster's certificate (ES 8 enables TLS by default
    /// with its own CA: `config/certs/http_ca.crt`).
    pub ca_cert: Option<PathBuf>,
    /// Names start with it: alias `<prefix>-offers`, indices `<prefix>-offers-vN`.
    pub index_prefix: String,
}

impl Config {
    /// Reads `ES_URL`, `ES_API_KEY` or `ES_USERNAME`/`ES_PASSWORD`, `ES_CA_CERT` and
    /// `ES_INDEX_PREFIX` (default `jobmarket`) from the environment.
    pub fn from_env() -> Result<Config, StoreError> {
        Config::from_lookup(|name| std::env::var(name).ok())
    }

    /// Same as [`Config::from_env`], from any lookup (tests).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Config, StoreError> {
        let var = |name: &str| {
            lookup(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let invalid = |m: &str| Err(StoreError::Engine(m.to_string()));
        let Some(url) = var("ES_URL") else {
            return invalid("ES_URL is not set (e.g. https://localhost:9200)");
        };
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return invalid("ES_URL must start with http:// or https://");
        }
        let auth = match (var("ES_API_KEY"), var("ES_USERNAME"), var("ES_PASSWORD")) {
            (Some(key), None, None) => Auth::ApiKey(key),
            (Some(_), _, _) => {
                return invalid("set ES_API_KEY or ES_USERNAME/ES_PASSWORD, not both");
            }
            (None, Some(username), Some(password)) => Auth::Basic { username, password },
            (None, Some(_), None) => return invalid("ES_USERNAME is set without ES_PASSWORD"),
            (None, None, Some(_)) => return invalid("ES_PASSWORD is set without ES_USERNAME"),
            (None, None, None) => Auth::None,
        };
        let index_prefix = var("ES_INDEX_PREFIX").unwrap_or_else(|| "jobmarket".to_string());
        let valid_prefix = !index_prefix.starts_with(['_', '-', '+'])
            && index_prefix
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c));
        if !valid_prefix {
            return invalid("ES_INDEX_PREFIX must be lowercase letters, digits, '-', '_' or '.'");
        }
        Ok(Config {
            url: url.trim_end_matches('/').to_string(),
            auth,
            ca_cert: var("ES_CA_CERT").map(PathBuf::from),
            index_prefix,
        })
    }

    /// A config without credentials (osmem-server, tests).
    pub fn local(url: &str, index_prefix: &str) -> Config {
        Config {
            url: url.trim_end_matches('/').to_string(),
            auth: Auth::None,
            ca_cert: None,
            index_prefix: index_prefix.to_string(),
        }
    }

    /// The alias every read and write goes through.
    pub fn alias(&self) -> String {
        format!("{}-offers", self.index_prefix)
    }

    /// The index of version `n`.
    pub fn versioned_index(&self, n: u32) -> String {
        format!("{}-offers-v{n}", self.index_prefix)
    }

    /// The name of the index template.
    pub fn template_name(&self) -> String {
        format!("{}-offers", self.index_prefix)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<Config, StoreError> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|name| vars.get(name).cloned())
    }

    #[test]
    fn reads_url_credentials_and_prefix() {
        let c = config(&[
            ("ES_URL", "https://es.local:9200/"),
            ("ES_USERNAME", "elastic"),
            ("ES_PASSWORD", "s3cret"),
            ("ES_CA_CERT", "/etc/es/http_ca.crt"),
        ])
        .unwrap();
        assert_eq!(c.url, "https://es.local:9200");
        assert_eq!(
            c.auth,
            Auth::Basic {
                username: "elastic".into(),
                password: "s3cret".into()
            }
        );
        assert_eq!(c.alias(), "jobmarket-offers");
        assert_eq!(c.versioned_index(3), "jobmarket-offers-v3");
        assert_eq!(c.ca_cert, Some(PathBuf::from("/etc/es/http_ca.crt")));
        let c = config(&[
            ("ES_URL", "http://x:9200"),
            ("ES_API_KEY", "abc=="),
            ("ES_INDEX_PREFIX", "t1"),
        ])
        .unwrap();
        assert_eq!(c.auth, Auth::ApiKey("abc==".into()));
        assert_eq!(c.alias(), "t1-offers");
    }

    #[test]
    fn secrets_are_not_printed() {
        let c = config(&[
            ("ES_URL", "http://x"),
            ("ES_USERNAME", "u"),
            ("ES_PASSWORD", "s3cret"),
        ])
        .unwrap();
        let shown = format!("{c:?}");
        assert!(
            !shown.contains("s3cret") && shown.contains("***"),
            "{shown}"
        );
        let c = config(&[("ES_URL", "http://x"), ("ES_API_KEY", "topsecretkey")]).unwrap();
        assert!(!format!("{c:?}").contains("topsecretkey"));
    }

    #[test]
    fn bad_settings_say_what_to_fix() {
        let err = |vars: &[(&str, &str)]| config(vars).unwrap_err().to_string();
        assert!(err(&[]).contains("ES_URL is not set"));
        assert!(err(&[("ES_URL", "localhost:9200")]).contains("http://"));
        assert!(err(&[("ES_URL", "http://x"), ("ES_USERNAME", "u")]).contains("ES_PASSWORD"));
        assert!(
            err(&[
                ("ES_URL", "http://x"),
                ("ES_API_KEY", "k"),
                ("ES_USERNAME", "u")
            ])
            .contains("not both")
        );
        assert!(err(&[("ES_URL", "http://x"), ("ES_INDEX_PREFIX", "Jobs")]).contains("lowercase"));
    }
}
