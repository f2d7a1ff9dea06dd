//! Rate limit, fault injection, detail endpoint, determinism, stats endpoint.

mod common;

use std::time::Duration;

use common::*;
use jobmarket_francetravail_sim::{SimConfig, SimStats};
use reqwest::StatusCode;
use serde_json::Value;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limit_answers_429_with_retry_after_and_counts_violations() {
    let sim = sim(SimConfig {
        offers: 100,
        seed: 11,
        ..SimConfig::default()
    })
    .await;
    assert_eq!((sim.config().rate_per_sec, sim.config().burst), (10, 10));
    let c = client();
    let t = token(&c, &sim).await;
    // A first call shows the full bucket minus one.
    let r = search(&c, &sim, &t, &[("range", "0-0")]).await;
    assert_eq!(r.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(
        header(&r, "x-ratelimit-remaining-clientidlimiter").as_deref(),
        Some("9")
    );
    // 30 quick calls at once.
    let tasks: Vec<_> = (0..30)
        .map(|_| {
            let (c, s, t) = (c.clone(), sim.clone(), t.clone());
            tokio::spawn(async move { search(&c, &s, &t, &[("range", "0-0")]).await })
        })
        .collect();
    let mut ok = 0;
    let mut limited = 0;
    for task in tasks {
        let r = task.await.unwrap();
        assert_eq!(
            header(&r, "x-ratelimit-burst-capacity-clientidlimiter").as_deref(),
            Some("10")
        );
        assert_eq!(
            header(&r, "x-ratelimit-replenish-rate-clientidlimiter").as_deref(),
            Some("10")
        );
        assert_eq!(
            header(&r, "x-ratelimit-requested-tokens-clientidlimiter").as_deref(),
            Some("1")
        );
        match r.status() {
            StatusCode::PARTIAL_CONTENT => ok += 1,
            StatusCode::TOO_MANY_REQUESTS => {
                limited += 1;
                assert_eq!(header(&r, "retry-after").as_deref(), Some("1"));
                assert_eq!(header(&r, "content-type").as_deref(), Some("text/plain"));
                assert_eq!(header(&r, "cache-control").as_deref(), Some("no-store"));
                assert_eq!(
                    header(&r, "x-ratelimit-remaining-clientidlimiter").as_deref(),
                    Some("0")
                );
            }
            s => panic!("unexpected {s}"),
        }
    }
    assert!(
        limited >= 10,
        "most of the burst overflow is limited: {limited}"
    );
    assert!((9..=20).contains(&ok), "about the bucket passes: {ok}");
    let s = sim.stats();
    assert_eq!(s.rate_limited, limited);
    // Calling again at once, before Retry-After elapsed, is a violation.
    let before = s.retry_after_violations;
    search(&c, &sim, &t, &[("range", "0-0")]).await;
    assert_eq!(sim.stats().retry_after_violations, before + 1);
    // Honouring Retry-After: after waiting, calls pass and no violation is counted.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let before = sim.stats().retry_after_violations;
    let r = search(&c, &sim, &t, &[("range", "0-0")]).await;
    assert_eq!(r.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(sim.stats().retry_after_violations, before);
    sim.shutdown().await;
}

#[tokio::test]
async fn fault_injection_rates_are_roughly_honoured() {
    let sim = sim(SimConfig {
        fault_5xx_rate: 0.3,
        ..unlimited(100, 12)
    })
    .await;
    let c = client();
    let t = token(&c, &sim).await;
    let n = 300;
    let mut faults = 0;
    for _ in 0..n {
        let r = search(&c, &sim, &t, &[("range", "0-0")]).await;
        match r.status().as_u16() {
            206 => {}
            500 => {
                faults += 1;
                let v: Value = r.json().await.unwrap();
                assert_eq!(
                    v["message"],
                    "Erreur technique. Veuillez contacter le support de francetravail.io."
                );
                assert_eq!(v["codeHttp"], 500);
            }
            502 | 503 => {
                faults += 1;
                assert!(r.bytes().await.unwrap().is_empty());
            }
            s => panic!("unexpected {s}"),
        }
    }
    let share = faults as f64 / n as f64;
    assert!((0.2..0.4).contains(&share), "5xx share {share}");
    let s = sim.stats();
    assert_eq!(s.injected_5xx, faults);
    assert!(s.status_counts.get(&500).copied().unwrap_or(0) > 0);
    sim.shutdown().await;

    let slow_sim = common::sim(SimConfig {
        slow_rate: 0.5,
        slow_delay: Duration::from_millis(40),
        ..unlimited(50, 13)
    })
    .await;
    let t = token(&c, &slow_sim).await;
    let started = std::time::Instant::now();
    for _ in 0..40 {
        assert_eq!(
            search(&c, &slow_sim, &t, &[]).await.status(),
            StatusCode::OK
        );
    }
    let slow = slow_sim.stats().injected_slow;
    assert!((10..=30).contains(&slow), "slow answers {slow}");
    assert!(started.elapsed() >= Duration::from_millis(40 * slow));
    slow_sim.shutdown().await;
}

#[tokio::test]
async fn detail_endpoint() {
    let sim = sim(unlimited(300, 14)).await;
    let c = client();
    let t = token(&c, &sim).await;
    let r = search(&c, &sim, &t, &[("range", "0-1")]).await;
    let v: Value = r.json().await.unwrap();
    let from_search = v["resultats"][0].clone();
    let id = from_search["id"].as_str().unwrap().to_string();
    let r = c
        .get(format!("{}/v2/offres/{id}", sim.api_base_url()))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let detail: Value = r.json().await.unwrap();
    assert_eq!(
        detail, from_search,
        "the detail holds the same object as the search"
    );
    // Unknown but well-formed ids → 204.
    for unknown in ["9999999", "999ZZZZ"] {
        let r = c
            .get(format!("{}/v2/offres/{unknown}", sim.api_base_url()))
            .bearer_auth(&t)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
    }
    // Malformed → 400.
    let r = c
        .get(format!("{}/v2/offres/abc", sim.api_base_url()))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(
        expect_400(r).await,
        "Le format de l'id de l'offre recherchée est incorrect."
    );
    // Expired offers disappear from detail and search.
    sim.expire(std::slice::from_ref(&id));
    let r = c
        .get(format!("{}/v2/offres/{id}", sim.api_base_url()))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_eq!(sim.offer_count(), 299);
    assert!(!sim.matching_ids(&[]).unwrap().contains(&id));
    let all = fetch_all(&c, &sim, &t, &[]).await;
    assert_eq!(all.len(), 299);
    assert!(all.iter().all(|o| o["id"] != id.as_str()));
    // A referential.
    let r = c
        .get(format!(
            "{}/v2/referentiel/typesContrats",
            sim.api_base_url()
        ))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v.as_array().unwrap().len(), 12);
    sim.shutdown().await;
}

#[tokio::test]
async fn same_seed_same_offers_different_seed_different_offers() {
    let a = sim(unlimited(400, 21)).await;
    let b = sim(unlimited(400, 21)).await;
    let other = sim(unlimited(400, 22)).await;
    assert_eq!(a.all_ids(), b.all_ids());
    assert_ne!(a.all_ids(), other.all_ids());
    let c = client();
    let (ta, tb) = (token(&c, &a).await, token(&c, &b).await);
    let pa = search(&c, &a, &ta, &[("range", "150-299")])
        .await
        .text()
        .await
        .unwrap();
    let pb = search(&c, &b, &tb, &[("range", "150-299")])
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(pa, pb, "byte-identical pages");
    for id in a.all_ids().iter().take(20) {
        assert_eq!(a.offer_json(id), b.offer_json(id));
    }
    a.shutdown().await;
    b.shutdown().await;
    other.shutdown().await;
}

#[tokio::test]
async fn stats_endpoint_serves_the_counters() {
    let sim = sim(unlimited(50, 30)).await;
    let c = client();
    let t = token(&c, &sim).await;
    search(&c, &sim, &t, &[]).await;
    search(&c, &sim, &t, &[("range", "x")]).await;
    c.get(sim.search_url()).send().await.unwrap();
    let r = c
        .get(format!("http://{}/_sim/stats", sim.addr()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["token_calls"], 1);
    assert_eq!(v["tokens_issued"], 1);
    assert_eq!(v["api_calls"], 3);
    assert_eq!(v["unauthorized"], 1);
    assert_eq!(v["status_counts"]["200"], 1);
    assert_eq!(v["status_counts"]["400"], 1);
    assert_eq!(v["status_counts"]["401"], 1);
    let s: SimStats = sim.stats();
    assert_eq!(s.api_calls, 3);
    assert_eq!(serde_json::to_value(&s).unwrap(), v);
    sim.shutdown().await;
}

#[tokio::test]
async fn shutdown_stops_the_server() {
    let sim = sim(unlimited(10, 31)).await;
    let addr = sim.addr();
    let waiter = tokio::spawn(sim.clone().wait());
    sim.shutdown().await;
    tokio::time::timeout(Duration::from_secs(5), waiter)
        .await
        .expect("wait() returns after shutdown")
        .unwrap();
    assert!(tokio::net::TcpStream::connect(addr).await.is_err());
}

#[tokio::test]
async fn searching_10000_offers_is_fast() {
    let started = std::time::Instant::now();
    let sim = sim(unlimited(10_000, 40)).await;
    let generation = started.elapsed();
    let c = client();
    let t = token(&c, &sim).await;
    // Warm up, then time a keyword search over the whole index, through HTTP.
    search(&c, &sim, &t, &[("motsCles", "data,python")]).await;
    let t0 = std::time::Instant::now();
    let n = 10;
    for _ in 0..n {
        let r = search(&c, &sim, &t, &[("motsCles", "data,python"), ("sort", "1")]).await;
        assert_eq!(r.status(), StatusCode::PARTIAL_CONTENT);
        r.bytes().await.unwrap();
    }
    let per_call = t0.elapsed() / n;
    eprintln!("generation of 10 000 offers: {generation:?}; keyword search: {per_call:?} per call");
    // Generous bound: unoptimised test builds are several times slower than release.
    assert!(per_call < Duration::from_millis(300), "{per_call:?}");
    sim.shutdown().await;
}
