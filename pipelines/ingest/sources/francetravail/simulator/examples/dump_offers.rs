//! Prints generated offers as JSON lines: `cargo run -p jobmarket-francetravail-sim --example dump_offers -- 20 42`.
use jobmarket_francetravail_sim::{SimConfig, generate_offers};

fn main() {
    let mut args = std::env::args().skip(1);
    let offers = args.next().and_then(|a| a.parse().ok()).unwrap_or(10);
    let seed = args.next().and_then(|a| a.parse().ok()).unwrap_or(42);
    for o in generate_offers(&SimConfig {
        offers,
        seed,
        ..SimConfig::default()
    }) {
        println!("{o}");
    }
}
