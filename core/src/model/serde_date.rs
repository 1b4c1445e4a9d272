//! Dates in JSON as ISO strings (`"2024-07-18"`).

use serde::Serializer;
use time::Date;

/// Serializes a date as `"YYYY-MM-DD"`.
pub fn serialize<S: Serializer>(date: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&crate::date::iso(*date))
}

/// Optional dates: `null` when absent.
pub mod option {
    use serde::Serializer;
    use time::Date;

    /// Serializes `Some(date)` as `"YYYY-MM-DD"` and `None` as `null`.
    pub fn serialize<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => s.serialize_str(&crate::date::iso(*d)),
            None => s.serialize_none(),
        }
    }
}
