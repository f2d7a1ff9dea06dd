//! Accent folding: lowercase ASCII-ish text with a map back to the original bytes.

/// A text folded to lowercase without accents, with the original byte offset of every folded
/// byte (plus one past the end), so that a match in the folded text can be read back in its
/// original casing.
#[derive(Debug, Clone, Default)]
pub(crate) struct Folded<'a> {
    pub original: &'a str,
    pub text: String,
    offsets: Vec<u32>,
}

impl<'a> Folded<'a> {
    pub fn new(original: &'a str) -> Self {
        let bytes = original.as_bytes();
        let mut text: Vec<u8> = Vec::with_capacity(bytes.len() + 8);
        let mut offsets: Vec<u32> = Vec::with_capacity(bytes.len() + 9);
        let mut i = 0;
        let mut buf = String::new();
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                text.push(b.to_ascii_lowercase());
                offsets.push(i as u32);
                i += 1;
                continue;
            }
            let c = original[i..].chars().next().expect("char boundary");
            buf.clear();
            push_folded(c, &mut buf);
            for _ in 0..buf.len() {
                offsets.push(i as u32);
            }
            text.extend_from_slice(buf.as_bytes());
            i += c.len_utf8();
        }
        offsets.push(original.len() as u32);
        Folded {
            original,
            text: String::from_utf8(text).expect("folding keeps UTF-8"),
            offsets,
        }
    }

    /// The original text of the folded range `start..end`.
    pub fn original_span(&self, start: usize, end: usize) -> &'a str {
        let s = self.offsets[start] as usize;
        // The end maps to the first original byte after the last folded byte's char.
        let e = if end >= self.offsets.len() - 1 {
            self.original.len()
        } else {
            self.offsets[end] as usize
        };
        self.original.get(s..e.max(s)).unwrap_or("")
    }
}

/// Folds a whole string (used for patterns and look-ups).
pub(crate) fn fold(s: &str) -> String {
    Folded::new(s).text
}

fn push_folded(c: char, out: &mut String) {
    let mapped: &str = match c {
        'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' | 'À' | 'Â' | 'Ä' | 'Á' | 'Ã' | 'Å' => "a",
        'ç' | 'Ç' => "c",
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => "e",
        'î' | 'ï' | 'í' | 'ì' | 'Î' | 'Ï' | 'Í' | 'Ì' => "i",
        'ô' | 'ö' | 'ó' | 'ò' | 'õ' | 'Ô' | 'Ö' | 'Ó' | 'Ò' | 'Õ' => "o",
        'ù' | 'û' | 'ü' | 'ú' | 'Ù' | 'Û' | 'Ü' | 'Ú' => "u",
        'ÿ' | 'Ÿ' => "y",
        'ñ' | 'Ñ' => "n",
        'œ' | 'Œ' => "oe",
        'æ' | 'Æ' => "ae",
        '’' | '‘' | '`' | '´' => "'",
        '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}' => " ",
        '–' | '—' | '‐' | '‑' => "-",
        '«' | '»' | '“' | '”' => "\"",
        '•' | '·' | '●' | '▪' | '◦' => "·",
        _ => "",
    };
    if mapped.is_empty() {
        for l in c.to_lowercase() {
            out.push(l);
        }
    } else {
        out.push_str(mapped);
    }
}

/// True when `c` makes a word continue (a letter or a digit, in any script).
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The char just before byte `i` of `s`.
#[inline]
pub(crate) fn char_before(s: &str, i: usize) -> Option<char> {
    s[..i].chars().next_back()
}

/// The char at byte `i` of `s`.
#[inline]
pub(crate) fn char_at(s: &str, i: usize) -> Option<char> {
    s[i..].chars().next()
}

/// True when `s[start..end]` is not glued to letters or digits on either side.
pub(crate) fn at_word_boundaries(s: &str, start: usize, end: usize) -> bool {
    let first_word = s[start..end].chars().next().is_some_and(is_word_char);
    let last_word = s[start..end].chars().next_back().is_some_and(is_word_char);
    if first_word && char_before(s, start).is_some_and(is_word_char) {
        return false;
    }
    if last_word && char_at(s, end).is_some_and(is_word_char) {
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_and_keeps_offsets() {
        let f = Folded::new("Modélisation ŒUVRE Données");
        assert_eq!(f.text, "modelisation oeuvre donnees");
        let start = f.text.find("donnees").unwrap();
        assert_eq!(f.original_span(start, start + 7), "Données");
        let start = f.text.find("oeuvre").unwrap();
        assert_eq!(f.original_span(start, start + 6), "ŒUVRE");
    }

    #[test]
    fn boundaries() {
        assert!(at_word_boundaries("du spark ici", 3, 8));
        assert!(!at_word_boundaries("sparkling", 0, 5));
        assert!(at_word_boundaries("c++ ok", 0, 3));
    }
}
