//! Tests of the whole enrichment (role classification above all).

use proptest::prelude::*;

use super::*;

fn offer<'a>(title: &'a str, description: &'a str, rome: Option<&'a str>) -> OfferText<'a> {
    OfferText {
        title,
        description: Some(description),
        rome_code: rome,
        competences: &[],
        experience_years_min: None,
        beginner_accepted: false,
        contract_is_apprenticeship_or_internship: false,
    }
}

fn role(title: &str, description: &str, rome: Option<&str>) -> &'static str {
    classify_role(&offer(title, description, rome))
}

const DATA_DESC: &str = "Au sein de l'équipe data, vous concevez des pipelines de données \
    avec Python, SQL et Airflow, modélisez l'entrepôt de données sur Snowflake et \
    industrialisez les flux avec dbt. Vous travaillez avec les data analysts sur les \
    tableaux de bord Power BI.";

const BI_DESC: &str = "Vous développez les rapports Power BI et Tableau, écrivez des requêtes \
    SQL, modélisez les datamarts et animez les indicateurs de performance avec les métiers.";

const PLAIN_DESC: &str = "Vous accueillez les clients, gérez les stocks et participez à la \
    mise en rayon. Horaires du lundi au samedi, travail en équipe.";

#[test]
fn roles_keys_are_the_guidelines_keys() {
    let keys: Vec<&str> = ROLES.iter().map(|(k, _)| *k).collect();
    assert_eq!(
        keys,
        [
            "data_analyst",
            "bi_analyst",
            "data_engineer",
            "analytics_engineer",
            "data_scientist",
            "ml_engineer",
            "ai_engineer",
            "data_architect",
            "dba",
            "data_manager",
            "data_governance",
            "statistician",
            "data_adjacent",
            "not_data"
        ]
    );
}

#[test]
fn strong_titles() {
    assert_eq!(role("Data Analyst (H/F)", PLAIN_DESC, None), "data_analyst");
    assert_eq!(
        role("Analyste de données marketing", "", None),
        "data_analyst"
    );
    assert_eq!(role("Ingénieur(e) Data", DATA_DESC, None), "data_engineer");
    assert_eq!(role("Data Engineer Senior", "", None), "data_engineer");
    assert_eq!(role("Data Scientist - NLP", "", None), "data_scientist");
    assert_eq!(role("Consultant BI", BI_DESC, None), "bi_analyst");
    assert_eq!(role("Développeur décisionnel", BI_DESC, None), "bi_analyst");
    assert_eq!(
        role("Analytics Engineer", DATA_DESC, None),
        "analytics_engineer"
    );
    assert_eq!(role("Machine Learning Engineer", "", None), "ml_engineer");
    assert_eq!(role("Ingénieur MLOps", "", None), "ml_engineer");
    assert_eq!(role("Ingénieur IA générative", "", None), "ai_engineer");
    assert_eq!(role("Architecte Data", "", None), "data_architect");
    assert_eq!(role("DBA Oracle / PostgreSQL", "", None), "dba");
    assert_eq!(role("Administrateur de bases de données", "", None), "dba");
    assert_eq!(role("Head of Data", "", None), "data_manager");
    assert_eq!(role("Chef de projet data", "", None), "data_manager");
    assert_eq!(role("Data Steward", "", None), "data_governance");
    assert_eq!(
        role("Délégué à la protection des données (DPO)", "", None),
        "data_governance"
    );
    assert_eq!(role("Biostatisticien", "", None), "statistician");
    assert_eq!(
        role("Chargé d'études statistiques", "", None),
        "statistician"
    );
    assert_eq!(role("Bioinformaticien", "", None), "data_scientist");
}

#[test]
fn traps() {
    assert_eq!(
        role(
            "Technicien data center",
            "Maintenance des serveurs et du câblage, supervision réseau.",
            None
        ),
        "not_data"
    );
    assert_eq!(
        role(
            "Opérateur de saisie",
            "Saisie de données clients dans le logiciel, contrôle des bases de données.",
            None
        ),
        "not_data"
    );
    assert_eq!(
        role(
            "Contrôleur de gestion",
            "Clôtures mensuelles, budget, analyse des écarts, relation avec les opérationnels.",
            None
        ),
        "not_data"
    );
    assert_eq!(
        role(
            "Contrôleur de gestion",
            "Vous construisez les reportings sous Power BI, écrivez des requêtes SQL, automatisez \
             les extractions et développez les tableaux de bord Qlik Sense des directions.",
            None
        ),
        "data_adjacent"
    );
    assert_eq!(role("Analyste financier", PLAIN_DESC, None), "not_data");
    assert_eq!(
        role(
            "Développeur Java",
            "Développement d'API REST en Java et Spring, front Angular.",
            None
        ),
        "not_data"
    );
    assert_eq!(
        role(
            "Développeur Python",
            "Vous développez des pipelines de données Spark et Kafka, alimentez le data lake, \
             écrivez du SQL sur PostgreSQL et orchestrez les traitements avec Airflow.",
            None
        ),
        "data_adjacent"
    );
    assert_eq!(role("Vendeur en boulangerie", PLAIN_DESC, None), "not_data");
    assert_eq!(
        role("Technicien SIG", "Mise à jour des couches sous QGIS.", None),
        "data_adjacent"
    );
}

#[test]
fn vague_titles_decided_by_missions() {
    assert_eq!(
        role(
            "Ingénieur d'études",
            "Vous construisez des modèles de machine learning en Python (scikit-learn, pandas), \
             analysez les données clients et présentez les résultats. Profil data scientist.",
            None
        ),
        "data_scientist"
    );
    assert_eq!(
        role(
            "Ingénieur d'études",
            "Conception de structures métalliques et suivi de chantier.",
            None
        ),
        "not_data"
    );
    assert_eq!(
        role(
            "Chargé d'études",
            "Analyse de données d'enquêtes sous SAS et R, rédaction des synthèses statistiques.",
            Some("M1403")
        ),
        "statistician"
    );
}

#[test]
fn rome_prior() {
    assert_eq!(
        role(
            "Consultant",
            "Analyse des données de vente avec SQL et Python, tableaux de bord Power BI.",
            Some("M1419")
        ),
        "data_analyst"
    );
}

#[test]
fn enrich_fills_everything() {
    let competences = ["Langage SQL", "Python", "R"];
    let text = OfferText {
        title: "Data Engineer confirmé (H/F)",
        description: Some(DATA_DESC),
        rome_code: Some("M1811"),
        competences: &competences,
        experience_years_min: Some(3.0),
        beginner_accepted: false,
        contract_is_apprenticeship_or_internship: false,
    };
    let e = enrich(&text);
    assert_eq!(e.role, "data_engineer");
    assert!(e.is_data);
    assert_eq!(e.seniority, Seniority::Senior);
    for key in [
        "python",
        "sql",
        "airflow",
        "snowflake",
        "dbt",
        "power_bi",
        "r",
        "data_warehouse",
    ] {
        assert!(e.skills.contains(&key), "missing {key} in {:?}", e.skills);
    }
    let mut sorted = e.skills.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted, e.skills);
    assert_eq!(e.remote, Remote::Unknown);
    assert_eq!(e.title_normalized.as_deref(), Some("Data Engineer"));

    let text = OfferText {
        title: "Vendeur / Vendeuse",
        description: Some("Télétravail non possible. Vente en magasin."),
        rome_code: None,
        competences: &[],
        experience_years_min: None,
        beginner_accepted: true,
        contract_is_apprenticeship_or_internship: false,
    };
    let e = enrich(&text);
    assert_eq!(e.role, "not_data");
    assert!(!e.is_data);
    assert_eq!(e.seniority, Seniority::Junior);
    assert_eq!(e.remote, Remote::None);
    assert_eq!(e.title_normalized.as_deref(), Some("Vendeur"));
}

#[test]
fn enrich_on_empty_offer() {
    let e = enrich(&OfferText {
        title: "",
        description: None,
        rome_code: None,
        competences: &[],
        experience_years_min: None,
        beginner_accepted: false,
        contract_is_apprenticeship_or_internship: false,
    });
    assert_eq!(e.role, "not_data");
    assert_eq!(e.seniority, Seniority::Unknown);
    assert!(e.skills.is_empty());
    assert_eq!(e.title_normalized, None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn enrich_never_panics(
        title in "\\PC{0,80}",
        description in proptest::option::of("\\PC{0,400}"),
        rome in proptest::option::of("[A-Z0-9 ]{0,6}"),
        competence in "\\PC{0,30}",
        years in proptest::option::of(-5.0f32..50.0),
        beginner in any::<bool>(),
        apprentice in any::<bool>(),
    ) {
        let competences = [competence.as_str()];
        let text = OfferText {
            title: &title,
            description: description.as_deref(),
            rome_code: rome.as_deref(),
            competences: &competences,
            experience_years_min: years,
            beginner_accepted: beginner,
            contract_is_apprenticeship_or_internship: apprentice,
        };
        let e = enrich(&text);
        prop_assert!(ROLES.iter().any(|(k, _)| *k == e.role));
        let mut sorted = e.skills.clone();
        sorted.sort_unstable();
        sorted.dedup();
        prop_assert_eq!(sorted, e.skills);
    }

    #[test]
    fn enrich_never_panics_on_data_words(
        words in proptest::collection::vec(
            prop_oneof![
                Just("R"), Just("SAS"), Just("Go"), Just("C"), Just("de"), Just(","), Just("/"),
                Just("télétravail"), Just("2"), Just("jours"), Just("H/F"), Just("(e)"),
                Just("Data"), Just("é"), Just("'"), Just("ans d'expérience"), Just("Œ"),
                Just("Tableau"), Just("+"), Just("-"), Just("%"), Just("à"), Just(" ")
            ],
            0..40,
        )
    ) {
        let s = words.join(" ");
        let glued = words.concat();
        for t in [s.as_str(), glued.as_str()] {
            let _ = enrich(&offer(t, t, Some("M1419")));
            let _ = remote_policy(t);
            let _ = skills::find_skills(t);
            let _ = normalize_title(t);
        }
    }
}

#[test]
fn heads_of_a_data_function_are_data_managers() {
    assert_eq!(
        role("Responsable de domaine décisionnel / BI", BI_DESC, None),
        "data_manager"
    );
    assert_eq!(
        role("Responsable de l'analyse de données", DATA_DESC, None),
        "data_manager"
    );
    assert_eq!(role("Data Project Officer", BI_DESC, None), "data_manager");
    // Governance stays governance; an application owner is not a head of data.
    assert_eq!(
        role("Responsable qualité des données", DATA_DESC, None),
        "data_governance"
    );
}

#[test]
fn database_titles_need_database_work() {
    let dba = "Vous administrez les SGBD Oracle et PostgreSQL, gérez les sauvegardes.";
    assert_eq!(role("Administrateur de bases de données", dba, None), "dba");
    assert_eq!(
        role("Administrateur systèmes et bases de données", dba, None),
        "dba"
    );
    assert_eq!(role("Administrateur Vertica", dba, None), "dba");
    let records = "Vous assurez la qualité des données articles et participez à la \
        gouvernance des données du référentiel produits.";
    assert_eq!(
        role("Gestionnaire de base de données", records, None),
        "data_governance"
    );
    assert_eq!(
        role(
            "Administrateur de bases de données",
            "Vous mettez à jour les données clients dans l'ERP et le site.",
            None
        ),
        "not_data"
    );
}

#[test]
fn acronym_titles_and_rome_labels() {
    // "IA" as an agency's name in a non-IT occupation.
    assert_eq!(
        role(
            "Laveur de vitres - IA Recrutement",
            PLAIN_DESC,
            Some("K2204")
        ),
        "not_data"
    );
    // A ROME label as title: the description decides.
    assert_eq!(
        role(
            "Analyste décisionnel - Business Intelligence",
            PLAIN_DESC,
            Some("M1851")
        ),
        "not_data"
    );
    assert_eq!(
        role(
            "Business Analyst Intelligence Artificielle",
            DATA_DESC,
            None
        ),
        "data_adjacent"
    );
    assert_eq!(role("Data Ingénieur", DATA_DESC, None), "data_engineer");
}

#[test]
fn ai_titles_need_ai_building_skills() {
    const AI_DESC: &str = "Vous entraînez des modèles de deep learning avec PyTorch, \
        construisez des pipelines RAG sur des LLM et les déployez en Python.";
    const AI_STEERING_DESC: &str = "Vous pilotez le portefeuille de cas d'usage de l'IA, \
        définissez la gouvernance des données et des modèles, suivez les indicateurs de \
        performance et coordonnez les projets data et IA avec les métiers.";
    const AI_ADOPTION_DESC: &str = "Vous animez le club interne sur l'usage de l'IA et \
        accompagnez la conduite du changement dans les équipes.";
    assert_eq!(role("Ingénieur IA", AI_DESC, None), "ai_engineer");
    // AI is the job's subject, not its work.
    assert_eq!(
        role("Pilote des projets IA", AI_STEERING_DESC, None),
        "data_manager"
    );
    assert_eq!(
        role("Chef de projets IA", AI_ADOPTION_DESC, Some("M1814")),
        "not_data"
    );
    assert_eq!(
        role(
            "Chercheur en droit et intelligence artificielle",
            AI_STEERING_DESC,
            None
        ),
        "not_data"
    );
    // The AI specialty of a data title.
    assert_eq!(role("Ingénieur data-IA", AI_DESC, None), "ai_engineer");
}

#[test]
fn phrases_outrank_acronyms_and_specialties_qualify_titles() {
    // The profession's phrase beats the project's acronym, even against the ROME code.
    assert_eq!(
        role(
            "Senior Data Engineer - Innovation IA",
            DATA_DESC,
            Some("M1889")
        ),
        "data_engineer"
    );
    // A data engineer title naming a BI specialty in full.
    assert_eq!(
        role("Ingénieur data Spotfire", BI_DESC, Some("M1811")),
        "bi_analyst"
    );
    assert_eq!(role("Ingénieur DATA pilotage", BI_DESC, None), "bi_analyst");
    assert_eq!(role("Data engineer BI", DATA_DESC, None), "data_engineer");
    // Machine-learning researchers are data scientists, research engineers ML engineers.
    assert_eq!(
        role("Machine Learning Researcher", DATA_DESC, None),
        "data_scientist"
    );
    assert_eq!(
        role("Machine Learning Research Engineer", DATA_DESC, None),
        "ml_engineer"
    );
}

#[test]
fn description_years_beat_the_default_field() {
    let t = OfferText {
        beginner_accepted: true,
        ..offer(
            "Data Analyst",
            "Vous avez au moins 3 ans d'expérience en SQL.",
            None,
        )
    };
    assert_eq!(enrich(&t).seniority, Seniority::Mid);
    let t = OfferText {
        experience_years_min: Some(1.0),
        ..offer(
            "Data Analyst",
            "Fort de 40 ans d'expérience, notre groupe…",
            None,
        )
    };
    assert_eq!(enrich(&t).seniority, Seniority::Junior);
}

/// The competences are scanned as one text: nothing may be read across two of them.
#[test]
fn competences_stay_apart() {
    let skills = |competences: &[&str]| {
        enrich(&OfferText {
            competences,
            ..offer("Vendeur", "", None)
        })
        .skills
    };
    assert!(skills(&["Power BI"]).contains(&"power_bi"));
    let apart = skills(&["Utiliser un logiciel Power", "BI et tableaux de bord"]);
    assert!(!apart.contains(&"power_bi"), "{apart:?}");
    assert!(skills(&["Machine learning"]).contains(&"machine_learning"));
    let apart = skills(&["Conduite de machine", "Learning by doing"]);
    assert!(!apart.contains(&"machine_learning"), "{apart:?}");
    // each competence gives what it gives alone
    let each: Vec<_> = ["Python", "SQL", "Gestion de bases de données"]
        .iter()
        .flat_map(|c| skills(&[c]))
        .collect();
    let mut together = skills(&["Python", "SQL", "Gestion de bases de données"]);
    let mut each = each;
    each.sort_unstable();
    each.dedup();
    together.sort_unstable();
    assert_eq!(together, each);
}
