//! Times `enrich()` over real offers (titles, descriptions, competences) and prints summary
//! counts (roles, skills, remote, seniority) to check the rules. Nothing is written anywhere.
//!
//! ```text
//! cargo run --release -p jobmarket-enrich --example bench_enrich -- [offers.jsonl] [--roles]
//! ```
//! The default file is `../shared/data/francetravail/offers.jsonl` (France Travail raw offers).

use std::collections::BTreeMap;
use std::time::Instant;

use jobmarket_enrich::{OfferText, enrich};

struct Raw {
    title: String,
    description: Option<String>,
    rome: Option<String>,
    competences: Vec<String>,
    years: Option<f32>,
    beginner: bool,
    apprentice: bool,
}

fn years_of(label: &str) -> Option<f32> {
    let digits: String = label.chars().take_while(|c| c.is_ascii_digit()).collect();
    let n: f32 = digits.parse().ok()?;
    Some(if label.contains("Mois") { n / 12.0 } else { n })
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .cloned()
        .unwrap_or_else(|| "../shared/data/francetravail/offers.jsonl".to_string());
    let show_roles = args.iter().any(|a| a == "--roles");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let offers: Vec<Raw> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| {
            let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
            Raw {
                title: s("intitule").unwrap_or_default(),
                description: s("description"),
                rome: s("romeCode"),
                competences: v
                    .get("competences")
                    .and_then(|c| c.as_array())
                    .map(|a| {
                        a.iter()
                            .filter_map(|c| c.get("libelle").and_then(|l| l.as_str()))
                            .map(str::to_string)
                            .collect()
                    })
                    .unwrap_or_default(),
                years: s("experienceLibelle").as_deref().and_then(years_of),
                beginner: s("experienceExige").as_deref() == Some("D"),
                apprentice: v.get("alternance").and_then(|a| a.as_bool()) == Some(true)
                    || s("typeContratLibelle").is_some_and(|t| t.contains("Stage")),
            }
        })
        .collect();
    let bytes: usize = offers
        .iter()
        .map(|o| o.title.len() + o.description.as_deref().map_or(0, str::len))
        .sum();

    let run = |collect: bool| {
        let mut results = Vec::new();
        let start = Instant::now();
        for o in &offers {
            let comps: Vec<&str> = o.competences.iter().map(String::as_str).collect();
            let e = enrich(&OfferText {
                title: &o.title,
                description: o.description.as_deref(),
                rome_code: o.rome.as_deref(),
                competences: &comps,
                experience_years_min: o.years,
                beginner_accepted: o.beginner,
                contract_is_apprenticeship_or_internship: o.apprentice,
            });
            if collect {
                results.push(e);
            } else {
                std::hint::black_box(e);
            }
        }
        (start.elapsed(), results)
    };
    let _ = run(false); // warm-up (builds the automata)
    let mut best = None;
    for _ in 0..5 {
        let (t, _) = run(false);
        best = Some(best.map_or(t, |b: std::time::Duration| b.min(t)));
    }
    let best = best.unwrap();
    let n = offers.len().max(1);
    println!(
        "{} offers, {:.0} bytes of text on average: {:.2} µs per offer, {:.0} offers/s (one core, best of 5)",
        offers.len(),
        bytes as f64 / n as f64,
        best.as_secs_f64() * 1e6 / n as f64,
        n as f64 / best.as_secs_f64()
    );

    let (_, results) = run(true);
    let mut roles: BTreeMap<&str, usize> = BTreeMap::new();
    let mut skills: BTreeMap<&str, usize> = BTreeMap::new();
    let mut remote: BTreeMap<String, usize> = BTreeMap::new();
    let mut seniority: BTreeMap<String, usize> = BTreeMap::new();
    for e in &results {
        *roles.entry(e.role).or_default() += 1;
        for s in &e.skills {
            *skills.entry(s).or_default() += 1;
        }
        *remote.entry(format!("{:?}", e.remote)).or_default() += 1;
        *seniority.entry(format!("{:?}", e.seniority)).or_default() += 1;
    }
    println!("roles: {roles:?}");
    println!("remote: {remote:?}");
    println!("seniority: {seniority:?}");
    let mut by_count: Vec<_> = skills.into_iter().collect();
    by_count.sort_by_key(|b| std::cmp::Reverse(b.1));
    println!("skills (offers): {by_count:?}");
    if show_roles {
        for (o, e) in offers.iter().zip(&results) {
            if e.role != "not_data" {
                println!(
                    "{}\t{}\t{}",
                    e.role,
                    o.rome.as_deref().unwrap_or("-"),
                    o.title
                );
            }
        }
    }
}
