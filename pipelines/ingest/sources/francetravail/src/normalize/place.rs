//! `lieuTravail` → [`Location`].
//!
//! The label is `<dept> - <commune>` (`69 - Lyon 7e Arrondissement`, `2A - AJACCIO`,
//! `971 - MORNE A L EAU`), `<dept> - <name> (Dept.)`, a bare department code (`75`), a region
//! name (`Ile-de-France`), `France`, or a foreign place (`Allemagne (Frontalier)`,
//! `Rust, Allemagne`, `Luxembourg`).

use jobmarket_schema::Location;
use jobmarket_schema::geo::{self, Department, Zone};

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
    }
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
            let dept_only = rest.is_empty() || rest.to_ascii_lowercase().ends_with("(dept.)");
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
    if let Some(region) = geo::region_by_name(label) {
        return Label::Region(region);
    }
    if let Some(dept) = geo::department_by_name(label) {
        return Label::Department { dept, rest: None };
    }
    Label::Other
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

/// Metropolitan France with Corsica, plus a small margin.
const METRO: BBox = bbox(41.0, 51.6, -5.8, 10.0);

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
        })
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
}
