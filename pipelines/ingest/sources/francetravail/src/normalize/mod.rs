//! France Travail offer → canonical [`Offer`] (schema v1, `docs/schema.md`).
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
use jobmarket_schema::{Company, Offer, OfferId, RomeCode, SCHEMA_VERSION, SourceLink};

use crate::raw::{OfferFields, RawOffer};
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

/// Normalises one raw API offer (a JSON object as the API sends it).
///
/// This is the hot path: it reads only the fields it needs, borrowing them from `json`, and
/// skips the rest without allocating (so a malformed field that is never read, such as a
/// `contact` that is not an object, is not an error here, unlike in [`RawOffer`]).
pub fn normalize_json(json: &str, seen_at: DateTime<Utc>) -> Result<Offer, NormalizeError> {
    // serde also reads a struct from an array; an offer is an object
    if !json.trim_start().starts_with('{') {
        return Err(NormalizeError::Json(serde::de::Error::custom(
            "expected a json object",
        )));
    }
    let mut f: OfferFields<'_> = serde_json::from_str(json)?;
    let description = f.description.take();
    let lieu = f.lieu_travail.as_ref();
    let salaire = f.salaire.as_ref();
    let origine = f.origine_offre.as_ref();
    let view = View {
        id: f.id.as_deref(),
        title: f.intitule.as_deref(),
        date_creation: f.date_creation.as_deref(),
        date_actualisation: f.date_actualisation.as_deref(),
        place: place::PlaceInput {
            label: lieu.and_then(|l| l.libelle.as_deref()),
            commune: lieu.and_then(|l| l.commune.as_deref()),
            postal_code: lieu.and_then(|l| l.code_postal.as_deref()),
            latitude: lieu.and_then(|l| l.latitude),
            longitude: lieu.and_then(|l| l.longitude),
        },
        rome_code: f.rome_code.as_deref(),
        rome_label: f.rome_libelle.as_deref(),
        company_name: f.entreprise.as_ref().and_then(|e| e.nom.as_deref()),
        company_size: f.tranche_effectif_etab.as_deref(),
        naf_code: f.code_naf.as_deref(),
        contract: contract::ContractInput {
            code: f.type_contrat.as_deref(),
            label: f.type_contrat_libelle.as_deref(),
            nature: f.nature_contrat.as_deref(),
            alternance: f.alternance,
            hours_label: f.duree_travail_libelle.as_deref(),
            time_label: f.duree_travail_libelle_converti.as_deref(),
            complement: f.complement_exercice.as_deref(),
            schedule: f
                .contexte_travail
                .as_ref()
                .and_then(|c| c.horaires.first())
                .map(String::as_str),
        },
        experience: f.experience_libelle.as_deref(),
        salary_label: salaire.and_then(|s| s.libelle.as_deref()),
        salary_comment: salaire.and_then(|s| s.commentaire.as_deref()),
        url: origine.and_then(|o| o.url_origine.as_deref()),
        links: origine
            .map(|o| {
                links(
                    o.partenaires
                        .iter()
                        .map(|p| (p.nom.as_deref(), p.url.as_deref())),
                )
            })
            .unwrap_or_default(),
    };
    build(view, description, seen_at)
}

/// Normalises an offer already deserialised into a [`RawOffer`].
pub fn normalize_raw(raw: &RawOffer, seen_at: DateTime<Utc>) -> Result<Offer, NormalizeError> {
    let lieu = raw.lieu_travail.as_ref();
    let salaire = raw.salaire.as_ref();
    let origine = raw.origine_offre.as_ref();
    let view = View {
        id: raw.id.as_deref(),
        title: raw.intitule.as_deref(),
        date_creation: raw.date_creation.as_deref(),
        date_actualisation: raw.date_actualisation.as_deref(),
        place: place::PlaceInput {
            label: lieu.and_then(|l| l.libelle.as_deref()),
            commune: lieu.and_then(|l| l.commune.as_deref()),
            postal_code: lieu.and_then(|l| l.code_postal.as_deref()),
            latitude: lieu.and_then(|l| l.latitude),
            longitude: lieu.and_then(|l| l.longitude),
        },
        rome_code: raw.rome_code.as_deref(),
        rome_label: raw.rome_libelle.as_deref(),
        company_name: raw.entreprise.as_ref().and_then(|e| e.nom.as_deref()),
        company_size: raw.tranche_effectif_etab.as_deref(),
        naf_code: raw.code_naf.as_deref(),
        contract: contract::ContractInput {
            code: raw.type_contrat.as_deref(),
            label: raw.type_contrat_libelle.as_deref(),
            nature: raw.nature_contrat.as_deref(),
            alternance: raw.alternance,
            hours_label: raw.duree_travail_libelle.as_deref(),
            time_label: raw.duree_travail_libelle_converti.as_deref(),
            complement: raw.complement_exercice.as_deref(),
            schedule: raw
                .contexte_travail
                .as_ref()
                .and_then(|c| c.horaires.first())
                .map(String::as_str),
        },
        experience: raw.experience_libelle.as_deref(),
        salary_label: salaire.and_then(|s| s.libelle.as_deref()),
        salary_comment: salaire.and_then(|s| s.commentaire.as_deref()),
        url: origine.and_then(|o| o.url_origine.as_deref()),
        links: origine
            .map(|o| {
                links(
                    o.partenaires
                        .iter()
                        .map(|p| (p.nom.as_deref(), p.url.as_deref())),
                )
            })
            .unwrap_or_default(),
    };
    build(view, raw.description.clone(), seen_at)
}

/// The source fields the mapping reads, whichever struct they were deserialised into.
struct View<'a> {
    id: Option<&'a str>,
    title: Option<&'a str>,
    date_creation: Option<&'a str>,
    date_actualisation: Option<&'a str>,
    place: place::PlaceInput<'a>,
    rome_code: Option<&'a str>,
    rome_label: Option<&'a str>,
    company_name: Option<&'a str>,
    company_size: Option<&'a str>,
    naf_code: Option<&'a str>,
    contract: contract::ContractInput<'a>,
    experience: Option<&'a str>,
    salary_label: Option<&'a str>,
    salary_comment: Option<&'a str>,
    url: Option<&'a str>,
    links: Vec<SourceLink>,
}

/// Partner boards (`origineOffre.partenaires[]`) with a name.
fn links<'a>(
    partners: impl Iterator<Item = (Option<&'a str>, Option<&'a str>)>,
) -> Vec<SourceLink> {
    partners
        .filter_map(|(name, url)| {
            Some(SourceLink {
                name: non_empty(name)?.to_string(),
                url: non_empty(url).map(str::to_string),
            })
        })
        .collect()
}

fn build(
    v: View<'_>,
    description: Option<String>,
    seen_at: DateTime<Utc>,
) -> Result<Offer, NormalizeError> {
    let source_id = non_empty(v.id).ok_or(NormalizeError::Missing("id"))?;
    let title = non_empty(v.title).ok_or(NormalizeError::Missing("intitule"))?;
    let url = match non_empty(v.url) {
        Some(url) => url.to_string(),
        None => format!("{OFFER_PAGE}{source_id}"),
    };
    let title_normalized = Some(text::clean_title(title)).filter(|t| !t.is_empty());
    let company_name = non_empty(v.company_name);
    let company = Company {
        name: company_name.map(str::to_string),
        name_normalized: company_name.and_then(text::normalize_company),
        size: non_empty(v.company_size).map(str::to_string),
        naf_code: non_empty(v.naf_code).map(str::to_string),
    };
    let contract = contract::contract(&contract::ContractInput {
        hours_label: non_empty(v.contract.hours_label),
        ..v.contract
    });
    Ok(Offer {
        id: OfferId::new(SOURCE, source_id),
        source: SOURCE.to_string(),
        source_id: source_id.to_string(),
        url: Some(url),
        links: v.links,
        title: title.to_string(),
        title_normalized,
        description: description.filter(|d| !d.trim().is_empty()),
        company,
        rome_code: v.rome_code.and_then(|c| RomeCode::parse(c).ok()),
        rome_label: non_empty(v.rome_label).map(str::to_string),
        published_at: v.date_creation.and_then(parse_date),
        updated_at: v.date_actualisation.and_then(parse_date),
        first_seen_at: seen_at,
        last_seen_at: seen_at,
        contract,
        salary: salary::salary(v.salary_label, v.salary_comment),
        location: place::location(&v.place),
        role: None,
        seniority: None,
        experience_years_min: v.experience.and_then(contract::experience_years),
        remote: None,
        skills: Vec::new(),
        schema_version: SCHEMA_VERSION,
    })
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
        assert!(o.skills.is_empty());
        assert_eq!((&o.role, o.seniority, o.remote), (&None, None, None));

        let raw: RawOffer = serde_json::from_str(SAMPLE).unwrap();
        assert_eq!(normalize_raw(&raw, seen()).unwrap(), o);
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
