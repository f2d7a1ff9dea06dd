//! OAuth2 token endpoint and 401 behaviour.

mod common;

use std::time::Duration;

use common::*;
use jobmarket_francetravail_sim::SimConfig;
use reqwest::StatusCode;
use serde_json::Value;

#[tokio::test]
async fn token_success_has_the_documented_shape_and_headers() {
    let sim = sim(unlimited(50, 1)).await;
    let c = client();
    let r = token_request(
        &c,
        &sim,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", "jobmarket-sim"),
            ("client_secret", "sim-secret"),
            ("scope", "o2dsoffre api_offresdemploiv2"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        header(&r, "content-type").as_deref(),
        Some("application/json;charset=UTF-8")
    );
    assert_eq!(header(&r, "cache-control").as_deref(), Some("no-store"));
    assert_eq!(header(&r, "pragma").as_deref(), Some("no-cache"));
    let text = r.text().await.unwrap();
    let keys: Vec<usize> = [
        "\"scope\"",
        "\"expires_in\"",
        "\"token_type\"",
        "\"access_token\"",
    ]
    .iter()
    .map(|k| text.find(k).unwrap())
    .collect();
    assert!(
        keys.windows(2).all(|w| w[0] < w[1]),
        "field order of the official example: {text}"
    );
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["scope"], "api_offresdemploiv2 o2dsoffre");
    assert_eq!(v["expires_in"], 1499);
    assert_eq!(v["token_type"], "Bearer");
    let tok = v["access_token"].as_str().unwrap();
    assert_eq!(tok.len(), 27);
    assert!(tok.bytes().all(|b| b.is_ascii_alphanumeric()));

    // The application_<id> scope is accepted and echoed; realm without slash works.
    let url = sim.token_url().replace("%2Fpartenaire", "partenaire");
    let r = c
        .post(url)
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", "jobmarket-sim"),
            ("client_secret", "sim-secret"),
            (
                "scope",
                "application_jobmarket-sim api_offresdemploiv2 o2dsoffre",
            ),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.unwrap();
    assert_eq!(
        v["scope"],
        "application_jobmarket-sim api_offresdemploiv2 o2dsoffre"
    );
    let s = sim.stats();
    assert_eq!((s.token_calls, s.tokens_issued), (2, 2));
    sim.shutdown().await;
}

#[tokio::test]
async fn token_errors() {
    let sim = sim(unlimited(50, 1)).await;
    let c = client();
    let good = |k: &'static str, v: &'static str| {
        let mut f = vec![
            ("grant_type", "client_credentials"),
            ("client_id", "jobmarket-sim"),
            ("client_secret", "sim-secret"),
            ("scope", SCOPE),
        ];
        f.retain(|(key, _)| *key != k);
        if !v.is_empty() {
            f.push((k, v));
        }
        f
    };
    type Case<'a> = (Vec<(&'a str, &'a str)>, &'a str, &'a str);
    let cases: Vec<Case> = vec![
        (
            good("client_secret", "wrong"),
            "invalid_client",
            "Client authentication failed",
        ),
        (
            good("client_id", ""),
            "invalid_client",
            "Client authentication failed",
        ),
        (
            good("scope", "api_offresdemploiv2 o2dsoffre api_quinexistepasv0"),
            "invalid_scope",
            "Unknown/invalid scope(s): [api_quinexistepasv0]",
        ),
        (
            good("scope", "o2dsoffre"),
            "invalid_scope",
            "Unknown/invalid scope(s): [api_offresdemploiv2]",
        ),
        (
            good("grant_type", "implicit_grant"),
            "unsupported_grant_type",
            "Grant type is not supported: implicit_grant",
        ),
    ];
    for (form, error, description) in cases {
        let r = token_request(&c, &sim, &form).await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{form:?}");
        assert_eq!(header(&r, "cache-control").as_deref(), Some("no-store"));
        assert_eq!(header(&r, "pragma").as_deref(), Some("no-cache"));
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["error"], error, "{form:?}");
        assert_eq!(v["error_description"], description, "{form:?}");
    }
    // Wrong realm.
    let url = sim.token_url().replace("%2Fpartenaire", "%2Findividu");
    let r = c.post(url).form(&good("", "")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let v: Value = r.json().await.unwrap();
    assert!(
        v["error_description"]
            .as_str()
            .unwrap()
            .contains("Invalid realm")
    );
    // Wrong Content-Type (JSON instead of a form).
    let r = c
        .post(sim.token_url())
        .header("content-type", "application/json")
        .body(r#"{"grant_type":"client_credentials","client_id":"jobmarket-sim","client_secret":"sim-secret"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let s = sim.stats();
    assert_eq!(s.token_calls, 7);
    assert_eq!(s.tokens_issued, 0);
    sim.shutdown().await;
}

#[tokio::test]
async fn missing_wrong_and_expired_tokens_get_401() {
    let sim = sim(SimConfig {
        token_ttl: Duration::from_millis(1200),
        reported_expires_in: Some(1499),
        ..unlimited(50, 1)
    })
    .await;
    let c = client();
    // No token.
    let r = c.get(sim.search_url()).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(header(&r, "www-authenticate").as_deref(), Some("Bearer"));
    assert!(header(&r, "x-ratelimit-remaining-clientidlimiter").is_none());
    assert!(r.bytes().await.unwrap().is_empty());
    // Unknown token.
    let r = search(&c, &sim, "notarealtoken", &[]).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    // A token announced for 1499 s that really dies after 1.2 s.
    let r = token_request(
        &c,
        &sim,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", "jobmarket-sim"),
            ("client_secret", "sim-secret"),
            ("scope", SCOPE),
        ],
    )
    .await;
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["expires_in"], 1499);
    let tok = v["access_token"].as_str().unwrap().to_string();
    let r = search(&c, &sim, &tok, &[]).await;
    assert_eq!(
        r.status(),
        StatusCode::OK,
        "50 offers fit in the default window"
    );
    tokio::time::sleep(Duration::from_millis(1400)).await;
    let r = search(&c, &sim, &tok, &[]).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(header(&r, "www-authenticate").as_deref(), Some("Bearer"));
    // Detail routes are protected too.
    let r = c
        .get(format!("{}/v2/offres/9999999", sim.api_base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let s = sim.stats();
    assert_eq!(s.unauthorized, 4);
    assert_eq!(s.api_calls, 5);
    assert_eq!(s.status_counts.get(&401), Some(&4));
    assert_eq!(s.status_counts.get(&200), Some(&1));
    sim.shutdown().await;
}
