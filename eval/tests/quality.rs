//! Normalisation quality must not regress: the figures measured on the hand-labelled set
//! (docs/quality.md) are floors here. Needs ../shared (the real offers); skips with a
//! message where it is absent, fails under CI.

use std::path::Path;

/// Floors, a little under the figures recorded in docs/quality.md.
const FLOORS: &[(&str, f64)] = &[
    ("salary", 0.99),
    ("department", 0.995),
    ("role_macro_f1", 0.91),
    ("data_f1", 0.97),
    ("skills_f1", 0.90),
    ("remote", 0.96),
];

#[test]
fn quality_does_not_fall_below_the_recorded_figures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let offers = root.join("../shared/data/francetravail/offers.jsonl");
    if !offers.exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run this test: {} is missing",
            offers.display()
        );
        eprintln!(
            "skipped: {} not found (../shared is not beside the repository)",
            offers.display()
        );
        return;
    }
    let labels = root.join("eval/labels");
    let report = jobmarket_eval::evaluate(&offers, &[labels.as_path()]).unwrap();
    assert!(
        report.labelled >= 400,
        "the evaluation set has {} offers",
        report.labelled
    );
    assert!(
        report.missing.is_empty(),
        "labelled offers missing from the file: {:?}",
        report.missing
    );
    assert_eq!(report.rejected, 0);
    for &(name, floor) in FLOORS {
        let figure = report.figure(name);
        assert!(
            figure >= floor,
            "{name} fell to {figure:.3} (floor {floor})\n{report}"
        );
    }
}
