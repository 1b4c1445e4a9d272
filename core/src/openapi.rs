//! The OpenAPI schemas of the answers whose JSON is written by hand (feature `openapi`).
//!
//! The answer types derive `utoipa::ToSchema` beside `Serialize` (`cfg_attr`), so that their
//! schema follows serde's renames, tags and skips. A type serialized by hand gets its schema
//! here, describing what its `Serialize` writes: labels and statuses as their tokens, a change's
//! source as its string, and the reports whose JSON adds a computed field (`ok`, `sentence`) or
//! keys a row by the fields counted by. A mirror struct (`…Json`) spells such a shape out; its
//! schema is the type's.

use std::collections::BTreeMap;

use time::Date;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::{PartialSchema, ToSchema};

use crate::index::IndexCheck;
use crate::model::timeline::ChangeSource;
use crate::model::{Outcome, Status};
use crate::stats::{ClearanceReport, Counts, Field};
use crate::store::CheckReport;
use crate::store::VersionState;

/// A string that is one of `tokens`; the description pairs each token with its label.
pub(crate) fn tokens(tokens: &[&str], labels: &[&str]) -> RefOr<Schema> {
    let pairs: Vec<String> = tokens
        .iter()
        .zip(labels)
        .map(|(t, l)| format!("`{t}` {l}"))
        .collect();
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(tokens.iter().copied()))
        .description(Some(pairs.join(", ")))
        .into()
}

/// Implements `ToSchema` for a type by the schema of another (a mirror of its JSON).
macro_rules! schema_of {
    ($ty:ty, $name:literal, $mirror:ty) => {
        impl PartialSchema for $ty {
            fn schema() -> RefOr<Schema> {
                <$mirror as PartialSchema>::schema()
            }
        }

        impl ToSchema for $ty {
            fn name() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed($name)
            }

            fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
                <$mirror as ToSchema>::schemas(schemas);
            }
        }
    };
}

/// Implements `ToSchema` for a type that serializes as one of a list of tokens.
macro_rules! token_schema {
    ($ty:ty, $all:expr) => {
        impl PartialSchema for $ty {
            fn schema() -> RefOr<Schema> {
                let all: Vec<$ty> = $all;
                let names: Vec<&str> = all.iter().map(|v| v.token()).collect();
                let labels: Vec<&str> = all.iter().map(|v| v.label()).collect();
                tokens(&names, &labels)
            }
        }

        impl ToSchema for $ty {}
    };
}

token_schema!(Status, Status::ALL.to_vec());
token_schema!(Outcome, Outcome::ALL.to_vec());
token_schema!(VersionState, VersionState::ALL.to_vec());

impl PartialSchema for ChangeSource {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some("^(manual|record:v[0-9]+|campaign:.+)$"))
            .description(Some(
                "Where the change came from: `manual`, `record:vN` (the record of version N) \
                 or `campaign:KEY` (the announcement of a campaign)",
            ))
            .into()
    }
}

impl ToSchema for ChangeSource {}

impl PartialSchema for Field {
    fn schema() -> RefOr<Schema> {
        let names: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
        let labels: Vec<&str> = Field::ALL.iter().map(|f| f.label()).collect();
        tokens(&names, &labels)
    }
}

impl ToSchema for Field {
    fn name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("CountField")
    }
}

/// A count of works by fields, as of a date.
#[derive(ToSchema)]
#[schema(as = Counts)]
#[allow(dead_code)]
struct CountsJson {
    /// The date the statuses are taken on.
    as_of: Date,
    /// The fields counted by, in the order asked for.
    by: Vec<Field>,
    /// How many works were counted, all rows together.
    total: u64,
    /// The groups, largest first.
    rows: Vec<CountRowJson>,
}

/// One group of a count: a key for each field counted by, and how many works.
#[derive(ToSchema)]
#[schema(as = CountRow)]
#[allow(dead_code)]
struct CountRowJson {
    /// The status on the date, when counted by status.
    #[schema(required = false)]
    status: Status,
    /// The kind as written (empty when the record leaves it blank), when counted by kind.
    #[schema(required = false)]
    kind: String,
    /// The issuer as written (empty when blank), when counted by issuer.
    #[schema(required = false)]
    issuer: String,
    /// The year first issued (`null` when unknown), when counted by year.
    #[schema(required = false)]
    year: Option<i32>,
    /// How many works have these values.
    count: u64,
}

schema_of!(Counts, "Counts", CountsJson);

/// The clearance report of a campaign, with the sentence a justice bureau publishes.
#[derive(ToSchema)]
#[schema(as = ClearanceReport)]
#[allow(dead_code)]
struct ClearanceReportJson {
    /// The campaign's key.
    campaign: String,
    /// The campaign's name.
    name: String,
    /// Whose documents it cleared, when recorded.
    scope: Option<String>,
    /// When the results were announced; `null` while the campaign is open.
    announced: Option<Date>,
    /// How many works the campaign decided on.
    total: u64,
    /// Count per outcome token, every outcome present.
    outcomes: BTreeMap<String, u64>,
    /// 废止 and 宣布失效 added up.
    repealed_or_invalidated: u64,
    /// 共清理出…件…，其中继续有效…件，…
    sentence: String,
}

schema_of!(ClearanceReport, "ClearanceReport", ClearanceReportJson);

/// What `check` found.
#[derive(ToSchema)]
#[schema(as = CheckReport)]
#[allow(dead_code)]
struct CheckReportJson {
    /// Whether no problem was found.
    ok: bool,
    /// The version of the store's schema.
    schema_version: i64,
    /// How many works the registry holds.
    works: u64,
    /// How many versions, over all works.
    versions: u64,
    /// How many entries the audit log has.
    audit_entries: u64,
    /// The hash of the last audit entry.
    head_hash: String,
    /// The search index, when the registry has one.
    index: Option<IndexCheck>,
    /// Every problem found; empty when the registry is sound.
    problems: Vec<String>,
}

schema_of!(CheckReport, "CheckReport", CheckReportJson);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FilingOutcome, RelationKind};
    use utoipa::openapi::schema::Object;

    fn object(schema: RefOr<Schema>) -> Object {
        match schema {
            RefOr::T(Schema::Object(o)) => o,
            _ => panic!("not an object schema"),
        }
    }

    fn values(schema: RefOr<Schema>) -> Vec<String> {
        object(schema)
            .enum_values
            .unwrap_or_default()
            .into_iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect()
    }

    #[test]
    fn labels_are_described_by_their_tokens() {
        let tokens: Vec<&str> = Status::ALL.iter().map(|s| s.token()).collect();
        assert_eq!(values(Status::schema()), tokens);
        assert_eq!(
            values(FilingOutcome::schema()),
            FilingOutcome::ALL
                .iter()
                .map(|o| o.token())
                .collect::<Vec<_>>()
        );
        assert_eq!(
            values(RelationKind::schema()),
            [
                "basis",
                "amends",
                "repeals",
                "supersedes",
                "implements",
                "cites"
            ]
        );
        assert_eq!(
            values(Field::schema()),
            ["status", "kind", "issuer", "year"]
        );
        assert_eq!(<Field as ToSchema>::name(), "CountField");
    }

    #[test]
    fn hand_written_answers_have_the_keys_they_serialize() {
        let counts = Counts {
            by: vec![Field::Status, Field::Year],
            as_of: time::macros::date!(2024 - 12 - 31),
            rows: Vec::new(),
            total: 0,
        };
        let json = serde_json::to_value(&counts).expect("json");
        let schema = object(Counts::schema());
        let keys: Vec<&String> = json.as_object().expect("object").keys().collect();
        let declared: Vec<&String> = schema.properties.keys().collect();
        assert_eq!(
            keys.iter().collect::<std::collections::BTreeSet<_>>(),
            declared.iter().collect::<std::collections::BTreeSet<_>>()
        );
        let check = object(CheckReport::schema());
        assert!(check.properties.contains_key("ok"));
        let report = object(ClearanceReport::schema());
        assert!(report.properties.contains_key("sentence"));
        assert_eq!(<Counts as ToSchema>::name(), "Counts");
    }
}
