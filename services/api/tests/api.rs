//! The API over real HTTP, against a real embedded store holding known offers: every endpoint
//! is called and its figures are checked against the same figures computed here, directly
//! from the offers (an independent, naive computation), and a few by hand.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Paris;
use jobmarket_api::{ApiConfig, AppState, Collection, DataStatus, Refresher};
use jobmarket_schema::{
    Company, Contract, ContractType, Location, Offer, OfferId, Remote, Salary, Seniority,
    SourceLink,
};
use jobmarket_storage::embedded::EmbeddedStore;
use jobmarket_storage::query::percentiles;
use jobmarket_storage::{Store, StoredOffer};
use serde_json::Value;

const ROLES: [&str; 4] = [
    "data_engineer",
    "data_analyst",
    "data_scientist",
    "ml_engineer",
];
const PLACES: [(&str, &str); 6] = [
    ("75", "11"),
    ("92", "11"),
    ("69", "84"),
    ("13", "93"),
    ("2A", "94"),
    ("974", "04"),
];
const COMPANIES: [Option<&str>; 4] = [Some("Acme Data"), Some("Globex"), Some("Initech"), None];

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap()
}

/// 60 offers over four months, every field varying on its own cycle.
fn fixture() -> Vec<StoredOffer> {
    (0..60u32).map(fixture_offer).collect()
}

fn fixture_offer(n: u32) -> StoredOffer {
    let role = ROLES[n as usize % 4];
    let (dept, region) = PLACES[n as usize % 6];
    let published = now() - chrono::Duration::hours(1 + i64::from(n) * 47);
    let mut skills: BTreeSet<&str> = BTreeSet::new();
    if n.is_multiple_of(2) {
        skills.insert("python");
    }
    if n.is_multiple_of(5) {
        skills.insert("sql");
    }
    if n.is_multiple_of(7) {
        skills.insert("spark");
    }
    match role {
        "data_engineer" => skills.insert("airflow"),
        "data_analyst" => skills.insert("power_bi"),
        _ => skills.insert("pytorch"),
    };
    // newer offers ask for dbt, older ones for tableau
    skills.insert(if n < 20 { "dbt" } else { "tableau" });
    let salary = (n % 3 != 2).then(|| {
        let min = 35_000.0 + f64::from((n * 1_700) % 30_000);
        (min, min + 10_000.0)
    });
    let company = COMPANIES[(n as usize / 3) % 4];
    let title = match role {
        "data_engineer" => "Data Engineer H/F",
        "data_analyst" => "Data Analyst (F/H)",
        "data_scientist" => "Data Scientist",
        _ => "Ingénieur Machine Learning",
    };
    let description = match role {
        "data_engineer" => "Vous construirez nos pipelines de données sur le cloud.",
        "data_analyst" => "Vous créerez des tableaux de bord pour les équipes métier.",
        _ => "Vous entraînerez des modèles de prévision.",
    };
    StoredOffer {
        offer: Offer {
            id: OfferId::new("francetravail", &format!("T{n:03}")),
            source: "francetravail".into(),
            source_id: format!("T{n:03}"),
            url: Some(format!("https://example.org/offres/T{n:03}")),
            links: if n == 0 {
                vec![SourceLink {
                    name: "Site de l'entreprise".into(),
                    url: Some("https://acme.example/jobs/1".into()),
                }]
            } else {
                Vec::new()
            },
            title: title.into(),
            title_normalized: None,
            description: Some(description.into()),
            company: Company {
                name: company.map(str::to_string),
                name_normalized: company.map(str::to_lowercase),
                size: None,
                naf_code: None,
            },
            rome_code: None,
            rome_label: None,
            published_at: Some(published),
            updated_at: None,
            first_seen_at: published + chrono::Duration::hours(1),
            last_seen_at: now() - chrono::Duration::days(i64::from(n % 5)),
            contract: Contract {
                kind: Some(
                    [
                        ContractType::Cdi,
                        ContractType::Cdi,
                        ContractType::Cdd,
                        ContractType::Internship,
                        ContractType::Freelance,
                    ][n as usize % 5],
                ),
                ..Contract::default()
            },
            salary: Salary {
                min_annual_eur: salary.map(|s| s.0),
                max_annual_eur: salary.map(|s| s.1),
                ..Salary::default()
            },
            location: Location {
                department_code: Some(dept.into()),
                region_code: Some(region.into()),
                city: Some(format!("Ville {dept}")),
                ..Location::default()
            },
            role: Some(role.into()),
            seniority: Some([Seniority::Junior, Seniority::Mid, Seniority::Senior][n as usize % 3]),
            experience_years_min: None,
            remote: Some(
                [Remote::Hybrid, Remote::None, Remote::Full, Remote::Unknown][(n as usize / 2) % 4],
            ),
            remote_days_per_week: None,
            skills: skills.into_iter().map(str::to_string).collect(),
            schema_version: 1,
        },
        active: n % 6 != 5,
    }
}

/// A server on a free loopback port over an embedded store holding `offers`.
struct Server {
    base: String,
    client: reqwest::Client,
    _dir: tempfile::TempDir,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

impl Server {
    async fn start(offers: &[StoredOffer], config: ApiConfig) -> Server {
        Self::start_with(offers, config, DataStatus::default(), None).await
    }

    async fn start_with(
        offers: &[StoredOffer],
        config: ApiConfig,
        status: DataStatus,
        refresher: Option<Arc<dyn Refresher>>,
    ) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let store = EmbeddedStore::open(dir.path()).unwrap();
        store.upsert(offers).await.unwrap();
        Self::serve(Arc::new(store), config, status, refresher, dir).await
    }

    async fn serve(
        store: Arc<dyn Store>,
        config: ApiConfig,
        status: DataStatus,
        refresher: Option<Arc<dyn Refresher>>,
        dir: tempfile::TempDir,
    ) -> Server {
        let mut state = AppState::new(store, config, status).with_clock(Arc::new(now));
        if let Some(r) = refresher {
            state = state.with_refresher(r);
        }
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(jobmarket_api::serve_on(state, listener, async {
            let _ = rx.await;
        }));
        Server {
            base,
            client: reqwest::Client::new(),
            _dir: dir,
            _shutdown: tx,
        }
    }

    async fn get_raw(&self, path: &str) -> reqwest::Response {
        self.get_with(path, &[]).await
    }

    /// GETs `path` with these request headers.
    async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> reqwest::Response {
        let mut request = self.client.get(format!("{}{path}", self.base));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.send().await.unwrap()
    }

    /// GETs `path`, asserting a 200 with a JSON body.
    async fn get(&self, path: &str) -> Value {
        let response = self.get_raw(path).await;
        let status = response.status();
        let body = response.text().await.unwrap();
        assert_eq!(status, 200, "GET {path}: {body}");
        serde_json::from_str(&body).unwrap()
    }

    /// GETs `path`, asserting this error status and code; returns the error object.
    async fn error(&self, path: &str, status: u16, code: &str) -> Value {
        let response = self.get_raw(path).await;
        assert_eq!(response.status(), status, "GET {path}");
        assert_eq!(
            response.headers()["content-type"],
            "application/json",
            "GET {path}"
        );
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], code, "GET {path}: {body}");
        assert!(body["error"]["message"].as_str().unwrap().len() > 5);
        body["error"].clone()
    }
}

fn offers() -> Vec<Offer> {
    fixture().into_iter().map(|s| s.offer).collect()
}

fn posted(o: &Offer) -> DateTime<Utc> {
    o.published_at.unwrap_or(o.first_seen_at)
}

fn paris_day(t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&Paris).date_naive()
}

fn mid(o: &Offer) -> Option<f64> {
    match (o.salary.min_annual_eur, o.salary.max_annual_eur) {
        (Some(a), Some(b)) => Some((a + b) / 2.0),
        (a, b) => a.or(b),
    }
}

fn ids(v: &Value) -> Vec<String> {
    v["offers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap().to_string())
        .collect()
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

#[tokio::test]
async fn overview_figures_match_the_offers() {
    let server = Server::start(&fixture(), ApiConfig::default()).await;
    let v = server.get("/api/v1/overview").await;
    let all = fixture();
    // the last 7 Paris days (today included) and the 7 before
    let today = paris_day(now());
    let in_days = |from: u64, to: u64| {
        all.iter()
            .filter(|s| {
                let d = paris_day(posted(&s.offer));
                d >= today - chrono::Days::new(from) && d <= today - chrono::Days::new(to)
            })
            .count() as u64
    };
    let new_last = in_days(6, 0);
    let new_prev = in_days(13, 7);
    assert_eq!(v["offers"], 60);
    assert_eq!(
        v["active_offers"],
        all.iter().filter(|s| s.active).count() as u64
    );
    assert_eq!(v["active_offers"], 50); // every sixth offer is withdrawn
    assert_eq!(v["new_last_7_days"], new_last);
    assert_eq!(v["new_previous_7_days"], new_prev);
    assert_eq!(new_last, 4); // published every 47 hours: 1, 48, 95 and 142 hours ago
    assert_eq!(v["last_7_days"]["from"], "2026-11-22");
    assert_eq!(v["previous_7_days"]["to"], "2026-11-21");
    let mut salaries: Vec<f64> = all.iter().filter_map(|s| mid(&s.offer)).collect();
    assert_eq!(v["with_salary"], salaries.len() as u64);
    assert!((f(&v["with_salary_share"]) - 40.0 / 60.0).abs() < 1e-9);
    let median = percentiles(&mut salaries, &[50.0])[0].1.unwrap();
    assert_eq!(f(&v["median_salary_eur"]), median);
    let remote = all
        .iter()
        .filter(|s| {
            matches!(
                s.offer.remote,
                Some(Remote::Full | Remote::Hybrid | Remote::Occasional)
            )
        })
        .count() as u64;
    assert_eq!(v["remote_offers"], remote);
    assert_eq!(v["meta"]["demo"], false);
    assert_eq!(v["meta"]["as_of"], "2026-11-28T12:00:00Z");

    // every filter narrows every figure
    let v = server
        .get("/api/v1/overview?role=data_engineer&region=11&salary_known=true")
        .await;
    let expected = all
        .iter()
        .filter(|s| {
            s.offer.role.as_deref() == Some("data_engineer")
                && s.offer.location.region_code.as_deref() == Some("11")
                && mid(&s.offer).is_some()
        })
        .count() as u64;
    assert_eq!(v["offers"], expected);
    assert_eq!(v["with_salary"], expected);
    assert!(expected > 0);
    // under the minimum count, the median is withheld
    assert!(expected < 10 && v["median_salary_eur"].is_null());
}

#[tokio::test]
async fn search_filters_sorts_and_pages() {
    let server = Server::start(&fixture(), ApiConfig::default()).await;
    let all = offers();

    // newest first by default without text; pages follow each other
    let page1 = server.get("/api/v1/offers?page_size=7").await;
    let page2 = server.get("/api/v1/offers?page_size=7&page=2").await;
    let mut newest: Vec<&Offer> = all.iter().collect();
    newest.sort_by(|a, b| posted(b).cmp(&posted(a)).then(a.id.cmp(&b.id)));
    let expected: Vec<String> = newest.iter().map(|o| o.id.to_string()).collect();
    assert_eq!(page1["total"], 60);
    assert_eq!(ids(&page1), expected[..7]);
    assert_eq!(ids(&page2), expected[7..14]);

    // every filter at once, and lists as repeats or commas
    let v = server
        .get("/api/v1/offers?role=data_engineer,data_analyst&department=75&department=92&contract=cdi&page_size=100")
        .await;
    let expected: BTreeSet<String> = all
        .iter()
        .filter(|o| {
            ["data_engineer", "data_analyst"].contains(&o.role.as_deref().unwrap())
                && ["75", "92"].contains(&o.location.department_code.as_deref().unwrap())
                && o.contract.kind == Some(ContractType::Cdi)
        })
        .map(|o| o.id.to_string())
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(ids(&v).into_iter().collect::<BTreeSet<_>>(), expected);
    assert_eq!(v["total"], expected.len() as u64);

    // skills are all required; names and aliases work
    let v = server
        .get("/api/v1/offers?skill=Python&skill=sql&page_size=100")
        .await;
    let expected = all
        .iter()
        .filter(|o| o.skills.contains(&"python".into()) && o.skills.contains(&"sql".into()))
        .count();
    assert_eq!(v["total"], expected as u64);
    assert_eq!(expected, 6); // multiples of 10

    // French full text: plural, accents and case do not matter
    let v = server
        .get("/api/v1/offers?q=PIPELINE%20donnees&page_size=100")
        .await;
    assert_eq!(v["total"], 15);
    assert!(ids(&v).iter().all(|id| {
        let o = all.iter().find(|o| o.id.as_str() == id).unwrap();
        o.role.as_deref() == Some("data_engineer")
    }));

    // dates are Paris days, both ends inclusive
    let v = server
        .get("/api/v1/offers?from=2026-11-20&to=2026-11-26&page_size=100")
        .await;
    let from = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let to = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let expected = all
        .iter()
        .filter(|o| (from..=to).contains(&paris_day(posted(o))))
        .count();
    assert_eq!(v["total"], expected as u64);
    assert!(expected >= 3);

    // highest salary first, offers without one last
    let v = server
        .get("/api/v1/offers?sort=salary_desc&page_size=100")
        .await;
    let mins: Vec<Option<f64>> = v["offers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["salary_min_eur"].as_f64())
        .collect();
    let known: Vec<f64> = mins.iter().map_while(|m| *m).collect();
    assert_eq!(known.len(), 40);
    assert!(known.windows(2).all(|w| w[0] >= w[1]));
    assert!(mins[40..].iter().all(Option::is_none));

    // active and withdrawn offers
    let v = server
        .get("/api/v1/offers?active=false&page_size=100")
        .await;
    assert_eq!(v["total"], 10);
}

#[tokio::test]
async fn an_offer_has_its_text_and_every_link() {
    let server = Server::start(&fixture(), ApiConfig::default()).await;
    let v = server.get("/api/v1/offers/francetravail:T000").await;
    assert_eq!(v["title"], "Data Engineer H/F");
    assert_eq!(
        v["description"],
        "Vous construirez nos pipelines de données sur le cloud."
    );
    assert_eq!(v["department_name"], "Paris");
    assert_eq!(v["region_name"], "Île-de-France");
    assert_eq!(v["contract_label"], "CDI");
    let links: Vec<(&str, &str)> = v["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["name"].as_str().unwrap(), l["url"].as_str().unwrap()))
        .collect();
    assert_eq!(
        links,
        [
            ("France Travail", "https://example.org/offres/T000"),
            ("Site de l'entreprise", "https://acme.example/jobs/1"),
        ]
    );
    let e = server
        .error("/api/v1/offers/francetravail:NOPE", 404, "not_found")
        .await;
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("francetravail:NOPE")
    );
}

#[tokio::test]
async fn time_series_count_every_offer_once_per_paris_interval() {
    let server = Server::start(&fixture(), ApiConfig::default()).await;
    let all = offers();
    let v = server.get("/api/v1/timeseries?interval=month").await;
    let mut per_month: BTreeMap<String, u64> = BTreeMap::new();
    for o in &all {
        let d = paris_day(posted(o));
        *per_month
            .entry(d.format("%Y-%m-01").to_string())
            .or_default() += 1;
    }
    let series = &v["series"][0];
    assert_eq!(series["key"], "all");
    let got: BTreeMap<String, u64> = series["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["start"].as_str().unwrap().to_string(),
                p["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, per_month);
    assert_eq!(series["total"], 60);

    // by role: one series per role, same intervals, sums equal to each role's offers
    let v = server
        .get("/api/v1/timeseries?interval=week&by=role&top=2&skill=python")
        .await;
    let series = v["series"].as_array().unwrap();
    assert_eq!(series.len(), 3);
    let weeks = series[0]["points"].as_array().unwrap().len();
    assert!(
        series
            .iter()
            .all(|s| s["points"].as_array().unwrap().len() == weeks)
    );
    for s in &series[1..] {
        let role = s["key"].as_str().unwrap();
        let expected = all
            .iter()
            .filter(|o| o.role.as_deref() == Some(role) && o.skills.contains(&"python".into()))
            .count() as u64;
        assert_eq!(s["total"], expected, "{role}");
    }
    // python goes with even offers: data engineers and data scientists only
    let keys: BTreeSet<&str> = series[1..]
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, BTreeSet::from(["data_engineer", "data_scientist"]));

    // active offers per week: an offer counts in every week it was online
    let v = server
        .get("/api/v1/timeseries?interval=week&metric=active")
        .await;
    let points = v["series"][0]["points"].as_array().unwrap();
    let last = points.last().unwrap();
    let start = NaiveDate::parse_from_str(last["start"].as_str().unwrap(), "%Y-%m-%d").unwrap();
    let end = start + chrono::Days::new(7);
    let online = all
        .iter()
        .filter(|o| paris_day(o.first_seen_at) < end && paris_day(o.last_seen_at) >= start)
        .count() as u64;
    assert_eq!(last["count"], online);
}

#[tokio::test]
async fn breakdowns_count_every_dimension() {
    let server = Server::start(&fixture(), ApiConfig::default()).await;
    let all = offers();
    let count_by = |key: &dyn Fn(&Offer) -> Vec<String>| {
        let mut m: BTreeMap<String, u64> = BTreeMap::new();
        for o in &all {
            for k in key(o) {
                *m.entry(k).or_default() += 1;
            }
        }
        m
    };
    let cases: Vec<(&str, BTreeMap<String, u64>)> = vec![
        ("role", count_by(&|o| o.role.clone().into_iter().collect())),
        (
            "seniority",
            count_by(&|o| vec![o.seniority.unwrap().as_str().into()]),
        ),
        (
            "contract",
            count_by(&|o| vec![o.contract.kind.unwrap().as_str().into()]),
        ),
        (
            "remote",
            count_by(&|o| vec![o.remote.unwrap().as_str().into()]),
        ),
        (
            "department",
            count_by(&|o| o.location.department_code.clone().into_iter().collect()),
        ),
        (
            "region",
            count_by(&|o| o.location.region_code.clone().into_iter().collect()),
        ),
        (
            "company",
            count_by(&|o| o.company.name_normalized.clone().into_iter().collect()),
        ),
        ("source", count_by(&|o| vec![o.source.clone()])),
        ("skill", count_by(&|o| o.skills.clone())),
    ];
    for (dimension, expected) in cases {
        let v = server
            .get(&format!("/api/v1/breakdowns/{dimension}?size=100"))
            .await;
        let got: BTreeMap<String, u64> = v["buckets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| {
                (
                    b["key"].as_str().unwrap().to_string(),
                    b["count"].as_u64().unwrap(),
                )
            })
            .collect();
        assert_eq!(got, expected, "{dimension}");
        let counts: Vec<u64> = v["buckets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["count"].as_u64().unwrap())
            .collect();
        assert!(
            counts.windows(2).all(|w| w[0] >= w[1]),
            "{dimension} ordered"
        );
    }
    let v = server.get("/api/v1/breakdowns/company").await;
    assert_eq!(v["missing"], 15); // every fourth group of three offers names no company
    // a company's label is its display name (its key is normalised)
    let companies = v["buckets"].as_array().unwrap();
    assert_eq!(companies.len(), 3);
    for c in companies {
        let key = c["key"].as_str().unwrap();
        let name = all
            .iter()
            .find(|o| o.company.name_normalized.as_deref() == Some(key))
            .and_then(|o| o.company.name.clone())
            .unwrap();
        assert_eq!(c["label"], name, "{key}");
    }
    let v = server.get("/api/v1/breakdowns/region?size=2").await;
    assert_eq!(v["buckets"][0]["key"], "11");
    assert_eq!(v["buckets"][0]["label"], "Île-de-France");
    assert_eq!(v["buckets"][0]["count"], 20);
    assert!((f(&v["buckets"][0]["share"]) - 20.0 / 60.0).abs() < 1e-9);
    assert_eq!(v["buckets"].as_array().unwrap().len(), 2);
    // per 100 000 inhabitants: Île-de-France had 12 292 000 (INSEE 2021, its 8 departments)
    let idf = f(&v["buckets"][0]["per_100k_inhabitants"]);
    assert!(
        (idf - 20.0 * 100_000.0 / 12_292_000.0).abs() < 1e-9,
        "{idf}"
    );
    let v = server.get("/api/v1/breakdowns/department?size=200").await;
    for b in v["buckets"].as_array().unwrap() {
        let n = b["count"].as_f64().unwrap();
        match b["key"].as_str().unwrap() {
            "75" => assert!((f(&b["per_100k_inhabitants"]) - n * 1e5 / 2_133_000.0).abs() < 1e-9),
            "69" => assert!((f(&b["per_100k_inhabitants"]) - n * 1e5 / 1_883_000.0).abs() < 1e-9),
            _ => {}
        }
    }
    let roles = server.get("/api/v1/breakdowns/role").await;
    assert!(roles["buckets"][0].get("per_100k_inhabitants").is_none());
    let voc = server.get("/api/v1/vocabularies").await;
    let find = |list: &str, key: &str| {
        voc[list]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["key"] == key)
            .unwrap()
            .clone()
    };
    assert_eq!(find("departments", "75")["population"], 2_133_000);
    assert_eq!(find("regions", "11")["population"], 12_292_000);
    assert!(find("departments", "975").get("population").is_none());
    assert!(find("skills", "python").get("population").is_none());
    server
        .error("/api/v1/breakdowns/planet", 404, "not_found")
        .await;
}

#[tokio::test]
async fn salary_quartiles_by_group_are_exact_and_small_groups_withheld() {
    let config = ApiConfig {
        salary_min_count: 3,
        ..ApiConfig::default()
    };
    let server = Server::start(&fixture(), config).await;
    let all = offers();
    let v = server.get("/api/v1/salaries?group_by=role,seniority").await;
    assert_eq!(v["min_count"], 3);
    assert_eq!(v["offers"], 60);
    assert_eq!(v["with_salary"], 40);
    let mut groups: BTreeMap<(String, String), Vec<f64>> = BTreeMap::new();
    for o in &all {
        if let Some(m) = mid(o) {
            groups
                .entry((
                    o.role.clone().unwrap(),
                    o.seniority.unwrap().as_str().into(),
                ))
                .or_default()
                .push(m);
        }
    }
    let got = v["groups"].as_array().unwrap();
    assert_eq!(got.len(), groups.len());
    let mut suppressed = 0;
    for g in got {
        let key = (
            g["keys"]["role"].as_str().unwrap().to_string(),
            g["keys"]["seniority"].as_str().unwrap().to_string(),
        );
        let values = groups.get_mut(&key).unwrap();
        assert_eq!(g["count"], values.len() as u64, "{key:?}");
        if values.len() < 3 {
            suppressed += 1;
            assert_eq!(g["suppressed"], true);
            assert!(g["median"].is_null() && g["p25"].is_null() && g["p75"].is_null());
        } else {
            let q = percentiles(values, &[25.0, 50.0, 75.0]);
            assert_eq!(f(&g["p25"]), q[0].1.unwrap(), "{key:?}");
            assert_eq!(f(&g["median"]), q[1].1.unwrap(), "{key:?}");
            assert_eq!(f(&g["p75"]), q[2].1.unwrap(), "{key:?}");
        }
        assert!(g["labels"]["role"].is_string());
    }
    assert!(suppressed < got.len());

    // three dimensions, and filters
    let v = server
        .get("/api/v1/salaries?group_by=role,seniority,region&contract=cdi")
        .await;
    let total: u64 = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["count"].as_u64().unwrap())
        .sum();
    let expected = all
        .iter()
        .filter(|o| o.contract.kind == Some(ContractType::Cdi) && mid(o).is_some())
        .count() as u64;
    assert_eq!(total, expected);

    // trend per month and histogram
    let v = server.get("/api/v1/salaries/trend?interval=month").await;
    let mut per_month: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for o in &all {
        if let Some(m) = mid(o) {
            per_month
                .entry(paris_day(posted(o)).format("%Y-%m-01").to_string())
                .or_default()
                .push(m);
        }
    }
    let points = v["points"].as_array().unwrap();
    assert_eq!(points.len(), per_month.len());
    for p in points {
        let values = per_month.get_mut(p["start"].as_str().unwrap()).unwrap();
        assert_eq!(p["count"], values.len() as u64);
        let median = percentiles(values, &[50.0])[0].1.unwrap();
        assert_eq!(f(&p["median"]), median);
    }
    let v = server.get("/api/v1/salaries/histogram?band=10000").await;
    let mut bands: BTreeMap<i64, u64> = BTreeMap::new();
    for o in &all {
        if let Some(m) = mid(o) {
            *bands
                .entry((m / 10_000.0).floor() as i64 * 10_000)
                .or_default() += 1;
        }
    }
    let got: BTreeMap<i64, u64> = v["bands"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["count"].as_u64().unwrap() > 0)
        .map(|b| (f(&b["from_eur"]) as i64, b["count"].as_u64().unwrap()))
        .collect();
    assert_eq!(got, bands);
    assert_eq!(v["with_salary"], 40);
}

#[tokio::test]
async fn skills_rise_fall_go_together_and_characterise_roles() {
    let server = Server::start(&fixture(), ApiConfig::default()).await;
    let all = offers();

    // the last 28 days against the 28 before: dbt (offers 0–19) rises, tableau falls
    let v = server
        .get("/api/v1/skills/trends?min_count=3&size=50")
        .await;
    assert_eq!(v["current"]["to"], "2026-11-28");
    assert_eq!(v["current"]["from"], "2026-11-01");
    assert_eq!(v["previous"]["from"], "2026-10-04");
    let in_period = |o: &Offer, from: &str, to: &str| {
        let d = paris_day(posted(o)).format("%Y-%m-%d").to_string();
        d.as_str() >= from && d.as_str() <= to
    };
    let current: Vec<&Offer> = all
        .iter()
        .filter(|o| in_period(o, "2026-11-01", "2026-11-28"))
        .collect();
    let previous: Vec<&Offer> = all
        .iter()
        .filter(|o| in_period(o, "2026-10-04", "2026-10-31"))
        .collect();
    assert_eq!(v["current"]["offers"], current.len() as u64);
    assert_eq!(v["previous"]["offers"], previous.len() as u64);
    let rising: Vec<&str> = v["rising"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    let falling: Vec<&str> = v["falling"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert_eq!(rising.first(), Some(&"dbt"));
    assert_eq!(falling.first(), Some(&"tableau"));
    let dbt = &v["rising"][0];
    let share = |set: &[&Offer], skill: &str| {
        set.iter()
            .filter(|o| o.skills.contains(&skill.into()))
            .count() as f64
            / set.len() as f64
    };
    assert!(
        (f(&dbt["change_points"]) - (share(&current, "dbt") - share(&previous, "dbt")) * 100.0)
            .abs()
            < 1e-9
    );

    // co-occurrence with spark
    let v = server.get("/api/v1/skills/spark/cooccurrence").await;
    let with: Vec<&Offer> = all
        .iter()
        .filter(|o| o.skills.contains(&"spark".into()))
        .collect();
    assert_eq!(v["offers_with_skill"], with.len() as u64);
    for r in v["related"].as_array().unwrap() {
        let key = r["key"].as_str().unwrap();
        let expected = with
            .iter()
            .filter(|o| o.skills.contains(&key.into()))
            .count() as u64;
        assert_eq!(r["count"], expected, "{key}");
        assert_ne!(key, "spark");
    }
    server
        .error(
            "/api/v1/skills/cobol-on-mars/cooccurrence",
            404,
            "not_found",
        )
        .await;

    // by role: power_bi characterises data analysts (only they ask for it)
    let v = server.get("/api/v1/skills/by-role?min_count=2").await;
    let analysts = v["roles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["role"] == "data_analyst")
        .unwrap();
    assert_eq!(analysts["offers"], 15);
    assert_eq!(analysts["characteristic"][0]["key"], "power_bi");
    assert!((f(&analysts["characteristic"][0]["lift"]) - 4.0).abs() < 1e-9);
    let top: BTreeMap<&str, u64> = analysts["top"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["key"].as_str().unwrap(), s["count"].as_u64().unwrap()))
        .collect();
    assert_eq!(top["power_bi"], 15);
}

#[tokio::test]
async fn companies_come_with_their_roles_places_and_skills() {
    let server = Server::start(&fixture(), ApiConfig::default()).await;
    let all = offers();
    let v = server.get("/api/v1/companies?detail_size=10").await;
    assert_eq!(v["offers"], 60);
    assert_eq!(v["offers_with_company"], 45);
    let companies = v["companies"].as_array().unwrap();
    assert_eq!(companies.len(), 3);
    for c in companies {
        let key = c["key"].as_str().unwrap();
        let mine: Vec<&Offer> = all
            .iter()
            .filter(|o| o.company.name_normalized.as_deref() == Some(key))
            .collect();
        assert_eq!(c["offers"], mine.len() as u64);
        assert_eq!(c["name"], mine[0].company.name.clone().unwrap());
        for r in c["roles"].as_array().unwrap() {
            let role = r["key"].as_str().unwrap();
            let n = mine
                .iter()
                .filter(|o| o.role.as_deref() == Some(role))
                .count() as u64;
            assert_eq!(r["count"], n, "{key} {role}");
        }
        for s in c["skills"].as_array().unwrap() {
            let skill = s["key"].as_str().unwrap();
            let n = mine
                .iter()
                .filter(|o| o.skills.contains(&skill.into()))
                .count() as u64;
            assert_eq!(s["count"], n, "{key} {skill}");
        }
        let depts: u64 = c["departments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["count"].as_u64().unwrap())
            .sum();
        assert_eq!(depts, mine.len() as u64);
    }
    let v = server
        .get("/api/v1/companies?role=ml_engineer&size=1")
        .await;
    assert_eq!(v["companies"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn bad_input_gets_a_400_naming_the_parameter() {
    let server = Server::start(&fixture(), ApiConfig::default()).await;
    for (path, parameter) in [
        ("/api/v1/offers?role=astronaut", "role"),
        ("/api/v1/offers?from=2026-02-30", "from"),
        ("/api/v1/offers?to=yesterday", "to"),
        ("/api/v1/offers?page_size=101", "page_size"),
        ("/api/v1/offers?page=200&page_size=100", "page"),
        ("/api/v1/offers?sort=random", "sort"),
        ("/api/v1/overview?department=2C", "department"),
        ("/api/v1/timeseries?by=planet", "by"),
        ("/api/v1/timeseries?interval=year", "interval"),
        (
            "/api/v1/salaries?group_by=role,seniority,region,contract",
            "group_by",
        ),
        ("/api/v1/skills/trends?min_count=0", "min_count"),
        ("/api/v1/companies?size=abc", "size"),
        ("/api/v1/overview?salary_known=perhaps", "salary_known"),
    ] {
        let e = server.error(path, 400, "invalid_parameter").await;
        assert_eq!(e["parameter"], parameter, "{path}");
        assert!(
            e["message"].as_str().unwrap().starts_with(parameter),
            "{path}: {e}"
        );
    }
    let e = server
        .error(
            "/api/v1/overview?rol=data_analyst",
            400,
            "unknown_parameter",
        )
        .await;
    assert_eq!(e["parameter"], "rol");
    assert!(e["message"].as_str().unwrap().contains("role"));

    server.error("/api/v2/overview", 404, "not_found").await;
    let response = server
        .client
        .delete(format!("{}/api/v1/overview", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 405);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "method_not_allowed");

    let response = server
        .client
        .post(format!("{}/api/v1/admin/ingest", server.base))
        .body(vec![b'x'; 100_000])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
}

#[tokio::test]
async fn an_unavailable_store_is_a_503_and_not_ready() {
    // an Elasticsearch store on a port where nothing listens
    let store = jobmarket_storage::elasticsearch::ElasticsearchStore::connect(
        jobmarket_storage::elasticsearch::Config::local("http://127.0.0.1:9", "jm-test"),
    )
    .await
    .unwrap();
    let server = Server::serve(
        Arc::new(store),
        ApiConfig::default(),
        DataStatus::default(),
        None,
        tempfile::tempdir().unwrap(),
    )
    .await;
    server
        .error("/api/v1/overview", 503, "store_unavailable")
        .await;
    server.error("/readyz", 503, "store_unavailable").await;
    assert_eq!(server.get("/healthz").await["status"], "ok");
    let metrics = server.get_raw("/metrics").await.text().await.unwrap();
    assert!(metrics.contains("jobmarket_offers_indexed -1"), "{metrics}");
}

#[tokio::test]
async fn slow_answers_time_out_with_a_503() {
    // an Elasticsearch store that accepts connections and never answers
    let hung = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", hung.local_addr().unwrap());
    let store = jobmarket_storage::elasticsearch::ElasticsearchStore::connect(
        jobmarket_storage::elasticsearch::Config::local(&url, "jm-test"),
    )
    .await
    .unwrap();
    let config = ApiConfig {
        request_timeout: Duration::from_millis(300),
        ..ApiConfig::default()
    };
    let server = Server::serve(
        Arc::new(store),
        config,
        DataStatus::default(),
        None,
        tempfile::tempdir().unwrap(),
    )
    .await;
    let started = std::time::Instant::now();
    server.error("/api/v1/overview", 503, "timeout").await;
    assert!(started.elapsed() < Duration::from_secs(5));
    drop(hung);
}

/// Counts the collections it was asked for.
struct CountingRefresher(std::sync::atomic::AtomicU32);

#[async_trait::async_trait]
impl Refresher for CountingRefresher {
    async fn refresh(&self) -> Result<DataStatus, String> {
        self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Ok(DataStatus {
            demo: true,
            last_collection: Some(Collection {
                source: "francetravail".into(),
                status: "success".into(),
                mode: "incremental".into(),
                started_at: now(),
                finished_at: Some(now()),
                offers: 60,
            }),
            last_success_at: Some(now()),
        })
    }
}

#[tokio::test]
async fn admin_ingest_needs_the_configured_token() {
    // read-only by default
    let server = Server::start(&fixture(), ApiConfig::default()).await;
    let post = |server: &Server, token: Option<&str>| {
        let mut request = server
            .client
            .post(format!("{}/api/v1/admin/ingest", server.base));
        if let Some(t) = token {
            request = request.bearer_auth(t);
        }
        request.send()
    };
    assert_eq!(post(&server, Some("anything")).await.unwrap().status(), 403);

    let refresher = Arc::new(CountingRefresher(Default::default()));
    let config = ApiConfig {
        admin_token: Some("s3cret-token".into()),
        ..ApiConfig::default()
    };
    let server = Server::start_with(
        &fixture(),
        config,
        DataStatus::default(),
        Some(refresher.clone()),
    )
    .await;
    assert_eq!(post(&server, None).await.unwrap().status(), 401);
    assert_eq!(
        post(&server, Some("s3cret-tokeN")).await.unwrap().status(),
        401
    );
    let response = post(&server, Some("s3cret-token")).await.unwrap();
    assert_eq!(response.status(), 202);
    // the collection runs in the background; its result shows in the status
    let mut status = Value::Null;
    for _ in 0..100 {
        status = server.get("/api/v1/status").await;
        if status["refresh"]["last_finished_at"].is_string() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(refresher.0.load(std::sync::atomic::Ordering::SeqCst), 1);
    assert_eq!(status["data"]["demo"], true);
    assert_eq!(status["data"]["last_collection"]["mode"], "incremental");
    assert_eq!(status["admin_enabled"], true);
    // the token never appears in an answer
    assert!(!status.to_string().contains("s3cret"));
    let metrics = server.get_raw("/metrics").await.text().await.unwrap();
    assert!(metrics.contains("jobmarket_last_collection_success 1"));
    assert!(metrics.contains("jobmarket_last_collection_offers 60"));
}

#[tokio::test]
async fn demo_data_are_flagged_in_every_answer() {
    let status = DataStatus {
        demo: true,
        ..DataStatus::default()
    };
    let server = Server::start_with(&fixture(), ApiConfig::default(), status, None).await;
    for path in [
        "/api/v1/overview",
        "/api/v1/offers",
        "/api/v1/breakdowns/role",
    ] {
        let response = server.get_raw(path).await;
        assert_eq!(response.headers()["x-jobmarket-demo"], "true");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["meta"]["demo"], true, "{path}");
    }
    let server = Server::start(&fixture(), ApiConfig::default()).await;
    let response = server.get_raw("/api/v1/overview").await;
    assert!(response.headers().get("x-jobmarket-demo").is_none());
}

#[tokio::test]
async fn metrics_count_requests_per_route() {
    let server = Server::start(&fixture(), ApiConfig::default()).await;
    for _ in 0..3 {
        server.get("/api/v1/overview").await;
    }
    server
        .error("/api/v1/overview?role=x", 400, "invalid_parameter")
        .await;
    server.get("/api/v1/offers/francetravail:T001").await;
    let metrics = server.get_raw("/metrics").await.text().await.unwrap();
    assert!(metrics.contains(
        r#"jobmarket_http_requests_total{method="GET",route="/api/v1/overview",status="200"} 3"#
    ));
    assert!(metrics.contains(
        r#"jobmarket_http_requests_total{method="GET",route="/api/v1/overview",status="400"} 1"#
    ));
    assert!(metrics.contains(
        r#"jobmarket_http_requests_total{method="GET",route="/api/v1/offers/{id}",status="200"} 1"#
    ));
    assert!(
        metrics.contains(
            r#"jobmarket_http_request_duration_seconds_count{route="/api/v1/overview"} 4"#
        )
    );
    assert!(metrics.contains("jobmarket_offers_indexed 60"));
    // the second and third identical requests were answered from the cache
    assert!(
        metrics.contains(r#"jobmarket_cache_requests_total{result="hit"} 2"#),
        "{metrics}"
    );
    assert!(metrics.contains("jobmarket_store_query_duration_seconds_count"));
}

#[tokio::test]
async fn cors_is_off_unless_origins_are_configured() {
    let server = Server::start(&fixture(), ApiConfig::default()).await;
    let response = server
        .client
        .get(format!("{}/api/v1/overview", server.base))
        .header("origin", "https://example.org")
        .send()
        .await
        .unwrap();
    assert!(
        response
            .headers()
            .get("access-control-allow-origin")
            .is_none()
    );

    let config = ApiConfig {
        cors_origins: vec!["https://dashboard.example".into()],
        ..ApiConfig::default()
    };
    let server = Server::start(&fixture(), config).await;
    let allowed = server
        .client
        .get(format!("{}/api/v1/overview", server.base))
        .header("origin", "https://dashboard.example")
        .send()
        .await
        .unwrap();
    assert_eq!(
        allowed.headers()["access-control-allow-origin"],
        "https://dashboard.example"
    );
    let other = server
        .client
        .get(format!("{}/api/v1/overview", server.base))
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert!(other.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn the_openapi_document_lists_and_accepts_every_parameter() {
    let server = Server::start(&fixture(), ApiConfig::default()).await;
    let doc = server.get("/api/openapi.json").await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    let paths = doc["paths"].as_object().unwrap();
    for path in [
        "/api/v1/offers",
        "/api/v1/offers/{id}",
        "/api/v1/overview",
        "/api/v1/timeseries",
        "/api/v1/breakdowns/{dimension}",
        "/api/v1/salaries",
        "/api/v1/salaries/trend",
        "/api/v1/salaries/histogram",
        "/api/v1/skills/trends",
        "/api/v1/skills/{skill}/cooccurrence",
        "/api/v1/skills/by-role",
        "/api/v1/companies",
        "/api/v1/vocabularies",
        "/api/v1/status",
        "/api/v1/admin/ingest",
        "/healthz",
        "/readyz",
    ] {
        assert!(paths.contains_key(path), "{path} is not documented");
    }
    // every documented parameter is accepted with a valid value
    for (path, specs) in jobmarket_api::documented_parameters() {
        let documented: BTreeSet<String> = doc["paths"]
            .as_object()
            .unwrap()
            .iter()
            .find(|(p, _)| {
                let re = p
                    .replace("{dimension}", "role")
                    .replace("{skill}", "python");
                re == path
            })
            .unwrap()
            .1["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["in"] == "query")
            .map(|p| p["name"].as_str().unwrap().to_string())
            .collect();
        let table: BTreeSet<String> = specs.iter().map(|s| s.name.to_string()).collect();
        assert_eq!(documented, table, "{path}");
        for spec in specs {
            let value = example(spec);
            let url = format!("{path}?{}={value}", spec.name);
            let response = server.get_raw(&url).await;
            assert_eq!(
                response.status(),
                200,
                "{url}: {}",
                response.text().await.unwrap()
            );
        }
    }
    // the interactive page works offline: its scripts are served by us
    let page = server.get_raw("/api/docs/").await.text().await.unwrap();
    assert!(page.contains("swagger-ui"));
    let script = server.get_raw("/api/docs/swagger-ui-bundle.js").await;
    assert_eq!(script.status(), 200);
}

/// A valid value for a documented parameter.
fn example(spec: &jobmarket_api::params::Spec) -> String {
    use jobmarket_api::params::Kind;
    use jobmarket_api::vocab::Dimension;
    match spec.kind {
        Kind::Text(_) => "data".into(),
        Kind::List(Dimension::Company) => "globex".into(),
        Kind::List(Dimension::Source) => "francetravail".into(),
        Kind::List(d) => d.values().unwrap()[0].to_string(),
        Kind::Date => "2026-11-01".into(),
        Kind::Bool => "true".into(),
        Kind::Int { default, .. } => default.to_string(),
        Kind::OneOf(words, _) => words.last().unwrap().to_string(),
        Kind::Dimensions { .. } => "role".into(),
    }
}

#[tokio::test]
async fn answers_are_gzipped_for_clients_that_accept_it() {
    let server = Server::start(&fixture(), ApiConfig::default()).await;
    let path = "/api/v1/offers?page_size=50&sort=newest";
    let plain = server.get_raw(path).await;
    assert!(plain.headers().get("content-encoding").is_none());
    let plain: Value = plain.json().await.unwrap();
    let zipped = server.get_with(path, &[("accept-encoding", "gzip")]).await;
    assert_eq!(zipped.status(), 200);
    assert_eq!(zipped.headers()["content-encoding"], "gzip");
    assert_eq!(zipped.headers()["content-type"], "application/json");
    let bytes = zipped.bytes().await.unwrap();
    let unzipped: Value =
        serde_json::from_reader(flate2::read::GzDecoder::new(&bytes[..])).unwrap();
    assert_eq!(unzipped["offers"], plain["offers"]);
    assert_eq!(unzipped["total"], plain["total"]);
    assert!(bytes.len() * 3 < serde_json::to_vec(&plain).unwrap().len());
}

#[tokio::test]
async fn the_dashboard_is_served_at_the_root_outside_the_api() {
    let server = Server::start(&fixture(), ApiConfig::default()).await;
    let index = server.get_raw("/").await;
    assert_eq!(index.status(), 200);
    let headers = index.headers().clone();
    assert_eq!(headers["content-type"], "text/html; charset=utf-8");
    assert_eq!(headers["cache-control"], "no-cache");
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.starts_with(
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'"
        )
    );
    assert!(!csp.contains("script-src"), "{csp}");
    let html = index.text().await.unwrap();
    assert!(html.contains("<script type=\"module\" src=\"app.js\">"));
    assert!(!html.contains("<script>"), "no inline script");

    let app = server.get_raw("/app.js").await;
    assert_eq!(app.status(), 200);
    assert_eq!(
        app.headers()["content-type"],
        "text/javascript; charset=utf-8"
    );
    assert_eq!(app.headers()["cache-control"], "no-cache");
    assert!(app.headers().get("content-security-policy").is_none());
    let vendor = server.get_raw("/vendor/echarts.min.js").await;
    assert_eq!(vendor.status(), 200);
    assert_eq!(vendor.headers()["cache-control"], "public, max-age=86400");
    assert_eq!(vendor.headers()["x-content-type-options"], "nosniff");
    assert_eq!(server.get_raw("/views/map.js").await.status(), 200);

    // text files go gzipped to clients that accept gzip; an ETag answers revalidations with 304
    let echarts = "/vendor/echarts.min.js";
    let plain = server.get_raw(echarts).await;
    assert!(plain.headers().get("content-encoding").is_none());
    assert_eq!(plain.headers()["vary"], "accept-encoding");
    let etag = plain.headers()["etag"].to_str().unwrap().to_string();
    let plain = plain.bytes().await.unwrap();
    let zipped = server
        .get_with(echarts, &[("accept-encoding", "br, gzip;q=0.8, deflate")])
        .await;
    assert_eq!(zipped.headers()["content-encoding"], "gzip");
    assert_eq!(zipped.headers()["etag"].to_str().unwrap(), etag);
    let zipped = zipped.bytes().await.unwrap();
    assert!(
        zipped.len() * 2 < plain.len(),
        "{} vs {}",
        zipped.len(),
        plain.len()
    );
    let mut unzipped = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::GzDecoder::new(&zipped[..]),
        &mut unzipped,
    )
    .unwrap();
    assert_eq!(unzipped, plain);
    let refused = server
        .get_with(echarts, &[("accept-encoding", "gzip;q=0, identity")])
        .await;
    assert!(refused.headers().get("content-encoding").is_none());
    assert_eq!(refused.bytes().await.unwrap(), plain);
    let unchanged = server.get_with(echarts, &[("if-none-match", &etag)]).await;
    assert_eq!(unchanged.status(), 304);
    assert!(unchanged.bytes().await.unwrap().is_empty());
    let changed = server
        .get_with(echarts, &[("if-none-match", "\"0000\"")])
        .await;
    assert_eq!(changed.status(), 200);

    // unknown paths, API paths and the crate's own source keep the JSON 404
    for path in [
        "/nope.js",
        "/lib.rs",
        "/api",
        "/api/index.html",
        "/api/v1/index.html",
        "/metrics/app.js",
        "/index.html/",
    ] {
        server.error(path, 404, "not_found").await;
    }
    let post = server
        .client
        .post(format!("{}/", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(post.status(), 404);
}
