//! HTTP layer: token endpoint, auth, rate limit, fault injection, search and detail.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use chrono::{DurationRound, TimeDelta, Utc};
use rand::Rng;
use rand::distr::{Alphanumeric, SampleString};
use serde::Serialize;

use crate::generator::Kind;
use crate::search::{self, MAX_PAGE};
use crate::{Shared, SimError, tables};

const JSON_UTF8: &str = "application/json;charset=UTF-8";
const REQUIRED_SCOPES: [&str; 2] = ["api_offresdemploiv2", "o2dsoffre"];

struct TokenInfo {
    client_id: String,
    expires: Instant,
}

struct Bucket {
    tokens: f64,
    last: Instant,
    retry_until: Option<Instant>,
}

#[derive(Default)]
pub(crate) struct AuthState {
    tokens: HashMap<String, TokenInfo>,
    buckets: HashMap<String, Bucket>,
}

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    let api = Router::new()
        .route(
            "/partenaire/offresdemploi/v2/offres/search",
            get(search_handler),
        )
        .route(
            "/partenaire/offresdemploi/v2/offres/{id}",
            get(detail_handler),
        )
        .route(
            "/partenaire/offresdemploi/v2/referentiel/{name}",
            get(referentiel_handler),
        )
        .route_layer(middleware::from_fn_with_state(shared.clone(), api_guard));
    Router::new()
        .route("/connexion/oauth2/access_token", post(token_handler))
        .route("/_sim/stats", get(stats_handler))
        .merge(api)
        .with_state(shared)
}

// ---------------------------------------------------------------- token

#[derive(Serialize)]
struct TokenResponse {
    scope: String,
    expires_in: u64,
    token_type: &'static str,
    access_token: String,
}

fn no_store(resp: &mut Response) {
    let h = resp.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
}

fn oauth_error(error: &str, description: &str) -> Response {
    let body = serde_json::json!({ "error": error, "error_description": description });
    let mut resp = (
        StatusCode::BAD_REQUEST,
        [(header::CONTENT_TYPE, JSON_UTF8)],
        body.to_string(),
    )
        .into_response();
    no_store(&mut resp);
    resp
}

async fn token_handler(
    State(s): State<Arc<Shared>>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Response {
    s.stats.lock().expect("stats lock").token_calls += 1;
    let query = query.map(|q| q.0).unwrap_or_default();
    let realm = query
        .iter()
        .find(|(k, _)| k == "realm")
        .map(|(_, v)| v.as_str())
        .unwrap_or("");
    if realm != "/partenaire" && realm != "partenaire" {
        return oauth_error("invalid_request", &format!("Invalid realm: {realm}"));
    }
    let Ok(Form(form)) = form else {
        return oauth_error(
            "invalid_request",
            "Content-Type must be application/x-www-form-urlencoded",
        );
    };
    let field = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    match field("grant_type") {
        Some("client_credentials") => {}
        Some(other) => {
            return oauth_error(
                "unsupported_grant_type",
                &format!("Grant type is not supported: {other}"),
            );
        }
        None => return oauth_error("invalid_request", "Missing parameter: grant_type"),
    }
    let cfg = &s.config;
    if field("client_id") != Some(cfg.client_id.as_str())
        || field("client_secret") != Some(cfg.client_secret.as_str())
    {
        return oauth_error("invalid_client", "Client authentication failed");
    }
    let requested: Vec<&str> = field("scope").unwrap_or("").split_whitespace().collect();
    let unknown: Vec<&str> = requested
        .iter()
        .copied()
        .filter(|sc| !REQUIRED_SCOPES.contains(sc) && !sc.starts_with("application_"))
        .collect();
    let missing: Vec<&str> = REQUIRED_SCOPES
        .iter()
        .copied()
        .filter(|sc| !requested.contains(sc))
        .collect();
    if !unknown.is_empty() || !missing.is_empty() {
        let listed = if unknown.is_empty() { missing } else { unknown };
        return oauth_error(
            "invalid_scope",
            &format!("Unknown/invalid scope(s): [{}]", listed.join(", ")),
        );
    }
    let mut scope: Vec<&str> = requested
        .iter()
        .copied()
        .filter(|sc| sc.starts_with("application_"))
        .collect();
    scope.dedup();
    scope.extend(REQUIRED_SCOPES);
    let token = Alphanumeric.sample_string(&mut rand::rng(), 27);
    {
        let mut auth = s.auth.lock().expect("auth lock");
        let now = Instant::now();
        auth.tokens.retain(|_, t| t.expires > now);
        auth.tokens.insert(
            token.clone(),
            TokenInfo {
                client_id: cfg.client_id.clone(),
                expires: now + cfg.token_ttl,
            },
        );
    }
    s.stats.lock().expect("stats lock").tokens_issued += 1;
    let body = TokenResponse {
        scope: scope.join(" "),
        expires_in: cfg.reported_expires_in.unwrap_or(cfg.token_ttl.as_secs()),
        token_type: "Bearer",
        access_token: token,
    };
    let mut resp = (
        StatusCode::OK,
        [(header::CONTENT_TYPE, JSON_UTF8)],
        serde_json::to_string(&body).expect("json"),
    )
        .into_response();
    no_store(&mut resp);
    resp
}

// ---------------------------------------------------------------- guard

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let v = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = v.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

fn rate_headers(h: &mut HeaderMap, burst: u32, remaining: u32, rate: u32) {
    let mut put = |name: &'static str, v: u32| {
        h.insert(HeaderName::from_static(name), HeaderValue::from(v));
    };
    put("x-ratelimit-burst-capacity-clientidlimiter", burst);
    put("x-ratelimit-remaining-clientidlimiter", remaining);
    put("x-ratelimit-replenish-rate-clientidlimiter", rate);
    put("x-ratelimit-requested-tokens-clientidlimiter", 1);
}

/// Runs before every `/partenaire/...` handler: counts, authenticates,
/// rate-limits, injects faults, and stamps the rate-limit headers.
async fn api_guard(State(s): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    let resp = guarded(&s, req, next).await;
    let status = resp.status().as_u16();
    let mut st = s.stats.lock().expect("stats lock");
    st.api_calls += 1;
    *st.status_counts.entry(status).or_default() += 1;
    match status {
        401 => st.unauthorized += 1,
        429 => st.rate_limited += 1,
        _ => {}
    }
    resp
}

async fn guarded(s: &Arc<Shared>, req: Request, next: Next) -> Response {
    let cfg = &s.config;
    let now = Instant::now();
    // 1. Authentication.
    let client = {
        let mut auth = s.auth.lock().expect("auth lock");
        match bearer(req.headers()).and_then(|t| {
            auth.tokens
                .get(t)
                .map(|i| (t.to_string(), i.client_id.clone(), i.expires))
        }) {
            Some((_, client, expires)) if expires > now => Some(client),
            Some((token, _, _)) => {
                auth.tokens.remove(&token);
                None
            }
            None => None,
        }
    };
    let Some(client) = client else {
        let mut resp = StatusCode::UNAUTHORIZED.into_response();
        resp.headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        no_store(&mut resp);
        return resp;
    };
    // 2. Rate limit (token bucket per client id).
    let (allowed, remaining) = if cfg.rate_per_sec == 0 {
        (true, cfg.burst)
    } else {
        let mut auth = s.auth.lock().expect("auth lock");
        let b = auth.buckets.entry(client).or_insert(Bucket {
            tokens: f64::from(cfg.burst),
            last: now,
            retry_until: None,
        });
        let elapsed = now.saturating_duration_since(b.last).as_secs_f64();
        b.tokens = (b.tokens + elapsed * f64::from(cfg.rate_per_sec)).min(f64::from(cfg.burst));
        b.last = now;
        if b.retry_until.is_some_and(|u| now < u) {
            s.stats.lock().expect("stats lock").retry_after_violations += 1;
        }
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            (true, b.tokens.floor() as u32)
        } else {
            b.retry_until = Some(now + Duration::from_secs(cfg.retry_after_secs));
            (false, 0)
        }
    };
    let mut resp = if !allowed {
        let mut r = (
            StatusCode::TOO_MANY_REQUESTS,
            [(header::CONTENT_TYPE, "text/plain")],
            "",
        )
            .into_response();
        r.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(cfg.retry_after_secs));
        no_store(&mut r);
        r
    } else {
        // 3. Fault injection.
        let (slow, fault) = {
            let mut rng = s.faults.lock().expect("fault lock");
            let slow = cfg.slow_rate > 0.0 && rng.random_bool(cfg.slow_rate.min(1.0));
            let fault = if cfg.fault_5xx_rate > 0.0 && rng.random_bool(cfg.fault_5xx_rate.min(1.0))
            {
                Some(match rng.random_range(0..5) {
                    0..=2 => 500u16,
                    3 => 502,
                    _ => 503,
                })
            } else {
                None
            };
            (slow, fault)
        };
        if slow {
            s.stats.lock().expect("stats lock").injected_slow += 1;
            tokio::time::sleep(cfg.slow_delay).await;
        }
        match fault {
            Some(code) => {
                s.stats.lock().expect("stats lock").injected_5xx += 1;
                if code == 500 {
                    let body = serde_json::json!({
                        "message": "Erreur technique. Veuillez contacter le support de francetravail.io.",
                        "codeHttp": 500
                    });
                    (
                        StatusCode::INTERNAL_SERVER_ERROR,
                        [(header::CONTENT_TYPE, JSON_UTF8)],
                        body.to_string(),
                    )
                        .into_response()
                } else {
                    StatusCode::from_u16(code).expect("5xx").into_response()
                }
            }
            None => next.run(req).await,
        }
    };
    rate_headers(resp.headers_mut(), cfg.burst, remaining, cfg.rate_per_sec);
    resp
}

// ---------------------------------------------------------------- API

/// The API's 400 envelope; `codeErreur` is a 13-digit millisecond timestamp.
pub(crate) fn bad_request(message: &str) -> Response {
    let body = serde_json::json!({
        "message": message,
        "codeHttp": 400,
        "codeErreur": Utc::now().timestamp_millis().to_string(),
    });
    (
        StatusCode::BAD_REQUEST,
        [(header::CONTENT_TYPE, JSON_UTF8)],
        body.to_string(),
    )
        .into_response()
}

fn no_content(content_range: Option<String>) -> Response {
    let mut resp = StatusCode::NO_CONTENT.into_response();
    if let Some(cr) = content_range
        && let Ok(v) = HeaderValue::from_str(&cr)
    {
        resp.headers_mut().insert(header::CONTENT_RANGE, v);
    }
    resp
}

async fn search_handler(
    State(s): State<Arc<Shared>>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Response {
    let now = Utc::now();
    // A partner keeps publishing while clients crawl.
    {
        let mut store = s.store.lock().expect("store lock");
        store.search_calls += 1;
        if let Some(n) = s.config.new_offer_every
            && n > 0
            && store.search_calls % u64::from(n) == 0
        {
            let created = now
                .duration_trunc(TimeDelta::milliseconds(1))
                .unwrap_or(now);
            let id = store.generate(created, Kind::Fresh);
            tracing::debug!(%id, "offer published mid-crawl");
            drop(store);
            s.stats.lock().expect("stats lock").offers_added_mid_crawl += 1;
        }
    }
    let Ok(Query(params)) = query else {
        return bad_request("Format de la requête incorrect.");
    };
    let q = match search::parse_search(&params, now) {
        Ok(q) => q,
        Err(SimError::BadRequest { message }) => return bad_request(&message),
    };
    let outcome = s.store.lock().expect("store lock").search(&q);
    let (start, end) = q.range;
    let total = outcome.total;
    if total == 0 || start >= total {
        return no_content(Some(format!("offres */{total}")));
    }
    let last = end.min(total - 1);
    let status = if start == 0 && total <= end + 1 {
        StatusCode::OK
    } else {
        StatusCode::PARTIAL_CONTENT
    };
    let mut body =
        String::with_capacity(outcome.page.iter().map(|j| j.len() + 1).sum::<usize>() + 1024);
    body.push_str("{\"resultats\":[");
    for (i, j) in outcome.page.iter().enumerate() {
        if i > 0 {
            body.push(',');
        }
        body.push_str(j);
    }
    body.push_str("],\"filtresPossibles\":");
    body.push_str(&serde_json::to_string(&outcome.filtres).expect("json"));
    body.push('}');
    let mut resp = (status, [(header::CONTENT_TYPE, JSON_UTF8)], body).into_response();
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_RANGE,
        HeaderValue::from_str(&format!("offres {start}-{last}/{total}")).expect("header"),
    );
    h.insert(
        HeaderName::from_static("accept-range"),
        HeaderValue::from(MAX_PAGE as u32),
    );
    resp
}

fn well_formed_id(id: &str) -> bool {
    id.len() == 7
        && id
            .bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
}

async fn detail_handler(State(s): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    if !well_formed_id(&id) {
        return bad_request("Le format de l'id de l'offre recherchée est incorrect.");
    }
    let json = {
        let store = s.store.lock().expect("store lock");
        store
            .index
            .get(&id)
            .map(|&i| &store.offers[i])
            .filter(|o| o.active)
            .map(|o| o.json.clone())
    };
    match json {
        Some(j) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, JSON_UTF8)],
            Body::from(j.to_string()),
        )
            .into_response(),
        None => no_content(None),
    }
}

async fn referentiel_handler(Path(name): Path<String>) -> Response {
    let cl = |code: &str, libelle: &str| serde_json::json!({ "code": code, "libelle": libelle });
    let items: Vec<serde_json::Value> = match name.as_str() {
        "typesContrats" => [
            ("CDD", "Contrat à durée déterminée"),
            ("CDI", "Contrat à durée indéterminée"),
            ("CCE", "Profession commerciale"),
            ("DDI", "CDD insertion"),
            ("DDT", "CDD Tremplin"),
            ("DIN", "CDI Intérimaire"),
            ("FRA", "Franchise"),
            ("LIB", "Profession libérale"),
            ("MIS", "Mission intérimaire"),
            ("REP", "Reprise d'entreprise"),
            ("SAI", "Contrat travail saisonnier"),
            ("TTI", "Contrat travail temporaire insertion"),
        ]
        .iter()
        .map(|(c, l)| cl(c, l))
        .collect(),
        "naturesContrats" => [
            ("E1", "Contrat travail"),
            ("E2", "Contrat apprentissage"),
            ("FS", "Cont. professionnalisation"),
            ("I1", "Insertion par l'activ.éco."),
            ("NS", "Emploi non salarié"),
            ("CC", "CDI de chantier ou d'opération"),
            ("CU", "Contrat d'usage"),
        ]
        .iter()
        .map(|(c, l)| cl(c, l))
        .collect(),
        "departements" => tables::DEPARTEMENTS.iter().map(|(c, l)| cl(c, l)).collect(),
        "metiers" => tables::DATA_ROMES
            .iter()
            .chain(tables::GENERIC_ROMES.iter())
            .map(|r| cl(r.code, r.libelle))
            .collect(),
        "communes" => tables::COMMUNES
            .iter()
            .map(|c| {
                serde_json::json!({
                    "code": c.insee,
                    "libelle": crate::text::fold_upper_ascii(c.name),
                    "codePostal": c.postal,
                    "codeDepartement": tables::dept_of_insee(c.insee),
                })
            })
            .collect(),
        "pays" => vec![cl("01", "France")],
        "appellations" | "continents" | "domaines" | "langues" | "niveauxFormations" | "permis"
        | "regions" | "secteursActivites" | "themes" => Vec::new(),
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    Json(items).into_response()
}

async fn stats_handler(State(s): State<Arc<Shared>>) -> Response {
    let stats = s.stats.lock().expect("stats lock").clone();
    Json(stats).into_response()
}
