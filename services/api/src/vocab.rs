//! The values the API accepts and the French labels it gives them: roles, seniorities,
//! contracts, remote policies, departments, regions and skills, and the dimensions an
//! endpoint can break the market down by.

use jobmarket_schema::{ContractType, Remote, Seniority, geo};
use jobmarket_storage::KeywordField;
use serde::Serialize;
use utoipa::ToSchema;

/// French labels of the role taxonomy (keys from `jobmarket_enrich::ROLES`).
pub fn role_label(key: &str) -> Option<&'static str> {
    Some(match key {
        "data_analyst" => "Data analyst",
        "bi_analyst" => "Analyste / développeur BI",
        "data_engineer" => "Data engineer",
        "analytics_engineer" => "Analytics engineer",
        "data_scientist" => "Data scientist",
        "ml_engineer" => "Ingénieur machine learning",
        "ai_engineer" => "Ingénieur IA",
        "data_architect" => "Architecte data",
        "dba" => "Administrateur de bases de données",
        "data_manager" => "Data manager",
        "data_governance" => "Gouvernance et qualité des données",
        "statistician" => "Statisticien",
        "data_adjacent" => "Métier proche de la data",
        "not_data" => "Hors data",
        _ => return None,
    })
}

pub fn seniority_label(s: Seniority) -> &'static str {
    match s {
        Seniority::Intern => "Stage",
        Seniority::Junior => "Junior",
        Seniority::Mid => "Confirmé",
        Seniority::Senior => "Senior",
        Seniority::Lead => "Lead / manager",
        Seniority::Unknown => "Non précisé",
    }
}

pub fn contract_label(c: ContractType) -> &'static str {
    match c {
        ContractType::Cdi => "CDI",
        ContractType::Cdd => "CDD",
        ContractType::Interim => "Intérim",
        ContractType::Freelance => "Freelance",
        ContractType::Internship => "Stage",
        ContractType::Apprenticeship => "Alternance",
        ContractType::Seasonal => "Saisonnier",
        ContractType::Other => "Autre",
    }
}

pub fn remote_label(r: Remote) -> &'static str {
    match r {
        Remote::Full => "Télétravail complet",
        Remote::Hybrid => "Hybride",
        Remote::Occasional => "Télétravail occasionnel",
        Remote::None => "Sur site",
        Remote::Unknown => "Non précisé",
    }
}

/// A dimension the market can be broken down by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dimension {
    Role,
    Seniority,
    Contract,
    Remote,
    Department,
    Region,
    Company,
    Source,
    Skill,
    RomeCode,
}

impl Dimension {
    pub const ALL: [Dimension; 10] = [
        Dimension::Role,
        Dimension::Seniority,
        Dimension::Contract,
        Dimension::Remote,
        Dimension::Department,
        Dimension::Region,
        Dimension::Company,
        Dimension::Source,
        Dimension::Skill,
        Dimension::RomeCode,
    ];

    /// The name used in URLs and responses.
    pub fn name(self) -> &'static str {
        match self {
            Dimension::Role => "role",
            Dimension::Seniority => "seniority",
            Dimension::Contract => "contract",
            Dimension::Remote => "remote",
            Dimension::Department => "department",
            Dimension::Region => "region",
            Dimension::Company => "company",
            Dimension::Source => "source",
            Dimension::Skill => "skill",
            Dimension::RomeCode => "rome_code",
        }
    }

    pub fn names() -> Vec<&'static str> {
        Dimension::ALL.iter().map(|d| d.name()).collect()
    }

    pub fn parse(name: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.name() == name)
    }

    pub fn field(self) -> KeywordField {
        match self {
            Dimension::Role => KeywordField::Role,
            Dimension::Seniority => KeywordField::Seniority,
            Dimension::Contract => KeywordField::ContractType,
            Dimension::Remote => KeywordField::Remote,
            Dimension::Department => KeywordField::Department,
            Dimension::Region => KeywordField::Region,
            Dimension::Company => KeywordField::Company,
            Dimension::Source => KeywordField::Source,
            Dimension::Skill => KeywordField::Skills,
            Dimension::RomeCode => KeywordField::RomeCode,
        }
    }

    /// Every value the dimension can take, when the vocabulary is closed.
    pub fn values(self) -> Option<Vec<&'static str>> {
        Some(match self {
            Dimension::Role => jobmarket_enrich::ROLES.iter().map(|(k, _)| *k).collect(),
            Dimension::Seniority => Seniority::ALL.iter().map(|s| s.as_str()).collect(),
            Dimension::Contract => ContractType::ALL.iter().map(|c| c.as_str()).collect(),
            Dimension::Remote => Remote::ALL.iter().map(|r| r.as_str()).collect(),
            Dimension::Department => geo::DEPARTMENTS.iter().map(|d| d.code).collect(),
            Dimension::Region => geo::REGIONS.iter().map(|r| r.code).collect(),
            Dimension::Skill => jobmarket_enrich::skills::taxonomy()
                .entries()
                .iter()
                .map(|e| e.key)
                .collect(),
            Dimension::Company | Dimension::Source | Dimension::RomeCode => return None,
        })
    }

    /// Inhabitants of a department or region (INSEE 2021, rounded); `None` for other
    /// dimensions and for places without a census figure.
    pub fn population(self, key: &str) -> Option<u32> {
        match self {
            Dimension::Department => geo::department(key).and_then(|d| d.population()),
            Dimension::Region => geo::region(key).and_then(|r| r.population()),
            _ => None,
        }
    }

    /// The French label of a value, when there is one.
    pub fn label(self, key: &str) -> Option<String> {
        match self {
            Dimension::Role => role_label(key).map(str::to_string),
            Dimension::Seniority => parse_key::<Seniority>(key).map(|s| seniority_label(s).into()),
            Dimension::Contract => parse_key::<ContractType>(key).map(|c| contract_label(c).into()),
            Dimension::Remote => parse_key::<Remote>(key).map(|r| remote_label(r).into()),
            Dimension::Department => geo::department(key).map(|d| d.name.to_string()),
            Dimension::Region => geo::region(key).map(|r| r.name.to_string()),
            Dimension::Skill => jobmarket_enrich::skills::taxonomy()
                .get(key)
                .map(|e| e.name.to_string()),
            Dimension::Source => Some(match key {
                "francetravail" => "France Travail".to_string(),
                other => other.to_string(),
            }),
            Dimension::Company | Dimension::RomeCode => None,
        }
    }
}

/// The enum value of a schema key.
pub fn parse_key<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(key.to_string())).ok()
}

/// One value of a vocabulary, with its French label.
#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct Term {
    pub key: String,
    pub label: String,
    /// For departments: the region code; for skills: the category.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// For departments and regions: inhabitants (INSEE, recensement 2021, rounded to the
    /// thousand; none for overseas collectivities).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub population: Option<u32>,
}

/// Every closed vocabulary, for building filters.
#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct Vocabularies {
    pub roles: Vec<Term>,
    pub seniorities: Vec<Term>,
    pub contracts: Vec<Term>,
    pub remote: Vec<Term>,
    pub regions: Vec<Term>,
    pub departments: Vec<Term>,
    pub skills: Vec<Term>,
    pub dimensions: Vec<String>,
}

pub fn vocabularies() -> Vocabularies {
    let terms = |d: Dimension| -> Vec<Term> {
        d.values()
            .unwrap_or_default()
            .into_iter()
            .map(|k| Term {
                key: k.to_string(),
                label: d.label(k).unwrap_or_else(|| k.to_string()),
                group: None,
                population: d.population(k),
            })
            .collect()
    };
    Vocabularies {
        roles: terms(Dimension::Role),
        seniorities: terms(Dimension::Seniority),
        contracts: terms(Dimension::Contract),
        remote: terms(Dimension::Remote),
        regions: terms(Dimension::Region),
        departments: geo::DEPARTMENTS
            .iter()
            .map(|d| Term {
                key: d.code.to_string(),
                label: d.name.to_string(),
                group: Some(d.region_code.to_string()),
                population: d.population(),
            })
            .collect(),
        skills: jobmarket_enrich::skills::taxonomy()
            .entries()
            .iter()
            .map(|e| Term {
                key: e.key.to_string(),
                label: e.name.to_string(),
                group: Some(e.category.to_string()),
                population: None,
            })
            .collect(),
        dimensions: Dimension::names().into_iter().map(String::from).collect(),
    }
}
