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
}
