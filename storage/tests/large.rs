//! The grouped aggregations of the embedded store over many generated offers: the same
//! answers as a plain computation, and how long they take. Ignored by default (it indexes a
//! million offers); run it optimised:
//!
//! ```text
//! cargo test --release -p jobmarket-storage --test large -- --ignored --nocapture
//! ```
//!
//! `LARGE_OFFERS` sets the number of offers (default 1 000 000).

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use jobmarket_schema::{
    Company, Contract, ContractType, Location, Offer, OfferId, Remote, Salary, Seniority,
};
use jobmarket_storage::embedded::EmbeddedStore;
use jobmarket_storage::query::{
    Aggregation, AggregationResult, SalaryGroup, TermBucket, order_groups, order_terms,
};
use jobmarket_storage::{AnalyticsQuery, KeywordField, OfferFilter, Store, StoredOffer};

const ROLES: [&str; 10] = [
    "data_engineer",
    "data_analyst",
    "data_scientist",
    "bi_analyst",
    "ml_engineer",
    "data_architect",
    "analytics_engineer",
    "data_manager",
    "dba",
    "not_data",
];
const SENIORITIES: [Seniority; 5] = [
    Seniority::Intern,
    Seniority::Junior,
    Seniority::Mid,
    Seniority::Senior,
    Seniority::Lead,
];
const REGIONS: [&str; 13] = [
    "11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94",
];

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn generated(n: usize) -> Vec<StoredOffer> {
    let mut rng = Rng(42);
    let start: DateTime<Utc> = Utc.with_ymd_and_hms(2025, 1, 1, 8, 0, 0).unwrap();
    (0..n)
        .map(|i| {
            let published = start + chrono::Duration::minutes(rng.below(500 * 24 * 60) as i64);
            // some offers lack a role, a seniority or a region; 60 % state a salary
            let role = (rng.below(20) != 0).then(|| ROLES[rng.below(ROLES.len())].to_string());
            let seniority = (rng.below(10) != 0).then(|| SENIORITIES[rng.below(5)]);
            let region = (rng.below(25) != 0).then(|| REGIONS[rng.below(REGIONS.len())].into());
            let salary = (rng.below(10) < 6).then(|| {
                let min = 25_000.0 + 250.0 * rng.below(200) as f64;
                (min, min + 1_000.0 * rng.below(15) as f64)
            });
            let skills = (0..rng.below(6))
                .map(|_| format!("skill{:02}", rng.below(40)))
                .collect();
            StoredOffer {
                offer: Offer {
                    id: OfferId::new("gen", &format!("{i:07}")),
                    source: "gen".into(),
                    source_id: format!("{i:07}"),
                    url: None,
                    links: Vec::new(),
                    title: "Offre".into(),
                    title_normalized: None,
                    description: None,
                    company: Company {
                        name: None,
                        name_normalized: Some(format!("company{}", rng.below(5_000))),
                        size: None,
                        naf_code: None,
                    },
                    rome_code: None,
                    rome_label: None,
                    published_at: Some(published),
                    updated_at: None,
                    first_seen_at: published,
                    last_seen_at: published + chrono::Duration::days(rng.below(60) as i64),
                    contract: Contract {
                        kind: Some(ContractType::Cdi),
                        ..Contract::default()
                    },
                    salary: Salary {
                        min_annual_eur: salary.map(|s| s.0),
                        max_annual_eur: salary.map(|s| s.1),
                        ..Salary::default()
                    },
                    location: Location {
                        region_code: region,
                        ..Location::default()
                    },
                    role,
                    seniority,
                    experience_years_min: None,
                    remote: Some(Remote::None),
                    remote_days_per_week: None,
                    skills,
                    schema_version: 1,
                },
                active: rng.below(2) == 0,
            }
        })
        .collect()
}

/// The definition: sort, then interpolate between the closest ranks.
fn sorted_percentiles(values: &mut [f64], percents: &[f64]) -> Vec<(f64, Option<f64>)> {
    values.sort_by(f64::total_cmp);
    percents
        .iter()
        .map(|&p| {
            let rank = p / 100.0 * (values.len() - 1) as f64;
            let (lo, hi) = (rank.floor() as usize, rank.ceil() as usize);
            (
                p,
                Some(values[lo] + (values[hi] - values[lo]) * (rank - lo as f64)),
            )
        })
        .collect()
}

/// The median time of `runs` runs of `query`, and its last result.
async fn timed(
    store: &EmbeddedStore,
    query: &AnalyticsQuery,
    runs: usize,
) -> (Duration, AggregationResult) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let started = Instant::now();
        let mut result = store.query(query).await.unwrap();
        times.push(started.elapsed());
        last = result.aggregations.remove("a");
    }
    times.sort();
    (times[times.len() / 2], last.unwrap())
}

fn only(aggregation: Aggregation) -> AnalyticsQuery {
    AnalyticsQuery {
        size: 0,
        aggregations: BTreeMap::from([("a".to_string(), aggregation)]),
        ..Default::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "indexes a million offers: run with --release -- --ignored"]
async fn grouped_aggregations_over_many_offers() {
    let n = std::env::var("LARGE_OFFERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let offers = generated(n);
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let (store, written) =
        EmbeddedStore::rebuild(&dir.path().join("index"), offers.clone()).expect("index built");
    assert_eq!(written, n as u64);
    eprintln!("{n} offers indexed in {:.1?}", started.elapsed());

    // references: matching every offer, and counting the values of one field
    let mut times: Vec<Duration> = Vec::new();
    for _ in 0..7 {
        let started = Instant::now();
        let all = AnalyticsQuery {
            size: 0,
            ..Default::default()
        };
        assert_eq!(store.query(&all).await.unwrap().total, n as u64);
        times.push(started.elapsed());
    }
    times.sort();
    eprintln!("every offer matched, no aggregation: {:.1?}", times[3]);
    let (took, _) = timed(
        &store,
        &only(Aggregation::Terms {
            field: KeywordField::Region,
            size: 20,
        }),
        7,
    )
    .await;
    eprintln!("terms region: {took:.1?}");

    // salary percentiles per role × seniority × region
    let percents = vec![25.0, 50.0, 75.0];
    let fields = vec![
        KeywordField::Role,
        KeywordField::Seniority,
        KeywordField::Region,
    ];
    let mut plain: HashMap<Vec<String>, Vec<f64>> = HashMap::new();
    for stored in &offers {
        let o = &stored.offer;
        let (Some(role), Some(seniority), Some(region)) =
            (&o.role, o.seniority, &o.location.region_code)
        else {
            continue;
        };
        let (Some(min), Some(max)) = (o.salary.min_annual_eur, o.salary.max_annual_eur) else {
            continue;
        };
        let keys = vec![
            role.clone(),
            jobmarket_storage::fields::key(&seniority),
            region.clone(),
        ];
        plain.entry(keys).or_default().push((min + max) / 2.0);
    }
    let expected = order_groups(
        plain
            .into_iter()
            .map(|(keys, mut values)| SalaryGroup {
                keys,
                count: values.len() as u64,
                values: sorted_percentiles(&mut values, &percents),
            })
            .collect(),
    );
    let query = only(Aggregation::SalaryPercentilesBy {
        fields,
        percents: percents.clone(),
    });
    let (took, result) = timed(&store, &query, 7).await;
    eprintln!(
        "salary_percentiles_by role × seniority × region ({} groups): {took:.1?}",
        expected.len()
    );
    assert_eq!(result, AggregationResult::SalaryGroups { groups: expected });

    // skills per role
    let mut plain: HashMap<String, (u64, HashMap<String, u64>)> = HashMap::new();
    for stored in &offers {
        let o = &stored.offer;
        let Some(role) = &o.role else { continue };
        let entry = plain.entry(role.clone()).or_default();
        entry.0 += 1;
        let mut skills = o.skills.clone();
        skills.sort();
        skills.dedup();
        for skill in skills {
            *entry.1.entry(skill).or_default() += 1;
        }
    }
    let mut expected: Vec<(TermBucket, Vec<TermBucket>)> = plain
        .into_iter()
        .map(|(key, (count, sub))| {
            let sub = sub
                .into_iter()
                .map(|(key, count)| TermBucket { key, count })
                .collect();
            (TermBucket { key, count }, order_terms(sub, 10))
        })
        .collect();
    expected.sort_by(|a, b| {
        b.0.count
            .cmp(&a.0.count)
            .then_with(|| a.0.key.cmp(&b.0.key))
    });
    let query = only(Aggregation::TermsBy {
        field: KeywordField::Role,
        size: 20,
        sub_field: KeywordField::Skills,
        sub_size: 10,
    });
    let (took, result) = timed(&store, &query, 7).await;
    eprintln!("terms_by role → skills: {took:.1?}");
    let AggregationResult::TermsBy { buckets } = result else {
        panic!("terms by")
    };
    let got: Vec<(TermBucket, Vec<TermBucket>)> = buckets
        .into_iter()
        .map(|b| {
            (
                TermBucket {
                    key: b.key,
                    count: b.count,
                },
                b.sub,
            )
        })
        .collect();
    assert_eq!(got, expected);

    // the same, filtered: active offers of three regions
    let filtered = AnalyticsQuery {
        filter: OfferFilter {
            regions: vec!["11".into(), "84".into(), "75".into()],
            active: Some(true),
            ..Default::default()
        },
        ..only(Aggregation::SalaryPercentilesBy {
            fields: vec![KeywordField::Role, KeywordField::Seniority],
            percents: percents.clone(),
        })
    };
    let (took, _) = timed(&store, &filtered, 7).await;
    eprintln!("salary_percentiles_by role × seniority, 3 regions, active: {took:.1?}");

    // percentiles over every salary
    let (took, result) = timed(
        &store,
        &only(Aggregation::SalaryPercentiles {
            percents: percents.clone(),
        }),
        7,
    )
    .await;
    eprintln!("salary_percentiles over all offers: {took:.1?}");
    let mut all: Vec<f64> = offers
        .iter()
        .filter_map(|s| jobmarket_storage::fields::salary_mid_eur(&s.offer))
        .collect();
    let count = all.len() as u64;
    assert_eq!(
        result,
        AggregationResult::Percentiles {
            values: sorted_percentiles(&mut all, &percents),
            count
        }
    );
}
