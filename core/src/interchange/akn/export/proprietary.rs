//! `proprietary` (namespace `urn:guifan:akn:1`): what a guifan registry needs to take the
//! document back unchanged.

use super::super::body::Layout;
use super::super::xml::Xml;
use super::Export;
use crate::date::iso;
use crate::error::Result;
use crate::model::timeline::{ChangeSource, StatusChange};

/// Attributes built as owned strings, written borrowed.
#[derive(Default)]
struct Attrs(Vec<(&'static str, String)>);

impl Attrs {
    fn push(&mut self, name: &'static str, value: impl Into<String>) {
        self.0.push((name, value.into()));
    }

    fn opt(&mut self, name: &'static str, value: Option<String>) {
        if let Some(v) = value {
            self.0.push((name, v));
        }
    }

    fn borrowed(&self) -> Vec<(&str, &str)> {
        self.0.iter().map(|(k, v)| (*k, v.as_str())).collect()
    }
}

impl Export<'_> {
    /// The proprietary block: the version's record, its source's history, the status changes
    /// that make the work's history, and the layout (or the text itself).
    pub(super) fn proprietary(&self, x: &mut Xml) -> Result<()> {
        x.open("proprietary", &[("source", "#guifan")]);
        self.document_record(x);
        self.source_history(x);
        for c in self.kept_changes()? {
            status_change(x, c);
        }
        match &self.layout {
            Some(l) if *l == Layout::default() => {}
            Some(l) => {
                let gap = l.gap.to_string();
                let trailing = l.trailing.to_string();
                x.empty(
                    "gf:layout",
                    &[
                        ("gap", &gap),
                        ("articleSep", &l.article_sep),
                        ("headingSep", &l.heading_sep),
                        ("trailing", &trailing),
                    ],
                );
            }
            None => x.leaf("gf:text", &[], &self.text),
        }
        x.close("proprietary");
        Ok(())
    }

    /// `gf:document`: keys, label and every field of the version's record.
    fn document_record(&self, x: &mut Xml) {
        let v = self.version();
        let m = &v.meta;
        let mut a = Attrs::default();
        a.push("work", self.work.key.clone());
        a.push("version", v.seq.to_string());
        a.opt("key", v.key.clone());
        a.push("title", m.title.clone());
        a.push("kind", m.kind.clone());
        a.push("issuer", m.issuer.clone());
        a.opt(
            "docNumber",
            m.doc_number.as_ref().map(|n| n.raw().to_owned()),
        );
        a.opt("registrationNo", m.registration_no.clone());
        a.opt("indexNo", m.index_no.clone());
        a.opt("signed", m.signed.map(iso));
        a.opt("issued", m.issued.map(iso));
        a.opt("effective", m.effective.map(iso));
        a.opt("expires", m.expires.map(iso));
        a.push("label", v.label.clone());
        if v.superseded {
            a.push("superseded", "true");
        }
        a.opt("amendedBy", v.amended_by.clone());
        a.opt("note", v.note.clone());
        x.empty("gf:document", &a.borrowed());
    }

    /// `gf:history`: the events the source records.
    fn source_history(&self, x: &mut Xml) {
        let history = &self.version().history;
        if history.is_empty() {
            return;
        }
        x.open("gf:history", &[]);
        for e in history {
            match e.date {
                Some(d) => x.leaf("gf:event", &[("date", &iso(d))], &e.event),
                None => x.leaf("gf:event", &[], &e.event),
            }
        }
        x.close("gf:history");
    }

    /// The status changes that make the work's history: the one this version's record
    /// states, changes by hand, and campaign decisions that changed something.
    fn kept_changes(&self) -> Result<Vec<&StatusChange>> {
        let seq = self.version().seq;
        let mut kept = Vec::new();
        for c in &self.changes {
            let keep = match &c.source {
                ChangeSource::Record { version } => *version == seq,
                ChangeSource::Manual => true,
                ChangeSource::Campaign { .. } => match c.date {
                    None => false,
                    Some(d) => match d.previous_day() {
                        None => true,
                        Some(before) => self.reg.status_as_of(self.work.id, before)? != c.status,
                    },
                },
            };
            if keep {
                kept.push(c);
            }
        }
        Ok(kept)
    }
}

/// `gf:statusChange`.
fn status_change(x: &mut Xml, c: &StatusChange) {
    let mut a = Attrs::default();
    a.push("status", c.status.token());
    a.opt("date", c.date.map(iso));
    let source = match &c.source {
        ChangeSource::Record { .. } => "record",
        ChangeSource::Manual => "manual",
        ChangeSource::Campaign { key } => {
            a.push("campaign", key.clone());
            "campaign"
        }
    };
    a.push("source", source);
    a.opt("reason", c.reason.clone());
    x.empty("gf:statusChange", &a.borrowed());
}
