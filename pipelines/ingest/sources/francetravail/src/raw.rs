//! A typed, lenient serde mirror of one France Travail "Offres d'emploi v2" offer.
//!
//! Field names follow the API (French, camelCase) and live only here and in
//! [`crate::normalize`]. Every field is optional: real offers omit many of them, send `null`,
//! or change a field's JSON type between vintages. The deserialisers below accept:
//!
//! - strings given as numbers or booleans (`"codePostal": 75001`) and numbers given as
//!   strings (`"latitude": "48.85"`);
//! - a single string where the schema has an array and vice versa
//!   (`contexteTravail.horaires`, `outilsBureautiques`);
//! - `null` for any field, empty objects (`"salaire": {}`), missing `code` in competences;
//! - unknown fields, which are skipped without being buffered.
//!
//! Nothing here goes through `serde_json::Value`: deserialisation is a single pass.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// One offer as the API sends it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawOffer {
    #[serde(deserialize_with = "lenient::opt_string")]
    pub id: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub intitule: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub description: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub date_creation: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub date_actualisation: Option<String>,
    #[serde(deserialize_with = "lenient::or_default")]
    pub lieu_travail: Option<RawLieuTravail>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub rome_code: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub rome_libelle: Option<String>,
    /// Lowercase `l` in the API.
    #[serde(
        rename = "appellationlibelle",
        deserialize_with = "lenient::opt_string"
    )]
    pub appellation_libelle: Option<String>,
    #[serde(deserialize_with = "lenient::or_default")]
    pub entreprise: Option<RawEntreprise>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub type_contrat: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub type_contrat_libelle: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub nature_contrat: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub experience_exige: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub experience_libelle: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub experience_commentaire: Option<String>,
    #[serde(deserialize_with = "lenient::or_default")]
    pub formations: Vec<RawFormation>,
    #[serde(deserialize_with = "lenient::or_default")]
    pub langues: Vec<RawLabelled>,
    #[serde(deserialize_with = "lenient::or_default")]
    pub permis: Vec<RawLabelled>,
    /// An array in the schema, a plain string in the official example.
    #[serde(deserialize_with = "lenient::strings")]
    pub outils_bureautiques: Vec<String>,
    #[serde(deserialize_with = "lenient::or_default")]
    pub competences: Vec<RawCompetence>,
    #[serde(deserialize_with = "lenient::or_default")]
    pub salaire: Option<RawSalaire>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub duree_travail_libelle: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub duree_travail_libelle_converti: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub complement_exercice: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub condition_exercice: Option<String>,
    #[serde(deserialize_with = "lenient::or_default")]
    pub contexte_travail: Option<RawContexteTravail>,
    #[serde(deserialize_with = "lenient::opt_bool")]
    pub alternance: Option<bool>,
    #[serde(deserialize_with = "lenient::or_default")]
    pub contact: Option<RawContact>,
    #[serde(deserialize_with = "lenient::or_default")]
    pub agence: Option<RawAgence>,
    #[serde(deserialize_with = "lenient::opt_f64")]
    pub nombre_postes: Option<f64>,
    #[serde(rename = "accessibleTH", deserialize_with = "lenient::opt_bool")]
    pub accessible_th: Option<bool>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub deplacement_code: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub deplacement_libelle: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub qualification_code: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub qualification_libelle: Option<String>,
    #[serde(rename = "codeNAF", deserialize_with = "lenient::opt_string")]
    pub code_naf: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub secteur_activite: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub secteur_activite_libelle: Option<String>,
    #[serde(deserialize_with = "lenient::or_default")]
    pub qualites_professionnelles: Vec<RawQualite>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub tranche_effectif_etab: Option<String>,
    #[serde(deserialize_with = "lenient::or_default")]
    pub origine_offre: Option<RawOrigineOffre>,
    #[serde(deserialize_with = "lenient::opt_bool")]
    pub offres_manque_candidats: Option<bool>,
    /// Top-level in real data (not in the official schema).
    #[serde(deserialize_with = "lenient::opt_bool")]
    pub entreprise_adaptee: Option<bool>,
    #[serde(deserialize_with = "lenient::opt_bool")]
    pub employeur_handi_engage: Option<bool>,
}

/// `lieuTravail`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawLieuTravail {
    #[serde(deserialize_with = "lenient::opt_string")]
    pub libelle: Option<String>,
    #[serde(deserialize_with = "lenient::opt_f64")]
    pub latitude: Option<f64>,
    #[serde(deserialize_with = "lenient::opt_f64")]
    pub longitude: Option<f64>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub code_postal: Option<String>,
    /// INSEE commune code (arrondissement codes for Paris, Lyon, Marseille).
    #[serde(deserialize_with = "lenient::opt_string")]
    pub commune: Option<String>,
}

/// `entreprise`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawEntreprise {
    #[serde(deserialize_with = "lenient::opt_string")]
    pub nom: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub description: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub logo: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub url: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub siret: Option<String>,
    #[serde(deserialize_with = "lenient::opt_bool")]
    pub entreprise_adaptee: Option<bool>,
}

/// `formations[]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawFormation {
    #[serde(deserialize_with = "lenient::opt_string")]
    pub code_formation: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub domaine_libelle: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub niveau_libelle: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub commentaire: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub exigence: Option<String>,
}

/// `langues[]`, `permis[]`: a label and whether it is required (`E`) or wished (`S`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawLabelled {
    #[serde(deserialize_with = "lenient::opt_string")]
    pub libelle: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub exigence: Option<String>,
}

/// `competences[]`; `code` is missing on free-text competences.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawCompetence {
    #[serde(deserialize_with = "lenient::opt_string")]
    pub code: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub libelle: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub exigence: Option<String>,
}

/// `salaire`; often `{}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawSalaire {
    /// `Mensuel de 1923.00 Euros sur 12 mois`.
    #[serde(deserialize_with = "lenient::opt_string")]
    pub libelle: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub commentaire: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub complement1: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub complement2: Option<String>,
    #[serde(deserialize_with = "lenient::or_default")]
    pub liste_complements: Vec<RawCodeLabel>,
}

/// `{code, libelle}` pairs (`salaire.listeComplements[]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawCodeLabel {
    #[serde(deserialize_with = "lenient::opt_string")]
    pub code: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub libelle: Option<String>,
}

/// `contexteTravail`: arrays in real data, plain strings in the official example.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawContexteTravail {
    #[serde(deserialize_with = "lenient::strings")]
    pub horaires: Vec<String>,
    #[serde(deserialize_with = "lenient::strings")]
    pub conditions_exercice: Vec<String>,
}

/// `contact`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawContact {
    #[serde(deserialize_with = "lenient::opt_string")]
    pub nom: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub coordonnees1: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub coordonnees2: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub coordonnees3: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub telephone: Option<String>,
    /// Often the sentence `Pour postuler, utiliser le lien suivant : …`, not an address.
    #[serde(deserialize_with = "lenient::opt_string")]
    pub courriel: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub commentaire: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub url_recruteur: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub url_postulation: Option<String>,
}

/// `agence`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawAgence {
    #[serde(deserialize_with = "lenient::opt_string")]
    pub telephone: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub courriel: Option<String>,
}

/// `qualitesProfessionnelles[]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawQualite {
    #[serde(deserialize_with = "lenient::opt_string")]
    pub libelle: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub description: Option<String>,
}

/// `origineOffre`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawOrigineOffre {
    /// `"1"` (France Travail) or `"2"` (partner); a string in the API.
    #[serde(deserialize_with = "lenient::opt_string")]
    pub origine: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub url_origine: Option<String>,
    #[serde(deserialize_with = "lenient::or_default")]
    pub partenaires: Vec<RawPartenaire>,
}

/// `origineOffre.partenaires[]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RawPartenaire {
    #[serde(deserialize_with = "lenient::opt_string")]
    pub nom: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub url: Option<String>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub logo: Option<String>,
}

/// Only the fields [`crate::normalize`] reads, borrowed from the JSON text where possible:
/// the hot path of `normalize_json`. Every other field is skipped without allocating.
/// Same leniency as [`RawOffer`] for the fields it has.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct OfferFields<'a> {
    #[serde(borrow, deserialize_with = "lenient::opt_cow")]
    pub id: Option<Cow<'a, str>>,
    #[serde(borrow, deserialize_with = "lenient::opt_cow")]
    pub intitule: Option<Cow<'a, str>>,
    #[serde(deserialize_with = "lenient::opt_string")]
    pub description: Option<String>,
    #[serde(borrow, deserialize_with = "lenient::opt_cow")]
    pub date_creation: Option<Cow<'a, str>>,
    #[serde(borrow, deserialize_with = "lenient::opt_cow")]
    pub date_actualisation: Option<Cow<'a, str>>,
    #[serde(borrow, deserialize_with = "lenient::or_default")]
    pub lieu_travail: Option<LieuFields<'a>>,
    #[serde(borrow, deserialize_with = "lenient::opt_cow")]
    pub rome_code: Option<Cow<'a, str>>,
    #[serde(borrow, deserialize_with = "lenient::opt_cow")]
    pub rome_libelle: Option<Cow<'a, str>>,
    #[serde(borrow, deserialize_with = "lenient::or_default")]
    pub entreprise: Option<EntrepriseFields<'a>>,
    #[serde(borrow, deserialize_with = "lenient::opt_cow")]
    pub type_contrat: Option<Cow<'a, str>>,
    #[serde(borrow, deserialize_with = "lenient::opt_cow")]
    pub type_contrat_libelle: Option<Cow<'a, str>>,
    #[serde(borrow, deserialize_with = "lenient::opt_cow")]
    pub nature_contrat: Option<Cow<'a, str>>,
    #[serde(borrow, deserialize_with = "lenient::opt_cow")]
    pub experience_libelle: Option<Cow<'a, str>>,
    #[serde(borrow, deserialize_with = "lenient::or_default")]
    pub salaire: Option<SalaireFields<'a>>,
    #[serde(borrow, deserialize_with = "lenient::opt_cow")]
    pub duree_travail_libelle: Option<Cow<'a, str>>,
    #[serde(borrow, deserialize_with = "lenient::opt_cow")]
    pub duree_travail_libelle_converti: Option<Cow<'a, str>>,
    #[serde(borrow, deserialize_with = "lenient::opt_cow")]
    pub complement_exercice: Option<Cow<'a, str>>,
    #[serde(deserialize_with = "lenient::or_default")]
    pub contexte_travail: Option<RawContexteTravail>,
    #[serde(deserialize_with = "lenient::opt_bool")]
    pub alternance: Option<bool>,
    #[serde(rename = "codeNAF", borrow, deserialize_with = "lenient::opt_cow")]
    pub code_naf: Option<Cow<'a, str>>,
    #[serde(borrow, deserialize_with = "lenient::opt_cow")]
    pub tranche_effectif_etab: Option<Cow<'a, str>>,
    #[serde(borrow, deserialize_with = "lenient::or_default")]
    pub origine_offre: Option<OrigineFields<'a>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct LieuFields<'a> {
    #[serde(borrow, deserialize_with = "lenient::opt_cow")]
    pub libelle: Option<Cow<'a, str>>,
    #[serde(deserialize_with = "lenient::opt_f64")]
    pub latitude: Option<f64>,
    #[serde(deserialize_with = "lenient::opt_f64")]
    pub longitude: Option<f64>,
    #[serde(borrow, deserialize_with = "lenient::opt_cow")]
    pub code_postal: Option<Cow<'a, str>>,
    #[serde(borrow, deserialize_with = "lenient::opt_cow")]
    pub commune: Option<Cow<'a, str>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct EntrepriseFields<'a> {
    #[serde(borrow, deserialize_with = "lenient::opt_cow")]
    pub nom: Option<Cow<'a, str>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct SalaireFields<'a> {
    #[serde(borrow, deserialize_with = "lenient::opt_cow")]
    pub libelle: Option<Cow<'a, str>>,
    #[serde(borrow, deserialize_with = "lenient::opt_cow")]
    pub commentaire: Option<Cow<'a, str>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct OrigineFields<'a> {
    #[serde(borrow, deserialize_with = "lenient::opt_cow")]
    pub url_origine: Option<Cow<'a, str>>,
    #[serde(borrow, deserialize_with = "lenient::or_default")]
    pub partenaires: Vec<PartenaireFields<'a>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct PartenaireFields<'a> {
    #[serde(borrow, deserialize_with = "lenient::opt_cow")]
    pub nom: Option<Cow<'a, str>>,
    #[serde(borrow, deserialize_with = "lenient::opt_cow")]
    pub url: Option<Cow<'a, str>>,
}

/// Deserialisers that accept the type variations of real offers without buffering.
mod lenient {
    use std::borrow::Cow;
    use std::fmt;

    use serde::de::{self, Deserialize, Deserializer, IgnoredAny, SeqAccess, Visitor};

    /// `T`, or `T::default()` for `null`.
    pub fn or_default<'de, D, T>(d: D) -> Result<T, D::Error>
    where
        D: Deserializer<'de>,
        T: Deserialize<'de> + Default,
    {
        Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
    }

    /// A string; numbers and booleans are written out, `null` is `None`.
    pub fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        d.deserialize_any(OptString)
    }

    struct OptString;

    impl<'de> Visitor<'de> for OptString {
        type Value = Option<String>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a string, a number or null")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(v.to_owned()))
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
            Ok(Some(v))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
    }

    /// Like [`opt_string`], borrowing the text when it has no escapes.
    pub fn opt_cow<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Cow<'de, str>>, D::Error> {
        d.deserialize_any(OptCow)
    }

    struct OptCow;

    impl<'de> Visitor<'de> for OptCow {
        type Value = Option<Cow<'de, str>>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a string, a number or null")
        }
        fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
            Ok(Some(Cow::Borrowed(v)))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(Cow::Owned(v.to_owned())))
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
            Ok(Some(Cow::Owned(v)))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(Cow::Owned(v.to_string())))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(Cow::Owned(v.to_string())))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(Some(Cow::Owned(v.to_string())))
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(Some(Cow::Owned(v.to_string())))
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
    }

    /// A number; numeric strings are parsed (comma decimals accepted), anything else is `None`.
    pub fn opt_f64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
        d.deserialize_any(OptF64)
    }

    struct OptF64;

    impl<'de> Visitor<'de> for OptF64 {
        type Value = Option<f64>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a number, a numeric string or null")
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v as f64))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v as f64))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(v.is_finite().then_some(v))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            let v = v.trim();
            let parsed = if v.contains(',') {
                v.replace(',', ".").parse::<f64>().ok()
            } else {
                v.parse::<f64>().ok()
            };
            Ok(parsed.filter(|x| x.is_finite()))
        }
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
    }

    /// A boolean; `"true"`/`"false"`/`"1"`/`"0"` and 0/1 are accepted, other values are `None`.
    pub fn opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
        d.deserialize_any(OptBool)
    }

    struct OptBool;

    impl<'de> Visitor<'de> for OptBool {
        type Value = Option<bool>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a boolean or null")
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(Some(v))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(match v {
                0 => Some(false),
                1 => Some(true),
                _ => None,
            })
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(match v {
                0 => Some(false),
                1 => Some(true),
                _ => None,
            })
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            let v = v.trim();
            Ok(if v.eq_ignore_ascii_case("true") || v == "1" {
                Some(true)
            } else if v.eq_ignore_ascii_case("false") || v == "0" {
                Some(false)
            } else {
                None
            })
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
    }

    /// A list of strings: an array (non-string items are written out, nested values
    /// skipped), a single string (one item) or `null` (empty).
    pub fn strings<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
        d.deserialize_any(Strings)
    }

    struct Strings;

    impl<'de> Visitor<'de> for Strings {
        type Value = Vec<String>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a string, an array of strings or null")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(vec![v.to_owned()])
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
            Ok(vec![v])
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(vec![v.to_string()])
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(vec![v.to_string()])
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(vec![v.to_string()])
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(vec![v.to_string()])
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(1).min(16));
            while let Some(item) = seq.next_element::<Item>()? {
                if let Item(Some(s)) = item {
                    out.push(s);
                }
            }
            Ok(out)
        }
        fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(Vec::new())
        }
    }

    /// One item of a string list: a scalar as a string, anything nested skipped.
    struct Item(Option<String>);

    impl<'de> Deserialize<'de> for Item {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_any(ItemVisitor)
        }
    }

    struct ItemVisitor;

    impl<'de> Visitor<'de> for ItemVisitor {
        type Value = Item;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list item")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Item, E> {
            OptString.visit_str(v).map(Item)
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<Item, E> {
            Ok(Item(Some(v)))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Item, E> {
            OptString.visit_i64(v).map(Item)
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Item, E> {
            OptString.visit_u64(v).map(Item)
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Item, E> {
            OptString.visit_f64(v).map(Item)
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Item, E> {
            OptString.visit_bool(v).map(Item)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Item, E> {
            Ok(Item(None))
        }
        fn visit_none<E: de::Error>(self) -> Result<Item, E> {
            Ok(Item(None))
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Item, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(Item(None))
        }
        fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Item, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(Item(None))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerates_type_variations() {
        let json = r#"{
            "id": 1234567, "intitule": "Dev", "nombrePostes": "2", "alternance": "false",
            "lieuTravail": {"libelle": "75 - Paris", "latitude": "48.85", "longitude": 2.35,
                            "codePostal": 75001, "commune": "75101"},
            "contexteTravail": {"horaires": "35H/semaine", "conditionsExercice": ["a", null, 3]},
            "outilsBureautiques": "Traitement de texte",
            "salaire": {},
            "competences": [{"libelle": "SQL", "exigence": "E"}, {"code": 123, "libelle": "Python"}],
            "entreprise": null,
            "formations": null,
            "somethingNew": {"deep": [1, 2, {"x": null}]}
        }"#;
        let raw: RawOffer = serde_json::from_str(json).unwrap();
        assert_eq!(raw.id.as_deref(), Some("1234567"));
        assert_eq!(raw.nombre_postes, Some(2.0));
        assert_eq!(raw.alternance, Some(false));
        let lieu = raw.lieu_travail.unwrap();
        assert_eq!(lieu.latitude, Some(48.85));
        assert_eq!(lieu.code_postal.as_deref(), Some("75001"));
        let ctx = raw.contexte_travail.unwrap();
        assert_eq!(ctx.horaires, vec!["35H/semaine"]);
        assert_eq!(ctx.conditions_exercice, vec!["a", "3"]);
        assert_eq!(raw.outils_bureautiques, vec!["Traitement de texte"]);
        assert_eq!(raw.salaire, Some(RawSalaire::default()));
        assert_eq!(raw.competences[0].code, None);
        assert_eq!(raw.competences[1].code.as_deref(), Some("123"));
        assert!(raw.entreprise.is_none());
        assert!(raw.formations.is_empty());
    }

    #[test]
    fn array_tools_and_empty_object() {
        let raw: RawOffer =
            serde_json::from_str(r#"{"outilsBureautiques": ["Tableur", "Traitement de texte"]}"#)
                .unwrap();
        assert_eq!(raw.outils_bureautiques.len(), 2);
        let raw: RawOffer = serde_json::from_str("{}").unwrap();
        assert_eq!(raw, RawOffer::default());
    }

    #[test]
    fn wrong_shapes_are_errors_not_panics() {
        assert!(serde_json::from_str::<RawOffer>(r#"{"lieuTravail": "Paris"}"#).is_err());
        assert!(serde_json::from_str::<RawOffer>("{").is_err());
    }
}
