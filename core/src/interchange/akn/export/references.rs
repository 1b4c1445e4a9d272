//! `references`: the original, the documents that amend or repeal the work, the issuers, the
//! place, and the concepts the lifecycle refers to.

use super::super::naming;
use super::super::xml::Xml;
use super::Export;
use super::meta::{Event, issuers, status_concept};
use crate::error::Result;
use crate::model::{RelationKind, Status};
use crate::store::RelationView;

impl Export<'_> {
    /// `references`, for the lifecycle `events`.
    pub(super) fn references(&self, x: &mut Xml, events: &[Event]) -> Result<()> {
        x.open("references", &[("source", "#guifan")]);
        self.original(x);
        self.passive_refs(x, events)?;
        self.organizations(x);
        self.concepts(x, events);
        x.close("references");
        Ok(())
    }

    /// The first version of the work.
    fn original(&self, x: &mut Xml) {
        let first = &self.work.versions[0];
        let href = if first.seq == self.version().seq {
            self.ids.expression_uri.clone()
        } else {
            naming::names(&self.work, first).expression_uri
        };
        x.empty(
            "original",
            &[
                ("eId", "original"),
                ("href", &href),
                ("showAs", &first.meta.title),
            ],
        );
    }

    /// The sources of the lifecycle events after the original: the later versions, and the
    /// document that repealed the work (else the status itself).
    fn passive_refs(&self, x: &mut Xml, events: &[Event]) -> Result<()> {
        let work = &self.work;
        let first = &work.versions[0];
        let repealers: Vec<&RelationView> = self
            .relations
            .iter()
            .filter(|r| {
                r.direction == "incoming" && r.kind == RelationKind::Repeals && r.other.is_some()
            })
            .collect();
        for e in events {
            if let Some(seq) = e.version.filter(|&s| s != first.seq) {
                let Some(later) = work.versions.iter().find(|w| w.seq == seq) else {
                    continue;
                };
                let show = later
                    .amended_by
                    .clone()
                    .unwrap_or_else(|| format!("第{}版（{}）", later.seq, later.label));
                x.empty(
                    "passiveRef",
                    &[
                        ("eId", &e.source[1..]),
                        ("href", &naming::names(work, later).expression_uri),
                        ("showAs", &show),
                    ],
                );
            } else if e.status.is_some() {
                let (href, show) = match (e.kind, repealers.first()) {
                    (Some("repeal"), Some(r)) => {
                        let other = self.reg.work(r.other.unwrap_or(work.id))?;
                        (
                            naming::names(&other, other.latest()).work_uri,
                            format!("《{}》", other.latest().meta.title),
                        )
                    }
                    _ => (
                        self.names.work_uri.clone(),
                        e.status.map(|s| s.label().to_owned()).unwrap_or_default(),
                    ),
                };
                x.empty(
                    "passiveRef",
                    &[("eId", &e.source[1..]), ("href", &href), ("showAs", &show)],
                );
            }
        }
        Ok(())
    }

    /// The issuers, guifan itself and the place.
    fn organizations(&self, x: &mut Xml) {
        let issuers = issuers(self.version());
        for (i, issuer) in issuers.iter().enumerate() {
            let eid = format!("issuer_{}", i + 1);
            let href = format!(
                "/akn/ontology/organizations/cn/{}",
                naming::component(issuer)
            );
            x.empty(
                "TLCOrganization",
                &[("eId", &eid), ("href", &href), ("showAs", issuer)],
            );
        }
        if issuers.is_empty() {
            x.empty(
                "TLCOrganization",
                &[
                    ("eId", "issuer_1"),
                    ("href", "/akn/ontology/organizations/cn/unknown"),
                    ("showAs", "未知"),
                ],
            );
        }
        x.empty(
            "TLCOrganization",
            &[
                ("eId", "guifan"),
                ("href", "/akn/ontology/organizations/guifan"),
                ("showAs", "guifan"),
            ],
        );
        let place = &self.names.place;
        if place != "national" {
            let href = format!("/akn/ontology/locations/cn/{}", naming::component(place));
            x.empty(
                "TLCLocation",
                &[("eId", "place"), ("href", &href), ("showAs", place)],
            );
        }
    }

    /// The roles, the in-force concept, a concept per version and per status the lifecycle
    /// refers to.
    fn concepts(&self, x: &mut Xml, events: &[Event]) {
        for (eid, href, show) in [
            ("author", "/akn/ontology/roles/author", "制定机关"),
            ("editor", "/akn/ontology/roles/editor", "编辑"),
        ] {
            x.empty("TLCRole", &[("eId", eid), ("href", href), ("showAs", show)]);
        }
        x.empty(
            "TLCConcept",
            &[
                ("eId", "inForce"),
                ("href", "/akn/ontology/concepts/inForce"),
                ("showAs", "施行"),
            ],
        );
        for ver in &self.work.versions {
            let eid = format!("version_{}", ver.seq);
            let href = format!("/akn/ontology/concepts/cn/version/{}", ver.seq);
            let show = format!("第{}版（{}）", ver.seq, ver.label);
            x.empty(
                "TLCConcept",
                &[("eId", &eid), ("href", &href), ("showAs", &show)],
            );
        }
        let mut statuses: Vec<Status> = events.iter().filter_map(|e| e.status).collect();
        statuses.sort_by_key(|s| s.token());
        statuses.dedup();
        for s in statuses {
            let href = format!("/akn/ontology/concepts/cn/status/{}", s.token());
            x.empty(
                "TLCConcept",
                &[
                    ("eId", &status_concept(s)),
                    ("href", &href),
                    ("showAs", s.label()),
                ],
            );
        }
    }
}
