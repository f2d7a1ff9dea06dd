//! The web dashboard in a real browser: `jobmarket serve --demo` over demo data holding one
//! offer with HTML in its text, then `apps/dashboard/tests/smoke.mjs` (Playwright driving
//! Debian's Chromium) on the served origin: every view, figures against the API, filters in
//! the URL, no XSS, screenshots, time to interactive.
//!
//! Screenshots go to `docs/screenshots/` with `UPDATE_SCREENSHOTS=1`, to a temporary folder
//! otherwise. Without Node.js or Chromium the test is skipped, except under CI where it fails.

mod common;

use std::path::{Path, PathBuf};
use std::process::Stdio;

use serde_json::Value;

const CHROMIUM: &str = "/usr/bin/chromium";
/// Offer text that would run script if the dashboard rendered it as HTML.
const SCRIPT: &str = "<script>window.__xss=1</script>";
const IMG: &str = "<img src=x onerror=\"window.__xss=2\">";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace holds cli/")
        .to_path_buf()
}

/// Why the browser tests cannot run here, if they cannot.
fn missing_tools() -> Option<String> {
    if !Path::new(CHROMIUM).exists() {
        return Some(format!("{CHROMIUM} is missing (apt-get install chromium)"));
    }
    let node = std::process::Command::new("node").arg("--version").output();
    if !node.is_ok_and(|o| o.status.success()) {
        return Some("node is missing (apt-get install nodejs npm)".into());
    }
    None
}

/// Rewrites the first active offer of `offers.jsonl` with HTML in its title and description;
/// returns its id.
fn plant_html_offer(offers: &Path) -> String {
    let text = std::fs::read_to_string(offers).unwrap();
    let mut planted = None;
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            let mut offer: Value = serde_json::from_str(line).unwrap();
            if planted.is_none() && offer["title"].is_string() {
                offer["title"] = format!("Data engineer {SCRIPT} {IMG}").into();
                offer["description"] = format!("Mission : {IMG} puis {SCRIPT} fin.").into();
                planted = Some(offer["id"].as_str().unwrap().to_string());
            }
            serde_json::to_string(&offer).unwrap()
        })
        .collect();
    std::fs::write(offers, lines.join("\n") + "\n").unwrap();
    planted.expect("an offer to plant HTML into")
}

fn jobmarket(data: &Path, args: &[&str]) -> tokio::process::Command {
    let mut c = tokio::process::Command::new(env!("CARGO_BIN_EXE_jobmarket"));
    c.arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("JOBMARKET_STORE")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_works_in_a_browser_on_the_served_origin() {
    if let Some(why) = missing_tools() {
        assert!(
            std::env::var_os("CI").is_none(),
            "the dashboard's browser tests cannot run under CI: {why}; .ci/run should install it"
        );
        eprintln!("skipped: {why}");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    common::run_ok(jobmarket(
        data,
        &["demo", "--offers", "600", "--fault-5xx", "0"],
    ))
    .await;
    let demo = data.join("demo");
    let id = plant_html_offer(&common::offers_file(&demo));
    common::run_ok(jobmarket(&demo, &["index", "--rebuild"])).await;
    let server = common::serve(data, &["serve", "--demo"], &[]).await;

    let shots = if std::env::var("UPDATE_SCREENSHOTS").is_ok_and(|v| v == "1") {
        workspace().join("docs/screenshots")
    } else {
        data.join("screenshots")
    };
    let stdout = node(
        "smoke.mjs",
        &[server.base.as_ref(), shots.as_os_str()],
        &[("XSS_OFFER_ID", &id)],
    )
    .await;
    assert!(stdout.contains(" 0 failed"), "{stdout}");
    for view in [
        "apercu",
        "carte",
        "competences",
        "salaires",
        "entreprises",
        "offres",
    ] {
        assert!(shots.join(format!("{view}.png")).exists(), "{view}.png");
    }
}

/// Runs `node apps/dashboard/tests/<script> <args>` with Chromium; prints and returns its
/// output, asserting it succeeded.
async fn node(script: &str, args: &[&std::ffi::OsStr], env: &[(&str, &str)]) -> String {
    let output = tokio::process::Command::new("node")
        .arg(workspace().join("apps/dashboard/tests").join(script))
        .args(args)
        .envs(env.iter().copied())
        .env("CHROMIUM", CHROMIUM)
        .output()
        .await
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    eprintln!("{stdout}");
    assert!(
        output.status.success(),
        "{script} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// Runs `first-view.mjs` against `base`; returns its summary (`runs`, `first_ms`,
/// `median_ms`, `errors`).
async fn first_view(base: &str, runs: usize) -> Value {
    let runs_arg = runs.to_string();
    let stdout = node("first-view.mjs", &[base.as_ref(), runs_arg.as_ref()], &[]).await;
    let summary: Value = serde_json::from_str(stdout.lines().last().expect("a summary")).unwrap();
    assert_eq!(summary["runs"].as_array().map(Vec::len), Some(runs));
    summary
}

/// The first view's time to interactive with 1 000 000 offers in the embedded store: a
/// benchmark (it prints, asserts no time), recorded in `docs/benchmarks.md`. Run it in release:
///
/// `cargo test --release -p jobmarket --test dashboard -- --ignored --nocapture`
///
/// It builds the offers with `jobmarket bench index` (a few minutes) unless
/// `JOBMARKET_FIRST_VIEW_DATA` names a data directory whose `index/` already holds them. The
/// server runs twice: without its response cache (every request computed: the worst case),
/// then as configured (the first run fills the cache, the next ones read it).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: builds 1 000 000 offers; run with --release -- --ignored"]
async fn first_view_with_a_million_offers() {
    if let Some(why) = missing_tools() {
        eprintln!("skipped: {why}");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = std::env::var_os("JOBMARKET_FIRST_VIEW_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| dir.path().to_path_buf());
    if !data.join("index").exists() {
        let index = data.join("index");
        let index = index.to_str().expect("a UTF-8 path");
        let args = ["bench", "index", "--offers", "1000000", "--runs", "1"];
        common::run_ok(jobmarket(&data, &[&args[..], &["--dir", index]].concat())).await;
    }
    let runs = 9;
    let mut report = Vec::new();
    for (name, args) in [
        ("no response cache", &["serve", "--cache-ttl", "0"][..]),
        ("response cache (default)", &["serve"][..]),
    ] {
        let (server, _) = common::start_server(&data, args, &[]).await;
        let ready: Value = reqwest::get(format!("{}/readyz", server.base))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let offers = ready["offers"].as_u64().expect("offers in /readyz");
        assert!(offers >= 1_000_000, "{offers} offers served");
        let summary = first_view(&server.base, runs).await;
        report.push(format!("{name}: {offers} offers, {summary}"));
    }
    eprintln!(
        "first view, time to interactive (ms):\n{}",
        report.join("\n")
    );
}
