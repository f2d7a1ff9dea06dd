//! A faithful offline simulator of the France Travail "Offres d'emploi v2" API.
//!
//! It serves, over real HTTP:
//! - `POST /connexion/oauth2/access_token?realm=/partenaire` (OAuth2 client credentials),
//! - `GET /partenaire/offresdemploi/v2/offres/search` (range paging, 3 150 cap, filters),
//! - `GET /partenaire/offresdemploi/v2/offres/{id}`,
//! - `GET /partenaire/offresdemploi/v2/referentiel/{name}` (a few small referentials),
//! - `GET /_sim/stats` (no auth): the [`SimStats`] counters as JSON,
//!
//! with the real status codes, headers, rate limit (token bucket per client),
//! optional fault injection, and deterministic generated offers (per seed).
//!
//! Order of checks on `/partenaire/...`: authentication (401) → rate limit
//! (429) → fault injection (slow, then 5xx) → parameter validation (400) →
//! answer (200/206/204). Choices where the contract is silent:
//! - `codeErreur` of a 400 is the current time in milliseconds (13 digits);
//! - a 204 carries `Content-Range: offres */<total>`;
//! - [`SimStats::status_counts`] counts `/partenaire/...` answers only;
//! - `new_offer_every` counts the search calls that pass auth, rate limit and
//!   faults (valid or not);
//! - the `alternance` query parameter is ignored, like the live API does.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use jobmarket_francetravail_sim::{start, SimConfig};
//! let sim = start(SimConfig::default(), "127.0.0.1:0".parse().unwrap()).await?;
//! println!("token URL: {}", sim.token_url());
//! println!("search URL: {}", sim.search_url());
//! sim.shutdown().await;
//! # Ok(()) }
//! ```

mod generator;
mod offer;
pub mod search;
mod server;
mod store;
mod tables;
mod text;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use serde::Serialize;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::generator::{Generator, Kind};
use crate::store::Store;

/// Configuration of a simulator instance.
#[derive(Debug, Clone)]
pub struct SimConfig {
    /// Number of generated active offers.
    pub offers: usize,
    /// Seed of the generation (ChaCha8); the same seed and anchor give the same offers.
    pub seed: u64,
    /// Accepted client id.
    pub client_id: String,
    /// Accepted client secret.
    pub client_secret: String,
    /// Real validity of a token.
    pub token_ttl: Duration,
    /// `expires_in` announced in the token response; `None` = `token_ttl` in seconds.
    pub reported_expires_in: Option<u64>,
    /// Token bucket refill rate per client id (calls per second); 0 disables the limiter.
    pub rate_per_sec: u32,
    /// Token bucket capacity.
    pub burst: u32,
    /// Value of `Retry-After` on 429 answers (seconds).
    pub retry_after_secs: u64,
    /// Probability that an API call answers a 5xx (500, 502 or 503).
    pub fault_5xx_rate: f64,
    /// Probability that an API call is delayed by `slow_delay`.
    pub slow_rate: f64,
    /// Delay of a slow answer.
    pub slow_delay: Duration,
    /// Every Nth search call inserts a new data-job offer created "now" (real clock).
    pub new_offer_every: Option<u32>,
    /// One ROME code taking this share of the generated offers.
    pub dominant_rome: Option<(String, f64)>,
    /// This many extra partner offers share one creation timestamp (a bulk import).
    pub bulk_import: Option<usize>,
    /// "Now" of the generated data: creation dates lie in the 90 days before it.
    pub anchor: DateTime<Utc>,
}

/// Start of the current UTC day.
pub fn today_anchor() -> DateTime<Utc> {
    Utc::now()
        .duration_trunc(TimeDelta::days(1))
        .unwrap_or_else(|_| Utc::now())
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            offers: 2000,
            seed: 42,
            client_id: "jobmarket-sim".to_string(),
            client_secret: "sim-secret".to_string(),
            token_ttl: Duration::from_secs(1499),
            reported_expires_in: None,
            rate_per_sec: 10,
            burst: 10,
            retry_after_secs: 1,
            fault_5xx_rate: 0.0,
            slow_rate: 0.0,
            slow_delay: Duration::from_secs(2),
            new_offer_every: None,
            dominant_rome: Some(("M1811".to_string(), 0.4)),
            bulk_import: None,
            anchor: today_anchor(),
        }
    }
}

/// Counters of what the simulator saw and answered.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct SimStats {
    /// Calls to the token endpoint.
    pub token_calls: u64,
    /// Tokens issued.
    pub tokens_issued: u64,
    /// Every call to `/partenaire/...` (search, detail, referentials).
    pub api_calls: u64,
    /// Status codes of the `/partenaire/...` answers.
    pub status_counts: BTreeMap<u16, u64>,
    /// 429 answers.
    pub rate_limited: u64,
    /// Calls a client sent while a `Retry-After` it was given had not elapsed.
    pub retry_after_violations: u64,
    /// 401 answers.
    pub unauthorized: u64,
    /// Injected 5xx answers.
    pub injected_5xx: u64,
    /// Injected slow answers.
    pub injected_slow: u64,
    /// Offers inserted by `new_offer_every`.
    pub offers_added_mid_crawl: u64,
}

/// Errors of the simulator's library API.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SimError {
    /// A search parameter is invalid; `message` is the API's 400 message.
    #[error("{message}")]
    BadRequest { message: String },
}

pub(crate) struct Shared {
    pub config: SimConfig,
    pub store: Mutex<Store>,
    pub auth: Mutex<server::AuthState>,
    pub stats: Mutex<SimStats>,
    pub faults: Mutex<rand_chacha::ChaCha8Rng>,
}

/// A running simulator. Cheap to clone.
#[derive(Clone)]
pub struct SimHandle {
    shared: Arc<Shared>,
    addr: SocketAddr,
    stop: Arc<watch::Sender<bool>>,
    task: Arc<Mutex<Option<JoinHandle<()>>>>,
}

fn truncate_ms(d: DateTime<Utc>) -> DateTime<Utc> {
    d.duration_trunc(TimeDelta::milliseconds(1)).unwrap_or(d)
}

fn build_store(config: &SimConfig) -> Store {
    let mut store = Store::new(Generator::new(config.seed, config.dominant_rome.clone()));
    let to = truncate_ms(config.anchor);
    let from = to - TimeDelta::days(90);
    for _ in 0..config.offers {
        let t = store.generator.instant_between(from, to);
        store.generate(t, Kind::Normal);
    }
    if let Some(n) = config.bulk_import {
        use rand::Rng;
        let t = store.generator.instant_between(from, to);
        let partner = store
            .generator
            .rng()
            .random_range(0..tables::PARTNERS.len());
        let company = store
            .generator
            .rng()
            .random_range(0..tables::COMPANIES_OFFICE.len());
        for _ in 0..n {
            store.generate(t, Kind::Bulk { partner, company });
        }
        store.bulk_created_at = Some(t);
    }
    store
}

/// The offers a simulator with this configuration starts with, as raw JSON
/// objects (without starting a server).
pub fn generate_offers(config: &SimConfig) -> Vec<serde_json::Value> {
    build_store(config)
        .offers
        .iter()
        .map(|o| serde_json::from_str(&o.json).expect("generated offer is valid JSON"))
        .collect()
}

/// Generates the offers, binds `addr` (port 0 allowed), spawns the server and returns.
pub async fn start(config: SimConfig, addr: SocketAddr) -> std::io::Result<SimHandle> {
    use rand::SeedableRng;
    let cfg = config.clone();
    let store = tokio::task::spawn_blocking(move || build_store(&cfg))
        .await
        .map_err(std::io::Error::other)?;
    let shared = Arc::new(Shared {
        faults: Mutex::new(rand_chacha::ChaCha8Rng::seed_from_u64(
            config.seed ^ 0x5EED_FA17_0000_0001,
        )),
        config,
        store: Mutex::new(store),
        auth: Mutex::new(server::AuthState::default()),
        stats: Mutex::new(SimStats::default()),
    });
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let addr = listener.local_addr()?;
    let (stop, mut stopped) = watch::channel(false);
    let app = server::router(shared.clone());
    let task = tokio::spawn(async move {
        let signal = async move {
            let _ = stopped.wait_for(|s| *s).await;
        };
        if let Err(e) = axum::serve(listener, app)
            .with_graceful_shutdown(signal)
            .await
        {
            tracing::error!(error = %e, "francetravail simulator stopped with an error");
        }
    });
    tracing::info!(%addr, "francetravail simulator listening");
    Ok(SimHandle {
        shared,
        addr,
        stop: Arc::new(stop),
        task: Arc::new(Mutex::new(Some(task))),
    })
}

impl SimHandle {
    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://ADDR/connexion/oauth2/access_token?realm=%2Fpartenaire`
    pub fn token_url(&self) -> String {
        format!(
            "http://{}/connexion/oauth2/access_token?realm=%2Fpartenaire",
            self.addr
        )
    }

    /// `http://ADDR/partenaire/offresdemploi`
    pub fn api_base_url(&self) -> String {
        format!("http://{}/partenaire/offresdemploi", self.addr)
    }

    /// `api_base_url() + "/v2/offres/search"`
    pub fn search_url(&self) -> String {
        format!("{}/v2/offres/search", self.api_base_url())
    }

    /// `http://ADDR/_sim/stats`
    pub fn stats_url(&self) -> String {
        format!("http://{}/_sim/stats", self.addr)
    }

    /// The configuration this instance runs with.
    pub fn config(&self) -> &SimConfig {
        &self.shared.config
    }

    /// A snapshot of the counters.
    pub fn stats(&self) -> SimStats {
        self.shared.stats.lock().expect("stats lock").clone()
    }

    /// Number of active offers.
    pub fn offer_count(&self) -> usize {
        self.shared.store.lock().expect("store lock").active_count()
    }

    /// Ids of all active offers the search with these query parameters would
    /// return, in the endpoint's order (`range` is validated, then ignored).
    pub fn matching_ids(&self, params: &[(&str, &str)]) -> Result<Vec<String>, SimError> {
        let q = search::parse_search(params, Utc::now())?;
        let store = self.shared.store.lock().expect("store lock");
        Ok(store
            .matching(&q)
            .into_iter()
            .map(|i| store.offers[i].id.clone())
            .collect())
    }

    /// Ids of all active offers, in insertion order.
    pub fn all_ids(&self) -> Vec<String> {
        let store = self.shared.store.lock().expect("store lock");
        store
            .offers
            .iter()
            .filter(|o| o.active)
            .map(|o| o.id.clone())
            .collect()
    }

    /// The raw JSON of an offer (active or expired).
    pub fn offer_json(&self, id: &str) -> Option<serde_json::Value> {
        let store = self.shared.store.lock().expect("store lock");
        let i = *store.index.get(id)?;
        serde_json::from_str(&store.offers[i].json).ok()
    }

    /// The creation instant shared by the bulk-import offers, if configured.
    pub fn bulk_import_created_at(&self) -> Option<DateTime<Utc>> {
        self.shared
            .store
            .lock()
            .expect("store lock")
            .bulk_created_at
    }

    /// Adds `n` new generated offers created at `created_at` (truncated to the
    /// millisecond); returns their ids.
    pub fn add_offers(&self, n: usize, created_at: DateTime<Utc>) -> Vec<String> {
        let t = truncate_ms(created_at);
        let mut store = self.shared.store.lock().expect("store lock");
        (0..n).map(|_| store.generate(t, Kind::Normal)).collect()
    }

    /// Expires these offers: they are no longer returned by search or detail.
    pub fn expire(&self, ids: &[String]) {
        let mut store = self.shared.store.lock().expect("store lock");
        for id in ids {
            if let Some(&i) = store.index.get(id) {
                store.offers[i].active = false;
            }
        }
    }

    /// Waits until the server stops (after [`SimHandle::shutdown`] from another clone).
    pub async fn wait(self) {
        let task = self.task.lock().expect("task lock").take();
        match task {
            Some(t) => {
                let _ = t.await;
            }
            None => {
                let mut rx = self.stop.subscribe();
                let _ = rx.wait_for(|s| *s).await;
            }
        }
    }

    /// Graceful stop: no new connections, in-flight requests finish (at most 5 s).
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        let task = self.task.lock().expect("task lock").take();
        if let Some(mut t) = task
            && tokio::time::timeout(Duration::from_secs(5), &mut t)
                .await
                .is_err()
        {
            t.abort();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(seed: u64, offers: usize) -> SimConfig {
        SimConfig {
            seed,
            offers,
            anchor: "2026-03-01T00:00:00Z".parse().unwrap(),
            ..SimConfig::default()
        }
    }

    #[test]
    fn generation_is_deterministic_per_seed() {
        let a = build_store(&cfg(7, 300));
        let b = build_store(&cfg(7, 300));
        let c = build_store(&cfg(8, 300));
        let ja: Vec<_> = a.offers.iter().map(|o| o.json.clone()).collect();
        let jb: Vec<_> = b.offers.iter().map(|o| o.json.clone()).collect();
        let jc: Vec<_> = c.offers.iter().map(|o| o.json.clone()).collect();
        assert_eq!(ja, jb);
        assert_ne!(ja, jc);
    }

    #[test]
    fn generated_mix_matches_the_profile() {
        let s = build_store(&SimConfig {
            dominant_rome: None,
            ..cfg(1, 4000)
        });
        let n = s.offers.len() as f64;
        let values: Vec<serde_json::Value> = s
            .offers
            .iter()
            .map(|o| serde_json::from_str(&o.json).unwrap())
            .collect();
        let share = |f: &dyn Fn(&serde_json::Value) -> bool| {
            values.iter().filter(|v| f(v)).count() as f64 / n
        };
        let partner = share(&|v| v["origineOffre"]["origine"] == "2");
        assert!((0.22..0.32).contains(&partner), "partner share {partner}");
        let numeric = share(&|v| {
            v["id"].as_str().unwrap().len() == 7
                && v["id"]
                    .as_str()
                    .unwrap()
                    .bytes()
                    .all(|b| b.is_ascii_digit())
        });
        assert!(
            (numeric - partner).abs() < 1e-9,
            "numeric ids are exactly the partner offers"
        );
        let ft_ids = values
            .iter()
            .filter(|v| v["origineOffre"]["origine"] == "1")
            .all(|v| {
                let id = v["id"].as_str().unwrap().as_bytes();
                id.len() == 7
                    && id[..3].iter().all(u8::is_ascii_digit)
                    && id[3..].iter().all(u8::is_ascii_uppercase)
            });
        assert!(ft_ids);
        let no_salary = share(&|v| v["salaire"].as_object().unwrap().is_empty());
        assert!(
            (0.28..0.42).contains(&no_salary),
            "empty salaire {no_salary}"
        );
        let cdi = share(&|v| v["typeContrat"] == "CDI");
        assert!((0.45..0.75).contains(&cdi), "CDI {cdi}");
        let france = share(&|v| v["lieuTravail"]["libelle"] == "France");
        assert!((0.03..0.07).contains(&france), "France-only {france}");
        assert!(
            values
                .iter()
                .any(|v| v["lieuTravail"]["commune"] == "2A004")
        );
        assert!(values.iter().any(|v| {
            v["lieuTravail"]["commune"]
                .as_str()
                .is_some_and(|c| c.starts_with("974"))
        }));
        assert!(values.iter().any(|v| {
            v["lieuTravail"]["libelle"]
                .as_str()
                .unwrap()
                .ends_with("(Dept.)")
        }));
        assert!(values.iter().any(|v| {
            v["competences"]
                .as_array()
                .is_some_and(|c| c.iter().any(|x| x.get("code").is_none()))
        }));
        let salaries: Vec<&str> = values
            .iter()
            .filter_map(|v| v["salaire"]["libelle"].as_str())
            .collect();
        for needle in [
            "sur 12.0 mois",
            "sur 12 mois",
            "sur 13",
            ",00 Euros",
            "Horaire de",
            "Mensuel de",
            "Annuel de",
            " à ",
        ] {
            assert!(
                salaries.iter().any(|s| s.contains(needle)),
                "no salary with {needle:?}"
            );
        }
        assert!(
            values
                .iter()
                .any(|v| v["alternance"] == true && v["natureContrat"] == "Contrat apprentissage")
        );
        let data = share(&|v| {
            let t = v["intitule"].as_str().unwrap().to_lowercase();
            t.contains("data")
                || t.contains("bi")
                || t.contains("ia")
                || t.contains("statist")
                || t.contains("données")
                || t.contains("machine")
        });
        assert!(data > 0.6, "data share {data}");
        // ids unique
        let mut ids: Vec<_> = values
            .iter()
            .map(|v| v["id"].as_str().unwrap().to_string())
            .collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), values.len());
        // dates: ms + Z, in the 90 days before the anchor
        let anchor: DateTime<Utc> = "2026-03-01T00:00:00Z".parse().unwrap();
        for v in &values {
            let d = v["dateCreation"].as_str().unwrap();
            assert_eq!(d.len(), 24, "{d}");
            let t: DateTime<Utc> = d.parse().unwrap();
            assert!(t < anchor && t >= anchor - TimeDelta::days(90));
        }
    }
}
