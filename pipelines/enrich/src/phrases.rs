//! Small phrase tables compiled into Aho-Corasick automata, with word-boundary checks.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::fold::{at_word_boundaries, fold};

/// A table of phrases (folded on build) and what each one means.
pub(crate) struct PhraseSet<T: Copy> {
    automaton: AhoCorasick,
    meanings: Vec<T>,
}

impl<T: Copy> PhraseSet<T> {
    /// Builds the set; `overlapping` finds every phrase (for short texts such as titles),
    /// otherwise leftmost-longest non-overlapping matches (for descriptions).
    pub fn new(table: impl IntoIterator<Item = (&'static str, T)>, overlapping: bool) -> Self {
        let (patterns, meanings): (Vec<String>, Vec<T>) =
            table.into_iter().map(|(p, m)| (fold(p), m)).unzip();
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
        let mut visit = |start: usize, end: usize, pid: usize| {
            if s.is_char_boundary(start)
                && s.is_char_boundary(end)
                && at_word_boundaries(s, start, end)
            {
                f(start, end, self.meanings[pid]);
            }
        };
        if self.automaton.match_kind() == MatchKind::Standard {
            for m in self.automaton.find_overlapping_iter(s) {
                visit(m.start(), m.end(), m.pattern().as_usize());
            }
        } else {
            for m in self.automaton.find_iter(s) {
                visit(m.start(), m.end(), m.pattern().as_usize());
            }
        }
    }
}
