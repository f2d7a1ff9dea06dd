//! The top recruiters, with the roles, places and skills of their offers.

use axum::Json;
use axum::extract::{RawQuery, State};
use jobmarket_storage::query::Aggregation;
use jobmarket_storage::query::TermsByBucket;
use jobmarket_storage::{AggregationResult, AnalyticsQuery, KeywordField, OfferFilter, Sort};
use serde::Serialize;
use utoipa::ToSchema;

use super::timeseries::futures_join;
use super::{Count, Meta, count_query, ratio, with_value};
use crate::error::{ApiError, ErrorBody};
use crate::params::{Kind, Params, Spec};
use crate::state::AppState;
use crate::vocab::Dimension;

pub const COMPANIES: &[Spec] = &[
    Spec {
        name: "size",
        description: "Companies returned, most offers first.",
        kind: Kind::Int {
            min: 1,
            max: 100,
            default: 20,
        },
    },
    Spec {
        name: "detail_size",
        description: "Roles, departments and skills listed per company.",
        kind: Kind::Int {
            min: 1,
            max: 20,
            default: 5,
        },
    },
];

/// A recruiter.
#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct CompanyStats {
    /// Normalised name (the `company` filter's value).
    pub key: String,
    /// The name as its latest offer writes it.
    pub name: Option<String>,
    pub offers: u64,
    /// Share of the matching offers.
    pub share: f64,
    /// Shares below are over the company's offers.
    pub roles: Vec<Count>,
    pub departments: Vec<Count>,
    pub skills: Vec<Count>,
}

#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct CompaniesResponse {
    pub meta: Meta,
    /// Offers matching the filters.
    pub offers: u64,
    /// Of those, offers naming their company.
    pub offers_with_company: u64,
    pub companies: Vec<CompanyStats>,
}

/// Top recruiters, with their roles, departments and skills.
#[utoipa::path(
    get,
    path = "/api/v1/companies",
    tag = "companies",
    params(crate::openapi::Filters, crate::openapi::CompaniesParams),
    responses(
        (status = 200, description = "Top recruiters", body = CompaniesResponse),
        (status = 400, description = "Invalid parameter", body = ErrorBody),
        (status = 503, description = "Store unavailable", body = ErrorBody),
    )
)]
pub async fn companies(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<CompaniesResponse>, ApiError> {
    let mut p = Params::parse(raw.as_deref());
    let filter = p.filter()?;
    let size = p.int(&COMPANIES[0])? as usize;
    let detail = p.int(&COMPANIES[1])? as usize;
    p.finish()?;
    let mut q = count_query(filter.clone());
    for (name, sub_field) in [
        ("roles", KeywordField::Role),
        ("departments", KeywordField::Department),
        ("skills", KeywordField::Skills),
    ] {
        q.aggregations.insert(
            name.into(),
            Aggregation::TermsBy {
                field: KeywordField::Company,
                size,
                sub_field,
                sub_size: detail,
            },
        );
    }
    q.aggregations.insert(
        "missing".into(),
        Aggregation::Terms {
            field: KeywordField::Company,
            size: 1,
        },
    );
    let result = state.query(&q).await?;
    let buckets = |name: &str| -> Vec<TermsByBucket> {
        match result.aggregations.get(name) {
            Some(AggregationResult::TermsBy { buckets }) => buckets.clone(),
            _ => Vec::new(),
        }
    };
    let missing = match result.aggregations.get("missing") {
        Some(AggregationResult::Terms { missing, .. }) => *missing,
        _ => 0,
    };
    let (roles, departments, skills) =
        (buckets("roles"), buckets("departments"), buckets("skills"));
    let names = display_names(&state, &filter, roles.iter().map(|b| b.key.as_str())).await?;
    let counts = |list: &[TermsByBucket], key: &str, dimension: Dimension, of: u64| -> Vec<Count> {
        list.iter()
            .find(|b| b.key == key)
            .map(|b| {
                b.sub
                    .iter()
                    .map(|s| Count::new(dimension, s.key.clone(), s.count, of))
                    .collect()
            })
            .unwrap_or_default()
    };
    let companies = roles
        .iter()
        .zip(names)
        .map(|(b, name)| CompanyStats {
            key: b.key.clone(),
            name,
            offers: b.count,
            share: ratio(b.count, result.total).unwrap_or(0.0),
            roles: counts(&roles, &b.key, Dimension::Role, b.count),
            departments: counts(&departments, &b.key, Dimension::Department, b.count),
            skills: counts(&skills, &b.key, Dimension::Skill, b.count),
        })
        .collect();
    Ok(Json(CompaniesResponse {
        meta: Meta::of(&state),
        offers: result.total,
        offers_with_company: result.total - missing,
        companies,
    }))
}

/// The display name of each company key (keys are normalised: lower case, no legal form): the
/// name on its newest offer among `filter`'s.
pub(super) async fn display_names<'a>(
    state: &AppState,
    filter: &OfferFilter,
    keys: impl Iterator<Item = &'a str>,
) -> Result<Vec<Option<String>>, ApiError> {
    futures_join(keys.map(|key| {
        let state = state.clone();
        let query = AnalyticsQuery {
            filter: with_value(filter, Dimension::Company, key),
            size: 1,
            sort: Sort::Newest,
            ..AnalyticsQuery::default()
        };
        async move {
            let r = state.query(&query).await?;
            Ok(r.hits.into_iter().next().and_then(|h| h.offer.company.name))
        }
    }))
    .await
}
