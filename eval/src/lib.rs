//! Normalisation quality, measured: canonical offers compared with hand-written labels.
//!
//! The labels (`eval/labels/*.csv`, one row per offer, see `eval/GUIDELINES.md`) say what each
//! field of a real offer should be. [`evaluate`] normalises every raw offer of a file, compares
//! the labelled ones field by field and measures coverage (share of non-null values) on all of
//! them. The result prints as a table (`Display`); `docs/quality.md` records it.

mod labels;
mod metrics;
mod report;

use std::collections::{BTreeSet, HashSet};
use std::io::BufRead;
use std::path::Path;

use chrono::Utc;
use jobmarket_schema::{Offer, Remote, Seniority};
use serde::Serialize;

pub use labels::{Label, read_labels};
pub use metrics::{Accuracy, Binary, Classes, Coverage};

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: {reason}")]
    Label { path: String, reason: String },
    #[error("no labels in {0}")]
    NoLabels(String),
}

/// One disagreement between a label and the normaliser, for error analysis.
#[derive(Debug, Clone, Serialize)]
pub struct Mismatch {
    pub field: &'static str,
    pub id: String,
    pub expected: String,
    pub got: String,
}

/// Everything measured.
#[derive(Debug, Default, Serialize)]
pub struct Report {
    /// Offers in the file.
    pub offers: usize,
    /// Offers the normaliser rejected.
    pub rejected: usize,
    pub labelled: usize,
    /// Labelled ids not found in the offers file.
    pub missing: Vec<String>,
    /// Both salary bounds within 1 % (or both absent), on every labelled offer.
    pub salary: Accuracy,
    /// The same, on the labelled offers that state a salary.
    pub salary_stated: Accuracy,
    pub department: Accuracy,
    pub region: Accuracy,
    pub contract: Accuracy,
    pub remote: Accuracy,
    pub seniority: Accuracy,
    pub role: Classes,
    /// Data job (any role but `data_adjacent` and `not_data`) vs not.
    pub is_data: Binary,
    /// Skills as (offer, skill) pairs.
    pub skills: Binary,
    pub coverage: Coverage,
    pub mismatches: Vec<Mismatch>,
}

/// Roles that are data jobs.
pub fn is_data_role(role: &str) -> bool {
    !matches!(role, "data_adjacent" | "not_data")
}

/// Normalises every offer of `offers` (raw France Travail offers, one JSON object per line)
/// and compares the ones labelled in `labels` (label files or folders of them).
pub fn evaluate(offers: &Path, labels: &[&Path]) -> Result<Report, EvalError> {
    let labels = read_labels(labels)?;
    let io = |source| EvalError::Io {
        path: offers.display().to_string(),
        source,
    };
    let file = std::fs::File::open(offers).map_err(io)?;
    let seen_at = Utc::now();
    let mut report = Report {
        labelled: labels.len(),
        ..Report::default()
    };
    let mut found = HashSet::new();
    for line in std::io::BufReader::new(file).lines() {
        let line = line.map_err(io)?;
        if line.trim().is_empty() {
            continue;
        }
        report.offers += 1;
        let Ok(offer) = jobmarket_francetravail::normalize::normalize_json(&line, seen_at) else {
            report.rejected += 1;
            continue;
        };
        report.coverage.add(&offer);
        if let Some(label) = labels.get(&offer.source_id) {
            found.insert(offer.source_id.clone());
            compare(label, &offer, &mut report);
        }
    }
    report.missing = labels
        .keys()
        .filter(|id| !found.contains(*id))
        .cloned()
        .collect();
    Ok(report)
}

fn compare(label: &Label, offer: &Offer, report: &mut Report) {
    let id = &offer.source_id;
    let mut mismatch = |field: &'static str, expected: String, got: String| {
        report.mismatches.push(Mismatch {
            field,
            id: id.clone(),
            expected,
            got,
        });
    };

    let salary_ok = salary_matches(label, offer);
    report.salary.add(salary_ok);
    if label.salary_min.is_some() {
        report.salary_stated.add(salary_ok);
    }
    if !salary_ok {
        mismatch(
            "salary",
            format!("{}–{}", show(label.salary_min), show(label.salary_max)),
            format!(
                "{}–{} from {:?} {:?}",
                show(offer.salary.min_annual_eur),
                show(offer.salary.max_annual_eur),
                offer.salary.raw.as_deref().unwrap_or(""),
                offer.salary.flags
            ),
        );
    }

    let remote = offer.remote.unwrap_or(Remote::Unknown);
    let seniority = offer.seniority.unwrap_or(Seniority::Unknown);
    let fields = [
        (
            "department",
            &mut report.department,
            &label.department,
            offer.location.department_code.clone(),
        ),
        (
            "region",
            &mut report.region,
            &label.region,
            offer.location.region_code.clone(),
        ),
        (
            "contract",
            &mut report.contract,
            &label.contract,
            offer.contract.kind.map(|c| c.as_str().to_owned()),
        ),
        (
            "remote",
            &mut report.remote,
            &label.remote,
            Some(key_of(&remote)),
        ),
        (
            "seniority",
            &mut report.seniority,
            &label.seniority,
            Some(key_of(&seniority)),
        ),
    ];
    for (field, accuracy, expected, got) in fields {
        let ok = expected == &got;
        accuracy.add(ok);
        if !ok {
            mismatch(
                field,
                expected.clone().unwrap_or_default(),
                got.unwrap_or_default(),
            );
        }
    }

    let got_role = offer.role.clone().unwrap_or_else(|| "none".into());
    report.role.add(&label.role, &got_role);
    if label.role != got_role {
        mismatch(
            "role",
            label.role.clone(),
            format!("{got_role} ({})", offer.title),
        );
    }
    let got_data = is_data_role(&got_role);
    report.is_data.add_one(label.is_data, got_data);

    let expected: BTreeSet<&str> = label.skills.iter().map(String::as_str).collect();
    let got: BTreeSet<&str> = offer.skills.iter().map(String::as_str).collect();
    report.skills.add_sets(&expected, &got);
    if expected != got {
        let missed: Vec<&str> = expected.difference(&got).copied().collect();
        let extra: Vec<&str> = got.difference(&expected).copied().collect();
        mismatch(
            "skills",
            format!("missed {}", missed.join(";")),
            format!("extra {}", extra.join(";")),
        );
    }
}

/// Both bounds within 1 % of the label, or no salary on both sides.
fn salary_matches(label: &Label, offer: &Offer) -> bool {
    let close = |expected: Option<f64>, got: Option<f64>| match (expected, got) {
        (None, None) => true,
        (Some(e), Some(g)) => (e - g).abs() <= 0.01 * e.abs().max(1.0),
        _ => false,
    };
    close(label.salary_min, offer.salary.min_annual_eur)
        && close(label.salary_max, offer.salary.max_annual_eur)
}

fn show(value: Option<f64>) -> String {
    value.map_or("-".into(), |v| format!("{:.0}", v))
}

/// The schema key of an enum value (`Remote::Hybrid` → `hybrid`).
fn key_of<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}
