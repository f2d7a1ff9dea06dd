//! Aggregations and sorted pages computed from the fast-field columns of the matching
//! documents, with exactly the semantics of [`crate::query`].

use std::collections::{BTreeMap, HashMap};

use tantivy::columnar::{Cardinality, StrColumn};
use tantivy::{DocAddress, Searcher};

use super::schema::{Fields, day_of};
use super::{MatchSet, engine};
use crate::StoreError;
use crate::query::{
    Aggregation, AggregationResult, Interval, KeywordField, LifeBucket, SalaryGroup, Sort,
    TermBucket, TermsByBucket, continuous, order_groups, order_terms, percentiles, salary_bands,
};

fn str_column(
    searcher: &Searcher,
    segment: u32,
    name: &str,
) -> Result<Option<StrColumn>, StoreError> {
    searcher
        .segment_reader(segment)
        .fast_fields()
        .str(name)
        .map_err(engine)
}

/// Counts per value of a keyword field; with `only`, over the documents holding that value
/// (which is then not counted itself).
fn terms(
    searcher: &Searcher,
    matches: &MatchSet,
    field: KeywordField,
    only: Option<&str>,
) -> Result<(HashMap<String, u64>, u64), StoreError> {
    let mut counts: HashMap<String, u64> = HashMap::new();
    let mut missing = 0;
    let mut key = String::new();
    for (segment, docs) in matches {
        let Some(column) = str_column(searcher, *segment, field.name())? else {
            missing += docs.len() as u64;
            continue;
        };
        let only_ord = match only {
            Some(value) => match column.dictionary().term_ord(value).map_err(engine)? {
                Some(ord) => Some(ord),
                None => continue, // no document of this segment holds it
            },
            None => None,
        };
        let mut per_ord = vec![0u64; column.num_terms()];
        let mut ords = Vec::new();
        let mut block = BlockOrds::new(&column);
        for chunk in docs.chunks(BLOCK) {
            block.load(chunk);
            for (j, &doc) in chunk.iter().enumerate() {
                if let (None, Some(first)) = (only_ord, block.single(j)) {
                    match first {
                        Some(ord) => per_ord[ord as usize] += 1,
                        None => missing += 1,
                    }
                    continue;
                }
                block.get(j, doc, &mut ords);
                if let Some(only) = only_ord {
                    if !ords.contains(&only) {
                        continue;
                    }
                    ords.retain(|&o| o != only);
                }
                if ords.is_empty() && only_ord.is_none() {
                    missing += 1;
                }
                for &ord in &ords {
                    per_ord[ord as usize] += 1;
                }
            }
        }
        for (ord, &count) in per_ord.iter().enumerate() {
            if count > 0 {
                key.clear();
                column.ord_to_str(ord as u64, &mut key).map_err(engine)?;
                *counts.entry(key.clone()).or_default() += count;
            }
        }
    }
    Ok((counts, missing))
}

/// The values of an i64 column for the matching documents, read a block at a time.
fn each_i64(
    searcher: &Searcher,
    matches: &MatchSet,
    field: &str,
    mut f: impl FnMut(i64),
) -> Result<(), StoreError> {
    let mut block: Vec<Option<i64>> = Vec::with_capacity(BLOCK);
    for (segment, docs) in matches {
        let column = searcher
            .segment_reader(*segment)
            .fast_fields()
            .i64(field)
            .map_err(engine)?;
        for chunk in docs.chunks(BLOCK) {
            block.clear();
            block.resize(chunk.len(), None);
            column.first_vals(chunk, &mut block);
            block.iter().flatten().for_each(|v| f(*v));
        }
    }
    Ok(())
}

/// The salary midpoints of the matching documents that have one, read a block at a time.
fn salaries(searcher: &Searcher, matches: &MatchSet) -> Result<Vec<f64>, StoreError> {
    let mut out = Vec::new();
    let mut block: Vec<Option<f64>> = Vec::with_capacity(BLOCK);
    for (segment, docs) in matches {
        let column = searcher
            .segment_reader(*segment)
            .fast_fields()
            .f64("salary_mid")
            .map_err(engine)?;
        for chunk in docs.chunks(BLOCK) {
            block.clear();
            block.resize(chunk.len(), None);
            column.first_vals(chunk, &mut block);
            out.extend(block.iter().flatten());
        }
    }
    Ok(out)
}

/// Counts per bucket number: an array over the usual span of bucket numbers (days since
/// 1970 for a few years), a map for the rare numbers outside it.
#[derive(Default)]
struct BucketCounts {
    base: i64,
    dense: Vec<u64>,
    sparse: HashMap<i64, u64>,
}

impl BucketCounts {
    /// Bucket numbers counted in the array: `base..base + SPAN`.
    const SPAN: i64 = 1 << 15;

    fn add(&mut self, number: i64) {
        if self.dense.is_empty() {
            self.base = number - Self::SPAN / 2;
        }
        let i = number - self.base;
        if (0..Self::SPAN).contains(&i) {
            let i = i as usize;
            if i >= self.dense.len() {
                self.dense.resize(i + 1, 0);
            }
            self.dense[i] += 1;
        } else {
            *self.sparse.entry(number).or_default() += 1;
        }
    }

    fn into_map(self) -> HashMap<i64, u64> {
        let mut all = self.sparse;
        for (i, &count) in self.dense.iter().enumerate() {
            if count > 0 {
                *all.entry(self.base + i as i64).or_default() += count;
            }
        }
        all
    }
}

/// Runs one aggregation over the matching documents.
pub(crate) fn run(
    searcher: &Searcher,
    _fields: &Fields,
    matches: &MatchSet,
    agg: &Aggregation,
) -> Result<AggregationResult, StoreError> {
    let to_buckets = |counts: HashMap<String, u64>, size: usize| {
        order_terms(
            counts
                .into_iter()
                .map(|(key, count)| TermBucket { key, count })
                .collect(),
            size,
        )
    };
    Ok(match agg {
        Aggregation::Terms { field, size } => {
            let (counts, missing) = terms(searcher, matches, *field, None)?;
            AggregationResult::Terms {
                buckets: to_buckets(counts, *size),
                missing,
            }
        }
        Aggregation::SkillCooccurrence { skill, size } => {
            let (counts, _) = terms(searcher, matches, KeywordField::Skills, Some(skill))?;
            AggregationResult::Terms {
                buckets: to_buckets(counts, *size),
                missing: 0,
            }
        }
        Aggregation::OverTime { interval } => {
            // counts per bucket number, then the buckets from the first to the last
            let mut counts = BucketCounts::default();
            each_i64(searcher, matches, "posted_day", |day| {
                counts.add(bucket_number(*interval, day));
            })?;
            let counts: BTreeMap<chrono::NaiveDate, u64> = counts
                .into_map()
                .into_iter()
                .map(|(n, c)| (bucket_start(*interval, n), c))
                .collect();
            AggregationResult::OverTime {
                buckets: continuous(*interval, &counts),
            }
        }
        Aggregation::SalaryPercentiles { percents } => {
            let mut values = salaries(searcher, matches)?;
            let count = values.len() as u64;
            AggregationResult::Percentiles {
                values: percentiles(&mut values, percents),
                count,
            }
        }
        Aggregation::SalaryHistogram { interval_eur } => {
            let mut counts: BTreeMap<i64, u64> = BTreeMap::new();
            for v in salaries(searcher, matches)? {
                *counts.entry((v / interval_eur).floor() as i64).or_default() += 1;
            }
            AggregationResult::SalaryHistogram {
                buckets: salary_bands(&counts, *interval_eur),
            }
        }
        Aggregation::NewVsActive { interval } => new_vs_active(searcher, matches, *interval)?,
        Aggregation::SalaryPercentilesBy { fields, percents } => AggregationResult::SalaryGroups {
            groups: salary_groups(searcher, matches, fields, percents)?,
        },
        Aggregation::TermsBy {
            field,
            size,
            sub_field,
            sub_size,
        } => AggregationResult::TermsBy {
            buckets: terms_by(searcher, matches, *field, *size, *sub_field, *sub_size)?,
        },
    })
}

/// Documents read per block from a fast-field column.
const BLOCK: usize = 1_024;

/// Up to this many combinations of term ordinals (per segment), counts and values are kept
/// in arrays indexed by the combination; above, in a hash map.
const DENSE_COMBINATIONS: u128 = 1 << 16;

/// The term ordinals of `doc` in `column`, in `out`: sorted and distinct for a multi-valued
/// field, so that an offer counts once per value.
fn ords_of(column: &StrColumn, doc: u32, out: &mut Vec<u64>) {
    out.clear();
    out.extend(column.term_ords(doc));
    if out.windows(2).any(|w| w[0] >= w[1]) {
        out.sort_unstable();
        out.dedup();
    }
}

/// The term ordinals of a block of documents in a keyword column: read for the whole block
/// at once for a single-valued column, per document for a multi-valued one.
struct BlockOrds<'a> {
    column: &'a StrColumn,
    multi: bool,
    firsts: Vec<Option<u64>>,
}

impl<'a> BlockOrds<'a> {
    fn new(column: &'a StrColumn) -> Self {
        BlockOrds {
            column,
            multi: column.ords().get_cardinality() == Cardinality::Multivalued,
            firsts: Vec::with_capacity(BLOCK),
        }
    }

    /// Reads the block `docs`.
    fn load(&mut self, docs: &[u32]) {
        if !self.multi {
            self.firsts.clear();
            self.firsts.resize(docs.len(), None);
            self.column.ords().first_vals(docs, &mut self.firsts);
        }
    }

    /// The ordinal of the `j`-th document of the block, when the column is single-valued.
    fn single(&self, j: usize) -> Option<Option<u64>> {
        (!self.multi).then(|| self.firsts[j])
    }

    /// The ordinals of `doc`, the `j`-th document of the block, in `out`.
    fn get(&self, j: usize, doc: u32, out: &mut Vec<u64>) {
        if self.multi {
            ords_of(self.column, doc, out);
        } else {
            out.clear();
            out.extend(self.firsts[j]);
        }
    }
}

/// Values kept per combination of term ordinals (see [`DENSE_COMBINATIONS`]).
enum PerCombination<T> {
    Dense(Vec<T>),
    Sparse(HashMap<u128, T>),
}

impl<T: Default + Clone + 'static> PerCombination<T> {
    fn new(combinations: u128) -> Self {
        if combinations <= DENSE_COMBINATIONS {
            PerCombination::Dense(vec![T::default(); combinations as usize])
        } else {
            PerCombination::Sparse(HashMap::new())
        }
    }

    fn entry(&mut self, combination: u128) -> &mut T {
        match self {
            PerCombination::Dense(all) => &mut all[combination as usize],
            PerCombination::Sparse(map) => map.entry(combination).or_default(),
        }
    }

    /// The combinations and their values (in the dense form, also those never seen, with the
    /// default value).
    fn into_entries(self) -> Box<dyn Iterator<Item = (u128, T)>> {
        match self {
            PerCombination::Dense(all) => {
                Box::new(all.into_iter().enumerate().map(|(i, v)| (i as u128, v)))
            }
            PerCombination::Sparse(map) => Box::new(map.into_iter()),
        }
    }
}

/// The term of each ordinal of a column, read once.
struct Terms<'a> {
    column: &'a StrColumn,
    read: HashMap<u64, String>,
}

impl<'a> Terms<'a> {
    fn new(column: &'a StrColumn) -> Self {
        Terms {
            column,
            read: HashMap::new(),
        }
    }

    fn get(&mut self, ord: u64) -> Result<&str, StoreError> {
        if !self.read.contains_key(&ord) {
            let mut term = String::new();
            self.column.ord_to_str(ord, &mut term).map_err(engine)?;
            self.read.insert(ord, term);
        }
        Ok(&self.read[&ord])
    }
}

/// Salary percentiles per combination of values of `fields`, over the matching documents
/// stating a salary: one pass over the columns, the salaries of each combination of term
/// ordinals gathered per segment, then merged by terms.
fn salary_groups(
    searcher: &Searcher,
    matches: &MatchSet,
    fields: &[KeywordField],
    percents: &[f64],
) -> Result<Vec<SalaryGroup>, StoreError> {
    let mut by_keys: HashMap<Vec<String>, Vec<f64>> = HashMap::new();
    let mut ords: Vec<Vec<u64>> = vec![Vec::new(); fields.len()];
    let mut at = vec![0usize; fields.len()];
    let (mut paid, mut paid_values) = (Vec::with_capacity(BLOCK), Vec::with_capacity(BLOCK));
    'segments: for (segment, docs) in matches {
        let salary = searcher
            .segment_reader(*segment)
            .fast_fields()
            .f64("salary_mid")
            .map_err(engine)?;
        let mut columns = Vec::with_capacity(fields.len());
        for field in fields {
            match str_column(searcher, *segment, field.name())? {
                Some(column) => columns.push(column),
                None => continue 'segments, // no document of this segment has a value
            }
        }
        // a combination of ordinals as one number, in mixed radix
        let radix: Vec<u128> = columns.iter().map(|c| c.num_terms() as u128).collect();
        let combinations = radix.iter().fold(1u128, |a, &r| a.saturating_mul(r));
        let mut values: PerCombination<Vec<f64>> = PerCombination::new(combinations);
        let mut blocks: Vec<BlockOrds> = columns.iter().map(BlockOrds::new).collect();
        let all_single = blocks.iter().all(|b| !b.multi);
        for block in docs.chunks(BLOCK) {
            // the documents stating a salary, then their values of each field
            paid.clear();
            paid_values.clear();
            for &doc in block {
                if let Some(value) = salary.first(doc) {
                    paid.push(doc);
                    paid_values.push(value);
                }
            }
            for b in &mut blocks {
                b.load(&paid);
            }
            'docs: for (j, (&doc, &value)) in paid.iter().zip(&paid_values).enumerate() {
                if all_single {
                    // one combination at most: no lists of ordinals
                    let mut combination = 0u128;
                    for (b, &r) in blocks.iter().zip(&radix) {
                        match b.single(j).flatten() {
                            Some(ord) => combination = combination * r + u128::from(ord),
                            None => continue 'docs,
                        }
                    }
                    values.entry(combination).push(value);
                    continue;
                }
                for (b, ords) in blocks.iter().zip(ords.iter_mut()) {
                    b.get(j, doc, ords);
                    if ords.is_empty() {
                        continue 'docs;
                    }
                }
                // every combination of the document's values
                at.fill(0);
                loop {
                    let combination = ords
                        .iter()
                        .zip(&at)
                        .zip(&radix)
                        .fold(0u128, |n, ((o, &i), &r)| n * r + u128::from(o[i]));
                    values.entry(combination).push(value);
                    let mut i = ords.len();
                    loop {
                        if i == 0 {
                            continue 'docs;
                        }
                        i -= 1;
                        at[i] += 1;
                        if at[i] < ords[i].len() {
                            break;
                        }
                        at[i] = 0;
                    }
                }
            }
        }
        let mut terms: Vec<Terms> = columns.iter().map(Terms::new).collect();
        for (mut combination, group) in values.into_entries() {
            if group.is_empty() {
                continue;
            }
            let mut keys = vec![String::new(); fields.len()];
            for i in (0..fields.len()).rev() {
                keys[i] = terms[i].get((combination % radix[i]) as u64)?.to_string();
                combination /= radix[i];
            }
            by_keys.entry(keys).or_default().extend(group);
        }
    }
    Ok(order_groups(
        by_keys
            .into_iter()
            .map(|(keys, mut values)| SalaryGroup {
                keys,
                count: values.len() as u64,
                values: percentiles(&mut values, percents),
            })
            .collect(),
    ))
}

/// The top `size` values of `field`, each with the top `sub_size` values of `sub_field` among
/// its documents: one pass counting values and pairs of values.
fn terms_by(
    searcher: &Searcher,
    matches: &MatchSet,
    field: KeywordField,
    size: usize,
    sub_field: KeywordField,
    sub_size: usize,
) -> Result<Vec<TermsByBucket>, StoreError> {
    let mut counts: HashMap<String, u64> = HashMap::new();
    let mut sub_counts: HashMap<String, HashMap<String, u64>> = HashMap::new();
    let (mut ords, mut sub_ords) = (Vec::new(), Vec::new());
    for (segment, docs) in matches {
        let Some(column) = str_column(searcher, *segment, field.name())? else {
            continue;
        };
        let sub_column = str_column(searcher, *segment, sub_field.name())?;
        let width = sub_column.as_ref().map_or(0, |c| c.num_terms()) as u128;
        let mut per_ord = vec![0u64; column.num_terms()];
        let mut pairs: PerCombination<u64> =
            PerCombination::new((column.num_terms() as u128).saturating_mul(width));
        let mut outer = BlockOrds::new(&column);
        let mut inner = sub_column.as_ref().map(BlockOrds::new);
        for block in docs.chunks(BLOCK) {
            outer.load(block);
            if let Some(inner) = &mut inner {
                inner.load(block);
            }
            for (j, &doc) in block.iter().enumerate() {
                outer.get(j, doc, &mut ords);
                if ords.is_empty() {
                    continue;
                }
                match &inner {
                    Some(inner) => inner.get(j, doc, &mut sub_ords),
                    None => sub_ords.clear(),
                }
                for &ord in &ords {
                    per_ord[ord as usize] += 1;
                    for &sub in &sub_ords {
                        *pairs.entry(u128::from(ord) * width + u128::from(sub)) += 1;
                    }
                }
            }
        }
        let mut terms = Terms::new(&column);
        for (ord, &count) in per_ord.iter().enumerate() {
            if count > 0 {
                *counts
                    .entry(terms.get(ord as u64)?.to_string())
                    .or_default() += count;
            }
        }
        if let Some(sub) = &sub_column {
            let mut sub_terms = Terms::new(sub);
            for (pair, count) in pairs.into_entries() {
                if count == 0 {
                    continue;
                }
                let key = terms.get((pair / width) as u64)?;
                let sub_key = sub_terms.get((pair % width) as u64)?;
                *sub_counts
                    .entry(key.to_string())
                    .or_default()
                    .entry(sub_key.to_string())
                    .or_default() += count;
            }
        }
    }
    let top = order_terms(
        counts
            .into_iter()
            .map(|(key, count)| TermBucket { key, count })
            .collect(),
        size,
    );
    Ok(top
        .into_iter()
        .map(|bucket| {
            let sub = sub_counts
                .remove(&bucket.key)
                .unwrap_or_default()
                .into_iter()
                .map(|(key, count)| TermBucket { key, count })
                .collect();
            TermsByBucket {
                sub: order_terms(sub, sub_size),
                key: bucket.key,
                count: bucket.count,
            }
        })
        .collect())
}

/// The number of the bucket holding day `day` (days since 1970-01-01): consecutive buckets
/// have consecutive numbers, so counts go in plain arrays.
fn bucket_number(interval: Interval, day: i64) -> i64 {
    match interval {
        Interval::Day => day,
        // 1970-01-01 was a Thursday: weeks start on Mondays
        Interval::Week => (day + 3).div_euclid(7),
        Interval::Month => month_number(day),
    }
}

/// `year * 12 + month0` of day `day` (days since 1970-01-01), in integer arithmetic (Howard
/// Hinnant's `civil_from_days`): a date conversion per offer would cost more than the count.
fn month_number(day: i64) -> i64 {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    year * 12 + month - 1
}

/// The first day of bucket `number`.
fn bucket_start(interval: Interval, number: i64) -> chrono::NaiveDate {
    match interval {
        Interval::Day => day_of(number),
        Interval::Week => day_of(number * 7 - 3),
        Interval::Month => chrono::NaiveDate::from_ymd_opt(
            number.div_euclid(12) as i32,
            number.rem_euclid(12) as u32 + 1,
            1,
        )
        .expect("a valid month"),
    }
}

fn new_vs_active(
    searcher: &Searcher,
    matches: &MatchSet,
    interval: Interval,
) -> Result<AggregationResult, StoreError> {
    // (first bucket, last bucket) of each offer's life
    let mut spans: Vec<(i64, i64)> = Vec::new();
    for (segment, docs) in matches {
        let ff = searcher.segment_reader(*segment).fast_fields();
        let first = ff.i64("first_seen_day").map_err(engine)?;
        let last = ff.i64("last_seen_day").map_err(engine)?;
        for &doc in docs {
            let (Some(f), Some(l)) = (first.first(doc), last.first(doc)) else {
                continue;
            };
            spans.push((
                bucket_number(interval, f),
                bucket_number(interval, l.max(f)),
            ));
        }
    }
    let (Some(lo), Some(hi)) = (
        spans.iter().map(|s| s.0).min(),
        spans.iter().map(|s| s.1).max(),
    ) else {
        return Ok(AggregationResult::NewVsActive {
            buckets: Vec::new(),
        });
    };
    let width = (hi - lo + 1) as usize;
    let mut new = vec![0u64; width];
    // live offers per bucket, as differences: +1 where a life starts, -1 after it ends
    let mut change = vec![0i64; width + 1];
    for &(f, l) in &spans {
        new[(f - lo) as usize] += 1;
        change[(f - lo) as usize] += 1;
        change[(l - lo) as usize + 1] -= 1;
    }
    let mut live = 0i64;
    let buckets = (0..width)
        .map(|i| {
            live += change[i];
            LifeBucket {
                start: bucket_start(interval, lo + i as i64),
                new: new[i],
                active: live as u64,
            }
        })
        .collect();
    Ok(AggregationResult::NewVsActive { buckets })
}

/// The id of every matching document.
fn ids(searcher: &Searcher, matches: &MatchSet) -> Result<Vec<(String, DocAddress)>, StoreError> {
    let mut out = Vec::with_capacity(matches.iter().map(|(_, d)| d.len()).sum());
    for (segment, docs) in matches {
        let column = str_column(searcher, *segment, "id")?.ok_or_else(|| engine("no id column"))?;
        for &doc in docs {
            let mut id = String::new();
            if let Some(ord) = column.term_ords(doc).next() {
                column.ord_to_str(ord, &mut id).map_err(engine)?;
            }
            out.push((id, DocAddress::new(*segment, doc)));
        }
    }
    Ok(out)
}

/// Every matching document, in id order (for exports).
pub(crate) fn by_id(
    searcher: &Searcher,
    _fields: &Fields,
    matches: &MatchSet,
) -> Result<Vec<DocAddress>, StoreError> {
    let mut all = ids(searcher, matches)?;
    all.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Ok(all.into_iter().map(|(_, a)| a).collect())
}

/// A page of the matching documents ordered by `sort` (newest first for relevance without a
/// text query), ties by id.
pub(crate) fn sorted_page(
    searcher: &Searcher,
    _fields: &Fields,
    matches: &MatchSet,
    sort: Sort,
    from: usize,
    size: usize,
) -> Result<Vec<DocAddress>, StoreError> {
    // (key, address): larger keys first
    let mut keyed: Vec<(f64, DocAddress)> = Vec::new();
    for (segment, docs) in matches {
        let ff = searcher.segment_reader(*segment).fast_fields();
        match sort {
            Sort::SalaryDesc => {
                let column = ff.f64("salary_mid").map_err(engine)?;
                keyed.extend(docs.iter().map(|&d| {
                    (
                        column.first(d).unwrap_or(f64::NEG_INFINITY),
                        DocAddress::new(*segment, d),
                    )
                }));
            }
            Sort::Newest | Sort::Relevance => {
                let column = ff.i64("posted_ts").map_err(engine)?;
                keyed.extend(docs.iter().map(|&d| {
                    (
                        column.first(d).unwrap_or(i64::MIN) as f64,
                        DocAddress::new(*segment, d),
                    )
                }));
            }
        }
    }
    let wanted = (from + size).min(keyed.len());
    if wanted == 0 {
        return Ok(Vec::new());
    }
    // keep the documents up to the wanted rank, with every tie of the last key
    keyed.select_nth_unstable_by(wanted - 1, |a, b| b.0.total_cmp(&a.0));
    let cutoff = keyed[wanted - 1].0;
    let mut head: Vec<(f64, DocAddress)> = keyed.into_iter().filter(|k| k.0 >= cutoff).collect();
    let id_of: HashMap<DocAddress, String> = {
        let set: MatchSet = group(&head);
        ids(searcher, &set)?
            .into_iter()
            .map(|(id, a)| (a, id))
            .collect()
    };
    head.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| id_of[&a.1].cmp(&id_of[&b.1]))
    });
    Ok(head
        .into_iter()
        .skip(from)
        .take(size)
        .map(|(_, a)| a)
        .collect())
}

/// Addresses grouped by segment.
fn group(keyed: &[(f64, DocAddress)]) -> MatchSet {
    let mut by_segment: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for (_, a) in keyed {
        by_segment.entry(a.segment_ord).or_default().push(a.doc_id);
    }
    by_segment.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embedded::schema::day_number;

    #[test]
    fn bucket_numbers_agree_with_the_query_buckets() {
        let start = chrono::NaiveDate::from_ymd_opt(1899, 12, 1).unwrap();
        for offset in (0..60_000).step_by(7).chain(0..1_200) {
            let day = start + chrono::Days::new(offset);
            for interval in [Interval::Day, Interval::Week, Interval::Month] {
                let n = bucket_number(interval, day_number(day));
                assert_eq!(
                    bucket_start(interval, n),
                    interval.bucket_of(day),
                    "{day} {interval:?}"
                );
                assert_eq!(
                    bucket_number(interval, day_number(interval.next(interval.bucket_of(day)))),
                    n + 1
                );
            }
        }
    }
}
