//! `jobmarket normalize --source francetravail` on real offers, with malformed lines mixed in.

use std::io::Write;
use std::process::{Command, Stdio};

/// The real offers beside the repository, or `None` (with a message) where `../shared` is absent.
fn shared_sample() -> Option<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/data/francetravail/offers.sample1000.jsonl");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(err) if std::env::var_os("CI").is_some() => {
            panic!("CI must run this test: {}: {err}", path.display())
        }
        Err(_) => {
            eprintln!(
                "skipped: {} not found (../shared is not beside the repository)",
                path.display()
            );
            None
        }
    }
}

#[test]
fn real_offers_pass_and_malformed_lines_are_reported_by_number() {
    let Some(sample) = shared_sample() else {
        return;
    };
    let offers: Vec<&str> = sample.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut input = String::new();
    for (i, line) in offers.iter().enumerate() {
        input.push_str(line);
        input.push('\n');
        if i == 9 {
            input.push_str("{\"id\": \"TRUNC\", \"intitule\": \"cut in the mid\n"); // line 11
        }
    }
    input.push_str("[1,2,3]\n");

    let mut child = Command::new(env!("CARGO_BIN_EXE_jobmarket"))
        .args(["normalize", "--source", "francetravail"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()).unwrap());
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(output.status.success());

    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    let canonical: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        canonical.len(),
        offers.len(),
        "every real offer comes out: {stderr}"
    );
    assert!(stderr.contains("line 11:"), "{stderr}");
    assert!(
        stderr.contains(&format!("line {}:", offers.len() + 2)),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "normalized {} offers, skipped 2 lines",
            offers.len()
        )),
        "{stderr}"
    );
    for (offer, raw) in canonical.iter().zip(&offers) {
        let raw: serde_json::Value = serde_json::from_str(raw).unwrap();
        assert_eq!(
            offer["id"],
            format!("francetravail:{}", raw["id"].as_str().unwrap())
        );
        assert_eq!(
            offer["title"].as_str().unwrap(),
            raw["intitule"].as_str().unwrap().trim()
        );
    }
}
