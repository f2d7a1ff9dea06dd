//! Source-independent enrichment of canonical offers: data-job role, seniority, skills, remote
//! policy and title normalisation, from the offer's text.
//!
//! [`enrich`] does everything in one pass over the folded texts; the other public functions
//! ([`classify_role`], [`seniority`], [`remote_policy`], [`skills::find_skills`],
//! [`normalize_title`]) expose each step. The rules are documented in `docs/taxonomy.md`.

mod desc;
mod fold;
mod phrases;
mod remote;
mod role;
mod seniority;
pub mod skills;
mod title;

use jobmarket_schema::{Remote, Seniority};

use crate::desc::{DescScan, scan_text};
use crate::fold::{Folded, fold};
use crate::role::{DATA_ADJACENT, Evidence, NOT_DATA, TitleSignals};
use crate::skills::{Field, taxonomy};

pub use crate::remote::remote_policy;
pub use crate::seniority::seniority;
pub use crate::skills::{SkillEntry, Taxonomy, TaxonomyError};
pub use crate::title::normalize_title;

/// The role taxonomy: (key, English label), in the order of `eval/GUIDELINES.md`.
pub const ROLES: &[(&str, &str)] = &[
    ("data_analyst", "Data analyst"),
    ("bi_analyst", "BI analyst / developer"),
    ("data_engineer", "Data engineer"),
    ("analytics_engineer", "Analytics engineer"),
    ("data_scientist", "Data scientist"),
    ("ml_engineer", "Machine learning engineer"),
    ("ai_engineer", "AI engineer"),
    ("data_architect", "Data architect"),
    ("dba", "Database administrator"),
    ("data_manager", "Data manager"),
    ("data_governance", "Data governance, quality and protection"),
    ("statistician", "Statistician"),
    ("data_adjacent", "Data-adjacent job"),
    ("not_data", "Not a data job"),
];

/// The texts of an offer that enrichment reads.
#[derive(Debug, Clone, Copy)]
pub struct OfferText<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub rome_code: Option<&'a str>,
    /// Labels of the listed competences / skills.
    pub competences: &'a [&'a str],
    /// Minimum years of experience, already parsed by the source.
    pub experience_years_min: Option<f32>,
    /// "Débutant accepté" (France Travail experience code `D`).
    pub beginner_accepted: bool,
    pub contract_is_apprenticeship_or_internship: bool,
}

/// What enrichment found in an offer.
#[derive(Debug, Clone, PartialEq)]
pub struct Enrichment {
    /// A key of [`ROLES`].
    pub role: &'static str,
    /// The role is a data role (neither `data_adjacent` nor `not_data`).
    pub is_data: bool,
    pub seniority: Seniority,
    /// Keys of the skills taxonomy, sorted and unique.
    pub skills: Vec<&'static str>,
    pub remote: Remote,
    pub remote_days_per_week: Option<f32>,
    /// The title without gender marks nor seniority words, spaces collapsed.
    pub title_normalized: Option<String>,
}

/// Enriches one offer.
pub fn enrich(text: &OfferText<'_>) -> Enrichment {
    let tax = taxonomy();
    let prepared = Prepared::new(text);
    let title_normalized = normalize_title(text.title);
    let role = prepared.role(text, title_normalized.as_deref());
    let seniority = seniority::seniority_of(text, &prepared.title.text, || prepared.scan.years);
    let mut remote_cues = prepared.scan.remote.clone();
    remote_cues.merge(&prepared.title_scan.remote);
    let (remote, remote_days_per_week) = remote_cues.decide();
    Enrichment {
        role: ROLES[role].0,
        is_data: role != DATA_ADJACENT && role != NOT_DATA,
        seniority,
        skills: tax.keys_of(prepared.skills),
        remote,
        remote_days_per_week,
        title_normalized,
    }
}

/// The data-job role of an offer: a key of [`ROLES`].
pub fn classify_role(text: &OfferText<'_>) -> &'static str {
    let prepared = Prepared::new(text);
    let normalized = normalize_title(text.title);
    ROLES[prepared.role(text, normalized.as_deref())].0
}

/// Between two competences in their joined text.
const COMPETENCE_SEPARATOR: &str = "\n\u{1}\n";

/// The offer's texts folded once, its skills and one scan of its description and competences.
struct Prepared<'a> {
    title: Folded<'a>,
    skills: Vec<u16>,
    scan: DescScan,
    /// What the title says (its remote cues are read).
    title_scan: DescScan,
}

impl<'a> Prepared<'a> {
    fn new(text: &OfferText<'a>) -> Self {
        let title = Folded::new(text.title);
        let mut skills: Vec<u16> = Vec::new();
        let mut scan = DescScan::default();
        // Overlapping matches for the title's skills (`Ingénieur IA générative`: the role
        // phrase `ingénieur IA` and the skill `IA générative`); its remote cues from the
        // description scan.
        taxonomy().collect(&title, Field::Title, &mut skills);
        let mut title_scan = DescScan::default();
        scan_text(&title, Field::Title, None, &mut title_scan);
        if let Some(d) = text.description {
            scan_text(
                &Folded::new(d),
                Field::Description,
                Some(&mut skills),
                &mut scan,
            );
        }
        if !text.competences.is_empty() {
            // One scan over all the competences, kept apart by a separator no phrase holds
            // and no word rule reads across.
            let joined = text.competences.join(COMPETENCE_SEPARATOR);
            scan_text(
                &Folded::new(&joined),
                Field::Competence,
                Some(&mut skills),
                &mut scan,
            );
        }
        Prepared {
            title,
            skills,
            scan,
            title_scan,
        }
    }

    fn role(&self, text: &OfferText<'_>, normalized_title: Option<&str>) -> usize {
        let folded_title = match normalized_title {
            Some(t) => fold(t),
            None => self.title.text.clone(),
        };
        let signals = TitleSignals::from_title(&folded_title);
        let evidence = Evidence::new(&self.scan, &self.skills);
        role::decide(&signals, text.rome_code, &evidence)
    }
}

#[cfg(test)]
mod tests;
