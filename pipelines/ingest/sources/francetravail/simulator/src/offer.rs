//! The raw offer object, with the API's field names and order.

use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Offer {
    pub id: String,
    pub intitule: String,
    pub description: String,
    pub date_creation: String,
    pub date_actualisation: String,
    pub lieu_travail: LieuTravail,
    pub rome_code: String,
    pub rome_libelle: String,
    #[serde(rename = "appellationlibelle")]
    pub appellation_libelle: String,
    pub entreprise: Entreprise,
    pub type_contrat: String,
    pub type_contrat_libelle: String,
    pub nature_contrat: String,
    pub experience_exige: String,
    pub experience_libelle: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub experience_commentaire: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub formations: Option<Vec<Formation>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub langues: Option<Vec<Exigible>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permis: Option<Vec<Exigible>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub competences: Option<Vec<Competence>>,
    pub salaire: Salaire,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duree_travail_libelle: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duree_travail_libelle_converti: Option<String>,
    pub alternance: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agence: Option<Agence>,
    pub nombre_postes: u32,
    #[serde(rename = "accessibleTH", skip_serializing_if = "Option::is_none")]
    pub accessible_th: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deplacement_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deplacement_libelle: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualification_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualification_libelle: Option<String>,
    #[serde(rename = "codeNAF", skip_serializing_if = "Option::is_none")]
    pub code_naf: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secteur_activite: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secteur_activite_libelle: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualites_professionnelles: Option<Vec<QualitePro>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tranche_effectif_etab: Option<String>,
    pub origine_offre: OrigineOffre,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offres_manque_candidats: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contexte_travail: Option<ContexteTravail>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entreprise_adaptee: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub employeur_handi_engage: Option<bool>,
}

#[derive(Debug, Clone, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct LieuTravail {
    pub libelle: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latitude: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub longitude: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_postal: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commune: Option<String>,
}

#[derive(Debug, Clone, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Entreprise {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nom: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub entreprise_adaptee: bool,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Formation {
    pub code_formation: String,
    pub domaine_libelle: String,
    pub niveau_libelle: String,
    pub exigence: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Exigible {
    pub libelle: String,
    pub exigence: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Competence {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    pub libelle: String,
    pub exigence: String,
}

#[derive(Debug, Clone, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Salaire {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub libelle: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commentaire: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub complement1: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub complement2: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub liste_complements: Option<Vec<CodeLibelle>>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct CodeLibelle {
    pub code: String,
    pub libelle: String,
}

#[derive(Debug, Clone, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Contact {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nom: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coordonnees1: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub courriel: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url_postulation: Option<String>,
}

#[derive(Debug, Clone, Serialize, Default)]
pub(crate) struct Agence {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub courriel: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct QualitePro {
    pub libelle: String,
    pub description: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct OrigineOffre {
    pub origine: String,
    pub url_origine: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partenaires: Option<Vec<Partenaire>>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Partenaire {
    pub nom: String,
    pub url: String,
    pub logo: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ContexteTravail {
    pub horaires: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conditions_exercice: Option<Vec<String>>,
}
