//! `jobmarket simulate francetravail`: the built-in France Travail simulator on loopback.

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use jobmarket_francetravail_sim::SimConfig;

#[derive(clap::Subcommand)]
pub enum SimulateSource {
    /// France Travail "Offres d'emploi v2" simulator.
    Francetravail(SimArgs),
}

#[derive(clap::Args, Clone)]
pub struct SimArgs {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 8091)]
    pub port: u16,
    /// Number of generated offers.
    #[arg(long, default_value_t = 8000)]
    pub offers: usize,
    /// Seed of the generated offers (same seed, same offers).
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Share of API calls answered by a 5xx (0 to 1).
    #[arg(long, default_value_t = 0.0)]
    pub fault_5xx: f64,
    /// Share of API calls answered slowly (0 to 1).
    #[arg(long, default_value_t = 0.0)]
    pub slow: f64,
    /// Lifetime of an access token, in seconds.
    #[arg(long, default_value_t = 1499)]
    pub token_ttl: u64,
    /// Calls per second allowed per client.
    #[arg(long, default_value_t = 10)]
    pub rate: u32,
    /// Every Nth search inserts a new offer created now.
    #[arg(long)]
    pub new_offer_every: Option<u32>,
}

impl SimArgs {
    pub fn sim_config(&self) -> SimConfig {
        SimConfig {
            offers: self.offers,
            seed: self.seed,
            fault_5xx_rate: self.fault_5xx,
            slow_rate: self.slow,
            token_ttl: Duration::from_secs(self.token_ttl),
            rate_per_sec: self.rate,
            burst: self.rate,
            new_offer_every: self.new_offer_every,
            ..SimConfig::default()
        }
    }
}

pub async fn run(source: SimulateSource) -> anyhow::Result<()> {
    let SimulateSource::Francetravail(args) = source;
    let config = args.sim_config();
    let sim = jobmarket_francetravail_sim::start(
        config.clone(),
        SocketAddr::from((Ipv4Addr::LOCALHOST, args.port)),
    )
    .await?;
    println!(
        "France Travail simulator (SIMULATED offers, not real) listening on http://{}",
        sim.addr()
    );
    println!(
        "{} offers, seed {}; statistics at http://{}/_sim/stats",
        sim.offer_count(),
        args.seed,
        sim.addr()
    );
    println!("Point the collector at it with:");
    println!("  export FT_API_BASE_URL={}", sim.api_base_url());
    println!("  export FT_API_SEARCH_URL={}", sim.search_url());
    println!("  export FT_API_TOKEN_URL='{}'", sim.token_url());
    println!("  export FT_API_CLIENT_ID={}", config.client_id);
    println!(
        "  export FT_API_CLIENT_SECRET={}   # the simulator's fixed test credential",
        config.client_secret
    );
    println!("Press Ctrl-C to stop.");
    tokio::signal::ctrl_c().await?;
    sim.shutdown().await;
    Ok(())
}
