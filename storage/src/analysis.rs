//! French text analysis for search, done by us for every engine so that both find the same
//! offers: words are split, elisions dropped (`l'équipe` → `equipe`), accents folded, stop words
//! removed, and a light stemmer merges plurals and gender forms (`développeuse`,
//! `développeurs` → `developpeur`). Engines index and search the resulting tokens as they are
//! (Elasticsearch with a whitespace analyser).

/// Analyses `text` into search tokens.
pub fn analyze(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut word = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_alphanumeric() {
            fold_into(c, &mut word);
        } else {
            if !word.is_empty() {
                if let Some(token) = token(&word) {
                    tokens.push(token);
                }
                word.clear();
            }
        }
    }
    tokens
}

/// The analysed tokens of `text`, joined by spaces (what Elasticsearch indexes).
pub fn analyzed(text: &str) -> String {
    analyze(text).join(" ")
}

/// Lowercase, without accents.
fn fold_into(c: char, out: &mut String) {
    let folded = match c {
        'à' | 'â' | 'ä' | 'á' | 'À' | 'Â' | 'Ä' | 'Á' => "a",
        'ç' | 'Ç' => "c",
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => "e",
        'î' | 'ï' | 'í' | 'Î' | 'Ï' | 'Í' => "i",
        'ô' | 'ö' | 'ó' | 'Ô' | 'Ö' | 'Ó' => "o",
        'ù' | 'û' | 'ü' | 'ú' | 'Ù' | 'Û' | 'Ü' | 'Ú' => "u",
        'ÿ' | 'Ÿ' => "y",
        'ñ' | 'Ñ' => "n",
        'œ' | 'Œ' => "oe",
        'æ' | 'Æ' => "ae",
        _ => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push_str(folded);
}

/// Elided articles and pronouns (`l'`, `d'`, `qu'`…) and common words that carry no meaning
/// for a search of job offers. Folded.
const STOP_WORDS: &[&str] = &[
    "a", "au", "aux", "avec", "c", "ce", "ces", "d", "dans", "de", "des", "du", "en", "et", "j",
    "l", "la", "le", "les", "leur", "leurs", "m", "n", "ne", "nos", "notre", "nous", "on", "ou",
    "par", "pas", "pour", "qu", "que", "qui", "s", "sa", "se", "ses", "son", "sur", "t", "un",
    "une", "vos", "votre", "vous", "y", "the", "of", "and", "to", "in", "for",
];

/// Feminine endings and their masculine forms, longest first.
const GENDER: &[(&str, &str)] = &[
    ("trices", "teur"),
    ("trice", "teur"),
    ("euses", "eur"),
    ("euse", "eur"),
    ("iennes", "ien"),
    ("ienne", "ien"),
    ("ennes", "en"),
    ("enne", "en"),
    ("eres", "er"),
    ("ere", "er"),
    ("ives", "if"),
    ("ive", "if"),
    ("elles", "el"),
    ("elle", "el"),
    ("ettes", "et"),
    ("ette", "et"),
];

/// The token of a folded word, or `None` for a stop word.
fn token(word: &str) -> Option<String> {
    if STOP_WORDS.contains(&word) {
        return None;
    }
    Some(stem(word))
}

/// A light stemmer: gender forms to the masculine, then plural and final `e` removed from words
/// long enough for it to be an ending. Digits are left alone.
fn stem(word: &str) -> String {
    if word.len() <= 3 || word.bytes().any(|b| b.is_ascii_digit()) {
        return word.to_string();
    }
    let mut w = word.to_string();
    if let Some((feminine, masculine)) = GENDER.iter().find(|(f, _)| w.ends_with(f))
        && w.len() > feminine.len() + 2
    {
        w.truncate(w.len() - feminine.len());
        w.push_str(masculine);
    }
    for ending in ['s', 'x', 'e'] {
        if w.len() > 4 && w.ends_with(ending) {
            w.pop();
        }
    }
    // `chargée` → `charge` → `charg`: a doubled final `e` was a past participle
    if w.len() > 4 && w.ends_with('e') {
        w.pop();
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) {
        assert_eq!(analyze(a), analyze(b), "{a:?} vs {b:?}");
    }

    #[test]
    fn gender_and_plural_forms_meet() {
        same("développeuse", "développeur");
        same("Développeuses", "développeurs");
        same("ingénieure", "ingénieur");
        same("analystes", "analyste");
        same("chargée", "chargé");
        same("animatrice", "animateur");
        same("technicienne", "technicien");
        same("données", "donnée");
        same("créative", "créatif");
    }

    #[test]
    fn accents_case_and_elisions_do_not_matter() {
        same("l'équipe", "EQUIPE");
        same("d'Analyse", "analyse");
        assert_eq!(
            analyze("Data Engineer à Lyon (H/F)"),
            ["data", "engineer", "lyon", "h", "f"]
        );
        assert!(analyze("le la les de des").is_empty());
    }

    #[test]
    fn different_words_stay_apart() {
        assert_ne!(analyze("data"), analyze("date"));
        assert_ne!(analyze("python"), analyze("pythons de java"));
        assert_eq!(analyze("SQL 2019 S3"), ["sql", "2019", "s3"]);
    }
}
