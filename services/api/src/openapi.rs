//! The OpenAPI 3.1 document, generated from the handlers' annotations and the parameter
//! tables, served at `/api/openapi.json` and browsable at `/api/docs` (Swagger UI, bundled in
//! the binary: it works offline).

use utoipa::openapi::path::Parameter;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{IntoParams, Modify, OpenApi};
use utoipa_swagger_ui::SwaggerUi;

use crate::params::{FILTERS, Spec, openapi};
use crate::routes;

macro_rules! params_of {
    ($name:ident, $table:expr) => {
        #[doc = concat!("The query parameters of `", stringify!($table), "`.")]
        pub struct $name;
        impl IntoParams for $name {
            fn into_params(
                _: impl Fn() -> Option<utoipa::openapi::path::ParameterIn>,
            ) -> Vec<Parameter> {
                openapi($table)
            }
        }
    };
}

params_of!(Filters, FILTERS);
params_of!(SearchParams, routes_tables::SEARCH);
params_of!(TimeseriesParams, routes_tables::TIMESERIES);
params_of!(BreakdownParams, routes_tables::BREAKDOWN);
params_of!(SalariesParams, routes_tables::SALARIES);
params_of!(TrendParams, routes_tables::TREND);
params_of!(HistogramParams, routes_tables::HISTOGRAM);
params_of!(SkillTrendsParams, routes_tables::TRENDS);
params_of!(CooccurrenceParams, routes_tables::COOCCURRENCE);
params_of!(ByRoleParams, routes_tables::BY_ROLE);
params_of!(CompaniesParams, routes_tables::COMPANIES);

/// The parameter tables of every endpoint, by name.
pub(crate) mod routes_tables {
    pub use crate::routes::tables::*;
}

/// Every documented query parameter, by path (for tests that check documented = accepted).
pub fn tables() -> Vec<(&'static str, Vec<&'static Spec>)> {
    use routes_tables::*;
    let with_filters = |extra: &'static [Spec]| FILTERS.iter().chain(extra).collect::<Vec<_>>();
    vec![
        ("/api/v1/offers", with_filters(SEARCH)),
        ("/api/v1/overview", with_filters(&[])),
        ("/api/v1/timeseries", with_filters(TIMESERIES)),
        ("/api/v1/breakdowns/role", with_filters(BREAKDOWN)),
        ("/api/v1/salaries", with_filters(SALARIES)),
        ("/api/v1/salaries/trend", with_filters(TREND)),
        ("/api/v1/salaries/histogram", with_filters(HISTOGRAM)),
        ("/api/v1/skills/trends", with_filters(TRENDS)),
        (
            "/api/v1/skills/python/cooccurrence",
            with_filters(COOCCURRENCE),
        ),
        ("/api/v1/skills/by-role", with_filters(BY_ROLE)),
        ("/api/v1/companies", with_filters(COMPANIES)),
    ]
}

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "JobMarket API",
        description = "Le marché de l'emploi data en France : offres, salaires, compétences, recruteurs. \
Every figure is computed from the offers matching the filters (the same on every endpoint). \
Dates are Europe/Paris calendar days. Errors are `{\"error\": {\"code\", \"message\"}}`. \
Answers computed from simulated demo data say so (`meta.demo`, header `x-jobmarket-demo`).",
        license(name = "MIT"),
    ),
    paths(
        routes::search,
        routes::offer,
        routes::overview,
        routes::timeseries,
        routes::breakdown,
        routes::salaries,
        routes::salary_trend,
        routes::salary_histogram,
        routes::skill_trends,
        routes::cooccurrence,
        routes::skills_by_role,
        routes::companies,
        routes::vocabularies,
        routes::status,
        routes::start_ingest,
        routes::healthz,
        routes::readyz,
    ),
    modifiers(&Security),
    tags(
        (name = "offers", description = "Search and read offers"),
        (name = "market", description = "Counts, breakdowns and time series"),
        (name = "salaries", description = "Advertised salaries"),
        (name = "skills", description = "Skills asked"),
        (name = "companies", description = "Recruiters"),
        (name = "system", description = "State of the service and the data"),
        (name = "admin", description = "Write operations (admin token)"),
    )
)]
pub struct ApiDoc;

/// The routes of the document and its interactive page.
pub fn docs() -> axum::Router<crate::state::AppState> {
    SwaggerUi::new("/api/docs")
        .url("/api/openapi.json", ApiDoc::openapi())
        .into()
}
