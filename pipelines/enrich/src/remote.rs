//! Remote-work policy: `full`, `hybrid` (with days per week when stated), `occasional`, `none`.

use jobmarket_schema::Remote;

use crate::desc::{DescScan, scan_description};
use crate::fold::Folded;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cue {
    /// Remote explicitly excluded.
    None,
    Full,
    Hybrid,
    Occasional,
    /// A bare mention of remote work (télétravail, remote…): occasional unless more is said.
    Mention,
    /// A job board's template line "Lieu du poste : En présentiel": `none` only when nothing
    /// else is said about remote work.
    OnSite,
    /// "Remote" or "hybride" meaning something else ("remote access", "véhicule hybride"):
    /// read so that the shorter cue inside does not match, and ignored.
    Other,
}

pub(crate) const PHRASES: &[(&str, Cue)] = &[
    ("pas de télétravail", Cue::None),
    ("pas de teletravail possible", Cue::None),
    ("télétravail non possible", Cue::None),
    ("télétravail impossible", Cue::None),
    ("télétravail non autorisé", Cue::None),
    ("télétravail non envisageable", Cue::None),
    ("télétravail : non", Cue::None),
    ("télétravail: non", Cue::None),
    ("télétravail non", Cue::None),
    ("sans télétravail", Cue::None),
    ("aucun télétravail", Cue::None),
    ("pas de possibilité de télétravail", Cue::None),
    ("ne permet pas le télétravail", Cue::None),
    ("non éligible au télétravail", Cue::None),
    ("non télétravaillable", Cue::None),
    ("pas de remote", Cue::None),
    ("no remote", Cue::None),
    ("not remote", Cue::None),
    ("on-site only", Cue::None),
    ("onsite only", Cue::None),
    ("100% présentiel", Cue::None),
    ("100 % présentiel", Cue::None),
    ("100% sur site", Cue::None),
    ("100 % sur site", Cue::None),
    ("full présentiel", Cue::None),
    ("uniquement en présentiel", Cue::None),
    ("exclusivement en présentiel", Cue::None),
    ("totalement en présentiel", Cue::None),
    ("poste en présentiel", Cue::None),
    ("poste 100% en présentiel", Cue::None),
    ("lieu du poste : en présentiel", Cue::OnSite),
    ("lieu du poste: en présentiel", Cue::OnSite),
    ("full remote", Cue::Full),
    ("full-remote", Cue::Full),
    ("fully remote", Cue::Full),
    ("100% remote", Cue::Full),
    ("100 % remote", Cue::Full),
    ("100% télétravail", Cue::Full),
    ("100 % télétravail", Cue::Full),
    ("100% en télétravail", Cue::Full),
    ("100 % en télétravail", Cue::Full),
    ("100% à distance", Cue::Full),
    ("100 % à distance", Cue::Full),
    ("télétravail complet", Cue::Full),
    ("télétravail total", Cue::Full),
    ("télétravail intégral", Cue::Full),
    ("totalement en télétravail", Cue::Full),
    ("entièrement en télétravail", Cue::Full),
    ("entièrement à distance", Cue::Full),
    ("en full télétravail", Cue::Full),
    ("full télétravail", Cue::Full),
    // "hybride" alone also qualifies cloud infrastructures and engines: only as a way of
    // working
    ("mode hybride", Cue::Hybrid),
    ("travail hybride", Cue::Hybrid),
    ("format hybride", Cue::Hybrid),
    ("façon hybride", Cue::Hybrid),
    ("rythme hybride", Cue::Hybrid),
    ("organisation hybride", Cue::Hybrid),
    ("modèle hybride", Cue::Hybrid),
    ("fonctionnement hybride", Cue::Hybrid),
    ("en hybride", Cue::Hybrid),
    ("poste hybride", Cue::Hybrid),
    ("télétravail hybride", Cue::Hybrid),
    ("hybrid work", Cue::Hybrid),
    ("hybrid working", Cue::Hybrid),
    ("hybrid remote", Cue::Hybrid),
    ("remote hybride", Cue::Hybrid),
    ("#li-hybrid", Cue::Hybrid),
    ("télétravail partiel", Cue::Hybrid),
    ("télétravail partiellement", Cue::Hybrid),
    ("remote partiel", Cue::Hybrid),
    ("partial remote", Cue::Hybrid),
    ("télétravail régulier", Cue::Hybrid),
    ("jours de télétravail", Cue::Hybrid),
    ("jour de télétravail", Cue::Hybrid),
    ("jours de remote", Cue::Hybrid),
    ("jours de tt", Cue::Hybrid),
    ("télétravail possible", Cue::Occasional),
    ("télétravail occasionnel", Cue::Occasional),
    ("télétravail ponctuel", Cue::Occasional),
    ("télétravail ponctuellement", Cue::Occasional),
    ("télétravail envisageable", Cue::Occasional),
    ("possibilité de télétravail", Cue::Occasional),
    ("possibilités de télétravail", Cue::Occasional),
    ("possibilité de télétravailler", Cue::Occasional),
    ("possibilité de faire du télétravail", Cue::Occasional),
    ("remote possible", Cue::Occasional),
    ("remote occasionnel", Cue::Occasional),
    ("télétravail", Cue::Mention),
    ("teletravail", Cue::Mention),
    ("télé-travail", Cue::Mention),
    ("télétravailler", Cue::Mention),
    ("remote", Cue::Mention),
    ("home office", Cue::Mention),
    ("homeoffice", Cue::Mention),
    ("remote access", Cue::Other),
    ("remote desktop", Cue::Other),
    ("remote control", Cue::Other),
];

/// The remote policy stated in a text and the remote days per week when stated.
pub fn remote_policy(text: &str) -> (Remote, Option<f32>) {
    let mut scan = DescScan::default();
    scan_description(&Folded::new(text), &mut scan);
    scan.remote.decide()
}

/// The remote cues seen in some texts.
#[derive(Debug, Default, Clone)]
pub(crate) struct RemoteCues {
    none: bool,
    full: bool,
    hybrid: bool,
    occasional: bool,
    mention: bool,
    on_site: bool,
    days: Option<f32>,
}

impl RemoteCues {
    /// Records cue `cue` found at `start..end` of the folded text `s`.
    pub fn observe(&mut self, s: &str, start: usize, end: usize, cue: Cue) {
        match cue {
            Cue::None => self.none = true,
            Cue::Full => self.full = true,
            Cue::Hybrid => self.hybrid = true,
            Cue::Occasional => self.occasional = true,
            Cue::Mention => self.mention = true,
            Cue::OnSite => {
                self.on_site = true;
                return;
            }
            Cue::Other => return,
        }
        if cue != Cue::None && self.days.is_none() {
            self.days = days_near(s, start, end);
        }
    }

    pub fn merge(&mut self, other: &RemoteCues) {
        self.none |= other.none;
        self.full |= other.full;
        self.hybrid |= other.hybrid;
        self.occasional |= other.occasional;
        self.mention |= other.mention;
        self.on_site |= other.on_site;
        self.days = self.days.or(other.days);
    }

    /// Full beats stated days, which beat "hybride", which beats an explicit exclusion, which
    /// beats "possible" and a bare mention, which beat a template "on site" line.
    pub fn decide(&self) -> (Remote, Option<f32>) {
        if self.full {
            return (Remote::Full, None);
        }
        match self.days {
            Some(d) if d >= 5.0 => return (Remote::Full, None),
            Some(d) => return (Remote::Hybrid, Some(d)),
            None => {}
        }
        if self.hybrid {
            (Remote::Hybrid, None)
        } else if self.none {
            (Remote::None, None)
        } else if self.occasional || self.mention {
            (Remote::Occasional, None)
        } else if self.on_site {
            (Remote::None, None)
        } else {
            (Remote::Unknown, None)
        }
    }
}

/// Remote days per week stated around a remote cue at `start..end`: "2 jours de télétravail",
/// "télétravail 3 jours", "2j/semaine", "jusqu'à 2 jours", "50 % de télétravail".
fn days_near(s: &str, start: usize, end: usize) -> Option<f32> {
    let lo = floor_boundary(s, start.saturating_sub(45));
    let hi = floor_boundary(s, (end + 45).min(s.len()));
    let window = &s[lo..hi];
    let cue_at = start - lo;
    let mut best: Option<(usize, f32)> = None;
    let bytes = window.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let Some((value, num_end)) = number_at(window, i) else {
            i += 1;
            continue;
        };
        let rest = window[num_end..].trim_start();
        let unit_len = ["journees", "journee", "jours", "jour", "j"]
            .iter()
            .find(|u| {
                rest.starts_with(*u)
                    && !rest[u.len()..]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_alphanumeric())
            })
            .map(|u| u.len());
        let percent = rest.starts_with('%');
        if let Some(u) = unit_len {
            let after = rest[u..].trim_start();
            let per_month = after.starts_with("par mois") || after.starts_with("/mois");
            let on_site = [
                "sur site",
                "au bureau",
                "en presentiel",
                "presentiel",
                "sur place",
            ]
            .iter()
            .any(|w| after.starts_with(w) || after.starts_with(&format!("en {w}")));
            if !per_month && !on_site && value > 0.0 && value <= 5.0 {
                let distance = i.abs_diff(cue_at);
                if best.is_none_or(|(d, _)| distance < d) {
                    best = Some((distance, value));
                }
            }
        } else if percent && value > 0.0 && value < 100.0 {
            let distance = i.abs_diff(cue_at);
            if distance < 20 && best.is_none_or(|(d, _)| distance < d) {
                best = Some((distance, (value / 20.0 * 2.0).round() / 2.0));
            }
        }
        i = num_end.max(i + 1);
    }
    best.map(|(_, v)| v)
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A number starting at byte `i` (digits with `,`/`.` decimals, or a French number word), not
/// glued to a previous word; returns the value and the end.
fn number_at(s: &str, i: usize) -> Option<(f32, usize)> {
    if !s.is_char_boundary(i) {
        return None;
    }
    if i > 0 && s.as_bytes()[i - 1].is_ascii_alphanumeric() {
        return None;
    }
    let bytes = s.as_bytes();
    if bytes[i].is_ascii_digit() {
        let mut j = i;
        while j < bytes.len() && bytes[j].is_ascii_digit() {
            j += 1;
        }
        if j + 1 < bytes.len() && matches!(bytes[j], b',' | b'.') && bytes[j + 1].is_ascii_digit() {
            j += 1;
            while j < bytes.len() && bytes[j].is_ascii_digit() {
                j += 1;
            }
        }
        let value: f32 = s[i..j].replace(',', ".").parse().ok()?;
        return Some((value, j));
    }
    const WORDS: [(&str, f32); 6] = [
        ("une", 1.0),
        ("un", 1.0),
        ("deux", 2.0),
        ("trois", 3.0),
        ("quatre", 4.0),
        ("cinq", 5.0),
    ];
    WORDS.iter().find_map(|(w, v)| {
        let end = i + w.len();
        (s[i..].starts_with(w) && !bytes.get(end).is_some_and(|b| b.is_ascii_alphanumeric()))
            .then_some((*v, end))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(t: &str) -> (Remote, Option<f32>) {
        remote_policy(t)
    }

    #[test]
    fn none_when_excluded() {
        assert_eq!(
            r("Poste sur site, pas de télétravail."),
            (Remote::None, None)
        );
        assert_eq!(
            r("Télétravail non possible sur ce poste"),
            (Remote::None, None)
        );
        assert_eq!(r("Mission sans télétravail"), (Remote::None, None));
        assert_eq!(r("No remote, office in Paris"), (Remote::None, None));
        assert_eq!(r("Poste 100 % présentiel"), (Remote::None, None));
    }

    #[test]
    fn full_remote() {
        assert_eq!(r("Poste en full remote"), (Remote::Full, None));
        assert_eq!(r("100% télétravail depuis chez vous"), (Remote::Full, None));
        assert_eq!(r("Télétravail complet possible"), (Remote::Full, None));
    }

    #[test]
    fn hybrid_with_days() {
        assert_eq!(
            r("2 jours de télétravail par semaine"),
            (Remote::Hybrid, Some(2.0))
        );
        assert_eq!(
            r("Télétravail 3 jours par semaine"),
            (Remote::Hybrid, Some(3.0))
        );
        assert_eq!(r("Télétravail : 2j/semaine"), (Remote::Hybrid, Some(2.0)));
        assert_eq!(r("Remote 1 jour par semaine"), (Remote::Hybrid, Some(1.0)));
        assert_eq!(
            r("Jusqu'à deux jours de télétravail"),
            (Remote::Hybrid, Some(2.0))
        );
        assert_eq!(r("Organisation hybride"), (Remote::Hybrid, None));
        assert_eq!(r("Télétravail partiel possible"), (Remote::Hybrid, None));
        assert_eq!(
            r("3 jours sur site et 2 jours en télétravail"),
            (Remote::Hybrid, Some(2.0))
        );
        assert_eq!(
            r("Télétravail 2,5 jours/semaine"),
            (Remote::Hybrid, Some(2.5))
        );
    }

    #[test]
    fn occasional_and_unknown() {
        assert_eq!(
            r("Télétravail possible ponctuellement"),
            (Remote::Occasional, None)
        );
        assert_eq!(
            r("Avantages : tickets restaurant, télétravail"),
            (Remote::Occasional, None)
        );
        assert_eq!(r("Poste basé à Lyon"), (Remote::Unknown, None));
        assert_eq!(
            r("Possibilité de télétravailler jusqu'à deux jours par semaine"),
            (Remote::Hybrid, Some(2.0))
        );
        assert_eq!(
            r("Une journée de télétravail par semaine"),
            (Remote::Hybrid, Some(1.0))
        );
        assert_eq!(
            r("Infrastructure hybride, remote access VPN"),
            (Remote::Unknown, None)
        );
        assert_eq!(r("Lieu du poste : En présentiel"), (Remote::None, None));
        assert_eq!(
            r("Avantages : télétravail. Lieu du poste : En présentiel"),
            (Remote::Occasional, None)
        );
        assert_eq!(r(""), (Remote::Unknown, None));
    }
}
