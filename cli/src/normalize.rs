//! `jobmarket normalize --source <source>`: raw offers on stdin, canonical offers on stdout.
//!
//! A line that cannot be normalised is reported on stderr with its number and skipped; the
//! run goes on.

use std::io::{BufRead, BufWriter, Write};

use chrono::Utc;

#[derive(clap::Args)]
pub struct NormalizeArgs {
    /// Source the raw offers come from.
    #[arg(long, value_enum)]
    source: SourceName,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum SourceName {
    Francetravail,
}

pub fn run(args: NormalizeArgs) -> anyhow::Result<()> {
    let SourceName::Francetravail = args.source;
    let stdin = std::io::stdin().lock();
    let stdout = std::io::stdout().lock();
    let stats = normalize_stream(stdin, stdout, &mut std::io::stderr().lock())?;
    eprintln!("normalized {} offers, skipped {} lines", stats.0, stats.1);
    Ok(())
}

/// Normalises every line of `input` into `output`; returns (offers written, lines skipped).
fn normalize_stream(
    mut input: impl BufRead,
    output: impl Write,
    errors: &mut impl Write,
) -> anyhow::Result<(u64, u64)> {
    let seen_at = Utc::now();
    let mut output = BufWriter::new(output);
    let (mut written, mut skipped) = (0u64, 0u64);
    let mut line = Vec::new();
    let mut line_no = 0u64;
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        line_no += 1;
        let text = match std::str::from_utf8(&line) {
            Ok(text) => text.trim(),
            Err(err) => {
                skipped += 1;
                writeln!(errors, "line {line_no}: not utf-8: {err}")?;
                continue;
            }
        };
        if text.is_empty() {
            continue;
        }
        match jobmarket_francetravail::normalize::normalize_json(text, seen_at) {
            Ok(offer) => {
                serde_json::to_writer(&mut output, &offer)?;
                output.write_all(b"\n")?;
                written += 1;
            }
            Err(err) => {
                skipped += 1;
                writeln!(errors, "line {line_no}: {err}")?;
            }
        }
    }
    output.flush()?;
    Ok((written, skipped))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_lines_are_reported_with_their_number_and_skipped() {
        let input = "not json\n\n{\"intitule\":\"sans id\"}\n\u{FF}\n";
        let mut bytes = input.as_bytes().to_vec();
        let at = bytes.iter().position(|&b| b == 0xC3).unwrap();
        bytes[at] = 0xFF; // an invalid utf-8 byte on line 4
        let mut out = Vec::new();
        let mut errors = Vec::new();
        let (written, skipped) = normalize_stream(&bytes[..], &mut out, &mut errors).unwrap();
        assert_eq!((written, skipped), (0, 3));
        let errors = String::from_utf8(errors).unwrap();
        assert!(errors.contains("line 1:"), "{errors}");
        assert!(errors.contains("line 3:"), "{errors}");
        assert!(errors.contains("line 4: not utf-8"), "{errors}");
        assert!(out.is_empty());
    }
}
