//! The metadata written before the references: identification, lifecycle, analysis and
//! temporal data.

use time::Date;

use super::super::xml::Xml;
use super::Export;
use crate::date::iso;
use crate::error::Result;
use crate::model::timeline::{ChangeSource, StatusChange};
use crate::model::{Status, Version, WorkId};
use crate::store::Registry;

pub(super) fn status_concept(s: Status) -> String {
    format!("status_{}", s.token())
}

pub(super) fn issuers(v: &Version) -> Vec<String> {
    v.meta
        .issuer
        .split('、')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A lifecycle event as written: its eId, date, kind and what it refers to.
pub(super) struct Event {
    pub eid: String,
    pub date: Date,
    /// `generation`, `amendment` or `repeal`; `None` for other status changes.
    pub kind: Option<&'static str>,
    pub source: String,
    pub refers_to: String,
    /// The version that starts here, for version events.
    pub version: Option<u32>,
    pub status: Option<Status>,
}

/// Status changes worth a lifecycle event: dated, and changing the status.
fn meaningful(reg: &Registry, work: WorkId, changes: &[StatusChange]) -> Result<Vec<StatusChange>> {
    let mut out = Vec::new();
    for c in changes {
        let Some(date) = c.date else { continue };
        let before = match date.previous_day() {
            Some(d) => Some(reg.status_as_of(work, d)?),
            None => None,
        };
        if before != Some(c.status) {
            out.push(c.clone());
        }
    }
    Ok(out)
}

impl Export<'_> {
    /// `identification`: FRBR Work, Expression and Manifestation.
    pub(super) fn identification(&self, x: &mut Xml) {
        let (ids, work, v) = (&self.ids, &self.work, self.version());
        let authors = issuers(v);
        let author_refs: Vec<String> = (1..=authors.len().max(1))
            .map(|i| format!("#issuer_{i}"))
            .collect();
        x.open("identification", &[("source", "#guifan")]);
        x.open("FRBRWork", &[]);
        x.empty("FRBRthis", &[("value", &ids.work_this)]);
        x.empty("FRBRuri", &[("value", &ids.work_uri)]);
        x.empty("FRBRdate", &[("date", &ids.work_date), ("name", "issued")]);
        for r in &author_refs {
            x.empty("FRBRauthor", &[("href", r), ("as", "#author")]);
        }
        x.empty("FRBRcountry", &[("value", &ids.country)]);
        if !v.meta.kind.trim().is_empty() {
            x.empty("FRBRsubtype", &[("value", v.meta.kind.trim())]);
        }
        let first_number = work.versions[0]
            .meta
            .doc_number
            .as_ref()
            .map(|n| n.canonical().to_owned());
        match first_number.as_deref().or(ids.number.as_deref()) {
            Some(n) => x.empty("FRBRnumber", &[("value", n)]),
            None => x.empty("FRBRnumber", &[("value", "nn")]),
        }
        x.empty("FRBRname", &[("value", &v.meta.title)]);
        x.empty("FRBRprescriptive", &[("value", "true")]);
        x.close("FRBRWork");
        x.open("FRBRExpression", &[]);
        x.empty("FRBRthis", &[("value", &ids.expression_this)]);
        x.empty("FRBRuri", &[("value", &ids.expression_uri)]);
        x.empty(
            "FRBRdate",
            &[("date", &ids.expression_date), ("name", "in force")],
        );
        for r in &author_refs {
            x.empty("FRBRauthor", &[("href", r), ("as", "#author")]);
        }
        x.empty("FRBRversionNumber", &[("value", &v.seq.to_string())]);
        x.empty("FRBRlanguage", &[("language", &ids.language)]);
        x.close("FRBRExpression");
        x.open("FRBRManifestation", &[]);
        x.empty("FRBRthis", &[("value", &ids.manifestation_this)]);
        x.empty("FRBRuri", &[("value", &ids.manifestation_uri)]);
        x.empty(
            "FRBRdate",
            &[("date", &ids.expression_date), ("name", "generation")],
        );
        x.empty("FRBRauthor", &[("href", "#guifan"), ("as", "#editor")]);
        x.empty("FRBRformat", &[("value", "application/akn+xml")]);
        x.close("FRBRManifestation");
        x.close("identification");
    }

    /// `lifecycle`: an event for each version and each status change that changed the
    /// status; returns the events, in date order.
    pub(super) fn lifecycle(&self, x: &mut Xml) -> Result<Vec<Event>> {
        let (reg, work, changes, ids) = (self.reg, &self.work, &self.changes, &self.ids);
        let mut events = Vec::new();
        let base = work.versions[0]
            .meta
            .in_force_from()
            .or_else(|| crate::date::from_iso(&ids.work_date));
        for v in &work.versions {
            let Some(date) = v.meta.in_force_from().or(base) else {
                continue;
            };
            let first = v.seq == work.versions[0].seq;
            events.push(Event {
                eid: String::new(),
                date,
                kind: Some(if first { "generation" } else { "amendment" }),
                source: if first {
                    "#original".to_owned()
                } else {
                    format!("#amendment_{}", v.seq)
                },
                refers_to: format!("#version_{}", v.seq),
                version: Some(v.seq),
                status: None,
            });
        }
        for (i, c) in meaningful(reg, work.id, changes)?.into_iter().enumerate() {
            let Some(date) = c.date else { continue };
            let repeal = matches!(c.status, Status::Repealed | Status::Invalidated);
            // A valid status from a version's own record is the version's event itself.
            if c.status == Status::Valid
                && matches!(c.source, ChangeSource::Record { .. })
                && events.iter().any(|e| e.date == date && e.version.is_some())
            {
                continue;
            }
            events.push(Event {
                eid: String::new(),
                date,
                kind: repeal.then_some("repeal"),
                source: format!("#status_source_{}", i + 1),
                refers_to: format!("#{}", status_concept(c.status)),
                version: None,
                status: Some(c.status),
            });
        }
        events.sort_by_key(|e| e.date);
        for (i, e) in events.iter_mut().enumerate() {
            e.eid = format!("evt_{}", i + 1);
        }
        if events.is_empty() {
            return Ok(events);
        }
        x.open("lifecycle", &[("source", "#guifan")]);
        for e in &events {
            let date = iso(e.date);
            let mut attrs = vec![
                ("eId", e.eid.as_str()),
                ("date", date.as_str()),
                ("source", e.source.as_str()),
            ];
            if let Some(k) = e.kind {
                attrs.push(("type", k));
            }
            attrs.push(("refersTo", e.refers_to.as_str()));
            x.empty("eventRef", &attrs);
        }
        x.close("lifecycle");
        Ok(events)
    }

    /// `analysis`: the passive modifications (later versions, repeal).
    pub(super) fn analysis(&self, x: &mut Xml, events: &[Event]) {
        let work_uri = &self.ids.work_uri;
        let mods: Vec<(&str, &str)> = events
            .iter()
            .filter_map(|e| match (e.kind, e.version) {
                (Some("amendment"), Some(_)) => Some(("substitution", e.source.as_str())),
                (Some("repeal"), _) => Some(("repeal", e.source.as_str())),
                _ => None,
            })
            .collect();
        if mods.is_empty() {
            return;
        }
        x.open("analysis", &[("source", "#guifan")]);
        x.open("passiveModifications", &[]);
        for (i, (kind, source)) in mods.iter().enumerate() {
            let eid = format!("pmod_{}", i + 1);
            x.open("textualMod", &[("type", kind), ("eId", &eid)]);
            x.empty("source", &[("href", source)]);
            x.empty("destination", &[("href", work_uri)]);
            x.close("textualMod");
        }
        x.close("passiveModifications");
        x.close("analysis");
    }
}

/// `temporalData`: the period each version was in force.
pub(super) fn temporal(x: &mut Xml, events: &[Event]) {
    let versions: Vec<&Event> = events.iter().filter(|e| e.version.is_some()).collect();
    if versions.is_empty() {
        return;
    }
    let end_of_force = events.iter().find(|e| e.kind == Some("repeal"));
    x.open("temporalData", &[("source", "#guifan")]);
    for (i, e) in versions.iter().enumerate() {
        let eid = format!("tg_{}", i + 1);
        x.open("temporalGroup", &[("eId", &eid)]);
        let start = format!("#{}", e.eid);
        let end = versions
            .get(i + 1)
            .map(|n| format!("#{}", n.eid))
            .or_else(|| {
                end_of_force
                    .filter(|r| r.date >= e.date)
                    .map(|r| format!("#{}", r.eid))
            });
        match &end {
            Some(end) => x.empty(
                "timeInterval",
                &[("start", &start), ("end", end), ("refersTo", "#inForce")],
            ),
            None => x.empty(
                "timeInterval",
                &[("start", &start), ("refersTo", "#inForce")],
            ),
        }
        x.close("temporalGroup");
    }
    x.close("temporalData");
}
