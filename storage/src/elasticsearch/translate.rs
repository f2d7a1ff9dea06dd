//! Our types to Elasticsearch JSON and back: the index template, documents (the stored offer
//! plus the derived `_jm` fields), bulk bodies, the search body of an [`AnalyticsQuery`], the
//! parsing of its answer, and export pages. Pure functions: no I/O, so the request bodies can
//! be pinned by snapshots.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde::Deserialize;
use serde_json::{Map, Value, json};

use crate::analysis::analyze;
use crate::fields;
use crate::query::{
    Aggregation, AggregationResult, AnalyticsQuery, Interval, KeywordField, LifeBucket,
    OfferFilter, QueryResult, SalaryGroup, Sort, TermBucket, TermsByBucket, continuous,
    order_terms, percentiles, salary_bands,
};
use crate::{StoreError, StoredOffer};

/// The object holding the derived fields, beside the offer's own JSON.
pub const DERIVED: &str = "_jm";

/// Terms are fetched this deep, then ordered and cut by [`order_terms`] so that ties at the
/// cut are broken by key as on every engine (the index has one shard: counts are exact).
pub const TERMS_FETCH_SIZE: usize = 10_000;

/// Salary groups per page of the composite aggregation, and distinct salaries fetched per
/// group for exact percentiles: a page holds at most 50 × 1 001 buckets, under the 65 536 a
/// search may return (`search.max_buckets`).
pub const GROUPS_PAGE: usize = 50;
pub const GROUP_VALUES: usize = 1_000;

/// Buckets a terms-by aggregation may put in one answer (`size × (sub_size + 1)`); above, the
/// sub-counts are fetched in further searches, a chunk of keys at a time.
pub const TERMS_BY_BUCKETS: usize = 40_000;

/// The index template (settings) and mappings, as Kibana users read them.
const TEMPLATE: &str = include_str!("../../elasticsearch/index-template.json");
const MAPPINGS: &str = include_str!("../../elasticsearch/offers-mappings.json");

/// A derived field's full name.
fn f(name: &str) -> String {
    format!("{DERIVED}.{name}")
}

/// The mappings of the offers' indices.
pub fn mappings() -> Value {
    serde_json::from_str(MAPPINGS).expect("offers-mappings.json is valid json")
}

/// The version of the values an index holds (`_meta.mapping_version` of its mappings): it
/// changes when the mapping or a derived value does (2: days are Europe/Paris days), and an
/// index of an older version must be rebuilt.
pub fn mapping_version(mappings: &Value) -> Option<u64> {
    mappings.pointer("/_meta/mapping_version")?.as_u64()
}

/// The mappings sent to an existing index: new fields only, its `_meta` (its version) left as
/// it is, since its documents keep the values they were derived with.
pub fn mappings_update() -> Value {
    let mut update = mappings();
    update
        .as_object_mut()
        .expect("mappings are an object")
        .remove("_meta");
    update
}

/// The path of the document of offer `id` in `index` (the id percent-encoded: offer ids may
/// hold `/`, `?`, `#`, spaces…).
pub fn doc_path(index: &str, id: &str) -> String {
    let mut path = format!("/{index}/_doc/");
    for byte in id.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~:".contains(&byte) {
            path.push(byte as char);
        } else {
            path.push_str(&format!("%{byte:02X}"));
        }
    }
    path
}

/// The answer of `GET <index>/_doc/<id>`.
#[derive(Debug, Deserialize)]
pub struct GetResponse {
    pub found: bool,
    #[serde(rename = "_source", default)]
    pub source: Value,
}

/// The body of `PUT _index_template/<prefix>-offers`: the template file with its pattern set
/// for `index_prefix` and the mappings file inside.
pub fn index_template(index_prefix: &str) -> Value {
    let mut template: Value =
        serde_json::from_str(TEMPLATE).expect("index-template.json is valid json");
    template["index_patterns"] = json!([format!("{index_prefix}-offers-v*")]);
    template["template"]["mappings"] = mappings();
    template
}

fn timestamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The document of an offer: its JSON as stored, plus the derived fields under [`DERIVED`].
pub fn document(stored: &StoredOffer) -> Value {
    let mut doc = serde_json::to_value(stored).expect("stored offers serialise");
    let o = &stored.offer;
    let mut jm = Map::new();
    jm.insert("id".into(), json!(o.id.as_str()));
    for field in KeywordField::ALL {
        let mut values = fields::keywords(stored, field);
        match (field, values.len()) {
            (_, 0) => {}
            (KeywordField::Skills, _) | (_, 2..) => {
                values.sort();
                values.dedup();
                jm.insert(field.name().into(), json!(values));
            }
            (_, _) => {
                jm.insert(field.name().into(), json!(values.remove(0)));
            }
        }
    }
    jm.insert("posted_at".into(), json!(timestamp(fields::posted_at(o))));
    jm.insert("posted_day".into(), json!(day(fields::posted_day(o))));
    if let Some(salary) = fields::salary_mid_eur(o) {
        jm.insert("salary_mid_eur".into(), json!(salary));
    }
    let (first_seen, last_seen) = fields::seen_days(o);
    jm.insert("first_seen_at".into(), json!(timestamp(o.first_seen_at)));
    jm.insert("first_seen_day".into(), json!(day(first_seen)));
    jm.insert("last_seen_at".into(), json!(timestamp(o.last_seen_at)));
    jm.insert("last_seen_day".into(), json!(day(last_seen)));
    jm.insert("active".into(), json!(stored.active));
    let (title, body) = fields::search_tokens(o);
    jm.insert("search_title".into(), json!(title.join(" ")));
    jm.insert("search_body".into(), json!(body.join(" ")));
    doc.as_object_mut()
        .expect("a stored offer is a json object")
        .insert(DERIVED.into(), Value::Object(jm));
    doc
}

/// The stored offer of a hit's `_source`, without the derived fields.
pub fn stored_offer(mut source: Value) -> Result<StoredOffer, StoreError> {
    if let Some(object) = source.as_object_mut() {
        object.remove(DERIVED);
    }
    serde_json::from_value(source)
        .map_err(|e| StoreError::Engine(format!("stored offer unreadable: {e}")))
}

/// One `_bulk` action: its two NDJSON lines (one for a delete).
#[derive(Debug, Clone)]
pub struct BulkAction {
    pub lines: String,
}

/// The index action of an offer (`_id` = offer id).
pub fn index_action(stored: &StoredOffer) -> BulkAction {
    let id = stored.offer.id.as_str();
    let lines = format!("{}\n{}\n", json!({"index": {"_id": id}}), document(stored));
    BulkAction { lines }
}

/// The delete action of an id.
pub fn delete_action(id: &str) -> BulkAction {
    BulkAction {
        lines: format!("{}\n", json!({"delete": {"_id": id}})),
    }
}

/// The actions in batches of at most `max_docs` actions and about `max_bytes` bytes.
pub fn batches(actions: &[BulkAction], max_docs: usize, max_bytes: usize) -> Vec<&[BulkAction]> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, action) in actions.iter().enumerate() {
        if i > start && (i - start >= max_docs || bytes + action.lines.len() > max_bytes) {
            out.push(&actions[start..i]);
            (start, bytes) = (i, 0);
        }
        bytes += action.lines.len();
    }
    if start < actions.len() {
        out.push(&actions[start..]);
    }
    out
}

/// The bool query of a filter (`match_all` when it filters nothing).
pub fn filter_query(filter: &OfferFilter) -> Value {
    let mut filters: Vec<Value> = Vec::new();
    let mut any_of = |field: KeywordField, values: Vec<String>| {
        if !values.is_empty() {
            filters.push(json!({"terms": {f(field.name()): values}}));
        }
    };
    any_of(KeywordField::Role, filter.roles.clone());
    any_of(KeywordField::Seniority, keys(&filter.seniorities));
    any_of(KeywordField::Department, filter.departments.clone());
    any_of(KeywordField::Region, filter.regions.clone());
    any_of(KeywordField::ContractType, keys(&filter.contract_types));
    any_of(KeywordField::Remote, keys(&filter.remote));
    any_of(KeywordField::Company, filter.companies.clone());
    any_of(KeywordField::Source, filter.sources.clone());
    for skill in &filter.skills {
        filters.push(json!({"term": {f("skills"): skill}}));
    }
    if filter.published_from.is_some() || filter.published_to.is_some() {
        let mut range = Map::new();
        if let Some(from) = filter.published_from {
            range.insert("gte".into(), json!(timestamp(from)));
        }
        if let Some(to) = filter.published_to {
            range.insert("lt".into(), json!(timestamp(to)));
        }
        filters.push(json!({"range": {f("posted_at"): range}}));
    }
    let salary = json!({"exists": {"field": f("salary_mid_eur")}});
    match filter.salary_known {
        Some(true) => filters.push(salary),
        Some(false) => filters.push(json!({"bool": {"must_not": [salary]}})),
        None => {}
    }
    if let Some(active) = filter.active {
        filters.push(json!({"term": {f("active"): active}}));
    }
    // every analysed word in the title (boosted) or the body
    let must: Vec<Value> = filter
        .text
        .as_deref()
        .map(analyze)
        .unwrap_or_default()
        .into_iter()
        .map(|token| {
            json!({"multi_match": {
                "query": token,
                "fields": [format!("{}^3", f("search_title")), f("search_body")],
            }})
        })
        .collect();
    if filters.is_empty() && must.is_empty() {
        return json!({"match_all": {}});
    }
    let mut bool = Map::new();
    if !filters.is_empty() {
        bool.insert("filter".into(), Value::Array(filters));
    }
    if !must.is_empty() {
        bool.insert("must".into(), Value::Array(must));
    }
    json!({ "bool": bool })
}

/// The schema keys of enum values.
fn keys<T: serde::Serialize>(values: &[T]) -> Vec<String> {
    values.iter().map(fields::key).collect()
}

/// Whether a filter has words to score by.
fn has_text(filter: &OfferFilter) -> bool {
    filter
        .text
        .as_deref()
        .is_some_and(|t| !analyze(t).is_empty())
}

/// The sort of a page of hits; ties by id.
fn sort(query: &AnalyticsQuery) -> Value {
    let id = json!({ f("id"): "asc" });
    match query.sort {
        Sort::Relevance if has_text(&query.filter) => json!([{"_score": "desc"}, id]),
        Sort::Relevance | Sort::Newest => json!([{ f("posted_at"): "desc" }, id]),
        Sort::SalaryDesc => {
            json!([{ f("salary_mid_eur"): {"order": "desc", "missing": "_last"} }, id])
        }
    }
}

/// The name of the `i`-th aggregation in the request (user names never reach the server).
fn agg_name(i: usize, part: &str) -> String {
    format!("a{i}_{part}")
}

fn terms_agg(field: &str, exclude: Option<&str>) -> Value {
    let mut terms = json!({
        "field": f(field),
        "size": TERMS_FETCH_SIZE,
        "order": [{"_count": "desc"}, {"_key": "asc"}],
    });
    if let Some(value) = exclude {
        terms["exclude"] = json!([value]);
    }
    json!({ "terms": terms })
}

/// A terms aggregation returning exactly the top `size` buckets in the order of
/// [`order_terms`]: the index has one shard, so counts are exact and the server breaks ties
/// at the cut by key.
fn top_terms_agg(field: KeywordField, size: usize) -> Value {
    json!({"terms": {
        "field": f(field.name()),
        "size": size,
        "order": [{"_count": "desc"}, {"_key": "asc"}],
    }})
}

/// Whether a terms-by aggregation's sub-counts fit in the main search's answer.
fn terms_by_fits(size: usize, sub_size: usize) -> bool {
    size.saturating_mul(sub_size + 1) <= TERMS_BY_BUCKETS
}

fn days_agg(field: &str) -> Value {
    json!({"date_histogram": {"field": f(field), "calendar_interval": "day", "min_doc_count": 1}})
}

/// The `_search` body of a query: the filter, the page and the aggregations. Time series
/// are counted per day and grouped into weeks and months here, so that both engines share
/// the bucket rules of [`Interval`].
pub fn search_body(query: &AnalyticsQuery) -> Value {
    let mut aggs = Map::new();
    for (i, agg) in query.aggregations.values().enumerate() {
        match agg {
            Aggregation::Terms { field, .. } => {
                aggs.insert(agg_name(i, "terms"), terms_agg(field.name(), None));
                aggs.insert(
                    agg_name(i, "missing"),
                    json!({"missing": {"field": f(field.name())}}),
                );
            }
            Aggregation::OverTime { .. } => {
                aggs.insert(agg_name(i, "days"), days_agg("posted_day"));
            }
            Aggregation::SalaryPercentiles { percents } => {
                // the distinct salaries and their counts give exact percentiles; the engine's
                // estimate is used only when there are too many of them
                let field = f("salary_mid_eur");
                aggs.insert(
                    agg_name(i, "values"),
                    json!({"terms": {"field": field, "size": TERMS_FETCH_SIZE}}),
                );
                aggs.insert(
                    agg_name(i, "percentiles"),
                    json!({"percentiles": {"field": field, "percents": percents, "keyed": false}}),
                );
                aggs.insert(
                    agg_name(i, "count"),
                    json!({"value_count": {"field": field}}),
                );
            }
            Aggregation::SalaryHistogram { interval_eur } => {
                aggs.insert(
                    agg_name(i, "histogram"),
                    json!({"histogram": {
                        "field": f("salary_mid_eur"),
                        "interval": interval_eur,
                        "min_doc_count": 1,
                    }}),
                );
            }
            Aggregation::SkillCooccurrence { skill, .. } => {
                aggs.insert(
                    agg_name(i, "with"),
                    json!({
                        "filter": {"term": {f("skills"): skill}},
                        "aggs": {"skills": terms_agg("skills", Some(skill))},
                    }),
                );
            }
            // searched apart, a page of groups at a time (salary_groups_body)
            Aggregation::SalaryPercentilesBy { .. } => {}
            Aggregation::TermsBy {
                field,
                size,
                sub_field,
                sub_size,
            } => {
                let mut terms = top_terms_agg(*field, *size);
                if terms_by_fits(*size, *sub_size) {
                    terms["aggs"] = json!({"sub": top_terms_agg(*sub_field, *sub_size)});
                }
                aggs.insert(agg_name(i, "terms_by"), terms);
            }
            Aggregation::NewVsActive { .. } => {
                aggs.insert(agg_name(i, "first_days"), days_agg("first_seen_day"));
                aggs.insert(
                    agg_name(i, "last_day"),
                    json!({"max": {"field": f("last_seen_day")}}),
                );
            }
        }
    }
    let mut body = json!({
        "size": query.size,
        "from": query.from,
        "track_total_hits": true,
        "query": filter_query(&query.filter),
    });
    if query.size > 0 {
        body["sort"] = sort(query);
        body["_source"] = json!({"excludes": [DERIVED]});
    } else {
        body["_source"] = json!(false);
    }
    if !aggs.is_empty() {
        body["aggs"] = Value::Object(aggs);
    }
    body
}

/// The `_search` body of one page of [`Aggregation::SalaryPercentilesBy`]: the matching offers
/// stating a salary, grouped by a composite aggregation over `fields` (an offer without a value
/// for one of them is in no group; a multi-valued field puts it in each of its values), with
/// each group's distinct salaries and counts (exact percentiles) and the engine's estimate for
/// groups with more than [`GROUP_VALUES`] distinct salaries. `after` is the previous page's
/// `after_key`.
pub fn salary_groups_body(
    filter: &OfferFilter,
    fields: &[KeywordField],
    percents: &[f64],
    after: Option<&Value>,
) -> Value {
    let salary = f("salary_mid_eur");
    let sources: Vec<Value> = fields
        .iter()
        .enumerate()
        .map(|(i, field)| json!({ format!("k{i}"): {"terms": {"field": f(field.name())}} }))
        .collect();
    let mut composite = json!({"size": GROUPS_PAGE, "sources": sources});
    if let Some(after) = after {
        composite["after"] = after.clone();
    }
    json!({
        "size": 0,
        "track_total_hits": false,
        "_source": false,
        "query": {"bool": {"filter": [filter_query(filter), {"exists": {"field": salary}}]}},
        "aggs": {"groups": {
            "composite": composite,
            "aggs": {
                "values": {"terms": {"field": salary, "size": GROUP_VALUES}},
                "percentiles": {"percentiles": {"field": salary, "percents": percents, "keyed": false}},
            },
        }},
    })
}

/// A terms-by aggregation whose sub-counts did not fit in the main search: its buckets are in
/// the result, their sub-counts are fetched a chunk of keys at a time ([`terms_by_chunk_body`]).
#[derive(Debug, Clone, PartialEq)]
pub struct TermsByRequest {
    pub index: usize,
    pub field: KeywordField,
    pub sub_field: KeywordField,
    pub sub_size: usize,
    pub keys: Vec<String>,
}

impl TermsByRequest {
    /// The keys, in chunks whose sub-counts fit in one answer.
    pub fn chunks(&self) -> std::slice::Chunks<'_, String> {
        self.keys
            .chunks((TERMS_BY_BUCKETS / (self.sub_size + 1)).max(1))
    }
}

/// The `_search` body of the sub-counts of some keys of a terms-by aggregation.
pub fn terms_by_chunk_body(
    filter: &OfferFilter,
    request: &TermsByRequest,
    keys: &[String],
) -> Value {
    let mut terms = top_terms_agg(request.field, keys.len());
    terms["terms"]["include"] = json!(keys);
    terms["aggs"] = json!({"sub": top_terms_agg(request.sub_field, request.sub_size)});
    json!({
        "size": 0,
        "track_total_hits": false,
        "_source": false,
        "query": filter_query(filter),
        "aggs": {"chunk": terms},
    })
}

/// The buckets of a new-vs-live aggregation whose live counts a second search must fetch:
/// `(aggregation index, interval, bucket starts)`.
#[derive(Debug, Clone, PartialEq)]
pub struct LifeRequest {
    pub index: usize,
    pub interval: Interval,
    pub new: BTreeMap<NaiveDate, u64>,
    pub starts: Vec<NaiveDate>,
}

/// The `_search` body counting, for each bucket, the offers live during it (first seen before
/// its end, last seen on or after its start).
pub fn life_body(filter: &OfferFilter, requests: &[LifeRequest]) -> Value {
    let mut aggs = Map::new();
    for request in requests {
        let filters: Map<String, Value> = request
            .starts
            .iter()
            .map(|&start| {
                let end = request.interval.next(start);
                let live = json!({"bool": {"filter": [
                    {"range": {f("first_seen_day"): {"lt": day(end)}}},
                    {"range": {f("last_seen_day"): {"gte": day(start)}}},
                ]}});
                (day(start), live)
            })
            .collect();
        aggs.insert(
            agg_name(request.index, "live"),
            json!({"filters": {"filters": filters}}),
        );
    }
    json!({
        "size": 0,
        "track_total_hits": false,
        "_source": false,
        "query": filter_query(filter),
        "aggs": aggs,
    })
}

// ---- answers ----

#[derive(Debug, Deserialize)]
pub struct SearchResponse {
    pub hits: Hits,
    #[serde(default)]
    pub aggregations: Map<String, Value>,
    #[serde(default)]
    pub pit_id: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct Hits {
    #[serde(default)]
    pub total: Option<Total>,
    #[serde(default)]
    pub hits: Vec<Hit>,
}

#[derive(Debug, Deserialize)]
pub struct Total {
    pub value: u64,
}

#[derive(Debug, Deserialize)]
pub struct Hit {
    #[serde(rename = "_source", default)]
    pub source: Value,
    #[serde(default)]
    pub sort: Option<Vec<Value>>,
}

fn bad(what: &str) -> StoreError {
    StoreError::Engine(format!("unexpected search answer: {what}"))
}

fn agg<'a>(aggs: &'a Map<String, Value>, name: &str) -> Result<&'a Value, StoreError> {
    aggs.get(name)
        .ok_or_else(|| bad(&format!("aggregation {name} missing")))
}

fn count_of(v: &Value) -> Result<u64, StoreError> {
    v.get("doc_count")
        .and_then(Value::as_u64)
        .ok_or_else(|| bad("bucket without doc_count"))
}

fn buckets(v: &Value) -> Result<&Vec<Value>, StoreError> {
    v.get("buckets")
        .and_then(Value::as_array)
        .ok_or_else(|| bad("aggregation without buckets"))
}

fn term_buckets(v: &Value) -> Result<Vec<TermBucket>, StoreError> {
    buckets(v)?
        .iter()
        .map(|b| {
            let key = match b.get("key") {
                Some(Value::String(s)) => s.clone(),
                Some(other) => other.to_string(),
                None => return Err(bad("terms bucket without key")),
            };
            Ok(TermBucket {
                key,
                count: count_of(b)?,
            })
        })
        .collect()
}

/// Day counts of a daily date histogram (keys are epoch milliseconds).
fn day_counts(v: &Value) -> Result<BTreeMap<NaiveDate, u64>, StoreError> {
    let mut out = BTreeMap::new();
    for b in buckets(v)? {
        let millis = b
            .get("key")
            .and_then(Value::as_f64)
            .ok_or_else(|| bad("date bucket key"))?;
        let date = DateTime::from_timestamp_millis(millis as i64)
            .ok_or_else(|| bad("date bucket key out of range"))?
            .date_naive();
        let count = count_of(b)?;
        if count > 0 {
            *out.entry(date).or_default() += count;
        }
    }
    Ok(out)
}

/// Day counts grouped into buckets of `interval`.
fn regroup(interval: Interval, days: BTreeMap<NaiveDate, u64>) -> BTreeMap<NaiveDate, u64> {
    let mut out = BTreeMap::new();
    for (d, count) in days {
        *out.entry(interval.bucket_of(d)).or_default() += count;
    }
    out
}

/// Every value counted by a terms aggregation on a number field, when it holds all `count`.
fn exact_values(v: &Value, count: u64) -> Result<Option<Vec<f64>>, StoreError> {
    let mut values = Vec::with_capacity(count as usize);
    for b in buckets(v)? {
        let key = b
            .get("key")
            .and_then(Value::as_f64)
            .ok_or_else(|| bad("salary bucket key"))?;
        values.extend(std::iter::repeat_n(key, count_of(b)? as usize));
    }
    Ok((values.len() as u64 == count).then_some(values))
}

/// Percentile values: `[{"key", "value"}]` (`keyed: false`) or `{"50.0": v}`.
fn percentile_values(
    v: &Value,
    percents: &[f64],
    count: u64,
) -> Result<Vec<(f64, Option<f64>)>, StoreError> {
    let values = v
        .get("values")
        .ok_or_else(|| bad("percentiles without values"))?;
    let pairs: Vec<(f64, Option<f64>)> = match values {
        Value::Array(items) => items
            .iter()
            .map(|i| (i["key"].as_f64().unwrap_or(f64::NAN), i["value"].as_f64()))
            .collect(),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| (k.parse().unwrap_or(f64::NAN), v.as_f64()))
            .collect(),
        _ => return Err(bad("percentiles values")),
    };
    percents
        .iter()
        .map(|&p| {
            let value = pairs
                .iter()
                .find(|(k, _)| (k - p).abs() < 1e-9)
                .map(|(_, v)| *v)
                .ok_or_else(|| bad(&format!("percentile {p} missing")))?;
            Ok((p, if count == 0 { None } else { value }))
        })
        .collect()
}

/// What further searches must fetch to complete a search's result.
#[derive(Debug, Default)]
pub struct FollowUps {
    /// The live counts of new-vs-live aggregations ([`life_body`]).
    pub life: Vec<LifeRequest>,
    /// The sub-counts of terms-by aggregations too large for one answer.
    pub terms_by: Vec<TermsByRequest>,
}

/// A terms-by aggregation's buckets (`sub` empty when it was not asked), unordered.
fn terms_by_buckets(v: &Value) -> Result<Vec<TermsByBucket>, StoreError> {
    let outer = term_buckets(v)?;
    buckets(v)?
        .iter()
        .zip(outer)
        .map(|(b, bucket)| {
            Ok(TermsByBucket {
                key: bucket.key,
                count: bucket.count,
                sub: match b.get("sub") {
                    Some(sub) => term_buckets(sub)?,
                    None => Vec::new(),
                },
            })
        })
        .collect()
}

/// Terms-by buckets in the order of [`order_terms`], each one's sub-buckets too.
fn order_terms_by(buckets: Vec<TermsByBucket>, size: usize, sub_size: usize) -> Vec<TermsByBucket> {
    let mut buckets = buckets;
    buckets.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    buckets.truncate(size);
    for bucket in &mut buckets {
        bucket.sub = order_terms(std::mem::take(&mut bucket.sub), sub_size);
    }
    buckets
}

/// The sub-counts per key from the answer to [`terms_by_chunk_body`].
pub fn parse_terms_by_chunk(
    request: &TermsByRequest,
    response: SearchResponse,
) -> Result<BTreeMap<String, Vec<TermBucket>>, StoreError> {
    let chunk = agg(&response.aggregations, "chunk")?;
    Ok(terms_by_buckets(chunk)?
        .into_iter()
        .map(|b| (b.key, order_terms(b.sub, request.sub_size)))
        .collect())
}

/// One page of salary groups from the answer to [`salary_groups_body`], and the `after` of the
/// next page (none after the last one).
pub fn parse_salary_groups(
    fields: &[KeywordField],
    percents: &[f64],
    response: SearchResponse,
) -> Result<(Vec<SalaryGroup>, Option<Value>), StoreError> {
    let groups = agg(&response.aggregations, "groups")?;
    let page = buckets(groups)?;
    let mut out = Vec::with_capacity(page.len());
    for b in page {
        let keys = (0..fields.len())
            .map(|i| match b.pointer(&format!("/key/k{i}")) {
                Some(Value::String(s)) => Ok(s.clone()),
                Some(other) => Ok(other.to_string()),
                None => Err(bad("salary group without its key")),
            })
            .collect::<Result<Vec<_>, _>>()?;
        let count = count_of(b)?;
        let values_agg = b
            .get("values")
            .ok_or_else(|| bad("salary group without values"))?;
        let values = match exact_values(values_agg, count)? {
            Some(mut values) => percentiles(&mut values, percents),
            None => {
                let estimate = b
                    .get("percentiles")
                    .ok_or_else(|| bad("salary group without percentiles"))?;
                percentile_values(estimate, percents, count)?
            }
        };
        if count > 0 {
            out.push(SalaryGroup {
                keys,
                count,
                values,
            });
        }
    }
    let after = if page.len() < GROUPS_PAGE {
        None
    } else {
        groups.get("after_key").cloned()
    };
    Ok((out, after))
}

/// The result of a search, and what further searches must fetch (new-vs-live live counts,
/// large terms-by sub-counts). Salary groups are searched apart ([`salary_groups_body`]) and
/// are not in it.
pub fn parse_search(
    query: &AnalyticsQuery,
    response: SearchResponse,
) -> Result<(QueryResult, FollowUps), StoreError> {
    let total = response
        .hits
        .total
        .map(|t| t.value)
        .ok_or_else(|| bad("no total"))?;
    let hits = response
        .hits
        .hits
        .into_iter()
        .map(|h| stored_offer(h.source))
        .collect::<Result<Vec<_>, _>>()?;
    let aggs = &response.aggregations;
    let mut results = BTreeMap::new();
    let mut follow = FollowUps::default();
    for (i, (name, aggregation)) in query.aggregations.iter().enumerate() {
        let result = match aggregation {
            Aggregation::SalaryPercentilesBy { .. } => continue,
            Aggregation::TermsBy {
                field,
                size,
                sub_field,
                sub_size,
            } => {
                let found = terms_by_buckets(agg(aggs, &agg_name(i, "terms_by"))?)?;
                let buckets = order_terms_by(found, *size, *sub_size);
                if !terms_by_fits(*size, *sub_size) && !buckets.is_empty() {
                    follow.terms_by.push(TermsByRequest {
                        index: i,
                        field: *field,
                        sub_field: *sub_field,
                        sub_size: *sub_size,
                        keys: buckets.iter().map(|b| b.key.clone()).collect(),
                    });
                }
                AggregationResult::TermsBy { buckets }
            }
            Aggregation::Terms { size, .. } => AggregationResult::Terms {
                buckets: order_terms(term_buckets(agg(aggs, &agg_name(i, "terms"))?)?, *size),
                missing: count_of(agg(aggs, &agg_name(i, "missing"))?)?,
            },
            Aggregation::OverTime { interval } => {
                let days = day_counts(agg(aggs, &agg_name(i, "days"))?)?;
                AggregationResult::OverTime {
                    buckets: continuous(*interval, &regroup(*interval, days)),
                }
            }
            Aggregation::SalaryPercentiles { percents } => {
                let count = agg(aggs, &agg_name(i, "count"))?["value"]
                    .as_u64()
                    .unwrap_or(0);
                let values = match exact_values(agg(aggs, &agg_name(i, "values"))?, count)? {
                    Some(mut values) => percentiles(&mut values, percents),
                    None => {
                        tracing::debug!(
                            count,
                            "too many distinct salaries: percentiles estimated by the engine"
                        );
                        percentile_values(agg(aggs, &agg_name(i, "percentiles"))?, percents, count)?
                    }
                };
                AggregationResult::Percentiles { values, count }
            }
            Aggregation::SalaryHistogram { interval_eur } => {
                let mut counts: BTreeMap<i64, u64> = BTreeMap::new();
                for b in buckets(agg(aggs, &agg_name(i, "histogram"))?)? {
                    let key = b
                        .get("key")
                        .and_then(Value::as_f64)
                        .ok_or_else(|| bad("histogram key"))?;
                    *counts
                        .entry((key / interval_eur).round() as i64)
                        .or_default() += count_of(b)?;
                }
                AggregationResult::SalaryHistogram {
                    buckets: salary_bands(&counts, *interval_eur),
                }
            }
            Aggregation::SkillCooccurrence { size, .. } => {
                let with = agg(aggs, &agg_name(i, "with"))?;
                let skills = with
                    .get("skills")
                    .ok_or_else(|| bad("co-occurrence without skills"))?;
                AggregationResult::Terms {
                    buckets: order_terms(term_buckets(skills)?, *size),
                    missing: 0,
                }
            }
            Aggregation::NewVsActive { interval } => {
                let new = regroup(
                    *interval,
                    day_counts(agg(aggs, &agg_name(i, "first_days"))?)?,
                );
                let last_day = agg(aggs, &agg_name(i, "last_day"))?["value"]
                    .as_f64()
                    .and_then(|ms| DateTime::from_timestamp_millis(ms as i64))
                    .map(|t| interval.bucket_of(t.date_naive()));
                let mut starts = Vec::new();
                if let (Some((&first, _)), Some(last)) = (new.first_key_value(), last_day) {
                    let last = last.max(*new.last_key_value().expect("not empty").0);
                    let mut start = first;
                    while start <= last {
                        starts.push(start);
                        start = interval.next(start);
                    }
                }
                if !starts.is_empty() {
                    follow.life.push(LifeRequest {
                        index: i,
                        interval: *interval,
                        new,
                        starts,
                    });
                }
                AggregationResult::NewVsActive {
                    buckets: Vec::new(),
                }
            }
        };
        results.insert(name.clone(), result);
    }
    Ok((
        QueryResult {
            total,
            hits,
            aggregations: results,
        },
        follow,
    ))
}

/// Fills the new-vs-live buckets from the answer to [`life_body`].
pub fn parse_life(
    query: &AnalyticsQuery,
    requests: &[LifeRequest],
    response: SearchResponse,
    result: &mut QueryResult,
) -> Result<(), StoreError> {
    let names: Vec<&String> = query.aggregations.keys().collect();
    for request in requests {
        let live = agg(&response.aggregations, &agg_name(request.index, "live"))?;
        let live = live
            .get("buckets")
            .and_then(Value::as_object)
            .ok_or_else(|| bad("filters buckets"))?;
        let buckets = request
            .starts
            .iter()
            .map(|start| {
                let bucket = live
                    .get(&day(*start))
                    .ok_or_else(|| bad("filters bucket missing"))?;
                Ok(LifeBucket {
                    start: *start,
                    new: request.new.get(start).copied().unwrap_or(0),
                    active: count_of(bucket)?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        result.aggregations.insert(
            names[request.index].clone(),
            AggregationResult::NewVsActive { buckets },
        );
    }
    Ok(())
}

/// The body of one export page under a point in time: id order, after the last hit's sort
/// values as they came back (see [`super::flavor`] for why they are passed back untouched).
pub fn export_page(
    filter: &OfferFilter,
    pit_id: &str,
    keep_alive: &str,
    size: usize,
    after: Option<&[Value]>,
) -> Value {
    let mut body = json!({
        "size": size,
        "track_total_hits": false,
        "query": filter_query(filter),
        "pit": {"id": pit_id, "keep_alive": keep_alive},
        "sort": [{ f("id"): "asc" }],
        "_source": {"excludes": [DERIVED]},
    });
    if let Some(after) = after {
        body["search_after"] = json!(after);
    }
    body
}

/// The body of `POST /_aliases` moving `alias` from `old` indices to `new` in one step.
pub fn alias_swap(alias: &str, old: &[String], new: &str) -> Value {
    let mut actions: Vec<Value> = old
        .iter()
        .map(|index| json!({"remove": {"index": index, "alias": alias}}))
        .collect();
    actions.push(json!({"add": {"index": new, "alias": alias}}));
    json!({ "actions": actions })
}

/// The version of `index` if it is one of ours (`<prefix>-offers-vN`).
pub fn version_of(index: &str, index_prefix: &str) -> Option<u32> {
    index
        .strip_prefix(&format!("{index_prefix}-offers-v"))?
        .parse()
        .ok()
}
