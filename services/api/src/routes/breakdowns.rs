//! Offers per value of a dimension: role, seniority, contract, remote, department, region,
//! company, source, skill or ROME code.

use axum::Json;
use axum::extract::{Path, RawQuery, State};
use jobmarket_storage::AggregationResult;
use jobmarket_storage::query::Aggregation;
use serde::Serialize;
use utoipa::ToSchema;

use super::companies::display_names;
use super::{Count, Meta, count_query};
use crate::error::{ApiError, ErrorBody};
use crate::params::{Kind, Params, Spec};
use crate::state::AppState;
use crate::vocab::Dimension;

pub const BREAKDOWN: &[Spec] = &[Spec {
    name: "size",
    description: "Values returned, most frequent first.",
    kind: Kind::Int {
        min: 1,
        max: 1000,
        default: 20,
    },
}];

#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct BreakdownResponse {
    pub meta: Meta,
    pub dimension: String,
    /// Offers matching the filters; shares are over this number.
    pub offers: u64,
    /// Offers without a value for the dimension.
    pub missing: u64,
    /// Most frequent values first (ties by key). A skill counts each offer asking for it.
    pub buckets: Vec<Count>,
}

/// Offers per value of a dimension, with French labels and shares.
#[utoipa::path(
    get,
    path = "/api/v1/breakdowns/{dimension}",
    tag = "market",
    params(
        ("dimension" = String, Path, description = "role, seniority, contract, remote, department, region, company, source, skill or rome_code"),
        crate::openapi::Filters,
        crate::openapi::BreakdownParams,
    ),
    responses(
        (status = 200, description = "Counts per value", body = BreakdownResponse),
        (status = 400, description = "Invalid parameter", body = ErrorBody),
        (status = 404, description = "No such dimension", body = ErrorBody),
        (status = 503, description = "Store unavailable", body = ErrorBody),
    )
)]
pub async fn breakdown(
    State(state): State<AppState>,
    dimension: Result<Path<String>, axum::extract::rejection::PathRejection>,
    RawQuery(raw): RawQuery,
) -> Result<Json<BreakdownResponse>, ApiError> {
    let name = dimension.map(|Path(d)| d).unwrap_or_default();
    let dimension = Dimension::parse(&name).ok_or_else(|| {
        ApiError::not_found(format!(
            "no dimension `{}` (expected one of {})",
            name.chars().take(40).collect::<String>(),
            Dimension::names().join(", ")
        ))
    })?;
    let mut p = Params::parse(raw.as_deref());
    let filter = p.filter()?;
    let size = p.int(&BREAKDOWN[0])? as usize;
    p.finish()?;
    let mut q = count_query(filter.clone());
    q.aggregations.insert(
        "b".into(),
        Aggregation::Terms {
            field: dimension.field(),
            size,
        },
    );
    let result = state.query(&q).await?;
    let (buckets, missing) = match result.aggregations.get("b") {
        Some(AggregationResult::Terms { buckets, missing }) => (buckets.clone(), *missing),
        _ => (Vec::new(), 0),
    };
    let mut counts: Vec<Count> = buckets
        .into_iter()
        .map(|b| Count::new(dimension, b.key, b.count, result.total))
        .collect();
    for count in &mut counts {
        count.per_100k_inhabitants = dimension
            .population(&count.key)
            .map(|p| count.count as f64 * 100_000.0 / f64::from(p));
    }
    if dimension == Dimension::Company {
        let names = display_names(&state, &filter, counts.iter().map(|c| c.key.as_str())).await?;
        for (count, name) in counts.iter_mut().zip(names) {
            count.label = name;
        }
    }
    Ok(Json(BreakdownResponse {
        meta: Meta::of(&state),
        dimension: dimension.name().into(),
        offers: result.total,
        missing,
        buckets: counts,
    }))
}
