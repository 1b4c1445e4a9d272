//! What the extraction cannot know, given by the caller: on the command line, or in a JSON
//! sidecar next to the document.
//!
//! The sidecar of `通知.docx` is `通知.docx.json` (the document's whole file name and `.json`):
//!
//! ```json
//! {"kind": "行政规范性文件", "status": "有效", "work": "qj-szg-2024-03", "issuer": "潜江市人民政府"}
//! ```
//!
//! Fields, all optional strings (`null` is the same as absent): `key` (the version's key),
//! `work` (the work key grouping versions), `kind`, `issuer`, `status` (a status label,
//! `有效`/`valid`…), `title`, `doc_number`, `index_no`, `registration_no`, `signed`, `issued`,
//! `effective`, `expires` (dates, `2024-07-01` or `2024年7月1日`), `label` (原文, 修订, 修正),
//! `amended_by`, `note`. An unknown field is an error naming the file and line, so a typo
//! never passes silently. A value given overrides what was extracted.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Extraction, Field, Source};
use crate::date::parse_date;
use crate::error::{Error, Result};
use crate::model::{DocNumber, Meta, NewVersion, Status};
use crate::store::InitialStatus;

/// Values given by the caller for a document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    /// The version's external key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The work key grouping the versions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub work: Option<String>,
    /// 效力级别 / 文件类型.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// 发文机关.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// The status label (`有效`, `valid`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// 标题.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// 发文字号.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doc_number: Option<String>,
    /// 索引号.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index_no: Option<String>,
    /// 登记号.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registration_no: Option<String>,
    /// 成文日期.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signed: Option<String>,
    /// 印发 / 公布 date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issued: Option<String>,
    /// 施行日期.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective: Option<String>,
    /// 有效期至.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
    /// 原文, 修订, 修正.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The amending document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amended_by: Option<String>,
    /// Free text about the record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Overrides {
    /// Whether no value is given.
    pub fn is_empty(&self) -> bool {
        *self == Overrides::default()
    }

    /// Reads overrides from JSON; `file` names the source in errors.
    pub fn from_json(file: &str, json: &str) -> Result<Overrides> {
        serde_json::from_str(json).map_err(|e| {
            let mut err = Error::invalid(file, "", format!("not a valid sidecar: {e}"));
            if e.line() > 0
                && let Error::InvalidInput(input) = &mut err
            {
                input.line = Some(e.line());
            }
            err
        })
    }

    /// The sidecar's path for a document: its file name with `.json` added.
    pub fn sidecar_path(document: &Path) -> PathBuf {
        let mut name = document.as_os_str().to_owned();
        name.push(".json");
        PathBuf::from(name)
    }

    /// Whether a path is a sidecar: it ends in `.json` and the file it belongs to exists.
    pub fn is_sidecar(path: &Path) -> bool {
        path.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
            && path.with_extension("").is_file()
    }

    /// Reads the sidecar of a document, if there is one.
    pub fn sidecar_for(document: &Path) -> Result<Option<Overrides>> {
        let path = Self::sidecar_path(document);
        match std::fs::read_to_string(&path) {
            Ok(json) => Self::from_json(&path.display().to_string(), &json).map(Some),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::io(path, e)),
        }
    }

    /// These overrides, with the gaps filled from `fallback` (command line over sidecar:
    /// `cli.or(sidecar)`).
    pub fn or(self, fallback: Overrides) -> Overrides {
        Overrides {
            key: self.key.or(fallback.key),
            work: self.work.or(fallback.work),
            kind: self.kind.or(fallback.kind),
            issuer: self.issuer.or(fallback.issuer),
            status: self.status.or(fallback.status),
            title: self.title.or(fallback.title),
            doc_number: self.doc_number.or(fallback.doc_number),
            index_no: self.index_no.or(fallback.index_no),
            registration_no: self.registration_no.or(fallback.registration_no),
            signed: self.signed.or(fallback.signed),
            issued: self.issued.or(fallback.issued),
            effective: self.effective.or(fallback.effective),
            expires: self.expires.or(fallback.expires),
            label: self.label.or(fallback.label),
            amended_by: self.amended_by.or(fallback.amended_by),
            note: self.note.or(fallback.note),
        }
    }

    /// The status to record with the version, dated from its in-force date.
    pub fn initial_status(&self, version: &NewVersion) -> Result<Option<InitialStatus>> {
        match self.status.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(s) => Ok(Some(InitialStatus {
                status: Status::parse(s)?,
                date: version.meta.in_force_from(),
                reason: None,
            })),
        }
    }
}

fn nonempty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl Extraction {
    /// What the registry would store for this document: the extracted fields, each replaced by
    /// an override when one is given, and the text as the body.
    ///
    /// The title is required (extracted or given); everything else may stay empty. An override
    /// that does not parse (a date, a 文号) is an input error naming the field.
    pub fn to_new_version(&self, overrides: &Overrides) -> Result<NewVersion> {
        let version = self.build_version(overrides)?;
        if version.meta.title.trim().is_empty() {
            return Err(Error::invalid(
                "title",
                &self.file,
                "no title found in the document; give one with `--title` or in the sidecar",
            ));
        }
        Ok(version)
    }

    /// [`to_new_version`](Self::to_new_version) without requiring a title (empty when none),
    /// for showing what was found.
    pub fn build_version(&self, overrides: &Overrides) -> Result<NewVersion> {
        let f = &self.fields;
        let text = |field: &Option<Field<String>>, given: &Option<String>| {
            nonempty(given)
                .map(str::to_owned)
                .or_else(|| field.as_ref().map(|f| f.value.clone()))
        };
        let title = text(&f.title, &overrides.title).unwrap_or_default();
        let doc_number = match nonempty(&overrides.doc_number) {
            Some(n) => Some(DocNumber::parse(n)?),
            None => f
                .doc_number
                .as_ref()
                .and_then(|d| DocNumber::parse(&d.value).ok()),
        };
        let date =
            |name: &str, field: &Option<Field<time::Date>>, given: &Option<String>| match nonempty(
                given,
            ) {
                Some(d) => parse_date(name, d).map(Some),
                None => Ok(field.as_ref().map(|f| f.value)),
            };
        let index_no = nonempty(&overrides.index_no)
            .map(str::to_owned)
            .or_else(|| self.portal.index_no.as_ref().map(|f| f.value.clone()));
        let meta = Meta {
            title,
            kind: nonempty(&overrides.kind).unwrap_or_default().to_owned(),
            issuer: text(&f.issuer, &overrides.issuer).unwrap_or_default(),
            doc_number,
            registration_no: nonempty(&overrides.registration_no).map(str::to_owned),
            index_no,
            signed: date("signed", &f.signed, &overrides.signed)?,
            issued: date("issued", &f.issued, &overrides.issued)?,
            effective: date("effective", &f.effective, &overrides.effective)?,
            expires: date("expires", &f.expires, &overrides.expires)?,
        };
        Ok(NewVersion {
            key: nonempty(&overrides.key).map(str::to_owned),
            meta,
            label: nonempty(&overrides.label).map(str::to_owned),
            body: self.text(),
            history: Vec::new(),
            amended_by: nonempty(&overrides.amended_by).map(str::to_owned),
            note: nonempty(&overrides.note).map(str::to_owned),
            superseded: false,
        })
    }

    /// The fields with the overrides applied, marked as given ([`Source::Override`], confidence
    /// 1), for showing what would be registered.
    pub fn with_overrides(&self, overrides: &Overrides) -> Result<Extraction> {
        let v = self.build_version(overrides)?;
        let mut ex = self.clone();
        let f = &mut ex.fields;
        let given = |s: &Option<String>| nonempty(s).is_some();
        let set = |field: &mut Option<Field<String>>, value: Option<String>| {
            if let Some(value) = value {
                *field = Some(Field::new(value, Source::Override, 1.0));
            }
        };
        if given(&overrides.title) {
            set(&mut f.title, Some(v.meta.title.clone()));
        }
        if given(&overrides.issuer) {
            set(&mut f.issuer, Some(v.meta.issuer.clone()));
        }
        if given(&overrides.doc_number) {
            set(
                &mut f.doc_number,
                v.meta.doc_number.as_ref().map(|n| n.raw().to_owned()),
            );
        }
        for (g, field, value) in [
            (&overrides.signed, &mut f.signed, v.meta.signed),
            (&overrides.issued, &mut f.issued, v.meta.issued),
            (&overrides.effective, &mut f.effective, v.meta.effective),
            (&overrides.expires, &mut f.expires, v.meta.expires),
        ] {
            if given(g)
                && let Some(d) = value
            {
                *field = Some(Field::new(d, Source::Override, 1.0));
            }
        }
        Ok(ex)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sidecar_refuses_unknown_fields_naming_file_and_line() {
        let e = Overrides::from_json(
            "a.docx.json",
            "{\n\"kind\": \"x\",\n\"stauts\": \"有效\"\n}",
        )
        .expect_err("typo");
        let input = e.input().expect("input error");
        assert_eq!(input.field, "a.docx.json");
        assert_eq!(input.line, Some(3));
        assert!(input.reason.contains("stauts"), "{}", input.reason);
        let o = Overrides::from_json("s.json", r#"{"kind":"行政规范性文件","status":null}"#)
            .expect("reads");
        assert_eq!(o.kind.as_deref(), Some("行政规范性文件"));
        assert_eq!(o.status, None);
    }

    #[test]
    fn command_line_beats_sidecar() {
        let cli = Overrides {
            kind: Some("a".into()),
            ..Overrides::default()
        };
        let side = Overrides {
            kind: Some("b".into()),
            issuer: Some("c".into()),
            ..Overrides::default()
        };
        let o = cli.or(side);
        assert_eq!(o.kind.as_deref(), Some("a"));
        assert_eq!(o.issuer.as_deref(), Some("c"));
        assert_eq!(
            Overrides::sidecar_path(Path::new("d/通知.docx")),
            PathBuf::from("d/通知.docx.json")
        );
    }
}
