//! Works (documents across their versions) and versions.

use std::fmt;

use serde::{Serialize, Serializer};
use time::Date;

use super::doc_number::DocNumber;
use crate::error::{Error, Result};

/// The registry's id of a work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct WorkId(pub i64);

impl fmt::Display for WorkId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// An event in a document's history as its source records it (通过, 公布, 修正, 施行, 废止 …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HistoryEvent {
    /// The day of the event, when the source gives one.
    #[serde(with = "super::serde_date::option")]
    pub date: Option<Date>,
    /// What happened, as the source words it (第一次修正, 公布施行, …).
    pub event: String,
}

/// What describes a version: title, kind, issuer, number and dates.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Meta {
    /// The document's title, without 《》.
    pub title: String,
    /// 效力级别 / 文件类型: 法律, 行政法规, 地方性法规, 行政规范性文件, 合同, …
    pub kind: String,
    /// Issuing body or bodies (joined with 、 when several).
    pub issuer: String,
    /// 文号, the number the issuer gave the document (潜政规〔2024〕2号), if it has one.
    #[serde(serialize_with = "serialize_doc_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub doc_number: Option<DocNumber>,
    /// 登记号 (the registration number given on filing), if any.
    pub registration_no: Option<String>,
    /// 索引号 (the index number on a government website), if any.
    pub index_no: Option<String>,
    /// 成文日期.
    #[serde(with = "super::serde_date::option")]
    pub signed: Option<Date>,
    /// 公布 / 印发 date.
    #[serde(with = "super::serde_date::option")]
    pub issued: Option<Date>,
    /// 施行 date.
    #[serde(with = "super::serde_date::option")]
    pub effective: Option<Date>,
    /// 有效期至: the last day of validity.
    #[serde(with = "super::serde_date::option")]
    pub expires: Option<Date>,
}

fn serialize_doc_number<S: Serializer>(n: &Option<DocNumber>, s: S) -> Result<S::Ok, S::Error> {
    match n {
        Some(n) => s.serialize_str(n.canonical()),
        None => s.serialize_none(),
    }
}

impl Meta {
    /// The date from which a version is in force: its effective date, else its issued date;
    /// `None` means from the start of time.
    pub fn in_force_from(&self) -> Option<Date> {
        self.effective.or(self.issued)
    }
}

/// A version to add to the registry.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewVersion {
    /// The external key, unique over all versions.
    pub key: Option<String>,
    /// Title, kind, issuer, 文号 and dates of the version.
    pub meta: Meta,
    /// 原文, 修正, 修订; derived from the history when not given.
    pub label: Option<String>,
    /// The full text of the version.
    pub body: String,
    /// The document's history as the source records it, oldest first.
    pub history: Vec<HistoryEvent>,
    /// The amending document, if known (its title or number).
    pub amended_by: Option<String>,
    /// Free text about the record.
    pub note: Option<String>,
    /// The source marks this version 已修改 (superseded by a later one).
    pub superseded: bool,
}

impl NewVersion {
    /// Takes the invisible characters out of the one-line fields and refuses what no version
    /// may hold (see [`crate::limits`]): a control character in a one-line field, a field or
    /// text over its limit, a date outside the range, a 有效期 that ends before the version is
    /// issued or takes effect.
    pub fn check(&mut self) -> Result<()> {
        use crate::limits::{self as l, one_line};
        let m = &mut self.meta;
        m.title = one_line("title", &m.title, l::MAX_TITLE_CHARS, l::TITLE_TOO_LONG)?;
        m.issuer = one_line("issuer", &m.issuer, l::MAX_ISSUER_CHARS, l::ISSUER_TOO_LONG)?;
        m.kind = one_line("kind", &m.kind, l::MAX_FIELD_CHARS, l::FIELD_TOO_LONG)?;
        for (field, value) in [
            ("key", &mut self.key),
            ("label", &mut self.label),
            ("registration_no", &mut m.registration_no),
            ("index_no", &mut m.index_no),
            ("amended_by", &mut self.amended_by),
        ] {
            if let Some(v) = value {
                *v = one_line(field, v, l::MAX_FIELD_CHARS, l::FIELD_TOO_LONG)?;
            }
        }
        l::check_body(&self.body)?;
        for (field, date) in [
            ("signed", m.signed),
            ("issued", m.issued),
            ("effective", m.effective),
            ("expires", m.expires),
        ] {
            if let Some(d) = date {
                l::check_date(field, d)?;
            }
        }
        for (i, e) in self.history.iter().enumerate() {
            if let Some(d) = e.date {
                l::check_date(&format!("history[{i}].date"), d)?;
            }
        }
        if let Some(expires) = m.expires {
            let refused =
                |reason| Err(Error::invalid("expires", crate::date::iso(expires), reason));
            if m.issued.is_some_and(|d| expires < d) {
                return refused(l::EXPIRES_BEFORE_ISSUED);
            }
            if m.effective.is_some_and(|d| expires < d) {
                return refused(l::EXPIRES_BEFORE_EFFECTIVE);
            }
        }
        Ok(())
    }
}

/// A version as the registry holds it. The text is read separately.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Version {
    /// The version's number within its work: 1 for the 原文, counting up with each amendment.
    pub seq: u32,
    /// The external key, unique over all versions, if it has one.
    pub key: Option<String>,
    /// Title, kind, issuer, 文号 and dates of the version.
    #[serde(flatten)]
    pub meta: Meta,
    /// 原文, 修正, 修订 or 修改.
    pub label: String,
    /// SHA-256 of the text, hex.
    pub content_hash: String,
    /// Length of the text in characters.
    pub chars: u64,
    /// The document's history as the source records it, oldest first.
    pub history: Vec<HistoryEvent>,
    /// The amending document, if known (its title or number).
    pub amended_by: Option<String>,
    /// Free text about the record.
    pub note: Option<String>,
    /// The source marked this version 已修改.
    pub superseded: bool,
}

/// A work with its versions, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Work {
    /// The registry's id of the work.
    pub id: WorkId,
    /// The interchange `work` key grouping the versions.
    pub key: String,
    /// Its versions, oldest first; never empty.
    pub versions: Vec<Version>,
}

impl Work {
    /// The work as messages name it: `《title》（文号）`, from its newest version (never its
    /// internal id).
    pub fn name(&self) -> String {
        let m = &self.latest().meta;
        match &m.doc_number {
            Some(n) => format!("《{}》（{}）", m.title, n.canonical()),
            None => format!("《{}》", m.title),
        }
    }

    /// The newest version.
    pub fn latest(&self) -> &Version {
        // A work is never stored without a version.
        &self.versions[self.versions.len() - 1]
    }

    /// The version in force on a date: the newest one whose in-force date is on or before it.
    pub fn version_in_force(&self, as_of: Date) -> Option<&Version> {
        super::timeline::version_in_force(&self.versions, as_of).map(|i| &self.versions[i])
    }

    /// The version to read on a date: the one in force, else (nothing in force yet) the
    /// newest.
    pub fn version_to_read(&self, as_of: Date) -> &Version {
        self.version_in_force(as_of).unwrap_or(self.latest())
    }
}

impl super::timeline::Dated for Version {
    fn in_force_from(&self) -> Option<Date> {
        self.meta.in_force_from()
    }
    fn expires(&self) -> Option<Date> {
        self.meta.expires
    }
}

/// Derives a version label from its sequence number and history: 原文 for the first version,
/// otherwise 修订 or 修正 as the last history event says, else 修改.
pub fn derive_label(seq: u32, history: &[HistoryEvent]) -> String {
    if seq <= 1 {
        return "原文".to_owned();
    }
    match history.last().map(|e| e.event.as_str()) {
        Some(e) if e.contains("修订") => "修订".to_owned(),
        Some(e) if e.contains("修正") => "修正".to_owned(),
        _ => "修改".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn in_force_from_falls_back_to_issued() {
        let mut m = Meta {
            issued: Some(date!(2024 - 05 - 29)),
            ..Meta::default()
        };
        assert_eq!(m.in_force_from(), Some(date!(2024 - 05 - 29)));
        m.effective = Some(date!(2024 - 07 - 01));
        assert_eq!(m.in_force_from(), Some(date!(2024 - 07 - 01)));
        assert_eq!(Meta::default().in_force_from(), None);
    }

    #[test]
    fn labels_follow_the_history() {
        let ev = |e: &str| HistoryEvent {
            date: None,
            event: e.into(),
        };
        assert_eq!(derive_label(1, &[ev("修正")]), "原文");
        assert_eq!(derive_label(2, &[ev("通过"), ev("第一次修正")]), "修正");
        assert_eq!(derive_label(3, &[ev("修订")]), "修订");
        assert_eq!(derive_label(2, &[]), "修改");
    }
}
