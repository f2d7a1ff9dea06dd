//! Turning a run's raw pages into canonical offers, merged into `normalized/<source>/offers.jsonl`.
//!
//! The merge is a pure function of (raw pages of the run, previous offers file, seen time),
//! so running it twice gives the same file: this is what makes an interrupted run safe to
//! resume and a finished one safe to re-run. An offer seen again keeps its `first_seen_at`
//! and moves its `last_seen_at` forward; offers not seen in this run are kept unchanged (the
//! history of the market is what we recorded). Offers that cannot be normalised are set
//! aside in the run's `rejected.jsonl` with the reason, and counted.

use std::collections::BTreeMap;
use std::io::{BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use jobmarket_schema::Offer;
use serde::{Deserialize, Serialize};

use crate::{DataDir, IngestError, Source, raw, tmp_path, write_atomic};

/// What a merge did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeStats {
    /// Offers read from the run's pages, duplicates included.
    pub offers_in_pages: u64,
    /// Distinct offers of the run.
    pub unique: u64,
    /// Offers read more than once (same offer in several searches or pages).
    pub duplicates: u64,
    /// Offers never seen before this run.
    pub new: u64,
    /// Offers already known, seen again.
    pub seen_again: u64,
    /// Offers (or whole pages) set aside because they could not be read.
    pub rejected: u64,
    /// Offers in the merged file.
    pub total_known: u64,
}

/// An offer or page set aside, with why.
#[derive(Debug, Serialize, Deserialize)]
pub struct Rejected {
    pub page: String,
    /// Position of the offer in its page; `None` when the whole page was unreadable.
    pub index: Option<usize>,
    pub reason: String,
    /// The raw offer as received (absent for whole pages: the page file keeps them).
    pub raw: Option<String>,
}

/// Merges the offers of `pages` (raw page files of run `run_id`) into the offers file of `source`.
pub fn merge_run(
    data: &DataDir,
    source: &dyn Source,
    run_id: &str,
    pages: &[PathBuf],
    seen_at: DateTime<Utc>,
) -> Result<MergeStats, IngestError> {
    let mut stats = MergeStats::default();
    let mut rejected = Vec::new();
    let mut collected: BTreeMap<String, Offer> = BTreeMap::new();

    for page_path in pages {
        let page_name = page_path.display().to_string();
        let body = raw::read_page(page_path)?;
        let text = match std::str::from_utf8(&body) {
            Ok(text) => text,
            Err(err) => {
                rejected.push(Rejected {
                    page: page_name,
                    index: None,
                    reason: format!("page is not utf-8: {err}"),
                    raw: None,
                });
                continue;
            }
        };
        let offers = match source.offers_in_page(text) {
            Ok(offers) => offers,
            Err(reason) => {
                rejected.push(Rejected {
                    page: page_name,
                    index: None,
                    reason,
                    raw: None,
                });
                continue;
            }
        };
        for (index, raw_offer) in offers.into_iter().enumerate() {
            stats.offers_in_pages += 1;
            match source.normalize(raw_offer.get(), seen_at) {
                Ok(offer) => {
                    if collected.insert(offer.id.0.clone(), offer).is_some() {
                        stats.duplicates += 1;
                    }
                }
                Err(reason) => rejected.push(Rejected {
                    page: page_name.clone(),
                    index: Some(index),
                    reason,
                    raw: Some(raw_offer.get().to_owned()),
                }),
            }
        }
    }
    stats.unique = collected.len() as u64;
    stats.rejected = rejected.len() as u64;

    let offers_file = data.offers_file(source.name());
    merge_into_file(&offers_file, collected, &mut stats)?;

    let mut lines = Vec::new();
    for entry in &rejected {
        serde_json::to_writer(&mut lines, entry).expect("rejected entries serialise");
        lines.push(b'\n');
    }
    write_atomic(
        &data.run_dir(source.name(), run_id).join("rejected.jsonl"),
        &lines,
    )?;
    if !rejected.is_empty() {
        tracing::warn!(
            count = rejected.len(),
            run = run_id,
            "offers set aside, see rejected.jsonl"
        );
    }
    Ok(stats)
}

/// Merge-joins the sorted existing file with the sorted collected offers into a new file.
fn merge_into_file(
    path: &Path,
    collected: BTreeMap<String, Offer>,
    stats: &mut MergeStats,
) -> Result<(), IngestError> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(IngestError::io("create directory", parent))?;
    }
    let tmp = tmp_path(path);
    let out = std::fs::File::create(&tmp).map_err(IngestError::io("create", &tmp))?;
    let mut out = BufWriter::new(out);
    let mut existing = ExistingOffers::open(path)?;
    let mut incoming = collected.into_values().peekable();
    let mut write = |offer: &Offer, stats: &mut MergeStats| -> Result<(), IngestError> {
        serde_json::to_writer(&mut out, offer).expect("offers serialise");
        out.write_all(b"\n")
            .map_err(IngestError::io("write", &tmp))?;
        stats.total_known += 1;
        Ok(())
    };
    let mut current = existing.next_offer()?;
    loop {
        match (current.as_ref(), incoming.peek()) {
            (None, None) => break,
            (Some(old), None) => {
                write(old, stats)?;
                current = existing.next_offer()?;
            }
            (None, Some(_)) => {
                let new = incoming.next().expect("peeked");
                stats.new += 1;
                write(&new, stats)?;
            }
            (Some(old), Some(new)) => match old.id.cmp(&new.id) {
                std::cmp::Ordering::Less => {
                    write(old, stats)?;
                    current = existing.next_offer()?;
                }
                std::cmp::Ordering::Greater => {
                    let new = incoming.next().expect("peeked");
                    stats.new += 1;
                    write(&new, stats)?;
                }
                std::cmp::Ordering::Equal => {
                    let mut new = incoming.next().expect("peeked");
                    new.first_seen_at = new.first_seen_at.min(old.first_seen_at);
                    new.last_seen_at = new.last_seen_at.max(old.last_seen_at);
                    stats.seen_again += 1;
                    write(&new, stats)?;
                    current = existing.next_offer()?;
                }
            },
        }
    }
    out.into_inner()
        .map_err(|err| IngestError::io("flush", &tmp)(err.into_error()))?
        .sync_all()
        .map_err(IngestError::io("sync", &tmp))?;
    std::fs::rename(&tmp, path).map_err(IngestError::io("rename", &tmp))
}

/// Reads an offers file line by line, checking it is sorted by id.
struct ExistingOffers {
    path: PathBuf,
    lines: Option<std::io::Lines<std::io::BufReader<std::fs::File>>>,
    line_no: usize,
    last_id: Option<String>,
}

impl ExistingOffers {
    fn open(path: &Path) -> Result<Self, IngestError> {
        let lines = match std::fs::File::open(path) {
            Ok(file) => Some(std::io::BufReader::new(file).lines()),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
            Err(err) => return Err(IngestError::io("open", path)(err)),
        };
        Ok(ExistingOffers {
            path: path.to_path_buf(),
            lines,
            line_no: 0,
            last_id: None,
        })
    }

    fn next_offer(&mut self) -> Result<Option<Offer>, IngestError> {
        let Some(lines) = self.lines.as_mut() else {
            return Ok(None);
        };
        loop {
            let Some(line) = lines.next() else {
                return Ok(None);
            };
            self.line_no += 1;
            let line = line.map_err(IngestError::io("read", &self.path))?;
            if line.trim().is_empty() {
                continue;
            }
            let offer: Offer =
                serde_json::from_str(&line).map_err(|err| self.corrupt(err.to_string()))?;
            if self
                .last_id
                .as_deref()
                .is_some_and(|last| last >= offer.id.as_str())
            {
                return Err(self.corrupt(format!("offers are not sorted by id at {}", offer.id)));
            }
            self.last_id = Some(offer.id.0.clone());
            return Ok(Some(offer));
        }
    }

    fn corrupt(&self, reason: String) -> IngestError {
        IngestError::Corrupt {
            what: "offers file",
            path: self.path.clone(),
            reason: format!(
                "line {}: {reason} (the file was left untouched; fix or remove it, raw pages allow a rebuild)",
                self.line_no
            ),
        }
    }
}

/// Reads every offer of an offers file (for tests, exports and the index stage).
pub fn read_offers(path: &Path) -> Result<Vec<Offer>, IngestError> {
    let mut reader = ExistingOffers::open(path)?;
    let mut offers = Vec::new();
    while let Some(offer) = reader.next_offer()? {
        offers.push(offer);
    }
    Ok(offers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use jobmarket_schema::{Company, Contract, Location, OfferId, Salary};
    use serde_json::value::RawValue;

    /// A toy source: pages are `{"items":[{"id":…,"title":…}]}`.
    struct Toy;

    impl Source for Toy {
        fn name(&self) -> &'static str {
            "toy"
        }

        fn offers_in_page<'a>(&self, page: &'a str) -> Result<Vec<&'a RawValue>, String> {
            #[derive(Deserialize)]
            struct Page<'a> {
                #[serde(borrow)]
                items: Vec<&'a RawValue>,
            }
            serde_json::from_str::<Page>(page)
                .map(|p| p.items)
                .map_err(|e| e.to_string())
        }

        fn normalize(&self, raw: &str, seen_at: DateTime<Utc>) -> Result<Offer, String> {
            #[derive(Deserialize)]
            struct Item {
                id: String,
                title: Option<String>,
            }
            let item: Item = serde_json::from_str(raw).map_err(|e| e.to_string())?;
            let title = item.title.ok_or("missing title")?;
            Ok(Offer {
                id: OfferId::new("toy", &item.id),
                source: "toy".into(),
                source_id: item.id,
                url: None,
                links: Vec::new(),
                title,
                title_normalized: None,
                description: None,
                company: Company::default(),
                rome_code: None,
                rome_label: None,
                published_at: None,
                updated_at: None,
                first_seen_at: seen_at,
                last_seen_at: seen_at,
                contract: Contract::default(),
                salary: Salary::default(),
                location: Location::default(),
                role: None,
                seniority: None,
                experience_years_min: None,
                remote: None,
                remote_days_per_week: None,
                skills: Vec::new(),
                schema_version: jobmarket_schema::SCHEMA_VERSION,
            })
        }
    }

    fn day(d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, d, 12, 0, 0).unwrap()
    }

    fn page(dir: &Path, name: &str, body: &str) -> PathBuf {
        let path = dir.join(name);
        raw::write_page(&path, body.as_bytes()).unwrap();
        path
    }

    #[test]
    fn dedups_keeps_first_seen_and_moves_last_seen() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let p1 = page(
            dir.path(),
            "p1.gz",
            r#"{"items":[{"id":"b","title":"B"},{"id":"a","title":"A"}]}"#,
        );
        let p2 = page(dir.path(), "p2.gz", r#"{"items":[{"id":"a","title":"A"}]}"#);
        let stats = merge_run(&data, &Toy, "r1", &[p1, p2], day(1)).unwrap();
        assert_eq!(
            (
                stats.offers_in_pages,
                stats.unique,
                stats.duplicates,
                stats.new
            ),
            (3, 2, 1, 2)
        );

        let p3 = page(
            dir.path(),
            "p3.gz",
            r#"{"items":[{"id":"c","title":"C"},{"id":"a","title":"A2"}]}"#,
        );
        let stats = merge_run(&data, &Toy, "r2", &[p3], day(5)).unwrap();
        assert_eq!((stats.new, stats.seen_again, stats.total_known), (1, 1, 3));

        let offers = read_offers(&data.offers_file("toy")).unwrap();
        let ids: Vec<_> = offers.iter().map(|o| o.source_id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert_eq!(
            (offers[0].first_seen_at, offers[0].last_seen_at),
            (day(1), day(5))
        );
        assert_eq!(offers[0].title, "A2", "the latest version of an offer wins");
        assert_eq!(
            (offers[1].first_seen_at, offers[1].last_seen_at),
            (day(1), day(1))
        );
        assert_eq!(
            (offers[2].first_seen_at, offers[2].last_seen_at),
            (day(5), day(5))
        );
    }

    #[test]
    fn merging_the_same_run_twice_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let p1 = page(
            dir.path(),
            "p1.gz",
            r#"{"items":[{"id":"a","title":"A"},{"id":"b","title":"B"}]}"#,
        );
        merge_run(&data, &Toy, "r1", std::slice::from_ref(&p1), day(1)).unwrap();
        let once = std::fs::read(data.offers_file("toy")).unwrap();
        merge_run(&data, &Toy, "r1", &[p1], day(1)).unwrap();
        assert_eq!(std::fs::read(data.offers_file("toy")).unwrap(), once);
    }

    #[test]
    fn malformed_offers_and_pages_are_set_aside_with_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let good = page(
            dir.path(),
            "good.gz",
            r#"{"items":[{"id":"a","title":"A"},{"id":"b"},{"nope":1}]}"#,
        );
        let bad = page(dir.path(), "bad.gz", "<html>gateway error</html>");
        let stats = merge_run(&data, &Toy, "r1", &[good, bad], day(1)).unwrap();
        assert_eq!((stats.unique, stats.rejected), (1, 3));
        let rejected =
            std::fs::read_to_string(data.run_dir("toy", "r1").join("rejected.jsonl")).unwrap();
        let rejected: Vec<Rejected> = rejected
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert!(rejected[0].reason.contains("missing title"));
        assert_eq!(rejected[0].raw.as_deref(), Some(r#"{"id":"b"}"#));
        assert!(rejected[1].reason.contains("missing field `id`"));
        assert_eq!(rejected[2].index, None);
    }

    #[test]
    fn a_corrupt_offers_file_is_reported_and_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let path = data.offers_file("toy");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "{broken\n").unwrap();
        let p1 = page(dir.path(), "p1.gz", r#"{"items":[{"id":"a","title":"A"}]}"#);
        let err = merge_run(&data, &Toy, "r1", &[p1], day(1)).unwrap_err();
        assert!(err.to_string().contains("line 1"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{broken\n");
    }
}
