//! `lieuTravail` → [`Location`].
//!
//! The label is `<dept> - <commune>` (`69 - Lyon 7e Arrondissement`, `2A - AJACCIO`,
//! `971 - MORNE A L EAU`), `<dept> - <name> (Dept.)`, a bare department code (`75`), a region
//! name (`Ile-de-France`), `France`, or a foreign place (`Allemagne (Frontalier)`,
//! `Rust, Allemagne`, `Luxembourg`).

use jobmarket_schema::geo::{self, Department, Zone};
use jobmarket_schema::{Location, Territory};

use super::text::non_empty;

/// What the location is read from.
#[derive(Debug, Default, Clone, Copy)]
pub struct PlaceInput<'a> {
    /// `lieuTravail.libelle`.
    pub label: Option<&'a str>,
    /// `lieuTravail.commune` (INSEE code).
    pub commune: Option<&'a str>,
    /// `lieuTravail.codePostal`.
    pub postal_code: Option<&'a str>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// The offer's title (`intitule`), read only when the place is just `France` or absent
    /// (`Data Engineer - Bordeaux (H/F)`), see [`place_in_title`].
    pub title: Option<&'a str>,
    /// The description, read only when neither the place nor the title says where the job
    /// is, and then only in an explicit statement (`Le poste est basé à Montpellier`), see
    /// [`place_in_statement`].
    pub description: Option<&'a str>,
}

/// What the label alone says.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Label<'a> {
    /// `<dept> - <rest>` or a bare `<dept>`; `rest` is `None` for department-only labels.
    Department {
        dept: &'static Department,
        rest: Option<&'a str>,
    },
    Region(&'static geo::Region),
    Country,
    /// Anything else: a foreign place or text we do not know.
    Other,
}

pub fn location(input: &PlaceInput<'_>) -> Location {
    let label = non_empty(input.label);
    let commune_code = non_empty(input.commune);
    let postal_code = non_empty(input.postal_code);
    let parsed = label.map(parse_label).unwrap_or(Label::Other);

    let from_label = match &parsed {
        Label::Department { dept, .. } => Some(*dept),
        _ => None,
    };
    let dept = commune_code
        .filter(|c| c.bytes().all(|b| b.is_ascii_alphanumeric()))
        .and_then(geo::department_of_commune)
        .or_else(|| postal_code.and_then(geo::department_of_postal_code))
        .or(from_label);
    let region_code = match (dept, &parsed) {
        (Some(d), _) => Some(d.region_code),
        (None, Label::Region(r)) => Some(r.code),
        _ => None,
    };
    let city = match &parsed {
        Label::Department {
            dept,
            rest: Some(rest),
        } => {
            // "974 - Réunion", "2A - Corse du Sud": a department named like a commune
            // (Paris is both a commune and a department: its name stays the city)
            if commune_code.is_none() && dept.code != "75" && names_department(rest, dept) {
                None
            } else {
                Some(rest.to_string())
            }
        }
        _ => None,
    };
    // "France" or nothing at all: an explicit place in the title
    let no_place = label.is_none() && commune_code.is_none() && postal_code.is_none();
    if dept.is_none()
        && (parsed == Label::Country || no_place)
        && let Some(found) = input
            .title
            .and_then(place_in_title)
            .or_else(|| input.description.and_then(place_in_statement))
    {
        return Location {
            label: label.map(str::to_string),
            city: found.city.map(str::to_string),
            department_code: found.dept.map(|d| d.code.to_string()),
            region_code: found.region_code.map(str::to_string),
            country_only: false,
            territory: territory(found.dept, found.region_code, false),
            ..Location::default()
        };
    }
    let country_only = parsed == Label::Country && dept.is_none();
    let coords = match (&parsed, dept) {
        (_, Some(d)) => coordinates(input.latitude, input.longitude, boxes_of_department(d)),
        (Label::Region(r), None) => {
            coordinates(input.latitude, input.longitude, boxes_of_region(r.code))
        }
        (Label::Country, None) => coordinates(input.latitude, input.longitude, &ALL_FRANCE),
        _ => None,
    };
    Location {
        label: label.map(str::to_string),
        commune_code: commune_code.map(str::to_string),
        postal_code: postal_code.map(str::to_string),
        city,
        department_code: dept.map(|d| d.code.to_string()),
        region_code: region_code.map(str::to_string),
        lat: coords.map(|c| c.0),
        lon: coords.map(|c| c.1),
        country_only,
        territory: territory(
            dept,
            region_code,
            parsed == Label::Other && label.is_some_and(is_foreign_label),
        ),
    }
}

/// Metropolitan France, an overseas department, an overseas collectivity or abroad.
fn territory(
    dept: Option<&Department>,
    region_code: Option<&str>,
    foreign: bool,
) -> Option<Territory> {
    let zone = match (dept, region_code) {
        (Some(d), _) => d.kind,
        // A region alone: the five overseas regions have codes below 10.
        (None, Some(code)) if code.len() == 2 && code < "10" => Zone::Overseas,
        (None, Some(_)) => Zone::Metropolitan,
        (None, None) => return foreign.then_some(Territory::Abroad),
    };
    Some(match zone {
        Zone::Metropolitan => Territory::Metropolitan,
        Zone::Overseas => Territory::Overseas,
        Zone::Collectivity => Territory::Collectivity,
    })
}

fn parse_label(label: &str) -> Label<'_> {
    let label = label.trim();
    // "<code> - <rest>" or a bare "<code>"
    let code_end = label
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(label.len());
    let (code, after) = label.split_at(code_end);
    let code_like = matches!(code.len(), 2 | 3)
        && (code.bytes().all(|b| b.is_ascii_digit())
            || code.eq_ignore_ascii_case("2a")
            || code.eq_ignore_ascii_case("2b"));
    if code_like && let Some(dept) = geo::department(code) {
        let after = after.trim_start();
        if after.is_empty() {
            return Label::Department { dept, rest: None };
        }
        if let Some(rest) = after.strip_prefix('-') {
            let rest = rest.trim();
            let dept_only = rest.is_empty() || ends_with_ignore_ascii_case(rest, "(dept.)");
            return Label::Department {
                dept,
                rest: (!dept_only).then_some(rest),
            };
        }
    }
    let folded = geo::fold_name(label);
    if matches!(
        folded.as_str(),
        "france" | "france entiere" | "toute la france" | "france metropolitaine"
    ) {
        return Label::Country;
    }
    // `geo::region_by_name` and `geo::department_by_name`, without folding every name of
    // the tables again for each label
    let names = &*FOLDED_NAMES;
    if let Some((_, region)) = names.regions.iter().find(|(name, _)| *name == folded) {
        return Label::Region(region);
    }
    if let Some((_, dept)) = names.departments.iter().find(|(name, _)| *name == folded) {
        return Label::Department { dept, rest: None };
    }
    Label::Other
}

/// Whether `s` ends with `suffix`, ASCII case ignored (`… (Dept.)`).
fn ends_with_ignore_ascii_case(s: &str, suffix: &str) -> bool {
    s.len() >= suffix.len()
        && s.as_bytes()[s.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

/// Every region and department name of `geo`, folded ([`geo::fold_name`]) once, in table
/// order.
struct FoldedNames {
    regions: Vec<(String, &'static geo::Region)>,
    departments: Vec<(String, &'static Department)>,
}

static FOLDED_NAMES: std::sync::LazyLock<FoldedNames> = std::sync::LazyLock::new(|| FoldedNames {
    regions: geo::REGIONS
        .iter()
        .map(|r| (geo::fold_name(r.name), r))
        .collect(),
    departments: geo::DEPARTMENTS
        .iter()
        .map(|d| (geo::fold_name(d.name), d))
        .collect(),
});

/// A place read from a title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitlePlace {
    /// The city as the table writes it, when a city was named.
    pub city: Option<&'static str>,
    pub dept: Option<&'static Department>,
    pub region_code: Option<&'static str>,
}

/// Major French cities (and business districts) → INSEE department. A name must be
/// unambiguous: `Saint-Denis` (93 / 974) or `Montreuil`-like duplicates of small towns are
/// left out unless one is by far the best known.
const CITIES: &[(&str, &str)] = &[
    ("Paris", "75"),
    ("Marseille", "13"),
    ("Aix-en-Provence", "13"),
    ("Aubagne", "13"),
    ("Vitrolles", "13"),
    ("Marignane", "13"),
    ("La Ciotat", "13"),
    ("Lyon", "69"),
    ("Villeurbanne", "69"),
    ("Vénissieux", "69"),
    ("Écully", "69"),
    ("Toulouse", "31"),
    ("Blagnac", "31"),
    ("Labège", "31"),
    ("Colomiers", "31"),
    ("Nice", "06"),
    ("Cannes", "06"),
    ("Antibes", "06"),
    ("Sophia Antipolis", "06"),
    ("Valbonne", "06"),
    ("Mougins", "06"),
    ("Nantes", "44"),
    ("Saint-Herblain", "44"),
    ("Saint-Nazaire", "44"),
    ("Montpellier", "34"),
    ("Béziers", "34"),
    ("Strasbourg", "67"),
    ("Bordeaux", "33"),
    ("Mérignac", "33"),
    ("Pessac", "33"),
    ("Lille", "59"),
    ("Roubaix", "59"),
    ("Tourcoing", "59"),
    ("Villeneuve-d'Ascq", "59"),
    ("Dunkerque", "59"),
    ("Valenciennes", "59"),
    ("Douai", "59"),
    ("Rennes", "35"),
    ("Saint-Malo", "35"),
    ("Reims", "51"),
    ("Toulon", "83"),
    ("Saint-Étienne", "42"),
    ("Roanne", "42"),
    ("Le Havre", "76"),
    ("Rouen", "76"),
    ("Grenoble", "38"),
    ("Dijon", "21"),
    ("Angers", "49"),
    ("Cholet", "49"),
    ("Nîmes", "30"),
    ("Clermont-Ferrand", "63"),
    ("Le Mans", "72"),
    ("Aix-les-Bains", "73"),
    ("Chambéry", "73"),
    ("Annecy", "74"),
    ("Brest", "29"),
    ("Quimper", "29"),
    ("Tours", "37"),
    ("Amiens", "80"),
    ("Limoges", "87"),
    ("Perpignan", "66"),
    ("Metz", "57"),
    ("Thionville", "57"),
    ("Besançon", "25"),
    ("Montbéliard", "25"),
    ("Belfort", "90"),
    ("Orléans", "45"),
    ("Mulhouse", "68"),
    ("Colmar", "68"),
    ("Caen", "14"),
    ("Nancy", "54"),
    ("Avignon", "84"),
    ("Poitiers", "86"),
    ("La Rochelle", "17"),
    ("Niort", "79"),
    ("Angoulême", "16"),
    ("Pau", "64"),
    ("Bayonne", "64"),
    ("Biarritz", "64"),
    ("Anglet", "64"),
    ("Mont-de-Marsan", "40"),
    ("Agen", "47"),
    ("Périgueux", "24"),
    ("Brive-la-Gaillarde", "19"),
    ("Lorient", "56"),
    ("Vannes", "56"),
    ("Saint-Brieuc", "22"),
    ("Laval", "53"),
    ("La Roche-sur-Yon", "85"),
    ("Blois", "41"),
    ("Chartres", "28"),
    ("Bourges", "18"),
    ("Châteauroux", "36"),
    ("Troyes", "10"),
    ("Châlons-en-Champagne", "51"),
    ("Charleville-Mézières", "08"),
    ("Arras", "62"),
    ("Calais", "62"),
    ("Boulogne-sur-Mer", "62"),
    ("Beauvais", "60"),
    ("Compiègne", "60"),
    ("Évreux", "27"),
    ("Cherbourg", "50"),
    ("Alençon", "61"),
    ("Épinal", "88"),
    ("Valence", "26"),
    ("Bourg-en-Bresse", "01"),
    ("Mâcon", "71"),
    ("Chalon-sur-Saône", "71"),
    ("Auxerre", "89"),
    ("Nevers", "58"),
    ("Montauban", "82"),
    ("Albi", "81"),
    ("Castres", "81"),
    ("Tarbes", "65"),
    ("Rodez", "12"),
    ("Cahors", "46"),
    ("Carcassonne", "11"),
    ("Narbonne", "11"),
    ("Vichy", "03"),
    ("Montluçon", "03"),
    ("Aurillac", "15"),
    ("Ajaccio", "2A"),
    ("Bastia", "2B"),
    ("Versailles", "78"),
    ("Saint-Germain-en-Laye", "78"),
    ("Poissy", "78"),
    ("Guyancourt", "78"),
    ("Vélizy-Villacoublay", "78"),
    ("Saint-Quentin-en-Yvelines", "78"),
    ("Melun", "77"),
    ("Meaux", "77"),
    ("Marne-la-Vallée", "77"),
    ("Évry", "91"),
    ("Massy", "91"),
    ("Palaiseau", "91"),
    ("Saclay", "91"),
    ("Les Ulis", "91"),
    ("Nanterre", "92"),
    ("La Défense", "92"),
    ("Courbevoie", "92"),
    ("Puteaux", "92"),
    ("Boulogne-Billancourt", "92"),
    ("Issy-les-Moulineaux", "92"),
    ("Levallois-Perret", "92"),
    ("Neuilly-sur-Seine", "92"),
    ("Rueil-Malmaison", "92"),
    ("Montrouge", "92"),
    ("Gennevilliers", "92"),
    ("Bobigny", "93"),
    ("Montreuil", "93"),
    ("Pantin", "93"),
    ("Noisy-le-Grand", "93"),
    ("Créteil", "94"),
    ("Ivry-sur-Seine", "94"),
    ("Vincennes", "94"),
    ("Rungis", "94"),
    ("Cergy", "95"),
    ("Argenteuil", "95"),
    ("Pointe-à-Pitre", "971"),
    ("Fort-de-France", "972"),
    ("Cayenne", "973"),
    ("Mamoudzou", "976"),
];

/// Department names that are also common words or other places (`Cher`, `Somme`,
/// `Manche`, `Vienne` the city…): never read alone from a title.
const AMBIGUOUS_DEPARTMENTS: &[&str] = &[
    "ain",
    "aisne",
    "allier",
    "aude",
    "cher",
    "creuse",
    "doubs",
    "eure",
    "gard",
    "gers",
    "indre",
    "jura",
    "la reunion",
    "landes",
    "loire",
    "lot",
    "manche",
    "marne",
    "meuse",
    "nord",
    "oise",
    "orne",
    "paris",
    "somme",
    "tarn",
    "var",
    "vienne",
];

/// Foreign places that, in a title, mean the job may not be in France.
const FOREIGN_IN_TITLE: &[&str] = &[
    "uk",
    "london",
    "londres",
    "geneve",
    "lausanne",
    "zurich",
    "bruxelles",
    "brussels",
    "suisse",
    "belgique",
    "luxembourg",
    "monaco",
    "allemagne",
    "espagne",
    "canada",
];

/// One name of [`NAMES`]: its folded words and what it points to.
struct Name<T> {
    words: Vec<String>,
    display: &'static str,
    target: T,
}

struct Names {
    cities: Vec<Name<&'static Department>>,
    departments: Vec<Name<&'static Department>>,
    regions: Vec<Name<&'static geo::Region>>,
}

fn name<T>(display: &'static str, target: T) -> Name<T> {
    Name {
        words: geo::fold_name(display)
            .split(' ')
            .map(str::to_string)
            .collect(),
        display,
        target,
    }
}

static NAMES: std::sync::LazyLock<Names> = std::sync::LazyLock::new(|| Names {
    cities: CITIES
        .iter()
        .filter_map(|(city, code)| Some(name(city, geo::department(code)?)))
        .collect(),
    departments: geo::DEPARTMENTS
        .iter()
        .map(|d| name(d.name, d))
        .filter(|n| !AMBIGUOUS_DEPARTMENTS.contains(&n.words.join(" ").as_str()))
        .collect(),
    regions: geo::REGIONS.iter().map(|r| name(r.name, r)).collect(),
});

/// The names of `names` found as whole words in `words`.
fn found<'n, T>(words: &[&str], names: &'n [Name<T>]) -> impl Iterator<Item = &'n Name<T>> {
    names.iter().filter(move |n| {
        let first = n.words[0].as_str();
        (0..words.len()).any(|i| {
            words[i] == first
                && words.len() - i >= n.words.len()
                && n.words[1..]
                    .iter()
                    .zip(&words[i + 1..])
                    .all(|(a, b)| a == b)
        })
    })
}

/// An explicit place in a title: a major city of [`CITIES`] (`Data Engineer - Bordeaux`,
/// `… à Lyon`), a department name (`Gironde`, not an ambiguous one) or code in brackets
/// (`(33)`), else a region name (`Ile-de-France`: region only). `None` when the title names
/// none, names places of different departments, or names a foreign place.
pub fn place_in_title(title: &str) -> Option<TitlePlace> {
    let folded = geo::fold_name(title);
    let words: Vec<&str> = folded.split(' ').collect();
    if words.iter().any(|w| FOREIGN_IN_TITLE.contains(w)) {
        return None;
    }
    let names = &*NAMES;
    let mut city: Option<&'static str> = None;
    let mut dept: Option<&'static Department> = None;
    let mut conflict = false;
    let mut note = |d: &'static Department| match dept {
        Some(known) if known.code != d.code => conflict = true,
        _ => dept = Some(d),
    };
    for n in found(&words, &names.cities) {
        // the longest name when several match ("Paris" and "Paris 9")
        city = Some(city.map_or(n.display, |c| {
            if c.len() >= n.display.len() {
                c
            } else {
                n.display
            }
        }));
        note(n.target);
    }
    for n in found(&words, &names.departments) {
        note(n.target);
    }
    for code in bracketed_codes(title) {
        if let Some(d) = geo::department(code) {
            note(d);
        }
    }
    if conflict {
        return None;
    }
    if let Some(d) = dept {
        return Some(TitlePlace {
            city,
            dept: Some(d),
            region_code: Some(d.region_code),
        });
    }
    let mut regions = found(&words, &names.regions);
    match (regions.next(), regions.next()) {
        (Some(r), None) => Some(TitlePlace {
            city: None,
            dept: None,
            region_code: Some(r.target.code),
        }),
        _ => None,
    }
}

/// Phrases that place something somewhere (`… est basé à Lyon`); they count only when the
/// job itself (`poste`) is named just before, not the company or the recruiter.
const PLACING_PHRASES: &[&str] = &[
    "base a ",
    "basee a ",
    "base sur ",
    "situe a ",
    "a pourvoir a ",
];
/// Headings that always introduce the job's place.
const PLACE_HEADINGS: &[&str] = &[
    "lieu de travail ",
    "localisation du poste ",
    "lieu du poste ",
];

/// [`PLACING_PHRASES`] (`true`: the job must be named just before) then
/// [`PLACE_HEADINGS`], each with a searcher built once rather than on every `find`.
static STATEMENT_FINDERS: std::sync::LazyLock<Vec<(&str, memchr::memmem::Finder, bool)>> =
    std::sync::LazyLock::new(|| {
        let finder = |p: &'static str, needs_job| (p, memchr::memmem::Finder::new(p), needs_job);
        PLACING_PHRASES
            .iter()
            .map(|p| finder(p, true))
            .chain(PLACE_HEADINGS.iter().map(|p| finder(p, false)))
            .collect()
    });

/// A place named right after an explicit statement of where the job is, in a description
/// (`… le poste, en CDI, est basé à Montpellier.`, `Lieu de travail : Nantes`). Only the few
/// words after the statement are read, with the same rules as a title.
pub fn place_in_statement(description: &str) -> Option<TitlePlace> {
    let folded = geo::fold_name(description);
    let mut found: Option<TitlePlace> = None;
    for (phrase, finder, needs_job) in STATEMENT_FINDERS.iter().map(|(p, f, n)| (p, f, *n)) {
        let mut from = 0;
        while let Some(at) = finder.find(&folded.as_bytes()[from..]) {
            let at = from + at;
            let start = at + phrase.len();
            from = start;
            let mut from_before = at.saturating_sub(30);
            while !folded.is_char_boundary(from_before) {
                from_before -= 1;
            }
            let before = &folded[from_before..at];
            if needs_job && !before.contains("poste") {
                continue;
            }
            let tail: String = folded[start..]
                .split(' ')
                .take(4)
                .collect::<Vec<_>>()
                .join(" ");
            let Some(place) = place_in_title(&tail) else {
                continue;
            };
            match (&found, place.dept) {
                (
                    Some(TitlePlace {
                        dept: Some(known), ..
                    }),
                    Some(new),
                ) if known.code != new.code => {
                    return None; // two different places: do not guess
                }
                (None, _) => found = Some(place),
                _ => {}
            }
        }
    }
    found
}

/// Department codes written in brackets: `(75)`, `(2A)`, `(974)`.
fn bracketed_codes(title: &str) -> impl Iterator<Item = &str> {
    title.split('(').skip(1).filter_map(|part| {
        let code = part.split_once(')')?.0.trim();
        let ok = matches!(code.len(), 2 | 3)
            && (code.bytes().all(|b| b.is_ascii_digit())
                || code.eq_ignore_ascii_case("2a")
                || code.eq_ignore_ascii_case("2b"));
        ok.then_some(code)
    })
}

/// Whether `name` is the department's own name (`Réunion` for La Réunion, `Corse du Sud`).
fn names_department(name: &str, dept: &Department) -> bool {
    let folded = geo::fold_name(name);
    let own = geo::fold_name(dept.name);
    folded == own || own.strip_prefix("la ") == Some(folded.as_str())
}

/// Country names (folded) that mark a foreign place in a label.
const FOREIGN: &[&str] = &[
    "allemagne",
    "suisse",
    "luxembourg",
    "belgique",
    "espagne",
    "italie",
    "portugal",
    "monaco",
    "andorre",
    "canada",
    "quebec",
    "royaume uni",
    "angleterre",
    "irlande",
    "pays bas",
    "maroc",
    "tunisie",
    "algerie",
    "etats unis",
    "usa",
    "frontalier",
];

/// Whether a label names a foreign place (`Allemagne (Frontalier)`, `Rust, Allemagne`,
/// `Luxembourg`, `Principauté de Monaco`). Such offers get no codes.
pub fn is_foreign_label(label: &str) -> bool {
    if parse_label(label) != Label::Other {
        return false;
    }
    let folded = geo::fold_name(label);
    FOREIGN.iter().any(|country| {
        folded == *country
            || folded.starts_with(&format!("{country} "))
            || folded.ends_with(&format!(" {country}"))
            || folded.contains(&format!(" {country} "))
    })
}

/// A latitude/longitude box, margins included.
#[derive(Debug, Clone, Copy)]
struct BBox {
    lat: (f64, f64),
    lon: (f64, f64),
}

impl BBox {
    fn contains(&self, lat: f64, lon: f64) -> bool {
        (self.lat.0..=self.lat.1).contains(&lat) && (self.lon.0..=self.lon.1).contains(&lon)
    }
}

const fn bbox(lat0: f64, lat1: f64, lon0: f64, lon1: f64) -> BBox {
    BBox {
        lat: (lat0, lat1),
        lon: (lon0, lon1),
    }
}

/// Metropolitan France with Corsica (Ouessant at -5.14°, Bray-Dunes at 51.09°), plus a margin
/// of about a third of a degree.
const METRO: BBox = bbox(41.0, 51.5, -5.5, 10.0);

/// Overseas departments and collectivities, with a margin of a few tenths of a degree.
const OVERSEAS: &[(&str, BBox)] = &[
    ("971", bbox(15.6, 16.8, -62.0, -60.8)),
    ("972", bbox(14.2, 15.1, -61.4, -60.6)),
    ("973", bbox(1.8, 6.1, -54.9, -51.2)),
    ("974", bbox(-21.6, -20.6, 54.9, 56.0)),
    ("975", bbox(46.5, 47.4, -56.7, -55.9)),
    ("976", bbox(-13.3, -12.3, 44.8, 45.6)),
    ("977", bbox(17.7, 18.1, -63.0, -62.6)),
    ("978", bbox(17.9, 18.3, -63.3, -62.8)),
    ("984", bbox(-50.5, -10.5, 39.0, 78.0)),
    ("986", bbox(-14.6, -13.0, -178.6, -175.8)),
    ("987", bbox(-28.5, -7.0, -155.5, -134.0)),
    ("988", bbox(-23.2, -18.8, 162.8, 169.2)),
];

static ALL_FRANCE: [BBox; 13] = [
    METRO,
    OVERSEAS[0].1,
    OVERSEAS[1].1,
    OVERSEAS[2].1,
    OVERSEAS[3].1,
    OVERSEAS[4].1,
    OVERSEAS[5].1,
    OVERSEAS[6].1,
    OVERSEAS[7].1,
    OVERSEAS[8].1,
    OVERSEAS[9].1,
    OVERSEAS[10].1,
    OVERSEAS[11].1,
];

fn boxes_of_department(dept: &Department) -> &'static [BBox] {
    match dept.kind {
        Zone::Metropolitan => &ALL_FRANCE[..1],
        Zone::Overseas | Zone::Collectivity => OVERSEAS
            .iter()
            .position(|(code, _)| *code == dept.code)
            .map(|i| &ALL_FRANCE[i + 1..i + 2])
            .unwrap_or(&[]),
    }
}

fn boxes_of_region(region_code: &str) -> &'static [BBox] {
    let overseas_dept = match region_code {
        "01" => "971",
        "02" => "972",
        "03" => "973",
        "04" => "974",
        "06" => "976",
        _ => return &ALL_FRANCE[..1],
    };
    geo::department(overseas_dept)
        .map(boxes_of_department)
        .unwrap_or(&[])
}

/// The coordinates when they fall in one of `boxes`, swapped back when the source swapped
/// them, `None` otherwise (never wrong coordinates).
fn coordinates(lat: Option<f64>, lon: Option<f64>, boxes: &[BBox]) -> Option<(f64, f64)> {
    let (lat, lon) = (lat?, lon?);
    if boxes.iter().any(|b| b.contains(lat, lon)) {
        Some((lat, lon))
    } else if boxes.iter().any(|b| b.contains(lon, lat)) {
        Some((lon, lat))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc(
        label: &str,
        commune: Option<&str>,
        postal: Option<&str>,
        coords: Option<(f64, f64)>,
    ) -> Location {
        location(&PlaceInput {
            label: Some(label),
            commune,
            postal_code: postal,
            latitude: coords.map(|c| c.0),
            longitude: coords.map(|c| c.1),
            title: None,
            description: None,
        })
    }

    #[test]
    fn every_place_says_its_territory() {
        let t = |label: &str, commune: Option<&str>| loc(label, commune, None, None).territory;
        assert_eq!(
            t("75 - Paris 9e Arrondissement", Some("75109")),
            Some(Territory::Metropolitan)
        );
        assert_eq!(
            t("2B - BASTIA", Some("2B033")),
            Some(Territory::Metropolitan)
        );
        assert_eq!(
            t("974 - ST DENIS", Some("97411")),
            Some(Territory::Overseas)
        );
        assert_eq!(
            t("975 - SAINT PIERRE", Some("97502")),
            Some(Territory::Collectivity)
        );
        assert_eq!(
            t("988 - Nouméa", Some("98818")),
            Some(Territory::Collectivity)
        );
        assert_eq!(t("Île-de-France", None), Some(Territory::Metropolitan));
        assert_eq!(t("Allemagne (Frontalier)", None), Some(Territory::Abroad));
        assert_eq!(t("France", None), None);
    }

    #[test]
    fn an_explicit_job_place_in_the_description_is_used_for_country_only_offers() {
        let place = |description: &str| {
            location(&PlaceInput {
                label: Some("France"),
                title: Some("Data Engineer (H/F)"),
                description: Some(description),
                ..PlaceInput::default()
            })
        };
        let l = place("Nous recrutons. Le poste, en CDI, est basé à Montpellier. Vous rejoindrez…");
        assert_eq!(codes(&l), (Some("34"), Some("76")));
        assert!(!l.country_only);
        // The company's or recruiter's place is not the job's.
        let l = place("Cabinet de recrutement basé à Nice, nous cherchons pour un client…");
        assert_eq!(codes(&l), (None, None));
        assert!(l.country_only);
        // Two different places: no guess.
        let l = place("Poste basé à Lyon ou poste basé à Lille selon profil.");
        assert_eq!(codes(&l), (None, None));
        // A structured commune always wins over the description.
        let l = location(&PlaceInput {
            label: Some("33 - Bordeaux"),
            commune: Some("33063"),
            description: Some("Le poste est basé à Paris."),
            ..PlaceInput::default()
        });
        assert_eq!(codes(&l), (Some("33"), Some("75")));
    }

    fn codes(l: &Location) -> (Option<&str>, Option<&str>) {
        (l.department_code.as_deref(), l.region_code.as_deref())
    }

    #[test]
    fn arrondissements() {
        let l = loc(
            "75 - Paris 9e Arrondissement",
            Some("75109"),
            Some("75009"),
            Some((48.877, 2.337)),
        );
        assert_eq!(codes(&l), (Some("75"), Some("11")));
        assert_eq!(l.city.as_deref(), Some("Paris 9e Arrondissement"));
        assert_eq!(l.commune_code.as_deref(), Some("75109"));
        assert_eq!((l.lat, l.lon), (Some(48.877), Some(2.337)));
        let l = loc(
            "69 - Lyon 7e Arrondissement",
            Some("69387"),
            Some("69007"),
            None,
        );
        assert_eq!(codes(&l), (Some("69"), Some("84")));
        assert_eq!(l.city.as_deref(), Some("Lyon 7e Arrondissement"));
        let l = loc("13 - MARSEILLE 12", Some("13212"), Some("13012"), None);
        assert_eq!(codes(&l), (Some("13"), Some("93")));
        assert_eq!(l.city.as_deref(), Some("MARSEILLE 12"));
        assert!(!l.country_only);
    }

    #[test]
    fn corsica_and_overseas() {
        let l = loc(
            "2A - AJACCIO",
            Some("2A004"),
            Some("20000"),
            Some((41.92, 8.74)),
        );
        assert_eq!(codes(&l), (Some("2A"), Some("94")));
        let l = loc("2B - BASTIA", None, None, None);
        assert_eq!(codes(&l), (Some("2B"), Some("94")));
        assert_eq!(l.city.as_deref(), Some("BASTIA"));
        let l = loc("2A - Corse du Sud", None, None, None);
        assert_eq!(codes(&l), (Some("2A"), Some("94")));
        assert_eq!(l.city, None);
        let l = loc(
            "974 - ST DENIS",
            Some("97411"),
            Some("97400"),
            Some((-20.88, 55.45)),
        );
        assert_eq!(codes(&l), (Some("974"), Some("04")));
        assert_eq!((l.lat, l.lon), (Some(-20.88), Some(55.45)));
        let l = loc("974 - Réunion", None, None, None);
        assert_eq!(
            (codes(&l), l.city.as_deref()),
            ((Some("974"), Some("04")), None)
        );
        let l = loc("971 - Guadeloupe", None, None, None);
        assert_eq!(
            (codes(&l), l.city.as_deref()),
            ((Some("971"), Some("01")), None)
        );
        // metropolitan coordinates on a Réunion offer are wrong: dropped
        let l = loc("974 - ST DENIS", Some("97411"), None, Some((48.8, 2.3)));
        assert_eq!((l.lat, l.lon), (None, None));
    }

    #[test]
    fn department_only() {
        let l = loc("75 - Paris (Dept.)", None, None, None);
        assert_eq!(codes(&l), (Some("75"), Some("11")));
        assert_eq!(l.city, None);
        let l = loc("75 - Paris", None, None, None);
        assert_eq!(l.city.as_deref(), Some("Paris"));
        let l = loc("33 - Gironde", None, None, None);
        assert_eq!(
            (codes(&l), l.city.as_deref()),
            ((Some("33"), Some("75")), None)
        );
        let l = loc("75", None, None, None);
        assert_eq!(codes(&l), (Some("75"), Some("11")));
        let l = loc("Bouches-du-Rhône", None, None, None);
        assert_eq!(codes(&l), (Some("13"), Some("93")));
        // the commune code wins over the label, the postal code over nothing
        let l = loc("Somewhere", None, Some("03200"), None);
        assert_eq!(codes(&l), (Some("03"), Some("84")));
    }

    #[test]
    fn region_only_and_country() {
        for (label, region) in [
            ("Ile-de-France", "11"),
            ("Île-de-France", "11"),
            ("Hauts-de-France", "32"),
            ("Auvergne-Rhône-Alpes", "84"),
        ] {
            let l = loc(label, None, None, None);
            assert_eq!(codes(&l), (None, Some(region)), "{label}");
            assert!(!l.country_only);
        }
        for label in ["France", "FRANCE", "France entière"] {
            let l = loc(label, None, None, None);
            assert!(l.country_only, "{label}");
            assert_eq!(codes(&l), (None, None));
            assert_eq!(l.label.as_deref(), Some(label));
        }
    }

    #[test]
    fn foreign_places_get_no_codes() {
        for label in [
            "Allemagne (Frontalier)",
            "Rust, Allemagne",
            "Rust - Allemagne",
            "Lörrach (Allemagne)",
            "Luxembourg",
            "Principauté de Monaco",
            "Québec Canada",
        ] {
            let l = loc(label, None, None, Some((47.9, 7.7)));
            assert_eq!(codes(&l), (None, None), "{label}");
            assert!(!l.country_only);
            assert_eq!((l.lat, l.lon), (None, None), "{label}");
            assert!(is_foreign_label(label), "{label}");
        }
        assert!(!is_foreign_label("France"));
        assert!(!is_foreign_label("69 - Lyon"));
        assert!(!is_foreign_label("Bretagne"));
    }

    #[test]
    fn swapped_or_wrong_coordinates() {
        let l = loc(
            "33 - Bordeaux",
            Some("33063"),
            Some("33000"),
            Some((-0.58, 44.84)),
        );
        assert_eq!((l.lat, l.lon), (Some(44.84), Some(-0.58)));
        let l = loc(
            "972 - FORT DE FRANCE",
            Some("97209"),
            None,
            Some((-61.07, 14.6)),
        );
        assert_eq!((l.lat, l.lon), (Some(14.6), Some(-61.07)));
        let l = loc("33 - Bordeaux", Some("33063"), None, Some((0.0, 0.0)));
        assert_eq!((l.lat, l.lon), (None, None));
        let l = loc("33 - Bordeaux", Some("33063"), None, Some((14.6, -61.07)));
        assert_eq!((l.lat, l.lon), (None, None));
        let l = loc(
            "33 - Bordeaux",
            Some("33063"),
            None,
            Some((44.84, f64::NAN)),
        );
        assert_eq!((l.lat, l.lon), (None, None));
    }

    fn with_title(label: Option<&str>, title: &str) -> Location {
        location(&PlaceInput {
            label,
            title: Some(title),
            ..PlaceInput::default()
        })
    }

    #[test]
    fn country_only_places_come_from_the_title() {
        for (title, dept, region, city) in [
            ("Data Engineer - Bordeaux (H/F)", "33", "75", "Bordeaux"),
            ("Analyste BI à Lyon", "69", "84", "Lyon"),
            (
                "DATA ANALYST (H/F) - LA ROCHELLE",
                "17",
                "75",
                "La Rochelle",
            ),
            ("Dev Python Saint-Étienne", "42", "84", "Saint-Étienne"),
            ("Chef de projet - Paris 9 (H/F)", "75", "11", "Paris"),
            (
                "Technicien Clermont Ferrand",
                "63",
                "84",
                "Clermont-Ferrand",
            ),
        ] {
            let l = with_title(Some("France"), title);
            assert_eq!(codes(&l), (Some(dept), Some(region)), "{title}");
            assert_eq!(l.city.as_deref(), Some(city), "{title}");
            assert!(!l.country_only, "{title}");
            assert_eq!(l.label.as_deref(), Some("France"));
        }
        // a department by name or code, no city
        let l = with_title(Some("France"), "Comptable - Gironde");
        assert_eq!(
            (codes(&l), l.city.as_deref()),
            ((Some("33"), Some("75")), None)
        );
        let l = with_title(None, "Magasinier (44)");
        assert_eq!(codes(&l), (Some("44"), Some("52")));
        // a region only
        let l = with_title(Some("France"), "Data Engineer - Ile-de-France (H/F)");
        assert_eq!(codes(&l), (None, Some("11")));
    }

    #[test]
    fn titles_never_override_a_structured_place() {
        let l = location(&PlaceInput {
            label: Some("33 - Bordeaux"),
            commune: Some("33063"),
            title: Some("Data Engineer - Lyon"),
            ..PlaceInput::default()
        });
        assert_eq!(codes(&l), (Some("33"), Some("75")));
        let l = with_title(Some("Ile-de-France"), "Data Engineer - Lyon");
        assert_eq!(codes(&l), (None, Some("11")));
        let l = with_title(Some("Luxembourg"), "Data Engineer - Metz");
        assert_eq!(codes(&l), (None, None));
    }

    #[test]
    fn titles_without_one_clear_french_place_give_nothing() {
        for title in [
            "Data Engineer (H/F)",
            "Vendeur avec le sens du service",
            "Chargé de clientèle Nord",
            "Lead Data Engineer UK - Lyon",
            "ARC (Lyon) - Paris",
            "Commercial Var et Somme",
            "Technicien (35H)",
            "Conseiller Clichy-sous-Bois",
        ] {
            let l = with_title(Some("France"), title);
            assert_eq!(codes(&l), (None, None), "{title}");
            assert!(l.country_only, "{title}");
        }
        assert_eq!(place_in_title("Data Engineer"), None);
    }
}
