//! The typed analytics query every engine runs, and its result.
//!
//! Semantics (the same on every engine; `storage/tests/conformance.rs` checks them):
//! - a filter's lists are alternatives (any of), except `skills` (all of); filters combine
//!   with AND; an empty list does not filter;
//! - dates are the offer's publication date, or its first collection date when the source gives
//!   none ([`crate::fields::posted_at`]); `published_from` is inclusive, `published_to`
//!   exclusive (both are instants);
//! - days, weeks and months are Europe/Paris calendar days: an offer published at
//!   2026-03-28T23:30:00Z counts on 29 March ([`crate::fields::paris_day`]);
//! - salaries are the annual gross midpoint ([`crate::fields::salary_mid_eur`]);
//! - term buckets are exact counts, ordered by count (descending) then key; time buckets run
//!   without gaps from the first to the last non-empty one.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use jobmarket_schema::{ContractType, Remote, Seniority};
use serde::{Deserialize, Serialize};

use crate::{StoreError, StoredOffer};

/// Which offers a query looks at.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OfferFilter {
    /// Words to find in the title, description or company name (French analysis: accents,
    /// elisions, plurals and gender forms do not matter). Every word must be found.
    pub text: Option<String>,
    pub roles: Vec<String>,
    pub seniorities: Vec<Seniority>,
    /// Skills taxonomy keys, all required.
    pub skills: Vec<String>,
    /// INSEE department codes.
    pub departments: Vec<String>,
    /// INSEE region codes.
    pub regions: Vec<String>,
    pub contract_types: Vec<ContractType>,
    pub remote: Vec<Remote>,
    /// Normalised company names (`company.name_normalized`).
    pub companies: Vec<String>,
    pub sources: Vec<String>,
    pub published_from: Option<DateTime<Utc>>,
    pub published_to: Option<DateTime<Utc>>,
    /// Only offers with (or without) a known salary.
    pub salary_known: Option<bool>,
    /// Only offers still (or no longer) published.
    pub active: Option<bool>,
}

/// A keyword field that can be counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeywordField {
    Role,
    Seniority,
    Skills,
    Department,
    Region,
    ContractType,
    Remote,
    Company,
    Source,
    RomeCode,
}

impl KeywordField {
    pub const ALL: [KeywordField; 10] = [
        KeywordField::Role,
        KeywordField::Seniority,
        KeywordField::Skills,
        KeywordField::Department,
        KeywordField::Region,
        KeywordField::ContractType,
        KeywordField::Remote,
        KeywordField::Company,
        KeywordField::Source,
        KeywordField::RomeCode,
    ];

    /// The field's name in the engines' schemas.
    pub fn name(self) -> &'static str {
        match self {
            KeywordField::Role => "role",
            KeywordField::Seniority => "seniority",
            KeywordField::Skills => "skills",
            KeywordField::Department => "department",
            KeywordField::Region => "region",
            KeywordField::ContractType => "contract_type",
            KeywordField::Remote => "remote",
            KeywordField::Company => "company",
            KeywordField::Source => "source",
            KeywordField::RomeCode => "rome_code",
        }
    }
}

/// The width of a time bucket. Weeks start on Monday (ISO 8601).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Interval {
    Day,
    Week,
    Month,
}

impl Interval {
    /// The first day of the bucket holding `day`.
    pub fn bucket_of(self, day: NaiveDate) -> NaiveDate {
        use chrono::Datelike;
        match self {
            Interval::Day => day,
            Interval::Week => {
                day - chrono::Days::new(u64::from(day.weekday().num_days_from_monday()))
            }
            Interval::Month => day.with_day(1).expect("every month has a first day"),
        }
    }

    /// The first day of the bucket after the one starting on `start`.
    pub fn next(self, start: NaiveDate) -> NaiveDate {
        match self {
            Interval::Day => start + chrono::Days::new(1),
            Interval::Week => start + chrono::Days::new(7),
            Interval::Month => start + chrono::Months::new(1),
        }
    }
}

/// What to compute over the matching offers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Aggregation {
    /// Offers per value of a keyword field (a multi-valued field counts an offer once per value).
    Terms { field: KeywordField, size: usize },
    /// Offers per publication day, week or month.
    OverTime { interval: Interval },
    /// Percentiles (0–100) of the annual salary midpoint, over offers stating a salary.
    SalaryPercentiles { percents: Vec<f64> },
    /// Offers per salary band of `interval_eur` euros (bands start at multiples of it).
    SalaryHistogram { interval_eur: f64 },
    /// The skills asked together with `skill`: counts over the offers asking for it.
    SkillCooccurrence { skill: String, size: usize },
    /// Per bucket of first collection: offers new in it, and offers live during it (first seen
    /// before its end, last seen after its start).
    NewVsActive { interval: Interval },
    /// Salary percentiles per combination of values of `fields` (e.g. role × seniority ×
    /// region), over offers stating a salary. An offer without a value for one of the fields
    /// is left out; a multi-valued field puts an offer in each of its values. Every non-empty
    /// group is returned, ordered by count (descending) then keys.
    SalaryPercentilesBy {
        fields: Vec<KeywordField>,
        percents: Vec<f64>,
    },
    /// Offers per value of `field` (its top `size` values, as [`Aggregation::Terms`]), and
    /// within each of them offers per value of `sub_field` (top `sub_size`), e.g. the skills
    /// asked per role or the roles of each company.
    TermsBy {
        field: KeywordField,
        size: usize,
        sub_field: KeywordField,
        sub_size: usize,
    },
}

/// How the page of hits is ordered; ties are broken by id.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Best text match first (newest first without a text query).
    #[default]
    Relevance,
    Newest,
    SalaryDesc,
}

/// A query: a filter, a page of hits and named aggregations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AnalyticsQuery {
    pub filter: OfferFilter,
    /// Hits to return (0 for aggregations only).
    pub size: usize,
    /// Hits to skip.
    pub from: usize,
    pub sort: Sort,
    pub aggregations: BTreeMap<String, Aggregation>,
}

impl Default for AnalyticsQuery {
    fn default() -> Self {
        AnalyticsQuery {
            filter: OfferFilter::default(),
            size: 20,
            from: 0,
            sort: Sort::default(),
            aggregations: BTreeMap::new(),
        }
    }
}

/// The deepest page of hits a query may ask for (exports have no such limit).
pub const MAX_WINDOW: usize = 10_000;

impl AnalyticsQuery {
    /// Checks the query; the message says what is wrong.
    pub fn validate(&self) -> Result<(), StoreError> {
        let invalid = |m: String| Err(StoreError::InvalidQuery(m));
        if self.from + self.size > MAX_WINDOW {
            return invalid(format!("from + size must be at most {MAX_WINDOW}"));
        }
        if let (Some(from), Some(to)) = (self.filter.published_from, self.filter.published_to)
            && from > to
        {
            return invalid("published_from is after published_to".into());
        }
        for (name, agg) in &self.aggregations {
            match agg {
                Aggregation::Terms { size, .. } | Aggregation::SkillCooccurrence { size, .. }
                    if *size == 0 || *size > 10_000 =>
                {
                    return invalid(format!("aggregation {name}: size must be 1 to 10000"));
                }
                Aggregation::TermsBy { size, sub_size, .. }
                    if *size == 0 || *size > 1_000 || *sub_size == 0 || *sub_size > 1_000 =>
                {
                    return invalid(format!(
                        "aggregation {name}: size and sub_size must be 1 to 1000"
                    ));
                }
                Aggregation::SalaryPercentilesBy { fields, .. }
                    if fields.is_empty() || fields.len() > 3 =>
                {
                    return invalid(format!("aggregation {name}: 1 to 3 fields"));
                }
                Aggregation::SalaryPercentiles { percents }
                | Aggregation::SalaryPercentilesBy { percents, .. }
                    if percents.is_empty()
                        || percents.iter().any(|p| !(0.0..=100.0).contains(p)) =>
                {
                    return invalid(format!(
                        "aggregation {name}: percents must be between 0 and 100"
                    ));
                }
                Aggregation::SalaryHistogram { interval_eur }
                    if !(interval_eur.is_finite() && *interval_eur >= 100.0) =>
                {
                    return invalid(format!(
                        "aggregation {name}: interval_eur must be at least 100"
                    ));
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// One bucket of a terms aggregation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermBucket {
    pub key: String,
    pub count: u64,
}

/// One time bucket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeBucket {
    /// First day of the bucket.
    pub start: NaiveDate,
    pub count: u64,
}

/// One bucket of new vs live offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifeBucket {
    pub start: NaiveDate,
    /// First collected in this bucket.
    pub new: u64,
    /// Live at some point of this bucket.
    pub active: u64,
}

/// One salary band.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SalaryBucket {
    /// Lower bound, in euros per year.
    pub from_eur: f64,
    pub count: u64,
}

/// The salary percentiles of one group of [`Aggregation::SalaryPercentilesBy`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SalaryGroup {
    /// The group's value of each field, in the order of the aggregation's `fields`.
    pub keys: Vec<String>,
    /// Offers of the group stating a salary.
    pub count: u64,
    /// (percent, value), as [`AggregationResult::Percentiles`].
    pub values: Vec<(f64, Option<f64>)>,
}

/// One bucket of [`Aggregation::TermsBy`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermsByBucket {
    pub key: String,
    pub count: u64,
    /// Counts per value of the sub-field among this bucket's offers.
    pub sub: Vec<TermBucket>,
}

/// The result of one aggregation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum AggregationResult {
    Terms {
        buckets: Vec<TermBucket>,
        /// Matching offers without a value for the field.
        missing: u64,
    },
    OverTime {
        buckets: Vec<TimeBucket>,
    },
    Percentiles {
        /// (percent, value); the value is `None` when no offer states a salary.
        values: Vec<(f64, Option<f64>)>,
        /// Offers the percentiles are computed over.
        count: u64,
    },
    SalaryHistogram {
        buckets: Vec<SalaryBucket>,
    },
    NewVsActive {
        buckets: Vec<LifeBucket>,
    },
    SalaryGroups {
        groups: Vec<SalaryGroup>,
    },
    TermsBy {
        buckets: Vec<TermsByBucket>,
    },
}

/// What a query returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueryResult {
    /// Matching offers (exact).
    pub total: u64,
    pub hits: Vec<StoredOffer>,
    pub aggregations: BTreeMap<String, AggregationResult>,
}

/// Orders term buckets as every engine must: count descending, then key; keeps `size`.
pub fn order_terms(mut buckets: Vec<TermBucket>, size: usize) -> Vec<TermBucket> {
    buckets.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    buckets.truncate(size);
    buckets
}

/// Orders salary groups as every engine must: count descending, then keys.
pub fn order_groups(mut groups: Vec<SalaryGroup>) -> Vec<SalaryGroup> {
    groups.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.keys.cmp(&b.keys)));
    groups
}

/// Fills the gaps between the first and last non-empty buckets with zeros.
pub fn continuous(interval: Interval, counts: &BTreeMap<NaiveDate, u64>) -> Vec<TimeBucket> {
    let (Some((&first, _)), Some((&last, _))) = (counts.first_key_value(), counts.last_key_value())
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut day = first;
    while day <= last {
        out.push(TimeBucket {
            start: day,
            count: counts.get(&day).copied().unwrap_or(0),
        });
        day = interval.next(day);
    }
    out
}

/// Salary bands from counts per band number (salary / `interval_eur`, rounded down), gaps
/// between the first and last non-empty band filled with zeros.
pub fn salary_bands(counts: &BTreeMap<i64, u64>, interval_eur: f64) -> Vec<SalaryBucket> {
    match (counts.first_key_value(), counts.last_key_value()) {
        (Some((&first, _)), Some((&last, _))) => (first..=last)
            .map(|k| SalaryBucket {
                from_eur: k as f64 * interval_eur,
                count: counts.get(&k).copied().unwrap_or(0),
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Percentiles by linear interpolation between the closest ranks of the sorted `values`
/// (the definition the embedded engine computes exactly; Elasticsearch's t-digest is within a
/// fraction of a percent of it).
///
/// Only the ranks the percents need are selected (`select_nth_unstable`), in O(n) for a few
/// percents: `values` is reordered, not sorted.
pub fn percentiles(values: &mut [f64], percents: &[f64]) -> Vec<(f64, Option<f64>)> {
    if values.is_empty() {
        return percents.iter().map(|&p| (p, None)).collect();
    }
    let last = (values.len() - 1) as f64;
    let rank = |p: f64| p / 100.0 * last;
    let mut ranks: Vec<usize> = percents
        .iter()
        .flat_map(|&p| [rank(p).floor() as usize, rank(p).ceil() as usize])
        .collect();
    ranks.sort_unstable();
    ranks.dedup();
    select_ranks(values, &ranks, 0);
    percents
        .iter()
        .map(|&p| {
            let rank = rank(p);
            let (lo, hi) = (rank.floor() as usize, rank.ceil() as usize);
            let value = values[lo] + (values[hi] - values[lo]) * (rank - lo as f64);
            (p, Some(value))
        })
        .collect()
}

/// Moves the value of each of `ranks` (sorted, distinct, each in `offset..offset +
/// values.len()`) to its place in sorted order: the middle rank first, then the ranks on each
/// side within their side only.
fn select_ranks(values: &mut [f64], ranks: &[usize], offset: usize) {
    let Some(&middle) = ranks.get(ranks.len() / 2) else {
        return;
    };
    let at = middle - offset;
    values.select_nth_unstable_by(at, f64::total_cmp);
    let (below, rest) = values.split_at_mut(at);
    select_ranks(below, &ranks[..ranks.len() / 2], offset);
    select_ranks(&mut rest[1..], &ranks[ranks.len() / 2 + 1..], middle + 1);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn buckets_of_weeks_and_months() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        // 2026-11-28 is a Saturday
        assert_eq!(Interval::Week.bucket_of(d("2026-11-28")), d("2026-11-23"));
        assert_eq!(Interval::Week.bucket_of(d("2026-11-23")), d("2026-11-23"));
        assert_eq!(Interval::Month.bucket_of(d("2026-11-28")), d("2026-11-01"));
        assert_eq!(Interval::Month.next(d("2026-12-01")), d("2027-01-01"));
    }

    #[test]
    fn gaps_are_filled() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let counts = BTreeMap::from([(d("2026-09-01"), 3), (d("2026-11-01"), 1)]);
        let buckets = continuous(Interval::Month, &counts);
        let counts: Vec<u64> = buckets.iter().map(|b| b.count).collect();
        assert_eq!(counts, [3, 0, 1]);
    }

    #[test]
    fn percentiles_interpolate() {
        let mut v = vec![40_000.0, 30_000.0, 50_000.0, 60_000.0];
        let p = percentiles(&mut v, &[0.0, 50.0, 100.0]);
        assert_eq!(
            p,
            vec![
                (0.0, Some(30_000.0)),
                (50.0, Some(45_000.0)),
                (100.0, Some(60_000.0))
            ]
        );
        assert_eq!(percentiles(&mut [], &[50.0]), vec![(50.0, None)]);
    }

    /// The definition: sort everything, then interpolate between the closest ranks.
    fn sorted_percentiles(values: &[f64], percents: &[f64]) -> Vec<(f64, Option<f64>)> {
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        percents
            .iter()
            .map(|&p| {
                if sorted.is_empty() {
                    return (p, None);
                }
                let rank = p / 100.0 * (sorted.len() - 1) as f64;
                let (lo, hi) = (rank.floor() as usize, rank.ceil() as usize);
                (
                    p,
                    Some(sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo as f64)),
                )
            })
            .collect()
    }

    proptest! {
        #[test]
        fn selected_percentiles_equal_the_sorted_definition(
            // many ties, or any values
            values in prop_oneof![
                prop::collection::vec((0u32..20).prop_map(|v| f64::from(v) * 1_000.0), 0..300),
                prop::collection::vec(-1e7f64..1e7, 0..300),
            ],
            percents in prop::collection::vec(
                prop_oneof![0.0f64..=100.0, prop::sample::select(vec![0.0, 25.0, 50.0, 75.0, 100.0])],
                1..8,
            ),
        ) {
            let expected = sorted_percentiles(&values, &percents);
            let mut values = values;
            prop_assert_eq!(percentiles(&mut values, &percents), expected);
        }
    }

    #[test]
    fn terms_order_is_count_then_key() {
        let b = |k: &str, c| TermBucket {
            key: k.into(),
            count: c,
        };
        let ordered = order_terms(vec![b("sql", 2), b("python", 5), b("dbt", 2)], 2);
        assert_eq!(ordered, vec![b("python", 5), b("dbt", 2)]);
    }

    #[test]
    fn invalid_queries_say_why() {
        let mut q = AnalyticsQuery {
            from: 9_990,
            size: 20,
            ..Default::default()
        };
        assert!(
            q.validate()
                .unwrap_err()
                .to_string()
                .contains("from + size")
        );
        q.from = 0;
        q.aggregations.insert(
            "p".into(),
            Aggregation::SalaryPercentiles {
                percents: vec![101.0],
            },
        );
        assert!(q.validate().unwrap_err().to_string().contains("percents"));
    }

    #[test]
    fn queries_read_from_json() {
        let q: AnalyticsQuery = serde_json::from_str(
            r#"{"filter": {"roles": ["data_engineer"], "skills": ["python"]}, "size": 0,
                "aggregations": {"by_dept": {"type": "terms", "field": "department", "size": 10},
                                 "monthly": {"type": "over_time", "interval": "month"}}}"#,
        )
        .unwrap();
        assert_eq!(q.filter.roles, ["data_engineer"]);
        assert_eq!(q.aggregations.len(), 2);
        assert!(serde_json::from_str::<AnalyticsQuery>(r#"{"filtre": {}}"#).is_err());
    }
}
