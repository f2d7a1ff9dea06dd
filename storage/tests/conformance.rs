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
    Aggregation, AggregationResult, LifeBucket, TermBucket, TimeBucket,
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
    store.upsert(&[changed]).await.unwrap();
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
