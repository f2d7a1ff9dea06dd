//! The web dashboard, embedded in the binary: its static files (plain ES modules, styles and
//! the two vendor files), built by `build.rs` with npm and `node build.mjs` into Cargo's
//! `OUT_DIR`, and served by `jobmarket-api` at `/`.
//!
//! The front-end itself (views, state in the URL, tests in a browser) is described in
//! `apps/dashboard/README.md`; this crate owns only its build and its embedding.

// `ASSETS: &[(&str, &[u8], &str)]`: path relative to the site's root (with `/`), bytes, content type.
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

    /// `population.js` (INSEE 2021, written by hand) against the communes' legal populations
    /// in `../shared/data/geo/communes.csv` (a later vintage): the same departments, each within
    /// 6 % (population changes by less in a few years; a typo or a swapped code does not).
    #[test]
    fn the_population_table_matches_the_insee_communes() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let communes = root.join("../../../shared/data/geo/communes.csv");
        let csv = match std::fs::read_to_string(&communes) {
            Ok(text) => text,
            Err(err) if std::env::var_os("CI").is_some() => {
                panic!("CI must run this test: {}: {err}", communes.display())
            }
            Err(_) => {
                eprintln!(
                    "skipped: {} not found (../shared is absent)",
                    communes.display()
                );
                return;
            }
        };
        let mut reference = std::collections::BTreeMap::<String, u64>::new();
        let mut lines = csv.lines();
        let header: Vec<&str> = lines.next().expect("a header").split(',').collect();
        let column = |name: &str| header.iter().position(|h| *h == name).expect(name);
        let (kind, department, population) =
            (column("type"), column("departement"), column("population"));
        for line in lines {
            // the file quotes no field (names hold no comma)
            let fields: Vec<&str> = line.split(',').collect();
            if fields[kind] != "commune-actuelle" {
                continue;
            }
            if let Ok(n) = fields[population].parse::<u64>() {
                *reference.entry(fields[department].to_string()).or_default() += n;
            }
        }
        let table = std::fs::read_to_string(root.join("src/population.js")).unwrap();
        let body = &table[table.find("POPULATION = {").expect("the table")..];
        let mut ours = std::collections::BTreeMap::new();
        for entry in body.split(',') {
            let Some((code, n)) = entry.split_once(':') else {
                continue;
            };
            let code = code
                .trim()
                .trim_start_matches("POPULATION = {")
                .trim()
                .trim_matches('\'');
            let n: u64 = n.trim().trim_end_matches("};").trim().parse().unwrap();
            ours.insert(code.to_string(), n);
        }
        assert_eq!(
            ours.len(),
            101,
            "96 metropolitan and 5 overseas departments"
        );
        for (code, n) in &ours {
            let want = reference[code] as f64;
            let gap = (*n as f64 - want).abs() / want;
            assert!(gap < 0.06, "{code}: {n} vs {want} ({:.1} %)", gap * 100.0);
        }
    }
}
