//! The conformance suite: the same scenarios, with the same expected answers, on every store.
//! The embedded store always runs them; Elasticsearch runs them when `ES_TEST_URL` is set
//! (`.ci/run` starts an ES-API server for it).

use std::collections::BTreeMap;

use chrono::{DateTime, TimeZone, Utc};
use jobmarket_schema::{
    Company, Contract, ContractType, Location, Offer, OfferId, Remote, Salary, Seniority,
};
use jobmarket_storage::elasticsearch::{Config, ElasticsearchStore};
use jobmarket_storage::embedded::EmbeddedStore;
use jobmarket_storage::query::{
    Aggregation, AggregationResult, LifeBucket, SalaryGroup, TermBucket, TermsByBucket, TimeBucket,
    order_terms,
};
use jobmarket_storage::{
    AnalyticsQuery, Interval, KeywordField, OfferFilter, Sort, Store, StoredOffer,
};

fn day(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 9, 0, 0).unwrap()
}

/// A fixture offer; the arguments are what the scenarios look at.
#[allow(clippy::too_many_arguments)]
fn offer(
    n: u32,
    title: &str,
    description: &str,
    role: &str,
    skills: &[&str],
    (dept, region): (&str, &str),
    contract: ContractType,
    remote: Remote,
    salary: Option<(f64, f64)>,
    published: DateTime<Utc>,
    last_seen: DateTime<Utc>,
    company: &str,
    active: bool,
) -> StoredOffer {
    StoredOffer {
        offer: Offer {
            id: OfferId::new("test", &format!("{n:03}")),
            source: "test".into(),
            source_id: format!("{n:03}"),
            url: None,
            links: Vec::new(),
            title: title.into(),
            title_normalized: None,
            description: Some(description.into()),
            company: Company {
                name: Some(company.into()),
                name_normalized: Some(company.to_lowercase()),
                size: None,
                naf_code: None,
            },
            rome_code: None,
            rome_label: None,
            published_at: Some(published),
            updated_at: None,
            first_seen_at: published,
            last_seen_at: last_seen,
            contract: Contract {
                kind: Some(contract),
                ..Contract::default()
            },
            salary: Salary {
                min_annual_eur: salary.map(|s| s.0),
                max_annual_eur: salary.map(|s| s.1),
                ..Salary::default()
            },
            location: Location {
                department_code: Some(dept.into()),
                region_code: Some(region.into()),
                ..Location::default()
            },
            role: Some(role.into()),
            seniority: Some(if n.is_multiple_of(3) {
                Seniority::Senior
            } else {
                Seniority::Junior
            }),
            experience_years_min: None,
            remote: Some(remote),
            remote_days_per_week: None,
            skills: skills.iter().map(|s| s.to_string()).collect(),
            schema_version: 1,
        },
        active,
    }
}

const PARIS: (&str, &str) = ("75", "11");
const LYON: (&str, &str) = ("69", "84");
const NANTES: (&str, &str) = ("44", "52");

fn fixture() -> Vec<StoredOffer> {
    use ContractType::*;
    use Remote::{Full, Hybrid, None as OnSite};
    let (sep, oct, nov) = (day(2026, 9, 14), day(2026, 10, 5), day(2026, 11, 2));
    vec![
        offer(
            1,
            "Développeur Python (H/F)",
            "Vous rejoignez l'équipe data.",
            "data_engineer",
            &["python", "sql"],
            PARIS,
            Cdi,
            Hybrid,
            Some((45_000.0, 55_000.0)),
            sep,
            nov,
            "Acme",
            true,
        ),
        offer(
            2,
            "Data Engineer",
            "Pipelines Spark et Python.",
            "data_engineer",
            &["python", "spark"],
            PARIS,
            Cdi,
            Full,
            Some((50_000.0, 60_000.0)),
            oct,
            nov,
            "Acme",
            true,
        ),
        offer(
            3,
            "Data Analyst",
            "Tableaux de bord Power BI, SQL.",
            "data_analyst",
            &["power_bi", "sql"],
            LYON,
            Cdd,
            OnSite,
            Some((35_000.0, 35_000.0)),
            oct,
            oct,
            "Globex",
            false,
        ),
        offer(
            4,
            "Data Scientist",
            "Modèles de machine learning en Python.",
            "data_scientist",
            &["python", "machine_learning"],
            LYON,
            Cdi,
            Hybrid,
            None,
            nov,
            nov,
            "Initech",
            true,
        ),
        offer(
            5,
            "Analyste BI",
            "Reporting, SQL et Power BI pour la finance.",
            "bi_analyst",
            &["sql", "power_bi"],
            NANTES,
            Cdi,
            OnSite,
            Some((40_000.0, 44_000.0)),
            sep,
            oct,
            "Globex",
            false,
        ),
        offer(
            6,
            "Vendeuse en boulangerie",
            "Accueil des clients, mise en rayon.",
            "not_data",
            &[],
            NANTES,
            Cdd,
            OnSite,
            Some((21_000.0, 21_000.0)),
            nov,
            nov,
            "Boulangerie Martin",
            true,
        ),
        offer(
            7,
            "Stage Data Engineer",
            "Stage de 6 mois : Airflow, Python, SQL.",
            "data_engineer",
            &["airflow", "python", "sql"],
            PARIS,
            Internship,
            Hybrid,
            None,
            oct,
            nov,
            "Acme",
            true,
        ),
        offer(
            8,
            "Développeuse full stack",
            "Java et un peu de Python.",
            "not_data",
            &["java", "python"],
            LYON,
            Freelance,
            Full,
            Some((90_000.0, 110_000.0)),
            sep,
            sep,
            "Initech",
            false,
        ),
    ]
}

fn ids(stored: &[StoredOffer]) -> Vec<String> {
    stored.iter().map(|s| s.offer.source_id.clone()).collect()
}

async fn hit_ids(store: &dyn Store, filter: OfferFilter) -> Vec<String> {
    let q = AnalyticsQuery {
        filter,
        size: 100,
        sort: Sort::Newest,
        ..Default::default()
    };
    let mut got = ids(&store.query(&q).await.unwrap().hits);
    got.sort();
    got
}

async fn agg(store: &dyn Store, filter: OfferFilter, agg: Aggregation) -> AggregationResult {
    let q = AnalyticsQuery {
        filter,
        size: 0,
        aggregations: BTreeMap::from([("a".to_string(), agg)]),
        ..Default::default()
    };
    let mut r = store.query(&q).await.unwrap();
    assert!(r.hits.is_empty());
    r.aggregations.remove("a").unwrap()
}

fn terms(pairs: &[(&str, u64)], missing: u64) -> AggregationResult {
    AggregationResult::Terms {
        buckets: pairs
            .iter()
            .map(|(k, c)| TermBucket {
                key: k.to_string(),
                count: *c,
            })
            .collect(),
        missing,
    }
}

/// Every scenario, on a store that starts empty.
async fn scenarios(store: &dyn Store) {
    let all = fixture();
    // index, and again: idempotent
    assert_eq!(store.upsert(&all).await.unwrap().written, 8);
    assert_eq!(store.upsert(&all).await.unwrap().written, 8);
    assert_eq!(store.health().await.unwrap().offers, 8);

    // upsert replaces
    let mut changed = all[2].clone();
    changed.offer.title = "Data Analyst confirmé".into();
    store.upsert(std::slice::from_ref(&changed)).await.unwrap();
    let found = store
        .query(&AnalyticsQuery {
            filter: OfferFilter {
                text: Some("confirmé".into()),
                ..Default::default()
            },
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(ids(&found.hits), ["003"]);
    assert_eq!(store.health().await.unwrap().offers, 8);

    // get by id: the offer as upserted (the replaced one for 003), or none
    for (i, stored) in all.iter().enumerate() {
        let got = store.get(&stored.offer.id).await.unwrap();
        let expected = if i == 2 { &changed } else { stored };
        assert_eq!(got.as_ref(), Some(expected), "get {}", stored.offer.id);
    }
    assert_eq!(store.get(&OfferId::new("test", "999")).await.unwrap(), None);
    assert_eq!(
        store.get(&OfferId::new("other", "001")).await.unwrap(),
        None
    );
    // ids needing escapes in a URL
    let mut odd = all[0].clone();
    odd.offer.id = OfferId::new("test", "a/b c?d#e%f+é");
    assert_eq!(
        store
            .upsert(std::slice::from_ref(&odd))
            .await
            .unwrap()
            .written,
        1
    );
    assert_eq!(store.get(&odd.offer.id).await.unwrap(), Some(odd.clone()));
    assert_eq!(
        store
            .get(&OfferId::new("test", "a/b c?d#e%f"))
            .await
            .unwrap(),
        None
    );
    assert_eq!(store.delete(&[odd.offer.id.clone()]).await.unwrap(), 1);
    assert_eq!(store.get(&odd.offer.id).await.unwrap(), None);

    // each filter
    let f = OfferFilter::default;
    assert_eq!(hit_ids(store, f()).await.len(), 8);
    assert_eq!(
        hit_ids(
            store,
            OfferFilter {
                roles: vec!["data_engineer".into()],
                ..f()
            }
        )
        .await,
        ["001", "002", "007"]
    );
    assert_eq!(
        hit_ids(
            store,
            OfferFilter {
                seniorities: vec![Seniority::Senior],
                ..f()
            }
        )
        .await,
        ["003", "006"]
    );
    assert_eq!(
        hit_ids(
            store,
            OfferFilter {
                skills: vec!["python".into(), "sql".into()],
                ..f()
            }
        )
        .await,
        ["001", "007"]
    );
    assert_eq!(
        hit_ids(
            store,
            OfferFilter {
                departments: vec!["69".into(), "44".into()],
                ..f()
            }
        )
        .await,
        ["003", "004", "005", "006", "008"]
    );
    assert_eq!(
        hit_ids(
            store,
            OfferFilter {
                regions: vec!["11".into()],
                ..f()
            }
        )
        .await,
        ["001", "002", "007"]
    );
    assert_eq!(
        hit_ids(
            store,
            OfferFilter {
                contract_types: vec![ContractType::Cdd],
                ..f()
            }
        )
        .await,
        ["003", "006"]
    );
    assert_eq!(
        hit_ids(
            store,
            OfferFilter {
                remote: vec![Remote::Full],
                ..f()
            }
        )
        .await,
        ["002", "008"]
    );
    assert_eq!(
        hit_ids(
            store,
            OfferFilter {
                companies: vec!["globex".into()],
                ..f()
            }
        )
        .await,
        ["003", "005"]
    );
    assert_eq!(
        hit_ids(
            store,
            OfferFilter {
                sources: vec!["other".into()],
                ..f()
            }
        )
        .await,
        Vec::<String>::new()
    );
    assert_eq!(
        hit_ids(
            store,
            OfferFilter {
                published_from: Some(day(2026, 10, 1)),
                published_to: Some(day(2026, 11, 2)),
                ..f()
            }
        )
        .await,
        ["002", "003", "007"]
    );
    assert_eq!(
        hit_ids(
            store,
            OfferFilter {
                salary_known: Some(false),
                ..f()
            }
        )
        .await,
        ["004", "007"]
    );
    assert_eq!(
        hit_ids(
            store,
            OfferFilter {
                active: Some(false),
                ..f()
            }
        )
        .await,
        ["003", "005", "008"]
    );
    assert_eq!(
        hit_ids(
            store,
            OfferFilter {
                roles: vec!["data_engineer".into()],
                remote: vec![Remote::Hybrid],
                active: Some(true),
                ..f()
            }
        )
        .await,
        ["001", "007"]
    );

    // French full text: gender forms, accents, elisions
    assert_eq!(
        hit_ids(
            store,
            OfferFilter {
                text: Some("développeuse".into()),
                ..f()
            }
        )
        .await,
        ["001", "008"]
    );
    assert_eq!(
        hit_ids(
            store,
            OfferFilter {
                text: Some("l'Equipe DATA".into()),
                ..f()
            }
        )
        .await,
        ["001"]
    );
    assert_eq!(
        hit_ids(
            store,
            OfferFilter {
                text: Some("modele".into()),
                ..f()
            }
        )
        .await,
        ["004"]
    );
    // ranking sanity: a title match before a description match
    let ranked = store
        .query(&AnalyticsQuery {
            filter: OfferFilter {
                text: Some("python".into()),
                ..f()
            },
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(ranked.total, 5);
    assert_eq!(
        ranked.hits[0].offer.source_id, "001",
        "the only title with python comes first"
    );

    // sorts and pages
    let page = |sort, from, size| AnalyticsQuery {
        sort,
        from,
        size,
        ..Default::default()
    };
    let newest = store.query(&page(Sort::Newest, 0, 3)).await.unwrap();
    assert_eq!(
        ids(&newest.hits),
        ["004", "006", "002"],
        "newest first, ties by id"
    );
    let next = store.query(&page(Sort::Newest, 3, 3)).await.unwrap();
    assert_eq!(ids(&next.hits), ["003", "007", "001"]);
    let richest = store.query(&page(Sort::SalaryDesc, 0, 2)).await.unwrap();
    assert_eq!(ids(&richest.hits), ["008", "002"]);

    // aggregations
    assert_eq!(
        agg(
            store,
            f(),
            Aggregation::Terms {
                field: KeywordField::Role,
                size: 3
            }
        )
        .await,
        terms(
            &[("data_engineer", 3), ("not_data", 2), ("bi_analyst", 1)],
            0
        )
    );
    assert_eq!(
        agg(
            store,
            f(),
            Aggregation::Terms {
                field: KeywordField::Skills,
                size: 10
            }
        )
        .await,
        terms(
            &[
                ("python", 5),
                ("sql", 4),
                ("power_bi", 2),
                ("airflow", 1),
                ("java", 1),
                ("machine_learning", 1),
                ("spark", 1)
            ],
            1
        )
    );
    assert_eq!(
        agg(
            store,
            OfferFilter {
                active: Some(true),
                ..f()
            },
            Aggregation::Terms {
                field: KeywordField::Company,
                size: 2
            }
        )
        .await,
        terms(&[("acme", 3), ("boulangerie martin", 1)], 0)
    );
    assert_eq!(
        agg(
            store,
            f(),
            Aggregation::SkillCooccurrence {
                skill: "python".into(),
                size: 3
            }
        )
        .await,
        terms(&[("sql", 2), ("airflow", 1), ("java", 1)], 0)
    );
    let date = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    assert_eq!(
        agg(
            store,
            f(),
            Aggregation::OverTime {
                interval: Interval::Month
            }
        )
        .await,
        AggregationResult::OverTime {
            buckets: vec![
                TimeBucket {
                    start: date(2026, 9, 1),
                    count: 3
                },
                TimeBucket {
                    start: date(2026, 10, 1),
                    count: 3
                },
                TimeBucket {
                    start: date(2026, 11, 1),
                    count: 2
                },
            ]
        }
    );
    let AggregationResult::OverTime { buckets } = agg(
        store,
        f(),
        Aggregation::OverTime {
            interval: Interval::Week,
        },
    )
    .await
    else {
        panic!("over time")
    };
    assert_eq!(buckets.len(), 8, "weeks of 14 Sep to 2 Nov, gaps included");
    assert_eq!(buckets.iter().map(|b| b.count).sum::<u64>(), 8);
    match agg(
        store,
        f(),
        Aggregation::SalaryPercentiles {
            percents: vec![0.0, 50.0, 100.0],
        },
    )
    .await
    {
        AggregationResult::Percentiles { values, count } => {
            assert_eq!(count, 6);
            // midpoints: 21 000, 35 000, 42 000, 50 000, 55 000, 100 000
            let close = |v: Option<f64>, want: f64| (v.unwrap() - want).abs() <= want * 0.01;
            assert!(close(values[0].1, 21_000.0), "{values:?}");
            assert!(close(values[1].1, 46_000.0), "{values:?}");
            assert!(close(values[2].1, 100_000.0), "{values:?}");
        }
        other => panic!("{other:?}"),
    }
    match agg(
        store,
        f(),
        Aggregation::SalaryHistogram {
            interval_eur: 20_000.0,
        },
    )
    .await
    {
        AggregationResult::SalaryHistogram { buckets } => {
            let got: Vec<(f64, u64)> = buckets.iter().map(|b| (b.from_eur, b.count)).collect();
            // midpoints 21 000 and 35 000; 42 000, 50 000 and 55 000; 100 000
            assert_eq!(
                got,
                [
                    (20_000.0, 2),
                    (40_000.0, 3),
                    (60_000.0, 0),
                    (80_000.0, 0),
                    (100_000.0, 1)
                ]
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        agg(
            store,
            f(),
            Aggregation::NewVsActive {
                interval: Interval::Month
            }
        )
        .await,
        AggregationResult::NewVsActive {
            buckets: vec![
                LifeBucket {
                    start: date(2026, 9, 1),
                    new: 3,
                    active: 3
                },
                LifeBucket {
                    start: date(2026, 10, 1),
                    new: 3,
                    active: 5
                },
                LifeBucket {
                    start: date(2026, 11, 1),
                    new: 2,
                    active: 5
                },
            ]
        }
    );

    grouped_aggregations(store).await;
    many_groups(store).await;
    paris_days(store).await;

    // export: every offer, in id order, filtered too
    let mut exported = Vec::new();
    let n = store
        .export(&f(), &mut |o| {
            exported.push(o.offer.source_id);
            Ok(())
        })
        .await
        .unwrap();
    assert_eq!(n, 8);
    assert_eq!(
        exported,
        ["001", "002", "003", "004", "005", "006", "007", "008"]
    );
    let mut exported = Vec::new();
    store
        .export(
            &OfferFilter {
                roles: vec!["not_data".into()],
                ..f()
            },
            &mut |o| {
                exported.push(o);
                Ok(())
            },
        )
        .await
        .unwrap();
    assert_eq!(ids(&exported), ["006", "008"]);
    assert_eq!(exported[0], all[5], "exports give back the stored offer");

    // delete
    let gone = [
        OfferId::new("test", "006"),
        OfferId::new("test", "008"),
        OfferId::new("test", "999"),
    ];
    assert_eq!(store.delete(&gone).await.unwrap(), 2);
    assert_eq!(store.health().await.unwrap().offers, 6);
    assert_eq!(store.get(&gone[0]).await.unwrap(), None, "deleted");
    assert_eq!(store.get(&gone[1]).await.unwrap(), None, "deleted");
    assert_eq!(
        store.get(&all[0].offer.id).await.unwrap().as_ref(),
        Some(&all[0])
    );
    assert_eq!(
        hit_ids(
            store,
            OfferFilter {
                roles: vec!["not_data".into()],
                ..f()
            }
        )
        .await,
        Vec::<String>::new()
    );
}

fn group(keys: &[&str], count: u64, values: &[(f64, f64)]) -> SalaryGroup {
    SalaryGroup {
        keys: keys.iter().map(|k| k.to_string()).collect(),
        count,
        values: values.iter().map(|&(p, v)| (p, Some(v))).collect(),
    }
}

/// A bucket of a terms-by result: key, count and sub-buckets.
type Expected<'a> = (&'a str, u64, &'a [(&'a str, u64)]);

fn terms_by(buckets: &[Expected]) -> AggregationResult {
    AggregationResult::TermsBy {
        buckets: buckets
            .iter()
            .map(|(key, count, sub)| TermsByBucket {
                key: key.to_string(),
                count: *count,
                sub: sub
                    .iter()
                    .map(|(k, c)| TermBucket {
                        key: k.to_string(),
                        count: *c,
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// Salary percentiles per group and terms per term, on the fixture.
async fn grouped_aggregations(store: &dyn Store) {
    let f = OfferFilter::default;
    // midpoints: 001 50 000, 002 55 000 (data engineers, junior, 11); 003 35 000; 005 42 000;
    // 006 21 000; 008 100 000; 004 and 007 state none
    assert_eq!(
        agg(
            store,
            f(),
            Aggregation::SalaryPercentilesBy {
                fields: vec![KeywordField::Role, KeywordField::Seniority],
                percents: vec![0.0, 50.0, 100.0],
            }
        )
        .await,
        AggregationResult::SalaryGroups {
            groups: vec![
                group(
                    &["data_engineer", "junior"],
                    2,
                    &[(0.0, 50_000.0), (50.0, 52_500.0), (100.0, 55_000.0)]
                ),
                group(
                    &["bi_analyst", "junior"],
                    1,
                    &[(0.0, 42_000.0), (50.0, 42_000.0), (100.0, 42_000.0)]
                ),
                group(
                    &["data_analyst", "senior"],
                    1,
                    &[(0.0, 35_000.0), (50.0, 35_000.0), (100.0, 35_000.0)]
                ),
                group(
                    &["not_data", "junior"],
                    1,
                    &[(0.0, 100_000.0), (50.0, 100_000.0), (100.0, 100_000.0)]
                ),
                group(
                    &["not_data", "senior"],
                    1,
                    &[(0.0, 21_000.0), (50.0, 21_000.0), (100.0, 21_000.0)]
                ),
            ]
        }
    );
    // a multi-valued field puts an offer in each of its values; 006 (no skill) is left out
    assert_eq!(
        agg(
            store,
            f(),
            Aggregation::SalaryPercentilesBy {
                fields: vec![KeywordField::Skills, KeywordField::Region],
                percents: vec![50.0],
            }
        )
        .await,
        AggregationResult::SalaryGroups {
            groups: vec![
                group(&["python", "11"], 2, &[(50.0, 52_500.0)]),
                group(&["java", "84"], 1, &[(50.0, 100_000.0)]),
                group(&["power_bi", "52"], 1, &[(50.0, 42_000.0)]),
                group(&["power_bi", "84"], 1, &[(50.0, 35_000.0)]),
                group(&["python", "84"], 1, &[(50.0, 100_000.0)]),
                group(&["spark", "11"], 1, &[(50.0, 55_000.0)]),
                group(&["sql", "11"], 1, &[(50.0, 50_000.0)]),
                group(&["sql", "52"], 1, &[(50.0, 42_000.0)]),
                group(&["sql", "84"], 1, &[(50.0, 35_000.0)]),
            ]
        }
    );
    // three fields, filtered (active: 001, 002, 004, 006, 007), interpolated quartiles
    assert_eq!(
        agg(
            store,
            OfferFilter {
                active: Some(true),
                ..f()
            },
            Aggregation::SalaryPercentilesBy {
                fields: vec![
                    KeywordField::Role,
                    KeywordField::Seniority,
                    KeywordField::Region
                ],
                percents: vec![25.0, 50.0, 75.0],
            }
        )
        .await,
        AggregationResult::SalaryGroups {
            groups: vec![
                group(
                    &["data_engineer", "junior", "11"],
                    2,
                    &[(25.0, 51_250.0), (50.0, 52_500.0), (75.0, 53_750.0)]
                ),
                group(
                    &["not_data", "senior", "52"],
                    1,
                    &[(25.0, 21_000.0), (50.0, 21_000.0), (75.0, 21_000.0)]
                ),
            ]
        }
    );
    // no offer of the filter states a salary: no group
    assert_eq!(
        agg(
            store,
            OfferFilter {
                roles: vec!["data_scientist".into()],
                ..f()
            },
            Aggregation::SalaryPercentilesBy {
                fields: vec![KeywordField::Role],
                percents: vec![50.0],
            }
        )
        .await,
        AggregationResult::SalaryGroups { groups: vec![] }
    );

    // terms per term: ties at both cuts broken by key (bi_analyst, data_analyst and
    // data_scientist have one offer each; java and python one each among not_data)
    assert_eq!(
        agg(
            store,
            f(),
            Aggregation::TermsBy {
                field: KeywordField::Role,
                size: 3,
                sub_field: KeywordField::Skills,
                sub_size: 1,
            }
        )
        .await,
        terms_by(&[
            ("data_engineer", 3, &[("python", 3)]),
            ("not_data", 2, &[("java", 1)]),
            ("bi_analyst", 1, &[("power_bi", 1)]),
        ])
    );
    assert_eq!(
        agg(
            store,
            OfferFilter {
                active: Some(true),
                ..f()
            },
            Aggregation::TermsBy {
                field: KeywordField::Company,
                size: 2,
                sub_field: KeywordField::Role,
                sub_size: 5,
            }
        )
        .await,
        terms_by(&[
            ("acme", 3, &[("data_engineer", 3)]),
            ("boulangerie martin", 1, &[("not_data", 1)]),
        ])
    );
    // every value of a multi-valued field, with room for everything (Elasticsearch fetches
    // the sub-counts of so many buckets in further searches)
    assert_eq!(
        agg(
            store,
            f(),
            Aggregation::TermsBy {
                field: KeywordField::Skills,
                size: 1_000,
                sub_field: KeywordField::Role,
                sub_size: 1_000,
            }
        )
        .await,
        terms_by(&[
            (
                "python",
                5,
                &[("data_engineer", 3), ("data_scientist", 1), ("not_data", 1)]
            ),
            (
                "sql",
                4,
                &[("data_engineer", 2), ("bi_analyst", 1), ("data_analyst", 1)]
            ),
            ("power_bi", 2, &[("bi_analyst", 1), ("data_analyst", 1)]),
            ("airflow", 1, &[("data_engineer", 1)]),
            ("java", 1, &[("not_data", 1)]),
            ("machine_learning", 1, &[("data_scientist", 1)]),
            ("spark", 1, &[("data_engineer", 1)]),
        ])
    );
}

/// More groups and keys than one answer of Elasticsearch holds (pages of salary groups,
/// chunks of terms-by sub-counts), checked against a plain computation.
async fn many_groups(store: &dyn Store) {
    let roles = ["data_engineer", "data_analyst", "data_scientist"];
    let offers: Vec<StoredOffer> = (0..150u32)
        .map(|k| {
            let mut o = fixture()[0].clone();
            o.offer.id = OfferId::new("many", &format!("{k:03}"));
            o.offer.source = "many".into();
            o.offer.company.name_normalized = Some(format!("c{:02}", k % 70));
            o.offer.role = Some(roles[(k % 3) as usize].into());
            let salary = f64::from(30_000 + 700 * ((k * 37) % 101));
            // every seventh states no salary
            o.offer.salary.min_annual_eur = (k % 7 != 0).then_some(salary);
            o.offer.salary.max_annual_eur = (k % 7 != 0).then_some(salary + 1_000.0);
            o
        })
        .collect();
    assert_eq!(store.upsert(&offers).await.unwrap().written, 150);
    let many = || OfferFilter {
        sources: vec!["many".into()],
        ..Default::default()
    };

    // salary percentiles per company and role, computed plainly
    let percents = vec![10.0, 50.0, 90.0];
    let mut by_keys: BTreeMap<Vec<String>, Vec<f64>> = BTreeMap::new();
    for o in &offers {
        let (Some(min), Some(max)) = (o.offer.salary.min_annual_eur, o.offer.salary.max_annual_eur)
        else {
            continue;
        };
        let keys = vec![
            o.offer.company.name_normalized.clone().unwrap(),
            o.offer.role.clone().unwrap(),
        ];
        by_keys.entry(keys).or_default().push((min + max) / 2.0);
    }
    let mut expected: Vec<SalaryGroup> = by_keys
        .into_iter()
        .map(|(keys, mut values)| {
            values.sort_by(f64::total_cmp);
            let at = |p: f64| {
                let rank = p / 100.0 * (values.len() - 1) as f64;
                let (lo, hi) = (rank.floor() as usize, rank.ceil() as usize);
                values[lo] + (values[hi] - values[lo]) * (rank - lo as f64)
            };
            SalaryGroup {
                count: values.len() as u64,
                values: percents.iter().map(|&p| (p, Some(at(p)))).collect(),
                keys,
            }
        })
        .collect();
    expected.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.keys.cmp(&b.keys)));
    assert!(expected.len() > 100, "{} groups", expected.len());
    assert_eq!(
        agg(
            store,
            many(),
            Aggregation::SalaryPercentilesBy {
                fields: vec![KeywordField::Company, KeywordField::Role],
                percents: percents.clone(),
            }
        )
        .await,
        AggregationResult::SalaryGroups { groups: expected }
    );

    // roles per company, every company and role
    let mut counts: BTreeMap<String, (u64, BTreeMap<String, u64>)> = BTreeMap::new();
    for o in &offers {
        let entry = counts
            .entry(o.offer.company.name_normalized.clone().unwrap())
            .or_default();
        entry.0 += 1;
        *entry.1.entry(o.offer.role.clone().unwrap()).or_default() += 1;
    }
    let mut expected: Vec<TermsByBucket> = counts
        .into_iter()
        .map(|(key, (count, sub))| TermsByBucket {
            key,
            count,
            sub: order_terms(
                sub.into_iter()
                    .map(|(key, count)| TermBucket { key, count })
                    .collect(),
                1_000,
            ),
        })
        .collect();
    expected.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    assert_eq!(expected.len(), 70);
    assert_eq!(
        agg(
            store,
            many(),
            Aggregation::TermsBy {
                field: KeywordField::Company,
                size: 1_000,
                sub_field: KeywordField::Role,
                sub_size: 1_000,
            }
        )
        .await,
        AggregationResult::TermsBy { buckets: expected }
    );
    let ids: Vec<OfferId> = offers.iter().map(|o| o.offer.id.clone()).collect();
    assert_eq!(store.delete(&ids).await.unwrap(), 150);
}

/// Days, weeks and months are Europe/Paris calendar days; filters are instants.
async fn paris_days(store: &dyn Store) {
    let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
    let date = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let mut offers = Vec::new();
    // 00:30 on 29 March in Paris (CET, UTC+1), last seen 00:30 on 1 May (CEST, UTC+2)
    let mut spring = fixture()[0].clone();
    spring.offer.id = OfferId::new("paris", "spring");
    spring.offer.published_at = Some(at("2026-03-28T23:30:00Z"));
    spring.offer.first_seen_at = at("2026-03-28T23:30:00Z");
    spring.offer.last_seen_at = at("2026-04-30T22:30:00Z");
    offers.push(spring);
    // 00:30 on 1 August in Paris (CEST)
    let mut summer = fixture()[1].clone();
    summer.offer.id = OfferId::new("paris", "summer");
    summer.offer.published_at = Some(at("2026-07-31T22:30:00Z"));
    summer.offer.first_seen_at = at("2026-07-31T22:30:00Z");
    summer.offer.last_seen_at = at("2026-07-31T22:30:00Z");
    offers.push(summer);
    for o in &mut offers {
        o.offer.source = "paris".into();
    }
    assert_eq!(store.upsert(&offers).await.unwrap().written, 2);
    let paris = || OfferFilter {
        sources: vec!["paris".into()],
        ..Default::default()
    };
    let over = |interval| Aggregation::OverTime { interval };
    let AggregationResult::OverTime { buckets } = agg(store, paris(), over(Interval::Day)).await
    else {
        panic!("over time")
    };
    assert_eq!(
        buckets.first().map(|b| (b.start, b.count)),
        Some((date(2026, 3, 29), 1))
    );
    assert_eq!(
        buckets.last().map(|b| (b.start, b.count)),
        Some((date(2026, 8, 1), 1))
    );
    let months = |counts: &[(u32, u64)]| AggregationResult::OverTime {
        buckets: counts
            .iter()
            .map(|&(m, count)| TimeBucket {
                start: date(2026, m, 1),
                count,
            })
            .collect(),
    };
    assert_eq!(
        agg(store, paris(), over(Interval::Month)).await,
        months(&[(3, 1), (4, 0), (5, 0), (6, 0), (7, 0), (8, 1)])
    );
    let AggregationResult::OverTime { buckets } = agg(store, paris(), over(Interval::Week)).await
    else {
        panic!("over time")
    };
    // Sunday 29 March is in the week of Monday 23 March; Saturday 1 August in that of 27 July
    assert_eq!(buckets.first().map(|b| b.start), Some(date(2026, 3, 23)));
    assert_eq!(buckets.last().map(|b| b.start), Some(date(2026, 7, 27)));
    // first and last collection: live from March to May (Paris), then in August
    let life = |m: u32, new: u64, active: u64| LifeBucket {
        start: date(2026, m, 1),
        new,
        active,
    };
    assert_eq!(
        agg(
            store,
            paris(),
            Aggregation::NewVsActive {
                interval: Interval::Month
            }
        )
        .await,
        AggregationResult::NewVsActive {
            buckets: vec![
                life(3, 1, 1),
                life(4, 0, 1),
                life(5, 0, 1),
                life(6, 0, 0),
                life(7, 0, 0),
                life(8, 1, 1),
            ]
        }
    );
    // filters stay instants: from midnight UTC on 29 March leaves out the spring offer
    assert_eq!(
        hit_ids(
            store,
            OfferFilter {
                published_from: Some(at("2026-03-29T00:00:00Z")),
                ..paris()
            }
        )
        .await,
        ["002"]
    );
    let gone: Vec<OfferId> = offers.iter().map(|o| o.offer.id.clone()).collect();
    assert_eq!(store.delete(&gone).await.unwrap(), 2);
}

#[tokio::test]
async fn embedded_store_conforms() {
    let dir = tempfile::tempdir().unwrap();
    let store = EmbeddedStore::open(&dir.path().join("index")).unwrap();
    scenarios(&store).await;
    // reopened from disk: the same offers
    drop(store);
    let store = EmbeddedStore::open(&dir.path().join("index")).unwrap();
    assert_eq!(store.health().await.unwrap().offers, 6);
}

#[tokio::test]
async fn elasticsearch_store_conforms() {
    let Some(url) = std::env::var("ES_TEST_URL").ok().filter(|u| !u.is_empty()) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "ES_TEST_URL is not set under CI: .ci/run should start osmem-server and set it"
        );
        eprintln!("skipped: ES_TEST_URL is not set (see storage/tests/elasticsearch_live.rs)");
        return;
    };
    // a prefix of its own, so that runs never see each other's offers
    let prefix = format!("conformance-{}", std::process::id());
    let store = ElasticsearchStore::connect(Config::local(&url, &prefix))
        .await
        .unwrap();
    scenarios(&store).await;
}

#[tokio::test]
async fn a_corrupt_embedded_index_says_so_and_a_rebuild_recovers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index");
    let store = EmbeddedStore::open(&path).unwrap();
    store.upsert(&fixture()).await.unwrap();
    drop(store);
    let live = std::fs::read_to_string(path.join("current")).unwrap();
    std::fs::write(path.join(live.trim()).join("meta.json"), b"{ not json").unwrap();
    let err = EmbeddedStore::open(&path)
        .err()
        .expect("a corrupt index is an error");
    let message = err.to_string();
    assert!(
        message.contains("unreadable") && message.contains("--rebuild"),
        "{message}"
    );
    // the offers come back from their source of truth
    let (store, written) = EmbeddedStore::rebuild(&path, fixture()).unwrap();
    assert_eq!(written, 8);
    assert_eq!(store.health().await.unwrap().offers, 8);
}
