//! The embedded index's schema and how an offer becomes a document.

use tantivy::TantivyDocument;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use crate::StoredOffer;
use crate::fields::{keywords, posted_at, posted_day, salary_mid_eur, search_tokens, seen_days};
use crate::query::KeywordField;

/// The index's fields.
#[derive(Clone)]
pub(crate) struct Fields {
    pub id: Field,
    /// The stored offer, as JSON: what hits and exports return.
    pub source: Field,
    keywords: [Field; KeywordField::ALL.len()],
    pub search_title: Field,
    pub search_body: Field,
    /// Seconds since the epoch of [`posted_at`].
    pub posted_ts: Field,
    /// Days since the epoch of the (Europe/Paris) posting day, first and last collection.
    pub posted_day: Field,
    pub first_seen_day: Field,
    pub last_seen_day: Field,
    pub salary_mid: Field,
    pub salary_known: Field,
    pub active: Field,
}

impl Fields {
    pub fn keyword(&self, field: KeywordField) -> Field {
        self.keywords[KeywordField::ALL
            .iter()
            .position(|f| *f == field)
            .expect("listed")]
    }

    /// The fields of an opened index, or what is missing.
    pub fn of(schema: &Schema) -> Result<Fields, String> {
        let get = |name: &str| {
            schema
                .get_field(name)
                .map_err(|_| format!("field {name} missing (index from another version?)"))
        };
        let mut keywords = Vec::new();
        for field in KeywordField::ALL {
            keywords.push(get(field.name())?);
        }
        Ok(Fields {
            id: get("id")?,
            source: get("offer_json")?,
            keywords: keywords.try_into().expect("one per keyword field"),
            search_title: get("search_title")?,
            search_body: get("search_body")?,
            posted_ts: get("posted_ts")?,
            posted_day: get("posted_day")?,
            first_seen_day: get("first_seen_day")?,
            last_seen_day: get("last_seen_day")?,
            salary_mid: get("salary_mid")?,
            salary_known: get("salary_known")?,
            active: get("active")?,
        })
    }
}

/// The schema of a new index.
pub(crate) fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    b.add_text_field("id", STRING | FAST);
    b.add_text_field("offer_json", STORED);
    for field in KeywordField::ALL {
        b.add_text_field(field.name(), STRING | FAST);
    }
    // Tokens are analysed beforehand (crate::analysis): split on spaces only.
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("whitespace")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    b.add_text_field("search_title", text.clone());
    b.add_text_field("search_body", text);
    b.add_i64_field("posted_ts", INDEXED | FAST);
    b.add_i64_field("posted_day", FAST);
    b.add_i64_field("first_seen_day", FAST);
    b.add_i64_field("last_seen_day", FAST);
    b.add_f64_field("salary_mid", FAST);
    b.add_u64_field("salary_known", INDEXED);
    b.add_u64_field("active", INDEXED | FAST);
    let schema = b.build();
    let fields = Fields::of(&schema).expect("the schema has every field");
    (schema, fields)
}

/// Days since 1970-01-01.
pub(crate) fn day_number(day: chrono::NaiveDate) -> i64 {
    (day - chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid")).num_days()
}

/// The day of a day number.
pub(crate) fn day_of(number: i64) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid") + chrono::Duration::days(number)
}

/// The document of an offer, or why it cannot be indexed.
pub(crate) fn document(f: &Fields, stored: &StoredOffer) -> Result<TantivyDocument, String> {
    let o = &stored.offer;
    let json = serde_json::to_string(stored).map_err(|e| format!("offer not serialisable: {e}"))?;
    let mut doc = TantivyDocument::default();
    doc.add_text(f.id, o.id.as_str());
    doc.add_text(f.source, json);
    for field in KeywordField::ALL {
        for value in keywords(stored, field) {
            doc.add_text(f.keyword(field), value);
        }
    }
    let (title, body) = search_tokens(o);
    doc.add_text(f.search_title, title.join(" "));
    doc.add_text(f.search_body, body.join(" "));
    doc.add_i64(f.posted_ts, posted_at(o).timestamp());
    doc.add_i64(f.posted_day, day_number(posted_day(o)));
    let (first_seen, last_seen) = seen_days(o);
    doc.add_i64(f.first_seen_day, day_number(first_seen));
    doc.add_i64(f.last_seen_day, day_number(last_seen));
    let salary = salary_mid_eur(o);
    if let Some(mid) = salary {
        doc.add_f64(f.salary_mid, mid);
    }
    doc.add_u64(f.salary_known, u64::from(salary.is_some()));
    doc.add_u64(f.active, u64::from(stored.active));
    Ok(doc)
}
