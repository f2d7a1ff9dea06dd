//! Stored offers as a Parquet file with typed columns (strings, doubles, UTC timestamps,
//! booleans, and `skills` as a list of strings), readable by DuckDB, pandas and Polars.

use std::io::Write;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use jobmarket_storage::StoredOffer;
use jobmarket_storage::fields::{key, salary_mid_eur};
use parquet::basic::Compression;
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::{SerializedFileWriter, SerializedRowGroupWriter};
use parquet::schema::parser::parse_message_type;

/// Offers per row group.
const ROW_GROUP: usize = 100_000;

const SCHEMA: &str = "
message offer {
  required binary id (STRING);
  required binary source (STRING);
  required binary source_id (STRING);
  optional binary url (STRING);
  required binary title (STRING);
  optional binary title_normalized (STRING);
  optional binary company (STRING);
  optional binary company_normalized (STRING);
  optional binary role (STRING);
  optional binary seniority (STRING);
  optional double experience_years_min;
  optional binary contract_type (STRING);
  optional double contract_duration_months;
  optional boolean full_time;
  optional binary remote (STRING);
  optional double remote_days_per_week;
  optional binary department (STRING);
  optional binary region (STRING);
  optional binary city (STRING);
  optional binary commune_code (STRING);
  optional double lat;
  optional double lon;
  optional double salary_min_annual_eur;
  optional double salary_max_annual_eur;
  optional double salary_mid_annual_eur;
  optional binary salary_period (STRING);
  optional int64 published_at (TIMESTAMP(MILLIS,true));
  required int64 first_seen_at (TIMESTAMP(MILLIS,true));
  required int64 last_seen_at (TIMESTAMP(MILLIS,true));
  required boolean active;
  required group skills (LIST) {
    repeated group list {
      required binary element (STRING);
    }
  }
}";

/// One column's values, buffered until the row group is written.
enum Column {
    Str(Vec<Option<String>>),
    F64(Vec<Option<f64>>),
    Time(Vec<Option<i64>>),
    Bool(Vec<Option<bool>>),
    List(Vec<Vec<String>>),
}

/// A Parquet writer of stored offers.
pub struct ParquetWriter<W: Write + Send> {
    writer: SerializedFileWriter<W>,
    columns: Vec<Column>,
    rows: usize,
}

impl<W: Write + Send> ParquetWriter<W> {
    pub fn new(out: W) -> parquet::errors::Result<Self> {
        let schema = Arc::new(parse_message_type(SCHEMA)?);
        let props = Arc::new(
            WriterProperties::builder()
                .set_compression(Compression::SNAPPY)
                .build(),
        );
        Ok(ParquetWriter {
            writer: SerializedFileWriter::new(out, schema, props)?,
            columns: Vec::new(),
            rows: 0,
        })
    }

    pub fn write(&mut self, stored: &StoredOffer) -> parquet::errors::Result<()> {
        let o = &stored.offer;
        let s = |v: Option<&str>| Column::Str(vec![v.map(str::to_string)]);
        let k = |v: Option<String>| Column::Str(vec![v]);
        let f = |v: Option<f32>| Column::F64(vec![v.map(f64::from)]);
        let d = |v: Option<f64>| Column::F64(vec![v]);
        let t = |v: Option<DateTime<Utc>>| Column::Time(vec![v.map(|t| t.timestamp_millis())]);
        let row = vec![
            s(Some(o.id.as_str())),
            s(Some(&o.source)),
            s(Some(&o.source_id)),
            s(o.url.as_deref()),
            s(Some(&o.title)),
            s(o.title_normalized.as_deref()),
            s(o.company.name.as_deref()),
            s(o.company.name_normalized.as_deref()),
            s(o.role.as_deref()),
            k(o.seniority.map(|v| key(&v))),
            f(o.experience_years_min),
            k(o.contract.kind.map(|v| key(&v))),
            f(o.contract.duration_months),
            Column::Bool(vec![o.contract.full_time]),
            k(o.remote.map(|v| key(&v))),
            f(o.remote_days_per_week),
            s(o.location.department_code.as_deref()),
            s(o.location.region_code.as_deref()),
            s(o.location.city.as_deref()),
            s(o.location.commune_code.as_deref()),
            d(o.location.lat),
            d(o.location.lon),
            d(o.salary.min_annual_eur),
            d(o.salary.max_annual_eur),
            d(salary_mid_eur(o)),
            k(o.salary.period.map(|v| key(&v))),
            t(o.published_at),
            t(Some(o.first_seen_at)),
            t(Some(o.last_seen_at)),
            Column::Bool(vec![Some(stored.active)]),
            Column::List(vec![o.skills.clone()]),
        ];
        if self.columns.is_empty() {
            self.columns = row;
        } else {
            for (column, value) in self.columns.iter_mut().zip(row) {
                match (column, value) {
                    (Column::Str(a), Column::Str(b)) => a.extend(b),
                    (Column::F64(a), Column::F64(b)) => a.extend(b),
                    (Column::Time(a), Column::Time(b)) => a.extend(b),
                    (Column::Bool(a), Column::Bool(b)) => a.extend(b),
                    (Column::List(a), Column::List(b)) => a.extend(b),
                    _ => unreachable!("columns keep their types"),
                }
            }
        }
        self.rows += 1;
        if self.rows == ROW_GROUP {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes the buffered rows as one row group.
    fn flush(&mut self) -> parquet::errors::Result<()> {
        if self.rows == 0 {
            return Ok(());
        }
        let mut group = self.writer.next_row_group()?;
        for column in std::mem::take(&mut self.columns) {
            write_column(&mut group, column)?;
        }
        group.close()?;
        self.rows = 0;
        Ok(())
    }

    /// Writes what is left and the file's footer.
    pub fn finish(mut self) -> parquet::errors::Result<()> {
        self.flush()?;
        self.writer.close()?;
        Ok(())
    }
}

/// Definition levels of an optional column, and its present values.
fn levels<T, U>(values: Vec<Option<T>>, map: impl Fn(T) -> U) -> (Vec<U>, Vec<i16>) {
    let defs = values.iter().map(|v| i16::from(v.is_some())).collect();
    (values.into_iter().flatten().map(map).collect(), defs)
}

fn write_column<W: Write + Send>(
    group: &mut SerializedRowGroupWriter<'_, W>,
    column: Column,
) -> parquet::errors::Result<()> {
    let mut writer = group.next_column()?.expect("one writer per schema column");
    // required columns take no definition levels
    macro_rules! write_values {
        ($kind:ty, $v:expr, $map:expr) => {{
            let typed = writer.typed::<$kind>();
            let (values, defs) = levels($v, $map);
            let defs = (typed.get_descriptor().max_def_level() > 0).then_some(&defs[..]);
            typed.write_batch(&values, defs, None)?;
        }};
    }
    match column {
        Column::Str(v) => write_values!(ByteArrayType, v, |s: String| ByteArray::from(
            s.into_bytes()
        )),
        Column::F64(v) => write_values!(DoubleType, v, |x| x),
        Column::Time(v) => write_values!(Int64Type, v, |x| x),
        Column::Bool(v) => write_values!(BoolType, v, |x| x),
        Column::List(lists) => {
            // a required list of required strings: definition 0 for an empty list, 1 for
            // each element; repetition 0 starts a row, 1 continues its list
            let (mut values, mut defs, mut reps) = (Vec::new(), Vec::new(), Vec::new());
            for list in lists {
                if list.is_empty() {
                    defs.push(0);
                    reps.push(0);
                }
                for (i, item) in list.into_iter().enumerate() {
                    values.push(ByteArray::from(item.into_bytes()));
                    defs.push(1);
                    reps.push(i16::from(i > 0));
                }
            }
            writer
                .typed::<ByteArrayType>()
                .write_batch(&values, Some(&defs), Some(&reps))?;
        }
    }
    writer.close()
}
