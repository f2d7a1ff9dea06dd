//! What a run collects: searches (ROME codes or keywords), optional departments.

use jobmarket_schema::rome::DATA_ROME_CODES;
use serde::{Deserialize, Serialize};

/// Keyword searches that catch data offers filed under generic ROME codes (developer,
/// IT consultant, …). Each is one `motsCles` search; offers found twice are kept once.
pub const DATA_KEYWORDS: &[&str] = &[
    "data",
    "machine learning",
    "intelligence artificielle",
    "business intelligence",
    "power bi",
    "statisticien",
    "databricks",
    "snowflake",
    "dataiku",
    "mlops",
    "llm",
];

/// One search of the API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Search {
    /// Short name shown in reports, e.g. `rome` or `keyword:power bi`.
    pub name: String,
    /// `codeROME` values (OR-ed by the API).
    #[serde(default)]
    pub rome_codes: Vec<String>,
    /// One `motsCles` expression.
    #[serde(default)]
    pub keywords: Option<String>,
}

impl Search {
    pub fn rome(codes: Vec<String>) -> Self {
        Search {
            name: "rome".into(),
            rome_codes: codes,
            keywords: None,
        }
    }

    pub fn keyword(keyword: &str) -> Self {
        Search {
            name: format!("keyword:{keyword}"),
            rome_codes: Vec::new(),
            keywords: Some(keyword.to_owned()),
        }
    }

    /// Query parameters of this search (without window, department or range).
    pub fn params(&self) -> Vec<(String, String)> {
        let mut params = Vec::new();
        if !self.rome_codes.is_empty() {
            params.push(("codeROME".to_owned(), self.rome_codes.join(",")));
        }
        if let Some(keywords) = &self.keywords {
            params.push(("motsCles".to_owned(), keywords.clone()));
        }
        params
    }
}

/// The searches of a run and the departments they are limited to (none: all of France).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub searches: Vec<Search>,
    #[serde(default)]
    pub departments: Vec<String>,
}

impl Profile {
    /// The default profile: every data ROME code in one search, plus [`DATA_KEYWORDS`].
    pub fn data_jobs() -> Self {
        Profile::custom(None, None, Vec::new())
    }

    /// The default profile with the ROME codes, keywords or departments replaced where given.
    /// An empty list of ROME codes or keywords drops those searches.
    pub fn custom(
        rome_codes: Option<Vec<String>>,
        keywords: Option<Vec<String>>,
        departments: Vec<String>,
    ) -> Self {
        let rome_codes = rome_codes.unwrap_or_else(|| {
            DATA_ROME_CODES
                .iter()
                .map(|(code, _)| (*code).to_owned())
                .collect()
        });
        let keywords =
            keywords.unwrap_or_else(|| DATA_KEYWORDS.iter().map(|k| (*k).to_owned()).collect());
        let mut searches = Vec::new();
        if !rome_codes.is_empty() {
            searches.push(Search::rome(rome_codes));
        }
        searches.extend(keywords.iter().map(|k| Search::keyword(k)));
        Profile {
            searches,
            departments,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_profile_has_the_data_codes_then_the_keywords() {
        let profile = Profile::data_jobs();
        assert_eq!(profile.searches[0].name, "rome");
        assert!(profile.searches[0].rome_codes.iter().any(|c| c == "M1811"));
        assert_eq!(profile.searches.len(), 1 + DATA_KEYWORDS.len());
        assert_eq!(profile.searches[0].params()[0].0, "codeROME");
        assert_eq!(
            profile.searches[1].params(),
            vec![("motsCles".to_owned(), "data".to_owned())]
        );
    }

    #[test]
    fn overrides_replace_or_drop_searches() {
        let profile = Profile::custom(Some(vec!["M1811".into()]), Some(vec![]), vec!["75".into()]);
        assert_eq!(profile.searches, vec![Search::rome(vec!["M1811".into()])]);
        assert_eq!(profile.departments, vec!["75"]);
    }
}
