//! The canonical [`Offer`] and its parts.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::RomeCode;

/// Identifier of an offer across sources: `"<source>:<source id>"`, e.g. `francetravail:201WLXK`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct OfferId(pub String);

impl OfferId {
    /// Builds the id of offer `source_id` from `source`.
    pub fn new(source: &str, source_id: &str) -> Self {
        OfferId(format!("{source}:{source_id}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for OfferId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One job offer in the canonical schema (v1). See `docs/schema.md`.
///
/// Fields that a source does not give, or that the normaliser cannot decide reliably, are
/// `None` (serialised as `null`): an unknown value is never guessed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Offer {
    pub id: OfferId,
    /// Source name, e.g. `francetravail`.
    pub source: String,
    /// The offer's id at its source.
    pub source_id: String,
    /// Where a person reads the offer at its source.
    pub url: Option<String>,
    /// Other places where the same offer is published (partner boards).
    #[serde(default)]
    pub links: Vec<SourceLink>,
    pub title: String,
    /// The title without gender marks and decorations; filled by the normaliser.
    pub title_normalized: Option<String>,
    pub description: Option<String>,
    pub company: Company,
    pub rome_code: Option<RomeCode>,
    /// ROME label as given by the source (not always the referential's label).
    pub rome_label: Option<String>,
    /// When the offer was created at its source.
    pub published_at: Option<DateTime<Utc>>,
    /// When the source last changed the offer.
    pub updated_at: Option<DateTime<Utc>>,
    /// When JobMarket first collected the offer.
    pub first_seen_at: DateTime<Utc>,
    /// When JobMarket last saw the offer in a collection.
    pub last_seen_at: DateTime<Utc>,
    pub contract: Contract,
    pub salary: Salary,
    pub location: Location,
    /// Key of the data-job taxonomy (`docs/taxonomy.md`), `None` until classified.
    pub role: Option<String>,
    pub seniority: Option<Seniority>,
    pub experience_years_min: Option<f32>,
    pub remote: Option<Remote>,
    /// Remote days per week when the offer states them.
    pub remote_days_per_week: Option<f32>,
    /// Keys of the skills taxonomy.
    #[serde(default)]
    pub skills: Vec<String>,
    /// Schema version this offer was written with.
    pub schema_version: u32,
}

/// A link to the offer on a board that relays it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceLink {
    /// Board name, as the source spells it (e.g. `DIRECTEMPLOI`).
    pub name: String,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Company {
    pub name: Option<String>,
    /// Lowercase name without legal form, for grouping; filled by the normaliser.
    pub name_normalized: Option<String>,
    /// Size band as the source states it (e.g. `20 à 49 salariés`).
    pub size: Option<String>,
    /// NAF (APE) code, e.g. `62.02A`.
    pub naf_code: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContractType {
    Cdi,
    Cdd,
    Interim,
    Freelance,
    Internship,
    Apprenticeship,
    Seasonal,
    Other,
}

impl ContractType {
    pub const ALL: [ContractType; 8] = [
        ContractType::Cdi,
        ContractType::Cdd,
        ContractType::Interim,
        ContractType::Freelance,
        ContractType::Internship,
        ContractType::Apprenticeship,
        ContractType::Seasonal,
        ContractType::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ContractType::Cdi => "cdi",
            ContractType::Cdd => "cdd",
            ContractType::Interim => "interim",
            ContractType::Freelance => "freelance",
            ContractType::Internship => "internship",
            ContractType::Apprenticeship => "apprenticeship",
            ContractType::Seasonal => "seasonal",
            ContractType::Other => "other",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Contract {
    #[serde(rename = "type")]
    pub kind: Option<ContractType>,
    pub duration_months: Option<f32>,
    pub full_time: Option<bool>,
    pub hours_per_week: Option<f32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SalaryPeriod {
    Hour,
    Day,
    Month,
    Year,
}

/// Advertised pay, converted to gross euros per year.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Salary {
    pub min_annual_eur: Option<f64>,
    pub max_annual_eur: Option<f64>,
    /// The period the amounts were stated in.
    pub period: Option<SalaryPeriod>,
    /// Number of monthly payments per year when stated (12, 13, 13.5…).
    pub months: Option<f32>,
    /// The text the figures were read from, verbatim.
    pub raw: Option<String>,
    /// Why the figures may be doubtful (e.g. `unit_corrected`, `swapped_bounds`).
    #[serde(default)]
    pub flags: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Location {
    /// Place as the source writes it.
    pub label: Option<String>,
    /// INSEE commune code (arrondissement code for Paris, Lyon, Marseille).
    pub commune_code: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    /// INSEE department code: `"75"`, `"2A"`, `"974"`.
    pub department_code: Option<String>,
    /// INSEE region code: `"11"` for Île-de-France.
    pub region_code: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// The source states only the country (France-wide or remote offers).
    #[serde(default)]
    pub country_only: bool,
    /// Where the place is: metropolitan France, an overseas department, an overseas
    /// collectivity (975, 977, 978, 98x) or abroad; `None` when unknown or country only.
    pub territory: Option<Territory>,
}

/// Which part of the world a place belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Territory {
    /// Metropolitan France, Corsica included.
    Metropolitan,
    /// Overseas departments and regions: 971–974, 976.
    Overseas,
    /// Overseas collectivities outside the regions of France: 975, 977, 978, 98x.
    Collectivity,
    Abroad,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Seniority {
    Intern,
    Junior,
    Mid,
    Senior,
    Lead,
    Unknown,
}

impl Seniority {
    pub const ALL: [Seniority; 6] = [
        Seniority::Intern,
        Seniority::Junior,
        Seniority::Mid,
        Seniority::Senior,
        Seniority::Lead,
        Seniority::Unknown,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Seniority::Intern => "intern",
            Seniority::Junior => "junior",
            Seniority::Mid => "mid",
            Seniority::Senior => "senior",
            Seniority::Lead => "lead",
            Seniority::Unknown => "unknown",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Remote {
    Full,
    Hybrid,
    Occasional,
    None,
    Unknown,
}

impl Remote {
    pub const ALL: [Remote; 5] = [
        Remote::Full,
        Remote::Hybrid,
        Remote::Occasional,
        Remote::None,
        Remote::Unknown,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Remote::Full => "full",
            Remote::Hybrid => "hybrid",
            Remote::Occasional => "occasional",
            Remote::None => "none",
            Remote::Unknown => "unknown",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabularies_serialise_as_schema_keys() {
        for kind in ContractType::ALL {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
        for s in Seniority::ALL {
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.as_str())
            );
        }
        for r in Remote::ALL {
            assert_eq!(
                serde_json::to_string(&r).unwrap(),
                format!("\"{}\"", r.as_str())
            );
        }
    }

    #[test]
    fn contract_kind_is_named_type_on_the_wire() {
        let contract = Contract {
            kind: Some(ContractType::Apprenticeship),
            ..Contract::default()
        };
        let json = serde_json::to_value(&contract).unwrap();
        assert_eq!(json["type"], "apprenticeship");
    }
}
