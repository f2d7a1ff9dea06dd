//! An append-only journal of JSON lines: what a run has done so far.
//!
//! A run appends one entry per completed step *after* the step's output is safely on disk,
//! so replaying the journal tells exactly what remains. A process killed mid-write leaves at
//! most one torn last line; [`Journal::open`] drops it (and truncates it away) so the next
//! append starts on a clean line.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::IngestError;

pub struct Journal {
    path: PathBuf,
    file: File,
}

impl Journal {
    /// Opens (or creates) the journal at `path` and returns the entries already in it.
    pub fn open<T: DeserializeOwned>(path: &Path) -> Result<(Journal, Vec<T>), IngestError> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(IngestError::io("create directory", parent))?;
        }
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(err) => return Err(IngestError::io("read", path)(err)),
        };
        let mut entries = Vec::new();
        let mut good_len = 0usize;
        let mut offset = 0usize;
        let mut line_no = 0usize;
        while offset < bytes.len() {
            line_no += 1;
            let Some(newline) = bytes[offset..].iter().position(|&b| b == b'\n') else {
                break; // torn last line: no newline was written
            };
            let line = &bytes[offset..offset + newline];
            match serde_json::from_slice::<T>(line) {
                Ok(entry) => entries.push(entry),
                Err(err) if offset + newline + 1 >= bytes.len() => {
                    tracing::warn!(path = %path.display(), line = line_no, %err, "dropping torn journal line");
                    break;
                }
                Err(err) => {
                    return Err(IngestError::Corrupt {
                        what: "journal",
                        path: path.to_path_buf(),
                        reason: format!("line {line_no}: {err}"),
                    });
                }
            }
            offset += newline + 1;
            good_len = offset;
        }
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(IngestError::io("open", path))?;
        if good_len < bytes.len() {
            file.set_len(good_len as u64)
                .map_err(IngestError::io("truncate", path))?;
        }
        Ok((
            Journal {
                path: path.to_path_buf(),
                file,
            },
            entries,
        ))
    }

    /// Appends one entry as a single write of one line.
    pub fn append<T: Serialize>(&mut self, entry: &T) -> Result<(), IngestError> {
        let mut line = serde_json::to_vec(entry).map_err(|err| IngestError::Corrupt {
            what: "journal entry",
            path: self.path.clone(),
            reason: err.to_string(),
        })?;
        line.push(b'\n');
        self.file
            .write_all(&line)
            .map_err(IngestError::io("append to", &self.path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Step {
        n: u32,
    }

    #[test]
    fn replays_what_was_appended() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        let (mut journal, entries) = Journal::open::<Step>(&path).unwrap();
        assert!(entries.is_empty());
        journal.append(&Step { n: 1 }).unwrap();
        journal.append(&Step { n: 2 }).unwrap();
        drop(journal);
        let (_, entries) = Journal::open::<Step>(&path).unwrap();
        assert_eq!(entries, vec![Step { n: 1 }, Step { n: 2 }]);
    }

    #[test]
    fn drops_a_torn_last_line_and_appends_cleanly_after_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        std::fs::write(&path, "{\"n\":1}\n{\"n\":2}\n{\"n\":").unwrap();
        let (mut journal, entries) = Journal::open::<Step>(&path).unwrap();
        assert_eq!(entries, vec![Step { n: 1 }, Step { n: 2 }]);
        journal.append(&Step { n: 3 }).unwrap();
        drop(journal);
        let (_, entries) = Journal::open::<Step>(&path).unwrap();
        assert_eq!(entries, vec![Step { n: 1 }, Step { n: 2 }, Step { n: 3 }]);
    }

    #[test]
    fn refuses_a_corrupt_line_in_the_middle() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.jsonl");
        std::fs::write(&path, "{\"n\":1}\ngarbage\n{\"n\":3}\n").unwrap();
        let err = Journal::open::<Step>(&path).err().unwrap();
        assert!(err.to_string().contains("line 2"), "{err}");
    }
}
