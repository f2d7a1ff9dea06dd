//! One France Travail "Offres d'emploi v2" offer as the API sends it, read leniently.
//!
//! API field names (French, camelCase) live only here and in [`crate::normalize`]. Every
//! field is optional: real offers omit many of them, send `null`, or change a field's JSON
//! type between vintages. The deserialisers below accept:
//!
//! - strings given as numbers or booleans (`"codePostal": 75001`) and numbers given as
//!   strings (`"latitude": "48.85"`);
//! - a single string where the schema has an array (`contexteTravail.horaires`);
//! - `null` for any field, and empty objects (`"salaire": {}`);
//! - unknown fields, which are skipped without being buffered.
//!
//! Nothing here goes through `serde_json::Value`: deserialisation is a single pass, and
//! text is borrowed from the JSON wherever it has no escapes.

use std::borrow::Cow;

use serde::Deserialize;

/// One offer, reduced to the fields [`crate::normalize`] maps.
///
/// The other API fields (`competences`, `experienceExige`, `description` of the company,
/// `contact`…) are ignored on purpose: they are skipped without allocating, so a malformed
/// one is not an error either. A field is added here when a mapping needs it.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct RawOffer<'a> {
    #[serde(borrow, deserialize_with = "lenient::opt_cow")]
    pub id: Option<Cow<'a, str>>,
    #[serde(rename = "intitule", borrow, deserialize_with = "lenient::opt_cow")]
    pub title: Option<Cow<'a, str>>,
    #[serde(borrow, deserialize_with = "lenient::opt_cow")]
    pub description: Option<Cow<'a, str>>,
    #[serde(rename = "dateCreation", borrow, deserialize_with = "lenient::opt_cow")]
    pub created_at: Option<Cow<'a, str>>,
    #[serde(
        rename = "dateActualisation",
        borrow,
        deserialize_with = "lenient::opt_cow"
    )]
    pub updated_at: Option<Cow<'a, str>>,
    #[serde(
        rename = "lieuTravail",
        borrow,
        deserialize_with = "lenient::or_default"
    )]
    pub place: Option<RawPlace<'a>>,
    #[serde(rename = "romeCode", borrow, deserialize_with = "lenient::opt_cow")]
    pub rome_code: Option<Cow<'a, str>>,
    #[serde(rename = "romeLibelle", borrow, deserialize_with = "lenient::opt_cow")]
    pub rome_label: Option<Cow<'a, str>>,
    #[serde(
        rename = "entreprise",
        borrow,
        deserialize_with = "lenient::or_default"
    )]
    pub company: Option<RawCompany<'a>>,
    /// `trancheEffectifEtab`: `20 à 49 salariés`…
    #[serde(
        rename = "trancheEffectifEtab",
        borrow,
        deserialize_with = "lenient::opt_cow"
    )]
    pub company_size: Option<Cow<'a, str>>,
    #[serde(rename = "codeNAF", borrow, deserialize_with = "lenient::opt_cow")]
    pub naf_code: Option<Cow<'a, str>>,
    /// `typeContrat`: `CDI`, `CDD`, `MIS`…
    #[serde(rename = "typeContrat", borrow, deserialize_with = "lenient::opt_cow")]
    pub contract_code: Option<Cow<'a, str>>,
    /// `typeContratLibelle`: `CDD - 6 Mois`…
    #[serde(
        rename = "typeContratLibelle",
        borrow,
        deserialize_with = "lenient::opt_cow"
    )]
    pub contract_label: Option<Cow<'a, str>>,
    /// `natureContrat`: `Contrat travail`, `Contrat apprentissage`…
    #[serde(
        rename = "natureContrat",
        borrow,
        deserialize_with = "lenient::opt_cow"
    )]
    pub contract_nature: Option<Cow<'a, str>>,
    /// `alternance`: a work-study contract.
    #[serde(rename = "alternance", deserialize_with = "lenient::opt_bool")]
    pub work_study: Option<bool>,
    /// `dureeTravailLibelle`: `35H/semaine\nTravail en journée`…
    #[serde(
        rename = "dureeTravailLibelle",
        borrow,
        deserialize_with = "lenient::opt_cow"
    )]
    pub hours_label: Option<Cow<'a, str>>,
    /// `dureeTravailLibelleConverti`: `Temps plein` / `Temps partiel`.
    #[serde(
        rename = "dureeTravailLibelleConverti",
        borrow,
        deserialize_with = "lenient::opt_cow"
    )]
    pub time_label: Option<Cow<'a, str>>,
    /// `complementExercice`.
    #[serde(
        rename = "complementExercice",
        borrow,
        deserialize_with = "lenient::opt_cow"
    )]
    pub work_complement: Option<Cow<'a, str>>,
    #[serde(
        rename = "contexteTravail",
        borrow,
        deserialize_with = "lenient::or_default"
    )]
    pub work_context: Option<RawWorkContext<'a>>,
    /// `experienceLibelle`: `2 An(s)`, `Débutant accepté`…
    #[serde(
        rename = "experienceLibelle",
        borrow,
        deserialize_with = "lenient::opt_cow"
    )]
    pub experience_label: Option<Cow<'a, str>>,
    /// `experienceExige`: `D` (beginners accepted), `S` (wished), `E` (required).
    #[serde(
        rename = "experienceExige",
        borrow,
        deserialize_with = "lenient::opt_cow"
    )]
    pub experience_code: Option<Cow<'a, str>>,
    /// `competences[]`: listed skills; only their labels are read.
    #[serde(
        rename = "competences",
        borrow,
        deserialize_with = "lenient::competences"
    )]
    pub competences: Vec<RawCompetence<'a>>,
    #[serde(rename = "salaire", borrow, deserialize_with = "lenient::or_default")]
    pub salary: Option<RawSalary<'a>>,
    #[serde(
        rename = "origineOffre",
        borrow,
        deserialize_with = "lenient::or_default"
    )]
    pub origin: Option<RawOrigin<'a>>,
}

impl<'a> RawOffer<'a> {
    /// Reads one offer from its JSON text, borrowing from it.
    ///
    /// The text must be an object: serde alone would also read a struct from an array.
    pub fn from_json(json: &'a str) -> Result<Self, serde_json::Error> {
        if !json.trim_start().starts_with('{') {
            return Err(serde::de::Error::custom("expected a json object"));
        }
        serde_json::from_str(json)
    }
}

/// `lieuTravail`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct RawPlace<'a> {
    /// `libelle`: `69 - Lyon 7e Arrondissement`, `75`, `Ile-de-France`, `Luxembourg`…
    #[serde(rename = "libelle", borrow, deserialize_with = "lenient::opt_cow")]
    pub label: Option<Cow<'a, str>>,
    #[serde(deserialize_with = "lenient::opt_f64")]
    pub latitude: Option<f64>,
    #[serde(deserialize_with = "lenient::opt_f64")]
    pub longitude: Option<f64>,
    #[serde(rename = "codePostal", borrow, deserialize_with = "lenient::opt_cow")]
    pub postal_code: Option<Cow<'a, str>>,
    /// INSEE commune code (arrondissement codes for Paris, Lyon, Marseille).
    #[serde(borrow, deserialize_with = "lenient::opt_cow")]
    pub commune: Option<Cow<'a, str>>,
}

/// `entreprise`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct RawCompany<'a> {
    #[serde(rename = "nom", borrow, deserialize_with = "lenient::opt_cow")]
    pub name: Option<Cow<'a, str>>,
}

/// `contexteTravail`: arrays in real data, plain strings in the official example.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct RawWorkContext<'a> {
    #[serde(rename = "horaires", borrow, deserialize_with = "lenient::strings")]
    pub schedules: Vec<Cow<'a, str>>,
}

/// `salaire`; often `{}`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct RawSalary<'a> {
    /// `libelle`: `Mensuel de 1923.00 Euros sur 12 mois`.
    #[serde(rename = "libelle", borrow, deserialize_with = "lenient::opt_cow")]
    pub label: Option<Cow<'a, str>>,
    /// `commentaire`: free text (`Selon profil`, `1807€ net`…).
    #[serde(rename = "commentaire", borrow, deserialize_with = "lenient::opt_cow")]
    pub comment: Option<Cow<'a, str>>,
}

/// `competences[]`: `{code?, libelle, exigence}`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct RawCompetence<'a> {
    #[serde(rename = "libelle", borrow, deserialize_with = "lenient::opt_cow")]
    pub label: Option<Cow<'a, str>>,
}

/// `origineOffre`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct RawOrigin<'a> {
    /// `urlOrigine`: the offer on the board it comes from.
    #[serde(rename = "urlOrigine", borrow, deserialize_with = "lenient::opt_cow")]
    pub url: Option<Cow<'a, str>>,
    #[serde(
        rename = "partenaires",
        borrow,
        deserialize_with = "lenient::or_default"
    )]
    pub partners: Vec<RawPartner<'a>>,
}

/// `origineOffre.partenaires[]`: a partner board that also shows the offer.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct RawPartner<'a> {
    #[serde(rename = "nom", borrow, deserialize_with = "lenient::opt_cow")]
    pub name: Option<Cow<'a, str>>,
    #[serde(borrow, deserialize_with = "lenient::opt_cow")]
    pub url: Option<Cow<'a, str>>,
}

/// Deserialisers that accept the type variations of real offers without buffering.
mod lenient {
    use std::borrow::Cow;
    use std::fmt;

    use serde::de::{self, Deserialize, Deserializer, IgnoredAny, SeqAccess, Visitor};

    use super::RawCompetence;

    /// `T`, or `T::default()` for `null`.
    pub fn or_default<'de, D, T>(d: D) -> Result<T, D::Error>
    where
        D: Deserializer<'de>,
        T: Deserialize<'de> + Default,
    {
        Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
    }

    /// `competences`: an array of `{libelle, …}` objects. Anything else (`null`, a number, an
    /// object) is an empty list, an item that is not an object is skipped and a label that is
    /// not text is `None`, so a malformed optional field never costs the whole offer; nothing
    /// is buffered.
    pub fn competences<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Vec<RawCompetence<'de>>, D::Error> {
        d.deserialize_any(Competences)
    }

    struct Competences;

    impl<'de> Visitor<'de> for Competences {
        type Value = Vec<RawCompetence<'de>>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an array of competences")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(4).min(32));
            while let Some(item) = seq.next_element::<Competence>()? {
                out.extend(item.0);
            }
            Ok(out)
        }
        fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(Vec::new())
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
    }

    /// One item of `competences`: `None` unless it is an object.
    struct Competence<'de>(Option<RawCompetence<'de>>);

    impl<'de> Deserialize<'de> for Competence<'de> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_any(CompetenceVisitor).map(Competence)
        }
    }

    struct CompetenceVisitor;

    impl<'de> Visitor<'de> for CompetenceVisitor {
        type Value = Option<RawCompetence<'de>>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a competence")
        }
        fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut competence = RawCompetence::default();
            while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                if key == "libelle" {
                    competence.label = map.next_value::<Label>()?.0;
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(Some(competence))
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Ok(None)
        }
    }

    /// A competence's label: text as [`opt_cow`] reads it, `None` for an object or an array.
    struct Label<'de>(Option<Cow<'de, str>>);

    impl<'de> Deserialize<'de> for Label<'de> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_any(LabelVisitor).map(Label)
        }
    }

    struct LabelVisitor;

    impl<'de> Visitor<'de> for LabelVisitor {
        type Value = Option<Cow<'de, str>>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a label")
        }
        fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
            OptCow.visit_borrowed_str(v)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            OptCow.visit_str(v)
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
            OptCow.visit_string(v)
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            OptCow.visit_i64(v)
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            OptCow.visit_u64(v)
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            OptCow.visit_f64(v)
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            OptCow.visit_bool(v)
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
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(None)
        }
        fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(None)
        }
    }

    /// A string, borrowed when it has no escapes; numbers and booleans are written out,
    /// `null` is `None`.
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

    /// A list of strings: an array (scalar items are written out, `null` and nested values
    /// skipped), a single string (one item) or `null` (empty).
    pub fn strings<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Cow<'de, str>>, D::Error> {
        d.deserialize_any(Strings { item: false })
    }

    /// The list, or with `item` one of its items: one string, or none for `null` and nested
    /// values.
    struct Strings {
        item: bool,
    }

    impl<'de> Visitor<'de> for Strings {
        type Value = Vec<Cow<'de, str>>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(if self.item {
                "a list item"
            } else {
                "a string, an array of strings or null"
            })
        }
        fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
            Ok(vec![Cow::Borrowed(v)])
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(vec![Cow::Owned(v.to_owned())])
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
            Ok(vec![Cow::Owned(v)])
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(vec![Cow::Owned(v.to_string())])
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(vec![Cow::Owned(v.to_string())])
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(vec![Cow::Owned(v.to_string())])
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(vec![Cow::Owned(v.to_string())])
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
            if self.item {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                return Ok(Vec::new());
            }
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(1).min(16));
            while let Some(Item(item)) = seq.next_element()? {
                out.extend(item);
            }
            Ok(out)
        }
        fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(Vec::new())
        }
    }

    /// One item of a string list.
    struct Item<'de>(Vec<Cow<'de, str>>);

    impl<'de> Deserialize<'de> for Item<'de> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_any(Strings { item: true }).map(Item)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerates_type_variations() {
        let json = r#"{
            "id": 1234567, "intitule": "Dev", "alternance": "false", "typeContrat": null,
            "lieuTravail": {"libelle": "75 - Paris", "latitude": "48.85", "longitude": 2.35,
                            "codePostal": 75001, "commune": "75101"},
            "contexteTravail": {"horaires": ["a", null, 3, {"x": 1}, [true], false]},
            "salaire": {},
            "entreprise": null,
            "origineOffre": {"partenaires": null},
            "somethingNew": {"deep": [1, 2, {"x": null}]}
        }"#;
        let raw = RawOffer::from_json(json).unwrap();
        assert_eq!(raw.id.as_deref(), Some("1234567"));
        assert_eq!(raw.work_study, Some(false));
        assert_eq!(raw.contract_code, None);
        let place = raw.place.unwrap();
        assert_eq!(place.latitude, Some(48.85));
        assert_eq!(place.longitude, Some(2.35));
        assert_eq!(place.postal_code.as_deref(), Some("75001"));
        assert_eq!(raw.work_context.unwrap().schedules, vec!["a", "3", "false"]);
        assert_eq!(raw.salary, Some(RawSalary::default()));
        assert!(raw.company.is_none());
        assert!(raw.origin.unwrap().partners.is_empty());
    }

    #[test]
    fn string_or_array_and_empty_object() {
        let raw =
            RawOffer::from_json(r#"{"contexteTravail": {"horaires": "35H/semaine"}}"#).unwrap();
        assert_eq!(raw.work_context.unwrap().schedules, vec!["35H/semaine"]);
        let raw = RawOffer::from_json(r#"{"contexteTravail": {"horaires": ["a", "b"]}}"#).unwrap();
        assert_eq!(raw.work_context.unwrap().schedules, vec!["a", "b"]);
        assert_eq!(RawOffer::from_json("{}").unwrap(), RawOffer::default());
    }

    #[test]
    fn numbers_and_booleans_in_odd_forms() {
        let raw = RawOffer::from_json(
            r#"{"alternance": 1, "lieuTravail": {"latitude": "45,5", "longitude": true}}"#,
        )
        .unwrap();
        assert_eq!(raw.work_study, Some(true));
        let place = raw.place.unwrap();
        assert_eq!((place.latitude, place.longitude), (Some(45.5), None));
        let raw = RawOffer::from_json(r#"{"alternance": "maybe"}"#).unwrap();
        assert_eq!(raw.work_study, None);
    }

    #[test]
    fn text_is_borrowed_unless_escaped() {
        let raw = RawOffer::from_json(r#"{"id": "1", "intitule": "Dev\nOps"}"#).unwrap();
        assert!(matches!(raw.id, Some(Cow::Borrowed("1"))));
        assert!(matches!(raw.title, Some(Cow::Owned(ref t)) if t == "Dev\nOps"));
    }

    #[test]
    fn unmapped_fields_are_skipped_whatever_their_shape() {
        let raw = RawOffer::from_json(
            r#"{"id": "1", "contact": "not an object", "competences": 3, "permis": {"x": [1]}}"#,
        )
        .unwrap();
        assert_eq!(raw.id.as_deref(), Some("1"));
    }

    #[test]
    fn competences_keep_what_is_readable() {
        let labels = |json: &str| -> Vec<Option<String>> {
            RawOffer::from_json(json)
                .unwrap()
                .competences
                .into_iter()
                .map(|c| c.label.map(Cow::into_owned))
                .collect()
        };
        let some = |s: &str| Some(s.to_string());
        assert_eq!(
            labels(r#"{"competences": [{"code": "1", "libelle": "SQL"}, {"libelle": 12}, {}]}"#),
            vec![some("SQL"), some("12"), None]
        );
        // items that are no object are skipped, labels that are no text are None
        assert_eq!(
            labels(
                r#"{"competences": ["x", 3, null, [1], {"libelle": {"a": 1}}, {"libelle": "R"}]}"#
            ),
            vec![None, some("R")]
        );
        for other in ["null", "3", r#""SQL""#, r#"{"libelle": "SQL"}"#, "true"] {
            assert!(
                labels(&format!(r#"{{"competences": {other}}}"#)).is_empty(),
                "{other}"
            );
        }
    }

    #[test]
    fn wrong_shapes_are_errors_not_panics() {
        assert!(RawOffer::from_json(r#"{"lieuTravail": "Paris"}"#).is_err());
        assert!(RawOffer::from_json(r#"{"id": {}}"#).is_err());
        assert!(RawOffer::from_json("{").is_err());
        for not_an_object in ["", "null", "[]", r#"["1", "x"]"#, "1"] {
            assert!(
                RawOffer::from_json(not_an_object).is_err(),
                "{not_an_object}"
            );
        }
    }
}
