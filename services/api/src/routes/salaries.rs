//! Salary statistics: quartiles by group, their trend, and the distribution. Figures computed
//! over fewer offers than the configured minimum are withheld (the count is still given).

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{RawQuery, State};
use chrono::NaiveDate;
use jobmarket_storage::query::Aggregation;
use jobmarket_storage::{AggregationResult, Interval, OfferFilter};
use serde::Serialize;
use utoipa::ToSchema;

use super::timeseries::futures_join;
use super::{Meta, count_query, ratio, within};
use crate::error::{ApiError, ErrorBody};
use crate::params::{Kind, Params, Spec, paris_midnight};
use crate::state::AppState;
use crate::vocab::Dimension;

const QUARTILES: [f64; 3] = [25.0, 50.0, 75.0];
/// Most points of a salary trend (one query each).
const MAX_TREND_POINTS: usize = 120;

pub const SALARIES: &[Spec] = &[Spec {
    name: "group_by",
    description: "Up to 3 dimensions to group by, e.g. `role,seniority,region`.",
    kind: Kind::Dimensions { max: 3 },
}];

pub const TREND: &[Spec] = &[Spec {
    name: "interval",
    description: "Width of a point: Europe/Paris calendar week (from Monday) or month.",
    kind: Kind::OneOf(&["week", "month"], "month"),
}];

pub const HISTOGRAM: &[Spec] = &[Spec {
    name: "band",
    description: "Width of a salary band, in euros per year.",
    kind: Kind::Int {
        min: 1000,
        max: 50_000,
        default: 5000,
    },
}];

/// Quartiles of the gross annual salary (midpoint of the stated range), in euros.
#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct SalaryStats {
    /// Offers stating a salary.
    pub count: u64,
    /// `true` when `count` is below the minimum: the quartiles are then withheld.
    pub suppressed: bool,
    pub p25: Option<f64>,
    pub median: Option<f64>,
    pub p75: Option<f64>,
}

impl SalaryStats {
    fn new(count: u64, values: &[(f64, Option<f64>)], min_count: u64) -> SalaryStats {
        let suppressed = count < min_count;
        let at = |p: f64| {
            values
                .iter()
                .find(|(q, _)| *q == p)
                .and_then(|(_, v)| *v)
                .filter(|_| !suppressed)
        };
        SalaryStats {
            count,
            suppressed,
            p25: at(25.0),
            median: at(50.0),
            p75: at(75.0),
        }
    }
}

/// One group of offers and its salary quartiles.
#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct SalaryGroupStats {
    /// The group's value for each dimension of `group_by`.
    pub keys: BTreeMap<String, String>,
    /// Their French labels.
    pub labels: BTreeMap<String, String>,
    #[serde(flatten)]
    pub stats: SalaryStats,
}

#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct SalariesResponse {
    pub meta: Meta,
    /// Figures over fewer offers are withheld.
    pub min_count: u64,
    /// Offers matching the filters.
    pub offers: u64,
    /// Of those, offers stating a salary: the figures describe only them.
    pub with_salary: u64,
    pub with_salary_share: Option<f64>,
    pub overall: SalaryStats,
    pub group_by: Vec<String>,
    /// Every group with at least one salary, largest first.
    pub groups: Vec<SalaryGroupStats>,
}

/// Salary quartiles (p25, median, p75) by group, e.g. role × seniority × region, with the
/// count of offers behind each figure.
#[utoipa::path(
    get,
    path = "/api/v1/salaries",
    tag = "salaries",
    params(crate::openapi::Filters, crate::openapi::SalariesParams),
    responses(
        (status = 200, description = "Salary quartiles by group", body = SalariesResponse),
        (status = 400, description = "Invalid parameter", body = ErrorBody),
        (status = 503, description = "Store unavailable", body = ErrorBody),
    )
)]
pub async fn salaries(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<SalariesResponse>, ApiError> {
    let mut p = Params::parse(raw.as_deref());
    let filter = p.filter()?;
    let group_by = p.dimensions(&SALARIES[0], &[Dimension::Role, Dimension::Seniority])?;
    p.finish()?;
    let min_count = state.config().salary_min_count;
    let mut q = count_query(filter);
    q.aggregations.insert(
        "overall".into(),
        Aggregation::SalaryPercentiles {
            percents: QUARTILES.to_vec(),
        },
    );
    q.aggregations.insert(
        "groups".into(),
        Aggregation::SalaryPercentilesBy {
            fields: group_by.iter().map(|d| d.field()).collect(),
            percents: QUARTILES.to_vec(),
        },
    );
    let result = state.query(&q).await?;
    let overall = match result.aggregations.get("overall") {
        Some(AggregationResult::Percentiles { values, count }) => {
            SalaryStats::new(*count, values, min_count)
        }
        _ => SalaryStats::new(0, &[], min_count),
    };
    let groups = match result.aggregations.get("groups") {
        Some(AggregationResult::SalaryGroups { groups }) => groups
            .iter()
            .map(|g| {
                let mut keys = BTreeMap::new();
                let mut labels = BTreeMap::new();
                for (d, k) in group_by.iter().zip(&g.keys) {
                    keys.insert(d.name().to_string(), k.clone());
                    if let Some(l) = d.label(k) {
                        labels.insert(d.name().to_string(), l);
                    }
                }
                SalaryGroupStats {
                    keys,
                    labels,
                    stats: SalaryStats::new(g.count, &g.values, min_count),
                }
            })
            .collect(),
        _ => Vec::new(),
    };
    Ok(Json(SalariesResponse {
        meta: Meta::of(&state),
        min_count,
        offers: result.total,
        with_salary: overall.count,
        with_salary_share: ratio(overall.count, result.total),
        overall,
        group_by: group_by.iter().map(|d| d.name().to_string()).collect(),
        groups,
    }))
}

/// One point of the salary trend.
#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct SalaryPoint {
    /// First day of the interval (Europe/Paris).
    pub start: NaiveDate,
    #[serde(flatten)]
    pub stats: SalaryStats,
}

#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct SalaryTrendResponse {
    pub meta: Meta,
    pub interval: String,
    pub min_count: u64,
    /// Offers published in each interval that state a salary, and their quartiles.
    pub points: Vec<SalaryPoint>,
}

/// Salary quartiles per week or month of publication.
#[utoipa::path(
    get,
    path = "/api/v1/salaries/trend",
    tag = "salaries",
    params(crate::openapi::Filters, crate::openapi::TrendParams),
    responses(
        (status = 200, description = "Quartiles per interval", body = SalaryTrendResponse),
        (status = 400, description = "Invalid parameter", body = ErrorBody),
        (status = 503, description = "Store unavailable", body = ErrorBody),
    )
)]
pub async fn salary_trend(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<SalaryTrendResponse>, ApiError> {
    let mut p = Params::parse(raw.as_deref());
    let mut filter = p.filter()?;
    let interval_name = p.one_of(&TREND[0])?;
    p.finish()?;
    let interval = if interval_name == "week" {
        Interval::Week
    } else {
        Interval::Month
    };
    let min_count = state.config().salary_min_count;
    filter.salary_known = match filter.salary_known {
        Some(false) => {
            return Ok(Json(SalaryTrendResponse {
                meta: Meta::of(&state),
                interval: interval_name.into(),
                min_count,
                points: Vec::new(),
            }));
        }
        _ => Some(true),
    };
    let mut q = count_query(filter.clone());
    q.aggregations
        .insert("t".into(), Aggregation::OverTime { interval });
    let starts: Vec<NaiveDate> = match state.query(&q).await?.aggregations.remove("t") {
        Some(AggregationResult::OverTime { buckets }) => {
            buckets.into_iter().map(|b| b.start).collect()
        }
        _ => Vec::new(),
    };
    if starts.len() > MAX_TREND_POINTS {
        return Err(ApiError::invalid(
            "interval",
            format!(
                "{} intervals; narrow `from`/`to` or use a longer interval (at most {MAX_TREND_POINTS})",
                starts.len()
            ),
        ));
    }
    let points = futures_join(starts.iter().map(|start| {
        let window = within(
            &filter,
            paris_midnight(*start),
            paris_midnight(interval.next(*start)),
        );
        quartiles(&state, window, min_count)
    }))
    .await?;
    Ok(Json(SalaryTrendResponse {
        meta: Meta::of(&state),
        interval: interval_name.into(),
        min_count,
        points: starts
            .into_iter()
            .zip(points)
            .map(|(start, stats)| SalaryPoint { start, stats })
            .collect(),
    }))
}

async fn quartiles(
    state: &AppState,
    filter: Option<OfferFilter>,
    min_count: u64,
) -> Result<SalaryStats, ApiError> {
    let Some(filter) = filter else {
        return Ok(SalaryStats::new(0, &[], min_count));
    };
    let mut q = count_query(filter);
    q.aggregations.insert(
        "q".into(),
        Aggregation::SalaryPercentiles {
            percents: QUARTILES.to_vec(),
        },
    );
    Ok(match state.query(&q).await?.aggregations.get("q") {
        Some(AggregationResult::Percentiles { values, count }) => {
            SalaryStats::new(*count, values, min_count)
        }
        _ => SalaryStats::new(0, &[], min_count),
    })
}

/// One salary band.
#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct Band {
    /// Lower bound (inclusive), euros per year.
    pub from_eur: f64,
    /// Upper bound (exclusive).
    pub to_eur: f64,
    pub count: u64,
}

#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct HistogramResponse {
    pub meta: Meta,
    pub offers: u64,
    pub with_salary: u64,
    pub with_salary_share: Option<f64>,
    pub band_eur: i64,
    /// Consecutive bands from the lowest to the highest salary stated.
    pub bands: Vec<Band>,
}

/// The distribution of stated salaries, in bands.
#[utoipa::path(
    get,
    path = "/api/v1/salaries/histogram",
    tag = "salaries",
    params(crate::openapi::Filters, crate::openapi::HistogramParams),
    responses(
        (status = 200, description = "Offers per salary band", body = HistogramResponse),
        (status = 400, description = "Invalid parameter", body = ErrorBody),
        (status = 503, description = "Store unavailable", body = ErrorBody),
    )
)]
pub async fn salary_histogram(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<HistogramResponse>, ApiError> {
    let mut p = Params::parse(raw.as_deref());
    let filter = p.filter()?;
    let band = p.int(&HISTOGRAM[0])?;
    p.finish()?;
    let mut q = count_query(filter);
    q.aggregations.insert(
        "h".into(),
        Aggregation::SalaryHistogram {
            interval_eur: band as f64,
        },
    );
    let result = state.query(&q).await?;
    let bands: Vec<Band> = match result.aggregations.get("h") {
        Some(AggregationResult::SalaryHistogram { buckets }) => buckets
            .iter()
            .map(|b| Band {
                from_eur: b.from_eur,
                to_eur: b.from_eur + band as f64,
                count: b.count,
            })
            .collect(),
        _ => Vec::new(),
    };
    let with_salary = bands.iter().map(|b| b.count).sum();
    Ok(Json(HistogramResponse {
        meta: Meta::of(&state),
        offers: result.total,
        with_salary,
        with_salary_share: ratio(with_salary, result.total),
        band_eur: band,
        bands,
    }))
}
