//! `jobmarket up` and `jobmarket serve` as a user runs them: the real binary, a real embedded
//! store, real HTTP. Also runs schemathesis against the served OpenAPI document.

mod common;

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use serde_json::Value;

async fn get(base: &str, path: &str) -> (reqwest::StatusCode, reqwest::header::HeaderMap, Value) {
    let response = reqwest::get(format!("{base}{path}")).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    (status, headers, response.json().await.unwrap())
}

fn offers_in(data: &Path) -> u64 {
    std::fs::read_to_string(data.join("demo/normalized/francetravail/offers.jsonl"))
        .unwrap()
        .lines()
        .count() as u64
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn up_serves_the_demo_data_without_credentials_and_refreshes_on_demand() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let server = common::serve(
        data,
        &["up", "--demo-offers", "400", "--refresh", "0"],
        &[("JOBMARKET_ADMIN_TOKEN", "admin-secret-for-tests")],
    )
    .await;
    let base = &server.base;

    let (status, headers, v) = get(base, "/api/v1/status").await;
    assert_eq!(status, 200);
    assert_eq!(headers["x-jobmarket-demo"], "true");
    assert_eq!(v["data"]["demo"], true);
    assert_eq!(v["data"]["last_collection"]["status"], "success");
    assert_eq!(v["data"]["last_collection"]["mode"], "full");
    assert_eq!(v["admin_enabled"], true);

    let collected = offers_in(data);
    assert!(collected > 200, "{collected} offers collected");
    let (_, _, overview) = get(base, "/api/v1/overview").await;
    assert_eq!(overview["offers"], collected);
    assert_eq!(overview["meta"]["demo"], true);
    let (_, _, page) = get(base, "/api/v1/offers?page_size=1").await;
    let id = page["offers"][0]["id"].as_str().unwrap().to_string();
    let (status, _, detail) = get(base, &format!("/api/v1/offers/{id}")).await;
    assert_eq!(status, 200);
    assert!(
        detail["links"][0]["url"]
            .as_str()
            .unwrap()
            .starts_with("http")
    );

    // an incremental collection on demand, with the token
    let client = reqwest::Client::new();
    let refused = client
        .post(format!("{base}/api/v1/admin/ingest"))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 401);
    let started = client
        .post(format!("{base}/api/v1/admin/ingest"))
        .bearer_auth("admin-secret-for-tests")
        .send()
        .await
        .unwrap();
    assert_eq!(started.status(), 202);
    let mut v = Value::Null;
    for _ in 0..600 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        v = get(base, "/api/v1/status").await.2;
        if v["refresh"]["last_finished_at"].is_string() {
            break;
        }
    }
    assert!(v["refresh"]["last_error"].is_null(), "{v}");
    assert_eq!(v["data"]["last_collection"]["mode"], "incremental", "{v}");
    assert!(!v.to_string().contains("admin-secret-for-tests"));
    let metrics = reqwest::get(format!("{base}/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(metrics.contains("jobmarket_demo_data 1"));
    assert!(metrics.contains(&format!("jobmarket_offers_indexed {}", offers_in(data))));
}

/// schemathesis (PyPI) against `/api/openapi.json`: no server error, no answer outside the
/// document. `.ci/run` installs it; elsewhere the test skips when it is missing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn schemathesis_finds_no_server_error_and_no_answer_outside_the_spec() {
    let st = std::env::var("SCHEMATHESIS").unwrap_or_else(|_| "schemathesis".into());
    if std::process::Command::new(&st)
        .arg("--version")
        .output()
        .is_err()
    {
        assert!(
            std::env::var_os("CI").is_none(),
            "schemathesis is not installed under CI: .ci/run should install it"
        );
        eprintln!("skipped: schemathesis is not installed (pip install schemathesis)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    common::run_ok({
        let mut c = tokio::process::Command::new(env!("CARGO_BIN_EXE_jobmarket"));
        c.arg("--data-dir")
            .arg(data)
            .args(["demo", "--offers", "600", "--fault-5xx", "0"])
            .env_remove("JOBMARKET_STORE")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        c
    })
    .await;
    let server = common::serve(data, &["serve", "--demo"], &[]).await;
    let output = tokio::process::Command::new(&st)
        .args([
            "run",
            &format!("{}/api/openapi.json", server.base),
            "--checks",
            "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,unsupported_method",
            "--max-examples",
            "40",
            "--workers",
            "2",
            "--seed",
            "20261128",
        ])
        .env("NO_COLOR", "1")
        .current_dir(data)
        .output()
        .await
        .expect("schemathesis runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    eprintln!("{stdout}");
    assert!(
        output.status.success(),
        "schemathesis found problems:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("passed"), "{stdout}");
}
