//! One pass over a description finds its skills and what else it says: remote cues, data-role
//! phrases, data vocabulary and the years of experience asked.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind};

use crate::fold::{Folded, at_word_boundaries, fold, scan_pattern, with_scan_buffer};
use crate::remote::{self, Cue, RemoteCues};
use crate::role::{self, N_DATA_ROLES, RoleId, Signal};
use crate::seniority::number_before;
use crate::skills::{Field, taxonomy};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phrase {
    Remote(Cue),
    /// A data role named in the text ("data engineer", "statistiques").
    Role(RoleId),
    /// General data vocabulary ("données", "requêtes").
    Vocab,
    /// A years-of-experience marker after the number ("3 ans d'expérience").
    YearsBefore,
    /// A marker before the number ("expérience de 3 ans").
    YearsAfter,
}

const YEARS_BEFORE: &[&str] = &[
    "ans d'expérience",
    "an d'expérience",
    "années d'expérience",
    "ans minimum d'expérience",
    "ans d'exp",
    "years of experience",
    "years experience",
    "years' experience",
    "ans dans un poste similaire",
    "ans sur un poste similaire",
];
const YEARS_AFTER: &[&str] = &[
    "expérience de",
    "expérience minimum de",
    "expérience d'au moins",
    "expérience professionnelle de",
];

/// What a description says, apart from skills.
#[derive(Debug, Default, Clone)]
pub(crate) struct DescScan {
    pub remote: RemoteCues,
    pub roles: [f32; N_DATA_ROLES],
    pub vocab: f32,
    pub years: Option<f32>,
}

/// What one pattern of the combined automaton means.
#[derive(Debug, Default, Clone)]
struct Meaning {
    /// Skill pattern id (see [`crate::skills::Taxonomy`]), checked like any skill match.
    skill: Option<u16>,
    /// The phrase it is, or the phrases it contains.
    phrases: Vec<Phrase>,
    /// Rule-free skills (entry ids) inside a longer phrase that hides them.
    contained_skills: Vec<u16>,
    /// The pattern got a leading space.
    lead: bool,
}

/// One leftmost-longest automaton over the skills' patterns and the description phrases.
/// Identical patterns share one meaning; a phrase hiding a skill ("administrateur oracle")
/// carries it, and a skill pattern hiding a phrase carries the phrase.
struct Combined {
    automaton: DFA,
    /// The unanchored start state of `automaton`.
    start: StateID,
    cuts: Cuts,
    /// The patterns, to check [`Combined::find_all`] against the crate's own search.
    #[cfg(test)]
    patterns: Vec<Vec<u8>>,
    meanings: Vec<Meaning>,
}

fn combined() -> &'static Combined {
    static SET: OnceLock<Combined> = OnceLock::new();
    SET.get_or_init(|| {
        let mut seen = HashSet::new();
        let mut table: Vec<(&'static str, Phrase)> = Vec::new();
        let mut add = |p: &'static str, m: Phrase| {
            if seen.insert(fold(p)) {
                table.push((p, m));
            }
        };
        for &(p, cue) in remote::PHRASES {
            add(p, Phrase::Remote(cue));
        }
        for &p in YEARS_BEFORE {
            add(p, Phrase::YearsBefore);
        }
        for &p in YEARS_AFTER {
            add(p, Phrase::YearsAfter);
        }
        for &(p, signal) in role::TITLE_RULES {
            if let Signal::Role(r, w) = signal
                && w >= 8.0
                && p.len() > 4
            {
                add(p, Phrase::Role(r));
            }
        }
        for &p in role::DESC_VOCAB {
            add(p, Phrase::Vocab);
        }
        let tax = taxonomy();
        let mut patterns: Vec<Vec<u8>> = Vec::new();
        let mut meanings: Vec<Meaning> = Vec::new();
        let mut index: HashMap<Vec<u8>, usize> = HashMap::new();
        // Skill patterns: the scan form without the trailing space of short tokens (the
        // boundary check on the text does that job here).
        for (pid, p) in tax.scan_patterns().iter().enumerate() {
            let mut p = p.clone();
            let lead = p.first() == Some(&b' ');
            if p.len() > 1 && p.last() == Some(&b' ') {
                p.pop();
            }
            let k = *index.entry(p.clone()).or_insert_with(|| {
                patterns.push(p);
                meanings.push(Meaning {
                    lead,
                    ..Meaning::default()
                });
                meanings.len() - 1
            });
            meanings[k].skill.get_or_insert(pid as u16);
        }
        let n_skill_patterns = patterns.len();
        for (p, m) in table {
            let (pattern, lead, _) = scan_pattern(p, false);
            let k = *index.entry(pattern.clone()).or_insert_with(|| {
                patterns.push(pattern);
                meanings.push(Meaning {
                    lead,
                    ..Meaning::default()
                });
                meanings.len() - 1
            });
            meanings[k].phrases.push(m);
        }
        // Containment: phrases inside skill patterns and rule-free skills inside phrases.
        let texts: Vec<String> = patterns
            .iter()
            .map(|p| String::from_utf8_lossy(p).trim().to_string())
            .collect();
        for (k, text) in texts.iter().enumerate() {
            for (j, inner) in texts.iter().enumerate() {
                if j == k || inner.len() >= text.len() || !contains_word(text, inner) {
                    continue;
                }
                if k < n_skill_patterns {
                    let inner_phrases = meanings[j].phrases.clone();
                    meanings[k].phrases.extend(inner_phrases);
                } else if let Some(pid) = meanings[j].skill {
                    let entry = tax.entry_of_pattern(pid);
                    let e = tax.entry(entry);
                    if !e.case_sensitive && !e.needs_context {
                        meanings[k].contained_skills.push(entry);
                    }
                }
            }
        }
        // Searched with our own loop (see [`Combined::find`]); no prefilter, so that only dead
        // and match states are special.
        let automaton = DFA::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .prefilter(false)
            .build(&patterns)
            .expect("description phrases are valid");
        let start = automaton
            .start_state(Anchored::No)
            .expect("unanchored searches are supported");

        Combined {
            cuts: Cuts::new(&patterns),
            #[cfg(test)]
            patterns: patterns.clone(),
            automaton,
            start,
            meanings,
        }
    })
}

/// Byte pairs that occur in no pattern, as a bitmap indexed by `first << 8 | second`: a text
/// cut between them has no match across the cut, so the leftmost-longest matches of its two
/// parts are those of the whole.
struct Cuts(Vec<u64>);

impl Cuts {
    fn new(patterns: &[Vec<u8>]) -> Self {
        let mut bits = vec![u64::MAX; 1 << 10];
        for p in patterns {
            for w in p.windows(2) {
                let pair = usize::from(w[0]) << 8 | usize::from(w[1]);
                bits[pair / 64] &= !(1 << (pair % 64));
            }
        }
        Cuts(bits)
    }

    /// The first position after `from` where `hay` may be cut, or `end`.
    fn after(&self, hay: &[u8], from: usize, end: usize) -> usize {
        (from + 1..end)
            .find(|&i| {
                let pair = usize::from(hay[i - 1]) << 8 | usize::from(hay[i]);
                self.0[pair / 64] & (1 << (pair % 64)) != 0
            })
            .unwrap_or(end)
    }
}

/// Where a walk of the automaton is: position, state, and the longest match so far of the
/// current search (state, end). Kept in locals by the loops: a walk is a chain of dependent
/// table loads, which a round trip through memory would lengthen.
type Walk = (usize, StateID, Option<(StateID, usize)>);

impl Combined {
    /// The leftmost-longest matches in `hay`, in order: (pattern, start, end). The same search
    /// as the crate's own, in our own loop. The text is cut in two and both halves are walked
    /// together: the processor overlaps the two chains of dependent table loads.
    fn find_all(&self, hay: &[u8], out: &mut Vec<(usize, usize, usize)>) {
        let dfa = &self.automaton;
        let cut = self.cuts.after(hay, hay.len() / 2, hay.len());
        let mut second = Vec::with_capacity(hay.len() / 64);
        let (mut a, mut sa, mut fa) = (0, self.start, None);
        let (mut b, mut sb, mut fb) = (cut, self.start, None);
        while a < cut && b < hay.len() {
            sa = dfa.next_state(Anchored::No, sa, hay[a]);
            sb = dfa.next_state(Anchored::No, sb, hay[b]);
            a += 1;
            b += 1;
            if dfa.is_special(sa) || dfa.is_special(sb) || a == cut || b == hay.len() {
                (a, sa, fa) = self.settle((a, sa, fa), cut, out);
                (b, sb, fb) = self.settle((b, sb, fb), hay.len(), &mut second);
            }
        }
        // One half is done; the other goes on alone.
        for ((mut at, mut sid, mut found), end, out) in [
            ((a, sa, fa), cut, &mut *out),
            ((b, sb, fb), hay.len(), &mut second),
        ] {
            while at < end {
                sid = dfa.next_state(Anchored::No, sid, hay[at]);
                at += 1;
                if dfa.is_special(sid) || at == end {
                    (at, sid, found) = self.settle((at, sid, found), end, out);
                }
            }
        }
        out.append(&mut second);
    }

    /// After a step: records a match state, and ends the current search at a dead state or at
    /// `end` (the next search starts after its match, if any).
    #[inline]
    fn settle(
        &self,
        (at, sid, mut found): Walk,
        end: usize,
        out: &mut Vec<(usize, usize, usize)>,
    ) -> Walk {
        let dfa = &self.automaton;
        let mut done = at == end;
        if dfa.is_special(sid) {
            if dfa.is_dead(sid) {
                done = true;
            } else if dfa.is_match(sid) {
                found = Some((sid, at));
            }
        }
        if !done {
            return (at, sid, found);
        }
        match found {
            Some((sid, match_end)) => {
                let pid = dfa.match_pattern(sid, 0);
                out.push((pid.as_usize(), match_end - dfa.pattern_len(pid), match_end));
                (match_end, self.start, None)
            }
            None => (end, sid, None),
        }
    }
}

/// `inner` occurs in `text` as whole words.
fn contains_word(text: &str, inner: &str) -> bool {
    text.match_indices(inner)
        .any(|(i, _)| at_word_boundaries(text, i, i + inner.len()))
}

/// One pass over a folded text: its skills (when `skills` is given) and what it says.
pub(crate) fn scan_text(
    text: &Folded<'_>,
    field: Field,
    skills: Option<&mut Vec<u16>>,
    out: &mut DescScan,
) {
    let c = combined();
    let tax = taxonomy();
    let s = text.text.as_str();
    let mut skill_matches: Vec<(usize, usize, u16)> = Vec::new();
    let mut contained: Vec<u16> = Vec::new();
    with_scan_buffer(s, |buf| {
        // about one match in 50 bytes
        let mut matches = Vec::with_capacity(buf.len() / 32);
        c.find_all(buf, &mut matches);
        for (pattern, mstart, mend) in matches {
            // Cheap rejection first: a match ending in an ASCII letter or digit glued to another one
            // (" c" in " comprendre") is not at a word boundary.
            if buf[mend - 1].is_ascii_alphanumeric()
                && mend - 1 < s.len()
                && s.as_bytes()[mend - 1].is_ascii_alphanumeric()
            {
                continue;
            }
            let meaning = &c.meanings[pattern];
            let start = mstart + usize::from(meaning.lead) - 1;
            let end = (mend - 1).min(s.len());
            if start >= end
                || !s.is_char_boundary(start)
                || !s.is_char_boundary(end)
                || !at_word_boundaries(s, start, end)
            {
                continue;
            }
            if let Some(pid) = meaning.skill {
                skill_matches.push((start, end, pid));
            }
            contained.extend_from_slice(&meaning.contained_skills);
            for &phrase in &meaning.phrases {
                apply(s, start, end, phrase, out);
            }
        }
    });
    if let Some(skills) = skills {
        tax.select(text, field, skill_matches, skills);
        skills.extend_from_slice(&contained);
    }
}

/// Adds what a folded text says to `out` (no skills).
pub(crate) fn scan_description(text: &Folded<'_>, out: &mut DescScan) {
    scan_text(text, Field::Description, None, out);
}

fn apply(s: &str, start: usize, end: usize, phrase: Phrase, out: &mut DescScan) {
    match phrase {
        Phrase::Remote(cue) => out.remote.observe(s, start, end, cue),
        Phrase::Role(r) => out.roles[r] += 1.0,
        Phrase::Vocab => out.vocab += 1.0,
        Phrase::YearsBefore => {
            if out.years.is_none() {
                out.years = number_before(s, start);
            }
        }
        Phrase::YearsAfter => {
            if out.years.is_none() {
                let rest = s[end..].trim_start();
                let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
                if !digits.is_empty() && rest[digits.len()..].trim_start().starts_with("an") {
                    out.years = digits.parse().ok().filter(|y: &f32| *y <= 40.0);
                }
            }
        }
    }
}

#[cfg(test)]
mod find_tests {
    use super::*;
    use aho_corasick::AhoCorasick;
    use proptest::prelude::*;

    /// The crate's own leftmost-longest search over the same patterns.
    fn reference(hay: &[u8]) -> Vec<(usize, usize, usize)> {
        static REFERENCE: OnceLock<AhoCorasick> = OnceLock::new();
        REFERENCE
            .get_or_init(|| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&combined().patterns)
                    .expect("patterns are valid")
            })
            .find_iter(hay)
            .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
            .collect()
    }

    fn ours(hay: &[u8]) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        combined().find_all(hay, &mut out);
        out
    }

    #[test]
    fn finds_what_the_crate_finds_in_real_descriptions() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/francetravail/offers.jsonl"
        );
        let Ok(text) = std::fs::read_to_string(path) else {
            assert!(std::env::var_os("CI").is_none(), "{path} is missing in CI");
            eprintln!("skipped: {path} not found (../shared is absent)");
            return;
        };
        let mut buf = Vec::new();
        let mut compared = 0;
        for line in text.lines() {
            let offer: serde_json::Value = serde_json::from_str(line).expect("json line");
            let Some(description) = offer["description"].as_str() else {
                continue;
            };
            crate::fold::scan_buffer(&Folded::new(description).text, &mut buf);
            assert_eq!(ours(&buf), reference(&buf), "in {}", offer["id"]);
            compared += 1;
        }
        assert!(compared > 9_000, "only {compared} descriptions");
    }

    proptest! {
        /// Texts made of pattern pieces, spaces and signs: many matches, many near-misses.
        #[test]
        fn finds_what_the_crate_finds_in_pattern_soup(
            pieces in proptest::collection::vec((0usize..2000, 0usize..40, 0usize..6), 0..120)
        ) {
            let patterns = &combined().patterns;
            let mut hay = vec![b' '];
            for (p, len, glue) in pieces {
                let pattern = &patterns[p % patterns.len()];
                hay.extend_from_slice(&pattern[..len.min(pattern.len())]);
                hay.extend_from_slice([" ", "", ". ", "s", "-", " de "][glue].as_bytes());
            }
            prop_assert_eq!(ours(&hay), reference(&hay));
        }
    }
}
