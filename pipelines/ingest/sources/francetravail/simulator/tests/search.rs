//! Search endpoint over HTTP: range rules, status codes, Content-Range, filters, paging.

mod common;

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};
use common::*;
use jobmarket_francetravail_sim::SimConfig;
use reqwest::StatusCode;
use serde_json::Value;

fn fold(s: &str) -> String {
    s.to_lowercase()
        .replace(['é', 'è', 'ê', 'ë'], "e")
        .replace(['à', 'â'], "a")
        .replace(['î', 'ï'], "i")
        .replace('ô', "o")
        .replace(['ù', 'û'], "u")
        .replace('ç', "c")
}

fn searchable(o: &Value) -> String {
    let mut t = format!(
        "{} {} {} {} {}",
        o["intitule"].as_str().unwrap(),
        o["romeCode"].as_str().unwrap(),
        o["romeLibelle"].as_str().unwrap(),
        o["appellationlibelle"].as_str().unwrap(),
        o["description"].as_str().unwrap()
    );
    for c in o["competences"].as_array().into_iter().flatten() {
        t.push(' ');
        t.push_str(c["libelle"].as_str().unwrap());
    }
    fold(&t)
}

fn dept(o: &Value) -> Option<String> {
    let lt = &o["lieuTravail"];
    if let Some(c) = lt["commune"].as_str() {
        return Some(if c.starts_with("97") {
            c[..3].to_string()
        } else {
            c[..2].to_string()
        });
    }
    let head = lt["libelle"].as_str().unwrap().split(" - ").next().unwrap();
    (head.len() <= 3 && head != "France").then(|| head.to_string())
}

#[tokio::test]
async fn range_validation_messages() {
    let sim = sim(unlimited(200, 3)).await;
    let c = client();
    let t = token(&c, &sim).await;
    let cases = [
        (
            "abc",
            "Format du paramètre « range » incorrect. <entier>-<entier> attendu.",
        ),
        (
            "10",
            "Format du paramètre « range » incorrect. <entier>-<entier> attendu.",
        ),
        (
            "50-10",
            "Format du paramètre « range » incorrect. <entier>-<entier> attendu.",
        ),
        (
            "0-150",
            "La plage de résultats demandée est trop importante.",
        ),
        (
            "0-199",
            "La plage de résultats demandée est trop importante.",
        ),
        (
            "3001-3149",
            "La position de début doit être inférieure ou égale à 3000.",
        ),
        (
            "3100-3149",
            "La position de début doit être inférieure ou égale à 3000.",
        ),
    ];
    for (range, message) in cases {
        let r = search(&c, &sim, &t, &[("range", range)]).await;
        assert_eq!(expect_400(r).await, message, "range={range}");
    }
    // Other parameters.
    let cases: [(&[(&str, &str)], &str); 9] = [
        (
            &[("motsCles", "a")],
            "Format du paramètre « motsCles » incorrect. 7 mots-clé au maximum séparés par des virgules et d'au moins 2 caractères.",
        ),
        (
            &[("motsCles", "aa,bb,cc,dd,ee,ff,gg,hh")],
            "Format du paramètre « motsCles » incorrect. 7 mots-clé au maximum séparés par des virgules et d'au moins 2 caractères.",
        ),
        (
            &[("departement", "99")],
            "Valeur du paramètre « departement » incorrecte.",
        ),
        (
            &[("typeContrat", "INTERIM")],
            "Valeur du paramètre « typeContrat » incorrecte.",
        ),
        (
            &[("tempsPlein", "yes")],
            "Format du paramètre « tempsPlein » incorrect. Booléen attendu.",
        ),
        (
            &[("offresManqueCandidats", "1")],
            "Format du paramètre « offresManqueCandidats » incorrect. Booléen attendu.",
        ),
        (
            &[("experienceExigence", "X")],
            "Format du paramètre « experienceExigence » incorrect. D, E ou S attendu.",
        ),
        (
            &[("minCreationDate", "2026-01-01T00:00:00Z")],
            "Les paramètres « minCreationDate » et « maxCreationDate » doivent être renseignés ensemble.",
        ),
        (
            &[("maxCreationDate", "2026-01-01T00:00:00Z")],
            "Les paramètres « minCreationDate » et « maxCreationDate » doivent être renseignés ensemble.",
        ),
    ];
    for (params, message) in cases {
        let r = search(&c, &sim, &t, params).await;
        assert_eq!(expect_400(r).await, message, "{params:?}");
    }
    let r = search(&c, &sim, &t, &[("publieeDepuis", "5")]).await;
    assert!(expect_400(r).await.contains("publieeDepuis"));
    let r = search(
        &c,
        &sim,
        &t,
        &[
            ("minCreationDate", "2026-01-01"),
            ("maxCreationDate", "2026-01-02T00:00:00Z"),
        ],
    )
    .await;
    assert!(expect_400(r).await.contains("minCreationDate"));
    // Unknown parameters are ignored.
    let r = search(
        &c,
        &sim,
        &t,
        &[("page", "4"), ("size", "10"), ("alternance", "peut-etre")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(
        header(&r, "content-range").as_deref(),
        Some("offres 0-149/200")
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn status_codes_and_content_range() {
    let sim = sim(SimConfig {
        dominant_rome: None,
        ..unlimited(353, 4)
    })
    .await;
    let c = client();
    let t = token(&c, &sim).await;
    let r = search(&c, &sim, &t, &[]).await;
    assert_eq!(r.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(
        header(&r, "content-range").as_deref(),
        Some("offres 0-149/353")
    );
    assert_eq!(header(&r, "accept-range").as_deref(), Some("150"));
    assert_eq!(
        header(&r, "content-type").as_deref(),
        Some("application/json;charset=UTF-8")
    );
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["resultats"].as_array().unwrap().len(), 150);
    // filtresPossibles count the whole result set.
    let filtres = v["filtresPossibles"].as_array().unwrap();
    let names: Vec<&str> = filtres
        .iter()
        .map(|f| f["filtre"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "typeContrat",
            "experience",
            "qualification",
            "natureContrat"
        ]
    );
    for f in filtres {
        let sum: u64 = f["agregation"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["nbResultats"].as_u64().unwrap())
            .sum();
        assert_eq!(sum, 353, "{f}");
    }
    // The last page.
    let r = search(&c, &sim, &t, &[("range", "300-449")]).await;
    assert_eq!(r.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(
        header(&r, "content-range").as_deref(),
        Some("offres 300-352/353")
    );
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["resultats"].as_array().unwrap().len(), 53);
    // Past the end.
    let r = search(&c, &sim, &t, &[("range", "353-400")]).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert!(r.bytes().await.unwrap().is_empty());
    // One-row window to read the total.
    let r = search(&c, &sim, &t, &[("range", "0-0")]).await;
    assert_eq!(r.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(
        header(&r, "content-range").as_deref(),
        Some("offres 0-0/353")
    );
    // Whole set in one window starting at 0 → 200.
    let few = sim.matching_ids(&[("typeContrat", "CDD")]).unwrap();
    assert!(!few.is_empty() && few.len() < 150, "{}", few.len());
    let r = search(&c, &sim, &t, &[("typeContrat", "CDD")]).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        header(&r, "content-range"),
        Some(format!("offres 0-{}/{}", few.len() - 1, few.len()))
    );
    // Same small set, window not starting at 0 → 206.
    let r = search(&c, &sim, &t, &[("typeContrat", "CDD"), ("range", "1-149")]).await;
    assert_eq!(r.status(), StatusCode::PARTIAL_CONTENT);
    // Nothing matches → 204, empty body.
    let r = search(&c, &sim, &t, &[("motsCles", "xylophoniste")]).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert!(r.bytes().await.unwrap().is_empty());
    // Rate-limit headers are on every API answer.
    let r = search(&c, &sim, &t, &[]).await;
    assert!(header(&r, "x-ratelimit-burst-capacity-clientidlimiter").is_some());
    assert_eq!(
        header(&r, "x-ratelimit-requested-tokens-clientidlimiter").as_deref(),
        Some("1")
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn paging_returns_each_id_once_and_equals_matching_ids() {
    let sim = sim(unlimited(1000, 5)).await;
    let c = client();
    let t = token(&c, &sim).await;
    for params in [
        vec![],
        vec![("sort", "1")],
        vec![("sort", "2")],
        vec![("codeROME", "M1811,M1405"), ("sort", "0")],
    ] {
        let all = fetch_all(&c, &sim, &t, &params).await;
        let got = ids(&all);
        assert!(unique(&got), "no duplicate across pages for {params:?}");
        let expected = sim.matching_ids(&params).unwrap();
        assert_eq!(
            got, expected,
            "pages in order == matching_ids for {params:?}"
        );
    }
    let all = sim.matching_ids(&[]).unwrap();
    assert_eq!(all.len(), 1000);
    assert_eq!(
        all.iter().collect::<HashSet<_>>(),
        sim.all_ids().iter().collect::<HashSet<_>>()
    );
    // sort=1 is by creation date, newest first.
    let by_date = fetch_all(&c, &sim, &t, &[("sort", "1")]).await;
    let dates: Vec<&str> = by_date
        .iter()
        .map(|o| o["dateCreation"].as_str().unwrap())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]));
    sim.shutdown().await;
}

#[tokio::test]
async fn filters_rome_keywords_departement_contract() {
    let sim = sim(unlimited(3000, 6)).await;
    let c = client();
    let t = token(&c, &sim).await;

    let rome = fetch_all(&c, &sim, &t, &[("codeROME", "M1405,M1419")]).await;
    assert!(!rome.is_empty());
    assert!(
        rome.iter()
            .all(|o| o["romeCode"] == "M1405" || o["romeCode"] == "M1419")
    );
    assert_eq!(
        rome.len(),
        sim.matching_ids(&[("codeROME", "M1405,M1419")])
            .unwrap()
            .len()
    );

    // Keywords: AND, case- and accent-insensitive.
    let data = sim.matching_ids(&[("motsCles", "data")]).unwrap();
    let python = sim.matching_ids(&[("motsCles", "PYTHON")]).unwrap();
    let both = fetch_all(&c, &sim, &t, &[("motsCles", "data,python")]).await;
    assert!(!both.is_empty());
    assert!(both.len() < data.len() && both.len() < python.len());
    for o in &both {
        let s = searchable(o);
        assert!(s.contains("data") && s.contains("python"), "{}", o["id"]);
    }
    let accents = sim.matching_ids(&[("motsCles", "donnees")]).unwrap();
    assert_eq!(
        accents,
        sim.matching_ids(&[("motsCles", "Données")]).unwrap()
    );
    assert!(!accents.is_empty());
    let phrase = fetch_all(&c, &sim, &t, &[("motsCles", "machine learning")]).await;
    assert!(!phrase.is_empty());
    assert!(
        phrase
            .iter()
            .all(|o| searchable(o).contains("machine learning"))
    );
    // Some non-data codes are found by "data" (data jobs filed under generic codes).
    let generic: Vec<String> = ["M1805", "M1801", "M1806", "M1802"]
        .iter()
        .flat_map(|r| {
            sim.matching_ids(&[("codeROME", r), ("motsCles", "data")])
                .unwrap()
        })
        .collect();
    assert!(!generic.is_empty());

    // Départements, including Corsica and Réunion.
    for d in ["2A", "974", "75", "69,13"] {
        let got = fetch_all(&c, &sim, &t, &[("departement", d)]).await;
        assert!(!got.is_empty(), "departement {d}");
        let wanted: Vec<&str> = d.split(',').collect();
        for o in &got {
            let od = dept(o).unwrap();
            assert!(wanted.contains(&od.as_str()), "{d}: {}", o["lieuTravail"]);
        }
    }
    let paris_dept_only = fetch_all(&c, &sim, &t, &[("departement", "75")]).await;
    assert!(paris_dept_only.iter().all(|o| {
        o["lieuTravail"]["libelle"]
            .as_str()
            .unwrap()
            .starts_with("75")
    }));

    // Contract types.
    let mis_cdd = fetch_all(&c, &sim, &t, &[("typeContrat", "MIS,CDD")]).await;
    assert!(!mis_cdd.is_empty());
    assert!(
        mis_cdd
            .iter()
            .all(|o| o["typeContrat"] == "MIS" || o["typeContrat"] == "CDD")
    );
    let cdi = sim.matching_ids(&[("typeContrat", "CDI")]).unwrap().len();
    let total = sim.offer_count();
    assert!(
        cdi > total / 3,
        "CDI is the majority contract: {cdi}/{total}"
    );

    // Combined filters are an AND.
    let combo = sim
        .matching_ids(&[
            ("codeROME", "M1811"),
            ("typeContrat", "CDI"),
            ("departement", "75,92"),
        ])
        .unwrap();
    let rome_only: HashSet<String> = sim
        .matching_ids(&[("codeROME", "M1811")])
        .unwrap()
        .into_iter()
        .collect();
    assert!(combo.iter().all(|id| rome_only.contains(id)));
    assert!(combo.len() < rome_only.len());
    sim.shutdown().await;
}

#[tokio::test]
async fn creation_date_window_is_inclusive_and_publiee_depuis_uses_the_real_clock() {
    let sim = sim(unlimited(100, 7)).await;
    let c = client();
    let t = token(&c, &sim).await;
    let base: DateTime<Utc> = "2020-05-04T10:00:00Z".parse().unwrap();
    let at_min = sim.add_offers(1, base);
    let inside = sim.add_offers(2, base + Duration::milliseconds(500));
    let at_max = sim.add_offers(1, base + Duration::seconds(60));
    let after_max = sim.add_offers(1, base + Duration::seconds(60) + Duration::milliseconds(1));
    let before = sim.add_offers(1, base - Duration::milliseconds(1));
    let params = [
        ("minCreationDate", "2020-05-04T10:00:00Z"),
        ("maxCreationDate", "2020-05-04T10:01:00Z"),
    ];
    let got: HashSet<String> = ids(&fetch_all(&c, &sim, &t, &params).await)
        .into_iter()
        .collect();
    let expected: HashSet<String> = at_min
        .iter()
        .chain(&inside)
        .chain(&at_max)
        .cloned()
        .collect();
    assert_eq!(got, expected);
    assert!(!got.contains(&after_max[0]) && !got.contains(&before[0]));
    // A one-second window [10:00:00, 10:00:00] holds only the offer created at exactly 10:00:00.000.
    let one = sim
        .matching_ids(&[
            ("minCreationDate", "2020-05-04T10:00:00Z"),
            ("maxCreationDate", "2020-05-04T10:00:00Z"),
        ])
        .unwrap();
    assert_eq!(one, at_min);

    let now = Utc::now();
    let two_days = sim.add_offers(1, now - Duration::days(2));
    let ten_days = sim.add_offers(1, now - Duration::days(10));
    let p3: HashSet<String> = sim
        .matching_ids(&[("publieeDepuis", "3")])
        .unwrap()
        .into_iter()
        .collect();
    assert!(p3.contains(&two_days[0]) && !p3.contains(&ten_days[0]));
    let p14: HashSet<String> = ids(&fetch_all(&c, &sim, &t, &[("publieeDepuis", "14")]).await)
        .into_iter()
        .collect();
    assert!(p14.contains(&two_days[0]) && p14.contains(&ten_days[0]));
    sim.shutdown().await;
}

#[tokio::test]
async fn dominant_rome_exceeds_the_3150_cap() {
    let sim = sim(unlimited(8000, 8)).await;
    let c = client();
    let t = token(&c, &sim).await;
    let m1811 = sim.matching_ids(&[("codeROME", "M1811")]).unwrap().len();
    assert!(m1811 > 3150, "M1811 alone above the cap: {m1811}");
    let r = search(
        &c,
        &sim,
        &t,
        &[("codeROME", "M1811"), ("range", "3000-3149")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(
        header(&r, "content-range"),
        Some(format!("offres 3000-3149/{m1811}"))
    );
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["resultats"].as_array().unwrap().len(), 150);
    let r = search(
        &c,
        &sim,
        &t,
        &[("codeROME", "M1811"), ("range", "3001-3149")],
    )
    .await;
    assert_eq!(
        expect_400(r).await,
        "La position de début doit être inférieure ou égale à 3000."
    );
    // Splitting by creation date windows reaches everything.
    let anchor = sim.config().anchor;
    let mut seen = HashSet::new();
    for w in 0..6 {
        let from = anchor - Duration::days(90) + Duration::days(15 * w);
        let to = from + Duration::days(15) - Duration::seconds(1);
        let f = from.format("%Y-%m-%dT%H:%M:%SZ").to_string();
        let tt = to.format("%Y-%m-%dT%H:%M:%SZ").to_string();
        let part = sim
            .matching_ids(&[
                ("codeROME", "M1811"),
                ("minCreationDate", &f),
                ("maxCreationDate", &tt),
            ])
            .unwrap();
        assert!(part.len() <= 3150);
        seen.extend(part);
    }
    assert_eq!(seen.len(), m1811);
    sim.shutdown().await;
}

#[tokio::test]
async fn bulk_import_shares_one_timestamp() {
    let sim = sim(SimConfig {
        bulk_import: Some(400),
        ..unlimited(500, 9)
    })
    .await;
    assert_eq!(sim.offer_count(), 900);
    let ts = sim.bulk_import_created_at().unwrap();
    let stamp = ts.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string();
    let second = ts.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let same = sim
        .matching_ids(&[("minCreationDate", &second), ("maxCreationDate", &second)])
        .unwrap();
    // The bound is the instant written: the bulk stamp has milliseconds, so widen by one second.
    let next = (ts + Duration::seconds(1))
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    let window = sim
        .matching_ids(&[("minCreationDate", &second), ("maxCreationDate", &next)])
        .unwrap();
    assert!(window.len() >= 400, "{}", window.len());
    let exact = window
        .iter()
        .filter(|id| sim.offer_json(id).unwrap()["dateCreation"] == stamp.as_str())
        .count();
    assert_eq!(exact, 400);
    assert!(same.len() < 400 || ts.timestamp_subsec_millis() == 0);
    // They are partner offers spread over départements, so a split by département works.
    let mut per_dept = 0;
    for d in ["75", "92", "69", "13", "31", "33", "44", "59"] {
        per_dept += sim
            .matching_ids(&[
                ("minCreationDate", &second),
                ("maxCreationDate", &next),
                ("departement", d),
            ])
            .unwrap()
            .len();
    }
    assert!(per_dept > 100 && per_dept < 400, "{per_dept}");
    let c = client();
    let t = token(&c, &sim).await;
    let page = fetch_all(
        &c,
        &sim,
        &t,
        &[
            ("minCreationDate", &second),
            ("maxCreationDate", &next),
            ("origineOffre", "2"),
        ],
    )
    .await;
    assert!(page.len() >= 400);
    sim.shutdown().await;
}

#[tokio::test]
async fn new_offer_every_publishes_offers_during_a_crawl() {
    let started = Utc::now() - Duration::milliseconds(1);
    let sim = sim(SimConfig {
        new_offer_every: Some(3),
        ..unlimited(200, 10)
    })
    .await;
    let before: HashSet<String> = sim.all_ids().into_iter().collect();
    let c = client();
    let t = token(&c, &sim).await;
    for _ in 0..9 {
        let r = search(&c, &sim, &t, &[("range", "0-9")]).await;
        assert_eq!(r.status(), StatusCode::PARTIAL_CONTENT);
    }
    assert_eq!(sim.stats().offers_added_mid_crawl, 3);
    assert_eq!(sim.offer_count(), 203);
    let new: Vec<String> = sim
        .all_ids()
        .into_iter()
        .filter(|id| !before.contains(id))
        .collect();
    assert_eq!(new.len(), 3);
    for id in &new {
        let o = sim.offer_json(id).unwrap();
        let created: DateTime<Utc> = o["dateCreation"].as_str().unwrap().parse().unwrap();
        assert!(created >= started, "{created} >= {started}");
    }
    // They show up first when sorting by date.
    let r = search(&c, &sim, &t, &[("sort", "1"), ("range", "0-2")]).await;
    let v: Value = r.json().await.unwrap();
    let first: HashSet<String> = ids(v["resultats"].as_array().unwrap())
        .into_iter()
        .collect();
    assert_eq!(first, new.iter().cloned().collect());
    sim.shutdown().await;
}
