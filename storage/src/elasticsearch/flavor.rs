//! The known differences between Elasticsearch 8 and OpenSearch (osmem-server, used in tests,
//! speaks OpenSearch), kept here and nowhere else:
//!
//! | | Elasticsearch 8 | OpenSearch / osmem |
//! |---|---|---|
//! | open a point in time | `POST /{index}/_pit?keep_alive=` → `{"id"}` | `POST /{index}/_search/point_in_time?keep_alive=` → `{"pit_id"}` |
//! | close it | `DELETE /_pit {"id"}` | `DELETE /_search/point_in_time {"pit_id": [..]}` |
//! | sort under a PIT | an implicit `_shard_doc` tiebreaker is appended, so each hit's `sort` has one more value | no implicit tiebreaker: `search_after` must have exactly the sort's values |
//!
//! Exports sort on our own unique `_jm.id` and send back the last hit's `sort` array as it came,
//! which is correct on both (on ES the extra `_shard_doc` value rides along).
//! Searching with a PIT is the same on both: `POST /_search` without an index, with
//! `"pit": {"id", "keep_alive"}`.

use serde_json::{Value, json};

/// Which server answers, from `GET /` (`version.distribution` is `opensearch` there and
/// absent on Elasticsearch).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    Elasticsearch,
    OpenSearch,
}

impl Flavor {
    /// The flavour announced by the root endpoint's answer.
    pub fn from_root(root: &Value) -> Flavor {
        match root
            .pointer("/version/distribution")
            .and_then(Value::as_str)
        {
            Some("opensearch") => Flavor::OpenSearch,
            _ => Flavor::Elasticsearch,
        }
    }

    /// The path opening a point in time on `index`.
    pub fn open_pit_path(self, index: &str, keep_alive: &str) -> String {
        match self {
            Flavor::Elasticsearch => format!("/{index}/_pit?keep_alive={keep_alive}"),
            Flavor::OpenSearch => format!("/{index}/_search/point_in_time?keep_alive={keep_alive}"),
        }
    }

    /// The point-in-time id in the answer to [`Flavor::open_pit_path`].
    pub fn pit_id(self, opened: &Value) -> Option<String> {
        let field = match self {
            Flavor::Elasticsearch => "id",
            Flavor::OpenSearch => "pit_id",
        };
        opened
            .get(field)
            .and_then(Value::as_str)
            .map(str::to_string)
    }

    /// The path and body closing a point in time.
    pub fn close_pit(self, id: &str) -> (&'static str, Value) {
        match self {
            Flavor::Elasticsearch => ("/_pit", json!({ "id": id })),
            Flavor::OpenSearch => ("/_search/point_in_time", json!({ "pit_id": [id] })),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flavour_from_the_root_answer() {
        let es = json!({"version": {"number": "8.15.0", "build_flavor": "default"}});
        let os = json!({"version": {"number": "3.8.0", "distribution": "opensearch"}});
        assert_eq!(Flavor::from_root(&es), Flavor::Elasticsearch);
        assert_eq!(Flavor::from_root(&os), Flavor::OpenSearch);
    }

    #[test]
    fn point_in_time_paths() {
        assert_eq!(
            Flavor::Elasticsearch.open_pit_path("a", "1m"),
            "/a/_pit?keep_alive=1m"
        );
        assert_eq!(
            Flavor::OpenSearch.open_pit_path("a", "1m"),
            "/a/_search/point_in_time?keep_alive=1m"
        );
        assert_eq!(
            Flavor::Elasticsearch.pit_id(&json!({"id": "x"})).as_deref(),
            Some("x")
        );
        assert_eq!(
            Flavor::OpenSearch
                .pit_id(&json!({"pit_id": "y"}))
                .as_deref(),
            Some("y")
        );
        assert_eq!(
            Flavor::OpenSearch.close_pit("y").1,
            json!({"pit_id": ["y"]})
        );
    }
}
