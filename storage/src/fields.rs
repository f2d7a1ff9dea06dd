//! The values every engine indexes for an offer, derived here once so that engines agree:
//! keyword values, the dates and salary the query semantics use, and the analysed text.

use chrono::{DateTime, NaiveDate, Utc};
use jobmarket_schema::Offer;
use serde::Serialize;

use crate::StoredOffer;
use crate::analysis::analyze;
use crate::query::KeywordField;

/// The date an offer counts at: its publication, or its first collection when the source
/// gives none.
pub fn posted_at(offer: &Offer) -> DateTime<Utc> {
    offer.published_at.unwrap_or(offer.first_seen_at)
}

/// The day an offer counts at.
pub fn posted_day(offer: &Offer) -> NaiveDate {
    posted_at(offer).date_naive()
}

/// The annual gross salary midpoint: the middle of the range, or the one bound stated.
pub fn salary_mid_eur(offer: &Offer) -> Option<f64> {
    match (offer.salary.min_annual_eur, offer.salary.max_annual_eur) {
        (Some(min), Some(max)) => Some((min + max) / 2.0),
        (one, other) => one.or(other),
    }
    .filter(|v| v.is_finite())
}

/// The values of a keyword field (several for `skills`, none when unknown).
pub fn keywords(stored: &StoredOffer, field: KeywordField) -> Vec<String> {
    let o = &stored.offer;
    let one = |v: Option<&str>| v.map(str::to_string).into_iter().collect();
    match field {
        KeywordField::Role => one(o.role.as_deref()),
        KeywordField::Seniority => o.seniority.map(|s| key(&s)).into_iter().collect(),
        KeywordField::Skills => o.skills.clone(),
        KeywordField::Department => one(o.location.department_code.as_deref()),
        KeywordField::Region => one(o.location.region_code.as_deref()),
        KeywordField::ContractType => o.contract.kind.map(|k| key(&k)).into_iter().collect(),
        KeywordField::Remote => o.remote.map(|r| key(&r)).into_iter().collect(),
        KeywordField::Company => one(o.company.name_normalized.as_deref()),
        KeywordField::Source => vec![o.source.clone()],
        KeywordField::RomeCode => o
            .rome_code
            .as_ref()
            .map(|r| r.to_string())
            .into_iter()
            .collect(),
    }
}

/// The schema key of an enum value (`Seniority::Junior` → `junior`).
pub fn key<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        other => panic!("not a unit enum: {other:?}"),
    }
}

/// The analysed tokens searched by a text query: the title (and its normalised form), and the
/// rest (description, company name).
pub fn search_tokens(offer: &Offer) -> (Vec<String>, Vec<String>) {
    let mut title = analyze(&offer.title);
    if let Some(normalized) = &offer.title_normalized {
        for t in analyze(normalized) {
            if !title.contains(&t) {
                title.push(t);
            }
        }
    }
    let mut body = offer
        .description
        .as_deref()
        .map(analyze)
        .unwrap_or_default();
    if let Some(name) = &offer.company.name {
        body.extend(analyze(name));
    }
    (title, body)
}
