//! The web dashboard, embedded in the binary: the static files of `apps/dashboard/dist/`
//! (plain ES modules, styles and the two vendor files), built by `build.rs` with npm and
//! `node build.mjs`, and served by `jobmarket-api` at `/`.
//!
//! The front-end itself (views, state in the URL, tests in a browser) is described in
//! `apps/dashboard/README.md`; this crate owns only its build and its embedding.

// `ASSETS: &[(&str, &[u8], &str)]`: path relative to `dist/` (with `/`), bytes, content type.
include!(concat!(env!("OUT_DIR"), "/assets.rs"));

/// The file of the dashboard at `path` (relative to its root, e.g. `index.html`,
/// `vendor/echarts.min.js`; a leading `/` is ignored) and its content type.
pub fn asset(path: &str) -> Option<(&'static [u8], &'static str)> {
    let path = path.strip_prefix('/').unwrap_or(path);
    ASSETS
        .binary_search_by(|(p, _, _)| (*p).cmp(path))
        .ok()
        .map(|i| (ASSETS[i].1, ASSETS[i].2))
}

/// The paths of every embedded file, sorted.
pub fn paths() -> impl Iterator<Item = &'static str> {
    ASSETS.iter().map(|(p, _, _)| *p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shell_scripts_and_vendor_files_are_embedded() {
        let (html, kind) = asset("index.html").expect("index.html");
        assert_eq!(kind, "text/html; charset=utf-8");
        assert!(std::str::from_utf8(html).unwrap().contains("app.js"));
        assert_eq!(
            asset("/app.js").unwrap().1,
            "text/javascript; charset=utf-8"
        );
        assert!(asset("vendor/echarts.min.js").is_some());
        assert!(asset("vendor/france-departments.js").is_some());
        assert!(asset("views/offers.js").is_some());
        assert!(asset("missing.js").is_none());
        assert!(asset("../Cargo.toml").is_none());
        assert!(paths().is_sorted());
    }
}
