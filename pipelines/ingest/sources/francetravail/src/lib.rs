//! The France Travail source ("Offres d'emploi v2" API).
//!
//! - [`config`]: endpoints, credentials and politeness settings (the seed's `FT_API_*` variables);
//! - [`auth`]: OAuth2 client credentials, with a cached token refreshed before expiry;
//! - [`limiter`]: one global pace for every call, paused by `Retry-After`;
//! - [`client`]: one search call, with retries, backoff and errors that name the likely cause;
//! - [`profile`]: what to collect (data ROME codes, keywords, departments, window);
//! - [`crawl`]: a resumable run that splits any search above the 3 150-result cap until every
//!   slice fits, and stores raw pages and its journal under the data directory;
//! - [`raw`] and [`normalize`]: the API's offer and its mapping to the canonical schema.
//!
//! French API field names appear only in `raw`, `normalize` and `client`.

pub mod auth;
pub mod client;
pub mod config;
pub mod crawl;
pub mod limiter;
pub mod normalize;
pub mod profile;
pub mod raw;

pub use config::FtConfig;
pub use crawl::{CrawlOptions, Progress, run_ingest};
pub use profile::{Profile, Search};

use jobmarket_ingest::Source;
use serde_json::value::RawValue;

/// The France Travail [`Source`]: how its pages hold offers, and how an offer is normalised.
pub struct FranceTravail;

impl Source for FranceTravail {
    fn name(&self) -> &'static str {
        normalize::SOURCE
    }

    fn offers_in_page<'a>(&self, page: &'a str) -> Result<Vec<&'a RawValue>, String> {
        #[derive(serde::Deserialize)]
        struct Page<'a> {
            #[serde(borrow, default)]
            resultats: Vec<&'a RawValue>,
        }
        if page.trim().is_empty() {
            return Ok(Vec::new()); // a 204 answer
        }
        serde_json::from_str::<Page<'a>>(page)
            .map(|page| page.resultats)
            .map_err(|err| format!("unreadable search page: {err}"))
    }

    fn normalize(
        &self,
        raw_offer: &str,
        seen_at: chrono::DateTime<chrono::Utc>,
    ) -> Result<jobmarket_schema::Offer, String> {
        normalize::normalize_json(raw_offer, seen_at).map_err(|err| err.to_string())
    }
}
