//! Query parameters: one table per endpoint describes each parameter once, and both the
//! parser and the OpenAPI document are driven by it, so what is documented is what is
//! accepted. Lists take repeated keys (`role=a&role=b`) or commas (`role=a,b`).

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Paris;
use jobmarket_schema::{ContractType, Remote, Seniority, geo};
use jobmarket_storage::OfferFilter;
use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn, ParameterStyle};
use utoipa::openapi::schema::{ArrayBuilder, KnownFormat, ObjectBuilder, SchemaFormat, Type};
use utoipa::openapi::{Required, Schema};

use crate::error::ApiError;
use crate::vocab::{Dimension, parse_key};

/// What a parameter holds.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// Free text up to this many characters.
    Text(usize),
    /// Values of a dimension (closed vocabularies are enumerated).
    List(Dimension),
    /// A calendar day, `YYYY-MM-DD`, in Europe/Paris.
    Date,
    Bool,
    /// An integer in `min..=max`.
    Int {
        min: i64,
        max: i64,
        default: i64,
    },
    /// One of these words.
    OneOf(&'static [&'static str], &'static str),
    /// Comma-separated dimensions (at most `max`).
    Dimensions {
        max: usize,
    },
}

/// One documented query parameter.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub name: &'static str,
    pub description: &'static str,
    pub kind: Kind,
}

const fn spec(name: &'static str, description: &'static str, kind: Kind) -> Spec {
    Spec {
        name,
        description,
        kind,
    }
}

/// The filters every endpoint of the market accepts.
pub const FILTERS: &[Spec] = &[
    spec(
        "q",
        "Words to find in the title, description or company (French analysis: accents, plurals and gender forms do not matter; every word must be found).",
        Kind::Text(200),
    ),
    spec(
        "role",
        "Data-job roles (any of).",
        Kind::List(Dimension::Role),
    ),
    spec(
        "seniority",
        "Seniority levels (any of).",
        Kind::List(Dimension::Seniority),
    ),
    spec(
        "skill",
        "Skills (all of); keys or names from /api/v1/vocabularies.",
        Kind::List(Dimension::Skill),
    ),
    spec(
        "department",
        "INSEE department codes (any of), e.g. 75, 2A, 974.",
        Kind::List(Dimension::Department),
    ),
    spec(
        "region",
        "INSEE region codes (any of), e.g. 11 for Île-de-France.",
        Kind::List(Dimension::Region),
    ),
    spec(
        "contract",
        "Contract types (any of).",
        Kind::List(Dimension::Contract),
    ),
    spec(
        "remote",
        "Remote-work policies (any of).",
        Kind::List(Dimension::Remote),
    ),
    spec(
        "company",
        "Normalised company names (any of), as given by /api/v1/companies.",
        Kind::List(Dimension::Company),
    ),
    spec(
        "source",
        "Sources (any of), e.g. francetravail.",
        Kind::List(Dimension::Source),
    ),
    spec(
        "from",
        "First day of publication, inclusive (Europe/Paris).",
        Kind::Date,
    ),
    spec(
        "to",
        "Last day of publication, inclusive (Europe/Paris).",
        Kind::Date,
    ),
    spec(
        "salary_known",
        "Only offers stating (true) or not stating (false) a salary.",
        Kind::Bool,
    ),
    spec(
        "active",
        "Only offers still published (true) or withdrawn (false).",
        Kind::Bool,
    ),
];

/// The parsed query string of a request.
#[derive(Debug, Default)]
pub struct Params {
    pairs: Vec<(String, String)>,
    known: Vec<&'static str>,
}

impl Params {
    pub fn parse(raw: Option<&str>) -> Params {
        Params {
            pairs: form_urlencoded::parse(raw.unwrap_or("").as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
            known: Vec::new(),
        }
    }

    fn values(&mut self, name: &'static str) -> Vec<&str> {
        self.known.push(name);
        self.pairs
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The values of a list parameter (repeated or comma-separated), blanks dropped.
    pub fn list(&mut self, name: &'static str) -> Vec<String> {
        self.values(name)
            .into_iter()
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// The value of a single-valued parameter; blank counts as absent.
    pub fn one(&mut self, name: &'static str) -> Result<Option<String>, ApiError> {
        let values = self.values(name);
        match values.as_slice() {
            [] => Ok(None),
            [v] if v.trim().is_empty() => Ok(None),
            [v] => Ok(Some(v.trim().to_string())),
            _ => Err(ApiError::invalid(name, "given more than once")),
        }
    }

    pub fn int(&mut self, spec: &Spec) -> Result<i64, ApiError> {
        let Kind::Int { min, max, default } = spec.kind else {
            unreachable!("{} is not an integer parameter", spec.name)
        };
        match self.one(spec.name)? {
            None => Ok(default),
            Some(v) => match v.parse::<i64>() {
                Ok(n) if (min..=max).contains(&n) => Ok(n),
                Ok(_) => Err(ApiError::invalid(
                    spec.name,
                    format!("must be between {min} and {max}"),
                )),
                Err(_) => Err(ApiError::invalid(
                    spec.name,
                    format!("`{v}` is not an integer"),
                )),
            },
        }
    }

    pub fn one_of(&mut self, spec: &Spec) -> Result<&'static str, ApiError> {
        let Kind::OneOf(words, default) = spec.kind else {
            unreachable!("{} is not a choice parameter", spec.name)
        };
        match self.one(spec.name)? {
            None => Ok(default),
            Some(v) => words.iter().copied().find(|w| *w == v).ok_or_else(|| {
                ApiError::invalid(
                    spec.name,
                    format!("unknown value `{v}` (expected one of {})", words.join(", ")),
                )
            }),
        }
    }

    pub fn boolean(&mut self, name: &'static str) -> Result<Option<bool>, ApiError> {
        match self.one(name)?.as_deref() {
            None => Ok(None),
            Some("true" | "1") => Ok(Some(true)),
            Some("false" | "0") => Ok(Some(false)),
            Some(v) => Err(ApiError::invalid(
                name,
                format!("`{v}` is not a boolean (true or false)"),
            )),
        }
    }

    pub fn date(&mut self, name: &'static str) -> Result<Option<NaiveDate>, ApiError> {
        let Some(v) = self.one(name)? else {
            return Ok(None);
        };
        let date = NaiveDate::parse_from_str(&v, "%Y-%m-%d")
            .map_err(|_| ApiError::invalid(name, format!("`{v}` is not a date (YYYY-MM-DD)")))?;
        let year = chrono::Datelike::year(&date);
        if !(1970..=2100).contains(&year) {
            return Err(ApiError::invalid(name, "must be between 1970 and 2100"));
        }
        Ok(Some(date))
    }

    /// Values of a dimension, checked against its vocabulary.
    pub fn dimension_values(
        &mut self,
        name: &'static str,
        dimension: Dimension,
    ) -> Result<Vec<String>, ApiError> {
        self.list(name)
            .into_iter()
            .map(|v| canonical(dimension, &v).ok_or_else(|| unknown_value(name, dimension, &v)))
            .collect()
    }

    /// A list of dimensions, e.g. `group_by=role,seniority`.
    pub fn dimensions(
        &mut self,
        spec: &Spec,
        default: &[Dimension],
    ) -> Result<Vec<Dimension>, ApiError> {
        let Kind::Dimensions { max } = spec.kind else {
            unreachable!("{} is not a dimensions parameter", spec.name)
        };
        let names = self.list(spec.name);
        if names.is_empty() {
            return Ok(default.to_vec());
        }
        let mut dims = Vec::new();
        for n in names {
            let d = Dimension::parse(&n).ok_or_else(|| {
                ApiError::invalid(
                    spec.name,
                    format!(
                        "unknown dimension `{n}` (expected one of {})",
                        Dimension::names().join(", ")
                    ),
                )
            })?;
            if dims.contains(&d) {
                return Err(ApiError::invalid(spec.name, format!("`{n}` given twice")));
            }
            dims.push(d);
        }
        if dims.len() > max {
            return Err(ApiError::invalid(
                spec.name,
                format!("at most {max} dimensions"),
            ));
        }
        Ok(dims)
    }

    /// Fails on any parameter this endpoint did not read.
    pub fn finish(self) -> Result<(), ApiError> {
        match self
            .pairs
            .iter()
            .find(|(k, _)| !self.known.contains(&k.as_str()))
        {
            Some((k, _)) => Err(ApiError::unknown_parameter(k, &self.known)),
            None => Ok(()),
        }
    }

    /// The offer filter given by the [`FILTERS`] parameters.
    pub fn filter(&mut self) -> Result<OfferFilter, ApiError> {
        let text = match self.one("q")? {
            Some(q) if q.chars().count() > 200 => {
                return Err(ApiError::invalid("q", "at most 200 characters"));
            }
            q => q,
        };
        let roles = self.dimension_values("role", Dimension::Role)?;
        let seniorities: Vec<Seniority> =
            parse_all(self.dimension_values("seniority", Dimension::Seniority)?);
        let skills = self.dimension_values("skill", Dimension::Skill)?;
        let departments = self.dimension_values("department", Dimension::Department)?;
        let regions = self.dimension_values("region", Dimension::Region)?;
        let contract_types: Vec<ContractType> =
            parse_all(self.dimension_values("contract", Dimension::Contract)?);
        let remote: Vec<Remote> = parse_all(self.dimension_values("remote", Dimension::Remote)?);
        let companies = self.dimension_values("company", Dimension::Company)?;
        let sources = self.dimension_values("source", Dimension::Source)?;
        let from = self.date("from")?;
        let to = self.date("to")?;
        if let (Some(f), Some(t)) = (from, to)
            && f > t
        {
            return Err(ApiError::invalid(
                "from",
                format!("{f} is after `to` ({t})"),
            ));
        }
        Ok(OfferFilter {
            text,
            roles,
            seniorities,
            skills,
            departments,
            regions,
            contract_types,
            remote,
            companies,
            sources,
            published_from: from.map(paris_midnight),
            published_to: to.map(|t| paris_midnight(t + chrono::Days::new(1))),
            salary_known: self.boolean("salary_known")?,
            active: self.boolean("active")?,
        })
    }
}

/// The enum values of checked keys.
fn parse_all<T: serde::de::DeserializeOwned>(values: Vec<String>) -> Vec<T> {
    values.iter().filter_map(|v| parse_key(v)).collect()
}

/// The instant a Paris calendar day starts.
pub fn paris_midnight(day: NaiveDate) -> DateTime<Utc> {
    let midnight = day.and_hms_opt(0, 0, 0).expect("midnight exists");
    Paris
        .from_local_datetime(&midnight)
        .earliest()
        .expect("midnight is never skipped in Paris")
        .with_timezone(&Utc)
}

/// The Paris calendar day of an instant.
pub fn paris_day(t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&Paris).date_naive()
}

/// The stored form of a value, or `None` when the vocabulary does not know it.
fn canonical(dimension: Dimension, value: &str) -> Option<String> {
    match dimension {
        Dimension::Skill => jobmarket_enrich::skills::taxonomy()
            .resolve(value)
            .map(str::to_string),
        Dimension::Department => geo::department(&value.to_uppercase()).map(|d| d.code.to_string()),
        Dimension::Company => (value.chars().count() <= 200).then(|| value.to_string()),
        Dimension::Source | Dimension::RomeCode => (value.len() <= 40
            && value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .then(|| value.to_string()),
        _ => dimension
            .values()
            .and_then(|values| values.into_iter().find(|v| *v == value))
            .map(str::to_string),
    }
}

fn unknown_value(name: &str, dimension: Dimension, value: &str) -> ApiError {
    let shown: String = value.chars().take(60).collect();
    match dimension.values() {
        Some(values) if values.len() <= 20 => ApiError::invalid(
            name,
            format!(
                "unknown value `{shown}` (expected one of {})",
                values.join(", ")
            ),
        ),
        Some(_) => ApiError::invalid(
            name,
            format!("unknown value `{shown}` (see /api/v1/vocabularies)"),
        ),
        None => ApiError::invalid(name, format!("invalid value `{shown}`")),
    }
}

/// The OpenAPI description of these parameters.
pub fn openapi(specs: &[Spec]) -> Vec<Parameter> {
    specs.iter().map(parameter).collect()
}

fn parameter(spec: &Spec) -> Parameter {
    let string = || ObjectBuilder::new().schema_type(Type::String);
    let (schema, is_list): (Schema, bool) = match spec.kind {
        Kind::Text(max) => (string().max_length(Some(max)).into(), false),
        Kind::List(d) => {
            let item = match d.values() {
                Some(values) => string().enum_values(Some(values)),
                None => string().max_length(Some(200)),
            };
            (ArrayBuilder::new().items(item).into(), true)
        }
        Kind::Date => (
            string()
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
                .into(),
            false,
        ),
        Kind::Bool => (
            ObjectBuilder::new().schema_type(Type::Boolean).into(),
            false,
        ),
        Kind::Int { min, max, default } => (
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .minimum(Some(min as f64))
                .maximum(Some(max as f64))
                .default(Some(default.into()))
                .into(),
            false,
        ),
        Kind::OneOf(words, default) => (
            string()
                .enum_values(Some(words.to_vec()))
                .default(Some(default.into()))
                .into(),
            false,
        ),
        Kind::Dimensions { max } => (
            ArrayBuilder::new()
                .items(string().enum_values(Some(Dimension::names())))
                .max_items(Some(max))
                .into(),
            true,
        ),
    };
    ParameterBuilder::new()
        .name(spec.name)
        .parameter_in(ParameterIn::Query)
        .required(Required::False)
        .description(Some(spec.description))
        .schema(Some(schema))
        .style(is_list.then_some(ParameterStyle::Form))
        .explode(is_list.then_some(true))
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_take_repeats_and_commas() {
        let mut p = Params::parse(Some("role=data_analyst,data_engineer&role=dba&x=1"));
        assert_eq!(p.list("role"), ["data_analyst", "data_engineer", "dba"]);
        let err = p.finish().unwrap_err();
        assert_eq!(err.code, "unknown_parameter");
        assert_eq!(err.parameter.as_deref(), Some("x"));
    }

    #[test]
    fn filters_are_checked_and_dates_are_paris_days() {
        let mut p = Params::parse(Some(
            "department=2a&skill=Python&from=2026-03-29&to=2026-03-29&contract=cdi",
        ));
        let f = p.filter().unwrap();
        p.finish().unwrap();
        assert_eq!(f.departments, ["2A"]);
        assert_eq!(f.skills, ["python"]);
        assert_eq!(f.contract_types, [ContractType::Cdi]);
        // 29 March 2026: clocks go forward, the day lasts 23 hours
        assert_eq!(
            f.published_from.unwrap().to_rfc3339(),
            "2026-03-28T23:00:00+00:00"
        );
        assert_eq!(
            f.published_to.unwrap().to_rfc3339(),
            "2026-03-29T22:00:00+00:00"
        );

        for (query, parameter) in [
            ("role=astronaut", "role"),
            ("from=2026-13-01", "from"),
            ("from=2026-02-01&to=2026-01-01", "from"),
            ("active=maybe", "active"),
            ("department=100", "department"),
            ("q=a&q=b", "q"),
        ] {
            let err = Params::parse(Some(query)).filter().unwrap_err();
            assert_eq!(err.parameter.as_deref(), Some(parameter), "{query}");
            assert_eq!(err.status, axum::http::StatusCode::BAD_REQUEST);
        }
    }
}
