//! The report as a readable table.

use std::fmt;

use crate::Report;

/// Targets of the issue, checked by `jobmarket eval --check`.
pub const TARGETS: &[(&str, f64)] = &[
    ("salary", 0.99),
    ("department", 0.995),
    ("role_macro_f1", 0.92),
    ("data_f1", 0.97),
    ("skills_f1", 0.90),
    ("remote", 0.95),
];

impl Report {
    /// The figure each target is about.
    pub fn figure(&self, name: &str) -> f64 {
        match name {
            "salary" => self.salary.share(),
            "department" => self.department.share(),
            "role_macro_f1" => self.role.macro_f1(),
            "data_f1" => self.is_data.f1(),
            "skills_f1" => self.skills.f1(),
            "remote" => self.remote.share(),
            _ => f64::NAN,
        }
    }

    /// Targets not reached, as (name, figure, target).
    pub fn missed_targets(&self) -> Vec<(&'static str, f64, f64)> {
        TARGETS
            .iter()
            .map(|&(name, target)| (name, self.figure(name), target))
            .filter(|&(_, figure, target)| figure < target)
            .collect()
    }
}

fn pct(x: f64) -> String {
    format!("{:.1} %", 100.0 * x)
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} offers ({} rejected), {} labelled{}",
            self.offers,
            self.rejected,
            self.labelled,
            if self.missing.is_empty() {
                String::new()
            } else {
                format!(", {} labelled ids not in the file", self.missing.len())
            }
        )?;
        writeln!(f)?;
        writeln!(
            f,
            "{:<34} {:>9} {:>9}",
            "accuracy on the labelled offers", "value", "n"
        )?;
        let accuracies = [
            ("salary (both bounds within 1 %)", &self.salary),
            ("  on offers stating a salary", &self.salary_stated),
            ("department", &self.department),
            ("region", &self.region),
            ("contract", &self.contract),
            ("remote", &self.remote),
            ("seniority", &self.seniority),
        ];
        for (name, acc) in accuracies {
            writeln!(f, "{:<34} {:>9} {:>9}", name, pct(acc.share()), acc.total)?;
        }
        writeln!(f)?;
        writeln!(
            f,
            "{:<34} {:>9} {:>9} {:>9} {:>7}",
            "precision / recall / F1", "P", "R", "F1", "n"
        )?;
        let binaries = [
            ("data job vs not", &self.is_data),
            ("skills (offer, skill) pairs", &self.skills),
        ];
        for (name, b) in binaries {
            writeln!(
                f,
                "{:<34} {:>9.3} {:>9.3} {:>9.3} {:>7}",
                name,
                b.precision(),
                b.recall(),
                b.f1(),
                b.tp + b.fn_
            )?;
        }
        writeln!(
            f,
            "{:<34} {:>9} {:>9} {:>9.3} {:>7}",
            "role (macro over classes)",
            "",
            "",
            self.role.macro_f1(),
            ""
        )?;
        for (class, support) in self.role.labelled() {
            let b = self.role.of(class);
            writeln!(
                f,
                "  {:<32} {:>9.3} {:>9.3} {:>9.3} {:>7}",
                class,
                b.precision(),
                b.recall(),
                b.f1(),
                support
            )?;
        }
        writeln!(f)?;
        writeln!(
            f,
            "coverage on all {} normalised offers",
            self.coverage.offers
        )?;
        for field in self.coverage.counts.keys() {
            writeln!(f, "  {:<32} {:>9}", field, pct(self.coverage.share(field)))?;
        }
        writeln!(f)?;
        for &(name, target) in TARGETS {
            let figure = self.figure(name);
            let mark = if figure >= target { "ok" } else { "MISSED" };
            writeln!(
                f,
                "target {:<16} {:>8.3} ≥ {:<6} {mark}",
                name, figure, target
            )?;
        }
        Ok(())
    }
}
