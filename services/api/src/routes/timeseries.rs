//! New and active offers per day, week or month, overall or for the top values of a
//! dimension.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{RawQuery, State};
use chrono::NaiveDate;
use jobmarket_storage::query::Aggregation;
use jobmarket_storage::{AggregationResult, Interval, OfferFilter};
use serde::Serialize;
use utoipa::ToSchema;

use super::{Meta, count_query, with_value};
use crate::error::{ApiError, ErrorBody};
use crate::params::{Kind, Params, Spec};
use crate::state::AppState;
use crate::vocab::Dimension;

pub const TIMESERIES: &[Spec] = &[
    Spec {
        name: "interval",
        description: "Width of a point: Europe/Paris calendar day, week (from Monday) or month.",
        kind: Kind::OneOf(&["day", "week", "month"], "week"),
    },
    Spec {
        name: "metric",
        description: "`new`: offers published in the interval; `active`: offers online at some point of it.",
        kind: Kind::OneOf(&["new", "active"], "new"),
    },
    Spec {
        name: "by",
        description: "A dimension: one series per top value (any dimension but rome_code).",
        kind: Kind::Dimensions { max: 1 },
    },
    Spec {
        name: "top",
        description: "Series when `by` is given: its most frequent values.",
        kind: Kind::Int {
            min: 1,
            max: 20,
            default: 6,
        },
    },
];

/// One point of a series.
#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct Point {
    /// First day of the interval (Europe/Paris).
    pub start: NaiveDate,
    pub count: u64,
}

/// One series.
#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct Series {
    /// `all`, or the value of `by`.
    pub key: String,
    pub label: Option<String>,
    /// Sum of the points (for `active`, offers counted once per interval).
    pub total: u64,
    pub points: Vec<Point>,
}

#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct TimeseriesResponse {
    pub meta: Meta,
    pub interval: String,
    pub metric: String,
    pub by: Option<String>,
    /// `all` first, then one per top value of `by`; every series has the same intervals.
    pub series: Vec<Series>,
}

/// New or active offers over time, overall and per top value of a dimension.
#[utoipa::path(
    get,
    path = "/api/v1/timeseries",
    tag = "market",
    params(crate::openapi::Filters, crate::openapi::TimeseriesParams),
    responses(
        (status = 200, description = "Series with the same intervals", body = TimeseriesResponse),
        (status = 400, description = "Invalid parameter", body = ErrorBody),
        (status = 503, description = "Store unavailable", body = ErrorBody),
    )
)]
pub async fn timeseries(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<TimeseriesResponse>, ApiError> {
    let mut p = Params::parse(raw.as_deref());
    let filter = p.filter()?;
    let interval_name = p.one_of(&TIMESERIES[0])?;
    let metric = p.one_of(&TIMESERIES[1])?;
    let by = p.dimensions(&TIMESERIES[2], &[])?.first().copied();
    let top = p.int(&TIMESERIES[3])? as usize;
    p.finish()?;
    if by == Some(Dimension::RomeCode) {
        return Err(ApiError::invalid(
            "by",
            "series by rome_code are not available",
        ));
    }
    let interval = match interval_name {
        "day" => Interval::Day,
        "month" => Interval::Month,
        _ => Interval::Week,
    };

    let mut keys = vec![("all".to_string(), filter.clone())];
    if let Some(dimension) = by {
        let mut q = count_query(filter.clone());
        q.aggregations.insert(
            "top".into(),
            Aggregation::Terms {
                field: dimension.field(),
                size: top,
            },
        );
        if let Some(AggregationResult::Terms { buckets, .. }) =
            state.query(&q).await?.aggregations.remove("top")
        {
            for b in buckets {
                let f = with_value(&filter, dimension, &b.key);
                keys.push((b.key, f));
            }
        }
    }
    let queries = keys
        .iter()
        .map(|(_, f)| series(&state, f, interval, metric == "active"));
    let all = futures_join(queries).await?;

    // the same intervals for every series: from the first to the last non-empty one of any
    let first = all.iter().filter_map(|s| s.keys().next()).min().copied();
    let last = all
        .iter()
        .filter_map(|s| s.keys().next_back())
        .max()
        .copied();
    let mut starts = Vec::new();
    if let (Some(first), Some(last)) = (first, last) {
        let mut day = first;
        while day <= last {
            starts.push(day);
            day = interval.next(day);
        }
    }
    let series = keys
        .into_iter()
        .zip(all)
        .map(|((key, _), counts)| {
            let points: Vec<Point> = starts
                .iter()
                .map(|s| Point {
                    start: *s,
                    count: counts.get(s).copied().unwrap_or(0),
                })
                .collect();
            Series {
                label: match by {
                    Some(d) if key != "all" => d.label(&key),
                    _ => Some("Toutes les offres".into()),
                },
                total: points.iter().map(|p| p.count).sum(),
                key,
                points,
            }
        })
        .collect();
    Ok(Json(TimeseriesResponse {
        meta: Meta::of(&state),
        interval: interval_name.into(),
        metric: metric.into(),
        by: by.map(|d| d.name().into()),
        series,
    }))
}

/// Counts per interval start for one filter.
async fn series(
    state: &AppState,
    filter: &OfferFilter,
    interval: Interval,
    active: bool,
) -> Result<BTreeMap<NaiveDate, u64>, ApiError> {
    let mut q = count_query(filter.clone());
    let agg = if active {
        Aggregation::NewVsActive { interval }
    } else {
        Aggregation::OverTime { interval }
    };
    q.aggregations.insert("t".into(), agg);
    let result = state.query(&q).await?;
    Ok(match result.aggregations.get("t") {
        Some(AggregationResult::OverTime { buckets }) => {
            buckets.iter().map(|b| (b.start, b.count)).collect()
        }
        Some(AggregationResult::NewVsActive { buckets }) => {
            buckets.iter().map(|b| (b.start, b.active)).collect()
        }
        _ => BTreeMap::new(),
    })
}

/// Runs the futures concurrently; the first error wins.
pub async fn futures_join<T, F>(futures: impl IntoIterator<Item = F>) -> Result<Vec<T>, ApiError>
where
    F: std::future::Future<Output = Result<T, ApiError>>,
{
    let mut set = Vec::new();
    for f in futures {
        set.push(f);
    }
    let results = futures::future::join_all(set).await;
    results.into_iter().collect()
}
