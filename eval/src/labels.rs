//! Reading the label files (`eval/labels/*.csv`, format in `eval/GUIDELINES.md`).

use std::collections::BTreeMap;
use std::path::Path;

use crate::EvalError;

/// What a person who read the offer says each field should be. Empty cells are `None`.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub id: String,
    pub is_data: bool,
    pub role: String,
    pub seniority: Option<String>,
    pub contract: Option<String>,
    pub department: Option<String>,
    pub region: Option<String>,
    pub salary_min: Option<f64>,
    pub salary_max: Option<f64>,
    pub remote: Option<String>,
    pub remote_days: Option<f64>,
    pub skills: Vec<String>,
}

const COLUMNS: [&str; 13] = [
    "id",
    "is_data",
    "role",
    "seniority",
    "contract",
    "department",
    "region",
    "salary_min",
    "salary_max",
    "remote",
    "remote_days",
    "skills",
    "note",
];

/// Every label of `paths`: label files, or folders whose `*.csv` files are read.
pub fn read_labels(paths: &[&Path]) -> Result<BTreeMap<String, Label>, EvalError> {
    let mut files = Vec::new();
    for &path in paths {
        if path.is_file() {
            files.push(path.to_path_buf());
            continue;
        }
        let entries = std::fs::read_dir(path).map_err(|source| EvalError::Io {
            path: path.display().to_string(),
            source,
        })?;
        let mut in_dir: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "csv"))
            .collect();
        in_dir.sort();
        files.extend(in_dir);
    }
    let places: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let mut labels = BTreeMap::new();
    for path in files {
        let name = path.display().to_string();
        let bad = |reason: String| EvalError::Label {
            path: name.clone(),
            reason,
        };
        let mut reader = csv::ReaderBuilder::new()
            .flexible(false)
            .from_path(&path)
            .map_err(|e| bad(e.to_string()))?;
        let headers = reader.headers().map_err(|e| bad(e.to_string()))?.clone();
        if headers.iter().collect::<Vec<_>>() != COLUMNS {
            return Err(bad(format!("expected the columns {}", COLUMNS.join(","))));
        }
        for record in reader.records() {
            let record = record.map_err(|e| bad(e.to_string()))?;
            let line = record.position().map_or(0, |p| p.line());
            let label = parse(&record).map_err(|reason| bad(format!("line {line}: {reason}")))?;
            if labels.insert(label.id.clone(), label).is_some() {
                return Err(bad(format!(
                    "line {line}: offer {} labelled twice",
                    &record[0]
                )));
            }
        }
    }
    if labels.is_empty() {
        return Err(EvalError::NoLabels(places.join(", ")));
    }
    Ok(labels)
}

fn parse(record: &csv::StringRecord) -> Result<Label, String> {
    let cell = |i: usize| {
        let value = record.get(i).unwrap_or("").trim();
        (!value.is_empty()).then(|| value.to_owned())
    };
    let number = |i: usize| -> Result<Option<f64>, String> {
        cell(i)
            .map(|v| {
                v.replace(' ', "")
                    .parse::<f64>()
                    .map_err(|_| format!("{} is not a number: {v:?}", COLUMNS[i]))
            })
            .transpose()
    };
    let one_of = |i: usize, allowed: &[&str]| -> Result<Option<String>, String> {
        match cell(i) {
            Some(v) if !allowed.contains(&v.as_str()) => Err(format!(
                "{} {v:?} is not one of {}",
                COLUMNS[i],
                allowed.join("|")
            )),
            v => Ok(v),
        }
    };
    let id = cell(0).ok_or("empty id")?;
    let is_data = match cell(1).as_deref() {
        Some("1") => true,
        Some("0") => false,
        other => return Err(format!("is_data must be 0 or 1, not {other:?}")),
    };
    let role = cell(2).ok_or("empty role")?;
    let (mut salary_min, mut salary_max) = (number(7)?, number(8)?);
    if salary_min.is_none() {
        salary_min = salary_max;
    }
    if salary_max.is_none() {
        salary_max = salary_min;
    }
    Ok(Label {
        id,
        is_data,
        role,
        seniority: one_of(3, &["intern", "junior", "mid", "senior", "lead", "unknown"])?,
        contract: one_of(
            4,
            &[
                "cdi",
                "cdd",
                "interim",
                "freelance",
                "internship",
                "apprenticeship",
                "seasonal",
                "other",
            ],
        )?,
        department: cell(5),
        region: cell(6),
        salary_min,
        salary_max,
        remote: one_of(9, &["full", "hybrid", "occasional", "none", "unknown"])?,
        remote_days: number(10)?,
        skills: cell(11)
            .map(|s| {
                s.split(';')
                    .map(|k| k.trim().to_owned())
                    .filter(|k| !k.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "id,is_data,role,seniority,contract,department,region,salary_min,salary_max,remote,remote_days,skills,note\n";

    #[test]
    fn reads_rows_with_empty_cells_and_quoted_lists() {
        let dir = tempfile::tempdir().unwrap();
        let body = format!(
            "{HEADER}A1,1,data_engineer,senior,cdi,75,11,45000,55000,hybrid,2,\"python;sql\",\"note, with comma\"\nA2,0,not_data,unknown,interim,,,,,unknown,,,\n"
        );
        std::fs::write(dir.path().join("batch-1.csv"), body).unwrap();
        let labels = read_labels(&[dir.path()]).unwrap();
        let a1 = &labels["A1"];
        assert_eq!(a1.skills, ["python", "sql"]);
        assert_eq!(
            (a1.salary_min, a1.salary_max),
            (Some(45000.0), Some(55000.0))
        );
        assert_eq!(a1.remote_days, Some(2.0));
        let a2 = &labels["A2"];
        assert_eq!((a2.department.as_deref(), a2.salary_min), (None, None));
        assert!(a2.skills.is_empty() && !a2.is_data);
    }

    #[test]
    fn rejects_unknown_values_and_duplicates_with_the_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("b.csv"),
            format!("{HEADER}A1,1,data_engineer,guru,cdi,75,11,,,unknown,,,\n"),
        )
        .unwrap();
        let err = read_labels(&[dir.path()]).unwrap_err().to_string();
        assert!(err.contains("line 2") && err.contains("seniority"), "{err}");
        std::fs::write(
            dir.path().join("b.csv"),
            format!("{HEADER}A1,1,data_engineer,mid,cdi,75,11,,,unknown,,,\nA1,1,data_engineer,mid,cdi,75,11,,,unknown,,,\n"),
        )
        .unwrap();
        assert!(
            read_labels(&[dir.path()])
                .unwrap_err()
                .to_string()
                .contains("twice")
        );
    }
}
