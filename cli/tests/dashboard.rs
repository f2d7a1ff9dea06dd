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
    let output = tokio::process::Command::new("node")
        .arg(workspace().join("apps/dashboard/tests/smoke.mjs"))
        .arg(&server.base)
        .arg(&shots)
        .env("XSS_OFFER_ID", &id)
        .env("CHROMIUM", CHROMIUM)
        .output()
        .await
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    eprintln!("{stdout}");
    assert!(
        output.status.success(),
        "the dashboard's smoke tests failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
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
