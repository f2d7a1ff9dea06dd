//! Small phrase tables compiled into Aho-Corasick automata, with word-boundary checks.
//!
//! The automata search a scan buffer ([`scan_buffer`]) in which separators are spaces and
//! every phrase starting with a letter or digit is prefixed with a space: the automaton then
//! leaves its start state only at word starts, which keeps it fast and cache-friendly.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::fold::{at_word_boundaries, scan_pattern, with_scan_buffer};

/// A table of phrases (folded on build) and what each one means.
pub(crate) struct PhraseSet<T: Copy> {
    automaton: AhoCorasick,
    /// Meaning and whether the pattern got a leading space.
    meanings: Vec<(T, bool)>,
}

impl<T: Copy> PhraseSet<T> {
    /// Builds the set; `overlapping` finds every phrase (for short texts such as titles),
    /// otherwise leftmost-longest non-overlapping matches (for descriptions).
    pub fn new(table: impl IntoIterator<Item = (&'static str, T)>, overlapping: bool) -> Self {
        let mut patterns = Vec::new();
        let mut meanings = Vec::new();
        for (p, m) in table {
            let (pattern, lead, _) = scan_pattern(p, false);
            patterns.push(pattern);
            meanings.push((m, lead));
        }
        let automaton = AhoCorasick::builder()
            .match_kind(if overlapping {
                MatchKind::Standard
            } else {
                MatchKind::LeftmostLongest
            })
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .expect("phrase tables are valid");
        PhraseSet {
            automaton,
            meanings,
        }
    }

    /// Calls `f(start, end, meaning)` for every phrase found at word boundaries in the folded
    /// text `s`.
    pub fn scan(&self, s: &str, mut f: impl FnMut(usize, usize, T)) {
        let mut visit = |bstart: usize, bend: usize, pid: usize| {
            let (meaning, lead) = self.meanings[pid];
            // Buffer byte i + 1 is text byte i; a leading space is not part of the phrase.
            let start = bstart + usize::from(lead) - 1;
            let end = (bend - 1).min(s.len());
            if start < end
                && s.is_char_boundary(start)
                && s.is_char_boundary(end)
                && at_word_boundaries(s, start, end)
            {
                f(start, end, meaning);
            }
        };
        with_scan_buffer(s, |buf| {
            if self.automaton.match_kind() == MatchKind::Standard {
                for m in self.automaton.find_overlapping_iter(buf) {
                    visit(m.start(), m.end(), m.pattern().as_usize());
                }
            } else {
                for m in self.automaton.find_iter(buf) {
                    visit(m.start(), m.end(), m.pattern().as_usize());
                }
            }
        });
    }
}
