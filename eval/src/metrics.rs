//! Counters: accuracy, binary precision/recall/F1, per-class F1, coverage.

use std::collections::{BTreeMap, BTreeSet};

use jobmarket_schema::{Offer, Remote, Seniority};
use serde::Serialize;

/// Right answers out of all.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Accuracy {
    pub correct: u64,
    pub total: u64,
}

impl Accuracy {
    pub fn add(&mut self, ok: bool) {
        self.total += 1;
        self.correct += u64::from(ok);
    }

    /// Share of right answers (1 when there was nothing to answer).
    pub fn share(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.correct as f64 / self.total as f64
        }
    }
}

/// True/false positives and negatives.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Binary {
    pub tp: u64,
    pub fp: u64,
    pub fn_: u64,
    pub tn: u64,
}

impl Binary {
    pub fn add_one(&mut self, expected: bool, got: bool) {
        match (expected, got) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }

    /// Counts each element of the two sets as one decision.
    pub fn add_sets(&mut self, expected: &BTreeSet<&str>, got: &BTreeSet<&str>) {
        self.tp += expected.intersection(got).count() as u64;
        self.fn_ += expected.difference(got).count() as u64;
        self.fp += got.difference(expected).count() as u64;
    }

    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// A confusion count over classes.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Classes {
    /// (expected, predicted) → count.
    #[serde(serialize_with = "serialize_pairs")]
    pub pairs: BTreeMap<(String, String), u64>,
}

impl Classes {
    pub fn add(&mut self, expected: &str, got: &str) {
        *self
            .pairs
            .entry((expected.to_owned(), got.to_owned()))
            .or_default() += 1;
    }

    /// Precision/recall/F1 of one class against all others.
    pub fn of(&self, class: &str) -> Binary {
        let mut counts = Binary::default();
        for ((expected, got), &n) in &self.pairs {
            match (expected == class, got == class) {
                (true, true) => counts.tp += n,
                (false, true) => counts.fp += n,
                (true, false) => counts.fn_ += n,
                (false, false) => counts.tn += n,
            }
        }
        counts
    }

    /// Classes present in the labels, with their support.
    pub fn labelled(&self) -> BTreeMap<&str, u64> {
        let mut support = BTreeMap::new();
        for ((expected, _), &n) in &self.pairs {
            *support.entry(expected.as_str()).or_default() += n;
        }
        support
    }

    /// Mean F1 over the classes present in the labels.
    pub fn macro_f1(&self) -> f64 {
        let classes = self.labelled();
        if classes.is_empty() {
            return 1.0;
        }
        classes.keys().map(|c| self.of(c).f1()).sum::<f64>() / classes.len() as f64
    }

    pub fn accuracy(&self) -> f64 {
        let total: u64 = self.pairs.values().sum();
        let right: u64 = self
            .pairs
            .iter()
            .filter(|((e, g), _)| e == g)
            .map(|(_, n)| n)
            .sum();
        ratio(right, total)
    }
}

fn serialize_pairs<S: serde::Serializer>(
    pairs: &BTreeMap<(String, String), u64>,
    s: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let mut seq = s.serialize_seq(Some(pairs.len()))?;
    for ((expected, got), n) in pairs {
        seq.serialize_element(&(expected, got, n))?;
    }
    seq.end()
}

/// Share of offers with a value, field by field.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Coverage {
    pub offers: u64,
    pub counts: BTreeMap<&'static str, u64>,
}

impl Coverage {
    pub fn add(&mut self, offer: &Offer) {
        self.offers += 1;
        let fields = [
            ("salary", offer.salary.min_annual_eur.is_some()),
            ("department", offer.location.department_code.is_some()),
            ("region", offer.location.region_code.is_some()),
            ("coordinates", offer.location.lat.is_some()),
            ("contract", offer.contract.kind.is_some()),
            ("role", offer.role.is_some()),
            (
                "data_job",
                offer.role.as_deref().is_some_and(crate::is_data_role),
            ),
            (
                "seniority",
                offer.seniority.is_some_and(|s| s != Seniority::Unknown),
            ),
            ("experience_years_min", offer.experience_years_min.is_some()),
            ("remote", offer.remote.is_some_and(|r| r != Remote::Unknown)),
            ("skills", !offer.skills.is_empty()),
            ("company", offer.company.name.is_some()),
            ("title_normalized", offer.title_normalized.is_some()),
        ];
        for (field, present) in fields {
            *self.counts.entry(field).or_default() += u64::from(present);
        }
    }

    pub fn share(&self, field: &str) -> f64 {
        ratio(self.counts.get(field).copied().unwrap_or(0), self.offers)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_scores() {
        let mut b = Binary::default();
        for (e, g) in [
            (true, true),
            (true, true),
            (true, false),
            (false, true),
            (false, false),
        ] {
            b.add_one(e, g);
        }
        assert!((b.precision() - 2.0 / 3.0).abs() < 1e-9);
        assert!((b.recall() - 2.0 / 3.0).abs() < 1e-9);
        assert!((b.f1() - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn macro_f1_averages_the_labelled_classes() {
        let mut c = Classes::default();
        c.add("a", "a");
        c.add("a", "a");
        c.add("b", "a");
        c.add("b", "b");
        // a: p=2/3 r=1 f1=0.8; b: p=1 r=1/2 f1=2/3
        assert!((c.macro_f1() - (0.8 + 2.0 / 3.0) / 2.0).abs() < 1e-9);
        assert!((c.accuracy() - 0.75).abs() < 1e-9);
    }
}
