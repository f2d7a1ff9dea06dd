//! Skills: rising and falling between two periods, what goes with a skill, and the skills
//! that characterise each role. The top skills are `/api/v1/breakdowns/skill`.

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Path, RawQuery, State};
use chrono::{Days, NaiveDate};
use jobmarket_storage::query::Aggregation;
use jobmarket_storage::{AggregationResult, KeywordField, OfferFilter};
use serde::Serialize;
use utoipa::ToSchema;

use super::{Count, Meta, count_query, ratio};
use crate::error::{ApiError, ErrorBody};
use crate::params::{Kind, Params, Spec, paris_day, paris_midnight};
use crate::state::AppState;
use crate::vocab::Dimension;

/// Every skill of the taxonomy fits.
const ALL_SKILLS: usize = 1000;

pub const TRENDS: &[Spec] = &[
    Spec {
        name: "min_count",
        description: "Least offers asking for a skill in the period where it is counted (the current one for rising skills, the previous one for falling skills).",
        kind: Kind::Int {
            min: 1,
            max: 100_000,
            default: 10,
        },
    },
    Spec {
        name: "size",
        description: "Rising and falling skills returned, each.",
        kind: Kind::Int {
            min: 1,
            max: 100,
            default: 10,
        },
    },
];

pub const COOCCURRENCE: &[Spec] = &[Spec {
    name: "size",
    description: "Related skills returned, most frequent first.",
    kind: Kind::Int {
        min: 1,
        max: 200,
        default: 20,
    },
}];

pub const BY_ROLE: &[Spec] = &[
    Spec {
        name: "size",
        description: "Skills returned per role, in each list.",
        kind: Kind::Int {
            min: 1,
            max: 100,
            default: 10,
        },
    },
    Spec {
        name: "min_count",
        description: "Least offers of the role asking for a skill for it to be called characteristic.",
        kind: Kind::Int {
            min: 1,
            max: 100_000,
            default: 5,
        },
    },
];

/// A period of publication, inclusive days (Europe/Paris).
#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Offers published in it (matching the other filters).
    pub offers: u64,
}

/// How often a skill is asked in two periods.
#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct SkillChange {
    pub key: String,
    pub label: Option<String>,
    pub current_count: u64,
    pub previous_count: u64,
    /// Share of the period's offers asking for it (0 to 1).
    pub current_share: f64,
    pub previous_share: f64,
    /// `current_share − previous_share`, in percentage points.
    pub change_points: f64,
}

#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct SkillTrendsResponse {
    pub meta: Meta,
    pub current: Period,
    pub previous: Period,
    /// Largest gains of share first.
    pub rising: Vec<SkillChange>,
    /// Largest losses of share first.
    pub falling: Vec<SkillChange>,
}

/// Skills rising and falling: their share of offers in a period (`from`–`to`, by default the
/// last 28 days) against the period of the same length just before.
#[utoipa::path(
    get,
    path = "/api/v1/skills/trends",
    tag = "skills",
    params(crate::openapi::Filters, crate::openapi::SkillTrendsParams),
    responses(
        (status = 200, description = "Rising and falling skills", body = SkillTrendsResponse),
        (status = 400, description = "Invalid parameter", body = ErrorBody),
        (status = 503, description = "Store unavailable", body = ErrorBody),
    )
)]
pub async fn skill_trends(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<SkillTrendsResponse>, ApiError> {
    let mut p = Params::parse(raw.as_deref());
    let filter = p.filter()?;
    let min_count = p.int(&TRENDS[0])? as u64;
    let size = p.int(&TRENDS[1])? as usize;
    p.finish()?;
    let today = paris_day(state.now());
    // the filter's dates are the current period; the previous one has the same length
    let to = filter
        .published_to
        .map(|t| paris_day(t) - Days::new(1))
        .unwrap_or(today);
    let from = filter
        .published_from
        .map(paris_day)
        .unwrap_or(to - Days::new(27));
    let days = (to - from).num_days() as u64 + 1;
    let previous_to = from - Days::new(1);
    let previous_from = from - Days::new(days);

    let period = |from: NaiveDate, to: NaiveDate| {
        let mut f = filter.clone();
        f.published_from = Some(paris_midnight(from));
        f.published_to = Some(paris_midnight(to + Days::new(1)));
        f
    };
    let (current, previous) = tokio::try_join!(
        skill_counts(&state, period(from, to)),
        skill_counts(&state, period(previous_from, previous_to)),
    )?;
    let mut changes: Vec<SkillChange> = current
        .1
        .keys()
        .chain(previous.1.keys())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .map(|key| {
            let c = current.1.get(key).copied().unwrap_or(0);
            let pr = previous.1.get(key).copied().unwrap_or(0);
            let cs = ratio(c, current.0).unwrap_or(0.0);
            let ps = ratio(pr, previous.0).unwrap_or(0.0);
            SkillChange {
                key: key.clone(),
                label: Dimension::Skill.label(key),
                current_count: c,
                previous_count: pr,
                current_share: cs,
                previous_share: ps,
                change_points: (cs - ps) * 100.0,
            }
        })
        .collect();
    changes.sort_by(|a, b| {
        b.change_points
            .total_cmp(&a.change_points)
            .then_with(|| a.key.cmp(&b.key))
    });
    let rising: Vec<SkillChange> = changes
        .iter()
        .filter(|c| c.change_points > 0.0 && c.current_count >= min_count)
        .take(size)
        .map(clone_change)
        .collect();
    let falling: Vec<SkillChange> = changes
        .iter()
        .rev()
        .filter(|c| c.change_points < 0.0 && c.previous_count >= min_count)
        .take(size)
        .map(clone_change)
        .collect();
    Ok(Json(SkillTrendsResponse {
        meta: Meta::of(&state),
        current: Period {
            from,
            to,
            offers: current.0,
        },
        previous: Period {
            from: previous_from,
            to: previous_to,
            offers: previous.0,
        },
        rising,
        falling,
    }))
}

fn clone_change(c: &SkillChange) -> SkillChange {
    SkillChange {
        key: c.key.clone(),
        label: c.label.clone(),
        ..*c
    }
}

/// Offers of `filter`, and how many ask for each skill.
async fn skill_counts(
    state: &AppState,
    filter: OfferFilter,
) -> Result<(u64, HashMap<String, u64>), ApiError> {
    let mut q = count_query(filter);
    q.aggregations.insert(
        "s".into(),
        Aggregation::Terms {
            field: KeywordField::Skills,
            size: ALL_SKILLS,
        },
    );
    let result = state.query(&q).await?;
    let counts = match result.aggregations.get("s") {
        Some(AggregationResult::Terms { buckets, .. }) => {
            buckets.iter().map(|b| (b.key.clone(), b.count)).collect()
        }
        _ => HashMap::new(),
    };
    Ok((result.total, counts))
}

/// A skill asked together with another.
#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct RelatedSkill {
    pub key: String,
    pub label: Option<String>,
    /// Offers asking for both.
    pub count: u64,
    /// Share of the offers asking for the chosen skill that also ask for this one.
    pub share: f64,
    /// `share` over this skill's share of all matching offers: above 1, the two go together
    /// more often than chance.
    pub lift: Option<f64>,
}

#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct CooccurrenceResponse {
    pub meta: Meta,
    pub skill: String,
    pub label: Option<String>,
    /// Offers matching the filters.
    pub offers: u64,
    /// Of those, offers asking for the skill.
    pub offers_with_skill: u64,
    pub related: Vec<RelatedSkill>,
}

/// The skills asked together with a skill.
#[utoipa::path(
    get,
    path = "/api/v1/skills/{skill}/cooccurrence",
    tag = "skills",
    params(
        ("skill" = String, Path, description = "A skill key or name, e.g. `python`"),
        crate::openapi::Filters,
        crate::openapi::CooccurrenceParams,
    ),
    responses(
        (status = 200, description = "Skills asked with it", body = CooccurrenceResponse),
        (status = 400, description = "Invalid parameter", body = ErrorBody),
        (status = 404, description = "No such skill", body = ErrorBody),
        (status = 503, description = "Store unavailable", body = ErrorBody),
    )
)]
pub async fn cooccurrence(
    State(state): State<AppState>,
    skill: Result<Path<String>, axum::extract::rejection::PathRejection>,
    RawQuery(raw): RawQuery,
) -> Result<Json<CooccurrenceResponse>, ApiError> {
    let name = skill.map(|Path(s)| s).unwrap_or_default();
    let skill = jobmarket_enrich::skills::taxonomy()
        .resolve(&name)
        .ok_or_else(|| {
            ApiError::not_found(format!(
                "no skill `{}` (see /api/v1/vocabularies)",
                name.chars().take(60).collect::<String>()
            ))
        })?;
    let mut p = Params::parse(raw.as_deref());
    let filter = p.filter()?;
    let size = p.int(&COOCCURRENCE[0])? as usize;
    p.finish()?;
    let mut with = count_query(filter.clone());
    if !with.filter.skills.iter().any(|s| s == skill) {
        with.filter.skills.push(skill.to_string());
    }
    with.aggregations.insert(
        "with".into(),
        Aggregation::SkillCooccurrence {
            skill: skill.to_string(),
            size,
        },
    );
    let (with, all) = tokio::try_join!(state.query(&with), skill_counts(&state, filter))?;
    let related = match with.aggregations.get("with") {
        Some(AggregationResult::Terms { buckets, .. }) => buckets
            .iter()
            .map(|b| {
                let share = ratio(b.count, with.total).unwrap_or(0.0);
                let base = ratio(all.1.get(&b.key).copied().unwrap_or(0), all.0);
                RelatedSkill {
                    label: Dimension::Skill.label(&b.key),
                    key: b.key.clone(),
                    count: b.count,
                    share,
                    lift: base.filter(|b| *b > 0.0).map(|b| share / b),
                }
            })
            .collect(),
        _ => Vec::new(),
    };
    Ok(Json(CooccurrenceResponse {
        meta: Meta::of(&state),
        label: Dimension::Skill.label(skill),
        skill: skill.to_string(),
        offers: all.0,
        offers_with_skill: with.total,
        related,
    }))
}

/// A skill characteristic of a role.
#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct CharacteristicSkill {
    pub key: String,
    pub label: Option<String>,
    /// Offers of the role asking for it.
    pub count: u64,
    /// Share of the role's offers asking for it.
    pub share: f64,
    /// `share` over the skill's share of all matching offers.
    pub lift: f64,
}

#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct RoleSkills {
    pub role: String,
    pub label: Option<String>,
    pub offers: u64,
    /// Most asked skills of the role.
    pub top: Vec<Count>,
    /// Skills asked far more for this role than for the others (highest lift first).
    pub characteristic: Vec<CharacteristicSkill>,
}

#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct SkillsByRoleResponse {
    pub meta: Meta,
    pub offers: u64,
    /// Roles, largest first.
    pub roles: Vec<RoleSkills>,
}

/// For each role: its most asked skills and its most characteristic ones.
#[utoipa::path(
    get,
    path = "/api/v1/skills/by-role",
    tag = "skills",
    params(crate::openapi::Filters, crate::openapi::ByRoleParams),
    responses(
        (status = 200, description = "Skills per role", body = SkillsByRoleResponse),
        (status = 400, description = "Invalid parameter", body = ErrorBody),
        (status = 503, description = "Store unavailable", body = ErrorBody),
    )
)]
pub async fn skills_by_role(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<SkillsByRoleResponse>, ApiError> {
    let mut p = Params::parse(raw.as_deref());
    let filter = p.filter()?;
    let size = p.int(&BY_ROLE[0])? as usize;
    let min_count = p.int(&BY_ROLE[1])? as u64;
    p.finish()?;
    let mut q = count_query(filter.clone());
    q.aggregations.insert(
        "by".into(),
        Aggregation::TermsBy {
            field: KeywordField::Role,
            size: 100,
            sub_field: KeywordField::Skills,
            sub_size: ALL_SKILLS,
        },
    );
    let (by, all) = tokio::try_join!(state.query(&q), skill_counts(&state, filter))?;
    let roles = match by.aggregations.get("by") {
        Some(AggregationResult::TermsBy { buckets }) => buckets
            .iter()
            .map(|role| {
                let top = role
                    .sub
                    .iter()
                    .take(size)
                    .map(|s| Count::new(Dimension::Skill, s.key.clone(), s.count, role.count))
                    .collect();
                let mut characteristic: Vec<CharacteristicSkill> = role
                    .sub
                    .iter()
                    .filter(|s| s.count >= min_count)
                    .filter_map(|s| {
                        let share = ratio(s.count, role.count)?;
                        let base = ratio(*all.1.get(&s.key)?, all.0)?;
                        Some(CharacteristicSkill {
                            key: s.key.clone(),
                            label: Dimension::Skill.label(&s.key),
                            count: s.count,
                            share,
                            lift: share / base,
                        })
                    })
                    .collect();
                characteristic
                    .sort_by(|a, b| b.lift.total_cmp(&a.lift).then_with(|| a.key.cmp(&b.key)));
                characteristic.truncate(size);
                RoleSkills {
                    label: Dimension::Role.label(&role.key),
                    role: role.key.clone(),
                    offers: role.count,
                    top,
                    characteristic,
                }
            })
            .collect(),
        _ => Vec::new(),
    };
    Ok(Json(SkillsByRoleResponse {
        meta: Meta::of(&state),
        offers: by.total,
        roles,
    }))
}
