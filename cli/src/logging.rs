//! Logs on stderr: readable text on a terminal, JSON lines for machines.

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Auto,
    Text,
    Json,
}

impl LogFormat {
    /// A progress bar is drawn only in `auto` mode on a terminal.
    pub fn progress_bar(self) -> bool {
        self == LogFormat::Auto && std::io::stderr().is_terminal()
    }
}

/// Installs the logger. Under a progress bar only warnings show (the bar tells the rest);
/// `JOBMARKET_LOG` (e.g. `debug`) overrides the level.
pub fn init(format: LogFormat) {
    let default = if format.progress_bar() {
        "warn"
    } else {
        "info"
    };
    let filter =
        EnvFilter::try_from_env("JOBMARKET_LOG").unwrap_or_else(|_| EnvFilter::new(default));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Json => builder.json().flatten_event(true).init(),
        LogFormat::Text | LogFormat::Auto => builder.with_target(false).compact().init(),
    }
}
