//! Contract type, duration and working time; experience.

use jobmarket_schema::{Contract, ContractType};

use super::text::parse_amount;

/// What the contract is read from.
#[derive(Debug, Default, Clone, Copy)]
pub struct ContractInput<'a> {
    /// `typeContrat`: `CDI`, `CDD`, `MIS`…
    pub code: Option<&'a str>,
    /// `typeContratLibelle`: `CDD - 6 Mois`, `Intérim - 5 Jour(s)`…
    pub label: Option<&'a str>,
    /// `natureContrat`: `Contrat apprentissage`…
    pub nature: Option<&'a str>,
    pub alternance: Option<bool>,
    /// `dureeTravailLibelle`: `35H/semaine\nTravail en journée`…
    pub hours_label: Option<&'a str>,
    /// `dureeTravailLibelleConverti`: `Temps plein` / `Temps partiel`.
    pub time_label: Option<&'a str>,
    /// `complementExercice` (sometimes `Temps plein` / `Temps partiel`).
    pub complement: Option<&'a str>,
    /// First `contexteTravail.horaires` entry, used when `dureeTravailLibelle` is absent.
    pub schedule: Option<&'a str>,
    /// The offer's title (`intitule`): internships filed under another type.
    pub title: Option<&'a str>,
    /// The offer's description: internships filed under another type.
    pub description: Option<&'a str>,
}

/// Maps a `typeContrat` code to the canonical type.
pub fn contract_type(code: &str) -> Option<ContractType> {
    Some(match code.trim().to_ascii_uppercase().as_str() {
        "CDI" | "DIN" => ContractType::Cdi,
        "CDD" | "DDI" | "DDT" => ContractType::Cdd,
        "MIS" | "TTI" => ContractType::Interim,
        "SAI" => ContractType::Seasonal,
        "LIB" => ContractType::Freelance,
        "FRA" | "CCE" | "REP" => ContractType::Other,
        _ => return None,
    })
}

/// Whether `natureContrat` names a work-study contract.
fn is_work_study(nature: &str) -> bool {
    let n = nature.to_lowercase();
    n.contains("apprentissage") || n.contains("professionnalisation")
}

pub fn contract(input: &ContractInput<'_>) -> Contract {
    let mut kind = input.code.and_then(contract_type);
    if input.alternance == Some(true) || input.nature.is_some_and(is_work_study) {
        kind = Some(ContractType::Apprenticeship);
    } else if input.title.is_some_and(title_says_internship)
        || input.description.is_some_and(description_says_internship)
    {
        kind = Some(ContractType::Internship);
    }
    let hours_text = input.hours_label.or(input.schedule);
    let hours_per_week = hours_text.and_then(hours_per_week);
    let full_time = input
        .time_label
        .and_then(full_time_from_text)
        .or_else(|| input.hours_label.and_then(full_time_from_text))
        .or_else(|| input.complement.and_then(full_time_from_text))
        .or_else(|| hours_per_week.filter(|h| *h >= 35.0).map(|_| true));
    Contract {
        kind,
        duration_months: input.label.and_then(duration_months),
        full_time,
        hours_per_week,
    }
}

/// Words of a title that make the offer an internship, whatever its contract type says.
const INTERNSHIP_TITLE_WORDS: &[&str] = &[
    "stage",
    "stages",
    "stagiaire",
    "stagiaires",
    "internship",
    "intern",
];

/// Whether a title names an internship: `Stagiaire Data Engineer`, `Stage - Data Analyst`,
/// `Data Scientist Internship`, `Élève ingénieur`. Alternance titles are not internships.
pub fn title_says_internship(title: &str) -> bool {
    let folded = fold_words(title);
    let mut internship = false;
    let mut after_eleve = false;
    for word in folded.split(' ') {
        if matches!(
            word,
            "alternance" | "alternant" | "alternante" | "apprenti" | "apprentie" | "apprentissage"
        ) {
            return false;
        }
        internship |= INTERNSHIP_TITLE_WORDS.contains(&word)
            || (after_eleve && matches!(word, "ingenieur" | "ingenieurs"));
        after_eleve = matches!(word, "eleve" | "eleves");
    }
    internship
}

/// Phrases of a description that only an internship offer uses (folded words).
const INTERNSHIP_PHRASES: &[&[&str]] = &[
    &["stage", "de", "fin", "d", "etudes"],
    &["stage", "de", "fin", "d", "etude"],
    &["stage", "de", "fin", "de", "cycle"],
    &["maitre", "de", "stage"],
    &["maitresse", "de", "stage"],
    &["tuteur", "de", "stage"],
    &["campagne", "de", "stage"],
    &["campagne", "de", "stages"],
    &["convention", "de", "stage"],
    &["offre", "de", "stage"],
    &["ce", "stage"],
    &["duree", "du", "stage"],
    &["stage", "d", "une", "duree", "de"],
];

/// Words shortly before a phrase that make it about the candidate's past, not the offered
/// job: `expérience … complétée d'un stage de fin d'études`, `à l'issue de ce stage`.
const PAST_INTERNSHIP: &[&str] = &[
    "experience",
    "experiences",
    "complete",
    "completee",
    "apres",
    "issu",
    "issue",
    "suite",
    "fin",
    "alternance",
    "realise",
    "realisee",
    "effectue",
    "effectuee",
    "premier",
    "premiere",
    "diplome",
    "diplomee",
    "sortie",
    "sortant",
    "jeune",
];

/// Whether a description clearly describes an internship: `stage de fin d'études`,
/// `maître de stage`, `campagne de stages`, `convention de stage`, `ce stage se déroule`,
/// `stage de 6 mois`… unless the words just before put it in the candidate's past
/// (`complétée d'un stage de fin d'études`, `à l'issue de ce stage`).
pub fn description_says_internship(description: &str) -> bool {
    // only the text around each "stage" (any case) is read; its `g`s are found by a fast
    // (vectorised) scan
    let b = description.as_bytes();
    memchr::memchr2_iter(b'g', b'G', b).any(|p| {
        let is_stage = p >= 3
            && p + 1 < b.len()
            && (b[p - 3] | 0x20) == b's'
            && (b[p - 2] | 0x20) == b't'
            && (b[p - 1] | 0x20) == b'a'
            && (b[p + 1] | 0x20) == b'e';
        if !is_stage {
            return false;
        }
        let start = floor_boundary(description, p.saturating_sub(93));
        let end = floor_boundary(description, (p + 57).min(b.len()));
        window_says_internship(&description[start..end])
    })
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn window_says_internship(window: &str) -> bool {
    let folded = fold_words(window);
    let words: Vec<&str> = folded.split(' ').collect();
    let about_the_job = |i: usize| {
        !words[i.saturating_sub(6)..i]
            .iter()
            .any(|w| PAST_INTERNSHIP.contains(w))
    };
    (0..words.len()).any(|i| {
        let phrase = INTERNSHIP_PHRASES.iter().any(|p| words[i..].starts_with(p));
        // "stage de 6 mois", "stage de 4 à 6 mois"
        let duration = words[i] == "stage"
            && words.get(i + 1) == Some(&"de")
            && words
                .get(i + 2)
                .is_some_and(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()))
            && (words.get(i + 3) == Some(&"mois")
                || (words.get(i + 3).is_some_and(|w| matches!(*w, "a" | "ou"))
                    && words.get(i + 5) == Some(&"mois")));
        (phrase || duration) && about_the_job(i)
    })
}

/// Lowercase words without accents, separated by single spaces (`Maître de stage` →
/// `maitre de stage`, `fin d'études` → `fin d etudes`).
fn fold_words(text: &str) -> String {
    // Built as bytes: ASCII (most of the text) takes a table lookup, other characters the
    // accent table and `to_lowercase`.
    let bytes = text.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(text.len());
    let mut space = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            let folded = ASCII_WORD_FOLD[usize::from(b)];
            if folded != 0 {
                out.push(folded);
                space = false;
            } else if !space {
                out.push(b' ');
                space = true;
            }
            i += 1;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        let c = match c {
            'à' | 'â' | 'ä' | 'À' | 'Â' | 'Ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
            'î' | 'ï' | 'Î' | 'Ï' => 'i',
            'ô' | 'ö' | 'Ô' | 'Ö' => 'o',
            'û' | 'ù' | 'ü' | 'Û' | 'Ù' | 'Ü' => 'u',
            'ç' | 'Ç' => 'c',
            c => c,
        };
        if c.is_alphanumeric() {
            for lower in c.to_lowercase() {
                out.extend_from_slice(lower.encode_utf8(&mut [0; 4]).as_bytes());
            }
            space = false;
        } else if !space {
            out.push(b' ');
            space = true;
        }
    }
    if out.last() == Some(&b' ') {
        out.pop();
    }
    // whole characters only were written
    String::from_utf8(out).expect("fold_words writes whole characters")
}

/// [`fold_words`] of each ASCII byte: alphanumerics lowercased, 0 for separators.
const ASCII_WORD_FOLD: [u8; 128] = {
    let mut table = [0; 128];
    let mut b: u8 = 0;
    while b < 128 {
        if b.is_ascii_alphanumeric() {
            table[b as usize] = b.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// `Temps plein` → true, `Temps partiel` → false, anything else `None`.
fn full_time_from_text(text: &str) -> Option<bool> {
    let t = text.to_lowercase();
    if t.contains("temps partiel") {
        Some(false)
    } else if t.contains("temps plein") || t.contains("temps complet") {
        Some(true)
    } else {
        None
    }
}

/// Rounds to two decimals.
pub(crate) fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// The duration in a `typeContratLibelle`: `CDD - 6 Mois` → 6, `Intérim - 5 Jour(s)` →
/// 5 / 30, `… - 2 Semaine(s)` → 2 × 7 / 30, `… - 1 An(s)` → 12. Two decimals.
pub fn duration_months(label: &str) -> Option<f32> {
    let (_, tail) = label.rsplit_once(" - ")?;
    let mut words = tail.split_whitespace();
    let n = parse_amount(words.next()?)?;
    let unit = words.next()?.to_lowercase();
    let months = if unit.starts_with("mois") {
        n
    } else if unit.starts_with("jour") {
        n / 30.0
    } else if unit.starts_with("semaine") {
        n * 7.0 / 30.0
    } else if unit.starts_with("an") {
        n * 12.0
    } else {
        return None;
    };
    (months > 0.0).then(|| round2(months) as f32)
}

/// Weekly hours in a `dureeTravailLibelle`: `35H/semaine` → 35, `35H30/semaine` → 35.5,
/// `39H`, `24H Travail en journée`, `35 H  Horaires normaux`, `Temps partiel - 24H/semaine`.
/// Values outside 1–60 are dropped.
pub fn hours_per_week(label: &str) -> Option<f32> {
    let b = label.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let hours: f64 = label[start..i].parse().ok()?;
        let mut j = i;
        while j < b.len() && b[j] == b' ' {
            j += 1;
        }
        if j < b.len() && (b[j] == b'H' || b[j] == b'h') {
            j += 1;
            let m_start = j;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            let minutes: f64 = if j > m_start {
                label[m_start..j].parse().unwrap_or(0.0)
            } else {
                0.0
            };
            if minutes >= 60.0 {
                return None;
            }
            let total = hours + minutes / 60.0;
            return (total > 0.0 && total <= 60.0).then(|| round2(total) as f32);
        }
    }
    None
}

/// Minimum years of experience in an `experienceLibelle`: `3 An(s)` → 3, `6 Mois` → 0.5,
/// `Expérience exigée de 2 An(s)` → 2, `Débutant accepté` → 0. `Expérience exigée` with no
/// duration is `None`.
pub fn experience_years(label: &str) -> Option<f32> {
    let lower = label.to_lowercase();
    if lower.trim_start().starts_with("débutant") || lower.trim_start().starts_with("debutant") {
        return Some(0.0);
    }
    let mut words = lower.split_whitespace().peekable();
    while let Some(w) = words.next() {
        let Some(n) = parse_amount(w) else { continue };
        let unit = words.peek()?;
        if unit.starts_with("an") {
            return Some(round2(n) as f32);
        }
        if unit.starts_with("mois") {
            return Some(round2(n / 12.0) as f32);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `fold_words` as first written, char by char.
    fn fold_words_reference(text: &str) -> String {
        let mut out = String::new();
        let mut space = true;
        for c in text.chars() {
            let c = match c {
                'à' | 'â' | 'ä' | 'À' | 'Â' | 'Ä' => 'a',
                'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
                'î' | 'ï' | 'Î' | 'Ï' => 'i',
                'ô' | 'ö' | 'Ô' | 'Ö' => 'o',
                'û' | 'ù' | 'ü' | 'Û' | 'Ù' | 'Ü' => 'u',
                'ç' | 'Ç' => 'c',
                c => c,
            };
            if c.is_alphanumeric() {
                out.extend(c.to_lowercase());
                space = false;
            } else if !space {
                out.push(' ');
                space = true;
            }
        }
        if out.ends_with(' ') {
            out.pop();
        }
        out
    }

    #[test]
    fn fold_words_fast_path_matches_the_reference() {
        let every: String = (0..0x2200u32)
            .filter_map(char::from_u32)
            .flat_map(|c| [c, 'a', c, ' ', 'Z', c, '-'])
            .collect();
        for text in [
            "",
            " - ",
            "Maître de STAGE, fin d'études !",
            "Œuvre İstanbul K ß",
            every.as_str(),
        ] {
            assert_eq!(fold_words(text), fold_words_reference(text), "{text:?}");
        }
    }

    #[test]
    fn maps_every_contract_code() {
        let cases = [
            ("CDI", ContractType::Cdi),
            ("CDD", ContractType::Cdd),
            ("MIS", ContractType::Interim),
            ("SAI", ContractType::Seasonal),
            ("LIB", ContractType::Freelance),
            ("FRA", ContractType::Other),
            ("CCE", ContractType::Other),
            ("DIN", ContractType::Cdi),
            ("DDI", ContractType::Cdd),
            ("DDT", ContractType::Cdd),
            ("TTI", ContractType::Interim),
            ("REP", ContractType::Other),
        ];
        for (code, expected) in cases {
            assert_eq!(contract_type(code), Some(expected), "{code}");
        }
        assert_eq!(contract_type("XYZ"), None);
    }

    #[test]
    fn work_study_wins() {
        let c = contract(&ContractInput {
            code: Some("CDD"),
            nature: Some("Contrat apprentissage"),
            ..Default::default()
        });
        assert_eq!(c.kind, Some(ContractType::Apprenticeship));
        let c = contract(&ContractInput {
            code: Some("CDD"),
            nature: Some("Cont. professionnalisation"),
            ..Default::default()
        });
        assert_eq!(c.kind, Some(ContractType::Apprenticeship));
        let c = contract(&ContractInput {
            code: Some("CDI"),
            alternance: Some(true),
            ..Default::default()
        });
        assert_eq!(c.kind, Some(ContractType::Apprenticeship));
        let c = contract(&ContractInput {
            code: Some("CDI"),
            nature: Some("Contrat travail"),
            alternance: Some(false),
            ..Default::default()
        });
        assert_eq!(c.kind, Some(ContractType::Cdi));
    }

    #[test]
    fn reads_durations() {
        assert_eq!(duration_months("CDD - 6 Mois"), Some(6.0));
        assert_eq!(duration_months("Intérim - 5 Jour(s)"), Some(0.17));
        assert_eq!(
            duration_months("Contrat à durée déterminée - 12 Mois"),
            Some(12.0)
        );
        assert_eq!(duration_months("Mission intérimaire - 18 Mois"), Some(18.0));
        assert_eq!(duration_months("Saisonnier - 30 Jour(s)"), Some(1.0));
        assert_eq!(duration_months("CDI"), None);
        assert_eq!(duration_months("Contrat à durée indéterminée"), None);
        assert_eq!(duration_months("CDI Intérimaire"), None);
    }

    #[test]
    fn reads_working_time() {
        assert_eq!(
            hours_per_week("35H/semaine\nTravail en journée"),
            Some(35.0)
        );
        assert_eq!(hours_per_week("35H30/semaine"), Some(35.5));
        assert_eq!(hours_per_week("39H"), Some(39.0));
        assert_eq!(hours_per_week("24H Travail en journée"), Some(24.0));
        assert_eq!(hours_per_week("35 H  Horaires normaux"), Some(35.0));
        assert_eq!(
            hours_per_week("Temps partiel - 24H/semaine\nTravail en journée"),
            Some(24.0)
        );
        assert_eq!(hours_per_week("36H45/semaine"), Some(36.75));
        assert_eq!(hours_per_week("Temps plein"), None);
        assert_eq!(hours_per_week("151H Autre"), None);

        let c = contract(&ContractInput {
            hours_label: Some("Temps partiel - 24H/semaine"),
            ..Default::default()
        });
        assert_eq!((c.full_time, c.hours_per_week), (Some(false), Some(24.0)));
        let c = contract(&ContractInput {
            hours_label: Some("35H/semaine"),
            time_label: Some("Temps plein"),
            ..Default::default()
        });
        assert_eq!((c.full_time, c.hours_per_week), (Some(true), Some(35.0)));
        let c = contract(&ContractInput {
            hours_label: Some("39H"),
            ..Default::default()
        });
        assert_eq!(c.full_time, Some(true));
        let c = contract(&ContractInput {
            hours_label: Some("20H"),
            ..Default::default()
        });
        assert_eq!(c.full_time, None);
        let c = contract(&ContractInput {
            schedule: Some("35H/semaine"),
            ..Default::default()
        });
        assert_eq!(c.hours_per_week, Some(35.0));
    }

    #[test]
    fn reads_experience() {
        assert_eq!(experience_years("3 An(s)"), Some(3.0));
        assert_eq!(experience_years("6 Mois"), Some(0.5));
        assert_eq!(experience_years("Expérience exigée de 2 An(s)"), Some(2.0));
        assert_eq!(
            experience_years("Expérience souhaitée de 1 An(s)"),
            Some(1.0)
        );
        assert_eq!(experience_years("Débutant accepté"), Some(0.0));
        assert_eq!(experience_years("Débutant accepté (2 ans)"), Some(0.0));
        assert_eq!(
            experience_years("2 An(s) - en hôtellerie 4* minimum "),
            Some(2.0)
        );
        assert_eq!(experience_years("Expérience exigée"), None);
        assert_eq!(experience_years("Expérience exigée de 18 Mois"), Some(1.5));
    }

    #[test]
    fn internships_filed_under_another_type() {
        let kind = |code: &str, title: &str, description: &str| {
            contract(&ContractInput {
                code: Some(code),
                title: Some(title),
                description: Some(description),
                ..Default::default()
            })
            .kind
        };
        let internship = Some(ContractType::Internship);
        assert_eq!(kind("CDI", "Stagiaire Data Engineer (F/H)", ""), internship);
        assert_eq!(kind("CDD", "Stage - Data Analyst - 6 mois", ""), internship);
        assert_eq!(kind("MIS", "Data Scientist Internship", ""), internship);
        assert_eq!(kind("CDI", "Élève ingénieur calcul", ""), internship);
        for description in [
            "Dans le cadre de notre campagne de stages, nous recrutons.",
            "Sous la responsabilité de votre maître de stage, vous…",
            "Vous recherchez un stage de fin d'études en data.",
            "Ce stage se déroule au sein de l'équipe Data.",
            "Poste : stage de 6 mois à partir de mars.",
            "Stage de 4 à 6 mois, convention de stage obligatoire.",
        ] {
            assert_eq!(
                kind("CDI", "Data Analyst", description),
                internship,
                "{description}"
            );
        }
        // the candidate's past internships, other words
        for (title, description) in [
            (
                "Data Analyst",
                "Expérience de 2 ans ou complétée d'un stage de fin d'études.",
            ),
            (
                "Data Analyst",
                "Vous avez effectué un stage de 6 mois en data.",
            ),
            (
                "Data Analyst",
                "Des opportunités en CDI à l'issue de ce stage de formation.",
            ),
            ("Responsable formation", "Encadrer les stagiaires"),
            ("Internal auditor", "Stagecoach"),
            ("Backstage manager", ""),
        ] {
            assert_eq!(
                kind("CDI", title, description),
                Some(ContractType::Cdi),
                "{title} / {description}"
            );
        }
        // work-study stays work-study
        assert_eq!(
            contract(&ContractInput {
                code: Some("CDD"),
                alternance: Some(true),
                title: Some("Stagiaire data"),
                ..Default::default()
            })
            .kind,
            Some(ContractType::Apprenticeship)
        );
        assert_eq!(
            kind("CDD", "Alternance - stage data analyst", ""),
            Some(ContractType::Cdd)
        );
    }
}
