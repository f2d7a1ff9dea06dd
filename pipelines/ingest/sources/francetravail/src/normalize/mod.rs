//! France Travail offer ([`RawOffer`]) → canonical [`Offer`] (schema v1, `docs/schema.md`).
//!
//! Only `id` and `intitule` are mandatory; every other field that is missing or cannot be
//! read reliably becomes `None`. The parts live in submodules: [`contract`] (contract type,
//! duration, working time, experience), [`salary`], [`place`] (location) and [`text`]
//! (title and company cleaning).

pub mod contract;
pub mod place;
pub mod salary;
pub mod text;

use chrono::{DateTime, NaiveDateTime, Utc};
use jobmarket_schema::{
    Company, ContractType, Offer, OfferId, RomeCode, SCHEMA_VERSION, SourceLink,
};

use crate::raw::{RawOffer, RawOrigin};
use text::non_empty;

/// Name of this source in offer ids and folder names.
pub const SOURCE: &str = "francetravail";

/// Public page of an offer, used when `origineOffre.urlOrigine` is missing.
pub const OFFER_PAGE: &str = "https://candidat.francetravail.fr/offres/recherche/detail/";

#[derive(Debug, thiserror::Error)]
pub enum NormalizeError {
    #[error("invalid json: {0}")]
    Json(#[from] serde_json::Error),
    #[error("missing field {0}")]
    Missing(&'static str),
    #[error("invalid {field}: {reason}")]
    Invalid { field: &'static str, reason: String },
}

/// Normalises one raw API offer (a JSON object as the API sends it): [`RawOffer::from_json`]
/// then [`normalize_offer`].
pub fn normalize_json(json: &str, seen_at: DateTime<Utc>) -> Result<Offer, NormalizeError> {
    normalize_offer(&RawOffer::from_json(json)?, seen_at)
}

/// Maps one offer to the canonical schema.
pub fn normalize_offer(
    raw: &RawOffer<'_>,
    seen_at: DateTime<Utc>,
) -> Result<Offer, NormalizeError> {
    let source_id = non_empty(raw.id.as_deref()).ok_or(NormalizeError::Missing("id"))?;
    let title = non_empty(raw.title.as_deref()).ok_or(NormalizeError::Missing("intitule"))?;
    let url = match non_empty(raw.origin.as_ref().and_then(|o| o.url.as_deref())) {
        Some(url) => url.to_string(),
        None => format!("{OFFER_PAGE}{source_id}"),
    };
    let company_name = non_empty(raw.company.as_ref().and_then(|c| c.name.as_deref()));
    let company = Company {
        name: company_name.map(str::to_string),
        name_normalized: company_name.and_then(text::normalize_company),
        size: non_empty(raw.company_size.as_deref()).map(str::to_string),
        naf_code: non_empty(raw.naf_code.as_deref()).map(str::to_string),
    };
    let contract = contract::contract(&contract::ContractInput {
        code: raw.contract_code.as_deref(),
        label: raw.contract_label.as_deref(),
        nature: raw.contract_nature.as_deref(),
        alternance: raw.work_study,
        hours_label: non_empty(raw.hours_label.as_deref()),
        time_label: raw.time_label.as_deref(),
        complement: raw.work_complement.as_deref(),
        schedule: raw
            .work_context
            .as_ref()
            .and_then(|c| c.schedules.first())
            .map(|s| &**s),
        title: Some(title),
        description: raw.description.as_deref(),
    });
    let place = raw.place.as_ref();
    let location = place::location(&place::PlaceInput {
        label: place.and_then(|p| p.label.as_deref()),
        commune: place.and_then(|p| p.commune.as_deref()),
        postal_code: place.and_then(|p| p.postal_code.as_deref()),
        latitude: place.and_then(|p| p.latitude),
        longitude: place.and_then(|p| p.longitude),
        title: Some(title),
        description: raw.description.as_deref(),
    });
    let salary = raw.salary.as_ref();
    let experience_years_min = raw
        .experience_label
        .as_deref()
        .and_then(contract::experience_years);
    let competences: Vec<&str> = raw
        .competences
        .iter()
        .filter_map(|c| non_empty(c.label.as_deref()))
        .collect();
    let enriched = jobmarket_enrich::enrich(&jobmarket_enrich::OfferText {
        title,
        description: raw.description.as_deref(),
        rome_code: raw.rome_code.as_deref(),
        competences: &competences,
        experience_years_min,
        beginner_accepted: raw.experience_code.as_deref() == Some("D"),
        contract_is_apprenticeship_or_internship: matches!(
            contract.kind,
            Some(ContractType::Apprenticeship | ContractType::Internship)
        ),
    });
    Ok(Offer {
        id: OfferId::new(SOURCE, source_id),
        source: SOURCE.to_string(),
        source_id: source_id.to_string(),
        url: Some(url),
        links: links(raw.origin.as_ref()),
        title: title.to_string(),
        title_normalized: enriched.title_normalized,
        description: raw
            .description
            .as_deref()
            .filter(|d| !d.trim().is_empty())
            .map(str::to_string),
        company,
        rome_code: raw
            .rome_code
            .as_deref()
            .and_then(|c| RomeCode::parse(c).ok()),
        rome_label: non_empty(raw.rome_label.as_deref()).map(str::to_string),
        published_at: raw.created_at.as_deref().and_then(parse_date),
        updated_at: raw.updated_at.as_deref().and_then(parse_date),
        first_seen_at: seen_at,
        last_seen_at: seen_at,
        contract,
        salary: salary::salary_with_description(
            salary.and_then(|s| s.label.as_deref()),
            salary.and_then(|s| s.comment.as_deref()),
            raw.description.as_deref(),
        ),
        location,
        role: Some(enriched.role.to_string()),
        seniority: Some(enriched.seniority),
        experience_years_min,
        remote: Some(enriched.remote),
        remote_days_per_week: enriched.remote_days_per_week,
        skills: enriched.skills.iter().map(|s| s.to_string()).collect(),
        schema_version: SCHEMA_VERSION,
    })
}

/// Partner boards (`origineOffre.partenaires[]`) with a name.
fn links(origin: Option<&RawOrigin<'_>>) -> Vec<SourceLink> {
    let partners = origin.map_or(&[][..], |o| &o.partners);
    partners
        .iter()
        .filter_map(|p| {
            Some(SourceLink {
                name: non_empty(p.name.as_deref())?.to_string(),
                url: non_empty(p.url.as_deref()).map(str::to_string),
            })
        })
        .collect()
}

/// An ISO-8601 date: `2025-12-23T16:01:23.690Z`, `2022-10-23T08:15:42Z`, an offset, or no
/// zone at all (read as UTC). `None` when unreadable.
pub fn parse_date(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc));
    }
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .map(|n| n.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::raw::{RawPartner, RawWorkContext};
    use jobmarket_schema::{ContractType, SalaryPeriod};

    fn seen() -> DateTime<Utc> {
        "2025-11-20T10:00:00Z".parse().unwrap()
    }

    const SAMPLE: &str = r#"{
        "id": "123ABCD", "intitule": " Data engineer (H/F) ",
        "description": "Build pipelines.",
        "dateCreation": "2025-11-13T20:44:19.958Z", "dateActualisation": "2025-11-14T08:00:00Z",
        "lieuTravail": {"libelle": "69 - Lyon 7e Arrondissement", "latitude": 45.74, "longitude": 4.84,
                        "codePostal": "69007", "commune": "69387"},
        "romeCode": "M1811", "romeLibelle": "Data engineer",
        "entreprise": {"nom": "ACME DATA SAS", "entrepriseAdaptee": false},
        "typeContrat": "CDD", "typeContratLibelle": "CDD - 6 Mois", "natureContrat": "Contrat travail",
        "experienceExige": "E", "experienceLibelle": "2 An(s)",
        "salaire": {"libelle": "Annuel de 40000.0 Euros à 45000.0 Euros sur 12.0 mois"},
        "dureeTravailLibelle": "35H/semaine\nTravail en journée", "dureeTravailLibelleConverti": "Temps plein",
        "alternance": false, "nombrePostes": 1, "codeNAF": "62.02A", "trancheEffectifEtab": "20 à 49 salariés",
        "origineOffre": {"origine": "2", "urlOrigine": "https://example.org/o/123ABCD",
                         "partenaires": [{"nom": "METEOJOB", "url": "https://example.org/m/1", "logo": "x"}, {"nom": ""}]},
        "contexteTravail": {"horaires": ["35H/semaine\nTravail en journée"]}
    }"#;

    #[test]
    fn maps_a_full_offer() {
        let o = normalize_json(SAMPLE, seen()).unwrap();
        assert_eq!(o.id.as_str(), "francetravail:123ABCD");
        assert_eq!(
            (o.source.as_str(), o.source_id.as_str()),
            ("francetravail", "123ABCD")
        );
        assert_eq!(o.url.as_deref(), Some("https://example.org/o/123ABCD"));
        assert_eq!(o.links.len(), 1);
        assert_eq!(o.links[0].name, "METEOJOB");
        assert_eq!(o.title, "Data engineer (H/F)");
        assert_eq!(o.title_normalized.as_deref(), Some("Data engineer"));
        assert_eq!(o.description.as_deref(), Some("Build pipelines."));
        assert_eq!(o.company.name.as_deref(), Some("ACME DATA SAS"));
        assert_eq!(o.company.name_normalized.as_deref(), Some("acme data"));
        assert_eq!(o.company.size.as_deref(), Some("20 à 49 salariés"));
        assert_eq!(o.company.naf_code.as_deref(), Some("62.02A"));
        assert_eq!(o.rome_code.as_ref().map(RomeCode::as_str), Some("M1811"));
        assert_eq!(o.rome_label.as_deref(), Some("Data engineer"));
        assert_eq!(
            o.published_at,
            Some("2025-11-13T20:44:19.958Z".parse().unwrap())
        );
        assert_eq!(o.updated_at, Some("2025-11-14T08:00:00Z".parse().unwrap()));
        assert_eq!((o.first_seen_at, o.last_seen_at), (seen(), seen()));
        assert_eq!(o.contract.kind, Some(ContractType::Cdd));
        assert_eq!(o.contract.duration_months, Some(6.0));
        assert_eq!(o.contract.full_time, Some(true));
        assert_eq!(o.contract.hours_per_week, Some(35.0));
        assert_eq!(o.salary.min_annual_eur, Some(40000.0));
        assert_eq!(o.salary.max_annual_eur, Some(45000.0));
        assert_eq!(o.salary.period, Some(SalaryPeriod::Year));
        assert_eq!(o.location.department_code.as_deref(), Some("69"));
        assert_eq!(o.location.region_code.as_deref(), Some("84"));
        assert_eq!(o.location.city.as_deref(), Some("Lyon 7e Arrondissement"));
        assert_eq!(o.experience_years_min, Some(2.0));
        assert_eq!(o.schema_version, SCHEMA_VERSION);
        // Enrichment: the title decides the role, 2 years of experience make a mid profile.
        assert!(o.skills.is_empty(), "{:?}", o.skills);
        assert_eq!(o.role.as_deref(), Some("data_engineer"));
        assert_eq!(o.seniority, Some(jobmarket_schema::Seniority::Mid));
        assert_eq!(o.remote, Some(jobmarket_schema::Remote::Unknown));

        let raw = RawOffer::from_json(SAMPLE).unwrap();
        assert_eq!(normalize_offer(&raw, seen()).unwrap(), o);
    }

    #[test]
    fn maps_an_offer_built_in_code() {
        let raw = RawOffer {
            id: Some("42".into()),
            title: Some("Analyste (F/H)".into()),
            description: Some("  ".into()),
            contract_code: Some("CDI".into()),
            hours_label: Some(" ".into()),
            work_context: Some(RawWorkContext {
                schedules: vec!["39H/semaine".into()],
            }),
            origin: Some(RawOrigin {
                url: Some("".into()),
                partners: vec![RawPartner {
                    name: Some("JOBBOARD".into()),
                    url: None,
                }],
            }),
            ..RawOffer::default()
        };
        let o = normalize_offer(&raw, seen()).unwrap();
        assert_eq!(o.id.as_str(), "francetravail:42");
        assert_eq!(o.title_normalized.as_deref(), Some("Analyste"));
        assert_eq!(o.description, None);
        assert_eq!(o.contract.kind, Some(ContractType::Cdi));
        assert_eq!(o.contract.hours_per_week, Some(39.0));
        assert_eq!(o.url.as_deref(), Some(&*format!("{OFFER_PAGE}42")));
        assert_eq!(o.links[0].name, "JOBBOARD");
        assert_eq!(o.links[0].url, None);
        assert!(matches!(
            normalize_offer(&RawOffer::default(), seen()),
            Err(NormalizeError::Missing("id"))
        ));
    }

    #[test]
    fn minimal_offer_and_defaults() {
        let o = normalize_json(
            r#"{"id": "9999999", "intitule": "Cariste", "salaire": {}}"#,
            seen(),
        )
        .unwrap();
        assert_eq!(
            o.url.as_deref(),
            Some("https://candidat.francetravail.fr/offres/recherche/detail/9999999")
        );
        assert_eq!(o.salary, Default::default());
        assert_eq!(o.company, Default::default());
        assert_eq!(o.published_at, None);
        assert_eq!(o.location, Default::default());
    }

    #[test]
    fn bad_dates_and_codes_are_none() {
        let o = normalize_json(
            r#"{"id": "1", "intitule": "X", "dateCreation": "yesterday", "dateActualisation": "2024-06-07T13:04:13",
                "romeCode": "M18", "entreprise": {"nom": "  "}}"#,
            seen(),
        )
        .unwrap();
        assert_eq!(o.published_at, None);
        assert_eq!(o.updated_at, Some("2024-06-07T13:04:13Z".parse().unwrap()));
        assert_eq!(o.rome_code, None);
        assert_eq!(o.company.name, None);
    }

    #[test]
    fn salary_comment_is_kept_raw() {
        let o = normalize_json(
            r#"{"id": "1", "intitule": "X", "salaire": {"commentaire": "Selon profil"}}"#,
            seen(),
        )
        .unwrap();
        assert_eq!(o.salary.raw.as_deref(), Some("Selon profil"));
        assert_eq!(o.salary.min_annual_eur, None);
    }

    #[test]
    fn errors() {
        assert!(matches!(
            normalize_json("{", seen()),
            Err(NormalizeError::Json(_))
        ));
        assert!(matches!(
            normalize_json("null", seen()),
            Err(NormalizeError::Json(_))
        ));
        assert!(matches!(
            normalize_json(r#"["1", "x"]"#, seen()),
            Err(NormalizeError::Json(_))
        ));
        assert!(matches!(
            normalize_json(r#"{"intitule": "X"}"#, seen()),
            Err(NormalizeError::Missing("id"))
        ));
        assert!(matches!(
            normalize_json(r#"{"id": " ", "intitule": "X"}"#, seen()),
            Err(NormalizeError::Missing("id"))
        ));
        assert!(matches!(
            normalize_json(r#"{"id": "1", "intitule": ""}"#, seen()),
            Err(NormalizeError::Missing("intitule"))
        ));
        assert_eq!(
            NormalizeError::Missing("id").to_string(),
            "missing field id"
        );
    }

    #[test]
    fn never_panics_on_odd_input() {
        let inputs = [
            "",
            "[]",
            "1",
            "\"x\"",
            r#"{"id": {}}"#,
            r#"{"id": [], "intitule": "x"}"#,
            r#"{"id": "1", "intitule": "x", "lieuTravail": {"libelle": "é", "latitude": "n/a"}}"#,
            r#"{"id": "1", "intitule": "(H/F)", "salaire": {"libelle": "Annuel de 1e308 Euros à 1e308 Euros"}}"#,
            r#"{"id": "1", "intitule": "x", "salaire": {"libelle": "Horaire de Euros"}}"#,
            r#"{"id": "1", "intitule": "x", "salaire": {"commentaire": "k€ 9 k€ €"}}"#,
            r#"{"id": "1", "intitule": "x", "typeContratLibelle": " - ", "experienceLibelle": "Mois An"}"#,
            r#"{"id": "1", "intitule": "x", "dureeTravailLibelle": "99999999999999999999999H"}"#,
            r#"{"id": "1", "intitule": "x", "lieuTravail": {"libelle": "9", "commune": "é1234"}}"#,
            r#"{"id": "1", "intitule": "x", "lieuTravail": {"libelle": "2é - x", "codePostal": "2é000"}}"#,
        ];
        for input in inputs {
            let _ = normalize_json(input, seen());
        }
        let o = normalize_json(inputs[7], seen()).unwrap();
        assert_eq!(o.title_normalized, None);
        assert_eq!(o.salary.min_annual_eur, None);
    }
}
