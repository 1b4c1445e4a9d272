//! Reading an Akoma Ntoso 2.0 or 3.0 document into the registry.

use std::collections::HashMap;

use time::Date;

use super::Identifiers;
use super::body::{self, Layout, ReadArticle, text_of};
use super::tree::{self, Element, Limits, Node, Ns, xml_error};
use crate::date::from_iso;
use crate::error::{Error, Result};
use crate::interchange::{ImportReport, VersionSink};
use crate::model::{DocNumber, HistoryEvent, Meta, NewVersion, Status};
use crate::store::{InitialStatus, NewArticle, Registry};
use crate::text::structure;

/// The document types of Akoma Ntoso: each opens a scope of its own for eIds.
const DOC_TYPES: &[&str] = &[
    "act",
    "bill",
    "doc",
    "statement",
    "judgment",
    "debate",
    "debateReport",
    "amendment",
    "amendmentList",
    "officialGazette",
    "documentCollection",
    "portion",
];

/// Refuses duplicate ids: `xml:id` in the whole file, `eId`, `wId`, `GUID` and (2.0) `id`
/// within one document.
fn check_ids(root: &Element) -> Result<()> {
    fn walk<'a>(
        e: &'a Element,
        global: &mut HashMap<&'a str, usize>,
        scope: &mut HashMap<(&'static str, &'a str), usize>,
    ) -> Result<()> {
        if let Some(v) = e.attr("xml:id")
            && let Some(first) = global.insert(v, e.line)
        {
            return Err(xml_error(
                Some(e.line),
                format!(
                    "duplicate id `{v}` (xml:id) on lines {first} and {}; ids must be unique",
                    e.line
                ),
            ));
        }
        for name in ["eId", "wId", "GUID", "id"] {
            if let Some(v) = e.attr(name)
                && let Some(first) = scope.insert((name, v), e.line)
            {
                return Err(xml_error(
                    Some(e.line),
                    format!(
                        "duplicate id `{v}` ({name}) on lines {first} and {}; ids must be unique \
                         within a document",
                        e.line
                    ),
                ));
            }
        }
        for c in e.elements() {
            if matches!(c.ns, Ns::Akn(_)) && DOC_TYPES.contains(&c.name.as_str()) {
                let mut inner = HashMap::new();
                walk(c, global, &mut inner)?;
            } else {
                walk(c, global, scope)?;
            }
        }
        Ok(())
    }
    let mut global = HashMap::new();
    let mut scope = HashMap::new();
    walk(root, &mut global, &mut scope)
}

fn value<'a>(parent: &'a Element, name: &str, attr: &str) -> Option<&'a str> {
    parent
        .child(name)
        .and_then(|e| e.attr(attr))
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

fn date_attr(s: Option<&str>) -> Option<Date> {
    s.and_then(|s| s.get(..10)).and_then(from_iso)
}

/// A reference of `references`: its href and name.
struct Reference<'a> {
    href: Option<&'a str>,
    show_as: Option<&'a str>,
}

fn references(meta: &Element) -> HashMap<&str, Reference<'_>> {
    let mut refs = HashMap::new();
    for r in meta.children_named("references") {
        for e in r.elements() {
            let Some(id) = e
                .attr("eId")
                .or_else(|| e.attr("id"))
                .or_else(|| e.attr("xml:id"))
            else {
                continue;
            };
            refs.insert(
                id,
                Reference {
                    href: e.attr("href"),
                    show_as: e.attr("showAs"),
                },
            );
        }
    }
    refs
}

/// A lifecycle event.
struct LifeEvent {
    date: Date,
    kind: String,
    source: Option<String>,
}

/// guifan's own metadata, when the document carries it.
#[derive(Default)]
struct Guifan<'a> {
    document: Option<&'a Element>,
    history: Vec<HistoryEvent>,
    changes: Vec<&'a Element>,
    layout: Option<Layout>,
    text: Option<String>,
}

fn plain_text(e: &Element) -> String {
    let mut s = String::new();
    for n in &e.children {
        if let Node::Text(t) = n {
            s.push_str(t);
        }
    }
    s
}

fn guifan(meta: &Element) -> Result<Guifan<'_>> {
    let mut g = Guifan::default();
    for p in meta.children_named("proprietary") {
        for e in p.elements().filter(|e| e.ns == Ns::Guifan) {
            match e.name.as_str() {
                "document" => g.document = Some(e),
                "history" => {
                    for ev in e
                        .elements()
                        .filter(|x| x.ns == Ns::Guifan && x.name == "event")
                    {
                        g.history.push(HistoryEvent {
                            date: ev.attr("date").and_then(from_iso),
                            event: plain_text(ev),
                        });
                    }
                }
                "statusChange" => g.changes.push(e),
                "layout" => {
                    let gap = e
                        .attr("gap")
                        .and_then(|g| g.parse::<usize>().ok())
                        .filter(|g| (1..=4).contains(g))
                        .ok_or_else(|| {
                            xml_error(Some(e.line), "`gf:layout` needs a `gap` of 1 to 4")
                        })?;
                    let trailing = e
                        .attr("trailing")
                        .map_or(Some(0), |t| t.parse::<usize>().ok())
                        .filter(|t| *t <= 4)
                        .ok_or_else(|| {
                            xml_error(Some(e.line), "`gf:layout` needs a `trailing` of 0 to 4")
                        })?;
                    g.layout = Some(Layout {
                        gap,
                        article_sep: e.attr("articleSep").unwrap_or("\u{3000}").to_owned(),
                        heading_sep: e.attr("headingSep").unwrap_or("\u{3000}").to_owned(),
                        trailing,
                    });
                }
                "text" => g.text = Some(plain_text(e)),
                _ => {}
            }
        }
    }
    Ok(g)
}

fn gf_date(e: &Element, name: &str) -> Result<Option<Date>> {
    match e.attr(name) {
        None => Ok(None),
        Some(s) => crate::date::parse_date(name, s)
            .map(Some)
            .map_err(|_| xml_error(Some(e.line), format!("`{name}` = `{s}` is not a date"))),
    }
}

/// A document read, ready to be stored.
pub(super) struct Read {
    /// The work the version belongs to: guifan's work key, else the Work IRI, else the title.
    pub work_key: String,
    /// The version's number in its work.
    pub seq: u32,
    /// The version to store.
    pub version: NewVersion,
    /// The status the document states for its work, if any.
    pub status: Option<InitialStatus>,
    /// The FRBR identifiers as the document gives them.
    pub ids: Identifiers,
    /// Articles of the XML, for a text the parser cannot read by articles.
    pub articles: Vec<NewArticle>,
    /// Status changes made by hand or by campaigns in the registry the file came from.
    pub changes: Vec<(Status, Date, Option<String>)>,
}

/// Reads one document without touching a registry; see the `akn` module documentation.
pub(super) fn read(xml: &str, limits: Limits) -> Result<Read> {
    let root = tree::parse(xml, limits)?;
    let doc = document_of(&root)?;
    let frbr = Frbr::of(doc)?;
    let refs = references(frbr.meta);
    let g = guifan(frbr.meta)?;
    let facts = Facts::read(&frbr, &refs);
    let ids = facts.identifiers(&frbr);
    let title = facts.title(&frbr)?;
    let issuer = issuer(frbr.work, &refs);
    let kind = value(frbr.work, "FRBRsubtype", "value")
        .or_else(|| doc.attr("name"))
        .unwrap_or(doc.name.as_str())
        .to_owned();

    // The text and its layout.
    let layout = g.layout.clone().unwrap_or_default();
    let read = body::read_with_components(doc, root.child("components"), &layout);
    let text = g.text.clone().unwrap_or_else(|| read.text.clone());

    let (work_key, seq, mut version, status) = match g.document {
        Some(d) => own_document(d, &g, &title, &kind, &issuer, text)?,
        None => facts.version(title, kind, issuer, text),
    };
    // The limits are checked before the text is parsed (and again when it is stored).
    version.check()?;
    crate::limits::check_articles(read.articles.len())?;
    let changes = imported_changes(&g)?;
    let articles = if g.text.is_none()
        && !read.articles.is_empty()
        && structure::parse(&version.body).articles().next().is_none()
    {
        xml_articles(&read.articles)
    } else {
        Vec::new()
    };
    Ok(Read {
        work_key,
        seq,
        version,
        status,
        ids,
        articles,
        changes,
    })
}

/// The document inside the root `akomaNtoso`, once the root and the ids are checked.
fn document_of(root: &Element) -> Result<&Element> {
    if !root.is("akomaNtoso") {
        let ns = match &root.ns {
            Ns::Other(n) => format!(" in namespace `{n}`"),
            Ns::None => " without a namespace".to_owned(),
            _ => String::new(),
        };
        return Err(xml_error(
            Some(root.line),
            format!(
                "not an Akoma Ntoso document: the root element is `{}`{ns}, expected \
                 `akomaNtoso` in the 2.0 or 3.0 namespace",
                root.name
            ),
        ));
    }
    check_ids(root)?;
    root.elements()
        .find(|e| matches!(e.ns, Ns::Akn(_)))
        .ok_or_else(|| xml_error(Some(root.line), "`akomaNtoso` holds no document"))
}

/// A document with the parts of its `meta` that identify it.
struct Frbr<'a> {
    doc: &'a Element,
    meta: &'a Element,
    work: &'a Element,
    expression: &'a Element,
    manifestation: Option<&'a Element>,
}

impl<'a> Frbr<'a> {
    /// Finds `meta`, `identification`, `FRBRWork` and `FRBRExpression` (required) and
    /// `FRBRManifestation` (optional).
    fn of(doc: &'a Element) -> Result<Self> {
        let missing = |what: &str, at: &Element| {
            xml_error(Some(at.line), format!("`{}` has no `{what}`", at.name))
        };
        let meta = doc.child("meta").ok_or_else(|| missing("meta", doc))?;
        let ident = meta
            .child("identification")
            .ok_or_else(|| missing("identification", meta))?;
        let work = ident
            .child("FRBRWork")
            .ok_or_else(|| missing("FRBRWork", ident))?;
        let expression = ident
            .child("FRBRExpression")
            .ok_or_else(|| missing("FRBRExpression", ident))?;
        Ok(Frbr {
            doc,
            meta,
            work,
            expression,
            manifestation: ident.child("FRBRManifestation"),
        })
    }
}

/// What a document says of itself in its FRBR identification and lifecycle.
struct Facts<'a> {
    work_uri: Option<String>,
    expression_uri: Option<String>,
    work_date: Option<Date>,
    expression_date: Option<Date>,
    /// The number the work shows (`FRBRnumber`).
    number: Option<&'a str>,
    /// The version number the expression states (`FRBRversionNumber`).
    version_number: Option<u32>,
    /// The lifecycle, in date order.
    events: Vec<LifeEvent>,
}

impl<'a> Facts<'a> {
    /// Reads the identifiers, dates and lifecycle.
    fn read(frbr: &Frbr<'a>, refs: &HashMap<&str, Reference<'_>>) -> Self {
        let (fw, fe) = (frbr.work, frbr.expression);
        Facts {
            work_uri: value(fw, "FRBRuri", "value")
                .or_else(|| value(fw, "FRBRthis", "value"))
                .map(str::to_owned),
            expression_uri: value(fe, "FRBRuri", "value")
                .or_else(|| value(fe, "FRBRthis", "value"))
                .map(str::to_owned),
            work_date: date_attr(value(fw, "FRBRdate", "date")),
            expression_date: date_attr(value(fe, "FRBRdate", "date")),
            number: fw
                .child("FRBRnumber")
                .and_then(|e| e.attr("showAs").or_else(|| e.attr("value")))
                .map(str::trim)
                .filter(|v| !v.is_empty()),
            version_number: value(fe, "FRBRversionNumber", "value")
                .and_then(|v| v.parse::<u32>().ok()),
            events: lifecycle(frbr.meta, refs),
        }
    }

    /// The identifiers as the document gives them, kept to be written back on export.
    fn identifiers(&self, frbr: &Frbr<'_>) -> Identifiers {
        let (fw, fe, fm) = (frbr.work, frbr.expression, frbr.manifestation);
        let akn_version = match frbr.doc.ns {
            Ns::Akn(v) => v,
            _ => 3,
        };
        Identifiers {
            doc_type: frbr.doc.name.clone(),
            work_this: value(fw, "FRBRthis", "value").unwrap_or("").to_owned(),
            work_uri: self.work_uri.clone().unwrap_or_default(),
            work_date: self.work_date.map(crate::date::iso).unwrap_or_default(),
            country: value(fw, "FRBRcountry", "value").unwrap_or("").to_owned(),
            number: value(fw, "FRBRnumber", "value").map(str::to_owned),
            expression_this: value(fe, "FRBRthis", "value").unwrap_or("").to_owned(),
            expression_uri: self.expression_uri.clone().unwrap_or_default(),
            expression_date: self
                .expression_date
                .map(crate::date::iso)
                .unwrap_or_default(),
            language: value(fe, "FRBRlanguage", "language")
                .unwrap_or("und")
                .to_owned(),
            manifestation_this: fm
                .and_then(|m| value(m, "FRBRthis", "value"))
                .unwrap_or("")
                .to_owned(),
            manifestation_uri: fm
                .and_then(|m| value(m, "FRBRuri", "value"))
                .unwrap_or("")
                .to_owned(),
            akn_version,
        }
    }

    /// The title: `docTitle`, else the work's `FRBRname`, else `shortTitle`, else the work's
    /// URI.
    fn title(&self, frbr: &Frbr<'_>) -> Result<String> {
        let doc = frbr.doc;
        doc.find(&|e: &Element| e.is("docTitle"))
            .map(text_of)
            .filter(|t| !t.trim().is_empty())
            .or_else(|| value(frbr.work, "FRBRname", "value").map(str::to_owned))
            .or_else(|| {
                doc.find(&|e: &Element| e.is("shortTitle"))
                    .map(text_of)
                    .filter(|t| !t.trim().is_empty())
            })
            .or_else(|| self.work_uri.clone())
            .ok_or_else(|| xml_error(Some(doc.line), "the document has no title and no FRBR Work"))
    }

    /// The version of a document from elsewhere, read from its identification and
    /// lifecycle: its work key, number, version and the status its lifecycle implies.
    fn version(&self, title: String, kind: String, issuer: String, text: String) -> Own {
        let events = &self.events;
        let versions_before = |date: Date| {
            events
                .iter()
                .filter(|e| (e.kind == "generation" || e.kind == "amendment") && e.date <= date)
                .count()
        };
        let seq_from_lifecycle = self.expression_date.map(versions_before).filter(|&n| n > 0);
        let seq = self
            .version_number
            .or(seq_from_lifecycle.map(|n| n as u32))
            .unwrap_or(1)
            .max(1);
        let amended_later = self
            .expression_date
            .is_some_and(|d| events.iter().any(|e| e.kind == "amendment" && e.date > d));
        let version_date = if seq > 1 {
            events
                .iter()
                .filter(|e| e.kind == "generation" || e.kind == "amendment")
                .nth(seq as usize - 1)
                .map(|e| e.date)
                .or(self.expression_date)
        } else {
            None
        };
        let meta_fields = Meta {
            title: title.trim().to_owned(),
            kind,
            issuer,
            doc_number: self.number.and_then(|n| DocNumber::parse(n).ok()),
            registration_no: None,
            index_no: None,
            signed: None,
            issued: if seq == 1 {
                self.work_date
            } else {
                version_date
            },
            effective: version_date,
            expires: None,
        };
        let status = self.lifecycle_status(amended_later, meta_fields.in_force_from());
        let version = NewVersion {
            key: self.expression_uri.clone().filter(|k| !k.is_empty()),
            meta: meta_fields,
            label: None,
            body: text,
            history: self.history(),
            amended_by: None,
            note: None,
            superseded: amended_later,
        };
        let work_key = self
            .work_uri
            .clone()
            .filter(|w| !w.is_empty())
            .unwrap_or(title);
        (work_key, seq, version, status)
    }

    /// The lifecycle as history events, each with its source.
    fn history(&self) -> Vec<HistoryEvent> {
        self.events
            .iter()
            .map(|e| HistoryEvent {
                date: Some(e.date),
                event: match &e.source {
                    Some(s) => format!("{}（{s}）", e.kind),
                    None => e.kind.clone(),
                },
            })
            .collect()
    }

    /// The status the lifecycle implies: repealed on a `repeal` event, superseded when
    /// amended after the expression, none otherwise.
    fn lifecycle_status(
        &self,
        amended_later: bool,
        in_force: Option<Date>,
    ) -> Option<InitialStatus> {
        match self.events.iter().find(|e| e.kind == "repeal") {
            Some(r) => Some(InitialStatus {
                status: Status::Repealed,
                date: Some(r.date),
                reason: r.source.clone(),
            }),
            None if amended_later => Some(InitialStatus {
                status: Status::Valid,
                date: in_force,
                reason: Some("已修改：被后续版本取代".to_owned()),
            }),
            None => None,
        }
    }
}

/// The lifecycle's dated events, in date order, each with the name of its source.
fn lifecycle(meta: &Element, refs: &HashMap<&str, Reference<'_>>) -> Vec<LifeEvent> {
    let mut events: Vec<LifeEvent> = Vec::new();
    for l in meta.children_named("lifecycle") {
        for e in l.children_named("eventRef") {
            let Some(date) = date_attr(e.attr("date")) else {
                continue;
            };
            let source = e
                .attr("source")
                .and_then(|s| s.strip_prefix('#'))
                .and_then(|s| refs.get(s))
                .and_then(|r| r.show_as.or(r.href))
                .map(str::to_owned);
            events.push(LifeEvent {
                date,
                kind: e.attr("type").unwrap_or("event").to_owned(),
                source,
            });
        }
    }
    events.sort_by_key(|e| e.date);
    events
}

/// The issuer: the work's authors, by the name their reference shows, joined with `、`.
fn issuer(fw: &Element, refs: &HashMap<&str, Reference<'_>>) -> String {
    fw.children_named("FRBRauthor")
        .filter_map(|a| a.attr("href"))
        .map(
            |href| match href.strip_prefix('#').and_then(|id| refs.get(id)) {
                Some(r) => r.show_as.or(r.href).unwrap_or(href).to_owned(),
                None => href.to_owned(),
            },
        )
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("、")
}

/// The status changes of guifan's block that the registry the file came from made by hand or
/// by campaigns (those of the version record are the version's own status).
fn imported_changes(g: &Guifan<'_>) -> Result<Vec<(Status, Date, Option<String>)>> {
    let mut changes = Vec::new();
    for c in &g.changes {
        if c.attr("source") == Some("record") {
            continue;
        }
        let status = Status::parse(c.attr("status").unwrap_or(""))
            .map_err(|_| xml_error(Some(c.line), "`gf:statusChange` has a bad `status`"))?;
        if let Some(date) = gf_date(c, "date")? {
            changes.push((status, date, c.attr("reason").map(str::to_owned)));
        }
    }
    Ok(changes)
}

/// The articles read from the XML, as stored.
fn xml_articles(read: &[(ReadArticle, usize, usize)]) -> Vec<NewArticle> {
    read.iter()
        .map(|(a, start, end)| NewArticle {
            number: a.number,
            suffix: a.suffix,
            eid: a.eid.clone(),
            start: *start,
            end: *end,
            path: a.path.clone(),
        })
        .collect()
}

/// Imports one document, in one transaction, calling `sink` with the version stored.
pub(super) fn import(
    reg: &mut Registry,
    xml: &str,
    limits: Limits,
    sink: &mut VersionSink<'_>,
) -> Result<ImportReport> {
    let Read {
        work_key,
        seq,
        version,
        status,
        ids,
        articles,
        changes,
    } = read(xml, limits)?;
    reg.atomic_whole(|reg| {
        let title = version.meta.title.clone();
        let body = version.body.clone();
        let outcome = reg
            .put_version(Some(&work_key), Some(seq), version, status)
            .map_err(|e| match e {
                Error::Conflict(m) => Error::Conflict(format!(
                    "{m}: the work `{work_key}` already holds version {seq} (a registry keeps \
                     one expression per version, in one language)"
                )),
                other => other,
            })?;
        sink(outcome.work, outcome.seq, title.trim(), &body)?;
        reg.set_akn_identifiers(outcome.work, outcome.seq, &ids)?;
        if !articles.is_empty() {
            reg.set_articles(outcome.work, outcome.seq, &articles)?;
        }
        let mut report = ImportReport {
            records: 1,
            documents: 1,
            works_created: u64::from(outcome.created),
            ..ImportReport::default()
        };
        for (status, date, reason) in &changes {
            if reg.record_imported_status(outcome.work, *status, *date, reason.as_deref())? {
                report.status_changes += 1;
            }
        }
        Ok(report)
    })
}

type Own = (String, u32, NewVersion, Option<InitialStatus>);

/// A document written by guifan: its own metadata.
fn own_document(
    d: &Element,
    g: &Guifan<'_>,
    title: &str,
    kind: &str,
    issuer: &str,
    text: String,
) -> Result<Own> {
    let bad = |what: &str| xml_error(Some(d.line), format!("`gf:document` {what}"));
    let work_key = d
        .attr("work")
        .ok_or_else(|| bad("has no `work`"))?
        .to_owned();
    let seq: u32 = d
        .attr("version")
        .and_then(|v| v.parse().ok())
        .filter(|&v| v > 0)
        .ok_or_else(|| bad("has no `version` number"))?;
    let doc_number = d
        .attr("docNumber")
        .map(DocNumber::parse)
        .transpose()
        .map_err(|e| xml_error(Some(d.line), format!("`docNumber`: {e}")))?;
    let meta = Meta {
        title: d.attr("title").unwrap_or(title).to_owned(),
        kind: d.attr("kind").unwrap_or(kind).to_owned(),
        issuer: d.attr("issuer").unwrap_or(issuer).to_owned(),
        doc_number,
        registration_no: d.attr("registrationNo").map(str::to_owned),
        index_no: d.attr("indexNo").map(str::to_owned),
        signed: gf_date(d, "signed")?,
        issued: gf_date(d, "issued")?,
        effective: gf_date(d, "effective")?,
        expires: gf_date(d, "expires")?,
    };
    let status = match g
        .changes
        .iter()
        .find(|c| c.attr("source") == Some("record"))
    {
        Some(c) => Some(InitialStatus {
            status: Status::parse(c.attr("status").unwrap_or(""))
                .map_err(|_| xml_error(Some(c.line), "`gf:statusChange` has a bad `status`"))?,
            date: gf_date(c, "date")?,
            reason: c.attr("reason").map(str::to_owned),
        }),
        None => None,
    };
    let version = NewVersion {
        key: d.attr("key").map(str::to_owned),
        meta,
        label: d.attr("label").map(str::to_owned),
        body: text,
        history: g.history.clone(),
        amended_by: d.attr("amendedBy").map(str::to_owned),
        note: d.attr("note").map(str::to_owned),
        superseded: d.attr("superseded") == Some("true"),
    };
    Ok((work_key, seq, version, status))
}
