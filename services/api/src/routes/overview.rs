//! The headline figures of the market for the filters.

use axum::Json;
use axum::extract::{RawQuery, State};
use chrono::NaiveDate;
use jobmarket_schema::Remote;
use jobmarket_storage::query::Aggregation;
use jobmarket_storage::{AggregationResult, Interval, KeywordField};
use serde::Serialize;
use utoipa::ToSchema;

use super::{Meta, count_query, ratio};
use crate::error::{ApiError, ErrorBody};
use crate::params::{Params, paris_day};
use crate::state::AppState;

/// Calendar days, both inclusive (Europe/Paris).
#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct Days {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// The headline figures.
#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct Overview {
    pub meta: Meta,
    /// Offers matching the filters (published or withdrawn).
    pub offers: u64,
    /// Of those, offers still published at the latest collection.
    pub active_offers: u64,
    /// Offers published in the last 7 days: today (Europe/Paris, so far) and the 6 before.
    pub new_last_7_days: u64,
    /// Offers published in the 7 days before those.
    pub new_previous_7_days: u64,
    /// Change from the previous 7 days to the last 7, in percent (`null` when there were none).
    pub new_change_pct: Option<f64>,
    pub last_7_days: Days,
    pub previous_7_days: Days,
    /// Offers stating a salary.
    pub with_salary: u64,
    /// `with_salary / offers`.
    pub with_salary_share: Option<f64>,
    /// Median gross annual salary (midpoint of the stated range), over offers stating one;
    /// `null` when fewer than `salary_min_count` do.
    pub median_salary_eur: Option<f64>,
    pub salary_min_count: u64,
    /// Offers allowing remote work (full, hybrid or occasional).
    pub remote_offers: u64,
    /// `remote_offers / offers`.
    pub remote_share: Option<f64>,
}

/// Headline figures: offers, active offers, new offers this week vs the week before, share
/// with a salary, share allowing remote work, median salary.
#[utoipa::path(
    get,
    path = "/api/v1/overview",
    tag = "market",
    params(crate::openapi::Filters),
    responses(
        (status = 200, description = "Headline figures", body = Overview),
        (status = 400, description = "Invalid parameter", body = ErrorBody),
        (status = 503, description = "Store unavailable", body = ErrorBody),
    )
)]
pub async fn overview(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Overview>, ApiError> {
    let mut p = Params::parse(raw.as_deref());
    let filter = p.filter()?;
    p.finish()?;
    let today = paris_day(state.now());
    let days_ago = |n: u64| today - chrono::Days::new(n);
    let last = Days {
        from: days_ago(6),
        to: today,
    };
    let previous = Days {
        from: days_ago(13),
        to: days_ago(7),
    };

    // one pass for the figures over the matching offers, a count for the active ones
    let mut main = count_query(filter.clone());
    main.aggregations.insert(
        "salary".into(),
        Aggregation::SalaryPercentiles {
            percents: vec![50.0],
        },
    );
    main.aggregations.insert(
        "remote".into(),
        Aggregation::Terms {
            field: KeywordField::Remote,
            size: 10,
        },
    );
    main.aggregations.insert(
        "days".into(),
        Aggregation::OverTime {
            interval: Interval::Day,
        },
    );
    let active_filter = (filter.active != Some(false)).then(|| {
        let mut f = filter;
        f.active = Some(true);
        f
    });
    let active = async {
        match active_filter {
            Some(f) => Ok::<u64, ApiError>(state.query(&count_query(f)).await?.total),
            None => Ok(0),
        }
    };
    let (main, active) = tokio::try_join!(state.query(&main), active)?;
    let in_days = |days: &Days| -> u64 {
        match main.aggregations.get("days") {
            Some(AggregationResult::OverTime { buckets }) => buckets
                .iter()
                .filter(|b| (days.from..=days.to).contains(&b.start))
                .map(|b| b.count)
                .sum(),
            _ => 0,
        }
    };
    let (new_last, new_previous) = (in_days(&last), in_days(&previous));

    let (with_salary, median) = match main.aggregations.get("salary") {
        Some(AggregationResult::Percentiles { values, count }) => {
            (*count, values.first().and_then(|(_, v)| *v))
        }
        _ => (0, None),
    };
    let remote_offers = match main.aggregations.get("remote") {
        Some(AggregationResult::Terms { buckets, .. }) => buckets
            .iter()
            .filter(|b| {
                [Remote::Full, Remote::Hybrid, Remote::Occasional]
                    .iter()
                    .any(|r| r.as_str() == b.key)
            })
            .map(|b| b.count)
            .sum(),
        _ => 0,
    };
    let min_count = state.config().salary_min_count;
    Ok(Json(Overview {
        meta: Meta::of(&state),
        offers: main.total,
        active_offers: active,
        new_last_7_days: new_last,
        new_previous_7_days: new_previous,
        new_change_pct: ratio(new_last, new_previous).map(|r| (r - 1.0) * 100.0),
        last_7_days: last,
        previous_7_days: previous,
        with_salary,
        with_salary_share: ratio(with_salary, main.total),
        median_salary_eur: median.filter(|_| with_salary >= min_count),
        salary_min_count: min_count,
        remote_offers,
        remote_share: ratio(remote_offers, main.total),
    }))
}
