//! Times each step of enrichment separately over real offers (titles and descriptions).
//!
//! ```text
//! cargo run --release -p jobmarket-enrich --example profile_parts -- [offers.jsonl]
//! ```

use std::time::Instant;

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data/francetravail/offers.jsonl".to_string());
    let text = std::fs::read_to_string(&path).expect("offers file");
    let offers: Vec<(String, String)> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| {
            let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
            (s("intitule"), s("description"))
        })
        .collect();
    let n = offers.len() as f64;
    let time = |name: &str, f: &dyn Fn(&str, &str)| {
        for (t, d) in &offers {
            f(t, d);
        }
        let start = Instant::now();
        for (t, d) in &offers {
            f(t, d);
        }
        println!(
            "{name:>16}: {:.2} µs",
            start.elapsed().as_secs_f64() * 1e6 / n
        );
    };
    time("normalize_title", &|t, _| {
        std::hint::black_box(jobmarket_enrich::normalize_title(t));
    });
    time("find_skills", &|t, d| {
        std::hint::black_box(jobmarket_enrich::skills::find_skills(t));
        std::hint::black_box(jobmarket_enrich::skills::find_skills(d));
    });
    time("remote_policy", &|_, d| {
        std::hint::black_box(jobmarket_enrich::remote_policy(d));
    });
    let offer = |t: &'static str, d: &'static str| jobmarket_enrich::OfferText {
        title: t,
        description: Some(d),
        rome_code: None,
        competences: &[],
        experience_years_min: None,
        beginner_accepted: false,
        contract_is_apprenticeship_or_internship: false,
    };
    let leaked: &'static [(String, String)] = Box::leak(offers.clone().into_boxed_slice());
    let time2 = |name: &str, f: &dyn Fn(&jobmarket_enrich::OfferText<'static>)| {
        let texts: Vec<_> = leaked.iter().map(|(t, d)| offer(t, d)).collect();
        for o in &texts {
            f(o);
        }
        let start = Instant::now();
        for o in &texts {
            f(o);
        }
        println!(
            "{name:>16}: {:.2} µs",
            start.elapsed().as_secs_f64() * 1e6 / n
        );
    };
    time2("seniority", &|o| {
        std::hint::black_box(jobmarket_enrich::seniority(o));
    });
    time2("classify_role", &|o| {
        std::hint::black_box(jobmarket_enrich::classify_role(o));
    });
    time2("enrich", &|o| {
        std::hint::black_box(jobmarket_enrich::enrich(o));
    });
}
