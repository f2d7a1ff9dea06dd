//! The embedded store: a Tantivy index under `<data>/index/`, nothing to install.
//!
//! Layout: `<dir>/current` names the live index folder (`v<LAYOUT_VERSION>-<timestamp>`); a
//! rebuild fills a new folder and then replaces `current` atomically, so readers never see a
//! half-built index. One process writes at a time (Tantivy's writer lock); the writer is
//! opened on the first write only, so a read-only process (the API) never takes it.
//!
//! Filters run as Tantivy queries; aggregations are computed from the fast-field columns of
//! the matching documents (see [`aggregate`]), which keeps their semantics exactly those of
//! [`crate::query`].

mod aggregate;
mod schema;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use jobmarket_schema::OfferId;
use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, Occur, Query, RangeQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{
    DocAddress, DocId, Index, IndexReader, IndexWriter, ReloadPolicy, Score, Searcher,
    SegmentOrdinal, SegmentReader, TantivyDocument, Term,
};

use crate::analysis::analyze;
use crate::query::{AnalyticsQuery, KeywordField, OfferFilter, QueryResult, Sort};
use crate::{Health, Store, StoreError, StoredOffer, UpsertReport};

use self::schema::Fields;

/// Version of the embedded index layout (fields and the values derived into them); a change
/// rebuilds the index. 2: days are Europe/Paris days.
pub const LAYOUT_VERSION: u32 = 2;

/// Memory for the index writer.
const WRITER_HEAP: usize = 200_000_000;

/// The embedded store.
#[derive(Clone)]
pub struct EmbeddedStore {
    inner: Arc<Inner>,
}

struct Inner {
    path: PathBuf,
    index: Index,
    reader: IndexReader,
    fields: Fields,
    writer: Mutex<Option<IndexWriter>>,
}

fn engine(e: impl std::fmt::Display) -> StoreError {
    StoreError::Engine(e.to_string())
}

impl EmbeddedStore {
    /// Opens the store under `dir`, creating an empty index if there is none.
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        std::fs::create_dir_all(dir)?;
        let current = dir.join("current");
        let folder = match std::fs::read_to_string(&current) {
            Ok(name) => dir.join(name.trim()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let name = new_folder_name();
                std::fs::create_dir_all(dir.join(&name))?;
                Index::create_in_dir(dir.join(&name), schema::build().0).map_err(engine)?;
                replace_file(&current, &name)?;
                dir.join(name)
            }
            Err(e) => return Err(e.into()),
        };
        Self::open_folder(&folder)
    }

    /// Whether the live index under `dir` was built by another version of the layout (it must
    /// then be rebuilt from the offers); `false` when there is no index yet.
    pub fn needs_rebuild(dir: &Path) -> bool {
        match std::fs::read_to_string(dir.join("current")) {
            Ok(name) => !name.trim().starts_with(&format!("v{LAYOUT_VERSION}-")),
            Err(_) => false,
        }
    }

    /// Builds a fresh index in a new folder under `dir` from `offers`, then makes it the live
    /// one; the previous folder is removed. Readers keep the old index until they reopen.
    pub fn rebuild(
        dir: &Path,
        offers: impl IntoIterator<Item = StoredOffer>,
    ) -> Result<(Self, u64), StoreError> {
        std::fs::create_dir_all(dir)?;
        let name = new_folder_name();
        let folder = dir.join(&name);
        std::fs::create_dir_all(&folder)?;
        Index::create_in_dir(&folder, schema::build().0).map_err(engine)?;
        let store = Self::open_folder(&folder)?;
        let mut written = 0;
        let mut batch = Vec::with_capacity(10_000);
        for offer in offers {
            batch.push(offer);
            if batch.len() == batch.capacity() {
                written += store.write(&batch, false)?.written;
                batch.clear();
            }
        }
        written += store.write(&batch, true)?.written;
        let previous = std::fs::read_to_string(dir.join("current")).ok();
        replace_file(&dir.join("current"), &name)?;
        if let Some(previous) = previous.map(|p| p.trim().to_string())
            && previous != name
        {
            let _ = std::fs::remove_dir_all(dir.join(previous));
        }
        Ok((store, written))
    }

    fn open_folder(folder: &Path) -> Result<Self, StoreError> {
        let corrupt = |e: tantivy::TantivyError| StoreError::Corrupt {
            path: folder.display().to_string(),
            reason: e.to_string(),
        };
        let index = Index::open_in_dir(folder).map_err(corrupt)?;
        let fields = Fields::of(&index.schema()).map_err(|reason| StoreError::Corrupt {
            path: folder.display().to_string(),
            reason,
        })?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(corrupt)?;
        Ok(EmbeddedStore {
            inner: Arc::new(Inner {
                path: folder.to_path_buf(),
                index,
                reader,
                fields,
                writer: Mutex::new(None),
            }),
        })
    }

    /// Upserts `offers` (delete by id, then add), committing when `commit` is set.
    fn write(&self, offers: &[StoredOffer], commit: bool) -> Result<UpsertReport, StoreError> {
        let inner = &self.inner;
        let mut guard = inner.writer.lock().expect("writer lock poisoned");
        if guard.is_none() {
            *guard = Some(inner.index.writer(WRITER_HEAP).map_err(engine)?);
        }
        let writer = guard.as_mut().expect("writer just opened");
        let mut report = UpsertReport::default();
        for stored in offers {
            match schema::document(&inner.fields, stored) {
                Ok(doc) => {
                    writer.delete_term(Term::from_field_text(
                        inner.fields.id,
                        stored.offer.id.as_str(),
                    ));
                    writer.add_document(doc).map_err(engine)?;
                    report.written += 1;
                }
                Err(reason) => report.rejected.push((stored.offer.id.clone(), reason)),
            }
        }
        if commit {
            writer.commit().map_err(engine)?;
            inner.reader.reload().map_err(engine)?;
        }
        Ok(report)
    }

    fn searcher(&self) -> Searcher {
        self.inner.reader.searcher()
    }

    /// The Tantivy query of a filter.
    fn filter_query(&self, filter: &OfferFilter) -> Box<dyn Query> {
        let f = &self.inner.fields;
        let mut must: Vec<Box<dyn Query>> = Vec::new();
        if let Some(text) = &filter.text {
            for token in analyze(text) {
                let title: Box<dyn Query> = Box::new(BoostQuery::new(
                    Box::new(TermQuery::new(
                        Term::from_field_text(f.search_title, &token),
                        IndexRecordOption::WithFreqs,
                    )),
                    3.0,
                ));
                let body: Box<dyn Query> = Box::new(TermQuery::new(
                    Term::from_field_text(f.search_body, &token),
                    IndexRecordOption::WithFreqs,
                ));
                must.push(Box::new(BooleanQuery::new(vec![
                    (Occur::Should, title),
                    (Occur::Should, body),
                ])));
            }
        }
        let any_of = |field: KeywordField, values: Vec<String>, must: &mut Vec<Box<dyn Query>>| {
            if !values.is_empty() {
                let field = f.keyword(field);
                must.push(Box::new(TermSetQuery::new(
                    values.iter().map(|v| Term::from_field_text(field, v)),
                )));
            }
        };
        any_of(KeywordField::Role, filter.roles.clone(), &mut must);
        any_of(
            KeywordField::Seniority,
            keys(&filter.seniorities),
            &mut must,
        );
        any_of(
            KeywordField::Department,
            filter.departments.clone(),
            &mut must,
        );
        any_of(KeywordField::Region, filter.regions.clone(), &mut must);
        any_of(
            KeywordField::ContractType,
            keys(&filter.contract_types),
            &mut must,
        );
        any_of(KeywordField::Remote, keys(&filter.remote), &mut must);
        any_of(KeywordField::Company, filter.companies.clone(), &mut must);
        any_of(KeywordField::Source, filter.sources.clone(), &mut must);
        for skill in &filter.skills {
            must.push(Box::new(TermQuery::new(
                Term::from_field_text(f.keyword(KeywordField::Skills), skill),
                IndexRecordOption::Basic,
            )));
        }
        if filter.published_from.is_some() || filter.published_to.is_some() {
            use std::ops::Bound;
            let bound = |t: Option<chrono::DateTime<chrono::Utc>>, inclusive: bool| match t {
                Some(t) => {
                    let term = Term::from_field_i64(f.posted_ts, t.timestamp());
                    if inclusive {
                        Bound::Included(term)
                    } else {
                        Bound::Excluded(term)
                    }
                }
                None => Bound::Unbounded,
            };
            must.push(Box::new(RangeQuery::new(
                bound(filter.published_from, true),
                bound(filter.published_to, false),
            )));
        }
        if let Some(known) = filter.salary_known {
            must.push(Box::new(TermQuery::new(
                Term::from_field_u64(f.salary_known, u64::from(known)),
                IndexRecordOption::Basic,
            )));
        }
        if let Some(active) = filter.active {
            must.push(Box::new(TermQuery::new(
                Term::from_field_u64(f.active, u64::from(active)),
                IndexRecordOption::Basic,
            )));
        }
        match must.len() {
            0 => Box::new(AllQuery),
            // alone, a clause counts faster (a term's count is its document frequency)
            1 => must.pop().expect("one clause"),
            _ => Box::new(BooleanQuery::new(
                must.into_iter().map(|q| (Occur::Must, q)).collect(),
            )),
        }
    }

    fn run_query(&self, query: &AnalyticsQuery) -> Result<QueryResult, StoreError> {
        query.validate()?;
        let searcher = self.searcher();
        let q = self.filter_query(&query.filter);
        if query.size == 0 && query.aggregations.is_empty() {
            // a count only: no need to gather the matching documents
            let total = q.count(&searcher).map_err(engine)? as u64;
            return Ok(QueryResult {
                total,
                hits: Vec::new(),
                aggregations: Default::default(),
            });
        }
        let by_score = query.sort == Sort::Relevance && query.filter.text.is_some();
        if by_score && query.aggregations.is_empty() {
            // best matches and their number in one pass
            let (total, top) = searcher
                .search(
                    &q,
                    &(
                        Count,
                        TopDocs::with_limit(query.size)
                            .and_offset(query.from)
                            .order_by_score(),
                    ),
                )
                .map_err(engine)?;
            let hits = top
                .into_iter()
                .map(|(_, address)| self.stored(&searcher, address))
                .collect::<Result<_, _>>()?;
            return Ok(QueryResult {
                total: total as u64,
                hits,
                aggregations: Default::default(),
            });
        }
        let matches = searcher.search(&q, &Matches).map_err(engine)?;
        let total = matches.iter().map(|(_, docs)| docs.len() as u64).sum();
        let aggregations = query
            .aggregations
            .iter()
            .map(|(name, agg)| {
                aggregate::run(&searcher, &self.inner.fields, &matches, agg)
                    .map(|r| (name.clone(), r))
            })
            .collect::<Result<_, _>>()?;
        let page = if query.size == 0 {
            Vec::new()
        } else if by_score {
            searcher
                .search(
                    &q,
                    &TopDocs::with_limit(query.size)
                        .and_offset(query.from)
                        .order_by_score(),
                )
                .map_err(engine)?
                .into_iter()
                .map(|(_, address)| address)
                .collect()
        } else {
            aggregate::sorted_page(
                &searcher,
                &self.inner.fields,
                &matches,
                query.sort,
                query.from,
                query.size,
            )?
        };
        let hits = page
            .into_iter()
            .map(|address| self.stored(&searcher, address))
            .collect::<Result<_, _>>()?;
        Ok(QueryResult {
            total,
            hits,
            aggregations,
        })
    }

    /// The stored offer of a document.
    fn stored(&self, searcher: &Searcher, address: DocAddress) -> Result<StoredOffer, StoreError> {
        let doc: TantivyDocument = searcher.doc(address).map_err(engine)?;
        let json = doc
            .get_first(self.inner.fields.source)
            .and_then(|v| v.as_str())
            .ok_or_else(|| engine("document without its source"))?;
        serde_json::from_str(json).map_err(|e| StoreError::Corrupt {
            path: self.inner.path.display().to_string(),
            reason: format!("stored offer unreadable: {e}"),
        })
    }
}

#[async_trait]
impl Store for EmbeddedStore {
    async fn health(&self) -> Result<Health, StoreError> {
        let this = self.clone();
        blocking(move || {
            let offers = this.searcher().search(&AllQuery, &Count).map_err(engine)? as u64;
            Ok(Health {
                engine: format!("embedded (tantivy) at {}", this.inner.path.display()),
                offers,
            })
        })
        .await
    }

    async fn upsert(&self, offers: &[StoredOffer]) -> Result<UpsertReport, StoreError> {
        let this = self.clone();
        let offers = offers.to_vec();
        blocking(move || this.write(&offers, true)).await
    }

    async fn get(&self, id: &OfferId) -> Result<Option<StoredOffer>, StoreError> {
        let this = self.clone();
        let id = id.clone();
        blocking(move || {
            let searcher = this.searcher();
            let term = Term::from_field_text(this.inner.fields.id, id.as_str());
            let matches = searcher
                .search(&TermQuery::new(term, IndexRecordOption::Basic), &Matches)
                .map_err(engine)?;
            // ids are unique: an upsert deletes the previous document first
            let address = matches
                .into_iter()
                .find_map(|(segment, docs)| docs.first().map(|&doc| DocAddress::new(segment, doc)));
            address.map(|a| this.stored(&searcher, a)).transpose()
        })
        .await
    }

    async fn delete(&self, ids: &[OfferId]) -> Result<u64, StoreError> {
        let this = self.clone();
        let ids = ids.to_vec();
        blocking(move || {
            let searcher = this.searcher();
            let f = &this.inner.fields;
            let mut stored = 0;
            let mut guard = this.inner.writer.lock().expect("writer lock poisoned");
            if guard.is_none() {
                *guard = Some(this.inner.index.writer(WRITER_HEAP).map_err(engine)?);
            }
            let writer = guard.as_mut().expect("writer just opened");
            for id in &ids {
                let term = Term::from_field_text(f.id, id.as_str());
                stored += searcher
                    .search(
                        &TermQuery::new(term.clone(), IndexRecordOption::Basic),
                        &Count,
                    )
                    .map_err(engine)? as u64;
                writer.delete_term(term);
            }
            writer.commit().map_err(engine)?;
            this.inner.reader.reload().map_err(engine)?;
            Ok(stored)
        })
        .await
    }

    async fn query(&self, query: &AnalyticsQuery) -> Result<QueryResult, StoreError> {
        let this = self.clone();
        let query = query.clone();
        blocking(move || this.run_query(&query)).await
    }

    async fn export(
        &self,
        filter: &OfferFilter,
        sink: &mut (dyn FnMut(StoredOffer) -> Result<(), StoreError> + Send),
    ) -> Result<u64, StoreError> {
        // Ids are read on a blocking thread; the offers are then read in batches and handed
        // to the sink here.
        let this = self.clone();
        let filter = filter.clone();
        let (searcher, order) = blocking(move || {
            let searcher = this.searcher();
            let matches = searcher
                .search(&this.filter_query(&filter), &Matches)
                .map_err(engine)?;
            let order = aggregate::by_id(&searcher, &this.inner.fields, &matches)?;
            Ok((searcher, order))
        })
        .await?;
        let mut handed = 0;
        for chunk in order.chunks(1_000) {
            let this = self.clone();
            let searcher = searcher.clone();
            let chunk = chunk.to_vec();
            let offers = blocking(move || {
                chunk
                    .into_iter()
                    .map(|a| this.stored(&searcher, a))
                    .collect::<Result<Vec<_>, _>>()
            })
            .await?;
            for offer in offers {
                sink(offer)?;
                handed += 1;
            }
        }
        Ok(handed)
    }
}

/// The schema keys of enum values.
fn keys<T: serde::Serialize>(values: &[T]) -> Vec<String> {
    values.iter().map(crate::fields::key).collect()
}

/// Runs blocking index work off the async threads.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
) -> Result<T, StoreError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| engine(format!("index task failed: {e}")))?
}

/// Every matching document, per segment, without scores.
pub(crate) struct Matches;

pub(crate) type MatchSet = Vec<(SegmentOrdinal, Vec<DocId>)>;

impl Collector for Matches {
    type Fruit = MatchSet;
    type Child = SegmentMatches;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        _: &SegmentReader,
    ) -> tantivy::Result<SegmentMatches> {
        Ok(SegmentMatches(segment, Vec::new()))
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<(SegmentOrdinal, Vec<DocId>)>) -> tantivy::Result<MatchSet> {
        Ok(fruits)
    }
}

pub(crate) struct SegmentMatches(SegmentOrdinal, Vec<DocId>);

impl SegmentCollector for SegmentMatches {
    type Fruit = (SegmentOrdinal, Vec<DocId>);

    fn collect(&mut self, doc: DocId, _: Score) {
        self.1.push(doc);
    }

    fn harvest(self) -> Self::Fruit {
        (self.0, self.1)
    }
}

fn new_folder_name() -> String {
    format!(
        "v{LAYOUT_VERSION}-{}",
        chrono::Utc::now().format("%Y%m%dT%H%M%S%.6f")
    )
}

/// Writes `content` to `path` atomically (temporary file, then rename).
fn replace_file(path: &Path, content: &str) -> Result<(), StoreError> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, content)?;
    std::fs::rename(&tmp, path)?;
    Ok(())
}
