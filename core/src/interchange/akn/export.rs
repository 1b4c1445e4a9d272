//! Writing a version as an Akoma Ntoso 3.0 document.

use time::Date;

use super::body::{self, Body, Layout, Line, Mark, Part};
use super::naming::{self, Names};
use super::tree::{self, AKN3, GUIFAN, Limits};
use super::{Identifiers, Which};
use crate::date::iso;
use crate::error::{Error, Result};
use crate::model::timeline::{ChangeSource, StatusChange};
use crate::model::{RelationKind, Status, Version, Work, WorkId};
use crate::store::Registry;
use crate::text::structure;

/// A small writer of indented XML. Text goes inside one line with its element, so no
/// whitespace is added to mixed content.
pub(super) struct Xml {
    out: String,
    depth: usize,
}

/// Replaces the characters XML 1.0 cannot carry.
fn xml_chars(s: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}');
    if s.chars().any(bad) {
        std::borrow::Cow::Owned(
            s.chars()
                .map(|c| if bad(c) { '\u{fffd}' } else { c })
                .collect(),
        )
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

fn escape_text(s: &str) -> String {
    escape(s, false)
}

fn escape_attr(s: &str) -> String {
    escape(s, true)
}

/// Escapes markup characters; in an attribute value also quotes and the white space an XML
/// parser would normalise to a space.
fn escape(s: &str, attr: bool) -> String {
    let s = xml_chars(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            '"' if attr => out.push_str("&quot;"),
            '\n' if attr => out.push_str("&#10;"),
            '\t' if attr => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    out
}

impl Xml {
    pub(super) fn new() -> Xml {
        Xml {
            out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
            depth: 0,
        }
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    fn tag(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            self.out.push(' ');
            self.out.push_str(k);
            self.out.push_str("=\"");
            self.out.push_str(&escape_attr(v));
            self.out.push('"');
        }
    }

    pub(super) fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.indent();
        self.tag(name, attrs);
        self.out.push_str(">\n");
        self.depth += 1;
    }

    pub(super) fn close(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.indent();
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    pub(super) fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.indent();
        self.tag(name, attrs);
        self.out.push_str("/>\n");
    }

    /// An element holding text, on one line.
    pub(super) fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.indent();
        self.tag(name, attrs);
        self.out.push('>');
        self.out.push_str(&escape_text(text));
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    /// A `p` holding one inline element that holds the text.
    fn inline_p(&mut self, inline: &str, attrs: &[(&str, &str)], text: &str) {
        self.indent();
        self.out.push_str("<p>");
        self.tag(inline, attrs);
        self.out.push('>');
        self.out.push_str(&escape_text(text));
        self.out.push_str("</");
        self.out.push_str(inline);
        self.out.push_str("></p>\n");
    }

    pub(super) fn finish(self) -> String {
        self.out
    }
}

fn write_lines(x: &mut Xml, lines: &[Line]) {
    for l in lines {
        match l.mark {
            Mark::Plain => x.leaf("p", &[], &l.text),
            Mark::DocTitle => x.inline_p("docTitle", &[], &l.text),
            Mark::DocNumber => x.inline_p("docNumber", &[], &l.text),
            Mark::Date(d) => x.inline_p("date", &[("date", &iso(d))], &l.text),
        }
    }
}

fn write_ps(x: &mut Xml, lines: &[String]) {
    for l in lines {
        x.leaf("p", &[], l);
    }
}

fn write_part(x: &mut Xml, p: &Part) {
    let mut attrs = vec![("eId", p.eid.as_str())];
    if p.tag == "hcontainer" {
        attrs.push(("name", "text"));
    }
    x.open(p.tag, &attrs);
    if let Some(n) = &p.num {
        x.leaf("num", &[], n);
    }
    if let Some(h) = &p.heading {
        x.leaf("heading", &[], h);
    }
    if p.children.is_empty() {
        x.open("content", &[]);
        if p.lines.is_empty() {
            x.leaf("p", &[], "");
        } else {
            write_ps(x, &p.lines);
        }
        x.close("content");
    } else {
        if !p.lines.is_empty() {
            x.open("intro", &[]);
            write_ps(x, &p.lines);
            x.close("intro");
        }
        for c in &p.children {
            write_part(x, c);
        }
        if !p.wrap_up.is_empty() {
            x.open("wrapUp", &[]);
            write_ps(x, &p.wrap_up);
            x.close("wrapUp");
        }
    }
    x.close(p.tag);
}

/// The preface, preamble, body and conclusions.
fn write_body(x: &mut Xml, b: &Body, body_tag: &str) {
    if !b.preface.is_empty() {
        x.open("preface", &[]);
        write_lines(x, &b.preface);
        x.close("preface");
    }
    if !b.preamble.is_empty() {
        x.open("preamble", &[]);
        write_lines(x, &b.preamble);
        x.close("preamble");
    }
    x.open(body_tag, &[]);
    for p in &b.parts {
        write_part(x, p);
    }
    x.close(body_tag);
    if !b.conclusions.is_empty() {
        x.open("conclusions", &[]);
        write_lines(x, &b.conclusions);
        x.close("conclusions");
    }
}

/// The text an importer reads back from a body written with a layout.
fn reread(b: &Body, body_tag: &str, layout: &Layout) -> Result<String> {
    let mut x = Xml {
        out: format!("<akomaNtoso xmlns=\"{AKN3}\"><act>\n"),
        depth: 0,
    };
    write_body(&mut x, b, body_tag);
    x.out.push_str("</act></akomaNtoso>");
    let root = tree::parse(&x.out, Limits::default())?;
    let doc = root
        .child("act")
        .ok_or_else(|| Error::Integrity("the written body has no document".into()))?;
    Ok(body::read_text(doc, layout).text)
}

/// The layout under which the body reads back as the text, with that body; else the default
/// layout's body and `None`.
fn find_layout(
    text: &str,
    s: &structure::Structure,
    title: &str,
    number: Option<&str>,
    body_tag: &str,
) -> Result<(Body, Option<Layout>)> {
    let trailing = text.len() - text.trim_end_matches('\n').len();
    let plain = Layout {
        trailing: trailing.min(2),
        ..Layout::default()
    };
    let mut candidates = vec![plain.clone()];
    let mut seen = plain;
    if text.contains("\n\n") {
        seen.gap = 2;
    }
    if let Some(a) = s.articles().next()
        && let Some(first) = a.children.first()
        && let Some(sep) = text.get(a.start + a.heading.len()..first.start)
        && !sep.contains('\n')
    {
        seen.article_sep = sep.to_owned();
    }
    if let Some(c) = s.nodes().find(|n| n.level.is_container())
        && let Some(line) = text.get(c.start..c.end).and_then(|t| t.lines().next())
        && let Some(title) = &c.title
        && let Some(head) = line.strip_suffix(title.as_str())
    {
        let sep: String = head
            .chars()
            .rev()
            .take_while(|ch| ch.is_whitespace())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        seen.heading_sep = sep;
    }
    if seen != candidates[0] {
        candidates.push(seen);
    }
    for layout in candidates {
        let b = body::from_text(text, s, title, number, &layout);
        if reread(&b, body_tag, &layout)? == text {
            return Ok((b, Some(layout)));
        }
    }
    Ok((
        body::from_text(text, s, title, number, &Layout::default()),
        None,
    ))
}

fn status_concept(s: Status) -> String {
    format!("status_{}", s.token())
}

/// Writes one version of a work; see the `akn` module documentation.
pub(super) fn export(reg: &Registry, id: WorkId, which: Which) -> Result<String> {
    let work = reg.work(id)?;
    let index = match which {
        Which::Latest => work.versions.len() - 1,
        Which::Version(seq) => work
            .versions
            .iter()
            .position(|v| v.seq == seq)
            .ok_or_else(|| Error::not_found("version", format!("{id}/{seq}")))?,
        Which::AsOf(date) => {
            let v = work.version_in_force(date).ok_or_else(|| {
                Error::not_found("version in force", format!("{id} on {}", iso(date)))
            })?;
            work.versions
                .iter()
                .position(|x| x.seq == v.seq)
                .unwrap_or(work.versions.len() - 1)
        }
    };
    let v = &work.versions[index];
    let text = reg.text(id, v.seq)?;
    let parsed = structure::parse(&text);
    let names = naming::names(&work, v);
    let stored = reg.akn_identifiers(id, v.seq)?;
    let ids = Identifiers::of(&names, stored.as_ref());
    let number = v.meta.doc_number.as_ref().map(|n| n.canonical());
    let body_tag = if ids.doc_type == "act" {
        "body"
    } else {
        "mainBody"
    };
    let (b, layout) = find_layout(&text, &parsed, &v.meta.title, number, body_tag)?;
    let changes = reg.status_changes(id)?;
    let relations = reg.relations(id)?;

    let mut x = Xml::new();
    x.open("akomaNtoso", &[("xmlns", AKN3), ("xmlns:gf", GUIFAN)]);
    let contains = if work.versions.len() == 1 {
        "originalVersion"
    } else {
        "singleVersion"
    };
    x.open(
        &ids.doc_type,
        &[("name", v.meta.kind.trim()), ("contains", contains)],
    );
    x.open("meta", &[]);
    write_identification(&mut x, &ids, &work, v);
    let events = write_lifecycle(&mut x, reg, &work, &changes, &ids)?;
    write_analysis(&mut x, &events, &ids.work_uri);
    write_temporal(&mut x, &events);
    write_references(&mut x, reg, &work, v, &events, &relations, &names, &ids)?;
    write_proprietary(&mut x, &work, v, &changes, layout.as_ref(), &text, reg, id)?;
    x.close("meta");
    write_body(&mut x, &b, body_tag);
    x.close(&ids.doc_type);
    x.close("akomaNtoso");
    Ok(x.finish())
}

fn issuers(v: &Version) -> Vec<String> {
    v.meta
        .issuer
        .split('、')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn write_identification(x: &mut Xml, ids: &Identifiers, work: &Work, v: &Version) {
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

fn write_lifecycle(
    x: &mut Xml,
    reg: &Registry,
    work: &Work,
    changes: &[StatusChange],
    ids: &Identifiers,
) -> Result<Vec<Event>> {
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

fn write_analysis(x: &mut Xml, events: &[Event], work_uri: &str) {
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

fn write_temporal(x: &mut Xml, events: &[Event]) {
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

#[allow(clippy::too_many_arguments)]
fn write_references(
    x: &mut Xml,
    reg: &Registry,
    work: &Work,
    v: &Version,
    events: &[Event],
    relations: &[crate::store::RelationView],
    names: &Names,
    ids: &Identifiers,
) -> Result<()> {
    x.open("references", &[("source", "#guifan")]);
    let first = &work.versions[0];
    let original_href = naming::names(work, first).expression_uri;
    let original_href = if first.seq == v.seq {
        ids.expression_uri.clone()
    } else {
        original_href
    };
    x.empty(
        "original",
        &[
            ("eId", "original"),
            ("href", &original_href),
            ("showAs", &first.meta.title),
        ],
    );
    // Documents that amend or repeal this one.
    let by_kind = |kind: RelationKind| -> Vec<&crate::store::RelationView> {
        relations
            .iter()
            .filter(|r| r.direction == "incoming" && r.kind == kind && r.other.is_some())
            .collect()
    };
    let repealers = by_kind(RelationKind::Repeals);
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
                    let other = reg.work(r.other.unwrap_or(work.id))?;
                    (
                        naming::names(&other, other.latest()).work_uri,
                        format!("《{}》", other.latest().meta.title),
                    )
                }
                _ => (
                    names.work_uri.clone(),
                    e.status.map(|s| s.label().to_owned()).unwrap_or_default(),
                ),
            };
            x.empty(
                "passiveRef",
                &[("eId", &e.source[1..]), ("href", &href), ("showAs", &show)],
            );
        }
    }
    for (i, issuer) in issuers(v).iter().enumerate() {
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
    if issuers(v).is_empty() {
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
    if names.place != "national" {
        let href = format!(
            "/akn/ontology/locations/cn/{}",
            naming::component(&names.place)
        );
        x.empty(
            "TLCLocation",
            &[("eId", "place"), ("href", &href), ("showAs", &names.place)],
        );
    }
    x.empty(
        "TLCRole",
        &[
            ("eId", "author"),
            ("href", "/akn/ontology/roles/author"),
            ("showAs", "制定机关"),
        ],
    );
    x.empty(
        "TLCRole",
        &[
            ("eId", "editor"),
            ("href", "/akn/ontology/roles/editor"),
            ("showAs", "编辑"),
        ],
    );
    x.empty(
        "TLCConcept",
        &[
            ("eId", "inForce"),
            ("href", "/akn/ontology/concepts/inForce"),
            ("showAs", "施行"),
        ],
    );
    for ver in &work.versions {
        let eid = format!("version_{}", ver.seq);
        let href = format!("/akn/ontology/concepts/cn/version/{}", ver.seq);
        let show = format!("第{}版（{}）", ver.seq, ver.label);
        x.empty(
            "TLCConcept",
            &[("eId", &eid), ("href", &href), ("showAs", &show)],
        );
    }
    let mut statuses: Vec<Status> = events.iter().filter_map(|e| e.status).collect();
    statuses.dedup();
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
    x.close("references");
    Ok(())
}

fn opt_attr<'a>(attrs: &mut Vec<(&'a str, String)>, name: &'a str, value: Option<String>) {
    if let Some(v) = value {
        attrs.push((name, v));
    }
}

#[allow(clippy::too_many_arguments)]
fn write_proprietary(
    x: &mut Xml,
    work: &Work,
    v: &Version,
    changes: &[StatusChange],
    layout: Option<&Layout>,
    text: &str,
    reg: &Registry,
    id: WorkId,
) -> Result<()> {
    x.open("proprietary", &[("source", "#guifan")]);
    let m = &v.meta;
    let mut attrs: Vec<(&str, String)> =
        vec![("work", work.key.clone()), ("version", v.seq.to_string())];
    opt_attr(&mut attrs, "key", v.key.clone());
    attrs.push(("title", m.title.clone()));
    attrs.push(("kind", m.kind.clone()));
    attrs.push(("issuer", m.issuer.clone()));
    opt_attr(
        &mut attrs,
        "docNumber",
        m.doc_number.as_ref().map(|n| n.raw().to_owned()),
    );
    opt_attr(&mut attrs, "registrationNo", m.registration_no.clone());
    opt_attr(&mut attrs, "indexNo", m.index_no.clone());
    opt_attr(&mut attrs, "signed", m.signed.map(iso));
    opt_attr(&mut attrs, "issued", m.issued.map(iso));
    opt_attr(&mut attrs, "effective", m.effective.map(iso));
    opt_attr(&mut attrs, "expires", m.expires.map(iso));
    attrs.push(("label", v.label.clone()));
    if v.superseded {
        attrs.push(("superseded", "true".to_owned()));
    }
    opt_attr(&mut attrs, "amendedBy", v.amended_by.clone());
    opt_attr(&mut attrs, "note", v.note.clone());
    let borrowed: Vec<(&str, &str)> = attrs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    x.empty("gf:document", &borrowed);
    if !v.history.is_empty() {
        x.open("gf:history", &[]);
        for e in &v.history {
            match e.date {
                Some(d) => x.leaf("gf:event", &[("date", &iso(d))], &e.event),
                None => x.leaf("gf:event", &[], &e.event),
            }
        }
        x.close("gf:history");
    }
    // The status changes that make the work's history: the one this version's record
    // states, changes by hand, and campaign decisions that changed something.
    let kept: Vec<&StatusChange> = changes
        .iter()
        .filter(|c| match &c.source {
            ChangeSource::Record { version } => *version == v.seq,
            ChangeSource::Manual => true,
            ChangeSource::Campaign { .. } => c.date.is_some_and(|d| {
                d.previous_day()
                    .is_none_or(|before| reg.status_as_of(id, before).ok() != Some(c.status))
            }),
        })
        .collect();
    for c in kept {
        let mut attrs: Vec<(&str, String)> = vec![("status", c.status.token().to_owned())];
        opt_attr(&mut attrs, "date", c.date.map(iso));
        let source = match &c.source {
            ChangeSource::Record { .. } => "record".to_owned(),
            ChangeSource::Manual => "manual".to_owned(),
            ChangeSource::Campaign { key } => {
                attrs.push(("campaign", key.clone()));
                "campaign".to_owned()
            }
        };
        attrs.push(("source", source));
        opt_attr(&mut attrs, "reason", c.reason.clone());
        let borrowed: Vec<(&str, &str)> = attrs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        x.empty("gf:statusChange", &borrowed);
    }
    match layout {
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
        None => x.leaf("gf:text", &[], text),
    }
    x.close("proprietary");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_xml_needs() {
        assert_eq!(escape_text("a<b&c\r"), "a&lt;b&amp;c&#13;");
        assert_eq!(escape_attr("\"x\"\n"), "&quot;x&quot;&#10;");
        assert_eq!(escape_text("\u{b}"), "\u{fffd}");
    }
}
