//! What a document would be registered as, without writing anything: the answer of `guifan
//! extract` and of Python's `Registry.extract`.
//!
//! The document is read as [`super::document`] reads it for an import, the caller's overrides
//! laid over its sidecar and over what was extracted (those fields marked `override`), and,
//! when a registry is given, classified against it. A document without a title is shown (an
//! import refuses it); a bad file is the same error as on import.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::document::{NO_KIND, in_file, overrides_for, read_bytes};
use super::{Route, route, sources};
use crate::date::iso;
use crate::error::{Error, Result};
use crate::intake::{self, Extraction, Field, Limits, Match, Overrides, Source};
use crate::store::Registry;

/// One document as it would be registered.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Preview {
    /// What was read, with the overrides applied to its fields.
    #[serde(flatten)]
    pub extraction: Extraction,
    /// The values given (command line over sidecar), when any.
    #[serde(skip_serializing_if = "Overrides::is_empty")]
    pub overrides: Overrides,
    /// What the registry makes of it; `None` when no registry was given.
    pub classification: Option<Match>,
}

/// The previews of several documents, in the order given (folders expanded).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Previews {
    /// One per document.
    pub files: Vec<Preview>,
}

/// The warning given for a document without a title.
pub const NO_TITLE: &str = "no title found: give one with --title or in the sidecar; an import refuses the document without one";

/// Reads one document and shows what would be registered; see the module documentation.
pub fn preview(reg: Option<&Registry>, path: &Path, given: &Overrides) -> Result<Preview> {
    if let Some(Route::Interchange(f)) = route(path) {
        return Err(Error::invalid(
            "file",
            path.display().to_string(),
            format!(
                "a {} file, not a document: `extract` reads .docx, .html, .htm, .pdf, .txt and .md",
                f.name()
            ),
        ));
    }
    let bytes = read_bytes(path, &Limits::default())?;
    let extraction = intake::extract_bytes(&path.display().to_string(), &bytes)?;
    let overrides = overrides_for(path, given).map_err(|e| in_file(path, e))?;
    let version = extraction
        .build_version(&overrides)
        .map_err(|e| in_file(path, e))?;
    let mut shown = extraction
        .with_overrides(&overrides)
        .map_err(|e| in_file(path, e))?;
    if version.meta.title.trim().is_empty() {
        shown.warnings.push(NO_TITLE.to_owned());
    }
    if version.meta.kind.trim().is_empty() {
        shown.warnings.push(NO_KIND.to_owned());
    }
    let classification = reg
        .map(|r| intake::classify_version(r, &version))
        .transpose()?;
    Ok(Preview {
        extraction: shown,
        overrides,
        classification,
    })
}

/// [`preview`] of every document `paths` name, folders expanded as an import expands them.
pub fn preview_files(
    reg: Option<&Registry>,
    paths: &[PathBuf],
    given: &Overrides,
) -> Result<Previews> {
    let mut files = Vec::new();
    for path in sources(paths)? {
        files.push(preview(reg, &path, given)?);
    }
    Ok(Previews { files })
}

/// One line of a preview: a field, its value, where it came from and how sure the finder is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// The field's name in JSON (`doc_number`).
    pub field: &'static str,
    /// Its name in the official layout (`发文字号`).
    pub label: &'static str,
    /// The value as shown (dates ISO, lists joined with `；`).
    pub value: String,
    /// Where it came from (`override` for a value given).
    pub source: Source,
    /// How sure the finder is (1 for a value given).
    pub confidence: f32,
    /// Whether the registry stores this field (the others are read for the reader's sake).
    pub stored: bool,
}

impl Preview {
    /// The fields found or given, one row each, the ones the registry stores first.
    pub fn rows(&self) -> Vec<Row> {
        let f = &self.extraction.fields;
        let mut rows = Vec::new();
        let mut text = |field, label, v: &Option<Field<String>>, stored| {
            if let Some(v) = v {
                rows.push(row(field, label, v.value.clone(), v, stored));
            }
        };
        text("title", "标题", &f.title, true);
        text("doc_number", "发文字号", &f.doc_number, true);
        text("issuer", "发文机关", &f.issuer, true);
        for (field, label, v) in [
            ("signed", "成文日期", &f.signed),
            ("issued", "印发日期", &f.issued),
            ("effective", "施行日期", &f.effective),
            ("expires", "有效期至", &f.expires),
        ] {
            if let Some(v) = v {
                rows.push(row(field, label, iso(v.value), v, true));
            }
        }
        if let Some(v) = &self.extraction.portal.index_no
            && self.overrides.index_no.is_none()
        {
            rows.push(row("index_no", "索引号", v.value.clone(), v, true));
        }
        rows.extend(self.given_rows());
        let mut text = |field, label, v: &Option<Field<String>>| {
            if let Some(v) = v {
                rows.push(row(field, label, v.value.clone(), v, false));
            }
        };
        text("issuer_mark", "发文机关标志", &f.issuer_mark);
        text("signer", "签发人", &f.signer);
        text("addressee", "主送机关", &f.addressee);
        text("validity", "有效期条款", &f.validity);
        text("cc", "抄送机关", &f.cc);
        for (field, label, v) in [
            ("attachments", "附件说明", &f.attachments),
            ("signers", "发文机关署名", &f.signers),
            ("seals", "印章", &f.seals),
            ("notes", "附注", &f.notes),
        ] {
            if let Some(v) = v {
                rows.push(row(field, label, v.value.join("；"), v, false));
            }
        }
        if let Some(p) = &f.printed {
            let value = format!("{} {}", p.value.by, iso(p.value.date));
            rows.push(row(
                "printed",
                "印发机关和印发日期",
                value.trim().to_owned(),
                p,
                false,
            ));
        }
        rows
    }

    /// The values only the caller gives: kind, status, work key, version key, label, note.
    fn given_rows(&self) -> Vec<Row> {
        let o = &self.overrides;
        [
            ("kind", "类别", &o.kind),
            ("status", "状态", &o.status),
            ("work", "作品键", &o.work),
            ("key", "版本键", &o.key),
            ("index_no", "索引号", &o.index_no),
            ("registration_no", "登记号", &o.registration_no),
            ("label", "版本说明", &o.label),
            ("amended_by", "修改文件", &o.amended_by),
            ("note", "备注", &o.note),
        ]
        .into_iter()
        .filter_map(|(field, label, v)| {
            let v = v.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
            Some(Row {
                field,
                label,
                value: v.to_owned(),
                source: Source::Override,
                confidence: 1.0,
                stored: true,
            })
        })
        .collect()
    }
}

fn row<T>(
    field: &'static str,
    label: &'static str,
    value: String,
    f: &Field<T>,
    stored: bool,
) -> Row {
    Row {
        field,
        label,
        value,
        source: f.source.clone(),
        confidence: f.confidence,
        stored,
    }
}
