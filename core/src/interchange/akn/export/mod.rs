//! Writing a version as an Akoma Ntoso 3.0 document: an [`Export`] holds what the parts of the
//! document are written from (the work, the version, its text, identifiers, status changes,
//! relations); each part is a method (`meta`, `references`, `proprietary`, `text`).

mod meta;
mod proprietary;
mod references;
mod text;

use super::naming::{self, Names};
use super::tree::{AKN3, GUIFAN};
use super::xml::Xml;
use super::{Identifiers, Which};
use crate::date::iso;
use crate::error::{Error, Result};
use crate::model::timeline::StatusChange;
use crate::model::{Version, Work, WorkId};
use crate::store::{Registry, RelationView};
use crate::text::structure;

use super::body;
use body::Layout;

/// What one version's document is written from.
pub(super) struct Export<'r> {
    reg: &'r Registry,
    work: Work,
    /// The version's index in `work.versions`.
    index: usize,
    text: String,
    names: Names,
    ids: Identifiers,
    changes: Vec<StatusChange>,
    relations: Vec<RelationView>,
    /// The layout under which the written body reads back as the text; `None` when none
    /// does, and the text itself goes into the proprietary block.
    layout: Option<Layout>,
}

impl Export<'_> {
    /// The version written.
    fn version(&self) -> &Version {
        &self.work.versions[self.index]
    }
}

/// The index of the version `which` names.
fn version_index(work: &Work, which: Which) -> Result<usize> {
    Ok(match which {
        Which::Latest => work.versions.len() - 1,
        Which::Version(seq) => work
            .versions
            .iter()
            .position(|v| v.seq == seq)
            .ok_or_else(|| Error::not_found("version", format!("{} v{seq}", work.name())))?,
        Which::AsOf(date) => {
            let v = work.version_in_force(date).ok_or_else(|| {
                Error::not_found("version in force", format!("{} {}", work.name(), iso(date)))
            })?;
            work.versions
                .iter()
                .position(|x| x.seq == v.seq)
                .unwrap_or(work.versions.len() - 1)
        }
    })
}

/// Writes one version of a work; see the `akn` module documentation.
pub(super) fn export(reg: &Registry, id: WorkId, which: Which) -> Result<String> {
    let work = reg.work(id)?;
    let index = version_index(&work, which)?;
    let v = &work.versions[index];
    let text = reg.text(id, v.seq)?;
    let parsed = structure::parse(&text);
    let names = naming::names(&work, v);
    let ids = Identifiers::of(&names, reg.akn_identifiers(id, v.seq)?.as_ref());
    let number = v.meta.doc_number.as_ref().map(|n| n.canonical());
    let body_tag = if ids.doc_type == "act" {
        "body"
    } else {
        "mainBody"
    };
    let (b, layout) = text::find_layout(&text, &parsed, &v.meta.title, number, body_tag)?;
    let e = Export {
        reg,
        changes: reg.status_changes(id)?,
        relations: reg.relations(id)?,
        work,
        index,
        text,
        names,
        ids,
        layout,
    };
    let v = e.version();
    let mut x = Xml::new();
    x.open("akomaNtoso", &[("xmlns", AKN3), ("xmlns:gf", GUIFAN)]);
    let contains = if e.work.versions.len() == 1 {
        "originalVersion"
    } else {
        "singleVersion"
    };
    x.open(
        &e.ids.doc_type,
        &[("name", v.meta.kind.trim()), ("contains", contains)],
    );
    x.open("meta", &[]);
    e.identification(&mut x);
    let events = e.lifecycle(&mut x)?;
    e.analysis(&mut x, &events);
    meta::temporal(&mut x, &events);
    e.references(&mut x, &events)?;
    e.proprietary(&mut x)?;
    x.close("meta");
    text::write_body(&mut x, &b, body_tag);
    x.close(&e.ids.doc_type);
    x.close("akomaNtoso");
    Ok(x.finish())
}
