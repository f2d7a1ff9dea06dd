//! Every real offer of `../shared/data/francetravail/offers.jsonl` (beside the workspace root)
//! normalises without error, with the coverage the profile of that file allows.
//!
//! The file is not part of the repository. Without it the test is skipped, except when the
//! `CI` environment variable is set: CI must run it.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use jobmarket_francetravail::normalize::{
    normalize_json, normalize_offer, place::is_foreign_label,
};
use jobmarket_francetravail::raw::RawOffer;
use jobmarket_schema::Offer;

fn offers_path() -> PathBuf {
    // <root>/pipelines/ingest/sources/francetravail → <root>/../shared
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../..")
        .join("../shared/data/francetravail/offers.jsonl")
}

/// Lines of the file, or `None` when it is absent outside CI.
fn real_offers() -> Option<String> {
    let path = offers_path();
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(err) if std::env::var_os("CI").is_some() => {
            panic!("{} is required in CI: {err}", path.display())
        }
        Err(err) => {
            eprintln!(
                "skipped: ../shared/data/francetravail/offers.jsonl not found ({}: {err})",
                path.display()
            );
            None
        }
    }
}

/// What the test checks beside the canonical offer, read from the raw offer.
struct RawFacts {
    salary_label_has_amount: bool,
    has_contract_code: bool,
}

fn raw_facts(raw: &RawOffer<'_>) -> RawFacts {
    let label = raw.salary.as_ref().and_then(|s| s.label.as_deref());
    RawFacts {
        salary_label_has_amount: label.is_some_and(|l| l.bytes().any(|b| b.is_ascii_digit())),
        has_contract_code: raw.contract_code.as_deref().is_some_and(|s| !s.is_empty()),
    }
}

fn pct(n: usize, total: usize) -> f64 {
    100.0 * n as f64 / total.max(1) as f64
}

#[test]
fn every_real_offer_normalises() {
    let Some(text) = real_offers() else { return };
    let seen_at: DateTime<Utc> = "2025-11-20T00:00:00Z".parse().unwrap();

    let mut offers: Vec<(Offer, RawFacts)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let offer =
            normalize_json(line, seen_at).unwrap_or_else(|err| panic!("line {}: {err}", i + 1));
        // normalize_json is RawOffer::from_json then normalize_offer
        let raw = RawOffer::from_json(line)
            .unwrap_or_else(|err| panic!("line {}: RawOffer: {err}", i + 1));
        assert_eq!(
            normalize_offer(&raw, seen_at).unwrap(),
            offer,
            "line {}",
            i + 1
        );
        offers.push((offer, raw_facts(&raw)));
    }
    let total = offers.len();
    assert!(total > 1000, "only {total} offers");

    let count =
        |f: &dyn Fn(&Offer, &RawFacts) -> bool| offers.iter().filter(|(o, r)| f(o, r)).count();

    let placed = count(&|o, _| {
        o.location.department_code.is_some()
            || o.location.country_only
            || o.location.label.as_deref().is_some_and(is_foreign_label)
    });
    let with_department = count(&|o, _| o.location.department_code.is_some());
    let with_region = count(&|o, _| o.location.region_code.is_some());
    let country_only = count(&|o, _| o.location.country_only);
    let with_coords = count(&|o, _| o.location.lat.is_some());
    let with_salary = count(&|o, _| o.salary.min_annual_eur.is_some());
    let salary_flagged = count(&|o, _| !o.salary.flags.is_empty());
    let salary_from_comment = count(&|o, _| {
        o.salary.flags.iter().any(|f| f == "from_comment") && o.salary.min_annual_eur.is_some()
    });
    let salary_from_description = count(&|o, _| {
        o.salary.flags.iter().any(|f| f == "from_description") && o.salary.min_annual_eur.is_some()
    });
    let unexplained_salary = count(&|o, r| {
        r.salary_label_has_amount && o.salary.min_annual_eur.is_none() && o.salary.flags.is_empty()
    });
    let with_kind = count(&|o, _| o.contract.kind.is_some());
    let kind_expected = count(&|_, r| r.has_contract_code);
    let with_duration = count(&|o, _| o.contract.duration_months.is_some());
    let with_hours = count(&|o, _| o.contract.hours_per_week.is_some());
    let with_full_time = count(&|o, _| o.contract.full_time.is_some());
    let with_experience = count(&|o, _| o.experience_years_min.is_some());
    let with_rome = count(&|o, _| o.rome_code.is_some());
    let with_dates = count(&|o, _| o.published_at.is_some() && o.updated_at.is_some());
    let with_company = count(&|o, _| o.company.name_normalized.is_some());
    let marks_left = count(&|o, _| {
        let t = o.title_normalized.as_deref().unwrap_or("").to_lowercase();
        t.contains("h/f") || t.contains("f/h")
    });

    println!("offers: {total}");
    println!(
        "located (department, country-only or foreign): {:.1}%",
        pct(placed, total)
    );
    println!(
        "  department: {:.1}%, region: {:.1}%, country only: {:.1}%, coordinates: {:.1}%",
        pct(with_department, total),
        pct(with_region, total),
        pct(country_only, total),
        pct(with_coords, total)
    );
    println!(
        "salary figures: {:.1}% (from comment: {salary_from_comment}, from description: \
         {salary_from_description}), flagged: {:.1}%",
        pct(with_salary, total),
        pct(salary_flagged, total)
    );
    println!(
        "contract type: {:.1}%, duration: {:.1}%, hours/week: {:.1}%, full time known: {:.1}%",
        pct(with_kind, total),
        pct(with_duration, total),
        pct(with_hours, total),
        pct(with_full_time, total)
    );
    println!(
        "experience: {:.1}%, rome code: {:.1}%, dates: {:.1}%, company: {:.1}%",
        pct(with_experience, total),
        pct(with_rome, total),
        pct(with_dates, total),
        pct(with_company, total)
    );

    assert!(
        pct(placed, total) >= 95.0,
        "located {:.1}%",
        pct(placed, total)
    );
    assert_eq!(
        unexplained_salary, 0,
        "salary labels with amounts but neither figures nor a flag"
    );
    assert!(
        pct(with_salary, total) >= 55.0,
        "salary {:.1}%",
        pct(with_salary, total)
    );
    assert_eq!(
        with_kind, kind_expected,
        "every known contract code maps to a contract type"
    );
    assert_eq!(with_dates, total, "every real offer has readable dates");
    assert_eq!(with_rome, total, "every real ROME code is valid");
    assert!(
        marks_left * 200 < total,
        "{marks_left} titles still carry a gender mark"
    );
    // titles made only of gender marks ("H/F (H/F)") have no normalised title
    let with_clean_title =
        count(&|o, _| o.title_normalized.as_deref().is_some_and(|t| !t.is_empty()));
    assert!(
        with_clean_title * 1000 >= total * 999,
        "{with_clean_title} clean titles"
    );
    for (o, _) in &offers {
        let s = &o.salary;
        if let (Some(min), Some(max)) = (s.min_annual_eur, s.max_annual_eur) {
            assert!(min <= max, "{}: min > max", o.id);
        }
        if let Some(min) = s.min_annual_eur {
            assert!((5_000.0..=500_000.0).contains(&min), "{}: {min}", o.id);
            // a single amount gives the same min and max
            assert!(s.max_annual_eur.is_some(), "{}: min without max", o.id);
        }
        if s.flags.iter().any(|f| f == "from_description") {
            assert!(o.salary.raw.is_some(), "{}: no raw text", o.id);
        }
        if let Some(code) = &o.location.department_code {
            assert_eq!(
                o.location.region_code.as_deref(),
                jobmarket_schema::geo::department(code).map(|d| d.region_code),
                "{}",
                o.id
            );
        }
        if let (Some(lat), Some(lon)) = (o.location.lat, o.location.lon) {
            assert!(
                (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon),
                "{}",
                o.id
            );
        }
    }
}
