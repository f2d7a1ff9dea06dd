//! Prints the enrichment of every offer as one JSON line (to diff outputs across changes).
//!
//! ```text
//! cargo run --release -p jobmarket-enrich --example dump_enrich -- [offers.jsonl] > out.jsonl
//! ```

use jobmarket_enrich::{OfferText, enrich};

fn years_of(label: &str) -> Option<f32> {
    let digits: String = label.chars().take_while(|c| c.is_ascii_digit()).collect();
    let n: f32 = digits.parse().ok()?;
    Some(if label.contains("Mois") { n / 12.0 } else { n })
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data/francetravail/offers.jsonl".to_string());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    for line in text.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
        let title = s("intitule").unwrap_or_default();
        let description = s("description");
        let rome = s("romeCode");
        let competences: Vec<String> = v
            .get("competences")
            .and_then(|c| c.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|c| c.get("libelle").and_then(|l| l.as_str()))
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        let comps: Vec<&str> = competences.iter().map(String::as_str).collect();
        let e = enrich(&OfferText {
            title: &title,
            description: description.as_deref(),
            rome_code: rome.as_deref(),
            competences: &comps,
            experience_years_min: s("experienceLibelle").as_deref().and_then(years_of),
            beginner_accepted: s("experienceExige").as_deref() == Some("D"),
            contract_is_apprenticeship_or_internship: v.get("alternance").and_then(|a| a.as_bool())
                == Some(true)
                || s("typeContratLibelle").is_some_and(|t| t.contains("Stage")),
        });
        let out = serde_json::json!({
            "id": s("id"),
            "role": e.role,
            "is_data": e.is_data,
            "seniority": format!("{:?}", e.seniority),
            "skills": e.skills,
            "remote": format!("{:?}", e.remote),
            "remote_days": e.remote_days_per_week,
            "title_normalized": e.title_normalized,
            "skills_desc": jobmarket_enrich::skills::find_skills(description.as_deref().unwrap_or("")),
            "title_only": jobmarket_enrich::normalize_title(&title),
        });
        println!("{out}");
    }
}
