//! Builds the dashboard and embeds it: `npm ci` when `node_modules` is missing or older than
//! `package-lock.json`, then `node build.mjs $OUT_DIR/dist`, then `$OUT_DIR/assets.rs`, the
//! sorted table of every file of that folder (path, `include_bytes!`, content type, ETag, and
//! for text files their gzip, compressed here once rather than at every request). Nothing is
//! written in the source tree but `node_modules/`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

const NEEDS_NODE: &str =
    "the dashboard needs Node.js and npm to build: install them, e.g. apt-get install nodejs npm";

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    for watched in ["src", "build.mjs", "package.json", "package-lock.json"] {
        println!("cargo:rerun-if-changed={}", root.join(watched).display());
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    if let Err(message) = build(&root, &out) {
        eprintln!("error: {message}");
        std::process::exit(1);
    }
}

fn build(root: &Path, out: &Path) -> Result<(), String> {
    if installed_at(root).is_none_or(|at| at < modified(&root.join("package-lock.json"))) {
        run(root, "npm", &["ci", "--no-audit", "--no-fund"])?;
    }
    let dist = out.join("dist");
    let dist_arg = dist.to_str().ok_or("OUT_DIR is not valid UTF-8")?;
    run(root, "node", &["build.mjs", dist_arg])?;
    let mut files = Vec::new();
    collect(&dist, &dist, &mut files)
        .map_err(|e| format!("cannot read {}: {e}", dist.display()))?;
    files.sort();
    let mut table = String::from("static ASSETS: &[Asset] = &[\n");
    for (path, file) in &files {
        let kind = content_type(path);
        let gzip = if compressible(kind) {
            let gz = out.join("gzip").join(format!("{path}.gz"));
            gzip_file(file, &gz)?;
            format!("Some(include_bytes!({:?}))", gz.display())
        } else {
            "None".to_string()
        };
        let etag = etag(file)?;
        writeln!(
            table,
            "    Asset {{ path: {path:?}, bytes: include_bytes!({:?}), gzip: {gzip}, content_type: {kind:?}, etag: {etag:?} }},",
            file.display(),
        )
        .expect("write to a string");
    }
    table.push_str("];\n");
    let assets = out.join("assets.rs");
    std::fs::write(&assets, table).map_err(|e| format!("cannot write {}: {e}", assets.display()))
}

/// When `npm ci` last completed: npm writes `node_modules/.package-lock.json` at the end of an
/// install (the folder's own time does not change when packages inside it do).
fn installed_at(root: &Path) -> Option<SystemTime> {
    std::fs::metadata(root.join("node_modules/.package-lock.json"))
        .and_then(|m| m.modified())
        .ok()
}

fn modified(path: &Path) -> SystemTime {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .unwrap_or(SystemTime::UNIX_EPOCH)
}

/// Runs `program args` in `root`, its output going to the build's log.
fn run(root: &Path, program: &str, args: &[&str]) -> Result<(), String> {
    let status = Command::new(program)
        .args(args)
        .current_dir(root)
        .stdout(std::io::stderr())
        .status()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => format!("`{program}` not found: {NEEDS_NODE}"),
            _ => format!("cannot run `{program}`: {e}"),
        })?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "`{program} {}` failed in {} ({status})",
            args.join(" "),
            root.display()
        ))
    }
}

/// Every file under `dir` as (path relative to `base` with `/`, absolute path).
fn collect(base: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(base, &path, files)?;
        } else {
            let relative = path.strip_prefix(base).expect("under base");
            let name = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            files.push((name, path));
        }
    }
    Ok(())
}

/// A strong HTTP validator of the file's content: a hash of its bytes, quoted.
fn etag(file: &Path) -> Result<String, String> {
    use std::hash::{Hash as _, Hasher as _};
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let mut hasher = std::hash::DefaultHasher::new();
    bytes.hash(&mut hasher);
    Ok(format!("\"{:016x}\"", hasher.finish()))
}

/// Text worth compressing (images and fonts are compressed already).
fn compressible(content_type: &str) -> bool {
    content_type.starts_with("text/")
        || content_type.starts_with("application/json")
        || content_type.starts_with("image/svg")
}

/// Writes `from` gzipped (best compression) to `to`.
fn gzip_file(from: &Path, to: &Path) -> Result<(), String> {
    use std::io::Write as _;
    let bytes = std::fs::read(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(&bytes).expect("write to memory");
    let gz = encoder.finish().expect("write to memory");
    std::fs::create_dir_all(to.parent().expect("a parent"))
        .and_then(|()| std::fs::write(to, gz))
        .map_err(|e| format!("cannot write {}: {e}", to.display()))
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map_or("", |(_, ext)| ext) {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}
