//! Offer search and offer detail.

use axum::Json;
use axum::extract::{Path, RawQuery, State};
use chrono::{DateTime, Utc};
use jobmarket_schema::{Offer, OfferId};
use jobmarket_storage::{AnalyticsQuery, Sort, StoredOffer, fields};
use serde::Serialize;
use utoipa::ToSchema;

use super::Meta;
use crate::error::{ApiError, ErrorBody};
use crate::params::{Kind, Params, Spec};
use crate::state::AppState;
use crate::vocab::Dimension;

/// The largest page of offers.
pub const MAX_PAGE_SIZE: i64 = 100;
/// How deep pages go (`page × page_size`); exports have no such limit.
pub const MAX_DEPTH: i64 = 10_000;

pub const SEARCH: &[Spec] = &[
    Spec {
        name: "sort",
        description: "Order: best text match (newest first without `q`), newest, or highest salary.",
        kind: Kind::OneOf(&["relevance", "newest", "salary_desc"], "relevance"),
    },
    Spec {
        name: "page",
        description: "Page number, from 1 (`page × page_size` at most 10 000).",
        kind: Kind::Int {
            min: 1,
            max: MAX_DEPTH,
            default: 1,
        },
    },
    Spec {
        name: "page_size",
        description: "Offers per page (at most 100).",
        kind: Kind::Int {
            min: 1,
            max: MAX_PAGE_SIZE,
            default: 20,
        },
    },
];

/// An offer in a list of results.
#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct OfferSummary {
    pub id: String,
    pub title: String,
    /// Company name as the offer gives it.
    pub company_name: Option<String>,
    /// Normalised company name (the `company` filter's value).
    pub company: Option<String>,
    pub city: Option<String>,
    /// INSEE department code.
    pub department: Option<String>,
    pub department_name: Option<String>,
    /// INSEE region code.
    pub region: Option<String>,
    pub region_name: Option<String>,
    pub contract: Option<String>,
    pub contract_label: Option<String>,
    pub role: Option<String>,
    pub role_label: Option<String>,
    pub seniority: Option<String>,
    pub remote: Option<String>,
    /// Gross annual salary range in euros, when stated.
    pub salary_min_eur: Option<f64>,
    pub salary_max_eur: Option<f64>,
    /// Publication date (first collection when the source gives none).
    pub posted_at: DateTime<Utc>,
    /// Still published at the latest collection.
    pub active: bool,
    pub skills: Vec<String>,
    pub source: String,
    /// The offer on its source's site.
    pub url: Option<String>,
}

/// A link to the offer on a site publishing it.
#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct Link {
    pub name: String,
    pub url: String,
}

/// Everything known of one offer.
#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct OfferDetail {
    pub meta: Meta,
    #[serde(flatten)]
    pub summary: OfferSummary,
    /// The offer's text, verbatim (plain text: render it as text, never as HTML).
    pub description: Option<String>,
    pub location_label: Option<String>,
    pub postal_code: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub rome_code: Option<String>,
    pub rome_label: Option<String>,
    pub contract_duration_months: Option<f32>,
    pub full_time: Option<bool>,
    pub hours_per_week: Option<f32>,
    /// The salary as the offer words it.
    pub salary_text: Option<String>,
    /// Why the salary figures may be doubtful.
    pub salary_flags: Vec<String>,
    pub experience_years_min: Option<f32>,
    pub remote_days_per_week: Option<f32>,
    pub company_size: Option<String>,
    pub naf_code: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
    pub updated_at: Option<DateTime<Utc>>,
    pub first_seen_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    /// Every known link to the original offer.
    pub links: Vec<Link>,
}

/// A page of offers.
#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct SearchResponse {
    pub meta: Meta,
    /// Offers matching the filters.
    pub total: u64,
    pub page: i64,
    pub page_size: i64,
    pub offers: Vec<OfferSummary>,
}

pub fn summary(stored: &StoredOffer) -> OfferSummary {
    let o = &stored.offer;
    let dept = o.location.department_code.clone();
    let region = o.location.region_code.clone();
    let contract = o.contract.kind.map(|c| c.as_str().to_string());
    OfferSummary {
        id: o.id.to_string(),
        title: o.title.clone(),
        company_name: o.company.name.clone(),
        company: o.company.name_normalized.clone(),
        city: o.location.city.clone(),
        department_name: dept.as_deref().and_then(|d| Dimension::Department.label(d)),
        department: dept,
        region_name: region.as_deref().and_then(|r| Dimension::Region.label(r)),
        region,
        contract_label: contract
            .as_deref()
            .and_then(|c| Dimension::Contract.label(c)),
        contract,
        role_label: o.role.as_deref().and_then(|r| Dimension::Role.label(r)),
        role: o.role.clone(),
        seniority: o.seniority.map(|s| s.as_str().to_string()),
        remote: o.remote.map(|r| r.as_str().to_string()),
        salary_min_eur: o.salary.min_annual_eur,
        salary_max_eur: o.salary.max_annual_eur,
        posted_at: fields::posted_at(o),
        active: stored.active,
        skills: o.skills.clone(),
        source: o.source.clone(),
        url: o.url.clone(),
    }
}

fn links(o: &Offer) -> Vec<Link> {
    let mut links: Vec<Link> = Vec::new();
    if let Some(url) = &o.url {
        let name = Dimension::Source
            .label(&o.source)
            .unwrap_or_else(|| o.source.clone());
        links.push(Link {
            name,
            url: url.clone(),
        });
    }
    for l in &o.links {
        if let Some(url) = &l.url
            && !links.iter().any(|known| &known.url == url)
        {
            links.push(Link {
                name: l.name.clone(),
                url: url.clone(),
            });
        }
    }
    links
}

/// Search offers: full text and every filter, sorted, one page at a time.
#[utoipa::path(
    get,
    path = "/api/v1/offers",
    tag = "offers",
    params(crate::openapi::Filters, crate::openapi::SearchParams),
    responses(
        (status = 200, description = "A page of matching offers", body = SearchResponse),
        (status = 400, description = "Invalid parameter", body = ErrorBody),
        (status = 503, description = "Store unavailable", body = ErrorBody),
    )
)]
pub async fn search(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<SearchResponse>, ApiError> {
    let mut p = Params::parse(raw.as_deref());
    let filter = p.filter()?;
    let sort = match p.one_of(&SEARCH[0])? {
        "newest" => Sort::Newest,
        "salary_desc" => Sort::SalaryDesc,
        _ => Sort::Relevance,
    };
    let page = p.int(&SEARCH[1])?;
    let page_size = p.int(&SEARCH[2])?;
    p.finish()?;
    if page * page_size > MAX_DEPTH {
        return Err(ApiError::invalid(
            "page",
            format!(
                "page × page_size must be at most {MAX_DEPTH}; narrow the filters or use `jobmarket export`"
            ),
        ));
    }
    let query = AnalyticsQuery {
        filter,
        size: page_size as usize,
        from: ((page - 1) * page_size) as usize,
        sort,
        ..AnalyticsQuery::default()
    };
    let result = state.query(&query).await?;
    Ok(Json(SearchResponse {
        meta: Meta::of(&state),
        total: result.total,
        page,
        page_size,
        offers: result.hits.iter().map(summary).collect(),
    }))
}

/// One offer, with its text and every link to the original.
#[utoipa::path(
    get,
    path = "/api/v1/offers/{id}",
    tag = "offers",
    params(("id" = String, Path, description = "Offer id, e.g. `francetravail:123ABCD`")),
    responses(
        (status = 200, description = "The offer", body = OfferDetail),
        (status = 400, description = "Invalid parameter", body = ErrorBody),
        (status = 404, description = "No such offer", body = ErrorBody),
        (status = 503, description = "Store unavailable", body = ErrorBody),
    )
)]
pub async fn offer(
    State(state): State<AppState>,
    id: Result<Path<String>, axum::extract::rejection::PathRejection>,
    RawQuery(raw): RawQuery,
) -> Result<Json<OfferDetail>, ApiError> {
    let Ok(Path(id)) = id else {
        return Err(ApiError::not_found("no such offer"));
    };
    Params::parse(raw.as_deref()).finish()?;
    if id.is_empty() || id.len() > 200 {
        return Err(ApiError::not_found("no such offer"));
    }
    let started = std::time::Instant::now();
    let found = state.store().get(&OfferId(id.clone())).await;
    state
        .metrics()
        .store_latency(started.elapsed(), found.is_ok());
    let Some(stored) = found? else {
        return Err(ApiError::not_found(format!("no offer with id `{id}`")));
    };
    let o = &stored.offer;
    Ok(Json(OfferDetail {
        meta: Meta::of(&state),
        summary: summary(&stored),
        description: o.description.clone(),
        location_label: o.location.label.clone(),
        postal_code: o.location.postal_code.clone(),
        latitude: o.location.lat,
        longitude: o.location.lon,
        rome_code: o.rome_code.as_ref().map(|r| r.to_string()),
        rome_label: o.rome_label.clone(),
        contract_duration_months: o.contract.duration_months,
        full_time: o.contract.full_time,
        hours_per_week: o.contract.hours_per_week,
        salary_text: o.salary.raw.clone(),
        salary_flags: o.salary.flags.clone(),
        experience_years_min: o.experience_years_min,
        remote_days_per_week: o.remote_days_per_week,
        company_size: o.company.size.clone(),
        naf_code: o.company.naf_code.clone(),
        published_at: o.published_at,
        updated_at: o.updated_at,
        first_seen_at: o.first_seen_at,
        last_seen_at: o.last_seen_at,
        links: links(o),
    }))
}
