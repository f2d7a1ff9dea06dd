//! `jobmarket export`: streams the stored offers (all, or those matching filters) as JSON Lines
//! or CSV, to stdout or a file.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::{DateTime, NaiveDate, Utc};
use jobmarket_ingest::DataDir;
use jobmarket_schema::{ContractType, Remote, Seniority};
use jobmarket_storage::{OfferFilter, Store, StoreError, StoredOffer};

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// One stored offer (canonical schema plus `active`) per line.
    Jsonl,
    /// One row per offer, flat columns (skills joined by `;`).
    Csv,
    /// Typed columns (skills as a list), for DuckDB, pandas or Polars.
    Parquet,
}

#[derive(clap::Args)]
pub struct ExportArgs {
    #[arg(long, value_enum, default_value = "jsonl")]
    format: Format,
    /// Write to this file instead of stdout.
    #[arg(long)]
    output: Option<PathBuf>,
    /// Store: `embedded` or `elasticsearch`.
    #[arg(long, env = "JOBMARKET_STORE", default_value = "embedded")]
    store: String,
    #[command(flatten)]
    filter: FilterArgs,
}

/// Filters, as command-line options (lists are comma-separated).
#[derive(clap::Args, Default)]
pub struct FilterArgs {
    /// Words to find (French analysis: accents, plurals and gender forms do not matter).
    #[arg(long)]
    text: Option<String>,
    #[arg(long, value_delimiter = ',')]
    role: Vec<String>,
    #[arg(long, value_delimiter = ',', value_parser = parse_key::<Seniority>)]
    seniority: Vec<Seniority>,
    /// Skills, all required.
    #[arg(long, value_delimiter = ',')]
    skill: Vec<String>,
    #[arg(long, value_delimiter = ',')]
    department: Vec<String>,
    #[arg(long, value_delimiter = ',')]
    region: Vec<String>,
    #[arg(long, value_delimiter = ',', value_parser = parse_key::<ContractType>)]
    contract: Vec<ContractType>,
    #[arg(long, value_delimiter = ',', value_parser = parse_key::<Remote>)]
    remote: Vec<Remote>,
    /// Normalised company names.
    #[arg(long, value_delimiter = ',')]
    company: Vec<String>,
    #[arg(long, value_delimiter = ',')]
    source: Vec<String>,
    /// Published on or after this day (YYYY-MM-DD).
    #[arg(long)]
    since: Option<NaiveDate>,
    /// Published before this day (YYYY-MM-DD).
    #[arg(long)]
    until: Option<NaiveDate>,
    /// Only offers with (`true`) or without (`false`) a salary.
    #[arg(long)]
    salary_known: Option<bool>,
    /// Only offers still (`true`) or no longer (`false`) published.
    #[arg(long)]
    active: Option<bool>,
}

/// A schema key (`junior`, `cdi`, `hybrid`…) as the enum value.
fn parse_key<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_value(serde_json::Value::String(text.to_string()))
        .map_err(|_| format!("unknown value {text:?}"))
}

impl FilterArgs {
    pub fn filter(&self) -> OfferFilter {
        let midnight =
            |d: NaiveDate| -> DateTime<Utc> { d.and_hms_opt(0, 0, 0).expect("midnight").and_utc() };
        OfferFilter {
            text: self.text.clone(),
            roles: self.role.clone(),
            seniorities: self.seniority.clone(),
            skills: self.skill.clone(),
            departments: self.department.clone(),
            regions: self.region.clone(),
            contract_types: self.contract.clone(),
            remote: self.remote.clone(),
            companies: self.company.clone(),
            sources: self.source.clone(),
            published_from: self.since.map(midnight),
            published_to: self.until.map(midnight),
            salary_known: self.salary_known,
            active: self.active,
        }
    }
}

pub async fn run(args: ExportArgs, data_dir: &Path) -> anyhow::Result<()> {
    let data = DataDir::new(data_dir);
    let store = crate::index::open_read_only(&args.store, &data).await?;
    let out: Box<dyn Write + Send> = match &args.output {
        Some(path) => Box::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?,
        ),
        None => Box::new(std::io::stdout()),
    };
    let mut out = std::io::BufWriter::new(out);
    let written = match export(store.as_ref(), &args.filter.filter(), args.format, &mut out).await {
        Ok(n) => n,
        // the reader went away (`| head`): not an error
        Err(e) if is_broken_pipe(&e) => return Ok(()),
        Err(e) => return Err(e),
    };
    if let Err(e) = out.flush()
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        return Err(e.into());
    }
    if let Some(path) = &args.output {
        eprintln!("export: {written} offers written to {}", path.display());
    }
    Ok(())
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || matches!(cause.downcast_ref::<StoreError>(), Some(StoreError::Io(io)) if io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// The CSV columns.
const COLUMNS: &[&str] = &[
    "id",
    "source",
    "source_id",
    "url",
    "title",
    "title_normalized",
    "company",
    "company_normalized",
    "role",
    "seniority",
    "experience_years_min",
    "contract_type",
    "contract_duration_months",
    "full_time",
    "remote",
    "remote_days_per_week",
    "department",
    "region",
    "city",
    "commune_code",
    "lat",
    "lon",
    "salary_min_annual_eur",
    "salary_max_annual_eur",
    "salary_period",
    "published_at",
    "first_seen_at",
    "last_seen_at",
    "active",
    "skills",
];

/// Writes every offer matching `filter` to `out`; returns how many.
pub async fn export(
    store: &dyn Store,
    filter: &OfferFilter,
    format: Format,
    out: &mut (dyn Write + Send),
) -> anyhow::Result<u64> {
    let io = |e: std::io::Error| StoreError::Io(e);
    let n = match format {
        Format::Jsonl => {
            store
                .export(filter, &mut |offer| {
                    serde_json::to_writer(&mut *out, &offer).map_err(|e| io(e.into()))?;
                    out.write_all(b"\n").map_err(io)
                })
                .await?
        }
        Format::Parquet => {
            let mut parquet = crate::parquet_out::ParquetWriter::new(&mut *out)?;
            let n = store
                .export(filter, &mut |offer| {
                    parquet
                        .write(&offer)
                        .map_err(|e| StoreError::Engine(format!("parquet: {e}")))
                })
                .await?;
            parquet.finish()?;
            n
        }
        Format::Csv => {
            let mut csv = csv::Writer::from_writer(&mut *out);
            csv.write_record(COLUMNS)?;
            let n = store
                .export(filter, &mut |offer| {
                    csv.write_record(row(&offer)).map_err(|e| io(e.into()))
                })
                .await?;
            csv.flush()?;
            n
        }
    };
    Ok(n)
}

fn row(stored: &StoredOffer) -> Vec<String> {
    let o = &stored.offer;
    let s = |v: Option<&str>| v.unwrap_or("").to_string();
    let n = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    let f = |v: Option<f32>| v.map(|x| x.to_string()).unwrap_or_default();
    let key = |v: Option<String>| v.unwrap_or_default();
    let date = |d: Option<DateTime<Utc>>| d.map(|d| d.to_rfc3339()).unwrap_or_default();
    vec![
        o.id.to_string(),
        o.source.clone(),
        o.source_id.clone(),
        s(o.url.as_deref()),
        o.title.clone(),
        s(o.title_normalized.as_deref()),
        s(o.company.name.as_deref()),
        s(o.company.name_normalized.as_deref()),
        s(o.role.as_deref()),
        key(o.seniority.map(|v| jobmarket_storage::fields::key(&v))),
        f(o.experience_years_min),
        key(o.contract.kind.map(|v| jobmarket_storage::fields::key(&v))),
        f(o.contract.duration_months),
        o.contract
            .full_time
            .map(|b| b.to_string())
            .unwrap_or_default(),
        key(o.remote.map(|v| jobmarket_storage::fields::key(&v))),
        f(o.remote_days_per_week),
        s(o.location.department_code.as_deref()),
        s(o.location.region_code.as_deref()),
        s(o.location.city.as_deref()),
        s(o.location.commune_code.as_deref()),
        n(o.location.lat),
        n(o.location.lon),
        n(o.salary.min_annual_eur),
        n(o.salary.max_annual_eur),
        key(o.salary.period.map(|v| jobmarket_storage::fields::key(&v))),
        date(o.published_at),
        date(Some(o.first_seen_at)),
        date(Some(o.last_seen_at)),
        stored.active.to_string(),
        o.skills.join(";"),
    ]
}
