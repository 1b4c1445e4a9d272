//! Dates in JSON as ISO strings (`"2024-07-18"`).
//!
//! A date serializes as a newtype struct named [`DATE`] around its ISO string: JSON (and any
//! serializer that treats newtypes as their content) sees the string; the Python module's
//! serializer makes a `datetime.date` of it.

use serde::Serializer;
use time::Date;

/// The name of the newtype a date serializes as.
pub const DATE: &str = "$guifan::date";

/// Serializes a date as `"YYYY-MM-DD"`.
pub fn serialize<S: Serializer>(date: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_newtype_struct(DATE, &crate::date::iso(*date))
}

/// A date to serialize as a field of a hand-written `Serialize` impl.
#[derive(Debug, Clone, Copy)]
pub struct Iso(pub Option<Date>);

impl serde::Serialize for Iso {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        option::serialize(&self.0, s)
    }
}

/// Optional dates: `null` when absent.
pub mod option {
    use serde::Serializer;
    use time::Date;

    /// Serializes `Some(date)` as `"YYYY-MM-DD"` and `None` as `null`.
    pub fn serialize<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => super::serialize(d, s),
            None => s.serialize_none(),
        }
    }
}
