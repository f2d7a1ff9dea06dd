//! A collection run: plan, crawl, merge, report — resumable at any point.
//!
//! **Plan.** A run fixes its creation-date window when it starts (`window_end` = run start),
//! so offers published during the crawl cannot shift pages and hide others. Each search of
//! the profile (× each department asked for) is a root [`Slice`].
//!
//! **Partitioning.** The API serves at most 3 150 rows of a query. A slice is probed by
//! fetching its first page, which also tells its total. A slice above the cap is split into
//! smaller creation-date windows (sharing their boundary second, so nothing falls between
//! two windows), recursively; a window of one second that is still above the cap is split
//! by department. Every slice that fits is then paged through 150 rows at a time.
//!
//! **Resumability.** Each page is written under `raw/` (atomically) *before* its journal entry
//! is appended, and each split is journaled, so after a `kill -9` the journal says exactly
//! what remains: the resumed run replays it and fetches only the rest. The merge into the
//! canonical file is idempotent. Running again after success starts a new run.

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};
use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, SubsecRound, TimeZone, Utc};
use futures::StreamExt;
use futures::stream::FuturesUnordered;
use jobmarket_ingest::journal::Journal;
use jobmarket_ingest::report::{RunMode, RunReport, RunStatus, SearchReport};
use jobmarket_ingest::{DataDir, IngestError, merge, raw, write_atomic};
use serde::{Deserialize, Serialize};

use crate::FranceTravail;
use crate::client::{FtClient, FtError, MAX_REACHABLE, PAGE_SIZE, SearchPage};
use crate::config::FtConfig;
use crate::normalize::SOURCE;
use crate::profile::Profile;

/// How a run is asked to behave.
#[derive(Debug, Clone)]
pub struct CrawlOptions {
    pub profile: Profile,
    /// Collect the whole window even when a previous run succeeded.
    pub full: bool,
    /// Start of the creation-date window (overrides full/incremental).
    pub since: Option<DateTime<Utc>>,
    /// Fetch one page only, to check the credentials.
    pub sample: bool,
    /// Stop after this many distinct offers.
    pub limit: Option<u64>,
    /// Discard an interrupted run instead of resuming it.
    pub restart: bool,
    /// The API is the built-in simulator: label everything as demo data.
    pub demo: bool,
    /// Start of the window of a full run.
    pub history_start: DateTime<Utc>,
    /// An incremental run starts this long before the previous run's end.
    pub incremental_overlap: Duration,
}

impl Default for CrawlOptions {
    fn default() -> Self {
        CrawlOptions {
            profile: Profile::data_jobs(),
            full: false,
            since: None,
            sample: false,
            limit: None,
            restart: false,
            demo: false,
            history_start: Utc.with_ymd_and_hms(2000, 1, 1, 0, 0, 0).unwrap(),
            incremental_overlap: Duration::from_secs(3600),
        }
    }
}

/// Where a run stands, for progress displays.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub pages_done: u64,
    /// Pages known to be needed so far (grows as slices are probed).
    pub pages_planned: u64,
    pub collected: u64,
    pub calls: u64,
    pub rate_limited: u64,
    pub retries: u64,
}

/// Receives the run's progress.
pub trait Progress {
    fn update(&mut self, snapshot: &Snapshot);
    fn message(&mut self, text: &str);
}

/// A progress sink that ignores everything.
pub struct NoProgress;

impl Progress for NoProgress {
    fn update(&mut self, _: &Snapshot) {}
    fn message(&mut self, _: &str) {}
}

#[derive(Debug, thiserror::Error)]
pub enum CrawlError {
    #[error(transparent)]
    Api(#[from] FtError),
    #[error(transparent)]
    Storage(#[from] IngestError),
}

/// A part of a search: one creation-date window, maybe one department.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Slice {
    /// Index of the search in the plan.
    pub search: usize,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    #[serde(default)]
    pub department: Option<String>,
}

impl Slice {
    fn key(&self) -> String {
        format!(
            "{}|{}|{}|{}",
            self.search,
            self.from.timestamp(),
            self.to.timestamp(),
            self.department.as_deref().unwrap_or("")
        )
    }

    /// Stable short name, used in raw file names.
    fn file_stem(&self) -> String {
        format!("{:016x}", fnv1a(self.key().as_bytes()))
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325, |hash, &b| {
        (hash ^ b as u64).wrapping_mul(0x100000001b3)
    })
}

/// What a run collects, fixed when it starts.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Plan {
    pub run_id: String,
    pub mode: RunMode,
    pub demo: bool,
    pub started_at: DateTime<Utc>,
    pub window_start: DateTime<Utc>,
    pub window_end: DateTime<Utc>,
    pub profile: Profile,
    /// Stop after this many distinct offers.
    pub limit: Option<u64>,
    /// Fetch the first page of the first search only (`--sample`).
    #[serde(default)]
    pub one_page: bool,
}

impl Plan {
    fn roots(&self) -> Vec<Slice> {
        let searches: Vec<usize> = if self.one_page {
            vec![0]
        } else {
            (0..self.profile.searches.len()).collect()
        };
        let departments: Vec<Option<String>> = if self.profile.departments.is_empty() {
            vec![None]
        } else {
            self.profile.departments.iter().cloned().map(Some).collect()
        };
        let mut roots = Vec::new();
        for &search in &searches {
            for department in &departments {
                roots.push(Slice {
                    search,
                    from: self.window_start,
                    to: self.window_end,
                    department: department.clone(),
                });
            }
        }
        roots
    }

    fn params(&self, slice: &Slice) -> Vec<(String, String)> {
        let mut params = self.profile.searches[slice.search].params();
        if let Some(department) = &slice.department {
            params.push(("departement".into(), department.clone()));
        }
        params.push(("minCreationDate".into(), api_date(slice.from)));
        params.push(("maxCreationDate".into(), api_date(slice.to)));
        params.push(("sort".into(), "1".into()));
        params
    }
}

fn api_date(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// One step of a run, as journaled.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Entry {
    /// A page was fetched and stored in `file` (relative to the data directory).
    Page {
        slice: Slice,
        start: u64,
        file: String,
        status: u16,
        content_range: Option<String>,
        total: u64,
        ids: Vec<String>,
        fetched_at: DateTime<Utc>,
    },
    /// A slice above the cap was split into `children`.
    Split {
        slice: Slice,
        total: u64,
        children: Vec<Slice>,
    },
    /// A slice cannot be served in full.
    Shortfall {
        slice: Slice,
        total: u64,
        reason: String,
    },
}

/// What the journal says about each slice.
#[derive(Default)]
struct Progressed {
    totals: HashMap<Slice, u64>,
    pages: HashMap<Slice, BTreeSet<u64>>,
    splits: HashMap<Slice, Vec<Slice>>,
    shortfalls: Vec<String>,
    files: Vec<String>,
    ids_by_search: HashMap<usize, HashSet<String>>,
    ids_by_slice: HashMap<Slice, HashSet<String>>,
    all_ids: HashSet<String>,
    pages_done: u64,
}

impl Progressed {
    fn record(&mut self, entry: &Entry) {
        match entry {
            Entry::Page {
                slice,
                start,
                file,
                total,
                ids,
                ..
            } => {
                if self.pages.entry(slice.clone()).or_default().insert(*start) {
                    self.pages_done += 1;
                    self.files.push(file.clone());
                }
                if *start == 0 {
                    self.totals.insert(slice.clone(), *total);
                }
                let search_ids = self.ids_by_search.entry(slice.search).or_default();
                let slice_ids = self.ids_by_slice.entry(slice.clone()).or_default();
                for id in ids {
                    search_ids.insert(id.clone());
                    slice_ids.insert(id.clone());
                    self.all_ids.insert(id.clone());
                }
            }
            Entry::Split {
                slice, children, ..
            } => {
                self.splits.insert(slice.clone(), children.clone());
            }
            Entry::Shortfall { reason, .. } => self.shortfalls.push(reason.clone()),
        }
    }
}

impl Progressed {
    /// Slices split by department whose departments together hold fewer offers than the
    /// slice announced: those offers have no department the API can filter on.
    fn department_shortfalls(&self) -> Vec<String> {
        let mut shortfalls = Vec::new();
        for (slice, children) in &self.splits {
            if slice.department.is_some() || children.iter().any(|c| c.department.is_none()) {
                continue;
            }
            let total = self.totals.get(slice).copied().unwrap_or(0);
            let found: HashSet<&String> = children
                .iter()
                .filter_map(|c| self.ids_by_slice.get(c))
                .flatten()
                .collect();
            if (found.len() as u64) < total {
                shortfalls.push(format!(
                    "{} of {total} offers created at {} are in no department the api can filter on (overseas collectivity, country only) and cannot be reached past the {MAX_REACHABLE}-result cap",
                    total - found.len() as u64,
                    api_date(slice.from),
                ));
            }
        }
        shortfalls.sort();
        shortfalls
    }
}

/// What to do next with a slice whose first page is known.
enum Next {
    Pages(Vec<u64>),
    Split(Vec<Slice>),
    Shortfall(Vec<u64>, String),
}

/// Decides how to cover a slice of `total` results.
fn plan_slice(slice: &Slice, total: u64) -> Next {
    if total <= MAX_REACHABLE {
        return Next::Pages(
            (1..total.div_ceil(PAGE_SIZE))
                .map(|p| p * PAGE_SIZE)
                .collect(),
        );
    }
    let seconds = (slice.to - slice.from).num_seconds();
    if seconds >= 2 {
        let parts = total.div_ceil(2800).clamp(2, 16).min(seconds as u64) as i64;
        let bounds: Vec<DateTime<Utc>> = (0..=parts)
            .map(|i| slice.from + chrono::Duration::seconds(seconds * i / parts))
            .collect();
        return Next::Split(
            bounds
                .windows(2)
                .map(|w| Slice {
                    search: slice.search,
                    from: w[0],
                    to: w[1],
                    department: slice.department.clone(),
                })
                .collect(),
        );
    }
    if slice.department.is_none() {
        return Next::Split(
            // The 101 departments of the API's referential (collectivities such as 975 or
            // 988 are not accepted as a `departement` value).
            jobmarket_schema::geo::DEPARTMENTS
                .iter()
                .filter(|d| d.kind != jobmarket_schema::geo::Zone::Collectivity)
                .map(|d| Slice {
                    department: Some(d.code.to_owned()),
                    ..slice.clone()
                })
                .collect(),
        );
    }
    let reachable = (1..MAX_REACHABLE / PAGE_SIZE)
        .map(|p| p * PAGE_SIZE)
        .collect();
    Next::Shortfall(
        reachable,
        format!(
            "{} offers created at {} in department {} but the api serves only {MAX_REACHABLE} per query",
            total,
            api_date(slice.from),
            slice.department.as_deref().unwrap_or("?")
        ),
    )
}

/// A page fetch in flight.
struct Fetched {
    slice: Slice,
    start: u64,
    result: Result<(SearchPage, String), CrawlError>,
}

/// Runs (or resumes) a collection of France Travail offers into `data`.
///
/// The report is saved whatever happens; an error after it was saved is returned as well.
pub async fn run_ingest(
    data: &DataDir,
    config: FtConfig,
    options: &CrawlOptions,
    progress: &mut (dyn Progress + Send),
) -> Result<RunReport, CrawlError> {
    let _lock = data.lock_collection(SOURCE)?;
    let (plan, resumed) = load_or_create_plan(data, options)?;
    if resumed {
        progress.message(&format!(
            "resuming interrupted run {} (started {})",
            plan.run_id, plan.started_at
        ));
    }
    let concurrency = config.concurrency.max(1);
    let client = FtClient::new(config)?;
    let run_dir = data.run_dir(SOURCE, &plan.run_id);
    let (mut journal, entries) = Journal::open::<Entry>(&run_dir.join("journal.jsonl"))?;
    let mut done = Progressed::default();
    for entry in &entries {
        done.record(entry);
    }

    let crawl = crawl(
        data,
        &client,
        &plan,
        &mut journal,
        &mut done,
        concurrency,
        progress,
    )
    .await;
    if crawl.is_ok() {
        done.shortfalls.extend(done.department_shortfalls());
    }
    let mut report = RunReport {
        source: SOURCE.into(),
        run_id: plan.run_id.clone(),
        mode: plan.mode,
        demo: plan.demo,
        status: RunStatus::Failed,
        started_at: plan.started_at,
        finished_at: Utc::now(),
        duration_secs: 0.0,
        window_start: Some(plan.window_start),
        window_end: plan.window_end,
        searches: Vec::new(),
        announced: 0,
        collected: done.all_ids.len() as u64,
        complete: false,
        pages: done.pages_done,
        http: client.stats(),
        merge: Default::default(),
        shortfalls: done.shortfalls.clone(),
        resumed,
        error: None,
    };
    for root in plan.roots() {
        let name = plan.profile.searches[root.search].name.clone();
        let announced = done.totals.get(&root).copied().unwrap_or(0);
        match report.searches.iter_mut().find(|s| s.name == name) {
            Some(search) => search.announced += announced,
            None => report.searches.push(SearchReport {
                collected: done
                    .ids_by_search
                    .get(&root.search)
                    .map_or(0, |ids| ids.len() as u64),
                name,
                announced,
            }),
        }
    }
    report.announced = report.searches.iter().map(|s| s.announced).sum();

    let outcome = match crawl {
        Ok(()) => {
            let pages: Vec<PathBuf> = done.files.iter().map(|f| data.root().join(f)).collect();
            let (data, run_id, seen_at) = (data.clone(), plan.run_id.clone(), plan.window_end);
            // Reading every page and rewriting the offers file is blocking work.
            tokio::task::spawn_blocking(move || {
                merge::merge_run(&data, &FranceTravail, &run_id, &pages, seen_at)
            })
            .await
            .expect("the merge does not panic")
            .map_err(CrawlError::from)
        }
        Err(err) => Err(err),
    };
    report.finished_at = Utc::now();
    report.duration_secs =
        (report.finished_at - report.started_at).num_milliseconds() as f64 / 1000.0;
    match outcome {
        Ok(stats) => {
            report.merge = stats;
            report.status = RunStatus::Success;
            report.complete = plan.mode != RunMode::Sample
                && report.shortfalls.is_empty()
                && report.searches.iter().all(|s| s.collected >= s.announced);
            report.save(data)?;
            remove_current(data)?;
            Ok(report)
        }
        Err(err) => {
            report.error = Some(err.to_string());
            report.save(data)?;
            Err(err)
        }
    }
}

async fn crawl(
    data: &DataDir,
    client: &FtClient,
    plan: &Plan,
    journal: &mut Journal,
    done: &mut Progressed,
    concurrency: usize,
    progress: &mut (dyn Progress + Send),
) -> Result<(), CrawlError> {
    let raw_dir = data.raw_run_dir(SOURCE, &plan.run_id);
    let mut queue: VecDeque<(Slice, u64)> = VecDeque::new();
    let mut planned: HashMap<Slice, u64> = HashMap::new();

    // Walk the slice tree as far as the journal knows it; queue what remains.
    let mut stack = plan.roots();
    while let Some(slice) = stack.pop() {
        if let Some(children) = done.splits.get(&slice) {
            stack.extend(children.iter().cloned());
            continue;
        }
        match done.totals.get(&slice).copied() {
            None => {
                planned.insert(slice.clone(), 1);
                queue.push_back((slice, 0));
            }
            Some(total) => {
                let starts = match (plan.one_page, plan_slice(&slice, total)) {
                    (true, _) => Vec::new(),
                    (_, Next::Pages(starts)) | (_, Next::Shortfall(starts, _)) => starts,
                    (_, Next::Split(children)) => {
                        // Probed, but the split was not journaled before the interruption.
                        journal.append(&Entry::Split {
                            slice: slice.clone(),
                            total,
                            children: children.clone(),
                        })?;
                        done.splits.insert(slice.clone(), children.clone());
                        stack.extend(children);
                        continue;
                    }
                };
                planned.insert(slice.clone(), 1 + starts.len() as u64);
                let fetched = done.pages.get(&slice).cloned().unwrap_or_default();
                for start in starts.into_iter().filter(|s| !fetched.contains(s)) {
                    queue.push_back((slice.clone(), start));
                }
            }
        }
    }

    let mut in_flight = FuturesUnordered::new();
    let mut failure: Option<CrawlError> = None;
    let snapshot = |done: &Progressed, planned: &HashMap<Slice, u64>| {
        let http = client.stats();
        Snapshot {
            pages_done: done.pages_done,
            pages_planned: planned.values().sum::<u64>().max(done.pages_done),
            collected: done.all_ids.len() as u64,
            calls: http.calls,
            rate_limited: http.rate_limited,
            retries: http.retries,
        }
    };
    progress.update(&snapshot(done, &planned));

    loop {
        let limit_reached = plan
            .limit
            .is_some_and(|limit| done.all_ids.len() as u64 >= limit);
        while failure.is_none() && !limit_reached && in_flight.len() < concurrency {
            let Some((slice, start)) = queue.pop_front() else {
                break;
            };
            let params = plan.params(&slice);
            let path = raw_dir.join(format!("{}-{start:05}.json.gz", slice.file_stem()));
            let file = path
                .strip_prefix(data.root())
                .unwrap_or(&path)
                .display()
                .to_string();
            in_flight.push(async move {
                let result = fetch_and_store(client, &params, start, path)
                    .await
                    .map(|page| (page, file));
                Fetched {
                    slice,
                    start,
                    result,
                }
            });
        }
        let Some(fetched) = in_flight.next().await else {
            break;
        };
        let (page, file) = match fetched.result {
            Ok(ok) => ok,
            Err(err) => {
                if failure.is_none() {
                    tracing::error!(error = %err, "stopping the run; it will resume from here");
                    failure = Some(err);
                }
                continue;
            }
        };
        let slice = fetched.slice;
        let entry = Entry::Page {
            slice: slice.clone(),
            start: fetched.start,
            file,
            status: page.status,
            content_range: page.content_range.clone(),
            total: page.total,
            ids: page.ids,
            fetched_at: Utc::now(),
        };
        journal.append(&entry)?;
        done.record(&entry);
        if fetched.start == 0 && !plan.one_page {
            match plan_slice(&slice, page.total) {
                Next::Pages(starts) => {
                    planned.insert(slice.clone(), 1 + starts.len() as u64);
                    queue.extend(starts.into_iter().map(|s| (slice.clone(), s)));
                }
                Next::Split(children) => {
                    tracing::debug!(
                        total = page.total,
                        parts = children.len(),
                        "slice above the cap, splitting"
                    );
                    journal.append(&Entry::Split {
                        slice: slice.clone(),
                        total: page.total,
                        children: children.clone(),
                    })?;
                    done.splits.insert(slice.clone(), children.clone());
                    planned.insert(slice.clone(), 1);
                    for child in children {
                        planned.insert(child.clone(), 1);
                        queue.push_back((child, 0));
                    }
                }
                Next::Shortfall(starts, reason) => {
                    progress.message(&reason);
                    let entry = Entry::Shortfall {
                        slice: slice.clone(),
                        total: page.total,
                        reason,
                    };
                    journal.append(&entry)?;
                    done.record(&entry);
                    planned.insert(slice.clone(), 1 + starts.len() as u64);
                    queue.extend(starts.into_iter().map(|s| (slice.clone(), s)));
                }
            }
        }
        progress.update(&snapshot(done, &planned));
    }
    match failure {
        Some(err) => Err(err),
        None => Ok(()),
    }
}

/// Fetches one page and stores its body under `path` before returning.
async fn fetch_and_store(
    client: &FtClient,
    params: &[(String, String)],
    start: u64,
    path: PathBuf,
) -> Result<SearchPage, CrawlError> {
    let mut page = client.search(params, start, start + PAGE_SIZE - 1).await?;
    let body = std::mem::take(&mut page.body);
    tokio::task::spawn_blocking(move || raw::write_page(&path, &body))
        .await
        .expect("page writer does not panic")?;
    Ok(page)
}

fn load_or_create_plan(data: &DataDir, options: &CrawlOptions) -> Result<(Plan, bool), CrawlError> {
    let current_file = data.current_run_file(SOURCE);
    if let Ok(run_id) = std::fs::read_to_string(&current_file) {
        let run_id = run_id.trim();
        let plan_file = data.run_dir(SOURCE, run_id).join("plan.json");
        if options.restart {
            tracing::info!(run = run_id, "discarding the interrupted run");
        } else if let Ok(bytes) = std::fs::read(&plan_file) {
            let plan: Plan =
                serde_json::from_slice(&bytes).map_err(|err| IngestError::Corrupt {
                    what: "run plan",
                    path: plan_file.clone(),
                    reason: format!("{err} (pass --restart to start a new run)"),
                })?;
            return Ok((plan, true));
        }
    }
    let now = Utc::now().trunc_subsecs(0);
    let last = jobmarket_ingest::report::RunReport::last_success(data, SOURCE)?;
    let (mode, window_start) = if options.sample || options.limit.is_some() {
        (
            RunMode::Sample,
            options.since.unwrap_or(options.history_start),
        )
    } else if let Some(since) = options.since {
        (RunMode::Incremental, since)
    } else {
        match last {
            Some(last) if !options.full => {
                let overlap =
                    chrono::Duration::from_std(options.incremental_overlap).unwrap_or_default();
                (
                    RunMode::Incremental,
                    (last.window_end - overlap).max(options.history_start),
                )
            }
            _ => (RunMode::Full, options.history_start),
        }
    };
    let plan = Plan {
        run_id: now.format("%Y%m%dT%H%M%SZ").to_string(),
        mode,
        demo: options.demo,
        started_at: now,
        window_start: window_start.trunc_subsecs(0),
        window_end: now,
        profile: options.profile.clone(),
        limit: if options.sample { None } else { options.limit },
        one_page: options.sample,
    };
    if plan.profile.searches.is_empty() {
        return Err(FtError::Config(
            "nothing to collect: give at least one ROME code or keyword".into(),
        )
        .into());
    }
    let plan_json = serde_json::to_vec_pretty(&plan).expect("plans serialise");
    write_atomic(
        &data.run_dir(SOURCE, &plan.run_id).join("plan.json"),
        &plan_json,
    )?;
    write_atomic(&current_file, plan.run_id.as_bytes())?;
    Ok((plan, false))
}

fn remove_current(data: &DataDir) -> Result<(), IngestError> {
    let path = data.current_run_file(SOURCE);
    match std::fs::remove_file(&path) {
        Err(err) if err.kind() != std::io::ErrorKind::NotFound => Err(IngestError::Io {
            action: "remove",
            path,
            source: err,
        }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slice(from: i64, to: i64) -> Slice {
        Slice {
            search: 0,
            from: Utc.timestamp_opt(from, 0).unwrap(),
            to: Utc.timestamp_opt(to, 0).unwrap(),
            department: None,
        }
    }

    #[test]
    fn a_slice_under_the_cap_is_paged() {
        let Next::Pages(starts) = plan_slice(&slice(0, 100), 353) else {
            panic!()
        };
        assert_eq!(starts, vec![150, 300]);
        let Next::Pages(starts) = plan_slice(&slice(0, 100), 3150) else {
            panic!()
        };
        assert_eq!(starts.last(), Some(&3000));
        let Next::Pages(starts) = plan_slice(&slice(0, 100), 0) else {
            panic!()
        };
        assert!(starts.is_empty());
    }

    #[test]
    fn a_slice_above_the_cap_splits_into_windows_sharing_their_bounds() {
        let parent = slice(1_000, 2_000_000);
        let Next::Split(children) = plan_slice(&parent, 9_000) else {
            panic!()
        };
        assert_eq!(children.len(), 4);
        assert_eq!(children.first().unwrap().from, parent.from);
        assert_eq!(children.last().unwrap().to, parent.to);
        for pair in children.windows(2) {
            assert_eq!(pair[0].to, pair[1].from, "no gap between windows");
        }
    }

    #[test]
    fn a_one_second_slice_above_the_cap_splits_by_department_then_gives_up() {
        let Next::Split(children) = plan_slice(&slice(5, 6), 4_000) else {
            panic!()
        };
        assert!(
            children
                .iter()
                .all(|c| c.department.is_some() && c.from == children[0].from)
        );
        assert!(
            children
                .iter()
                .any(|c| c.department.as_deref() == Some("2A"))
        );
        let Next::Shortfall(starts, reason) = plan_slice(&children[0], 4_000) else {
            panic!()
        };
        assert_eq!(starts.last(), Some(&3000));
        assert!(reason.contains("3150"), "{reason}");
    }

    #[test]
    fn the_replayed_journal_counts_each_page_once() {
        let mut done = Progressed::default();
        let page = Entry::Page {
            slice: slice(0, 10),
            start: 0,
            file: "f".into(),
            status: 206,
            content_range: None,
            total: 300,
            ids: vec!["A".into(), "B".into()],
            fetched_at: Utc::now(),
        };
        done.record(&page);
        done.record(&page);
        assert_eq!(done.pages_done, 1);
        assert_eq!(done.files.len(), 1);
        assert_eq!(done.all_ids.len(), 2);
        assert_eq!(done.totals[&slice(0, 10)], 300);
    }
}
