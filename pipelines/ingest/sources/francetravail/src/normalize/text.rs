//! Text helpers: title cleaning, company names, number reading.

/// Trims `s`; `None` when nothing is left.
pub(crate) fn non_empty(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

/// The title without gender marks (`(H/F)`, `H/F`, `F/H`, `(H/F/X)`, `h/f`, `(M/F)`,
/// `H / F`, `F-H-X`, `(H/F/NB)`…), empty brackets and dangling separators, with runs of
/// spaces collapsed. Case is kept; seniority words stay.
pub fn clean_title(title: &str) -> String {
    let chars: Vec<char> = title.chars().collect();
    let mut kept = String::with_capacity(title.len());
    let mut i = 0;
    while i < chars.len() {
        // a mark glued to the previous word: "confiseriesH/F", "CACES 1H/F"
        let glued = i > 0
            && (chars[i - 1].is_lowercase() || chars[i - 1].is_ascii_digit())
            && matches!(chars.get(i..i + 3), Some(['H', '/', 'F'] | ['F', '/', 'H']));
        let at_boundary = i == 0 || !chars[i - 1].is_alphanumeric() || glued;
        if at_boundary && let Some(end) = gender_mark_end(&chars, i) {
            kept.push(' ');
            i = end;
            continue;
        }
        kept.push(chars[i]);
        i += 1;
    }
    tidy(&kept)
}

/// If a gender mark starts at `start`, the index just past it.
fn gender_mark_end(chars: &[char], start: usize) -> Option<usize> {
    let mut i = start;
    let bracket = match chars.get(i) {
        Some('(') => Some(')'),
        Some('[') => Some(']'),
        _ => None,
    };
    if bracket.is_some() {
        i += 1;
        while chars.get(i) == Some(&' ') {
            i += 1;
        }
    }
    let mut letters: Vec<String> = Vec::with_capacity(3);
    loop {
        let (word, next) = mark_letter(chars, i)?;
        letters.push(word);
        i = next;
        // separator: '/', '|', ',' with optional spaces, or '-' without spaces.
        let mut j = i;
        while chars.get(j) == Some(&' ') {
            j += 1;
        }
        match chars.get(j) {
            Some('/' | '|' | ',') => {
                j += 1;
                while chars.get(j) == Some(&' ') {
                    j += 1;
                }
                if mark_letter(chars, j).is_none() {
                    break;
                }
                i = j;
            }
            Some('-') if j == i && mark_letter(chars, j + 1).is_some() => i = j + 1,
            _ => break,
        }
    }
    if letters.len() < 2 {
        return None;
    }
    let first_two_ok = ["h", "f", "m"].contains(&letters[0].as_str())
        && ["h", "f", "m", "w"].contains(&letters[1].as_str())
        && letters[0] != letters[1];
    if !first_two_ok {
        return None;
    }
    if let Some(close) = bracket {
        while chars.get(i) == Some(&' ') {
            i += 1;
        }
        if chars.get(i) == Some(&close) {
            i += 1;
        } else {
            return None;
        }
    }
    match chars.get(i) {
        Some(c) if c.is_alphanumeric() => None,
        _ => Some(i),
    }
}

/// One letter of a gender mark (`H`, `F`, `M`, `X`, `W`, `D`, `NB`), lowercased, and the
/// index past it. The letter must end a word.
fn mark_letter(chars: &[char], i: usize) -> Option<(String, usize)> {
    let c = chars.get(i)?.to_ascii_lowercase();
    let (word, next) = match c {
        'n' if chars.get(i + 1).map(|c| c.to_ascii_lowercase()) == Some('b') => {
            ("nb".to_string(), i + 2)
        }
        'h' | 'f' | 'm' | 'x' | 'w' | 'd' => (c.to_string(), i + 1),
        _ => return None,
    };
    if chars.get(next).is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    Some((word, next))
}

/// Collapses spaces, drops empty brackets and separators left dangling at either end or
/// doubled in the middle.
fn tidy(s: &str) -> String {
    let mut words: Vec<&str> = s
        .split_whitespace()
        .filter(|w| !matches!(*w, "()" | "[]"))
        .collect();
    let is_sep = |w: &str| matches!(w, "-" | "/" | "|" | "," | ":" | "–" | "—" | "." | ";");
    // doubled separators ("a - - b" → "a - b")
    let mut i = 1;
    while i < words.len() {
        if is_sep(words[i]) && is_sep(words[i - 1]) {
            words.remove(i);
        } else {
            i += 1;
        }
    }
    while words.first().is_some_and(|w| is_sep(w)) {
        words.remove(0);
    }
    while words.last().is_some_and(|w| is_sep(w)) {
        words.pop();
    }
    let mut out = words.join(" ");
    // a separator glued to the last word ("Cuisinier -", "Dev,")
    while out.ends_with(['-', ',', '/', ':', ';', '|']) {
        out.pop();
        let trimmed = out.trim_end().len();
        out.truncate(trimmed);
    }
    out
}

/// Lowercase ASCII fold of a Latin letter (accents removed); other characters lowercased.
fn fold_lower(c: char, out: &mut String) {
    let folded = match c {
        'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' | 'À' | 'Â' | 'Ä' | 'Á' | 'Ã' | 'Å' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
        'î' | 'ï' | 'í' | 'ì' | 'Î' | 'Ï' | 'Í' | 'Ì' => 'i',
        'ô' | 'ö' | 'ó' | 'ò' | 'õ' | 'Ô' | 'Ö' | 'Ó' | 'Ò' | 'Õ' => 'o',
        'û' | 'ù' | 'ü' | 'ú' | 'Û' | 'Ù' | 'Ü' | 'Ú' => 'u',
        'ç' | 'Ç' => 'c',
        'ñ' | 'Ñ' => 'n',
        'ÿ' | 'Ÿ' => 'y',
        'œ' | 'Œ' => {
            out.push_str("oe");
            return;
        }
        'æ' | 'Æ' => {
            out.push_str("ae");
            return;
        }
        '’' | '`' | '´' => '\'',
        other => {
            out.extend(other.to_lowercase());
            return;
        }
    };
    out.push(folded);
}

/// Legal forms and group words dropped from company names (compared without dots).
const LEGAL_FORMS: &[&str] = &[
    "sas", "sasu", "sa", "sarl", "sarlu", "eurl", "snc", "scop", "sca", "sci", "scp", "selarl",
    "selas", "gie", "groupe", "group",
];

/// The company name for grouping: lowercase, accents folded (`é` → `e`), legal forms
/// (`SAS`, `S.A.R.L.`, `(SASU)`, `Groupe`…) removed at either end, trailing punctuation
/// removed, spaces collapsed. `None` when nothing is left.
pub fn normalize_company(name: &str) -> Option<String> {
    let mut folded = String::with_capacity(name.len());
    for c in name.chars() {
        // ASCII fast path: `fold_lower` only lowercases ASCII, and turns '`' into '\''
        match c {
            '`' => folded.push('\''),
            c if c.is_ascii() => folded.push(c.to_ascii_lowercase()),
            c => fold_lower(c, &mut folded),
        }
    }
    let mut words: Vec<&str> = folded.split_whitespace().collect();
    // the word without dots, brackets, commas and dashes is a legal form (compared char by
    // char, without building the bare word)
    let is_form = |w: &str| {
        LEGAL_FORMS.iter().any(|form| {
            w.chars()
                .filter(|c| !matches!(c, '.' | '(' | ')' | ',' | '-'))
                .eq(form.chars())
        })
    };
    let is_punct = |w: &str| w.chars().all(|c| !c.is_alphanumeric());
    loop {
        let before = words.len();
        while words.len() > 1 && (is_form(words[0]) || is_punct(words[0])) {
            words.remove(0);
        }
        while words.len() > 1 && words.last().is_some_and(|w| is_form(w) || is_punct(w)) {
            words.pop();
        }
        if words.len() == before {
            break;
        }
    }
    let mut out = words.join(" ");
    while out.ends_with(|c: char| !c.is_alphanumeric() && c != ')') {
        out.pop();
    }
    let out = out.trim();
    (!out.is_empty()).then(|| out.to_string())
}

/// Reads a number written `12`, `11.88`, `1600,00`, `1 600` or `1.600,50`; `None` otherwise.
pub(crate) fn parse_amount(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() || !s.bytes().next()?.is_ascii_digit() {
        return None;
    }
    // digits and dots only (`12`, `11.88`): already in the form `parse` reads, no copy
    if s.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return s.parse::<f64>().ok().filter(|v| v.is_finite());
    }
    let mut buf = String::with_capacity(s.len());
    // with both separators, the last one is the decimal point: "6,640.00", "1.600,50"
    let decimal = match (s.rfind(','), s.rfind('.')) {
        (Some(c), Some(d)) if c > d => ',',
        (Some(_), None) => ',',
        _ => '.',
    };
    for c in s.chars() {
        match c {
            '0'..='9' => buf.push(c),
            ' ' | '\u{a0}' | '\u{202f}' => {}
            ',' | '.' if c == decimal => buf.push('.'),
            ',' | '.' => {}
            _ => return None,
        }
    }
    buf.parse::<f64>().ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_gender_marks() {
        let cases = [
            ("Operateur soudeur (H/F)", "Operateur soudeur"),
            ("Comptable H/F", "Comptable"),
            ("Data engineer (F/H)", "Data engineer"),
            ("Data engineer F/H - CDI", "Data engineer - CDI"),
            ("Développeur (H/F/X)", "Développeur"),
            ("cariste h/f", "cariste"),
            ("Agent (M/F)", "Agent"),
            ("Infirmier (H/F/NB)", "Infirmier"),
            ("Chef de projet H / F", "Chef de projet"),
            ("Vendeur (f/ h)", "Vendeur"),
            ("Data analyst (F-H-X)", "Data analyst"),
            ("Serveur H-F Paris", "Serveur Paris"),
            ("Technicien F/H H/F", "Technicien"),
            ("Cuisinier H/F -", "Cuisinier"),
            ("H/F Maçon", "Maçon"),
            ("Soudeur  TIG   (H/F)  ", "Soudeur TIG"),
            ("Vendeur en confiseriesH/F", "Vendeur en confiseries"),
            ("Préparateur CACES 1H/F", "Préparateur CACES 1"),
            ("H/F (H/F)", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(clean_title(input), expected, "{input}");
        }
    }

    #[test]
    fn keeps_things_that_are_not_gender_marks() {
        for title in [
            "Assistant RH/Formation",
            "Responsable R&D",
            "Chauffeur PL/SPL",
            "Data scientist senior",
            "Technicien CVC-H",
            "Agent SSIAP 1",
            "Assistant RH/F",
        ] {
            assert_eq!(clean_title(title), title);
        }
    }

    #[test]
    fn normalizes_company_names() {
        let cases = [
            ("PROMAN", Some("proman")),
            ("SAS DUPONT", Some("dupont")),
            ("Dupont & Fils SARL", Some("dupont & fils")),
            ("ÉLECTRICITÉ MARTIN S.A.R.L.", Some("electricite martin")),
            ("Groupe Crit", Some("crit")),
            ("ACME (SASU)", Some("acme")),
            ("Boulangerie Lœuvre.", Some("boulangerie loeuvre")),
            ("ADECCO FRANCE SA", Some("adecco france")),
            ("  ", None),
            ("SAS", Some("sas")),
            ("L`Atelier S.A.S.", Some("l'atelier")),
        ];
        for (input, expected) in cases {
            assert_eq!(normalize_company(input).as_deref(), expected, "{input}");
        }
    }

    #[test]
    fn reads_amounts() {
        assert_eq!(parse_amount("11.88"), Some(11.88));
        assert_eq!(parse_amount("1600,00"), Some(1600.0));
        assert_eq!(parse_amount("40000"), Some(40000.0));
        assert_eq!(parse_amount("6,640.00"), Some(6640.0));
        assert_eq!(parse_amount("1.600,50"), Some(1600.5));
        assert_eq!(parse_amount("abc"), None);
        assert_eq!(parse_amount(""), None);
    }
}
