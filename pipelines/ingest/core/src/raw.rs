//! Raw pages, stored exactly as received, gzip-compressed.

use std::io::{Read, Write};
use std::path::Path;

use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;

use crate::{IngestError, write_atomic};

/// Stores `body` gzip-compressed at `path` (atomically).
pub fn write_page(path: &Path, body: &[u8]) -> Result<(), IngestError> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(body.len() / 4), Compression::fast());
    encoder
        .write_all(body)
        .map_err(IngestError::io("compress", path))?;
    let compressed = encoder
        .finish()
        .map_err(IngestError::io("compress", path))?;
    write_atomic(path, &compressed)
}

/// Reads back a page stored by [`write_page`]: the exact bytes received.
pub fn read_page(path: &Path) -> Result<Vec<u8>, IngestError> {
    let file = std::fs::File::open(path).map_err(IngestError::io("open", path))?;
    let mut body = Vec::new();
    GzDecoder::new(std::io::BufReader::new(file))
        .read_to_end(&mut body)
        .map_err(|err| IngestError::Corrupt {
            what: "raw page",
            path: path.to_path_buf(),
            reason: err.to_string(),
        })?;
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_reads_back_byte_for_byte() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/page.json.gz");
        let body = "{\"resultats\":[{\"id\":\"1\",\"intitule\":\"Data été\"}]}".repeat(50);
        write_page(&path, body.as_bytes()).unwrap();
        assert_eq!(read_page(&path).unwrap(), body.as_bytes());
        assert!(std::fs::metadata(&path).unwrap().len() < body.len() as u64);
    }

    #[test]
    fn a_truncated_page_is_reported_as_corrupt() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("page.json.gz");
        write_page(&path, &[b'x'; 10_000]).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
        assert!(matches!(read_page(&path), Err(IngestError::Corrupt { .. })));
    }
}
