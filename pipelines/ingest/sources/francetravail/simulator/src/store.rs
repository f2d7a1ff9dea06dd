//! The in-memory offer index.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use rand::Rng;
use serde::Serialize;

use crate::generator::{Generator, Kind};
use crate::offer::Offer;
use crate::search::{SearchQuery, SortOrder};
use crate::tables;
use crate::text::normalize;

/// One offer with the fields the filters need, and its serialized JSON.
pub(crate) struct OfferRec {
    pub id: String,
    pub created_ms: i64,
    pub rome: String,
    pub departement: Option<String>,
    pub commune: Option<String>,
    pub coords: Option<(f64, f64)>,
    pub type_contrat: String,
    pub nature_code: &'static str,
    pub experience_code: u8,
    pub experience_exige: String,
    pub qualification: Option<String>,
    pub origine: u8,
    pub temps_plein: Option<bool>,
    pub accessible_th: bool,
    pub manque_candidats: bool,
    pub entreprise_adaptee: bool,
    pub handi_engage: bool,
    /// Stable pseudo-relevance used by sort orders 0 and 2.
    pub rel: u32,
    /// Normalised searchable text (title, ROME, appellation, skills, description).
    pub text: String,
    pub json: Arc<str>,
    pub active: bool,
}

fn nature_code(label: &str) -> &'static str {
    match label {
        "Contrat apprentissage" => "E2",
        "Cont. professionnalisation" => "FS",
        "Emploi non salarié" => "NS",
        "Insertion par l'activ.éco." => "I1",
        "Contrat d'usage" => "CU",
        "CDI de chantier ou d'opération" => "CC",
        _ => "E1",
    }
}

/// Experience bucket of the `experience` filter: 1 < 1 year, 2 = 1–3 years, 3 > 3 years, 0 unknown.
fn experience_code(exige: &str, libelle: &str) -> u8 {
    if exige == "D" {
        return 1;
    }
    let digits: String = libelle
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit())
        .collect();
    let Ok(n) = digits.parse::<u32>() else {
        return 0;
    };
    if libelle.contains("Mois") {
        if n < 12 { 1 } else { 2 }
    } else if n <= 3 {
        if n < 1 { 1 } else { 2 }
    } else {
        3
    }
}

/// Département of an offer: from its INSEE commune, else from its label prefix.
pub(crate) fn departement_of(commune: Option<&str>, libelle: &str) -> Option<String> {
    if let Some(c) = commune {
        return Some(tables::dept_of_insee(c).to_string());
    }
    let head = libelle.split(" - ").next().unwrap_or("").trim();
    tables::is_departement(head).then(|| head.to_string())
}

impl OfferRec {
    pub(crate) fn new(o: &Offer, rel: u32) -> Self {
        let created = DateTime::parse_from_rfc3339(&o.date_creation)
            .map(|d| d.timestamp_millis())
            .unwrap_or(0);
        let mut text = String::with_capacity(o.description.len() + 200);
        for part in [
            &o.intitule,
            &o.rome_code,
            &o.rome_libelle,
            &o.appellation_libelle,
        ] {
            text.push_str(part);
            text.push_str(" | ");
        }
        for c in o.competences.iter().flatten() {
            text.push_str(&c.libelle);
            text.push_str(" | ");
        }
        text.push_str(&o.description);
        let lt = &o.lieu_travail;
        OfferRec {
            id: o.id.clone(),
            created_ms: created,
            rome: o.rome_code.clone(),
            departement: departement_of(lt.commune.as_deref(), &lt.libelle),
            commune: lt.commune.clone(),
            coords: lt.latitude.zip(lt.longitude),
            type_contrat: o.type_contrat.clone(),
            nature_code: nature_code(&o.nature_contrat),
            experience_code: experience_code(&o.experience_exige, &o.experience_libelle),
            experience_exige: o.experience_exige.clone(),
            qualification: o.qualification_code.clone(),
            origine: if o.origine_offre.origine == "2" { 2 } else { 1 },
            temps_plein: o
                .duree_travail_libelle_converti
                .as_deref()
                .map(|c| c == "Temps plein"),
            accessible_th: o.accessible_th.unwrap_or(false),
            manque_candidats: o.offres_manque_candidats.unwrap_or(false),
            entreprise_adaptee: o.entreprise.entreprise_adaptee,
            handi_engage: o.employeur_handi_engage.unwrap_or(false),
            rel,
            text: normalize(&text),
            json: serde_json::to_string(o).expect("offer serializes").into(),
            active: true,
        }
    }
}

/// One aggregation of `filtresPossibles`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Agregation {
    pub valeur_possible: String,
    pub nb_resultats: u64,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Filtre {
    pub filtre: &'static str,
    pub agregation: Vec<Agregation>,
}

/// Result of one search: total, the requested page, and the aggregations.
pub(crate) struct SearchOutcome {
    pub total: usize,
    pub page: Vec<Arc<str>>,
    pub filtres: Vec<Filtre>,
}

pub(crate) struct Store {
    pub offers: Vec<OfferRec>,
    pub index: HashMap<String, usize>,
    pub generator: Generator,
    pub search_calls: u64,
    pub bulk_created_at: Option<DateTime<Utc>>,
}

impl Store {
    pub(crate) fn new(generator: Generator) -> Self {
        Store {
            offers: Vec::new(),
            index: HashMap::new(),
            generator,
            search_calls: 0,
            bulk_created_at: None,
        }
    }

    /// Generates and inserts one offer; returns its id.
    pub(crate) fn generate(&mut self, created: DateTime<Utc>, kind: Kind) -> String {
        let offer = self.generator.offer(created, kind);
        let rel = self.generator.rng().random();
        let rec = OfferRec::new(&offer, rel);
        let id = rec.id.clone();
        self.index.insert(id.clone(), self.offers.len());
        self.offers.push(rec);
        id
    }

    pub(crate) fn active_count(&self) -> usize {
        self.offers.iter().filter(|o| o.active).count()
    }

    /// Indices of all matching active offers, in the order of `q.sort`.
    pub(crate) fn matching(&self, q: &SearchQuery) -> Vec<usize> {
        let mut hits: Vec<usize> = (0..self.offers.len())
            .filter(|&i| self.offers[i].active && q.matches(&self.offers[i]))
            .collect();
        let o = &self.offers;
        match q.sort {
            SortOrder::Date => hits.sort_unstable_by(|&a, &b| {
                o[b].created_ms
                    .cmp(&o[a].created_ms)
                    .then_with(|| o[a].id.cmp(&o[b].id))
            }),
            SortOrder::Relevance => hits.sort_unstable_by(|&a, &b| {
                o[b].rel
                    .cmp(&o[a].rel)
                    .then_with(|| o[b].created_ms.cmp(&o[a].created_ms))
                    .then_with(|| o[a].id.cmp(&o[b].id))
            }),
            SortOrder::Distance => {
                let mut keyed: Vec<(f64, usize)> =
                    hits.iter().map(|&i| (q.distance_of(&o[i]), i)).collect();
                keyed.sort_unstable_by(|(da, a), (db, b)| {
                    da.total_cmp(db)
                        .then_with(|| o[*b].rel.cmp(&o[*a].rel))
                        .then_with(|| o[*a].id.cmp(&o[*b].id))
                });
                hits = keyed.into_iter().map(|(_, i)| i).collect();
            }
        }
        hits
    }

    /// Runs a search and cuts the requested window.
    pub(crate) fn search(&self, q: &SearchQuery) -> SearchOutcome {
        let hits = self.matching(q);
        let total = hits.len();
        let (start, end) = q.range;
        let page = if start < total {
            hits[start..=end.min(total - 1)]
                .iter()
                .map(|&i| self.offers[i].json.clone())
                .collect()
        } else {
            Vec::new()
        };
        let mut types: BTreeMap<String, u64> = BTreeMap::new();
        let mut exp: BTreeMap<String, u64> = BTreeMap::new();
        let mut qual: BTreeMap<String, u64> = BTreeMap::new();
        let mut nat: BTreeMap<String, u64> = BTreeMap::new();
        for &i in &hits {
            let o = &self.offers[i];
            *types.entry(o.type_contrat.clone()).or_default() += 1;
            *exp.entry(o.experience_code.to_string()).or_default() += 1;
            let q = match o.qualification.as_deref() {
                Some("9") => "9",
                Some(_) => "0",
                None => "X",
            };
            *qual.entry(q.to_string()).or_default() += 1;
            *nat.entry(o.nature_code.to_string()).or_default() += 1;
        }
        let agg = |m: BTreeMap<String, u64>| {
            m.into_iter()
                .map(|(valeur_possible, nb_resultats)| Agregation {
                    valeur_possible,
                    nb_resultats,
                })
                .collect()
        };
        let filtres = vec![
            Filtre {
                filtre: "typeContrat",
                agregation: agg(types),
            },
            Filtre {
                filtre: "experience",
                agregation: agg(exp),
            },
            Filtre {
                filtre: "qualification",
                agregation: agg(qual),
            },
            Filtre {
                filtre: "natureContrat",
                agregation: agg(nat),
            },
        ];
        SearchOutcome {
            total,
            page,
            filtres,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn experience_buckets() {
        assert_eq!(experience_code("D", "Débutant accepté"), 1);
        assert_eq!(experience_code("E", "6 Mois"), 1);
        assert_eq!(experience_code("E", "2 An(s)"), 2);
        assert_eq!(experience_code("E", "Expérience exigée de 5 An(s)"), 3);
        assert_eq!(experience_code("E", "Expérience exigée"), 0);
    }

    #[test]
    fn departement_from_label() {
        assert_eq!(
            departement_of(Some("2A004"), "2A - AJACCIO").as_deref(),
            Some("2A")
        );
        assert_eq!(
            departement_of(Some("97411"), "974 - Saint-Denis").as_deref(),
            Some("974")
        );
        assert_eq!(
            departement_of(None, "75 - Paris (Dept.)").as_deref(),
            Some("75")
        );
        assert_eq!(departement_of(None, "69").as_deref(), Some("69"));
        assert_eq!(departement_of(None, "France"), None);
        assert_eq!(departement_of(None, "Île-de-France"), None);
    }
}
