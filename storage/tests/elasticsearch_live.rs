//! The Elasticsearch store against a live server: osmem-server in CI (`.ci/run` starts it and
//! sets `ES_TEST_URL`), or a real Elasticsearch 8 cluster:
//!
//! ```text
//! osmem-server -addr 127.0.0.1:19200 -no-stdin-watch &
//! ES_TEST_URL=http://127.0.0.1:19200 cargo test -p jobmarket-storage --test elasticsearch_live
//! ```
//!
//! Without `ES_TEST_URL` the tests say why and pass, unless `CI` is set: then they fail.
//! Each test works under its own index prefix, so they run in parallel on one server.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use jobmarket_schema::{
    Company, Contract, ContractType, Location, Offer, OfferId, Remote, Salary, Seniority,
};
use jobmarket_storage::elasticsearch::{Config, ElasticsearchStore};
use jobmarket_storage::query::{Aggregation, AggregationResult, Interval, KeywordField, Sort};
use jobmarket_storage::{AnalyticsQuery, OfferFilter, Store, StoreError, StoredOffer};

/// The server's URL, or `None` (after saying why) when the tests cannot run here.
fn test_url() -> Option<String> {
    match std::env::var("ES_TEST_URL") {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ if std::env::var_os("CI").is_some() => {
            panic!("ES_TEST_URL is not set under CI: .ci/run should start osmem-server and set it")
        }
        _ => {
            eprintln!(
                "skipped: ES_TEST_URL is not set (start osmem-server -addr 127.0.0.1:19200 -no-stdin-watch and set ES_TEST_URL=http://127.0.0.1:19200)"
            );
            None
        }
    }
}

/// A store under a prefix of its own, on a fresh server state for that prefix.
async fn store(test: &str) -> Option<ElasticsearchStore> {
    let url = test_url()?;
    let prefix = format!("jmtest-{}-{test}", std::process::id());
    let store = ElasticsearchStore::connect(Config::local(&url, &prefix))
        .await
        .unwrap();
    Some(store)
}

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A plain offer `test:<n>` to be adjusted.
fn base(n: &str) -> Offer {
    Offer {
        id: OfferId::new("test", n),
        source: "francetravail".into(),
        source_id: n.into(),
        url: None,
        links: vec![],
        title: String::new(),
        title_normalized: None,
        description: None,
        company: Company::default(),
        rome_code: None,
        rome_label: None,
        published_at: None,
        updated_at: None,
        first_seen_at: t("2026-09-01T08:00:00Z"),
        last_seen_at: t("2026-09-01T08:00:00Z"),
        contract: Contract::default(),
        salary: Salary::default(),
        location: Location::default(),
        role: None,
        seniority: None,
        experience_years_min: None,
        remote: None,
        remote_days_per_week: None,
        skills: vec![],
        schema_version: 1,
    }
}

#[allow(clippy::too_many_arguments)]
fn offer(
    n: &str,
    title: &str,
    role: Option<&str>,
    seniority: Option<Seniority>,
    skills: &[&str],
    (department, region): (&str, &str),
    contract: Option<ContractType>,
    remote: Option<Remote>,
    (published, first, last): (Option<&str>, &str, &str),
    salary: (Option<f64>, Option<f64>),
    active: bool,
) -> StoredOffer {
    let mut o = base(n);
    o.title = title.into();
    o.role = role.map(Into::into);
    o.seniority = seniority;
    o.skills = skills.iter().map(|s| s.to_string()).collect();
    if !department.is_empty() {
        o.location.department_code = Some(department.into());
        o.location.region_code = Some(region.into());
    }
    o.contract.kind = contract;
    o.remote = remote;
    o.published_at = published.map(t);
    o.first_seen_at = t(first);
    o.last_seen_at = t(last);
    o.salary.min_annual_eur = salary.0;
    o.salary.max_annual_eur = salary.1;
    StoredOffer { offer: o, active }
}

/// Six offers covering every filter and aggregation (expected answers in the tests).
fn offers() -> Vec<StoredOffer> {
    use ContractType::*;
    let mut all = vec![
        offer(
            "01",
            "Développeur Python",
            Some("data_engineer"),
            Some(Seniority::Junior),
            &["python", "sql"],
            ("69", "84"),
            Some(Cdi),
            Some(Remote::Hybrid),
            (
                Some("2026-09-02T08:00:00Z"),
                "2026-09-02T08:00:00Z",
                "2026-10-10T08:00:00Z",
            ),
            (Some(40_000.0), Some(50_000.0)),
            false,
        ),
        offer(
            "02",
            "Data Scientist",
            Some("data_scientist"),
            Some(Seniority::Senior),
            &["python", "spark", "sql"],
            ("75", "11"),
            Some(Cdi),
            Some(Remote::Full),
            (
                Some("2026-09-20T08:00:00Z"),
                "2026-09-20T08:00:00Z",
                "2026-11-20T08:00:00Z",
            ),
            (Some(60_000.0), None),
            true,
        ),
        offer(
            "03",
            "Analyste de données",
            Some("data_analyst"),
            Some(Seniority::Mid),
            &["power_bi", "sql"],
            ("75", "11"),
            Some(Cdd),
            Some(Remote::None),
            (None, "2026-10-05T08:00:00Z", "2026-11-20T08:00:00Z"),
            (None, None),
            true,
        ),
        offer(
            "04",
            "Développeuse BI",
            Some("data_analyst"),
            Some(Seniority::Junior),
            &["power_bi"],
            ("69", "84"),
            Some(Internship),
            Some(Remote::Occasional),
            (
                Some("2026-11-03T08:00:00Z"),
                "2026-11-03T08:00:00Z",
                "2026-11-20T08:00:00Z",
            ),
            (Some(30_000.0), Some(34_000.0)),
            true,
        ),
        offer(
            "05",
            "Ingénieur données",
            None,
            None,
            &[],
            ("13", "93"),
            None,
            None,
            (
                Some("2026-11-04T08:00:00Z"),
                "2026-11-04T08:00:00Z",
                "2026-11-04T08:00:00Z",
            ),
            (Some(52_000.0), Some(58_000.0)),
            false,
        ),
        offer(
            "06",
            "Data Engineer Spark",
            Some("data_engineer"),
            Some(Seniority::Senior),
            &["python", "spark"],
            ("69", "84"),
            Some(Freelance),
            Some(Remote::Full),
            (
                Some("2026-10-20T08:00:00Z"),
                "2026-10-21T08:00:00Z",
                "2026-11-20T08:00:00Z",
            ),
            (None, None),
            true,
        ),
    ];
    all[0].offer.description = Some("Poste basé à Lyon, au sein de l'équipe data.".into());
    all[0].offer.company = Company {
        name: Some("Acme SAS".into()),
        name_normalized: Some("acme".into()),
        ..Company::default()
    };
    all[1].offer.description = Some("Machine learning en Python.".into());
    all[1].offer.company.name_normalized = Some("beta".into());
    all[3].offer.company = Company {
        name: Some("Acme SAS".into()),
        name_normalized: Some("acme".into()),
        ..Company::default()
    };
    all[4].offer.title_normalized = Some("Ingénieur données".into());
    all[5].offer.source = "apec".into();
    all[5].offer.company.name_normalized = Some("gamma".into());
    all[2].offer.source = "apec".into();
    all
}

/// A store holding [`offers`].
async fn loaded(test: &str) -> Option<ElasticsearchStore> {
    let store = store(test).await?;
    let report = store.upsert(&offers()).await.unwrap();
    assert_eq!(report.written, 6, "{:?}", report.rejected);
    Some(store)
}

async fn ids(store: &ElasticsearchStore, filter: OfferFilter) -> Vec<String> {
    let q = AnalyticsQuery {
        filter,
        size: 100,
        sort: Sort::Newest,
        ..Default::default()
    };
    let result = store.query(&q).await.unwrap();
    assert_eq!(result.total as usize, result.hits.len());
    let mut ids: Vec<String> = result
        .hits
        .iter()
        .map(|h| h.offer.source_id.clone())
        .collect();
    ids.sort();
    ids
}

#[tokio::test]
async fn ensure_upsert_twice_and_delete() {
    let Some(store) = store("crud").await else {
        return;
    };
    store.ensure_index().await.unwrap();
    store.ensure_index().await.unwrap(); // idempotent
    let health = store.health().await.unwrap();
    assert_eq!(health.offers, 0);
    assert!(
        health.engine.starts_with("opensearch ") || health.engine.starts_with("elasticsearch "),
        "{}",
        health.engine
    );

    assert_eq!(store.upsert(&offers()).await.unwrap().written, 6);
    assert_eq!(store.upsert(&offers()).await.unwrap().written, 6);
    assert_eq!(
        store.health().await.unwrap().offers,
        6,
        "same offers twice, same count"
    );

    // a replaced offer is read back as written
    let mut changed = offers()[1].clone();
    changed.active = false;
    changed.offer.title = "Data Scientist confirmé".into();
    store.upsert(std::slice::from_ref(&changed)).await.unwrap();
    let filter = OfferFilter {
        text: Some("confirmé".into()),
        ..Default::default()
    };
    let hits = store
        .query(&AnalyticsQuery {
            filter,
            ..Default::default()
        })
        .await
        .unwrap()
        .hits;
    assert_eq!(hits, vec![changed]);

    let deleted = store
        .delete(&[
            OfferId::new("test", "01"),
            OfferId::new("test", "02"),
            OfferId::new("test", "nope"),
        ])
        .await
        .unwrap();
    assert_eq!(deleted, 2);
    assert_eq!(store.health().await.unwrap().offers, 4);
    assert_eq!(
        ids(&store, OfferFilter::default()).await,
        ["03", "04", "05", "06"]
    );
}

#[tokio::test]
async fn each_filter() {
    let Some(store) = loaded("filters").await else {
        return;
    };
    let f = OfferFilter::default;
    let check = async |filter: OfferFilter, expected: &[&str]| {
        assert_eq!(ids(&store, filter.clone()).await, expected, "{filter:?}");
    };
    check(f(), &["01", "02", "03", "04", "05", "06"]).await;
    check(
        OfferFilter {
            roles: vec!["data_engineer".into()],
            ..f()
        },
        &["01", "06"],
    )
    .await;
    check(
        OfferFilter {
            roles: vec!["data_engineer".into(), "data_scientist".into()],
            ..f()
        },
        &["01", "02", "06"],
    )
    .await;
    check(
        OfferFilter {
            seniorities: vec![Seniority::Junior],
            ..f()
        },
        &["01", "04"],
    )
    .await;
    check(
        OfferFilter {
            skills: vec!["python".into(), "sql".into()],
            ..f()
        },
        &["01", "02"],
    )
    .await;
    check(
        OfferFilter {
            departments: vec!["69".into()],
            ..f()
        },
        &["01", "04", "06"],
    )
    .await;
    check(
        OfferFilter {
            regions: vec!["11".into()],
            ..f()
        },
        &["02", "03"],
    )
    .await;
    check(
        OfferFilter {
            contract_types: vec![ContractType::Cdi, ContractType::Cdd],
            ..f()
        },
        &["01", "02", "03"],
    )
    .await;
    check(
        OfferFilter {
            remote: vec![Remote::Full],
            ..f()
        },
        &["02", "06"],
    )
    .await;
    check(
        OfferFilter {
            companies: vec!["acme".into()],
            ..f()
        },
        &["01", "04"],
    )
    .await;
    check(
        OfferFilter {
            sources: vec!["apec".into()],
            ..f()
        },
        &["03", "06"],
    )
    .await;
    // from inclusive (03 is at that very second, dated by its first collection), to exclusive (04)
    let window = OfferFilter {
        published_from: Some(t("2026-10-05T08:00:00Z")),
        published_to: Some(t("2026-11-03T08:00:00Z")),
        ..f()
    };
    check(window, &["03", "06"]).await;
    check(
        OfferFilter {
            salary_known: Some(true),
            ..f()
        },
        &["01", "02", "04", "05"],
    )
    .await;
    check(
        OfferFilter {
            salary_known: Some(false),
            ..f()
        },
        &["03", "06"],
    )
    .await;
    check(
        OfferFilter {
            active: Some(true),
            ..f()
        },
        &["02", "03", "04", "06"],
    )
    .await;
    check(
        OfferFilter {
            active: Some(false),
            ..f()
        },
        &["01", "05"],
    )
    .await;
    check(
        OfferFilter {
            roles: vec!["data_analyst".into()],
            departments: vec!["69".into()],
            ..f()
        },
        &["04"],
    )
    .await;
    check(
        OfferFilter {
            roles: vec!["nobody".into()],
            ..f()
        },
        &[],
    )
    .await;
}

#[tokio::test]
async fn text_queries_use_the_french_analysis() {
    let Some(store) = loaded("text").await else {
        return;
    };
    let text = |s: &str| OfferFilter {
        text: Some(s.into()),
        ..Default::default()
    };
    assert_eq!(
        ids(&store, text("développeuse")).await,
        ["01", "04"],
        "développeuse finds développeur"
    );
    assert_eq!(ids(&store, text("DEVELOPPEURS")).await, ["01", "04"]);
    assert_eq!(ids(&store, text("ingénieure")).await, ["05"]);
    assert_eq!(
        ids(&store, text("python lyon")).await,
        ["01"],
        "every word, in title or body"
    );
    assert_eq!(
        ids(&store, text("acme")).await,
        ["01", "04"],
        "the company name is searched"
    );
    assert_eq!(
        ids(&store, text("python cobol")).await,
        Vec::<String>::new()
    );
    // relevance: a title match (boosted) before a body match
    let q = AnalyticsQuery {
        filter: text("python"),
        ..Default::default()
    };
    let hits = store.query(&q).await.unwrap().hits;
    assert_eq!(hits[0].offer.source_id, "01");
    assert_eq!(hits.len(), 2);
}

#[tokio::test]
async fn sorts_and_pages() {
    let Some(store) = loaded("sorts").await else {
        return;
    };
    let page = async |sort: Sort, from: usize, size: usize| -> Vec<String> {
        let q = AnalyticsQuery {
            sort,
            from,
            size,
            ..Default::default()
        };
        let result = store.query(&q).await.unwrap();
        assert_eq!(result.total, 6);
        result
            .hits
            .iter()
            .map(|h| h.offer.source_id.clone())
            .collect()
    };
    assert_eq!(
        page(Sort::Newest, 0, 10).await,
        ["05", "04", "06", "03", "02", "01"]
    );
    assert_eq!(
        page(Sort::Relevance, 0, 10).await,
        ["05", "04", "06", "03", "02", "01"]
    );
    assert_eq!(page(Sort::Newest, 1, 2).await, ["04", "06"]);
    assert_eq!(
        page(Sort::SalaryDesc, 0, 10).await,
        ["02", "05", "01", "04", "03", "06"]
    );
    assert_eq!(page(Sort::Newest, 0, 0).await, Vec::<String>::new());
}

fn terms(result: &AggregationResult) -> (Vec<(String, u64)>, u64) {
    match result {
        AggregationResult::Terms { buckets, missing } => (
            buckets.iter().map(|b| (b.key.clone(), b.count)).collect(),
            *missing,
        ),
        other => panic!("not terms: {other:?}"),
    }
}

fn owned(v: &[(&str, u64)]) -> Vec<(String, u64)> {
    v.iter().map(|(k, c)| (k.to_string(), *c)).collect()
}

#[tokio::test]
async fn each_aggregation() {
    let Some(store) = loaded("aggs").await else {
        return;
    };
    let aggs = BTreeMap::from([
        (
            "skills".to_string(),
            Aggregation::Terms {
                field: KeywordField::Skills,
                size: 2,
            },
        ),
        (
            "departments".to_string(),
            Aggregation::Terms {
                field: KeywordField::Department,
                size: 10,
            },
        ),
        (
            "roles".to_string(),
            Aggregation::Terms {
                field: KeywordField::Role,
                size: 10,
            },
        ),
        (
            "contracts".to_string(),
            Aggregation::Terms {
                field: KeywordField::ContractType,
                size: 10,
            },
        ),
        (
            "monthly".to_string(),
            Aggregation::OverTime {
                interval: Interval::Month,
            },
        ),
        (
            "weekly".to_string(),
            Aggregation::OverTime {
                interval: Interval::Week,
            },
        ),
        (
            "salary".to_string(),
            Aggregation::SalaryPercentiles {
                percents: vec![0.0, 50.0, 100.0],
            },
        ),
        (
            "bands".to_string(),
            Aggregation::SalaryHistogram {
                interval_eur: 5_000.0,
            },
        ),
        (
            "with_python".to_string(),
            Aggregation::SkillCooccurrence {
                skill: "python".into(),
                size: 10,
            },
        ),
        (
            "life".to_string(),
            Aggregation::NewVsActive {
                interval: Interval::Month,
            },
        ),
    ]);
    let q = AnalyticsQuery {
        size: 0,
        aggregations: aggs,
        ..Default::default()
    };
    let result = store.query(&q).await.unwrap();
    assert_eq!(result.total, 6);
    assert!(result.hits.is_empty());
    let a = &result.aggregations;
    // ties by key, cut after ordering
    assert_eq!(
        terms(&a["skills"]),
        (owned(&[("python", 3), ("sql", 3)]), 1)
    );
    assert_eq!(
        terms(&a["departments"]),
        (owned(&[("69", 3), ("75", 2), ("13", 1)]), 0)
    );
    assert_eq!(
        terms(&a["roles"]),
        (
            owned(&[
                ("data_analyst", 2),
                ("data_engineer", 2),
                ("data_scientist", 1)
            ]),
            1
        )
    );
    assert_eq!(
        terms(&a["contracts"]),
        (
            owned(&[("cdi", 2), ("cdd", 1), ("freelance", 1), ("internship", 1)]),
            1
        )
    );
    let series = |r: &AggregationResult| match r {
        AggregationResult::OverTime { buckets } => buckets
            .iter()
            .map(|b| (b.start, b.count))
            .collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        series(&a["monthly"]),
        [
            (d("2026-09-01"), 2),
            (d("2026-10-01"), 2),
            (d("2026-11-01"), 2)
        ]
    );
    let weekly = series(&a["weekly"]);
    assert_eq!(
        weekly.first(),
        Some(&(d("2026-08-31"), 1)),
        "weeks start on Monday"
    );
    assert_eq!(weekly.last(), Some(&(d("2026-11-02"), 2)));
    assert_eq!(weekly.len(), 10, "no gaps");
    assert_eq!(weekly.iter().map(|w| w.1).sum::<u64>(), 6);
    match &a["salary"] {
        AggregationResult::Percentiles { values, count } => {
            assert_eq!(*count, 4);
            // exact: 32 000, 50 000 (interpolated), 60 000; the engine may be within 1 %
            for ((p, got), want) in values.iter().zip([32_000.0, 50_000.0, 60_000.0]) {
                let got = got.expect("a value");
                assert!((got - want).abs() <= want * 0.01, "p{p}: {got} vs {want}");
            }
        }
        other => panic!("{other:?}"),
    }
    match &a["bands"] {
        AggregationResult::SalaryHistogram { buckets } => {
            let got: Vec<_> = buckets.iter().map(|b| (b.from_eur, b.count)).collect();
            assert_eq!(
                got,
                [
                    (30_000.0, 1),
                    (35_000.0, 0),
                    (40_000.0, 0),
                    (45_000.0, 1),
                    (50_000.0, 0),
                    (55_000.0, 1),
                    (60_000.0, 1)
                ]
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        terms(&a["with_python"]),
        (owned(&[("spark", 2), ("sql", 2)]), 0)
    );
    match &a["life"] {
        AggregationResult::NewVsActive { buckets } => {
            let got: Vec<_> = buckets.iter().map(|b| (b.start, b.new, b.active)).collect();
            assert_eq!(
                got,
                [
                    (d("2026-09-01"), 2, 2),
                    (d("2026-10-01"), 2, 4),
                    (d("2026-11-01"), 2, 5)
                ]
            );
        }
        other => panic!("{other:?}"),
    }

    // aggregations follow the filter; an empty selection gives empty results
    let nobody = OfferFilter {
        roles: vec!["nobody".into()],
        ..Default::default()
    };
    let q = AnalyticsQuery {
        filter: nobody,
        ..q
    };
    let result = store.query(&q).await.unwrap();
    assert_eq!(terms(&result.aggregations["skills"]), (vec![], 0));
    assert_eq!(
        result.aggregations["life"],
        AggregationResult::NewVsActive { buckets: vec![] }
    );
    assert_eq!(
        result.aggregations["salary"],
        AggregationResult::Percentiles {
            values: vec![(0.0, None), (50.0, None), (100.0, None)],
            count: 0
        }
    );
}

#[tokio::test]
async fn export_in_id_order_over_many_pages() {
    let Some(store) = store("export").await else {
        return;
    };
    // 2 100 offers: three bulk batches and three export pages
    let many: Vec<StoredOffer> = (0..2_100)
        .map(|i| {
            let mut o = offers()[i % 6].clone();
            o.offer.id = OfferId::new("test", &format!("{:05}", (i * 7919) % 2_100));
            o.active = i % 3 != 0;
            o
        })
        .collect();
    assert_eq!(store.upsert(&many).await.unwrap().written, 2_100);
    let mut seen = Vec::new();
    let handed = store
        .export(&OfferFilter::default(), &mut |o: StoredOffer| {
            seen.push(o.offer.id.0);
            Ok(())
        })
        .await
        .unwrap();
    assert_eq!(handed, 2_100);
    let mut sorted = seen.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(seen, sorted, "id order, each once");

    let mut active = 0;
    store
        .export(
            &OfferFilter {
                active: Some(true),
                ..Default::default()
            },
            &mut |o: StoredOffer| {
                assert!(o.active);
                active += 1;
                Ok(())
            },
        )
        .await
        .unwrap();
    assert_eq!(active, 1_400);

    // a sink error stops the export and comes back as is
    let err = store
        .export(&OfferFilter::default(), &mut |_| {
            Err(StoreError::Engine("sink full".into()))
        })
        .await
        .unwrap_err();
    assert_eq!(err.to_string(), "store error: sink full");
}

#[tokio::test]
async fn export_hands_back_the_stored_offers() {
    let Some(store) = loaded("export-small").await else {
        return;
    };
    let mut seen = Vec::new();
    store
        .export(&OfferFilter::default(), &mut |o| {
            seen.push(o);
            Ok(())
        })
        .await
        .unwrap();
    assert_eq!(seen, offers());
}

#[tokio::test]
async fn rebuild_swaps_the_alias() {
    let Some(store) = loaded("rebuild").await else {
        return;
    };
    let alias = store.alias();
    let prefix = store.config().index_prefix.clone();
    let http = reqwest::Client::new();
    let url = test_url().unwrap();
    let behind = async || -> Vec<String> {
        let map: serde_json::Map<String, serde_json::Value> = http
            .get(format!("{url}/_alias/{alias}"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        map.keys().cloned().collect()
    };
    assert_eq!(behind().await, [format!("{prefix}-offers-v1")]);

    let fresh: Vec<StoredOffer> = offers().into_iter().take(3).collect();
    let report = store.rebuild(&fresh).await.unwrap();
    assert_eq!(report.written, 3);
    assert_eq!(behind().await, [format!("{prefix}-offers-v2")]);
    assert_eq!(
        ids(&store, OfferFilter::default()).await,
        ["01", "02", "03"]
    );
    let old = http
        .get(format!("{url}/{prefix}-offers-v1"))
        .send()
        .await
        .unwrap();
    assert_eq!(old.status(), 404, "the previous index is deleted");

    // writes keep going through the alias
    store.upsert(&offers()[3..4]).await.unwrap();
    assert_eq!(
        ids(&store, OfferFilter::default()).await,
        ["01", "02", "03", "04"]
    );
    store.rebuild(&offers()).await.unwrap();
    assert_eq!(behind().await, [format!("{prefix}-offers-v3")]);
    assert_eq!(store.health().await.unwrap().offers, 6);
}

#[tokio::test]
async fn a_conflicting_mapping_is_reported() {
    let Some(url) = test_url() else { return };
    let prefix = format!("jmtest-{}-conflict", std::process::id());
    // someone created the index by hand, with the posting day as a keyword
    let http = reqwest::Client::new();
    let body = serde_json::json!({
        "aliases": {format!("{prefix}-offers"): {}},
        "mappings": {"properties": {"_jm": {"properties": {"posted_day": {"type": "keyword"}}}}}
    });
    let created = http
        .put(format!("{url}/{prefix}-offers-v1"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert!(created.status().is_success());
    let store = ElasticsearchStore::connect(Config::local(&url, &prefix))
        .await
        .unwrap();
    match store.ensure_index().await {
        Err(StoreError::MappingConflict { index, reason }) => {
            assert_eq!(index, format!("{prefix}-offers"));
            assert!(reason.contains("_jm.posted_day"), "{reason}");
        }
        other => panic!("expected a mapping conflict, got {other:?}"),
    }
    let err = store.upsert(&offers()).await.unwrap_err();
    assert!(err.to_string().starts_with("mapping conflict on "), "{err}");
}

#[tokio::test]
async fn invalid_queries_are_refused_before_sending() {
    let Some(store) = store("invalid").await else {
        return;
    };
    let q = AnalyticsQuery {
        from: 9_999,
        size: 2,
        ..Default::default()
    };
    assert!(matches!(
        store.query(&q).await,
        Err(StoreError::InvalidQuery(_))
    ));
}

#[tokio::test]
async fn health_with_a_wrong_url_says_so() {
    // no server needed: nothing listens on port 9 of loopback
    let store = ElasticsearchStore::connect(Config::local("http://127.0.0.1:9", "jobmarket"))
        .await
        .unwrap();
    let err = store.health().await.unwrap_err();
    assert!(matches!(err, StoreError::Unreachable { .. }), "{err:?}");
    let message = err.to_string();
    assert!(
        message.starts_with("store unreachable at http://127.0.0.1:9: connection failed"),
        "{message}"
    );
    assert!(
        message.ends_with("(is it running? check ES_URL)"),
        "{message}"
    );
    assert!(store.upsert(&offers()).await.is_err());
}

#[tokio::test]
async fn an_index_of_an_older_mapping_version_needs_a_rebuild() {
    let Some(fresh) = store("fresh-version").await else {
        return;
    };
    assert!(!fresh.needs_rebuild().await.unwrap(), "no index yet");
    fresh.upsert(&offers()).await.unwrap();
    assert!(
        !fresh.needs_rebuild().await.unwrap(),
        "built by this version"
    );

    // an index of version 1 (days in UTC), as the previous jobmarket created it
    let url = test_url().unwrap();
    let prefix = format!("jmtest-{}-old-version", std::process::id());
    let body = serde_json::json!({
        "aliases": {format!("{prefix}-offers"): {}},
        "mappings": {"_meta": {"mapping_version": 1}, "dynamic": false, "properties": {}}
    });
    let created = reqwest::Client::new()
        .put(format!("{url}/{prefix}-offers-v1"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert!(created.status().is_success());
    let store = ElasticsearchStore::connect(Config::local(&url, &prefix))
        .await
        .unwrap();
    assert!(store.needs_rebuild().await.unwrap());
    // new fields are mapped, but the index keeps saying what its documents hold
    store.upsert(&offers()).await.unwrap();
    assert!(store.needs_rebuild().await.unwrap());
    store.rebuild(&offers()).await.unwrap();
    assert!(!store.needs_rebuild().await.unwrap());
    assert_eq!(store.health().await.unwrap().offers, offers().len() as u64);
}
