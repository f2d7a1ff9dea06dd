//! Small hand-written reference tables used by the offer generator.
//!
//! Everything here is either a public fact (INSEE commune codes, postcodes,
//! approximate city coordinates, ROME codes and labels, NAF codes) or text
//! written for this crate. Nothing is copied from real offers.

/// A commune: INSEE code, postcode, name (mixed case, accents kept), latitude, longitude.
pub(crate) struct Commune {
    pub insee: &'static str,
    pub postal: &'static str,
    pub name: &'static str,
    pub lat: f64,
    pub lon: f64,
}

macro_rules! communes {
    ($( ($i:expr, $p:expr, $n:expr, $la:expr, $lo:expr) ),* $(,)?) => {
        &[ $( Commune { insee: $i, postal: $p, name: $n, lat: $la, lon: $lo } ),* ]
    };
}

/// ~90 communes, including the arrondissements of Paris, Lyon and Marseille,
/// Corsica and the overseas départements.
pub(crate) static COMMUNES: &[Commune] = communes![
    (
        "75101",
        "75001",
        "Paris 1er Arrondissement",
        48.8626,
        2.3363
    ),
    ("75102", "75002", "Paris 2e Arrondissement", 48.8683, 2.3428),
    ("75103", "75003", "Paris 3e Arrondissement", 48.8630, 2.3600),
    ("75104", "75004", "Paris 4e Arrondissement", 48.8543, 2.3576),
    ("75105", "75005", "Paris 5e Arrondissement", 48.8445, 2.3507),
    ("75106", "75006", "Paris 6e Arrondissement", 48.8491, 2.3328),
    ("75107", "75007", "Paris 7e Arrondissement", 48.8562, 2.3122),
    ("75108", "75008", "Paris 8e Arrondissement", 48.8727, 2.3125),
    ("75109", "75009", "Paris 9e Arrondissement", 48.8770, 2.3375),
    (
        "75110",
        "75010",
        "Paris 10e Arrondissement",
        48.8761,
        2.3608
    ),
    (
        "75111",
        "75011",
        "Paris 11e Arrondissement",
        48.8591,
        2.3800
    ),
    (
        "75112",
        "75012",
        "Paris 12e Arrondissement",
        48.8350,
        2.4213
    ),
    (
        "75113",
        "75013",
        "Paris 13e Arrondissement",
        48.8283,
        2.3623
    ),
    (
        "75114",
        "75014",
        "Paris 14e Arrondissement",
        48.8292,
        2.3266
    ),
    (
        "75115",
        "75015",
        "Paris 15e Arrondissement",
        48.8401,
        2.2931
    ),
    (
        "75116",
        "75016",
        "Paris 16e Arrondissement",
        48.8604,
        2.2620
    ),
    (
        "75117",
        "75017",
        "Paris 17e Arrondissement",
        48.8873,
        2.3067
    ),
    (
        "75118",
        "75018",
        "Paris 18e Arrondissement",
        48.8925,
        2.3484
    ),
    (
        "75119",
        "75019",
        "Paris 19e Arrondissement",
        48.8871,
        2.3848
    ),
    (
        "75120",
        "75020",
        "Paris 20e Arrondissement",
        48.8634,
        2.4011
    ),
    ("69381", "69001", "Lyon 1er Arrondissement", 45.7699, 4.8292),
    ("69382", "69002", "Lyon 2e Arrondissement", 45.7489, 4.8262),
    ("69383", "69003", "Lyon 3e Arrondissement", 45.7597, 4.8492),
    ("69384", "69004", "Lyon 4e Arrondissement", 45.7786, 4.8254),
    ("69385", "69005", "Lyon 5e Arrondissement", 45.7566, 4.8020),
    ("69386", "69006", "Lyon 6e Arrondissement", 45.7729, 4.8520),
    ("69387", "69007", "Lyon 7e Arrondissement", 45.7453, 4.8396),
    ("69388", "69008", "Lyon 8e Arrondissement", 45.7346, 4.8692),
    ("69389", "69009", "Lyon 9e Arrondissement", 45.7741, 4.8069),
    (
        "13201",
        "13001",
        "Marseille 1er Arrondissement",
        43.2999,
        5.3841
    ),
    (
        "13202",
        "13002",
        "Marseille 2e Arrondissement",
        43.3126,
        5.3637
    ),
    (
        "13203",
        "13003",
        "Marseille 3e Arrondissement",
        43.3121,
        5.3802
    ),
    (
        "13204",
        "13004",
        "Marseille 4e Arrondissement",
        43.3066,
        5.4009
    ),
    (
        "13205",
        "13005",
        "Marseille 5e Arrondissement",
        43.2928,
        5.3978
    ),
    (
        "13206",
        "13006",
        "Marseille 6e Arrondissement",
        43.2871,
        5.3807
    ),
    (
        "13207",
        "13007",
        "Marseille 7e Arrondissement",
        43.2826,
        5.3628
    ),
    (
        "13208",
        "13008",
        "Marseille 8e Arrondissement",
        43.2407,
        5.3747
    ),
    (
        "13209",
        "13009",
        "Marseille 9e Arrondissement",
        43.2344,
        5.4507
    ),
    (
        "13210",
        "13010",
        "Marseille 10e Arrondissement",
        43.2758,
        5.4265
    ),
    (
        "13211",
        "13011",
        "Marseille 11e Arrondissement",
        43.2882,
        5.4836
    ),
    (
        "13212",
        "13012",
        "Marseille 12e Arrondissement",
        43.3075,
        5.4410
    ),
    (
        "13213",
        "13013",
        "Marseille 13e Arrondissement",
        43.3499,
        5.4328
    ),
    (
        "13214",
        "13014",
        "Marseille 14e Arrondissement",
        43.3452,
        5.3920
    ),
    (
        "13215",
        "13015",
        "Marseille 15e Arrondissement",
        43.3590,
        5.3640
    ),
    (
        "13216",
        "13016",
        "Marseille 16e Arrondissement",
        43.3640,
        5.3130
    ),
    ("31555", "31000", "Toulouse", 43.6045, 1.4440),
    ("31069", "31700", "Blagnac", 43.6370, 1.3900),
    ("33063", "33000", "Bordeaux", 44.8378, -0.5792),
    ("33281", "33700", "Mérignac", 44.8386, -0.6436),
    ("44109", "44000", "Nantes", 47.2184, -1.5536),
    ("44162", "44800", "Saint-Herblain", 47.2118, -1.6499),
    ("59350", "59000", "Lille", 50.6292, 3.0573),
    ("59178", "59500", "Douai", 50.3714, 3.0800),
    ("67482", "67000", "Strasbourg", 48.5734, 7.7521),
    ("68224", "68100", "Mulhouse", 47.7508, 7.3359),
    ("34172", "34000", "Montpellier", 43.6108, 3.8767),
    ("35238", "35000", "Rennes", 48.1173, -1.6778),
    ("35051", "35510", "Cesson-Sévigné", 48.1211, -1.6030),
    ("06088", "06000", "Nice", 43.7102, 7.2620),
    ("06152", "06560", "Valbonne", 43.6414, 7.0085),
    ("06029", "06400", "Cannes", 43.5528, 7.0174),
    ("38185", "38000", "Grenoble", 45.1885, 5.7245),
    ("92026", "92400", "Courbevoie", 48.8973, 2.2522),
    ("92050", "92000", "Nanterre", 48.8924, 2.2071),
    ("92012", "92100", "Boulogne-Billancourt", 48.8397, 2.2399),
    ("92062", "92800", "Puteaux", 48.8848, 2.2386),
    ("92044", "92300", "Levallois-Perret", 48.8950, 2.2877),
    ("92024", "92110", "Clichy", 48.9045, 2.3055),
    ("92040", "92130", "Issy-les-Moulineaux", 48.8240, 2.2700),
    ("93066", "93200", "Saint-Denis", 48.9362, 2.3574),
    ("94081", "94400", "Vitry-sur-Seine", 48.7875, 2.3928),
    ("78646", "78000", "Versailles", 48.8049, 2.1204),
    ("91477", "91120", "Palaiseau", 48.7145, 2.2457),
    ("69266", "69100", "Villeurbanne", 45.7719, 4.8902),
    ("13001", "13100", "Aix-en-Provence", 43.5297, 5.4474),
    ("76540", "76000", "Rouen", 49.4432, 1.0999),
    ("14118", "14000", "Caen", 49.1829, -0.3707),
    ("29019", "29200", "Brest", 48.3904, -4.4861),
    ("37261", "37000", "Tours", 47.3941, 0.6848),
    ("45234", "45000", "Orléans", 47.9029, 1.9093),
    ("21231", "21000", "Dijon", 47.3220, 5.0415),
    ("54395", "54000", "Nancy", 48.6921, 6.1844),
    ("57463", "57000", "Metz", 49.1193, 6.1757),
    ("51454", "51100", "Reims", 49.2583, 4.0317),
    ("80021", "80000", "Amiens", 49.8941, 2.2958),
    ("63113", "63000", "Clermont-Ferrand", 45.7772, 3.0870),
    ("87085", "87000", "Limoges", 45.8336, 1.2611),
    ("86194", "86000", "Poitiers", 46.5802, 0.3404),
    ("17300", "17000", "La Rochelle", 46.1603, -1.1511),
    ("64445", "64000", "Pau", 43.2951, -0.3708),
    ("66136", "66000", "Perpignan", 42.6887, 2.8948),
    ("30189", "30000", "Nîmes", 43.8367, 4.3601),
    ("83137", "83000", "Toulon", 43.1242, 5.9280),
    ("74010", "74000", "Annecy", 45.8992, 6.1294),
    ("73065", "73000", "Chambéry", 45.5646, 5.9178),
    ("42218", "42000", "Saint-Étienne", 45.4397, 4.3872),
    ("49007", "49000", "Angers", 47.4784, -0.5632),
    ("72181", "72000", "Le Mans", 48.0061, 0.1996),
    ("56260", "56000", "Vannes", 47.6582, -2.7608),
    ("03310", "03200", "Vichy", 46.1277, 3.4260),
    ("01053", "01000", "Bourg-en-Bresse", 46.2052, 5.2255),
    ("89024", "89000", "Auxerre", 47.7982, 3.5674),
    ("2A004", "20000", "Ajaccio", 41.9192, 8.7386),
    ("2B033", "20200", "Bastia", 42.6973, 9.4509),
    ("97105", "97100", "Basse-Terre", 15.9985, -61.7261),
    ("97101", "97139", "Les Abymes", 16.2710, -61.5046),
    ("97209", "97200", "Fort-de-France", 14.6161, -61.0588),
    ("97302", "97300", "Cayenne", 4.9224, -52.3135),
    ("97411", "97400", "Saint-Denis", -20.8823, 55.4504),
    ("97416", "97410", "Saint-Pierre", -21.3393, 55.4781),
    ("97502", "97500", "Saint-Pierre", 46.7811, -56.1764),
    ("97611", "97600", "Mamoudzou", -12.7806, 45.2279),
];

/// Relative weight of a commune when drawing a workplace (big data-job hubs weigh more).
pub(crate) fn commune_weight(c: &Commune) -> u32 {
    let d = dept_of_insee(c.insee);
    match d {
        "75" => 6,
        "92" => 8,
        "69" => 5,
        "13" => 3,
        "31" | "33" | "44" | "59" | "67" | "34" | "35" | "06" | "38" => 12,
        _ => 4,
    }
}

/// Département code of an INSEE commune code (`2A004` → `2A`, `97411` → `974`).
pub(crate) fn dept_of_insee(insee: &str) -> &str {
    if insee.starts_with("97") || insee.starts_with("98") {
        &insee[..3]
    } else {
        &insee[..2]
    }
}

/// All valid département codes with their names.
pub(crate) static DEPARTEMENTS: &[(&str, &str)] = &[
    ("01", "Ain"),
    ("02", "Aisne"),
    ("03", "Allier"),
    ("04", "Alpes-de-Haute-Provence"),
    ("05", "Hautes-Alpes"),
    ("06", "Alpes-Maritimes"),
    ("07", "Ardèche"),
    ("08", "Ardennes"),
    ("09", "Ariège"),
    ("10", "Aube"),
    ("11", "Aude"),
    ("12", "Aveyron"),
    ("13", "Bouches-du-Rhône"),
    ("14", "Calvados"),
    ("15", "Cantal"),
    ("16", "Charente"),
    ("17", "Charente-Maritime"),
    ("18", "Cher"),
    ("19", "Corrèze"),
    ("2A", "Corse-du-Sud"),
    ("2B", "Haute-Corse"),
    ("21", "Côte-d'Or"),
    ("22", "Côtes-d'Armor"),
    ("23", "Creuse"),
    ("24", "Dordogne"),
    ("25", "Doubs"),
    ("26", "Drôme"),
    ("27", "Eure"),
    ("28", "Eure-et-Loir"),
    ("29", "Finistère"),
    ("30", "Gard"),
    ("31", "Haute-Garonne"),
    ("32", "Gers"),
    ("33", "Gironde"),
    ("34", "Hérault"),
    ("35", "Ille-et-Vilaine"),
    ("36", "Indre"),
    ("37", "Indre-et-Loire"),
    ("38", "Isère"),
    ("39", "Jura"),
    ("40", "Landes"),
    ("41", "Loir-et-Cher"),
    ("42", "Loire"),
    ("43", "Haute-Loire"),
    ("44", "Loire-Atlantique"),
    ("45", "Loiret"),
    ("46", "Lot"),
    ("47", "Lot-et-Garonne"),
    ("48", "Lozère"),
    ("49", "Maine-et-Loire"),
    ("50", "Manche"),
    ("51", "Marne"),
    ("52", "Haute-Marne"),
    ("53", "Mayenne"),
    ("54", "Meurthe-et-Moselle"),
    ("55", "Meuse"),
    ("56", "Morbihan"),
    ("57", "Moselle"),
    ("58", "Nièvre"),
    ("59", "Nord"),
    ("60", "Oise"),
    ("61", "Orne"),
    ("62", "Pas-de-Calais"),
    ("63", "Puy-de-Dôme"),
    ("64", "Pyrénées-Atlantiques"),
    ("65", "Hautes-Pyrénées"),
    ("66", "Pyrénées-Orientales"),
    ("67", "Bas-Rhin"),
    ("68", "Haut-Rhin"),
    ("69", "Rhône"),
    ("70", "Haute-Saône"),
    ("71", "Saône-et-Loire"),
    ("72", "Sarthe"),
    ("73", "Savoie"),
    ("74", "Haute-Savoie"),
    ("75", "Paris"),
    ("76", "Seine-Maritime"),
    ("77", "Seine-et-Marne"),
    ("78", "Yvelines"),
    ("79", "Deux-Sèvres"),
    ("80", "Somme"),
    ("81", "Tarn"),
    ("82", "Tarn-et-Garonne"),
    ("83", "Var"),
    ("84", "Vaucluse"),
    ("85", "Vendée"),
    ("86", "Vienne"),
    ("87", "Haute-Vienne"),
    ("88", "Vosges"),
    ("89", "Yonne"),
    ("90", "Territoire de Belfort"),
    ("91", "Essonne"),
    ("92", "Hauts-de-Seine"),
    ("93", "Seine-Saint-Denis"),
    ("94", "Val-de-Marne"),
    ("95", "Val-d'Oise"),
    ("971", "Guadeloupe"),
    ("972", "Martinique"),
    ("973", "Guyane"),
    ("974", "Réunion"),
    ("975", "Saint-Pierre-et-Miquelon"),
    ("976", "Mayotte"),
];

pub(crate) fn is_departement(code: &str) -> bool {
    DEPARTEMENTS.iter().any(|(c, _)| *c == code)
}

pub(crate) fn departement_name(code: &str) -> &'static str {
    DEPARTEMENTS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, n)| *n)
        .unwrap_or("France")
}

/// Region-only workplace labels.
pub(crate) static REGIONS: &[&str] = &[
    "Île-de-France",
    "Ile-de-France",
    "Auvergne-Rhône-Alpes",
    "Hauts-de-France",
    "Occitanie",
    "Bretagne",
    "Nouvelle-Aquitaine",
    "Grand Est",
];

/// A ROME job code with its label, appellations and title stems.
pub(crate) struct Rome {
    pub code: &'static str,
    pub libelle: &'static str,
    pub appellations: &'static [&'static str],
    /// Titles of data jobs filed under this code (empty: none).
    pub data_titles: &'static [&'static str],
    /// Titles of non-data jobs filed under this code (empty: none).
    pub other_titles: &'static [&'static str],
    /// Relative weight in its pool.
    pub weight: u32,
    /// Coarse family, drives descriptions, skills, sectors and salaries.
    pub family: Family,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Family {
    Data,
    It,
    Care,
    Logistics,
    Industry,
    Kitchen,
}

/// Data ROME codes (about 75 % of the generated offers).
pub(crate) static DATA_ROMES: &[Rome] = &[
    Rome {
        code: "M1811",
        libelle: "Data engineer",
        weight: 16,
        family: Family::Data,
        appellations: &[
            "Data engineer",
            "Ingénieur / Ingénieure données",
            "Ingénieur / Ingénieure big data",
            "Développeur / Développeuse data",
            "Data manager",
        ],
        data_titles: &[
            "Data Engineer",
            "Ingénieur Data",
            "Ingénieur(e) data",
            "Data Engineer Python / Spark",
            "Ingénieur Big Data",
            "Analytics Engineer",
            "Data Engineer GCP",
            "Data Engineer Azure",
            "Développeur / Développeuse data",
            "Ingénieur / Ingénieure données",
        ],
        other_titles: &[],
    },
    Rome {
        code: "M1405",
        libelle: "Data scientist",
        weight: 12,
        family: Family::Data,
        appellations: &[
            "Data scientist",
            "Ingénieur / Ingénieure data scientist",
            "Data miner",
        ],
        data_titles: &[
            "Data Scientist",
            "Data Scientist NLP",
            "Data Scientist confirmé(e)",
            "Ingénieur(e) Data Scientist",
            "Data Scientist - Machine Learning",
            "Scientifique des données",
        ],
        other_titles: &[],
    },
    Rome {
        code: "M1419",
        libelle: "Data analyst",
        weight: 12,
        family: Family::Data,
        appellations: &["Data analyst", "Analyste de données"],
        data_titles: &[
            "Data Analyst",
            "Data Analyst Power BI",
            "Analyste de données",
            "Data Analyst marketing",
            "Product Data Analyst",
            "Business Data Analyst",
        ],
        other_titles: &[],
    },
    Rome {
        code: "M1403",
        libelle: "Chargé / Chargée d'études socio-économiques",
        weight: 6,
        family: Family::Data,
        appellations: &[
            "Data analyst",
            "Chargé / Chargée d'études économiques",
            "Chargé / Chargée d'études statistiques",
        ],
        data_titles: &[
            "Chargé d'études statistiques",
            "Chargé(e) d'études data",
            "Data Analyst",
            "Chargé / Chargée d'études socio-économiques",
        ],
        other_titles: &[],
    },
    Rome {
        code: "M1851",
        libelle: "Analyste décisionnel - Business Intelligence",
        weight: 8,
        family: Family::Data,
        appellations: &["Analyste décisionnel - Business Intelligence"],
        data_titles: &[
            "Analyste BI",
            "Consultant BI / Analyste décisionnel",
            "Analyste décisionnel",
            "Business Intelligence Analyst",
        ],
        other_titles: &[],
    },
    Rome {
        code: "M1824",
        libelle: "Développeur / Développeuse décisionnel - Business Intelligence",
        weight: 6,
        family: Family::Data,
        appellations: &["Développeur(se) décisionnel - Business Intelligence"],
        data_titles: &[
            "Développeur BI",
            "Développeur / Développeuse BI",
            "Développeur décisionnel Power BI",
            "Développeur ETL / BI",
        ],
        other_titles: &[],
    },
    Rome {
        code: "M1872",
        libelle: "Consultant / Consultante décisionnel - Business Intelligence",
        weight: 5,
        family: Family::Data,
        appellations: &["Consultant / Consultante décisionnel - Business Intelligence"],
        data_titles: &[
            "Consultant BI",
            "Consultant(e) décisionnel",
            "Consultant Power BI / Tableau",
            "Consultant Data & BI",
        ],
        other_titles: &[],
    },
    Rome {
        code: "M1889",
        libelle: "Ingénieur / Ingénieure en Intelligence Artificielle (IA)",
        weight: 6,
        family: Family::Data,
        appellations: &[
            "Ingénieur / Ingénieure en Intelligence Artificielle (IA)",
            "Développeur / Développeuse IA",
            "Ingénieur / Ingénieure machine learning",
        ],
        data_titles: &[
            "Ingénieur IA",
            "Ingénieur(e) IA générative / LLM",
            "AI Engineer",
            "Développeur IA",
            "LLM Engineer",
            "Ingénieur Intelligence Artificielle",
        ],
        other_titles: &[],
    },
    Rome {
        code: "M1894",
        libelle: "Ingénieur / Ingénieure machine learning",
        weight: 5,
        family: Family::Data,
        appellations: &[
            "Ingénieur / Ingénieure machine learning",
            "Ingénieur / Ingénieure MLOps",
        ],
        data_titles: &[
            "Machine Learning Engineer",
            "Ingénieur Machine Learning",
            "MLOps Engineer",
            "Ingénieur(e) MLOps",
        ],
        other_titles: &[],
    },
    Rome {
        code: "M1873",
        libelle: "Spécialiste en intelligence artificielle embarquée",
        weight: 2,
        family: Family::Data,
        appellations: &["Ingénieur / Ingénieure IA embarquée"],
        data_titles: &[
            "Ingénieur IA embarquée",
            "Ingénieur Computer Vision",
            "Ingénieur Edge AI",
        ],
        other_titles: &[],
    },
    Rome {
        code: "M1868",
        libelle: "Architecte de données",
        weight: 4,
        family: Family::Data,
        appellations: &["Architecte de données", "Architecte de bases de données"],
        data_titles: &[
            "Architecte Data",
            "Data Architect",
            "Architecte Big Data",
            "Architecte de données",
        ],
        other_titles: &[],
    },
    Rome {
        code: "M1423",
        libelle: "Chief Data Officer",
        weight: 2,
        family: Family::Data,
        appellations: &["Chief Data Officer", "Directeur / Directrice des données"],
        data_titles: &[
            "Chief Data Officer",
            "Directeur / Directrice des données",
            "Head of Data",
            "Responsable Data",
        ],
        other_titles: &[],
    },
    Rome {
        code: "K1906",
        libelle: "Délégué / Déléguée à la protection des données - Data Protection Officer",
        weight: 2,
        family: Family::Data,
        appellations: &["Délégué(e) à la protection des données - DPO"],
        data_titles: &[
            "DPO - Délégué à la protection des données",
            "Data Protection Officer",
            "Délégué(e) à la protection des données",
        ],
        other_titles: &[],
    },
    Rome {
        code: "H1215",
        libelle: "Data steward",
        weight: 2,
        family: Family::Data,
        appellations: &["Data steward", "Gestionnaire de la qualité des données"],
        data_titles: &[
            "Data Steward",
            "Data Quality Manager",
            "Chargé(e) de gouvernance des données",
        ],
        other_titles: &[],
    },
    Rome {
        code: "M1414",
        libelle: "Ingénieur statisticien / Ingénieure statisticienne",
        weight: 3,
        family: Family::Data,
        appellations: &[
            "Statisticien / Statisticienne",
            "Ingénieur statisticien / Ingénieure statisticienne",
        ],
        data_titles: &[
            "Statisticien",
            "Statisticien(ne)",
            "Ingénieur statisticien",
            "Chargé d'études statistiques",
        ],
        other_titles: &[],
    },
    Rome {
        code: "K2403",
        libelle: "Biostatisticien / Biostatisticienne",
        weight: 2,
        family: Family::Data,
        appellations: &[
            "Biostatisticien / Biostatisticienne",
            "Ingénieur biostatisticien / Ingénieure biostatisticienne",
        ],
        data_titles: &[
            "Biostatisticien",
            "Biostatisticien(ne) senior",
            "Biostatisticien / Biostatisticienne",
        ],
        other_titles: &[],
    },
];

/// Generic ROME codes (about 25 % of the generated offers). Some carry data
/// jobs (a data analyst filed under "developer"), the others are not data jobs.
pub(crate) static GENERIC_ROMES: &[Rome] = &[
    Rome {
        code: "M1805",
        libelle: "Développeur / Développeuse informatique",
        weight: 10,
        family: Family::It,
        appellations: &[
            "Développeur / Développeuse informatique",
            "Développeur / Développeuse Big Data",
            "Développeur / Développeuse web",
        ],
        data_titles: &[
            "Data Analyst",
            "Développeur Big Data",
            "Développeur Python / Data",
            "Data Engineer",
        ],
        other_titles: &[
            "Développeur Java",
            "Développeur Full Stack",
            "Développeur / Développeuse web",
            "Développeur .NET",
            "Développeur PHP Symfony",
        ],
    },
    Rome {
        code: "M1801",
        libelle: "Administrateur / Administratrice de systèmes d'information (SI)",
        weight: 7,
        family: Family::It,
        appellations: &[
            "Administrateur / Administratrice système informatique",
            "Administrateur / Administratrice de bases de données",
            "Administrateur / Administratrice systèmes et réseaux",
        ],
        data_titles: &[
            "Administrateur de bases de données",
            "DBA Oracle / PostgreSQL",
            "Administrateur / Administratrice de bases de données",
        ],
        other_titles: &[
            "Administrateur systèmes et réseaux",
            "Technicien support informatique",
        ],
    },
    Rome {
        code: "M1802",
        libelle: "Expert / Experte systèmes et réseaux informatiques",
        weight: 3,
        family: Family::It,
        appellations: &[
            "Expert / Experte système et réseaux",
            "Ingénieur / Ingénieure système informatique",
        ],
        data_titles: &["Ingénieur Data Platform"],
        other_titles: &["Ingénieur systèmes", "Expert cybersécurité"],
    },
    Rome {
        code: "M1806",
        libelle: "Consultant fonctionnel / Consultante fonctionnelle des systèmes d'information",
        weight: 3,
        family: Family::It,
        appellations: &[
            "Consultant / Consultante décisionnel - Business Intelligence",
            "Business analyst",
            "Product Owner",
        ],
        data_titles: &["Consultant décisionnel", "Business Analyst Data"],
        other_titles: &["Product Owner", "Consultant fonctionnel SAP"],
    },
    Rome {
        code: "M1403",
        libelle: "Chargé / Chargée d'études socio-économiques",
        weight: 2,
        family: Family::It,
        appellations: &["Chargé / Chargée d'études économiques"],
        data_titles: &["Data Analyst", "Chargé d'études quantitatives"],
        other_titles: &["Chargé d'études économiques"],
    },
    Rome {
        code: "K1304",
        libelle: "Employé familial / Employée familiale",
        weight: 3,
        family: Family::Care,
        appellations: &[
            "Aide ménager / Aide ménagère à domicile",
            "Employé / Employée de ménage",
        ],
        data_titles: &[],
        other_titles: &[
            "Aide ménager / Aide ménagère à domicile",
            "Employé de ménage",
            "Aide à domicile",
        ],
    },
    Rome {
        code: "N1101",
        libelle: "Cariste",
        weight: 3,
        family: Family::Logistics,
        appellations: &["Cariste", "Cariste manutentionnaire"],
        data_titles: &[],
        other_titles: &["Cariste", "Cariste CACES 3", "Cariste manutentionnaire"],
    },
    Rome {
        code: "H2906",
        libelle: "Opérateur / Opératrice en fabrication mécanique",
        weight: 2,
        family: Family::Industry,
        appellations: &[
            "Opérateur / Opératrice sur machine de soudage",
            "Conducteur / Conductrice d'installation robotisée",
        ],
        data_titles: &[],
        other_titles: &["Opérateur de production", "Soudeur", "Opérateur régleur"],
    },
    Rome {
        code: "G1609",
        libelle: "Cuisinier / Cuisinière",
        weight: 2,
        family: Family::Kitchen,
        appellations: &["Cuisinier / Cuisinière", "Second / Seconde de cuisine"],
        data_titles: &[],
        other_titles: &["Cuisinier", "Second de cuisine", "Chef de partie"],
    },
];

pub(crate) fn find_rome(code: &str) -> Option<&'static Rome> {
    DATA_ROMES
        .iter()
        .chain(GENERIC_ROMES.iter())
        .find(|r| r.code == code)
}

/// Fictional company names hiring for office (data/IT) jobs.
pub(crate) static COMPANIES_OFFICE: &[&str] = &[
    "DATAVALE",
    "Nexalia Conseil",
    "Groupe Hexatel",
    "ORBITYS",
    "Quantiq Analytics",
    "Lumen Data",
    "Banque Régionale de l'Ouest",
    "Mutuelle Atlantique",
    "SYNAPSE IT",
    "Cap Numérique Services",
    "Arcadia Retail",
    "Verdance Énergie",
    "Collectivité du Grand Delta",
    "Aérolis Systems",
    "Biomedis Pharma",
    "Kelvio",
    "Assurances Mistral",
    "Altamira Consulting",
    "Pixelweave",
    "FINAXIS",
    "Optimarché",
    "Terravia",
    "INTERIM PLUS",
];

/// Fictional company names hiring for the other trades.
pub(crate) static COMPANIES_OTHER: &[&str] = &[
    "Hôpital privé des Tilleuls",
    "Logistique Express Rhône",
    "Menuiserie Bastide",
    "INTERIM PLUS",
    "Agence Tempo Emploi",
    "Transports Morel",
    "Ville de Saint-Aubin",
    "Les Cuisines du Port",
    "Services à Domicile Solidaires",
    "Métallerie du Centre",
    "Arcadia Retail",
];

/// (codeNAF, secteurActivite, secteurActiviteLibelle, family it suits).
pub(crate) static NAFS: &[(&str, &str, &str, Family)] = &[
    (
        "62.02A",
        "62",
        "Conseil en systèmes et logiciels informatiques",
        Family::Data,
    ),
    ("62.01Z", "62", "Programmation informatique", Family::Data),
    (
        "63.11Z",
        "63",
        "Traitement de données, hébergement et activités connexes",
        Family::Data,
    ),
    (
        "70.22Z",
        "70",
        "Conseil pour les affaires et autres conseils de gestion",
        Family::Data,
    ),
    (
        "64.19Z",
        "64",
        "Autres intermédiations monétaires",
        Family::Data,
    ),
    ("65.12Z", "65", "Autres assurances", Family::Data),
    (
        "72.19Z",
        "72",
        "Recherche-développement en autres sciences physiques et naturelles",
        Family::Data,
    ),
    (
        "78.20Z",
        "78",
        "Activités des agences de travail temporaire",
        Family::It,
    ),
    (
        "62.02A",
        "62",
        "Conseil en systèmes et logiciels informatiques",
        Family::It,
    ),
    (
        "84.11Z",
        "84",
        "Administration publique générale",
        Family::It,
    ),
    ("88.10A", "88", "Aide à domicile", Family::Care),
    (
        "78.20Z",
        "78",
        "Activités des agences de travail temporaire",
        Family::Logistics,
    ),
    (
        "52.10B",
        "52",
        "Entreposage et stockage non frigorifique",
        Family::Logistics,
    ),
    ("25.62B", "25", "Mécanique industrielle", Family::Industry),
    (
        "78.20Z",
        "78",
        "Activités des agences de travail temporaire",
        Family::Industry,
    ),
    (
        "56.10A",
        "56",
        "Restauration traditionnelle",
        Family::Kitchen,
    ),
];

pub(crate) static PARTNERS: &[&str] = &[
    "DIRECTEMPLOI",
    "METEOJOB",
    "CADREMPLOI",
    "BROADBEAN",
    "BEETWEEN",
    "HANDICAP_JOB",
    "PMEJOB",
    "INDEED",
    "WE_RECRUIT",
    "TALENTPLUG",
];

/// Data tools mentioned in descriptions.
pub(crate) static TOOLS: &[&str] = &[
    "Python",
    "SQL",
    "R",
    "Spark",
    "dbt",
    "Airflow",
    "Power BI",
    "Tableau",
    "Snowflake",
    "Databricks",
    "AWS",
    "Azure",
    "GCP",
    "Kafka",
    "Docker",
    "Kubernetes",
    "scikit-learn",
    "PyTorch",
    "TensorFlow",
    "Looker",
    "BigQuery",
    "PostgreSQL",
    "Git",
    "Terraform",
    "Pandas",
    "SAS",
    "Qlik Sense",
    "Talend",
    "MLflow",
    "LangChain",
    "Hadoop",
    "Scala",
];

/// Tools of non-data IT jobs.
pub(crate) static IT_TOOLS: &[&str] = &[
    "Java",
    "Spring Boot",
    "JavaScript",
    "TypeScript",
    "React",
    "Angular",
    "PHP",
    "Symfony",
    ".NET",
    "Git",
    "Docker",
    "Linux",
    "Windows Server",
    "VMware",
    "Jira",
    "Ansible",
];

/// Competences (optional code, label) per family.
pub(crate) static COMPETENCES_DATA: &[(Option<&str>, &str)] = &[
    (Some("124012"), "Analyser des données statistiques"),
    (Some("121754"), "Concevoir un modèle de données"),
    (
        Some("126551"),
        "Développer des pipelines de traitement de données",
    ),
    (Some("122378"), "Réaliser des tableaux de bord"),
    (
        Some("125897"),
        "Mettre en œuvre des algorithmes de machine learning",
    ),
    (None, "Maîtrise de SQL"),
    (None, "Connaissance des outils de data visualisation"),
    (Some("120354"), "Rédiger des spécifications fonctionnelles"),
    (None, "Python (Pandas, scikit-learn)"),
    (Some("123981"), "Garantir la qualité des données"),
];
pub(crate) static COMPETENCES_IT: &[(Option<&str>, &str)] = &[
    (Some("121811"), "Développer une application"),
    (Some("120930"), "Administrer un système d'information"),
    (None, "Méthodes agiles (Scrum)"),
    (Some("124456"), "Analyser un besoin client"),
];
pub(crate) static COMPETENCES_OTHER: &[(Option<&str>, &str)] = &[
    (
        Some("108412"),
        "Respecter les règles d'hygiène et de sécurité",
    ),
    (Some("117983"), "Conduire un chariot élévateur"),
    (Some("104562"), "Préparer des commandes"),
    (None, "Ponctualité"),
    (Some("113857"), "Entretenir un logement"),
    (Some("119287"), "Réaliser des plats"),
];
