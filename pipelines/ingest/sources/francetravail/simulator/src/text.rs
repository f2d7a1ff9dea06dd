//! Accent folding and keyword normalisation.

/// Folds one character to its accent-free lowercase ASCII form (French letters).
fn fold_char(c: char, out: &mut String) {
    let lower: &str = match c {
        'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' | 'À' | 'Â' | 'Ä' | 'Á' | 'Ã' | 'Å' => "a",
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => "e",
        'î' | 'ï' | 'í' | 'ì' | 'Î' | 'Ï' | 'Í' | 'Ì' => "i",
        'ô' | 'ö' | 'ó' | 'ò' | 'õ' | 'Ô' | 'Ö' | 'Ó' | 'Ò' | 'Õ' => "o",
        'ù' | 'û' | 'ü' | 'ú' | 'Ù' | 'Û' | 'Ü' | 'Ú' => "u",
        'ç' | 'Ç' => "c",
        'ñ' | 'Ñ' => "n",
        'ÿ' | 'Ÿ' => "y",
        'œ' | 'Œ' => "oe",
        'æ' | 'Æ' => "ae",
        _ => {
            for l in c.to_lowercase() {
                out.push(l);
            }
            return;
        }
    };
    out.push_str(lower);
}

/// Uppercase ASCII form of a name, accents removed (`Nîmes` → `NIMES`).
pub(crate) fn fold_upper_ascii(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out.to_uppercase()
}

/// Normalises text for keyword matching: lowercase, accents folded, every
/// non-alphanumeric character turned into a single space, with one leading
/// and one trailing space so that ` word ` finds whole words and phrases.
pub(crate) fn normalize(s: &str) -> String {
    let mut folded = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut folded);
    }
    let mut out = String::with_capacity(folded.len() + 2);
    out.push(' ');
    let mut last_space = true;
    for c in folded.chars() {
        if c.is_alphanumeric() {
            out.push(c);
            last_space = false;
        } else if !last_space {
            out.push(' ');
            last_space = true;
        }
    }
    if !last_space {
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_folds_accents_case_and_punctuation() {
        assert_eq!(
            normalize("Ingénieur(e) DATA / Développeuse"),
            " ingenieur e data developpeuse "
        );
        assert_eq!(normalize("Œuvre, à Nîmes!"), " oeuvre a nimes ");
        assert_eq!(normalize(""), " ");
    }

    #[test]
    fn fold_upper() {
        assert_eq!(fold_upper_ascii("Saint-Étienne"), "SAINT-ETIENNE");
    }
}
