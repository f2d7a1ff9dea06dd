//! `salaire` → [`Salary`]: gross euros per year, with flags for every doubtful step.
//!
//! `salaire.libelle` follows `<Unit> de <min> Euros[ à <max> Euros][ sur <n> mois]` with units
//! `Horaire`, `Mensuel`, `Annuel`, `Autre`, `Cachet` or a bare `De`, dot or comma decimals
//! and an optional text suffix after ` - `. Units are often wrong; the rules are documented
//! in `docs/schema.md` and on each constant below.

use jobmarket_schema::{Salary, SalaryPeriod};

use super::contract::round2;
use super::text::parse_amount;

/// Monthly hours of a 35-hour week (35 × 52 / 12). Used for every hourly rate, whatever the
/// offer's own weekly hours.
pub const HOURS_PER_MONTH: f64 = 151.67;
/// Worked days in a year (the French "forfait jours" ceiling), for daily rates.
pub const DAYS_PER_YEAR: f64 = 218.0;
/// Annual amounts outside this range are not believed.
pub const MIN_PLAUSIBLE_ANNUAL: f64 = 5_000.0;
pub const MAX_PLAUSIBLE_ANNUAL: f64 = 500_000.0;

/// The period was not stated (`Autre`, `Cachet`, bare `De`) and was inferred from the amount.
pub const FLAG_PERIOD_INFERRED: &str = "period_inferred";
/// The stated unit contradicted the amount and was corrected.
pub const FLAG_UNIT_CORRECTED: &str = "unit_corrected";
/// min > max in the source; the bounds were swapped.
pub const FLAG_SWAPPED_BOUNDS: &str = "swapped_bounds";
/// The amounts are not believable even after correction; figures are null.
pub const FLAG_IMPLAUSIBLE: &str = "implausible";
/// The source gives 0 euros; figures are null.
pub const FLAG_ZERO_AMOUNT: &str = "zero_amount";
/// `sur N mois` outside 12–16 (e.g. `sur 1.0 mois`): kept in `months`, annualised × 12.
pub const FLAG_MONTHS_IGNORED: &str = "months_ignored";
/// The figures come from the free-text `commentaire`, not from `libelle`.
pub const FLAG_FROM_COMMENT: &str = "from_comment";
/// `libelle` is present but does not follow the known pattern; figures are null.
pub const FLAG_UNPARSED: &str = "unparsed";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Hour,
    Day,
    Month,
    Year,
    /// `Autre`, `Cachet`, bare `De`, or a unit word we do not know.
    Unstated,
}

#[derive(Debug, Clone, PartialEq)]
struct Parsed {
    unit: Unit,
    min: Option<f64>,
    max: Option<f64>,
    months: Option<f64>,
}

/// Builds the salary from `salaire.libelle` and `salaire.commentaire`. Never invents a
/// figure: unknown stays `None`.
pub fn salary(libelle: Option<&str>, commentaire: Option<&str>) -> Salary {
    let libelle = libelle.map(str::trim).filter(|s| !s.is_empty());
    let commentaire = commentaire.map(str::trim).filter(|s| !s.is_empty());
    if let Some(text) = libelle {
        return match parse_libelle(text) {
            Some(parsed) => from_parsed(parsed, text.to_string(), Vec::new()),
            None => Salary {
                raw: Some(text.to_string()),
                flags: vec![FLAG_UNPARSED.to_string()],
                ..Salary::default()
            },
        };
    }
    if let Some(text) = commentaire
        && let Some((min, max)) = parse_comment(text)
    {
        let parsed = Parsed {
            unit: Unit::Year,
            min: Some(min),
            max,
            months: None,
        };
        return from_parsed(
            parsed,
            text.to_string(),
            vec![FLAG_FROM_COMMENT.to_string()],
        );
    }
    Salary {
        raw: commentaire.map(str::to_string),
        ..Salary::default()
    }
}

/// Reads `<Unit> de <min> Euros[ à <max> Euros][ sur <n> mois][ - text]`. `None` when the
/// text does not start with a unit word.
fn parse_libelle(text: &str) -> Option<Parsed> {
    let head = match text.find(" - ") {
        Some(i) => &text[..i],
        None => text,
    };
    let mut tokens = head.split_whitespace().peekable();
    let first = tokens.next()?.to_lowercase();
    let unit = match first.as_str() {
        "horaire" => Unit::Hour,
        "mensuel" => Unit::Month,
        "annuel" => Unit::Year,
        "journalier" | "quotidien" => Unit::Day,
        "autre" | "cachet" | "de" | "hebdomadaire" => Unit::Unstated,
        _ => return None,
    };
    if first != "de" && tokens.peek().is_some_and(|t| t.eq_ignore_ascii_case("de")) {
        tokens.next();
    }
    let mut parsed = Parsed {
        unit,
        min: None,
        max: None,
        months: None,
    };
    let is_currency = |t: &str| {
        let t = t.to_lowercase();
        t == "euros" || t == "euro" || t == "€" || t == "eur"
    };
    // <min> Euros
    match tokens.peek().and_then(|t| parse_amount(t)) {
        Some(v) => {
            parsed.min = Some(v);
            tokens.next();
        }
        None => return Some(parsed),
    }
    if tokens.peek().is_some_and(|t| is_currency(t)) {
        tokens.next();
    }
    // à <max> Euros
    if tokens
        .peek()
        .is_some_and(|t| matches!(t.to_lowercase().as_str(), "à" | "a"))
    {
        tokens.next();
        if let Some(v) = tokens.peek().and_then(|t| parse_amount(t)) {
            parsed.max = Some(v);
            tokens.next();
            if tokens.peek().is_some_and(|t| is_currency(t)) {
                tokens.next();
            }
        }
    }
    // sur <n> mois
    if tokens.peek().is_some_and(|t| t.eq_ignore_ascii_case("sur")) {
        tokens.next();
        if let Some(v) = tokens.peek().and_then(|t| parse_amount(t)) {
            tokens.next();
            if tokens
                .peek()
                .is_some_and(|t| t.to_lowercase().starts_with("mois"))
            {
                parsed.months = Some(v);
            }
        }
    }
    Some(parsed)
}

/// Applies the correction rules and converts to annual gross euros.
fn from_parsed(p: Parsed, raw: String, mut flags: Vec<String>) -> Salary {
    let mut flag = |f: &str| flags.push(f.to_string());
    let months = p.months.filter(|n| *n > 0.0);
    let mut salary = Salary {
        months: months.map(|n| n as f32),
        raw: Some(raw),
        ..Salary::default()
    };
    let nonzero = |v: Option<f64>| v.filter(|v| *v > 0.0);
    let (mut min, mut max) = match (nonzero(p.min), nonzero(p.max)) {
        (Some(a), b) => (a, b),
        (None, Some(b)) => (b, None),
        (None, None) => {
            if p.min.is_some() {
                flag(FLAG_ZERO_AMOUNT);
            }
            salary.flags = flags;
            return salary;
        }
    };
    if let Some(m) = max
        && m < min
    {
        max = Some(min);
        min = m;
        flag(FLAG_SWAPPED_BOUNDS);
    }
    let top = max.unwrap_or(min);
    let period = match p.unit {
        Unit::Unstated => {
            flag(FLAG_PERIOD_INFERRED);
            if min < 100.0 {
                SalaryPeriod::Hour
            } else if min < 10_000.0 {
                SalaryPeriod::Month
            } else {
                SalaryPeriod::Year
            }
        }
        // a monthly amount labelled annual ("Annuel de 1800,00 Euros à 2000,00 Euros")
        Unit::Year if (1_000.0..5_000.0).contains(&min) && top < 10_000.0 => {
            flag(FLAG_UNIT_CORRECTED);
            SalaryPeriod::Month
        }
        // an annual amount labelled monthly ("Mensuel de 32000.0 Euros à 50000.0 Euros")
        Unit::Month if min >= 10_000.0 => {
            flag(FLAG_UNIT_CORRECTED);
            SalaryPeriod::Year
        }
        // an hourly rate labelled monthly ("Mensuel de 12,00 Euros")
        Unit::Month if min < 100.0 && top < 100.0 => {
            flag(FLAG_UNIT_CORRECTED);
            SalaryPeriod::Hour
        }
        // a monthly amount labelled hourly ("Horaire de 1852.95 Euros")
        Unit::Hour if (1_000.0..10_000.0).contains(&min) => {
            flag(FLAG_UNIT_CORRECTED);
            SalaryPeriod::Month
        }
        Unit::Hour => SalaryPeriod::Hour,
        Unit::Day => SalaryPeriod::Day,
        Unit::Month => SalaryPeriod::Month,
        Unit::Year => SalaryPeriod::Year,
    };
    let payments = match months {
        Some(n) if (12.0..=16.0).contains(&n) => n,
        Some(_) => {
            flag(FLAG_MONTHS_IGNORED);
            12.0
        }
        None => 12.0,
    };
    let factor = match period {
        SalaryPeriod::Hour => HOURS_PER_MONTH * payments,
        SalaryPeriod::Day => DAYS_PER_YEAR,
        SalaryPeriod::Month => payments,
        SalaryPeriod::Year => 1.0,
    };
    let min_annual = min * factor;
    let max_annual = max.map(|m| m * factor);
    salary.period = Some(period);
    let hourly_too_high = period == SalaryPeriod::Hour && min >= 100.0;
    if hourly_too_high
        || min_annual < MIN_PLAUSIBLE_ANNUAL
        || max_annual.unwrap_or(min_annual) > MAX_PLAUSIBLE_ANNUAL
    {
        flag(FLAG_IMPLAUSIBLE);
    } else {
        salary.min_annual_eur = Some(round2(min_annual));
        salary.max_annual_eur = max_annual.map(round2);
    }
    salary.flags = flags;
    salary
}

/// Annual amounts in a free-text `commentaire`: `35 - 45 k€ brut annuel`, `A partir de 34 k€`,
/// `20 400€/an`. Only `k€` amounts and `€` amounts marked annual (`/an`, `par an`, `annuel`)
/// of at least 10 000 are read; anything else is `None`.
fn parse_comment(text: &str) -> Option<(f64, Option<f64>)> {
    let lower = text.to_lowercase();
    let numbers = scan_numbers(&lower);
    if numbers.is_empty() {
        return None;
    }
    let suffix = |end: usize| lower[end..].trim_start();
    let is_k = |end: usize| {
        let s = suffix(end);
        let Some(rest) = s.strip_prefix('k') else {
            return false;
        };
        let rest = rest.trim_start();
        rest.starts_with('€') || rest.starts_with("eur") || rest.starts_with("brut")
    };
    let mut amounts: Vec<f64> = Vec::new();
    if numbers.iter().any(|n| is_k(n.end)) {
        for (i, n) in numbers.iter().enumerate() {
            let linked_to_next_k = numbers.get(i + 1).is_some_and(|next| {
                is_k(next.end)
                    && matches!(
                        lower[n.end..next.start].trim(),
                        "-" | "à" | "a" | "et" | "/" | "–"
                    )
            });
            if (is_k(n.end) || linked_to_next_k) && n.value < 1_000.0 {
                amounts.push(n.value * 1_000.0);
            }
        }
    } else {
        let annual = ["/an", "/ an", "par an", "annuel", "/année", "par année"]
            .iter()
            .any(|m| lower.contains(m));
        if !annual {
            return None;
        }
        for n in &numbers {
            let s = suffix(n.end);
            if (s.starts_with('€') || s.starts_with("eur")) && n.value >= 10_000.0 {
                amounts.push(n.value);
            }
        }
    }
    let min = *amounts.first()?;
    let max = amounts.get(1).copied();
    Some((min, max))
}

struct Number {
    value: f64,
    start: usize,
    end: usize,
}

/// Numbers in `text` with their byte span. `20 400` (a 3-digit group after a space) is one
/// number; `1,5` and `11.88` are decimals.
fn scan_numbers(text: &str) -> Vec<Number> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        // thousands groups: "20 400"
        if i - start <= 3 {
            while i + 3 < b.len()
                && b[i] == b' '
                && b[i + 1..i + 4].iter().all(u8::is_ascii_digit)
                && !b.get(i + 4).is_some_and(u8::is_ascii_digit)
            {
                i += 4;
            }
        }
        // decimals
        if i + 1 < b.len() && (b[i] == b'.' || b[i] == b',') && b[i + 1].is_ascii_digit() {
            i += 1;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
        }
        let digits: String = text[start..i].chars().filter(|c| *c != ' ').collect();
        if let Some(value) = parse_amount(&digits) {
            out.push(Number {
                value,
                start,
                end: i,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(libelle: &str) -> Salary {
        salary(Some(libelle), None)
    }

    fn figures(sal: &Salary) -> (Option<f64>, Option<f64>) {
        (sal.min_annual_eur, sal.max_annual_eur)
    }

    /// (libelle, period, min, max, months)
    type Case = (&'static str, SalaryPeriod, f64, Option<f64>, Option<f32>);

    #[test]
    fn every_profiled_pattern() {
        let hourly_12 = round2(12.0 * HOURS_PER_MONTH * 12.0);
        let cases: &[Case] = &[
            (
                "Horaire de 12.0 Euros à 14.0 Euros sur 12.0 mois",
                SalaryPeriod::Hour,
                hourly_12,
                Some(round2(14.0 * HOURS_PER_MONTH * 12.0)),
                Some(12.0),
            ),
            (
                "Annuel de 25000.0 Euros à 30000.0 Euros sur 12.0 mois",
                SalaryPeriod::Year,
                25000.0,
                Some(30000.0),
                Some(12.0),
            ),
            (
                "Mensuel de 2300.0 Euros à 2500.0 Euros sur 12.0 mois",
                SalaryPeriod::Month,
                27600.0,
                Some(30000.0),
                Some(12.0),
            ),
            (
                "Horaire de 12.0 Euros sur 12.0 mois",
                SalaryPeriod::Hour,
                hourly_12,
                None,
                Some(12.0),
            ),
            (
                "Mensuel de 1802.0 Euros sur 12.0 mois",
                SalaryPeriod::Month,
                21624.0,
                None,
                Some(12.0),
            ),
            (
                "Annuel de 25000,00 Euros à 26000,00 Euros",
                SalaryPeriod::Year,
                25000.0,
                Some(26000.0),
                None,
            ),
            (
                "Horaire de 12.00 Euros",
                SalaryPeriod::Hour,
                hourly_12,
                None,
                None,
            ),
            (
                "Mensuel de 1900.00 Euros sur 12 mois",
                SalaryPeriod::Month,
                22800.0,
                None,
                Some(12.0),
            ),
            (
                "Annuel de 32000.0 Euros sur 12.0 mois",
                SalaryPeriod::Year,
                32000.0,
                None,
                Some(12.0),
            ),
            (
                "Horaire de 15.09 Euros à 16.21 Euros",
                SalaryPeriod::Hour,
                round2(15.09 * HOURS_PER_MONTH * 12.0),
                Some(round2(16.21 * HOURS_PER_MONTH * 12.0)),
                None,
            ),
            (
                "Mensuel de 2000.00 Euros à 2500.00 Euros sur 13 mois",
                SalaryPeriod::Month,
                26000.0,
                Some(32500.0),
                Some(13.0),
            ),
            (
                "Horaire de 12.00 Euros sur 12 mois",
                SalaryPeriod::Hour,
                hourly_12,
                None,
                Some(12.0),
            ),
            (
                "Mensuel de 1617,00 Euros à 2499,00 Euros",
                SalaryPeriod::Month,
                19404.0,
                Some(29988.0),
                None,
            ),
            (
                "Annuel de 34000.00 Euros à 38000.00 Euros sur 12 mois",
                SalaryPeriod::Year,
                34000.0,
                Some(38000.0),
                Some(12.0),
            ),
            (
                "Mensuel de 1764,00 Euros",
                SalaryPeriod::Month,
                21168.0,
                None,
                None,
            ),
            (
                "Annuel de 31300,00 Euros",
                SalaryPeriod::Year,
                31300.0,
                None,
                None,
            ),
            (
                "Annuel de 26679.00 Euros sur 12 mois",
                SalaryPeriod::Year,
                26679.0,
                None,
                Some(12.0),
            ),
            (
                "Horaire de 12.00 Euros à 12.00 Euros sur 12 mois",
                SalaryPeriod::Hour,
                hourly_12,
                Some(hourly_12),
                Some(12.0),
            ),
            (
                "Horaire de 12,00 Euros à 12,00 Euros",
                SalaryPeriod::Hour,
                hourly_12,
                Some(hourly_12),
                None,
            ),
            (
                "Mensuel de 2500 Euros à 2800 Euros sur 12 mois",
                SalaryPeriod::Month,
                30000.0,
                Some(33600.0),
                Some(12.0),
            ),
            (
                "Annuel de 40000 Euros à 45000 Euros sur 12 mois",
                SalaryPeriod::Year,
                40000.0,
                Some(45000.0),
                Some(12.0),
            ),
            (
                "Annuel de 40000.0 Euros à 45000.0 Euros",
                SalaryPeriod::Year,
                40000.0,
                Some(45000.0),
                None,
            ),
            (
                "Annuel de 35000 Euros sur 12 mois",
                SalaryPeriod::Year,
                35000.0,
                None,
                Some(12.0),
            ),
            (
                "Mensuel de 1294 Euros sur 12 mois",
                SalaryPeriod::Month,
                15528.0,
                None,
                Some(12.0),
            ),
            (
                "Annuel de 38000.0 Euros à 43000.0 Euros sur 13.0 mois",
                SalaryPeriod::Year,
                38000.0,
                Some(43000.0),
                Some(13.0),
            ),
            (
                "Mensuel de 2000.0 Euros sur 13.5 mois",
                SalaryPeriod::Month,
                27000.0,
                None,
                Some(13.5),
            ),
            (
                "Horaire de 12.5 Euros à 13.5 Euros - Panier repas",
                SalaryPeriod::Hour,
                round2(12.5 * HOURS_PER_MONTH * 12.0),
                Some(round2(13.5 * HOURS_PER_MONTH * 12.0)),
                None,
            ),
        ];
        for (libelle, period, min, max, months) in cases {
            let sal = s(libelle);
            assert_eq!(sal.period, Some(*period), "{libelle}");
            assert_eq!(figures(&sal), (Some(*min), *max), "{libelle}");
            assert_eq!(sal.months, *months, "{libelle}");
            assert!(sal.flags.is_empty(), "{libelle}: {:?}", sal.flags);
            assert_eq!(sal.raw.as_deref(), Some(*libelle));
        }
    }

    #[test]
    fn unstated_units_are_inferred_and_flagged() {
        let sal = s("Autre de 1839,76 Euros à 1935,31 Euros");
        assert_eq!(sal.period, Some(SalaryPeriod::Month));
        assert_eq!(
            figures(&sal),
            (Some(round2(1839.76 * 12.0)), Some(round2(1935.31 * 12.0)))
        );
        assert_eq!(sal.flags, vec![FLAG_PERIOD_INFERRED]);

        let sal = s("Autre de 13,98 Euros à 13,98 Euros");
        assert_eq!(sal.period, Some(SalaryPeriod::Hour));
        let sal = s("De 20000,00 Euros à 20000,00 Euros");
        assert_eq!(sal.period, Some(SalaryPeriod::Year));
        assert_eq!(figures(&sal), (Some(20000.0), Some(20000.0)));
        assert_eq!(sal.flags, vec![FLAG_PERIOD_INFERRED]);
        let sal = s("De 13,00 Euros à 14,00 Euros");
        assert_eq!(sal.period, Some(SalaryPeriod::Hour));

        // a per-performance fee: read as monthly by magnitude, then too low for a year
        let sal = s("Cachet de 138.85 Euros");
        assert_eq!(sal.period, Some(SalaryPeriod::Month));
        assert_eq!(figures(&sal), (None, None));
        assert_eq!(sal.flags, vec![FLAG_PERIOD_INFERRED, FLAG_IMPLAUSIBLE]);
        let sal = s("Cachet de 50000,00 Euros à 55000,00 Euros");
        assert_eq!(sal.period, Some(SalaryPeriod::Year));
    }

    #[test]
    fn swapped_bounds() {
        let sal = s("Annuel de 60000,00 Euros à 40000,00 Euros");
        assert_eq!(figures(&sal), (Some(40000.0), Some(60000.0)));
        assert_eq!(sal.flags, vec![FLAG_SWAPPED_BOUNDS]);
        let sal = s("Mensuel de 5500.0 Euros à 4200.0 Euros sur 12.0 mois");
        assert_eq!(figures(&sal), (Some(50400.0), Some(66000.0)));
        assert_eq!(sal.flags, vec![FLAG_SWAPPED_BOUNDS]);
    }

    #[test]
    fn unit_errors_are_corrected() {
        let sal = s("Annuel de 1800,00 Euros à 2000,00 Euros");
        assert_eq!(sal.period, Some(SalaryPeriod::Month));
        assert_eq!(figures(&sal), (Some(21600.0), Some(24000.0)));
        assert_eq!(sal.flags, vec![FLAG_UNIT_CORRECTED]);

        let sal = s("Mensuel de 32000.0 Euros à 50000.0 Euros sur 12.0 mois");
        assert_eq!(sal.period, Some(SalaryPeriod::Year));
        assert_eq!(figures(&sal), (Some(32000.0), Some(50000.0)));
        assert_eq!(sal.flags, vec![FLAG_UNIT_CORRECTED]);

        let sal = s("Annuel de 1000,00 Euros");
        assert_eq!(
            (sal.period, sal.min_annual_eur),
            (Some(SalaryPeriod::Month), Some(12000.0))
        );
        assert_eq!(sal.flags, vec![FLAG_UNIT_CORRECTED]);

        let sal = s("Mensuel de 12,00 Euros");
        assert_eq!(sal.period, Some(SalaryPeriod::Hour));
        assert_eq!(
            figures(&sal),
            (Some(round2(12.0 * HOURS_PER_MONTH * 12.0)), None)
        );
        assert_eq!(sal.flags, vec![FLAG_UNIT_CORRECTED]);

        let sal = s("Horaire de 1852.95 Euros sur 12 mois");
        assert_eq!(sal.period, Some(SalaryPeriod::Month));
        assert_eq!(figures(&sal), (Some(round2(1852.95 * 12.0)), None));
        assert_eq!(sal.flags, vec![FLAG_UNIT_CORRECTED]);
    }

    #[test]
    fn implausible_amounts_are_nulled() {
        for libelle in [
            "Annuel de 11,00 Euros",
            "Annuel de 486,00 Euros à 1801,00 Euros",
            "Annuel de 550000.0 Euros sur 12.0 mois",
            "Annuel de 45000,00 Euros à 550000,00 Euros",
            "Autre de 30000,00 Euros à 600000,00 Euros",
            "Mensuel de 600000.0 Euros à 650000.0 Euros sur 12.0 mois",
            "Horaire de 450.0 Euros",
        ] {
            let sal = s(libelle);
            assert_eq!(figures(&sal), (None, None), "{libelle}");
            assert!(
                sal.flags.contains(&FLAG_IMPLAUSIBLE.to_string()),
                "{libelle}: {:?}",
                sal.flags
            );
            assert_eq!(sal.raw.as_deref(), Some(libelle));
        }
    }

    #[test]
    fn no_amount_means_no_salary() {
        let sal = s("Annuel de");
        assert_eq!(figures(&sal), (None, None));
        assert_eq!(sal.period, None);
        assert!(sal.flags.is_empty());
        assert_eq!(sal.raw.as_deref(), Some("Annuel de"));

        let sal = s("Annuel de 0.0 Euros");
        assert_eq!(figures(&sal), (None, None));
        assert_eq!(sal.flags, vec![FLAG_ZERO_AMOUNT]);

        let sal = s("Selon profil");
        assert_eq!(figures(&sal), (None, None));
        assert_eq!(sal.flags, vec![FLAG_UNPARSED]);
    }

    #[test]
    fn odd_month_counts() {
        let sal = s("Mensuel de 2000.0 Euros sur 0.0 mois");
        assert_eq!(sal.months, None);
        assert_eq!(figures(&sal), (Some(24000.0), None));
        assert!(sal.flags.is_empty());
        let sal = s("Mensuel de 2000.0 Euros sur 1.0 mois");
        assert_eq!(sal.months, Some(1.0));
        assert_eq!(figures(&sal), (Some(24000.0), None));
        assert_eq!(sal.flags, vec![FLAG_MONTHS_IGNORED]);
        let sal = s("Horaire de 12.0 Euros sur 13.0 mois");
        assert_eq!(
            sal.min_annual_eur,
            Some(round2(12.0 * HOURS_PER_MONTH * 13.0))
        );
    }

    #[test]
    fn reads_annual_amounts_in_comments() {
        let c = |text: &str| salary(None, Some(text));
        let sal = c("35 - 45 k€ brut annuel");
        assert_eq!(figures(&sal), (Some(35000.0), Some(45000.0)));
        assert_eq!(sal.period, Some(SalaryPeriod::Year));
        assert_eq!(sal.flags, vec![FLAG_FROM_COMMENT]);
        assert_eq!(sal.raw.as_deref(), Some("35 - 45 k€ brut annuel"));
        assert_eq!(
            figures(&c("A partir de 34 k€ brut annuel")),
            (Some(34000.0), None)
        );
        assert_eq!(figures(&c("A partir de 30k€")), (Some(30000.0), None));
        assert_eq!(
            figures(&c("55 - 60 K€ brut annuel")),
            (Some(55000.0), Some(60000.0))
        );
        assert_eq!(
            figures(&c("20 400€/an + commissions")),
            (Some(20400.0), None)
        );
        assert_eq!(
            figures(&c("Entre 40000 € et 45000 € par an")),
            (Some(40000.0), Some(45000.0))
        );

        // never invented
        for text in [
            "Selon profil",
            "1807€ net ",
            "11.88",
            "Selon CCN66",
            "13ème mois",
            "2500 à 3000€ SELON PROFIL",
        ] {
            let sal = c(text);
            assert_eq!(figures(&sal), (None, None), "{text}");
            assert!(sal.flags.is_empty(), "{text}");
            assert_eq!(sal.raw.as_deref(), Some(text.trim()));
        }
        assert_eq!(salary(None, None), Salary::default());
    }

    #[test]
    fn libelle_wins_over_comment() {
        let sal = salary(Some("Mensuel de 2000.0 Euros sur 12.0 mois"), Some("40 k€"));
        assert_eq!(sal.min_annual_eur, Some(24000.0));
        assert_eq!(
            sal.raw.as_deref(),
            Some("Mensuel de 2000.0 Euros sur 12.0 mois")
        );
    }
}
