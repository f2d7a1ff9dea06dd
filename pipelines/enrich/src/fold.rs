//! Accent folding: lowercase ASCII-ish text with a map back to the original bytes.

/// A text folded to lowercase without accents, with what is needed to read a match of the
/// folded text back in its original casing: folding copies ASCII bytes one for one, so only
/// the non-ASCII chars are recorded, as `(folded start, folded len, original start, original
/// len)`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Folded<'a> {
    pub original: &'a str,
    pub text: String,
    changes: Vec<(u32, u32, u32, u32)>,
}

impl<'a> Folded<'a> {
    pub fn new(original: &'a str) -> Self {
        let bytes = original.as_bytes();
        // Built from `str` pieces (no UTF-8 validation at the end); ASCII is lowercased in one
        // pass at the end, which leaves the folded forms (already lowercase) unchanged.
        let mut text = String::with_capacity(bytes.len() + 8);
        // about one accented char in 40 bytes in French text: room for that without regrowing
        let mut changes = Vec::with_capacity(bytes.len() / 24);
        let mut i = 0;
        let mut buf = String::new();
        while i < bytes.len() {
            let run = ascii_run(&bytes[i..]);
            if run > 0 {
                text.push_str(&original[i..i + run]);
                i += run;
                continue;
            }
            // Latin-1 letters (two bytes, 0xC3 0x80..=0xBF) fold through a table.
            if bytes[i] == 0xC3
                && let Some(&second) = bytes.get(i + 1)
                && (0x80..=0xBF).contains(&second)
            {
                let folded = LATIN1_FOLD[(second - 0x80) as usize];
                if !folded.is_empty() {
                    if folded.len() != 2 || folded.as_bytes() != [0xC3, second] {
                        changes.push((text.len() as u32, folded.len() as u32, i as u32, 2));
                    } else {
                        // Unchanged two-byte char: the offsets stay aligned.
                    }
                    text.push_str(folded);
                    i += 2;
                    continue;
                }
            }
            let c = original[i..].chars().next().expect("char boundary");
            buf.clear();
            push_folded(c, &mut buf);
            if buf.len() != c.len_utf8() || buf.as_bytes() != &bytes[i..i + c.len_utf8()] {
                changes.push((
                    text.len() as u32,
                    buf.len() as u32,
                    i as u32,
                    c.len_utf8() as u32,
                ));
            }
            text.push_str(&buf);
            i += c.len_utf8();
        }
        text.make_ascii_lowercase();
        Folded {
            original,
            text,
            changes,
        }
    }

    /// The original byte offset of folded byte `f`.
    fn original_offset(&self, f: usize) -> usize {
        if f >= self.text.len() {
            return self.original.len();
        }
        let f = f as u32;
        let k = self.changes.partition_point(|&(fs, _, _, _)| fs <= f);
        if k == 0 {
            return f as usize;
        }
        let (fs, fl, os, ol) = self.changes[k - 1];
        if f < fs + fl {
            os as usize
        } else {
            (os + ol + (f - fs - fl)) as usize
        }
    }

    /// The original text of the folded range `start..end`.
    pub fn original_span(&self, start: usize, end: usize) -> &'a str {
        let s = self.original_offset(start);
        let e = self.original_offset(end);
        self.original.get(s..e.max(s)).unwrap_or("")
    }
}

/// The length of the leading ASCII bytes of `b`, eight bytes at a time.
#[inline]
fn ascii_run(b: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut n = 0;
    while let Some(chunk) = b.get(n..n + 8) {
        let high = u64::from_le_bytes(chunk.try_into().expect("8 bytes")) & HIGH;
        if high != 0 {
            // the first byte with its high bit set
            return n + (high.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + b[n..]
        .iter()
        .position(|c| *c >= 0x80)
        .unwrap_or(b.len() - n)
}

/// Folded form of the chars U+00C0..=U+00FF (second UTF-8 byte 0x80..=0xBF after 0xC3); an
/// empty entry means "use the general path".
const LATIN1_FOLD: [&str; 64] = [
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", // À..Ï
    "", "n", "o", "o", "o", "o", "o", "", "", "u", "u", "u", "u", "y", "", "", // Ð..ß
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", // à..ï
    "", "n", "o", "o", "o", "o", "o", "", "", "u", "u", "u", "u", "y", "", "y", // ð..ÿ
];

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
        '“' | '”' => "\"",
        '•' | '·' | '●' | '▪' | '◦' | '«' | '»' => " ",
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

/// The byte of the scan buffer for a byte of folded text: separators become spaces, so that
/// patterns prefixed with a space match only at word starts.
#[inline]
pub(crate) const fn scan_byte(b: u8) -> u8 {
    match b {
        b'\t' | b'\n' | b'\r' | b'(' | b')' | b',' | b';' | b':' | b'!' | b'?' | b'"' | b'\''
        | b'/' | b'[' | b']' | b'{' | b'}' | b'|' | b'*' | b'=' | b'<' | b'>' | b'\\' => b' ',
        _ => b,
    }
}

/// The scan buffer of a folded text: a space, the mapped text, a space. Byte `i` of the text
/// is byte `i + 1` of the buffer.
pub(crate) fn scan_buffer(folded: &str, out: &mut Vec<u8>) {
    out.clear();
    out.reserve(folded.len() + 2);
    out.push(b' ');
    out.extend_from_slice(folded.as_bytes());
    for b in &mut out[1..] {
        *b = SCAN_BYTES[usize::from(*b)];
    }
    out.push(b' ');
}

/// Calls `f` with the scan buffer of `folded` (see [`scan_buffer`]), built in a buffer reused
/// across calls on this thread.
pub(crate) fn with_scan_buffer<R>(folded: &str, f: impl FnOnce(&[u8]) -> R) -> R {
    thread_local! {
        static BUF: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    // taken out while in use, so that a nested call gets a buffer of its own
    let mut buf = BUF.with(|b| std::mem::take(&mut *b.borrow_mut()));
    scan_buffer(folded, &mut buf);
    let result = f(&buf);
    BUF.with(|b| *b.borrow_mut() = buf);
    result
}

/// [`scan_byte`] as a table.
static SCAN_BYTES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = scan_byte(b as u8);
        b += 1;
    }
    t
};

/// A pattern for the scan buffer: folded, separators mapped, a leading space when it starts
/// with a letter or digit (and a trailing one too when `whole_token`). Returns the pattern and
/// whether it got each space.
pub(crate) fn scan_pattern(pattern: &str, whole_token: bool) -> (Vec<u8>, bool, bool) {
    let folded: Vec<u8> = fold(pattern).bytes().map(scan_byte).collect();
    let lead = folded
        .first()
        .is_some_and(|b| b.is_ascii_alphanumeric() || *b >= 0x80);
    let trail = whole_token;
    let mut p = Vec::with_capacity(folded.len() + 2);
    if lead {
        p.push(b' ');
    }
    p.extend_from_slice(&folded);
    if trail {
        p.push(b' ');
    }
    (p, lead, trail)
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
