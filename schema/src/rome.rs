//! ROME 4.0 codes (France Travail's job referential) and the ones that hold data jobs.

use serde::{Deserialize, Serialize};

/// A ROME code such as `M1811` (one letter, four digits).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RomeCode(String);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("invalid rome code {0:?}: expected a letter and four digits, e.g. M1811")]
pub struct InvalidRomeCode(pub String);

impl RomeCode {
    pub fn parse(code: &str) -> Result<Self, InvalidRomeCode> {
        let code = code.trim().to_ascii_uppercase();
        let bytes = code.as_bytes();
        let valid = bytes.len() == 5
            && bytes[0].is_ascii_uppercase()
            && bytes[1..].iter().all(u8::is_ascii_digit);
        if valid {
            Ok(RomeCode(code))
        } else {
            Err(InvalidRomeCode(code))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for RomeCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for RomeCode {
    type Err = InvalidRomeCode;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RomeCode::parse(s)
    }
}

/// ROME 4.0 codes whose offers are mostly or often data jobs, with their label.
///
/// The dedicated data codes come first; `M1403` (socio-economic studies) and `K1906` (DPO)
/// also hold many non-data offers, which the role classifier sorts out.
pub const DATA_ROME_CODES: &[(&str, &str)] = &[
    ("M1405", "Data scientist"),
    ("M1419", "Data analyst"),
    ("M1423", "Chief Data Officer"),
    (
        "M1414",
        "Ingénieur statisticien / Ingénieure statisticienne",
    ),
    ("M1811", "Data engineer"),
    ("M1851", "Analyste décisionnel - Business Intelligence"),
    (
        "M1824",
        "Développeur / Développeuse décisionnel - Business Intelligence",
    ),
    (
        "M1872",
        "Consultant décisionnel / Consultante décisionnelle - Business Intelligence",
    ),
    ("M1868", "Architecte base de données"),
    ("M1894", "Gestionnaire de base de données"),
    (
        "M1889",
        "Ingénieur / Ingénieure en Intelligence Artificielle (IA)",
    ),
    ("M1873", "Spécialiste IA embarquée"),
    ("K2403", "Biostatisticien / Biostatisticienne"),
    (
        "H1215",
        "Bioinformaticien / Bioinformaticienne en études, recherche et développement",
    ),
    (
        "K1906",
        "Délégué / Déléguée à la protection des données - Data Protection Officer",
    ),
    ("M1403", "Chargé / Chargée d'études socio-économiques"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_valid_codes_and_rejects_others() {
        assert_eq!(RomeCode::parse(" m1811 ").unwrap().as_str(), "M1811");
        assert!(RomeCode::parse("M181").is_err());
        assert!(RomeCode::parse("18110").is_err());
        assert!(RomeCode::parse("M18A1").is_err());
    }

    #[test]
    fn data_codes_are_valid_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for (code, _) in DATA_ROME_CODES {
            RomeCode::parse(code).unwrap();
            assert!(seen.insert(*code), "{code} twice");
        }
    }
}
