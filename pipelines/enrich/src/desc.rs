//! One pass over a description finds everything but skills: remote cues, data-role phrases,
//! data vocabulary and the years of experience asked.

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::fold::fold;
use crate::phrases::PhraseSet;
use crate::remote::{self, Cue, RemoteCues};
use crate::role::{self, N_DATA_ROLES, RoleId, Signal};
use crate::seniority::number_before;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phrase {
    Remote(Cue),
    /// A data role named in the text ("data engineer", "statistiques").
    Role(RoleId),
    /// General data vocabulary ("données", "requêtes").
    Vocab,
    /// A years-of-experience marker after the number ("3 ans d'expérience").
    YearsBefore,
    /// A marker before the number ("expérience de 3 ans").
    YearsAfter,
}

const YEARS_BEFORE: &[&str] = &[
    "ans d'expérience",
    "an d'expérience",
    "années d'expérience",
    "ans minimum d'expérience",
    "ans d'exp",
    "years of experience",
    "years experience",
    "years' experience",
    "ans dans un poste similaire",
    "ans sur un poste similaire",
];
const YEARS_AFTER: &[&str] = &[
    "expérience de",
    "expérience minimum de",
    "expérience d'au moins",
    "expérience professionnelle de",
];

/// What a description says, apart from skills.
#[derive(Debug, Default, Clone)]
pub(crate) struct DescScan {
    pub remote: RemoteCues,
    pub roles: [f32; N_DATA_ROLES],
    pub vocab: f32,
    pub years: Option<f32>,
}

fn phrases() -> &'static PhraseSet<Phrase> {
    static SET: OnceLock<PhraseSet<Phrase>> = OnceLock::new();
    SET.get_or_init(|| {
        let mut seen = HashSet::new();
        let mut table: Vec<(&'static str, Phrase)> = Vec::new();
        let mut add = |p: &'static str, m: Phrase| {
            if seen.insert(fold(p)) {
                table.push((p, m));
            }
        };
        for &(p, cue) in remote::PHRASES {
            add(p, Phrase::Remote(cue));
        }
        for &p in YEARS_BEFORE {
            add(p, Phrase::YearsBefore);
        }
        for &p in YEARS_AFTER {
            add(p, Phrase::YearsAfter);
        }
        for &(p, signal) in role::TITLE_RULES {
            if let Signal::Role(r, w) = signal
                && w >= 8.0
                && p.len() > 4
            {
                add(p, Phrase::Role(r));
            }
        }
        for &p in role::DESC_VOCAB {
            add(p, Phrase::Vocab);
        }
        PhraseSet::new(table, false)
    })
}

/// Adds what the folded text `s` says to `out`.
pub(crate) fn scan_description(s: &str, out: &mut DescScan) {
    phrases().scan(s, |start, end, phrase| match phrase {
        Phrase::Remote(cue) => out.remote.observe(s, start, end, cue),
        Phrase::Role(r) => out.roles[r] += 1.0,
        Phrase::Vocab => out.vocab += 1.0,
        Phrase::YearsBefore => {
            if out.years.is_none() {
                out.years = number_before(s, start);
            }
        }
        Phrase::YearsAfter => {
            if out.years.is_none() {
                let rest = s[end..].trim_start();
                let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
                if !digits.is_empty() && rest[digits.len()..].trim_start().starts_with("an") {
                    out.years = digits.parse().ok().filter(|y: &f32| *y <= 40.0);
                }
            }
        }
    });
}
