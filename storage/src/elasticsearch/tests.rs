//! Request bodies pinned by snapshots (`storage/tests/snapshots/es/`) and answers of ES 8
//! read from recorded fixtures (`storage/tests/fixtures/es/`).
//!
//! A missing snapshot is written on first run (review it by eye); `UPDATE_SNAPSHOTS=1`
//! rewrites them all. Under `CI` a missing or different snapshot fails.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use jobmarket_schema::{
    Company, Contract, ContractType, Location, Offer, OfferId, Remote, RomeCode, Salary, Seniority,
};
use serde_json::{Value, json};

use super::client::{BulkResponse, ItemOutcome, error_of};
use super::translate::{self, SearchResponse};
use crate::query::{
    Aggregation, AggregationResult, AnalyticsQuery, Interval, KeywordField, OfferFilter,
    SalaryGroup, Sort, TermBucket, TermsByBucket,
};
use crate::{StoreError, StoredOffer};

fn dir(kind: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(kind)
        .join("es")
}

/// Compares `actual` with the snapshot `name`, writing it when missing (outside CI).
fn snapshot_text(name: &str, actual: &str) {
    let path = dir("snapshots").join(name);
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    match std::fs::read_to_string(&path) {
        Ok(expected) if !update => {
            assert_eq!(
                expected,
                actual,
                "request body differs from {}",
                path.display()
            );
        }
        Err(_) if std::env::var_os("CI").is_some() && !update => {
            panic!("snapshot {} is missing", path.display());
        }
        _ => {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, actual).unwrap();
            eprintln!("wrote snapshot {}", path.display());
        }
    }
}

fn snapshot(name: &str, body: &Value) {
    snapshot_text(
        &format!("{name}.json"),
        &(serde_json::to_string_pretty(body).unwrap() + "\n"),
    );
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(dir("fixtures").join(name)).unwrap()
}

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Two offers: a full one and one with almost nothing known.
pub(crate) fn offers() -> Vec<StoredOffer> {
    let full = Offer {
        id: OfferId::new("francetravail", "201AAAA"),
        source: "francetravail".into(),
        source_id: "201AAAA".into(),
        url: Some("https://candidat.francetravail.fr/offres/recherche/detail/201AAAA".into()),
        links: vec![],
        title: "Développeuse Data (H/F)".into(),
        title_normalized: Some("Développeur data".into()),
        description: Some("Rejoignez l'équipe données : Python, SQL et dbt.".into()),
        company: Company {
            name: Some("Données & Co SAS".into()),
            name_normalized: Some("donnees & co".into()),
            size: None,
            naf_code: Some("62.02A".into()),
        },
        rome_code: Some(RomeCode::parse("M1811").unwrap()),
        rome_label: Some("Data engineer".into()),
        published_at: Some(t("2026-11-02T09:30:00Z")),
        updated_at: None,
        first_seen_at: t("2026-11-02T10:00:00Z"),
        last_seen_at: t("2026-11-20T10:00:00Z"),
        contract: Contract {
            kind: Some(ContractType::Cdi),
            duration_months: None,
            full_time: Some(true),
            hours_per_week: Some(35.0),
        },
        salary: Salary {
            min_annual_eur: Some(40_000.0),
            max_annual_eur: Some(50_000.0),
            ..Salary::default()
        },
        location: Location {
            label: Some("69 - LYON 03".into()),
            city: Some("Lyon".into()),
            department_code: Some("69".into()),
            region_code: Some("84".into()),
            ..Location::default()
        },
        role: Some("data_engineer".into()),
        seniority: Some(Seniority::Mid),
        experience_years_min: Some(3.0),
        remote: Some(Remote::Hybrid),
        remote_days_per_week: Some(2.0),
        skills: vec!["sql".into(), "python".into(), "dbt".into()],
        schema_version: 1,
    };
    let sparse = Offer {
        id: OfferId::new("francetravail", "201BBBB"),
        source_id: "201BBBB".into(),
        url: None,
        title: "Analyste".into(),
        title_normalized: None,
        description: None,
        company: Company::default(),
        rome_code: None,
        rome_label: None,
        published_at: None,
        first_seen_at: t("2026-09-15T08:00:00Z"),
        last_seen_at: t("2026-10-01T08:00:00Z"),
        contract: Contract::default(),
        salary: Salary::default(),
        location: Location::default(),
        role: None,
        seniority: None,
        experience_years_min: None,
        remote: None,
        remote_days_per_week: None,
        skills: vec![],
        ..full.clone()
    };
    vec![
        StoredOffer {
            offer: full,
            active: true,
        },
        StoredOffer {
            offer: sparse,
            active: false,
        },
    ]
}

/// A query using every filter.
fn every_filter() -> OfferFilter {
    OfferFilter {
        text: Some("Développeuse d'applications".into()),
        roles: vec!["data_engineer".into(), "data_analyst".into()],
        seniorities: vec![Seniority::Junior, Seniority::Mid],
        skills: vec!["python".into(), "sql".into()],
        departments: vec!["69".into()],
        regions: vec!["84".into(), "11".into()],
        contract_types: vec![ContractType::Cdi],
        remote: vec![Remote::Hybrid, Remote::Full],
        companies: vec!["donnees & co".into()],
        sources: vec!["francetravail".into()],
        published_from: Some(t("2026-09-01T00:00:00Z")),
        published_to: Some(t("2026-12-01T00:00:00Z")),
        salary_known: Some(true),
        active: Some(true),
    }
}

/// One query per aggregation kind, sharing a filter.
fn each_aggregation() -> Vec<(&'static str, Aggregation)> {
    vec![
        (
            "terms",
            Aggregation::Terms {
                field: KeywordField::Department,
                size: 10,
            },
        ),
        (
            "over-time",
            Aggregation::OverTime {
                interval: Interval::Week,
            },
        ),
        (
            "salary-percentiles",
            Aggregation::SalaryPercentiles {
                percents: vec![25.0, 50.0, 75.0],
            },
        ),
        (
            "salary-histogram",
            Aggregation::SalaryHistogram {
                interval_eur: 5_000.0,
            },
        ),
        (
            "skill-cooccurrence",
            Aggregation::SkillCooccurrence {
                skill: "python".into(),
                size: 20,
            },
        ),
        (
            "new-vs-active",
            Aggregation::NewVsActive {
                interval: Interval::Month,
            },
        ),
        (
            "terms-by",
            Aggregation::TermsBy {
                field: KeywordField::Role,
                size: 10,
                sub_field: KeywordField::Skills,
                sub_size: 5,
            },
        ),
    ]
}

#[test]
fn index_template_body() {
    snapshot("index-template", &translate::index_template("jobmarket"));
    let other = translate::index_template("test-1");
    assert_eq!(other["index_patterns"], json!(["test-1-offers-v*"]));
}

#[test]
fn bulk_body_of_two_offers() {
    let actions: Vec<_> = offers().iter().map(translate::index_action).collect();
    let body: String = actions.iter().map(|a| a.lines.as_str()).collect();
    snapshot_text("bulk-two-offers.ndjson", &body);
    // every line is one JSON value; the derived fields sit under _jm only
    let lines: Vec<Value> = body
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0], json!({"index": {"_id": "francetravail:201AAAA"}}));
    let jm = &lines[1]["_jm"];
    assert_eq!(jm["skills"], json!(["dbt", "python", "sql"]));
    assert_eq!(jm["salary_mid_eur"], json!(45_000.0));
    assert_eq!(jm["posted_day"], "2026-11-02");
    assert!(jm["search_title"].as_str().unwrap().contains("developpeur"));
    let sparse = &lines[3]["_jm"];
    assert_eq!(
        sparse["posted_day"], "2026-09-15",
        "first collection when not published"
    );
    assert!(sparse.get("salary_mid_eur").is_none() && sparse.get("role").is_none());
}

#[test]
fn documents_read_back_without_derived_fields() {
    for stored in offers() {
        let doc = translate::document(&stored);
        assert!(doc.get("_jm").is_some());
        assert_eq!(translate::stored_offer(doc).unwrap(), stored);
    }
}

#[test]
fn bulk_batches_cut_on_count_and_bytes() {
    let actions: Vec<_> = (0..5)
        .map(|i| translate::delete_action(&format!("id{i}")))
        .collect();
    let sizes = |b: Vec<&[translate::BulkAction]>| b.iter().map(|b| b.len()).collect::<Vec<_>>();
    assert_eq!(
        sizes(translate::batches(&actions, 2, usize::MAX)),
        [2, 2, 1]
    );
    let line = actions[0].lines.len();
    assert_eq!(sizes(translate::batches(&actions, 100, line * 3)), [3, 2]);
    // an action larger than the byte limit still goes, alone
    assert_eq!(sizes(translate::batches(&actions[..2], 100, 1)), [1, 1]);
}

#[test]
fn query_with_every_filter() {
    let query = AnalyticsQuery {
        filter: every_filter(),
        size: 20,
        from: 40,
        sort: Sort::Relevance,
        ..Default::default()
    };
    snapshot("query-every-filter", &translate::search_body(&query));
    let query = AnalyticsQuery {
        filter: OfferFilter::default(),
        sort: Sort::SalaryDesc,
        ..Default::default()
    };
    snapshot(
        "query-no-filter-salary-sort",
        &translate::search_body(&query),
    );
}

#[test]
fn without_text_relevance_is_newest_first() {
    let sort = |q: AnalyticsQuery| translate::search_body(&q)["sort"].clone();
    let newest = sort(AnalyticsQuery {
        sort: Sort::Newest,
        ..Default::default()
    });
    assert_eq!(sort(AnalyticsQuery::default()), newest);
    // only stop words: nothing to score by, nothing filtered
    let q = AnalyticsQuery {
        filter: OfferFilter {
            text: Some("de la".into()),
            ..Default::default()
        },
        ..Default::default()
    };
    assert_eq!(sort(q.clone()), newest);
    assert_eq!(
        translate::search_body(&q)["query"],
        json!({"match_all": {}})
    );
}

#[test]
fn each_aggregation_body() {
    let filter = OfferFilter {
        roles: vec!["data_engineer".into()],
        ..Default::default()
    };
    for (name, aggregation) in each_aggregation() {
        let query = AnalyticsQuery {
            filter: filter.clone(),
            size: 0,
            aggregations: BTreeMap::from([(name.to_string(), aggregation)]),
            ..Default::default()
        };
        snapshot(&format!("agg-{name}"), &translate::search_body(&query));
    }
    let life = translate::LifeRequest {
        index: 0,
        interval: Interval::Month,
        new: BTreeMap::from([(d("2026-09-01"), 2)]),
        starts: vec![d("2026-09-01"), d("2026-10-01"), d("2026-11-01")],
    };
    snapshot(
        "agg-new-vs-active-live",
        &translate::life_body(&filter, &[life]),
    );
}

#[test]
fn alias_swap_body() {
    let body = translate::alias_swap(
        "jobmarket-offers",
        &["jobmarket-offers-v3".into()],
        "jobmarket-offers-v4",
    );
    snapshot("alias-swap", &body);
    assert_eq!(
        translate::version_of("jobmarket-offers-v12", "jobmarket"),
        Some(12)
    );
    assert_eq!(
        translate::version_of("jobmarket-offers-v12-old", "jobmarket"),
        None
    );
    assert_eq!(translate::version_of("other-offers-v1", "jobmarket"), None);
}

#[test]
fn export_page_body() {
    let filter = OfferFilter {
        active: Some(true),
        ..Default::default()
    };
    let first = translate::export_page(&filter, "pit-1", "2m", 1000, None);
    snapshot("export-first-page", &first);
    let after = [json!("francetravail:201AAAA"), json!(17)];
    let next = translate::export_page(&filter, "pit-2", "2m", 1000, Some(&after));
    snapshot("export-next-page", &next);
}

// ---- recorded answers ----

#[test]
fn bulk_answer_with_mixed_item_errors() {
    let response: BulkResponse =
        serde_json::from_slice(&fixture("bulk-mixed-errors.json")).unwrap();
    let outcomes = response.outcomes(6).unwrap();
    assert_eq!(outcomes[0], ItemOutcome::Done);
    match &outcomes[1] {
        ItemOutcome::Rejected(reason) => {
            assert!(reason.starts_with("document_parsing_exception: [1:1532] failed to parse field [_jm.salary_mid_eur]"), "{reason}");
            assert!(
                reason.ends_with("(caused by number_format_exception: For input string: \"n/a\")"),
                "{reason}"
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(
        matches!(&outcomes[2], ItemOutcome::Retry(r) if r.starts_with("es_rejected_execution_exception"))
    );
    assert_eq!(outcomes[3], ItemOutcome::Done);
    assert!(
        matches!(&outcomes[4], ItemOutcome::Retry(r) if r.starts_with("unavailable_shards_exception"))
    );
    assert_eq!(outcomes[5], ItemOutcome::NotFound);
    let short: BulkResponse = serde_json::from_slice(&fixture("bulk-mixed-errors.json")).unwrap();
    assert!(
        short
            .outcomes(5)
            .unwrap_err()
            .to_string()
            .contains("6 items for 5 actions")
    );
}

#[test]
fn error_bodies_become_store_errors() {
    assert!(matches!(
        error_of(401, &fixture("error-401.json"), "i"),
        StoreError::Unauthorized
    ));
    let e = error_of(403, &fixture("error-403.json"), "i").to_string();
    assert!(e.starts_with("store error: permission denied: security_exception: action [indices:admin/index_template/put] is unauthorized"), "{e}");
    match error_of(
        400,
        &fixture("error-mapping-conflict.json"),
        "jobmarket-offers",
    ) {
        StoreError::MappingConflict { index, reason } => {
            assert_eq!(index, "jobmarket-offers");
            assert_eq!(
                reason,
                "illegal_argument_exception: mapper [_jm.posted_day] cannot be changed from type [keyword] to [date]"
            );
        }
        other => panic!("{other:?}"),
    }
    match error_of(400, &fixture("error-alias-name.json"), "x") {
        StoreError::MappingConflict { index, reason } => {
            assert_eq!(index, "jobmarket-offers");
            assert!(
                reason.contains("an index or data stream exists with the same name as the alias")
            );
        }
        other => panic!("{other:?}"),
    }
    let e = error_of(400, &fixture("error-search-phase.json"), "i").to_string();
    assert_eq!(
        e,
        "store error: http 400: query_shard_exception: failed to create query: For input string: \"abc\""
    );
}

/// The query whose answer `search-aggregations.json` records (names sort as a0…a5).
fn recorded_query() -> AnalyticsQuery {
    AnalyticsQuery {
        filter: OfferFilter {
            sources: vec!["francetravail".into()],
            ..Default::default()
        },
        size: 2,
        from: 0,
        sort: Sort::Newest,
        aggregations: BTreeMap::from([
            (
                "a_skills".to_string(),
                Aggregation::Terms {
                    field: KeywordField::Skills,
                    size: 2,
                },
            ),
            (
                "b_monthly".to_string(),
                Aggregation::OverTime {
                    interval: Interval::Month,
                },
            ),
            (
                "c_salary".to_string(),
                Aggregation::SalaryPercentiles {
                    percents: vec![50.0, 90.0],
                },
            ),
            (
                "d_bands".to_string(),
                Aggregation::SalaryHistogram {
                    interval_eur: 5_000.0,
                },
            ),
            (
                "e_with_python".to_string(),
                Aggregation::SkillCooccurrence {
                    skill: "python".into(),
                    size: 10,
                },
            ),
            (
                "f_life".to_string(),
                Aggregation::NewVsActive {
                    interval: Interval::Month,
                },
            ),
        ]),
    }
}

#[test]
fn search_answer_with_aggregations() {
    let query = recorded_query();
    let response: SearchResponse =
        serde_json::from_slice(&fixture("search-aggregations.json")).unwrap();
    let (mut result, follow) = translate::parse_search(&query, response).unwrap();
    let life = follow.life;
    assert_eq!(result.total, 4);
    assert_eq!(
        result.hits,
        offers(),
        "hits are the stored offers, derived fields stripped"
    );
    let aggs = &result.aggregations;
    let terms = |name: &str| match &aggs[name] {
        AggregationResult::Terms { buckets, missing } => (
            buckets
                .iter()
                .map(|b| (b.key.as_str(), b.count))
                .collect::<Vec<_>>(),
            *missing,
        ),
        other => panic!("{other:?}"),
    };
    // ties ordered by key, cut after ordering
    assert_eq!(terms("a_skills"), (vec![("python", 3), ("dbt", 2)], 1));
    match &aggs["b_monthly"] {
        AggregationResult::OverTime { buckets } => {
            let got: Vec<_> = buckets.iter().map(|b| (b.start, b.count)).collect();
            assert_eq!(
                got,
                [
                    (d("2026-09-01"), 2),
                    (d("2026-10-01"), 0),
                    (d("2026-11-01"), 2)
                ]
            );
        }
        other => panic!("{other:?}"),
    }
    // too many distinct salaries for exact values (sum_other_doc_count > 0): the engine's estimate
    assert_eq!(
        aggs["c_salary"],
        AggregationResult::Percentiles {
            values: vec![(50.0, Some(45_000.0)), (90.0, Some(58_000.0))],
            count: 3
        }
    );
    match &aggs["d_bands"] {
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
                    (55_000.0, 1)
                ]
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(terms("e_with_python"), (vec![("sql", 2), ("dbt", 1)], 0));
    // new vs live: months from the first collection to the last sighting, counted by a second search
    assert_eq!(life.len(), 1);
    assert_eq!(
        life[0].starts,
        [d("2026-09-01"), d("2026-10-01"), d("2026-11-01")]
    );
    let live: SearchResponse = serde_json::from_slice(&fixture("search-live.json")).unwrap();
    translate::parse_life(&query, &life, live, &mut result).unwrap();
    match &result.aggregations["f_life"] {
        AggregationResult::NewVsActive { buckets } => {
            let got: Vec<_> = buckets.iter().map(|b| (b.start, b.new, b.active)).collect();
            assert_eq!(
                got,
                [
                    (d("2026-09-01"), 2, 2),
                    (d("2026-10-01"), 1, 3),
                    (d("2026-11-01"), 0, 2)
                ]
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn empty_percentiles_have_no_values() {
    let query = AnalyticsQuery {
        size: 0,
        aggregations: BTreeMap::from([(
            "p".to_string(),
            Aggregation::SalaryPercentiles {
                percents: vec![50.0],
            },
        )]),
        ..Default::default()
    };
    // ES 8 answers null values (keyed: false) when no document has the field
    let response: SearchResponse = serde_json::from_value(json!({
        "took": 1, "timed_out": false,
        "hits": {"total": {"value": 0, "relation": "eq"}, "max_score": null, "hits": []},
        "aggregations": {
            "a0_values": {"doc_count_error_upper_bound": 0, "sum_other_doc_count": 0, "buckets": []},
            "a0_percentiles": {"values": [{"key": 50.0, "value": null}]},
            "a0_count": {"value": 0}
        }
    }))
    .unwrap();
    let (result, _) = translate::parse_search(&query, response).unwrap();
    assert_eq!(
        result.aggregations["p"],
        AggregationResult::Percentiles {
            values: vec![(50.0, None)],
            count: 0
        }
    );
}

#[test]
fn percentiles_are_exact_from_the_distinct_salaries() {
    let query = AnalyticsQuery {
        size: 0,
        aggregations: BTreeMap::from([(
            "p".to_string(),
            Aggregation::SalaryPercentiles {
                percents: vec![0.0, 50.0, 100.0],
            },
        )]),
        ..Default::default()
    };
    // osmem's estimate (nearest rank: 55 000) is ignored when every value is known
    let response: SearchResponse = serde_json::from_value(json!({
        "hits": {"total": {"value": 4, "relation": "eq"}, "hits": []},
        "aggregations": {
            "a0_values": {"sum_other_doc_count": 0, "buckets": [
                {"key": 45000.0, "doc_count": 2}, {"key": 32000.0, "doc_count": 1}, {"key": 60000.0, "doc_count": 1}
            ]},
            "a0_percentiles": {"values": [{"key": 0.0, "value": 32000.0}, {"key": 50.0, "value": 55000.0}, {"key": 100.0, "value": 60000.0}]},
            "a0_count": {"value": 4}
        }
    }))
    .unwrap();
    let (result, _) = translate::parse_search(&query, response).unwrap();
    assert_eq!(
        result.aggregations["p"],
        AggregationResult::Percentiles {
            values: vec![
                (0.0, Some(32_000.0)),
                (50.0, Some(45_000.0)),
                (100.0, Some(60_000.0))
            ],
            count: 4
        }
    );
}

// ---- get, salary groups, terms by ----

#[test]
fn document_paths_encode_the_id() {
    assert_eq!(
        translate::doc_path("jobmarket-offers", "francetravail:201AAAA"),
        "/jobmarket-offers/_doc/francetravail:201AAAA"
    );
    assert_eq!(
        translate::doc_path("a", "x:1/2 3?#%é+&"),
        "/a/_doc/x:1%2F2%203%3F%23%25%C3%A9%2B%26"
    );
}

#[test]
fn the_mapping_version_is_kept_on_existing_indices() {
    let ours = translate::mapping_version(&translate::mappings());
    assert_eq!(ours, Some(2), "2: days are Europe/Paris days");
    let template = translate::index_template("jobmarket");
    assert_eq!(
        translate::mapping_version(&template["template"]["mappings"]),
        ours
    );
    // an existing index gets new fields, not our version: its documents keep their values
    let update = translate::mappings_update();
    assert_eq!(translate::mapping_version(&update), None);
    assert_eq!(update["properties"], translate::mappings()["properties"]);
}

#[test]
fn documents_carry_paris_days() {
    let mut stored = offers().remove(0);
    stored.offer.published_at = Some(t("2026-07-31T22:30:00Z"));
    stored.offer.first_seen_at = t("2026-03-28T23:30:00Z");
    stored.offer.last_seen_at = t("2026-03-28T22:30:00Z");
    let jm = translate::document(&stored)["_jm"].clone();
    assert_eq!(jm["posted_day"], "2026-08-01");
    assert_eq!(
        jm["posted_at"], "2026-07-31T22:30:00.000Z",
        "instants stay UTC"
    );
    assert_eq!(jm["first_seen_day"], "2026-03-29");
    assert_eq!(jm["last_seen_day"], "2026-03-28");
}

#[test]
fn salary_groups_bodies() {
    let filter = OfferFilter {
        active: Some(true),
        ..Default::default()
    };
    let fields = [
        KeywordField::Role,
        KeywordField::Seniority,
        KeywordField::Region,
    ];
    let first = translate::salary_groups_body(&filter, &fields, &[25.0, 50.0, 75.0], None);
    snapshot("agg-salary-percentiles-by", &first);
    let after = json!({"k0": "data_engineer", "k1": "senior", "k2": "11"});
    let next = translate::salary_groups_body(&filter, &fields, &[25.0, 50.0, 75.0], Some(&after));
    assert_eq!(next["aggs"]["groups"]["composite"]["after"], after);
    // the salary groups are searched apart, not in the main search
    let query = AnalyticsQuery {
        filter,
        size: 0,
        aggregations: BTreeMap::from([(
            "g".to_string(),
            Aggregation::SalaryPercentilesBy {
                fields: fields.to_vec(),
                percents: vec![50.0],
            },
        )]),
        ..Default::default()
    };
    assert!(translate::search_body(&query).get("aggs").is_none());
}

/// A page of salary groups as ES 8 answers it.
fn groups_page(buckets: Vec<Value>, after: Value) -> SearchResponse {
    serde_json::from_value(json!({
        "hits": {"hits": []},
        "aggregations": {"groups": {"after_key": after, "buckets": buckets}}
    }))
    .unwrap()
}

#[test]
fn salary_groups_are_exact_from_the_distinct_salaries() {
    let fields = [KeywordField::Role, KeywordField::Seniority];
    let exact = json!({
        "key": {"k0": "data_engineer", "k1": "junior"}, "doc_count": 3,
        "values": {"sum_other_doc_count": 0, "buckets": [
            {"key": 55000.0, "doc_count": 1}, {"key": 50000.0, "doc_count": 2}
        ]},
        "percentiles": {"values": [{"key": 50.0, "value": 54000.0}]}
    });
    // too many distinct salaries: the engine's estimate
    let estimated = json!({
        "key": {"k0": "data_analyst", "k1": "senior"}, "doc_count": 5000,
        "values": {"sum_other_doc_count": 4000, "buckets": [{"key": 35000.0, "doc_count": 1000}]},
        "percentiles": {"values": [{"key": 50.0, "value": 41000.0}]}
    });
    let after = json!({"k0": "data_engineer", "k1": "junior"});
    let (groups, next) = translate::parse_salary_groups(
        &fields,
        &[50.0],
        groups_page(vec![estimated, exact], after),
    )
    .unwrap();
    assert_eq!(
        groups,
        vec![
            SalaryGroup {
                keys: vec!["data_analyst".into(), "senior".into()],
                count: 5000,
                values: vec![(50.0, Some(41_000.0))],
            },
            SalaryGroup {
                keys: vec!["data_engineer".into(), "junior".into()],
                count: 3,
                values: vec![(50.0, Some(50_000.0))],
            },
        ]
    );
    assert_eq!(next, None, "a page shorter than asked is the last one");
    // a full page asks for the next one
    let full: Vec<Value> = (0..translate::GROUPS_PAGE)
        .map(|i| {
            json!({
                "key": {"k0": format!("r{i:02}"), "k1": "junior"}, "doc_count": 1,
                "values": {"sum_other_doc_count": 0, "buckets": [{"key": 40000.0, "doc_count": 1}]},
                "percentiles": {"values": [{"key": 50.0, "value": 40000.0}]}
            })
        })
        .collect();
    let after = json!({"k0": "r49", "k1": "junior"});
    let (groups, next) =
        translate::parse_salary_groups(&fields, &[50.0], groups_page(full, after.clone())).unwrap();
    assert_eq!(groups.len(), translate::GROUPS_PAGE);
    assert_eq!(next, Some(after));
}

fn terms_by_query(size: usize, sub_size: usize) -> AnalyticsQuery {
    AnalyticsQuery {
        size: 0,
        aggregations: BTreeMap::from([(
            "t".to_string(),
            Aggregation::TermsBy {
                field: KeywordField::Role,
                size,
                sub_field: KeywordField::Skills,
                sub_size,
            },
        )]),
        ..Default::default()
    }
}

#[test]
fn terms_by_answers_are_ordered_as_terms() {
    let query = terms_by_query(2, 1);
    let body = translate::search_body(&query);
    assert_eq!(body["aggs"]["a0_terms_by"]["terms"]["size"], 2);
    assert_eq!(
        body["aggs"]["a0_terms_by"]["aggs"]["sub"]["terms"]["size"],
        1
    );
    let response: SearchResponse = serde_json::from_value(json!({
        "hits": {"total": {"value": 6, "relation": "eq"}, "hits": []},
        "aggregations": {"a0_terms_by": {"buckets": [
            {"key": "data_analyst", "doc_count": 2, "sub": {"buckets": [{"key": "sql", "doc_count": 2}]}},
            {"key": "data_engineer", "doc_count": 3, "sub": {"buckets": [
                {"key": "sql", "doc_count": 1}, {"key": "python", "doc_count": 1}
            ]}}
        ]}}
    }))
    .unwrap();
    let (result, follow) = translate::parse_search(&query, response).unwrap();
    assert!(follow.terms_by.is_empty());
    let b = |key: &str, count| TermBucket {
        key: key.into(),
        count,
    };
    assert_eq!(
        result.aggregations["t"],
        AggregationResult::TermsBy {
            buckets: vec![
                TermsByBucket {
                    key: "data_engineer".into(),
                    count: 3,
                    sub: vec![b("python", 1)],
                },
                TermsByBucket {
                    key: "data_analyst".into(),
                    count: 2,
                    sub: vec![b("sql", 2)],
                },
            ]
        }
    );
}

#[test]
fn large_terms_by_fetch_their_sub_counts_in_chunks() {
    let query = terms_by_query(1_000, 1_000);
    let body = translate::search_body(&query);
    assert!(
        body["aggs"]["a0_terms_by"].get("aggs").is_none(),
        "1 000 × 1 001 buckets do not fit in one answer"
    );
    let response: SearchResponse = serde_json::from_value(json!({
        "hits": {"total": {"value": 6, "relation": "eq"}, "hits": []},
        "aggregations": {"a0_terms_by": {"buckets": [
            {"key": "data_analyst", "doc_count": 2}, {"key": "data_engineer", "doc_count": 3}
        ]}}
    }))
    .unwrap();
    let (result, follow) = translate::parse_search(&query, response).unwrap();
    let request = &follow.terms_by[0];
    assert_eq!(request.keys, ["data_engineer", "data_analyst"]);
    assert!(
        matches!(&result.aggregations["t"], AggregationResult::TermsBy { buckets } if buckets.len() == 2)
    );
    let keys: Vec<String> = (0..100).map(|i| format!("role{i:03}")).collect();
    let many = translate::TermsByRequest {
        keys,
        ..request.clone()
    };
    let chunks: Vec<usize> = many.chunks().map(|c| c.len()).collect();
    assert_eq!(chunks, [39, 39, 22], "at most 40 000 buckets per answer");
    let chunk = translate::terms_by_chunk_body(&OfferFilter::default(), request, &request.keys);
    snapshot("agg-terms-by-chunk", &chunk);
    let answer: SearchResponse = serde_json::from_value(json!({
        "hits": {"hits": []},
        "aggregations": {"chunk": {"buckets": [
            {"key": "data_engineer", "doc_count": 3, "sub": {"buckets": [
                {"key": "sql", "doc_count": 2}, {"key": "python", "doc_count": 3}
            ]}}
        ]}}
    }))
    .unwrap();
    let subs = translate::parse_terms_by_chunk(request, answer).unwrap();
    assert_eq!(
        subs["data_engineer"],
        vec![
            TermBucket {
                key: "python".into(),
                count: 3
            },
            TermBucket {
                key: "sql".into(),
                count: 2
            }
        ]
    );
}
