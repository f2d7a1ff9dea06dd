//! Seniority from the title words, then from the experience asked.

use std::sync::OnceLock;

use jobmarket_schema::Seniority;

use crate::OfferText;
use crate::desc::{DescScan, scan_description};
use crate::fold::Folded;
use crate::phrases::PhraseSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Word {
    Intern,
    Lead,
    /// A manager word that does not mean leading a team (`product manager`, `chef de projet`).
    NotLead,
    Senior,
    Junior,
}

const TITLE_WORDS: &[(&str, Word)] = &[
    ("stage", Word::Intern),
    ("stagiaire", Word::Intern),
    ("stagiaires", Word::Intern),
    ("intern", Word::Intern),
    ("internship", Word::Intern),
    ("alternance", Word::Intern),
    ("alternant", Word::Intern),
    ("alternante", Word::Intern),
    ("apprenti", Word::Intern),
    ("apprentie", Word::Intern),
    ("en apprentissage", Word::Intern),
    ("contrat de professionnalisation", Word::Intern),
    ("contrat pro", Word::Intern),
    ("lead", Word::Lead),
    ("leader", Word::Lead),
    ("principal", Word::Lead),
    ("head of", Word::Lead),
    ("head", Word::Lead),
    ("manager", Word::Lead),
    ("responsable", Word::Lead),
    ("directeur", Word::Lead),
    ("directrice", Word::Lead),
    ("director", Word::Lead),
    ("chief", Word::Lead),
    ("chef", Word::Lead),
    ("vp", Word::Lead),
    ("cdo", Word::Lead),
    ("product manager", Word::NotLead),
    ("project manager", Word::NotLead),
    ("account manager", Word::NotLead),
    ("community manager", Word::NotLead),
    ("office manager", Word::NotLead),
    ("data manager", Word::NotLead),
    ("traffic manager", Word::NotLead),
    ("category manager", Word::NotLead),
    ("chef de projet", Word::NotLead),
    ("chef de projets", Word::NotLead),
    ("chef de produit", Word::NotLead),
    ("senior", Word::Senior),
    ("sr", Word::Senior),
    ("confirme", Word::Senior),
    ("confirmee", Word::Senior),
    ("confirmes", Word::Senior),
    ("experimente", Word::Senior),
    ("experimentee", Word::Senior),
    ("expert", Word::Senior),
    ("experte", Word::Senior),
    ("junior", Word::Junior),
    ("jr", Word::Junior),
    ("debutant", Word::Junior),
    ("debutante", Word::Junior),
    ("jeune diplome", Word::Junior),
    ("jeune diplomee", Word::Junior),
];

fn title_words() -> &'static PhraseSet<Word> {
    static SET: OnceLock<PhraseSet<Word>> = OnceLock::new();
    SET.get_or_init(|| PhraseSet::new(TITLE_WORDS.iter().copied(), true))
}

/// The seniority of an offer: title words first (intern, lead, senior, junior), then the
/// contract (apprenticeship or internship → intern), then the experience asked (under 2 years
/// or beginners accepted → junior, 2 to 4 → mid, 5 and more → senior), read from the source's
/// field or, failing that, from the description.
pub fn seniority(text: &OfferText<'_>) -> Seniority {
    let title = Folded::new(text.title);
    seniority_of(text, &title.text, || {
        let mut scan = DescScan::default();
        if let Some(d) = text.description {
            scan_description(&Folded::new(d), &mut scan);
        }
        scan.years
    })
}

/// The seniority from the folded title; `description_years` reads the years of experience
/// asked in the description, only called when needed.
pub(crate) fn seniority_of(
    text: &OfferText<'_>,
    title: &str,
    description_years: impl FnOnce() -> Option<f32>,
) -> Seniority {
    let (mut intern, mut lead, mut senior, mut junior) = (false, false, false, false);
    // Spans of "manager"-like words that are not team leads.
    let mut not_lead: Vec<(usize, usize)> = Vec::new();
    let mut leads: Vec<(usize, usize)> = Vec::new();
    title_words().scan(title, |start, end, word| match word {
        Word::Intern => {
            let after = title[end..].trim_start();
            if !(title[start..end].contains("apprentissage")
                && ["automatique", "statistique", "profond"]
                    .iter()
                    .any(|w| after.starts_with(w)))
            {
                intern = true;
            }
        }
        Word::Lead => leads.push((start, end)),
        Word::NotLead => not_lead.push((start, end)),
        Word::Senior => senior = true,
        Word::Junior => junior = true,
    });
    for (s, e) in leads {
        if !not_lead.iter().any(|&(ns, ne)| ns <= s && e <= ne) {
            lead = true;
        }
    }
    if intern || text.contract_is_apprenticeship_or_internship {
        return Seniority::Intern;
    }
    if lead {
        return Seniority::Lead;
    }
    if senior {
        return Seniority::Senior;
    }
    if junior {
        return Seniority::Junior;
    }
    // The years the recruiter writes in the description come first: the source's structured
    // field ("Débutant accepté", "1 an") is often a default that the text contradicts. More
    // than 15 years is a company's history ("40 années d'expérience en Europe"), not a
    // requirement.
    let stated = description_years().filter(|y| *y <= 15.0);
    if stated.is_none() && text.beginner_accepted {
        return Seniority::Junior;
    }
    let years = stated.or(text.experience_years_min);
    match years {
        Some(y) if y < 2.0 => Seniority::Junior,
        Some(y) if y < 5.0 => Seniority::Mid,
        Some(_) => Seniority::Senior,
        None => Seniority::Unknown,
    }
}

/// The number just before byte `at` ("3 ", "5+ ", "3 a 5 " → 3), if any.
pub(crate) fn number_before(s: &str, at: usize) -> Option<f32> {
    let head = s[..at].trim_end().trim_end_matches('+').trim_end();
    let digits_start = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit())
        .last()
        .map(|(i, _)| i)?;
    let upper: f32 = head[digits_start..].parse().ok()?;
    if upper > 40.0 {
        return None;
    }
    // A range "3 a 5", "3-5", "3 ou 4": take the lower bound.
    let before = head[..digits_start].trim_end();
    for sep in [" a", "-", " ou", "/", " et"] {
        if let Some(b) = before.strip_suffix(sep) {
            let b = b.trim_end();
            let lo_start = b
                .char_indices()
                .rev()
                .take_while(|(_, c)| c.is_ascii_digit())
                .last()
                .map(|(i, _)| i);
            if let Some(ls) = lo_start
                && let Ok(lo) = b[ls..].parse::<f32>()
            {
                return Some(lo.min(upper));
            }
        }
    }
    Some(upper)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offer(title: &str) -> OfferText<'_> {
        OfferText {
            title,
            description: None,
            rome_code: None,
            competences: &[],
            experience_years_min: None,
            beginner_accepted: false,
            contract_is_apprenticeship_or_internship: false,
        }
    }

    #[test]
    fn title_words_first() {
        assert_eq!(seniority(&offer("Stage - Data Analyst")), Seniority::Intern);
        assert_eq!(
            seniority(&offer("Data Engineer en alternance")),
            Seniority::Intern
        );
        assert_eq!(
            seniority(&offer("Apprenti(e) Data Scientist")),
            Seniority::Intern
        );
        assert_eq!(seniority(&offer("Lead Data Engineer")), Seniority::Lead);
        assert_eq!(seniority(&offer("Head of Data")), Seniority::Lead);
        assert_eq!(seniority(&offer("Responsable BI")), Seniority::Lead);
        assert_eq!(seniority(&offer("Data Engineer Senior")), Seniority::Senior);
        assert_eq!(
            seniority(&offer("Consultant BI confirmé")),
            Seniority::Senior
        );
        assert_eq!(seniority(&offer("Data Analyst Junior")), Seniority::Junior);
        assert_eq!(seniority(&offer("Chef de projet data")), Seniority::Unknown);
        assert_eq!(
            seniority(&offer("Data Product Manager")),
            Seniority::Unknown
        );
        assert_eq!(
            seniority(&offer("Data Scientist - apprentissage automatique")),
            Seniority::Unknown
        );
    }

    #[test]
    fn experience_and_contract() {
        let mut o = offer("Data Analyst");
        o.contract_is_apprenticeship_or_internship = true;
        assert_eq!(seniority(&o), Seniority::Intern);
        let mut o = offer("Data Analyst");
        o.beginner_accepted = true;
        assert_eq!(seniority(&o), Seniority::Junior);
        o.beginner_accepted = false;
        o.experience_years_min = Some(1.0);
        assert_eq!(seniority(&o), Seniority::Junior);
        o.experience_years_min = Some(3.0);
        assert_eq!(seniority(&o), Seniority::Mid);
        o.experience_years_min = Some(6.0);
        assert_eq!(seniority(&o), Seniority::Senior);
        o.experience_years_min = None;
        o.description = Some("Vous justifiez de 3 à 5 ans d'expérience en BI.");
        assert_eq!(seniority(&o), Seniority::Mid);
        o.description = Some("Une expérience de 7 ans minimum est requise.");
        assert_eq!(seniority(&o), Seniority::Senior);
        o.description = Some("Rien sur le profil.");
        assert_eq!(seniority(&o), Seniority::Unknown);
    }
}
