//! Deterministic generator of realistic offers (see the data profile and §5 of
//! the API contract). All texts are assembled from this crate's own fragments.

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::offer::*;
use crate::tables::{self, Commune, Family, Rome};
use crate::text::fold_upper_ascii;

/// What kind of offer to generate.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Kind {
    /// The normal mix (FT-native and partner offers).
    Normal,
    /// A partner offer of a bulk import (always partner, data-job ROME code,
    /// spread over départements).
    Bulk { partner: usize, company: usize },
    /// An offer published during a crawl: always a data-job ROME code.
    Fresh,
}

pub(crate) struct Generator {
    rng: ChaCha8Rng,
    dominant: Option<(String, f64)>,
    used_ids: HashSet<String>,
    commune_weights: Vec<u32>,
}

fn pick<'a, T, R: Rng>(rng: &mut R, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

fn pick_weighted<'a, T, R: Rng>(rng: &mut R, items: &'a [(T, u32)]) -> &'a T {
    let total: u32 = items.iter().map(|(_, w)| *w).sum();
    let mut x = rng.random_range(0..total);
    for (item, w) in items {
        if x < *w {
            return item;
        }
        x -= w;
    }
    &items[items.len() - 1].0
}

fn pick_rome<R: Rng>(rng: &mut R, pool: &'static [Rome]) -> &'static Rome {
    let total: u32 = pool.iter().map(|r| r.weight).sum();
    let mut x = rng.random_range(0..total);
    for r in pool {
        if x < r.weight {
            return r;
        }
        x -= r.weight;
    }
    &pool[pool.len() - 1]
}

/// Formats a date the way the live API does: milliseconds and `Z`.
pub(crate) fn fmt_date(d: DateTime<Utc>) -> String {
    d.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

#[derive(Clone, Copy, PartialEq)]
enum NumStyle {
    /// `40000.0` with `sur 12.0 mois`
    Dot1,
    /// `35000.00` with `sur 12 mois`
    Dot2,
    /// `1600,00`, no `sur … mois`
    Comma,
    /// `2500` with `sur 12 mois`
    Int,
}

fn fmt_amount(v: f64, style: NumStyle) -> String {
    match style {
        NumStyle::Dot1 => format!("{v:?}"),
        NumStyle::Dot2 => format!("{v:.2}"),
        NumStyle::Comma => format!("{v:.2}").replace('.', ","),
        NumStyle::Int => format!("{v:.0}"),
    }
}

impl Generator {
    pub(crate) fn new(seed: u64, dominant: Option<(String, f64)>) -> Self {
        Generator {
            rng: ChaCha8Rng::seed_from_u64(seed),
            dominant,
            used_ids: HashSet::new(),
            commune_weights: tables::COMMUNES
                .iter()
                .map(tables::commune_weight)
                .collect(),
        }
    }

    pub(crate) fn rng(&mut self) -> &mut ChaCha8Rng {
        &mut self.rng
    }

    /// A random instant (millisecond precision) in `[from, to)`.
    pub(crate) fn instant_between(
        &mut self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> DateTime<Utc> {
        let span = (to - from).num_milliseconds().max(1);
        from + Duration::milliseconds(self.rng.random_range(0..span))
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p.clamp(0.0, 1.0))
    }

    fn new_id(&mut self, partner: bool) -> String {
        loop {
            let id = if partner {
                self.rng.random_range(1_000_000u32..10_000_000).to_string()
            } else {
                let mut s = format!("{:03}", self.rng.random_range(10u32..216));
                for _ in 0..4 {
                    s.push(char::from(b'A' + self.rng.random_range(0u8..26)));
                }
                s
            };
            if self.used_ids.insert(id.clone()) {
                return id;
            }
        }
    }

    fn pick_commune(&mut self) -> &'static Commune {
        let total: u32 = self.commune_weights.iter().sum();
        let mut x = self.rng.random_range(0..total);
        for (i, w) in self.commune_weights.iter().enumerate() {
            if x < *w {
                return &tables::COMMUNES[i];
            }
            x -= w;
        }
        &tables::COMMUNES[0]
    }

    /// Generates one offer created at `created`.
    pub(crate) fn offer(&mut self, created: DateTime<Utc>, kind: Kind) -> Offer {
        let partner = match kind {
            Kind::Bulk { .. } => true,
            Kind::Normal | Kind::Fresh => self.chance(0.27),
        };
        let id = self.new_id(partner);

        // ROME code, title and whether it is a data job.
        let dominant = self.dominant.clone();
        let (rome, code_override): (&'static Rome, Option<String>) = match dominant {
            Some((code, share)) if self.chance(share) => match tables::find_rome(&code) {
                Some(r) => (r, None),
                None => (&tables::DATA_ROMES[0], Some(code)),
            },
            _ => {
                if matches!(kind, Kind::Fresh | Kind::Bulk { .. }) || self.chance(0.75) {
                    (pick_rome(&mut self.rng, tables::DATA_ROMES), None)
                } else {
                    (pick_rome(&mut self.rng, tables::GENERIC_ROMES), None)
                }
            }
        };
        let is_data = if rome.other_titles.is_empty() {
            true
        } else if rome.data_titles.is_empty() {
            false
        } else {
            self.chance(0.4)
        };
        let family = if is_data { Family::Data } else { rome.family };
        let base_title = if is_data {
            *pick(&mut self.rng, rome.data_titles)
        } else {
            *pick(&mut self.rng, rome.other_titles)
        };
        let appellation = (*pick(&mut self.rng, rome.appellations)).to_string();
        let rome_code = code_override.unwrap_or_else(|| rome.code.to_string());
        let rome_libelle = rome.libelle.to_string();

        // Contract.
        let alternance = self.chance(if is_data { 0.04 } else { 0.015 });
        let (type_contrat, type_libelle, nature) = self.contract(alternance, family);

        let mut title = base_title.to_string();
        if matches!(family, Family::Data | Family::It) && self.chance(0.25) {
            title = match self.rng.random_range(0..5) {
                0 => format!("{title} Senior"),
                1 => format!("{title} Junior"),
                2 => format!("{title} confirmé(e)"),
                3 => format!("Lead {title}"),
                _ => format!("{title} expérimenté"),
            };
        }
        if alternance {
            title = format!("Alternance - {title}");
        }
        let suffix = *pick_weighted(
            &mut self.rng,
            &[
                (" (H/F)", 45),
                (" H/F", 15),
                (" (F/H)", 12),
                (" - H/F", 5),
                ("", 18),
                (" (H/F) - CDI", 5),
            ],
        );
        if suffix == " (H/F) - CDI" && type_contrat != "CDI" {
            title.push_str(" (H/F)");
        } else {
            title.push_str(suffix);
        }

        // Place.
        let lieu = self.place(matches!(kind, Kind::Bulk { .. }));
        let city = lieu
            .commune
            .as_ref()
            .and_then(|c| tables::COMMUNES.iter().find(|x| x.insee == *c))
            .map(|c| c.name);

        // Experience.
        let (exp_exige, exp_libelle, years) = self.experience(is_data);

        // Company.
        let companies = if matches!(family, Family::Data | Family::It) {
            tables::COMPANIES_OFFICE
        } else {
            tables::COMPANIES_OTHER
        };
        let company_idx = match kind {
            Kind::Bulk { company, .. } => company % companies.len(),
            Kind::Normal | Kind::Fresh => self.rng.random_range(0..companies.len()),
        };
        let company = companies[company_idx];
        let has_name = if partner {
            self.chance(0.6)
        } else {
            self.chance(0.92)
        };
        let entreprise = Entreprise {
            nom: has_name.then(|| company.to_string()),
            description: self.chance(0.35).then(|| {
                format!(
                    "{company} est une entreprise de {} salariés implantée en France, engagée dans la diversité et l'inclusion.",
                    pick(&mut self.rng, &["20", "150", "450", "1 200", "8 000"])
                )
            }),
            logo: (has_name && self.chance(0.13)).then(|| {
                format!("https://api.francetravail.fr/exp-rechercheoffre/v1/logo-entreprise/sim{:08x}", company_idx * 7919 + 17)
            }),
            url: self.chance(0.012).then(|| format!("https://www.{}.example", fold_upper_ascii(company).to_lowercase().replace(' ', "-"))),
            entreprise_adaptee: self.chance(0.005),
        };

        let description = self.description(
            family,
            rome.code,
            base_title,
            company,
            has_name,
            city,
            years,
            exp_exige == "D",
        );
        let salaire = self.salary(family, partner);

        let qualification = if partner && !self.chance(0.1) || !partner && self.chance(0.08) {
            None
        } else {
            Some(match family {
                Family::Data | Family::It => {
                    *pick_weighted(&mut self.rng, &[("9", 60), ("7", 25), ("8", 15)])
                }
                Family::Kitchen | Family::Care => {
                    *pick_weighted(&mut self.rng, &[("6", 60), ("5", 40)])
                }
                _ => *pick_weighted(
                    &mut self.rng,
                    &[("1", 10), ("2", 30), ("3", 40), ("4", 10), ("6", 10)],
                ),
            })
        };
        let qualification_libelle = qualification.map(|q| qualification_label(q).to_string());

        let full_time = !self.chance(if matches!(family, Family::Care | Family::Kitchen) {
            0.35
        } else {
            0.07
        });
        let has_duree = if partner {
            self.chance(0.15)
        } else {
            self.chance(0.9)
        };
        let duree = has_duree.then(|| {
            if full_time {
                pick(
                    &mut self.rng,
                    &[
                        "35H/semaine\nTravail en journée",
                        "35H/semaine",
                        "39H/semaine\nTravail en journée",
                        "35H",
                        "38H",
                        "35H Travail en journée",
                    ],
                )
                .to_string()
            } else {
                pick(
                    &mut self.rng,
                    &[
                        "24H/semaine\nTravail en journée",
                        "20H/semaine",
                        "temps partiel",
                        "28H/semaine\nTravail en journée, samedi",
                    ],
                )
                .to_string()
            }
        });
        let converti = (duree.is_some() || self.chance(0.5)).then(|| {
            if full_time {
                "Temps plein"
            } else {
                "Temps partiel"
            }
            .to_string()
        });

        let url_origine = format!("https://candidat.francetravail.fr/offres/recherche/detail/{id}");
        let partenaires = if partner {
            let p = match kind {
                Kind::Bulk { partner, .. } => tables::PARTNERS[partner],
                Kind::Normal | Kind::Fresh => *pick(&mut self.rng, tables::PARTNERS),
            };
            let slug = p.to_lowercase().replace('_', "");
            Some(vec![Partenaire {
                nom: p.to_string(),
                url: format!("https://www.{slug}.example/offre/{id}"),
                logo: format!("https://www.francetravail.fr/logos/img/partenaires/{slug}80.png"),
            }])
        } else {
            None
        };

        let (contact, agence) = if partner {
            (None, self.chance(0.3).then(Agence::default))
        } else {
            let c = Contact {
                nom: self.chance(0.55).then(|| {
                    if has_name {
                        format!(
                            "{} - {}",
                            company.to_uppercase(),
                            pick(
                                &mut self.rng,
                                &["Mme Martin", "M. Bernard", "Service RH", "Mme Laurent"]
                            )
                        )
                    } else {
                        "Service recrutement".to_string()
                    }
                }),
                coordonnees1: self
                    .chance(0.8)
                    .then(|| format!("Pour postuler, utiliser le lien suivant : {url_origine}")),
                courriel: self
                    .chance(0.25)
                    .then(|| format!("Pour postuler, utiliser le lien suivant : {url_origine}")),
                url_postulation: self
                    .chance(0.45)
                    .then(|| format!("https://recrutement.example/candidature/{id}")),
            };
            let a = Agence {
                courriel: self
                    .chance(0.09)
                    .then(|| "entreprise.sim@francetravail.example".to_string()),
            };
            (Some(c), Some(a))
        };

        let native_flags = !partner || self.chance(0.05);
        let contexte = (native_flags && self.chance(0.85)).then(|| ContexteTravail {
            horaires: vec![
                duree
                    .clone()
                    .unwrap_or_else(|| "35H/semaine\nTravail en journée".to_string()),
            ],
            conditions_exercice: self
                .chance(0.07)
                .then(|| vec!["Possibilité de télétravail".to_string()]),
        });

        let competences = self.chance(if partner { 0.15 } else { 0.45 }).then(|| {
            let pool = match family {
                Family::Data => tables::COMPETENCES_DATA,
                Family::It => tables::COMPETENCES_IT,
                _ => tables::COMPETENCES_OTHER,
            };
            let n = self.rng.random_range(1..=pool.len().min(5));
            let start = self.rng.random_range(0..pool.len());
            (0..n)
                .map(|k| {
                    let (code, lib) = pool[(start + k) % pool.len()];
                    Competence {
                        code: code.map(str::to_string),
                        libelle: lib.to_string(),
                        exigence: if self.chance(0.78) { "S" } else { "E" }.to_string(),
                    }
                })
                .collect()
        });

        let formations = (is_data && self.chance(0.25)).then(|| {
            vec![Formation {
                code_formation: pick(&mut self.rng, &["31054", "11054", "31025"]).to_string(),
                domaine_libelle: pick(
                    &mut self.rng,
                    &["Informatique", "Statistiques", "Mathématiques"],
                )
                .to_string(),
                niveau_libelle: pick(
                    &mut self.rng,
                    &[
                        "Bac+5 et plus ou équivalents",
                        "Bac+3, Bac+4 ou équivalents",
                    ],
                )
                .to_string(),
                exigence: if self.chance(0.5) { "E" } else { "S" }.to_string(),
            }]
        });
        let langues = (is_data && self.chance(0.1)).then(|| {
            vec![Exigible {
                libelle: "Anglais".into(),
                exigence: "S".into(),
            }]
        });
        let permis = (!is_data && self.chance(0.2)).then(|| {
            vec![Exigible {
                libelle: "B - Véhicule léger".into(),
                exigence: "S".into(),
            }]
        });

        let naf = self.chance(0.82).then(|| {
            let cands: Vec<_> = tables::NAFS.iter().filter(|n| n.3 == family).collect();
            let n = if cands.is_empty() {
                &tables::NAFS[0]
            } else {
                cands[self.rng.random_range(0..cands.len())]
            };
            (n.0.to_string(), n.1.to_string(), n.2.to_string())
        });

        let deplacement = (!partner && self.chance(0.25)).then(|| {
            pick(
                &mut self.rng,
                &[("1", "Jamais"), ("2", "Ponctuels"), ("3", "Fréquents")],
            )
            .to_owned()
        });

        let actualise = if self.chance(0.7) {
            created + Duration::milliseconds(self.rng.random_range(50..900))
        } else {
            created + Duration::milliseconds(self.rng.random_range(3_600_000..5 * 86_400_000))
        };

        Offer {
            id: id.clone(),
            intitule: title,
            description,
            date_creation: fmt_date(created),
            date_actualisation: fmt_date(actualise),
            lieu_travail: lieu,
            rome_code,
            rome_libelle,
            appellation_libelle: appellation,
            entreprise,
            type_contrat: type_contrat.to_string(),
            type_contrat_libelle: type_libelle,
            nature_contrat: nature.to_string(),
            experience_exige: exp_exige.to_string(),
            experience_libelle: exp_libelle,
            experience_commentaire: None,
            formations,
            langues,
            permis,
            competences,
            salaire,
            duree_travail_libelle: duree,
            duree_travail_libelle_converti: converti,
            alternance,
            contact,
            agence,
            nombre_postes: if self.chance(0.93) {
                1
            } else {
                self.rng.random_range(2..6)
            },
            accessible_th: self.chance(0.995).then(|| self.chance(0.1)),
            deplacement_code: deplacement.map(|d| d.0.to_string()),
            deplacement_libelle: deplacement.map(|d| d.1.to_string()),
            qualification_code: qualification.map(str::to_string),
            qualification_libelle,
            code_naf: naf.as_ref().map(|n| n.0.clone()),
            secteur_activite: naf.as_ref().map(|n| n.1.clone()),
            secteur_activite_libelle: naf.map(|n| n.2),
            qualites_professionnelles: (!partner && self.chance(0.35)).then(|| {
                vec![
                    QualitePro {
                        libelle: "Capacité d'analyse".into(),
                        description: "Sait décomposer un problème et en tirer des conclusions."
                            .into(),
                    },
                    QualitePro {
                        libelle: "Sens de la communication".into(),
                        description:
                            "Sait transmettre une information claire à des interlocuteurs variés."
                                .into(),
                    },
                ]
            }),
            tranche_effectif_etab: self.chance(0.002).then(|| {
                pick(
                    &mut self.rng,
                    &["20 à 49 salariés", "250 à 499 salariés", "1 ou 2 salariés"],
                )
                .to_string()
            }),
            origine_offre: OrigineOffre {
                origine: if partner { "2" } else { "1" }.to_string(),
                url_origine,
                partenaires,
            },
            offres_manque_candidats: (native_flags || self.chance(0.1)).then(|| self.chance(0.08)),
            entreprise_adaptee: contexte.as_ref().map(|_| false),
            employeur_handi_engage: contexte.as_ref().map(|_| self.chance(0.05)),
            contexte_travail: contexte,
        }
    }

    fn contract(
        &mut self,
        alternance: bool,
        family: Family,
    ) -> (&'static str, String, &'static str) {
        if alternance {
            let nature = if self.chance(0.75) {
                "Contrat apprentissage"
            } else {
                "Cont. professionnalisation"
            };
            let months = *pick(&mut self.rng, &[12, 24, 36]);
            let lib = if self.chance(0.8) {
                format!("CDD - {months} Mois")
            } else {
                format!("Contrat à durée déterminée - {months} Mois")
            };
            return ("CDD", lib, nature);
        }
        let table: &[(&str, u32)] = if matches!(family, Family::Data | Family::It) {
            &[
                ("CDI", 700),
                ("CDD", 120),
                ("MIS", 100),
                ("LIB", 40),
                ("DIN", 10),
                ("FRA", 5),
                ("CCE", 5),
                ("SAI", 5),
                ("DDI", 5),
                ("TTI", 3),
                ("REP", 2),
                ("DDT", 3),
            ]
        } else {
            &[
                ("CDI", 350),
                ("MIS", 400),
                ("CDD", 180),
                ("SAI", 30),
                ("DDI", 20),
                ("TTI", 10),
                ("DIN", 10),
            ]
        };
        let code = *pick_weighted(&mut self.rng, table);
        let m = self.rng.random_range(1..19);
        let d = self.rng.random_range(1..30);
        let (lib, nature) = match code {
            "CDI" => (
                if self.chance(0.6) {
                    "CDI".to_string()
                } else {
                    "Contrat à durée indéterminée".to_string()
                },
                if self.chance(0.01) {
                    "CDI de chantier ou d'opération"
                } else {
                    "Contrat travail"
                },
            ),
            "CDD" => (
                match self.rng.random_range(0..10) {
                    0 => format!("CDD - {d} Jour(s)"),
                    1 => format!("Contrat à durée déterminée - {m} Mois"),
                    _ => format!("CDD - {m} Mois"),
                },
                if self.chance(0.02) {
                    "Contrat d'usage"
                } else {
                    "Contrat travail"
                },
            ),
            "MIS" => (
                match self.rng.random_range(0..10) {
                    0 => format!("Intérim - {d} Jour(s)"),
                    1 => format!("Mission intérimaire - {m} Mois"),
                    _ => format!("Intérim - {m} Mois"),
                },
                "Contrat travail",
            ),
            "SAI" => (format!("Saisonnier - {} Mois", m.min(6)), "Contrat travail"),
            "LIB" => ("Profession libérale".to_string(), "Emploi non salarié"),
            "FRA" => ("Franchise".to_string(), "Emploi non salarié"),
            "CCE" => ("Profession commerciale".to_string(), "Emploi non salarié"),
            "DIN" => ("CDI Intérimaire".to_string(), "Contrat travail"),
            "DDI" => (
                format!("CDD Insertion - {} Mois", m.min(12)),
                "Insertion par l'activ.éco.",
            ),
            "TTI" => (
                format!("Intérim Insertion - {} Mois", m.min(6)),
                "Insertion par l'activ.éco.",
            ),
            "REP" => ("Reprise d'entreprise".to_string(), "Emploi non salarié"),
            _ => (format!("CDD Tremplin - {m} Mois"), "Contrat travail"),
        };
        (code, lib, nature)
    }

    fn experience(&mut self, is_data: bool) -> (&'static str, String, u32) {
        let r: f64 = self.rng.random();
        let d_share = if is_data { 0.35 } else { 0.45 };
        if r < d_share {
            return ("D", "Débutant accepté".to_string(), 0);
        }
        if r < d_share + 0.03 {
            let y = self.rng.random_range(1..4);
            return if self.chance(0.6) {
                ("S", "Expérience souhaitée".to_string(), y)
            } else {
                ("S", format!("Expérience souhaitée de {y} An(s)"), y)
            };
        }
        let y = self.rng.random_range(1..9);
        let lib = match self.rng.random_range(0..20) {
            0..=11 => format!("{y} An(s)"),
            12..=14 => format!("Expérience exigée de {y} An(s)"),
            15..=16 => {
                let m = *pick(&mut self.rng, &[6, 3, 18]);
                return ("E", format!("{m} Mois"), if m >= 12 { 1 } else { 0 });
            }
            17 => return ("E", "Expérience exigée".to_string(), 1),
            18 => format!("{y} An(s) - sur un poste similaire"),
            _ => format!("{y} An(s) - Sur le même type de poste"),
        };
        ("E", lib, y)
    }

    fn place(&mut self, bulk: bool) -> LieuTravail {
        let r: f64 = self.rng.random();
        if !bulk && r < 0.05 {
            return LieuTravail {
                libelle: "France".into(),
                ..Default::default()
            };
        }
        if !bulk && r < 0.065 {
            let d = *pick(
                &mut self.rng,
                &[
                    "75", "69", "13", "92", "33", "31", "59", "44", "974", "971", "2A", "2B",
                ],
            );
            let libelle = if self.chance(0.5) {
                format!("{d} - {} (Dept.)", tables::departement_name(d))
            } else {
                d.to_string()
            };
            return LieuTravail {
                libelle,
                ..Default::default()
            };
        }
        if !bulk && r < 0.07 {
            return LieuTravail {
                libelle: (*pick(&mut self.rng, tables::REGIONS)).to_string(),
                ..Default::default()
            };
        }
        let c = self.pick_commune();
        let dept = tables::dept_of_insee(c.insee);
        let name = if self.chance(0.5) {
            format!("{dept} - {}", upper_commune(c.name))
        } else {
            format!("{dept} - {}", c.name)
        };
        let jitter_lat = self.rng.random_range(-0.01..0.01);
        let jitter_lon = self.rng.random_range(-0.01..0.01);
        let round6 = |v: f64| (v * 1e6).round() / 1e6;
        let (mut lat, mut lon) = (
            Some(round6(c.lat + jitter_lat)),
            Some(round6(c.lon + jitter_lon)),
        );
        let mut code_postal = Some(c.postal.to_string());
        let mut commune = Some(c.insee.to_string());
        let q: f64 = self.rng.random();
        if q < 0.06 {
            // commune known, no coordinates
            lat = None;
            lon = None;
        } else if q < 0.067 {
            // commune only
            lat = None;
            lon = None;
            code_postal = None;
        } else if q < 0.081 {
            // coordinates without commune (and without postcode)
            code_postal = None;
            commune = None;
        } else if q < 0.086 {
            // latitude and longitude swapped
            std::mem::swap(&mut lat, &mut lon);
        }
        LieuTravail {
            libelle: name,
            latitude: lat,
            longitude: lon,
            code_postal,
            commune,
        }
    }

    fn salary(&mut self, family: Family, partner: bool) -> Salaire {
        let mut s = Salaire::default();
        let r: f64 = self.rng.random();
        if r < 0.35 {
            return s;
        }
        let is_office = matches!(family, Family::Data | Family::It);
        if r < 0.40 {
            s.commentaire = Some(if is_office {
                let lo = self.rng.random_range(30..70);
                match self.rng.random_range(0..4) {
                    0 => format!(
                        "{lo} - {} k€ brut annuel",
                        lo + self.rng.random_range(5..16)
                    ),
                    1 => format!("A partir de {lo} k€ brut annuel"),
                    2 => "Selon profil".to_string(),
                    _ => "Selon expérience".to_string(),
                }
            } else {
                (*pick(
                    &mut self.rng,
                    &[
                        "Selon profil",
                        "SMIC",
                        "A négocier",
                        "selon convention collective",
                        "N/A",
                    ],
                ))
                .to_string()
            });
            if self.chance(0.3) {
                s.complement1 = Some("Autre".to_string());
            }
            return s;
        }
        // A libelle.
        let style = if partner {
            if self.chance(0.7) {
                NumStyle::Comma
            } else {
                NumStyle::Dot1
            }
        } else {
            *pick_weighted(
                &mut self.rng,
                &[
                    (NumStyle::Dot1, 70),
                    (NumStyle::Dot2, 25),
                    (NumStyle::Int, 3),
                    (NumStyle::Comma, 2),
                ],
            )
        };
        let q: f64 = self.rng.random();
        if q < 0.004 {
            s.libelle = Some("Annuel de".to_string());
            return s;
        }
        if q < 0.006 {
            s.libelle = Some("Annuel de 0.0 Euros".to_string());
            return s;
        }
        let unit = if is_office {
            *pick_weighted(
                &mut self.rng,
                &[
                    ("Annuel", 58),
                    ("Mensuel", 35),
                    ("Horaire", 3),
                    ("Autre", 2),
                    ("De", 1),
                    ("Cachet", 1),
                ],
            )
        } else {
            *pick_weighted(
                &mut self.rng,
                &[
                    ("Horaire", 50),
                    ("Mensuel", 40),
                    ("Annuel", 7),
                    ("Autre", 1),
                    ("De", 1),
                    ("Cachet", 1),
                ],
            )
        };
        let (mut lo, mut hi) = match unit {
            "Annuel" | "De" => {
                let lo = (self.rng.random_range(28..70) * 1000) as f64
                    + if self.chance(0.2) { 500.0 } else { 0.0 };
                (lo, lo + (self.rng.random_range(1..16) * 1000) as f64)
            }
            "Mensuel" | "Autre" => {
                let lo = if self.chance(0.2) {
                    self.rng.random_range(180_188..450_000) as f64 / 100.0
                } else {
                    (self.rng.random_range(36..90) * 50) as f64
                };
                (lo, lo + (self.rng.random_range(1..20) * 50) as f64)
            }
            "Cachet" => {
                let lo = self.rng.random_range(10_000..20_000) as f64 / 100.0;
                (lo, lo)
            }
            _ => {
                let lo = self.rng.random_range(1188..2500) as f64 / 100.0;
                (
                    lo,
                    ((lo + self.rng.random_range(0..400) as f64 / 100.0) * 100.0).round() / 100.0,
                )
            }
        };
        // Data-quality quirks.
        let quirk: f64 = self.rng.random();
        let mut unit = unit;
        if quirk < 0.01 {
            std::mem::swap(&mut lo, &mut hi);
        } else if quirk < 0.02 && unit == "Annuel" {
            unit = "Mensuel"; // annual amount labelled monthly
        } else if quirk < 0.025 && unit == "Mensuel" {
            unit = "Annuel"; // monthly amount labelled annual
        }
        let single = unit == "Cachet" || self.chance(0.3);
        let mut lib = if unit == "De" {
            "De ".to_string()
        } else {
            format!("{unit} de ")
        };
        lib.push_str(&format!("{} Euros", fmt_amount(lo, style)));
        if !single || (style == NumStyle::Comma && unit != "Cachet" && self.chance(0.5)) {
            lib.push_str(&format!(" à {} Euros", fmt_amount(hi, style)));
        }
        if style != NumStyle::Comma
            && unit != "Cachet"
            && unit != "De"
            && unit != "Autre"
            && self.chance(0.92)
        {
            let months = if self.chance(0.85) { 12 } else { 13 };
            if style == NumStyle::Dot1 {
                lib.push_str(&format!(" sur {months}.0 mois"));
            } else {
                lib.push_str(&format!(" sur {months} mois"));
            }
        }
        s.libelle = Some(lib);
        if self.chance(0.15) {
            s.commentaire = Some(
                (*pick(
                    &mut self.rng,
                    &[
                        "Selon profil et expérience",
                        "Selon expérience",
                        "selon profil",
                        "+ Avantages",
                        "Primes",
                    ],
                ))
                .to_string(),
            );
        }
        if self.chance(0.3) {
            s.complement1 = Some(
                (*pick(
                    &mut self.rng,
                    &[
                        "Primes",
                        "Complémentaire santé",
                        "Titres restaurant / Prime de panier",
                        "Intéressement / participation",
                        "Indemnité transports",
                        "CSE",
                        "Pc portable",
                    ],
                ))
                .to_string(),
            );
            if self.chance(0.6) {
                s.complement2 = Some(
                    (*pick(
                        &mut self.rng,
                        &["Complémentaire santé", "CE", "Mutuelle", "Chèque repas"],
                    ))
                    .to_string(),
                );
            }
        }
        if self.chance(0.2) {
            s.liste_complements = Some(vec![CodeLibelle {
                code: "1".into(),
                libelle: "Primes".into(),
            }]);
        }
        s
    }

    #[allow(clippy::too_many_arguments)]
    fn description(
        &mut self,
        family: Family,
        rome_code: &str,
        base_title: &str,
        company: &str,
        named: bool,
        city: Option<&str>,
        years: u32,
        beginner: bool,
    ) -> String {
        let who = if named {
            company.to_string()
        } else {
            (*pick(
                &mut self.rng,
                &[
                    "Notre client",
                    "Une entreprise en forte croissance",
                    "Un acteur majeur du secteur",
                ],
            ))
            .to_string()
        };
        let where_ = city
            .map(|c| format!(", pour son site de {c},"))
            .unwrap_or_default();
        let mut parts: Vec<String> = Vec::new();
        match family {
            Family::Data | Family::It => {
                let english = family == Family::Data && self.chance(0.1);
                let ml = matches!(rome_code, "M1405" | "M1889" | "M1894" | "M1873")
                    || base_title.contains("IA")
                    || base_title.contains("Scien");
                let eng = matches!(rome_code, "M1811" | "M1868" | "M1801" | "M1802")
                    || base_title.contains("Engineer")
                    || base_title.contains("Big Data");
                let it_only = family == Family::It;
                let tool_pool: &[&str] = if it_only {
                    tables::IT_TOOLS
                } else {
                    tables::TOOLS
                };
                let n_tools = self.rng.random_range(3..7);
                let mut tools: Vec<&str> = Vec::new();
                while tools.len() < n_tools {
                    let t = *pick(&mut self.rng, tool_pool);
                    if !tools.contains(&t) {
                        tools.push(t);
                    }
                }
                let remote_fr = *pick(
                    &mut self.rng,
                    &[
                        "Télétravail 2 jours par semaine.",
                        "Télétravail partiel possible (3 jours par semaine).",
                        "Poste ouvert au full remote.",
                        "Pas de télétravail.",
                        "Télétravail : 1 jour par semaine après la période d'intégration.",
                        "",
                    ],
                );
                if english {
                    parts.push(format!(
                        "{who} is looking for a {base_title} to join its data team{}.",
                        city.map(|c| format!(" in {c}")).unwrap_or_default()
                    ));
                    let missions: &[&str] = if ml {
                        &[
                            "Design, train and deploy machine learning models.",
                            "Work on LLM-based products (RAG, fine-tuning, evaluation).",
                            "Industrialise models with MLOps best practices.",
                        ]
                    } else if eng {
                        &[
                            "Build and maintain reliable data pipelines.",
                            "Model the data warehouse and ensure data quality.",
                            "Automate deployments and monitoring.",
                        ]
                    } else {
                        &[
                            "Build dashboards and KPIs for business teams.",
                            "Analyse data to support decision making.",
                            "Write clear SQL and document datasets.",
                        ]
                    };
                    parts.push(format!("Responsibilities:\n- {}", missions.join("\n- ")));
                    parts.push(format!("Stack: {}.", tools.join(", ")));
                    parts.push(if beginner {
                        "Junior profiles welcome.".to_string()
                    } else {
                        format!("At least {years} year(s) of experience in a similar role.")
                    });
                    parts.push(
                        pick(
                            &mut self.rng,
                            &[
                                "Remote: 2 days per week.",
                                "Full remote possible.",
                                "On-site position.",
                            ],
                        )
                        .to_string(),
                    );
                } else {
                    parts.push(format!(
                        "{who}{where_} recherche un(e) {base_title} pour renforcer son équipe {}.",
                        if it_only {
                            *pick(
                                &mut self.rng,
                                &["technique", "produit", "SI", "infrastructure"],
                            )
                        } else {
                            *pick(
                                &mut self.rng,
                                &["data", "Data & IA", "décisionnelle", "produit", "SI"],
                            )
                        }
                    ));
                    let missions: &[&str] = if it_only {
                        &[
                            "Développer et maintenir les applications",
                            "Participer aux rituels agiles de l'équipe",
                            "Assurer le support et la maintenance",
                            "Rédiger les tests et la documentation technique",
                            "Administrer les serveurs et le réseau",
                        ]
                    } else if ml {
                        &[
                            "Concevoir, entraîner et déployer des modèles de machine learning",
                            "Développer des cas d'usage d'IA générative (LLM, RAG)",
                            "Industrialiser les modèles avec les pratiques MLOps",
                            "Présenter les résultats aux équipes métier",
                            "Assurer une veille sur le deep learning",
                        ]
                    } else if eng {
                        &[
                            "Concevoir et maintenir les pipelines de données (ETL/ELT)",
                            "Modéliser l'entrepôt de données et garantir la qualité des données",
                            "Industrialiser les traitements et automatiser les déploiements",
                            "Optimiser les performances des bases de données",
                            "Participer aux choix d'architecture de la plateforme data",
                        ]
                    } else {
                        &[
                            "Recueillir les besoins des équipes métier",
                            "Construire des tableaux de bord et des indicateurs de pilotage",
                            "Analyser les données et formuler des recommandations",
                            "Rédiger des requêtes SQL et documenter les jeux de données",
                            "Réaliser des études statistiques ponctuelles",
                        ]
                    };
                    let k = self.rng.random_range(3..=missions.len());
                    parts.push(format!("Vos missions :\n- {}", missions[..k].join("\n- ")));
                    parts.push(format!("Environnement technique : {}.", tools.join(", ")));
                    parts.push(if beginner {
                        "Profil recherché :\nJeune diplômé(e) (Bac+3 à Bac+5), vous êtes curieux(se) et rigoureux(se).".to_string()
                    } else {
                        format!("Profil recherché :\nDe formation Bac+5, vous justifiez d'une expérience d'au moins {years} an(s) sur un poste similaire.")
                    });
                    if !remote_fr.is_empty() {
                        parts.push(remote_fr.to_string());
                    }
                    parts.push(
                        pick(
                            &mut self.rng,
                            &[
                                "Avantages : tickets restaurant, mutuelle, RTT.",
                                "Rémunération selon profil, prime annuelle et intéressement.",
                                "",
                            ],
                        )
                        .to_string(),
                    );
                }
            }
            Family::Care => {
                parts.push(format!(
                    "{who}{where_} recherche un(e) intervenant(e) à domicile."
                ));
                parts.push("Vos missions :\n- Entretien du logement (ménage, repassage)\n- Aide aux courses\n- Accompagnement des personnes dans leur quotidien".to_string());
                parts.push(
                    "Vous êtes ponctuel(le), discret(ète) et autonome. Véhicule apprécié."
                        .to_string(),
                );
            }
            Family::Logistics => {
                parts.push(format!(
                    "{who}{where_} recherche un(e) {base_title} pour son entrepôt."
                ));
                parts.push("Vos missions :\n- Chargement et déchargement des camions\n- Préparation de commandes\n- Rangement des palettes en hauteur".to_string());
                parts
                    .push("CACES R489 catégorie 3 obligatoire. Travail en équipe 2x8.".to_string());
            }
            Family::Industry => {
                parts.push(format!("{who}{where_} recherche un(e) {base_title}."));
                parts.push("Vos missions :\n- Réglage et conduite des machines\n- Contrôle qualité des pièces produites\n- Maintenance de premier niveau".to_string());
                parts.push("Lecture de plans indispensable. Port des EPI obligatoire.".to_string());
            }
            Family::Kitchen => {
                parts.push(format!(
                    "{who}{where_} recherche un(e) {base_title} pour sa brigade."
                ));
                parts.push("Vos missions :\n- Préparation des entrées, plats et desserts\n- Respect des normes HACCP\n- Gestion des stocks".to_string());
                parts.push("Service en coupure, deux jours de repos consécutifs.".to_string());
            }
        }
        parts.retain(|p| !p.is_empty());
        let mut d = parts.join("\n\n");
        if d.len() > 5000 {
            let mut cut = 5000;
            while !d.is_char_boundary(cut) {
                cut -= 1;
            }
            d.truncate(cut);
        }
        d
    }
}

/// Uppercase, accent-free form used by half of the workplace labels:
/// `Saint-Étienne` → `SAINT ETIENNE`, `Paris 9e Arrondissement` → `PARIS 09`.
fn upper_commune(name: &str) -> String {
    for city in ["Paris", "Lyon", "Marseille"] {
        if let Some(rest) = name
            .strip_prefix(city)
            .and_then(|r| r.strip_suffix(" Arrondissement"))
        {
            let n: String = rest
                .trim()
                .chars()
                .take_while(|c| c.is_ascii_digit())
                .collect();
            if let Ok(n) = n.parse::<u32>() {
                return format!("{} {:02}", city.to_uppercase(), n);
            }
        }
    }
    fold_upper_ascii(name).replace(['-', '\''], " ")
}

pub(crate) fn qualification_label(code: &str) -> &'static str {
    match code {
        "1" => "Manœuvre",
        "2" => "Ouvrier spécialisé",
        "3" => "Ouvrier qualifié (P1,P2)",
        "4" => "Ouvrier qualifié (P3,P4,OHQ)",
        "5" => "Employé non qualifié",
        "6" => "Employé qualifié",
        "7" => "Technicien",
        "8" => "Agent de maîtrise",
        _ => "Cadre",
    }
}
