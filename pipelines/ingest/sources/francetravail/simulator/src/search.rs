//! Parsing and validation of the search parameters, and the filter itself.
//! The HTTP endpoint and [`crate::SimHandle::matching_ids`] share this code.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};

use crate::SimError;
use crate::store::OfferRec;
use crate::tables;
use crate::text::normalize;

/// Highest allowed start of a range.
pub const MAX_RANGE_START: usize = 3000;
/// Highest allowed end of a range.
pub const MAX_RANGE_END: usize = 3149;
/// Widest allowed range.
pub const MAX_PAGE: usize = 150;

pub(crate) const MSG_RANGE_FORMAT: &str =
    "Format du paramètre « range » incorrect. <entier>-<entier> attendu.";
pub(crate) const MSG_RANGE_TOO_WIDE: &str = "La plage de résultats demandée est trop importante.";
pub(crate) const MSG_RANGE_START: &str =
    "La position de début doit être inférieure ou égale à 3000.";
pub(crate) const MSG_RANGE_END: &str = "La position de fin doit être inférieure ou égale à 3149.";
pub(crate) const MSG_MOTS_CLES: &str = "Format du paramètre « motsCles » incorrect. 7 mots-clé au maximum séparés par des virgules et d'au moins 2 caractères.";
pub(crate) const MSG_DATES_TOGETHER: &str =
    "Les paramètres « minCreationDate » et « maxCreationDate » doivent être renseignés ensemble.";
pub(crate) const MSG_PUBLIEE_DEPUIS: &str =
    "Valeur du paramètre « publieeDepuis » incorrecte. 1, 3, 7, 14 ou 31 attendu.";
pub(crate) const MSG_SORT: &str = "Format du paramètre « sort » incorrect. 0, 1 ou 2 attendu.";
pub(crate) const MSG_EXPERIENCE_EXIGENCE: &str =
    "Format du paramètre « experienceExigence » incorrect. D, E ou S attendu.";

pub(crate) const TYPES_CONTRAT: &[&str] = &[
    "CDI", "CDD", "MIS", "SAI", "CCE", "DDI", "DIN", "FRA", "LIB", "REP", "TTI", "DDT",
];
pub(crate) const NATURES_CONTRAT: &[&str] = &[
    "E1", "E2", "FS", "FA", "FJ", "FT", "FU", "FV", "FW", "FX", "FY", "I1", "NS", "PS", "PR", "CC",
    "CU", "EE", "ER", "CI",
];
const BOOL_PARAMS: &[&str] = &[
    "tempsPlein",
    "accesTravailleurHandicape",
    "offresMRS",
    "offresManqueCandidats",
    "entreprisesAdaptees",
    "employeursHandiEngages",
    "inclureLimitrophes",
];

pub(crate) fn valeur_incorrecte(param: &str) -> SimError {
    SimError::BadRequest {
        message: format!("Valeur du paramètre « {param} » incorrecte."),
    }
}

fn format_incorrect(param: &str, expected: &str) -> SimError {
    SimError::BadRequest {
        message: format!("Format du paramètre « {param} » incorrect. {expected}"),
    }
}

fn bad(message: &str) -> SimError {
    SimError::BadRequest {
        message: message.to_string(),
    }
}

/// Sort orders of the API (`sort` parameter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SortOrder {
    /// 0: relevance, then creation date descending.
    Relevance,
    /// 1: creation date descending, then id.
    Date,
    /// 2: distance, then relevance.
    Distance,
}

/// `commune` + `distance`: (INSEE codes, distance in km, centres of the known communes).
pub(crate) type CommuneFilter = (Vec<String>, f64, Vec<(f64, f64)>);

/// A validated search.
#[derive(Debug, Clone)]
pub(crate) struct SearchQuery {
    pub range: (usize, usize),
    pub sort: SortOrder,
    pub rome: Option<Vec<String>>,
    /// Normalised keywords, each with a leading and trailing space.
    pub keywords: Vec<String>,
    pub departements: Option<Vec<String>>,
    pub types: Option<Vec<String>>,
    pub natures: Option<Vec<String>>,
    pub experience: Option<Vec<u8>>,
    pub experience_exigence: Option<Vec<String>>,
    pub qualification: Option<Vec<String>>,
    pub origine: Option<u8>,
    /// Inclusive bounds, in milliseconds since the epoch.
    pub created_between: Option<(i64, i64)>,
    pub created_since: Option<i64>,
    pub temps_plein: Option<bool>,
    pub acces_th: Option<bool>,
    pub manque_candidats: Option<bool>,
    pub entreprises_adaptees: Option<bool>,
    pub handi_engages: Option<bool>,
    /// (INSEE codes, distance in km, centre coordinates when known).
    pub communes: Option<CommuneFilter>,
}

fn parse_range(v: &str) -> Result<(usize, usize), SimError> {
    let (a, b) = v.split_once('-').ok_or_else(|| bad(MSG_RANGE_FORMAT))?;
    let ok = |s: &str| !s.is_empty() && s.len() <= 9 && s.bytes().all(|c| c.is_ascii_digit());
    if !ok(a) || !ok(b) {
        return Err(bad(MSG_RANGE_FORMAT));
    }
    let (p, d): (usize, usize) = (
        a.parse().map_err(|_| bad(MSG_RANGE_FORMAT))?,
        b.parse().map_err(|_| bad(MSG_RANGE_FORMAT))?,
    );
    if p > d {
        return Err(bad(MSG_RANGE_FORMAT));
    }
    if p > MAX_RANGE_START {
        return Err(bad(MSG_RANGE_START));
    }
    if d - p + 1 > MAX_PAGE {
        return Err(bad(MSG_RANGE_TOO_WIDE));
    }
    if d > MAX_RANGE_END {
        return Err(bad(MSG_RANGE_END));
    }
    Ok((p, d))
}

fn parse_bool(name: &str, v: &str) -> Result<bool, SimError> {
    match v {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(format_incorrect(name, "Booléen attendu.")),
    }
}

fn parse_date(name: &str, v: &str) -> Result<DateTime<Utc>, SimError> {
    if v.len() != 20 {
        return Err(format_incorrect(name, "yyyy-MM-dd'T'hh:mm:ss'Z' attendu."));
    }
    NaiveDateTime::parse_from_str(v, "%Y-%m-%dT%H:%M:%SZ")
        .map(|n| n.and_utc())
        .map_err(|_| format_incorrect(name, "yyyy-MM-dd'T'hh:mm:ss'Z' attendu."))
}

fn list(v: &str) -> Vec<String> {
    v.split(',').map(|s| s.trim().to_string()).collect()
}

fn is_rome_code(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 5 && (b'A'..=b'N').contains(&b[0]) && b[1..].iter().all(u8::is_ascii_digit)
}

fn is_insee(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 5
        && (b.iter().all(u8::is_ascii_digit)
            || (b[0] == b'2'
                && (b[1] == b'A' || b[1] == b'B')
                && b[2..].iter().all(u8::is_ascii_digit)))
}

fn keyword_ok(k: &str) -> bool {
    k.chars().count() >= 2
        && k.chars()
            .all(|c| c.is_alphanumeric() || " @#$%^&+./-\"'".contains(c))
        && !normalize(k).trim().is_empty()
}

/// Centre of a commune for distance searches (arrondissements of the three
/// big cities are reachable through their city code too).
fn commune_centres(code: &str) -> Vec<(f64, f64)> {
    let prefix = match code {
        "75056" => Some("751"),
        "69123" => Some("6938"),
        "13055" => Some("132"),
        _ => None,
    };
    tables::COMMUNES
        .iter()
        .filter(|c| match prefix {
            Some(p) => c.insee.starts_with(p),
            None => c.insee == code,
        })
        .map(|c| (c.lat, c.lon))
        .collect()
}

/// Validates the query parameters of a search. Unknown parameters are ignored;
/// empty values count as absent. `now` is the real clock (for `publieeDepuis`).
pub(crate) fn parse_search<K: AsRef<str>, V: AsRef<str>>(
    params: &[(K, V)],
    now: DateTime<Utc>,
) -> Result<SearchQuery, SimError> {
    let get = |name: &str| {
        params
            .iter()
            .find(|(k, v)| k.as_ref() == name && !v.as_ref().is_empty())
            .map(|(_, v)| v.as_ref())
    };
    let mut q = SearchQuery {
        range: (0, MAX_PAGE - 1),
        sort: SortOrder::Relevance,
        rome: None,
        keywords: Vec::new(),
        departements: None,
        types: None,
        natures: None,
        experience: None,
        experience_exigence: None,
        qualification: None,
        origine: None,
        created_between: None,
        created_since: None,
        temps_plein: None,
        acces_th: None,
        manque_candidats: None,
        entreprises_adaptees: None,
        handi_engages: None,
        communes: None,
    };
    if let Some(v) = get("range") {
        q.range = parse_range(v)?;
    }
    if let Some(v) = get("sort") {
        q.sort = match v {
            "0" => SortOrder::Relevance,
            "1" => SortOrder::Date,
            "2" => SortOrder::Distance,
            _ => return Err(bad(MSG_SORT)),
        };
    }
    if let Some(v) = get("codeROME") {
        let codes = list(v);
        if codes.len() > 200 || !codes.iter().all(|c| is_rome_code(c)) {
            return Err(valeur_incorrecte("codeROME"));
        }
        q.rome = Some(codes);
    }
    if let Some(v) = get("motsCles") {
        let words = list(v);
        if words.len() > 7 || !words.iter().all(|w| keyword_ok(w)) {
            return Err(bad(MSG_MOTS_CLES));
        }
        q.keywords = words.iter().map(|w| normalize(w)).collect();
    }
    if let Some(v) = get("departement") {
        let d = list(v);
        if d.len() > 5 || !d.iter().all(|c| tables::is_departement(c)) {
            return Err(valeur_incorrecte("departement"));
        }
        q.departements = Some(d);
    }
    if let Some(v) = get("typeContrat") {
        let t = list(v);
        if !t.iter().all(|c| TYPES_CONTRAT.contains(&c.as_str())) {
            return Err(valeur_incorrecte("typeContrat"));
        }
        q.types = Some(t);
    }
    if let Some(v) = get("natureContrat") {
        let t = list(v);
        if !t.iter().all(|c| NATURES_CONTRAT.contains(&c.as_str())) {
            return Err(valeur_incorrecte("natureContrat"));
        }
        q.natures = Some(t);
    }
    if let Some(v) = get("experience") {
        let e: Option<Vec<u8>> = list(v)
            .iter()
            .map(|c| c.parse::<u8>().ok().filter(|n| (1..=3).contains(n)))
            .collect();
        q.experience = Some(e.ok_or_else(|| format_incorrect("experience", "1, 2 ou 3 attendu."))?);
    }
    if let Some(v) = get("experienceExigence") {
        let e = list(v);
        if !e.iter().all(|c| matches!(c.as_str(), "D" | "E" | "S")) {
            return Err(bad(MSG_EXPERIENCE_EXIGENCE));
        }
        q.experience_exigence = Some(e);
    }
    if let Some(v) = get("qualification") {
        let e = list(v);
        if !e.iter().all(|c| matches!(c.as_str(), "0" | "9")) {
            return Err(format_incorrect("qualification", "0 ou 9 attendu."));
        }
        q.qualification = Some(e);
    }
    if let Some(v) = get("origineOffre") {
        q.origine = Some(match v {
            "1" => 1,
            "2" => 2,
            _ => return Err(format_incorrect("origineOffre", "1 ou 2 attendu.")),
        });
    }
    match (get("minCreationDate"), get("maxCreationDate")) {
        (None, None) => {}
        (Some(a), Some(b)) => {
            let min = parse_date("minCreationDate", a)?;
            let max = parse_date("maxCreationDate", b)?;
            q.created_between = Some((min.timestamp_millis(), max.timestamp_millis()));
        }
        _ => return Err(bad(MSG_DATES_TOGETHER)),
    }
    if let Some(v) = get("publieeDepuis") {
        let days: i64 = match v {
            "1" => 1,
            "3" => 3,
            "7" => 7,
            "14" => 14,
            "31" => 31,
            _ => return Err(bad(MSG_PUBLIEE_DEPUIS)),
        };
        q.created_since = Some((now - Duration::days(days)).timestamp_millis());
    }
    for name in BOOL_PARAMS {
        if let Some(v) = get(name) {
            let b = parse_bool(name, v)?;
            match *name {
                "tempsPlein" => q.temps_plein = Some(b),
                "accesTravailleurHandicape" => q.acces_th = Some(b),
                "offresManqueCandidats" => q.manque_candidats = Some(b),
                "entreprisesAdaptees" => q.entreprises_adaptees = Some(b),
                "employeursHandiEngages" => q.handi_engages = Some(b),
                _ => {}
            }
        }
    }
    if let Some(v) = get("commune") {
        let c = list(v);
        if c.len() > 5 || !c.iter().all(|x| is_insee(x)) {
            return Err(valeur_incorrecte("commune"));
        }
        let distance = match get("distance") {
            None => 10.0,
            Some(d) => d
                .parse::<u32>()
                .map(f64::from)
                .map_err(|_| format_incorrect("distance", "<entier> attendu."))?,
        };
        let centres = c.iter().flat_map(|x| commune_centres(x)).collect();
        q.communes = Some((c, distance, centres));
    }
    Ok(q)
}

fn haversine_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (
        a.0.to_radians(),
        a.1.to_radians(),
        b.0.to_radians(),
        b.1.to_radians(),
    );
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

fn commune_matches(code: &str, wanted: &str) -> bool {
    match wanted {
        "75056" => code.starts_with("751"),
        "69123" => code.starts_with("6938"),
        "13055" => code.starts_with("132"),
        _ => code == wanted,
    }
}

impl SearchQuery {
    /// Whether an (active) offer matches every criterion.
    pub(crate) fn matches(&self, o: &OfferRec) -> bool {
        if let Some(r) = &self.rome
            && !r.contains(&o.rome)
        {
            return false;
        }
        if let Some(d) = &self.departements {
            match &o.departement {
                Some(od) if d.iter().any(|x| x == od) => {}
                _ => return false,
            }
        }
        if let Some(t) = &self.types
            && !t.contains(&o.type_contrat)
        {
            return false;
        }
        if let Some(n) = &self.natures
            && !n.iter().any(|c| c == o.nature_code)
        {
            return false;
        }
        if let Some(e) = &self.experience
            && !e.contains(&o.experience_code)
        {
            return false;
        }
        if let Some(e) = &self.experience_exigence
            && !e.contains(&o.experience_exige)
        {
            return false;
        }
        if let Some(qs) = &self.qualification {
            let code = match o.qualification.as_deref() {
                Some("9") => "9",
                Some(_) => "0",
                None => return false,
            };
            if !qs.iter().any(|c| c == code) {
                return false;
            }
        }
        if let Some(orig) = self.origine
            && orig != o.origine
        {
            return false;
        }
        if let Some((min, max)) = self.created_between
            && (o.created_ms < min || o.created_ms > max)
        {
            return false;
        }
        if let Some(since) = self.created_since
            && o.created_ms < since
        {
            return false;
        }
        if let Some(b) = self.temps_plein
            && o.temps_plein != Some(b)
        {
            return false;
        }
        if let Some(true) = self.acces_th
            && !o.accessible_th
        {
            return false;
        }
        if let Some(true) = self.manque_candidats
            && !o.manque_candidats
        {
            return false;
        }
        if let Some(true) = self.entreprises_adaptees
            && !o.entreprise_adaptee
        {
            return false;
        }
        if let Some(true) = self.handi_engages
            && !o.handi_engage
        {
            return false;
        }
        if let Some((codes, distance, centres)) = &self.communes {
            let by_code = o
                .commune
                .as_deref()
                .is_some_and(|c| codes.iter().any(|w| commune_matches(c, w)));
            let by_distance = *distance > 0.0
                && o.coords
                    .is_some_and(|p| centres.iter().any(|c| haversine_km(*c, p) <= *distance));
            if !by_code && !by_distance {
                return false;
            }
        }
        self.keywords.iter().all(|k| o.text.contains(k.as_str()))
    }

    /// Distance in km from the nearest searched commune (for `sort=2`).
    pub(crate) fn distance_of(&self, o: &OfferRec) -> f64 {
        match (&self.communes, o.coords) {
            (Some((_, _, centres)), Some(p)) if !centres.is_empty() => centres
                .iter()
                .map(|c| haversine_km(*c, p))
                .fold(f64::MAX, f64::min),
            _ => f64::MAX,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(p: &[(&str, &str)]) -> Result<SearchQuery, SimError> {
        parse_search(p, Utc::now())
    }

    fn msg(r: Result<SearchQuery, SimError>) -> String {
        match r {
            Err(SimError::BadRequest { message }) => message,
            Ok(_) => "ok".to_string(),
        }
    }

    #[test]
    fn range_rules() {
        assert_eq!(parse(&[]).unwrap().range, (0, 149));
        assert_eq!(
            parse(&[("range", "3000-3149")]).unwrap().range,
            (3000, 3149)
        );
        assert_eq!(parse(&[("range", "0-0")]).unwrap().range, (0, 0));
        assert_eq!(msg(parse(&[("range", "abc")])), MSG_RANGE_FORMAT);
        assert_eq!(msg(parse(&[("range", "10")])), MSG_RANGE_FORMAT);
        assert_eq!(msg(parse(&[("range", "-1-5")])), MSG_RANGE_FORMAT);
        assert_eq!(msg(parse(&[("range", "20-10")])), MSG_RANGE_FORMAT);
        assert_eq!(msg(parse(&[("range", "0-150")])), MSG_RANGE_TOO_WIDE);
        assert_eq!(msg(parse(&[("range", "3001-3010")])), MSG_RANGE_START);
        assert_eq!(msg(parse(&[("range", "3100-3149")])), MSG_RANGE_START);
    }

    #[test]
    fn keyword_rules() {
        assert_eq!(msg(parse(&[("motsCles", "a")])), MSG_MOTS_CLES);
        assert_eq!(
            msg(parse(&[("motsCles", "aa,bb,cc,dd,ee,ff,gg,hh")])),
            MSG_MOTS_CLES
        );
        assert_eq!(msg(parse(&[("motsCles", "data,")])), MSG_MOTS_CLES);
        let q = parse(&[("motsCles", "Données,machine learning")]).unwrap();
        assert_eq!(q.keywords, vec![" donnees ", " machine learning "]);
    }

    #[test]
    fn list_and_value_rules() {
        assert!(parse(&[("departement", "2A,974,01")]).is_ok());
        assert_eq!(
            msg(parse(&[("departement", "20")])),
            "Valeur du paramètre « departement » incorrecte."
        );
        assert_eq!(
            msg(parse(&[("departement", "01,02,03,04,05,06")])),
            "Valeur du paramètre « departement » incorrecte."
        );
        assert_eq!(
            msg(parse(&[("typeContrat", "INTERIM")])),
            "Valeur du paramètre « typeContrat » incorrecte."
        );
        assert_eq!(
            msg(parse(&[("tempsPlein", "oui")])),
            "Format du paramètre « tempsPlein » incorrect. Booléen attendu."
        );
        assert_eq!(msg(parse(&[("publieeDepuis", "5")])), MSG_PUBLIEE_DEPUIS);
        assert_eq!(
            msg(parse(&[("minCreationDate", "2025-01-01T00:00:00Z")])),
            MSG_DATES_TOGETHER
        );
        assert_eq!(msg(parse(&[("sort", "3")])), MSG_SORT);
        assert!(
            msg(parse(&[
                ("minCreationDate", "2025-01-01"),
                ("maxCreationDate", "2025-01-02T00:00:00Z")
            ]))
            .contains("minCreationDate")
        );
        assert!(
            parse(&[("page", "3"), ("alternance", "maybe")]).is_ok(),
            "unknown params are ignored"
        );
    }
}
