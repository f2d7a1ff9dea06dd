//! Shared helpers of the HTTP tests.
#![allow(dead_code)]

use std::collections::HashSet;

use jobmarket_francetravail_sim::{SimConfig, SimHandle, start};
use reqwest::{Client, Response, StatusCode};
use serde_json::Value;

pub const SCOPE: &str = "api_offresdemploiv2 o2dsoffre";

/// A config without rate limit, so that tests can page freely.
pub fn unlimited(offers: usize, seed: u64) -> SimConfig {
    SimConfig {
        offers,
        seed,
        rate_per_sec: 0,
        ..SimConfig::default()
    }
}

pub async fn sim(config: SimConfig) -> SimHandle {
    start(config, "127.0.0.1:0".parse().unwrap())
        .await
        .expect("simulator starts")
}

pub fn client() -> Client {
    Client::new()
}

pub async fn token_request(c: &Client, sim: &SimHandle, form: &[(&str, &str)]) -> Response {
    c.post(sim.token_url()).form(form).send().await.unwrap()
}

pub async fn token(c: &Client, sim: &SimHandle) -> String {
    let cfg = sim.config();
    let r = token_request(
        c,
        sim,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", &cfg.client_id),
            ("client_secret", &cfg.client_secret),
            ("scope", SCOPE),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.unwrap();
    v["access_token"].as_str().unwrap().to_string()
}

pub async fn search(c: &Client, sim: &SimHandle, token: &str, params: &[(&str, &str)]) -> Response {
    c.get(sim.search_url())
        .bearer_auth(token)
        .query(params)
        .send()
        .await
        .unwrap()
}

pub fn header(r: &Response, name: &str) -> Option<String> {
    r.headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_string())
}

/// Pages through a whole result set (150 per call) and returns the offers in order.
pub async fn fetch_all(
    c: &Client,
    sim: &SimHandle,
    token: &str,
    params: &[(&str, &str)],
) -> Vec<Value> {
    let mut out = Vec::new();
    let mut start = 0usize;
    loop {
        let range = format!("{}-{}", start, start + 149);
        let mut p = params.to_vec();
        p.push(("range", &range));
        let r = search(c, sim, token, &p).await;
        match r.status() {
            StatusCode::NO_CONTENT => break,
            StatusCode::OK | StatusCode::PARTIAL_CONTENT => {
                let done = r.status() == StatusCode::OK;
                let v: Value = r.json().await.unwrap();
                let page = v["resultats"].as_array().unwrap().clone();
                let n = page.len();
                out.extend(page);
                if done || n < 150 || start + 150 > 3000 {
                    break;
                }
                start += 150;
            }
            s => panic!("unexpected status {s}"),
        }
    }
    out
}

pub fn ids(offers: &[Value]) -> Vec<String> {
    offers
        .iter()
        .map(|o| o["id"].as_str().unwrap().to_string())
        .collect()
}

pub fn unique(ids: &[String]) -> bool {
    ids.iter().collect::<HashSet<_>>().len() == ids.len()
}

/// Asserts a 400 with the API envelope and returns its message.
pub async fn expect_400(r: Response) -> String {
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["codeHttp"], 400);
    let code = v["codeErreur"].as_str().unwrap();
    assert_eq!(code.len(), 13, "codeErreur has 13 digits: {code}");
    assert!(code.bytes().all(|b| b.is_ascii_digit()));
    v["message"].as_str().unwrap().to_string()
}
