//! The skills taxonomy (`taxonomy/skills.csv`) and the skill finder.
//!
//! All names and aliases are compiled into ONE Aho-Corasick automaton (leftmost-longest, over
//! accent-folded lowercase text), built once. Every match is then checked for word boundaries
//! and for the entry's rules:
//!
//! - `whole_word`: the match must not be glued to a word by `-`, `_`, `@`, `.` or `&`
//!   (`go-live`, `R&D`, `C.V.`), nor be an elided French word (`C'est`).
//! - `case_sensitive`: short forms (a one-word name, or an alias of at most 4 characters) must
//!   appear as the name spells them or in capitals (`R`, `SAS`, `dbt`/`DBT`, `IA`); longer
//!   aliases (`langage r`, `sas enterprise guide`) match in any case. Implies `whole_word`.
//! - `needs_context`: the match must sit in a technical context: next to another skill in a
//!   list (`Python, R, SQL`, `R/Python`), after a cue word (`langage R`, `en R`, `maîtrise de
//!   SAS`, `Développeur Go`), before a cue word (`SAS Base`, `R Shiny`), or inside a listed
//!   competence. It is rejected before `de`/`des`/`du` (`Tableau de bord`, `SAS au
//!   capital`, `16 Go de RAM`), next to a number (`CACES R 486`) and when the only "list" is the same word
//!   repeated (`GO GO GO`).

use std::collections::HashMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::fold::{
    Folded, at_word_boundaries, char_at, char_before, fold, is_word_char, scan_pattern,
    with_scan_buffer,
};

/// The embedded taxonomy file.
pub const SKILLS_CSV: &str = include_str!("../taxonomy/skills.csv");

/// Why the taxonomy file could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TaxonomyError {
    #[error(
        "skills.csv line {line}: expected 5 fields (key,name,category,aliases,rule), found {found}"
    )]
    FieldCount { line: usize, found: usize },
    #[error("skills.csv line {line}: key {key:?} is not snake_case")]
    BadKey { line: usize, key: String },
    #[error("skills.csv line {line}: duplicate key {key:?}")]
    DuplicateKey { line: usize, key: String },
    #[error(
        "skills.csv line {line}: unknown rule {rule:?} (expected case_sensitive, needs_context or whole_word)"
    )]
    UnknownRule { line: usize, rule: String },
    #[error("skills.csv line {line}: alias {alias:?} already belongs to {other:?}")]
    AmbiguousAlias {
        line: usize,
        alias: String,
        other: String,
    },
    #[error("skills.csv: unterminated quoted field at line {line}")]
    Unterminated { line: usize },
    #[error("cannot build the skills automaton: {0}")]
    Automaton(String),
}

/// One skill of the taxonomy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkillEntry {
    /// Stable snake_case key (never renamed once published).
    pub key: &'static str,
    /// Display name.
    pub name: &'static str,
    pub category: &'static str,
    /// Other spellings (lowercase, French and English).
    pub aliases: Vec<&'static str>,
    pub case_sensitive: bool,
    pub needs_context: bool,
    pub whole_word: bool,
}

#[derive(Debug, Clone, Copy)]
struct PatternInfo {
    entry: u16,
    /// The casing rule applies to this pattern (short form of a case-sensitive entry).
    cased: bool,
    /// The pattern is the entry's name (so the name's own spelling is accepted).
    is_name: bool,
    /// The scan pattern got a leading / trailing space (see [`crate::fold::scan_pattern`]).
    lead: bool,
    trail: bool,
}

/// The parsed taxonomy with its matcher.
#[derive(Debug)]
pub struct Taxonomy {
    entries: Vec<SkillEntry>,
    lookup: HashMap<String, u16>,
    automaton: AhoCorasick,
    patterns: Vec<PatternInfo>,
    pattern_bytes: Vec<Vec<u8>>,
}

/// The taxonomy embedded in the crate, parsed on first use.
pub fn taxonomy() -> &'static Taxonomy {
    static TAXONOMY: OnceLock<Taxonomy> = OnceLock::new();
    TAXONOMY.get_or_init(|| Taxonomy::parse(SKILLS_CSV).expect("embedded skills.csv is valid"))
}

/// Skills mentioned in a free text (read as a description), as sorted unique keys.
pub fn find_skills(text: &str) -> Vec<&'static str> {
    let tax = taxonomy();
    let mut found = Vec::new();
    tax.collect(&Folded::new(text), Field::Description, &mut found);
    tax.keys_of(found)
}

/// Where a text comes from: the context rules differ slightly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Title,
    Description,
    /// One label of the offer's listed competences: short skill names are accepted alone.
    Competence,
}

impl Taxonomy {
    /// Parses a taxonomy file (`key,name,category,aliases,rule`, header line first).
    pub fn parse(csv: &'static str) -> Result<Taxonomy, TaxonomyError> {
        let mut entries: Vec<SkillEntry> = Vec::new();
        let mut lookup: HashMap<String, u16> = HashMap::new();
        let mut pattern_strings: Vec<Vec<u8>> = Vec::new();
        let mut scan_seen: std::collections::HashSet<Vec<u8>> = std::collections::HashSet::new();
        let mut patterns: Vec<PatternInfo> = Vec::new();
        let mut pattern_index: HashMap<String, usize> = HashMap::new();

        for (line, fields) in parse_csv(csv)?.into_iter().skip(1) {
            if fields.len() == 1 && fields[0].trim().is_empty() {
                continue;
            }
            if fields.len() != 5 {
                return Err(TaxonomyError::FieldCount {
                    line,
                    found: fields.len(),
                });
            }
            let key = fields[0].trim();
            if key.is_empty()
                || !key
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            {
                return Err(TaxonomyError::BadKey {
                    line,
                    key: key.to_string(),
                });
            }
            if entries.iter().any(|e| e.key == key) {
                return Err(TaxonomyError::DuplicateKey {
                    line,
                    key: key.to_string(),
                });
            }
            let (mut case_sensitive, mut needs_context, mut whole_word) = (false, false, false);
            for rule in fields[4]
                .split('|')
                .map(str::trim)
                .filter(|r| !r.is_empty())
            {
                match rule {
                    "case_sensitive" => case_sensitive = true,
                    "needs_context" => needs_context = true,
                    "whole_word" => whole_word = true,
                    other => {
                        return Err(TaxonomyError::UnknownRule {
                            line,
                            rule: other.to_string(),
                        });
                    }
                }
            }
            let entry = SkillEntry {
                key,
                name: fields[1].trim(),
                category: fields[2].trim(),
                aliases: fields[3]
                    .split('|')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .collect(),
                case_sensitive,
                needs_context,
                whole_word: whole_word || case_sensitive,
            };
            let id = entries.len() as u16;
            // Look-up forms: key, name, aliases.
            let name_folded = fold(entry.name);
            for form in std::iter::once(key.to_string())
                .chain(std::iter::once(name_folded.clone()))
                .chain(entry.aliases.iter().map(|a| fold(a)))
            {
                if let Some(&other) = lookup.get(&form)
                    && other != id
                {
                    return Err(TaxonomyError::AmbiguousAlias {
                        line,
                        alias: form,
                        other: entries[other as usize].key.to_string(),
                    });
                }
                lookup.insert(form, id);
            }
            // Matching patterns: name and aliases.
            let name_single = !name_folded.contains(' ');
            for (form, is_name) in std::iter::once((name_folded.clone(), true))
                .chain(entry.aliases.iter().map(|a| (fold(a), false)))
            {
                let is_name = is_name || form == name_folded;
                if form.trim().is_empty() || pattern_index.contains_key(&form) {
                    continue;
                }
                let short = form.chars().count() <= 4 && !form.contains(' ');
                let cased = entry.case_sensitive && (short || (is_name && name_single));
                let whole_token = pack_token(form.as_bytes()).is_some();
                let (scan, lead, trail) = scan_pattern(&form, whole_token);
                if scan_seen.contains(&scan) {
                    continue;
                }
                scan_seen.insert(scan.clone());
                pattern_index.insert(form.clone(), pattern_strings.len());
                pattern_strings.push(scan);
                patterns.push(PatternInfo {
                    entry: id,
                    cased,
                    is_name,
                    lead,
                    trail,
                });
            }
            entries.push(entry);
        }

        // Overlapping search (the selection of the leftmost-longest matches is done in
        // `collect`): a short token's trailing space may be the next pattern's leading one.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&pattern_strings)
            .map_err(|e| TaxonomyError::Automaton(e.to_string()))?;
        Ok(Taxonomy {
            entries,
            lookup,
            automaton,
            patterns,
            pattern_bytes: pattern_strings,
        })
    }

    /// The key of a skill given its key, name or one of its aliases (any case, any accents).
    pub fn resolve(&self, name_or_alias_or_key: &str) -> Option<&'static str> {
        let folded = fold(name_or_alias_or_key.trim());
        self.lookup
            .get(&folded)
            .map(|&i| self.entries[i as usize].key)
    }

    /// The entry of a key.
    pub fn get(&self, key: &str) -> Option<&SkillEntry> {
        self.entries.iter().find(|e| e.key == key)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// All entries in file order.
    pub fn entries(&self) -> &[SkillEntry] {
        &self.entries
    }

    pub(crate) fn entry(&self, id: u16) -> &SkillEntry {
        &self.entries[id as usize]
    }

    /// Sorted unique keys of entry ids.
    pub(crate) fn keys_of(&self, mut ids: Vec<u16>) -> Vec<&'static str> {
        let mut keys: Vec<&'static str> = ids.drain(..).map(|i| self.entry(i).key).collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    /// Appends the ids of the skills found in `text` to `out` (unsorted, may repeat).
    pub(crate) fn collect(&self, text: &Folded<'_>, field: Field, out: &mut Vec<u16>) {
        let mut all: Vec<(usize, usize, u16)> = Vec::new();
        with_scan_buffer(&text.text, |buf| {
            for m in self.automaton.find_overlapping_iter(buf) {
                self.push_match(
                    &text.text,
                    m.start(),
                    m.end(),
                    m.pattern().as_usize(),
                    &mut all,
                );
            }
        });
        self.select(text, field, all, out);
    }

    /// The entry id of pattern `pid`.
    pub(crate) fn entry_of_pattern(&self, pid: u16) -> u16 {
        self.patterns[pid as usize].entry
    }

    /// The scan patterns, in pattern-id order (for automata that include them).
    pub(crate) fn scan_patterns(&self) -> &[Vec<u8>] {
        &self.pattern_bytes
    }

    /// Records a match of skill pattern `pid` at `bstart..bend` of the scan buffer of `s`.
    #[inline]
    pub(crate) fn push_match(
        &self,
        s: &str,
        bstart: usize,
        bend: usize,
        pid: usize,
        all: &mut Vec<(usize, usize, u16)>,
    ) {
        let info = self.patterns[pid];
        let start = bstart + usize::from(info.lead) - 1;
        let end = (bend - 1 - usize::from(info.trail)).min(s.len());
        if start < end {
            all.push((start, end, pid as u16));
        }
    }

    /// Keeps the leftmost-longest of all the matches, checks them, appends the skills to `out`.
    pub(crate) fn select(
        &self,
        text: &Folded<'_>,
        field: Field,
        mut all: Vec<(usize, usize, u16)>,
        out: &mut Vec<u16>,
    ) {
        let s = text.text.as_str();
        all.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut raw: Vec<(usize, usize, u16)> = Vec::with_capacity(all.len());
        let mut last_end = 0;
        for m in all {
            if m.0 >= last_end {
                last_end = m.1;
                raw.push(m);
            }
        }
        let mut candidates: Vec<(usize, usize, u16)> = Vec::with_capacity(raw.len());
        for (start, end, pid) in raw {
            if !s.is_char_boundary(start) || !s.is_char_boundary(end) {
                continue;
            }
            if !at_word_boundaries(s, start, end) {
                continue;
            }
            let info = self.patterns[pid as usize];
            let entry = self.entry(info.entry);
            if elided(s, end) {
                continue;
            }
            if entry.whole_word && glued(s, start, end) {
                continue;
            }
            if info.cased && !casing_ok(text.original_span(start, end), entry.name, info.is_name) {
                continue;
            }
            candidates.push((start, end, pid));
        }
        for (i, &(_, _, pid)) in candidates.iter().enumerate() {
            let info = self.patterns[pid as usize];
            let entry = self.entry(info.entry);
            if entry.needs_context && !self.in_context(s, &candidates, i, field, entry) {
                continue;
            }
            out.push(info.entry);
        }
    }

    fn in_context(
        &self,
        s: &str,
        candidates: &[(usize, usize, u16)],
        i: usize,
        field: Field,
        entry: &SkillEntry,
    ) -> bool {
        let (start, end, pid) = candidates[i];
        let info = self.patterns[pid as usize];
        // Multi-word aliases (`langage r`, `sas enterprise guide`) carry their own context.
        let pattern_len = s[start..end].len();
        if !info.is_name && (s[start..end].contains(' ') || pattern_len > 4) {
            return true;
        }
        let (prev1, prev2) = previous_words(s, start);
        let next = next_word(s, end);
        // Negative contexts.
        if prev1.is_some_and(|w| {
            w.bytes()
                .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
        }) {
            return false; // "16 Go", "3 R"
        }
        if next.is_some_and(|w| NEG_AFTER.contains(&w) || w.bytes().all(|b| b.is_ascii_digit())) {
            return false; // "Tableau de bord", "SAS au capital", "Go de RAM"
        }
        if entry.key == "sas"
            && (prev1.is_some_and(|w| SAS_NEG_BEFORE.contains(&w))
                || next.is_some_and(|w| SAS_NEG_AFTER.contains(&w)))
        {
            return false;
        }
        if field == Field::Competence {
            return true;
        }
        // Listed next to another skill ("GO GO GO" is no list).
        let other = |j: usize| self.patterns[candidates[j].2 as usize].entry != info.entry;
        if i > 0 && other(i - 1) && list_gap(&s[candidates[i - 1].1..start]) {
            return true;
        }
        if i + 1 < candidates.len() && other(i + 1) && list_gap(&s[end..candidates[i + 1].0]) {
            return true;
        }
        // Cue words around.
        let cue_before = |w: &str| CUE_BEFORE.contains(&w) && !(entry.key == "sas" && w == "en");
        if prev1.is_some_and(cue_before) {
            return true;
        }
        if prev1.is_some_and(|w| LINK_WORDS.contains(&w)) && prev2.is_some_and(cue_before) {
            return true;
        }
        if next.is_some_and(|w| CUE_AFTER.contains(&w)) {
            return true;
        }
        false
    }
}

/// Words before a short skill name that make it technical.
const CUE_BEFORE: &[&str] = &[
    "langage",
    "langages",
    "language",
    "languages",
    "logiciel",
    "logiciels",
    "programmation",
    "programming",
    "programmer",
    "programmeur",
    "outil",
    "outils",
    "tools",
    "tool",
    "sous",
    "maitrise",
    "maitriser",
    "maitrisez",
    "maitrisant",
    "connaissance",
    "connaissances",
    "competence",
    "competences",
    "developpement",
    "developper",
    "developpeur",
    "developpeuse",
    "developer",
    "dev",
    "code",
    "coder",
    "script",
    "scripts",
    "environnement",
    "stack",
    "technologies",
    "technos",
    "techno",
    "with",
    "using",
    "avec",
    "en",
    "analyst",
    "analyste",
    "statisticien",
    "statisticienne",
    "ingenieur",
    "engineer",
    "consultant",
    "consultante",
    "expert",
    "experte",
    "expertise",
    "pratique",
    "utilisation",
    "usage",
    "macros",
    "programmes",
];

/// Words after a short skill name that make it technical (`SAS Base`, `R Shiny`).
const CUE_AFTER: &[&str] = &[
    "studio",
    "shiny",
    "markdown",
    "base",
    "guide",
    "enterprise",
    "viya",
    "macro",
    "macros",
    "programming",
    "language",
    "script",
    "scripts",
    "eg",
    "stat",
    "desktop",
    "server",
    "software",
    "prep",
    "ansi",
];

/// Words that may sit between a cue and the skill (`maîtrise de R`, `connaissance du C`).
const LINK_WORDS: &[&str] = &["de", "du", "des", "d'", "en", "le", "la", "l'", "of", "in"];

/// Words after a short skill name that show it is an ordinary word.
const NEG_AFTER: &[&str] = &["de", "des", "du", "d'"];

const SAS_NEG_BEFORE: &[&str] = &[
    "societe", "en", "forme", "statut", "sarl", "sa", "groupe", "holding",
];
const SAS_NEG_AFTER: &[&str] = &[
    "au",
    "a",
    "capital",
    "unipersonnelle",
    "immatriculee",
    "filiale",
];

/// A token of 1 to 3 ASCII alphanumeric bytes packed into a `u32` (bytes and length); such
/// patterns must be whole tokens.
#[inline]
fn pack_token(token: &[u8]) -> Option<u32> {
    if token.is_empty() || token.len() > 3 || !token.iter().all(u8::is_ascii_alphanumeric) {
        return None;
    }
    let mut packed = (token.len() as u32) << 24;
    for (k, &b) in token.iter().enumerate() {
        packed |= (b as u32) << (8 * k);
    }
    Some(packed)
}

/// The text just after `end` continues a French elided word (`C'est`, `L'équipe`).
fn elided(s: &str, end: usize) -> bool {
    let last_is_word = char_before(s, end).is_some_and(is_word_char);
    last_is_word
        && s[end..].starts_with('\'')
        && char_at(s, end + 1).is_some_and(|c| c.is_alphabetic())
}

/// The match is glued to a word by a joining character (`go-live`, `R&D`, `C.V`, `a_b`).
fn glued(s: &str, start: usize, end: usize) -> bool {
    const JOINERS: [char; 5] = ['-', '_', '@', '.', '&'];
    if let Some(c) = char_before(s, start)
        && JOINERS.contains(&c)
        && char_before(s, start - c.len_utf8()).is_some_and(is_word_char)
    {
        return true;
    }
    if let Some(c) = char_at(s, end) {
        let next = char_at(s, end + c.len_utf8());
        if JOINERS.contains(&c) && next.is_some_and(is_word_char) {
            return true;
        }
        if c == '+' && next.is_some_and(|n| n.is_ascii_digit()) {
            return true; // "R+1"
        }
    }
    false
}

/// The original spelling of a short form is acceptable: as the name spells it, or in capitals
/// (a plural `s` allowed: `LLMs`).
fn casing_ok(original: &str, name: &str, is_name: bool) -> bool {
    if is_name && original == name {
        return true;
    }
    let core = original
        .strip_suffix('s')
        .filter(|c| c.len() >= 2)
        .unwrap_or(original);
    let mut letters = core.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(|c| c.is_uppercase())
}

fn is_token_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '+' || c == '#'
}

/// The two words before byte `start` (nearest first), skipping spaces and `:`/`(`.
fn previous_words(s: &str, start: usize) -> (Option<&str>, Option<&str>) {
    let first = word_before(s, start);
    let second = first.and_then(|(b, _)| word_before(s, b));
    (first.map(|(_, w)| w), second.map(|(_, w)| w))
}

fn word_before(s: &str, mut i: usize) -> Option<(usize, &str)> {
    let bytes = s.as_bytes();
    while i > 0 && matches!(bytes[i - 1], b' ' | b':' | b'(' | b'\t') {
        i -= 1;
    }
    let end = i;
    while let Some(c) = char_before(s, i) {
        if !is_token_char(c) {
            break;
        }
        i -= c.len_utf8();
        // "d'" / "l'" are words of their own.
        if c != '\'' && s[i..end].contains('\'') {
            let apostrophe = s[i..end].find('\'').unwrap() + i;
            if apostrophe + 1 < end {
                i = apostrophe + 1;
                break;
            }
        }
    }
    (i < end).then(|| (i, &s[i..end]))
}

fn next_word(s: &str, end: usize) -> Option<&str> {
    let rest = s[end..].trim_start_matches([' ', '\t']);
    let offset = s.len() - rest.len();
    let mut stop = offset;
    for (j, c) in rest.char_indices() {
        if c == '\'' {
            stop = offset + j + 1;
            break;
        }
        if !(c.is_alphanumeric() || c == '+') {
            stop = offset + j;
            break;
        }
        stop = offset + j + c.len_utf8();
    }
    (stop > offset).then(|| &s[offset..stop])
}

/// The text between two skills of a list: separators and `et`/`ou`/`and`/`or` only.
fn list_gap(gap: &str) -> bool {
    if gap.len() > 14 {
        return false;
    }
    gap.split(|c: char| " ,;/|&+()-·*\t\n\r:".contains(c))
        .filter(|w| !w.is_empty())
        .all(|w| matches!(w, "et" | "ou" | "and" | "or" | "ainsi" | "que"))
}

/// Minimal CSV reader: comma-separated, fields optionally double-quoted (`""` escapes).
fn parse_csv(csv: &'static str) -> Result<Vec<(usize, Vec<&'static str>)>, TaxonomyError> {
    let mut rows = Vec::new();
    for (n, line) in csv.lines().enumerate() {
        let line_no = n + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        let mut fields = Vec::new();
        let mut rest = line;
        loop {
            if let Some(quoted) = rest.strip_prefix('"') {
                let mut value = String::new();
                let mut chars = quoted.char_indices();
                let mut after = None;
                while let Some((j, c)) = chars.next() {
                    if c == '"' {
                        if quoted[j + 1..].starts_with('"') {
                            value.push('"');
                            chars.next();
                        } else {
                            after = Some(j + 1);
                            break;
                        }
                    } else {
                        value.push(c);
                    }
                }
                let after = after.ok_or(TaxonomyError::Unterminated { line: line_no })?;
                // Quoted values are rare: leaking them keeps every field `&'static str`.
                fields.push(&*Box::leak(value.into_boxed_str()));
                rest = &quoted[after..];
                match rest.strip_prefix(',') {
                    Some(r) => rest = r,
                    None => break,
                }
            } else {
                match rest.find(',') {
                    Some(j) => {
                        fields.push(&rest[..j]);
                        rest = &rest[j + 1..];
                    }
                    None => {
                        fields.push(rest);
                        break;
                    }
                }
            }
        }
        rows.push((line_no, fields));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(text: &str, key: &str) -> bool {
        find_skills(text).contains(&key)
    }

    #[test]
    fn taxonomy_parses_with_unique_keys_and_resolving_aliases() {
        let tax = taxonomy();
        assert!(tax.len() >= 200, "only {} entries", tax.len());
        let mut keys: Vec<_> = tax.entries().iter().map(|e| e.key).collect();
        keys.sort_unstable();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n, "duplicate keys");
        for e in tax.entries() {
            assert_eq!(tax.resolve(e.key), Some(e.key));
            assert_eq!(tax.resolve(e.name), Some(e.key), "name {}", e.name);
            for a in &e.aliases {
                assert_eq!(tax.resolve(a), Some(e.key), "alias {a}");
                assert_eq!(*a, a.to_lowercase(), "alias {a} is not lowercase");
            }
            assert!(!e.category.is_empty());
        }
        assert_eq!(tax.resolve("Power BI"), Some("power_bi"));
        assert_eq!(
            tax.resolve("Modélisation de données"),
            Some("data_modeling")
        );
        assert_eq!(tax.resolve("nothing-like-this"), None);
    }

    #[test]
    fn required_keys_exist() {
        let tax = taxonomy();
        for key in [
            "python",
            "sql",
            "power_bi",
            "r",
            "go",
            "c",
            "c_plus_plus",
            "excel",
            "spark",
            "sas",
            "dbt",
            "airflow",
            "snowflake",
            "databricks",
            "aws",
            "azure",
            "gcp",
            "bigquery",
            "kafka",
            "docker",
            "kubernetes",
            "scikit_learn",
            "pytorch",
            "tensorflow",
            "llm",
            "machine_learning",
            "deep_learning",
            "nlp",
            "computer_vision",
            "statistics",
            "data_modeling",
            "etl",
            "data_visualization",
            "tableau",
            "qlik",
            "looker",
            "talend",
            "informatica",
            "ssis",
            "oracle",
            "postgresql",
            "mysql",
            "sql_server",
            "mongodb",
            "elasticsearch",
            "hadoop",
            "hive",
            "git",
            "terraform",
            "linux",
            "vba",
            "sap",
            "salesforce",
            "google_analytics",
            "qgis",
            "arcgis",
            "agile",
            "scrum",
            "rgpd_gdpr",
            "artificial_intelligence",
        ] {
            assert!(tax.get(key).is_some(), "missing {key}");
        }
    }

    #[test]
    fn r_only_as_the_language() {
        assert!(has("Maîtrise de Python, R et SQL", "r"));
        assert!(has("Vous codez en R au quotidien", "r"));
        assert!(has("Bonne pratique du langage R", "r"));
        assert!(has("Outils : R/Python", "r"));
        assert!(has("R Shiny pour les applications", "r"));
        assert!(!has("Service R&D basé à Lyon", "r"));
        assert!(!has("Bureau au R+1 du bâtiment", "r"));
        assert!(!has("Ce poste R est ouvert", "r"));
        assert!(!has("rendez-vous r ici", "r"));
        assert!(!has("Titulaire du CACES R 486", "r"));
    }

    #[test]
    fn go_and_c_are_not_everywhere() {
        assert!(has("Stack : Java, Go, Kubernetes", "go"));
        assert!(has("Développeur Go expérimenté", "go"));
        assert!(!has("Nous utilisons Google Cloud", "go"));
        assert!(!has("Poste avec 16 Go de RAM", "go"));
        assert!(!has("Préparer le go-live du projet", "go"));
        assert!(!has("Alors GO GO GO, postulez", "go"));
        assert!(has("Programmation en C et C++ embarqué", "c"));
        assert!(has("Programmation en C et C++ embarqué", "c_plus_plus"));
        assert!(!has("C'est un poste clé", "c"));
        assert!(!has("Niveau d'anglais C1 requis", "c"));
        assert!(!has("Permis C exigé", "c"));
    }

    #[test]
    fn excel_power_bi_spark_traps() {
        assert!(has("Maîtrise d'Excel et de VBA", "excel"));
        assert!(!has("Un excellent relationnel", "excel"));
        assert!(!has("Un esprit d'excellence", "excel"));
        assert!(has("Reporting sous Power BI", "power_bi"));
        assert!(has("Reporting sous PowerBI", "power_bi"));
        assert!(!has("Présentations PowerPoint soignées", "power_bi"));
        assert!(has("Traitements Apache Spark sur Databricks", "spark"));
        assert!(!has("Eau pétillante sparkling", "spark"));
    }

    #[test]
    fn sas_software_versus_legal_form() {
        assert!(has("Programmation SAS Base et SQL", "sas"));
        assert!(has("Outils statistiques : SAS, R, Python", "sas"));
        assert!(has("Maîtrise de SAS indispensable", "sas"));
        assert!(has("Connaissance de SAS Enterprise Guide", "sas"));
        assert!(!has("ACME SAS au capital de 10 000 euros", "sas"));
        assert!(!has("Rejoignez ACME SAS, leader du conseil", "sas"));
        assert!(!has(
            "Société par actions simplifiée (SAS) basée à Lyon",
            "sas"
        ));
        assert!(!has("Entrée par le sas de sécurité", "sas"));
    }

    #[test]
    fn dbt_and_short_ai_forms() {
        assert!(has("Modélisation avec dbt et Snowflake", "dbt"));
        assert!(has("Stack DBT / BigQuery", "dbt"));
        assert!(has("Projets IA générative et LLM", "generative_ai"));
        assert!(has("Projets IA générative et LLM", "llm"));
        assert!(has(
            "Déployer des solutions d'IA",
            "artificial_intelligence"
        ));
        assert!(!has("j'ai travaillé ici", "artificial_intelligence"));
        assert!(!has("via le portail", "artificial_intelligence"));
    }

    #[test]
    fn french_spellings() {
        assert!(has(
            "Bonne culture de l'apprentissage automatique",
            "machine_learning"
        ));
        assert!(has(
            "Passion pour l'intelligence artificielle",
            "artificial_intelligence"
        ));
        assert!(has(
            "Modélisation de données et entrepôt de données",
            "data_modeling"
        ));
        assert!(has(
            "Modélisation de données et entrepôt de données",
            "data_warehouse"
        ));
        assert!(!has("Mettre à jour le tableau de bord mensuel", "tableau"));
        assert!(has(
            "Mettre à jour le tableau de bord mensuel",
            "dashboarding"
        ));
        assert!(!has("Tableau de bord des ventes", "tableau"));
        assert!(has("Dataviz sous Tableau et Power BI", "tableau"));
        assert!(has("Maîtrise de Tableau Desktop", "tableau"));
        assert!(has("Traitement automatique du langage naturel", "nlp"));
        assert!(has("Vision par ordinateur", "computer_vision"));
    }

    #[test]
    fn results_are_sorted_and_unique() {
        let found = find_skills("SQL, Python, sql, PYTHON, Airflow et python");
        assert_eq!(found, vec!["airflow", "python", "sql"]);
    }
}
