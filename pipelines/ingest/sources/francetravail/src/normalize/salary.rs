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
/// The figures come from the offer's description (no figure in `salaire`).
pub const FLAG_FROM_DESCRIPTION: &str = "from_description";
/// The amount is stated net (`1500 € net`); it is annualised as stated, not grossed up.
pub const FLAG_NET_AMOUNT: &str = "net_amount";
/// `libelle` is present but does not follow the known pattern; figures are null.
pub const FLAG_UNPARSED: &str = "unparsed";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    /// Weekly amounts are never read (`285€/semaine` of on-call pay).
    Week,
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
    if let Some(salary) = commentaire.and_then(from_comment) {
        return salary;
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
    // ASCII case is enough: no other character lowercases to an ASCII letter of these words
    let first = tokens.next()?;
    let is = |word: &str| first.eq_ignore_ascii_case(word);
    let unit = if is("horaire") {
        Unit::Hour
    } else if is("mensuel") {
        Unit::Month
    } else if is("annuel") {
        Unit::Year
    } else if is("journalier") || is("quotidien") {
        Unit::Day
    } else if is("autre") || is("cachet") || is("de") || is("hebdomadaire") {
        Unit::Unstated
    } else {
        return None;
    };
    if !is("de") && tokens.peek().is_some_and(|t| t.eq_ignore_ascii_case("de")) {
        tokens.next();
    }
    let mut parsed = Parsed {
        unit,
        min: None,
        max: None,
        months: None,
    };
    let is_currency = |t: &str| {
        t.eq_ignore_ascii_case("euros")
            || t.eq_ignore_ascii_case("euro")
            || t == "€"
            || t.eq_ignore_ascii_case("eur")
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
        .is_some_and(|t| matches!(*t, "à" | "À" | "a" | "A"))
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
                .is_some_and(|t| t.get(..4).is_some_and(|m| m.eq_ignore_ascii_case("mois")))
            {
                parsed.months = Some(v);
            }
        }
    }
    Some(parsed)
}

/// Applies the correction rules and converts to annual gross euros.
fn from_parsed(p: Parsed, raw: String, mut flags: Vec<String>) -> Salary {
    if p.unit == Unit::Week {
        return Salary {
            raw: Some(raw),
            flags,
            ..Salary::default()
        };
    }
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
        // (weekly amounts returned above)
        Unit::Unstated | Unit::Week => {
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
    // a single amount gives the same min and max
    let max_annual = max.unwrap_or(min) * factor;
    salary.period = Some(period);
    let hourly_too_high = period == SalaryPeriod::Hour && min >= 100.0;
    if hourly_too_high || min_annual < MIN_PLAUSIBLE_ANNUAL || max_annual > MAX_PLAUSIBLE_ANNUAL {
        flag(FLAG_IMPLAUSIBLE);
    } else {
        salary.min_annual_eur = Some(round2(min_annual));
        salary.max_annual_eur = Some(round2(max_annual));
    }
    salary.flags = flags;
    salary
}

/// Builds the salary like [`salary`], then, when neither `salaire.libelle` nor
/// `salaire.commentaire` states a figure (`Salaire selon profil`, absent…), reads it from
/// the offer's description (see [`from_description`]). Never invents a figure.
pub fn salary_with_description(
    libelle: Option<&str>,
    commentaire: Option<&str>,
    description: Option<&str>,
) -> Salary {
    let base = salary(libelle, commentaire);
    let libelle_has_figure = libelle.is_some_and(|l| l.bytes().any(|b| b.is_ascii_digit()));
    if base.min_annual_eur.is_some() || libelle_has_figure {
        return base;
    }
    description.and_then(from_description).unwrap_or(base)
}

/// Words that mark a pay statement in a description: an amount counts only when one of
/// them is in the same sentence, before it (or when the amount carries its own pay marker,
/// see [`Found::self_evident`]).
const PAY_WORDS: &[&str] = &[
    "salaire",
    "salarial",
    "rémunér",
    "remuner",
    "rétribution",
    "retribution",
    "package",
    "gratification",
    "fourchette",
    "tjm",
    "brut annuel",
    "brute annuelle",
];

/// Words that, shortly before an amount in the same sentence, say it is not pay.
const NOT_PAY_BEFORE: &[&str] = &[
    "prime",
    "bonus",
    "commission",
    "variable",
    "intéressement",
    "interessement",
    "participation",
    "abondement",
    "chiffre d",
    "ca de",
    "ca :",
    "capital",
    "budget",
    "ticket",
    "titre-restaurant",
    "titres-restaurant",
    "titre restaurant",
    "titres restaurant",
    "restaurant",
    "repas",
    "panier",
    "indemnit",
    "frais",
    "rembours",
    "valeur",
    "mutuelle",
    "coopt",
    "chèque",
    "cheque",
    "allocation",
    "transport",
    "vélo",
    "velo",
    "km",
    "cse",
    "levée",
    "financ",
    "invest",
    "subvention",
    "dotation",
    "enveloppe",
    "loyer",
    "prix",
    "tarif",
    "coût",
    "facturation",
    "vente",
];

/// Words right after an amount that say it is not pay (`jusqu'à 2 000 € de prime`).
const NOT_PAY_AFTER: &[&str] = &[
    "de prime",
    "prime",
    "de bonus",
    "de ca",
    "de chiffre",
    "d'affaires",
    "de budget",
    "de capital",
    "de commission",
    "de variable",
    "d'indemnit",
    "de frais",
    "de rembours",
    "de cooptation",
    "de participation",
    "d'intéressement",
    "de dotation",
    "de levée",
    "de financement",
    "de vente",
    "ttc",
];

/// The salary stated in a description, or `None`. Amounts are read like in comments
/// (`38-45k€`, `38 à 45 K€`, `entre 38 000 et 45 000 €`, `2 000 € brut par mois`,
/// `12 € de l'heure`) and kept only when a pay word ([`PAY_WORDS`]) leads to them in the
/// same sentence or they carry their own pay marker (`k€ brut`, `brut annuel`, `€/an`,
/// `par an`, `mensuel brut`), when no word around them says they are something else
/// (bonuses, turnover, budgets, meal vouchers, allowances, `M€`), and when their unit is
/// consistent with their size (no unit correction here). The first such amount wins.
/// Flagged [`FLAG_FROM_DESCRIPTION`] (and [`FLAG_NET_AMOUNT`] for net amounts).
pub fn from_description(text: &str) -> Option<Salary> {
    if next_digit(text.as_bytes(), 0) == text.len() {
        return None;
    }
    let lower = lower_same_len(text);
    for found in find_amounts(&lower) {
        let pay_word = PAY_WORDS.iter().any(|w| found.before.contains(w));
        if !(pay_word || found.self_evident) || found.not_pay || found.unit == Unit::Week {
            continue;
        }
        // explicit units must fit the size: no correction from free text
        let fits = match found.unit {
            Unit::Hour => (8.0..100.0).contains(&found.min),
            Unit::Day => (50.0..2_000.0).contains(&found.min),
            Unit::Month => (400.0..20_000.0).contains(&found.min),
            Unit::Year => found.min >= 10_000.0,
            Unit::Unstated => found.min < 100.0 || found.min >= 1_000.0,
            Unit::Week => false,
        };
        if !fits {
            continue;
        }
        let mut flags = vec![FLAG_FROM_DESCRIPTION.to_string()];
        if found.net {
            flags.push(FLAG_NET_AMOUNT.to_string());
        }
        let raw = text[found.raw_start..found.raw_end].trim().to_string();
        let salary = from_parsed(found.parsed(), raw, flags);
        if salary.min_annual_eur.is_some() && !salary.flags.iter().any(|f| f == FLAG_UNIT_CORRECTED)
        {
            return Some(salary);
        }
    }
    None
}

/// The salary in a free-text `commentaire`: `35 - 45 k€ brut annuel`, `A partir de 34 k€`,
/// `20 400€/an`, `1977€ BRUT/mois`, `2 000 € brut mensuel`, `1500 € net` (taken as stated,
/// flagged [`FLAG_NET_AMOUNT`]), `26/27 K / an`, `Entre 12 et 14€ brut`. Amounts need a
/// currency, a `k`, or a `brut` / `net` / period word: a bare `11.88` or `2050` is not read.
/// Without a stated period, the size decides (hourly under 100, monthly under 10 000).
fn from_comment(text: &str) -> Option<Salary> {
    let lower = lower_same_len(text);
    for found in find_amounts(&lower) {
        if found.not_pay || found.unit == Unit::Week {
            continue;
        }
        let mut flags = vec![FLAG_FROM_COMMENT.to_string()];
        if found.net {
            flags.push(FLAG_NET_AMOUNT.to_string());
        }
        let salary = from_parsed(found.parsed(), text.to_string(), flags);
        if salary.min_annual_eur.is_some() {
            return Some(salary);
        }
    }
    None
}

/// `s` lowercased where that keeps the byte length (ASCII letters, and the accented
/// capitals `À`–`Þ` and `Œ`), so byte offsets in the result are offsets in `s`. Other
/// characters are kept as they are.
fn lower_same_len(s: &str) -> String {
    let mut lower = s.to_ascii_lowercase();
    // Accented capitals are rare: only the lead bytes of 2-byte Latin letters (found by a
    // fast scan) are looked at, and the few capitals swapped in place.
    let bytes = s.as_bytes();
    for at in memchr::memchr2_iter(0xC3, 0xC5, bytes) {
        let small = match (bytes[at], bytes.get(at + 1)) {
            // U+00C0..=U+00DE (not U+00D7 ×) → U+00E0..=U+00FE
            (0xC3, Some(&b @ 0x80..=0x9E)) if b != 0x97 => {
                char::from_u32(0xC0 + u32::from(b - 0x80) + 0x20)
            }
            // Œ → œ
            (0xC5, Some(0x92)) => Some('œ'),
            _ => None,
        };
        if let Some(small) = small {
            lower.replace_range(at..at + 2, small.encode_utf8(&mut [0; 4]));
        }
    }
    lower
}

/// One amount or range of amounts found in a text, with what surrounds it.
#[derive(Debug)]
struct Found {
    min: f64,
    max: Option<f64>,
    unit: Unit,
    months: Option<f64>,
    net: bool,
    /// The sentence before the amount (from the last break), lowercased.
    before: String,
    /// Carries its own pay marker: `k€ brut`, `€ brut annuel`, `€/an`, `par an`,
    /// `brut mensuel`.
    self_evident: bool,
    /// A word around it says it is not pay.
    not_pay: bool,
    raw_start: usize,
    raw_end: usize,
}

impl Found {
    fn parsed(&self) -> Parsed {
        Parsed {
            unit: self.unit,
            min: Some(self.min),
            max: self.max,
            months: self.months,
        }
    }
}

/// What follows a number: `k`, a currency, `brut` / `net`…
#[derive(Debug, Default, Clone, Copy)]
struct After {
    kilo: bool,
    currency: bool,
    /// `$`, `CHF`, `£`: not euros.
    foreign: bool,
    /// `M€`, `millions`, `%`: not a pay amount.
    other: bool,
    /// `brut`, `net` right after (possibly after the currency).
    qualifier: bool,
    /// Byte offset past the `k` and the currency.
    end: usize,
}

/// The last `n` bytes of `s` or fewer, cut at a character boundary.
fn last_bytes(s: &str, n: usize) -> &str {
    let mut k = s.len().saturating_sub(n);
    while !s.is_char_boundary(k) {
        k += 1;
    }
    &s[k..]
}

fn skip_spaces(s: &str, mut i: usize) -> usize {
    while let Some(c) = s[i..].chars().next() {
        if matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\t') {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}

fn starts_with_word(s: &str, word: &str) -> bool {
    s.starts_with(word) && !s[word.len()..].starts_with(|c: char| c.is_alphabetic())
}

fn is_qualifier(s: &str) -> bool {
    [
        "brut", "bruts", "brute", "brutes", "net", "nets", "nette", "nettes",
    ]
    .iter()
    .any(|w| starts_with_word(s, w))
}

fn read_after(lower: &str, pos: usize, value: f64) -> After {
    let mut a = After {
        end: pos,
        ..After::default()
    };
    let mut i = skip_spaces(lower, pos);
    let rest = &lower[i..];
    if rest.starts_with('%')
        || rest.starts_with("m€")
        || starts_with_word(rest, "meur")
        || rest.starts_with("million")
        || rest.starts_with("milliard")
        || starts_with_word(rest, "md")
        || rest.starts_with("md€")
        || starts_with_word(rest, "mds")
    {
        a.other = true;
        return a;
    }
    if rest.starts_with('k')
        && (!rest[1..].starts_with(|c: char| c.is_alphabetic()) || rest[1..].starts_with("eur"))
    {
        a.kilo = true;
        i = skip_spaces(lower, i + 1);
        a.end = i;
    }
    let rest = &lower[i..];
    let currency_len = if rest.starts_with('€') {
        Some('€'.len_utf8())
    } else if rest.starts_with("&euro;") {
        Some(6)
    } else if starts_with_word(rest, "euros") {
        Some(5)
    } else if starts_with_word(rest, "euro") {
        Some(4)
    } else if starts_with_word(rest, "eur") {
        Some(3)
    } else if starts_with_word(rest, "e") && (value >= 100.0 || a.kilo) {
        Some(1)
    } else {
        None
    };
    if let Some(len) = currency_len {
        a.currency = true;
        i += len;
        a.end = i;
    } else if rest.starts_with('$')
        || rest.starts_with('£')
        || starts_with_word(rest, "usd")
        || starts_with_word(rest, "chf")
        || starts_with_word(rest, "gbp")
        || rest.starts_with("dollar")
    {
        a.foreign = true;
        return a;
    }
    a.qualifier = is_qualifier(&lower[skip_spaces(lower, i)..]);
    a
}

/// Rate words that may follow a bare number (`926,00 par mois`, `11,65/heure`); `heures`
/// alone is a count of hours, not a rate.
const RATES: &[&str] = &[
    "/h", "/ h", "de l'h", "de l’h", "par h", "/mois", "/ mois", "par mois", "mensu", "/an",
    "/ an", "par an", "annuel", "/j", "par jour",
];

fn starts_with_rate(s: &str) -> bool {
    RATES.iter().any(|r| s.starts_with(r))
}

/// Whether the text between two amounts makes them a range (`-`, `à`, `et`, `/`,
/// `jusqu'à`), possibly after `brut` and a rate (`11,88 € brut de l'heure à 12,75 €`).
fn is_range_link(between: &str) -> bool {
    let mut t = between.trim();
    for q in ["bruts", "brut", "nets", "net"] {
        if let Some(rest) = t.strip_prefix(q) {
            t = rest.trim_start();
            break;
        }
    }
    for r in [
        "de l'heure",
        "de l’heure",
        "/heure",
        "/ heure",
        "/h",
        "par heure",
        "/ horaire",
    ] {
        if let Some(rest) = t.strip_prefix(r) {
            t = rest.trim_start();
            break;
        }
    }
    matches!(
        t,
        "-" | "–" | "—" | "à" | "a" | "et" | "/" | "au" | "to" | "jusqu'à" | "jusqu’à"
    )
}

/// Byte offset of the start of the sentence containing `pos`, looking back at most
/// `limit` bytes.
fn sentence_start(lower: &str, pos: usize, limit: usize) -> usize {
    let b = lower.as_bytes();
    let floor = pos.saturating_sub(limit);
    let mut i = pos;
    while i > floor {
        let c = b[i - 1];
        let is_break = match c {
            // "Rémunération :\n35K à 45K": a heading line goes on in the next line
            b'\n' => !lower[..i - 1].trim_end().ends_with(':'),
            b';' | b'!' | b'?' | b'*' | b'|' => true,
            b'.' => !b.get(i).is_some_and(u8::is_ascii_digit),
            _ => false,
        };
        if is_break {
            return i;
        }
        i -= 1;
    }
    while !lower.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Byte offset of the end of the clause starting at `pos`, at most `limit` bytes on.
fn clause_end(lower: &str, pos: usize, limit: usize) -> usize {
    let b = lower.as_bytes();
    let ceil = (pos + limit).min(b.len());
    let mut i = pos;
    while i < ceil {
        let is_break = match b[i] {
            b'\n' | b';' | b'!' | b'?' | b'*' | b'|' | b'+' | b')' => true,
            b'.' | b',' => !b.get(i + 1).is_some_and(u8::is_ascii_digit),
            _ => false,
        };
        if is_break {
            return i;
        }
        i += 1;
    }
    while !lower.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Period words, in the text after an amount or in its sentence before it. `stem` words
/// may go on (`annuel` → `annuelle`); the others must end there.
const PERIOD_WORDS: &[(&str, Unit, bool)] = &[
    ("/h", Unit::Hour, false),
    ("/ h", Unit::Hour, false),
    ("/hor", Unit::Hour, true),
    ("/heure", Unit::Hour, false),
    ("heure", Unit::Hour, true),
    ("horaire", Unit::Hour, true),
    ("de l'h", Unit::Hour, true),
    ("de l’h", Unit::Hour, true),
    ("par h", Unit::Hour, true),
    ("/j", Unit::Day, true),
    ("/ j", Unit::Day, true),
    ("par jour", Unit::Day, false),
    ("journali", Unit::Day, true),
    ("tjm", Unit::Day, false),
    ("/mois", Unit::Month, false),
    ("/ mois", Unit::Month, false),
    ("par mois", Unit::Month, false),
    ("mensu", Unit::Month, true),
    ("/an", Unit::Year, true),
    ("/ an", Unit::Year, true),
    ("par an", Unit::Year, true),
    ("annuel", Unit::Year, true),
    ("/semaine", Unit::Week, false),
    ("par semaine", Unit::Week, false),
    ("hebdo", Unit::Week, true),
];

/// The first period word in `s` and its position.
fn first_period(s: &str) -> Option<(usize, Unit)> {
    let b = s.as_bytes();
    for p in 0..b.len() {
        if !matches!(b[p], b'/' | b'h' | b'd' | b'p' | b'j' | b't' | b'm' | b'a') {
            continue;
        }
        let rest = &s.as_bytes()[p..];
        for (word, unit, stem) in PERIOD_WORDS {
            if !rest.starts_with(word.as_bytes()) {
                continue;
            }
            let after = &s[p + word.len()..];
            if *stem
                || !after.starts_with(|c: char| c.is_alphabetic())
                || (*word == "/an" && after.starts_with("née"))
            {
                return Some((p, *unit));
            }
        }
    }
    None
}

/// `sur 13 mois`, `x 13,5 mois`: the number of monthly payments and where it starts.
fn months_count(s: &str) -> Option<(usize, f64)> {
    for n in scan_numbers(s) {
        let before = s[..n.start].trim_end();
        let after = s[n.end..].trim_start();
        if after.starts_with("mois")
            && (before.ends_with("sur") || before.ends_with('x') || before.ends_with('×'))
        {
            let start = before
                .rfind(|c: char| c.is_whitespace())
                .map_or(0, |p| p + 1);
            return Some((start, n.value));
        }
    }
    None
}

/// Whether `s` has the word `net` (`net`, `nets`, `nette`), not inside another word.
fn has_net(s: &str) -> bool {
    let b = s.as_bytes();
    s.match_indices("net").any(|(p, _)| {
        let before_ok = p == 0 || !b[p - 1].is_ascii_alphabetic();
        let rest = &s[p + 3..];
        before_ok
            && (!rest.starts_with(|c: char| c.is_alphabetic())
                || starts_with_word(rest, "s")
                || starts_with_word(rest, "te")
                || starts_with_word(rest, "tes"))
    })
}

/// Every amount or range of amounts in `lower` that is marked as money (a currency, a `k`,
/// `brut` / `net`, or a period word right after), in text order.
fn find_amounts(lower: &str) -> Vec<Found> {
    let numbers = scan_numbers(lower);
    let afters: Vec<After> = numbers
        .iter()
        .map(|n| read_after(lower, n.end, n.value))
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < numbers.len() {
        let (n, a) = (&numbers[i], afters[i]);
        if a.foreign || a.other {
            i += 1;
            continue;
        }
        let mut group: Option<(f64, Option<f64>, After, usize)> = None;
        if let Some((m, b)) = numbers.get(i + 1).zip(afters.get(i + 1))
            && is_range_link(&lower[a.end..m.start])
        {
            if b.foreign || b.other {
                i += 2;
                continue;
            }
            let kilo = a.kilo || b.kilo;
            let scale = |v: f64| if kilo && v < 1_000.0 { v * 1_000.0 } else { v };
            let (lo, hi) = (scale(n.value), scale(m.value));
            let (small, big) = if lo <= hi { (lo, hi) } else { (hi, lo) };
            if small > 0.0 && big <= small * 3.0 {
                let merged = After {
                    kilo,
                    currency: a.currency || b.currency,
                    qualifier: a.qualifier || b.qualifier,
                    foreign: false,
                    other: false,
                    end: b.end,
                };
                group = Some((lo, Some(hi), merged, i + 2));
            } else if !(a.kilo || a.currency || a.qualifier) {
                // "De 300 à 1000 euros": not one pay range, and neither end alone
                i += 2;
                continue;
            }
        }
        let (min, max, marks, next) = group.unwrap_or_else(|| {
            let v = if a.kilo { n.value * 1_000.0 } else { n.value };
            (v, None, a, i + 1)
        });
        i = next;
        let tail_end = clause_end(lower, marks.end, 60);
        let tail = &lower[marks.end..tail_end];
        let bare_tail = tail.trim_start_matches([' ', '-', ':', '\u{a0}']);
        let marked = marks.kilo || marks.currency || marks.qualifier;
        if !marked && !starts_with_rate(bare_tail) {
            continue;
        }
        let months = months_count(tail);
        let unit_zone = &tail[..months.map_or(tail.len(), |(p, _)| p)];
        let seg_start = sentence_start(lower, n.start, 100);
        let before = &lower[seg_start..n.start];
        let near_before = last_bytes(before, 60);
        let period_in_tail = first_period(unit_zone).map(|(_, u)| u);
        let mut unit = period_in_tail
            .or_else(|| first_period(near_before).map(|(_, u)| u))
            .unwrap_or(Unit::Unstated);
        if marks.kilo && !(unit == Unit::Month && min < 10_000.0) && unit != Unit::Week {
            unit = Unit::Year;
        }
        // "1 500 € brut de prime": look past a qualifier too
        let after_qualifier = bare_tail
            .split_once(' ')
            .filter(|_| is_qualifier(bare_tail))
            .map_or(bare_tail, |(_, rest)| rest.trim_start());
        let not_pay = NOT_PAY_BEFORE
            .iter()
            .any(|w| last_bytes(before, 50).contains(w))
            || NOT_PAY_AFTER
                .iter()
                .any(|w| bare_tail.starts_with(w) || after_qualifier.starts_with(w));
        let period_in_tail = first_period(unit_zone).map(|(_, u)| u);
        let self_evident = (marks.kilo || marks.currency)
            && (period_in_tail == Some(Unit::Year)
                || (marks.kilo && bare_tail.starts_with("brut"))
                || (period_in_tail == Some(Unit::Month) && tail.contains("brut"))
                // an item of a dash-separated summary line: "CDI - Nice - 40-55K - …"
                || (marks.kilo
                    && before.trim_end().ends_with(['-', '–'])
                    && tail.trim_start().starts_with(['-', '–'])));
        let net = has_net(tail) || has_net(last_bytes(before, 30));
        out.push(Found {
            min,
            max,
            unit,
            months: months.map(|(_, v)| v),
            net,
            before: before.to_string(),
            self_evident,
            not_pay,
            raw_start: seg_start,
            raw_end: tail_end,
        });
    }
    out
}

/// Index of the first ASCII digit at or after `from`, `b.len()` when there is none. Digits
/// are sparse in descriptions: blocks of 16 bytes are tested at once (a branch-free test
/// the compiler vectorises) before the digit is looked for byte by byte.
fn next_digit(b: &[u8], mut from: usize) -> usize {
    while let Some(block) = b.get(from..from + 16) {
        if block.iter().fold(false, |any, x| any | x.is_ascii_digit()) {
            break;
        }
        from += 16;
    }
    b[from..]
        .iter()
        .position(u8::is_ascii_digit)
        .map_or(b.len(), |p| from + p)
}

struct Number {
    value: f64,
    start: usize,
    end: usize,
}

/// A thousands separator at `i` (space, no-break space, narrow no-break space, a mangled
/// `¿`, `.` or `,`) followed by exactly three digits: its byte length.
fn thousands_separator(b: &[u8], i: usize) -> Option<usize> {
    let len = match b.get(i..)? {
        [b' ' | b'.' | b',', ..] => 1,
        [0xC2, 0xA0 | 0xBF, ..] => 2,
        [0xE2, 0x80, 0xAF, ..] => 3,
        _ => return None,
    };
    let digits = b.get(i + len..i + len + 3)?;
    let then = b.get(i + len + 3);
    (digits.iter().all(u8::is_ascii_digit) && !then.is_some_and(u8::is_ascii_digit)).then_some(len)
}

/// Numbers in `text` with their byte span. `20 400`, `42 000` (no-break spaces too),
/// `42,000` and `2.500` (a 3-digit group) are one number; `1,5`, `11.88` and `1 700,00` are
/// decimals. A number glued to a letter before it (`CCN66`, `35h30`) is skipped.
fn scan_numbers(text: &str) -> Vec<Number> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i = next_digit(b, i);
            continue;
        }
        if i > 0 && b[i - 1].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        let mut value = 0.0f64;
        let mut int_digits = 0;
        while i < b.len() && b[i].is_ascii_digit() {
            value = value * 10.0 + f64::from(b[i] - b'0');
            int_digits += 1;
            i += 1;
        }
        if int_digits <= 3 {
            while let Some(len) = thousands_separator(b, i) {
                for &d in &b[i + len..i + len + 3] {
                    value = value * 10.0 + f64::from(d - b'0');
                }
                i += len + 3;
            }
        }
        if i + 1 < b.len() && (b[i] == b'.' || b[i] == b',') && b[i + 1].is_ascii_digit() {
            i += 1;
            let mut scale = 0.1;
            while i < b.len() && b[i].is_ascii_digit() {
                value += f64::from(b[i] - b'0') * scale;
                scale /= 10.0;
                i += 1;
            }
        }
        if value.is_finite() {
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

    /// `lower_same_len` as first written: every byte pair looked at.
    fn lower_same_len_reference(s: &str) -> String {
        let mut bytes = s.as_bytes().to_vec();
        bytes.make_ascii_lowercase();
        let mut i = 0;
        while i + 1 < bytes.len() {
            match (bytes[i], bytes[i + 1]) {
                (0xC3, b @ 0x80..=0x9E) if b != 0x97 => bytes[i + 1] = b + 0x20,
                (0xC5, 0x92) => bytes[i + 1] = 0x93,
                _ => {}
            }
            i += 1;
        }
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn lower_same_len_matches_the_reference() {
        let every: String = (0..0x600u32)
            .filter_map(char::from_u32)
            .flat_map(|c| [c, 'A', c, 'é', 'Œ', c])
            .collect();
        for text in [
            "",
            "É",
            "SALAIRE : 2 000 € BRUT ÀÉÎÕÜ×ÞŒ œ ß",
            every.as_str(),
        ] {
            let lower = lower_same_len(text);
            assert_eq!(lower, lower_same_len_reference(text));
            assert_eq!(lower.len(), text.len());
        }
    }

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
            // a single amount gives the same min and max
            assert_eq!(
                figures(&sal),
                (Some(*min), Some(max.unwrap_or(*min))),
                "{libelle}"
            );
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
            (
                Some(round2(12.0 * HOURS_PER_MONTH * 12.0)),
                Some(round2(12.0 * HOURS_PER_MONTH * 12.0))
            )
        );
        assert_eq!(sal.flags, vec![FLAG_UNIT_CORRECTED]);

        let sal = s("Horaire de 1852.95 Euros sur 12 mois");
        assert_eq!(sal.period, Some(SalaryPeriod::Month));
        assert_eq!(
            figures(&sal),
            (Some(round2(1852.95 * 12.0)), Some(round2(1852.95 * 12.0)))
        );
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
        assert_eq!(figures(&sal), (Some(24000.0), Some(24000.0)));
        assert!(sal.flags.is_empty());
        let sal = s("Mensuel de 2000.0 Euros sur 1.0 mois");
        assert_eq!(sal.months, Some(1.0));
        assert_eq!(figures(&sal), (Some(24000.0), Some(24000.0)));
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
            (Some(34000.0), Some(34000.0))
        );
        assert_eq!(
            figures(&c("A partir de 30k€")),
            (Some(30000.0), Some(30000.0))
        );
        assert_eq!(
            figures(&c("55 - 60 K€ brut annuel")),
            (Some(55000.0), Some(60000.0))
        );
        assert_eq!(
            figures(&c("20 400€/an + commissions")),
            (Some(20400.0), Some(20400.0))
        );
        assert_eq!(
            figures(&c("Entre 40000 € et 45000 € par an")),
            (Some(40000.0), Some(45000.0))
        );

        // never invented
        for text in [
            "Selon profil",
            "11.88",
            "2050",
            "Selon CCN66",
            "13ème mois",
            "De 55% à 100% du SMIC",
            "De 300 à 1000 euros",
            "100000 à 120000 chf brut annuel",
            "Entre 27,46 $ et 50,39 $ de l'heure",
            "Primes à partir de 1925€",
            "Tickets restaurant : valeur de 9 €",
            "385 euros nets/Mois",
            "Astreinte 285€/semaine",
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

    #[test]
    fn reads_monthly_hourly_and_net_comments() {
        let c = |text: &str| salary(None, Some(text));
        let sal = c("1977€ BRUT/mois");
        assert_eq!(figures(&sal), (Some(23724.0), Some(23724.0)));
        assert_eq!(sal.period, Some(SalaryPeriod::Month));
        assert_eq!(sal.flags, vec![FLAG_FROM_COMMENT]);
        assert_eq!(
            figures(&c("2 000 € brut mensuel")),
            (Some(24000.0), Some(24000.0))
        );
        assert_eq!(
            figures(&c("2140€ brut mensuel sur 13 mois")),
            (Some(27820.0), Some(27820.0))
        );
        // net amounts are taken as stated, and flagged
        let sal = c("1500 € net");
        assert_eq!(figures(&sal), (Some(18000.0), Some(18000.0)));
        assert!(sal.flags.contains(&FLAG_NET_AMOUNT.to_string()));
        let sal = c("1700 à 1800 euros nets/mois");
        assert_eq!(figures(&sal), (Some(20400.0), Some(21600.0)));
        assert!(sal.flags.contains(&FLAG_NET_AMOUNT.to_string()));
        // a size without a period: monthly
        assert_eq!(
            figures(&c("2500 à 3000€ SELON PROFIL")),
            (Some(30000.0), Some(36000.0))
        );
        // k amounts, with or without €
        assert_eq!(figures(&c("26/27 K / an")), (Some(26000.0), Some(27000.0)));
        assert_eq!(figures(&c("35K à 45K")), (Some(35000.0), Some(45000.0)));
        assert_eq!(
            figures(&c("entre 38 000 et 45 000 €")),
            (Some(38000.0), Some(45000.0))
        );
        assert_eq!(
            figures(&c("A partir de 42,000 euros bruts")),
            (Some(42000.0), Some(42000.0))
        );
        // hourly rates
        let hourly = |v: f64| round2(v * HOURS_PER_MONTH * 12.0);
        let sal = c("12€ brut / h");
        assert_eq!(figures(&sal), (Some(hourly(12.0)), Some(hourly(12.0))));
        assert_eq!(sal.period, Some(SalaryPeriod::Hour));
        assert_eq!(
            figures(&c("Entre 12 et 14€ brut")),
            (Some(hourly(12.0)), Some(hourly(14.0)))
        );
        assert_eq!(
            figures(&c("10,75 net de l'heure")),
            (Some(hourly(10.75)), Some(hourly(10.75)))
        );
        // daily rates
        assert_eq!(
            figures(&c("85 à 95€ brut/jour")),
            (Some(85.0 * DAYS_PER_YEAR), Some(95.0 * DAYS_PER_YEAR))
        );
    }

    #[test]
    fn reads_numbers_with_any_separator() {
        let values = |t: &str| scan_numbers(t).iter().map(|n| n.value).collect::<Vec<_>>();
        assert_eq!(values("20 400"), vec![20400.0]);
        assert_eq!(values("42\u{a0}000,00"), vec![42000.0]);
        assert_eq!(values("42\u{202f}000,00"), vec![42000.0]);
        assert_eq!(values("42¿000,00"), vec![42000.0]);
        assert_eq!(values("1 700,00"), vec![1700.0]);
        assert_eq!(values("6,640.00"), vec![6640.0]);
        assert_eq!(values("11.88 et 1,5"), vec![11.88, 1.5]);
        assert_eq!(values("CCN66 35h30"), vec![35.0]);
        assert_eq!(values("2024 500"), vec![2024.0, 500.0]);
    }

    fn d(text: &str) -> Option<(Option<f64>, Option<f64>)> {
        from_description(text).map(|s| figures(&s))
    }

    #[test]
    fn reads_salaries_stated_in_descriptions() {
        let both = |a: f64, b: f64| Some((Some(a), Some(b)));
        assert_eq!(
            d("Poste en CDI. Salaire compris entre 25 et 30 K€. Tickets restaurant."),
            both(25000.0, 30000.0)
        );
        assert_eq!(
            d("Rémunération : 38-45k€ selon profil"),
            both(38000.0, 45000.0)
        );
        assert_eq!(
            d("Fourchette de salaire : 38 à 45 K€"),
            both(38000.0, 45000.0)
        );
        assert_eq!(
            d("Parlons salaire ! Selon profil, entre 38 000€ à 45 000€ brut annuel."),
            both(38000.0, 45000.0)
        );
        assert_eq!(
            d("Rémunération\u{a0}: 1\u{202f}700,00€\u{a0}à\u{a0}3\u{202f}000,00€\u{a0}par mois"),
            both(20400.0, 36000.0)
        );
        assert_eq!(
            d("Rémunération :\n35K à 45K Selon profil\nContrat :\n6 mois"),
            both(35000.0, 45000.0)
        );
        let hourly = |v: f64| round2(v * HOURS_PER_MONTH * 12.0);
        assert_eq!(
            d("- Salaire horaire compris entre 12 et 14EUR, pour 35 heures par semaine"),
            both(hourly(12.0), hourly(14.0))
        );
        assert_eq!(
            d("Type d'emploi : Alternance Rémunération: à partir de 926,00- par mois"),
            both(11112.0, 11112.0)
        );
        // a pay marker of its own: no pay word needed
        assert_eq!(
            d("Data analyst - Lyon - 40 k€ brut annuel - CDI"),
            both(40000.0, 40000.0)
        );
        assert_eq!(
            d("En bref : CDI - Nice - 40-55K - télétravail"),
            both(40000.0, 55000.0)
        );
        let sal = from_description("Salaire : 2 000 € net par mois").unwrap();
        assert_eq!(
            sal.flags,
            vec![
                FLAG_FROM_DESCRIPTION.to_string(),
                FLAG_NET_AMOUNT.to_string()
            ]
        );
        assert_eq!(sal.raw.as_deref(), Some("Salaire : 2 000 € net par mois"));
        // the first pay statement wins
        assert_eq!(
            d("Rémunération : entre 40k€ et 45k€ brut annuel. Salaire : 21 € par heure"),
            both(40000.0, 45000.0)
        );
    }

    #[test]
    fn never_reads_other_amounts_in_descriptions() {
        for text in [
            "Salaire selon profil. Nous réalisons un chiffre d'affaires de 40 M€.",
            "Rémunération attractive. Société au capital de 50 000 €.",
            "Salaire selon profil, jusqu'à 2 000 € de prime de cooptation",
            "Salaire : selon profil. Tickets restaurant de 10 €",
            "Rémunération : fixe + primes (jusqu'à 3 000 €)",
            "Rémunération : selon grille, indemnité de 150 €/mois",
            "Un budget de 45 k€ par an pour la formation.",
            "Salaire selon profil et expérience, 38 heures par semaine",
            "Rémunération : 45 000 $ par an",
            "Nous avons levé 30 M€. Package attractif.",
            "Salaire : 2 000 à 3 000 selon profil",
            "Salaire selon profil. Mutuelle à 50 € par mois",
            "35 000 € de chiffre d'affaires par an",
            "Salaire : Mensuel de 45 € par mois",
            "Astreintes payées 285€/semaine. Salaire selon profil",
            "Chez nous, 12 000 clients",
        ] {
            assert_eq!(d(text), None, "{text}");
        }
    }

    #[test]
    fn description_only_when_salaire_has_no_figure() {
        let text = Some("Salaire : 40 k€ brut annuel");
        let sal = salary_with_description(None, Some("Salaire selon profil"), text);
        assert_eq!(figures(&sal), (Some(40000.0), Some(40000.0)));
        assert_eq!(sal.flags, vec![FLAG_FROM_DESCRIPTION]);
        let sal = salary_with_description(None, None, text);
        assert_eq!(figures(&sal), (Some(40000.0), Some(40000.0)));
        let sal = salary_with_description(Some("Annuel de 30000 Euros"), None, text);
        assert_eq!(figures(&sal), (Some(30000.0), Some(30000.0)));
        let sal = salary_with_description(None, Some("35K€"), text);
        assert_eq!(figures(&sal), (Some(35000.0), Some(35000.0)));
        // a figure in the label, even an implausible one, is not overridden
        let sal = salary_with_description(Some("Annuel de 11,00 Euros"), None, text);
        assert_eq!(figures(&sal), (None, None));
        let sal = salary_with_description(None, Some("Selon profil"), Some("Belle équipe"));
        assert_eq!(sal.raw.as_deref(), Some("Selon profil"));
        assert!(sal.flags.is_empty());
    }
}
