//! The routes, one module per family of figures, and what their answers share.

mod admin;
mod breakdowns;
mod companies;
mod offers;
mod overview;
mod salaries;
mod skills;
mod system;
mod timeseries;

use axum::Router;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use chrono::{DateTime, Utc};
use jobmarket_schema::{ContractType, Remote, Seniority};
use jobmarket_storage::{AnalyticsQuery, OfferFilter};
use serde::Serialize;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use utoipa::ToSchema;

use crate::error::ApiError;
use crate::state::AppState;
use crate::vocab::{Dimension, parse_key};

/// The parameter tables of every endpoint.
pub(crate) mod tables {
    pub use super::breakdowns::BREAKDOWN;
    pub use super::companies::COMPANIES;
    pub use super::offers::SEARCH;
    pub use super::salaries::{HISTOGRAM, SALARIES, TREND};
    pub use super::skills::{BY_ROLE, COOCCURRENCE, TRENDS};
    pub use super::timeseries::TIMESERIES;
}

pub(crate) use self::admin::__path_start_ingest;
pub(crate) use self::breakdowns::__path_breakdown;
pub(crate) use self::companies::__path_companies;
pub(crate) use self::offers::{__path_offer, __path_search};
pub(crate) use self::overview::__path_overview;
pub(crate) use self::salaries::{__path_salaries, __path_salary_histogram, __path_salary_trend};
pub(crate) use self::skills::{__path_cooccurrence, __path_skill_trends, __path_skills_by_role};
pub(crate) use self::system::{__path_healthz, __path_readyz, __path_status, __path_vocabularies};
pub(crate) use self::timeseries::__path_timeseries;

/// What every answer of `/api/v1` says about the data it was computed from.
#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct Meta {
    /// The figures come from simulated demo offers, not from the real market.
    pub demo: bool,
    /// The instant the figures were computed at.
    pub as_of: DateTime<Utc>,
    /// When the latest successful collection finished.
    pub last_success_at: Option<DateTime<Utc>>,
}

impl Meta {
    pub fn of(state: &AppState) -> Meta {
        let status = state.status();
        Meta {
            demo: status.demo,
            as_of: state.now(),
            last_success_at: status.last_success_at,
        }
    }
}

/// A count of offers for one value of a dimension.
#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct Count {
    pub key: String,
    /// French label, when the vocabulary has one.
    pub label: Option<String>,
    pub count: u64,
    /// `count` over the offers counted in (0 to 1).
    pub share: f64,
    /// In `/breakdowns/department` and `/breakdowns/region`: `count` per 100 000 inhabitants
    /// (INSEE 2021 populations), where the place has a census figure.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_100k_inhabitants: Option<f64>,
}

impl Count {
    pub fn new(dimension: Dimension, key: String, count: u64, of: u64) -> Count {
        Count {
            label: dimension.label(&key),
            share: ratio(count, of).unwrap_or(0.0),
            key,
            count,
            per_100k_inhabitants: None,
        }
    }
}

/// `part / whole`, `None` for an empty whole.
pub fn ratio(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// A query counting the offers of `filter` with these aggregations and no hits.
pub fn count_query(filter: OfferFilter) -> AnalyticsQuery {
    AnalyticsQuery {
        filter,
        size: 0,
        ..AnalyticsQuery::default()
    }
}

/// `filter` narrowed to the offers having `key` for `dimension`.
pub fn with_value(filter: &OfferFilter, dimension: Dimension, key: &str) -> OfferFilter {
    let mut f = filter.clone();
    let k = key.to_string();
    match dimension {
        Dimension::Role => f.roles = vec![k],
        Dimension::Seniority => f.seniorities = parse_key::<Seniority>(key).into_iter().collect(),
        Dimension::Contract => {
            f.contract_types = parse_key::<ContractType>(key).into_iter().collect()
        }
        Dimension::Remote => f.remote = parse_key::<Remote>(key).into_iter().collect(),
        Dimension::Department => f.departments = vec![k],
        Dimension::Region => f.regions = vec![k],
        Dimension::Company => f.companies = vec![k],
        Dimension::Source => f.sources = vec![k],
        Dimension::Skill => {
            if !f.skills.contains(&k) {
                f.skills.push(k)
            }
        }
        Dimension::RomeCode => unreachable!("offers cannot be filtered by ROME code"),
    }
    f
}

/// `filter` restricted to offers published in `[from, to)`, or `None` when that leaves no
/// time at all.
pub fn within(filter: &OfferFilter, from: DateTime<Utc>, to: DateTime<Utc>) -> Option<OfferFilter> {
    let mut f = filter.clone();
    let from = f.published_from.map_or(from, |f| f.max(from));
    let to = f.published_to.map_or(to, |t| t.min(to));
    (from < to).then(|| {
        f.published_from = Some(from);
        f.published_to = Some(to);
        f
    })
}

pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .route("/offers", get(offers::search))
        .route("/offers/{id}", get(offers::offer))
        .route("/overview", get(overview::overview))
        .route("/timeseries", get(timeseries::timeseries))
        .route("/breakdowns/{dimension}", get(breakdowns::breakdown))
        .route("/salaries", get(salaries::salaries))
        .route("/salaries/trend", get(salaries::salary_trend))
        .route("/salaries/histogram", get(salaries::salary_histogram))
        .route("/skills/trends", get(skills::skill_trends))
        .route("/skills/by-role", get(skills::skills_by_role))
        .route("/skills/{skill}/cooccurrence", get(skills::cooccurrence))
        .route("/companies", get(companies::companies))
        .route("/vocabularies", get(system::vocabularies))
        .route(
            "/status",
            get(system::status).layer(axum::middleware::from_fn(no_store)),
        )
        .route("/admin/ingest", post(admin::start_ingest))
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::middleware::cache,
        ));
    let mut app = Router::new()
        .nest("/api/v1", api)
        .route("/healthz", get(system::healthz))
        .route("/readyz", get(system::readyz))
        .route("/metrics", get(system::metrics))
        .merge(crate::openapi::docs())
        .fallback(dashboard)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::middleware::demo_header,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::middleware::timeout,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::middleware::body_limit,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(
            state.config().body_limit,
        ))
        // gzip for clients that accept it (the dashboard's files come gzipped already)
        .layer(CompressionLayer::new());
    if !state.config().cors_origins.is_empty() {
        let origins = state
            .config()
            .cors_origins
            .iter()
            .filter_map(|o| o.parse().ok())
            .collect::<Vec<_>>();
        app = app.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_methods([axum::http::Method::GET, axum::http::Method::POST])
                .allow_headers([
                    axum::http::header::AUTHORIZATION,
                    axum::http::header::CONTENT_TYPE,
                ]),
        );
    }
    app.layer(axum::middleware::from_fn_with_state(
        state.clone(),
        crate::middleware::metrics,
    ))
    .with_state(state)
}

/// Marks an answer as not to be cached (by us or anyone).
async fn no_store(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let mut response = next.run(request).await;
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    response
}

/// Paths that belong to the API, never to the dashboard.
const API_PATHS: [&str; 4] = ["/api", "/healthz", "/readyz", "/metrics"];

/// What the dashboard's HTML may load and run: its own files only, no inline script.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' data:; \
style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/// The web dashboard (`jobmarket-dashboard`) at `/` and its files, for GET and HEAD outside
/// the API; anything else is the JSON 404. Text files go gzipped to clients that accept it
/// (compressed at build time); an `If-None-Match` with the file's ETag gets a 304.
async fn dashboard(
    method: axum::http::Method,
    uri: axum::http::Uri,
    request_headers: axum::http::HeaderMap,
) -> axum::response::Response {
    use axum::http::{HeaderValue, Method, StatusCode, header};

    let path = uri.path();
    let under_api = API_PATHS.iter().any(|p| {
        path.strip_prefix(p)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    });
    let file = match path {
        "/" => Some("index.html"),
        _ => path.strip_prefix('/'),
    };
    let asset = file
        .filter(|_| (method == Method::GET || method == Method::HEAD) && !under_api)
        .and_then(jobmarket_dashboard::asset);
    let Some(asset) = asset else {
        return not_found(uri).await.into_response();
    };
    let unchanged = request_headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|tag| tag.trim() == asset.etag || tag.trim() == "*");
    let gzip = asset.gzip.filter(|_| accepts_gzip(&request_headers));
    let mut response = if unchanged {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        gzip.unwrap_or(asset.bytes).into_response()
    };
    let headers = response.headers_mut();
    if !unchanged {
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(asset.content_type),
        );
        if gzip.is_some() {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        }
    }
    if asset.gzip.is_some() {
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    headers.insert(header::ETAG, HeaderValue::from_static(asset.etag));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // vendor files change only with their npm version; ours are revalidated every time
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if asset.path.starts_with("vendor/") {
            "public, max-age=86400"
        } else {
            "no-cache"
        }),
    );
    if asset.content_type.starts_with("text/html") {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        );
    }
    response
}

/// Whether `Accept-Encoding` allows gzip (`gzip` or `*`, without `q=0`).
fn accepts_gzip(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get_all(axum::http::header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let mut parts = coding.split(';').map(str::trim);
            let name = parts.next().unwrap_or("");
            let refused = parts.any(|p| {
                p.strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
                    .is_some_and(|q| q == 0.0)
            });
            (name.eq_ignore_ascii_case("gzip") || name == "*") && !refused
        })
}

async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::not_found(format!("no such path: {}", uri.path()))
}

async fn method_not_allowed(method: axum::http::Method, uri: axum::http::Uri) -> impl IntoResponse {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        format!("{method} is not allowed on {}", uri.path()),
    )
}
