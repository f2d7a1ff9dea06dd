//! `jobmarket`: collect, normalise and (soon) serve the French data job market.
//!
//! This binary only parses the command line, reads the configuration (`config/.env`, then
//! the environment, then flags) and calls the library crates; errors are reported with
//! `anyhow` here and nowhere else.

mod bench;
mod bench_api;
mod bench_index;
mod demo;
mod eval;
mod export;
mod index;
mod ingest;
mod logging;
mod normalize;
mod parquet_out;
mod serve;
mod simulate;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Normalisation allocates many small strings: mimalloc serves them faster than the system
/// allocator (see docs/benchmarks.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "jobmarket",
    version,
    about = "Le marché de l'emploi data en France : collecte, normalisation, analyse."
)]
struct Cli {
    /// Data directory (raw pages, normalised offers, run state).
    #[arg(long, global = true, env = "INGEST_OUTPUT_DIR", default_value = "data")]
    data_dir: PathBuf,

    /// Log format on stderr: `auto` (text with a progress bar on a terminal), `text` or `json`.
    #[arg(long, global = true, default_value = "auto")]
    log_format: logging::LogFormat,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Collect offers from a source into the data directory.
    Ingest {
        #[command(subcommand)]
        source: ingest::IngestSource,
    },
    /// Demo: collect simulated France Travail offers (no credentials needed) into <data-dir>/demo.
    Demo(demo::DemoArgs),
    /// Normalise raw offers (JSON Lines on stdin) into canonical offers (JSON Lines on stdout).
    Normalize(normalize::NormalizeArgs),
    /// Run a simulator of a source's API on loopback.
    Simulate {
        #[command(subcommand)]
        source: simulate::SimulateSource,
    },
    /// Load the normalised offers into the store (only what changed, or all with --rebuild).
    Index(index::IndexArgs),
    /// Stream the stored offers (filtered) as JSON Lines or CSV, to stdout or a file.
    Export(export::ExportArgs),
    /// Serve the REST API (and its documentation) over the store.
    Serve(serve::ServeArgs),
    /// Everything in one command: collect (or load the demo data without credentials), index,
    /// serve, and collect again on a schedule.
    Up(serve::UpArgs),
    /// Measure normalisation quality on hand-labelled real offers.
    Eval(eval::EvalArgs),
    /// Measure the speed of a stage.
    Bench {
        #[command(subcommand)]
        what: bench::BenchCommand,
    },
}

fn main() -> std::process::ExitCode {
    load_dotenv();
    let cli = Cli::parse();
    logging::init(cli.log_format);
    let result = match cli.command {
        Command::Ingest { source } => run_async(ingest::run(source, &cli.data_dir, cli.log_format)),
        Command::Demo(args) => run_async(demo::run(args, &cli.data_dir, cli.log_format)),
        Command::Normalize(args) => normalize::run(args),
        Command::Simulate { source } => run_async(simulate::run(source)),
        Command::Index(args) => run_async(index::run(args, &cli.data_dir)),
        Command::Export(args) => run_async(export::run(args, &cli.data_dir)),
        Command::Serve(args) => run_async(serve::serve(args, &cli.data_dir, cli.log_format)),
        Command::Up(args) => run_async(serve::up(args, &cli.data_dir, cli.log_format)),
        Command::Eval(args) => eval::run(args),
        Command::Bench { what } => bench::run(what),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run_async(future: impl std::future::Future<Output = anyhow::Result<()>>) -> anyhow::Result<()> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(future)
}

/// Reads `config/.env` when present; variables already in the environment win.
fn load_dotenv() {
    let path = std::path::Path::new("config/.env");
    if path.exists()
        && let Err(err) = dotenvy::from_path(path)
    {
        eprintln!("warning: cannot read config/.env: {err}");
    }
}
