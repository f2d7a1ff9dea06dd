//! The data-job role classifier: a transparent, rule-based scorer.
//!
//! 1. **Title** (normalised, folded): each phrase of [`TITLE_RULES`] gives a weight to a role;
//!    a role's title score is the highest weight among its phrases. Some phrases are flags
//!    instead: `NotData` ("data center", "saisie"), `Adjacent` (GIS, business analyst, CRM),
//!    `Vague` ("chargé d'études"), `Dev` (developers), `Finance` (controllers), `Hint` ("data").
//! 2. **ROME code**: a prior of [`ROME_PRIOR`] points for the dedicated data codes; weak codes
//!    only make the title count as vague.
//! 3. **Description**: the evidence is the density of data skills (weighted by category, see
//!    [`skill_weight`]), data-role phrases and data vocabulary. It confirms medium titles,
//!    decides vague ones and separates `data_adjacent` from `not_data`.

use std::sync::OnceLock;

use crate::desc::DescScan;
use crate::phrases::PhraseSet;
use crate::skills::taxonomy;

/// Index of a role in [`crate::ROLES`].
pub(crate) type RoleId = usize;

pub(crate) const DATA_ANALYST: RoleId = 0;
pub(crate) const BI_ANALYST: RoleId = 1;
pub(crate) const DATA_ENGINEER: RoleId = 2;
pub(crate) const ANALYTICS_ENGINEER: RoleId = 3;
pub(crate) const DATA_SCIENTIST: RoleId = 4;
pub(crate) const ML_ENGINEER: RoleId = 5;
pub(crate) const AI_ENGINEER: RoleId = 6;
pub(crate) const DATA_ARCHITECT: RoleId = 7;
pub(crate) const DBA: RoleId = 8;
pub(crate) const DATA_MANAGER: RoleId = 9;
pub(crate) const DATA_GOVERNANCE: RoleId = 10;
pub(crate) const STATISTICIAN: RoleId = 11;
pub(crate) const DATA_ADJACENT: RoleId = 12;
pub(crate) const NOT_DATA: RoleId = 13;
pub(crate) const N_DATA_ROLES: usize = 12;

/// What a title phrase says.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Signal {
    /// Points for a data role.
    Role(RoleId, f32),
    /// The title names data without a role ("Consultant data").
    Hint,
    /// A data-adjacent profession (GIS, business analyst, CRM, market research).
    Adjacent,
    /// Not a data job whatever the description says ("data center", "saisie").
    NotData,
    /// A study or engineering title decided by its missions ("Ingénieur d'études").
    Vague,
    /// A software developer.
    Dev,
    /// Finance and management control.
    Finance,
    /// Law ("droit", "juriste"): with AI in the title, AI is the subject, not the job.
    Law,
    /// A researcher ("researcher", "research scientist"): with machine learning in the title,
    /// a modelling scientist rather than an engineer putting models in production.
    Researcher,
    /// Heads a team or a function ("responsable", "directeur", "head of"): with a data word,
    /// the title is a data manager's.
    Lead,
    /// A "responsable" who runs an application, not a team ("responsable applicatif").
    NotLead,
    /// "Administrateur": with a database product in the title, a DBA.
    Admin,
    /// A database product or family named in a title ("Oracle", "MongoDB", "NoSQL").
    DbProduct,
    /// The title is a ROME job label copied as is ("Analyste décisionnel - Business
    /// Intelligence"): the recruiter's default pick, which says nothing of the job; neither the
    /// title's roles nor the ROME prior count, the description decides.
    RomeLabel,
}

use Signal::*;

/// Title phrases (any case and accents) and their signal.
pub(crate) const TITLE_RULES: &[(&str, Signal)] = &[
    // data_analyst
    ("data analyst", Role(DATA_ANALYST, 10.0)),
    ("data-analyst", Role(DATA_ANALYST, 10.0)),
    ("data analyste", Role(DATA_ANALYST, 10.0)),
    ("data analysts", Role(DATA_ANALYST, 10.0)),
    ("analyste data", Role(DATA_ANALYST, 10.0)),
    ("analyste de données", Role(DATA_ANALYST, 10.0)),
    ("analyste des données", Role(DATA_ANALYST, 10.0)),
    ("analyste données", Role(DATA_ANALYST, 9.0)),
    ("analyst data", Role(DATA_ANALYST, 9.0)),
    ("data analyse", Role(DATA_ANALYST, 9.0)),
    ("data analysis", Role(DATA_ANALYST, 9.0)),
    ("data analytics", Role(DATA_ANALYST, 8.0)),
    ("product analyst", Role(DATA_ANALYST, 8.0)),
    ("web analyst", Role(DATA_ANALYST, 8.0)),
    ("analyste web", Role(DATA_ANALYST, 8.0)),
    ("web analytics", Role(DATA_ANALYST, 8.0)),
    ("marketing analyst", Role(DATA_ANALYST, 7.0)),
    ("business data analyst", Role(DATA_ANALYST, 10.0)),
    ("chargé d'études data", Role(DATA_ANALYST, 9.0)),
    ("chargé d'études données", Role(DATA_ANALYST, 9.0)),
    ("analytics", Role(DATA_ANALYST, 5.0)),
    // bi_analyst
    ("business intelligence", Role(BI_ANALYST, 10.0)),
    ("bi", Role(BI_ANALYST, 9.0)),
    ("décisionnel", Role(BI_ANALYST, 9.0)),
    ("décisionnelle", Role(BI_ANALYST, 9.0)),
    ("informatique décisionnelle", Role(BI_ANALYST, 10.0)),
    ("power bi", Role(BI_ANALYST, 9.0)),
    ("powerbi", Role(BI_ANALYST, 9.0)),
    ("qlik", Role(BI_ANALYST, 9.0)),
    ("qlikview", Role(BI_ANALYST, 9.0)),
    ("qlik sense", Role(BI_ANALYST, 9.0)),
    ("tableau software", Role(BI_ANALYST, 9.0)),
    ("dataviz", Role(BI_ANALYST, 9.0)),
    ("data visualisation", Role(BI_ANALYST, 9.0)),
    ("data visualization", Role(BI_ANALYST, 9.0)),
    ("datavisualisation", Role(BI_ANALYST, 9.0)),
    ("reporting", Role(BI_ANALYST, 6.0)),
    ("analyste reporting", Role(BI_ANALYST, 8.0)),
    ("chargé de reporting", Role(BI_ANALYST, 8.0)),
    ("business objects", Role(BI_ANALYST, 9.0)),
    ("microstrategy", Role(BI_ANALYST, 9.0)),
    ("spotfire", Role(BI_ANALYST, 9.0)),
    // steering data ("Ingénieur data pilotage"): management reporting
    ("data pilotage", Role(BI_ANALYST, 9.0)),
    ("données de pilotage", Role(BI_ANALYST, 9.0)),
    // data_engineer
    ("data engineer", Role(DATA_ENGINEER, 10.0)),
    ("data-engineer", Role(DATA_ENGINEER, 10.0)),
    ("data engineers", Role(DATA_ENGINEER, 10.0)),
    ("data engineering", Role(DATA_ENGINEER, 10.0)),
    ("ingénieur data", Role(DATA_ENGINEER, 10.0)),
    ("ingénieur de données", Role(DATA_ENGINEER, 10.0)),
    ("ingénieur des données", Role(DATA_ENGINEER, 10.0)),
    ("ingénieur données", Role(DATA_ENGINEER, 10.0)),
    ("ingénieur big data", Role(DATA_ENGINEER, 10.0)),
    ("data ingénieur", Role(DATA_ENGINEER, 10.0)),
    ("data ingénieurs", Role(DATA_ENGINEER, 10.0)),
    ("big data engineer", Role(DATA_ENGINEER, 10.0)),
    ("développeur big data", Role(DATA_ENGINEER, 10.0)),
    ("développeur data", Role(DATA_ENGINEER, 9.0)),
    ("developer data", Role(DATA_ENGINEER, 9.0)),
    ("data developer", Role(DATA_ENGINEER, 9.0)),
    ("développeur etl", Role(DATA_ENGINEER, 10.0)),
    ("etl", Role(DATA_ENGINEER, 8.0)),
    ("big data", Role(DATA_ENGINEER, 7.0)),
    ("bigdata", Role(DATA_ENGINEER, 7.0)),
    ("ingénieur bigdata", Role(DATA_ENGINEER, 10.0)),
    ("dataops", Role(DATA_ENGINEER, 9.0)),
    ("data ops", Role(DATA_ENGINEER, 9.0)),
    ("data platform", Role(DATA_ENGINEER, 8.0)),
    ("data plateforme", Role(DATA_ENGINEER, 8.0)),
    ("spark", Role(DATA_ENGINEER, 7.0)),
    ("talend", Role(DATA_ENGINEER, 8.0)),
    ("informatica", Role(DATA_ENGINEER, 8.0)),
    ("databricks", Role(DATA_ENGINEER, 8.0)),
    ("snowflake", Role(DATA_ENGINEER, 7.0)),
    ("intégrateur de données", Role(DATA_ENGINEER, 8.0)),
    // analytics_engineer
    ("analytics engineer", Role(ANALYTICS_ENGINEER, 12.0)),
    ("analytic engineer", Role(ANALYTICS_ENGINEER, 12.0)),
    ("analytics engineering", Role(ANALYTICS_ENGINEER, 12.0)),
    ("ingénieur analytique", Role(ANALYTICS_ENGINEER, 10.0)),
    ("dbt", Role(ANALYTICS_ENGINEER, 7.0)),
    // data_scientist
    ("data scientist", Role(DATA_SCIENTIST, 12.0)),
    ("data-scientist", Role(DATA_SCIENTIST, 12.0)),
    ("data scientists", Role(DATA_SCIENTIST, 12.0)),
    ("datascientist", Role(DATA_SCIENTIST, 12.0)),
    ("data science", Role(DATA_SCIENTIST, 10.0)),
    ("scientifique des données", Role(DATA_SCIENTIST, 10.0)),
    ("scientifique de données", Role(DATA_SCIENTIST, 10.0)),
    ("bioinformaticien", Role(DATA_SCIENTIST, 12.0)),
    ("bioinformaticienne", Role(DATA_SCIENTIST, 12.0)),
    ("bio-informaticien", Role(DATA_SCIENTIST, 12.0)),
    ("bio-informaticienne", Role(DATA_SCIENTIST, 12.0)),
    ("bioinformatique", Role(DATA_SCIENTIST, 9.0)),
    ("bio-informatique", Role(DATA_SCIENTIST, 9.0)),
    ("bioinformatics", Role(DATA_SCIENTIST, 9.0)),
    ("dataiku", Role(DATA_SCIENTIST, 8.0)),
    // ml_engineer
    ("machine learning", Role(ML_ENGINEER, 10.0)),
    ("ml engineer", Role(ML_ENGINEER, 12.0)),
    ("ingénieur ml", Role(ML_ENGINEER, 12.0)),
    ("mlops", Role(ML_ENGINEER, 12.0)),
    ("ml ops", Role(ML_ENGINEER, 12.0)),
    ("deep learning", Role(ML_ENGINEER, 10.0)),
    ("computer vision", Role(ML_ENGINEER, 10.0)),
    ("vision par ordinateur", Role(ML_ENGINEER, 10.0)),
    ("nlp", Role(ML_ENGINEER, 9.0)),
    ("apprentissage automatique", Role(ML_ENGINEER, 10.0)),
    ("ml", Role(ML_ENGINEER, 7.0)),
    // ai_engineer
    ("ia", Role(AI_ENGINEER, 9.0)),
    ("ai", Role(AI_ENGINEER, 8.0)),
    ("intelligence artificielle", Role(AI_ENGINEER, 10.0)),
    ("artificial intelligence", Role(AI_ENGINEER, 10.0)),
    ("ai engineer", Role(AI_ENGINEER, 12.0)),
    ("ingénieur ia", Role(AI_ENGINEER, 12.0)),
    ("ingénieur en ia", Role(AI_ENGINEER, 12.0)),
    (
        "ingénieur en intelligence artificielle",
        Role(AI_ENGINEER, 12.0),
    ),
    ("développeur ia", Role(AI_ENGINEER, 12.0)),
    ("llm", Role(AI_ENGINEER, 10.0)),
    ("genai", Role(AI_ENGINEER, 10.0)),
    ("gen ai", Role(AI_ENGINEER, 10.0)),
    ("ia générative", Role(AI_ENGINEER, 11.0)),
    ("prompt engineer", Role(AI_ENGINEER, 12.0)),
    // "Ingénieur data-IA": the AI specialty of a data title outranks the generic data engineer
    ("data-ia", Role(AI_ENGINEER, 11.0)),
    ("data ia", Role(AI_ENGINEER, 11.0)),
    // data_architect
    ("architecte data", Role(DATA_ARCHITECT, 13.0)),
    ("data architect", Role(DATA_ARCHITECT, 13.0)),
    ("architecte données", Role(DATA_ARCHITECT, 13.0)),
    ("architecte de données", Role(DATA_ARCHITECT, 13.0)),
    ("architecte des données", Role(DATA_ARCHITECT, 13.0)),
    ("architecte big data", Role(DATA_ARCHITECT, 13.0)),
    ("architecte base de données", Role(DATA_ARCHITECT, 13.0)),
    ("architecte bases de données", Role(DATA_ARCHITECT, 13.0)),
    ("architecte de bases de données", Role(DATA_ARCHITECT, 13.0)),
    ("architecte décisionnel", Role(DATA_ARCHITECT, 13.0)),
    ("architecte bi", Role(DATA_ARCHITECT, 13.0)),
    ("data architecture", Role(DATA_ARCHITECT, 11.0)),
    // dba
    ("dba", Role(DBA, 12.0)),
    ("administrateur base de données", Role(DBA, 12.0)),
    ("administrateur bases de données", Role(DBA, 12.0)),
    ("administrateur de base de données", Role(DBA, 12.0)),
    ("administrateur de bases de données", Role(DBA, 12.0)),
    ("administrateur des bases de données", Role(DBA, 12.0)),
    ("administrateur bdd", Role(DBA, 12.0)),
    ("gestionnaire de base de données", Role(DBA, 11.0)),
    ("gestionnaire de bases de données", Role(DBA, 11.0)),
    ("gestionnaire base de données", Role(DBA, 11.0)),
    ("database administrator", Role(DBA, 12.0)),
    ("administrateur oracle", Role(DBA, 10.0)),
    ("ingénieur base de données", Role(DBA, 10.0)),
    ("ingénieur bases de données", Role(DBA, 10.0)),
    ("ingénieur de bases de données", Role(DBA, 10.0)),
    ("base de données", Role(DBA, 6.0)),
    ("bases de données", Role(DBA, 6.0)),
    ("administrateur sql", Role(DBA, 10.0)),
    ("administratrice de bases de données", Role(DBA, 12.0)),
    ("administratrice de base de données", Role(DBA, 12.0)),
    // database-administration work, mostly read in descriptions (confirms a DBA title)
    ("système de gestion de base de données", Role(DBA, 8.0)),
    ("système de gestion de bases de données", Role(DBA, 8.0)),
    ("systèmes de gestion de bases de données", Role(DBA, 8.0)),
    ("sgbdr", Role(DBA, 8.0)),
    ("administration de bases de données", Role(DBA, 8.0)),
    ("administration des bases de données", Role(DBA, 8.0)),
    ("administration de base de données", Role(DBA, 8.0)),
    ("performances des bases de données", Role(DBA, 8.0)),
    ("sauvegarde des bases de données", Role(DBA, 8.0)),
    ("sécurisation des bases de données", Role(DBA, 8.0)),
    ("optimisation des bases de données", Role(DBA, 8.0)),
    // data_manager
    ("data manager", Role(DATA_MANAGER, 12.0)),
    ("clinical data manager", Role(DATA_MANAGER, 12.0)),
    ("chief data officer", Role(DATA_MANAGER, 13.0)),
    ("head of data", Role(DATA_MANAGER, 13.0)),
    ("responsable data", Role(DATA_MANAGER, 11.0)),
    ("responsable données", Role(DATA_MANAGER, 11.0)),
    ("responsable des données", Role(DATA_MANAGER, 11.0)),
    ("responsable bi", Role(DATA_MANAGER, 11.0)),
    ("responsable décisionnel", Role(DATA_MANAGER, 11.0)),
    ("directeur data", Role(DATA_MANAGER, 11.0)),
    ("directrice data", Role(DATA_MANAGER, 11.0)),
    ("directeur des données", Role(DATA_MANAGER, 11.0)),
    ("manager data", Role(DATA_MANAGER, 11.0)),
    ("data lead", Role(DATA_MANAGER, 10.0)),
    ("data product owner", Role(DATA_MANAGER, 12.0)),
    ("product owner data", Role(DATA_MANAGER, 12.0)),
    ("data product manager", Role(DATA_MANAGER, 12.0)),
    ("data project manager", Role(DATA_MANAGER, 12.0)),
    ("data project officer", Role(DATA_MANAGER, 11.0)),
    ("chargé de projet data", Role(DATA_MANAGER, 11.0)),
    ("chargé de projets data", Role(DATA_MANAGER, 11.0)),
    ("chef de projets data", Role(DATA_MANAGER, 11.0)),
    ("product manager data", Role(DATA_MANAGER, 12.0)),
    ("chef de projet data", Role(DATA_MANAGER, 11.0)),
    ("chef de projet données", Role(DATA_MANAGER, 11.0)),
    ("chef de projet big data", Role(DATA_MANAGER, 11.0)),
    ("chef de projet bi", Role(DATA_MANAGER, 11.0)),
    ("chef de projet décisionnel", Role(DATA_MANAGER, 11.0)),
    ("data management", Role(DATA_MANAGER, 8.0)),
    // data_governance
    ("data steward", Role(DATA_GOVERNANCE, 12.0)),
    ("data stewart", Role(DATA_GOVERNANCE, 12.0)),
    ("data governance", Role(DATA_GOVERNANCE, 12.0)),
    ("gouvernance des données", Role(DATA_GOVERNANCE, 12.0)),
    ("gouvernance de la donnée", Role(DATA_GOVERNANCE, 12.0)),
    ("gouvernance data", Role(DATA_GOVERNANCE, 12.0)),
    ("data quality", Role(DATA_GOVERNANCE, 11.0)),
    ("qualité des données", Role(DATA_GOVERNANCE, 10.0)),
    ("qualité de la donnée", Role(DATA_GOVERNANCE, 10.0)),
    ("master data", Role(DATA_GOVERNANCE, 11.0)),
    ("mdm", Role(DATA_GOVERNANCE, 10.0)),
    ("dpo", Role(DATA_GOVERNANCE, 12.0)),
    (
        "délégué à la protection des données",
        Role(DATA_GOVERNANCE, 12.0),
    ),
    (
        "déléguée à la protection des données",
        Role(DATA_GOVERNANCE, 12.0),
    ),
    (
        "délégué protection des données",
        Role(DATA_GOVERNANCE, 12.0),
    ),
    ("data protection officer", Role(DATA_GOVERNANCE, 12.0)),
    ("protection des données", Role(DATA_GOVERNANCE, 8.0)),
    ("rgpd", Role(DATA_GOVERNANCE, 7.0)),
    ("gouvernance", Role(DATA_GOVERNANCE, 5.0)),
    // statistician
    ("statisticien", Role(STATISTICIAN, 12.0)),
    ("statisticienne", Role(STATISTICIAN, 12.0)),
    ("statistician", Role(STATISTICIAN, 12.0)),
    ("biostatisticien", Role(STATISTICIAN, 12.0)),
    ("biostatisticienne", Role(STATISTICIAN, 12.0)),
    ("biostatistician", Role(STATISTICIAN, 12.0)),
    ("biostatistique", Role(STATISTICIAN, 10.0)),
    ("biostatistiques", Role(STATISTICIAN, 10.0)),
    ("statistique", Role(STATISTICIAN, 8.0)),
    ("statistiques", Role(STATISTICIAN, 8.0)),
    ("économètre", Role(STATISTICIAN, 10.0)),
    ("econometrician", Role(STATISTICIAN, 10.0)),
    // generic data hints
    ("data", Hint),
    ("données", Hint),
    ("donnée", Hint),
    ("analytique", Hint),
    // data-adjacent professions
    ("géomaticien", Adjacent),
    ("géomaticienne", Adjacent),
    ("géomatique", Adjacent),
    ("sig", Adjacent),
    ("gis", Adjacent),
    ("cartographe", Adjacent),
    ("business analyst", Adjacent),
    ("analyste fonctionnel", Adjacent),
    ("analyste fonctionnelle", Adjacent),
    ("crm", Adjacent),
    ("marketing automation", Adjacent),
    ("études de marché", Adjacent),
    ("chargé d'études marketing", Adjacent),
    ("chargée d'études marketing", Adjacent),
    ("études marketing", Adjacent),
    ("market research", Adjacent),
    ("chargé d'études quantitatives", Adjacent),
    // not data, whatever the description
    ("data center", NotData),
    ("data centre", NotData),
    ("datacenter", NotData),
    ("datacentre", NotData),
    ("data centers", NotData),
    ("centre de données", NotData),
    ("centres de données", NotData),
    ("saisie", NotData),
    ("opérateur de saisie", NotData),
    ("agent de saisie", NotData),
    ("encodeur", NotData),
    ("câblage", NotData),
    // vague titles decided by the missions
    ("ingénieur d'études", Vague),
    ("ingénieur d'étude", Vague),
    ("ingénieur études", Vague),
    ("chargé d'études", Vague),
    ("chargée d'études", Vague),
    ("chargé d'étude", Vague),
    ("chargé études", Vague),
    ("analyste", Vague),
    ("analyst", Vague),
    ("consultant", Vague),
    ("consultante", Vague),
    ("chercheur", Vague),
    ("chercheuse", Vague),
    ("ingénieur de recherche", Vague),
    ("post-doctorant", Vague),
    ("postdoc", Vague),
    ("doctorant", Vague),
    ("thèse", Vague),
    ("chargé de mission", Vague),
    ("chef de projet", Vague),
    ("ingénieur", Vague),
    ("engineer", Vague),
    ("études", Vague),
    ("modélisation", Vague),
    // developers
    ("développeur", Dev),
    ("développeuse", Dev),
    ("developer", Dev),
    ("developpeur", Dev),
    ("software engineer", Dev),
    ("ingénieur logiciel", Dev),
    ("ingénieur développement", Dev),
    ("full stack", Dev),
    ("fullstack", Dev),
    ("full-stack", Dev),
    ("backend", Dev),
    ("back-end", Dev),
    ("frontend", Dev),
    ("front-end", Dev),
    ("programmeur", Dev),
    ("devops", Dev),
    ("intégrateur", Dev),
    ("concepteur développeur", Dev),
    // IT operations, treated like developers
    ("administrateur système", Dev),
    ("administrateur systèmes", Dev),
    ("administrateur réseau", Dev),
    ("administrateur réseaux", Dev),
    ("ingénieur système", Dev),
    ("ingénieur systèmes", Dev),
    ("ingénieur réseau", Dev),
    ("ingénieur réseaux", Dev),
    ("ingénieur cloud", Dev),
    ("ingénieur sécurité", Dev),
    ("cybersécurité", Dev),
    ("technicien informatique", Dev),
    ("technicien support", Dev),
    ("support informatique", Dev),
    ("helpdesk", Dev),
    ("sre", Dev),
    ("architecte si", Dev),
    ("architecte solution", Dev),
    ("architecte solutions", Dev),
    ("architecte technique", Dev),
    ("architecte cloud", Dev),
    ("architecte logiciel", Dev),
    ("analyste d'exploitation", Dev),
    ("administrateur applicatif", Dev),
    // finance and management control
    ("contrôleur de gestion", Finance),
    ("contrôleuse de gestion", Finance),
    ("contrôle de gestion", Finance),
    ("analyste financier", Finance),
    ("analyste financière", Finance),
    ("financial analyst", Finance),
    ("comptable", Finance),
    ("fp&a", Finance),
    ("auditeur", Finance),
    ("actuaire", Finance),
    ("credit analyst", Finance),
    ("analyste crédit", Finance),
    // researchers
    ("researcher", Researcher),
    ("research scientist", Researcher),
    ("applied scientist", Researcher),
    // law: AI as the subject of legal work ("Chercheur en droit et intelligence artificielle")
    ("droit", Law),
    ("juriste", Law),
    ("juridique", Law),
    ("avocat", Law),
    ("avocate", Law),
    // heads of a team or function
    ("responsable", Lead),
    ("directeur", Lead),
    ("directrice", Lead),
    ("head of", Lead),
    ("chief", Lead),
    ("responsable applicatif", NotLead),
    ("responsable d'application", NotLead),
    ("responsable d'applications", NotLead),
    // database administrators named by their product
    ("administrateur", Admin),
    ("administratrice", Admin),
    ("oracle", DbProduct),
    ("postgresql", DbProduct),
    ("postgres", DbProduct),
    ("mysql", DbProduct),
    ("mariadb", DbProduct),
    ("sql server", DbProduct),
    ("mongodb", DbProduct),
    ("vertica", DbProduct),
    ("cassandra", DbProduct),
    ("db2", DbProduct),
    ("sybase", DbProduct),
    ("teradata", DbProduct),
    ("nosql", DbProduct),
    ("sgbd", DbProduct),
    // ROME job labels used as titles
    ("analyste décisionnel - business intelligence", RomeLabel),
    ("développeur décisionnel - business intelligence", RomeLabel),
];

/// Prior points of the dedicated ROME codes.
pub(crate) const ROME_PRIOR: &[(&str, RoleId)] = &[
    ("M1405", DATA_SCIENTIST),
    ("M1419", DATA_ANALYST),
    ("M1811", DATA_ENGINEER),
    ("M1851", BI_ANALYST),
    ("M1824", BI_ANALYST),
    ("M1872", BI_ANALYST),
    ("M1868", DATA_ARCHITECT),
    ("M1894", DBA),
    ("M1423", DATA_MANAGER),
    ("M1889", AI_ENGINEER),
    ("M1873", AI_ENGINEER),
    ("M1414", STATISTICIAN),
    ("K2403", STATISTICIAN),
    ("K1906", DATA_GOVERNANCE),
    ("H1215", DATA_SCIENTIST),
];
const ROME_PRIOR_POINTS: f32 = 6.0;

/// ROME codes that only make the title count as vague (studies, IT development).
pub(crate) const ROME_WEAK: &[&str] = &["M1403", "M1805", "M1806", "M1802", "M1810", "K2402"];

/// General data vocabulary counted in descriptions.
pub(crate) const DESC_VOCAB: &[&str] = &[
    "données",
    "data",
    "base de données",
    "bases de données",
    "analyse de données",
    "analyses de données",
    "jeux de données",
    "jeu de données",
    "dataset",
    "datasets",
    "algorithme",
    "algorithmes",
    "modèle",
    "modèles",
    "modélisation",
    "requête",
    "requêtes",
    "indicateurs",
    "pipeline",
    "pipelines",
    "extraction",
    "extractions",
    "croisement",
    "exploitation des données",
    "traitement des données",
    "traitement de données",
    "collecte de données",
    "données clients",
];

fn title_rules() -> &'static PhraseSet<Signal> {
    static SET: OnceLock<PhraseSet<Signal>> = OnceLock::new();
    SET.get_or_init(|| PhraseSet::new(TITLE_RULES.iter().copied(), true))
}

/// How much a skill tells that a job is about data.
pub(crate) fn skill_weight(key: &str, category: &str) -> f32 {
    match key {
        "python" | "sql" | "r" | "sas" | "scala" | "julia" | "pl_sql" | "t_sql" | "dax" => 1.0,
        "dashboarding"
        | "reporting"
        | "kpi"
        | "excel"
        | "pivot_tables"
        | "vba"
        | "google_sheets"
        | "access"
        | "business_intelligence" => 0.4,
        "grafana" => 0.3,
        "rgpd_gdpr" | "data_security" | "crm" | "erp" | "metadata_management" => 0.0,
        _ => match category {
            "database"
            | "big_data"
            | "etl"
            | "orchestration"
            | "bi"
            | "ml"
            | "genai"
            | "stats"
            | "data_quality_governance"
            | "web_analytics"
            | "geo" => 1.0,
            "cloud" => 0.5,
            _ => 0.0,
        },
    }
}

/// What the description says.
#[derive(Debug, Default, Clone)]
pub(crate) struct Evidence {
    /// Weighted count of distinct data skills.
    pub skills: f32,
    /// Mentions of each data role.
    pub roles: [f32; N_DATA_ROLES],
    /// Mentions of data vocabulary.
    pub vocab: f32,
    /// Distinct skills of the analytical categories (BI, ML, GenAI, stats, ETL, big data,
    /// orchestration, governance, web analytics), which IT-operations offers rarely list.
    pub core: f32,
    /// Distinct database engines and SQL dialects: what confirms a DBA title.
    pub db: f32,
    /// Distinct data-quality and governance skills (data quality, MDM, catalogue…).
    pub gov: f32,
    /// Distinct skills that build AI systems: ML and GenAI skills other than the words
    /// "IA" / "intelligence artificielle" themselves, and programming languages.
    pub ai_tech: f32,
}

impl Evidence {
    pub fn new(scan: &DescScan, skills: &[u16]) -> Evidence {
        let tax = taxonomy();
        let mut ev = Evidence::default();
        let mut keys: Vec<u16> = skills.to_vec();
        keys.sort_unstable();
        keys.dedup();
        for id in keys {
            let e = tax.entry(id);
            ev.skills += skill_weight(e.key, e.category);
            if matches!(
                e.category,
                "bi" | "ml"
                    | "genai"
                    | "stats"
                    | "etl"
                    | "big_data"
                    | "orchestration"
                    | "data_quality_governance"
                    | "web_analytics"
            ) && skill_weight(e.key, e.category) >= 1.0
            {
                ev.core += 1.0;
            }
            if (e.category == "database" && e.key != "access")
                || matches!(e.key, "sql" | "pl_sql" | "t_sql")
            {
                ev.db += 1.0;
            }
            if e.category == "data_quality_governance" && skill_weight(e.key, e.category) >= 1.0 {
                ev.gov += 1.0;
            }
            if matches!(e.category, "ml" | "genai" | "language")
                && e.key != "artificial_intelligence"
            {
                ev.ai_tech += 1.0;
            }
        }
        ev.roles = scan.roles;
        ev.vocab = scan.vocab;
        ev
    }

    /// One number: skills, plus role mentions and vocabulary (both capped).
    pub fn score(&self) -> f32 {
        let roles: f32 = self.roles.iter().sum();
        self.skills + (roles * 0.5).min(3.0) + (self.vocab * 0.2).min(2.0)
    }

    /// The data role the description talks about most, weighted by skills of that role.
    fn best_role(&self, prior: Option<RoleId>) -> Option<RoleId> {
        let mut best: Option<(RoleId, f32)> = None;
        for r in 0..N_DATA_ROLES {
            let s = self.roles[r] + if prior == Some(r) { 1.5 } else { 0.0 };
            if s > 0.0 && best.is_none_or(|(_, b)| s > b) {
                best = Some((r, s));
            }
        }
        best.map(|(r, _)| r)
    }
}

/// The result of the title scan.
#[derive(Debug, Default, Clone)]
pub(crate) struct TitleSignals {
    pub scores: [f32; N_DATA_ROLES],
    /// The scores given by phrases of more than three letters: an acronym alone ("IA",
    /// "BI") may be a company's name.
    pub long_scores: [f32; N_DATA_ROLES],
    pub lead: bool,
    pub rome_label: bool,
    pub hint: bool,
    pub adjacent: bool,
    pub not_data: bool,
    pub vague: bool,
    pub dev: bool,
    pub finance: bool,
    pub law: bool,
    pub researcher: bool,
}

impl TitleSignals {
    pub fn from_title(folded_title: &str) -> TitleSignals {
        let mut t = TitleSignals::default();
        let (mut lead, mut not_lead, mut admin, mut db_product) = (false, false, false, false);
        title_rules().scan(folded_title, |start, end, sig| match sig {
            Role(r, w) => {
                t.scores[r] = t.scores[r].max(w);
                if end - start > 3 {
                    t.long_scores[r] = t.long_scores[r].max(w);
                }
            }
            Hint => t.hint = true,
            Adjacent => t.adjacent = true,
            NotData => t.not_data = true,
            Vague => t.vague = true,
            Dev => t.dev = true,
            Finance => t.finance = true,
            Law => t.law = true,
            Researcher => t.researcher = true,
            Lead => lead = true,
            NotLead => not_lead = true,
            Admin => admin = true,
            DbProduct => db_product = true,
            RomeLabel => t.rome_label = true,
        });
        t.lead = lead && !not_lead;
        if admin && db_product {
            t.scores[DBA] = t.scores[DBA].max(10.0);
            t.long_scores[DBA] = t.long_scores[DBA].max(10.0);
        }
        if t.rome_label {
            t.scores = [0.0; N_DATA_ROLES];
            t.long_scores = [0.0; N_DATA_ROLES];
            t.vague = true;
        }
        t
    }
}

/// The decision, given the title signals, the ROME code and the description evidence.
pub(crate) fn decide(title: &TitleSignals, rome: Option<&str>, ev: &Evidence) -> RoleId {
    let rome = rome.map(str::trim);
    let rome_prior = rome.and_then(|code| {
        ROME_PRIOR
            .iter()
            .find(|(c, _)| c.eq_ignore_ascii_case(code))
            .map(|&(_, r)| r)
    });
    let weak_rome = rome.is_some_and(|code| ROME_WEAK.iter().any(|c| c.eq_ignore_ascii_case(code)));
    // An IT or data occupation (ROME M18xx or a data code).
    let it_rome = rome_prior.is_some()
        || weak_rome
        || rome.is_some_and(|c| c.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("M18")));
    // A title copied from the ROME label says no more than the code itself.
    let prior = rome_prior.filter(|_| !title.rome_label);
    let evidence = ev.score();

    // Best title role, the ROME prior breaking ties.
    let mut best: Option<(RoleId, f32, f32)> = None; // (role, title score, with prior)
    for r in 0..N_DATA_ROLES {
        let s = title.scores[r];
        if s <= 0.0 {
            continue;
        }
        let with_prior = s + if prior == Some(r) {
            ROME_PRIOR_POINTS
        } else {
            0.0
        };
        // A role named by a phrase of more than three letters (≥ 8) outranks one named by an
        // acronym alone, whatever the ROME code: in "Data engineer - projet IA" the acronym is
        // the project's field, the phrase the profession.
        let long = title.long_scores[r] >= 8.0;
        let better = match best {
            None => true,
            Some((b_r, _, b)) => {
                let b_long = title.long_scores[b_r] >= 8.0;
                (long && !b_long) || (long == b_long && with_prior > b)
            }
        };
        if better {
            best = Some((r, s, with_prior));
        }
    }
    // An acronym alone ("IA", "BI") in the title of a non-IT occupation, with nothing about
    // data in the description, is a name ("IA Recrutement"), not a role.
    if let Some((r, s, _)) = best
        && s >= 8.0
        && title.long_scores[r] < 8.0
        && evidence <= 1.0
        && !it_rome
    {
        best = None;
    }
    let title_score = best.map_or(0.0, |(_, s, _)| s);

    if title.not_data && title_score < 10.0 {
        return NOT_DATA;
    }
    // The head of a data function ("Responsable BI", "Responsable de l'analyse de données",
    // "Directeur data & IA") is a data manager, unless the title names governance or
    // statistics, which stay the profession.
    if title.lead && !title.adjacent && !title.finance {
        match best {
            Some((r, s, _)) if s >= 8.0 && !matches!(r, DATA_GOVERNANCE | STATISTICIAN) => {
                return DATA_MANAGER;
            }
            None if title.hint && evidence >= 4.0 => return DATA_MANAGER,
            _ => {}
        }
    }
    if let Some((r, s, _)) = best {
        // A data-adjacent profession working in the AI field ("Business analyst IA"), or an
        // analyst of a data-adjacent specialty ("CRM data analyst", "Analyste SIG"): the
        // specialty is the profession.
        if title.adjacent && matches!(r, AI_ENGINEER | DATA_ANALYST | BI_ANALYST) && s <= 10.0 {
            return DATA_ADJACENT;
        }
        if r == DBA && (s >= 8.0 || ev.db >= 1.0) {
            return database_title(ev, evidence);
        }
        // A data engineer title naming a BI specialty in full ("Ingénieur data Spotfire",
        // "Ingénieur data pilotage", "Data engineer Power BI") is a BI developer's.
        if r == DATA_ENGINEER && title.long_scores[BI_ANALYST] >= 8.0 {
            return BI_ANALYST;
        }
        // A machine-learning researcher models; an engineer puts models in production.
        if r == ML_ENGINEER && title.researcher {
            return DATA_SCIENTIST;
        }
        if r == AI_ENGINEER && s >= 8.0 && ev.ai_tech <= 0.0 {
            return ai_without_tech(title, evidence);
        }
        if s >= 8.0 {
            return r;
        }
        // Medium titles ("reporting", "ML", "statistique", "big data") need confirmation.
        if (title.finance || title.dev) && prior != Some(r) {
            return if evidence >= 3.0 {
                DATA_ADJACENT
            } else {
                NOT_DATA
            };
        }
        if evidence >= 2.0 || prior == Some(r) {
            return r;
        }
        return if evidence >= 1.0 || title.adjacent {
            DATA_ADJACENT
        } else {
            NOT_DATA
        };
    }
    if title.finance {
        let bi = ev.skills;
        return if bi >= 2.0 && evidence >= 3.0 {
            DATA_ADJACENT
        } else {
            NOT_DATA
        };
    }
    if title.adjacent {
        return DATA_ADJACENT;
    }
    if title.dev {
        if evidence >= 4.0 && ev.core >= 2.0 {
            let data_role = ev.best_role(prior);
            if title.hint && matches!(data_role, Some(DATA_ENGINEER) | None) && evidence >= 5.0 {
                return DATA_ENGINEER;
            }
            return DATA_ADJACENT;
        }
        return NOT_DATA;
    }
    if title.hint || title.vague || prior.is_some() || weak_rome {
        let role = ev.best_role(prior).or(prior);
        if let Some(role) = role {
            if evidence >= 4.0 && (title.hint || prior.is_some() || ev.roles[role] >= 1.0) {
                return role;
            }
            if (title.hint || prior == Some(role)) && evidence >= 2.0 {
                return role;
            }
        } else if title.hint && evidence >= 3.0 {
            return DATA_ANALYST;
        }
        if title.rome_label {
            return unconfirmed_data_title(evidence);
        }
        if evidence >= 3.0 || (evidence >= 2.0 && (title.hint || prior.is_some())) {
            return DATA_ADJACENT;
        }
        return NOT_DATA;
    }
    if evidence >= 5.0 && ev.core >= 3.0 {
        // A title saying nothing of the job (a generic label) whose description names one
        // data role again and again: that role.
        if let Some(r) = ev.best_role(None)
            && ev.roles[r] >= 2.0
        {
            return r;
        }
        return DATA_ADJACENT;
    }
    NOT_DATA
}

/// A title about databases ("Administrateur de bases de données", "Gestionnaire de base de
/// données", "Administrateur systèmes et bases de données"): a DBA when the description lists
/// database engines or SQL, or names database-administration work (SGBD, backups,
/// performance) beyond the title's own words; otherwise the job manages records — data
/// governance when the description is about data quality or governance, else decided by the
/// evidence. A title without any description evidence is trusted.
fn database_title(ev: &Evidence, evidence: f32) -> RoleId {
    // Without any description to read, the title is all there is.
    let silent = evidence <= 0.0;
    if silent || ev.db >= 1.0 || ev.roles[DBA] >= 3.0 {
        DBA
    } else if ev.gov >= 1.0 || ev.roles[DATA_GOVERNANCE] >= 1.0 {
        DATA_GOVERNANCE
    } else {
        unconfirmed_data_title(evidence)
    }
}

/// An AI title whose description names no skill that builds AI (no ML or GenAI tool, no
/// programming language): the job is about AI, not building it. Legal work on AI is not a data
/// job; a job steering AI or data projects (evidence ≥ 3: "piloter l'industrialisation de
/// l'IA", "cadrage de cas d'usage Data & IA") is a data manager's; otherwise (AI adoption,
/// change management) not a data job.
fn ai_without_tech(title: &TitleSignals, evidence: f32) -> RoleId {
    if title.law {
        NOT_DATA
    } else if evidence >= 3.0 {
        DATA_MANAGER
    } else {
        NOT_DATA
    }
}

/// A title naming a data occupation that the description does not confirm: data-adjacent when
/// the description still shows some data work, else not a data job.
fn unconfirmed_data_title(evidence: f32) -> RoleId {
    if evidence >= 1.5 {
        DATA_ADJACENT
    } else {
        NOT_DATA
    }
}
