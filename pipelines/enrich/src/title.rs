//! Title normalisation: gender marks and seniority words removed, spaces collapsed.

use std::borrow::Cow;
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

use crate::fold::fold;

struct Patterns {
    bracket_marks: Regex,
    bare_marks: Regex,
    glued_endings: Regex,
    slash_endings: Regex,
    dot_endings: Regex,
    pairs: Regex,
    seniority: Regex,
    empty_brackets: Regex,
    separators: Regex,
}

const ENDINGS: &str = "e|es|ne|nes|se|ses|euse|euses|rice|rices|trice|trices|ère|ere|ères|ve|ves|le|les|te|tes|ice|eure|ienne|enne|ette|fe|ée|ee|ées|x";

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let r = |s: &str| Regex::new(s).expect("title pattern is valid");
        Patterns {
            bracket_marks: r(concat!(
                r"(?i)\s*[\(\[]\s*(?:(?:[hfmxdnw]|homme|femme)\s*[/\-|.,]\s*)+",
                r"(?:[hfmxdnw]|homme|femme|tous genres)\s*[\)\]]"
            )),
            bare_marks: r(
                r"(?i)(?:^|[\s,\-–—|:])\s*(?-u:\b)[hfm]\s?[/\\]\s?[hfmx](?:\s?/\s?[xdn])?(?-u:\b)|(?-u:\b)(?:h-f|f-h)(?-u:\b)",
            ),
            glued_endings: r(&format!(r"(?i)(\w)\((?:{ENDINGS})\)")),
            slash_endings: r(&format!(r"(?i)(\w)/(?:{ENDINGS})(?-u:\b)")),
            dot_endings: r(&format!(r"(?i)(\w)[·.•‧](?:{ENDINGS})(?:[·.•‧]s)?(?-u:\b)")),
            pairs: r(r"(\w[\w'’\-]*)\s*/\s*(\w[\w'’\-]*)"),
            seniority: r(concat!(
                r"(?i)(^|[^\p{L}\p{N}])(?:stage\s+de\s+fin\s+d['’]?\s*[ée]tudes|en\s+alternance|en\s+apprentissage",
                r"|en\s+stage|alternance|alternant(?:e)?s?|apprenti(?:e)?s?|stagiaires?|stage|internship|intern",
                r"|junior|senior|sr|jr|confirm[ée]e?s?|exp[ée]riment[ée]e?s?|d[ée]butant(?:e)?s?",
                r"|jeunes?\s+dipl[ôo]m[ée]e?s?)($|[^\p{L}\p{N}])"
            )),
            empty_brackets: r(r"[\(\[]\s*[\)\]]"),
            separators: r(r"\s*([\-–—|,/:])\s*(?:[\-–—|,/:]\s*)+"),
        }
    })
}

/// The title without gender marks (`H/F`, `(F/H)`, `(e)`, `/e`, `·e`, `Développeur /
/// Développeuse`) and seniority words (`junior`, `senior`, `confirmé`, `stagiaire`,
/// `alternance`…), with spaces collapsed and stray separators trimmed. `None` when nothing is
/// left.
pub fn normalize_title(title: &str) -> Option<String> {
    let p = patterns();
    let mut s: Cow<str> = Cow::Borrowed(without_gender_suffix(title));
    // Each step runs only when its pattern can match (it needs one of these chars, looked for in
    // the text as the previous steps left it) and copies the text only when it matched.
    if has_byte(&s, b"([") {
        replace(&mut s, &p.bracket_marks, " ");
        if has_byte(&s, b"(") {
            rewrite(&mut s, &p.glued_endings, |m, _| {
                Cow::Borrowed(first_char(m))
            });
        }
    }
    if has_byte(&s, b"/\\") || has_dashed_mark(&s) {
        replace(&mut s, &p.bare_marks, " ");
    }
    if has_byte(&s, b"/") {
        rewrite(&mut s, &p.slash_endings, |m, _| {
            Cow::Borrowed(first_char(m))
        });
    }
    if has_byte(&s, b"/") {
        rewrite(&mut s, &p.pairs, |m, _| {
            // `a / b`: two words around the slash
            let (a, b) = m.split_once('/').expect("the pattern has a slash");
            let a = a.trim_end();
            Cow::Borrowed(if is_gender_pair(a, b.trim_start()) {
                a
            } else {
                m
            })
        });
    }
    if has_byte(&s, b".") || (!s.is_ascii() && s.contains(['·', '•', '‧'])) {
        rewrite(&mut s, &p.dot_endings, |m, _| Cow::Borrowed(first_char(m)));
    }
    if may_have_seniority(&s) {
        // Each match takes the char after it: a second pass catches adjacent words (none when
        // the first pass changed nothing).
        for _ in 0..2 {
            let mut changed = false;
            rewrite(&mut s, &p.seniority, |m, after| {
                let after = fold(after);
                let keeps = m.to_lowercase().contains("apprentissage")
                    && ["automatique", "statistique", "profond", "machine"]
                        .iter()
                        .any(|w| after.trim_start().starts_with(w));
                if keeps {
                    return Cow::Borrowed(m);
                }
                changed = true;
                // the words start and end with letters: a char around them that is not one is
                // the separator the pattern took, kept
                let edge = |c: Option<char>| c.filter(|c| !c.is_alphabetic() && !c.is_numeric());
                let first = edge(m.chars().next()).map(String::from).unwrap_or_default();
                let last = edge(m.chars().next_back())
                    .map(String::from)
                    .unwrap_or_default();
                Cow::Owned(format!("{first} {last}"))
            });
            if !changed {
                break;
            }
        }
    }
    if has_byte(&s, b"([") {
        replace(&mut s, &p.empty_brackets, " ");
    }
    let ascii_separators = s.bytes().filter(|b| b"-|,/:".contains(b)).take(2).count();
    if ascii_separators == 2
        || (!s.is_ascii()
            && s.chars()
                .filter(|c| SEPARATORS.contains(c))
                .nth(1)
                .is_some())
    {
        replace(&mut s, &p.separators, " $1 ");
    }
    let s = collapse_spaces(&s);
    let trimmed = s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '–' | '—' | '|' | ',' | '/' | ':' | '·' | '*' | '.')
    });
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// The title without the `(H/F)` or `(F/H)` that ends most titles, removed as the bracket
/// pattern would (with the spaces before it) but without running the regexes that a `/` or a
/// `(` calls for.
fn without_gender_suffix(title: &str) -> &str {
    let t = title.trim_end();
    match t.len().checked_sub(5) {
        Some(at)
            if t.is_char_boundary(at)
                && (t[at..].eq_ignore_ascii_case("(h/f)")
                    || t[at..].eq_ignore_ascii_case("(f/h)")) =>
        {
            t[..at].trim_end()
        }
        _ => title,
    }
}

/// Whether `s` holds one of these ASCII bytes (cheaper than looking for chars).
fn has_byte(s: &str, bytes: &[u8]) -> bool {
    s.bytes().any(|b| bytes.contains(&b))
}

/// `h-f` or `f-h` in any case: the only marks of `bare_marks` without a slash.
fn has_dashed_mark(s: &str) -> bool {
    s.as_bytes().windows(3).any(|w| {
        w[1] == b'-'
            && matches!(
                (w[0].to_ascii_lowercase(), w[2].to_ascii_lowercase()),
                (b'h', b'f') | (b'f', b'h')
            )
    })
}

/// Replaces each match of `re` in `s` with what `with` makes of it (given the match and the
/// text after it), copying `s` only when there is a match. Unlike `Regex::replace_all` with
/// capture groups, this needs only the match bounds, which the regex finds much faster.
fn rewrite(
    s: &mut Cow<'_, str>,
    re: &Regex,
    mut with: impl for<'t> FnMut(&'t str, &'t str) -> Cow<'t, str>,
) {
    let text: &str = s;
    let mut out = String::new();
    let mut last = 0;
    for m in re.find_iter(text) {
        out.push_str(&text[last..m.start()]);
        out.push_str(&with(m.as_str(), &text[m.end()..]));
        last = m.end();
    }
    if last > 0 {
        out.push_str(&text[last..]);
        *s = Cow::Owned(out);
    }
}

/// The first char of a match: what `(\w)` captured at its start.
fn first_char(m: &str) -> &str {
    &m[..m.chars().next().map_or(0, char::len_utf8)]
}

/// Replaces the matches of `re` in `s`, copying `s` only when there is one.
fn replace(s: &mut Cow<'_, str>, re: &Regex, with: &str) {
    if let Cow::Owned(o) = re.replace_all(s, with) {
        *s = Cow::Owned(o);
    }
}

/// The chars of the `separators` pattern: it needs two of them.
const SEPARATORS: [char; 7] = ['-', '–', '—', '|', ',', '/', ':'];

/// Runs of whitespace (`\s+`, Unicode White_Space) replaced by one space.
fn collapse_spaces(s: &str) -> Cow<'_, str> {
    if s.is_ascii()
        && !s.as_bytes().windows(2).any(|w| w == b"  ")
        && !has_byte(s, b"\t\n\r\x0b\x0c")
    {
        return Cow::Borrowed(s);
    }
    let mut prev_space = false;
    let needed = s.chars().any(|c| {
        let space = c.is_whitespace();
        let needed = space && (c != ' ' || prev_space);
        prev_space = space;
        needed
    });
    if !needed {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut prev_space = false;
    for c in s.chars() {
        let space = c.is_whitespace();
        if !space {
            out.push(c);
        } else if !prev_space {
            out.push(' ');
        }
        prev_space = space;
    }
    Cow::Owned(out)
}

/// A cheap test before the seniority regex: one of its words' stems is in the title, in any
/// ASCII case, with the accented letters the regex accepts.
fn may_have_seniority(title: &str) -> bool {
    static STEMS: OnceLock<AhoCorasick> = OnceLock::new();
    STEMS
        .get_or_init(|| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build([
                    "stag",
                    "altern",
                    "apprenti",
                    "intern",
                    "junior",
                    "senior",
                    "sr",
                    "jr",
                    "confirm",
                    "experiment",
                    "expériment",
                    "expÉriment",
                    "debutant",
                    "débutant",
                    "dÉbutant",
                    "diplom",
                    "diplôm",
                    "diplÔm",
                ])
                .expect("stems are valid")
        })
        .is_match(title)
}

/// `Développeur / Développeuse`, `Chargé / Chargée`: two forms of one word.
fn is_gender_pair(a: &str, b: &str) -> bool {
    let (fa, fb) = (fold(a), fold(b));
    if fa == fb || fa.len() < 4 || fb.len() < 4 {
        return false;
    }
    let common = fa
        .bytes()
        .zip(fb.bytes())
        .take_while(|(x, y)| x == y)
        .count();
    common >= 4 && common * 2 >= fa.len().min(fb.len())
}

#[cfg(test)]
mod tests {
    use super::normalize_title as n;

    #[test]
    fn removes_gender_marks() {
        assert_eq!(n("Data Analyst (H/F)").as_deref(), Some("Data Analyst"));
        assert_eq!(n("Data Analyst H/F").as_deref(), Some("Data Analyst"));
        assert_eq!(n("Data Engineer (F/H)").as_deref(), Some("Data Engineer"));
        assert_eq!(n("Data Engineer - F/H").as_deref(), Some("Data Engineer"));
        assert_eq!(
            n("Data Scientist (H/F/X)").as_deref(),
            Some("Data Scientist")
        );
        assert_eq!(n("Ingénieur(e) Data").as_deref(), Some("Ingénieur Data"));
        assert_eq!(
            n("Chargé(e) d'études statistiques").as_deref(),
            Some("Chargé d'études statistiques")
        );
        assert_eq!(
            n("Ingénieur/e Big Data").as_deref(),
            Some("Ingénieur Big Data")
        );
        assert_eq!(
            n("Développeur / Développeuse Power BI").as_deref(),
            Some("Développeur Power BI")
        );
        assert_eq!(
            n("Opérateur/Opératrice de saisie").as_deref(),
            Some("Opérateur de saisie")
        );
        assert_eq!(n("Statisticien·ne").as_deref(), Some("Statisticien"));
        assert_eq!(
            n("Data Analyst / Data Scientist").as_deref(),
            Some("Data Analyst / Data Scientist")
        );
        assert_eq!(
            n("Analyste BI (Homme/Femme)").as_deref(),
            Some("Analyste BI")
        );
    }

    #[test]
    fn removes_seniority_words() {
        assert_eq!(
            n("Data Engineer Senior H/F").as_deref(),
            Some("Data Engineer")
        );
        assert_eq!(n("Junior - Data Analyst").as_deref(), Some("Data Analyst"));
        assert_eq!(
            n("Consultant BI confirmé(e)").as_deref(),
            Some("Consultant BI")
        );
        assert_eq!(
            n("Stage - Data Scientist (H/F)").as_deref(),
            Some("Data Scientist")
        );
        assert_eq!(
            n("Data Analyst en alternance").as_deref(),
            Some("Data Analyst")
        );
        assert_eq!(
            n("Stagiaire Data   Analyst").as_deref(),
            Some("Data Analyst")
        );
        assert_eq!(
            n("Lead Data Engineer").as_deref(),
            Some("Lead Data Engineer")
        );
        assert_eq!(n("H/F"), None);
        assert_eq!(n(""), None);
    }
}
