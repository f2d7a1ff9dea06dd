//! `jobmarket eval`: normalisation quality on hand-labelled real offers.

use std::path::PathBuf;

use anyhow::Context;

#[derive(clap::Args)]
pub struct EvalArgs {
    /// Raw France Travail offers, one JSON object per line.
    #[arg(long, default_value = "../shared/data/francetravail/offers.jsonl")]
    offers: PathBuf,
    /// Label files (`*.csv`, format in eval/GUIDELINES.md) or folders of them; repeatable.
    #[arg(long, default_value = "eval/labels")]
    labels: Vec<PathBuf>,
    /// Also list up to N disagreements per field, for error analysis.
    #[arg(long, default_value_t = 0)]
    errors: usize,
    /// Only list the disagreements of this field (salary, department, role, skills…).
    #[arg(long)]
    field: Option<String>,
    /// Print the whole report as JSON.
    #[arg(long)]
    json: bool,
    /// Exit with an error when a quality target is missed.
    #[arg(long)]
    check: bool,
}

pub fn run(args: EvalArgs) -> anyhow::Result<()> {
    let labels: Vec<&std::path::Path> = args.labels.iter().map(PathBuf::as_path).collect();
    let report = jobmarket_eval::evaluate(&args.offers, &labels)
        .with_context(|| format!("cannot evaluate {}", args.offers.display()))?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{report}");
    }
    if args.errors > 0 {
        let mut shown = std::collections::BTreeMap::<&str, usize>::new();
        println!();
        for m in &report.mismatches {
            if args.field.as_deref().is_some_and(|f| f != m.field) {
                continue;
            }
            let count = shown.entry(m.field).or_default();
            if *count < args.errors {
                *count += 1;
                println!(
                    "{:<10} {:<8} expected {:<28} got {}",
                    m.field, m.id, m.expected, m.got
                );
            }
        }
    }
    let missed = report.missed_targets();
    if args.check && !missed.is_empty() {
        let list: Vec<String> = missed
            .iter()
            .map(|(n, v, t)| format!("{n} {v:.3} < {t}"))
            .collect();
        anyhow::bail!("quality targets missed: {}", list.join(", "));
    }
    Ok(())
}
