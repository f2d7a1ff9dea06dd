//! The values every engine indexes for an offer, derived here once so that engines agree:
//! keyword values, the dates and salary the query semantics use, and the analysed text.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Paris;
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

/// The Europe/Paris calendar day of an instant: every day, week and month of the queries is
/// a Paris one (2026-07-31T22:30:00Z is 1 August there).
pub fn paris_day(t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&Paris).date_naive()
}

/// The (Paris) day an offer counts at.
pub fn posted_day(offer: &Offer) -> NaiveDate {
    paris_day(posted_at(offer))
}

/// The (Paris) days an offer was first and last collected.
pub fn seen_days(offer: &Offer) -> (NaiveDate, NaiveDate) {
    (
        paris_day(offer.first_seen_at),
        paris_day(offer.last_seen_at),
    )
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

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn days_are_paris_days() {
        // winter time (UTC+1), the evening before the switch to summer time
        assert_eq!(paris_day(t("2026-03-28T22:59:59Z")), d("2026-03-28"));
        assert_eq!(paris_day(t("2026-03-28T23:30:00Z")), d("2026-03-29"));
        // summer time (UTC+2)
        assert_eq!(paris_day(t("2026-07-31T21:59:59Z")), d("2026-07-31"));
        assert_eq!(paris_day(t("2026-07-31T22:30:00Z")), d("2026-08-01"));
        // back to winter time on 25 October 2026
        assert_eq!(paris_day(t("2026-10-25T22:30:00Z")), d("2026-10-25"));
        assert_eq!(paris_day(t("2026-10-25T23:00:00Z")), d("2026-10-26"));
    }
}
